"""``--debug``: accepted anywhere on the command line, read before click sees it."""

from __future__ import annotations

import os

DEBUG_FLAG = "--debug"
DEBUG_ENV = "BINANCE_SECRETS_DEBUG"


def split_debug(args: list[str]) -> tuple[list[str], bool]:
    """``args`` without ``--debug`` (accepted anywhere before ``--``), and whether it was there;
    a user who sees "run again with --debug" adds it at the end of the line they ran."""
    end = args.index("--") if "--" in args else len(args)
    kept = [arg for arg in args[:end] if arg != DEBUG_FLAG] + args[end:]
    return kept, len(kept) != len(args) or os.environ.get(DEBUG_ENV, "") not in ("", "0")
