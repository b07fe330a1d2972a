"""`--verify` for scan and sweep: the live check of what was found, in the same run.

One API key is checked once, however often it was found, with the secret it was paired
with (the check itself dedupes by key and tries the key's other candidate secrets when
Binance rejects the signature). The run's exit code becomes the live check's.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Callable

from ...plugins.detection.findings import API_KEY, Finding
from ..errors import live_check_exit


@dataclass(frozen=True)
class Verified:
    """What --verify adds to a run: the text table with steps, the check JSON, the exit."""

    text: str
    json: dict[str, Any]
    exit_code: int


def verify_findings(
    findings: list[Finding],
    endpoint: str | Sequence[str],
    allow_unofficial_endpoint: bool,
    ca_bundle: str | None,
    fail_on: str,
    since: Mapping[str, str] | None = None,
    where: Callable[[Finding], str] | None = None,
    max_requests: int | None = None,
    try_env_secret: bool = False,
) -> Verified:
    """The live check of ``findings``' keys; ``since``: API key fingerprint -> first commit
    date (UTC, ISO-8601), from a sweep; ``where``: a finding's place for the report.

    A secret found without any key cannot be checked: it counts as unconfirmed.
    BINANCE_API_SECRET is tried for the found keys only with ``try_env_secret``, and the
    output says so."""
    from ...plugins.livecheck.check import check_findings
    from ..reports.check_report import check_results_json, render_check_text
    from ..reports.sanitize import place

    real = [f for f in findings if not f.example]
    results = check_findings(
        real,
        endpoint=endpoint,
        allow_unofficial_endpoint=allow_unofficial_endpoint,
        ca_bundle=ca_bundle,
        since=since,
        where=where or (lambda finding: place(finding.path, finding.line)),
        environ=os.environ if try_env_secret else None,
        max_requests=max_requests,
    )
    keyless_secret = any(f.type != API_KEY and f.pair is None for f in real)
    exit_code = live_check_exit(
        any(r.status == "active" for r in results),
        keyless_secret or any(not r.confirmed for r in results),
        fail_on,
    )
    return Verified(
        render_check_text(results, env_secret=try_env_secret),
        check_results_json(results, try_env_secret),
        exit_code,
    )
