"""When a report was made and by which version of the tool: the first fields of every JSON
report (scan, sweep, check), so a security lead can tell an old report from a new one."""

from __future__ import annotations

from datetime import datetime, timezone


def tool_version() -> str:
    """binance-secrets' installed version ("0" when run from a tree that is not installed).

    Imported here: importlib.metadata (and the email package it loads) costs every start-up
    CPU time, and only the reports that are written name the version."""
    from importlib import metadata

    try:
        return metadata.version("binance-secrets")
    except metadata.PackageNotFoundError:
        return "0"


def generated_at() -> str:
    """Now, in UTC, ISO 8601 to the second: ``2026-12-06T22:46:33Z``."""
    now = datetime.now(timezone.utc).replace(microsecond=0)
    return now.isoformat().replace("+00:00", "Z")


def stamp() -> dict[str, str]:
    """``generated_at`` and ``tool_version``, in that order."""
    return {"generated_at": generated_at(), "tool_version": tool_version()}
