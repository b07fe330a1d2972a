"""Colour for the words a person scans for: a key's status and risk, a run's verdict.

On a terminal only: ``--color auto`` (the default) colours when the report goes to a
terminal and ``NO_COLOR`` is unset or empty (https://no-color.org); ``always`` colours
standard output even through a pipe (``| less -R``) and whatever ``NO_COLOR`` says;
``never`` never does. A report written to a file (``-o FILE``) is never coloured.

Colour is added after the text is sanitized and laid out: :func:`paint` wraps a word that
the renderer chose (a status, a risk), never text from a file or a report, and column
widths are computed on the plain words.
"""

from __future__ import annotations

import os
import sys

COLOR_MODES = ("auto", "always", "never")
NO_COLOR = "NO_COLOR"

# Risk, most dangerous first; then statuses: live and unconfirmed keys stand out, an
# invalid key (Binance does not know it) is calm.
STYLES: dict[str, tuple[str, bool]] = {
    "critical": ("red", True),
    "high": ("yellow", True),
    "medium": ("magenta", False),
    "low": ("cyan", False),
    "none": ("green", False),
    "unknown": ("yellow", False),
    "active": ("red", True),
    "secret_mismatch": ("yellow", False),
    "revoked_or_ip_blocked": ("yellow", False),
    "unpaired": ("yellow", False),
    "invalid": ("green", False),
    "found": ("red", True),
    "clean": ("green", False),
}


def colour_wanted(mode: str, output: str | None) -> bool:
    """Whether a report for ``output`` (None or ``-``: standard output) gets colour."""
    if mode == "never" or (output is not None and output != "-"):
        return False
    if mode == "always":
        return True
    if os.environ.get(NO_COLOR):
        return False
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):  # replaced or closed standard output
        return False


def paint(text: str, word: str, enabled: bool) -> str:
    """``text`` in the colour of ``word`` (a status, a risk, ``found``/``clean``)."""
    if not enabled or word not in STYLES:
        return text
    import click

    colour, bold = STYLES[word]
    return click.style(text, fg=colour, bold=bold or None)  # False would add a reset code
