"""SARIF from `scan` and `sweep`, validated against the OASIS SARIF 2.1.0 schema.

The schema is vendored (tests/schemas/README.md says where it comes from). Beyond schema
validity: %SRCROOT% is defined in originalUriBaseIds, every region has a startColumn that
points at the value, and a sweep finding whose file is gone from HEAD says where it lives.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner

from binance_secrets.hooks.commands.cli import cli
from tests.fake_values import random_key
from tests.gitrepo import GitRepo

SCHEMA = json.loads(
    (Path(__file__).parent / "schemas" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8")
)


def validate(report: dict[str, Any]) -> None:
    jsonschema.Draft4Validator.check_schema(SCHEMA)
    errors = sorted(jsonschema.Draft4Validator(SCHEMA).iter_errors(report), key=str)
    assert errors == [], "\n".join(error.message for error in errors[:5])


def sarif(*args: str) -> dict[str, Any]:
    result = CliRunner().invoke(cli, [*args, "--format", "sarif"], catch_exceptions=False)
    assert result.exit_code == 1, result.output
    return json.loads(result.stdout)


def test_the_validator_rejects_what_the_schema_forbids() -> None:
    with pytest.raises(AssertionError):
        validate({"version": "2.1.0", "runs": [{"results": []}]})  # no tool


def test_scan_sarif_is_valid_with_base_ids_and_columns(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    key, secret = random_key(), random_key()
    lines = [
        "from binance.client import Client",
        f"client = Client('{key}',",
        f"                '{secret}')",
    ]
    (tmp_path / "bot.py").write_text("\n".join(lines) + "\n")
    monkeypatch.chdir(tmp_path)
    report = sarif("scan", "--all-files", ".")
    validate(report)
    run = report["runs"][0]
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == tmp_path.resolve().as_uri() + "/"
    assert run["columnKind"] == "unicodeCodePoints"
    located = {}
    for result in run["results"]:
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"] == {"uri": "bot.py", "uriBaseId": "%SRCROOT%"}
        region = location["region"]
        located[region["startLine"]] = region["startColumn"]
    assert located == {2: lines[1].index(key) + 1, 3: lines[2].index(secret) + 1}


def test_sweep_sarif_says_where_a_value_lives_when_its_file_left_head(tmp_path: Path) -> None:
    repo = GitRepo(tmp_path / "repo")
    repo.commit("initial", {"README.md": "# bot\n"})
    gone, kept = random_key(), random_key()
    introduced = repo.commit("add config", {"old/.env": f"BINANCE_API_KEY={gone}\n"})
    repo.commit("remove config", remove=("old/.env",))
    repo.commit("add settings", {"settings.env": f"BINANCE_API_SECRET={kept}\n"})

    report = sarif("sweep", str(repo.path), "--quiet")
    validate(report)
    run = report["runs"][0]
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == repo.path.resolve().as_uri() + "/"
    by_path = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]: r
        for r in run["results"]
    }
    removed = by_path["old/.env"]
    text = removed["message"]["text"]
    assert f"Introduced in commit {introduced[:12]} (old/.env:1)" in text
    assert "Not in HEAD: only in history (refs/heads/" in text
    assert f"git show {introduced[:12]}:old/.env" in text
    assert removed["properties"]["in_head"] is False
    assert removed["properties"]["commit"] == introduced
    assert removed["locations"][0]["physicalLocation"]["region"]["startColumn"] == 17
    assert "Still in HEAD: settings.env." in by_path["settings.env"]["message"]["text"]
    assert gone not in json.dumps(report) and kept not in json.dumps(report)


def test_artifact_uris_are_uri_references(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A space, '#', '%', '?', ':' or non-ASCII letter in a file name is percent-encoded:
    unencoded, a SARIF consumer read `a b#c.py` as the file `a b` with a fragment."""
    name = "sub dir/a b#c%20?:ü.py"
    (tmp_path / "sub dir").mkdir()
    (tmp_path / name).write_text(
        f"from binance.client import Client\nclient = Client('{random_key()}', '{random_key()}')\n"
    )
    monkeypatch.chdir(tmp_path)
    report = sarif("scan", "--all-files", ".")
    validate(report)
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for r in report["runs"][0]["results"]}
    assert uris == {"sub%20dir/a%20b%23c%2520%3F%3A%C3%BC.py"}
