"""Exit codes shared by every command, and the one-line error a user can act on."""

from __future__ import annotations

import click

# scan and sweep: 0 nothing found (documentation examples do not count), 1 found.
# check: 0 no key active, 1 a key is active. Every command: 2 usage or input error.
EXIT_CLEAN, EXIT_FOUND, EXIT_USAGE = 0, 1, 2


class InputError(click.ClickException):
    """A bad input (missing path, not a repository, unreadable baseline, unwritable
    output): exit 2 and one line that says what to do.

    click's UsageError would print the usage text first; these say what to do instead.
    """

    exit_code = EXIT_USAGE
