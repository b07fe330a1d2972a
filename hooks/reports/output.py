"""Writing a report where the user asked for it, in the format they asked for."""

from __future__ import annotations

import errno
import json
import os
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
    # Never through a symlink: in CI the report is written into a checkout, where a pull
    # request may have committed `binance-secrets.sarif` as a symlink to any file the job
    # can write. Standard output is `-`.
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(output, flags, 0o644)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(rendered)
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise InputError(
                f"not writing report to {output}: it is a symlink (not followed); remove it, "
                "or give the path it points to (`-` for standard output)"
            ) from error
        raise InputError(
            f"cannot write report to {output}: {error.strerror}; choose a writable --output path"
        ) from error
