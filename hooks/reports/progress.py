"""A one-line progress bar on stderr: done/total, rate, ETA. Silent unless on a terminal.

A sweep of a large history takes a while, and a silent terminal looks hung; in CI logs and
pipes a redrawn line is noise, so the bar only draws on a TTY.
"""

from __future__ import annotations

import sys
import threading
import time
from typing import TextIO

from binance_secrets.hooks.reports.sanitize import printable

BAR_WIDTH = 24
REDRAW_SECONDS = 0.1


def format_eta(seconds: float) -> str:
    seconds = max(0, int(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"


class ProgressBar:
    def __init__(
        self, label: str, unit: str, stream: TextIO | None = None, enabled: bool | None = None
    ) -> None:
        self.label = printable(label)
        self.unit = printable(unit)
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
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

    def line(self) -> str:
        elapsed = max(time.monotonic() - self._started, 1e-6)
        rate = self.done / elapsed
        filled = BAR_WIDTH * self.done // self.total if self.total else BAR_WIDTH
        bar = "#" * filled + "." * (BAR_WIDTH - filled)
        eta = format_eta((self.total - self.done) / rate) if rate > 0 else "?"
        return (
            f"{self.label} [{bar}] {self.done}/{self.total} {self.unit}  {rate:,.0f}/s  ETA {eta}"
        )

    def _draw(self, force: bool = False) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if not force and now - self._drawn < REDRAW_SECONDS:
            return
        self._drawn = now
        self.stream.write("\r" + self.line())
        self.stream.flush()

    def finish(self) -> None:
        if self.enabled:
            self.stream.write("\r" + self.line() + "\n")
            self.stream.flush()
