"""The console script's entry: ``sweep`` gets its first git questions asked before the CLI
is imported; every command then runs through :func:`commands.cli.main`.

Importing click and the commands takes longer than git needs to show a small history, so a
plain ``sweep`` starts git first (:mod:`git.prefetch`). The command line is read here only
as far as is safe without click: an option this module does not know, ``--since``,
``--ref`` or a malformed value means no prefetch, and click alone decides what the command
line means. A prefetch that guessed wrong is never used (answers are keyed by git's exact
command line), so it can cost time, never change a result.
"""

from __future__ import annotations

import gc
import sys

from binance_secrets.hooks.commands.debug_flag import split_debug

# `sweep`'s options by what they change in the git questions a sweep opens with (the test
# suite holds this table to the command's own options). NEUTRAL ones change nothing;
# READ ones are read here; any other option (--since, --ref, --help, an unknown one) means
# no prefetch.
NEUTRAL_FLAGS = frozenset(
    {
        "--quiet",
        "-q",
        "--verbose",
        "-v",
        "--force",
        "--ignore-testnet",
        "--verify",
        "--allow-unofficial-endpoint",
        "--try-env-secret",
    }
)
NEUTRAL_WITH_VALUE = frozenset(
    {
        "--format",
        "--output",
        "-o",
        "--replacements",
        "--endpoint",
        "--ca-bundle",
        "--fail-on",
        "--color",
        "--max-keys",
    }
)
READ_FLAGS = frozenset({"--reachable-only"})
READ_WITH_VALUE = frozenset({"--max-file-size", "--jobs", "-j"})
NOT_PREFETCHED = frozenset({"--since", "--ref", "--range", "--help", "-h"})


def sweep_request(args: list[str]) -> dict[str, object] | None:
    """The arguments :func:`git.prefetch.prefetch_sweep` takes for this command line, or
    None unless it is a ``sweep`` whose every argument is understood here."""
    args, _ = split_debug(args)
    if args[:1] != ["sweep"]:
        return None
    from binance_secrets.hooks.scanning.limits import DEFAULT_MAX_FILE_BYTES

    request: dict[str, object] = {
        "path": ".",
        "reachable_only": False,
        "max_file_bytes": DEFAULT_MAX_FILE_BYTES,
        "jobs": None,
    }
    repo_given = False
    rest = iter(args[1:])
    for arg in rest:
        if not arg.startswith("-") or arg == "-":
            if repo_given:
                return None  # click refuses a second REPO
            request["path"], repo_given = arg, True
            continue
        name, glued, value = arg.partition("=") if arg.startswith("--") else (arg, "", "")
        if name in NEUTRAL_FLAGS | READ_FLAGS:
            if glued:
                return None
            request["reachable_only"] = request["reachable_only"] or name in READ_FLAGS
        elif name in NEUTRAL_WITH_VALUE | READ_WITH_VALUE:
            if not glued:
                value = next(rest, "")
            if name in READ_WITH_VALUE:
                if not value.isdigit() or int(value) < 1:
                    return None  # click will refuse it, or read it otherwise
                request["max_file_bytes" if name == "--max-file-size" else "jobs"] = int(value)
        else:
            return None
    return request


def main() -> None:
    """The console script (and ``python -m binance_secrets.hooks``)."""
    request = sweep_request(sys.argv[1:])
    if request is not None:
        # Importing the CLI and the sweep allocates tens of thousands of objects that live
        # as long as the process, and the cycle collector would walk them again and again
        # (3.5 ms of a 0.1 s sweep). It is switched back on when the sweep starts reading.
        gc.disable()
        try:
            from binance_secrets.hooks.git.prefetch import prefetch_sweep

            prefetch_sweep(**request)  # type: ignore[arg-type]
        except KeyboardInterrupt:
            sys.stderr.write("binance-secrets: interrupted\n")
            sys.exit(130)
        except Exception:  # noqa: BLE001, S110 - the sweep asks again and reports what failed
            pass
    from binance_secrets.hooks.commands.cli import main as cli_main

    cli_main()
