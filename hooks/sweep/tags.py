"""Annotated tags' messages, all from one ``git for-each-ref`` call: a key pasted into a
tag's message (``git tag -a -m ...``) is in the repository as surely as one in a commit's,
and git filter-repo's ``--replace-message`` rewrites tag messages too.

Lightweight tags are refs to commits, whose messages the history sweep already reads.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..git.invocation import TAG_FIELDS, TAG_LISTING
from ..git.pending import PendingGit
from ..git.repo import Repository, is_object_id


@dataclass(frozen=True)
class TagMessage:
    """One annotated tag: its ref, the tag object's id, who tagged when, and its message
    (subject, body and any signature, as ``git cat-file tag`` shows after the headers)."""

    ref: str
    sha: str
    tagger: str
    date: str
    time: int
    message: str


def tag_messages(repo: Repository, listing: PendingGit | None = None) -> list[TagMessage]:
    """Every annotated tag under ``refs/tags/`` (one ``for-each-ref``, or ``listing`` if it
    was started already; a tag git cannot read is left out by git itself)."""
    if listing is not None:
        out = listing.output(check=False)
    else:
        out = repo.run(*TAG_LISTING, check=False)
    fields = out.split(b"\0")
    tags = []
    for start in range(0, len(fields) - TAG_FIELDS + 1, TAG_FIELDS):
        sha, kind, ref, tagger, date, stamp, message = (
            field.decode("utf-8", "replace") for field in fields[start : start + TAG_FIELDS]
        )
        sha = sha.lstrip("\n")
        if kind != "tag" or not is_object_id(sha) or not ref.startswith("refs/tags/"):
            continue
        tags.append(
            TagMessage(
                ref=ref,
                sha=sha,
                tagger=tagger,
                date=date,
                time=int(stamp) if stamp.isdigit() else 0,
                message=message,
            )
        )
    return tags


# A tag's headers (object, type, tag, tagger) are a few hundred bytes; a tag object larger
# than the message bound plus this is not read.
MAX_TAG_HEADERS = 64 * 1024
# A tag of a tag of a tag...: git itself follows such chains; a push is not read deeper.
MAX_TAG_DEPTH = 8


def new_tag_objects(
    repo: Repository, tips: dict[str, str], known: set[str], max_bytes: int
) -> tuple[list[TagMessage], list[dict[str, str]]]:
    """The annotated tag objects a push brings: each of ``tips`` (object id -> the ref the
    push names it by) that is a tag object no ref reaches yet (``known``: every ref's
    object id), and any new tag such a tag points at, read with ``git cat-file``. A tag
    pushed is not a ref yet when the pre-receive hook runs, so for-each-ref cannot list
    it. Also returns what was not read (a tag larger than ``max_bytes``), as skipped.
    Two ``cat-file`` calls per level of tags of tags, whatever the number of tags."""
    tags: list[TagMessage] = []
    skipped: list[dict[str, str]] = []
    wanted = {sha: ref for sha, ref in tips.items() if sha not in known}
    for _ in range(MAX_TAG_DEPTH):
        if not wanted:
            break
        listing = repo.run(
            "cat-file", "--batch-check", input="".join(f"{sha}\n" for sha in wanted).encode()
        ).decode("utf-8", "replace")
        readable = []
        for line in listing.splitlines():
            sha, _, rest = line.partition(" ")
            kind, _, size = rest.partition(" ")
            if kind != "tag" or sha not in wanted or not size.isdigit():
                continue
            if int(size) > max_bytes + MAX_TAG_HEADERS:
                skipped.append({"path": sha, "reason": f"tag larger than {max_bytes} bytes"})
            else:
                readable.append(sha)
        pointed: dict[str, str] = {}
        contents = repo.run(
            "cat-file", "--batch", input="".join(f"{sha}\n" for sha in readable).encode()
        )
        at = 0
        for sha in readable:
            # "<sha> tag <size>\n<size bytes>\n" each, in the order asked.
            header_end = contents.index(b"\n", at)
            length = int(contents[at:header_end].rsplit(b" ", 1)[1])
            data = contents[header_end + 1 : header_end + 1 + length]
            at = header_end + 1 + length + 1
            tag, target = _tag_object(sha, wanted[sha], data)
            tags.append(tag)
            if target is not None and target not in known:
                pointed[target] = wanted[sha]
        known = known | set(wanted)
        wanted = {sha: ref for sha, ref in pointed.items() if sha not in known}
    return tags, skipped


def _tag_object(sha: str, ref: str, data: bytes) -> tuple[TagMessage, str | None]:
    """A tag object's message, tagger and date (``git cat-file tag``'s output), and the
    object it points at when that is another tag."""
    from datetime import datetime, timedelta, timezone

    headers, _, message = data.partition(b"\n\n")
    fields: dict[str, str] = {}
    for line in headers.decode("utf-8", "replace").split("\n"):
        name, _, value = line.partition(" ")
        fields.setdefault(name, value)
    tagger, stamp, date = fields.get("tagger", ""), 0, ""
    parts = tagger.rsplit(" ", 2)
    if len(parts) == 3 and parts[1].isdigit() and re.fullmatch(r"[+-]\d{4}", parts[2]):
        tagger, stamp = parts[0], int(parts[1])
        sign = -1 if parts[2][0] == "-" else 1
        zone = timezone(sign * timedelta(hours=int(parts[2][1:3]), minutes=int(parts[2][3:])))
        try:
            date = datetime.fromtimestamp(stamp, zone).isoformat()
        except (OverflowError, OSError, ValueError):
            stamp, date = 0, ""
    target = fields.get("object", "")
    pointed = target if fields.get("type") == "tag" and is_object_id(target) else None
    tag = TagMessage(
        ref=ref,
        sha=sha,
        tagger=tagger,
        date=date,
        time=stamp,
        message=message.decode("utf-8", "replace"),
    )
    return tag, pointed
