"""The history sweep: every Binance credential ever added to a repository, once per value.

Batches of commits are streamed through ``git log`` (:mod:`hooks.sweep.log_stream`) on
every core; each file a commit changed is scanned by the same engine as ``scan``, on the lines the
commit added plus the context lines git shows around them (so a key added next to an
existing secret still pairs with it). Occurrences are then folded by value fingerprint:
the introducing commit is the earliest one that added the value, preferring history a ref
still reaches over the reflog and over dangling commits, and every other commit/path that
added the same value again is listed in ``also``.
"""

from __future__ import annotations

import functools
import itertools
import os
import posixpath
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

from ...plugins.detection.numbered import Numbered
from ...plugins.detection.patterns import BINANCE_WORD, GIT_CANDIDATE_REGEX
from ...plugins.detection.project_context import (
    NO_PROJECT,
    ProjectContext,
    ProjectRoots,
    is_manifest,
    project_signal,
    signal_of_file,
    vendored_tree,
)
from ..git.blobs import BlobReader
from ..git.errors import explained
from ..git.invocation import EVERY_REF
from ..git.pending import PendingGit
from ..git.repo import GitError, Repository, gitlinks, is_partial
from ..scanning.limits import DEFAULT_MAX_FILE_BYTES
from ..scanning.project import (
    MAX_PROBE_FILE_BYTES,
    git_blob_text,
    git_grep_platform,
    git_grep_signal_manifests_first,
    git_paths,
    platform_grep_arguments,
    revision_project,
    signal_grep_arguments,
)
from ..scanning.project_config import NO_CONFIG, IgnoreEntry, ProjectConfig
from ..scanning.report_fields import MESSAGE_PATH, TAG_PATH
from .batch_threads import BatchThreads
from .batches import batch_size, batches
from .candidates import BlobVerdicts, ToRead, commits_to_read
from .early import EarlyStart, start_early
from .large_commits import message_start, object_messages, oversized_commits
from .log_stream import (
    CommitInfo,
    CommitPatch,
    FilePatch,
    LogError,
    has_candidate,
    header_without_message,
    merge_added,
    merge_commits,
    merge_groups,
    merge_paths,
    missing_blobs,
    run_around_missing,
    run_log,
    run_merges,
    run_rootless,
    run_single,
    run_without_message,
    scanned_bytes,
)
from .pointers import SweepPointers
from .refs import (
    DANGLING,
    REACHABLE,
    REFLOG,
    is_pushed,
    iter_reachable,
    refs_containing,
    select_commits,
    settle_dangling,
)
from .tags import TagMessage, tag_messages

if TYPE_CHECKING:
    from ...plugins.detection.findings import Finding
    from ..baseline.load import Baseline

ORIGIN_RANK = {REACHABLE: 0, REFLOG: 1, DANGLING: 2}


@dataclass(frozen=True)
class Occurrence:
    """A value added by one commit at one path and line."""

    finding: Finding
    commit: CommitInfo
    origin: str
    # The blob the value was added in, when its pair is still to be looked up there, and
    # the project context of that lookup.
    blob: str | None = None
    project: ProjectContext | None = None
    # Found in the commit's message, not in a file it changed; or in the message of this
    # annotated tag (a ref), whose object id then stands in ``commit``. A ``tag`` without
    # ``in_message``: a ref naming a blob or a tree directly, whose object id stands there.
    in_message: bool = False
    tag: str | None = None

    @property
    def place(self) -> tuple[str, str, int, bool]:
        return (self.commit.sha, self.finding.path, self.finding.line, self.in_message)

    def order(self) -> tuple[int, int, str, str, bool, str, int]:
        # Within one commit a file comes before its message: a value a commit adds to a
        # file and names in its message is reported at the file, as before messages were
        # swept (the message is listed in ``also``).
        return (
            ORIGIN_RANK[self.origin],
            self.commit.committer_time,
            self.commit.author_date,
            self.commit.sha,
            self.in_message,
            self.finding.path,
            self.finding.line,
        )


@dataclass
class SweptKey:
    """One distinct value: where it came from, where else it was added, where it is now."""

    introduced: Occurrence
    also: list[Occurrence]
    head_paths: list[str] = field(default_factory=list)
    refs: list[str] = field(default_factory=list)
    # Every ref holding any commit that added the value (the introducing one or an ``also``):
    # what a clean-up has to cover, where ``refs`` says who has the introducing commit.
    held_by: list[str] = field(default_factory=list)
    # A partial value (a commit message quoting a key's first characters): the full
    # value's fingerprint.
    partial_of: str | None = None

    @property
    def finding(self) -> Finding:
        return self.introduced.finding

    @property
    def occurrences(self) -> tuple[Occurrence, ...]:
        return (self.introduced, *self.also)

    @property
    def first_seen(self) -> str:
        """The earliest author or committer date of any commit that added the value, in UTC
        (``...Z``): the playbook's "review activity since" date."""
        dates = []
        for occurrence in self.occurrences:
            for stamp in (occurrence.commit.author_date, occurrence.commit.committer_date):
                try:
                    dates.append(datetime.fromisoformat(stamp).astimezone(timezone.utc))
                except ValueError:
                    continue
        if not dates:
            return ""
        return min(dates).isoformat().replace("+00:00", "Z")

    def _partial_json(self) -> dict[str, Any]:
        """A partial value: which value it is the start of, and how many characters."""
        return {
            "partial": True,
            "partial_of": self.partial_of,
            "characters": len(self.finding.value),
        }

    def to_json(self) -> dict[str, Any]:
        """The scan report's finding plus the sweep's fields (docs/sweep.md: "Sweep JSON")."""
        commit = self.introduced.commit
        data = self.finding.to_json()
        data.update(
            commit=commit.sha,
            author=commit.author,
            date=commit.author_date,
            committer_date=commit.committer_date,
            subject=commit.subject,
            in_message=self.introduced.in_message,
            **({"tag": self.introduced.tag} if self.introduced.tag else {}),
            in_head=bool(self.head_paths),
            head_paths=self.head_paths,
            refs=self.refs,
            pushed=is_pushed(self.refs),
            unreachable=self.introduced.origin != REACHABLE and not self.refs,
            found_in=self.introduced.origin,
            **(self._partial_json() if self.partial_of else {}),
            also=[
                {"commit": o.commit.sha, "path": o.finding.path, "line": o.finding.line}
                | ({"in_message": True} if o.in_message else {})
                | ({"tag": o.tag} if o.tag else {})
                for o in self.also
            ],
        )
        return data


@dataclass
class SweepResult:
    keys: list[SweptKey]
    skipped: list[dict[str, str]]
    commits_swept: int
    shallow: bool
    submodules: list[str]
    # The values the project config or the baseline accepts (with the entry that does),
    # and the entries whose ``until`` passed for values that fail again (by fingerprint).
    ignored: list[tuple[SweptKey, IgnoreEntry]] = field(default_factory=list)
    expired: dict[str, IgnoreEntry] = field(default_factory=dict)

    def ignored_json(self) -> list[dict[str, Any]]:
        """The ignored values' report objects, each with ``ignored_by`` (why, and where).
        Where an ignored value still lives is not looked up (no refs, no HEAD paths)."""
        unlocated = ("in_head", "head_paths", "refs", "pushed", "unreachable")
        return [
            {
                **{k: v for k, v in key.to_json().items() if k not in unlocated},
                "ignored_by": entry.to_json(),
            }
            for key, entry in self.ignored
        ]

    def expired_json(self, key: SweptKey) -> dict[str, Any] | None:
        """The expired ignore entry of a key that fails again, as ``ignore_expired``."""
        entry = self.expired.get(key.finding.fingerprint)
        return entry.to_json() if entry is not None else None


Progress = Callable[[int], None]


def head_project(repo: Repository) -> ProjectContext:
    """The projects of the repository's HEAD, probed (``git ls-tree``, one ``git grep`` per
    project root) on first need."""
    head = repo.head
    if head is None:
        return NO_PROJECT
    platform = repo.command(*platform_grep_arguments(revision=head))
    return revision_project(repo.command, head, lambda: git_grep_platform(platform))


def commit_project(
    repo: Repository,
    sha: str,
    files: list[FilePatch],
    head: ProjectContext,
    pointers: SweepPointers | None = None,
) -> ProjectContext:
    """A commit's projects: each root's context is what the files it changed below that root
    show (text the sweep already holds), else the commit's own tree below it (one ``git
    grep``), else HEAD's below the same directory; the platform it names is HEAD's. Cheap:
    asked only when a value lacks context of its own, and then at most once per commit and
    root (the platform once per sweep)."""

    def probe(root: str) -> str | None:
        below = f"{root}/" if root else ""

        # Manifests first: a dependency is the clearest signal to name.
        def not_manifest(file: FilePatch) -> bool:
            return not is_manifest(posixpath.basename(file.path or ""))

        for file in sorted(files, key=not_manifest):
            path = file.path or ""
            if (
                path.startswith(below)
                and vendored_tree(path) is None
                # a patch's lines, not the whole file: no README title from them
                and signal_of_file(path, "\n".join(file.texts), root, whole=False) is not None
            ):
                return project_signal(path)
        found = git_grep_signal_manifests_first(
            lambda manifests: repo.command(
                *signal_grep_arguments(revision=sha, root=root, manifests=manifests)
            ),
            sha,
            lambda path: git_blob_text(repo.command("cat-file", "blob", f"{sha}:{path}")),
            root,
        )
        if found is None and isinstance(head, ProjectRoots):
            return head.root_signal(root)
        return found if found is not None else head.signal()

    return ProjectRoots(
        lambda: git_paths(repo.command("ls-tree", "-r", "-z", "--name-only", sha)),
        probe,
        head.platform,
        # Which variables the code hands to a Binance client: HEAD's code says (read once
        # per sweep and root, not once per commit).
        (lambda root: head.root_env(root)) if isinstance(head, ProjectRoots) else None,
        # A file beside a finding's (an SSH key's .pub): read from this commit's tree.
        lambda path: git_blob_text(repo.command("cat-file", "blob", f"{sha}:{path}")),
        # The key files its configuration points at: each blob read once per sweep.
        None if pointers is None else lambda: pointers.of_commit(sha),
    )


def findings_in_patch(
    patch: FilePatch,
    blobs: Callable[[], BlobReader],
    max_bytes: int,
    project: ProjectContext = NO_PROJECT,
    on_limit: Callable[[int, int], None] | None = None,
) -> list[Finding]:
    """Findings on the lines this file's diff added (context lines only help detection);
    ``on_limit`` is told where the engine stopped if the diff held too many values.

    The whole file at this commit is read (once) only when nothing in the hunks or the
    path says Binance. A finding with no partner within git's three lines of context is
    returned unpaired: ``scan`` would pair it against the whole file, which
    :class:`PairLookup` does later, only for the occurrences a report shows.
    """
    from ...plugins.detection.engine import scan_numbered_lines

    path = patch.path
    if path is None or not patch.hits:
        return []
    added = patch.hits
    numbered = Numbered(patch.texts, patch.numbers)
    file_text = "\n".join(patch.texts)
    if not BINANCE_WORD.search(file_text) and not BINANCE_WORD.search(path):
        whole = _read_text(blobs(), patch.blob, max_bytes) if patch.blob else None
        file_text = whole or file_text
    found = scan_numbered_lines(
        path, numbered, file_text=file_text, project=project, on_limit=on_limit
    )
    return [finding for finding in found if finding.line in added]


class PairLookup:
    """The pair ``scan`` gives a finding in the whole file it was added to, for findings
    whose diff held no partner. Looked up lazily by :func:`fold`, in report order, so a
    value added in 300 commits costs one whole-file scan, not 300; each blob is scanned
    at most once."""

    def __init__(self, repo: Repository, max_bytes: int) -> None:
        self.repo = repo
        self.max_bytes = max_bytes
        self._reader: BlobReader | None = None
        self._pairs: dict[tuple[str, str], dict[tuple[int, str], str | None]] = {}

    def __call__(self, occurrence: Occurrence) -> str | None:
        finding = occurrence.finding
        if finding.pair is not None or occurrence.blob is None:
            return finding.pair
        place = (occurrence.blob, finding.path)
        if place not in self._pairs:
            self._pairs[place] = self._scan(*place, occurrence.project or NO_PROJECT)
        return self._pairs[place].get((finding.line, finding.fingerprint))

    def _scan(
        self, blob: str, path: str, project: ProjectContext
    ) -> dict[tuple[int, str], str | None]:
        from ...plugins.detection.engine import scan_text

        if self._reader is None:
            self._reader = self.repo.blob_reader()
        text = _read_text(self._reader, blob, self.max_bytes)
        if text is None:
            return {}
        return {(f.line, f.fingerprint): f.pair for f in scan_text(path, text, project)}

    def close(self) -> None:
        if self._reader is not None:
            self._reader.close()


def _read_text(reader: BlobReader, blob: str, max_bytes: int) -> str | None:
    """A blob's text as ``scan`` would decode it; None if unreadable, too large or binary."""
    try:
        data = reader.read(blob, max_bytes)
    except (OSError, ValueError):
        return None
    from ..scanning.files import decode

    return decode(data)[0] if data is not None else None


class _Batch:
    """Sweeps one batch of commits; on a git failure, the commit git stopped at is tried
    alone (and skipped if it fails again) and the rest run on. ``on_progress`` is told of
    commits as git shows them; :attr:`reported` says how many it was told of."""

    def __init__(
        self,
        repo: Repository,
        origin: Callable[[str], str],
        max_bytes: int,
        rootless: frozenset[str] = frozenset(),
        project: ProjectContext = NO_PROJECT,
        on_progress: Progress | None = None,
        config: ProjectConfig = NO_CONFIG,
        verdicts: BlobVerdicts | None = None,
    ) -> None:
        self.repo = repo
        self.config = config
        # The blob pre-filter shared by the sweep's batches (sweep.candidates); None reads
        # every commit's diff.
        self.verdicts = verdicts
        self.on_progress = on_progress
        self.reported = 0
        self.unreadable = 0  # commits git could not show: skipped, not swept
        self.project = project
        self.origin = origin
        self.rootless = rootless
        self.max_bytes = max_bytes
        self.occurrences: list[Occurrence] = []
        self.skipped: list[dict[str, str]] = []
        self.commits = 0
        self._blobs: BlobReader | None = None
        # Commits read whole on their own (git could not show them in the batch): a merge
        # among them needs no merge pass.
        self._apart: set[str] = set()
        # The paths worth diffing of each commit the blob pass sent on (sweep.candidates).
        self._paths = ToRead([], {})
        # The key files each commit's configuration points at (read on first need).
        self.pointers = SweepPointers(repo, self._config_text)

    def _config_text(self, blob: str) -> str | None:
        """A configuration blob's text, as ``scan --staged`` reads it: one over the batch
        reader's limit is read by its first MAX_PROBE_FILE_BYTES (git_blob_text)."""
        text = _read_text(self.blobs(), blob, MAX_PROBE_FILE_BYTES)
        if text is None:
            text = git_blob_text(self.repo.command("cat-file", "blob", blob))
        return text

    def blobs(self) -> BlobReader:
        if self._blobs is None:
            self._blobs = self.repo.blob_reader()
        return self._blobs

    def run(self, commits: list[str]) -> None:
        large = oversized_commits(self.repo, commits, self.max_bytes)
        if large:
            for sha in commits:
                if sha in large:
                    self._run_large(sha)
            commits = [sha for sha in commits if sha not in large]
        if self.rootless:
            for sha in commits:
                if sha in self.rootless:
                    self._run_one(sha, run_rootless)
            commits = [sha for sha in commits if sha not in self.rootless]
        if commits and self.verdicts is not None:
            # The commits that left nothing key-shaped are swept by the tree-diff pass,
            # which tells the progress of every commit it lists; the others are diffed
            # only where they left something key-shaped.
            to_read = commits_to_read(self.repo, commits, self.verdicts, self._shown)
            commits, self._paths = to_read.commits, to_read
        if commits:
            self._run_many(commits)
            self._sweep_merges([sha for sha in commits if sha not in self._apart])

    def _sweep_merges(self, commits: list[str]) -> None:
        """The lines the merges among ``commits`` added themselves: git log showed their
        messages but not their diffs (git.invocation.log_command says why). One git
        process per group of merges; a merge git fails on is read alone."""
        merges = merge_commits(self.repo, commits)
        found, failed = merge_paths(self.repo, merges)
        for sha, message in failed.items():
            reason = f"commit unreadable: {explained(message)}"
            self.skipped.append({"path": sha, "reason": reason})
            self.unreadable += 1
        # A file whose merged version holds nothing key-shaped cannot have gained a
        # credential in the merge: its diffs (often a whole branch's change to it, against
        # the first parent) are not asked for.
        paths = {
            sha: kept
            for sha, entries in found.items()
            if (kept := [path for path, blob in entries if self._may_hold_candidate(blob)])
        }
        for group, names in merge_groups(paths):
            while group:
                by_merge: dict[str, list[CommitPatch]] = {}
                try:
                    for patch in run_merges(self.repo, group, names, self.max_bytes):
                        by_merge.setdefault(patch.info.sha, []).append(patch)
                    done, group = group, []
                except LogError as error:
                    # As for a batch: the merges shown before are whole, the one git was
                    # showing is read alone, the rest run on.
                    at = group.index(error.reached) if error.reached in group else 0
                    done, failing, group = group[:at], group[at], group[at + 1 :]
                    self._sweep_merge_alone(failing, paths[failing])
                for sha in done:
                    self._scan_merge(by_merge.get(sha, []))

    def _may_hold_candidate(self, blob: str) -> bool:
        """Whether a blob holds anything key-shaped (:func:`has_candidate` over all of it);
        True when it cannot be read here (missing, too large, not a blob): the diff says."""
        try:
            data = self.blobs().read(blob, self.max_bytes)
        except (OSError, ValueError):
            return True
        return data is None or has_candidate(scanned_bytes(data))

    def _sweep_merge_alone(self, sha: str, names: list[str]) -> None:
        try:
            self._scan_merge(list(run_merges(self.repo, [sha], names, self.max_bytes)))
        except GitError as error:
            if self._run_around_missing(sha):
                return
            reason = f"commit unreadable: {explained(error.message)}"
            self.skipped.append({"path": sha, "reason": reason})
            self.unreadable += 1

    def _scan_merge(self, diffs: list[CommitPatch]) -> None:
        """One merge's diffs against each parent: the lines added against all of them."""
        if not diffs:
            return  # no added line could hold a credential
        info = diffs[0].info
        files = merge_added(diffs, len(info.parents))
        project = commit_project(self.repo, info.sha, files, self.project, self.pointers)
        for file in files:
            self._scan_file(info, file, project)

    def _run_one(
        self, sha: str, reader: Callable[[Repository, str, int], Iterable[CommitPatch]]
    ) -> None:
        try:
            patches: Iterable[CommitPatch]
            if reader is run_single:
                patches = run_single(self.repo, sha, self.max_bytes, self._paths.paths.get(sha))
            else:
                patches = reader(self.repo, sha, self.max_bytes)
            self._sweep_patches(patches)
        except GitError as error:
            self._apart.add(sha)
            if reader is not run_rootless and self._run_around_missing(sha):
                return
            reason = f"commit unreadable: {explained(error.message)}"
            self.skipped.append({"path": sha, "reason": reason})
            self.unreadable += 1

    def _run_large(self, sha: str) -> None:
        """A commit object over the byte limit (:mod:`large_commits`): its diff without its
        message, and the message's first ``max_bytes`` scanned (the rest is listed as
        skipped, never read)."""
        start = message_start(self.repo, sha, self.max_bytes)
        self._apart.add(sha)
        try:
            header = header_without_message(self.repo, sha, start.subject)
            patches = list(run_without_message(self.repo, sha, self.max_bytes, header))
        except GitError as error:
            reason = f"commit unreadable: {explained(error.message)}"
            self.skipped.append({"path": sha, "reason": reason})
            self.unreadable += 1
            return
        self._sweep_patches(patches)
        self._shown(1)
        if start.cut:
            limit = self.max_bytes
            reason = f"message larger than {limit} bytes; read the first {limit}"
            self.skipped.append({"path": f"{sha}:{MESSAGE_PATH}", "reason": reason})
        if has_candidate(start.text.encode("utf-8", "replace")):
            files = patches[0].files if patches else []
            project = commit_project(self.repo, sha, files, self.project, self.pointers)
            self._scan_message(CommitInfo.parse(header), start.text, project)

    def _run_around_missing(self, sha: str) -> bool:
        """Sweep a commit git could not show because blobs are missing (a partial clone
        left them out; they are never fetched): everything but the paths that miss one,
        each listed in ``skipped``. False if that is not why git failed."""
        try:
            missing = missing_blobs(self.repo, sha)
            if missing is None or not (missing.new or missing.parent_only):
                return False
            only = self._paths.paths.get(sha)
            self._sweep_patches(run_around_missing(self.repo, sha, self.max_bytes, missing, only))
        except GitError:
            return False
        for path in missing.new:
            self.skipped.append({"path": f"{sha}:{path}", "reason": self.missing_reason})
        return True

    @functools.cached_property
    def missing_reason(self) -> str:
        return "missing (partial clone)" if is_partial(self.repo) else "missing"

    def _sweep_patches(self, patches: Iterable[CommitPatch]) -> None:
        for patch in patches:
            project = commit_project(
                self.repo, patch.info.sha, patch.files, self.project, self.pointers
            )
            for file in patch.files:
                self._scan_file(patch.info, file, project)
            if patch.message is not None:
                self._scan_message(patch.info, patch.message, project)

    def _run_many(self, commits: list[str]) -> None:
        """Sweep ``commits`` in one git process, each diffed at the paths worth it. When
        git fails on one, the commits it showed before are kept, the one it was showing is
        tried alone (and skipped if it fails again), and the rest run on: each bad commit
        costs one extra git start."""
        while commits:
            try:
                paths = self._paths.union(commits)
                patches = run_log(self.repo, commits, self.max_bytes, self._shown, paths)
                self._sweep_patches(patches)
                return
            except LogError as error:
                at = commits.index(error.reached) if error.reached in commits else 0
                self._run_one(commits[at], run_single)
                commits = commits[at + 1 :]

    def _shown(self, count: int) -> None:
        if self.on_progress is not None and count:
            count = min(count, self.commits - self.reported)
            self.reported += count
            self.on_progress(count)

    def _scan_file(self, info: CommitInfo, file: FilePatch, project: ProjectContext) -> None:
        if self.config.excluded(file.path):
            return
        if file.binary and not self._read_whole(file):
            return
        if file.path is not None and file.size > self.max_bytes:
            self.skipped.append(
                {
                    "path": f"{info.sha}:{file.path}",
                    "reason": f"diff larger than {self.max_bytes} bytes",
                }
            )
            return
        origin = self.origin(info.sha)

        def limited(line: int, unexamined: int) -> None:
            from ...plugins.detection.engine import limit_reason

            where = f"{info.sha}:{file.path}"
            self.skipped.append({"path": where, "reason": limit_reason(line, unexamined)})

        for finding in findings_in_patch(file, self.blobs, self.max_bytes, project, limited):
            if finding.pair is None and file.blob is not None:
                # Paired later against the whole file, in the same project context
                # (settled now, so the occurrence does not hold the commit's text).
                own = project.for_file(file.path or "")
                known = ProjectContext.known(own.uses_binance(), own.platform(), own.signal())
                self.occurrences.append(Occurrence(finding, info, origin, file.blob, known))
            else:
                self.occurrences.append(Occurrence(finding, info, origin))

    def _read_whole(self, file: FilePatch) -> bool:
        """Fill in the lines of a file git showed as "Binary files ... differ" (log_stream
        BINARY_LINE): its new blob read whole, every line counted as added (a value the
        parent held is reported at the parent's commit too, and the earliest is kept).
        False when there is nothing to read: deleted, binary to ``scan`` as well (a NUL),
        too large (listed as skipped by the blob pass), or nothing key-shaped in it."""
        blob = file.blob
        if blob is None or file.path is None:
            return False
        verdicts = self.verdicts
        if verdicts is not None and blob.encode() in verdicts.plain:
            return False
        text = _read_text(self.blobs(), blob, self.max_bytes)
        if text is None:
            return False
        texts = text.split("\n")
        file.texts = texts
        file.numbers = list(range(1, len(texts) + 1))
        file.is_added = [True] * len(texts)
        file.hits = {n for n, line in enumerate(texts, 1) if has_candidate(line.encode())}
        return bool(file.hits)

    def _scan_message(self, info: CommitInfo, message: str, project: ProjectContext) -> None:
        origin = self.origin(info.sha)
        for finding in message_findings(
            MESSAGE_PATH, info.sha, message, project, self.max_bytes, self.skipped
        ):
            self.occurrences.append(Occurrence(finding, info, origin, in_message=True))

    def close(self) -> None:
        if self._blobs is not None:
            self._blobs.close()


# A key's name, then (within a few characters) a run of 8 to 63 letters and digits: a
# commit message quoting the start of a key ("rotated BINANCE_API_KEY Ab12Cd34...").
PARTIAL_CANDIDATE = re.compile(
    r"(?i)(?:api[_ .-]?key|apikey|api[_ .-]?secret|secret[_ .-]?key|binance[_ .-]?key)"
    r"[^A-Za-z0-9\n]{1,12}([A-Za-z0-9]{8,63})(?![A-Za-z0-9])"
)
MIN_PARTIAL = 8


# Messages naming a key's name next to a run of 8 or more letters and digits, as git's
# extended regex (the values themselves never go on a command line).
PARTIAL_GREP = (
    "([Aa][Pp][Ii][_ .-]?[Kk][Ee][Yy]|[Aa][Pp][Ii][_ .-]?[Ss][Ee][Cc][Rr][Ee][Tt]|"
    "[Ss][Ee][Cc][Rr][Ee][Tt][_ .-]?[Kk][Ee][Yy])[^A-Za-z0-9]{1,12}[A-Za-z0-9]{8}"
)
# No message in it (%B): the messages grep matches are read apart, at most the byte limit
# of each (large_commits.object_messages), so a hostile one is never printed whole.
PARTIAL_FORMAT = "%x01%H%x00%P%x00%an <%ae>%x00%aI%x00%cI%x00%ct%x00%s"


def message_partials(
    repo: Repository,
    starts: list[str],
    limit: list[str],
    origin: Callable[[str], str],
    max_bytes: int,
) -> list[tuple[CommitInfo, str, int, str]]:
    """(commit, origin, line, text) for each run in a commit message that could be the start
    of a key, next to a key's name: one ``git log --grep`` over the swept refs' messages
    (no diffs), asked only when the sweep found values; the matching messages are then
    read, at most ``max_bytes`` of each."""
    if not starts:
        return []
    out = repo.run(
        "log", "-E", f"--grep={PARTIAL_GREP}", f"--format={PARTIAL_FORMAT}", *limit, *starts,
        "--", check=False,
    )  # fmt: skip
    matched: list[CommitInfo] = []
    for record in out.decode("utf-8", "replace").split("\x01")[1:]:
        fields = record.rstrip("\n").split("\0", 6)
        if len(fields) == 7:
            matched.append(CommitInfo.of_fields(*fields))
    messages = object_messages(repo, [info.sha for info in matched], "commit", max_bytes)
    found: list[tuple[CommitInfo, str, int, str]] = []
    for info in matched:
        if info.sha in messages:
            candidates = partial_candidates(messages[info.sha].text)
            found.extend((info, origin(info.sha), line, text) for line, text in candidates)
    return found


def partial_candidates(message: str) -> list[tuple[int, str]]:
    """(line, text) of each run that could be the start of a key, next to a key's name."""
    found: list[tuple[int, str]] = []
    for number, line in enumerate(message.split("\n"), start=1):
        found.extend((number, m.group(1)) for m in PARTIAL_CANDIDATE.finditer(line))
    return found


def partial_keys(
    keys: list[SweptKey], candidates: list[tuple[CommitInfo, str, int, str]]
) -> list[SweptKey]:
    """One SweptKey per distinct partial value: a candidate that is the first 8 or more
    characters (not all) of a value found, reported at the earliest message quoting it."""
    if not candidates:
        return []
    values = [key.finding for key in keys if not key.finding.example and not key.partial_of]
    by_text: dict[str, tuple[Finding, list[Occurrence]]] = {}
    for info, origin, line, token in candidates:
        whole = next(
            (f for f in values if f.value.startswith(token) and len(token) < len(f.value)), None
        )
        if whole is None or len(token) < MIN_PARTIAL:
            continue
        finding = replace(whole, path=MESSAGE_PATH, line=line, value=token, pair=None, column=0)
        occurrence = Occurrence(finding, info, origin, in_message=True)
        by_text.setdefault(token, (whole, []))[1].append(occurrence)
    found = []
    for whole, occurrences in by_text.values():
        first, *rest = sorted(occurrences, key=Occurrence.order)
        found.append(SweptKey(introduced=first, also=rest, partial_of=whole.fingerprint))
    return found


def message_findings(
    path: str,
    sha: str,
    message: str,
    project: ProjectContext,
    max_bytes: int,
    skipped: list[dict[str, str]],
) -> list[Finding]:
    """Findings in a whole commit or tag message, every line new in it: scanned as a file's
    text is (at ``path``), so pairing and example/testnet labels are the same as for a
    file. A message over ``max_bytes``, or one the engine stops in, goes to ``skipped``."""
    from ...plugins.detection.engine import limit_reason, scan_text

    where = f"{sha}:{path}"
    if len(message) > max_bytes:
        skipped.append({"path": where, "reason": f"message larger than {max_bytes} bytes"})
        return []

    def limited(line: int, unexamined: int) -> None:
        skipped.append({"path": where, "reason": limit_reason(line, unexamined)})

    return scan_text(path, message, project, on_limit=limited)


def tag_occurrences(
    repo: Repository,
    since: str | None,
    project: ProjectContext,
    max_bytes: int,
    skipped: list[dict[str, str]],
    listing: PendingGit | None = None,
    given: list[TagMessage] | None = None,
) -> list[Occurrence]:
    """The values in annotated tags' messages (tagged on or after ``since``), each standing
    at its tag: the tag object's id, its tagger and date, its ref (``listing``: the tags'
    listing, if it was started early; ``given``: these tags instead of the listed ones)."""
    start = int(datetime.fromisoformat(since).timestamp()) if since else None
    found = []
    for tag in tag_messages(repo, max_bytes, listing, skipped) if given is None else given:
        if start is not None and tag.time < start:
            continue
        if tag.cut:
            reason = f"message larger than {max_bytes} bytes; read the first {max_bytes}"
            skipped.append({"path": f"{tag.sha}:{TAG_PATH}", "reason": reason})
        info = CommitInfo(
            sha=tag.sha,
            parents=(),
            author=tag.tagger,
            author_date=tag.date,
            committer_date=tag.date,
            committer_time=tag.time,
            subject=tag.message.split("\n", 1)[0],
        )
        for finding in message_findings(
            TAG_PATH, tag.sha, tag.message, project, max_bytes, skipped
        ):
            found.append(Occurrence(finding, info, REACHABLE, in_message=True, tag=tag.ref))
    return found


# A ref's blob or tree has no date: it sorts after every dated place, so that a commit that
# added the same value introduces it and the ref is listed in ``also``.
UNDATED = 2**63 - 1


def ref_object_occurrences(
    repo: Repository, max_bytes: int, skipped: list[dict[str, str]]
) -> list[Occurrence]:
    """The values in the blobs and trees refs name directly, not through a commit (a tag of
    a key file: no commit holds it, every clone fetching tags receives it), each standing
    at its ref, read as the pre-receive hook reads them (:mod:`hooks.scanning.ref_objects`:
    path ``REF`` for a blob, ``REF:PATH`` for a tree's files). The project config's ignores
    are applied by the caller, as for every other occurrence."""
    from ..scanning.ref_objects import non_commit_targets, scan_ref_objects
    from .refs import _tips

    tips = _tips(repo)
    named: dict[str, str] = {}
    for ref, sha in tips:
        named.setdefault(sha, ref)
    targets = non_commit_targets(repo, named)
    if not targets:
        return []
    for ref, sha in tips:  # every ref naming the same object, not only the first
        if named[sha] in targets:
            targets[ref] = targets[named[sha]]
    tip_of = dict((ref, sha) for ref, sha in tips)
    result = scan_ref_objects(repo, targets, max_bytes)
    skipped.extend(entry.to_json() for entry in result.skipped)
    found = []
    for finding in result.findings:
        ref = next(r for r in targets if finding.path == r or finding.path.startswith(r + ":"))
        info = CommitInfo(
            sha=tip_of[ref],
            parents=(),
            author="",
            author_date="",
            committer_date="",
            committer_time=UNDATED,
            subject="",
        )
        found.append(Occurrence(finding, info, REACHABLE, tag=ref))
    return found


def sweep(
    repo: Repository,
    refs: list[str] | None = None,
    since: str | None = None,
    reachable_only: bool = False,
    max_bytes: int = DEFAULT_MAX_FILE_BYTES,
    jobs: int | None = None,
    on_total: Callable[[int], None] | None = None,
    on_progress: Progress | None = None,
    early: EarlyStart | None = None,
    config: ProjectConfig = NO_CONFIG,
    baseline: Baseline | None = None,
    tags: list[TagMessage] | None = None,
) -> SweepResult:
    """Sweep the selected history. Commits are streamed from git in batches and at most
    two batches per core are in flight, so memory does not grow with the history.
    ``config``'s excluded paths are not read; the values it or ``baseline`` accepts are set
    apart. ``tags``: annotated tags whose messages are read
    with the ``refs`` given (the whole repository's tags are read when no refs are)."""
    if early is None:  # read at the end, listed meanwhile
        early = start_early(
            repo.git_dir, repo.head is not None, bool(refs) or reachable_only, since, refs is None
        )
    head_listing = early.head_listing
    selection = select_commits(repo, refs, since, reachable_only, early.dangling)
    if on_total is not None:
        on_total(selection.total)
    jobs = max(1, jobs or os.cpu_count() or 1)
    size = batch_size(selection.total, jobs)
    occurrences: list[Occurrence] = []
    skipped = list(selection.skipped)
    swept = 0
    project = head_project(repo)
    verdicts = BlobVerdicts(repo, max_bytes)

    def collect(worker: _Batch) -> None:
        nonlocal swept
        occurrences.extend(worker.occurrences)
        skipped.extend(worker.skipped)
        swept += worker.commits - worker.unreadable
        if on_progress is not None and worker.commits > worker.reported:
            on_progress(worker.commits - worker.reported)  # skipped, or not yet told

    def elsewhere() -> Iterator[str]:
        # The dangling commits were listed while the reachable ones were read.
        if settle_dangling(selection) and on_total is not None:
            on_total(selection.total)
        yield from list(selection.elsewhere)

    # The reachable history's last batch goes to git before the dangling listing is
    # waited for (it is another part of the store: one batch would not share git's cache).
    commits = itertools.chain(
        batches(iter_reachable(repo, selection), size), batches(elsewhere(), size)
    )
    threads: BatchThreads[_Batch] = BatchThreads(jobs)
    try:
        for batch in commits:
            if threads.in_flight >= 2 * jobs:
                collect(threads.next_done())
            worker = _Batch(
                repo, selection.origin, max_bytes, selection.rootless, project, on_progress,
                config, verdicts,
            )  # fmt: skip
            threads.submit(functools.partial(_run_batch, worker, batch))
        while threads.in_flight:
            collect(threads.next_done())
    finally:
        threads.wait_all()
    skipped.extend(verdicts.too_large_skipped())
    if refs is None:  # the whole repository: its annotated tags' messages too
        occurrences.extend(tag_occurrences(repo, since, project, max_bytes, skipped, early.tags))
        occurrences.extend(ref_object_occurrences(repo, max_bytes, skipped))
    elif tags:  # annotated tags the caller read (pre-receive: pushed, not refs yet)
        occurrences.extend(tag_occurrences(repo, since, project, max_bytes, skipped, given=tags))
    occurrences, ignored, expired = set_apart(occurrences, config, baseline)
    lookup = PairLookup(repo, max_bytes)
    try:
        keys = fold(occurrences, lookup)
        if keys:  # the messages quoting a found value's first characters
            starts = selection.starts if refs else [EVERY_REF, "--reflog"]
            candidates = message_partials(
                repo, starts, selection.limit(), selection.origin, max_bytes
            )
            keys.extend(partial_keys(keys, candidates))
    finally:
        lookup.close()
    head_tree = head_listing.output(check=False) if head_listing is not None else b""
    locate(repo, keys, max_bytes, head_tree)
    entry_of: dict[str, IgnoreEntry] = {}
    for occurrence, entry in ignored:
        entry_of.setdefault(occurrence.finding.fingerprint, entry)
    ignored_keys = fold([occurrence for occurrence, _ in ignored])
    return SweepResult(
        keys=keys,
        skipped=skipped,
        commits_swept=swept,
        shallow=repo.shallow,
        submodules=gitlinks(head_tree),
        ignored=[(key, entry_of[key.finding.fingerprint]) for key in ignored_keys],
        expired=expired,
    )


def set_apart(
    occurrences: list[Occurrence], config: ProjectConfig, baseline: Baseline | None
) -> tuple[list[Occurrence], list[tuple[Occurrence, IgnoreEntry]], dict[str, IgnoreEntry]]:
    """Split occurrences into those reported and those the project config ignores or the
    baseline accepts (with the entry; a baseline's names the baseline as its source).
    Decided per occurrence, before values are folded: a value ignored at one path
    (``path = ...``) still fails where else it was added. Also returns the expired
    entries of values that fail again, by fingerprint."""
    from ..scanning.accepted import baseline_entry

    kept: list[Occurrence] = []
    ignored: list[tuple[Occurrence, IgnoreEntry]] = []
    expired: dict[str, IgnoreEntry] = {}
    for occurrence in occurrences:
        finding = occurrence.finding
        path = "" if occurrence.in_message else finding.path  # a message has no file path
        entry = config.ignored(finding, path) or baseline_entry(baseline, finding, path)
        if entry is not None:
            ignored.append((occurrence, entry))
            continue
        old = config.expired(finding, path)
        if old is not None:
            expired.setdefault(finding.fingerprint, old)
        kept.append(occurrence)
    return kept, ignored, expired


def _run_batch(worker: _Batch, commits: list[str]) -> _Batch:
    worker.commits = len(commits)
    try:
        worker.run(commits)
    finally:
        worker.close()
    return worker


def fold(
    occurrences: list[Occurrence],
    pair_of: Callable[[Occurrence], str | None] = lambda o: o.finding.pair,
) -> list[SweptKey]:
    """One SweptKey per value: the first occurrence introduces it, the others are ``also``.

    A value's pair is taken from the introducing place, or from the first place that
    paired it when the introducing place did not (``pair_of`` asked in that order, and
    no further than needed).
    """
    by_value: dict[str, list[Occurrence]] = {}
    for occurrence in occurrences:
        by_value.setdefault(occurrence.finding.fingerprint, []).append(occurrence)
    keys = []
    for found in by_value.values():
        found.sort(key=Occurrence.order)
        unique: dict[tuple[str, str, int, bool], Occurrence] = {}
        for occurrence in found:
            unique.setdefault(occurrence.place, occurrence)
        first, *rest = unique.values()
        pair = pair_of(first)
        if pair is None:
            pair = next((p for p in map(pair_of, rest) if p), None)
        if pair != first.finding.pair:
            first = Occurrence(
                first.finding.with_pair(pair), first.commit, first.origin,
                in_message=first.in_message, tag=first.tag,
            )  # fmt: skip
        keys.append(SweptKey(introduced=first, also=rest))
    keys.sort(key=lambda key: key.introduced.order()[1:])
    return keys


def locate(repo: Repository, keys: list[SweptKey], max_bytes: int, head_tree: bytes) -> None:
    """Fill in which refs hold each introducing commit, which refs hold any copy of the
    value (one history walk for all of them) and which HEAD files hold the value
    (``head_tree``: HEAD's ``ls-tree -r -z`` listing). The two questions are asked of git
    at once: each is a few git calls in a row."""
    if not keys:
        return
    commits = [o.commit.sha for key in keys for o in key.occurrences]
    beside: BatchThreads[dict[str, list[str]]] = BatchThreads(1)
    beside.submit(functools.partial(refs_containing, repo, commits))
    try:
        found_in = {o.finding.path for key in keys for o in key.occurrences}
        values = [k.finding.value for k in keys]
        in_head = head_paths(repo, values, max_bytes, head_tree, found_in)
        refs_by_commit = beside.next_done()
    finally:
        beside.wait_all()

    def refs_of(occurrence: Occurrence) -> list[str]:
        tag = [occurrence.tag] if occurrence.tag else []  # a tag holds its own message
        return refs_by_commit[occurrence.commit.sha] + tag

    for key in keys:
        key.refs = sorted(refs_of(key.introduced), key=_ref_order)
        held = {ref for o in key.occurrences for ref in refs_of(o)}
        key.held_by = sorted(held, key=_ref_order)
    for key, paths in zip(keys, in_head):
        key.head_paths = paths


def _ref_order(name: str) -> tuple[int, str]:
    """Refs first in git's own order (for-each-ref sorts by name), stash entries last."""
    return (name.startswith("stash@"), name)


def head_paths(
    repo: Repository,
    values: list[str],
    max_bytes: int,
    head_tree: bytes,
    found_in: Iterable[str] = (),
) -> list[list[str]]:
    """For each value, the files at HEAD (listed in ``head_tree``) that contain it.

    ``git grep`` narrows HEAD to files with anything key-shaped (the values themselves are
    never put on a command line, where ``ps`` would show them); those, and the paths the
    values were found at (``found_in``: a UTF-16 file is binary to git grep, and its
    values read "removed" though HEAD still held them), are then read and searched here.
    """
    found: list[list[str]] = [[] for _ in values]
    if repo.head is None:
        return found
    listing = repo.run(
        "grep", "-l", "-z", "-I", "-E", "-e", GIT_CANDIDATE_REGEX, "HEAD", "--", check=False
    )  # fmt: skip
    # NUL-separated throughout (-z): any byte but NUL may be in a name.
    names = {name[5:] for name in listing.split(b"\0") if name.startswith(b"HEAD:")}
    names |= {path.encode("utf-8", "surrogateescape") for path in found_in}
    if not names:
        return found
    from ...plugins.detection.written_forms import written_in

    reader = repo.blob_reader()
    try:
        for path, blob in tree_blobs(head_tree, names):
            text = _read_text(reader, blob, max_bytes)
            if text is None:
                continue
            text = text.replace("\r\n", "\n")
            for index, value in enumerate(values):
                if written_in(value, text):  # a PEM in a JSON string too (written_forms)
                    found[index].append(path)
    finally:
        reader.close()
    return found


def tree_blobs(tree: bytes, names: set[bytes]) -> list[tuple[str, str]]:
    """(path as the sweep shows it, blob id) of the files named in ``names`` in an
    ``ls-tree -r -z`` listing."""
    blobs = []
    for entry in tree.split(b"\0"):
        meta, _, name = entry.partition(b"\t")
        fields = meta.split()
        if name in names and len(fields) == 3 and fields[1] == b"blob":
            blobs.append((name.decode("utf-8", "replace"), fields[2].decode("ascii")))
    return blobs
