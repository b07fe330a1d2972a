"""detect-secrets' ``pragma: allowlist secret`` comment, checked in linear time.

detect-secrets 1.5 (``detect_secrets/filters/allowlist.py``) checks a line with regexes of
the form ``[ \\t]*#[ \\t]* *pragma: ?(allow|white)list[ -]secret.*?[ \\t]*$`` via
``re.search``. Every start position inside a run of blanks re-scans the whole run, so the
time grows with the square of the run (docs/performance.md); ``<!--`` followed by blanks
is worse (``[# \\t]*? *`` can split the run in every way). This module accepts exactly
the same lines (same comment syntaxes, same YAML rule, same ``nextline`` form on the
previous line), but finds the literal ``pragma...secret`` part with regexes that cannot
backtrack and checks the comment's closing part (``*/``, ``-->``) once at the line's end.
tests/test_pragma.py compares the two on generated lines.
"""

from __future__ import annotations

import os
import re
from typing import NamedTuple


class _Comment(NamedTuple):
    """A comment syntax: how the pragma's line part begins, and what must close the line."""

    start: str  # regex for the opening marker and the blanks allowed after it
    end: str  # literal that must end the line (after trailing blanks), or ""


# detect-secrets' ``_get_comment_tuples()``, in its order, rewritten without ambiguous
# quantifiers: its `<!--[# \t]*? *` is `<!--[# \t]*`, its ` *\*/` and ` *?-->` ends are
# checked as line endings (the `.*?` before them absorbs any blanks).
# tests/test_pragma.py fails if detect-secrets' own table changes.
_COMMENTS = (
    _Comment(r"# *", ""),  # python, yaml
    _Comment(r"// *", ""),  # golang
    _Comment(r"/\* *", "*/"),  # c
    _Comment(r"' *", ""),  # visual basic .net
    _Comment(r"-- *", ""),  # sql
    _Comment(r"<!--[# \t]*", "-->"),  # xml
)
# detect-secrets' ``_get_file_to_index_dict()``: in .yaml files only `#` comments count.
_COMMENTS_BY_EXTENSION: dict[str, tuple[int, ...]] = {"yaml": (0,)}

_SAME_LINE = tuple(
    re.compile(comment.start + r"pragma: ?(?:allow|white)list[ -]secret") for comment in _COMMENTS
)
# The nextline form must open the line (only blanks before it), so `re.match` from the start.
_NEXT_LINE = tuple(
    re.compile(r"[ \t]*" + comment.start + r"pragma: ?allowlist[ -]nextline[ -]secret")
    for comment in _COMMENTS
)


# gitleaks' inline mark: the text anywhere on a line skips that line (its README,
# "gitleaks:allow"; matched as plain text, case-sensitive, like its strings.Contains).
GITLEAKS_ALLOW = "gitleaks:allow"


def has_gitleaks_allow(line: str) -> bool:
    """Whether ``line`` carries gitleaks' ``gitleaks:allow`` mark."""
    return GITLEAKS_ALLOW in line


def _last_segment(line: str) -> str:
    """The part of ``line`` detect-secrets' ``.*?...$`` can reach: after its last newline,
    ignoring one final newline (``$`` matches just before it)."""
    body = line[:-1] if line.endswith("\n") else line
    return body[body.rfind("\n") + 1 :]


def _closes(text: str, after: int, end: str) -> bool:
    """Whether ``text`` ends, bar trailing blanks, with ``end`` starting at or after ``after``."""
    stripped = text.rstrip(" \t")
    return stripped.endswith(end) and len(stripped) - len(end) >= after


def is_line_allowlisted(filename: str, line: str, previous_line: str) -> bool:
    """What ``detect_secrets.filters.allowlist.is_line_allowlisted`` answers for ``line``
    with ``previous_line`` before it, in time linear in their lengths."""
    # Every form contains the word: most lines are settled by two substring tests.
    line_has_it = "pragma" in line
    if not line_has_it and "pragma" not in previous_line:
        return False
    extension = os.path.splitext(filename)[1][1:]
    indexes = _COMMENTS_BY_EXTENSION.get(extension, range(len(_COMMENTS)))
    segment = _last_segment(line) if line_has_it else ""
    for index in indexes:
        # The first occurrence leaves the longest rest of the line, so if any occurrence is
        # followed by the comment's closing, the first one is.
        match = _SAME_LINE[index].search(segment)
        if match and _closes(segment, match.end(), _COMMENTS[index].end):
            return True
    previous = previous_line[:-1] if previous_line.endswith("\n") else previous_line
    if "\n" in previous:
        # `^` anchors at the string's start and `.*?` stops at a newline: a previous "line"
        # holding a newline (other than one final one) cannot match.
        return False
    for index in indexes:
        match = _NEXT_LINE[index].match(previous)
        if match and _closes(previous, match.end(), _COMMENTS[index].end):
            return True
    return False
