"""The live check against the emulator: each key gets its own secret (by name, or by retrying
other candidates after -1022), where it was found is reported, and the exit codes a CI gate
relies on."""

from __future__ import annotations

import json
import os
import socket
from pathlib import Path

import pytest
from click.testing import CliRunner

from binance_secrets.hooks.commands.cli import cli
from binance_secrets.plugins.livecheck.candidates import MAX_SECRET_ATTEMPTS
from tests.emulator.fixtures import (  # noqa: F401 - fixtures
    CLEAN_ENV,
    READ_ONLY,
    TRADING,
    WITHDRAWING,
    emulator_fixture,
    hmac_account,
)
from tests.emulator.server import Emulator
from tests.fake_values import random_der_body, random_key


def run(root: Path, *args: str, env: dict[str, str] | None = None):
    old = os.getcwd()
    os.chdir(root)
    try:
        return CliRunner().invoke(cli, list(args), env={**CLEAN_ENV, **(env or {})})
    finally:
        os.chdir(old)


def at(emulator: Emulator) -> list[str]:
    return ["--endpoint", emulator.url, "--allow-unofficial-endpoint"]


def scan_report(root: Path) -> Path:
    report = root.parent / f"{root.name}-report.json"
    done = run(root, "scan", "--all-files", "--format", "json", "-o", str(report), ".")
    assert done.exit_code == 1, done.output
    return report


def scan_verify_keys(
    root: Path,
    emulator: Emulator,
    env: dict[str, str] | None = None,
    exit_code: int = 1,
    *options: str,
) -> list[dict]:
    """`scan --all-files --verify` of ``root`` against the emulator: the check JSON's keys."""
    done = run(
        root,
        "scan",
        "--all-files",
        "--verify",
        *at(emulator),
        *options,
        "--format",
        "json",
        env=env,
    )
    assert done.exit_code == exit_code, done.output
    return json.loads(done.stdout)["keys"]


def signed_requests(emulator: Emulator) -> int:
    return sum(1 for r in emulator.requests if "signature=" in r.query)


def test_interleaved_names_each_key_gets_its_own_secret_and_risk(
    emulator: Emulator, tmp_path: Path
) -> None:
    main, main_secret = hmac_account(emulator, restrictions=dict(WITHDRAWING))
    sub, sub_secret = hmac_account(emulator, restrictions=dict(TRADING))
    (tmp_path / "binance.env").write_text(
        f"MAIN_API_KEY={main.api_key}\nSUB_API_KEY={sub.api_key}\n"
        f"MAIN_API_SECRET={main_secret}\nSUB_API_SECRET={sub_secret}\n"
    )
    report = scan_report(tmp_path)
    result = run(tmp_path, "check", *at(emulator), "--report", str(report), "--format", "json")
    assert result.exit_code == 1, result.output
    keys = {k["redacted"][:4]: k for k in json.loads(result.stdout)["keys"]}
    assert keys[main.api_key[:4]]["status"] == "active"
    assert keys[main.api_key[:4]]["risk"] == "critical"
    assert keys[sub.api_key[:4]]["status"] == "active"
    assert keys[sub.api_key[:4]]["risk"] == "high"
    # Paired by name on the first try: no retries were needed.
    assert all(k["secrets_tried"] == 1 for k in keys.values())
    assert keys[main.api_key[:4]]["secret_found_at"] == "binance.env:3"
    assert keys[main.api_key[:4]]["found_at"] == ["binance.env:1"]


def _wrong_and_right(emulator: Emulator, root: Path) -> tuple[str, str]:
    account, secret = hmac_account(emulator, restrictions=dict(TRADING))
    (root / "a.env").write_text(
        f"# binance\nBINANCE_API_KEY={account.api_key}\nBINANCE_API_SECRET={random_key()}\n"
    )
    (root / "b.env").write_text(
        f"# binance\nBINANCE_API_KEY={account.api_key}\nBINANCE_API_SECRET={secret}\n"
    )
    return account.api_key, secret


def test_same_key_beside_wrong_and_right_secret_check_report(
    emulator: Emulator, tmp_path: Path
) -> None:
    api_key, secret = _wrong_and_right(emulator, tmp_path)
    report = scan_report(tmp_path)
    result = run(tmp_path, "check", *at(emulator), "--report", str(report), "--format", "json")
    assert result.exit_code == 1, result.output
    (key,) = json.loads(result.stdout)["keys"]
    assert key["status"] == "active"
    assert key["secret_found_at"] == "b.env:3"
    assert key["secrets_tried"] == 2
    assert "a.env:3 does not sign for it" in key["reason"]
    assert sorted(key["found_at"]) == ["a.env:2", "b.env:2"]
    assert secret not in result.output and api_key not in result.output
    text = run(tmp_path, "check", *at(emulator), "--report", str(report))
    assert "b.env:3" in text.stdout


def test_same_key_beside_wrong_and_right_secret_scan_verify(
    emulator: Emulator, tmp_path: Path
) -> None:
    _wrong_and_right(emulator, tmp_path)
    (key,) = scan_verify_keys(tmp_path, emulator)
    assert key["status"] == "active" and key["secret_found_at"] == "b.env:3"


def test_wrong_secret_beside_the_key_and_right_one_in_the_environment(
    emulator: Emulator, tmp_path: Path
) -> None:
    account, secret = hmac_account(emulator)
    (tmp_path / "a.env").write_text(
        f"# binance\nBINANCE_API_KEY={account.api_key}\nBINANCE_API_SECRET={random_key()}\n"
    )
    env = {"BINANCE_API_SECRET": secret}
    (key,) = scan_verify_keys(tmp_path, emulator, env, 1, "--try-env-secret")
    assert key["status"] == "active"
    assert key["secret_found_at"] == "environment variable BINANCE_API_SECRET"
    done = run(
        tmp_path, "scan", "--all-files", "--verify", *at(emulator), "--try-env-secret", env=env
    )
    assert "BINANCE_API_SECRET from the environment was also tried" in " ".join(done.stdout.split())


def test_the_environment_s_secret_is_not_tried_unless_asked(
    emulator: Emulator, tmp_path: Path
) -> None:
    """A repository (a pull request) must not get its key signed with the secret of whoever
    runs `scan --verify`: BINANCE_API_SECRET is opt-in."""
    account, secret = hmac_account(emulator)
    (tmp_path / "a.env").write_text(
        f"# binance\nBINANCE_API_KEY={account.api_key}\nBINANCE_API_SECRET={random_key()}\n"
    )
    (key,) = scan_verify_keys(tmp_path, emulator, {"BINANCE_API_SECRET": secret}, 3)
    assert key["status"] == "secret_mismatch" and key["secrets_tried"] == 1
    assert signed_requests(emulator) == 1


def test_retries_are_bounded(emulator: Emulator, tmp_path: Path) -> None:
    account, _ = hmac_account(emulator)
    wrong = "\n".join(f"SECRET_{n}={random_key()}" for n in range(MAX_SECRET_ATTEMPTS + 4))
    (tmp_path / "binance.env").write_text(f"API_KEY={account.api_key}\n{wrong}\n")
    (key,) = scan_verify_keys(tmp_path, emulator, exit_code=3)
    assert key["status"] == "secret_mismatch"
    assert key["secrets_tried"] == MAX_SECRET_ATTEMPTS
    assert signed_requests(emulator) == MAX_SECRET_ATTEMPTS
    assert f"none of the {MAX_SECRET_ATTEMPTS} candidate secrets" in key["reason"]


def test_plugin_verify_tries_the_contexts_other_secret(emulator: Emulator, monkeypatch) -> None:
    from detect_secrets.constants import VerifiedResult

    from binance_secrets.plugins.livecheck.verification import clear_cache, verify_from_context

    account, secret = hmac_account(emulator)
    monkeypatch.setenv("BINANCE_SECRETS_ENDPOINT", emulator.url)
    monkeypatch.setenv("BINANCE_SECRETS_ALLOW_UNOFFICIAL_ENDPOINT", "1")
    monkeypatch.delenv("BINANCE_API_SECRET", raising=False)
    clear_cache()
    context = [
        "# binance",
        f"MAIN_API_KEY={account.api_key}",
        f"MAIN_API_SECRET={random_key()}",  # a wrong secret named like the key
        f"OLD_SECRET={secret}",
    ]
    assert verify_from_context("Binance API Key", account.api_key, context) == (
        VerifiedResult.VERIFIED_TRUE
    )
    assert signed_requests(emulator) == 2


def _closed_port_url() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


def test_unreachable_endpoint_exits_3_and_fail_on_active_exits_0(tmp_path: Path) -> None:
    env = {
        "BINANCE_API_KEY": random_key(),
        "BINANCE_API_SECRET": random_key(),
        # The endpoint from the environment, as in scan --verify and the plugins.
        "BINANCE_SECRETS_ENDPOINT": _closed_port_url(),
        "BINANCE_SECRETS_ALLOW_UNOFFICIAL_ENDPOINT": "1",
    }
    result = run(tmp_path, "check", "--format", "json", env=env)
    assert result.exit_code == 3, result.output
    (key,) = json.loads(result.stdout)["keys"]
    assert key["status"] == "unknown"
    assert run(tmp_path, "check", "--fail-on", "active", env=env).exit_code == 0
    assert run(tmp_path, "check", "-q", "--fail-on", "active", env=env).stdout == ""


@pytest.mark.parametrize(("fail_on", "code"), [("unconfirmed", 3), ("active", 0)])
def test_fail_on_for_an_unpaired_key(
    emulator: Emulator, tmp_path: Path, fail_on: str, code: int
) -> None:
    account, _ = hmac_account(emulator)
    (tmp_path / "binance.env").write_text(f"BINANCE_API_KEY={account.api_key}\n")
    report = scan_report(tmp_path)
    args = ["check", *at(emulator), "--report", str(report), "--fail-on", fail_on]
    assert run(tmp_path, *args).exit_code == code
    assert emulator.requests == []


def test_scan_verify_exit_codes(emulator: Emulator, tmp_path: Path) -> None:
    (tmp_path / "binance.env").write_text(
        f"BINANCE_API_KEY={random_key()}\nBINANCE_API_SECRET={random_key()}\n"
    )
    # Binance does not know the key: found, but nothing live.
    assert run(tmp_path, "scan", "--all-files", "--verify", *at(emulator)).exit_code == 0
    account, secret = hmac_account(emulator, restrictions=dict(READ_ONLY))
    (tmp_path / "binance.env").write_text(
        f"BINANCE_API_KEY={account.api_key}\nBINANCE_API_SECRET={secret}\n"
    )
    assert run(tmp_path, "scan", "--all-files", "--verify", *at(emulator)).exit_code == 1
    (tmp_path / "binance.env").write_text(f"BINANCE_API_SECRET={secret}\n")
    # A secret without its key cannot be checked: unconfirmed.
    result = run(tmp_path, "scan", "--all-files", "--verify", *at(emulator))
    assert result.exit_code == 3, result.output
    active_only = run(
        tmp_path, "scan", "--all-files", "--verify", *at(emulator), "--fail-on", "active"
    )
    assert active_only.exit_code == 0, active_only.output


def test_check_text_sorted_by_risk_with_reasons_places_and_shared_steps_once(
    emulator: Emulator, tmp_path: Path
) -> None:
    reader, reader_secret = hmac_account(emulator, restrictions=dict(READ_ONLY), ip_restrict=True)
    trader, trader_secret = hmac_account(emulator, restrictions=dict(TRADING))
    drainer, drainer_secret = hmac_account(emulator, restrictions=dict(WITHDRAWING))
    for name, (account, secret) in {
        "reader": (reader, reader_secret),
        "trader": (trader, trader_secret),
        "drainer": (drainer, drainer_secret),
    }.items():
        (tmp_path / f"{name}.env").write_text(
            f"# binance\nBINANCE_API_KEY={account.api_key}\nBINANCE_API_SECRET={secret}\n"
        )
    report = scan_report(tmp_path)
    result = run(tmp_path, "check", *at(emulator), "--report", str(report))
    assert result.exit_code == 1, result.output
    out = result.stdout
    flat = " ".join(out.split())
    order = [out.index(f"{a.api_key[:4]}...{a.api_key[-4:]}: ") for a in (drainer, trader, reader)]
    assert order == sorted(order)  # critical, high, low
    assert "risk critical. Withdrawals enabled: funds can be moved out of the account." in flat
    assert "risk high. Trading enabled and no IP whitelist: it can be drained by trades" in flat
    assert "found at drainer.env:2" in flat and "found at reader.env:2" in flat
    # Shared steps once, after the keys; key-specific ones per key.
    assert out.count("Create a new key with only the permissions") == 1
    assert out.count("Rotate the new key every 1-3 months") == 1
    assert out.count("Delete the API key now") == 3
    assert out.index("Then, for every key above:") > out.index("found at reader.env:2")
    # The read-only key gets no trading advice; the trading key does.
    reader_block = out[out.index(f"{reader.api_key[:4]}...{reader.api_key[-4:]}: ") :]
    reader_block = reader_block[: reader_block.index("Then, for every key above:")]
    assert "extreme prices" not in reader_block
    trader_block = out[out.index(f"{trader.api_key[:4]}...{trader.api_key[-4:]}: ") :]
    assert "extreme prices" in trader_block.split(reader.api_key[:4])[0]
    keys = json.loads(
        run(tmp_path, "check", *at(emulator), "--report", str(report), "--format", "json").stdout
    )["keys"]
    assert [k["risk"] for k in keys] == ["critical", "high", "low"]


def test_sweep_verify_and_check_of_a_sweep_report_say_which_commit(
    emulator: Emulator, tmp_path: Path
) -> None:
    from tests.gitrepo import GitRepo

    account, secret = hmac_account(emulator)
    repo = GitRepo(tmp_path / "repo")
    sha = repo.commit(
        "add config",
        {"bot.env": f"# binance\nBINANCE_API_KEY={account.api_key}\nBINANCE_API_SECRET={secret}\n"},
    )
    repo.commit("remove config", remove=("bot.env",))
    done = run(repo.path, "sweep", "-q", "--verify", *at(emulator), "--format", "json")
    assert done.exit_code == 1, done.output
    (key,) = json.loads(done.stdout)["keys"]
    assert key["found_at"] == [f"{sha[:12]}:bot.env:2"]
    assert key["secret_found_at"] == f"{sha[:12]}:bot.env:3"
    report = tmp_path / "sweep.json"
    report.write_text(done.stdout)
    checked = run(tmp_path, "check", *at(emulator), "--report", str(report), "--format", "json")
    (key,) = json.loads(checked.stdout)["keys"]
    assert key["status"] == "active" and key["found_at"] == [f"{sha[:12]}:bot.env:2"]


def test_a_broken_pem_beside_the_key_and_the_right_secret_elsewhere(
    emulator: Emulator, tmp_path: Path
) -> None:
    account, secret = hmac_account(emulator)
    body = random_der_body()  # shaped like a key, so it is found; random, so it cannot sign
    (tmp_path / "a.env").write_text(
        f"# binance\nBINANCE_API_KEY={account.api_key}\n"
        f"-----BEGIN PRIVATE KEY-----\n{body[:64]}\n{body[64:]}\n-----END PRIVATE KEY-----\n"
    )
    env = {"BINANCE_API_SECRET": secret}
    (key,) = scan_verify_keys(tmp_path, emulator, env, 1, "--try-env-secret")
    assert key["status"] == "active", key
    assert "the secret paired with it at a.env:3 cannot be used" in key["reason"]
    assert key["secret_found_at"] == "environment variable BINANCE_API_SECRET"
    assert key["secrets_tried"] == 1  # the broken PEM never signed a request


def test_the_right_secret_alone_in_another_file_of_the_report(
    emulator: Emulator, tmp_path: Path
) -> None:
    account, secret = hmac_account(emulator)
    (tmp_path / "a.env").write_text(
        f"# binance\nBINANCE_API_KEY={account.api_key}\nBINANCE_API_SECRET={random_key()}\n"
    )
    (tmp_path / "vault.env").write_text(f"# binance\nBINANCE_API_SECRET={secret}\n")
    report = scan_report(tmp_path)
    result = run(tmp_path, "check", *at(emulator), "--report", str(report), "--format", "json")
    assert result.exit_code == 1, result.output
    (key,) = json.loads(result.stdout)["keys"]
    assert key["secret_found_at"] == "vault.env:2"
