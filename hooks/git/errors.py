"""How a failed git command is reported: git's own last line of complaint."""

from __future__ import annotations

import re


class GitError(RuntimeError):
    """A git command failed; ``message`` is git's last line of complaint."""

    def __init__(self, args: list[str], message: str) -> None:
        super().__init__(f"git {' '.join(args[:2])}: {message}")
        self.message = message


def last_line(stderr: bytes) -> str:
    lines = [line for line in stderr.decode("utf-8", errors="replace").splitlines() if line]
    return lines[-1] if lines else "failed"


_PROMISOR_FAILURE = re.compile(r"could not fetch ([0-9a-f]+) from promisor remote")


def explained(message: str) -> str:
    """git's complaint, reworded where it would mislead: git says it "could not fetch" an
    object a partial clone left out, but binance-secrets never lets it try (lazy fetching
    and every transport are off: git.invocation)."""
    missing = _PROMISOR_FAILURE.search(message)
    if missing is None:
        return message
    return (
        f"object {missing.group(1)} is missing (left out by a partial clone; objects are "
        "never fetched: fetch them yourself with git fetch, then sweep again)"
    )
