"""Reading files that someone else may have chosen, without trusting them.

A report, a baseline, a private key file or a path recorded in a report can be ``/dev/zero``,
a FIFO nobody writes to, a symlink out of the tree or a file of many gigabytes. Every read
here opens without blocking (``O_NONBLOCK``: opening a FIFO would otherwise wait for a
writer), decides on ``fstat`` of what was actually opened (no check-then-open race), and
reads at most ``limit + 1`` bytes, so the worst case is a refusal, never a hang or a
MemoryError.
"""

from __future__ import annotations

import errno
import fcntl
import os
import stat
from typing import BinaryIO

_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_NOCTTY = getattr(os, "O_NOCTTY", 0)
READ_CHUNK = 1 << 16


class ReadRefused(Exception):
    """The file was not read; the message says why (one phrase, no path)."""


class TooLarge(ReadRefused):
    """The file holds more than the reader's limit (``limit`` bytes)."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"is larger than {limit} bytes")
        self.limit = limit


class NotOpened(ReadRefused):
    """The path (or a directory on its way) could not be opened at all: missing, no
    permission. Not a refusal on purpose, so a caller may say where it looked."""

    def __init__(self, why: str) -> None:
        super().__init__(f"cannot be opened: {why}")
        self.why = why


def _read_fd(fd: int, limit: int, allow_streams: bool) -> bytes:
    """Read an open descriptor (closed here): regular files, and with ``allow_streams``
    pipes, FIFOs and character devices too, never more than ``limit`` bytes."""
    try:
        info = os.fstat(fd)
        regular = stat.S_ISREG(info.st_mode)
        stream = stat.S_ISFIFO(info.st_mode) or stat.S_ISCHR(info.st_mode)
        if stat.S_ISDIR(info.st_mode):
            raise ReadRefused("is a directory")
        if not regular and not (allow_streams and stream):
            raise ReadRefused("is not a regular file (a device, FIFO or socket)")
        if regular and info.st_size > limit:
            raise TooLarge(limit)
        if stream:  # back to blocking reads: a pipe's writer may be slower than us
            flags = fcntl.fcntl(fd, fcntl.F_GETFL)
            fcntl.fcntl(fd, fcntl.F_SETFL, flags & ~os.O_NONBLOCK)
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            try:
                chunk = os.read(fd, min(READ_CHUNK, limit + 1 - size))
            except OSError as error:
                raise ReadRefused(f"cannot be read: {error.strerror or error}") from error
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:
            raise TooLarge(limit)
        return b"".join(chunks)
    finally:
        os.close(fd)


def _open(path: str, dir_fd: int | None = None, follow: bool = True) -> int:
    flags = os.O_RDONLY | os.O_NONBLOCK | _CLOEXEC | _NOCTTY
    if not follow:
        flags |= os.O_NOFOLLOW
    try:
        return os.open(path, flags, dir_fd=dir_fd)
    except OSError as error:
        if error.errno == errno.ELOOP and not follow:
            raise ReadRefused("is a symlink (not followed)") from error
        raise NotOpened(error.strerror or str(error)) from error
    except ValueError as error:  # an embedded NUL byte
        raise ReadRefused("is not a valid path") from error


def read_regular_file(path: str, limit: int) -> bytes:
    """A regular file named by the user or their configuration (symlinks followed)."""
    return _read_fd(_open(path), limit, allow_streams=False)


def read_named(path: str, limit: int) -> bytes:
    """A path named on the command line: also a pipe or device (``/dev/stdin``,
    ``<(cmd)``), read up to ``limit`` bytes; ReadRefused beyond."""
    return _read_fd(_open(path), limit, allow_streams=True)


def is_openable_regular_file(path: str) -> bool:
    """Whether ``path`` (symlinks followed) opens for reading and is a regular file: True,
    False for a pipe or device; ReadRefused when it cannot be opened at all."""
    fd = _open(path)
    try:
        return stat.S_ISREG(os.fstat(fd).st_mode)
    finally:
        os.close(fd)


def read_stream(stream: BinaryIO, limit: int) -> bytes:
    """At most ``limit`` bytes of an already open stream (standard input)."""
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise TooLarge(limit)
    return data


def read_under(root: str, relative: str, limit: int) -> bytes:
    """The regular file ``relative`` below the directory ``root``, never leaving it.

    Each component is opened relative to the one before with ``O_NOFOLLOW``, so neither a
    ``..`` (refused before any open) nor a symlink anywhere on the way can lead out of
    ``root``, and the file is not swapped between a check and the open.
    """
    parts = relative.split("/")
    if not relative or relative.startswith("/") or ".." in parts or "\0" in relative:
        raise ReadRefused("is not a path inside the report's root")
    directory = os.O_RDONLY | os.O_DIRECTORY | _CLOEXEC
    try:
        fd = os.open(root, directory)
    except OSError as error:
        raise NotOpened(error.strerror or str(error)) from error
    try:
        for part in parts[:-1]:
            if part in ("", "."):
                continue
            try:
                inner = os.open(part, directory | os.O_NOFOLLOW, dir_fd=fd)
            except OSError as error:
                if error.errno in (errno.ELOOP, errno.ENOTDIR):
                    raise ReadRefused("has a symlink or file on its way (not followed)") from error
                raise NotOpened(error.strerror or str(error)) from error
            os.close(fd)
            fd = inner
        file_fd = _open(parts[-1], dir_fd=fd, follow=False)
    finally:
        os.close(fd)
    return _read_fd(file_fd, limit, allow_streams=False)


def read_inside(root: str, name: str, limit: int) -> bytes:
    """A file that came with a checkout (its ``.binance-secrets.toml``): a symlink is
    followed only to a regular file inside ``root``. One leading out of it (to the
    machine's own files, ``/proc/self/environ``) is refused, as the scan refuses to follow
    the symlinks it finds, so a repository cannot make binance-secrets read them."""
    real_root = os.path.realpath(root)
    inside = os.path.relpath(os.path.realpath(os.path.join(root, name)), real_root)
    if inside == os.pardir or inside.startswith(os.pardir + os.sep) or os.path.isabs(inside):
        raise ReadRefused("is a symlink that leads out of the repository (not followed)")
    return read_under(real_root, inside.replace(os.sep, "/"), limit)
