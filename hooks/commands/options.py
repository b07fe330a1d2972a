"""Options that commands share, defined once so they cannot drift apart.

The live-check options (--endpoint, --allow-unofficial-endpoint, --ca-bundle, --fail-on) and
their environment variables mean the same in `check`, `scan --verify` and `sweep --verify`;
-q/--quiet and date parsing are the same wherever they appear.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Callable, TypeVar

import click

from ...plugins.livecheck.credential import ENV_API_SECRET
from ...plugins.livecheck.endpoints import (
    DEFAULT_ENDPOINT,
    DEFAULT_MAX_REQUESTS,
    ENV_ALLOW_UNOFFICIAL,
    ENV_CA_BUNDLE,
    ENV_ENDPOINT,
    ENV_TRY_ENV_SECRET,
    OFFICIAL_HOSTS,
)
from ..errors import FAIL_ON, FAIL_ON_UNCONFIRMED, InputError
from ..reports.output import FORMATS, SWEEP_FORMATS
from ..scanning.limits import DEFAULT_MAX_FILE_BYTES, MAX_FILE_BYTES_CEILING

if TYPE_CHECKING:
    from ..scanning.project_config import ProjectConfig

F = TypeVar("F", bound=Callable[..., object])


def report_options(function: F, formats: tuple[str, ...] = FORMATS) -> F:
    """--format and --output."""
    function = click.option(
        "--output", "-o", type=click.Path(dir_okay=False), help="Write the report here."
    )(function)
    return click.option(
        "--format", "fmt", type=click.Choice(formats), default="text", show_default=True
    )(function)


def sweep_report_options(function: F) -> F:
    """--format (markdown too: the incident write-up) and --output."""
    return report_options(function, SWEEP_FORMATS)


def max_file_size_option(help: str) -> Callable[[F], F]:
    """--max-file-size, with the command's own words for what is skipped; at most
    MAX_FILE_BYTES_CEILING, what any one input may cost."""
    return click.option(
        "--max-file-size",
        type=click.IntRange(min=1, max=MAX_FILE_BYTES_CEILING),
        default=DEFAULT_MAX_FILE_BYTES,
        show_default=True,
        help=f"{help} At most {MAX_FILE_BYTES_CEILING}.",
    )


def ignore_testnet_option(function: F) -> F:
    """--ignore-testnet: testnet and demo keys are reported but do not fail the run."""
    return click.option(
        "--ignore-testnet",
        is_flag=True,
        help="Report testnet and demo keys (no real funds) without failing on them.",
    )(function)


def live_check_options(function: F) -> F:
    """--endpoint, --allow-unofficial-endpoint, --ca-bundle (each with its environment
    variable), --fail-on, --max-keys and --try-env-secret: where the live check asks, how
    much, with which secrets, and which outcome fails the run."""
    function = click.option(
        "--try-env-secret",
        is_flag=True,
        envvar=ENV_TRY_ENV_SECRET,
        help=f"Also try {ENV_API_SECRET} from the environment as a secret for the keys found "
        "in files (off: a report or repository cannot get its keys signed with it; env "
        f"{ENV_TRY_ENV_SECRET}=1).",
    )(function)
    function = click.option(
        "--max-keys",
        type=click.IntRange(min=1),
        default=DEFAULT_MAX_REQUESTS,
        show_default=True,
        help="At most this many requests to Binance in the run (so at most this many keys "
        "are asked); the keys left are reported unknown, not asked.",
    )(function)
    function = click.option(
        "--fail-on",
        type=click.Choice(FAIL_ON),
        default=FAIL_ON_UNCONFIRMED,
        show_default=True,
        help="unconfirmed: a key that could not be confirmed exits 3 (a CI gate fails when "
        "it could not ask); active: only a live key fails (exit 1).",
    )(function)
    function = click.option(
        "--ca-bundle",
        # Checked when the live check runs (check_credentials), not here: a variable set in
        # the environment must not break a scan that asks Binance nothing.
        type=click.Path(dir_okay=False),
        envvar=ENV_CA_BUNDLE,
        help=f"CA certificates to trust for the endpoint (env {ENV_CA_BUNDLE}).",
    )(function)
    function = click.option(
        "--allow-unofficial-endpoint",
        is_flag=True,
        envvar=ENV_ALLOW_UNOFFICIAL,
        help=f"Allow a non-Binance --endpoint URL: the API key is sent to it "
        f"(env {ENV_ALLOW_UNOFFICIAL}=1).",
    )(function)
    return click.option(
        "--endpoint",
        multiple=True,
        default=(DEFAULT_ENDPOINT,),
        show_default=True,
        envvar=ENV_ENDPOINT,
        help=f"{', '.join(OFFICIAL_HOSTS)}; a URL needs --allow-unofficial-endpoint. "
        "Repeat NAME=URL to map an official host to another URL (a proxy, a test server) "
        f"(env {ENV_ENDPOINT}, values separated by spaces).",
    )(function)


def verify_options(function: F) -> F:
    """--verify and the live-check options: the live check in-process."""
    function = live_check_options(function)
    return click.option(
        "--verify",
        is_flag=True,
        help="Check each distinct key live against Binance (read-only); exit codes become "
        "check's.",
    )(function)


def verbose_option(help: str) -> Callable[[F], F]:
    return click.option("--verbose", "-v", is_flag=True, help=help)


def color_option(function: F) -> F:
    """--color: status, risk and verdict in colour on a terminal (auto), always or never;
    NO_COLOR turns auto off (hooks.reports.colour says when)."""
    from ..reports.colour import COLOR_MODES

    return click.option(
        "--color",
        "color",
        type=click.Choice(COLOR_MODES),
        default="auto",
        show_default=True,
        help="Colour the status, risk and verdict: auto (a terminal, unless NO_COLOR is set), "
        "always, never.",
    )(function)


def jobs_option(help: str) -> Callable[[F], F]:
    """--jobs/-j: how much runs at once (unset: one per core, the command decides)."""
    return click.option("--jobs", "-j", type=click.IntRange(min=1), help=help)


def quiet_option(help: str = "No progress or notes on stderr.") -> Callable[[F], F]:
    return click.option("--quiet", "-q", is_flag=True, help=help)


def parse_date(value: str | None, option: str) -> str | None:
    """An ISO date or date-time (git's and Binance's unambiguous form), as ISO-8601; anything
    else is a usage error: git silently accepts nonsense dates and sweeps everything, and a
    playbook would tell the user to review activity since "yesterday" of some other day."""
    if value is None:
        return None
    try:
        when = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise InputError(
            f"{option} {value!r} is not a date; use YYYY-MM-DD (e.g. 2024-05-01) or "
            "YYYY-MM-DDTHH:MM:SS"
        ) from None
    return when.isoformat()


def project_config_at(root: str) -> ProjectConfig:
    """The project config of ``root`` (``.binance-secrets.toml``, or ``[tool.binance-secrets]``
    in pyproject.toml); a malformed one is a usage error (exit 2, one line with its line)."""
    from ..scanning.project_config import ConfigError, load_project_config

    try:
        return load_project_config(root)
    except ConfigError as error:
        raise InputError(f"{error}") from None
