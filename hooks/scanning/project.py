"""The project a scanned file belongs to, and whether that project uses Binance.

A scan's tree is its git work tree (its top is where its paths start), or, outside git, the
directory named on the command line (or, for a named file, the file's own directory). In
that tree a file's project is its nearest directory holding a manifest (requirements.txt,
package.json, go.mod, ... :data:`MANIFESTS`), else the whole tree. Each tree gets one lazy
:class:`ProjectRoots`: the list of its manifests is read on the first question, and each
root's probe, run only if some named value of a file below it has no Binance context of its
own, asks git for the lines below the root that say "binance" (``git grep``, so ignored trees
are never read, and vendored ones are excluded by pathspec) and stops at the first that
shows real use (:data:`PROJECT_SIGNAL`) or, in the root's own directory, the project's
identity (:mod:`project_identity`: a README's title is read whole), naming its file
(``project:bot/requirements.txt``, ``project:README.md``).
"""

from __future__ import annotations

import os
import posixpath
import subprocess
import threading
from collections.abc import Callable, Iterable, Iterator
from typing import IO

from ...plugins.detection.env_reads import GIT_ENV_READ_WORDS, credential_env_names, merge
from ...plugins.detection.project_context import (
    GIT_PLATFORM_WORDS,
    GIT_PROJECT_WORD,
    GIT_SIGNAL_WORDS,
    MANIFESTS,
    PROJECT_SIGNAL,
    VENDORED_TREES,
    PlatformProbe,
    ProjectRoots,
    is_manifest,
    platform_of_texts,
    project_signal,
    signal_of_file,
    vendored_tree,
)
from ...plugins.detection.project_identity import (
    identity_label,
    in_root,
    is_identity_file,
    needs_whole_file,
)
from ..bounded import ReadRefused, read_regular_file, read_under
from ..git.invocation import git_at, git_environment

# Outside git, a project directory is read at most this far to answer the question.
MAX_PROBE_FILES = 5000
MAX_PROBE_FILE_BYTES = 1024 * 1024
# A line of git grep's output is read this far: a file of one line of a gigabyte that
# says "binance" (a minified bundle, a README without a newline) is not held whole.
MAX_GREP_LINE_BYTES = MAX_PROBE_FILE_BYTES
# A blob read for the project's context is given this long before git is stopped.
BLOB_SECONDS = 60
# At most this many files that read the environment and say "binance" are read for the
# variables they hand to a Binance client (:mod:`env_reads`).
MAX_ENV_FILES = 200
# Directories never read for project context outside git (dependencies, virtualenvs, caches).
SKIPPED_DIRECTORIES = frozenset(
    {".git", "__pycache__", "build", "target", *(tree.name for tree in VENDORED_TREES)}
)
# git pathspecs leaving the vendored trees out of a ``git grep`` (at any depth, any case).
VENDORED_PATHSPECS = tuple(f":(exclude,icase,glob)**/{tree.name}/**" for tree in VENDORED_TREES)


def bounded_lines(stream: IO[bytes], limit: int = MAX_GREP_LINE_BYTES) -> Iterator[bytes]:
    """The lines of ``stream``, each cut to its first ``limit`` bytes (the rest of a longer
    line is read and dropped, a piece at a time)."""
    while line := stream.readline(limit):
        if len(line) == limit and not line.endswith(b"\n"):
            while (rest := stream.readline(limit)) and not rest.endswith(b"\n"):
                pass
        yield line


def git_grep_platform(command: list[str]) -> str | None:
    """Run a :func:`platform_grep_arguments` command: the platform its lines name."""
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=git_environment()
    ) as process:
        assert process.stdout is not None
        lines = (line.decode("utf-8", "replace") for line in bounded_lines(process.stdout))
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


def signal_grep_arguments(
    *options: str, revision: str | None = None, root: str = "", manifests: bool = False
) -> list[str]:
    """``git grep`` printing every text line with the word below ``root`` (of
    ``revision``'s tree, or of the work tree), each after its file name and a NUL, vendored
    trees left out; only in manifests (:data:`MANIFESTS`) when ``manifests``."""
    tree = [] if revision is None else [revision]
    below = f"{root}/" if root else ""
    where = (
        [f":(glob,icase){below}**/{manifest.glob}" for manifest in MANIFESTS]
        if manifests
        else [below or "."]
    )
    # No -I: a file git calls binary is named on a "Binary file X matches" line, and
    # git_grep_signal reads it itself (an attribute such as `* -diff` makes every file
    # binary to git grep, and hid the project's SDK dependency from `scan`).
    return [
        "grep", "-i", "-F", "-z", "--no-color", *options,
        *(part for word in GIT_SIGNAL_WORDS for part in ("-e", word)), *tree,
        "--", *where, *VENDORED_PATHSPECS,
    ]  # fmt: skip


def git_grep_signal_manifests_first(
    command: Callable[[bool], list[str]],
    revision: str | None = None,
    read: Callable[[str], str | None] | None = None,
    root: str | None = None,
) -> str | None:
    """:func:`git_grep_signal` over the manifests first (a dependency is the clearest
    signal to name: ``project:requirements.txt``), then over every file."""
    return git_grep_signal(command(True), revision, read, root) or git_grep_signal(
        command(False), revision, read, root
    )


BINARY_MATCH = (b"Binary file ", b" matches\n")
MAX_BINARY_MATCHES = 50  # files git calls binary that are read to look for the signal


def identity_in_line(
    path: str, line: str, root: str | None, read: Callable[[str], str | None] | None
) -> bool:
    """Whether a grep line of the file at ``path`` shows the identity of the project rooted
    at ``root`` (:mod:`project_identity`; None: identity not asked), reading the whole file
    with ``read`` where one line cannot tell (a README's title)."""
    if root is None or not in_root(path, root) or not is_identity_file(posixpath.basename(path)):
        return False
    if not needs_whole_file(posixpath.basename(path)):
        return identity_label(path, line) is not None
    whole = read(path) if read is not None else None
    return whole is not None and identity_label(path, whole) is not None


def git_grep_signal(
    command: list[str],
    revision: str | None = None,
    read: Callable[[str], str | None] | None = None,
    root: str | None = None,
) -> str | None:
    """Run a :func:`signal_grep_arguments` command: the signal of its first line that shows
    real use (``project:<file>``), or, given the ``root`` it greps below, the project's
    identity (its own name or README title in that directory), or None. A file git shows
    only as "Binary file X matches" is read with ``read`` (bounded, None for a file with a
    NUL: truly binary), at most MAX_BINARY_MATCHES of them."""
    prefix = b"" if revision is None else revision.encode() + b":"
    binary_read = 0
    identity_read: set[str] = set()  # files read whole for their identity, once each
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=git_environment()
    ) as process:
        assert process.stdout is not None
        for line in bounded_lines(process.stdout):
            name, nul, text = line.partition(b"\0")
            if not nul and line.startswith(BINARY_MATCH[0]) and line.endswith(BINARY_MATCH[1]):
                if read is None or binary_read >= MAX_BINARY_MATCHES:
                    continue
                binary_read += 1
                name = line[len(BINARY_MATCH[0]) : -len(BINARY_MATCH[1])]
                path = name.removeprefix(prefix).decode("utf-8", "replace")
                whole = read(path) if vendored_tree(path) is None else None
                if whole and any(map(PROJECT_SIGNAL.search, whole.splitlines())):
                    process.kill()
                    return project_signal(path)
                continue
            if not nul:
                continue
            path = name.removeprefix(prefix).decode("utf-8", "replace")
            line_text = text.decode("utf-8", "replace")
            if PROJECT_SIGNAL.search(line_text) is None:
                if path in identity_read:
                    continue
                if needs_whole_file(posixpath.basename(path)):
                    identity_read.add(path)
                if not identity_in_line(path, line_text, root, read):
                    continue
            if vendored_tree(path) is None:
                process.kill()
                return project_signal(path)
        return None


def env_grep_arguments(*options: str, revision: str | None = None, root: str = "") -> list[str]:
    """``git grep`` listing the files below ``root`` that both read the environment and say
    "binance" (NUL-separated; prefixed ``revision:`` for a tree), vendored trees left out."""
    tree = [] if revision is None else [revision]
    below = f"{root}/" if root else "."
    return [
        "grep", "-l", "-z", "-I", "-i", "-E", "--all-match", *options,
        "-e", GIT_PROJECT_WORD, "-e", GIT_ENV_READ_WORDS, *tree, "--", below, *VENDORED_PATHSPECS,
    ]  # fmt: skip


def git_env_names(
    listing: list[str], read: Callable[[str], str | None], revision: str | None = None
) -> dict[str, str]:
    """The variables the files a :func:`env_grep_arguments` command lists hand to a Binance
    client, each file read by ``read`` (None: unreadable)."""
    prefix = "" if revision is None else f"{revision}:"
    maps = []
    for path in git_paths(listing)[:MAX_ENV_FILES]:
        path = path.removeprefix(prefix)
        if vendored_tree(path) is not None:
            continue
        text = read(path)
        if text:
            maps.append(credential_env_names(text))
    return merge(maps)


def git_blob_text(command: list[str]) -> str | None:
    """The text a ``git cat-file blob`` command prints (at most MAX_PROBE_FILE_BYTES).

    Only that much is read from git's output: a committed README of a gigabyte, read to
    find its title, must not be held in memory whole (git is stopped after the limit)."""
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=git_environment()
    ) as process:
        assert process.stdout is not None
        stopper = threading.Timer(BLOB_SECONDS, process.kill)
        stopper.start()
        try:
            data = process.stdout.read(MAX_PROBE_FILE_BYTES)
            whole = len(data) < MAX_PROBE_FILE_BYTES or not process.stdout.read(1)
            if not whole:
                process.kill()
            failed = process.wait() != 0 and whole
        finally:
            stopper.cancel()
    if failed or b"\0" in data[:8000]:
        return None
    return data.decode("utf-8", "replace")


def _disk_text(top: str, path: str) -> str | None:
    """The text of the file ``path`` below ``top``: bounded, regular files only, and no
    symlink followed (as the scan reads its files), so a committed ``bot.env`` linking to
    the user's own files cannot make them decide what the tree's keys are."""
    try:
        data = read_under(top, path, MAX_PROBE_FILE_BYTES)
    except ReadRefused:
        return None
    return None if b"\0" in data[:8000] else data.decode("utf-8", "replace")


def git_paths(command: list[str]) -> list[str]:
    """The NUL-separated paths a ``git ls-files -z`` or ``git ls-tree -z --name-only``
    command prints."""
    done = subprocess.run(
        command, capture_output=True, check=False, env=git_environment(), timeout=300
    )
    return [path.decode("utf-8", "replace") for path in done.stdout.split(b"\0") if path]


def revision_project(
    command: Callable[..., list[str]], revision: str, platform: PlatformProbe
) -> ProjectRoots:
    """The projects of a commit's tree (``command(*args)`` builds a git command on the
    repository)."""
    return ProjectRoots(
        lambda: git_paths(command("ls-tree", "-r", "-z", "--name-only", revision)),
        lambda root: git_grep_signal_manifests_first(
            lambda manifests: command(
                *signal_grep_arguments(revision=revision, root=root, manifests=manifests)
            ),
            revision,
            lambda path: git_blob_text(command("cat-file", "blob", f"{revision}:{path}")),
            root,
        ),
        platform,
        lambda root: git_env_names(
            command(*env_grep_arguments(revision=revision, root=root)),
            lambda path: git_blob_text(command("cat-file", "blob", f"{revision}:{path}")),
            revision,
        ),
        lambda path: git_blob_text(command("cat-file", "blob", f"{revision}:{path}")),
    )


def work_tree_project(toplevel: str, staged: bool = False) -> ProjectRoots:
    """The projects of a git work tree: its files git would track, or its index."""
    where = ["--cached"] if staged else ["--untracked"]
    listed = ["--cached"] if staged else ["--cached", "--others", "--exclude-standard"]
    platform = git_at(toplevel, *platform_grep_arguments(*where))
    read: Callable[[str], str | None] = (
        (lambda path: git_blob_text(git_at(toplevel, "cat-file", "blob", f":{path}")))
        if staged
        else (lambda path: _disk_text(toplevel, path))
    )
    return ProjectRoots(
        lambda: git_paths(git_at(toplevel, "ls-files", "-z", *listed)),
        lambda root: git_grep_signal_manifests_first(
            lambda manifests: git_at(
                toplevel, *signal_grep_arguments(*where, root=root, manifests=manifests)
            ),
            None,
            read,
            root,
        ),
        lambda: git_grep_platform(platform),
        lambda root: git_env_names(
            git_at(toplevel, *env_grep_arguments(*where, root=root)), read
        ),
        read,
    )


def _walk_paths(directory: str, recursive: bool) -> Iterator[str]:
    """The files below ``directory`` (at most MAX_PROBE_FILES), outside SKIPPED_DIRECTORIES,
    as paths relative to it."""
    seen = 0
    for root, dirs, files in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if d not in SKIPPED_DIRECTORIES) if recursive else []
        for name in sorted(files):
            seen += 1
            if seen > MAX_PROBE_FILES:
                return
            yield os.path.relpath(os.path.join(root, name), directory).replace(os.sep, "/")


def _walk_texts(
    directory: str, recursive: bool, manifests_first: bool = False
) -> Iterator[tuple[str, str]]:
    """(path relative to ``directory``, text) of its text files (see :func:`_walk_paths`),
    its manifests first if ``manifests_first``."""
    paths: Iterable[str] = _walk_paths(directory, recursive)
    if manifests_first:
        paths = sorted(paths, key=lambda path: not is_manifest(os.path.basename(path)))
    for relative in paths:
        path = os.path.join(directory, relative)
        if os.path.islink(path):
            continue
        try:  # bounded, regular files only: a FIFO here must not hang the scan
            data = read_regular_file(path, MAX_PROBE_FILE_BYTES)
        except ReadRefused:
            continue
        if b"\0" not in data[:8000]:
            yield relative, data.decode("utf-8", "replace")


def _directory_signal(directory: str, root: str, recursive: bool) -> str | None:
    below = os.path.join(directory, root) if root else directory
    for relative, text in _walk_texts(below, recursive, manifests_first=True):
        path = f"{root}/{relative}" if root else relative
        if signal_of_file(path, text, root) is not None:
            return project_signal(path)
    return None


def directory_project(directory: str, recursive: bool = True) -> ProjectRoots:
    """The projects of a directory outside git: its own files (and, if recursive, below)."""
    return ProjectRoots(
        lambda: list(_walk_paths(directory, recursive)),
        lambda root: _directory_signal(directory, root, recursive),
        lambda: platform_of_texts(text for _, text in _walk_texts(directory, recursive)),
        lambda root: merge(
            [
                credential_env_names(text)
                for _, text in _walk_texts(
                    os.path.join(directory, root) if root else directory, recursive
                )
            ]
        ),
        lambda path: _disk_text(directory, path),
    )
