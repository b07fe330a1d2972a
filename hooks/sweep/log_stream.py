"""Read the lines commits added, from one ``git log`` stream per batch of commits.

git does the diffing: each commit against its parents (root commits against the empty tree,
merges as a dense combined diff, so only lines a merge itself introduced count; blobs over
the size limit count as binary and are not diffed). Python then looks at the stream in
large blocks: one regular-expression pass per block finds the key-shaped runs, and only the
file sections that hold one are parsed line by line.

Why not let git filter with the pickaxe ``-G'[A-Za-z0-9]{64}'``: the POSIX regex engine
git uses costs more CPU than the diffing itself, while Python's ``re`` over the same bytes
costs a fraction of it (docs/performance.md).

Output format relied on (git-log(1), git-diff(1) "combined diff format"): a commit header
we format ourselves (LOG_FORMAT: a line starting with \x01, the message's lines each
indented by a space, a line starting with NUL), ``diff --git``/``diff --cc`` file headers,
``index <old>..<new>`` (full ids with --full-index), ``+++ b/<path>`` (``/dev/null`` when
deleted), hunk headers ``@@ -a,b +c,d @@`` or, for an N-parent merge, N+1 ``@``s with the
new range last, and content lines prefixed by one column per parent. Content lines always
start with a prefix column, and message lines with a space, so a line starting with \x01
or ``diff --`` is a header. The message is swept too: a header whose message holds
something key-shaped is parsed whole, and :class:`CommitPatch` carries the message.
"""

from __future__ import annotations

import heapq
import io
import itertools
import os
import re
import subprocess
import tempfile
from collections.abc import Callable, Generator, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Protocol

from ...plugins.detection.environment import SIGNALS, TESTNET
from ...plugins.detection.patterns import KEY_LENGTH, VALUE_SHAPES, ValueShape, candidate_filter
from ...plugins.detection.reject import may_be_testnet_key, may_pass
from ..git import invocation
from ..git.invocation import (
    DIFF_OPTIONS,
    LOG_FORMAT,
    READ_SIZE,
    PatientPipe,
    commit_lines,
    widen_pipe,
)
from ..git.repo import GitError, Repository, git_environment, is_object_id, last_line
from ..scanning.files import UTF16_BOMS, decode

COMMIT_MARK = b"\x01"
# The header LOG_FORMAT (git.invocation) writes: \x01 and git's fields, the message's lines
# each indented by a space, then NUL, author, NUL, subject.
FIELD_SEP = "\x00"
MESSAGE_MARK = b" "
INFO_MARK = b"\x00"
INFO_BOUNDARY = b"\n" + INFO_MARK
NULL_BLOB = "0" * 40
GITLINK_MODE = "160000"

# What makes a file section worth parsing: the byte-level twins of patterns.CANDIDATE
# (separate searches are faster than one alternation), narrowed to what can become a
# finding.
# Literals that every testnet signal (a host, a flag, a name) and a testnet path contain,
# and Binance's word: a lowercase-hex value is a key where the context says testnet, or
# where its name or line says Binance (plugins/detection/hex_keys.py).
_TESTNET_NEEDLES = tuple(
    {signal.needle.encode() for signal in SIGNALS if signal.environment == TESTNET}
    | {b"testnet", b"binance"}
)
# The sweep's byte-level pre-filter, built from the value shapes' table
# (plugins.detection.patterns.VALUE_SHAPES): a key-shaped run through the alphanumeric map,
# every other shape by its literal needle, alone where the needle is the shape, else with
# the shape's own pattern (searched apart: separate searches are faster than one
# alternation). A new shape is a new row there.
CANDIDATES = candidate_filter()
_NEEDLE_SHAPES = tuple(
    (shape.needle, None if shape.needle_suffices else re.compile(shape.pattern.encode()), shape)
    for shape in VALUE_SHAPES
    if shape.needle is not None
)
COMMIT_BOUNDARY = b"\n" + COMMIT_MARK
FILE_BOUNDARY = b"\ndiff --"
# git's line for a file it shows no lines of: over the size limit on either side (a file
# that shrank from 3 MB to a line holding a key), or binary by an attribute of the
# repository's own ($GIT_DIR/info/attributes). Such a section is parsed, and the file
# read whole (sweep.run), when the blob pass says its new blob may hold something.
BINARY_LINE = b"Binary files "
BINARY_BOUNDARY = b"\n" + BINARY_LINE


@dataclass(frozen=True)
class CommitInfo:
    sha: str
    parents: tuple[str, ...]
    author: str
    author_date: str
    committer_date: str
    committer_time: int
    subject: str

    @classmethod
    def parse(cls, header: bytes) -> CommitInfo:
        """A header as LOG_FORMAT writes it, with or without its message lines."""
        first, _, rest = header[1:].partition(b"\n")
        fields = first.decode("utf-8", errors="replace").split(" ", 4)
        fields += [""] * (5 - len(fields))
        sha, ctime, adate, cdate, parents = fields
        if rest.startswith(INFO_MARK):
            info = rest[1:]
        else:
            at = rest.find(INFO_BOUNDARY)
            info = rest[at + 2 :] if at >= 0 else b""
        text = info.decode("utf-8", errors="replace").rstrip("\n")
        author, _, subject = text.partition(FIELD_SEP)
        return cls.of_fields(sha, parents, author, adate, cdate, ctime, subject)

    @classmethod
    def of_fields(
        cls, sha: str, parents: str, author: str, adate: str, cdate: str, ctime: str, subject: str
    ) -> CommitInfo:
        """A commit from git's printed fields: ``parents`` space-separated, ``ctime`` the
        committer's epoch (0 where git printed none)."""
        return cls(
            sha=sha,
            parents=tuple(parents.split()),
            author=author,
            author_date=adate,
            committer_date=cdate,
            committer_time=int(ctime) if ctime.isdigit() else 0,
            subject=subject,
        )


@dataclass
class FilePatch:
    """One file's diff in one commit: the new side's lines that git showed.

    Context and added lines, as columns: ``numbers`` (line number in the new file),
    ``texts`` and ``is_added``; removed lines are not part of the new file and are
    dropped. Columns, so the detection engine gets the texts as one list (joined and
    searched in C) with no per-line copy.
    """

    path: str | None = None
    blob: str | None = None
    numbers: list[int] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    is_added: list[bool] = field(default_factory=list)
    size: int = 0
    # Numbers of the added lines that hold something that could be a credential.
    hits: set[int] = field(default_factory=set)
    # git showed "Binary files ... differ" for it, no line (BINARY_LINE).
    binary: bool = False

    @property
    def lines(self) -> list[tuple[int, str, bool]]:
        """(number, text, added) for each line shown."""
        return list(zip(self.numbers, self.texts, self.is_added))

    def drop_lines(self) -> None:
        for column in (self.numbers, self.texts, self.is_added):
            column.clear()
        self.hits.clear()


@dataclass
class CommitPatch:
    info: CommitInfo
    files: list[FilePatch] = field(default_factory=list)
    # The commit's whole message, when the section parsed held it (it held something
    # key-shaped); None otherwise.
    message: str | None = None

    @classmethod
    def from_header(cls, lines: list[bytes]) -> CommitPatch:
        """A commit from its header's lines: the \x01 line, message lines, the NUL line."""
        body = [line for line in lines[1:] if line.startswith(MESSAGE_MARK)]
        message = None
        if body:
            # One space off each line, and the last newline (LOG_FORMAT's %n) off the
            # whole: the text is the message exactly as git printed it with %B.
            message = b"".join(line[1:] for line in body)[:-1].decode("utf-8", "replace")
        return cls(CommitInfo.parse(b"".join(lines)), message=message)


EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"


def log_command(repo: Repository, max_file_bytes: int, limited: bool = False) -> list[str]:
    """``git log`` over the commits given on stdin, exactly those (``--no-walk``);
    ``limited``: the paths after them too (:func:`invocation.log_command`)."""
    return invocation.log_command(repo.git_dir, max_file_bytes, limited)


ESCAPES = {
    ord("n"): 10, ord("t"): 9, ord('"'): 34, ord("\\"): 92,
    ord("a"): 7, ord("b"): 8, ord("f"): 12, ord("r"): 13, ord("v"): 11,
}  # fmt: skip


def unquote_path(raw: str | bytes) -> str:
    """A path as git writes it in a patch header, as text: C-style quoting undone on the
    bytes (:func:`unquote_path_bytes`), then decoded from UTF-8 as every path the sweep
    shows is (undecodable bytes replaced, the same way ``ls-tree -z`` paths are decoded
    for ``head_paths``)."""
    data = raw.encode("utf-8", "surrogateescape") if isinstance(raw, str) else raw
    return unquote_path_bytes(data).decode("utf-8", "replace")


def unquote_path_bytes(data: bytes) -> bytes:
    """A path as git writes it (in a patch header, a raw line), C-style quoting undone
    (``"b/tab\\there"``, ``"b/caf\\303\\251"``): the name's own bytes."""
    if not (len(data) >= 2 and data.startswith(b'"') and data.endswith(b'"')):
        return data
    body = data[1:-1]
    out = bytearray()
    index = 0
    while index < len(body):
        byte = body[index]
        if byte == 92 and index + 1 < len(body):  # backslash
            digits = body[index + 1 : index + 4]
            if len(digits) == 3 and all(48 <= d <= 55 for d in digits):
                out.append(int(digits, 8) & 0xFF)
                index += 4
                continue
            nxt = body[index + 1]
            out.append(ESCAPES.get(nxt, nxt))
            index += 2
            continue
        out.append(byte)
        index += 1
    return bytes(out)


def _new_path(rest: bytes) -> str | None:
    """The path of a ``+++ `` line. git ends the line with a tab when the name holds a space
    (for patch(1)); a tab in a name is always quoted, so a trailing tab is never the name's."""
    rest = rest.rstrip(b"\n")
    if rest.endswith(b"\t"):
        rest = rest[:-1]
    if rest == b"/dev/null":
        return None
    path = unquote_path(rest)
    return path[2:] if path.startswith("b/") else path


def _header_path(line: bytes) -> str | None:
    """The path a ``diff --git a/P b/P`` header names (the only name a binary file's section
    gives: it has no ``+++`` line). Without renames both halves name the same path, each
    quoted or not alike, so the second half is the back half of the line; ``+++`` (for
    the files git shows lines of) says it again."""
    if not line.startswith(b"diff --git "):
        return None
    rest = line[len(b"diff --git ") :].rstrip(b"\n")
    path = unquote_path(rest[(len(rest) + 1) // 2 :])
    return path[2:] if path.startswith("b/") else None


def _hunk_start(header: str) -> tuple[int, int]:
    """(number of parent columns, first new line number) of a hunk header."""
    columns = len(header) - len(header.lstrip("@")) - 1
    ranges = header.strip("@ ").split("@")[0].split()
    new_range = next((r for r in reversed(ranges) if r.startswith("+")), "+1")
    start = new_range[1:].split(",")[0]
    return max(columns, 1), int(start) if start.isdigit() else 1


def parse_log(stream: Iterable[bytes], max_file_bytes: int) -> Iterator[CommitPatch]:
    """Parse the output of :func:`log_command` into commits and their files' new lines.

    A file whose shown lines exceed ``max_file_bytes`` is yielded with ``size`` over the
    limit and its lines dropped, so memory stays bounded whatever the history holds.
    """
    commit: CommitPatch | None = None
    current: FilePatch | None = None
    columns = 1
    plus = b"+"
    number = 0
    in_hunk = False
    content = (b" ", b"+", b"-")
    # Per content line (a whole added file can be 40,000 of them) the work is kept to a
    # few C calls: the "+" prefix of this hunk's width is built once per hunk, and a line
    # too short for most shapes is only asked about the needles (has_candidate's first
    # two checks).
    head: list[bytes] | None = None  # the lines of a commit header being read
    for raw in stream:
        first = raw[:1]
        if first == COMMIT_MARK:
            if commit is not None:
                yield commit
            commit, head = None, [raw]
            current, in_hunk = None, False
            continue
        if commit is None:
            if head is None:
                continue
            if first in (MESSAGE_MARK, INFO_MARK):
                head.append(raw)
            if first == MESSAGE_MARK:
                continue
            commit, head = CommitPatch.from_header(head), None
            if first == INFO_MARK:
                continue
        if raw.startswith(b"diff --"):
            current = FilePatch(path=_header_path(raw))
            commit.files.append(current)
            in_hunk = False
            continue
        if current is None:
            continue
        if in_hunk and first in content:
            prefix = raw[:columns]
            if b"-" in prefix:
                continue
            current.size += len(raw)
            if current.size > max_file_bytes:
                current.drop_lines()
                continue
            added = prefix == plus
            current.numbers.append(number)
            current.texts.append(raw[columns:].decode("utf-8", errors="replace").rstrip("\r\n"))
            current.is_added.append(added)
            if added and has_candidate(raw):
                current.hits.add(number)
            number += 1
            continue
        if first == b"@":
            columns, number = _hunk_start(raw.decode("utf-8", errors="replace"))
            plus = b"+" * columns
            in_hunk = True
            continue
        if first == b"\\":
            continue  # "\ No newline at end of file"
        in_hunk = False
        if raw.startswith(b"+++ "):
            current.path = _new_path(raw[4:])
        elif raw.startswith(BINARY_LINE):
            current.binary = True
        elif raw.startswith(b"index "):
            ids = raw[6:].decode("ascii", errors="replace").split()[0]
            new = ids.split("..")[-1]
            current.blob = None if new == NULL_BLOB else new
    if commit is None and head is not None:
        commit = CommitPatch.from_header(head)  # the stream ended in a header
    if commit is not None:
        yield commit


def _header_line(block: bytes, end: int) -> bytes | None:
    """The last commit header that starts before ``end`` in ``block``, if any, without its
    message lines (:func:`_header_at`)."""
    at = block.rfind(COMMIT_BOUNDARY, 0, end)
    if at >= 0:
        at += 1
    elif block.startswith(COMMIT_MARK):
        at = 0
    else:
        return None
    return _header_at(block, at)[0]


def _header_at(block: bytes, at: int) -> tuple[bytes, int]:
    """The commit header starting at ``at``: its \x01 line and its NUL line, the message
    lines left out (a file section needs to know whose it is, not what it said), and
    where the whole header ends. A header is never cut by a block boundary: no line of
    it starts like a commit or a file."""
    stop = block.find(b"\n", at) + 1 or len(block)
    info = block.find(INFO_BOUNDARY, stop - 1)
    if info < 0:
        return block[at:stop], stop
    end = block.find(b"\n", info + 1) + 1 or len(block)
    return block[at:stop] + block[info + 1 : end], end


def _key_positions(block: bytes, testnet: bool = True) -> Iterator[int]:
    """Where a run of exactly 64 alphanumerics that could be a key starts (reject.may_pass;
    with ``testnet``, also a futures testnet key's lowercase-hex shape), each run looked
    at once (:func:`_key_runs`)."""
    for at, run in _key_runs(block):
        if may_pass(run) or (testnet and may_be_testnet_key(run)):
            yield at


def _key_runs(block: bytes) -> Iterator[tuple[int, bytes]]:
    """Each run of exactly 64 alphanumerics in ``block`` and where it starts: the block is
    mapped to two symbols once and the runs are found by ``bytes.find`` (C speed, far
    quicker than a regex scan; docs/performance.md)."""
    mapped = block.translate(CANDIDATES.run_map)
    at = mapped.find(CANDIDATES.run)
    while at >= 0:
        end = mapped.find(b" ", at + KEY_LENGTH)
        if end < 0:
            end = len(mapped)
        if end - at == KEY_LENGTH:
            yield at, block[at:end]
        at = mapped.find(CANDIDATES.run, end)


def _says_testnet(section: bytes) -> bool:
    """Whether a section (or its path, in its header) holds a literal every testnet signal
    contains, or Binance's word: the engine keeps a lowercase-hex value only where its
    environment is testnet or its name or line says Binance, decided from the diff's own
    lines and the path (engine._with_environments)."""
    lowered = section.lower()
    return any(needle in lowered for needle in _TESTNET_NEEDLES)


def has_candidate(line: bytes, testnet: bool = True) -> bool:
    """Whether a diff line (or a blob) holds anything the detection could take for a
    credential: a shape of the table (:data:`CANDIDATES`) that may pass the value checks
    (a futures testnet key's lowercase-hex shape only with ``testnet``). A line without
    one can hold no finding (the engine finds values only in these)."""
    if any(needle in line for needle in CANDIDATES.sufficient_needles):
        return True
    if len(line) <= KEY_LENGTH:
        return False  # too short for any other shape
    return any(next(found, None) is not None for found in _candidate_positions(line, testnet))


# What a whole blob holds, for the sweep's blob pre-filter (sweep.candidates).
NO_CANDIDATE, HEX_ONLY, CANDIDATE = 0, 1, 2


def scanned_bytes(data: bytes) -> bytes:
    """A whole blob's bytes as ``scan`` reads them, for the pre-filters: UTF-16 text (a
    byte order mark: Windows PowerShell 5 writes `echo BINANCE_API_KEY=... > .env` so)
    decoded as :func:`files.decode` does and re-encoded as UTF-8; any other blob as it is.
    In UTF-16 every other byte is a NUL, so the raw bytes hold no key-shaped run and the
    blob pass let such a file go unread, though ``scan`` finds its keys."""
    if data[:2] not in UTF16_BOMS:
        return data
    text, _ = decode(data)
    return data if text is None else text.encode("utf-8", "replace")


def blob_candidates(data: bytes) -> int:
    """:data:`CANDIDATE` if ``data`` holds a shape the diff pre-filter keeps wherever it is
    (:func:`has_candidate` without ``testnet``), else :data:`HEX_ONLY` if it holds a
    lowercase-hex run a testnet section would keep, else :data:`NO_CANDIDATE`. One
    pass of the alphanumeric map over the data."""
    if any(needle in data for needle in CANDIDATES.sufficient_needles):
        return CANDIDATE
    if len(data) <= KEY_LENGTH:
        return NO_CANDIDATE  # too short for any other shape
    needles = [_needle_positions(data, *needle_shape) for needle_shape in _NEEDLE_SHAPES]
    if any(next(found, None) is not None for found in needles):
        return CANDIDATE
    found = NO_CANDIDATE
    for _, run in _key_runs(data):
        if may_pass(run):
            return CANDIDATE
        if may_be_testnet_key(run):
            found = HEX_ONLY
    return found


def says_testnet(text: bytes) -> bool:
    """Whether ``text`` (a file section, a blob, a path) holds a literal every testnet
    signal contains (:func:`_says_testnet`)."""
    return _says_testnet(text)


def _candidate_positions(block: bytes, testnet: bool = True) -> list[Iterator[int]]:
    """For each value shape, where it may start in ``block``, in order: key-shaped runs
    (:func:`_key_positions`), then each needle shape's matches."""
    return [
        _key_positions(block, testnet),
        *(_needle_positions(block, *needle_shape) for needle_shape in _NEEDLE_SHAPES),
    ]


def _needle_positions(
    block: bytes,
    needle: bytes,
    shape: re.Pattern[bytes] | None,
    row: ValueShape | None = None,
) -> Iterator[int]:
    """Where ``needle`` (with ``shape``'s pattern, if any) matches in ``block``; a match
    of a row that encodes a key only where its run can decode to one."""
    if shape is not None:
        encodes_key = row.encodes_key if row is not None else None
        length = row.run_length if row is not None else 0
        for match in shape.finditer(block):
            end = match.end()
            if encodes_key is None or encodes_key(block[end - length : end]):
                yield match.start()
        return
    at = block.find(needle)
    while at >= 0:
        yield at
        at = block.find(needle, at + 1)


def _sections_with_matches(block: bytes, header: bytes | None) -> Iterator[bytes]:
    """Each file section of ``block`` that holds a match, prefixed by its commit header,
    and each commit header whose message holds one (whole, message lines included).

    Linear in the block: the three searches each run once over it (merged in order), and
    every boundary search is bounded by the section around the match or by the part of
    the block not searched before, so one commit of 20,000 files costs no more per file
    than a commit of one.
    """
    covered = 0  # matches before this are in a section already handled
    headers_known = 0  # commit headers before this are accounted for in `owner_at`
    owner_at = -1  # where the last commit header line before `headers_known` starts
    owner = header
    header_end = 0  # where the header at `owner_at` ends
    # Most blocks say nothing about a testnet: their hex runs (digests) are dropped here.
    testnet = _says_testnet(block)
    binary = _needle_positions(block, BINARY_BOUNDARY, None)
    positions = heapq.merge(*_candidate_positions(block, testnet), binary)
    for position in positions:
        if position < covered:
            continue
        at = block.rfind(COMMIT_BOUNDARY, headers_known, position)
        if at >= 0:
            owner_at = at + 1
        elif headers_known == 0 and block.startswith(COMMIT_MARK):
            owner_at = 0
        if owner_at >= 0 and (at >= 0 or headers_known == 0):
            owner, header_end = _header_at(block, owner_at)
        headers_known = position
        start = max(block.rfind(FILE_BOUNDARY, max(owner_at, 0), position) + 1, owner_at, 0)
        file_end = block.find(FILE_BOUNDARY, position)
        if file_end < 0:
            file_end = len(block)
        commit_end = block.find(COMMIT_BOUNDARY, position, file_end)
        end = (commit_end if commit_end >= 0 else file_end) + 1
        end = min(end, len(block))
        covered = end
        if start == owner_at:
            # In a commit header: past its first line (git's own fields: a SHA-256 id is a
            # 64-character run), the message holds the match (or the author's name does,
            # and the message scan finds nothing); then the header is parsed whole.
            first_line_end = block.find(b"\n", owner_at)
            if position < first_line_end:
                covered = first_line_end  # the message may still hold a match
                continue
            yield block[owner_at:header_end]
            continue
        if owner is not None and (
            block.startswith(BINARY_BOUNDARY, position)
            or _adds_candidate(block, start, position, end, testnet)
        ):
            yield owner + block[start:end]


def _adds_candidate(block: bytes, start: int, first: int, end: int, testnet: bool) -> bool:
    """Whether a match from the line of ``first`` (a match) up to ``end`` is on a line that
    starts with ``+``: only added lines can hold a finding (see findings_in_patch), and most
    sections that hold a key-shaped value hold it in context lines around an unrelated
    change. Checked at byte level, so those sections are never decoded. A lowercase-hex
    run counts only if ``testnet`` (the block says testnet) and the section says it too."""
    testnet = testnet and _says_testnet(block[start:end])
    section = block[block.rfind(b"\n", 0, first) + 1 : end]
    found = itertools.chain(*_candidate_positions(section, testnet))
    for position in found:
        if section.startswith(b"+", section.rfind(b"\n", 0, position) + 1):
            return True
    return False


class ByteStream(Protocol):
    """What the patch reader reads: a file, a pipe read patiently (PatientPipe), or either
    behind a header (_Prefixed)."""

    def read(self, size: int = ..., /) -> bytes: ...


def candidate_sections(
    stream: ByteStream,
    reached: list[bytes] | None = None,
    on_commits: Callable[[int], None] | None = None,
) -> Iterator[bytes]:
    """The parts of a ``git log`` stream worth parsing: file sections holding something
    key-shaped, each prefixed by its commit's header line. ``reached`` (if given) is kept
    holding the last commit header read so far; ``on_commits`` (if given) is told how many
    commit headers each block read holds (progress, most commits never reach the parser).

    Blocks are cut at section boundaries, so no section is split; a section is at most
    about two blobs' worth of lines, because larger blobs are binary to git here.
    """
    header: bytes | None = None
    pending = b""
    while True:
        chunk = stream.read(READ_SIZE)
        if chunk:
            pending += chunk
            # The later boundary: a commit's is looked for only after the last file's, as
            # most blocks hold no commit boundary at all (one commit of 20,000 files).
            file_cut = pending.rfind(FILE_BOUNDARY)
            cut = max(pending.rfind(COMMIT_BOUNDARY, max(file_cut, 0)), file_cut) + 1
            if cut <= 0:
                continue
        else:
            cut = len(pending)
        block, pending = pending[:cut], pending[cut:]
        if on_commits is not None and COMMIT_MARK in block:  # a one-byte search: memchr
            on_commits(block.count(COMMIT_BOUNDARY) + block.startswith(COMMIT_MARK))
        yield from _sections_with_matches(block, header)
        header = _header_line(block, len(block)) or header
        if reached is not None and header is not None:
            reached[:] = [header]
        if not chunk:
            return


class _Prefixed(io.RawIOBase):
    """``head`` then everything ``stream`` holds, as one readable stream."""

    def __init__(self, head: bytes, stream: ByteStream) -> None:
        self._head = head
        self._stream = stream

    def read(self, size: int = -1) -> bytes:
        if self._head:
            head, self._head = self._head, b""
            return head
        return self._stream.read(size)


def _patches(
    process: subprocess.Popen[bytes],
    stream: ByteStream,
    max_file_bytes: int,
    reached: list[bytes] | None = None,
    on_commits: Callable[[int], None] | None = None,
) -> Generator[CommitPatch, None, int]:
    """The patches in the candidate sections of ``process``'s output (read as ``stream``);
    returns git's exit code once its output is done (or the reader stops early)."""
    assert process.stdout is not None
    widen_pipe(process.stdout)
    try:
        for section in candidate_sections(stream, reached, on_commits):
            yield from parse_log(io.BytesIO(section), max_file_bytes)
    finally:
        process.stdout.close()
        code = process.wait()
    return code


def run_rootless(repo: Repository, commit: str, max_file_bytes: int) -> Iterator[CommitPatch]:
    """One commit whose parent git cannot read, diffed against the empty tree: every line
    of its tree counts as added (nothing it holds can hide behind the missing parent)."""
    return _diff_tree(repo, commit, max_file_bytes, [EMPTY_TREE, commit])


def _diff_tree(
    repo: Repository,
    commit: str,
    max_file_bytes: int,
    trees: list[str],
    pathspecs: Iterable[str] = (),
    message: bool = True,
    header: bytes | None = None,
) -> Iterator[CommitPatch]:
    """One commit's patch from ``git diff-tree`` over ``trees`` (the commit alone: against
    its parents, merges as a dense combined diff), limited to ``pathspecs``, behind the
    commit's own header (without its message unless ``message``), or ``header``."""
    if header is None:
        header = repo.run("log", "--no-walk", "--no-patch", f"--format={LOG_FORMAT}", commit)
    if not message:
        header = b"\n".join(
            line for line in header.split(b"\n") if not line.startswith(MESSAGE_MARK)
        )
    specs = list(pathspecs)
    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen(
            [
                *repo.command("-c", f"core.bigFileThreshold={max_file_bytes}"),
                "diff-tree",
                "-r",
                "--root",
                "--patch",
                "--cc",
                *DIFF_OPTIONS,
                *trees,
                *(["--", *specs] if specs else []),
            ],  # fmt: skip
            stdout=subprocess.PIPE,
            stderr=errors,
            env=git_environment(),
        )
        assert process.stdout is not None
        stream = _Prefixed(header.rstrip(b"\n") + b"\n", PatientPipe(process.stdout))
        code = yield from _patches(process, stream, max_file_bytes)
        if code != 0:
            errors.seek(0)
            raise GitError(["diff-tree"], last_line(errors.read()))


@dataclass
class MissingBlobs:
    """What a commit's diff needs that the store lacks (a partial clone left it out): the
    paths whose new blob is missing (not swept: reported), and those whose blob in a
    parent is (the new blob is read against the empty tree: nothing it adds can hide)."""

    new: list[str] = field(default_factory=list)
    parent_only: list[str] = field(default_factory=list)


# A path as a pathspec that matches it alone, byte for byte (no glob, no magic of its own).
def _exact(path: str, exclude: bool = False) -> str:
    return f":({'exclude,' if exclude else ''}literal){path}"


# A pathspec no path matches: git refuses ``.git`` as a name in a tree.
NOTHING = ":(literal).git"

# At most this many paths are named on one git command line (each is an argument): a
# commit missing more blobs is skipped whole, a merge changing more files is diffed whole.
MAX_MISSING_PATHS = 2000


def missing_blobs(repo: Repository, commit: str) -> MissingBlobs | None:
    """The blobs ``commit``'s diff against each parent names that the store does not have,
    by path (``diff-tree -m``: tree diffs only, no content read); None if the trees
    themselves cannot be read or too many paths miss a blob."""
    raw = repo.run(
        *invocation.TREE_ONLY_MEMORY_LIMITS,
        "diff-tree", "-r", "-m", "--root", "--no-renames", "-z", "--raw", "--no-abbrev", commit,
        check=False,
    )  # fmt: skip
    fields = raw.split(b"\0")
    entries: list[tuple[bytes, str, str]] = []  # (path, old, new) per parent
    for index, meta in enumerate(fields[:-1]):
        if not meta.startswith(b":"):
            continue  # a commit id line (-m, --root print one per parent)
        parts = meta[1:].split()
        if len(parts) < 5:
            continue
        old_mode, new_mode, old, new = (part.decode("ascii", "replace") for part in parts[:4])
        entries.append(
            (
                fields[index + 1],
                NULL_BLOB if old_mode == GITLINK_MODE else old,
                NULL_BLOB if new_mode == GITLINK_MODE else new,
            )
        )
    ids = sorted({sha for _, old, new in entries for sha in (old, new) if sha != NULL_BLOB})
    if not entries or not ids:
        return None
    answer = repo.run(
        "cat-file", "--batch-check=%(objectname) %(objecttype)",
        input="".join(f"{sha}\n" for sha in ids).encode(), check=False,
    )  # fmt: skip
    present = {
        line.split(b" ")[0].decode("ascii", "replace")
        for line in answer.split(b"\n")
        if line.endswith(b" blob")
    }
    found = MissingBlobs()
    for raw_path, old, new in entries:
        path = os.fsdecode(raw_path)
        if new != NULL_BLOB and new not in present:
            if path not in found.new:
                found.new.append(path)
        elif old != NULL_BLOB and old not in present and path not in found.parent_only:
            found.parent_only.append(path)
    found.parent_only = [path for path in found.parent_only if path not in found.new]
    if len(found.new) + len(found.parent_only) > MAX_MISSING_PATHS:
        return None
    return found


def run_around_missing(
    repo: Repository,
    commit: str,
    max_file_bytes: int,
    missing: MissingBlobs,
    only: Iterable[bytes] | None = None,
) -> Iterator[CommitPatch]:
    """A commit git could not show because blobs are missing: its diff without the paths
    that miss a blob, then the paths whose parent's blob alone is missing against the empty
    tree (the commit's message is read once, with the first). ``only``: the paths worth
    diffing (the blob pass's), if known; the others are left out too."""
    lacking = [*missing.new, *missing.parent_only]
    wanted = None if only is None else {os.fsdecode(path) for path in only}
    if wanted is not None and len(wanted) <= MAX_MISSING_PATHS:
        # NOTHING matches no path: the commit's header and message alone.
        kept = sorted(wanted.difference(lacking))
        specs = [_exact(path) for path in kept] or [NOTHING]
        parent_only = [path for path in missing.parent_only if path in wanted]
    else:
        specs = [_exact(path, exclude=True) for path in lacking]
        parent_only = missing.parent_only
    yield from _diff_tree(repo, commit, max_file_bytes, [commit], specs)
    if parent_only:
        specs = [_exact(path) for path in parent_only]
        yield from _diff_tree(
            repo, commit, max_file_bytes, [EMPTY_TREE, commit], specs, message=False
        )


# A commit's header as LOG_FORMAT writes it, without the message or the subject (git would
# print either whole): the subject is appended by the caller, read apart and bounded.
HEADER_WITHOUT_MESSAGE = "%x01%H %ct %aI %cI %P%n%x00%an <%ae>%x00"


def header_without_message(repo: Repository, commit: str, subject: str) -> bytes:
    """``commit``'s header as LOG_FORMAT writes it, without its message, ``subject`` (one
    line) standing for git's: for a commit too large to read whole (:mod:`large_commits`)."""
    format_ = f"--format={HEADER_WITHOUT_MESSAGE}"
    header = repo.run("log", "--no-walk", "--no-patch", format_, commit)
    return header.rstrip(b"\n") + subject.replace("\n", " ").encode("utf-8", "replace") + b"\n"


def run_without_message(
    repo: Repository, commit: str, max_file_bytes: int, header: bytes
) -> Iterator[CommitPatch]:
    """One commit's patch (merges as a dense combined diff) behind ``header``
    (:func:`header_without_message`): git is never asked for the commit's message."""
    return _diff_tree(repo, commit, max_file_bytes, [commit], header=header)


def merge_commits(repo: Repository, commits: list[str]) -> list[str]:
    """The merges among ``commits`` (two parents or more), in one ``rev-list`` (commit
    objects only); a commit git cannot read is asked about alone and left out."""
    if not commits:
        return []
    command = ("rev-list", "--no-walk=unsorted", "--min-parents=2", "--stdin")
    try:
        return [line for line in repo.lines(*command, input=commit_lines(commits)) if line]
    except GitError:
        pass
    found = []
    for sha in commits:
        found += [
            line for line in repo.lines(*command, input=commit_lines([sha]), check=False) if line
        ]
    return found


def merge_paths(
    repo: Repository, merges: list[str]
) -> tuple[dict[str, list[tuple[str, str]]], dict[str, str]]:
    """For each merge, the paths whose content differs from every parent's, with the blob
    the merge has there: the only files a merge can have added a line to (a line it added
    is added against each parent). Tree
    diffs only (``diff-tree -c --raw``), one git call for all the merges; when git fails,
    each merge is asked alone, and git's complaint about one it cannot read is returned
    in the second dict (by merge)."""
    if not merges:
        return {}, {}
    command = (
        *invocation.TREE_ONLY_MEMORY_LIMITS,
        *("diff-tree", "--stdin", "-r", "-c", "-z", "--raw", "--no-abbrev"),
    )
    try:
        return _combined_paths(repo.run(*command, input=commit_lines(merges))), {}
    except GitError:
        pass
    found: dict[str, list[tuple[str, str]]] = {}
    failed: dict[str, str] = {}
    for merge in merges:
        try:
            found.update(_combined_paths(repo.run(*command, input=commit_lines([merge]))))
        except GitError as error:
            failed[merge] = error.message
    return found, failed


def _combined_paths(raw: bytes) -> dict[str, list[tuple[str, str]]]:
    """(path, the merge's blob) by merge from ``diff-tree --stdin -c -z --raw``: each
    merge's id, then a ``::modes ids status`` field (the merge's own id last) and its path
    for each file."""
    found: dict[str, list[tuple[str, str]]] = {}
    current: str | None = None
    fields = raw.split(b"\0")
    index = 0
    while index < len(fields):
        token = fields[index]
        if token.startswith(b"::") and index + 1 < len(fields):
            ids = [part for part in token.split() if len(part) >= 40]
            if current is not None and ids:
                path = os.fsdecode(fields[index + 1])
                found.setdefault(current, []).append((path, ids[-1].decode("ascii", "replace")))
            index += 2
            continue
        name = token.strip().decode("ascii", "replace")
        if is_object_id(name):
            current = name
        index += 1
    return found


def run_merges(
    repo: Repository, merges: list[str], paths: list[str], max_file_bytes: int
) -> Iterator[CommitPatch]:
    """The merges' diffs against each of their parents in turn (``git log -m``, one git
    process for all), limited to ``paths`` (every file, when they are too many for a
    command line): for each merge, its CommitPatches in parent order (:func:`merge_added`
    takes them by merge). A file a merge changed against no parent shows in no diff.
    Raises LogError, naming the merge git was showing, if git fails."""
    specs = [_exact(path) for path in paths] if len(paths) <= MAX_MISSING_PATHS else []
    command = [
        *repo.command("-c", f"core.bigFileThreshold={max_file_bytes}"),
        "log", "--no-walk=unsorted", "--stdin", "-m", "--patch", *DIFF_OPTIONS,
        "--encoding=UTF-8", f"--format={LOG_FORMAT}", *(["--", *specs] if specs else []),
    ]  # fmt: skip
    return _stream_log(command, commit_lines(merges), max_file_bytes)


def merge_groups(paths: dict[str, list[str]]) -> Iterator[tuple[list[str], list[str]]]:
    """The merges of ``paths`` in groups, each with the union of its merges' paths, a
    group's union no longer than a command line takes (a merge with more paths alone)."""
    group: list[str] = []
    union: dict[str, None] = {}
    for merge, names in paths.items():
        grown = {**union, **dict.fromkeys(names)}
        if group and len(grown) > MAX_MISSING_PATHS:
            yield group, list(union)
            group, grown = [], dict.fromkeys(names)
        group.append(merge)
        union = grown
    if group:
        yield group, list(union)


def merge_added(patches: Iterable[CommitPatch], parents: int) -> list[FilePatch]:
    """The files a merge added lines to, from its diffs against each parent (``patches``,
    in parent order): each file as its diff against the first parent, with ``hits`` the
    lines added against every parent, which are the lines git's dense combined diff
    (``--cc``) marks as the merge's own. A file some parent's diff left out (no added line
    there could hold a credential) has none."""
    by_path: dict[str, list[FilePatch]] = {}
    for patch in patches:
        for file in patch.files:
            if file.path is not None:
                by_path.setdefault(file.path, []).append(file)
    found = []
    for files in by_path.values():
        if len(files) < parents:
            continue
        first = files[0]
        for other in files[1:]:
            first.hits &= other.hits
        if first.hits or (first.size > 0 and not first.texts):  # or over the size limit
            found.append(first)
    return found


class LogError(GitError):
    """git log failed; ``reached`` is the last commit it had started to show, if any (the
    commits before it in the order given were shown in full)."""

    def __init__(self, message: str, reached: str | None) -> None:
        super().__init__(["log"], message)
        self.reached = reached


def run_log(
    repo: Repository,
    commits: list[str],
    max_file_bytes: int,
    on_commits: Callable[[int], None] | None = None,
    paths: Iterable[bytes] | None = None,
) -> Iterator[CommitPatch]:
    """Stream the commits' patches, in the order given; raises LogError (after yielding
    what git produced) if git fails, e.g. on a missing or corrupt object. ``on_commits``
    is told, as git's output is read, how many more commits it has shown. ``paths``: the
    only files whose diffs are shown (None: every file; a path git cannot be fed on a line
    of its own lifts the limit); every commit is still shown, with its message."""
    feed = None if paths is None else invocation.limited_log_feed(commits, paths)
    command = log_command(repo, max_file_bytes, limited=feed is not None)
    if feed is None:
        feed = commit_lines(commits)
    return _stream_log(command, feed, max_file_bytes, on_commits)


def _stream_log(
    command: list[str],
    feed: bytes,
    max_file_bytes: int,
    on_commits: Callable[[int], None] | None = None,
) -> Iterator[CommitPatch]:
    """Run a ``git log --stdin`` ``command`` fed the commit lines ``feed`` and stream its
    patches; raises LogError (after yielding what git produced) if git fails, naming the
    commit git was showing."""
    reached: list[bytes] = []
    errors = tempfile.TemporaryFile()  # noqa: SIM115 - closed below
    process = subprocess.Popen(
        command,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=errors,
        env=git_environment(),
    )
    assert process.stdin is not None and process.stdout is not None
    stream = PatientPipe(process.stdout)
    try:
        process.stdin.write(feed)
        process.stdin.close()
    except BrokenPipeError:
        pass
    with errors:
        code = yield from _patches(process, stream, max_file_bytes, reached, on_commits)
        if code != 0:
            errors.seek(0)
            last = CommitInfo.parse(reached[0]).sha if reached else None
            raise LogError(last_line(errors.read()), last)


def run_single(
    repo: Repository, commit: str, max_file_bytes: int, paths: Iterable[bytes] | None = None
) -> Iterator[CommitPatch]:
    """One commit's patches (:func:`run_log` of one commit, limited to ``paths``)."""
    return run_log(repo, [commit], max_file_bytes, paths=paths)
