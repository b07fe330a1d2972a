"""`binance-secrets respond`: the whole leak-response playbook, from the one source."""

from __future__ import annotations

import click

from binance_secrets.hooks.commands.options import parse_date
from binance_secrets.hooks.errors import EXIT_HELP


@click.command(epilog=EXIT_HELP["respond"])
@click.option(
    "--since",
    metavar="DATE",
    help="When the key was first committed (YYYY-MM-DD, e.g. 2024-05-01); used in the "
    "review step.",
)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
def respond(since: str | None, fmt: str) -> None:
    """Print what to do now that a Binance API key has leaked."""
    import json

    from binance_secrets.plugins.livecheck.playbook import all_steps

    parse_date(since, "--since")  # refuse "yesterday": the steps would cite it as a date
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
