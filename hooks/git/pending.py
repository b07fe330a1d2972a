"""A git command started in the background and answered later.

A sweep asks git questions whose answers are needed only at the end (HEAD's tree listing,
for the submodule note and the HEAD files that hold a value): asked when needed they add
their time to the sweep's; started at once they overlap with the history being read.
Output goes to a temporary file, so git never waits for a reader and no thread is needed
to drain a pipe.
"""

from __future__ import annotations

import subprocess
import tempfile

from .errors import GitError, last_line


class PendingGit:
    """One git process running; :meth:`output` waits for it and returns what it wrote."""

    def __init__(self, command: list[str], env: dict[str, str], args: list[str]) -> None:
        self._args = args  # the git subcommand and its arguments, for error messages
        self._out = tempfile.TemporaryFile()  # noqa: SIM115 - closed in output()
        self._err = tempfile.TemporaryFile()  # noqa: SIM115 - closed in output()
        self._process = subprocess.Popen(
            command, stdin=subprocess.DEVNULL, stdout=self._out, stderr=self._err, env=env
        )

    def output(self, check: bool = True) -> bytes:
        """git's stdout once it exits; GitError if ``check`` and it failed."""
        code = self._process.wait()
        with self._out, self._err:
            self._out.seek(0)
            out = self._out.read()
            if check and code != 0:
                self._err.seek(0)
                raise GitError(self._args, last_line(self._err.read()))
        return out

    def close(self) -> None:
        """Stop git, its output unwanted."""
        if self._process.poll() is None:
            self._process.kill()
        self._process.wait()
        self._out.close()
        self._err.close()
