"""What the comment right above a value says it is.

An `.env` file documents its variables in a comment line over each: `# Protects /logs when
the bot is exposed (Bearer token or ?token=)` over a bare `API_KEY=`, in a bot whose
Binance key is `BINANCE_API_KEY` a few lines below. A generic name is Binance's where the
file or the project says Binance; a comment that says the value is the application's own
token (one it checks, not one it sends to an exchange) says otherwise. Binance never takes
a bearer token: its API key goes in `X-MBX-APIKEY`. Each way of saying so is a row of
:data:`OWN_TOKEN_COMMENTS` with its example (tests/test_comments.py).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .patterns import BINANCE_WORD

# How many comment lines right above a value are read (a comment block over it).
MAX_COMMENT_LINES = 3
# How much of each comment line is read.
MAX_COMMENT_CHARS = 300

_COMMENT = re.compile(r"^[ \t]*(?:#|//|;|--|/\*|\*|<!--)")


@dataclass(frozen=True)
class OwnTokenComment:
    """A way a comment says the value under it is the application's own access token:
    ``regex`` (case-insensitive, searched in the comment), ``example`` a comment it finds."""

    label: str
    regex: str
    example: str


OWN_TOKEN_COMMENTS: tuple[OwnTokenComment, ...] = (
    OwnTokenComment(
        "a bearer token (an Authorization header the application checks)",
        r"\bbearer\b",
        "# Protege /logs cuando el bot está expuesto (Bearer token o ?token=)",
    ),
    OwnTokenComment(
        "an Authorization header",
        r"\bauthorization[ \t]*(?:header|:)",
        "# sent by the dashboard as the Authorization: header",
    ),
)
_OWN_TOKEN = re.compile(
    "|".join(f"(?:{row.regex})" for row in OWN_TOKEN_COMMENTS), re.IGNORECASE
)


def comment_above(lines_before: Sequence[str]) -> list[str]:
    """The comment lines right above a line (nearest first), at most MAX_COMMENT_LINES,
    each cut to MAX_COMMENT_CHARS."""
    found: list[str] = []
    for text in reversed(lines_before):
        head = text[:MAX_COMMENT_CHARS]
        if not _COMMENT.match(head) or len(found) == MAX_COMMENT_LINES:
            break
        found.append(head)
    return found


def says_own_token(lines_before: Sequence[str]) -> bool:
    """Whether the comment right above a line says its value is the application's own
    access token (:data:`OWN_TOKEN_COMMENTS`). A comment that says Binance never does: it
    names a bearer token or an Authorization header only to say Binance takes neither
    (`# Binance key, sent as X-MBX-APIKEY, never a Bearer token`)."""
    comment = comment_above(lines_before)
    if any(BINANCE_WORD.search(text) for text in comment):
        return False
    return any(_OWN_TOKEN.search(text) for text in comment)
