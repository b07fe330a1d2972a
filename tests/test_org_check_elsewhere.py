"""`check --report merged.json` on another machine: the repositories a report of many
names are not where it says (CI's clones, another laptop's paths), so
`--repository NAME=DIR` says where each one is here; the reason of a key that cannot be
read says exactly that, and following it works.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.cli_process import assert_one_line_error, leaky_repository, run_cli
from tests.emulator.fixtures import emulator_fixture, hmac_account  # noqa: F401 - fixtures
from tests.emulator.server import Emulator
from tests.gitrepo import scratch_git_env


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return scratch_git_env(tmp_path)


def check(emulator: Emulator, report: Path, env: dict[str, str], *args: str):
    return run_cli(
        "check", "--endpoint", emulator.url, "--allow-unofficial-endpoint", "--report",
        str(report), "--format", "json", *args, cwd=report.parent, env=env,
    )  # fmt: skip


@pytest.fixture
def moved(
    tmp_path: Path, env: dict[str, str], emulator: Emulator
) -> tuple[Path, dict[str, Path], dict[str, Path]]:
    """Per-repository sweep reports merged on the machine that swept them (whose
    repositories are then gone), and clones of each at other paths: (merged report,
    {recorded path: clone here}, {recorded path: origin})."""
    swept = tmp_path / "ci"
    origins, clones, reports = {}, {}, []
    for name in ("alpha", "beta"):
        account, secret = hmac_account(emulator)
        origin = leaky_repository(tmp_path / "origins" / name, account.api_key, secret)
        recorded = swept / name
        subprocess.run(["git", "clone", "-q", str(origin), str(recorded)], check=True, env=env)
        report = tmp_path / f"{name}.json"
        done = run_cli(
            "sweep", "--quiet", "--format", "json", "-o", str(report), str(recorded),
            cwd=tmp_path, env=env,
        )  # fmt: skip
        assert done.returncode == 1, done.stderr
        reports.append(str(report))
        here = tmp_path / "laptop" / "src" / name
        subprocess.run(["git", "clone", "-q", str(origin), str(here)], check=True, env=env)
        origins[str(recorded)], clones[str(recorded)] = origin, here
    merged = tmp_path / "merged.json"
    done = run_cli("merge", *reports, "--format", "json", "-o", str(merged), cwd=tmp_path, env=env)
    assert done.returncode == 1, done.stderr
    shutil.rmtree(swept)
    return merged, clones, origins


def test_the_reason_names_the_option_that_reads_a_moved_repository(
    moved: tuple[Path, dict[str, Path], dict[str, Path]], env: dict[str, str], emulator: Emulator
) -> None:
    merged, clones, _ = moved
    done = check(emulator, merged, env)
    assert done.returncode == 3, done.stderr  # nothing could be read, nothing was asked
    reasons = [key["reason"] for key in json.loads(done.stdout)["keys"]]
    assert len(reasons) == 2
    for recorded in clones:
        assert any(f"--repository {recorded}=DIR" in reason for reason in reasons), reasons
    assert emulator.requests == []


def test_each_repository_is_read_from_the_directory_given_for_it(
    moved: tuple[Path, dict[str, Path], dict[str, Path]], env: dict[str, str], emulator: Emulator
) -> None:
    merged, clones, _ = moved
    mapping = [f"--repository={recorded}={here}" for recorded, here in clones.items()]
    done = check(emulator, merged, env, *mapping)
    assert done.returncode == 1, done.stderr  # both keys live
    keys = json.loads(done.stdout)["keys"]
    assert [key["status"] for key in keys] == ["active", "active"]
    # Places keep the report's names: the same key is one key wherever it was swept.
    found = sorted(place.split(":")[0] for key in keys for place in key["found_at"])
    assert found == sorted(clones)

    # One repository given, the other still unreadable: only that one is asked.
    (recorded, here), (missing, _) = clones.items()
    done = check(emulator, merged, env, "--repository", f"{recorded}={here}")
    assert done.returncode == 1, done.stderr  # a live key outranks an unconfirmed one
    live, unread = json.loads(done.stdout)["keys"]  # live first
    assert live["status"] == "active" and live["found_at"][0].startswith(f"{recorded}:")
    assert unread["status"] == "unknown" and f"--repository {missing}=DIR" in unread["reason"]


def test_a_url_swept_without_its_clone_is_read_from_a_clone_given_here(
    tmp_path: Path, env: dict[str, str], emulator: Emulator
) -> None:
    account, secret = hmac_account(emulator)
    origin = leaky_repository(tmp_path / "origin", account.api_key, secret)
    report = tmp_path / "org.json"
    done = run_cli(
        "sweep", "--quiet", "--format", "json", "-o", str(report), origin.as_uri(),
        cwd=tmp_path, env=env,
    )  # fmt: skip
    assert done.returncode == 1, done.stderr
    (key,) = json.loads(check(emulator, report, env).stdout)["keys"]
    assert f"--repository {origin.as_uri()}=DIR" in key["reason"]
    here = tmp_path / "mine"
    subprocess.run(["git", "clone", "-q", str(origin), str(here)], check=True, env=env)
    done = check(emulator, report, env, "--repository", f"{origin.as_uri()}={here}")
    assert done.returncode == 1, done.stderr
    (key,) = json.loads(done.stdout)["keys"]
    assert key["status"] == "active"


def test_a_mapping_the_report_cannot_use_is_a_usage_error(
    moved: tuple[Path, dict[str, Path], dict[str, Path]], env: dict[str, str], emulator: Emulator
) -> None:
    merged, clones, _ = moved
    recorded, here = next(iter(clones.items()))
    cases = [
        (("--repository", str(here)), "NAME=DIR"),  # a plain DIR: which repository?
        (("--repository", f"/elsewhere/nope={here}"), "NAME=DIR"),  # not in the report
        (("--repository", f"{recorded}={here / 'nope'}"), "not a directory"),
        (("--repository", f"{recorded}={here}", "--repository", f"{recorded}={here}"), "twice"),
        (("--root", str(here)), "NAME=DIR"),
    ]
    for args, says in cases:
        done = check(emulator, merged, env, *args)
        assert_one_line_error(done, says)
    assert emulator.requests == []


def test_a_one_repository_report_takes_one_plain_directory(
    tmp_path: Path, env: dict[str, str], emulator: Emulator
) -> None:
    account, secret = hmac_account(emulator)
    origin = leaky_repository(tmp_path / "origin", account.api_key, secret)
    report = tmp_path / "sweep.json"
    run_cli("sweep", "--quiet", "--format", "json", "-o", str(report), ".", cwd=origin, env=env)
    done = check(emulator, report, env, "--repository", str(origin), "--repository", str(origin))
    assert_one_line_error(done, "--repository", "once")
