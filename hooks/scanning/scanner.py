"""Scan a set of sources: read, skip what is not text, detect, set apart what is accepted."""

from __future__ import annotations

from dataclasses import dataclass, field

from ...plugins.detection.findings import Finding
from ..baseline.load import Baseline
from .accepted import baseline_entry
from .files import Skipped, Source, decode
from .project_config import NO_CONFIG, IgnoreEntry, ProjectConfig


@dataclass
class ScanResult:
    findings: list[Finding] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    files_scanned: int = 0
    # Values the project config or the baseline accepts, with the entry that does (a
    # baseline's as an entry whose source is the baseline); and, for findings kept
    # because their entry's ``until`` has passed, that entry (by id of the finding).
    ignored: list[tuple[Finding, IgnoreEntry]] = field(default_factory=list)
    expired: dict[int, IgnoreEntry] = field(default_factory=dict)

    def findings_json(self) -> list[dict[str, object]]:
        """The findings' report objects; one kept because its ignore entry expired says so
        (``ignore_expired``: that entry's reason, until and source line)."""
        found = []
        for finding in self.findings:
            data = finding.to_json()
            entry = self.expired.get(id(finding))
            if entry is not None:
                data["ignore_expired"] = entry.to_json()
            found.append(data)
        return found

    def ignored_json(self) -> list[dict[str, object]]:
        """The ignored values' report objects, each with ``ignored_by`` (why, and where)."""
        return [{**finding.to_json(), "ignored_by": e.to_json()} for finding, e in self.ignored]

    def failing(self, ignore_testnet: bool = False) -> list[Finding]:
        """Findings that fail a run: everything but Binance's documentation examples (and,
        with ``ignore_testnet``, testnet and demo keys)."""
        return [f for f in self.findings if f.fails(ignore_testnet)]


def scan_sources(
    sources: list[Source],
    max_bytes: int,
    baseline: Baseline | None = None,
    config: ProjectConfig = NO_CONFIG,
    cwd: str = ".",
) -> ScanResult:
    """Scan ``sources`` (their paths relative to ``cwd``); what ``config`` or ``baseline``
    excludes is not read and what either accepts is set apart (``ScanResult.ignored``)."""
    # Detection is imported only now: a commit with nothing key-shaped never loads it.
    from ...plugins.detection import engine
    from ...plugins.detection.numbered import Numbered

    result = ScanResult()
    held: list[tuple[Finding, str]] = []  # named values no context made Binance's
    wheres: dict[str, str] = {}  # a finding's path -> its path relative to the top
    for source in sources:
        if baseline is not None and baseline.excludes_file(source.path):
            continue
        where = config.relative(source.path, cwd)
        if config.excluded(where):
            continue
        if source.size is not None and source.size > max_bytes:
            result.skipped.append(Skipped(source.path, f"larger than {max_bytes} bytes"))
            continue
        try:
            data = source.read()
        except OSError as error:
            result.skipped.append(Skipped(source.path, f"unreadable: {error.strerror or error}"))
            continue
        except Exception as error:  # noqa: BLE001 - e.g. git failing on one blob
            result.skipped.append(Skipped(source.path, f"unreadable: {error}"))
            continue
        if len(data) > max_bytes:
            result.skipped.append(Skipped(source.path, f"larger than {max_bytes} bytes"))
            continue
        text, reason = decode(data)
        if text is None:
            result.skipped.append(Skipped(source.path, reason or "not text"))
            continue
        result.files_scanned += 1
        if not engine.might_contain_secret(text):
            continue

        def limited(line: int, unexamined: int, path: str = source.path) -> None:
            result.skipped.append(Skipped(path, engine.limit_reason(line, unexamined)))

        file_held: list[Finding] = []
        if baseline is None:
            found = engine.scan_text(
                source.path,
                text,
                source.project,
                source.context_path,
                on_limit=limited,
                held=file_held,
            )
        else:
            lines = Numbered(text.splitlines())
            found = engine.scan_numbered_lines(
                source.path,
                lines,
                file_text=text,
                extra_line_filter=baseline.excludes_line,
                project=source.project,
                context_path=source.context_path,
                on_limit=limited,
                held=file_held,
            )
        held.extend((finding, where or "") for finding in file_held)
        wheres.update((finding.path, where or "") for finding in found)
        _keep(result, config, baseline, found, where or "")
    # A value another file showed to be Binance's, named here with nothing else to say so.
    known = [*result.findings, *(finding for finding, _ in result.ignored)]
    wheres.update((finding.path, where) for finding, where in held)
    promoted = engine.found_elsewhere(
        [finding for finding, _ in held], known, lambda path: wheres.get(path, path)
    )
    for finding in promoted:
        _keep(result, config, baseline, [finding], wheres.get(finding.path, ""))
    return result


def _keep(
    result: ScanResult,
    config: ProjectConfig,
    baseline: Baseline | None,
    found: list[Finding],
    where: str,
) -> None:
    """Add ``found`` (at ``where``, relative to the top) to the result: as ignored where the
    project config's entry still holds or the baseline accepts it, as a finding otherwise."""
    for finding in found:
        entry = config.ignored(finding, where) or baseline_entry(baseline, finding)
        if entry is not None:
            result.ignored.append((finding, entry))
            continue
        expired = config.expired(finding, where)
        if expired is not None:
            result.expired[id(finding)] = expired
        result.findings.append(finding)
