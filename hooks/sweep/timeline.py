"""Each swept value's ``timeline`` (README "Sweep JSON"): where and when it was introduced,
when it reached each branch and tag, when it left each branch's tree, and the earliest
evidence this clone has that it was pushed. Built from :mod:`hooks.sweep.ref_timeline`, only for
the values found and only for the refs that hold them."""

from __future__ import annotations

from typing import Any

from ..git.repo import Repository
from . import ref_timeline as git_timeline
from .run import SweptKey

BRANCH_PREFIX, TAG_PREFIX, REMOTE_PREFIX = "refs/heads/", "refs/tags/", "refs/remotes/"
# Refs per value whose timeline is computed (branches first, then tags), and refs timed
# in one sweep over all its values: each costs a few history walks, so a repository with
# hundreds of values in hundreds of release tags stays bounded. The rest are counted in
# ``refs_not_timed``.
MAX_REFS = 50
MAX_REFS_PER_SWEEP = 500


class Budget:
    """How many more refs one sweep may time."""

    def __init__(self, refs: int = MAX_REFS_PER_SWEEP) -> None:
        self.refs = refs

    def take(self, wanted: int) -> int:
        granted = min(wanted, self.refs)
        self.refs -= granted
        return granted


def _stamp(commit: str | None, dates: dict[str, str], date: str | None = None) -> Any:
    if commit is None:
        return None
    return {"commit": commit, "date": date or dates.get(commit, "")}


def timeline_of(
    repo: Repository,
    history: git_timeline.History,
    key: SweptKey,
    stale: dict[str, list[str]] | None = None,
    budget: Budget | None = None,
) -> dict[str, Any]:
    """The value's timeline; ``history``: the graph, read once per sweep; ``stale``:
    remote -> branches cleaned of it (their reflog is push evidence too)."""
    from ...plugins.detection.written_forms import written_forms

    intro = key.introduced
    commits = {o.commit.sha for o in key.occurrences if o.tag is None}
    paths = sorted({o.finding.path for o in key.occurrences if not o.in_message})
    forms = [form for form in written_forms(key.finding.value) if "\n" not in form]
    refs = [r for r in key.held_by if r.startswith(BRANCH_PREFIX)]
    refs += [r for r in key.held_by if r.startswith(TAG_PREFIX)]
    allowed = min(len(refs), MAX_REFS)
    if budget is not None:
        allowed = budget.take(allowed)
    timed, untimed = refs[:allowed], len(refs) - allowed
    own_tags = {o.tag: o.commit for o in key.occurrences if o.tag}
    reached: dict[str, Any] = {}
    removed: dict[str, Any] = {}
    descendants = history.descendants(commits) if commits else set()
    for ref in timed:
        if ref in own_tags:  # the value is in this tag's own message
            tag = own_tags[ref]
            reached[ref] = {"commit": tag.sha, "date": tag.committer_date, "tag_date": True}
            continue
        first = history.first_containing(descendants, ref)
        reached[ref] = first
        if ref.startswith(BRANCH_PREFIX):
            # A value only in commit messages never leaves a tree: it stays until rewritten.
            removed[ref] = (
                git_timeline.removed_on(repo, history.chain(ref), first, forms, paths)
                if first is not None and paths
                else None
            )
    dates = git_timeline.commit_dates(
        repo, [c for c in [*reached.values(), *removed.values()] if isinstance(c, str)]
    )
    reached_json: dict[str, Any] = {}
    for ref, first in reached.items():
        if isinstance(first, dict) or first is None:
            reached_json[ref] = first
            continue
        entry = _stamp(first, dates)
        if ref.startswith(TAG_PREFIX):
            kind, date = history.tags.get(ref, ("", ""))
            if kind == "tag":  # annotated: the value was released when the tag was made
                entry = {**entry, "date": date, "tag_date": True}
        reached_json[ref] = entry
    pushes: list[dict[str, Any]] = []
    tracking = [r for r in key.held_by if r.startswith(REMOTE_PREFIX)]
    cleaned = [f"{REMOTE_PREFIX}{r}/{b}" for r, branches in (stale or {}).items() for b in branches]
    for ref in [*tracking, *cleaned]:
        pushed_at = git_timeline.earliest_push(repo, ref, commits) if commits else None
        pushes.append({"ref": ref, "date": pushed_at, "cleaned": ref in cleaned})
    dated = sorted((p for p in pushes if p["date"]), key=lambda p: str(p["date"]))
    return {
        "introduced": {
            "commit": intro.commit.sha,
            "date": intro.commit.author_date,
            "committed": intro.commit.committer_date,
            "author": intro.commit.author,
            "ref": intro.tag or (key.refs[0] if key.refs else None),
            "found_in": intro.origin,
        },
        "reached": reached_json,
        "removed": {ref: _stamp(sha, dates) for ref, sha in removed.items()},
        "pushed": {
            "earliest": dated[0] if dated else (pushes[0] if pushes else None),
            "evidence": pushes,
        },
        "refs_not_timed": untimed,
    }
