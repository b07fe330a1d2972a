"""Options that `scan` and `sweep` share, defined once so they cannot drift apart."""

from __future__ import annotations

from typing import Callable, TypeVar

import click

from binance_secrets.hooks.reports.output import FORMATS
from binance_secrets.hooks.scanning.files import DEFAULT_MAX_FILE_BYTES

F = TypeVar("F", bound=Callable[..., object])


def report_options(function: F) -> F:
    """--format and --output."""
    function = click.option(
        "--output", "-o", type=click.Path(dir_okay=False), help="Write the report here."
    )(function)
    return click.option(
        "--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True
    )(function)


def max_file_size_option(help: str) -> Callable[[F], F]:
    """--max-file-size, with the command's own words for what is skipped."""
    return click.option(
        "--max-file-size",
        type=click.IntRange(min=1),
        default=DEFAULT_MAX_FILE_BYTES,
        show_default=True,
        help=help,
    )


def verify_options(function: F) -> F:
    """--verify, --endpoint and --allow-unofficial-endpoint: the live check in-process."""
    function = click.option(
        "--allow-unofficial-endpoint", is_flag=True, help="With --verify: allow any URL."
    )(function)
    function = click.option(
        "--endpoint", default="binance", show_default=True, help="With --verify."
    )(function)
    return click.option(
        "--verify", is_flag=True, help="Check each distinct key live against Binance."
    )(function)
