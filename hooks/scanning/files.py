"""Which texts a scan reads: files on disk, or the staged (index) content of a repository.

Git is asked through its command line, as everywhere in binance-secrets
(docs/architecture.md says why not GitPython).
"""

from __future__ import annotations

import dataclasses
import functools
import os
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Callable

from ...plugins.detection.project_context import NO_PROJECT, ProjectContext
from ..git.blobs import BlobReader
from ..git.invocation import git_at, git_environment
from .limits import DEFAULT_MAX_FILE_BYTES
from .project import directory_project, work_tree_project

# Bytes inspected for a NUL to decide that a file is binary (git uses the same heuristic).
BINARY_SNIFF_BYTES = 8000
# The byte order marks of UTF-16 text (little- and big-endian): see decode().
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


class SourceError(Exception):
    """A scan target that cannot be read at all (bad path, not a repository)."""


@dataclass(frozen=True)
class Source:
    """One text to scan: ``path`` as reported, ``read`` returns its bytes.

    ``context_path`` is the path relative to its project's top (the work tree, or the
    directory scanned): only that part of a path may say Binance, so the directory a scan
    was started from never changes a finding. ``project`` is that project's context.
    """

    path: str
    read: Callable[[], bytes]
    size: int | None = None
    context_path: str | None = None
    project: ProjectContext = NO_PROJECT
    # Named on the command line (not found below a directory): if it is not read, the
    # report says so in its last line (scan's text), never a bare "nothing found".
    named: bool = False


@dataclass(frozen=True)
class Skipped:
    path: str
    reason: str
    named: bool = False  # as Source.named; not part of the report's JSON

    def to_json(self) -> dict[str, str]:
        return {"path": self.path, "reason": self.reason}


def _git(args: list[str], cwd: str) -> bytes:
    result = subprocess.run(
        git_at(cwd, *args), capture_output=True, check=False, env=git_environment()
    )
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise SourceError(message[-1] if message else f"git {' '.join(args)} failed")
    return result.stdout


def git_toplevel(path: str) -> str | None:
    """The work tree root containing ``path``, or None outside a work tree."""
    try:
        out = _git(["rev-parse", "--show-toplevel"], cwd=path)
    except (SourceError, OSError):
        return None
    return out.decode("utf-8", "surrogateescape").strip() or None


def git_listed_files(toplevel: str) -> set[str]:
    """Files git tracks or would track (untracked but not ignored), relative to toplevel."""
    out = _git(["ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=toplevel)
    return {p for p in out.decode("utf-8", "surrogateescape").split("\0") if p}


def _file_source(
    abs_path: str, shown: str, project: _Project, max_bytes: int = DEFAULT_MAX_FILE_BYTES
) -> Source:
    def read() -> bytes:
        # Bounded: the file may have grown (or been swapped for a FIFO) since it was listed.
        from ..bounded import ReadRefused, read_regular_file

        try:
            return read_regular_file(abs_path, max_bytes)
        except ReadRefused as error:  # reported as "unreadable: <why>"
            raise OSError(str(error).removeprefix("cannot be opened: ")) from error

    top, context = project
    where = os.path.relpath(os.path.abspath(abs_path), top).replace(os.sep, "/")
    return Source(shown, read, os.path.getsize(abs_path), where, context)


# A project: its top directory and its (lazy) context.
_Project = tuple[str, ProjectContext]


class _Projects:
    """One ProjectContext per project top, so each project is probed at most once."""

    def __init__(self) -> None:
        self._by_top: dict[str, ProjectContext] = {}
        self._toplevel_of: dict[str, str | None] = {}

    def _get(self, top: str, make: Callable[[], ProjectContext]) -> _Project:
        if top not in self._by_top:
            self._by_top[top] = make()
        return top, self._by_top[top]

    def toplevel(self, directory: str) -> str | None:
        directory = os.path.abspath(directory)
        for top in self._toplevel_of.values():
            if top is not None and (directory + os.sep).startswith(top + os.sep):
                return top
        if directory not in self._toplevel_of:
            found = git_toplevel(directory)
            self._toplevel_of[directory] = os.path.abspath(found) if found else None
        return self._toplevel_of[directory]

    def of_work_tree(self, toplevel: str, staged: bool = False) -> _Project:
        return self._get(toplevel, lambda: work_tree_project(toplevel, staged))

    def of_directory(self, directory: str, recursive: bool) -> _Project:
        top = os.path.abspath(directory)
        return self._get(top, lambda: directory_project(top, recursive))

    def of_file(self, path: str) -> _Project:
        directory = os.path.dirname(os.path.abspath(path))
        toplevel = self.toplevel(directory)
        if toplevel is not None:
            return self.of_work_tree(toplevel)
        return self.of_directory(directory, recursive=False)


def walk_tree(directory: str) -> Iterator[str]:
    """Every entry below ``directory`` that is not a directory, sorted, ``.git`` left out.

    An explicit stack, not recursion (``os.walk`` recurses on Python < 3.12 and a tree
    1,000 directories deep ended in RecursionError); symlinked directories are not entered,
    so a link cycle cannot loop. Unreadable directories are passed over, like ``os.walk``.
    """
    stack = [directory]
    while stack:
        current = stack.pop()
        try:
            with os.scandir(current) as entries:
                listing = sorted(entries, key=lambda entry: entry.name)
        except OSError:
            continue
        subdirectories = []
        for entry in listing:
            try:
                is_directory = entry.is_dir(follow_symlinks=False)
            except OSError:
                is_directory = False
            if is_directory:
                if entry.name != ".git":
                    subdirectories.append(entry.path)
            else:
                yield entry.path
        stack.extend(reversed(subdirectories))


STDIN_PATH = "-"
STDIN_SHOWN = "<stdin>"


def _stdin_source(max_bytes: int) -> tuple[Source | None, Skipped | None]:
    """``scan -``: standard input, read once and bounded, reported as ``<stdin>``."""
    import sys

    from ..bounded import ReadRefused, read_stream

    try:
        data = read_stream(sys.stdin.buffer, max_bytes)
    except ReadRefused:
        return None, Skipped(STDIN_SHOWN, f"larger than {max_bytes} bytes", named=True)
    return Source(STDIN_SHOWN, lambda: data, len(data), STDIN_SHOWN, named=True), None


def _named_file(given: str, shown: str, max_bytes: int, project: _Project) -> Source | Skipped:
    """A file named on the command line (symlinks followed). It must open, so a path that
    cannot be read is an error, not a silent skip. A regular file is read when scanned, like
    any other (a pre-commit batch names hundreds); a pipe or device (``/dev/stdin``,
    ``<(cmd)``) is read now, once, up to the limit."""
    from ..bounded import (
        ReadRefused,
        is_openable_regular_file,
        read_named,
    )

    try:
        if is_openable_regular_file(given):
            return dataclasses.replace(_file_source(given, shown, project, max_bytes), named=True)
        data = read_named(given, max_bytes)
    except ReadRefused as error:
        if str(error).startswith("is larger than"):
            return Skipped(shown, f"larger than {max_bytes} bytes", named=True)
        raise SourceError(f"{given}: {error}; name a readable file") from error
    top, context = project
    where = os.path.relpath(os.path.abspath(given), top).replace(os.sep, "/")
    return Source(shown, lambda: data, len(data), where, context, named=True)


def git_ignores(toplevel: str, path: str) -> bool:
    """Whether git's exclude rules (.gitignore, info/exclude) ignore ``path`` or a directory
    above it. The path goes to ``git check-ignore`` on standard input, NUL-terminated, so
    no name is read as an option or a pattern."""
    relative = os.path.relpath(os.path.realpath(path), os.path.realpath(toplevel))
    if relative == "." or relative.startswith(".."):
        return False
    result = subprocess.run(
        git_at(toplevel, "check-ignore", "-q", "-z", "--stdin"),
        input=relative.encode("utf-8", "surrogateescape") + b"\0",
        capture_output=True,
        check=False,
        env=git_environment(),
    )
    return result.returncode == 0


def disk_sources(
    paths: list[str], root: str, all_files: bool, max_bytes: int = DEFAULT_MAX_FILE_BYTES
) -> tuple[list[Source], list[Skipped]]:
    """Files named or found below directories; in a work tree, only those git would track.

    What the user named is scanned whatever git thinks of it: a named file (a symlink is
    followed, ``/dev/stdin`` and ``<(cmd)`` are read), ``-`` for standard input, and a
    named directory that git ignores (``scan build/``), walked whole. Below a directory
    that git does not ignore, only the files git tracks or would track are read, and
    symlinks and special files found there are skipped and listed. A named path that does
    not exist or cannot be read is a SourceError (exit 2).
    """
    sources: list[Source] = []
    skipped: list[Skipped] = []
    listed: dict[str, list[str]] = {}
    projects = _Projects()
    for given in paths:
        if given == STDIN_PATH:
            source, skip = _stdin_source(max_bytes)
            sources.extend([source] if source else [])
            skipped.extend([skip] if skip else [])
            continue
        if not os.path.lexists(given):
            raise SourceError(f"{given}: no such file or directory")
        if not os.path.exists(given):
            raise SourceError(f"{given}: a symlink to nothing; name the file it should point to")
        if not os.path.isdir(given):
            shown = _relative(given, root)
            if os.path.isabs(given) and shown.startswith("../"):
                shown = given  # /dev/stdin, not ../../dev/stdin
            found = _named_file(given, shown, max_bytes, projects.of_file(given))
            if isinstance(found, Source):
                sources.append(found)
            else:
                skipped.append(found)
            continue
        try:
            os.scandir(given).close()
        except OSError as error:
            raise SourceError(f"{given}: cannot list it ({error.strerror or error})") from error
        toplevel = None if all_files else git_toplevel(given)
        if toplevel is not None and git_ignores(toplevel, given):
            toplevel = None  # named explicitly: scanned although git ignores it
        if toplevel is None:
            candidates = list(walk_tree(given))
            in_git = projects.toplevel(given)
            project = (
                projects.of_work_tree(in_git)
                if in_git is not None
                else projects.of_directory(given, recursive=True)
            )
        else:
            # Ask git rather than walk: ignored trees (.venv, node_modules) are never read.
            if toplevel not in listed:
                listed[toplevel] = sorted(git_listed_files(toplevel))
            candidates = _under(listed[toplevel], toplevel, given)
            project = projects.of_work_tree(os.path.abspath(toplevel))
        for candidate in candidates:
            shown = _relative(candidate, root)
            if os.path.islink(candidate):
                skipped.append(Skipped(shown, "symlink (not followed)"))
                continue
            if not os.path.isfile(candidate):
                if os.path.lexists(candidate):
                    skipped.append(Skipped(shown, "not a regular file"))
                continue
            try:
                sources.append(_file_source(candidate, shown, project, max_bytes))
            except OSError as error:
                skipped.append(Skipped(shown, f"unreadable: {error.strerror or error}"))
    return sources, skipped


def _under(listed: list[str], toplevel: str, directory: str) -> list[str]:
    """The listed files (relative to toplevel) that lie below ``directory``, as paths."""
    prefix = os.path.relpath(os.path.realpath(directory), os.path.realpath(toplevel))
    prefix = "" if prefix == "." else prefix.replace(os.sep, "/") + "/"
    return [os.path.join(toplevel, name) for name in listed if name.startswith(prefix)]


def staged_sources(root: str) -> tuple[list[Source], list[Skipped]]:
    """The index content of every added, copied, modified, renamed or type-changed file.

    One ``git diff --cached --raw`` lists each staged path with its new mode and blob (no
    pathspecs are passed back to git, so names like ``:x`` or ``a[1]`` are not read as
    patterns), one ``git cat-file --batch-check`` sizes every blob, and one long-lived
    ``git cat-file --batch`` reads them: four git processes however many files are staged.
    """
    import shutil

    if shutil.which("git") is None:
        raise SourceError("git is not installed or not on PATH; install git or add it to PATH")
    toplevel = git_toplevel(root)
    if toplevel is None:
        raise SourceError(f"{root}: not inside a git work tree (--staged needs one)")
    out = _git(
        [
            "diff",
            "--cached",
            "--raw",
            "-z",
            "--no-abbrev",
            "--no-renames",
            "--no-color",
            "--no-ext-diff",
            "--diff-filter=ACMRT",
        ],
        cwd=toplevel,
    )
    # -z raw records: ":oldmode newmode oldblob newblob status" NUL path NUL
    fields = out.decode("utf-8", "surrogateescape").split("\0")
    entries: list[tuple[str, str, str]] = []
    for meta, name in zip(fields[0::2], fields[1::2]):
        if not meta.startswith(":"):
            continue
        _old_mode, mode, _old_blob, blob, _status = meta[1:].split(" ", 4)
        entries.append((mode, blob, name))

    sources: list[Source] = []
    skipped: list[Skipped] = []
    wanted: list[tuple[str, str, str]] = []
    for mode, blob, name in entries:
        shown = _relative(os.path.join(toplevel, name), root)
        if mode == "120000":
            skipped.append(Skipped(shown, "symlink (not followed)"))
        elif mode == "160000":
            skipped.append(Skipped(shown, "submodule (not scanned)"))
        elif not blob.strip("0"):
            skipped.append(Skipped(shown, "not in the index"))
        else:
            wanted.append((blob, shown, name))
    if not wanted:
        return sources, skipped
    sizes = _blob_sizes(toplevel, [blob for blob, _, _ in wanted])
    blobs = BlobReader(git_at(toplevel, "cat-file", "--batch"), env=git_environment())
    project = work_tree_project(toplevel, staged=True)
    for blob, shown, name in wanted:
        read = functools.partial(_read_staged_blob, blobs, blob)
        sources.append(Source(shown, read, sizes.get(blob), name, project))
    return sources, skipped


def _blob_sizes(toplevel: str, blobs: list[str]) -> dict[str, int]:
    result = subprocess.run(
        git_at(toplevel, "cat-file", "--batch-check=%(objectname) %(objectsize)"),
        input="".join(f"{blob}\n" for blob in blobs).encode(),
        capture_output=True,
        check=False,
        env=git_environment(),
    )
    sizes: dict[str, int] = {}
    for line in result.stdout.decode("ascii", "replace").splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[1].isdigit():
            sizes[parts[0]] = int(parts[1])
    return sizes


def _read_staged_blob(blobs: BlobReader, blob: str) -> bytes:
    data = blobs.read(blob)
    if data is None:
        raise OSError(f"git cat-file cannot read blob {blob}")
    return data


def _relative(path: str, root: str) -> str:
    relative = os.path.relpath(os.path.abspath(path), root)
    return relative.replace(os.sep, "/")


def decode(data: bytes) -> tuple[str | None, str | None]:
    """(text, None) for a text file, (None, reason) for one that is not text.

    Text that is not valid UTF-8 is still scanned, undecodable bytes replaced: keys are
    ASCII, so a Latin-1 config must not hide one. Nor may a UTF-16 one: Windows
    PowerShell 5 writes `echo BINANCE_API_KEY=... > .env` as UTF-16 with a byte order
    mark, every other byte NUL, which the NUL test alone took for binary (skipped, and a
    commit hook, silent on skips, let it through). Such text is decoded from its BOM.
    """
    if data[:2] in UTF16_BOMS:
        text = data.decode("utf-16", "replace")
        if "\0" not in text[:BINARY_SNIFF_BYTES]:
            return text, None
    if b"\0" in data[:BINARY_SNIFF_BYTES]:
        return None, "binary"
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        return data.decode("utf-8", "replace"), None
