"""Batches of a sweep run on threads: at most ``jobs`` at once, collected as they finish.

concurrent.futures would do the same, but importing it (logging, traceback, textwrap) costs a
sweep's start-up a noticeable share of a small repository's whole sweep
(docs/performance.md).
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class BatchThreads(Generic[T]):
    """Each task on its own thread, gated so that at most ``jobs`` run at once (waiting ones
    start in the order given); :meth:`next_done` hands back results as tasks finish."""

    def __init__(self, jobs: int) -> None:
        self._gate = threading.BoundedSemaphore(jobs)
        self._done: queue.SimpleQueue[tuple[T | None, BaseException | None]] = (
            queue.SimpleQueue()
        )
        self.in_flight = 0

    def submit(self, task: Callable[[], T]) -> None:
        def run() -> None:
            with self._gate:
                try:
                    outcome: tuple[T | None, BaseException | None] = (task(), None)
                except BaseException as error:  # noqa: BLE001 - raised again by next_done
                    outcome = (None, error)
            self._done.put(outcome)

        threading.Thread(target=run, name="sweep batch", daemon=True).start()
        self.in_flight += 1

    def next_done(self) -> T:
        """Wait for the next task to finish: its result, or its exception raised here."""
        result, error = self._done.get()
        self.in_flight -= 1
        if error is not None:
            raise error
        return result  # type: ignore[return-value]

    def wait_all(self) -> None:
        """Wait for every task still in flight, dropping what they return or raise (after
        one has failed: no batch is left running behind the error)."""
        while self.in_flight:
            self._done.get()
            self.in_flight -= 1
