"""`--verify` for scan and sweep: the live check of what was found, in the same run.

One API key is checked once, however often it was found, with the secret it was paired
with (the check itself dedupes by pair).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from binance_secrets.plugins.detection.findings import Finding


def verify_findings(
    findings: list[Finding],
    endpoint: str,
    allow_unofficial_endpoint: bool,
    since: Mapping[str, str] | None = None,
) -> tuple[str, dict[str, Any]]:
    """(text table with the tailored steps, the check JSON) for the findings' keys;
    ``since``: API key fingerprint -> first commit date (UTC, ISO-8601), from a sweep."""
    import os

    from binance_secrets.hooks.reports.check_report import check_results_json, render_check_text
    from binance_secrets.plugins.livecheck.check import check_findings

    results = check_findings(
        [f for f in findings if not f.example],
        endpoint=endpoint,
        allow_unofficial_endpoint=allow_unofficial_endpoint,
        ca_bundle=os.environ.get("BINANCE_SECRETS_CA_BUNDLE"),
        since=since,
    )
    return render_check_text(results), check_results_json(results)
