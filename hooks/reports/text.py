"""The human report: one block per finding, then what was skipped, then what to do next."""

from __future__ import annotations

import shlex
from typing import Any

from ...plugins.detection.findings import fails_run
from . import cleanup_text as cleanup
from .colour import paint
from .sanitize import printable, quote_path

# {command}: the command that made the report (scan or sweep), whose JSON check reads, and
# {args} the arguments that chose what it read (its paths, --staged, a sweep's repository
# and range), so the JSON is of the same input; {program}: how to run binance-secrets where
# the report is read (a hook's own console script when its environment is not on PATH).
# The report goes outside the work tree (in the home directory): it is evidence to keep,
# and inside the work tree `git add -A` would commit it, or a history rewrite reset it.
REPORT_PATH = "~/binance-secrets-{command}.json"
CHECK_HINT = (
    "Is it live? Run `{program} {command} --format json --output {report}{args}` and then "
    "`{program} check --report {report}` (read-only; the secret never leaves this "
    "machine). Keep that report outside the repository: it is the incident's evidence. "
    "What to do now: `{program} respond`."
)
# A scan of standard input: it cannot be read again for a report, nor its values by check.
STDIN_CHECK_HINT = (
    "Is it live? Standard input cannot be read again: type the key and its secret at a "
    "hidden prompt, `{program} check --prompt` (read-only; the secret never leaves this "
    "machine). What to do now: `{program} respond`."
)


def check_hint(program: str, command: str, rerun: tuple[str, ...]) -> str:
    """The closing "Is it live?" line: ``rerun``, the arguments that chose the input, are
    repeated (shell-quoted) in the command that writes the JSON, or, for standard input
    (``-``), the hidden prompt instead."""
    if "-" in rerun:
        return STDIN_CHECK_HINT.format(program=program)
    args = "".join(f" {shlex.quote(printable(arg))}" for arg in rerun)
    report = REPORT_PATH.format(command=command)
    return CHECK_HINT.format(program=program, command=command, args=args, report=report)


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
    if finding.get("partial"):
        whole = str(finding.get("partial_of", ""))[:19]
        return (
            f" (partial value: the first {finding.get('characters', '?')} characters of "
            f"{printable(whole)}...; the replacements file replaces it too)"
        )
    if finding.get("example"):
        return " (Binance documentation example, not failing)"
    if not fails_run(finding, ignore_testnet):
        return f" ({finding['environment']}, not failing with --ignore-testnet)"
    return ""


# Text shows a fingerprint's first 12 hex digits (as `paired with` and the clean-up markers
# do); -v and the JSON report show it whole, as `binance-secrets ignore` takes it.
SHORT_FINGERPRINT = len("sha256:") + 12


def short_fingerprint(fingerprint: str) -> str:
    return printable(fingerprint[:SHORT_FINGERPRINT])


def render_finding(
    finding: dict[str, Any], ignore_testnet: bool = False, verbose: bool = False
) -> list[str]:
    environment = finding.get("environment", "unknown")
    fingerprint = str(finding["fingerprint"])
    lines = [
        f"{quote_path(finding['path'])}:{finding['line']}: {printable(finding['type'])}"
        f"{_label(finding, ignore_testnet)}",
        f"    value:       {printable(finding.get('redacted', '?'))}",
        f"    fingerprint: {printable(fingerprint) if verbose else short_fingerprint(fingerprint)}",
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
        lines.append(f"    pushed:      {printable(cleanup.pushed_text(finding))}")
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


def _source_file(item: dict[str, Any]) -> str:
    """The file that accepts an ignored value: its ``ignored_by`` source without the line
    (``.binance-secrets.toml:4``; a baseline's source is its name alone)."""
    source = str(item["ignored_by"]["source"])
    name, colon, line = source.rpartition(":")
    return name if colon and line.isdigit() else source


def ignored_sources(ignored: list[dict[str, Any]]) -> list[str]:
    """The files that accept the ``ignored`` values (config files, baselines), sorted."""
    return list(ignored_by_source(ignored))


def ignored_by_source(ignored: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    grouped: dict[str, list[dict[str, Any]]] = {}
    for item in ignored:
        grouped.setdefault(_source_file(item), []).append(item)
    return dict(sorted(grouped.items()))


def ignored_summary(ignored: list[dict[str, Any]], verbose: bool) -> str:
    """The summary's "2 ignored by .binance-secrets.toml, 1 by .secrets.baseline" (and how
    to list them), or ""."""
    if not ignored:
        return ""
    counts = [
        f"{len(items)} {'by' if number else 'ignored by'} {printable(source)}"
        for number, (source, items) in enumerate(ignored_by_source(ignored).items())
    ]
    more = "" if verbose else "; -v lists them"
    return ", ".join(counts) + more


def examples_line(count: int, verbose: bool) -> str:
    """Binance's documentation examples, collapsed: they never fail a run."""
    values = "value" if count == 1 else "values"
    more = "" if verbose else "; -v lists them"
    return f"{count} documentation example {values}, not failing{more}"


def summary_line(
    findings: list[dict[str, Any]],
    ignore_testnet: bool = False,
    ignored: list[dict[str, Any]] | None = None,
    verbose: bool = False,
    not_read: list[dict[str, str]] | None = None,
) -> str:
    """The run's verdict in one line: "Found 2 Binance credential(s)." or "No Binance
    credentials found (...)." with what was reported without failing and what named
    input was not read."""
    failing = [f for f in findings if fails_run(f, ignore_testnet)]
    examples = sum(1 for f in findings if f.get("example"))
    passing_testnet = len(findings) - len(failing) - examples
    also = ignored_summary(ignored or [], verbose)
    if failing:
        return f"Found {len(failing)} Binance credential(s){'; ' + also if also else ''}."
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
        unread = ", ".join(f"{quote_path(s['path'])} ({printable(s['reason'])})" for s in not_read)
        return (
            f"No Binance credentials found{tail} in what was read; {len(not_read)} "
            f"input(s) named on the command line were not read: {unread}."
        )
    return f"No Binance credentials found{tail}."


def skipped_lines(skipped: list[dict[str, str]], verbose: bool) -> list[str]:
    """What was not read, for standard error: one line with a count (``verbose``: each
    item with its reason), so a clean run's report stays the verdict alone."""
    if not skipped:
        return []
    if not verbose:
        reasons = sorted({str(s.get("reason", "")).split(":")[0].split(" (")[0] for s in skipped})
        kinds = printable(", ".join(reasons[:4]) + (", ..." if len(reasons) > 4 else ""))
        return [f"Skipped {len(skipped)} item(s) ({kinds}); -v lists them"]
    return [f"Skipped {len(skipped)} item(s):"] + [
        f"    {quote_path(s['path'])}: {printable(s['reason'])}" for s in skipped
    ]


def render_text(
    findings: list[dict[str, Any]],
    skipped: list[dict[str, str]],
    command: str = "scan",
    ignore_testnet: bool = False,
    ignored: list[dict[str, Any]] | None = None,
    verbose: bool = False,
    not_read: list[dict[str, str]] | None = None,
    colour: bool = False,
    program: str = "binance-secrets",
    live_checked: bool = False,
    rerun: tuple[str, ...] = (),
) -> str:
    """``ignored``: the values the project config or a baseline accepts (each with
    ``ignored_by``), counted in the summary and, with ``verbose``, listed by source.
    Documentation examples are one line unless ``verbose``. ``not_read``: the inputs
    named on the command line that were skipped; a clean run then says it read less than
    it was given, never a bare "No Binance credentials found.". ``skipped`` is not part of
    the report: the command says :func:`skipped_lines` on standard error. ``program`` is
    how the closing hint runs binance-secrets, ``rerun`` the arguments it repeats
    (:func:`check_hint`); ``live_checked`` (--verify, whose check follows the report) leaves
    that hint out: it says to run the check."""
    del skipped  # said on standard error (skipped_lines), not in the report
    ignored = ignored or []
    out: list[str] = []
    examples = sum(1 for f in findings if f.get("example"))
    for finding in findings:
        if verbose or not finding.get("example"):
            out.extend(render_finding(finding, ignore_testnet, verbose))
            out.append("")
    if examples and not verbose:
        out.append(examples_line(examples, verbose))
    for source, items in ignored_by_source(ignored).items() if verbose else ():
        out.append(f"Ignored by {printable(source)}:")
        for item in items:
            out.extend(render_finding(item, ignore_testnet, verbose))
            out.append("")
    failing = any(fails_run(f, ignore_testnet) for f in findings)
    summary = summary_line(findings, ignore_testnet, ignored, verbose, not_read)
    out.append(paint(summary, "found" if failing else "clean", colour))
    if failing and not live_checked:
        out.append(check_hint(program, command, rerun))
    return "\n".join(out) + "\n"
