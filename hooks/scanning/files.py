"""Which texts a scan reads: files on disk, or the staged (index) content of a repository.

Git is asked through its command line (not gitpython) because this module is on the
pre-commit hook path, where importing gitpython alone costs more than the scan.
"""

from __future__ import annotations

import functools
import os
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Callable

from binance_secrets.hooks.git.blobs import BlobReader
from binance_secrets.hooks.scanning.project import directory_project, work_tree_project
from binance_secrets.plugins.detection.project_context import NO_PROJECT, ProjectContext

# Files above this size are skipped and reported: credentials live in configs and code,
# not in multi-megabyte data files, and reading those would dominate the run time.
DEFAULT_MAX_FILE_BYTES = 2 * 1024 * 1024

# Bytes inspected for a NUL to decide that a file is binary (git uses the same heuristic).
BINARY_SNIFF_BYTES = 8000


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


@dataclass(frozen=True)
class Skipped:
    path: str
    reason: str

    def to_json(self) -> dict[str, str]:
        return {"path": self.path, "reason": self.reason}


def _git(args: list[str], cwd: str) -> bytes:
    result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)
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


def _file_source(abs_path: str, shown: str, project: _Project) -> Source:
    def read() -> bytes:
        with open(abs_path, "rb") as handle:
            return handle.read()

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


def _walk(directory: str) -> Iterator[str]:
    for root, dirs, files in os.walk(directory):
        dirs[:] = [d for d in dirs if d != ".git"]
        dirs.sort()
        for name in sorted(files):
            yield os.path.join(root, name)


def disk_sources(
    paths: list[str], root: str, all_files: bool
) -> tuple[list[Source], list[Skipped]]:
    """Files named or found below directories; in a work tree, only those git would track.

    Explicitly named files are always scanned (as detect-secrets does): the user asked.
    """
    sources: list[Source] = []
    skipped: list[Skipped] = []
    listed: dict[str, list[str]] = {}
    projects = _Projects()
    for given in paths:
        if not os.path.lexists(given):
            raise SourceError(f"{given}: no such file or directory")
        if not os.path.isdir(given):
            candidates = [given]
            project = projects.of_file(given)
        else:
            toplevel = None if all_files else git_toplevel(given)
            if toplevel is None:
                candidates = list(_walk(given))
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
                sources.append(_file_source(candidate, shown, project))
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
    blobs = BlobReader(["git", "cat-file", "--batch"], cwd=toplevel)
    project = work_tree_project(toplevel, staged=True)
    for blob, shown, name in wanted:
        read = functools.partial(_read_staged_blob, blobs, blob)
        sources.append(Source(shown, read, sizes.get(blob), name, project))
    return sources, skipped


def _blob_sizes(toplevel: str, blobs: list[str]) -> dict[str, int]:
    result = subprocess.run(
        ["git", "cat-file", "--batch-check=%(objectname) %(objectsize)"],
        cwd=toplevel,
        input="".join(f"{blob}\n" for blob in blobs).encode(),
        capture_output=True,
        check=False,
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
    ASCII, so a Latin-1 config must not hide one.
    """
    if b"\0" in data[:BINARY_SNIFF_BYTES]:
        return None, "binary"
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        return data.decode("utf-8", "replace"), None
