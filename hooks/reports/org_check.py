"""`check --report` on a report of many repositories: live keys first, clean-up per repository.

One key copied into several repositories (a forked bot) is checked once; its places are
``repository:commit:path:line``. What is left to say per repository is how to clean it:
its own sweep's clean-up sequence when the report holds one, else the command that prints
it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ...plugins.livecheck.check import RISK_ORDER
from .sanitize import printable


def live_first(results: Sequence[Any]) -> list[Any]:
    """Live keys first, then the rest; most dangerous first within each."""
    order = {risk: number for number, risk in enumerate(RISK_ORDER)}
    return sorted(
        results, key=lambda r: (r.status != "active", order.get(r.risk, len(RISK_ORDER)))
    )


def _default_steps(repository: str) -> list[str]:
    return [
        "Delete the key at Binance first: cleaning history does not make a leaked key safe.",
        f"Sweep this repository for the clean-up sequence of every place a copy lives: "
        f"`binance-secrets sweep {repository} --replacements FILE` (FILE outside it).",
    ]


def plan(
    groups: dict[str, tuple[Any, list[dict[str, Any]]]],
    data: dict[str, Any],
    results: Sequence[Any],
) -> list[dict[str, Any]]:
    """Each repository holding a value (``groups``: repository -> (its directory, its
    findings)): its checked keys, most dangerous first, and its clean-up steps;
    repositories ordered by their most dangerous key."""
    rank = {result.fingerprint: number for number, result in enumerate(results)}
    steps = {
        entry["repository"]: entry.get("cleanup_sequence") or []
        for entry in data.get("repositories") or []
    }
    planned: list[dict[str, Any]] = []
    for repository, (_, findings) in groups.items():
        held = {f["fingerprint"] for f in findings if not f.get("example")}
        if not held:
            continue
        keys = sorted(
            (r for r in results if r.fingerprint in held), key=lambda r: rank[r.fingerprint]
        )
        planned.append(
            {
                "repository": repository,
                "keys": [
                    {
                        "fingerprint": r.fingerprint,
                        "redacted": r.redacted,
                        "status": r.status,
                        "risk": r.risk,
                    }
                    for r in keys
                ],
                "values": len(held),
                "cleanup_sequence": steps.get(repository) or _default_steps(repository),
            }
        )
    planned.sort(key=lambda p: rank[p["keys"][0]["fingerprint"]] if p["keys"] else len(rank))
    return planned


def render(planned: list[dict[str, Any]]) -> str:
    if not planned:
        return ""
    lines = ["", "Clean-up, per repository (most dangerous first):"]
    for entry in planned:
        keys = ", ".join(f"{k['redacted']} {k['status']}, risk {k['risk']}" for k in entry["keys"])
        lines.append(
            f"  {printable(entry['repository'])}: {entry['values']} value(s)"
            + (f"; keys: {printable(keys)}" if keys else "")
        )
        lines.extend(
            f"    {number}. {printable(step)}"
            for number, step in enumerate(entry["cleanup_sequence"], start=1)
        )
    return "\n".join(lines) + "\n"
