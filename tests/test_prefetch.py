"""The sweep's start-up: git asked before the CLI is imported, and only ever as a head start.

A prefetched answer is taken only by the identical command line; these tests hold the
launcher's reading of the command line to click's, check that a default sweep takes every
answer prefetched (so the head start is real), and that a wrong guess changes nothing.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner

from binance_secrets.hooks.commands import launch
from binance_secrets.hooks.commands.cli import cli
from binance_secrets.hooks.commands.sweep import sweep as sweep_command
from binance_secrets.hooks.git import prefetch
from binance_secrets.hooks.git.invocation import PatientPipe
from binance_secrets.hooks.scanning.batch_threads import BatchThreads
from binance_secrets.hooks.scanning.limits import DEFAULT_MAX_FILE_BYTES
from binance_secrets.plugins.detection.lazy_regex import LazyRegex
from tests.cli_process import run_cli
from tests.conftest import random_key
from tests.gitrepo import GitRepo

DEFAULTS = {"path": ".", "reachable_only": False, "max_file_bytes": DEFAULT_MAX_FILE_BYTES,
            "jobs": None}  # fmt: skip


@pytest.fixture(autouse=True)
def no_leftovers() -> Iterator[None]:
    prefetch.discard()
    yield
    prefetch.discard()


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    repo = GitRepo(tmp_path / "repo")
    repo.commit("initial", {"README.md": "# trading bot\n"})
    key, secret = random_key(), random_key()
    repo.commit("config", {"bot.env": f"BINANCE_API_KEY={key}\nBINANCE_API_SECRET={secret}\n"})
    repo.commit("more", {"README.md": "# trading bot\nmore\n"})
    return repo


def sweep_json(path: Path, *args: str) -> dict[str, Any]:
    result = CliRunner().invoke(
        cli, ["sweep", str(path), "--format", "json", "--quiet", *args], catch_exceptions=False
    )
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


def left_at_the_end(monkeypatch: pytest.MonkeyPatch) -> list[list[list[str]]]:
    """What each sweep left untaken when it discarded the prefetch's leftovers."""
    seen: list[list[list[str]]] = []
    discard = prefetch.discard

    def noting() -> None:
        seen.append(prefetch.untaken())
        discard()

    monkeypatch.setattr(prefetch, "discard", noting)
    return seen


def is_log(command: list[str]) -> bool:
    return "--patch" in command


# --- reading the command line without click -------------------------------------------


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["sweep"], {}),
        (["sweep", "repo"], {"path": "repo"}),
        (["--debug", "sweep", "repo", "--debug"], {"path": "repo"}),
        (["sweep", "--format", "json", "-o", "out.json", "repo"], {"path": "repo"}),
        (["sweep", "--format=sarif", "--quiet", "--force", "repo"], {"path": "repo"}),
        (["sweep", "--verify", "--endpoint", "testnet", "--fail-on", "active"], {}),
        (["sweep", "--reachable-only", "repo"], {"path": "repo", "reachable_only": True}),
        (["sweep", "--max-file-size", "4096", "-j", "3"], {"max_file_bytes": 4096, "jobs": 3}),
        (["sweep", "--jobs=1", "--max-file-size=10"], {"jobs": 1, "max_file_bytes": 10}),
    ],
)
def test_a_plain_sweep_is_read(args: list[str], expected: dict[str, object]) -> None:
    assert launch.sweep_request(args) == {**DEFAULTS, **expected}


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["scan", "repo"],
        ["--version"],
        ["sweep", "--since", "2024-01-01"],
        ["sweep", "--ref", "main"],
        ["sweep", "--help"],
        ["sweep", "-h"],
        ["sweep", "--no-such-option"],
        ["sweep", "one", "two"],
        ["sweep", "-j", "0"],
        ["sweep", "-j2"],
        ["sweep", "--max-file-size", "2MB"],
        ["sweep", "--quiet=1"],
        ["sweep", "--jobs"],
    ],
)
def test_anything_else_is_left_to_click(args: list[str]) -> None:
    assert launch.sweep_request(args) is None


def test_the_launchers_table_names_every_sweep_option_once() -> None:
    """An option added to `sweep` must be placed in one of the launcher's tables, or the
    launcher would read its value as the repository."""
    tables = {
        "neutral flag": launch.NEUTRAL_FLAGS,
        "neutral value": launch.NEUTRAL_WITH_VALUE,
        "read flag": launch.READ_FLAGS,
        "read value": launch.READ_WITH_VALUE,
        "not prefetched": launch.NOT_PREFETCHED,
    }
    options = [p for p in sweep_command.params if isinstance(p, click.Option)]
    named = {name for option in options for name in option.opts + option.secondary_opts}
    listed = set().union(*tables.values()) - {"--help", "-h"}
    assert named == listed
    for option in options:
        for name in option.opts:
            homes = [kind for kind, table in tables.items() if name in table]
            assert len(homes) == 1, (name, homes)
            if homes[0] != "not prefetched":
                assert option.is_flag == homes[0].endswith("flag"), name


# --- the head start is taken ----------------------------------------------------------


def test_a_default_sweep_takes_every_answer_prefetched(
    repo: GitRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = sweep_json(repo.path)
    left = left_at_the_end(monkeypatch)
    prefetch.prefetch_sweep(str(repo.path), False, DEFAULT_MAX_FILE_BYTES, None)
    asked = prefetch.untaken()
    # discovery, HEAD, stash, reachable walk, reflog walk, git log and the side listings
    assert len(asked) == 7 and sum(map(is_log, asked)) == 1
    assert ["early", str(repo.path / ".git")] in asked
    assert sweep_json(repo.path) == expected
    assert left == [[]]


def test_reachable_only_and_jobs_are_prefetched_too(
    repo: GitRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = sweep_json(repo.path, "--reachable-only", "--jobs", "1")
    left = left_at_the_end(monkeypatch)
    prefetch.prefetch_sweep(str(repo.path), True, DEFAULT_MAX_FILE_BYTES, 1)
    assert sweep_json(repo.path, "--reachable-only", "--jobs", "1") == expected
    assert left == [[]]


def test_a_stash_of_two_entries_is_walked_from_as_the_sweep_does(
    repo: GitRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    older, newer = random_key(), random_key()
    repo.commit("config", {"config.py": "# binance\nDEBUG = True\n"})
    for key in (older, newer):
        repo.write("config.py", f'# binance\napi_key = "{key}"\n')
        repo.tick()
        repo.git("stash", "push", "-q")
    expected = sweep_json(repo.path)
    left = left_at_the_end(monkeypatch)
    prefetch.prefetch_sweep(str(repo.path), False, DEFAULT_MAX_FILE_BYTES, None)
    # First asked from --all alone, the walks are asked again from --all and stash@{1}.
    stash_1 = repo.git("rev-parse", "stash@{1}")
    asked = prefetch.untaken()
    assert len(asked) == 7 and sum(stash_1 in command for command in asked) == 2
    assert sweep_json(repo.path) == expected
    assert left == [[]]
    assert len(expected["findings"]) == 4  # bot.env's two, and both stash entries' keys


def test_a_wrong_guess_is_never_taken_and_changes_nothing(
    repo: GitRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = sweep_json(repo.path)
    left = left_at_the_end(monkeypatch)
    prefetch.prefetch_sweep(str(repo.path), False, 1000, None)  # the sweep reads 2 MB blobs
    (started,) = prefetch._logs.values()
    assert sweep_json(repo.path) == expected
    (wrong,) = left[0]
    assert is_log(wrong) and "core.bigFileThreshold=1000" in wrong
    assert started.process.returncode is not None  # stopped when the sweep ended
    assert prefetch.untaken() == []


def test_a_repository_reached_through_a_symlink_is_asked_where_git_says_it_is(
    repo: GitRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first questions are asked of PATH/.git while git finds the repository; through a
    symlink git names the real directory, so they are asked again there."""
    link = tmp_path / "link"
    link.symlink_to(repo.path)
    expected = sweep_json(link)
    left = left_at_the_end(monkeypatch)
    prefetch.prefetch_sweep(str(link), False, DEFAULT_MAX_FILE_BYTES, None)
    asked = prefetch.untaken()
    assert len(asked) == 7 and not any(str(link / ".git") in part for c in asked for part in c)
    assert sweep_json(link) == expected
    assert left == [[]]


def test_side_listings_started_for_another_scope_are_stopped(
    repo: GitRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = sweep_json(repo.path, "--reachable-only")
    left = left_at_the_end(monkeypatch)
    prefetch.prefetch_sweep(str(repo.path), False, DEFAULT_MAX_FILE_BYTES, None)
    (started,) = prefetch._early.values()
    assert started.dangling is not None  # a full sweep's: --reachable-only lists none
    assert sweep_json(repo.path, "--reachable-only") == expected
    assert ["early", str(repo.path / ".git")] in left[0]
    assert started.dangling.result() == []  # closed: its answer unwanted
    assert prefetch.untaken() == []


def test_prefetch_asks_nothing_where_the_sweep_has_an_error_to_report(tmp_path: Path) -> None:
    prefetch.prefetch_sweep(str(tmp_path / "missing"), False, DEFAULT_MAX_FILE_BYTES, None)
    assert prefetch.untaken() == []
    prefetch.prefetch_sweep(str(tmp_path), False, DEFAULT_MAX_FILE_BYTES, None)
    assert prefetch.untaken() == []  # not a repository: the sweep asks git for the message
    GitRepo(tmp_path / "empty")
    prefetch.discard()
    prefetch.prefetch_sweep(str(tmp_path / "empty"), False, DEFAULT_MAX_FILE_BYTES, None)
    assert not any(map(is_log, prefetch.untaken()))


def test_the_console_entry_prefetches_and_reports_the_same(repo: GitRepo, tmp_path: Path) -> None:
    expected = sweep_json(repo.path)
    done = run_cli("sweep", str(repo.path), "--format", "json", "--quiet", cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    assert json.loads(done.stdout) == expected
    for args, words in (
        (["sweep", str(tmp_path / "missing")], ("no such directory",)),
        (["sweep", str(tmp_path)], ("not a git repository",)),
    ):
        failed = run_cli(*args, cwd=tmp_path)
        assert failed.returncode == 2 and "Traceback" not in failed.stderr
        assert all(word in failed.stderr for word in words), failed.stderr


# --- the pieces ----------------------------------------------------------------------


def test_patient_pipe_reads_a_slow_writer_whole() -> None:
    writer = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time\n"
         "for i in range(50):\n"
         "    sys.stdout.buffer.write(bytes([65 + i % 26]) * (1000 + i)); sys.stdout.flush()\n"
         "    time.sleep(0.001)\n"],
        stdout=subprocess.PIPE,
    )  # fmt: skip
    assert writer.stdout is not None
    pipe, pieces = PatientPipe(writer.stdout), []
    while data := pipe.read(1 << 16):
        pieces.append(data)
    writer.wait()
    assert b"".join(pieces) == b"".join(bytes([65 + i % 26]) * (1000 + i) for i in range(50))
    assert pipe.read() == b""


def test_patient_pipe_reads_a_finished_answer_without_pausing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A short answer git has already finished (HEAD, the stash) costs no pause: the pipe's
    end is readable at once. Pausing there cost the prefetch 8 ms of its 22."""
    from binance_secrets.hooks.git import invocation

    pauses: list[float] = []
    monkeypatch.setattr(invocation.time, "sleep", pauses.append)
    done = subprocess.Popen([sys.executable, "-c", "print('a' * 40)"], stdout=subprocess.PIPE)
    done.wait()
    assert done.stdout is not None
    assert PatientPipe(done.stdout).read(1 << 16) == b"a" * 40 + b"\n"
    assert pauses == []
    done.stdout.close()


def test_batch_threads_run_at_most_jobs_at_once_and_raise_a_failure() -> None:
    running, peak, lock = 0, 0, threading.Lock()

    def task(value: int) -> int:
        nonlocal running, peak
        with lock:
            running += 1
            peak = max(peak, running)
        time.sleep(0.01)
        with lock:
            running -= 1
        if value == 3:
            raise ValueError("batch 3 failed")
        return value

    threads: BatchThreads[int] = BatchThreads(2)
    for value in range(6):
        threads.submit(lambda value=value: task(value))
    results, errors = [], []
    while threads.in_flight:
        try:
            results.append(threads.next_done())
        except ValueError as error:
            errors.append(str(error))
    assert sorted(results) == [0, 1, 2, 4, 5] and errors == ["batch 3 failed"]
    assert peak == 2


def test_lazy_regex_compiles_on_first_use() -> None:
    pattern = LazyRegex(r"test(net)", 0)
    assert pattern._compiled is None
    match = pattern.search("a TESTNET or testnet")
    assert match is not None and match.start() == 13 and pattern._compiled is not None
    assert pattern.sub("x", "testnet") == "x" and pattern.fullmatch("testnet")
