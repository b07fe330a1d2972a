"""A default sweep's first git questions, asked before Python has loaded what asks them.

Before ``sweep`` can ask git anything, Python imports click, the commands and the sweep's
own modules: about 60 ms, half as long again as ``git log -p`` takes on a one-commit
repository of 20,000 files. So the console script (``hooks/commands/launch.py``) first
calls :func:`prefetch_sweep`, which imports nothing but :mod:`git.invocation`: it finds the
repository, lists the history as :func:`git.refs.select_commits` will, and starts
``git log`` on the first batch, whose output a thread keeps draining (up to RELAY_LIMIT) so
git is not held up by a full pipe while the imports run.

Nothing here decides anything. Each answer is kept under its exact command line (and
input), and the sweep takes one only when it is about to run that identical command: a
prediction that turns out wrong (a stash with several entries, an option the launcher does
not read) is never taken, and is discarded when the sweep ends. What a sweep reports cannot
depend on this module, only how soon it starts; tests check that a default sweep takes
every answer prefetched.
"""

from __future__ import annotations

import atexit
import os
import subprocess
import threading

from binance_secrets.hooks.git.batches import batch_size
from binance_secrets.hooks.git.invocation import (
    EVERY_REF,
    HEAD_COMMIT,
    PIPE_SIZE,
    READ_SIZE,
    STASH_ENTRIES,
    PatientPipe,
    commit_lines,
    discovery_command,
    git_command,
    git_environment,
    log_command,
    reachable_walk,
    reflog_only,
    widen_pipe,
)

TYPE_CHECKING = False  # typing itself is not imported: this module runs before it is needed
if TYPE_CHECKING:
    from typing import IO

# What a prefetched log's drain may hold before it stops reading (git then waits): the
# imports it covers take tens of milliseconds, in which git writes a few MB at most.
RELAY_LIMIT = 32 << 20
# A walk longer than this (about 200,000 commits) is not kept: the sweep writes its walk to
# a file rather than hold it, and the start-up time saved is nothing next to such a history.
WALK_LIMIT = 8 << 20

Key = tuple[tuple[str, ...], bytes | None]
# What git said: exit code, stdout, stderr.
Answer = tuple[int, bytes, bytes]
_answers: dict[Key, Answer] = {}
_logs: dict[Key, PrefetchedLog] = {}


def prefetched(command: list[str], input: bytes | None = None) -> Answer | None:
    """What git said to ``command`` (fed ``input``), if it was asked ahead; taken once."""
    return _answers.pop((tuple(command), input), None) if _answers else None


def take_log(command: list[str], feed: bytes) -> PrefetchedLog | None:
    """The ``git log`` started ahead with this command line and these commits, if any."""
    return _logs.pop((tuple(command), feed), None) if _logs else None


def untaken() -> list[list[str]]:
    """The command lines asked ahead whose answers nobody took (for tests and debugging)."""
    return [list(command) for command, _ in [*_answers, *_logs]]


def discard() -> None:
    """Drop every answer not taken and stop every prefetched ``git log`` not taken."""
    _answers.clear()
    logs = list(_logs.values())
    _logs.clear()
    for log in logs:
        log.discard()


class PrefetchedLog:
    """A ``git log`` started ahead of the sweep; its output is drained into memory by a
    thread until the sweep takes it (:meth:`take`), then read straight from git."""

    def __init__(
        self, command: list[str], feed: bytes, env: dict[str, str], errors: IO[bytes]
    ) -> None:
        self.errors = errors
        self.process = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=errors, env=env
        )
        assert self.process.stdin is not None and self.process.stdout is not None
        widen_pipe(self.process.stdout)
        try:
            self.process.stdin.write(feed)
            self.process.stdin.close()
        except BrokenPipeError:
            pass  # git stopped reading: it failed, and says why when it is taken
        self._chunks: list[bytes] = []
        self._held = 0
        self._taken = threading.Event()
        self._drain = threading.Thread(target=self._relay, name="prefetched git log", daemon=True)
        self._drain.start()

    def _relay(self) -> None:
        assert self.process.stdout is not None
        pipe = PatientPipe(self.process.stdout, pause=self._taken.wait)
        while not self._taken.is_set() and self._held < RELAY_LIMIT:
            try:
                data = pipe.read(PIPE_SIZE)
            except OSError:
                return
            if not data:
                return
            self._chunks.append(data)
            self._held += len(data)

    def take(self) -> _Replay:
        """git's output from its start: what was drained, then the pipe. The drain stops
        at its next read (git is writing, or has exited)."""
        self._taken.set()
        self._drain.join()
        assert self.process.stdout is not None
        return _Replay(self._chunks, PatientPipe(self.process.stdout))

    def discard(self) -> None:
        self._taken.set()
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        self._drain.join()
        assert self.process.stdout is not None
        self.process.stdout.close()
        self.errors.close()


class _Replay:
    """What a prefetched log's drain held, then the rest of its pipe, as one stream."""

    def __init__(self, chunks: list[bytes], pipe: PatientPipe) -> None:
        self._chunks = chunks
        self._pipe = pipe

    def read(self, size: int = READ_SIZE) -> bytes:
        if self._chunks:
            return self._chunks.pop(0)
        return self._pipe.read(size)


def _start(command: list[str], env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )


def _finish(process: subprocess.Popen[bytes]) -> Answer:
    out, err = process.communicate()
    return process.returncode, out, err


def _remember(command: list[str], answer: Answer) -> None:
    _answers[(tuple(command), None)] = answer


def prefetch_sweep(path: str, reachable_only: bool, max_file_bytes: int, jobs: int | None) -> None:
    """Ask, for a sweep of the repository at ``path`` with these options and no ``--ref``
    or ``--since``, what :func:`git.refs.select_commits` will ask, and start ``git log`` on
    the first batch the sweep will read. Quietly does nothing wherever the sweep's own
    path would have something to report (no such directory, no repository, no HEAD)."""
    if not os.path.isdir(path):
        return
    env = git_environment()
    discovery = discovery_command(path)
    found = _finish(_start(discovery, env))
    _remember(discovery, found)
    atexit.register(discard)
    answers = found[1].decode("utf-8", "surrogateescape").splitlines()
    if found[0] != 0 or len(answers) < 3:
        return
    git_dir = answers[0]
    # Asked all at once, on the prediction that the stash has at most one entry (the
    # newest is refs/stash itself, which --all covers), so the walks need not wait for it.
    starts = [EVERY_REF]
    questions = {
        "head": git_command(git_dir, *HEAD_COMMIT),
        "stash": git_command(git_dir, *STASH_ENTRIES),
        "walk": git_command(git_dir, *reachable_walk([], starts)),
    }
    if not reachable_only:
        questions["reflog"] = git_command(git_dir, *reflog_only([], starts))
    running = {name: _start(command, env) for name, command in questions.items()}
    import tempfile  # while git answers

    said = {name: _finish(process) for name, process in running.items()}
    _remember(questions["head"], said["head"])
    _remember(questions["stash"], said["stash"])  # a failure is an answer: no stash
    if said["head"][0] != 0 or said["stash"][1].count(b"\n") > 1:
        return  # no HEAD (an empty repository), or the walks asked for other starts
    walk = said["walk"][1]
    if said["walk"][0] != 0 or len(walk) > WALK_LIMIT:
        return  # the sweep asks again, and says what failed
    _remember(questions["walk"], said["walk"])
    total = walk.count(b"\n")
    if not reachable_only:
        _remember(questions["reflog"], said["reflog"])
        if said["reflog"][0] != 0:
            return
        total += said["reflog"][1].count(b"\n")
    size = batch_size(total, jobs or os.cpu_count() or 1)
    first = walk.split(b"\n", size)[:size]  # the sweep's first batch
    commits = [line.decode("ascii", "replace") for line in first if line]
    if not commits:
        return
    feed = commit_lines(commits)
    command = log_command(git_dir, max_file_bytes)
    errors = tempfile.TemporaryFile()  # noqa: SIM115 - closed by the taker or discard()
    _logs[(tuple(command), feed)] = PrefetchedLog(command, feed, env, errors)
