"""`binance-secrets merge`: many scan and sweep reports (a CI matrix's), one report."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from ..errors import EXIT_CLEAN, EXIT_FOUND, EXIT_HELP, EXIT_USAGE, InputError
from ..reports.output import FORMATS
from .options import ignore_testnet_option, jobs_option, quiet_option, verbose_option

if TYPE_CHECKING:
    from ..scanning.merge import Merger


@click.command(epilog=EXIT_HELP["merge"])
@click.argument("reports", nargs=-1, required=True, metavar="REPORT...")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write the report here.")
@jobs_option(
    "Reports read and checked at once, each by its own process; the merged report is "
    "the same for any number [cores]."
)
@ignore_testnet_option
@quiet_option("No verdict on stderr when the report is written to a file.")
@verbose_option(
    "Text: list each repository's ignored values with their reasons, and full fingerprints."
)
def merge(
    reports: tuple[str, ...],
    fmt: str,
    output: str | None,
    jobs: int | None,
    ignore_testnet: bool,
    quiet: bool,
    verbose: bool,
) -> None:
    """Merge JSON reports of `scan`, `sweep` and `merge` (REPORT: a file, or - for standard
    input) into one report of the same schema.

    Every finding keeps its `repository` (the report's repository or root); the same value
    at the same place of the same repository is kept once. Reports of different versions
    are refused. Each report is checked field by field before it is used: a report is
    input from elsewhere (a CI job's artifact).
    """
    merger = read_reports(reports, ignore_testnet, jobs, fmt, verbose)
    with merger:
        extra = {"merged_reports": merger.reports}
        write_report(merger, fmt, output, ignore_testnet, extra, quiet, verbose)
        raise SystemExit(exit_code(merger))


def read_reports(
    reports: tuple[str, ...], ignore_testnet: bool, jobs: int | None, fmt: str, verbose: bool
) -> Merger:
    """Every report read and checked into one merged view (close it when done), ``jobs``
    processes reading them (None: one per core), its findings held ready for ``fmt``
    (``verbose``: text with full fingerprints)."""
    from ..reports.org_report import rendering
    from ..reports.sanitize import redact_strings
    from ..scanning.merge import MergeError, Merger

    if reports.count("-") > 1:
        raise InputError("standard input (-) can be given once; save the other reports to files")
    merger = Merger(redact_strings, ignore_testnet, rendering(fmt, ignore_testnet, verbose))
    try:
        merger.add_files(list(reports), jobs)
    except MergeError as error:
        merger.close()
        raise InputError(str(error)) from error
    return merger


def write_report(
    merger: Merger,
    fmt: str,
    output: str | None,
    ignore_testnet: bool,
    extra: dict[str, Any],
    quiet: bool = False,
    verbose: bool = False,
) -> None:
    """The merged view in ``fmt`` to ``output`` (or standard output); written to a file,
    its verdict is said on standard error (unless ``quiet``), so a CI log shows it, as
    scan's and sweep's do. ``verbose``: the text lists the ignored values."""
    from ..reports import org_report
    from ..reports.output import writing
    from ..reports.sanitize import printable

    with writing(output) as handle:
        if fmt == "json":
            org_report.write_json(merger, handle, extra)
        elif fmt == "sarif":
            org_report.write_sarif(merger, handle, ignore_testnet)
        else:
            org_report.write_text(merger, handle, ignore_testnet, verbose)
    if output not in (None, "-") and not quiet:
        verdict = org_report.summary_line(merger)
        click.echo(f"binance-secrets: {verdict} Report: {printable(str(output))}", err=True)


def exit_code(merger: Merger) -> int:
    """1 when a value fails the run, else 2 when a repository could not be swept, else 0."""
    if merger.failing:
        return EXIT_FOUND
    return EXIT_USAGE if merger.unswept else EXIT_CLEAN
