"""The human report: one block per finding, then what was skipped, then what to do next."""

from __future__ import annotations

from typing import Any

from binance_secrets.hooks.reports import cleanup
from binance_secrets.hooks.reports.sanitize import printable, quote_path
from binance_secrets.plugins.detection.findings import fails_run

# {command}: the command that made the report (scan or sweep), whose JSON check reads.
CHECK_HINT = (
    "Is it live? Run `binance-secrets {command} --format json --output report.json` and then "
    "`binance-secrets check --report report.json` (read-only; the secret never leaves this "
    "machine). What to do now: `binance-secrets respond`."
)


def _pair_text(finding: dict[str, Any]) -> str:
    if finding.get("pair"):
        return f"paired with {finding['pair'][:19]}..."
    if finding["type"] == "Binance API Key":
        return "unpaired (no secret found nearby)"
    return "unpaired (no API key found nearby)"


# What each environment (plugins.detection.environment) means for whoever reads the report.
ENVIRONMENT_TEXT = {
    "production": "production",
    "binance-us": "Binance.US (production; asked on api.binance.us)",
    "testnet": "testnet (no real funds)",
    "demo": "demo trading (no real funds)",
    "unknown": "unknown (treat it as production)",
}


def _label(finding: dict[str, Any], ignore_testnet: bool) -> str:
    if finding.get("example"):
        return " (Binance documentation example, not failing)"
    if not fails_run(finding, ignore_testnet):
        return f" ({finding['environment']}, not failing with --ignore-testnet)"
    return ""


def render_finding(finding: dict[str, Any], ignore_testnet: bool = False) -> list[str]:
    environment = finding.get("environment", "unknown")
    lines = [
        f"{quote_path(finding['path'])}:{finding['line']}: {printable(finding['type'])}"
        f"{_label(finding, ignore_testnet)}",
        f"    value:       {printable(finding['redacted'])}",
        f"    fingerprint: {printable(finding['fingerprint'])}",
        f"    environment: {ENVIRONMENT_TEXT.get(environment, printable(environment))}",
        f"    {_pair_text(finding)}",
    ]
    expired = finding.get("ignore_expired")
    if isinstance(expired, dict):
        lines.append(
            f"    ignore:      void since {printable(str(expired.get('until')))} "
            f"({printable(str(expired.get('source')))}: {printable(str(expired.get('reason')))})"
            "; it fails again: renew or remove the entry"
        )
    if finding.get("commit"):
        lines.extend(_history_lines(finding))
    ignored_by = finding.get("ignored_by")
    if isinstance(ignored_by, dict):
        until = f", until {printable(str(ignored_by['until']))}" if ignored_by.get("until") else ""
        lines.append(
            f"    ignored:     {printable(str(ignored_by.get('reason')))} "
            f"({printable(str(ignored_by.get('source')))}{until})"
        )
    return lines


MAX_REFS_SHOWN = 5


def _ref_list(refs: list[str]) -> str:
    """A few refs, remote-tracking ones first (they mean the key left this machine)."""
    if not refs:
        return "-"
    ordered = sorted(refs, key=lambda name: not name.startswith("refs/remotes/"))
    shown = ", ".join(printable(name) for name in ordered[:MAX_REFS_SHOWN])
    more = len(refs) - MAX_REFS_SHOWN
    return f"{shown} and {more} more (all in --format json)" if more > 0 else shown


def _history_lines(finding: dict[str, Any]) -> list[str]:
    """A sweep finding's history: who added it, where it still is, who can see it."""
    tag = f"tag {finding['tag']} " if finding.get("tag") else ""
    lines = [
        printable(
            f"    introduced:  {tag}{finding['commit'][:12]} by {finding.get('author', '?')} "
            f"on {finding.get('date', '?')}: {finding.get('subject', '')}".rstrip(": ")
        )
    ]
    if "in_head" in finding:
        lines.append(f"    in HEAD:     {cleanup.head_status(finding)}")
    if finding.get("unreachable"):
        where = "the reflog" if finding.get("found_in") == "reflog" else "a dangling commit"
        lines.append(f"    reachable:   no, only in {where} (until git gc prunes it)")
    elif "refs" in finding:
        lines.append(f"    refs:        {_ref_list(finding['refs'])}")
        pushed = (
            "yes (a remote-tracking ref has it)" if finding.get("pushed") else "not that we know"
        )
        lines.append(f"    pushed:      {pushed}")
    also = finding.get("also") or []
    if also:
        lines.append(
            f"    also added:  {len(also)} more time(s), e.g. "
            f"{printable(also[0]['commit'][:12])}:{quote_path(also[0]['path'])}:{also[0]['line']}"
        )
    places = finding.get("cleanup") or []
    for number, place in enumerate(places):
        label = "clean-up:" if number == 0 else ""
        lines.append(f"    {label:<13}- {printable(place['step'])}")
    return lines


def ignored_summary(ignored: list[dict[str, Any]], verbose: bool) -> str:
    """The summary's "2 ignored by .binance-secrets.toml" (and how to list them), or ""."""
    if not ignored:
        return ""
    sources = sorted({str(item["ignored_by"]["source"]).split(":")[0] for item in ignored})
    more = "" if verbose else "; -v lists them"
    return f"{len(ignored)} ignored by {printable(', '.join(sources))}{more}"


def render_text(
    findings: list[dict[str, Any]],
    skipped: list[dict[str, str]],
    command: str = "scan",
    ignore_testnet: bool = False,
    ignored: list[dict[str, Any]] | None = None,
    verbose: bool = False,
    not_read: list[dict[str, str]] | None = None,
) -> str:
    """``ignored``: the values the project config accepts (each with ``ignored_by``),
    counted in the summary and, with ``verbose``, listed. ``not_read``: the inputs named on
    the command line that were skipped; a clean run then says it read less than it was
    given, never a bare "No Binance credentials found."."""
    ignored = ignored or []
    out: list[str] = []
    for finding in findings:
        out.extend(render_finding(finding, ignore_testnet))
        out.append("")
    if verbose and ignored:
        out.append("Ignored by the project config:")
        for item in ignored:
            out.extend(render_finding(item, ignore_testnet))
            out.append("")
    failing = [f for f in findings if fails_run(f, ignore_testnet)]
    examples = sum(1 for f in findings if f.get("example"))
    passing_testnet = len(findings) - len(failing) - examples
    if skipped:
        out.append(f"Skipped {len(skipped)} item(s):")
        out.extend(f"    {quote_path(s['path'])}: {printable(s['reason'])}" for s in skipped)
        out.append("")
    also = ignored_summary(ignored, verbose)
    if failing:
        out.append(f"Found {len(failing)} Binance credential(s){'; ' + also if also else ''}.")
        out.append(CHECK_HINT.format(command=command))
    else:
        reported = [
            f"{count} {what} reported"
            for count, what in (
                (examples, "documentation example(s)"),
                (passing_testnet, "testnet/demo key(s) (--ignore-testnet)"),
            )
            if count
        ] + ([also] if also else [])
        tail = f" ({'; '.join(reported)})" if reported else ""
        if not_read:
            unread = ", ".join(
                f"{quote_path(s['path'])} ({printable(s['reason'])})" for s in not_read
            )
            out.append(
                f"No Binance credentials found{tail} in what was read; {len(not_read)} "
                f"input(s) named on the command line were not read: {unread}."
            )
        else:
            out.append(f"No Binance credentials found{tail}.")
    return "\n".join(out) + "\n"
