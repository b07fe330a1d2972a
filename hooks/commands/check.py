"""`binance-secrets check`: is a found key live, what can it do, and what to do now.

Credentials come from a scan/sweep report (re-read from where they were found), from the
environment, or from a hidden prompt: never from arguments, which shells and ``ps`` record.
"""

from __future__ import annotations

import sys

import click

from ...plugins.livecheck.candidates import MAX_SECRET_ATTEMPTS
from ...plugins.livecheck.credential import ENV_API_SECRET
from ..errors import EXIT_HELP, InputError, live_check_exit
from .options import (
    color_option,
    live_check_options,
    quiet_option,
)


def _directory(option: str, value: str | None) -> str | None:
    """The absolute path of a --root/--repository directory; a one-line error otherwise."""
    if value is None:
        return None
    import os

    if not os.path.isdir(value):
        from ..reports.sanitize import printable

        raise InputError(
            f"{option} {printable(value)}: not a directory; give the checkout (for a sweep "
            "report, the clone) that the report's paths are read from"
        )
    return os.path.abspath(value)


def _repositories(given: tuple[str, ...], names: list[str]) -> dict[str, str]:
    """``--repository NAME=DIR`` for a report of many repositories: NAME as the report names
    it (a path or a URL, which may hold ``=`` itself: the longest name the value starts
    with wins), DIR an existing directory here."""
    from ..reports.sanitize import printable

    mapping: dict[str, str] = {}
    for value in given:
        name = max((n for n in names if value.startswith(f"{n}=")), key=len, default=None)
        if name is None:
            shown = ", ".join(printable(n) for n in names[:3])
            more = f" and {len(names) - 3} more" if len(names) > 3 else ""
            raise InputError(
                f"--repository {printable(value)}: this report holds many repositories; "
                f"give NAME=DIR, NAME one the report names ({shown}{more}), DIR its clone here"
            )
        if name in mapping:
            raise InputError(
                f"--repository {printable(name)}=...: that repository is named twice; give it once"
            )
        directory = _directory("--repository", value[len(name) + 1 :])
        assert directory is not None
        mapping[name] = directory
    return mapping


def _load(
    report: str | None,
    prompt: bool,
    staged: bool,
    root: str | None = None,
    repository: tuple[str, ...] = (),
    try_env_secret: bool = False,
) -> tuple[list, dict | None]:
    """The credentials to check, and the report they came from (if any)."""
    from ..reports.sanitize import place
    from ..scanning import credentials as creds

    if (root or repository) and report is None:
        raise click.UsageError(
            "--root and --repository say where a report's values are read: give them with "
            "--report FILE"
        )
    if staged:
        if report is not None:
            raise click.UsageError("give either --staged or --report, not both")
        import os

        return creds.from_staged(os.getcwd(), place), None
    if report is not None:
        data = creds.load_report(report)
        groups = creds.by_repository(data)
        if groups is not None:  # a report of many repositories: NAME=DIR for each
            moved = _repositories(repository, list(groups)) if root is None else {}
            root = _directory("--root", root)  # refused by from_report, with what to give
            return creds.from_report(data, place, root, None, try_env_secret, moved), data
        if len(repository) > 1:
            raise InputError(
                "--repository is given once for a report of one repository: the clone its "
                "commits are read from"
            )
        one = _directory("--repository", repository[0] if repository else None)
        root = _directory("--root", root)
        return creds.from_report(data, place, root, one, try_env_secret), data
    given = creds.from_env()
    if given is None and (prompt or sys.stdin.isatty()):
        given = creds.from_prompt(_ask)
    if given is not None:
        from ...plugins.livecheck.signing import SigningError

        for credential in given:  # the user typed or set it: a bad PEM is their input error
            try:
                credential.signer  # noqa: B018 - loads the key
            except SigningError as error:
                raise InputError(str(error)) from error
        return given, None
    raise InputError(
        "no credentials to check: give --report FILE (a scan/sweep JSON report), or set "
        "BINANCE_API_KEY with BINANCE_API_SECRET or BINANCE_PRIVATE_KEY_FILE, or use --prompt"
    )


@click.command(
    epilog=EXIT_HELP["check"],
    help=f"""Check API keys read-only against Binance and print the tailored response steps.

    Only read-only GETs are sent; the secret only signs locally and never leaves this
    machine. When Binance rejects the signature, the key's other candidate secrets (the
    secrets the report recorded, and {ENV_API_SECRET} with --try-env-secret) are tried, at
    most {MAX_SECRET_ATTEMPTS} per key, and the place of the one that works is reported.
    """,
)
@click.option(
    "--report",
    metavar="FILE|-",
    help="A `scan`/`sweep` JSON report; each value is re-read from where it was found.",
)
@click.option(
    "--root",
    metavar="DIR",
    help="Read a report's files below DIR instead of the root it names (a CI report checked "
    "in your own checkout).",
)
@click.option(
    "--repository",
    metavar="DIR|NAME=DIR",
    multiple=True,
    help="Read a sweep report's commits from the git repository at DIR instead of the one "
    "it names (default with --root: DIR too). A report of many repositories (`sweep "
    "--repos`, `merge`): NAME=DIR reads the one the report names NAME from DIR; repeat it "
    "per repository.",
)
@click.option("--prompt", is_flag=True, help="Ask for the key and secret with hidden input.")
@click.option(
    "--staged",
    is_flag=True,
    help="Check the keys in the staged (index) content: what a blocked commit held.",
)
@click.option(
    "--not-committed",
    is_flag=True,
    help="The key never reached a commit (a blocked commit): no history-rewrite step.",
)
@click.option(
    "--deleted",
    is_flag=True,
    help="You deleted the key(s) at Binance: confirm it. A key Binance no longer accepts "
    "is then the expected answer (exit 0), and the steps only a live key needs are left out.",
)
@live_check_options
@quiet_option("Print nothing when the exit code is 0.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write the report here.")
@color_option
def check(
    report: str | None,
    root: str | None,
    repository: tuple[str, ...],
    prompt: bool,
    staged: bool,
    not_committed: bool,
    deleted: bool,
    endpoint: tuple[str, ...],
    allow_unofficial_endpoint: bool,
    ca_bundle: str | None,
    fail_on: str,
    max_keys: int,
    try_env_secret: bool,
    quiet: bool,
    fmt: str,
    output: str | None,
    color: str,
) -> None:
    """`binance-secrets check` (help text above, built from the constants it cites)."""
    from ...plugins.livecheck.binance_api import EndpointError, resolve_routes
    from ...plugins.livecheck.check import check_credentials
    from ..reports.check_report import check_results_json, render_check_text
    from ..reports.output import emit
    from ..scanning.credentials import CredentialError, by_repository

    try:
        resolve_routes(endpoint, allow_unofficial_endpoint)  # refuse before reading secrets
        credentials, data = _load(report, prompt, staged, root, repository, try_env_secret)
        for credential in credentials:
            credential.committed = credential.committed and not not_committed
            credential.deleted = deleted
        results = check_credentials(
            credentials,
            endpoint=endpoint,
            allow_unofficial_endpoint=allow_unofficial_endpoint,
            ca_bundle=ca_bundle,
            max_requests=max_keys,
        )
    except (EndpointError, CredentialError) as error:
        raise InputError(str(error)) from error
    # Said in the output where it applies: keys found in files (a report).
    env_secret = try_env_secret and report is not None
    from ...plugins.livecheck.playbook import GONE

    plan = None
    groups = by_repository(data) if data is not None else None
    if data is not None and groups is not None:
        # A report of many repositories: live keys first, and each repository's clean-up.
        from ..reports import org_check

        results = org_check.live_first(results)
        plan = org_check.plan(groups, data, results)

    def as_text() -> str:
        text = render_check_text(results, colour, env_secret).lstrip("\n")
        if plan is not None:
            from ..reports.org_check import render

            text += render(plan)
        return text

    def as_json() -> dict:
        shown = check_results_json(results, env_secret)
        return shown if plan is None else {**shown, "repositories": plan}

    # --deleted: Binance refusing the key is the confirmation the user asked for.
    exit_code = live_check_exit(
        any(r.status == "active" for r in results),
        any(not r.confirmed and not (deleted and r.status in GONE) for r in results),
        fail_on,
    )
    if not (quiet and exit_code == 0 and fmt == "text"):
        from ..reports.check_report import check_summary
        from ..reports.colour import colour_wanted

        colour = fmt == "text" and colour_wanted(color, output)
        emit(
            fmt,
            output,
            text=as_text,
            as_json=as_json,
            colour=colour,
            summary=None if quiet else lambda: check_summary(results),
        )
    raise SystemExit(exit_code)


def _ask(text: str) -> str:
    """Hidden input at a terminal; from a pipe (``printf 'K\\nS\\n' | check --prompt``)
    one line, read directly: getpass would print a Python GetPassWarning and "input may be
    echoed" for a pipe, where nothing is echoed anyway."""
    if sys.stdin.isatty():
        return str(click.prompt(text, hide_input=True, default="", show_default=False))
    click.echo(f"{text}: ", err=True, nl=False)
    answer = sys.stdin.readline(1 << 16)
    click.echo("", err=True)
    if not answer:  # ended before an answer: the top level says so, as for click.prompt
        try:
            raise EOFError
        except EOFError:
            raise click.Abort() from None
    return answer.rstrip("\r\n")
