"""Key files that a project's configuration names as Binance's."""

from __future__ import annotations

from pathlib import Path

import pytest

from binance_secrets.plugins.detection.findings import PRIVATE_KEY
from binance_secrets.plugins.detection.key_file_pointers import (
    MAX_CONFIG_FILES,
    POINTERS,
    Pointer,
    is_config_file,
    pointed_files,
    project_pointed_files,
)
from tests.test_project_signals import pem, scan, write


@pytest.mark.parametrize("row", POINTERS, ids=lambda row: row.label)
def test_each_pointer_reads_its_example(row: Pointer) -> None:
    assert pointed_files(row.example) == {row.file}
    # the same setting for another service points at its key, not Binance's
    other = row.example.replace("BINANCE", "REDIS").replace("binance_", "redis_")
    assert pointed_files(other) == set()


def test_a_binance_name_must_also_name_a_key() -> None:
    assert pointed_files("BINANCE_LOG_FILE=logs/binance.key") == set()
    assert pointed_files("BINANCE_SECRET_KEY_FILE='C:\\keys\\bn.pem'") == {"bn.pem"}


def test_only_configuration_files_are_read() -> None:
    assert is_config_file("node/.env") and is_config_file("config/prod.yaml")
    assert not is_config_file("src/auth.js") and not is_config_file("keys/prod-prv-key.pem")
    texts = {f"c{i}.env": "" for i in range(MAX_CONFIG_FILES)}
    texts["last.env"] = "BINANCE_PRIVATE_KEY=k.pem"
    assert project_pointed_files(texts, texts.get) == frozenset()


def test_a_pem_file_a_binance_setting_points_at_is_binance_s(tmp_path: Path) -> None:
    """A Node bot: Ed25519 PEMs under keys/, named by the .env's
    BINANCE_PRIVATE_KEY_PATH_ED25519; the Redis TLS key under certs/ named by
    REDIS_PRIVATE_KEY_PATH is Redis's, and so is an unnamed PEM."""
    env = (
        "export BINANCE_PRIVATE_KEY_PATH_ED25519=keys/prod-prv-key.pem\n"
        "export REDIS_PRIVATE_KEY_PATH=certs/redis.key\n"
    )
    write(
        tmp_path,
        {
            "node/.env": env,
            "node/keys/prod-prv-key.pem": pem(),
            "node/keys/other.pem": pem(),
            "node/certs/redis.key": pem(),
        },
    )
    found = {(f["path"], f["type"]) for f in scan(tmp_path)}
    assert found == {("node/keys/prod-prv-key.pem", PRIVATE_KEY)}
