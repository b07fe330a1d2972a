"""Which commits of a batch can hold a finding: one tree-diff pass, each blob read once.

Most commits of a real history add nothing key-shaped: the blobs they introduce hold no
shape of ``plugins/detection/patterns.py``'s ``VALUE_SHAPES`` (on freqtrade, a few hundred
of some fifty thousand blobs do). A file of a commit can yield a finding only on a line the
commit added, and that line is in the blob the commit left at that path. So:

1. one ``git log --raw`` per batch (tree diffs, no content: :func:`invocation.raw_log_command`)
   lists, for each commit, the blobs it left at the paths it changed (a merge: at the paths
   it changed against every parent, the only ones where it can have added a line) and its
   message;
2. each of those blobs not met before is read once (``git cat-file --batch``, in the order
   the history names them, which is close to the pack's) and searched with the byte
   pre-filter the diff stream uses (:func:`log_stream.has_candidate`); the answer is kept
   for the whole sweep (:class:`BlobVerdicts`), so a blob a thousand commits keep is read
   once;
3. only the commits that left a blob worth reading (a candidate, or a missing one) or
   whose message holds a candidate are read by the diff engine (:mod:`log_stream`),
   exactly as before: pairing, project context, merges, missing blobs
   and the ``skipped`` reasons are the same code. Every other commit is counted as swept.

The pass is conservative: whatever it cannot tell (a commit git could not list, an object
that is not a readable blob) goes to the diff engine, which knows what to say about it.
"""

from __future__ import annotations

import contextlib
import subprocess
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO

from ..git.invocation import (
    blob_contents_command,
    blob_sizes_command,
    commit_lines,
    raw_log_command,
)
from ..git.repo import Repository, git_environment
from .log_stream import (
    CANDIDATE,
    HEX_ONLY,
    blob_candidates,
    has_candidate,
    says_testnet,
    scanned_bytes,
    unquote_path_bytes,
)

COMMIT_MARK = b"\x01"
MESSAGE_MARK = b" "
RAW_MARK = b":"
GITLINK_MODE = b"160000"


@dataclass(frozen=True)
class Change:
    """One file a commit changed, as its raw line says: the blob it left there, the blobs
    the parents had there (one per parent; none where a parent had no file), and whether
    the path says testnet (a diff section's header names the path)."""

    blob: bytes
    parents: tuple[bytes, ...]
    path_says_testnet: bool
    path: bytes = b""  # as git's raw line writes it (quoted when unusual)


@dataclass
class ListedCommit:
    """One commit as the tree-diff pass showed it."""

    sha: str
    changes: list[Change] = field(default_factory=list)  # deletions and gitlinks left out
    message_lines: list[bytes] = field(default_factory=list)  # until the commit is done
    message_has_candidate: bool = False

    def done(self) -> ListedCommit:
        """The commit, shown whole: its message searched, and let go."""
        if self.message_lines:
            self.message_has_candidate = has_candidate(b"".join(self.message_lines))
            self.message_lines = []
        return self


def parse_change(raw: bytes) -> Change | None:
    """The change a raw line (``:modes ids status\\tpath``, ``::...`` for a merge) describes:
    None when nothing is left at the path (deleted: all zeros) or it is a gitlink (the
    new mode, the one just before the first id, is 160000)."""
    meta, _, path = raw.rstrip(b"\n").partition(b"\t")
    fields = meta.split()
    first_id = next((i for i, f in enumerate(fields) if len(f) >= 40), None)
    if first_id is None or first_id == 0 or len(fields) < first_id + 2:
        return None
    if fields[first_id - 1].lstrip(b":") == GITLINK_MODE:
        return None
    blob = fields[-2]
    if not blob.strip(b"0"):
        return None
    parents = tuple(f for f in fields[first_id:-2] if f.strip(b"0"))
    return Change(blob, parents, says_testnet(path), path)


def new_blob(raw: bytes) -> bytes | None:
    """The blob a raw line leaves at its path (:func:`parse_change`)."""
    change = parse_change(raw)
    return change.blob if change is not None else None


def list_commits(
    repo: Repository, commits: list[str], on_listed: Callable[[int], None] | None = None
) -> Iterator[ListedCommit]:
    """The commits as one ``git log --raw`` shows them, in the order given, each once git
    has shown it whole: when git stops at a commit it cannot read, that one and the rest
    are not yielded. ``on_listed`` is told of each commit as git lists it (the sweep's
    progress: this pass is the one that meets every commit)."""
    process = subprocess.Popen(
        raw_log_command(repo.git_dir),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=git_environment(),
    )
    assert process.stdin is not None and process.stdout is not None
    feeder = _feed(process.stdin, commit_lines(commits))
    current: ListedCommit | None = None
    try:
        for line in process.stdout:
            first = line[:1]
            if first == COMMIT_MARK:
                if current is not None:
                    yield current.done()
                current = ListedCommit(line[1:].strip().decode("ascii", "replace"))
                if on_listed is not None:
                    on_listed(1)
            elif current is None:
                continue
            elif first == MESSAGE_MARK:
                current.message_lines.append(line)
            elif first == RAW_MARK:
                change = parse_change(line)
                if change is not None:
                    current.changes.append(change)
        process.stdout.close()
        if process.wait() == 0 and current is not None:
            yield current.done()
    finally:
        process.stdout.close()
        if process.poll() is None:
            process.kill()
        process.wait()
        feeder.join()


def _feed(pipe: IO[bytes], data: bytes) -> threading.Thread:
    """Write ``data`` to ``pipe`` and close it, on a thread (git answers while it reads)."""

    def write() -> None:
        with contextlib.suppress(OSError):  # git stopped reading: it failed, and says so
            pipe.write(data)
        with contextlib.suppress(OSError):
            pipe.close()

    thread = threading.Thread(target=write, daemon=True)
    thread.start()
    return thread


class BlobVerdicts:
    """What each blob id met holds, read once and kept for the whole sweep (shared by its
    batches: a blob is read once however many commits keep it):

    - ``strong``: a candidate the diff pre-filter keeps wherever it is (or the id is not a
      readable blob: missing in a partial clone, which the engine lists);
    - ``hex_only``: only lowercase-hex runs, which the diff pre-filter keeps only in a file
      section that says testnet (its path, its lines: the new blob's or a parent's);
    - ``plain``: nothing key-shaped, or over ``max_bytes`` (binary to the engine's git,
      never diffed: those are also ``too_large``, and each is listed as skipped with one
      commit and path that left it, so a big file holding a key is not passed in silence);
    - ``testnet``: whether the blob says testnet, asked only of the ``hex_only`` blobs and
      of the blobs their paths had before (read again for that: they are few).
    """

    def __init__(self, repo: Repository, max_bytes: int) -> None:
        self.repo = repo
        self.max_bytes = max_bytes
        self.strong: set[bytes] = set()
        self.hex_only: set[bytes] = set()
        self.plain: set[bytes] = set()
        self.too_large: set[bytes] = set()
        self.too_large_at: dict[bytes, set[str]] = {}  # blob: "commit:path" that left it
        self.testnet: dict[bytes, bool] = {}
        self.blobs_read = 0

    def known(self, blob: bytes) -> bool:
        return blob in self.plain or blob in self.strong or blob in self.hex_only

    def judge(self, blobs: Iterable[bytes]) -> None:
        """Read each of ``blobs`` not judged before, once."""
        unknown = [b for b in dict.fromkeys(blobs) if not self.known(b)]
        if unknown:
            self._judge(unknown)

    def judge_testnet(self, blobs: Iterable[bytes]) -> None:
        """Whether each of ``blobs`` says testnet (those not asked before)."""
        unknown = [b for b in dict.fromkeys(blobs) if b not in self.testnet]
        # Only blobs within max_bytes are read: a parent can be of any size (a 600 MB
        # blob of zeros packs into a few hundred KB), and one read whole cost its size in
        # memory twice, git's and ours. One not read may say testnet: the engine decides.
        sizes = dict(self._sizes(unknown))
        for blob in unknown:
            if not 0 < sizes.get(blob, self.max_bytes + 1) <= self.max_bytes:
                self.testnet[blob] = sizes.get(blob) != 0
        readable = [b for b in unknown if b not in self.testnet]
        for blob, data in self._contents(readable):
            self.testnet[blob] = data is None or says_testnet(data)

    def worth_reading(self, change: Change) -> bool:
        """Whether the diff engine can find something in ``change`` (its blobs judged;
        what is not known counts as worth it)."""
        blob = change.blob
        if blob in self.strong or not self.known(blob):
            return True
        if blob not in self.hex_only:
            return False
        return (
            change.path_says_testnet
            or self.testnet.get(blob, True)
            or any(self.testnet.get(parent, True) for parent in change.parents)
        )

    def _judge(self, blobs: list[bytes]) -> None:
        sizes = dict(self._sizes(blobs))
        readable = []
        for blob in blobs:
            size = sizes.get(blob)
            if size is None:
                self.strong.add(blob)  # missing, or not a blob
            elif size > self.max_bytes:
                self.plain.add(blob)
                self.too_large.add(blob)
            elif size == 0:
                self.plain.add(blob)
            else:
                readable.append(blob)
        for blob, data in self._contents(readable):
            self.blobs_read += 1
            data = None if data is None else scanned_bytes(data)
            kind = CANDIDATE if data is None else blob_candidates(data)
            if data is None or kind == CANDIDATE:
                self.strong.add(blob)
            elif kind == HEX_ONLY:
                self.hex_only.add(blob)
                self.testnet[blob] = says_testnet(data)
            else:
                self.plain.add(blob)

    def note_too_large(self, commit: ListedCommit) -> None:
        """Where ``commit`` left a blob over ``max_bytes`` (its blobs judged before)."""
        for change in commit.changes:
            if change.blob in self.too_large:
                place = f"{commit.sha}:{change.path.decode('utf-8', 'replace')}"
                self.too_large_at.setdefault(change.blob, set()).add(place)

    def too_large_skipped(self) -> list[dict[str, str]]:
        """One ``skipped`` entry per blob over ``max_bytes``: the first of its places in
        sorted order (any one names the file; the order keeps reports repeatable)."""
        return [
            {"path": min(places), "reason": f"larger than {self.max_bytes} bytes"}
            for _, places in sorted(self.too_large_at.items())
        ]

    def _sizes(self, blobs: list[bytes]) -> Iterator[tuple[bytes, int]]:
        """(id, size) of each of ``blobs`` that is a blob git has."""
        out = self._run(blob_sizes_command(self.repo.git_dir), blobs)
        for line in out.split(b"\n"):
            fields = line.split()
            if len(fields) == 3 and fields[1] == b"blob" and fields[2].isdigit():
                yield fields[0], int(fields[2])

    def _run(self, command: list[str], blobs: list[bytes]) -> bytes:
        result = subprocess.run(
            command,
            input=b"".join(b + b"\n" for b in blobs),
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=git_environment(),
            check=False,
        )
        return result.stdout

    def _contents(self, blobs: list[bytes]) -> Iterator[tuple[bytes, bytes | None]]:
        """(id, content) of each of ``blobs``, streamed from one ``cat-file --batch`` (None
        where git's answer was not the blob asked for)."""
        if not blobs:
            return
        process = subprocess.Popen(
            blob_contents_command(self.repo.git_dir),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=git_environment(),
        )
        assert process.stdin is not None and process.stdout is not None
        feeder = _feed(process.stdin, b"".join(b + b"\n" for b in blobs))
        out = process.stdout
        try:
            for blob in blobs:
                header = out.readline().split()
                if not header:
                    break
                if len(header) != 3 or not header[2].isdigit():
                    yield blob, None
                    continue
                size = int(header[2])
                if size > self.max_bytes:  # asked within it: the object changed since
                    _drain(out, size + 1)
                    yield blob, None
                    continue
                data = out.read(size + 1)[:size]
                if len(data) != size:
                    break
                yield blob, data if header[0] == blob and header[1] == b"blob" else None
        finally:
            out.close()
            process.wait()
            feeder.join()


def _drain(stream: IO[bytes], count: int) -> None:
    """Read and drop ``count`` bytes, a MiB at a time."""
    while count > 0:
        chunk = stream.read(min(count, 1 << 20))
        if not chunk:
            return
        count -= len(chunk)


# How many changed files the pass holds before their blobs are judged and their commits
# decided: memory stays bounded however many commits a batch has.
CHANGES_PER_ROUND = 20_000


@dataclass
class ToRead:
    """What the diff engine must read of a batch: ``commits`` in the order given, and for
    each of them the tree-diff pass showed whole, the only paths worth diffing (those where
    it left a blob the engine can find something in; none for a commit read for its
    message alone). A commit without an entry must be diffed whole."""

    commits: list[str]
    paths: dict[str, set[bytes]]

    def union(self, commits: list[str]) -> set[bytes] | None:
        """The paths worth diffing in any of ``commits`` (one ``git log`` is limited to
        them all), or None when one of them must be diffed whole."""
        found: set[bytes] = set()
        for sha in commits:
            own = self.paths.get(sha)
            if own is None:
                return None
            found |= own
        return found


def commits_to_read(
    repo: Repository,
    commits: list[str],
    verdicts: BlobVerdicts,
    on_listed: Callable[[int], None] | None = None,
) -> ToRead:
    """The commits among ``commits`` that the diff engine must read, in the order given:
    those that left a blob it can find something in, whose message holds a candidate, or
    that the tree-diff pass could not show whole (``on_listed``: as :func:`list_commits`);
    and the paths of theirs worth diffing."""
    settled: set[str] = set()  # shown whole, and nothing in them for the engine
    paths: dict[str, set[bytes]] = {}
    pending: list[ListedCommit] = []
    held = 0
    for commit in list_commits(repo, commits, on_listed):
        pending.append(commit)
        held += len(commit.changes)
        if held >= CHANGES_PER_ROUND:
            settled.update(_settled(pending, verdicts, paths))
            pending, held = [], 0
    settled.update(_settled(pending, verdicts, paths))
    return ToRead([sha for sha in commits if sha not in settled], paths)


def _settled(
    listed: list[ListedCommit], verdicts: BlobVerdicts, paths: dict[str, set[bytes]]
) -> Iterator[str]:
    """The commits of ``listed`` the engine can find nothing in (their blobs judged now);
    the paths worth diffing of each other one go to ``paths``."""
    verdicts.judge(change.blob for commit in listed for change in commit.changes)
    # A parent's blob matters only beside a lowercase-hex run: read those few again.
    verdicts.judge_testnet(
        parent
        for commit in listed
        for change in commit.changes
        if change.blob in verdicts.hex_only and not change.path_says_testnet
        for parent in change.parents
    )
    for commit in listed:
        verdicts.note_too_large(commit)
        worth = {
            unquote_path_bytes(change.path)
            for change in commit.changes
            if verdicts.worth_reading(change)
        }
        if worth or commit.message_has_candidate:
            paths[commit.sha] = worth
        else:
            yield commit.sha
