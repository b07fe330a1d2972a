"""`check --report` on a report of many repositories, against the Binance emulator.

A key copied into several repositories is one key: one check, every place listed as
``repository:commit:path:line``, live keys first, and the clean-up per repository.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.cli_process import leaky_repository, run_cli
from tests.emulator.fixtures import (  # noqa: F401 - fixtures
    TRADING,
    WITHDRAWING,
    emulator_fixture,
    hmac_account,
)
from tests.emulator.server import Emulator
from tests.fake_values import random_key
from tests.gitrepo import scratch_git_env


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return scratch_git_env(tmp_path)


def key_requests(emulator: Emulator, api_key: str) -> int:
    return sum(
        1
        for r in emulator.requests
        if any(k.lower() == "x-mbx-apikey" and v == api_key for k, v in r.headers.items())
    )


def check(emulator: Emulator, report: Path, env: dict[str, str], *args: str) -> Any:
    return run_cli(
        "check", "--endpoint", emulator.url, "--allow-unofficial-endpoint", "--report",
        str(report), *args, cwd=report.parent, env=env,
    )  # fmt: skip


def test_a_copied_key_is_checked_once_with_every_place_live_first(
    tmp_path: Path, env: dict[str, str], emulator: Emulator
) -> None:
    copied, copied_secret = hmac_account(emulator, restrictions=dict(WITHDRAWING))
    trading, trading_secret = hmac_account(emulator, restrictions=dict(TRADING), ip_restrict=True)
    alpha = leaky_repository(tmp_path / "alpha", copied.api_key, copied_secret)
    beta = leaky_repository(tmp_path / "beta", copied.api_key, copied_secret)
    gamma = leaky_repository(tmp_path / "gamma", trading.api_key, trading_secret)
    # Binance does not know this one.
    dead = leaky_repository(tmp_path / "dead", random_key(), random_key())
    merged = tmp_path / "org.json"
    done = run_cli(
        "sweep", "--format", "json", "-o", str(merged), str(dead), str(gamma), str(alpha),
        str(beta), cwd=tmp_path, env=env,
    )  # fmt: skip
    assert done.returncode == 1, done.stderr

    # The baseline: checking alpha's key from alpha's own report.
    single = tmp_path / "alpha.json"
    run_cli("sweep", "--format", "json", "-o", str(single), str(alpha), cwd=tmp_path, env=env)
    assert check(emulator, single, env).returncode == 1
    once = key_requests(emulator, copied.api_key)
    assert once > 0
    emulator.requests.clear()

    done = check(emulator, merged, env, "--format", "json")
    assert done.returncode == 1, done.stderr
    assert key_requests(emulator, copied.api_key) == once  # two repositories, one check
    result = json.loads(done.stdout)
    statuses = [(key["status"], key["risk"]) for key in result["keys"]]
    assert statuses[0] == ("active", "critical")
    assert statuses[1][0] == "active"
    assert statuses[2][0] == "invalid"
    first = result["keys"][0]
    assert first["fingerprint"].startswith("sha256:")
    places = sorted(first["found_at"])
    assert len(places) == 2
    for place, repo in zip(places, (alpha, beta)):
        sha = run_git(repo, "rev-parse", "HEAD")[:12]
        assert place == f"{repo}:{sha}:.env:2"
    plan = result["repositories"]
    assert [entry["repository"] for entry in plan[:2]] == [str(alpha), str(beta)]
    assert plan[-1]["repository"] == str(dead)
    assert plan[0]["keys"][0]["status"] == "active"
    assert any("filter-repo" in step for step in plan[0]["cleanup_sequence"])

    done = check(emulator, merged, env)
    assert "Clean-up, per repository (most dangerous first):" in done.stdout
    assert f"  {alpha}: 2 value(s); keys:" in done.stdout


def run_git(repo: Path, *args: str) -> str:
    import subprocess

    return subprocess.run(
        ["git", "-C", str(repo), *args], capture_output=True, text=True, check=True
    ).stdout.strip()


def test_a_url_swept_without_kept_clone_says_how_to_check_it(
    tmp_path: Path, env: dict[str, str], emulator: Emulator
) -> None:
    account, secret = hmac_account(emulator)
    source = leaky_repository(tmp_path / "src", account.api_key, secret)
    merged = tmp_path / "org.json"
    run_cli("sweep", "--format", "json", "-o", str(merged), source.as_uri(), cwd=tmp_path, env=env)
    done = check(emulator, merged, env, "--format", "json")
    assert done.returncode == 3, done.stderr  # could not be confirmed
    (key,) = json.loads(done.stdout)["keys"]
    assert "--keep-clones" in key["reason"]
    assert key_requests(emulator, account.api_key) == 0

    kept = tmp_path / "clones"
    again = tmp_path / "kept.json"
    run_cli(
        "sweep", "--keep-clones", str(kept), "--format", "json", "-o", str(again),
        source.as_uri(), cwd=tmp_path, env=env,
    )  # fmt: skip
    done = check(emulator, again, env, "--format", "json")
    assert done.returncode == 1, done.stderr  # a live key
    (key,) = json.loads(done.stdout)["keys"]
    assert key["status"] == "active"
    assert key["found_at"][0].startswith(source.as_uri() + ":")


def test_a_hostile_repository_in_a_report_is_refused(tmp_path: Path, env: dict[str, str]) -> None:
    report = {
        "version": 1,
        "root": str(tmp_path),
        "findings": [
            {
                "type": "Binance API Key",
                "path": ".env",
                "line": 2,
                "redacted": "AbCd...WxYz",
                "fingerprint": "sha256:" + "a" * 64,
                "repository": "relative/path",
            }
        ],
        "skipped": [],
    }
    path = tmp_path / "r.json"
    path.write_text(json.dumps(report))
    done = run_cli("check", "--report", str(path), cwd=tmp_path, env=env)
    assert done.returncode == 2
    assert "repository" in done.stderr.splitlines()[-1]
