"""Check results as a text table (people) and JSON (machines; docs/live-check.md "Check JSON").

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
    """A summary table (one row per key, most dangerous first), then per key why its risk,
    where it was found, Binance's answer, its permissions and its own steps; the steps all
    keys share (the replacement key, the clean-up) are printed once at the end."""
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
    live = sum(1 for r in results if r.status == "active")
    count = f"{len(results)} key{'s' if len(results) != 1 else ''}, {live} live"
    parts = ["", f"Live check (read-only): {count}, most dangerous first", _table(rows)]
    for r in results:
        parts.append("")
        parts.append(_wrap(f"{r.redacted}: {r.status}, risk {r.risk}. {r.risk_reason}", "", "  "))
        if r.found_at:
            parts.append(_wrap(f"found at {_places(r.found_at)}", "  ", "    "))
        if r.secret_found_at:
            parts.append(_wrap(f"secret that works found at {r.secret_found_at}", "  ", "    "))
        if r.reason:
            parts.append(_wrap(r.reason, "  ", "  "))
        if len(r.hosts_asked) > 1:
            asked = ", ".join(f"{h['url']} ({h['status']})" for h in r.hosts_asked)
            parts.append(_wrap(f"hosts asked: {asked}", "  ", "    "))
        if r.permissions:
            parts.append("  permissions:")
            perm_rows = [
                [f"    {printable(name)}", _yes_no(r.permissions[name])]
                for name in _ordered_permissions(r.permissions)
            ]
            parts.append(_table(perm_rows))
        if r.trading_expires_at:
            parts.append(
                f"  trading permission lapses at {r.trading_expires_at} "
                "(tradingAuthorityExpirationTime)"
            )
        own = [step for step in r.steps if step not in r.shared_steps]
        if own:
            parts.append("  what to do for this key:")
            parts.extend(_numbered(own, "  "))
    shared = _shared_steps(results)
    if shared:
        parts.append("")
        parts.append("Then, for every key above:" if len(results) > 1 else "Then:")
        parts.extend(_numbered(shared, "  "))
    return "\n".join(parts) + "\n"


# Places listed per key; the JSON report has them all.
MAX_PLACES = 5


def _places(places: Sequence[str]) -> str:
    more = len(places) - MAX_PLACES
    return ", ".join(places[:MAX_PLACES]) + (f" and {more} more" if more > 0 else "")


def _numbered(steps: Sequence[str], indent: str) -> list[str]:
    return [
        _wrap(step, f"{indent}{n}. ", " " * len(f"{indent}{n}. "))
        for n, step in enumerate(steps, start=1)
    ]


def _shared_steps(results: Sequence[Any]) -> list[str]:
    """The shared steps of all keys, once each, in playbook order (each key's list is in
    that order; the longest one leads)."""
    lists = sorted((r.shared_steps for r in results), key=len, reverse=True)
    merged: list[str] = []
    for steps in lists:
        merged.extend(step for step in steps if step not in merged)
    return merged
