"""A CI report checked on another machine: `check --report r.json --root DIR` (scan
reports) and `--repository DIR` (sweep reports) read the values from a checkout at another
place than the one the report names, and a value that cannot be read says so.

The report is written in one directory (CI's /builds/...), the checkout then lives
elsewhere (a laptop's clone) and the original place is gone.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.cli_process import assert_one_line_error, env_text, run_cli
from tests.emulator.fixtures import emulator_fixture, hmac_account  # noqa: F401
from tests.emulator.server import Emulator
from tests.gitrepo import GitRepo, isolate_git


@pytest.fixture(autouse=True)
def isolated_git(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    isolate_git(monkeypatch, tmp_path_factory.mktemp("git"))


def check(emulator: Emulator, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    endpoint = ("--endpoint", emulator.url, "--allow-unofficial-endpoint")
    return run_cli("check", *endpoint, "--format", "json", *args, cwd=cwd)


def only_key(done: subprocess.CompletedProcess[str]) -> dict:
    (key,) = json.loads(done.stdout)["keys"]
    return key


@pytest.fixture
def ci_scan(emulator: Emulator, tmp_path: Path) -> tuple[Path, Path, str]:
    """A scan report written in `builds/project` (then removed) and a checkout of the same
    files at `laptop/project`: (checkout, report, api key)."""
    account, secret = hmac_account(emulator)
    builds = tmp_path / "builds" / "project"
    (builds / "bot").mkdir(parents=True)
    (builds / "bot" / ".env").write_text(env_text(account.api_key, secret))
    report = tmp_path / "r.json"
    done = run_cli("scan", "--all-files", "--format", "json", "-o", str(report), ".", cwd=builds)
    assert done.returncode == 1, done.stderr
    checkout = tmp_path / "laptop" / "project"
    shutil.copytree(builds, checkout)
    shutil.rmtree(tmp_path / "builds")
    return checkout, report, account.api_key


def test_scan_report_is_checked_in_a_checkout_elsewhere(
    ci_scan: tuple[Path, Path, str], emulator: Emulator, tmp_path: Path
) -> None:
    checkout, report, api_key = ci_scan
    done = check(emulator, "--report", str(report), "--root", str(checkout), cwd=tmp_path)
    assert done.returncode == 1, done.stderr  # active
    key = only_key(done)
    assert key["status"] == "active" and key["found_at"] == ["bot/.env:2"]
    assert api_key not in done.stdout + done.stderr


def test_root_may_be_relative_to_the_current_directory(
    ci_scan: tuple[Path, Path, str], emulator: Emulator
) -> None:
    checkout, report, _ = ci_scan
    done = check(emulator, "--report", str(report), "--root", ".", cwd=checkout)
    assert done.returncode == 1, done.stderr
    assert only_key(done)["status"] == "active"


def test_unreadable_value_says_it_could_not_be_read_below_the_root(
    ci_scan: tuple[Path, Path, str], emulator: Emulator, tmp_path: Path
) -> None:
    _, report, _ = ci_scan
    recorded = json.loads(report.read_text())["root"]
    done = check(emulator, "--report", str(report), cwd=tmp_path)
    assert done.returncode == 3, done.stderr  # not confirmed
    key = only_key(done)
    assert key["status"] == "unknown"
    assert key["reason"].startswith(f"bot/.env:2 cannot be opened below {recorded}: ")
    assert "--root" in key["reason"]
    assert "Binance could not be asked" not in key["risk_reason"]
    assert "could not be read" in key["risk_reason"]
    assert emulator.requests == []

    text = run_cli(
        "check", "--endpoint", emulator.url, "--allow-unofficial-endpoint",
        "--report", str(report), cwd=tmp_path,
    ).stdout  # fmt: skip
    text = " ".join(text.split())  # the reason is wrapped at word boundaries
    assert "Binance could not be asked" not in text
    assert f"bot/.env:2 cannot be opened below {recorded}" in text


def test_a_file_missing_from_the_given_root_names_that_root(
    ci_scan: tuple[Path, Path, str], emulator: Emulator, tmp_path: Path
) -> None:
    checkout, report, _ = ci_scan
    (checkout / "bot" / ".env").unlink()
    done = check(emulator, "--report", str(report), "--root", str(checkout), cwd=tmp_path)
    assert done.returncode == 3
    assert only_key(done)["reason"].startswith(f"bot/.env:2 cannot be opened below {checkout}: ")


def test_the_given_root_still_confines_reads_no_symlink_escape(
    ci_scan: tuple[Path, Path, str], emulator: Emulator, tmp_path: Path
) -> None:
    checkout, report, _ = ci_scan
    outside = tmp_path / "outside"
    outside.mkdir()
    shutil.move(str(checkout / "bot" / ".env"), outside / ".env")
    (checkout / "bot" / ".env").symlink_to(outside / ".env")
    done = check(emulator, "--report", str(report), "--root", str(checkout), cwd=tmp_path)
    assert done.returncode == 3
    assert "symlink (not followed)" in only_key(done)["reason"]
    (checkout / "bot" / ".env").unlink()
    shutil.rmtree(checkout / "bot")
    (checkout / "bot").symlink_to(outside)  # a symlinked directory on the way
    done = check(emulator, "--report", str(report), "--root", str(checkout), cwd=tmp_path)
    assert done.returncode == 3
    assert "symlink" in only_key(done)["reason"]
    assert emulator.requests == []


@pytest.mark.parametrize("option", ["--root", "--repository"])
def test_a_root_that_is_not_a_directory_is_a_usage_error(
    ci_scan: tuple[Path, Path, str], emulator: Emulator, tmp_path: Path, option: str
) -> None:
    _, report, _ = ci_scan
    done = check(emulator, "--report", str(report), option, str(tmp_path / "nope"), cwd=tmp_path)
    assert_one_line_error(done, option, "nope", "not a directory")
    (tmp_path / "file").write_text("")
    done = check(emulator, "--report", str(report), option, str(tmp_path / "file"), cwd=tmp_path)
    assert_one_line_error(done, option, "not a directory")


def test_root_without_a_report_is_a_usage_error(emulator: Emulator, tmp_path: Path) -> None:
    done = check(emulator, "--root", str(tmp_path), cwd=tmp_path)
    assert_one_line_error(done, "--root", "--report")


@pytest.fixture
def ci_sweep(emulator: Emulator, tmp_path: Path) -> tuple[Path, Path, str]:
    """A sweep report written in a CI clone (then removed) whose value was deleted from the
    tree later, and a clone of the same repository elsewhere: (clone, report, api key)."""
    account, secret = hmac_account(emulator)
    origin = GitRepo(tmp_path / "origin")
    origin.commit("bot", {"bot/.env": env_text(account.api_key, secret)})
    origin.commit("vault", {"bot/.env": "# binance bot, keys in the vault\n"})
    builds = tmp_path / "builds" / "project"
    subprocess.run(["git", "clone", "-q", str(origin.path), str(builds)], check=True)
    report = tmp_path / "sweep.json"
    done = run_cli("sweep", "--quiet", "--format", "json", "-o", str(report), ".", cwd=builds)
    assert done.returncode == 1, done.stderr
    shutil.rmtree(tmp_path / "builds")
    clone = tmp_path / "laptop" / "project"
    subprocess.run(["git", "clone", "-q", str(origin.path), str(clone)], check=True)
    return clone, report, account.api_key


@pytest.mark.parametrize("option", ["--repository", "--root"])
def test_sweep_report_is_checked_in_a_clone_elsewhere(
    ci_sweep: tuple[Path, Path, str], emulator: Emulator, tmp_path: Path, option: str
) -> None:
    clone, report, api_key = ci_sweep
    done = check(emulator, "--report", str(report), option, str(clone), cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    key = only_key(done)
    assert key["status"] == "active"
    assert api_key not in done.stdout + done.stderr


def test_sweep_report_without_its_repository_says_so(
    ci_sweep: tuple[Path, Path, str], emulator: Emulator, tmp_path: Path
) -> None:
    _, report, _ = ci_sweep
    recorded = json.loads(report.read_text())["repository"]
    done = check(emulator, "--report", str(report), cwd=tmp_path)
    assert done.returncode == 3
    reason = only_key(done)["reason"]
    assert f"cannot be read from repository {recorded}" in reason, reason
    assert "--repository" in reason and "no longer at" not in reason
    assert emulator.requests == []


def test_sweep_report_in_a_clone_without_the_commit_says_so(
    ci_sweep: tuple[Path, Path, str], emulator: Emulator, tmp_path: Path
) -> None:
    _, report, _ = ci_sweep
    other = GitRepo(tmp_path / "other")
    other.commit("unrelated", {"README.md": "# other\n"})
    done = check(emulator, "--report", str(report), "--repository", str(other.path), cwd=tmp_path)
    assert done.returncode == 3
    reason = only_key(done)["reason"]
    assert "is not in repository" in reason and str(other.path) in reason, reason
    assert emulator.requests == []


def test_not_a_git_repository_says_so(
    ci_sweep: tuple[Path, Path, str], emulator: Emulator, tmp_path: Path
) -> None:
    _, report, _ = ci_sweep
    plain = tmp_path / "plain"
    plain.mkdir()
    done = check(emulator, "--report", str(report), "--repository", str(plain), cwd=tmp_path)
    assert done.returncode == 3
    reason = only_key(done)["reason"]
    assert f"cannot be read from repository {plain}: not a git repository" in reason, reason
    assert os.path.isdir(plain)
