"""Scan a set of sources: read, skip what is not text, detect, drop what a baseline knows."""

from __future__ import annotations

from dataclasses import dataclass, field

from binance_secrets.hooks.scanning.baseline import Baseline
from binance_secrets.hooks.scanning.files import Skipped, Source, decode
from binance_secrets.plugins.detection.findings import Finding


@dataclass
class ScanResult:
    findings: list[Finding] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    files_scanned: int = 0

    def failing(self, ignore_testnet: bool = False) -> list[Finding]:
        """Findings that fail a run: everything but Binance's documentation examples (and,
        with ``ignore_testnet``, testnet and demo keys)."""
        return [f for f in self.findings if f.fails(ignore_testnet)]


def scan_sources(
    sources: list[Source], max_bytes: int, baseline: Baseline | None = None
) -> ScanResult:
    # Detection is imported only now: a commit with nothing key-shaped never loads it.
    from binance_secrets.plugins.detection import engine
    from binance_secrets.plugins.detection.numbered import Numbered

    result = ScanResult()
    for source in sources:
        if baseline is not None and baseline.excludes_file(source.path):
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

        if baseline is None:
            found = engine.scan_text(
                source.path, text, source.project, source.context_path, on_limit=limited
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
            )
            found = [f for f in found if not baseline.accepts(f)]
        result.findings.extend(found)
    return result
