"""`binance-secrets respond`: the whole leak-response playbook, from the one source."""

from __future__ import annotations

from typing import Any

import click

from ..errors import EXIT_HELP, InputError
from .options import parse_date, quiet_option


@click.command(epilog=EXIT_HELP["respond"])
@click.option(
    "--since",
    metavar="DATE",
    help="When the key was first committed (YYYY-MM-DD, e.g. 2024-05-01); used in the review step.",
)
@click.option(
    "--report",
    metavar="FILE",
    type=click.Path(dir_okay=False),
    help="A `sweep --format json` report: with --format markdown, write the incident write-up.",
)
@click.option(
    "--check",
    "check_report",
    metavar="FILE",
    type=click.Path(dir_okay=False),
    help="A `check --format json` report of the same keys: whether each is live, what it can do.",
)
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text")
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write it here.")
@quiet_option("No note on stderr when the write-up is written to a file.")
def respond(
    since: str | None,
    report: str | None,
    check_report: str | None,
    fmt: str,
    output: str | None,
    quiet: bool,
) -> None:
    """Print what to do now that a Binance API key has leaked; with --report (and --check)
    --format markdown, the incident write-up: what leaked, where and since when, whether it
    is live, the steps taken and still open."""
    import json

    from ...plugins.livecheck.playbook import all_steps

    parse_date(since, "--since")  # refuse "yesterday": the steps would cite it as a date
    if fmt == "markdown" or report or check_report:
        _write_up(report, check_report, fmt, output, quiet)
        return
    if output is not None:
        raise InputError("--output goes with --report and --format markdown")
    steps = all_steps(since)
    if fmt == "json":
        click.echo(json.dumps({"version": 1, "steps": steps}, indent=2))
        return
    import textwrap

    click.echo("A Binance API key leaked. Do this, in order:")
    for number, step in enumerate(steps, start=1):
        lead = f"{number}. "
        click.echo(
            textwrap.fill(
                step,
                width=100,
                initial_indent=lead,
                subsequent_indent=" " * len(lead),
                break_long_words=False,
                break_on_hyphens=False,
            )
        )


def _write_up(
    report: str | None, check_report: str | None, fmt: str, output: str | None, quiet: bool
) -> None:
    """The incident write-up of a sweep report (and a check report), in Markdown; written to
    a file, the sweep's verdict is said on stderr (unless ``quiet``), as scan's, sweep's and
    merge's are."""
    from ..reports.incident import render_incident
    from ..reports.output import emit
    from ..reports.sanitize import redact_strings
    from ..reports.text import summary_line
    from ..scanning.credentials import (
        CredentialError,
        load_check_report,
        load_report,
    )

    if report is None or fmt != "markdown":
        raise InputError(
            "the incident write-up needs both: --report SWEEP.json (from `binance-secrets sweep "
            "--format json`) and --format markdown"
        )
    try:
        sweep = load_report(report)
        check = load_check_report(check_report) if check_report else None
    except CredentialError as error:
        raise InputError(str(error)) from error
    _refuse_other_reports(report, sweep)
    emit(
        "markdown",
        output,
        text=lambda: "",
        as_json=lambda: sweep,
        markdown=lambda data: render_incident(
            data, redact_strings(check) if check else None, report
        ),
        summary=None
        if quiet
        # verbose: no "-v lists them", which respond does not take.
        else lambda: "Incident write-up: "
        + summary_line(
            _dicts(sweep.get("findings")), ignored=_dicts(sweep.get("ignored")), verbose=True
        ),
    )


def _dicts(value: object) -> list[dict[str, Any]]:
    """A report's list field's objects (a report is input: anything else is skipped)."""
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def _refuse_other_reports(name: str, report: dict[str, Any]) -> None:
    """The write-up tells one repository's history. A scan report has none (no commit on
    any finding: it rendered "in commit `?`" and an empty clean-up sequence) and a merged
    or multi-repository report mixes several (each with its own timeline and clean-up)."""
    remedy = "give the report of `binance-secrets sweep --format json --output FILE`"
    if "repositories" in report:
        raise InputError(
            f"report {name} holds several repositories (merge, or sweep of several): the "
            f"write-up is one repository's; sweep that repository alone and {remedy}"
        )
    findings = [f for f in report.get("findings") or [] if isinstance(f, dict)]
    if findings and not any("commit" in finding for finding in findings):
        raise InputError(
            f"report {name} is a scan report: the write-up needs the history a sweep reads; "
            f"{remedy}"
        )
