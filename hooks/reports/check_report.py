"""Check results as a text table (people) and JSON (machines; docs/live-check.md "Check JSON").

Results hold only fingerprints and redacted forms, so nothing rendered here can contain a
full key or secret.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ...plugins.livecheck.binance_api import ACCOUNT_FIELDS, RESTRICTION_FIELDS
from .colour import paint
from .sanitize import printable

CHECK_VERSION = 1
WIDTH = 100  # wrap reasons and steps; URLs are never broken


# A key the run did not ask about (budget spent, rate limited or banned) has this reason.
NOT_ASKED = "not asked:"


def not_asked(results: Sequence[Any]) -> list[Any]:
    """The keys the run stopped before asking about."""
    return [r for r in results if r.status == "unknown" and r.reason.startswith(NOT_ASKED)]


def check_results_json(results: Sequence[Any], env_secret: bool = False) -> dict[str, Any]:
    """``{"version": 1, "generated_at": ..., "tool_version": ..., "keys": [KeyResult.to_json(),
    ...], "not_asked": [fingerprint, ...], "env_secret_tried": bool}``: which keys the run
    did not ask about, and whether BINANCE_API_SECRET was tried for keys found in files
    (--try-env-secret)."""
    from .provenance import stamp

    return {
        "version": CHECK_VERSION,
        **stamp(),
        "keys": [result.to_json() for result in results],
        "not_asked": [r.fingerprint for r in not_asked(results)],
        "env_secret_tried": env_secret,
    }


def _yes_no(value: bool | None) -> str:
    return "-" if value is None else ("yes" if value else "no")


def _ordered_permissions(permissions: dict[str, bool]) -> list[str]:
    known = [f for f in (*RESTRICTION_FIELDS, *ACCOUNT_FIELDS) if f in permissions]
    return known + sorted(f for f in permissions if f not in known)


def _table(rows: list[list[str]], painted: Sequence[int] = (), colour: bool = False) -> str:
    """Columns padded to their widest cell; the cells of the ``painted`` columns (below the
    header) coloured by their own word, the padding computed on the plain word."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for number, row in enumerate(rows):
        cells = [
            paint(cell, cell, colour and number > 0 and column in painted)
            + " " * (width - len(cell))
            for column, (cell, width) in enumerate(zip(row, widths))
        ]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


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


def _headline(r: Any, colour: bool) -> str:
    """``KEY: status, risk R. Why.`` wrapped, with the status and risk coloured."""
    plain = f"{printable(r.redacted)}: {r.status}, risk {r.risk}."
    text = _wrap(f"{r.redacted}: {r.status}, risk {r.risk}. {r.risk_reason}", "", "  ")
    if not colour or not text.startswith(plain):
        return text
    painted = (
        f"{printable(r.redacted)}: {paint(r.status, r.status, True)}, "
        f"risk {paint(r.risk, r.risk, True)}."
    )
    return painted + text[len(plain) :]


def _own_steps(r: Any) -> list[str]:
    return [step for step in r.steps if step not in r.shared_steps]


def render_check_text(
    results: Sequence[Any], colour: bool = False, env_secret: bool = False
) -> str:
    """A summary table (one row per key, most dangerous first), then per key why its risk,
    where it was found, Binance's answer, its permissions and its own steps; the steps all
    keys share (the replacement key, the clean-up) are printed once at the end. Keys next
    to each other whose own steps are the same (every key that could not be confirmed gets
    the same ones) get them once, after the last of them."""
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
    parts = [
        "",
        f"Live check (read-only): {count}, most dangerous first",
        _table(rows, painted=(1, 2), colour=colour),
    ]
    if env_secret:
        parts.append(
            "BINANCE_API_SECRET from the environment was also tried for the keys found in "
            "files (--try-env-secret)."
        )
    skipped = not_asked(results)
    if skipped:
        parts.append(
            _wrap(
                f"{len(skipped)} of {len(results)} keys were not asked: "
                f"{skipped[0].reason.removeprefix(NOT_ASKED).strip()}. They are listed as "
                "unknown below.",
                "",
                "  ",
            )
        )
    for index, r in enumerate(results):
        parts.append("")
        parts.append(_headline(r, colour))
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
        own = _own_steps(r)
        following = results[index + 1] if index + 1 < len(results) else None
        if own and following is not None and _own_steps(following) == own:
            continue  # the same steps come once, after the last key that has them
        run = 1
        while index >= run and _own_steps(results[index - run]) == own:
            run += 1
        if own and run > 1:
            names = ", ".join(k.redacted for k in results[index - run + 1 : index + 1])
            parts.append("")
            parts.append(_wrap(f"What to do for each of these {run} keys ({names}):", "", "  "))
            parts.extend(_numbered(own, "  "))
        elif own:
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


def check_summary(results: Sequence[Any]) -> str:
    """The check's verdict in one line (said on stderr when the report goes to a file)."""
    live = sum(1 for r in results if r.status == "active")
    unconfirmed = sum(1 for r in results if not r.confirmed)
    keys = f"{len(results)} key{'s' if len(results) != 1 else ''}"
    return f"Live check: {keys}, {live} live, {unconfirmed} not confirmed."
