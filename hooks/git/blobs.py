"""Read git objects through one long-lived ``git cat-file --batch`` process.

Both ``scan --staged`` (every staged blob) and ``sweep`` (whole files at a commit, files at
HEAD) read many objects; a git process per object would cost more than the scan. This
module imports nothing but the standard library: it sits on the pre-commit hook's path.
"""

from __future__ import annotations

import contextlib
import re
import subprocess
import weakref
from collections.abc import Mapping, Sequence
from typing import IO

# What may be asked for: a full object id (SHA-1 or SHA-256). ``git cat-file --batch`` reads
# names one per line and echoes a missing one back, so a path (``HEAD:a\nb``) could shift
# every later answer; callers look paths up with ``ls-tree -z`` and ask by id.
OBJECT_ID = re.compile(r"[0-9a-f]{40}|[0-9a-f]{64}")


class BlobReader:
    """Blob contents by object id, from one process started on the first read and stopped
    by :meth:`close` or when the reader is collected."""

    def __init__(
        self,
        command: Sequence[str],
        cwd: str | None = None,
        env: Mapping[str, str] | None = None,
    ) -> None:
        self._command = list(command)
        self._cwd = cwd
        self._env = dict(env) if env is not None else None
        self._process: subprocess.Popen[bytes] | None = None
        self._finalizer: weakref.finalize | None = None

    def read(self, name: str, max_bytes: int | None = None) -> bytes | None:
        """The blob's content; None when git has no such blob (missing, or not a blob) or
        it is larger than ``max_bytes``. Raises OSError if the git process fails and
        ValueError if ``name`` is not an object id."""
        if not OBJECT_ID.fullmatch(name):
            raise ValueError(f"not an object id: {name!r}")
        process = self._started()
        assert process.stdin is not None and process.stdout is not None
        try:
            process.stdin.write(name.encode("ascii") + b"\n")
            process.stdin.flush()
        except (BrokenPipeError, OSError) as error:
            raise OSError(f"git cat-file exited reading {name}") from error
        header = process.stdout.readline().split()
        if len(header) != 3 or not header[2].isdigit():
            return None  # "<name> missing" / "<name> ambiguous"
        size = int(header[2])
        if header[1] != b"blob" or (max_bytes is not None and size > max_bytes):
            # Passed over in pieces: a blob too large to scan is never held in memory.
            _skip(process.stdout, size + 1, name)
            return None
        data = process.stdout.read(size)
        process.stdout.read(1)  # the newline after the contents
        if len(data) != size:
            raise OSError(f"git cat-file returned a short read for {name}")
        return data

    def close(self) -> None:
        if self._finalizer is not None:
            self._finalizer()

    def _started(self) -> subprocess.Popen[bytes]:
        if self._process is None:
            self._process = subprocess.Popen(
                [*self._command],
                cwd=self._cwd,
                env=self._env,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
            )
            self._finalizer = weakref.finalize(self, _stop, self._process)
        return self._process


_SKIP_CHUNK = 1 << 20


def _skip(stream: IO[bytes], count: int, name: str) -> None:
    """Read and drop ``count`` bytes, a chunk at a time."""
    while count > 0:
        chunk = stream.read(min(count, _SKIP_CHUNK))
        if not chunk:
            raise OSError(f"git cat-file returned a short read for {name}")
        count -= len(chunk)


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.stdin is not None:
        with contextlib.suppress(OSError):
            process.stdin.close()
    process.wait()
    if process.stdout is not None:
        process.stdout.close()
