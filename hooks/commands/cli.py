"""The `binance-secrets` command.

Subcommands are imported only when invoked: the pre-commit hook runs `scan` on every
commit, and must not pay for importing the HTTP client or gitpython that `check` and
`sweep` need.
"""

from __future__ import annotations

import importlib
import sys

import click

# name -> "module:attribute"; the one list of subcommands.
SUBCOMMANDS = {
    "scan": "binance_secrets.hooks.commands.scan:scan",
    "sweep": "binance_secrets.hooks.commands.sweep:sweep",
    "check": "binance_secrets.hooks.commands.check:check",
    "respond": "binance_secrets.hooks.commands.respond:respond",
    "install-hook": "binance_secrets.hooks.commands.git_hook:install_hook",
    "plugin-path": "binance_secrets.hooks.commands.scan:plugin_path",
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(SUBCOMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = SUBCOMMANDS.get(cmd_name)
        if target is None:
            return None
        module_name, attribute = target.split(":")
        return getattr(importlib.import_module(module_name), attribute)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="binance-secrets")
def cli() -> None:
    """Find leaked Binance API credentials, check whether they are live, and respond."""


def main() -> None:
    # click exits 2 on usage errors already; anything else that escapes is a bug, but the
    # user still gets one line and exit 2 rather than a traceback.
    try:
        cli.main(prog_name="binance-secrets", standalone_mode=True)
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        sys.exit(130)
