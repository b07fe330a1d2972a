"""Annotated tags' messages: a key pasted into a tag's message (``git tag -a -m ...``) is in
the repository as surely as one in a commit's, and git filter-repo's ``--replace-message``
rewrites tag messages too.

Lightweight tags are refs to commits, whose messages the history sweep already reads. The
tag objects are read with ``git cat-file`` (:func:`large_commits.object_messages`), at most
the sweep's byte limit of each message: a listing format that prints messages
(``for-each-ref`` with ``%(contents)``) would hand a hostile tag of hundreds of MB over whole.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..git.invocation import TAG_LISTING
from ..git.pending import PendingGit
from ..git.repo import Repository, is_object_id
from ..scanning.report_fields import TAG_PATH
from .large_commits import MessageStart, object_messages


@dataclass(frozen=True)
class TagMessage:
    """One annotated tag: its ref, the tag object's id, who tagged when, and its message
    (subject, body and any signature, as ``git cat-file tag`` shows after the headers; its
    first bytes only when ``cut``: the message runs on past the byte limit)."""

    ref: str
    sha: str
    tagger: str
    date: str
    time: int
    message: str
    cut: bool = False


def tag_messages(
    repo: Repository,
    max_bytes: int,
    listing: PendingGit | None = None,
    skipped: list[dict[str, str]] | None = None,
) -> list[TagMessage]:
    """Every annotated tag under ``refs/tags/`` (one ``for-each-ref`` listing, or
    ``listing`` if it was started already, then the tag objects, at most ``max_bytes`` of
    each message; a tag git cannot read is left out), and the tags such tags point at
    (`git tag -a t2 t1`, then `git tag -d t1`: only t2 names t1, and every clone that
    fetches t2 gets t1's message), each under the ref that reaches it; ``skipped`` as
    :func:`new_tag_objects`'."""
    if listing is not None:
        out = listing.output(check=False)
    else:
        out = repo.run(*TAG_LISTING, check=False)
    named: list[tuple[str, str]] = []
    for line in out.decode("utf-8", "replace").splitlines():
        # "<id> <type> <ref>": a ref name holds no space or control character.
        sha, kind, ref = (line.split(" ", 2) + ["", ""])[:3]
        if kind == "tag" and is_object_id(sha) and ref.startswith("refs/tags/"):
            named.append((sha, ref))
    read = object_messages(repo, [sha for sha, _ in named], "tag", max_bytes)
    tags: list[TagMessage] = []
    pointed: dict[str, str] = {}
    for sha, ref in named:
        if sha in read:
            tag, target = _tag_object(sha, ref, read[sha])
            tags.append(tag)
            if target is not None:
                pointed.setdefault(target, ref)
    known = {sha for sha, _ in named}
    return tags + new_tag_objects(repo, pointed, known, max_bytes, skipped)


# A tag of a tag of a tag...: git itself follows such chains; a push is not read deeper.
MAX_TAG_DEPTH = 8


def new_tag_objects(
    repo: Repository,
    tips: dict[str, str],
    known: set[str],
    max_bytes: int,
    skipped: list[dict[str, str]] | None = None,
) -> list[TagMessage]:
    """The annotated tag objects a push brings: each of ``tips`` (object id -> the ref the
    push names it by) that is a tag object no ref reaches yet (``known``: every ref's
    object id), and any new tag such a tag points at, read with ``git cat-file`` (at most
    ``max_bytes`` of each message). A tag pushed is not a ref yet when the pre-receive hook
    runs, so for-each-ref cannot list it. A few ``cat-file`` calls per level of tags of
    tags, whatever the number of tags; a tag deeper than MAX_TAG_DEPTH levels is not
    read, and goes to ``skipped`` (if given) as such, never silently."""
    tags: list[TagMessage] = []
    wanted = {sha: ref for sha, ref in tips.items() if sha not in known}
    for _ in range(MAX_TAG_DEPTH):
        if not wanted:
            break
        pointed: dict[str, str] = {}
        for sha, start in object_messages(repo, list(wanted), "tag", max_bytes).items():
            tag, target = _tag_object(sha, wanted[sha], start)
            tags.append(tag)
            if target is not None and target not in known:
                pointed[target] = wanted[sha]
        known = known | set(wanted)
        wanted = {sha: ref for sha, ref in pointed.items() if sha not in known}
    if skipped is not None:
        skipped += [
            {"path": f"{sha}:{TAG_PATH}", "reason": too_deep(ref)} for sha, ref in wanted.items()
        ]
    return tags


def too_deep(ref: str) -> str:
    """Why a tag at the end of a chain of tags of tags was not read."""
    return (
        f"a tag more than {MAX_TAG_DEPTH} tags deep below {ref} (a tag of a tag of ...): "
        "not read; tag the commit itself"
    )


def _tag_object(sha: str, ref: str, start: MessageStart) -> tuple[TagMessage, str | None]:
    """A tag object's message, tagger and date (from ``git cat-file tag``'s output), and the
    object it points at when that is another tag."""
    from datetime import datetime, timedelta, timezone

    fields: dict[str, str] = {}
    for line in start.headers.decode("utf-8", "replace").split("\n"):
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
        message=start.text,
        cut=start.cut,
    )
    return tag, pointed
