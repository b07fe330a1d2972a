"""Exit codes shared by every command, and the one-line error a user can act on.

This is the one table of exit codes: "Exit codes" in docs/live-check.md and every command's
``--help`` are written from it (:data:`EXIT_HELP`), and a CI gate may rely on each number.
"""

from __future__ import annotations

import click

# scan and sweep: 0 nothing found (documentation examples do not count), 1 found.
# check, and scan/sweep --verify: 0 no key is live, 1 a key is live, 3 a key could not be
# confirmed live or dead (see UNCONFIRMED_HELP). Every command: 2 usage or input error.
EXIT_CLEAN, EXIT_FOUND, EXIT_USAGE, EXIT_UNCONFIRMED = 0, 1, 2, 3
EXIT_LIVE = EXIT_FOUND
EXIT_INTERRUPTED = 130

# --fail-on: which live-check outcome fails the run.
FAIL_ON_ACTIVE, FAIL_ON_UNCONFIRMED = "active", "unconfirmed"
FAIL_ON = (FAIL_ON_UNCONFIRMED, FAIL_ON_ACTIVE)

UNCONFIRMED_HELP = (
    "unknown (Binance unreachable or an unclear answer), unpaired (no secret to sign with), "
    "revoked_or_ip_blocked, secret_mismatch"
)

_VERIFY_HELP = (
    "With --verify, the live check's: 0 no key found is live; 1 a key is live; 3 a key (or a "
    "secret found without its key) could not be confirmed, 0 with --fail-on active."
)

# The exit-code sentence each command's --help ends with.
EXIT_HELP = {
    "scan": "Exit 0: nothing found (documentation examples do not count); 1: found; "
    f"2: usage or input error. {_VERIFY_HELP}",
    "sweep": f"Exit 0: nothing found; 1: found; 2: usage or input error. {_VERIFY_HELP}",
    "check": f"Exit 0: no key is live; 1: a key is live; 3: a key could not be confirmed "
    f"({UNCONFIRMED_HELP}; --fail-on active makes these 0); 2: usage or input error.",
    "merge": "Exit 0: nothing found; 1: a value fails the run; 2: a repository could not be "
    "swept (and nothing failed), or usage or input error.",
    "respond": "Exit 0: steps printed; 2: usage or input error.",
    "audit": "Exit: detect-secrets audit's own code (0: done); 2: usage or input error.",
    "plugin-path": "Exit 0: the path printed.",
    "binance-secrets": "Exit codes: 0 nothing found / no key live; 1 found / a key is live; "
    "2 usage or input error; 3 (check and --verify) a key could not be confirmed. Each "
    "command's --help says its own.",
}


def live_check_exit(any_live: bool, any_unconfirmed: bool, fail_on: str) -> int:
    """The exit code of a live check: 1 when a key is live; 3 when one could not be
    confirmed and ``fail_on`` is "unconfirmed"; else 0."""
    if any_live:
        return EXIT_LIVE
    if any_unconfirmed and fail_on == FAIL_ON_UNCONFIRMED:
        return EXIT_UNCONFIRMED
    return EXIT_CLEAN


class InputError(click.ClickException):
    """A bad input (missing path, not a repository, unreadable baseline, unwritable
    output): exit 2 and one line that says what to do.

    click's UsageError would print the usage text first; these say what to do instead.
    """

    exit_code = EXIT_USAGE
