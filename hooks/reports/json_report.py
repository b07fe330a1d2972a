"""The JSON report: version 1, documented in the README ("JSON report").

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
) -> dict[str, Any]:
    """The report; ``keys`` is a live check's JSON (with --verify), whose ``keys`` list is
    added as the report's ``keys`` (the check report's schema, README "Check JSON")."""
    report: dict[str, Any] = {"version": REPORT_VERSION, "root": root}
    report.update(extra or {})
    report["findings"] = findings
    report["skipped"] = skipped
    if keys is not None:
        report["keys"] = keys.get("keys", [])
    return report
