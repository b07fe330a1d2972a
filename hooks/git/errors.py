"""How a failed git command is reported: git's own last line of complaint."""

from __future__ import annotations


class GitError(RuntimeError):
    """A git command failed; ``message`` is git's last line of complaint."""

    def __init__(self, args: list[str], message: str) -> None:
        super().__init__(f"git {' '.join(args[:2])}: {message}")
        self.message = message


def last_line(stderr: bytes) -> str:
    lines = [line for line in stderr.decode("utf-8", errors="replace").splitlines() if line]
    return lines[-1] if lines else "failed"
