"""The repository a sweep runs on: found and driven through git itself.

``git rev-parse`` finds it (discovery, bare or work tree); history is read by
streaming git's own output (:mod:`git_history`): walking commits and diffing them object by
object in Python is two orders of magnitude slower.
"""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass
from functools import cached_property

from binance_secrets.hooks.git.blobs import BlobReader
from binance_secrets.hooks.git.errors import GitError, last_line
from binance_secrets.hooks.git.pending import PendingGit

# Options that make git's output independent of the user's configuration: no pager, no
# colour, no external diff or textconv drivers, paths unquoted where possible.
GIT_CONFIG_OVERRIDES = (
    "-c", "core.quotePath=false",
    "-c", "diff.noprefix=false",
    "-c", "diff.mnemonicPrefix=false",
    "-c", "log.showSignature=false",
    "-c", "color.ui=false",
)  # fmt: skip

# Bounded memory whatever the history's size (git-config(1) core.packedGitLimit,
# core.packedGitWindowSize, core.deltaBaseCacheLimit): git maps pack files into memory in
# windows, and by default keeps up to 8 GiB of them mapped, which shows up as resident
# memory on a large repository. Small windows cost little time for a sequential read. The
# delta base cache is another matter: at 16m, a history whose multi-MB files change in
# hundreds of commits took git twice the CPU time of its default 96m (re-inflating delta
# bases); 32m costs about 30% of it and keeps each git process near 70 MB, so a sweep with
# a git process per core stays under 200 MB (tests/benchmarks/bench_floor.py, `client`).
GIT_MEMORY_LIMITS = (
    "-c", "core.packedGitLimit=48m",
    "-c", "core.packedGitWindowSize=4m",
    "-c", "core.deltaBaseCacheLimit=32m",
)  # fmt: skip


# A full object id: SHA-1 (40 hex) or SHA-256 (64 hex). A value from a report, a hook's
# input or a user that must name an object is checked against this before it reaches git,
# where anything else could be read as an option (`--output=FILE`) or a revision expression.
OBJECT_ID = re.compile(r"[0-9a-f]{40}(?:[0-9a-f]{24})?")


def is_object_id(value: object) -> bool:
    return isinstance(value, str) and OBJECT_ID.fullmatch(value) is not None


class RepositoryError(ValueError):
    """The repository cannot be swept; the message says what was wrong and what to do."""


@dataclass(frozen=True)
class Repository:
    """Where the repository is: ``git_dir`` always, ``work_tree`` unless bare."""

    git_dir: str
    work_tree: str | None
    # Asked in the same ``git rev-parse`` that found the repository.
    shallow: bool = False

    @property
    def display(self) -> str:
        """The path a user knows the repository by (the work tree, or the bare git dir)."""
        return self.work_tree or self.git_dir

    def command(self, *args: str) -> list[str]:
        return [
            "git", "--git-dir", self.git_dir, *GIT_CONFIG_OVERRIDES, *GIT_MEMORY_LIMITS, *args
        ]  # fmt: skip

    def _complete(self, args: tuple[str, ...], input: bytes | None) -> subprocess.CompletedProcess:
        return subprocess.run(
            self.command(*args),
            input=input,
            capture_output=True,
            check=False,
            env=git_environment(),
        )

    def run(self, *args: str, input: bytes | None = None, check: bool = True) -> bytes:
        """Run git and return its stdout; raise GitError when ``check`` and it fails."""
        done = self._complete(args, input)
        if check and done.returncode != 0:
            raise GitError(list(args), last_line(done.stderr))
        return done.stdout

    def succeeds(self, *args: str) -> bool:
        """Whether git exits 0 (for yes/no commands such as ``rev-parse --verify``)."""
        return self._complete(args, None).returncode == 0

    def lines(self, *args: str, input: bytes | None = None, check: bool = True) -> list[str]:
        out = self.run(*args, input=input, check=check)
        return out.decode("utf-8", errors="replace").splitlines()

    def blob_reader(self) -> BlobReader:
        """A ``git cat-file --batch`` reader on this repository (close it when done)."""
        return BlobReader(self.command("cat-file", "--batch"), env=git_environment())

    @cached_property
    def head(self) -> str | None:
        """The commit HEAD points at; None in an empty repository (unborn branch)."""
        out = self.run("rev-parse", "--verify", "--quiet", "HEAD^{commit}", check=False)
        return out.decode().strip() or None

    def start(self, *args: str) -> PendingGit:
        """Run git in the background; its output is read later (:class:`PendingGit`)."""
        return PendingGit(self.command(*args), git_environment(), list(args))

    def start_head_listing(self) -> PendingGit | None:
        """``ls-tree -r -z`` of HEAD's whole tree, started now and read when needed (None:
        no HEAD). One listing answers both :func:`gitlinks` and :func:`tree_blobs`."""
        if self.head is None:
            return None
        return self.start("ls-tree", "-r", "-z", "--full-tree", "HEAD")


def gitlinks(tree_listing: bytes) -> list[str]:
    """The paths of the gitlinks (submodules) in an ``ls-tree -r -z`` listing: their
    history lives in other repositories, not swept here."""
    if b"160000 commit " not in tree_listing:
        return []  # no gitlink: 20,000 entries are not split and looked at one by one
    paths = []
    for entry in tree_listing.split(b"\0"):
        meta, _, path = entry.partition(b"\t")
        if meta.startswith(b"160000 "):
            paths.append(path.decode("utf-8", errors="replace"))
    return paths


def git_environment() -> dict[str, str]:
    """The environment for git: no prompts, no pager, English messages, no user replace refs."""
    env = dict(os.environ)
    env.update(
        GIT_TERMINAL_PROMPT="0",
        GIT_PAGER="cat",
        LC_ALL="C",
        GIT_NO_REPLACE_OBJECTS="1",
    )
    return env


def open_repository(path: str) -> Repository:
    """The repository at or above ``path``; RepositoryError if there is none.

    Found with one ``git rev-parse`` (git's own discovery rules, as every later git call
    follows them): importing gitpython for this alone cost a sweep 0.08 s.
    """
    if not os.path.isdir(path):
        raise RepositoryError(f"{path}: no such directory; give the path of a git repository")
    # git missing from PATH raises FileNotFoundError: the top level says what to do.
    done = subprocess.run(
        ["git", "-C", path, "rev-parse", "--absolute-git-dir", "--is-bare-repository",
         "--is-shallow-repository", "--show-toplevel"],
        capture_output=True,
        check=False,
        env=git_environment(),
    )  # fmt: skip
    answers = done.stdout.decode("utf-8", "surrogateescape").splitlines()
    if len(answers) < 3:
        if b"not a git repository" in done.stderr:
            raise RepositoryError(
                f"{path}: not a git repository; run sweep inside one or give its path"
            )
        raise RepositoryError(f"{path}: cannot open the repository: {last_line(done.stderr)}")
    git_dir, bare, shallow = answers[0], answers[1] == "true", answers[2] == "true"
    if bare:
        return Repository(git_dir=git_dir, work_tree=None, shallow=shallow)
    # Inside the .git directory itself git names no work tree: it is the directory above.
    work_tree = answers[3] if len(answers) > 3 else os.path.dirname(git_dir)
    return Repository(git_dir=git_dir, work_tree=os.path.abspath(work_tree), shallow=shallow)
