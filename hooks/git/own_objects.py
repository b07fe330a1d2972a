"""Whether an object is in a repository's own object store, not only in an alternate.

A repository's ``objects/info/alternates`` (or ``GIT_ALTERNATE_OBJECT_DIRECTORIES``)
names other object stores git reads as its own: ``git clone --shared`` or ``--reference``
(a CI runner's cache), or a repository handed over whose alternates point at another
project on the machine. Commits reachable from the repository's refs need them; a listing
of *every* object (``cat-file --batch-all-objects``) holds theirs too, so the sweep's
dangling commits included every commit of the other store that this repository does not
reach, and reported its keys as this repository's. This module answers, for a few ids,
whether the repository holds the object itself: a loose object file, or an entry in one
of its own pack indexes (git's pack index format, versions 1 and 2, read with mmap).
Only the standard library: no git process.
"""

from __future__ import annotations

import bisect
import mmap
import os
from collections.abc import Iterable

ALTERNATES = os.path.join("info", "alternates")
IDX_MAGIC = b"\xfftOc"
FANOUT_ENTRIES = 256


def has_alternates(objects_dir: str) -> bool:
    """Whether git reads objects from anywhere but ``objects_dir``."""
    return bool(os.environ.get("GIT_ALTERNATE_OBJECT_DIRECTORIES")) or os.path.isfile(
        os.path.join(objects_dir, ALTERNATES)
    )


class _PackIndex:
    """The sorted object names of one ``.idx`` file, as a sequence bisect can search."""

    def __init__(self, data: mmap.mmap, hash_bytes: int) -> None:
        self.data = data
        self.hash_bytes = hash_bytes
        if data[:4] == IDX_MAGIC:  # version 2: header, fanout, then the names
            fanout = 8
            self.names_at, self.stride = fanout + FANOUT_ENTRIES * 4, hash_bytes
            self.name_offset = 0
        else:  # version 1: fanout, then (4-byte offset, name) entries
            fanout = 0
            self.names_at, self.stride = FANOUT_ENTRIES * 4, 4 + hash_bytes
            self.name_offset = 4
        last = fanout + (FANOUT_ENTRIES - 1) * 4
        self.count = int.from_bytes(data[last : last + 4], "big")
        if self.names_at + self.count * self.stride > len(data):
            self.count = 0  # truncated or not an index: holds nothing we can trust

    def __len__(self) -> int:
        return self.count

    def __getitem__(self, index: int) -> bytes:
        at = self.names_at + index * self.stride + self.name_offset
        return self.data[at : at + self.hash_bytes]

    def __contains__(self, name: object) -> bool:
        if not isinstance(name, bytes):
            return False
        at = bisect.bisect_left(self, name)
        return at < self.count and self[at] == name


class OwnObjects:
    """Answers :meth:`own` for the object store at ``objects_dir`` alone."""

    def __init__(self, objects_dir: str) -> None:
        self.objects_dir = objects_dir

    def own(self, ids: Iterable[str]) -> list[str]:
        """Those of ``ids`` (full hex object ids) the store holds itself, in order."""
        wanted = list(ids)
        if not wanted:
            return []
        hash_bytes = len(wanted[0]) // 2
        indexes = self._indexes(hash_bytes)
        try:
            return [oid for oid in wanted if self._holds(oid, indexes)]
        finally:
            for index in indexes:
                index.data.close()

    def _holds(self, oid: str, indexes: list[_PackIndex]) -> bool:
        if os.path.isfile(os.path.join(self.objects_dir, oid[:2], oid[2:])):
            return True
        try:
            name = bytes.fromhex(oid)
        except ValueError:
            return False
        return any(name in index for index in indexes)

    def _indexes(self, hash_bytes: int) -> list[_PackIndex]:
        pack_dir = os.path.join(self.objects_dir, "pack")
        try:
            names = sorted(n for n in os.listdir(pack_dir) if n.endswith(".idx"))
        except OSError:
            return []
        indexes = []
        for name in names:
            try:
                fd = os.open(os.path.join(pack_dir, name), os.O_RDONLY | os.O_NOFOLLOW)
            except OSError:
                continue
            try:
                if os.fstat(fd).st_size < FANOUT_ENTRIES * 4 + 8:
                    continue
                indexes.append(_PackIndex(mmap.mmap(fd, 0, access=mmap.ACCESS_READ), hash_bytes))
            except (OSError, ValueError):
                continue
            finally:
                os.close(fd)
        return indexes
