"""A one-line progress bar on stderr: done/total, rate, ETA. Silent unless on a terminal.

A sweep of a large history takes a while, and a silent terminal looks hung; in CI logs and
pipes a redrawn line is noise, so the bar only draws on a TTY.

The bar is redrawn in place with a carriage return, which only works while the line fits on
one row and covers what was drawn before: a line wider than the terminal wraps, and each
redraw then leaves a row behind (a 40-column pane filled with bars), and a line shorter than
the last (the rate falling from 1,043/s to 987/s, the ETA from 10:00 to 9:59) leaves the
old line's tail on screen. So each line is fitted to the terminal's width (the bar, then
the rate and ETA dropped first) and padded with blanks over the previous one.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from typing import Callable, TextIO

from .sanitize import printable

BAR_WIDTH = 24
REDRAW_SECONDS = 0.1
DEFAULT_COLUMNS = 80


def format_eta(seconds: float) -> str:
    seconds = max(0, int(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"


class ProgressBar:
    def __init__(
        self,
        label: str,
        unit: str,
        stream: TextIO | None = None,
        enabled: bool | None = None,
        columns: Callable[[], int] | None = None,
    ) -> None:
        self.label = printable(label)
        self.unit = printable(unit)
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        # The terminal's width, asked at each redraw (a resized window is followed).
        self.columns = columns or self._terminal_columns
        self._shown = 0  # length of the line on screen, to blank out its tail
        self.total = 0
        self.done = 0
        self._started = time.monotonic()
        self._begun = False
        self._drawn = 0.0
        self._lock = threading.Lock()

    def start(self, total: int) -> None:
        """Show the bar for ``total`` units; called again when the total grows (the
        rate and ETA keep counting from the first call)."""
        if not self._begun:
            self._begun = True
            self._started = time.monotonic()
        self.total = total
        self._draw(force=True)

    def advance(self, count: int) -> None:
        with self._lock:
            self.done += count
            self._draw(force=self.done >= self.total)

    def line(self, width: int | None = None) -> str:
        """The bar's line, at most ``width`` characters: what does not fit goes first (the
        bar, then the rate and ETA; the count is cut last)."""
        elapsed = max(time.monotonic() - self._started, 1e-6)
        rate = self.done / elapsed
        filled = BAR_WIDTH * self.done // self.total if self.total else BAR_WIDTH
        bar = "#" * filled + "." * (BAR_WIDTH - filled)
        eta = format_eta((self.total - self.done) / rate) if rate > 0 else "?"
        count = f"{self.done}/{self.total} {self.unit}"
        speed = f"{rate:,.0f}/s  ETA {eta}"
        forms = (
            f"{self.label} [{bar}] {count}  {speed}",
            f"{self.label} {count}  {speed}",
            f"{self.label} {count}",
        )
        if width is None:
            return forms[0]
        return next((form for form in forms if len(form) <= width), forms[-1][:width])

    def _terminal_columns(self) -> int:
        try:
            return os.get_terminal_size(self.stream.fileno()).columns or DEFAULT_COLUMNS
        except (AttributeError, ValueError, OSError):  # no file descriptor, or not a tty
            return DEFAULT_COLUMNS

    def _render(self, end: str = "") -> None:
        # One column short of the width: a line filling the last column wraps on some
        # terminals, and the next carriage return would then leave it behind.
        width = max(self.columns() - 1, 1)
        text = self.line(width)
        padding = " " * max(min(self._shown, width) - len(text), 0)
        self._shown = len(text) + len(padding)  # blanks count: they are on screen too
        self.stream.write("\r" + text + padding + end)
        self.stream.flush()

    def _draw(self, force: bool = False) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if not force and now - self._drawn < REDRAW_SECONDS:
            return
        self._drawn = now
        self._render()

    def finish(self) -> None:
        if self.enabled:
            self._render("\n")
