"""Annotated tags' messages, all from one ``git for-each-ref`` call: a key pasted into a
tag's message (``git tag -a -m ...``) is in the repository as surely as one in a commit's,
and git filter-repo's ``--replace-message`` rewrites tag messages too.

Lightweight tags are refs to commits, whose messages the history sweep already reads.
"""

from __future__ import annotations

from dataclasses import dataclass

from .invocation import TAG_FIELDS, TAG_LISTING
from .pending import PendingGit
from .repo import Repository, is_object_id


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
