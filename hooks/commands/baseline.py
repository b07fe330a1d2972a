"""`binance-secrets baseline` and `binance-secrets audit`: detect-secrets baselines that work.

See hooks/baseline/writer.py for what makes a baseline portable and why plain
`detect-secrets audit` cannot load custom plugins.
"""

from __future__ import annotations

import click

from ..errors import EXIT_HELP, InputError


@click.command()
@click.option(
    "--output",
    "-o",
    default=".secrets.baseline",
    show_default=True,
    type=click.Path(dir_okay=False),
    help="The baseline to create, or to update if it exists.",
)
def baseline(output: str) -> None:
    """Create or update a detect-secrets baseline with the Binance plugins, portably.

    Run it at the repository root and commit both the baseline and the
    .binance_secrets_plugins.py it writes next to it: the baseline refers to the plugins
    through that file, so it works on any machine where binance-secrets is installed
    (Yelp's detect-secrets hook with binance-secrets in additional_dependencies, CI).
    Updating keeps audit labels. Nothing is verified online.

    Exit 0: written (even if it records secrets); 2: usage or input error.
    """
    from ...plugins import binance_detector
    from ..baseline.writer import (
        SHIM_NAME,
        BaselineWriteError,
        write_baseline,
    )

    try:
        created, count, binance = write_baseline(output, binance_detector)
    except BaselineWriteError as error:
        raise InputError(str(error)) from error
    verb = "created" if created else "updated"
    # Every detect-secrets plugin runs (a baseline is shared with detect-secrets' own
    # hook), so the count is not the scan's: say which part is Binance's.
    others = count - binance
    detail = f" ({binance} Binance, {others} by detect-secrets' other plugins)" if others else ""
    click.echo(
        f"{verb} {output}: {count} secret(s) recorded{detail}; commit it with {SHIM_NAME}"
    )


@click.command(
    context_settings={"ignore_unknown_options": True},
    options_metavar="[--report|--stats|--diff ...]",
    epilog=EXIT_HELP["audit"],
)
@click.argument("args", metavar="BASELINE...", nargs=-1, type=click.UNPROCESSED)
def audit(args: tuple[str, ...]) -> None:
    """Label or report the secrets a baseline records (`binance-secrets baseline` writes it).

    `binance-secrets audit .secrets.baseline` labels each recorded secret real or not;
    `--report` lists them with their labels, `--stats` counts them, `--diff A B` compares
    two baselines. These are detect-secrets audit's own options
    (`detect-secrets audit --help`): plain `detect-secrets audit` fails with KeyError on
    any custom plugin's secrets (Yelp/detect-secrets issue 611), so this runs it with the
    Binance plugins registered first.
    """
    from ...plugins import binance_detector
    from ..baseline.writer import (
        BaselineWriteError,
        check_baseline_file,
        run_audit,
    )
    from ..reports.sanitize import escaped

    if not any(not name.startswith("-") for name in args):
        # detect-secrets' argparse printed its whole help and exited 0 on no file at all.
        raise click.UsageError(
            "audit needs the baseline file to audit: `binance-secrets audit "
            ".secrets.baseline` (create one with `binance-secrets baseline`)"
        )
    try:
        # detect-secrets reads its baselines whole and blocking (/dev/zero or a FIFO hung
        # it), and a missing file or a scan report was a traceback.
        for name in args:
            if not name.startswith("-"):
                check_baseline_file(name, audit=True)
        code = run_audit(list(args), binance_detector, escaped)
    except BaselineWriteError as error:
        raise InputError(str(error)) from error
    except EOFError:
        # It asks about each secret on standard input; at its end, the top-level handler
        # said to set credentials in the environment, which is check's remedy.
        raise InputError(
            "standard input ended before an answer was given: audit asks about each secret "
            "at a prompt, so run it in a terminal; `binance-secrets audit --report "
            ".secrets.baseline` lists them without asking"
        ) from None
    raise SystemExit(code)
