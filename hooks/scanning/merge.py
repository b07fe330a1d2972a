"""Merging scan and sweep reports into one: many repositories, one answer.

Reports come from other machines (a CI matrix's artifacts), so each is read within bounds
and checked field by field before anything of it is kept. Findings are not held in memory:
each one kept is written at once, redacted and compact, to a spill file, and only a
16-byte digest of its identity stays behind to drop duplicates, and each repository keeps
only the spans of the spill file its findings fill. Memory is therefore a few reports (the
ones being read by the worker processes) plus a few dozen bytes per distinct finding,
whatever the number of reports; the merged report is written from the spill file, a
repository at a time, in blocks of whole lines.
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
import re
import tempfile
from array import array
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import partial
from itertools import accumulate, islice
from typing import IO, TYPE_CHECKING, Any

from ...plugins.detection.patterns import (
    ALNUM_MAP,
    BASE64_PADDING,
    CANDIDATE,
    KEY_RUN_MAPPED,
    PEM_MARK_BYTES,
)
from ..bounded import ReadRefused, TooLarge, read_regular_file, read_stream
from . import merge_json
from .credentials import (
    MAX_FINDINGS,
    finding_problem,
)
from .merge_json import encode
from .report_columns import column_shapes, shape
from .report_fields import (
    CHECKED,
    COPIED_OBJECTS,
    OPTIONAL,
    is_repository,
    known_fields,
    optional_problem,
    repository_entry_problem,
    skipped_problem,
    without_password,
)
from .report_fields import (
    steps as _steps,
)

if TYPE_CHECKING:
    from concurrent.futures import Future
    from multiprocessing.context import BaseContext


REPORT_VERSION = 1
# Redacting every string of every finding is most of a merge's time, and almost no finding
# needs it: a finding's JSON line is redacted only when, its fingerprints blanked out, it
# still holds something key-shaped (detection's own pre-filter). JSON escaping never hides
# a value from it: letters and digits are written as they are, and an escape before a
# value (``\n``) only lengthens the run the pre-filter looks for. The pre-filter is asked
# first of a report's lines joined by newlines (:func:`_any_key_shaped`), and of each line
# only when that says yes.
_DIGEST = re.compile(rb"sha256:[0-9a-f]{64}")
_DIGEST_HEX = 64
# The fields checked to be a digest (sha256:<64 hex>) or null.
_DIGEST_FIELDS = ("fingerprint", "pair", "path_fingerprint")
# A finding as a report writes it is about 1.5 KB; one far larger is not a report's.
MAX_FINDING_BYTES = 64 * 1024
# What the merged report is read back from the spill file in: many lines at a time.
BLOCK_BYTES = 1024 * 1024
# A finding's identity is kept as a digest of this many bytes.
IDENTITY_BYTES = 16


def _key_shaped(line: bytes) -> bool:
    """Whether a finding's JSON line may hold a value :func:`redact_strings` redacts
    (detection's byte-level pre-filter, the fingerprints blanked out first)."""
    if PEM_MARK_BYTES in line:
        return True
    if BASE64_PADDING in line and CANDIDATE.search(line.decode()):
        return True
    return KEY_RUN_MAPPED in _DIGEST.sub(b" ", line).translate(ALNUM_MAP)


def _any_key_shaped(lines: bytes, findings: list[dict[str, Any]]) -> bool:
    """Whether :func:`_key_shaped` may say yes of any of ``findings``' lines (``lines``:
    them joined by newlines); never no when it would.

    Each shape is found in a line only if it is found in the joined text (a newline ends
    every run). The digests are not blanked out here (a regex pass): the values of the
    digest fields, checked to be exactly ``sha256:<64 hex>`` and so, in a JSON string,
    a run of 64 letters and digits between ``:`` and ``"``, each hold exactly
    ``64 // len(KEY_RUN_MAPPED)`` of the key runs ``bytes.count`` finds (it counts
    runs that do not overlap), so any count beyond theirs is a run of something else."""
    if PEM_MARK_BYTES in lines:
        return True
    if BASE64_PADDING in lines and CANDIDATE.search(lines.decode()):
        return True
    digests = sum(finding.get(name) is not None for finding in findings for name in _DIGEST_FIELDS)
    runs = lines.translate(ALNUM_MAP).count(KEY_RUN_MAPPED)
    return runs > digests * (_DIGEST_HEX // len(KEY_RUN_MAPPED))


# One input report, whole in memory while it is parsed (several times its size, in each
# worker: docs/performance.md, "merge"): as much as `check --report` reads, about 50,000
# sweep findings.
MAX_INPUT_BYTES = 64 * 1024 * 1024
MAX_INPUT_FINDINGS = 10 * MAX_FINDINGS
MAX_SKIPPED = 100_000
MAX_REPOSITORIES = 100_000
HINT = "give JSON reports of `binance-secrets scan --format json`, `sweep` or `merge`"


def too_large(source: str) -> str:
    """What to do about a report larger than a merge reads."""
    return (
        f"{source} is larger than {MAX_INPUT_BYTES // 2**20} MiB ({MAX_INPUT_BYTES} bytes), "
        "the most `merge` reads of one report (each is parsed whole in memory); merge the "
        "reports it was merged from instead, or sweep its repository in parts (`sweep "
        "--ref`, `--range` or `--since` for each part, one JSON report each) and merge those"
    )


class MergeError(ValueError):
    """A report cannot be merged; the message says which, what was wrong and what to do."""


@dataclass
class _Repository:
    """One repository of the merged report: where its findings sit in the spill file,
    as spans of whole lines (start, end, start, end...; a report's findings are mostly
    one span)."""

    entry: dict[str, Any]
    spans: array = field(default_factory=lambda: array("q"))
    findings: int = 0
    failing: int = 0

    def keep(self, start: int, end: int, count: int, failing: int) -> None:
        """``count`` more findings, the lines from ``start`` to ``end`` of the spill."""
        spans = self.spans
        if spans and spans[-1] == start:
            spans[-1] = end
        else:
            spans.extend((start, end))
        self.findings += count
        self.failing += failing


def _identity(repository: str, finding: dict[str, Any]) -> bytes:
    """What makes two findings the same: one value, at one place, in one repository."""
    key = "\0".join(
        (
            repository, finding["type"], finding["fingerprint"], finding.get("commit") or "",
            finding["path"], str(finding["line"]), "m" if finding.get("in_message") else "",
            finding.get("tag") or "",
        )
    )  # fmt: skip
    return hashlib.blake2b(
        key.encode("utf-8", "surrogatepass"), digest_size=IDENTITY_BYTES
    ).digest()


class Merger:
    """Add reports one by one (:meth:`add_file`, :meth:`add`), then read the merged
    report back with :meth:`repositories` and :meth:`findings`. Close it when done."""

    def __init__(
        self,
        redact: Callable[[Any], Any],
        ignore_testnet: bool = False,
        render: Callable[[dict[str, Any]], str] | None = None,
    ) -> None:
        """``redact``: applied to every finding and skipped entry kept (the reports'
        sanitizer: nothing key-shaped is written, whatever an input holds). ``render``:
        what each finding is kept as (its text or SARIF form, each ending in a newline,
        made where the report is read), instead of its compact JSON line."""
        self._redact = redact
        self._ignore_testnet = ignore_testnet
        self.render = render
        # Closed by close() (the merger is a context manager): it outlives this method.
        self._spill: IO[bytes] = tempfile.TemporaryFile(  # noqa: SIM115
            prefix="binance-secrets-merge-"
        )
        self._seen: set[bytes] = set()
        # The spill file's length: where the next finding's line starts.
        self._spilled = 0
        self._skipped_seen: set[bytes] = set()
        self._repositories: dict[str, _Repository] = {}
        self.skipped: list[dict[str, Any]] = []
        self.ignored: list[dict[str, Any]] = []
        self._ignored_seen: set[bytes] = set()
        self.version: int | None = None
        self.tool_version: str | None = None
        self._first_source = ""
        self.reports = 0
        self.duplicates = 0
        self.roots: list[str] = []

    def close(self) -> None:
        self._spill.close()

    def __enter__(self) -> Merger:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- input ------------------------------------------------------------------------

    def add_files(self, paths: list[str], workers: int | None = None) -> None:
        """Read, check and add the reports at ``paths`` in order ("-": standard input),
        ``workers`` processes reading and checking them at once (default: one per core),
        a few reports ahead of the one being added: memory stays that of a few reports."""
        workers = min(workers or os.cpu_count() or 1, len(paths))
        prepare = partial(
            prepare_file,
            redact=self._redact,
            ignore_testnet=self._ignore_testnet,
            render=self.render,
        )
        if workers <= 1 or "-" in paths:
            for path in paths:
                self.take(prepare(path))
            return
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(workers, mp_context=_pool_context()) as pool:
            pending: deque[Future[Prepared]] = deque()
            queue = iter(paths)
            for path in islice(queue, 2 * workers):
                pending.append(pool.submit(prepare, path))
            while pending:
                prepared = pending.popleft().result()
                for path in islice(queue, 1):
                    pending.append(pool.submit(prepare, path))
                # A refused report ends the merge; the few reports already handed to the
                # workers are left to finish, not cancelled: cancelling them made the
                # pool's shutdown hang now and then on Python 3.9.
                self.take(prepared)

    def add_file(self, path: str, repository: str | None = None, clone: str | None = None) -> None:
        """Add the report at ``path``, its repository named ``repository`` (a URL it was
        cloned from) and, when kept, cloned at ``clone``."""
        self.take(
            prepare_file(path, self._redact, self._ignore_testnet, repository, clone, self.render)
        )

    def failed(self, repository: str, reason: str) -> None:
        """Record a repository that could not be swept, and why."""
        self._entry(self._redact({"repository": repository, "error": reason}))

    def take(self, prepared: Prepared) -> None:
        """Add a report :func:`prepare` checked; refuse it for its version, or for the
        problem found while it was checked."""
        source, version = prepared.source, prepared.version
        if prepared.error and version is None:
            raise MergeError(prepared.error)
        if self.version is not None and version != self.version:
            raise MergeError(
                f"{source} is a version {version} report and {self._first_source} is version "
                f"{self.version}: reports of different versions are not merged; produce them "
                "all with the same binance-secrets release"
            )
        if version != REPORT_VERSION:
            raise MergeError(
                f"{source} is a version {version} report; this binance-secrets reads and writes "
                f"version {REPORT_VERSION}: merge it with the release that wrote it"
            )
        if prepared.error:
            raise MergeError(prepared.error)
        if self.reports and prepared.tool_version != self.tool_version:
            raise MergeError(
                f"{source} was written by binance-secrets {prepared.tool_version or '(unnamed)'} "
                f"and {self._first_source} by {self.tool_version or '(unnamed)'}: reports of "
                "different versions are not merged; produce them all with the same release"
            )
        self.tool_version = prepared.tool_version
        self.version, self._first_source = version, self._first_source or source
        self.reports += 1
        if prepared.root not in self.roots and len(self.roots) < MAX_REPOSITORIES:
            self.roots.append(prepared.root)
        for entry in prepared.entries:
            self._entry(entry)
        self._take_findings(prepared)
        for item in prepared.ignored:
            identity = _identity(item["repository"], item)
            if identity not in self._ignored_seen and len(self.ignored) < MAX_SKIPPED:
                self._ignored_seen.add(identity)
                self.ignored.append(item)
        for skipped in prepared.skipped:
            identity = hashlib.blake2b(json.dumps(skipped).encode(), digest_size=16).digest()
            if identity not in self._skipped_seen and len(self.skipped) < MAX_SKIPPED:
                self._skipped_seen.add(identity)
                self.skipped.append(skipped)

    def _take_findings(self, prepared: Prepared) -> None:
        """Keep the report's findings not seen before: their lines appended to the spill
        file (one write), their identities remembered. A report that repeats nothing,
        the usual case, is taken whole without a step per finding."""
        lines, starts, runs = prepared.lines, prepared.starts, prepared.runs
        count = len(starts) - 1
        if not count:
            return
        size = IDENTITY_BYTES
        identities = [prepared.identities[at : at + size] for at in range(0, count * size, size)]
        failing = prepared.failing
        seen, spilled = self._seen, self._spilled
        if seen.isdisjoint(identities) and len(set(identities)) == count:
            seen.update(identities)
            self._spill.write(lines)
            self._spilled = spilled + len(lines)
            first = 0
            for repository, length in runs:
                last = first + length
                self._entry({"repository": repository}).keep(
                    spilled + starts[first], spilled + starts[last], length,
                    sum(failing[first:last]),
                )  # fmt: skip
                first = last
            return
        kept: list[bytes] = []
        first = 0
        for repository, length in runs:
            held = self._entry({"repository": repository})
            for number in range(first, first + length):
                identity = identities[number]
                if identity in seen:
                    self.duplicates += 1
                    continue
                seen.add(identity)
                line = lines[starts[number] : starts[number + 1]]
                held.keep(spilled, spilled + len(line), 1, failing[number])
                kept.append(line)
                spilled += len(line)
            first += length
        self._spill.write(b"".join(kept))
        self._spilled = spilled

    def _entry(self, entry: dict[str, Any]) -> _Repository:
        """The merged report's record of a repository: a repository swept by one report
        and refused by another counts as swept (its findings are there)."""
        name = without_password(entry["repository"])
        held = self._repositories.get(name)
        if held is None:
            held = self._repositories[name] = _Repository({"repository": name})
        record = held.entry
        for key in ("commits_swept", "clone"):
            if key in entry:
                record[key] = max(record.get(key, entry[key]), entry[key])
        if entry.get("cleanup_sequence"):
            record["cleanup_sequence"] = entry["cleanup_sequence"]
        if "error" in entry and not record.get("swept"):
            record["error"] = entry["error"]
        elif "error" not in entry:
            record.pop("error", None)
            record["swept"] = True
        return held

    # -- output -----------------------------------------------------------------------

    def repositories(self) -> list[dict[str, Any]]:
        """Each repository: its path or URL, commits swept, findings, and why it could not
        be swept (``error``), in the order the reports named them."""
        listed = []
        for held in self._repositories.values():
            entry = {k: v for k, v in held.entry.items() if k != "swept"}
            entry["findings"] = held.findings
            entry["failing"] = held.failing
            listed.append(entry)
        return listed

    def findings(self, repository: str) -> Iterator[bytes]:
        """The repository's findings as compact JSON lines (redacted), in arrival order
        (a merger made without ``render``)."""
        for block in self.blocks(repository):
            yield from block[:-1].split(b"\n")

    def blocks(self, repository: str) -> Iterator[bytes]:
        """The repository's findings, in arrival order, in blocks of whole lines of about
        a megabyte at most: each finding's compact JSON line, or its ``render``ed form."""
        held = self._repositories[repository]
        spill, spans = self._spill, held.spans
        for number in range(0, len(spans), 2):
            start, end = spans[number], spans[number + 1]
            spill.seek(start)
            while start < end:
                block = spill.read(min(end - start, BLOCK_BYTES))
                if start + len(block) < end:
                    cut = block.rfind(b"\n") + 1
                    if cut:
                        block = block[:cut]
                        spill.seek(start + cut)
                    else:  # a line longer than a block
                        block += spill.readline()
                start += len(block)
                yield block
        spill.seek(0, os.SEEK_END)

    @property
    def failing(self) -> int:
        return sum(held.failing for held in self._repositories.values())

    @property
    def unswept(self) -> list[str]:
        return [name for name, held in self._repositories.items() if "error" in held.entry]

    def root(self) -> str:
        """The merged report's ``root``: the directory the inputs' roots share."""
        try:
            return os.path.commonpath(self.roots) if self.roots else os.getcwd()
        except ValueError:
            return os.getcwd()


def _pool_context() -> BaseContext:
    """How the worker processes start: from a fork server (a process started for them,
    which has imported what they run, and has no threads), not by forking this process,
    whose threads (the pool's own) a fork would copy in whatever state they are; spawned
    where there is no fork server. docs/performance.md, "merge", gives what it costs."""
    import multiprocessing

    if "forkserver" not in multiprocessing.get_all_start_methods() or not _socket_fits():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(_WORKER_MODULES)
    return context


# The fork server listens on a Unix socket at TMPDIR/pymp-XXXXXXXX/listener-XXXXXXXX; a
# socket's path holds at most 103 bytes on macOS (107 on Linux). Under a deeper TMPDIR the
# server cannot start ("AF_UNIX path too long"): spawned workers use pipes instead.
_SOCKET_PATH_BYTES = 103
_SOCKET_NAME_BYTES = len("/pymp-XXXXXXXX/listener-XXXXXXXX")


def _socket_fits() -> bool:
    import tempfile

    return len(os.fsencode(tempfile.gettempdir())) + _SOCKET_NAME_BYTES <= _SOCKET_PATH_BYTES


# What a worker runs: imported once by the fork server, not by every worker.
_WORKER_MODULES = [
    __name__,
    f"{__package__.rpartition('.')[0]}.reports.sanitize",
    f"{__package__.rpartition('.')[0]}.reports.org_report",
    f"{__package__.rpartition('.')[0].rpartition('.')[0]}.plugins.detection.findings",
]


@dataclass
class Prepared:
    """A report read and checked (in a worker process): what :meth:`Merger.take` adds."""

    source: str
    version: int | None = None
    error: str | None = None
    # The binance-secrets release that wrote the report (``tool_version``), if it says.
    tool_version: str | None = None
    root: str = ""
    entries: list[dict[str, Any]] = field(default_factory=list)
    # The findings, in the report's order: their redacted compact JSON lines (or their
    # rendered forms), each ended by a newline, in one string of bytes; where each starts
    # (and, last, the end);
    # their identities (IDENTITY_BYTES each, one after the other); whether each fails the
    # run (a byte each); and their repositories, as (repository, how many findings) runs.
    lines: bytes = b""
    starts: array = field(default_factory=lambda: array("q", [0]))
    identities: bytes = b""
    failing: bytes = b""
    runs: list[tuple[str, int]] = field(default_factory=list)
    skipped: list[dict[str, Any]] = field(default_factory=list)
    # The values the project config ignored (the report's ``ignored``), redacted.
    ignored: list[dict[str, Any]] = field(default_factory=list)


def prepare_file(
    path: str,
    redact: Callable[[Any], Any],
    ignore_testnet: bool,
    repository: str | None = None,
    clone: str | None = None,
    render: Callable[[dict[str, Any]], str] | None = None,
) -> Prepared:
    """Read the report at ``path`` ("-": standard input) within bounds and :func:`prepare`
    it; what is wrong with it is returned, not raised (this runs in a worker). Read by
    orjson first, and again by ``json.loads`` whenever orjson's reading may not be the
    standard library's (:mod:`binance_secrets.hooks.scanning.merge_json`)."""
    # Nothing a report is read into has a cycle: reference counting frees it all, and the
    # cycle collector, run every few hundred new objects, would only walk them again.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _read_and_prepare(path, redact, ignore_testnet, repository, clone, render)
    finally:
        if collecting:
            gc.enable()


def _read_and_prepare(
    path: str,
    redact: Callable[[Any], Any],
    ignore_testnet: bool,
    repository: str | None,
    clone: str | None,
    render: Callable[[dict[str, Any]], str] | None,
) -> Prepared:
    """:func:`prepare_file`, the collector paused."""
    import sys

    source = "standard input" if path == "-" else f"report {path}"
    try:
        if path == "-":
            raw = read_stream(sys.stdin.buffer, MAX_INPUT_BYTES)
        else:
            raw = read_regular_file(path, MAX_INPUT_BYTES)
    except TooLarge:
        return Prepared(source, error=too_large(source))
    except ReadRefused as error:
        return Prepared(source, error=f"cannot read {source}: it {error}; {HINT}")
    quick = merge_json.loads(raw)
    if quick is not None:
        prepared = _prepare(quick, source, redact, ignore_testnet, repository, clone, render, True)
        if prepared is not None:
            return prepared
    del quick
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        return Prepared(source, error=f"{source} is not UTF-8 text; {HINT}")
    except (ValueError, RecursionError):
        return Prepared(source, error=f"{source} is not JSON; {HINT}")
    del raw
    return prepare(data, source, redact, ignore_testnet, repository, clone, render)


# The fields of a report, of a finding, of a skipped entry and of a repositories entry
# that a merge reads; any other is dropped.
_REPORT_FIELDS = frozenset(
    ("version", "root", "repository", "tool_version", "cleanup_sequence", "commits_swept",
     "findings", "skipped", "ignored", "repositories")
)  # fmt: skip
_FINDING_FIELDS = frozenset(CHECKED) | frozenset(OPTIONAL)
_SKIPPED_FIELDS = frozenset(("path", "reason", "repository"))
_ENTRY_FIELDS = frozenset(("repository", "error", "commits_swept", "cleanup_sequence", "clone"))


def _orjson_reads_as_json(data: dict[str, Any], shapes: set[tuple[str, ...]]) -> bool:
    """Whether orjson's reading of an accepted report is the one ``json.loads`` gives:
    every field the merge drops holds a scalar and nothing the merge copies as it is
    holds a float (:mod:`binance_secrets.hooks.scanning.merge_json`). Every other value
    it keeps has been checked to be a string, an integer of at most 64 bits, true/false
    or null, or a list or object of those. ``shapes``: the findings' field names."""
    findings, ignored = data["findings"], data.get("ignored", [])
    if not merge_json.drops_only_scalars(data, _REPORT_FIELDS):
        return False
    for items, known, kinds in (
        (findings, _FINDING_FIELDS, shapes),
        (ignored, _FINDING_FIELDS, None),
        (data.get("skipped", []), _SKIPPED_FIELDS, None),
        (data.get("repositories") or [], _ENTRY_FIELDS, None),
    ):
        if not all(map(known.issuperset, kinds or set(map(tuple, items)))) and not all(
            merge_json.drops_only_scalars(item, known) for item in items
        ):
            return False
    copied = [
        item[name]
        for name in COPIED_OBJECTS
        if any(name in keys for keys in shapes)
        for item in findings
        if name in item
    ]
    copied += [item[name] for item in ignored for name in COPIED_OBJECTS if name in item]
    return merge_json.float_free(copied)


def prepare(
    data: object,
    source: str,
    redact: Callable[[Any], Any],
    ignore_testnet: bool,
    repository: str | None = None,
    clone: str | None = None,
    render: Callable[[dict[str, Any]], str] | None = None,
) -> Prepared:
    """Check a parsed report (``json.loads``'s reading) whole (one bad field refuses it)
    and turn its findings into the merged report's lines: known fields only,
    ``repository`` set, redacted (and then ``render``ed, when given)."""
    prepared = _prepare(data, source, redact, ignore_testnet, repository, clone, render, False)
    assert prepared is not None  # only orjson's reading is ever sent back
    return prepared


def _prepare(
    data: object,
    source: str,
    redact: Callable[[Any], Any],
    ignore_testnet: bool,
    repository: str | None,
    clone: str | None,
    render: Callable[[dict[str, Any]], str] | None,
    quick: bool,
) -> Prepared | None:
    """:func:`prepare`; with ``quick`` (``data`` is orjson's reading) None instead of a
    refusal, or of a report orjson may not read as ``json.loads`` does: the caller reads
    it again with ``json.loads``, which decides."""
    from ...plugins.detection.findings import fails_run

    version = data.get("version") if isinstance(data, dict) else None
    if not isinstance(data, dict) or type(version) is not int:
        if quick:
            return None
        return Prepared(source, error=f"{source} is not a binance-secrets report; {HINT}")
    if version != REPORT_VERSION:
        return None if quick else Prepared(source, version)
    problem, shapes = _report_problem(data)
    if problem:
        return None if quick else Prepared(source, version, f"{source} refused: {problem}; {HINT}")
    if quick and not _orjson_reads_as_json(data, shapes):
        return None
    own = redact(without_password(repository or data.get("repository") or data["root"]))
    prepared = Prepared(source, version, root=data["root"], tool_version=data.get("tool_version"))
    listed = data.get("repositories")
    if isinstance(listed, list):
        prepared.entries = redact(listed)
    else:
        entry = {"repository": own}
        for key in ("commits_swept", "cleanup_sequence"):
            if key in data:
                entry[key] = redact(data[key])
        if clone is not None:
            entry["clone"] = clone
        prepared.entries = [entry]
    # The same repository is named by every finding of a report that names one (a merged
    # report's): its redacted form is worked out once.
    shown: dict[str, str] = {}
    findings: list[dict[str, Any]] = []
    runs = prepared.runs
    known = all(map(_FINDING_FIELDS.issuperset, shapes))
    if known and (repository or not any("repository" in keys for keys in shapes)):
        # Every field known and every finding in the report's own repository.
        findings = data["findings"]
        for finding in findings:
            finding["repository"] = own
        if findings:
            runs.append((own, len(findings)))
    for item in [] if findings else data["findings"]:
        finding = item if known or shape(item)[1] else known_fields(item)
        named = finding.get("repository")
        if named is None or repository:
            place = own
        else:
            place = shown.get(named) or shown.setdefault(named, redact(without_password(named)))
        finding["repository"] = place
        findings.append(finding)
        if runs and runs[-1][0] == place:
            runs[-1] = (place, runs[-1][1] + 1)
        else:
            runs.append((place, 1))
    texts = merge_json.lines(findings) if quick else [encode(f).encode() for f in findings]
    if texts is None:
        return None
    if texts and max(map(len, texts)) > MAX_FINDING_BYTES:
        if quick:
            return None
        problem = f"a finding is larger than {MAX_FINDING_BYTES} bytes"
        return Prepared(source, version, f"{source} refused: {problem}; {HINT}")
    texts.append(b"")
    lines = b"\n".join(texts)
    written = findings
    if _any_key_shaped(lines, findings):
        written = list(findings)
        for number, finding in enumerate(findings):
            if _key_shaped(texts[number]):
                written[number] = redact(finding)
                texts[number] = encode(written[number]).encode()
        lines = b"\n".join(texts)
    if render is None:
        prepared.lines = lines
        prepared.starts = array("q", accumulate(map((1).__add__, map(len, texts[:-1])), initial=0))
    else:
        records = [render(finding).encode() for finding in written]
        prepared.lines = b"".join(records)
        prepared.starts = array("q", accumulate(map(len, records), initial=0))
    prepared.identities = b"".join([_identity(f["repository"], f) for f in findings])
    prepared.failing = bytes([fails_run(f, ignore_testnet) for f in findings])
    for item in data.get("ignored", []):
        finding = known_fields(item)
        named = finding.get("repository")
        finding["repository"] = own if named is None or repository else named
        prepared.ignored.append(redact(finding))
    prepared.skipped = [
        redact(
            {
                "path": item["path"],
                "reason": item["reason"],
                "repository": own
                if repository or "repository" not in item
                else without_password(item["repository"]),
            }
        )
        for item in data.get("skipped", [])  # optional, as _report_problem reads it
    ]
    return prepared


def _report_problem(data: dict[str, Any]) -> tuple[str | None, set[tuple[str, ...]]]:
    """What is wrong with a report (any version-1 scan, sweep, org sweep or merged report),
    and, when nothing is, the findings' shapes (each distinct list of field names once)."""
    shapes: set[tuple[str, ...]] = set()
    return _first_problem(data, shapes), shapes


def _first_problem(data: dict[str, Any], shapes: set[tuple[str, ...]]) -> str | None:
    """:func:`_report_problem`'s problem; the shapes added to ``shapes``."""
    findings, skipped = data.get("findings"), data.get("skipped", [])
    root = data.get("root")
    if findings is None and isinstance(data.get("keys"), list):
        return "it is a check report (check --format json), not a scan or sweep report"
    if not isinstance(findings, list) or not isinstance(root, str):
        return "it has no root/findings"
    if not (root.startswith("/") and len(root) <= 4096 and "\0" not in root):
        return "its root is not an absolute path"
    if data.get("repository") is not None and not is_repository(data["repository"]):
        return "its repository is not an absolute path or a clone URL"
    written_by = data.get("tool_version")
    if written_by is not None and not (
        isinstance(written_by, str) and re.fullmatch(r"[0-9A-Za-z.+!_-]{1,64}", written_by)
    ):
        return "its tool_version is not a release number"
    if "cleanup_sequence" in data and not _steps(data["cleanup_sequence"]):
        return "its cleanup_sequence is not a short list of texts"
    if "commits_swept" in data and not (
        type(data["commits_swept"]) is int and data["commits_swept"] >= 0
    ):
        return "its commits_swept is not a count"
    if len(findings) > MAX_INPUT_FINDINGS:
        return f"it has more than {MAX_INPUT_FINDINGS} findings"
    if not isinstance(skipped, list) or len(skipped) > MAX_SKIPPED:
        return f"its skipped is not a list of at most {MAX_SKIPPED} entries"
    ignored = data.get("ignored", [])
    if not isinstance(ignored, list) or len(ignored) > MAX_SKIPPED:
        return f"its ignored is not a list of at most {MAX_SKIPPED} entries"
    for item in ignored:
        problem = finding_problem(item) or optional_problem(item)
        if problem:
            return f"{problem} (in ignored)"
    listed = data.get("repositories")
    if listed is not None and not (isinstance(listed, list) and len(listed) <= MAX_REPOSITORIES):
        return f"its repositories is not a list of at most {MAX_REPOSITORIES} entries"
    checked = column_shapes(findings)
    if checked is None:
        for item in findings:
            if not isinstance(item, dict):
                return "a finding is not an object"
            for name, valid, problem in shape(item)[0]:
                if not valid(item.get(name)):
                    return problem
        checked = set(map(tuple, findings))
    shapes.update(checked)
    return next(filter(None, map(skipped_problem, skipped)), None) or next(
        filter(None, map(repository_entry_problem, listed or [])), None
    )
