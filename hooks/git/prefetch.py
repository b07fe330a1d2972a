"""A default sweep's first git questions, asked before Python has loaded what asks them.

Before ``sweep`` can ask git anything, Python imports click, the commands and the sweep's
own modules: about 60 ms, half as long again as ``git log -p`` takes on a one-commit
repository of 20,000 files. So the console script (``hooks/commands/launch.py``) first
calls :func:`prefetch_sweep`, which imports little beyond :mod:`subprocess` and
:mod:`git.invocation`. It finds the repository, lists the history as
:func:`git.refs.select_commits` will, starts ``git log`` on the first batches (their output
drained by a thread, up to RELAY_LIMIT, so git is not held up by a full pipe while the
imports run) and starts the side listings of :mod:`git.early`.

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
    CATCH_UP_PAUSE,
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
    read_discovery,
    reflog_only,
    widen_pipe,
)

TYPE_CHECKING = False  # typing itself is not imported: this module runs before it is needed
if TYPE_CHECKING:
    from collections.abc import Iterable
    from typing import IO

    from binance_secrets.hooks.git.early import EarlyStart

# What a prefetched log's drain may hold before it stops reading (git then waits): the
# imports it covers take tens of milliseconds, in which git writes a few MB at most.
RELAY_LIMIT = 32 << 20
# A walk longer than this (about 200,000 commits) is not kept: the sweep writes its walk to
# a file rather than hold it, and the start-up time saved is nothing next to such a history.
WALK_LIMIT = 8 << 20
# How long a walk may take and still count as short (seconds): a repository's first walks
# take a few milliseconds where the side listings' start would add six.
SHORT_WALK = 0.01

Key = tuple[tuple[str, ...], bytes | None]
# What git said: exit code, stdout, stderr (empty: a failure whose message the sweep reads
# is not kept).
Answer = tuple[int, bytes, bytes]
_answers: dict[Key, Answer] = {}
_logs: dict[Key, PrefetchedLog] = {}
# The side listings (git.early), under the arguments of the start_early call they answer.
_early: dict[tuple[str, bool, bool, str | None, bool], EarlyStart] = {}


def prefetched(command: list[str], input: bytes | None = None) -> Answer | None:
    """What git said to ``command`` (fed ``input``), if it was asked ahead; taken once."""
    return _answers.pop((tuple(command), input), None) if _answers else None


def take_log(command: list[str], feed: bytes) -> PrefetchedLog | None:
    """The ``git log`` started ahead with this command line and these commits, if any."""
    return _logs.pop((tuple(command), feed), None) if _logs else None


def take_early(
    git_dir: str, has_head: bool, narrowed: bool, since: str | None, with_tags: bool
) -> EarlyStart | None:
    """The side listings :func:`git.early.start_early` would start with these arguments,
    if they were started ahead."""
    return _early.pop((git_dir, has_head, narrowed, since, with_tags), None) if _early else None


def untaken() -> list[list[str]]:
    """The command lines asked ahead whose answers nobody took (for tests and debugging),
    and ``["early", git_dir]`` for side listings nobody took."""
    return [list(command) for command, _ in [*_answers, *_logs]] + [
        ["early", key[0]] for key in _early
    ]


def discard() -> None:
    """Drop every answer not taken and stop every prefetched ``git log`` not taken."""
    _answers.clear()
    logs, early = list(_logs.values()), list(_early.values())
    _logs.clear()
    _early.clear()
    for log in logs:
        log.discard()
    for started in early:
        started.close()


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
        fd = self.process.stdout.fileno()
        while self._held < RELAY_LIMIT:
            try:
                data = os.read(fd, PIPE_SIZE)  # what git wrote meanwhile
            except OSError:
                return
            if not data:
                return
            self._chunks.append(data)
            self._held += len(data)
            if self._taken.wait(CATCH_UP_PAUSE):  # git writes ahead (PatientPipe); taken: stop
                return

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
    # No stderr: a failure the sweep would explain is not remembered (it asks again).
    return subprocess.Popen(
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=env,
    )


def _finish(process: subprocess.Popen[bytes], limit: int = WALK_LIMIT) -> Answer:
    """What git wrote, read patiently (a walk of 20,000 commits read eagerly took git a
    third longer), once it has exited; past ``limit`` bytes git is stopped and the answer
    is a failure (the sweep asks again, into a file)."""
    assert process.stdout is not None
    pipe, pieces, held = PatientPipe(process.stdout), [], 0
    while held <= limit and (data := pipe.read(PIPE_SIZE)):
        pieces.append(data)
        held += len(data)
    if held > limit:
        process.kill()
    process.stdout.close()
    code = process.wait()
    return (code if held <= limit else -1), b"".join(pieces), b""


def _remember(command: list[str], answer: Answer, failure_is_an_answer: bool = False) -> None:
    """Keep git's answer for the sweep: a success, or a failure the sweep reads no message
    of (it asks those with check=False)."""
    if answer[0] == 0 or failure_is_an_answer:
        _answers[(tuple(command), None)] = answer


def _start_early(key: tuple[str, bool, bool, str | None, bool]) -> None:
    from binance_secrets.hooks.git.early import start_early  # imported only when needed

    _early[key] = start_early(*key)


class _FirstQuestions:
    """HEAD, the stash and the walks, asked of one git dir at once."""

    def __init__(self, git_dir: str, reachable_only: bool, env: dict[str, str]) -> None:
        self.head = git_command(git_dir, *HEAD_COMMIT)
        self.stash = git_command(git_dir, *STASH_ENTRIES)
        self.asking = {"head": _start(self.head, env), "stash": _start(self.stash, env)}
        # The walks are asked beside them, on the prediction that the stash has at most one
        # entry (the newest is refs/stash itself, which --all covers); asked again if not.
        self.walks = _start_walks(git_dir, [EVERY_REF], reachable_only, env)

    def stop(self) -> None:
        _stop([*self.asking.values(), *self.walks.values()])


def _start_walks(
    git_dir: str, starts: list[str], reachable_only: bool, env: dict[str, str]
) -> dict[tuple[str, ...], subprocess.Popen[bytes]]:
    """The reachable walk from ``starts`` and, unless ``reachable_only``, the reflog-only
    walk, as git.refs.select_commits asks them (in that order)."""
    walks = [reachable_walk([], starts)] + ([] if reachable_only else [reflog_only([], starts)])
    commands = [git_command(git_dir, *args) for args in walks]
    return {tuple(command): _start(command, env) for command in commands}


def _all_done(processes: Iterable[subprocess.Popen[bytes]], within: float) -> bool:
    """Whether every process exits within ``within`` seconds in all (one whose output does
    not fit its pipe cannot: a long walk)."""
    try:
        for process in processes:
            process.wait(within)
    except subprocess.TimeoutExpired:
        return False
    return True


def _stop(processes: Iterable[subprocess.Popen[bytes]]) -> None:
    for process in processes:
        process.kill()
        process.communicate()


def prefetch_sweep(path: str, reachable_only: bool, max_file_bytes: int, jobs: int | None) -> None:
    """Ask, for a sweep of the repository at ``path`` with these options and no ``--ref``
    or ``--since``, what :func:`git.refs.select_commits` will ask, and start ``git log`` on
    the first batch the sweep will read. Quietly does nothing wherever the sweep's own
    path would have something to report (no such directory, no repository, no HEAD)."""
    if not os.path.isdir(path):
        return
    env = git_environment()
    discovery = discovery_command(path)
    finding = _start(discovery, env)
    # Where the repository usually is (PATH/.git): its questions are asked while git says
    # where it really is, and dropped if that is elsewhere.
    guess = os.path.join(os.path.abspath(path), ".git")
    guessed = _FirstQuestions(guess, reachable_only, env) if os.path.isdir(guess) else None
    found = _finish(finding)
    _remember(discovery, found)
    atexit.register(discard)
    answered = read_discovery(found[1]) if found[0] == 0 else None
    if answered is None or len(answered[2]) != 2:  # not a repository, bare, a newline
        if guessed is not None:
            guessed.stop()
        return
    git_dir = answered[2][0]
    if guessed is not None and git_dir != guess:
        guessed.stop()
        guessed = None
    asked = guessed or _FirstQuestions(git_dir, reachable_only, env)
    walks = asked.walks
    import tempfile  # while git answers

    said = {name: _finish(process) for name, process in asked.asking.items()}
    _remember(asked.head, said["head"], failure_is_an_answer=True)  # no HEAD: empty repository
    _remember(asked.stash, said["stash"], failure_is_an_answer=True)  # no stash
    if said["head"][0] != 0:
        _stop(walks.values())
        return  # no HEAD: an empty repository, or one the sweep reports on
    # The side listings, which the sweep reads only at its end. While git still walks a long
    # history they run beside the walk, and are done before the history is read (the object
    # store's listing of 20,000 commits takes as long as their walk; beside the reading, it
    # held another 40 MB at the peak). A short walk is let finish, and git log goes first.
    early = (git_dir, True, reachable_only, None, True)
    if not _all_done(walks.values(), SHORT_WALK):
        _start_early(early)
    entries = [line for line in said["stash"][1].decode("utf-8", "replace").splitlines() if line]
    if len(entries) > 1:
        _stop(walks.values())
        walks = _start_walks(git_dir, [EVERY_REF, *entries[1:]], reachable_only, env)
    walked = {command: _finish(process) for command, process in walks.items()}
    (walk_command, walk_said), *reflog = walked.items()
    walk = walk_said[1]
    if walk_said[0] != 0:
        return  # the sweep asks again, and says what failed
    _remember(list(walk_command), walk_said)
    total = walk.count(b"\n")
    for reflog_command, reflog_said in reflog:
        _remember(list(reflog_command), reflog_said)
        if reflog_said[0] != 0:
            return
        total += reflog_said[1].count(b"\n")
    jobs = jobs or os.cpu_count() or 1
    size = batch_size(total, jobs)
    # The sweep's first batches, one per job: as many as it starts at once.
    lines = walk.split(b"\n", size * jobs)[: size * jobs]
    command = log_command(git_dir, max_file_bytes)
    for start in range(0, len(lines), size):
        commits = [line.decode("ascii", "replace") for line in lines[start : start + size] if line]
        if not commits:
            break
        feed = commit_lines(commits)
        errors = tempfile.TemporaryFile()  # noqa: SIM115 - closed by the taker or discard()
        _logs[(tuple(command), feed)] = PrefetchedLog(command, feed, env, errors)
    if early not in _early:
        _start_early(early)
