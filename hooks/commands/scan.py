"""`binance-secrets scan` and `binance-secrets plugin-path`."""

from __future__ import annotations

import contextlib
import os

import click

from ..errors import EXIT_CLEAN, EXIT_FOUND, EXIT_HELP, InputError
from ..reports.output import emit
from .config_from import acceptance_at, config_from_option, repository_at
from .deferred_import import requests_deferred
from .options import (
    color_option,
    ignore_testnet_option,
    max_file_size_option,
    project_config_at,
    quiet_option,
    report_options,
    verbose_option,
    verify_options,
)


@click.command(epilog=EXIT_HELP["scan"])
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--staged", is_flag=True, help="Scan the staged (index) content, not the work tree.")
@click.option("--all-files", is_flag=True, help="In a git work tree, also scan files git ignores.")
@report_options
@click.option(
    "--baseline",
    type=click.Path(dir_okay=False),
    help="A detect-secrets baseline; what it records is listed as ignored, not failing "
    "(unless audited as a real secret). Default: .secrets.baseline at the repository's "
    "top, when it exists.",
)
@config_from_option
@max_file_size_option("Skip (and report) files larger than this many bytes.")
@ignore_testnet_option
@verify_options
@quiet_option("No warnings on stderr; no text output when nothing is found.")
@verbose_option(
    "List what is not failing or not read (ignored values with their reasons, "
    "documentation examples, skipped files) and full fingerprints."
)
@color_option
@click.option(
    "--hook",
    type=click.Choice(["pre-commit", "git"]),
    help=(
        "Run as that commit hook: silent when clean; a blocked commit says what to do "
        "(fix, false positive, bypass, live check)."
    ),
)
def scan(
    paths: tuple[str, ...],
    staged: bool,
    all_files: bool,
    fmt: str,
    output: str | None,
    baseline: str | None,
    config_from: str | None,
    max_file_size: int,
    ignore_testnet: bool,
    verify: bool,
    endpoint: tuple[str, ...],
    allow_unofficial_endpoint: bool,
    ca_bundle: str | None,
    fail_on: str,
    max_keys: int,
    try_env_secret: bool,
    quiet: bool,
    verbose: bool,
    color: str,
    hook: str | None,
) -> None:
    """Scan files or directories (default: .) for Binance credentials.

    Honours the project config (.binance-secrets.toml, or [tool.binance-secrets] in
    pyproject.toml) at the repository's top: its [[ignore]] entries and [exclude] paths.
    """
    from ..baseline.load import BaselineError, load_baseline
    from ..scanning.files import (
        SourceError,
        disk_sources,
        git_toplevel,
        staged_sources,
    )
    from ..scanning.scanner import scan_sources

    root = os.getcwd()
    if staged and paths:
        raise click.UsageError("--staged scans the whole index; give no PATHs with it.")
    top = git_toplevel(root) or root
    loaded = None
    if config_from is not None:
        config, loaded = acceptance_at(repository_at(top), config_from, quiet)
    else:
        config = project_config_at(top)
    came_with_checkout = not baseline
    baseline = baseline or (default_baseline(root, top) if config_from is None else None)
    if baseline:
        try:
            loaded = load_baseline(baseline, checkout=top if came_with_checkout else None)
        except BaselineError as error:
            raise InputError(str(error)) from error
        from ..reports.sanitize import printable

        for warning in loaded.warnings if not quiet else ():
            click.echo(f"warning: {printable(warning)}", err=True)
    try:
        if staged:
            sources, skipped = staged_sources(root)
        else:
            sources, skipped = disk_sources(list(paths) or ["."], root, all_files, max_file_size)
    except SourceError as error:
        raise InputError(str(error)) from error

    with contextlib.nullcontext() if verify else requests_deferred():
        result = scan_sources(sources, max_file_size, loaded, config, root)
    result.skipped[:0] = skipped
    findings_json = result.findings_json()
    ignored_json = result.ignored_json()
    skipped_json = [s.to_json() for s in result.skipped]
    named = {s.path for s in sources if s.named} | {s.path for s in skipped if s.named}
    not_read = [s.to_json() for s in result.skipped if s.path in named]

    check_text, check_json = "", None
    failing = result.failing(ignore_testnet)
    exit_code = EXIT_FOUND if failing else EXIT_CLEAN
    if verify and failing:
        from .verify_option import verify_findings

        verified = verify_findings(
            failing,
            endpoint,
            allow_unofficial_endpoint,
            ca_bundle,
            fail_on,
            max_requests=max_keys,
            try_env_secret=try_env_secret,
        )
        check_text, check_json, exit_code = verified.text, verified.json, verified.exit_code

    # Each report module is imported only for its format: report_sarif needs
    # importlib.metadata, which alone costs a clean pre-commit run a fifth of its time.
    def as_text() -> str:
        if (hook or quiet) and not failing:
            return ""  # a hook is quiet when the commit goes through
        if hook and "GIT_INDEX_FILE" in os.environ:  # git sets it for a commit's hooks only
            from ..reports.blocked import render_blocked
            from ..scanning.credentials import committed_fingerprints

            committed = committed_fingerprints(root, [f.path for f in failing])
            return render_blocked(findings_json, hook, ignore_testnet, committed) + check_text
        from ..reports import text as report_text

        # `pre-commit run` outside a commit: its environment is not on PATH either.
        program = "binance-secrets"
        if hook:
            from ..reports.blocked import own_command

            program = own_command()
        return (
            report_text.render_text(
                findings_json,
                skipped_json,
                ignore_testnet=ignore_testnet,
                ignored=ignored_json,
                verbose=verbose,
                not_read=not_read,
                colour=colour,
                program=program,
                live_checked=bool(check_text),
                # what chose the input, for the hint's JSON of it (a hook's paths are
                # pre-commit's list of the files committed: the tree is scanned instead)
                rerun=() if hook else rerun_arguments(staged, all_files, paths),
            )
            + check_text
        )

    def as_json() -> dict:
        from ..reports import json_report as report_json

        return report_json.build_report(
            findings_json, skipped_json, root, extra=None, keys=check_json, ignored=ignored_json
        )

    def as_sarif() -> dict:
        from ..reports import sarif as report_sarif

        return report_sarif.render_sarif(findings_json, root, ignore_testnet, ignored_json)

    from ..reports.colour import colour_wanted

    colour = fmt == "text" and not hook and colour_wanted(color, output)
    emit(
        fmt,
        output,
        text=as_text,
        as_json=as_json,
        as_sarif=as_sarif,
        colour=colour,
        summary=None
        if quiet
        else lambda: _summary(findings_json, ignore_testnet, ignored_json, not_read),
    )
    if not (hook or quiet):
        _say_skipped(skipped_json, verbose)
        if failing and came_with_checkout and baseline is None and config_from is None:
            _say_unused_baseline(root, top)
    raise SystemExit(exit_code)


def rerun_arguments(staged: bool, all_files: bool, paths: tuple[str, ...]) -> tuple[str, ...]:
    """The arguments that chose what a scan read, to repeat in a command that writes the
    JSON of the same input; a path starting with "-" follows a "--"."""
    options = (*(("--staged",) if staged else ()), *(("--all-files",) if all_files else ()))
    dashes = ("--",) if any(path.startswith("-") and path != "-" for path in paths) else ()
    return (*options, *dashes, *paths)


def _summary(
    findings: list[dict],
    ignore_testnet: bool,
    ignored: list[dict],
    not_read: list[dict[str, str]] | None = None,
) -> str:
    from ..reports.text import summary_line

    return summary_line(findings, ignore_testnet, ignored, not_read=not_read)


def _say_skipped(skipped: list[dict[str, str]], verbose: bool) -> None:
    """What was not read, on standard error: one line with a count, each item with -v."""
    from ..reports.text import skipped_lines

    for line in skipped_lines(skipped, verbose):
        click.echo(line, err=True)


def default_baseline(cwd: str, top: str) -> str | None:
    """``.secrets.baseline`` at the repository's top, when the scan runs there (as hooks
    and CI do: a baseline's file names are relative to that top) and the file exists: the
    baseline a blocked commit's advice (`binance-secrets baseline`) creates is then
    honoured without `--baseline` in the hook's arguments."""
    from ..baseline.writer import DEFAULT_BASELINE

    path = os.path.join(top, DEFAULT_BASELINE)
    if os.path.realpath(cwd) != os.path.realpath(top) or not os.path.lexists(path):
        return None
    return DEFAULT_BASELINE


def _say_unused_baseline(cwd: str, top: str) -> None:
    """Below the top, ``.secrets.baseline`` is not used (:func:`default_baseline`): what it
    accepts fails here but not at the top, so say why, and where to run instead."""
    import shlex

    from ..baseline.writer import DEFAULT_BASELINE
    from ..reports.sanitize import printable

    path = os.path.join(top, DEFAULT_BASELINE)
    if os.path.realpath(cwd) == os.path.realpath(top) or not os.path.lexists(path):
        return
    click.echo(
        f"note: {printable(path)} was not used: its file names are relative to the "
        f"repository's top; run the scan there (cd {printable(shlex.quote(top))}) to honour it",
        err=True,
    )


@click.command("plugin-path", epilog=EXIT_HELP["plugin-path"])
def plugin_path() -> None:
    """Print the path of the detect-secrets plugin file (for --plugin and baselines)."""
    from ...plugins import binance_detector

    click.echo(os.path.abspath(binance_detector.__file__))
