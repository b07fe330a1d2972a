"""Commit and tag objects too large to read whole: a message of hundreds of MB (an object
packs small, so a hostile repository or push carries one cheaply).

The diff passes ask git for commits with their messages (``%B``), and the sweep would hold
each message whole. So the objects' sizes come first (``cat-file --batch-check``, no
content read); an object over the sweep's byte limit is read apart: a commit's diff
without its message (:func:`log_stream.run_without_message`), and at most the limit of
its message, read from ``git cat-file`` in chunks (git is stopped there). The readers
that want messages only (annotated tags, commit messages quoting part of a key) read them
through :func:`object_messages`, never through a git format that prints them whole.
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
    # The object's headers (tree/parent/author or object/type/tag/tagger lines), empty
    # when they alone run past the limit.
    headers: bytes = b""

    @property
    def subject(self) -> str:
        """The first line, as a report's subject (git's %s joins the first paragraph)."""
        return self.text.split("\n", 1)[0]


def message_start(
    repo: Repository, sha: str, limit: int, kind: str = "commit"
) -> MessageStart:
    """At most ``limit`` bytes of ``sha``'s message (a ``kind`` object: commit or tag),
    read from ``git cat-file`` in chunks; git is stopped once they are read, so this never
    holds more than the object's header, ``limit`` and one chunk (a header over ``limit``
    is not read on: no message is read, and the message counts as cut)."""
    process = subprocess.Popen(
        repo.command("cat-file", kind, sha),
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
    headers = bytes(held[: body_at - 2]) if body_at >= 0 else b""
    cut = len(body) > limit or (body_at < 0 and len(held) > limit)
    return MessageStart(body[:limit].decode("utf-8", "replace"), cut, headers)


# A commit's or tag's headers are a few hundred bytes (a merge of many parents, a signed
# tag: a few KB); an object larger than the message limit plus this is read in chunks.
MAX_HEADERS = 64 * 1024


def object_messages(
    repo: Repository, shas: list[str], kind: str, limit: int
) -> dict[str, MessageStart]:
    """The headers and at most ``limit`` bytes of the message of each of ``shas`` that is
    a ``kind`` object (commit or tag; others and missing ones are left out). Sizes first
    (one ``cat-file --batch-check``); the objects that fit are read in one
    ``cat-file --batch``, each larger one by :func:`message_start`, so no object is held
    whole past ``limit`` whatever its message holds (a NUL included: git's formats cut
    a message there, ``cat-file`` does not)."""
    wanted = list(dict.fromkeys(shas))
    if not wanted:
        return {}
    listing = repo.run(
        "cat-file", "--batch-check=%(objectname) %(objecttype) %(objectsize)",
        input="".join(f"{sha}\n" for sha in wanted).encode(), check=False,
    )  # fmt: skip
    small: list[str] = []
    large: list[str] = []
    for line in listing.decode("ascii", "replace").splitlines():
        sha, _, rest = line.partition(" ")
        found_kind, _, size = rest.partition(" ")
        if found_kind != kind or not size.isdigit():
            continue
        (large if int(size) > limit + MAX_HEADERS else small).append(sha)
    found = {sha: message_start(repo, sha, limit, kind) for sha in large}
    if small:
        contents = repo.run(
            "cat-file", "--batch", input="".join(f"{sha}\n" for sha in small).encode()
        )
        at = 0
        for sha in small:
            # "<sha> <type> <size>\n<size bytes>\n" each, in the order asked.
            header_end = contents.index(b"\n", at)
            length = int(contents[at:header_end].rsplit(b" ", 1)[1])
            data = contents[header_end + 1 : header_end + 1 + length]
            at = header_end + 1 + length + 1
            headers, _, body = data.partition(b"\n\n")
            text = body[:limit].decode("utf-8", "replace")
            found[sha] = MessageStart(text, len(body) > limit, headers)
    return found
