"""`binance-secrets check`: is a found key live, what can it do, and what to do now.

Credentials come from a scan/sweep report (re-read from where they were found), from the
environment, or from a hidden prompt: never from arguments, which shells and ``ps`` record.
"""

from __future__ import annotations

import sys

import click

EXIT_NONE_ACTIVE, EXIT_ACTIVE = 0, 1  # usage and input errors: click exits 2


def _load(report: str | None, prompt: bool, staged: bool) -> list:
    from binance_secrets.hooks.scanning import credentials as creds

    if staged:
        if report is not None:
            raise click.UsageError("give either --staged or --report, not both")
        import os

        return creds.from_staged(os.getcwd())
    if report is not None:
        if report == "-":
            text, source = sys.stdin.read(), "standard input"
        else:
            try:
                with open(report, encoding="utf-8") as handle:
                    text = handle.read()
            except (OSError, UnicodeDecodeError) as error:
                reason = getattr(error, "strerror", None) or "not UTF-8 text"
                raise click.UsageError(
                    f"cannot read report {report}: {reason}; give the path of a JSON report"
                ) from error
            source = report
        return creds.from_report(creds.parse_report(text, source))
    given = creds.from_env()
    if given is None and (prompt or sys.stdin.isatty()):
        given = creds.from_prompt(
            lambda text: click.prompt(text, hide_input=True, default="", show_default=False)
        )
    if given is not None:
        from binance_secrets.plugins.livecheck.signing import SigningError

        for credential in given:  # the user typed or set it: a bad PEM is their input error
            try:
                credential.signer  # noqa: B018 - loads the key
            except SigningError as error:
                raise click.UsageError(str(error)) from error
        return given
    raise click.UsageError(
        "no credentials to check: give --report FILE (a scan/sweep JSON report), or set "
        "BINANCE_API_KEY with BINANCE_API_SECRET or BINANCE_PRIVATE_KEY_FILE, or use --prompt"
    )


@click.command()
@click.option(
    "--report",
    metavar="FILE|-",
    help="A `scan`/`sweep` JSON report; each value is re-read from where it was found.",
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
    "--endpoint",
    default="binance",
    show_default=True,
    help=(
        "binance, binance-api1..4, binance-gcp, binance-us or testnet; "
        "a URL needs --allow-unofficial-endpoint."
    ),
)
@click.option(
    "--allow-unofficial-endpoint",
    is_flag=True,
    help="Allow a non-Binance --endpoint URL: the API key is sent to it.",
)
@click.option(
    "--ca-bundle",
    type=click.Path(dir_okay=False, exists=True),
    envvar="BINANCE_SECRETS_CA_BUNDLE",
    help="CA certificates to trust for the endpoint (env BINANCE_SECRETS_CA_BUNDLE).",
)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write the report here.")
def check(
    report: str | None,
    prompt: bool,
    staged: bool,
    not_committed: bool,
    endpoint: str,
    allow_unofficial_endpoint: bool,
    ca_bundle: str | None,
    fmt: str,
    output: str | None,
) -> None:
    """Check API keys read-only against Binance and print the tailored response steps.

    Only read-only GETs are sent; the secret only signs locally and never leaves this
    machine. Exit 1: a key is active; 0: none is; 2: usage or input error.
    """
    from binance_secrets.hooks.reports.check_report import check_results_json, render_check_text
    from binance_secrets.hooks.reports.output import emit
    from binance_secrets.hooks.scanning.credentials import CredentialError
    from binance_secrets.plugins.livecheck.binance_api import EndpointError, resolve_endpoint
    from binance_secrets.plugins.livecheck.check import check_credentials

    try:
        resolve_endpoint(endpoint, allow_unofficial_endpoint)  # refuse before reading secrets
        credentials = _load(report, prompt, staged)
        for credential in credentials if not_committed else ():
            credential.committed = False
        results = check_credentials(
            credentials,
            endpoint=endpoint,
            allow_unofficial_endpoint=allow_unofficial_endpoint,
            ca_bundle=ca_bundle,
        )
    except (EndpointError, CredentialError) as error:
        raise click.UsageError(str(error)) from error
    emit(
        fmt,
        output,
        text=lambda: render_check_text(results).lstrip("\n"),
        as_json=lambda: check_results_json(results),
    )
    active = any(r.status == "active" for r in results)
    raise SystemExit(EXIT_ACTIVE if active else EXIT_NONE_ACTIVE)
