"""The JSON report: version 1, documented in docs/ci.md ("JSON report").

Later commands extend a finding with more keys (sweep: commit, author, ...); they never
change or remove these. Findings are dicts from ``Finding.to_json()``: no value ever.
"""

from __future__ import annotations

from typing import Any

REPORT_VERSION = 1


def build_report(
    findings: list[dict[str, Any]],
    skipped: list[dict[str, str]],
    root: str,
    extra: dict[str, Any] | None = None,
    keys: dict[str, Any] | None = None,
    ignored: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """The report; ``keys`` is a live check's JSON (with --verify), whose ``keys`` list is
    added as the report's ``keys`` (the check report's schema, docs/live-check.md "Check JSON").
    ``ignored``: the findings the project config or a baseline accepts, each with
    ``ignored_by`` (its reason, path, until and source: the config's line, or the
    baseline): listed, never failing, never checked."""
    from .provenance import stamp

    report: dict[str, Any] = {"version": REPORT_VERSION, **stamp(), "root": root}
    report.update(extra or {})
    report["findings"] = [_locatable(finding) for finding in findings]
    report["ignored"] = [_locatable(finding) for finding in ignored or []]
    report["skipped"] = skipped
    if keys is not None:
        report["keys"] = keys.get("keys", [])
    return report


def _locatable(finding: dict[str, Any]) -> dict[str, Any]:
    """The finding, with ``path_fingerprint`` when its path holds a key-shaped value.

    Every string of a report is redacted on the way out (a file named after its key must
    not publish the key), and a redacted path names no file: ``check --report`` could no
    longer re-read the value and answered "could not be confirmed" (exit 3) for a key in
    a file such as ``keys/<key>.env``. The fingerprint of the exact path lets ``check``
    find that file again among the files under the report's root (or in the commit's
    tree), with the same confinement as any path (no ``..``, no symlinks, regular files,
    bounded reads), while the report still holds no key: like the value's fingerprint,
    a sha256 tells nothing about the name. Ordinary paths get no such field."""
    from ...plugins.detection.findings import path_fingerprint
    from .sanitize import redact_text

    path = finding.get("path")
    if not isinstance(path, str) or redact_text(path) == path:
        return finding
    return {**finding, "path_fingerprint": path_fingerprint(path)}
