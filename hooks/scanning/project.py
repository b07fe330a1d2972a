"""The project a scanned file belongs to, and whether that project uses Binance.

A file's project is its git work tree (its top is where its paths start), or, outside git,
the directory named on the command line (or, for a named file, the file's own directory).
Each project gets one lazy :class:`ProjectContext`: its probe, run only if some named value
has no Binance context of its own, asks git for the lines that say "binance" (``git grep``,
so ignored trees such as ``node_modules`` and ``.venv`` are never read) and stops at the
first that shows real use (:data:`PROJECT_SIGNAL`).
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterable, Iterator

from ...plugins.detection.project_context import (
    GIT_PLATFORM_WORDS,
    GIT_PROJECT_WORD,
    PROJECT_SIGNAL,
    ProjectContext,
    platform_of_texts,
    text_uses_binance,
)
from ..bounded import ReadRefused, read_regular_file
from ..git.invocation import git_at, git_environment

# Outside git, a project directory is read at most this far to answer the question.
MAX_PROBE_FILES = 5000
MAX_PROBE_FILE_BYTES = 1024 * 1024
# Directories never read for project context outside git (dependencies, virtualenvs, caches).
SKIPPED_DIRECTORIES = frozenset(
    {".git", "node_modules", ".venv", "venv", "__pycache__", ".tox", "dist", "build", "target"}
)


def _any_line_signals(lines: Iterable[bytes]) -> bool:
    return any(PROJECT_SIGNAL.search(line.decode("utf-8", "replace")) for line in lines)


def git_grep_uses_binance(command: list[str]) -> bool:
    """Run a ``git grep -h -i -F binance ...`` command; True at its first signalling line."""
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=git_environment()
    ) as process:
        assert process.stdout is not None
        found = _any_line_signals(process.stdout)
        if found:
            process.kill()
        return found


def grep_arguments(*options: str, revision: str | None = None) -> list[str]:
    """``git grep`` printing every text line with the word (of ``revision``'s tree, or of
    the work tree), without file names."""
    tree = [] if revision is None else [revision]
    return ["grep", "-I", "-h", "-i", "-F", "--no-color", *options, "-e", GIT_PROJECT_WORD, *tree]


def git_grep_platform(command: list[str]) -> str | None:
    """Run a :func:`platform_grep_arguments` command: the platform its lines name."""
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=git_environment()
    ) as process:
        assert process.stdout is not None
        lines = (line.decode("utf-8", "replace") for line in process.stdout)
        platform = platform_of_texts(lines)
        process.kill()  # it may have stopped early, at a binance.com host
        return platform


def platform_grep_arguments(*options: str, revision: str | None = None) -> list[str]:
    """``git grep`` printing the lines that may name a Binance platform (the candidates
    :func:`platform_of_texts` confirms), without file names."""
    tree = [] if revision is None else [revision]
    return [
        "grep", "-I", "-h", "-i", "-E", "--no-color", *options, "-e", GIT_PLATFORM_WORDS, *tree,
    ]  # fmt: skip


def work_tree_project(toplevel: str, staged: bool = False) -> ProjectContext:
    """The project of a git work tree: its files git would track, or its index."""
    where = ["--cached"] if staged else ["--untracked"]
    command = git_at(toplevel, *grep_arguments(*where))
    platform = git_at(toplevel, *platform_grep_arguments(*where))
    return ProjectContext(
        lambda: git_grep_uses_binance(command), lambda: git_grep_platform(platform)
    )


def _walk_texts(directory: str, recursive: bool) -> Iterator[str]:
    seen = 0
    for root, dirs, files in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if d not in SKIPPED_DIRECTORIES) if recursive else []
        for name in sorted(files):
            seen += 1
            if seen > MAX_PROBE_FILES:
                return
            path = os.path.join(root, name)
            if os.path.islink(path):
                continue
            try:  # bounded, regular files only: a FIFO here must not hang the scan
                data = read_regular_file(path, MAX_PROBE_FILE_BYTES)
            except ReadRefused:
                continue
            if b"\0" not in data[:8000]:
                yield data.decode("utf-8", "replace")


def directory_project(directory: str, recursive: bool = True) -> ProjectContext:
    """The project of a directory outside git: its own files (and, if recursive, below)."""
    return ProjectContext(
        lambda: any(text_uses_binance(text) for text in _walk_texts(directory, recursive)),
        lambda: platform_of_texts(_walk_texts(directory, recursive)),
    )
