"""Numbered lines: what the detection engine scans, a whole file's or a diff's."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from itertools import count
from typing import overload

NumberedLines = Sequence[tuple[int, str]]


class Numbered(Sequence[tuple[int, str]]):
    """Lines as (line number, text) pairs, made when asked for, over a list of texts and
    (for the lines a diff showed) a list of their numbers; without one, a whole file's
    lines numbered from 1. Two million empty lines (a 2 MiB file can have that many) held
    as tuples took 170 MB, and the texts as one list are joined or searched in C."""

    def __init__(self, texts: list[str], numbers: list[int] | None = None) -> None:
        self.texts = texts
        self.numbers = numbers

    def __len__(self) -> int:
        return len(self.texts)

    @overload
    def __getitem__(self, index: int) -> tuple[int, str]: ...

    @overload
    def __getitem__(self, index: slice) -> list[tuple[int, str]]: ...

    def __getitem__(self, index: int | slice) -> tuple[int, str] | list[tuple[int, str]]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self.texts)))]
        text = self.texts[index]  # IndexError as a list's
        if self.numbers is not None:
            return (self.numbers[index], text)
        return (index % len(self.texts) + 1, text)

    def __iter__(self) -> Iterator[tuple[int, str]]:
        return zip(self.numbers if self.numbers is not None else count(1), self.texts)


def texts_of(lines: NumberedLines) -> list[str]:
    """The texts of numbered lines, without copying when they are :class:`Numbered`."""
    return lines.texts if isinstance(lines, Numbered) else [text for _, text in lines]
