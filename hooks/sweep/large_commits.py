"""Commits too large to read whole: a message of hundreds of MB (a commit object packs
small, so a hostile repository or push carries one cheaply).

Every other pass asks git for commits with their messages (``%B``), and the sweep would
hold each message whole. So the commits' sizes come first (``cat-file --batch-check``, no
content read); a commit object over the sweep's byte limit is read apart: its diff without
its message (:func:`log_stream.run_without_message`) and at most the limit of its message,
read from ``git cat-file commit`` in chunks (git is stopped there).
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass

from ..git.invocation import git_environment
from ..git.repo import Repository

# How much of git's output is read at a time while looking for the message's first bytes.
CHUNK = 1 << 16


def oversized_commits(repo: Repository, commits: list[str], limit: int) -> set[str]:
    """The commits among ``commits`` whose object is larger than ``limit`` bytes (one
    ``cat-file --batch-check``: sizes from the object headers, nothing inflated)."""
    if not commits:
        return set()
    answer = repo.run(
        "cat-file", "--batch-check=%(objectname) %(objecttype) %(objectsize)",
        input="".join(f"{sha}\n" for sha in commits).encode(), check=False,
    )  # fmt: skip
    found = set()
    for line in answer.split(b"\n"):
        fields = line.split(b" ")
        is_commit = len(fields) == 3 and fields[1] == b"commit" and fields[2].isdigit()
        if is_commit and int(fields[2]) > limit:
            found.add(fields[0].decode("ascii", "replace"))
    return found


@dataclass(frozen=True)
class MessageStart:
    """The first bytes of a commit's message (at most the limit asked for), and whether
    the message goes on past them."""

    text: str
    cut: bool

    @property
    def subject(self) -> str:
        """The first line, as a report's subject (git's %s joins the first paragraph)."""
        return self.text.split("\n", 1)[0]


def message_start(repo: Repository, sha: str, limit: int) -> MessageStart:
    """At most ``limit`` bytes of ``sha``'s message, read from ``git cat-file commit`` in
    chunks; git is stopped once they are read, so this never holds more than the
    commit's header, ``limit`` and one chunk (a header over ``limit`` is not read on:
    no message is read, and the message counts as cut)."""
    process = subprocess.Popen(
        repo.command("cat-file", "commit", sha),
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=git_environment(),
    )
    assert process.stdout is not None
    held = bytearray()
    body_at = -1
    try:
        while True:
            chunk = process.stdout.read(CHUNK)
            if not chunk:
                break
            held += chunk
            if body_at < 0:
                end = held.find(b"\n\n")
                if end >= 0:
                    body_at = end + 2
            if len(held) - max(body_at, 0) > limit:
                break  # the message's first ``limit`` bytes and one more (or a header that long)
    finally:
        process.stdout.close()
        if process.poll() is None:
            process.kill()
        process.wait()
    body = bytes(held[body_at:]) if body_at >= 0 else b""
    cut = len(body) > limit or (body_at < 0 and len(held) > limit)
    return MessageStart(body[:limit].decode("utf-8", "replace"), cut)
