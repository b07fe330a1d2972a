"""Is a found value one of Binance's own documentation examples, or a near-copy of one?

The values themselves are the table in :mod:`binance_secrets.plugins.detection.doc_examples`
(each row names where Binance publishes it). They are public and belong to no account, so a
finding of one is reported with ``example: true`` and does not fail a run.

Near-copies: the docs copy their examples by hand and get them wrong (the futures docs'
HMAC example key differs from the spot docs' in five characters, a margin response example
is the special key shifted by one character), and so do the dumps of the docs that SDKs
commit. A value is a near-copy when, at some shift of at most
:data:`MAX_SHIFT` characters, it differs from a table value in at most :data:`MAX_EDITS`
places, the shift counting as that many edits. A random 64-character key is that close to
one of a hundred table values with probability below 10^-80, so no real key is ever
excused; and the check is cheap: a near-copy keeps an unchanged run of at least
:data:`ANCHOR` characters, so only values sharing such a run with a table value are compared.
"""

from __future__ import annotations

from functools import lru_cache

from .doc_examples import DOC_EXAMPLES, DocExample
from .patterns import PEM_BEGIN, PEM_END

MAX_EDITS = 8
MAX_SHIFT = 2
# With at most MAX_EDITS changes in 64 characters, some unchanged run is at least
# (64 - MAX_EDITS) / (MAX_EDITS + 1) > 6 characters long.
ANCHOR = 6


def _comparable(value: str) -> str:
    """A PEM block compares by its base64 body (line breaks and headers vary between
    copies); any other value by itself."""
    if PEM_BEGIN.search(value) is None:
        return value
    lines = (line.strip() for line in value.splitlines())
    return "".join(
        line for line in lines if line and not PEM_BEGIN.search(line) and not PEM_END.search(line)
    )


@lru_cache(maxsize=1)
def _exact() -> dict[str, DocExample]:
    return {row.value: row for row in DOC_EXAMPLES}


@lru_cache(maxsize=1)
def _anchors() -> dict[str, tuple[DocExample, ...]]:
    """Every ANCHOR-character run of every table value -> the rows that contain it."""
    index: dict[str, list[DocExample]] = {}
    for row in DOC_EXAMPLES:
        value = row.value
        for start in range(len(value) - ANCHOR + 1):
            rows = index.setdefault(value[start : start + ANCHOR], [])
            if row not in rows:
                rows.append(row)
    return {run: tuple(rows) for run, rows in index.items()}


def edits_at_best_shift(value: str, example: str) -> int:
    """The fewest edits (mismatched places plus the shift) that turn ``example`` into
    ``value`` when one is slid over the other by at most MAX_SHIFT characters; characters
    slid off either end count as edits too (through the shift)."""
    best = MAX_EDITS + 1
    for shift in range(-MAX_SHIFT, MAX_SHIFT + 1):
        a, b = (value[shift:], example) if shift >= 0 else (value, example[-shift:])
        overlap = min(len(a), len(b))
        if overlap == 0:
            continue
        mismatches = sum(1 for x, y in zip(a[:overlap], b[:overlap]) if x != y)
        edits = mismatches + abs(shift) + abs(len(value) - len(example) - shift)
        best = min(best, edits)
    return best


@lru_cache(maxsize=4096)
def documentation_example(value: str) -> DocExample | None:
    """The table row ``value`` is, or is a near-copy of; None for anything else.

    Remembered per value: a history repeats the same values in commit after commit (a
    docs page edited hundreds of times), and the near-copy search is slow."""
    value = _comparable(value)
    row = _exact().get(value)
    if row is not None:
        return row
    anchors = _anchors()
    candidates: list[DocExample] = []
    for start in range(len(value) - ANCHOR + 1):
        for row in anchors.get(value[start : start + ANCHOR], ()):
            if row not in candidates:
                candidates.append(row)
    for row in candidates:
        if edits_at_best_shift(value, row.value) <= MAX_EDITS:
            return row
    return None


def is_documentation_example(value: str) -> bool:
    return documentation_example(value) is not None
