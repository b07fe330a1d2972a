"""The `binance-secrets` command.

Subcommands are imported only when invoked: the pre-commit hook runs `scan` on every
commit, and must not pay for importing the HTTP client that `check` needs or the history
machinery of `sweep`.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import sys

import click

from ..errors import EXIT_HELP, EXIT_USAGE
from .debug_flag import DEBUG_ENV, DEBUG_FLAG, split_debug

# name -> "module:attribute" (a module of this package); the one list of subcommands.
SUBCOMMANDS = {
    "scan": ".scan:scan",
    "sweep": ".sweep:sweep",
    "check": ".check:check",
    "merge": ".merge:merge",
    "respond": ".respond:respond",
    "install-hook": ".git_hook:install_hook",
    "uninstall-hook": ".git_hook:uninstall_hook",
    "pre-push": ".pre_push:pre_push",
    "pre-receive": ".pre_receive:pre_receive",
    "baseline": ".baseline:baseline",
    "ignore": ".ignore:ignore",
    "audit": ".baseline:audit",
    "plugin-path": ".scan:plugin_path",
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(SUBCOMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = SUBCOMMANDS.get(cmd_name)
        if target is None:
            return None
        module_name, attribute = target.split(":")
        return getattr(importlib.import_module(module_name, __package__), attribute)

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        """A mistyped command gets "Did you mean" with the closest names (`swep`: sweep)."""
        name = click.utils.make_str(args[0]) if args else ""
        if args and name not in SUBCOMMANDS and not name.startswith("-"):
            import difflib

            close = difflib.get_close_matches(name, list(SUBCOMMANDS), n=3, cutoff=0.6)
            if close:
                suggestion = " or ".join(f"'{c}'" for c in close)
                ctx.fail(f"No such command '{name}'. Did you mean {suggestion}?")
        return super().resolve_command(ctx, args)


@click.group(
    cls=LazyGroup,
    context_settings={"help_option_names": ["-h", "--help"]},
    epilog=EXIT_HELP["binance-secrets"],
)
@click.version_option(None, "-V", "--version", package_name="binance-secrets")
@click.option(
    DEBUG_FLAG,
    is_flag=True,
    expose_value=False,
    help=f"On an unexpected error, print the traceback (also {DEBUG_ENV}=1; any position).",
)
def cli() -> None:
    """Find leaked Binance API credentials, check whether they are live, and respond."""


def _say(message: str) -> None:
    from ..reports.sanitize import printable

    with contextlib.suppress(OSError):
        click.echo(f"binance-secrets: {printable(message)}", err=True)


def _explain(error: BaseException) -> str:
    """One line for an exception nobody handled: what went wrong and what to do."""
    if isinstance(error, FileNotFoundError) and error.filename == "git":
        return "git is not installed or not on PATH; install git or add it to PATH, then retry"
    if isinstance(error, ImportError) and "git executable" in str(error).lower():
        return "git is not installed or not on PATH; install git or add it to PATH, then retry"
    if isinstance(error, MemoryError):
        return "out of memory; lower --max-file-size or scan fewer files at once"
    if isinstance(error, RecursionError):
        return "input nested too deeply to process; scan its subdirectories one at a time"
    if isinstance(error, OSError) and error.strerror:
        where = f" ({error.filename})" if error.filename else ""
        return f"{error.strerror}{where}; check that the path exists and is readable/writable"
    return (
        f"unexpected error ({type(error).__name__}: {error}); run again with {DEBUG_FLAG} "
        "to see where, and report it"
    )


def main(argv: list[str] | None = None) -> None:
    """The console script. Exit codes mean what docs/live-check.md says whatever happens: 0 and 1
    are results (clean / found or active), so every error, expected or not, is 2 with one
    line on stderr; ``--debug`` adds the traceback. Never a bare traceback, never exit 1."""
    args, debug = split_debug(list(sys.argv[1:] if argv is None else argv))
    try:
        # standalone_mode=False: click would otherwise exit 1 on Abort (Ctrl-D at a
        # prompt) and on a closed pipe, and print exception messages unescaped.
        code = cli.main(args=args, prog_name="binance-secrets", standalone_mode=False)
    except click.ClickException as error:
        from ..reports.sanitize import printable

        # click 8.2+ raises a group's help, when no command is given, as an error: that text
        # is our own (no input in it), and escaped it became one line of literal \n's.
        help_as_error = getattr(click.exceptions, "NoArgsIsHelpError", ())
        if not isinstance(error, help_as_error):
            error.message = printable(error.message)  # type: ignore[misc] # Final in stubs
        with contextlib.suppress(OSError):
            error.show()
        sys.exit(EXIT_USAGE)
    except (KeyboardInterrupt, click.Abort) as stop:
        if isinstance(stop, click.Abort) and isinstance(stop.__context__, EOFError):
            _say(
                "standard input ended before an answer was given; set the credentials in the "
                "environment instead (see `binance-secrets check --help`)"
            )
            sys.exit(EXIT_USAGE)
        _say("interrupted")
        sys.exit(130)
    except BrokenPipeError:
        # The reader of our output went away (`| head`): nothing more can be said there.
        with contextlib.suppress(OSError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(EXIT_USAGE)
    except Exception as error:  # noqa: BLE001 - the last line of defence
        if debug:
            import traceback

            traceback.print_exc()
        _say(_explain(error))
        sys.exit(EXIT_USAGE)
    # --help and --version return 0; a subcommand that returns at all succeeded.
    sys.exit(code if isinstance(code, int) else 0)
