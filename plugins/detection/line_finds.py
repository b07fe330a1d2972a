"""Which lines of a joined text hold a needle, found with ``find`` over the whole text.

A history's docs dumps are 150,000 lines: a search call per line, or a list of every
line's offset, costs more than the searching itself. Here each line is looked at once (a
search resumes at the next line) and a find is placed by counting the newlines between
one find and the next, all in C. Works on ``str`` and ``bytes`` alike.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import AnyStr


def finds_per_line(text: AnyStr, needle: AnyStr, haystack: AnyStr | None = None) -> Iterator[int]:
    """Where ``needle`` first stands on each line of ``text`` that holds it, in order.
    ``haystack`` (default: ``text``) is searched instead when given: a mapping of ``text``
    of the same length (letters and digits mapped to one symbol, say)."""
    newline = "\n" if isinstance(text, str) else b"\n"
    searched = text if haystack is None else haystack
    at = searched.find(needle)
    while at >= 0:
        yield at
        end = text.find(newline, at)  # type: ignore[arg-type]
        if end < 0:
            return
        at = searched.find(needle, end + 1)


def line_indices(text: AnyStr, positions: Iterable[int]) -> list[int]:
    """The index of the line of ``text`` each of ``positions`` (ascending) stands on."""
    newline = "\n" if isinstance(text, str) else b"\n"
    lines = []
    line, last = 0, 0
    for at in positions:
        line += text.count(newline, last, at)  # type: ignore[arg-type]
        last = at
        lines.append(line)
    return lines
