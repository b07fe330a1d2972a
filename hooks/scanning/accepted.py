"""What a detect-secrets baseline accepts, in the project config's terms: an ignore entry.

A value a baseline accepts is reported as one the project config ignores (the report's
``ignored`` list, ``ignored_by``, a suppressed SARIF result), with the baseline's name as
its ``source``: accepting a value by adding it to a baseline shows in every report.
"""

from __future__ import annotations

from ...plugins.detection.findings import Finding
from ..baseline.load import Baseline
from .project_config import IgnoreEntry

__all__ = ["baseline_entry"]


def baseline_entry(
    baseline: Baseline | None, finding: Finding, path: str = ""
) -> IgnoreEntry | None:
    """The entry by which ``baseline`` accepts ``finding`` (``path``: where a sweep found
    it, for the baseline's exclude-files regexes), or None."""
    accepted = baseline.acceptance(finding, path) if baseline is not None else None
    if accepted is None or baseline is None:
        return None
    return IgnoreEntry(finding.fingerprint, accepted.reason, accepted.path, source=baseline.source)
