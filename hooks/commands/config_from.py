"""``--config-from REV``: what a repository accepts, read from a commit it already has.

In CI on a pull request, the checkout is the pull request's own: its
``.binance-secrets.toml`` and ``.secrets.baseline`` come with it, so a pull request adding
a key could also add ``exclude = ["**"]``, an ``[[ignore]]`` entry or a baseline entry for
that key, and pass. The server's pre-receive hook judges a push by the config it had before
(:mod:`.pre_receive`); ``scan`` and ``sweep`` given ``--config-from BASE`` do the same: the
project config and the baseline are read from BASE's tree (git's objects, bounded), and
the work tree's are not read.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, TypeVar

import click

from ..errors import InputError

if TYPE_CHECKING:
    from ..baseline.load import Baseline
    from ..git.repo import Repository
    from ..scanning.project_config import ProjectConfig

F = TypeVar("F", bound=Callable[..., Any])


# Set by the CI templates on a pull request (empty elsewhere, which is no value), so their
# command lines stay the same on every trigger.
ENV_CONFIG_FROM = "BINANCE_SECRETS_CONFIG_FROM"


def config_from_option(function: F) -> F:
    return click.option(
        "--config-from",
        metavar="REV",
        envvar=ENV_CONFIG_FROM,
        show_envvar=True,
        callback=lambda _context, _parameter, value: value or None,
        help="Read .binance-secrets.toml and .secrets.baseline from this commit instead of "
        "the work tree (in CI on a pull request: its base, so it cannot accept its own keys).",
    )(function)


def acceptance_at(
    repository: Repository, rev: str, quiet: bool = False
) -> tuple[ProjectConfig, Baseline | None]:
    """The project config and the ``.secrets.baseline`` of ``rev``'s tree; a malformed one,
    or a ``rev`` that names no commit, is a one-line error (exit 2)."""
    from ..baseline.load import MAX_BASELINE_BYTES, BaselineError, parse_baseline
    from ..baseline.writer import DEFAULT_BASELINE
    from ..reports.sanitize import printable
    from ..scanning.project_config import ConfigError, committed_project_config

    commit = commit_of(repository, rev)
    where = f"at {printable(rev)}"
    try:
        config = committed_project_config(repository, commit, where)
    except ConfigError as error:
        raise InputError(str(error)) from error
    spec = f"{commit}:{DEFAULT_BASELINE}"
    listing = repository.run("cat-file", "--batch-check", input=f"{spec}\n".encode())
    _, kind, size = (listing.decode("utf-8", "replace").split() + ["", "", ""])[:3]
    if kind != "blob":
        return config, None
    if not size.isdigit() or int(size) > MAX_BASELINE_BYTES:
        raise InputError(
            f"baseline {DEFAULT_BASELINE} {where} is larger than {MAX_BASELINE_BYTES} bytes"
        )
    try:
        baseline = parse_baseline(
            repository.run("cat-file", "blob", "--end-of-options", spec),
            f"{DEFAULT_BASELINE} {where}",
        )
    except BaselineError as error:
        raise InputError(str(error)) from error
    for warning in baseline.warnings if not quiet else ():
        click.echo(f"warning: {printable(warning)}", err=True)
    return config, baseline


def repository_at(top: str) -> Repository:
    """The repository ``--config-from`` reads, or a one-line error: it needs one."""
    from ..git.repo import RepositoryError, open_repository

    try:
        return open_repository(top)
    except RepositoryError as error:
        raise InputError(f"--config-from reads a commit of a git repository: {error}") from error


def commit_of(repository: Repository, rev: str) -> str:
    """The commit ``rev`` names, or a one-line error saying what to give."""
    from ..git.repo import is_object_id
    from ..reports.sanitize import printable

    found = repository.run(
        "rev-parse", "-q", "--verify", "--end-of-options", f"{rev}^{{commit}}", check=False
    ).decode().strip()  # fmt: skip
    if rev.startswith("-") or not is_object_id(found):
        raise InputError(
            f"--config-from {printable(rev)}: not a commit of this repository; give the pull "
            "request's base (a commit id or a ref fetched into this clone)"
        )
    return found
