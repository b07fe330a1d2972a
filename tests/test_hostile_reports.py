"""Reports, baselines and key files are untrusted input (issue 8 item 3).

A crafted report must not make git write anything, must not read outside its root, and a
bad one is refused whole: exit 2, one line, nothing read, nothing sent to the emulator
(which records every request). /dev/zero, FIFOs and huge files are refused, never read
forever. Everything runs the real entry point in a subprocess with a timeout, so a hang
fails the test instead of stalling the suite.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest

from binance_secrets.plugins.detection.engine import scan_text
from tests.cli_process import assert_one_line_error, env_text
from tests.cli_process import run_cli as run
from tests.emulator.fixtures import emulator_fixture, hmac_account  # noqa: F401 - fixtures
from tests.emulator.server import Emulator
from tests.fake_values import random_key
from tests.gitrepo import GitRepo


def check(emulator: Emulator, *args: str, cwd: Path, **kwargs: Any):
    endpoint = ("--endpoint", emulator.url, "--allow-unofficial-endpoint")
    return run("check", *endpoint, "--format", "json", *args, cwd=cwd, **kwargs)


def refused(done: subprocess.CompletedProcess[str], *words: str) -> None:
    assert_one_line_error(done, *words)


def tree_files(top: Path) -> set[str]:
    return {str(p.relative_to(top)) for p in top.rglob("*")}


@pytest.fixture
def sweep_report(emulator: Emulator, tmp_path: Path) -> dict[str, Any]:
    """A valid sweep report of a repository whose (removed) key is live on the emulator."""
    account, secret = hmac_account(emulator)
    repo = GitRepo(tmp_path / "repo")
    text = env_text(account.api_key, secret)
    commit = repo.commit("add config", {"config.env": text})
    repo.commit("remove config", remove=("config.env",))
    findings = [dict(f.to_json(), commit=commit) for f in scan_text("config.env", text)]
    return {
        "version": 1,
        "root": str(repo.path),
        "repository": str(repo.path),
        "findings": findings,
        "skipped": [],
    }


def write(path: Path, report: dict[str, Any]) -> Path:
    path.write_text(json.dumps(report))
    return path


def test_the_untouched_sweep_report_is_checked(
    sweep_report: dict[str, Any], emulator: Emulator, tmp_path: Path
) -> None:
    done = check(emulator, "--report", str(write(tmp_path / "r.json", sweep_report)), cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    assert json.loads(done.stdout)["keys"][0]["status"] == "active"


# Fields that must be refused when they hold a git option, and the field that may hold
# one legitimately (a file may be named "--output=x"): that one must still write nothing.
REFUSED_FIELDS = ["commit", "root", "repository", "fingerprint", "pair", "type", "line"]


@pytest.mark.parametrize("field", [*REFUSED_FIELDS, "path", "example", "redacted", "version"])
def test_a_git_option_in_any_field_writes_nothing_anywhere(
    field: str, sweep_report: dict[str, Any], emulator: Emulator, tmp_path: Path
) -> None:
    work = tmp_path / "cwd"
    work.mkdir()
    absolute = tmp_path / f"pwned-{field}"
    for option in (f"--output={absolute}", "--output=pwned"):
        report = json.loads(json.dumps(sweep_report))
        if field in ("root", "repository", "version"):
            report[field] = option
        else:
            for finding in report["findings"]:
                finding[field] = option
        written = write(tmp_path / "r.json", report)
        before = tree_files(tmp_path)
        done = check(emulator, "--report", str(written), cwd=work)
        assert "Traceback" not in done.stderr
        assert not absolute.exists() and not (work / "pwned").exists()
        assert tree_files(tmp_path) == before, "something was written"
        if field == "redacted":  # only ever displayed: the key itself is re-read and checked
            continue
        if field == "path":  # a legitimate file name: no such file, nothing read or sent
            assert done.returncode != 1, done.stdout
        else:
            refused(done, "refused" if field != "version" else "not a version 1")
        assert emulator.requests == []


@pytest.mark.parametrize(
    "bad",
    [
        {"commit": "HEAD"},
        {"commit": "abc123"},
        {"line": "2"},
        {"line": True},
        {"line": 0},
        {"path": "config\u0000.env"},
        {"path": ""},
        {"fingerprint": "sha256:xyz"},
        {"type": ["Binance API Key"]},
        {"example": "no"},
        {"redacted": {"a": 1}},
    ],
)
def test_wrong_types_and_shapes_are_refused_whole(
    bad: dict[str, Any], sweep_report: dict[str, Any], emulator: Emulator, tmp_path: Path
) -> None:
    sweep_report["findings"][0].update(bad)
    done = check(emulator, "--report", str(write(tmp_path / "r.json", sweep_report)), cwd=tmp_path)
    refused(done, "refused", "binance-secrets scan --format json")
    assert emulator.requests == []


@pytest.mark.parametrize(
    "top", [{"version": True}, {"findings": {}}, {"root": "relative/dir"}, {"root": 5}]
)
def test_bad_top_level_fields_are_refused(
    top: dict[str, Any], sweep_report: dict[str, Any], emulator: Emulator, tmp_path: Path
) -> None:
    sweep_report.update(top)
    done = check(emulator, "--report", str(write(tmp_path / "r.json", sweep_report)), cwd=tmp_path)
    refused(done)
    assert emulator.requests == []


# -- confinement to the report's root -----------------------------------------------------


@pytest.fixture
def outside(emulator: Emulator, tmp_path: Path) -> tuple[Path, list[dict[str, Any]]]:
    """A live credential in a file OUTSIDE the root, and the findings that name it."""
    account, secret = hmac_account(emulator)
    root = tmp_path / "root"
    root.mkdir()
    text = env_text(account.api_key, secret)
    (tmp_path / "secret.env").write_text(text)
    return root, [f.to_json() for f in scan_text("secret.env", text)]


def scan_report(root: Path, findings: list[dict[str, Any]], path: str) -> dict[str, Any]:
    return {
        "version": 1,
        "root": str(root),
        "findings": [dict(f, path=path) for f in findings],
        "skipped": [],
    }


@pytest.mark.parametrize("path", ["../secret.env", "sub/../../secret.env", "ABSOLUTE"])
def test_a_path_leaving_the_root_is_refused(
    path: str, outside, emulator: Emulator, tmp_path: Path
) -> None:
    root, findings = outside
    if path == "ABSOLUTE":
        path = str(tmp_path / "secret.env")
    report = write(tmp_path / "r.json", scan_report(root, findings, path))
    refused(check(emulator, "--report", str(report), cwd=tmp_path), "refused", "path")
    assert emulator.requests == []


@pytest.mark.parametrize("link", ["file", "directory"])
def test_symlinks_in_the_root_are_not_followed(
    link: str, outside, emulator: Emulator, tmp_path: Path
) -> None:
    root, findings = outside
    if link == "file":
        (root / "link.env").symlink_to(tmp_path / "secret.env")
        path = "link.env"
    else:
        (root / "sub").symlink_to(tmp_path)
        path = "sub/secret.env"
    report = write(tmp_path / "r.json", scan_report(root, findings, path))
    done = check(emulator, "--report", str(report), cwd=tmp_path)
    assert done.returncode != 1 and "Traceback" not in done.stderr
    key = next(k for k in json.loads(done.stdout)["keys"] if k["status"] != "active")
    assert "symlink" in key["reason"] and "not followed" in key["reason"]
    assert emulator.requests == []


def test_a_fifo_or_device_in_the_root_is_not_opened_for_reading(
    outside, emulator: Emulator, tmp_path: Path
) -> None:
    root, findings = outside
    os.mkfifo(root / "fifo.env")  # nobody ever writes: a blocking open would hang
    report = write(tmp_path / "r.json", scan_report(root, findings, "fifo.env"))
    done = check(emulator, "--report", str(report), cwd=tmp_path)
    assert done.returncode != 1 and "Traceback" not in done.stderr
    assert "not a regular file" in json.loads(done.stdout)["keys"][0]["reason"]
    assert emulator.requests == []


# -- /dev/zero, FIFOs and huge files as report, baseline or key file --------------------


def hostile_files(tmp_path: Path) -> dict[str, str]:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    huge = tmp_path / "huge.json"
    with open(huge, "wb") as handle:
        handle.truncate(65 * 1024 * 1024)  # sparse: costs no disk
    return {"/dev/zero": "/dev/zero", "fifo": str(fifo), "huge": str(huge)}


@pytest.mark.parametrize("kind", ["/dev/zero", "fifo", "huge"])
def test_report_that_never_ends_is_refused(kind: str, emulator: Emulator, tmp_path: Path) -> None:
    report = hostile_files(tmp_path)[kind]
    refused(check(emulator, "--report", report, cwd=tmp_path), "cannot read report")
    assert emulator.requests == []


def test_report_on_stdin_is_bounded(emulator: Emulator, tmp_path: Path) -> None:
    done = check(emulator, "--report", "-", cwd=tmp_path, input=" " * (65 * 1024 * 1024))
    refused(done, "larger than")


@pytest.mark.parametrize("kind", ["/dev/zero", "fifo", "huge"])
def test_baseline_that_never_ends_is_refused(kind: str, tmp_path: Path) -> None:
    baseline = hostile_files(tmp_path)[kind]
    (tmp_path / "a.txt").write_text("nothing\n")
    refused(run("scan", "--baseline", baseline, "a.txt", cwd=tmp_path), "baseline")


@pytest.mark.parametrize(
    "content",
    [
        '{"results": {}, "filters_used": 5}',
        '{"results": {}, "filters_used": [{"path": '
        '"detect_secrets.filters.regex.should_exclude_line", "pattern": [1]}]}',
        '{"results": {}, "filters_used": [{"path": '
        '"detect_secrets.filters.regex.should_exclude_file", "pattern": "("}]}',
        '{"results": {}, "plugins_used": [{"name": "x", "path": 7}]}',
        '{"results": {}, "x": "\\u0000"}',
        '{"results": []}',
        '{"results": {}}\u0000',
    ],
)
def test_baseline_with_wrong_types_or_nul_bytes_is_one_line(content: str, tmp_path: Path) -> None:
    (tmp_path / "b.json").write_text(content)
    (tmp_path / "a.txt").write_text("nothing\n")
    done = run("scan", "--baseline", "b.json", "a.txt", cwd=tmp_path)
    if "\\u0000" in content:  # an escaped NUL inside a string is valid JSON: ignored
        assert done.returncode == 0, done.stderr
    else:
        refused(done, "baseline")


@pytest.mark.parametrize("kind", ["/dev/zero", "fifo", "not-pem"])
def test_private_key_file_must_be_a_pem(kind: str, emulator: Emulator, tmp_path: Path) -> None:
    files = hostile_files(tmp_path)
    not_pem = tmp_path / "secret.txt"
    not_pem.write_text(random_key() + "\n")  # an HMAC secret put in the wrong variable
    files["not-pem"] = str(not_pem)
    env = {"BINANCE_API_KEY": random_key(), "BINANCE_PRIVATE_KEY_FILE": files[kind]}
    done = check(emulator, cwd=tmp_path, env=env)
    refused(done, "BINANCE_PRIVATE_KEY_FILE")
    if kind == "not-pem":
        assert "not a PEM private key" in done.stderr and "BINANCE_API_SECRET" in done.stderr
    assert emulator.requests == []


@pytest.mark.parametrize("variable", ["BINANCE_API_KEY", "BINANCE_API_SECRET"])
def test_non_latin1_credentials_are_refused(
    variable: str, emulator: Emulator, tmp_path: Path
) -> None:
    env = {"BINANCE_API_KEY": random_key(), "BINANCE_API_SECRET": random_key()}
    env[variable] = "ключ" + random_key()[4:]
    refused(check(emulator, cwd=tmp_path, env=env), variable, "non-ASCII")
    assert emulator.requests == []


def test_sweep_ref_that_is_an_option_writes_nothing(tmp_path: Path) -> None:
    repo = GitRepo(tmp_path / "repo")
    repo.commit("initial", {"README.md": "# bot\n"})
    target = tmp_path / "pwned"
    for ref in (f"--output={target}", f"--output={target}^{{commit}}"):
        refused(run("sweep", "--ref", ref, ".", cwd=repo.path), "--ref")
        assert not target.exists()


def test_pre_push_input_that_is_not_object_ids_writes_nothing(tmp_path: Path) -> None:
    repo = GitRepo(tmp_path / "repo")
    repo.commit("initial", {"README.md": "# bot\n"})
    target = tmp_path / "pwned"
    zero = "0" * 40
    lines = [
        f"refs/heads/main --output={target} refs/heads/main {zero}",
        f"refs/heads/main {repo.head()} refs/heads/main --output={target}",
    ]
    done = run("pre-push", "origin", cwd=repo.path, input="\n".join(lines) + "\n")
    assert done.returncode == 0, done.stderr
    assert not target.exists()


@pytest.mark.parametrize("kind", ["/dev/zero", "fifo"])
def test_ca_bundle_that_never_ends_is_refused(kind: str, tmp_path: Path) -> None:
    bundle = hostile_files(tmp_path)[kind]
    env = {"BINANCE_API_KEY": random_key(), "BINANCE_API_SECRET": random_key()}
    for args, extra in ((["--ca-bundle", bundle], {}), ([], {"BINANCE_SECRETS_CA_BUNDLE": bundle})):
        done = run("check", *args, cwd=tmp_path, env={**env, **extra})
        refused(done, "--ca-bundle", "not a regular file")


def test_a_finding_read_from_stdin_says_how_to_check_it(
    emulator: Emulator, tmp_path: Path
) -> None:
    text = env_text(random_key(), random_key())
    scanned = run("scan", "--format", "json", "-", cwd=tmp_path, input=text)
    assert scanned.returncode == 1, scanned.stderr
    report = tmp_path / "stdin.json"
    report.write_text(scanned.stdout)
    done = check(emulator, "--report", str(report), cwd=tmp_path)
    (key,) = json.loads(done.stdout)["keys"]
    assert "standard input" in key["reason"] and "--prompt" in key["reason"]
    assert emulator.requests == []


@pytest.mark.parametrize("kind", ["/dev/zero", "fifo"])
def test_baseline_command_refuses_a_baseline_that_never_ends(kind: str, tmp_path: Path) -> None:
    repo = GitRepo(tmp_path / "repo")
    repo.commit("initial", {"README.md": "# bot\n"})
    target = repo.path / ".secrets.baseline"
    if kind == "fifo":
        os.mkfifo(target)
    else:
        target.symlink_to("/dev/zero")
    refused(run("baseline", cwd=repo.path), ".secrets.baseline")
