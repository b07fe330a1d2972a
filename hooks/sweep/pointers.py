"""The key files each swept commit's configuration points Binance settings at.

A commit's tree is read for pointers (:mod:`...plugins.detection.key_file_pointers`) only
when it adds a private key nothing else says is Binance's, but a history can add one in
every commit: reading the tree's configuration files anew each time (a ``git cat-file``
process per file) made each such commit cost dozens of processes. Configuration files
rarely change between commits, so each blob is read and matched once per sweep, by its id,
through the sweep's one ``git cat-file --batch``; a commit costs one ``git ls-tree``.
"""

from __future__ import annotations

from collections.abc import Callable

from ...plugins.detection.key_file_pointers import config_files, config_pointed_files
from ..git.repo import Repository

# Each configuration blob's pointers are kept (a few names each) for at most this many
# blobs; past it, the oldest are read again if a later commit still holds them.
MAX_KEPT_BLOBS = 4096


class SweepPointers:
    """Pointers by commit, each configuration blob read once (``read`` gives a blob's text
    by id, or None)."""

    def __init__(self, repo: Repository, read: Callable[[str], str | None]) -> None:
        self._repo = repo
        self._read = read
        self._by_blob: dict[str, frozenset[str]] = {}

    def of_commit(self, sha: str) -> frozenset[str]:
        """The key files the configuration of ``sha``'s tree points Binance settings at."""
        listing = self._repo.run("ls-tree", "-r", "-z", "--full-tree", sha)
        blobs: dict[str, str] = {}
        for entry in listing.split(b"\0"):
            meta, _, name = entry.partition(b"\t")
            parts = meta.split(b" ")
            if len(parts) == 3 and parts[1] == b"blob":
                blobs[name.decode("utf-8", "replace")] = parts[2].decode("ascii", "replace")
        found: set[str] = set()
        for path in config_files(blobs):
            found |= self._of_blob(blobs[path])
        return frozenset(found)

    def _of_blob(self, blob: str) -> frozenset[str]:
        pointed = self._by_blob.get(blob)
        if pointed is None:
            pointed = config_pointed_files(self._read(blob))
            if len(self._by_blob) >= MAX_KEPT_BLOBS:
                del self._by_blob[next(iter(self._by_blob))]
            self._by_blob[blob] = pointed
        return pointed
