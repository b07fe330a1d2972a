"""Which commits a sweep reads, and which refs hold a given commit.

A leaked key hides in more places than ``git log --all`` shows: older stash entries live only
in the stash's reflog, a rebase or force-push leaves the old commits in the reflog, and
``git reset``/``git commit --amend`` followed by reflog expiry leaves dangling commits that
stay in the object store until gc prunes them. All of them are read unless the user asks
for the reachable history only.
"""

from __future__ import annotations

import subprocess
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import IO

from ..git.invocation import (
    EVERY_REF,
    STASH_ENTRIES,
    reachable_walk,
    reflog_only,
    since_limit,
)
from ..git.repo import GitError, Repository, git_environment, last_line
from .dangling import DanglingListing, start_dangling_listing
from .graph import read_graph

REACHABLE, REFLOG, DANGLING = "refs", "reflog", "dangling"
REMOTE_PREFIX = "refs/remotes/"


@dataclass
class Selection:
    """The commits to sweep, without holding the history in memory.

    The reachable history is streamed from ``git rev-list <starts>`` when it is read; only
    the commits found elsewhere (reflog-only and dangling: few, in any real repository)
    are listed, with their origin.
    """

    starts: list[str] = field(default_factory=list)
    since: str | None = None
    reachable_count: int = 0
    elsewhere: dict[str, str] = field(default_factory=dict)
    skipped: list[dict[str, str]] = field(default_factory=list)
    # Set when git cannot walk the history (a missing commit): the reachable commits as
    # found around it, and the readable commits whose parent is missing (git cannot diff
    # them; they are read against the empty tree).
    listed: list[str] | None = None
    rootless: frozenset[str] = frozenset()
    broken: bool = False
    # The reachable commits as the counting walk listed them (one sha a line, on disk, not
    # in memory), so reading them costs no second walk; None: :func:`iter_reachable` walks.
    walked: IO[bytes] | None = None
    # The dangling-commit listing while it runs (:func:`settle_dangling` adds its answer to
    # ``elsewhere``): the reachable history can be read meanwhile.
    dangling: DanglingListing | None = None
    dangling_again: Callable[[], DanglingListing] | None = None

    @property
    def total(self) -> int:
        return self.reachable_count + len(self.elsewhere)

    def origin(self, commit: str) -> str:
        return self.elsewhere.get(commit, REACHABLE)

    def limit(self) -> list[str]:
        return since_limit(self.since)


def stash_entries(repo: Repository) -> list[str]:
    """Every stash entry (stash@{0}, stash@{1}, ...), newest first; [] without a stash."""
    return [line for line in repo.lines(*STASH_ENTRIES, check=False) if line]


def _rev_list(repo: Repository, *args: str) -> list[str]:
    return [line for line in repo.lines("rev-list", *args) if line]


def _count(repo: Repository, *args: str) -> int:
    out = repo.run("rev-list", "--count", *args).decode().strip()
    return int(out) if out.isdigit() else 0


def _tips(repo: Repository) -> list[tuple[str, str]]:
    """(ref name, object) for every ref."""
    pairs = []
    for line in repo.lines("for-each-ref", "--format=%(refname) %(objectname)", check=False):
        name, _, sha = line.rpartition(" ")
        if name:
            pairs.append((name, sha))
    return pairs


def _walk(repo: Repository, limit: list[str], starts: list[str]) -> tuple[int, IO[bytes]]:
    """``git rev-list`` written to a temporary file: (how many commits, the file at its
    start). Counting and then listing the history costs one walk instead of two; GitError if
    git cannot walk it."""
    command = repo.command(*reachable_walk(limit, starts))
    listing = tempfile.TemporaryFile()  # noqa: SIM115 - returned open, read by iter_reachable
    with tempfile.TemporaryFile() as errors:
        done = subprocess.run(
            command, stdout=listing, stderr=errors, env=git_environment(), check=False
        )
        if done.returncode != 0:
            listing.close()
            errors.seek(0)
            raise GitError(["rev-list", *(limit + starts)[:1]], last_line(errors.read()))
    listing.seek(0)
    count = sum(chunk.count(b"\n") for chunk in iter(lambda: listing.read(1 << 20), b""))
    listing.seek(0)
    return count, listing


def _readable_starts(repo: Repository, starts: list[str], selection: Selection) -> list[str]:
    """``starts`` if git can walk them all; else each ref on its own, skipping (and
    reporting) the ones whose history git cannot read, e.g. a ref to a missing commit."""
    try:
        selection.reachable_count, selection.walked = _walk(repo, selection.limit(), starts)
        return starts
    except GitError:
        pass
    names = [name for name, _ in _tips(repo)] if EVERY_REF in starts else []
    names += [start for start in starts if start != EVERY_REF]
    readable = []
    for name in names:
        try:
            _count(repo, name)
            readable.append(name)
        except GitError as error:
            if repo.succeeds("cat-file", "-e", f"{name}^{{commit}}"):
                readable.append(name)  # the tip is there, an ancestor is not
                selection.broken = True
                continue
            selection.skipped.append(
                {"path": name, "reason": f"history unreadable: {error.message}"}
            )
    if not selection.broken and readable:
        selection.reachable_count, selection.walked = _walk(repo, selection.limit(), readable)
    return readable


def _select_around_missing(repo: Repository, selection: Selection, narrowed: bool) -> None:
    """Fill ``selection`` from a walk in Python (:mod:`graph`) when git cannot walk the
    history: every readable commit is swept, each missing one is listed as skipped."""
    graph = read_graph(repo)
    since = _epoch(selection.since)

    def recent(commits: list[str]) -> list[str]:
        return [sha for sha in commits if graph.times.get(sha, 0) >= since]

    seen: set[str] = set()
    tips = list(_peeled_commits(repo, selection.starts).values())
    reached, missing = graph.walk(tips, seen)
    selection.listed = recent(reached)
    selection.reachable_count = len(selection.listed)
    if not narrowed:
        try:
            reflog = _rev_list(repo, "--no-walk", "--reflog")
        except GitError:
            reflog = []
        found, lost = graph.walk(reflog, seen)
        missing |= lost
        for sha in recent(found):
            selection.elsewhere[sha] = REFLOG
        rest = sorted(set(graph.parents) - seen, key=lambda sha: -graph.times[sha])
        for sha in recent(rest):
            selection.elsewhere[sha] = DANGLING
    for sha in sorted(missing):
        selection.skipped.append(
            {"path": sha, "reason": "commit unreadable: object missing or corrupt"}
        )
    selection.rootless = frozenset(graph.without_parents())


def _epoch(since: str | None) -> int:
    if since is None:
        return 0
    from datetime import datetime

    return int(datetime.fromisoformat(since).timestamp())


def select_commits(
    repo: Repository,
    refs: list[str] | None = None,
    since: str | None = None,
    reachable_only: bool = False,
    dangling: DanglingListing | None = None,
) -> Selection:
    """Every ref and stash entry (or just ``refs``), then, unless ``reachable_only`` or
    ``refs`` narrow the sweep, reflog-only and dangling commits. ``dangling``: a
    :func:`start_dangling_listing` already under way (closed if the sweep is narrowed)."""
    selection = Selection(since=since)
    listing = dangling
    if listing is not None and (refs or reachable_only):
        listing.close()
        listing = None
    if repo.head is None and not refs and not _tips(repo):
        # An empty repository. Not when ``refs`` name commits: a server's pre-receive
        # hook is asked about the first push into an empty repository, whose commits
        # are there (quarantined) before any ref points at them.
        if listing is not None:
            listing.close()
        return selection
    if refs:
        selection.starts = _readable_starts(repo, list(refs), selection)
    else:
        # stash@{0} is refs/stash itself, which --all covers: the usual stash of one entry
        # adds no start.
        everything = [EVERY_REF, *stash_entries(repo)[1:]]
        if not reachable_only and listing is None:
            listing = start_dangling_listing(repo.git_dir, since)
        try:
            selection.starts = _readable_starts(repo, everything, selection)
        except BaseException:
            if listing is not None:
                listing.close()
            raise
        if listing is not None and selection.starts != everything:
            # Some ref's history is unreadable: the listing, which excludes every ref,
            # fails or answers for other exclusions than the sweep's; asked again below.
            listing.close()
            listing = None
    if selection.broken:
        _select_around_missing(repo, selection, narrowed=bool(refs) or reachable_only)
        return selection
    if refs or reachable_only or not selection.starts:
        return selection
    exclude = ["--not", *selection.starts]
    try:
        for sha in repo.lines(*reflog_only(selection.limit(), selection.starts)):
            if sha:
                selection.elsewhere[sha] = REFLOG
    except GitError as error:
        selection.skipped.append({"path": "reflog", "reason": f"unreadable: {error.message}"})
    # Excluding the reflog-only commits as well spares git walking them again.
    narrower = [*exclude, *selection.elsewhere]

    def ask_again() -> DanglingListing:
        return DanglingListing(repo.git_dir, narrower, selection.limit())

    selection.dangling = listing if listing is not None else ask_again()
    # A reflog git cannot walk fails the listing that excludes every reflog: then the
    # dangling commits are asked again, excluding what the sweep reads instead.
    selection.dangling_again = ask_again if listing is not None else None
    return selection


def settle_dangling(selection: Selection) -> list[str]:
    """Wait for the selection's dangling-commit listing and add what it found to
    ``elsewhere``; returns the commits added. A commit already there (a reflog one) keeps
    its origin: both listings exclude the reflogs, so none is expected."""
    listing, selection.dangling = selection.dangling, None
    again, selection.dangling_again = selection.dangling_again, None
    if listing is None:
        return []
    try:
        try:
            found = listing.result()
        except GitError:
            if again is None:
                raise
            found = again().result()
    except GitError as error:
        selection.skipped.append({"path": "dangling commits", "reason": error.message})
        return []
    added = [sha for sha in found if sha not in selection.elsewhere]
    for sha in added:
        selection.elsewhere[sha] = DANGLING
    return added


def iter_reachable(repo: Repository, selection: Selection) -> Iterator[str]:
    """Stream the reachable commits of a selection, one sha at a time."""
    if selection.listed is not None:
        yield from selection.listed
        return
    if selection.walked is not None:
        walked, selection.walked = selection.walked, None
        with walked:
            for line in walked:
                yield line.decode("ascii", errors="replace").strip()
        return
    if not selection.starts:
        return
    process = subprocess.Popen(
        repo.command("rev-list", *selection.limit(), *selection.starts),
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=git_environment(),
    )
    assert process.stdout is not None
    try:
        for line in process.stdout:
            yield line.decode("ascii", errors="replace").strip()
    finally:
        process.stdout.close()
        process.wait()


def refs_containing(repo: Repository, commits: list[str]) -> dict[str, list[str]]:
    """For each commit, the full names of the refs whose history contains it, plus
    ``stash@{n}`` for older stash entries (stash@{0} is refs/stash itself).

    One history walk for all commits at once: ``git for-each-ref --contains`` walks the
    history again for every commit (a whole walk each). Here each target
    commit gets a bit, and in topological order every commit ORs its parents' bits into its
    own; a tip's bits are then the targets it contains. Only non-zero sets are kept.
    """
    targets = list(dict.fromkeys(commits))
    bits = {sha: 1 << index for index, sha in enumerate(targets)}
    tips = _tips(repo)
    for index, entry in enumerate(stash_entries(repo)[1:], start=1):
        tips.append((f"stash@{{{index}}}", entry))
    found: dict[str, list[str]] = {sha: [] for sha in targets}
    commits_of = _peeled_commits(repo, [sha for _, sha in tips])
    tips = [(name, commits_of[sha]) for name, sha in tips if sha in commits_of]
    if not targets or not tips:
        return found
    starts = "".join(f"{sha}\n" for _, sha in tips).encode()
    listing = repo.run(
        "rev-list", "--parents", "--topo-order", "--reverse", "--stdin", input=starts, check=False
    )
    reach: dict[str, int] = {}
    for line in listing.decode("ascii", errors="replace").splitlines():
        sha, *parents = line.split()
        value = bits.get(sha, 0)
        for parent in parents:
            value |= reach.get(parent, 0)
        if value:
            reach[sha] = value
    for name, sha in tips:
        value = reach.get(sha, 0)
        for index, target in enumerate(targets):
            if value >> index & 1:
                found[target].append(name)
    return found


def _peeled_commits(repo: Repository, objects: list[str]) -> dict[str, str]:
    """object -> the commit it is or peels to (annotated tags), for the objects that are
    or peel to a commit: a broken ref points at nothing and a tag may name a tree or blob,
    and neither may make the whole walk fail."""
    data = "".join(f"{sha}^{{commit}}\n" for sha in objects).encode()
    lines = repo.lines(
        "cat-file", "--batch-check=%(objectname) %(objecttype)", input=data, check=False
    )
    peeled = {}
    for sha, line in zip(objects, lines):
        commit, _, kind = line.partition(" ")
        if kind == "commit":
            peeled[sha] = commit
    return peeled


def is_pushed(refs: list[str]) -> bool:
    """Pushed = some remote-tracking ref contains the commit (as far as this clone knows)."""
    return any(name.startswith(REMOTE_PREFIX) for name in refs)
