"""What `scan` reads (issue 9 item 3): what the user names is scanned or is an error.

`scan -` and `scan /dev/stdin` read standard input, a named symlink is followed (one found
while walking is not), a named directory git ignores is scanned, and a named path that
cannot be read is exit 2 with a message. /dev/zero and FIFOs are bounded; a tree 1,100
directories deep is walked.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from binance_secrets.hooks.commands.cli import cli
from binance_secrets.plugins.detection.findings import API_KEY, fingerprint
from tests.cli_process import env_text
from tests.fake_values import random_key
from tests.gitrepo import GitRepo


def scan_json(*args: str, cwd: Path, input: str | None = None) -> tuple[int, dict, str]:
    old = os.getcwd()
    os.chdir(cwd)
    try:
        done = CliRunner().invoke(cli, ["scan", "--format", "json", *args], input=input)
    finally:
        os.chdir(old)
    assert "Traceback" not in done.output, done.output
    report = json.loads(done.stdout) if done.exit_code in (0, 1) else {}
    return done.exit_code, report, done.stderr


def run(
    *args: str, cwd: Path, stdin: bytes = b"", as_ordinary_reader: bool = False
) -> subprocess.CompletedProcess[bytes]:
    """The console entry in a subprocess. ``as_ordinary_reader``: when the suite runs as
    root (as CI does), the subprocess is held to files' permission bits like any user."""
    return subprocess.run(
        [sys.executable, "-m", "binance_secrets.hooks", *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        timeout=60,
        check=False,
        preexec_fn=_without_root_file_access if as_ordinary_reader and os.geteuid() == 0 else None,
    )


def _without_root_file_access() -> None:
    """Drop CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH from the capability bounding set
    (prctl PR_CAPBSET_DROP, capabilities(7)): after exec, root no longer reads a file its
    mode bits forbid to the owner."""
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    pr_capbset_drop, cap_dac_override, cap_dac_read_search = 24, 1, 2
    for capability in (cap_dac_override, cap_dac_read_search):
        if libc.prctl(pr_capbset_drop, capability, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP) refused")


def key_paths(report: dict) -> list[str]:
    return sorted(f["path"] for f in report["findings"] if f["type"] == API_KEY)


def test_dash_reads_standard_input(tmp_path: Path) -> None:
    key = random_key()
    code, report, _ = scan_json("-", cwd=tmp_path, input=env_text(key, random_key()))
    assert code == 1
    (finding,) = [f for f in report["findings"] if f["type"] == API_KEY]
    assert finding["path"] == "<stdin>" and finding["fingerprint"] == fingerprint(key)


def test_piped_into_dev_stdin(tmp_path: Path) -> None:
    key = random_key()
    done = run("scan", "--format", "json", "/dev/stdin", cwd=tmp_path,
               stdin=env_text(key, random_key()).encode())  # fmt: skip
    assert done.returncode == 1, done.stderr
    assert fingerprint(key) in done.stdout.decode()


def test_standard_input_is_bounded(tmp_path: Path) -> None:
    done = run("scan", "-v", "--max-file-size", "1000", "-", cwd=tmp_path, stdin=b"x" * 5000)
    assert done.returncode == 0, done.stderr
    assert b"<stdin>: larger than 1000 bytes" in done.stderr  # -v: each skipped item


def test_named_symlink_is_followed_but_not_one_found_walking(tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.mkdir()
    (real / "bot.env").write_text(env_text(random_key(), random_key()))
    work = tmp_path / "work"
    work.mkdir()
    (work / "link.env").symlink_to(real / "bot.env")
    (work / "linkdir").symlink_to(real)
    code, report, _ = scan_json("link.env", cwd=work)
    assert code == 1 and key_paths(report) == ["link.env"]
    code, report, _ = scan_json("linkdir", cwd=work)  # a named symlinked directory
    assert code == 1 and key_paths(report) == ["linkdir/bot.env"]
    code, report, _ = scan_json(".", cwd=work)
    assert code == 0
    assert {s["path"] for s in report["skipped"]} == {"link.env", "linkdir"}


def test_named_ignored_directory_and_file_are_scanned(tmp_path: Path) -> None:
    repo = GitRepo(tmp_path / "repo")
    repo.write(".gitignore", "build/\n*.local\n")
    repo.write("build/out/bot.env", env_text(random_key(), random_key()))
    repo.write("settings.local", env_text(random_key(), random_key()))
    repo.commit("ignore build output")
    code, report, _ = scan_json(".", cwd=repo.path)
    assert code == 0, "not named: git's ignore rules apply"
    code, report, _ = scan_json("build/", cwd=repo.path)
    assert code == 1 and key_paths(report) == ["build/out/bot.env"]
    code, report, _ = scan_json("build/out", cwd=repo.path)
    assert code == 1 and key_paths(report) == ["build/out/bot.env"]
    code, report, _ = scan_json("settings.local", cwd=repo.path)
    assert code == 1 and key_paths(report) == ["settings.local"]


def test_named_path_that_cannot_be_read_is_exit_2(tmp_path: Path) -> None:
    (tmp_path / "dangling.env").symlink_to(tmp_path / "nowhere")
    done = run("scan", "dangling.env", cwd=tmp_path)
    assert done.returncode == 2 and b"a symlink to nothing" in done.stderr
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(tmp_path / "sock"))
        done = run("scan", "sock", cwd=tmp_path)
    assert done.returncode == 2 and b"sock: cannot be opened" in done.stderr
    assert b"Traceback" not in done.stderr


def test_named_file_without_permission_is_exit_2(tmp_path: Path) -> None:
    locked = tmp_path / "locked.env"
    locked.write_text("x\n")
    locked.chmod(0)
    done = run("scan", "locked.env", cwd=tmp_path, as_ordinary_reader=True)
    assert done.returncode == 2 and b"'locked.env' is not readable" in done.stderr
    assert b"Traceback" not in done.stderr


def test_dev_zero_and_an_idle_fifo_are_bounded(tmp_path: Path) -> None:
    done = run("scan", "-v", "/dev/zero", cwd=tmp_path)
    assert done.returncode == 0 and b"/dev/zero: larger than" in done.stderr
    os.mkfifo(tmp_path / "fifo")
    done = run("scan", "fifo", cwd=tmp_path)  # nobody writes: read as empty, no hang
    assert done.returncode == 0, done.stderr
    done = run("scan", "-v", "--all-files", ".", cwd=tmp_path)  # found walking: not opened
    assert done.returncode == 0 and b"fifo: not a regular file" in done.stderr


@pytest.fixture
def deep_tree(tmp_path: Path) -> Iterator[Path]:
    """1,100 nested directories, removed bottom-up afterwards: os.makedirs, and pytest's
    own clean-up (shutil.rmtree) of old temporary directories, recurse too deep for it."""
    top = tmp_path / "deep"
    top.mkdir()
    deep = top
    for _ in range(1100):
        deep = deep / "d"
        deep.mkdir()
    try:
        yield deep
    finally:
        for child in deep.iterdir():
            child.unlink()
        while deep != top:
            deep.rmdir()
            deep = deep.parent


def test_1100_nested_directories(deep_tree: Path) -> None:
    key = random_key()
    (deep_tree / "bot.env").write_text(env_text(key, random_key()))
    (deep_tree / "config.py").write_text(f'API_KEY = "{random_key()}"\n')  # needs context
    top = deep_tree.parents[1099]
    for args in (["."], ["--all-files", "."]):
        done = run("scan", "--format", "json", *args, cwd=top)
        assert done.returncode == 1, done.stderr[-300:]
        assert fingerprint(key) in done.stdout.decode()


def test_a_fifo_beside_a_file_that_needs_project_context_does_not_hang(tmp_path: Path) -> None:
    """Outside git, deciding whether `API_KEY = "..."` is Binance's probes the directory's
    other files; a FIFO among them must be passed over, not opened."""
    os.mkfifo(tmp_path / "a_fifo")
    (tmp_path / "config.py").write_text(f'API_KEY = "{random_key()}"\n')
    (tmp_path / "requirements.txt").write_text("python-binance\n")
    done = run("scan", "-v", ".", cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    assert b"a_fifo: not a regular file" in done.stderr
