"""When a swept value reached each branch and tag, when it left each branch's tree, and the
first sign this clone has that it was pushed: the timeline a security lead needs.

Asked only for the values a sweep found, and for each only of the refs that hold it: a few
``rev-list`` walks and ``git grep`` calls per value and ref, never a pass over every
commit. The value itself never goes on a command line (``ps`` would show it): ``git grep``
reads it from standard input (``-f -``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from binance_secrets.hooks.git.repo import Repository

# A ref's first-parent line is searched this far back for the commit where a value left
# the tree; older history is read as "still present" past it.
MAX_CHAIN = 100_000
# Reflog entries of a remote-tracking ref looked at, oldest first, for push evidence.
MAX_REFLOG_ENTRIES = 200


@dataclass(frozen=True)
class Stamp:
    """A commit (or tag object) and its date (ISO 8601, as git writes it)."""

    commit: str
    date: str

    def to_json(self) -> dict[str, str]:
        return {"commit": self.commit, "date": self.date}


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


_CHAINS: dict[tuple[str, str], list[str]] = {}


def _first_parent_chain(repo: Repository, ref: str) -> list[str]:
    """The ref's first-parent line, newest first (asked once per ref and repository)."""
    if (repo.git_dir, ref) in _CHAINS:
        return _CHAINS[repo.git_dir, ref]
    lines = repo.lines(
        "rev-list", "--first-parent", f"--max-count={MAX_CHAIN}", ref, "--", check=False
    )
    chain = _CHAINS[repo.git_dir, ref] = [line for line in lines if line]
    return chain


def forget_chains() -> None:
    """Drop the cached first-parent lines (they hold up to a history's worth of ids)."""
    _CHAINS.clear()


def first_containing(repo: Repository, commits: set[str], ref: str) -> str | None:
    """The first commit on ``ref``'s first-parent line that contains one of ``commits``
    (the commit itself when it is on that line, else the merge that brought it in)."""
    chain = _first_parent_chain(repo, ref)
    descendants: set[str] = set()
    for commit in commits:
        lines = repo.lines("rev-list", "--ancestry-path", f"{commit}..{ref}", "--", check=False)
        descendants.update(line for line in lines if line)
    reached = None
    for sha in chain:  # newest first: the oldest one that still contains a commit wins
        if sha in commits:
            return sha
        if sha not in descendants:
            break
        reached = sha
    return reached


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
    repo: Repository, ref: str, reached: str, forms: list[str], paths: list[str]
) -> str | None:
    """The first commit on ``ref``'s first-parent line after ``reached`` whose tree no
    longer holds the value at ``paths``; None while the ref's tip still holds it.

    A value stays in a file until a commit takes it out, so the line is bisected: a few
    ``git grep`` calls, whatever its length."""
    chain = _first_parent_chain(repo, ref)
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


def tag_kind_and_date(repo: Repository, tag: str) -> tuple[str, str]:
    """(object type the tag ref points at, its date: the tagger's for an annotated tag)."""
    out = repo.lines(
        "for-each-ref", "--format=%(objecttype) %(creatordate:iso-strict)", tag, check=False
    )
    kind, _, date = (out[0] if out else "").partition(" ")
    return kind, date


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
