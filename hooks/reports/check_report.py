"""Check results as a text table (people) and JSON (machines; README "Check JSON").

Results hold only fingerprints and redacted forms, so nothing rendered here can contain a
full key or secret.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from binance_secrets.hooks.reports.sanitize import printable
from binance_secrets.plugins.livecheck.binance_api import ACCOUNT_FIELDS, RESTRICTION_FIELDS

CHECK_VERSION = 1
WIDTH = 100  # wrap reasons and steps; URLs are never broken


def check_results_json(results: Sequence[Any]) -> dict[str, Any]:
    """``{"version": 1, "keys": [KeyResult.to_json(), ...]}``."""
    return {"version": CHECK_VERSION, "keys": [result.to_json() for result in results]}


def _yes_no(value: bool | None) -> str:
    return "-" if value is None else ("yes" if value else "no")


def _ordered_permissions(permissions: dict[str, bool]) -> list[str]:
    known = [f for f in (*RESTRICTION_FIELDS, *ACCOUNT_FIELDS) if f in permissions]
    return known + sorted(f for f in permissions if f not in known)


def _table(rows: list[list[str]]) -> str:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join(
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip() for row in rows
    )


def _wrap(text: str, first: str, rest: str) -> str:
    import textwrap

    return textwrap.fill(
        printable(text),
        width=WIDTH,
        initial_indent=first,
        subsequent_indent=rest,
        break_long_words=False,
        break_on_hyphens=False,
    )


def render_check_text(results: Sequence[Any]) -> str:
    """A summary table (one row per key), then per key its permissions, reason and steps."""
    if not results:
        return "\nNo API keys to check.\n"
    rows = [["KEY", "STATUS", "RISK", "IP-RESTRICTED", "CREATED", "AGE"]]
    for r in results:
        rows.append(
            [
                printable(r.redacted),
                r.status,
                r.risk,
                _yes_no(r.ip_restricted),
                (r.created_at or "-")[:10],
                f"{r.age_days}d" if r.age_days is not None else "-",
            ]
        )
    parts = ["", "Live check (read-only):", _table(rows)]
    for r in results:
        parts.append("")
        parts.append(f"{printable(r.redacted)}: {r.status}, risk {r.risk}")
        if r.reason:
            parts.append(_wrap(r.reason, "  ", "  "))
        if r.permissions:
            parts.append("  permissions:")
            perm_rows = [
                [f"    {printable(name)}", _yes_no(r.permissions[name])]
                for name in _ordered_permissions(r.permissions)
            ]
            parts.append(_table(perm_rows))
        if r.steps:
            parts.append("  what to do:")
            for n, step in enumerate(r.steps, start=1):
                parts.append(_wrap(step, f"  {n}. ", " " * len(f"  {n}. ")))
    return "\n".join(parts) + "\n"
