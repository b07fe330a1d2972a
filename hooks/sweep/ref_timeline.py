"""When a swept value reached each branch and tag, when it left each branch's tree, and the
first sign this clone has that it was pushed: the timeline a security lead needs.

Asked only when a sweep found values: the graph under the branches and tags is read once
(:class:`History`, one ``rev-list --parents`` walk), each value's descendants and each
ref's first-parent line are then worked out in Python, and only the commit where a value
left a branch's tree costs git calls (a bisection with ``git grep``). The value itself
never goes on a command line (``ps`` would show it): ``git grep`` reads it from standard
input (``-f -``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..git.repo import Repository

# Reflog entries of a remote-tracking ref looked at, oldest first, for push evidence.
MAX_REFLOG_ENTRIES = 200


@dataclass
class History:
    """The commit graph under the branches and tags, read once per sweep (one ``rev-list
    --parents`` walk) and only when a value was found: each value's timeline is then worked
    out in Python, not by a walk per value and ref."""

    parents: dict[str, list[str]]
    order: list[str]  # parents before children
    tips: dict[str, str]  # ref -> the commit it is or peels to
    tags: dict[str, tuple[str, str]]  # tag ref -> (object type, its date)

    @classmethod
    def read(cls, repo: Repository) -> History:
        tips: dict[str, str] = {}
        tags: dict[str, tuple[str, str]] = {}
        listing = repo.lines(
            "for-each-ref",
            "--format=%(refname)%00%(objecttype)%00%(objectname)%00%(*objectname)"
            "%00%(creatordate:iso-strict)",
            "refs/heads/", "refs/tags/",
            check=False,
        )  # fmt: skip
        for line in listing:
            fields = line.split("\0")
            if len(fields) != 5:
                continue
            ref, kind, sha, peeled, date = fields
            if kind == "commit" or (kind == "tag" and peeled):
                tips[ref] = peeled or sha
            if ref.startswith("refs/tags/"):
                tags[ref] = (kind, date)
        parents: dict[str, list[str]] = {}
        order: list[str] = []
        if tips:
            walk = "".join(f"{sha}\n" for sha in dict.fromkeys(tips.values())).encode()
            out = repo.run(
                "rev-list", "--parents", "--topo-order", "--reverse", "--stdin",
                input=walk, check=False,
            )  # fmt: skip
            for line in out.decode("ascii", "replace").splitlines():
                sha, *above = line.split()
                parents[sha] = above
                order.append(sha)
        return cls(parents, order, tips, tags)

    def descendants(self, commits: set[str]) -> set[str]:
        """``commits`` and every commit that has one of them as an ancestor."""
        found = set(commits)
        for sha in self.order:
            if sha not in found and any(p in found for p in self.parents.get(sha, ())):
                found.add(sha)
        return found

    def chain(self, ref: str) -> list[str]:
        """The ref's first-parent line, newest first."""
        line = []
        sha = self.tips.get(ref)
        seen: set[str] = set()
        while sha and sha not in seen:
            seen.add(sha)
            line.append(sha)
            above = self.parents.get(sha) or []
            sha = above[0] if above else None
        return line

    def first_containing(self, descendants: set[str], ref: str) -> str | None:
        """The first commit on ``ref``'s first-parent line that contains one of the commits
        whose ``descendants`` are given (the commit itself when it is on that line, else
        the merge that brought it in)."""
        reached = None
        for sha in self.chain(ref):  # newest first: the oldest one still containing it
            if sha not in descendants:
                break
            reached = sha
        return reached


def commit_dates(repo: Repository, commits: Iterable[str]) -> dict[str, str]:
    """commit -> committer date, in one git call."""
    wanted = list(dict.fromkeys(commits))
    if not wanted:
        return {}
    lines = repo.lines(
        "show", "-s", "--no-show-signature", "--format=%H %cI", *wanted, "--", check=False
    )
    pairs = (line.split(" ", 1) for line in lines if " " in line)
    return {sha: date for sha, date in pairs}


def present_at(repo: Repository, commit: str, forms: list[str], paths: list[str]) -> bool:
    """Whether any of ``forms`` (a value's written forms) is in ``paths`` at ``commit``."""
    if not paths or not forms:
        return False
    patterns = "".join(f"{form}\n" for form in forms).encode()
    found = repo.run(
        "grep", "-F", "-l", "-I", "--no-textconv", "-f", "-", commit, "--", *paths,
        input=patterns, check=False,
    )  # fmt: skip
    return bool(found.strip())


def removed_on(
    repo: Repository, chain: list[str], reached: str, forms: list[str], paths: list[str]
) -> str | None:
    """The first commit on a first-parent line (``chain``, newest first) after ``reached``
    whose tree no longer holds the value at ``paths``; None while the tip still holds it.

    A value stays in a file until a commit takes it out, so the line is bisected: a few
    ``git grep`` calls, whatever its length."""
    if not chain or present_at(repo, chain[0], forms, paths):
        return None
    if reached not in chain:
        return chain[0]
    line = list(reversed(chain[: chain.index(reached) + 1]))  # reached .. tip, oldest first
    low, high = 0, len(line) - 1  # present at low (or reached), absent at high
    while high - low > 1:
        middle = (low + high) // 2
        if present_at(repo, line[middle], forms, paths):
            low = middle
        else:
            high = middle
    return line[high]


def earliest_push(repo: Repository, tracking: str, commits: set[str]) -> str | None:
    """The date of the oldest reflog entry of ``tracking`` (a remote-tracking ref) whose
    tip contains one of ``commits``: when this clone first saw the value on the remote.
    None when the reflog says nothing (a clone writes no entry for its first fetch)."""
    lines = repo.lines(
        "reflog", "show", "--date=iso-strict", "--format=%H %gd", tracking, "--", check=False
    )
    entries = []
    for line in lines[:MAX_REFLOG_ENTRIES]:
        sha, _, selector = line.partition(" ")
        if "@{" in selector:
            entries.append((sha, selector[selector.index("@{") + 2 : -1]))
    for sha, date in reversed(entries):  # oldest first
        if any(repo.succeeds("merge-base", "--is-ancestor", c, sha) for c in commits):
            return date
    return None
