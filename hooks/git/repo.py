"""The repository a sweep runs on: found and driven through git itself.

``git rev-parse`` finds it (discovery, bare or work tree); history is read by
streaming git's own output (:mod:`hooks.sweep.log_stream`): walking commits and diffing
them object by object in Python is two orders of magnitude slower.
"""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass
from functools import cached_property

from .blobs import BlobReader
from .errors import GitError, last_line
from .invocation import (
    HEAD_COMMIT,
    discovery_command,
    explicit_discovery_command,
    git_command,
    git_dir_command,
    git_environment,
    read_discovery,
)

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
        return git_command(self.git_dir, *args)

    def _complete(self, args: tuple[str, ...], input: bytes | None) -> subprocess.CompletedProcess:
        return _run_git(self.command(*args), input)

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
        out = self.run(*HEAD_COMMIT, check=False)
        return out.decode().strip() or None


def _run_git(command: list[str], input: bytes | None = None) -> subprocess.CompletedProcess:
    """git's answer to ``command``, fed ``input``."""
    return subprocess.run(
        command, input=input, capture_output=True, check=False, env=git_environment()
    )


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


def open_repository(path: str) -> Repository:
    """The repository at or above ``path``; RepositoryError if there is none.

    Found with one ``git rev-parse``: git's own discovery rules, as every later git call
    follows them.
    """
    if not os.path.isdir(path):
        raise RepositoryError(f"{path}: no such directory; give the path of a git repository")
    # git missing from PATH raises FileNotFoundError: the top level says what to do.
    done = _run_git(discovery_command(path))
    found = read_discovery(done.stdout)
    if found is None:
        # Only where git refused a bare repository: another refusal (safe.directory's
        # ownership check) is not worked around by naming the git dir.
        if b"safe.bareRepository" in done.stderr:
            named = _named_git_dir(path)
            if named is not None:
                return named
            raise RepositoryError(
                f"{path}: is inside a bare repository that was not named; give the path of "
                "the repository itself (its git dir), not a directory inside it"
            )
        if b"not a git repository" in done.stderr:
            raise RepositoryError(
                f"{path}: not a git repository; run sweep inside one or give its path"
            )
        raise RepositoryError(f"{path}: cannot open the repository: {last_line(done.stderr)}")
    bare, shallow, paths = found
    git_dir = paths[0]
    # The work tree follows unless git has none to name (bare, or run inside the git dir,
    # where it fails on that question alone).
    if len(paths) != (1 if bare or done.returncode != 0 else 2):
        # A newline in a path: the git dir alone says where it ends (read whole, not by
        # lines, so a repository at such a path is not swept as another, empty one).
        git_dir = _run_git(git_dir_command(path)).stdout.decode("utf-8", "surrogateescape")
        git_dir = git_dir.removesuffix("\n")
        rest = "\n".join(paths)[len(git_dir) + 1 :]
        paths = [git_dir, rest] if rest else [git_dir]
    if bare:
        return Repository(git_dir=git_dir, work_tree=None, shallow=shallow)
    # Inside the .git directory itself git names no work tree: it is the directory above.
    work_tree = paths[1] if len(paths) > 1 else os.path.dirname(git_dir)
    return Repository(git_dir=git_dir, work_tree=os.path.abspath(work_tree), shallow=shallow)


def _named_git_dir(path: str) -> Repository | None:
    """The repository whose git dir is ``path`` itself, or the ``.git`` directory above it,
    opened with ``--git-dir``: git's discovery no longer opens a bare repository
    (safe.bareRepository=explicit, so that one inside a checkout is never used unasked),
    and git before 2.45 counts a ``.git`` directory as bare when run inside it. A
    directory inside a bare repository other than its git dir is not opened."""
    here = os.path.abspath(path)
    candidates = [here] + [
        parent for parent in _parents(here) if os.path.basename(parent) == ".git"
    ]
    for candidate in candidates:
        done = _run_git(explicit_discovery_command(candidate))
        found = read_discovery(done.stdout) if done.returncode == 0 else None
        if found is None:
            continue
        bare, shallow, paths = found
        git_dir = "\n".join(paths)
        if bare:
            return Repository(git_dir=git_dir, work_tree=None, shallow=shallow)
        return Repository(git_dir=git_dir, work_tree=os.path.dirname(git_dir), shallow=shallow)
    return None


def _parents(path: str) -> list[str]:
    parents = []
    while (parent := os.path.dirname(path)) != path:
        parents.append(parent)
        path = parent
    return parents


def is_partial(repo: Repository) -> bool:
    """Whether objects sit in promisor packs (``objects/pack/*.promisor``, what a partial
    clone fetches into; gitrepository-layout(5)). ``git gc`` keeps every object of those
    packs, reachable or not, so old commits outlive the rewrite there (seen on real clones:
    every value left after filter-repo was a dangling commit in a promisor pack)."""
    if repo.run("config", "--get", "extensions.partialClone", check=False).strip():
        return True
    out = repo.run("rev-parse", "--git-path", "objects/pack", check=False)
    pack = os.path.abspath(out.decode("utf-8", "replace").strip() or repo.git_dir)
    try:
        return any(name.endswith(".promisor") for name in os.listdir(pack))
    except OSError:
        return False
