"""A bound on the CPU time of a block of a test: the cost tests' one measure."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def within(seconds: float) -> Iterator[None]:
    """CPU seconds of this process: other processes competing for the cores do not count."""
    started = time.process_time()
    yield
    elapsed = time.process_time() - started
    assert elapsed < seconds, f"took {elapsed:.2f} CPU s, bound {seconds} s"
