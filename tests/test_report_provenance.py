"""Every JSON report says when it was made (UTC, ISO 8601) and by which version of the tool,
before anything else: scan, sweep and check."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from importlib import metadata
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from binance_secrets.hooks.commands.cli import cli
from tests.emulator.fixtures import CLEAN_ENV, emulator_fixture, hmac_account  # noqa: F401
from tests.emulator.server import Emulator
from tests.fake_values import random_key
from tests.gitrepo import GitRepo


def assert_stamped(report: dict[str, Any]) -> None:
    assert list(report)[:3] == ["version", "generated_at", "tool_version"]
    made = datetime.strptime(report["generated_at"], "%Y-%m-%dT%H:%M:%SZ")
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    assert now - timedelta(minutes=5) <= made <= now + timedelta(seconds=1)
    assert report["tool_version"] == metadata.version("binance-secrets")


def run(*args: str, env: dict[str, str] | None = None) -> dict[str, Any]:
    result = CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)
    return json.loads(result.stdout)


def test_scan_sweep_and_check_reports_say_when_and_which_version(
    tmp_path: Path, emulator: Emulator
) -> None:
    repo = GitRepo(tmp_path / "repo")
    repo.commit("add", {"bot.env": f"BINANCE_API_KEY={random_key()}\n"})
    assert_stamped(run("scan", "--format", "json", str(repo.path)))
    assert_stamped(run("sweep", "-q", "--format", "json", str(repo.path)))
    account, secret = hmac_account(emulator)
    check = run(
        "check", "--endpoint", emulator.url, "--allow-unofficial-endpoint", "--format", "json",
        env={**CLEAN_ENV, "BINANCE_API_KEY": account.api_key, "BINANCE_API_SECRET": secret},
    )  # fmt: skip
    assert_stamped(check)
