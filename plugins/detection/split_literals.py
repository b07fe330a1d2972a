"""Keys written in code as string literals joined together: ``"abc..." + "...xyz"``.

A key pasted into source is sometimes split to keep lines short or to get past a naive
scanner: ``api_key = "first half" + "second half"`` (Java, C#, JS, Go, Python), adjacent
literals in parentheses or after a ``\\`` continuation (Python, C), ``"".join([...])`` and
``[...].join('')``, PHP's ``.``. No line then holds a 64-character run, so the line rules
see nothing. :func:`joined_values` finds literals of letters and digits joined by one of the
joins of :data:`SPLIT_STYLES` whose pieces make exactly 64 characters, and gives each as
the line it would be if the value had been written whole (``api_key = "<value>"``): that line
is then classified as any other, so the name, the constructor position and the Binance
context decide as they do for a whole value. Each row carries an example (``{A}`` and
``{B}`` the two halves of a fresh key) that tests/test_split_literals.py scans.

Only whole-file scans look for them (``scan``, the pre-commit hook): the plain detect-secrets
plugin sees one line, and ``sweep``'s pre-filter keeps only commits that add a
64-character run (docs/detection.md says so).

Cost: one regex search over the text per join, started only at a quote and bounded in
pieces (:data:`MAX_PIECES`), piece length and the blanks between them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .patterns import TOKEN

KEY_LENGTH = 64
# A split key has few pieces; more is a table of words, not a key.
MAX_PIECES = 8
MIN_PIECE = 4

# One piece: a one-line literal of letters and digits only (a Python b/r/u prefix allowed).
_RUN = r"[A-Za-z0-9]{" + f"{MIN_PIECE},{KEY_LENGTH - MIN_PIECE}" + "}"
_PIECE = r"""(?:\b[bBrRuU])?(["'`])""" + _RUN + r"\1"
# What may stand around an operator: blanks, and one line break (after a `\\` or not).
_GAP = r"""[ \t]{0,40}(?:\\?\r?\n[ \t]{0,80})?"""


@dataclass(frozen=True)
class SplitStyle:
    """One way of joining literals: ``join`` is what stands between two pieces."""

    name: str
    languages: str
    join: str
    example: str  # {A} and {B}: the two halves of a key
    # Only inside a join call (`"".join([...])`, `[...].join('')`): a bare list or tuple of
    # literals (a table's parts, a list of ids) is not one value.
    joined_call: bool = False


SPLIT_STYLES: tuple[SplitStyle, ...] = (
    SplitStyle(
        "plus",
        "Java, C#, JavaScript, TypeScript, Go, Python, Kotlin, Swift",
        _GAP + r"\+" + _GAP,
        'API_KEY = "{A}" + "{B}"\nAPI_SECRET = "{B}" +\n    "{A}"',
    ),
    SplitStyle(
        "adjacent literals",
        "Python (in parentheses or after a backslash), C, C++",
        r"""[ \t]{0,40}\\?\r?\n[ \t]{0,80}|[ \t]{1,40}""",
        'api_key = ("{A}"\n           "{B}")\napi_secret = "{B}" \\\n    "{A}"',
    ),
    SplitStyle(
        "list joined",
        "Python \"\".join([...]), JavaScript [...].join('')",
        _GAP + "," + _GAP,
        "api_key = \"\".join([\"{A}\", \"{B}\"])\napi_secret = ['{B}', '{A}'].join('')",
        joined_call=True,
    ),
    SplitStyle(
        "PHP dot",
        "PHP, Perl",
        _GAP + r"\.(?![.=])" + _GAP,
        "$api_key = '{A}' . '{B}';\n$api_secret = '{B}' .\n    '{A}';",
    ),
)

# The pieces after the first use its quote.
_NEXT_PIECE = r"(?:\b[bBrRuU])?\1" + _RUN + r"\1"
_SEARCHES = tuple(
    re.compile(
        _PIECE + r"(?:(?:" + style.join + r")" + _NEXT_PIECE + r"){1," + f"{MAX_PIECES - 1}" + "}"
    )
    for style in SPLIT_STYLES
)
_ONE_PIECE = re.compile(r"""(["'`])([A-Za-z0-9]+)\1""")
# A cheap test of a whole text: the end of a quoted run of 8 letters and digits (64 in at
# most 8 pieces: one piece at least that long), then a join (an operator, or the next
# literal on the same line or the next).
_MAY_HOLD = re.compile(
    r"""[A-Za-z0-9]{8}["'`][ \t]{0,40}(?:[+.,]|\\?\r?\n[ \t]{0,80}[bBrRuU]?["'`]|["'`])"""
)


def may_hold_joined(text: str) -> bool:
    """False means ``text`` certainly holds no value :func:`joined_values` finds."""
    return _MAY_HOLD.search(text) is not None


# What may enclose the pieces and goes when the value is written whole: Python's
# `"".join([...])`, JavaScript's `[...].join('')` (the join calls), parentheses around
# adjacent literals. (opening at the end of the text before the first piece, closing at
# the start of the text after the last, whether it is a join call).
_ENCLOSURES: tuple[tuple[re.Pattern[str], re.Pattern[str], bool], ...] = (
    (
        re.compile(r"""(?:""|'')\s*\.\s*join\s*\(\s*[\[(]\s*$"""),
        re.compile(r"""^\s*[\])]\s*\)"""),
        True,
    ),
    (
        re.compile(r"""\[\s*$"""),
        re.compile(r"""^\s*\]\s*\.\s*join\s*\(\s*(?:''|""|``)?\s*\)"""),
        True,
    ),
    (re.compile(r"""\(\s*$"""), re.compile(r"""^\s*\)"""), False),
)


def _unwrapped(before: str, after: str) -> tuple[str, str, bool]:
    """``before`` and ``after`` without what encloses the pieces, and whether that was a
    join call."""
    for opening, closing, joined_call in _ENCLOSURES:
        start, end = opening.search(before), closing.match(after)
        if start is not None and end is not None:
            return before[: start.start()], after[end.end() :], joined_call
    return before, after, False


@dataclass(frozen=True)
class JoinedValue:
    """A value joined from literals: the 0-based index of the line its first piece is on,
    that piece's column, the line as if the value had been written whole, and the index of
    the line its last piece is on."""

    value: str
    first: int
    column: int
    line: str
    last: int


def joined_values(text: str) -> list[JoinedValue]:
    """The 64-character values of ``text`` written as joined literals, in order."""
    if not may_hold_joined(text):
        return []
    found: dict[int, JoinedValue] = {}
    for style, search in zip(SPLIT_STYLES, _SEARCHES):
        for match in search.finditer(text):
            if match.start() in found:
                continue
            pieces = [m.group(2) for m in _ONE_PIECE.finditer(match.group(0))]
            value = "".join(pieces)
            if len(value) != KEY_LENGTH or not TOKEN.fullmatch(value):
                continue
            line_start = text.rfind("\n", 0, match.start()) + 1
            line_end = text.find("\n", match.end())
            line_end = len(text) if line_end < 0 else line_end
            quote = match.group(1)
            before, after, joined_call = _unwrapped(
                text[line_start : match.start()], text[match.end() : line_end]
            )
            if style.joined_call and not joined_call:
                continue
            whole = before + quote + value + quote + after
            found[match.start()] = JoinedValue(
                value,
                text.count("\n", 0, match.start()),
                match.start() - line_start,
                whole,
                text.count("\n", 0, match.end()),
            )
    return [found[start] for start in sorted(found)]
