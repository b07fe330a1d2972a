"""`binance-secrets sweep`: every Binance credential ever committed, once per value."""

from __future__ import annotations

import contextlib
import os
from typing import TYPE_CHECKING, Any

import click

from ..errors import EXIT_CLEAN, EXIT_FOUND, EXIT_HELP, InputError
from ..reports.output import emit
from .config_from import acceptance_at, config_from_option
from .deferred_import import requests_deferred
from .options import (
    color_option,
    ignore_testnet_option,
    jobs_option,
    max_file_size_option,
    parse_date,
    project_config_at,
    quiet_option,
    sweep_report_options,
    verbose_option,
    verify_options,
)

if TYPE_CHECKING:
    from ...plugins.detection.findings import Finding
    from ..baseline.load import Baseline
    from ..git.repo import Repository
    from ..scanning.project_config import ProjectConfig


@click.command(epilog=EXIT_HELP["sweep"])
@click.argument("repos", nargs=-1, metavar="[PATH_OR_URL]...")
@click.option(
    "--repos",
    "repos_file",
    type=click.Path(dir_okay=False),
    help="Also sweep the repositories listed in this file: one path or clone URL a line, "
    "# comments.",
)
@click.option(
    "--keep-clones",
    type=click.Path(file_okay=False),
    help="Clone URLs into this directory and keep them (default: a temporary one, removed).",
)
@click.option(
    "--reachable-only",
    is_flag=True,
    help="Only commits reachable from refs: skip reflog-only and dangling commits.",
)
@click.option("--since", help="Only commits committed on or after this date (YYYY-MM-DD).")
@click.option(
    "--ref",
    "refs",
    multiple=True,
    help="Only the history of this ref (repeatable); default: every ref, stash, reflog.",
)
@click.option(
    "--range",
    "rev_range",
    metavar="REV-RANGE",
    help="Only the commits of this git revision range: origin/main..HEAD, A...B, SHA^! "
    "(a pull request's commits).",
)
@config_from_option
@sweep_report_options
@max_file_size_option("Do not read blobs larger than this many bytes: git treats them as binary.")
@jobs_option(
    "One repository: git processes to run at once. Several: repositories swept at "
    "once, each by its own process [cores]."
)
@quiet_option("No progress bar or notes on stderr.")
@click.option(
    "--replacements",
    type=click.Path(dir_okay=False),
    help="Write a git filter-repo --replace-text (and --replace-message) file for the "
    "values found (mode 600; it "
    "holds them: keep it outside the repository, delete it after the rewrite) and print "
    "the clean-up sequence.",
)
@click.option(
    "--force",
    is_flag=True,
    help="Overwrite the --replacements file even if binance-secrets did not write it.",
)
@ignore_testnet_option
@verbose_option(
    "List what is not failing or not read (ignored values with their reasons, "
    "documentation examples, skipped items) and full fingerprints."
)
@color_option
@verify_options
def sweep(
    repos: tuple[str, ...],
    repos_file: str | None,
    keep_clones: str | None,
    reachable_only: bool,
    since: str | None,
    refs: tuple[str, ...],
    rev_range: str | None,
    config_from: str | None,
    fmt: str,
    output: str | None,
    max_file_size: int,
    jobs: int | None,
    quiet: bool,
    replacements: str | None,
    force: bool,
    ignore_testnet: bool,
    verbose: bool,
    color: str,
    verify: bool,
    endpoint: tuple[str, ...],
    allow_unofficial_endpoint: bool,
    ca_bundle: str | None,
    fail_on: str,
    max_keys: int,
    try_env_secret: bool,
) -> None:
    """Sweep every commit of each repository (default: .) for Binance credentials: the
    lines each commit added and its whole message.

    Reads every ref, the stash and its entries, notes, and (unless --reachable-only)
    reflog-only and dangling commits. Each distinct value is reported once, at the commit
    that introduced it, with where it still lives and how to clean up each place.
    The project config (.binance-secrets.toml at the work tree's top) and
    .secrets.baseline there are honoured.

    Several repositories (paths, clone URLs, --repos FILE) make one report: a URL is
    cloned bare first, each repository is swept by its own process, every finding names
    its repository, and one that cannot be swept is reported with its reason (exit 2 when
    nothing else failed).
    """
    from . import org_sweep

    if org_sweep.is_many(repos, repos_file, keep_clones):
        if config_from is not None:
            raise InputError(
                "--config-from applies to one repository, not several; sweep one "
                "repository at a time to judge it by one of its commits"
            )
        raise SystemExit(
            org_sweep.from_options(
                repos, repos_file, keep_clones, reachable_only=reachable_only, since=since,
                refs=refs + ((rev_range,) if rev_range else ()), fmt=fmt, output=output,
                max_file_size=max_file_size, jobs=jobs,
                quiet=quiet, replacements=replacements, ignore_testnet=ignore_testnet,
                verify=verify, verbose=verbose,
            )
        )  # fmt: skip
    repo = repos[0] if repos else "."
    from ..git.repo import GitError, RepositoryError, open_repository

    since_iso = parse_date(since, "--since")
    try:
        repository = open_repository(repo)
    except RepositoryError as error:
        raise InputError(str(error)) from error
    if config_from is not None:
        config, baseline = acceptance_at(repository, config_from, quiet)
    else:
        config, baseline = project_acceptance(repository.work_tree, quiet, repository)
    if rev_range is not None:
        if refs:
            raise click.UsageError("--range and --ref cannot be combined; give one of them.")
        refs = range_revisions(repository, rev_range)
    for ref in refs if rev_range is None else ():
        # A ref is later passed to `git rev-list` as a revision: one starting with "-" would
        # be read as an option there, so it is refused here (no ref name starts with "-").
        if ref.startswith("-") or not repository.succeeds(
            "rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}"
        ):
            raise InputError(
                f"--ref {ref}: no such commit or ref in {repository.display}; "
                "list refs with `git for-each-ref`"
            )
    from ..sweep.early import start_early

    # Started before the sweep's own modules are imported, on the core that is idle
    # meanwhile.
    early = start_early(
        repository.git_dir, repository.head is not None, bool(refs) or reachable_only,
        since_iso, not refs,
    )  # fmt: skip
    from ..reports.progress import ProgressBar
    from ..reports.sanitize import printable, quote_path
    from ..sweep.run import sweep as run_sweep

    def note(message: str) -> None:
        if not quiet:
            click.echo(f"note: {printable(message)}", err=True)

    bar = ProgressBar("sweep", "commits", enabled=None if not quiet else False)
    try:
        with contextlib.nullcontext() if verify else requests_deferred():
            result = run_sweep(
                repository,
                refs=list(refs) or None,
                since=since_iso,
                reachable_only=reachable_only,
                max_bytes=max_file_size,
                jobs=jobs,
                on_total=bar.start,
                on_progress=bar.advance,
                early=early,
                config=config,
                baseline=baseline,
            )
    except GitError as error:
        raise InputError(f"cannot read {repository.display}: {error.message}") from error
    bar.finish()
    if result.commits_swept == 0:
        note("no commits to sweep")
    if result.shallow:
        note(
            "this is a shallow clone: commits before its boundary were never fetched and "
            "were not swept; run `git fetch --unshallow` and sweep again"
        )
    if result.submodules:
        note(
            "submodules were not swept (their history is in their own repositories): "
            + ", ".join(quote_path(path) for path in result.submodules)
        )

    findings = [key.finding for key in result.keys]
    wholes = {key.finding.fingerprint: key.finding for key in result.keys if not key.partial_of}
    partials = [
        (key.finding.value, wholes[key.partial_of])
        for key in result.keys
        if key.partial_of in wholes
    ]
    failing = [f for f, key in zip(findings, result.keys) if not f.example and not key.partial_of]
    if replacements is not None and not failing:
        note(f"nothing to replace: {quote_path(replacements)} was not written")
        replacements = None
    if replacements is not None:
        _write_replacements(replacements, failing, force, repository.work_tree, partials)
    findings_json: list[dict[str, Any]] = []
    steps: list[str] = []
    steps_text = ""
    if result.keys:  # clean-up advice (and its four git calls) only for values found
        from ..reports import cleanup_text as cleanup
        from ..sweep.cleanup_plan import checkout_of, lives_in, stale_remotes
        from ..sweep.ref_timeline import History
        from ..sweep.timeline import Budget, timeline_of

        checkout = checkout_of(repository)
        stale = stale_remotes(repository, result.keys, checkout)
        budget = Budget()
        history = History.read(repository) if failing else None
        for key in result.keys:
            data = key.to_json()
            expired = result.expired_json(key)
            if expired is not None:
                data["ignore_expired"] = expired
            gone = stale.get(key.finding.fingerprint)
            data["lives_in"] = lives_in(key, checkout, repository, gone)
            data["pushed_status"] = cleanup.pushed_status(data)
            data["cleanup"] = cleanup.places(data)
            if history is not None and not key.finding.example:
                data["timeline"] = timeline_of(repository, history, key, gone, budget)
            findings_json.append(data)
        steps = cleanup.sequence(
            findings_json, checkout.remotes, replacements, checkout.partial, checkout.bare
        )
        steps_text = cleanup.render_sequence(steps)
    # Commit subjects, author names and tag names are free text and may hold a value whole
    # (a futures testnet key is lowercase hex, which the key-shaped redaction passes):
    # every value found, and every value the detectors find in a subject, is redacted.
    from ..reports.sanitize import detected_values, redact_values
    from ..sweep.run import MESSAGE_PATH

    ignored_json = result.ignored_json()
    values = {key.finding.value for key in [*result.keys, *(key for key, _ in result.ignored)]}
    for subject in {str(data.get("subject") or "") for data in [*findings_json, *ignored_json]}:
        values |= detected_values(subject, MESSAGE_PATH)
    findings_json, ignored_json = redact_values([findings_json, ignored_json], values)
    steps, steps_text = redact_values(steps, values), redact_values(steps_text, values)
    skipped = result.skipped
    extra = {
        "repository": repository.display,
        "shallow": result.shallow,
        "submodules_not_swept": result.submodules,
        "commits_swept": result.commits_swept,
        "cleanup_sequence": steps,
        "scope": {
            **({"range": rev_range} if rev_range is not None else {}),
            "refs": list(refs) or "all",
            "since": since_iso,
            "reachable_only": reachable_only or bool(refs),
            "ignore_testnet": ignore_testnet,
        },
    }

    # What fails the run (and is checked live); the clean-up above covers every non-example.
    counted = [finding for finding in findings if finding.fails(ignore_testnet)]
    check_text, check_json = "", None
    exit_code = EXIT_FOUND if counted else EXIT_CLEAN
    if verify and counted:
        from ..reports.sanitize import place
        from .verify_option import verify_findings

        first_seen = {key.finding.fingerprint: key.first_seen for key in result.keys}
        places = {
            id(key.finding): place(key.finding.path, key.finding.line, key.introduced.commit.sha)
            for key in result.keys
        }
        partial = {id(key.finding) for key in result.keys if key.partial_of}
        verified = verify_findings(
            [finding for finding in counted if id(finding) not in partial],
            endpoint,
            allow_unofficial_endpoint,
            ca_bundle,
            fail_on,
            since=first_seen,
            where=lambda f: places.get(id(f)) or place(f.path, f.line),
            max_requests=max_keys,
            try_env_secret=try_env_secret,
        )
        check_text, check_json, exit_code = verified.text, verified.json, verified.exit_code

    # Each format's module is imported only when that format is written.
    def as_text() -> str:
        from ..reports import text as report_text

        return (
            report_text.render_text(
                findings_json,
                skipped,
                command="sweep",
                ignore_testnet=ignore_testnet,
                ignored=ignored_json,
                verbose=verbose,
                colour=colour,
                live_checked=bool(check_text),
                rerun=(
                    *(("--range", rev_range) if rev_range is not None else ()),
                    # --range's revisions stand in refs by now: only --ref's own are repeated
                    *(arg for ref in refs if rev_range is None for arg in ("--ref", ref)),
                    *(("--since", since) if since else ()),
                    *(("--reachable-only",) if reachable_only else ()),
                    *repos,
                ),
            )
            + steps_text
            + check_text
        )

    def as_json() -> dict:
        from ..reports import json_report as report_json

        return report_json.build_report(
            findings_json,
            skipped,
            repository.display,
            extra=extra,
            keys=check_json,
            ignored=ignored_json,
        )

    def as_sarif() -> dict:
        from ..reports import sarif as report_sarif

        return report_sarif.render_sarif(
            findings_json, repository.work_tree, ignore_testnet, ignored_json
        )

    from ..reports.colour import colour_wanted
    from .scan import _say_skipped, _summary

    def as_markdown(report: dict[str, Any]) -> str:
        from ..reports.incident import render_incident

        return render_incident(report, check_json)

    colour = fmt == "text" and colour_wanted(color, output)
    emit(
        fmt,
        output,
        text=as_text,
        as_json=as_json,
        as_sarif=as_sarif,
        colour=colour,
        summary=None if quiet else lambda: _summary(findings_json, ignore_testnet, ignored_json),
        markdown=as_markdown,
    )
    if not quiet:
        _say_skipped(skipped, verbose)
    if fmt == "sarif" and steps and not quiet:
        click.echo(steps_text, err=True, nl=False)
    raise SystemExit(exit_code)


def range_revisions(repository: Repository, rev_range: str) -> tuple[str, ...]:
    """The revisions a range stands for (``B`` and ``^A`` for ``A..B``, the merge bases
    excluded for ``A...B``, ``SHA`` and ``^parents`` for ``SHA^!``), as ``git rev-parse``
    expands it: git's own syntax, all of it. The value goes after git's hardened options
    and ``--end-of-options``, and one starting with ``-`` is refused before git sees it;
    every revision git answers must be a commit (``^`` allowed), or the range is refused."""
    from ..git.repo import is_object_id
    from ..reports.sanitize import printable

    shown = printable(rev_range)
    hint = (
        "give a revision range git knows, e.g. origin/main..HEAD, A...B or SHA^! "
        "(fetch the base first: a shallow clone may lack it)"
    )
    if not rev_range.strip() or rev_range.startswith("-"):
        raise InputError(f"--range {shown!r}: not a revision range; {hint}")
    # --revs-only: git prints only revisions (not the options it passes through, such as
    # --end-of-options on older git), and nothing for a name it does not know.
    lines = repository.lines("rev-parse", "--revs-only", "--end-of-options", rev_range, check=False)
    revisions = tuple(line for line in lines if line)
    if not revisions:
        raise InputError(
            f"--range {shown!r}: git knows no such range in {repository.display}; {hint}"
        )
    for revision in revisions:
        sha = revision.removeprefix("^")
        if not is_object_id(sha) or not repository.succeeds("cat-file", "-e", f"{sha}^{{commit}}"):
            raise InputError(f"--range {shown!r}: not a range of commits; {hint}")
    if all(r.startswith("^") for r in revisions):
        raise InputError(f"--range {shown!r}: names no commit to sweep; {hint}")
    return revisions


def _write_replacements(
    path: str,
    findings: list[Finding],
    force: bool,
    work_tree: str | None,
    partials: list[tuple[str, Finding]],
) -> None:
    """Write the filter-repo replacements file; warn (always, even with --quiet) when it is
    inside the work tree, where `git add` would commit the values it holds."""
    from ..reports import replacements
    from ..reports.sanitize import quote_path

    count = replacements.write(path, findings, force=force, partials=partials)
    click.echo(
        f"Wrote {count} replacement(s) to {quote_path(path)} (mode 600; it holds the full "
        "values: delete it after the rewrite).",
        err=True,
    )
    if replacements.inside(path, work_tree):
        click.echo(
            f"warning: {quote_path(path)} is inside the work tree of {quote_path(work_tree or '')}"
            ": `git add` would commit the values it holds; move it outside the repository, or "
            "delete it right after the rewrite.",
            err=True,
        )


def committed_config(repository: Repository | None) -> ProjectConfig:
    """The project config of a bare repository's ``HEAD`` commit (none if it has none)."""
    from ..scanning.project_config import NO_CONFIG, ConfigError, committed_project_config

    if repository is None or repository.head is None:
        return NO_CONFIG
    branch = repository.run("symbolic-ref", "-q", "--short", "HEAD", check=False).decode()
    try:
        return committed_project_config(
            repository, repository.head, f"on {branch.strip() or 'HEAD'}"
        )
    except ConfigError as error:
        raise InputError(str(error)) from error


def project_acceptance(
    work_tree: str | None, quiet: bool = False, repository: Repository | None = None
) -> tuple[ProjectConfig, Baseline | None]:
    """What the repository accepts: its project config and its ``.secrets.baseline`` (both
    at the top of its work tree). A repository without a work tree (a bare clone of a URL)
    has no baseline and its config is the one in its default branch's tree (``HEAD``), as
    the server's pre-receive hook reads it. A malformed one is exit 2."""
    from ..baseline.load import BaselineError, load_baseline
    from ..baseline.writer import DEFAULT_BASELINE

    if work_tree is None:
        return committed_config(repository), None
    config = project_config_at(work_tree)
    path = os.path.join(work_tree, DEFAULT_BASELINE)
    if not os.path.lexists(path):
        return config, None
    try:
        baseline = load_baseline(path, checkout=work_tree, name=DEFAULT_BASELINE)
    except BaselineError as error:
        raise InputError(str(error)) from error
    from ..reports.sanitize import printable

    for warning in baseline.warnings if not quiet else ():
        click.echo(f"warning: {printable(warning)}", err=True)
    return config, baseline
