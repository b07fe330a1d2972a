"""Where each swept value still lives, as the places a clean-up has to reach.

A value lives wherever a commit that added it is still held: the checked-out branch, other
branches, tags, stash entries, remote-tracking refs (it was pushed), other refs (notes,
replace refs, filter-branch backups), the reflog only, or a dangling commit. Each place
needs a different clean-up, which :mod:`hooks.reports.cleanup_text` words; this module only
finds the places, from the refs the sweep already computed (``SweptKey.held_by``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..git.invocation import STASH_REF
from ..git.repo import Repository, is_partial
from .refs import DANGLING, REACHABLE, REFLOG
from .run import SweptKey

BRANCH_PREFIX, TAG_PREFIX, REMOTE_PREFIX = "refs/heads/", "refs/tags/", "refs/remotes/"
STASH_ENTRY = re.compile(r"stash@\{(\d+)\}\Z")


@dataclass(frozen=True)
class Checkout:
    """What the clean-up advice depends on besides the key: the checked-out branch (a full
    ref name; None on a detached HEAD or in a bare repository without one), the remotes, and
    whether the clone has promisor packs (a partial clone)."""

    branch: str | None = None
    remotes: list[str] = field(default_factory=list)
    partial: bool = False
    # The commit a detached HEAD points at (no branch holds what it adds), else None.
    detached: str | None = None
    # No work tree: a bare or mirror clone, or a server's repository.
    bare: bool = False


def checkout_of(repo: Repository) -> Checkout:
    head = repo.run("symbolic-ref", "-q", "HEAD", check=False).decode("utf-8", "replace")
    remotes = [name for name in repo.lines("remote", check=False) if name]
    branch = head.strip() or None
    return Checkout(
        branch=branch,
        remotes=remotes,
        partial=is_partial(repo),
        detached=repo.head if branch is None else None,
        bare=repo.work_tree is None,
    )


def stash_index(ref: str) -> int | None:
    """0 for refs/stash, n for stash@{n}, None for any other ref."""
    if ref == STASH_REF:
        return 0
    match = STASH_ENTRY.match(ref)
    return int(match.group(1)) if match else None


def _remote_of(ref: str, remotes: list[str]) -> tuple[str, str]:
    """(remote, branch) of a remote-tracking ref; remote names may hold a slash, so the
    longest configured name that prefixes the ref wins."""
    rest = ref[len(REMOTE_PREFIX) :]
    for name in sorted(remotes, key=len, reverse=True):
        if rest.startswith(name + "/"):
            return name, rest[len(name) + 1 :]
    name, _, branch = rest.partition("/")
    return name, branch


def digest_of(key: SweptKey) -> str:
    """The 12 hex of the value's fingerprint that its replacement marker names."""
    return key.finding.fingerprint.split(":", 1)[-1][:12]


def stale_remotes(
    repo: Repository, keys: list[SweptKey], checkout: Checkout
) -> dict[str, dict[str, list[str]]]:
    """For each value a local branch holds while its remote-tracking ref was cleaned of it
    (:mod:`hooks.sweep.rewritten`): fingerprint -> {remote: [branch, ...]}. Asked only of the
    values found, and only for the branches holding them."""
    from .rewritten import stale

    values = {
        digest_of(key): (set(key.held_by), {o.commit.sha for o in key.occurrences})
        for key in keys
        if not key.finding.example
    }
    found = stale(repo, values) if values else {}
    by_key: dict[str, dict[str, list[str]]] = {}
    for key in keys:
        for ref in found.get(digest_of(key), []):
            name, branch = _remote_of(ref, checkout.remotes)
            by_key.setdefault(key.finding.fingerprint, {}).setdefault(name, []).append(branch)
    return by_key


def lives_in(
    key: SweptKey,
    checkout: Checkout,
    repo: Repository | None = None,
    stale: dict[str, list[str]] | None = None,
) -> dict[str, Any]:
    """The places that hold a copy of the value (docs/sweep.md: "Sweep JSON", ``lives_in``).

    A detached HEAD is no ref, so ``held_by`` cannot name it: with ``repo``, each commit
    that added the value is checked against it (rare, and a few git calls at most).
    ``stale``: the remote-tracking branches cleaned of the value while this clone's
    branches still hold it (:func:`stale_remotes`), by remote."""
    branches, tags, stash, other = [], [], [], []
    remotes: dict[str, list[str]] = {}
    # Refs naming the value's blob or tree directly: no history rewrite changes them.
    objects = sorted({o.tag for o in key.occurrences if o.tag and not o.in_message})
    for ref in key.held_by:
        if ref in objects:
            continue
        index = stash_index(ref)
        if index is not None:
            stash.append(index)
        elif ref.startswith(BRANCH_PREFIX):
            branches.append(ref[len(BRANCH_PREFIX) :])
        elif ref.startswith(TAG_PREFIX):
            tags.append(ref[len(TAG_PREFIX) :])
        elif ref.startswith(REMOTE_PREFIX):
            name, branch = _remote_of(ref, checkout.remotes)
            remotes.setdefault(name, []).append(branch)
        else:
            other.append(ref)
    origins = {occurrence.origin for occurrence in key.occurrences}
    current = checkout.branch
    return {
        "checked_out_branch": (
            current[len(BRANCH_PREFIX) :]
            if current and current.startswith(BRANCH_PREFIX) and current in key.held_by
            else None
        ),
        "branches": branches,
        "tags": tags,
        "stash": sorted(stash),
        "remotes": remotes,
        "stale_remotes": stale or {},
        "other_refs": other,
        "detached_head": bool(repo and checkout.detached and _under(repo, key, checkout.detached)),
        "reflog": REFLOG in origins,
        "dangling": DANGLING in origins,
        "commit_message": any(o.in_message and not o.tag for o in key.occurrences),
        "tag_message": any(o.tag is not None and o.in_message for o in key.occurrences),
        "ref_objects": objects,
    }


def _under(repo: Repository, key: SweptKey, head: str) -> bool:
    commits = {o.commit.sha for o in key.occurrences if o.origin == REACHABLE and not o.tag}
    return any(repo.succeeds("merge-base", "--is-ancestor", sha, head) for sha in commits)
