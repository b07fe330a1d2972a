"""A key in a file's name: no report carries it, and `check --report` still finds the file.

Reports redact every key-shaped value, file names included (`keys/<key>.env` is written
`keys/abcd...wxyz.env`), so the recorded path names no file. The report also records the
exact path's fingerprint (`path_fingerprint`), and `check` finds the file again by hashing
the paths under the report's root (or in the commit's tree), with the confinement of any
report path: no symlink followed, nothing outside the root read, nothing sent on a miss.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from binance_secrets.plugins.detection.findings import path_fingerprint
from tests.cli_process import env_text
from tests.cli_process import run_cli as run
from tests.emulator.fixtures import emulator_fixture, hmac_account  # noqa: F401 - fixtures
from tests.emulator.server import Emulator
from tests.fake_values import random_key
from tests.gitrepo import GitRepo


def check(emulator: Emulator, report: Path, cwd: Path):
    endpoint = ("--endpoint", emulator.url, "--allow-unofficial-endpoint")
    return run("check", *endpoint, "--format", "json", "--report", str(report), cwd=cwd)


def redacted(value: str) -> str:
    return f"{value[:4]}...{value[-4:]}"


def scan_report(root: Path, tmp_path: Path) -> tuple[Path, dict[str, Any]]:
    report = tmp_path / "report.json"
    done = run("scan", "--all-files", "--format", "json", "-o", str(report), ".", cwd=root)
    assert done.returncode == 1, done.stdout + done.stderr
    return report, json.loads(report.read_text())


def test_scan_report_of_a_key_named_file_is_checked(emulator: Emulator, tmp_path: Path) -> None:
    account, secret = hmac_account(emulator)
    named = random_key()  # another key-shaped value: the file's name
    root = tmp_path / "project"
    (root / "keys").mkdir(parents=True)
    (root / "keys" / f"{named}.env").write_text(env_text(account.api_key, secret))
    report, data = scan_report(root, tmp_path)
    text = report.read_text()
    assert named not in text and account.api_key not in text and secret not in text
    for finding in data["findings"]:
        assert finding["path"] == f"keys/{redacted(named)}.env"
        assert finding["path_fingerprint"] == path_fingerprint(f"keys/{named}.env")

    done = check(emulator, report, tmp_path)
    assert done.returncode == 1, done.stdout + done.stderr  # live: was 3 (unconfirmed)
    (key,) = json.loads(done.stdout)["keys"]
    assert key["status"] == "active"
    assert key["found_at"] == [f"keys/{redacted(named)}.env:2"]
    assert key["secret_found_at"] == f"keys/{redacted(named)}.env:3"
    assert named not in done.stdout + done.stderr and secret not in done.stdout


def test_ordinary_paths_get_no_path_fingerprint(emulator: Emulator, tmp_path: Path) -> None:
    account, secret = hmac_account(emulator)
    root = tmp_path / "project"
    root.mkdir()
    (root / "bot.env").write_text(env_text(account.api_key, secret))
    _, data = scan_report(root, tmp_path)
    assert all("path_fingerprint" not in finding for finding in data["findings"])


def test_sweep_report_of_a_removed_key_named_file_is_checked(
    emulator: Emulator, tmp_path: Path
) -> None:
    account, secret = hmac_account(emulator)
    named = random_key()
    repo = GitRepo(tmp_path / "repo")
    repo.commit("initial", {"README.md": "# bot\n"})
    repo.commit("add keys", {f"conf/{named}.env": env_text(account.api_key, secret)})
    repo.commit("remove keys", remove=(f"conf/{named}.env",))
    report = tmp_path / "sweep.json"
    done = run("sweep", ".", "--quiet", "--format", "json", "-o", str(report), cwd=repo.path)
    assert done.returncode == 1, done.stdout + done.stderr
    assert named not in report.read_text()
    finding = next(f for f in json.loads(report.read_text())["findings"])
    assert finding["path_fingerprint"] == path_fingerprint(f"conf/{named}.env")

    done = check(emulator, report, tmp_path)
    assert done.returncode == 1, done.stdout + done.stderr
    (key,) = json.loads(done.stdout)["keys"]
    assert key["status"] == "active"
    assert key["found_at"] == [f"{finding['commit'][:12]}:conf/{redacted(named)}.env:2"]
    assert named not in done.stdout + done.stderr


def crafted(root: Path, text: str, wanted: str) -> dict[str, Any]:
    """A report on ``root`` whose findings (the values of ``text``) point at ``wanted``
    only through ``path_fingerprint``."""
    from binance_secrets.plugins.detection.engine import scan_text

    findings = [
        dict(f.to_json(), path="x/abcd...wxyz.env", path_fingerprint=path_fingerprint(wanted))
        for f in scan_text("x.env", text)
    ]
    return {"version": 1, "root": str(root), "findings": findings, "skipped": []}


def test_a_path_fingerprint_never_leads_out_of_the_root_or_through_a_symlink(
    emulator: Emulator, tmp_path: Path
) -> None:
    account, secret = hmac_account(emulator)
    text = env_text(account.api_key, secret)
    (tmp_path / "outside.env").write_text(text)
    root = tmp_path / "root"
    (root / "sub").mkdir(parents=True)
    (root / "link.env").symlink_to(tmp_path / "outside.env")
    (root / "up").symlink_to(tmp_path)
    report = tmp_path / "r.json"
    for wanted in ("link.env", "up/outside.env", "../outside.env", str(tmp_path / "outside.env")):
        report.write_text(json.dumps(crafted(root, text, wanted)))
        done = check(emulator, report, tmp_path)
        assert done.returncode == 3, (wanted, done.stdout, done.stderr)
        (key,) = json.loads(done.stdout)["keys"]
        assert key["status"] == "unknown", wanted
    assert emulator.requests == []


def test_a_missing_file_says_why_and_a_bad_fingerprint_is_refused(
    emulator: Emulator, tmp_path: Path
) -> None:
    root = tmp_path / "root"
    root.mkdir()
    data = crafted(root, env_text(random_key(), random_key()), "gone.env")
    report = tmp_path / "r.json"
    report.write_text(json.dumps(data))
    done = check(emulator, report, tmp_path)
    assert done.returncode == 3
    (key,) = json.loads(done.stdout)["keys"]
    assert "path_fingerprint" in key["reason"] and "re-run scan" in key["reason"]

    data["findings"][0]["path_fingerprint"] = "--output=/tmp/x"
    report.write_text(json.dumps(data))
    done = check(emulator, report, tmp_path)
    assert done.returncode == 2 and "path_fingerprint" in done.stderr
    assert "Traceback" not in done.stderr
    assert emulator.requests == []
