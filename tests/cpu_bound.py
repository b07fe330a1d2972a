"""The cost tests' two measures: a bound on the CPU time of a block of a test, and a
record of what a function was asked (how often a text is read again)."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest


@contextmanager
def within(seconds: float) -> Iterator[None]:
    """CPU seconds of this process: other processes competing for the cores do not count."""
    started = time.process_time()
    yield
    elapsed = time.process_time() - started
    assert elapsed < seconds, f"took {elapsed:.2f} CPU s, bound {seconds} s"


def record_calls(
    monkeypatch: pytest.MonkeyPatch,
    owner: object,
    name: str,
    keep: Callable[[Any], Any] = lambda argument: argument,
) -> list[Any]:
    """Replace ``owner.name``, a function of one argument, with one that answers as it did
    and records ``keep(argument)`` of each call, in order (``keep=len`` for long texts: a
    record of lengths holds none of them)."""
    asked: list[Any] = []
    answer = getattr(owner, name)

    def recorded(argument: Any) -> Any:
        asked.append(keep(argument))
        return answer(argument)

    monkeypatch.setattr(owner, name, recorded)
    return asked
