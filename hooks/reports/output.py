"""Writing a report where the user asked for it, in the format they asked for."""

from __future__ import annotations

import json
from typing import Any, Callable

import click

from binance_secrets.hooks.errors import InputError

FORMATS = ("text", "json", "sarif")


def emit(
    fmt: str,
    output: str | None,
    text: Callable[[], str],
    as_json: Callable[[], dict[str, Any]],
    as_sarif: Callable[[], dict[str, Any]] | None = None,
) -> None:
    """Render once in ``fmt`` and write to ``output`` (a path) or standard output."""
    # Imported here: a clean hook run prints nothing and need not load the sanitizer.
    from binance_secrets.hooks.reports.sanitize import redact_strings

    if fmt == "json":
        rendered = json.dumps(redact_strings(as_json()), indent=2) + "\n"
    elif fmt == "sarif" and as_sarif is not None:
        rendered = json.dumps(redact_strings(as_sarif()), indent=2) + "\n"
    else:
        rendered = text()
    if output is None or output == "-":
        click.echo(rendered, nl=False)
        return
    try:
        with open(output, "w", encoding="utf-8") as handle:
            handle.write(rendered)
    except OSError as error:
        raise InputError(
            f"cannot write report to {output}: {error.strerror}; choose a writable --output path"
        ) from error
