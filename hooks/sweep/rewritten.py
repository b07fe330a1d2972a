"""Remote-tracking refs whose history was rewritten under a clone: the origin was cleaned.

After a leak is cleaned up (``git filter-repo`` with the replacements file ``sweep
--replacements`` writes, then a force-push), every other clone still holds the old history
on its local branches, while ``git fetch`` moves its remote-tracking refs to the cleaned
one. Such a clone must never push (its push would bring the values back, a force-push
would undo the whole clean-up): it resets its branches to the cleaned ones instead.

Two signs tell a cleaned remote-tracking ref from one the local branch is merely ahead of,
each asked only for the pairs (local branch, remote-tracking ref) where the local branch
holds a value and the remote-tracking ref does not:

- its history, where it differs from the local branch, holds the value's replacement
  marker (``***REMOVED-binance-...-sha256:<12 hex>***``, :mod:`hooks.reports.replacements`);
- its reflog shows it once held the commits that added the value, and it no longer does
  (a forced update dropped them).
"""

from __future__ import annotations

import re
import subprocess

from ..git.invocation import git_environment
from ..git.repo import Repository

BRANCH_PREFIX, REMOTE_PREFIX = "refs/heads/", "refs/remotes/"
# The marker the replacements file puts in place of a value (its fingerprint's 12 hex).
MARKER = re.compile(rb"\*\*\*REMOVED-binance-[a-z-]+-sha256:([0-9a-f]{12})\*\*\*")
# Old tips of a remote-tracking ref read from its reflog: the newest ones are enough to
# see a forced update, and the walk below stays bounded on a ref fetched for years.
MAX_OLD_TIPS = 200


def tracking_pairs(repo: Repository) -> list[tuple[str, str]]:
    """(local branch, remote-tracking ref), full names: each branch's configured upstream,
    and each remote-tracking ref of the same name as a local branch (``origin/main`` for
    ``main``), which a clone made before the upstream was set also has."""
    lines = repo.lines(
        "for-each-ref", "--format=%(refname)%00%(upstream)", BRANCH_PREFIX, REMOTE_PREFIX,
        check=False,
    )  # fmt: skip
    branches: dict[str, str] = {}
    tracking: list[str] = []
    for line in lines:
        name, _, upstream = line.partition("\0")
        if name.startswith(BRANCH_PREFIX):
            branches[name] = upstream
        elif name.startswith(REMOTE_PREFIX) and not name.endswith("/HEAD"):
            tracking.append(name)
    pairs = [(b, u) for b, u in branches.items() if u.startswith(REMOTE_PREFIX) and u in tracking]
    for ref in tracking:
        short = ref[len(REMOTE_PREFIX) :].split("/", 1)[-1]
        local = BRANCH_PREFIX + short
        if local in branches and (local, ref) not in pairs:
            pairs.append((local, ref))
    return pairs


def markers_in(repo: Repository, tracking: str, local: str, wanted: set[str]) -> set[str]:
    """Which of ``wanted`` (12-hex fingerprint prefixes) a replacement marker in the
    history of ``tracking`` that ``local`` lacks names: in a line a commit changed or in a
    commit message. Streamed, and stopped once every wanted marker was seen."""
    command = repo.command(
        "log", "-p", "--no-ext-diff", "--no-textconv", "--no-color", "--format=%B",
        tracking, "--not", local, "--",
    )  # fmt: skip
    found: set[str] = set()
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=git_environment()
    )
    assert process.stdout is not None
    try:
        for line in process.stdout:
            if b"***REMOVED-binance-" not in line:
                continue
            found.update(m.decode() for m in MARKER.findall(line) if m.decode() in wanted)
            if found >= wanted:
                break
    finally:
        process.stdout.close()
        process.kill()
        process.wait()
    return found


def dropped_from(repo: Repository, tracking: str) -> set[str]:
    """The commits ``tracking`` once held (its reflog's old tips reach them) and no longer
    holds: what a forced update, such as fetching a rewritten history, took away."""
    tips = repo.lines("reflog", "show", "--format=%H", tracking, "--", check=False)
    tips = [tip for tip in tips if tip][: MAX_OLD_TIPS + 1]
    if not tips:
        return set()
    # Each entry's old value is the next older entry's new one; the oldest entry's old
    # value (a clone writes no entry of its own) is what ``ref@{N}`` names.
    first = (
        repo.run("rev-parse", "--verify", "--quiet", f"{tracking}@{{{len(tips)}}}", check=False)
        .decode("ascii", "replace")
        .strip()
    )
    old = list(dict.fromkeys([*tips[1:], *([first] if first.strip("0") else [])]))
    if not old:
        return set()
    return {
        sha
        for sha in repo.lines("rev-list", "--ignore-missing", *old, "--not", tracking, check=False)
        if sha
    }


def stale(
    repo: Repository,
    values: dict[str, tuple[set[str], set[str]]],
) -> dict[str, list[str]]:
    """For each value, the remote-tracking refs that were cleaned of it while a local
    branch still holds it.

    ``values``: the value's 12-hex fingerprint prefix -> (the refs holding it, the commits
    that added it). Returns prefix -> remote-tracking refs (full names), only for the
    values that have any."""
    pairs = tracking_pairs(repo)
    candidates: dict[tuple[str, str], list[str]] = {}
    for digest, (held, _commits) in values.items():
        for local, tracking in pairs:
            if local in held and tracking not in held:
                candidates.setdefault((local, tracking), []).append(digest)
    found: dict[str, list[str]] = {}
    dropped: dict[str, set[str]] = {}
    for (local, tracking), digests in candidates.items():
        markers = markers_in(repo, tracking, local, set(digests))
        for digest in digests:
            commits = values[digest][1]
            if digest not in markers:
                if tracking not in dropped:
                    dropped[tracking] = dropped_from(repo, tracking)
                if not commits & dropped[tracking]:
                    continue
            refs = found.setdefault(digest, [])
            if tracking not in refs:
                refs.append(tracking)
    return found
