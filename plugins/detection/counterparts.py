"""A pair's names decide each other's roles: the table of names whose type follows the
name beside them.

The type of a value follows its name (whatever says secret or private is a secret), except
where the pair says otherwise: a C++ bot's `.env` holds `PRIVATE_KEY=<key>` over
`SECRET_KEY=<secret>`, and its `config.json` `"private_key"` beside `"secret_key"`. There
the secret has its own name, so the other, `private`, is the API key. A name that says no
credential at all may be one by its partner: Binance's API key is the public, identifying
half of the pair, so a config that names the secret `secret` may name the key after whom it
identifies (a C++ gateway's TOML account: `login = <key>` over `secret = <secret>`). Each
row is one such pair, with its example (``{V}`` the value typed, ``{W}`` its partner)
tested by tests/test_shape_tables.py.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .findings import API_KEY, SECRET_KEY


@dataclass(frozen=True)
class Counterpart:
    """A value whose name's words (joined, Binance's word and a scope left out) are
    ``words``, typed ``was``, is ``becomes`` when a line around it names ``partner``."""

    name: str
    words: frozenset[str]
    # None: a name that names no credential (`login`), a candidate only by its partner.
    was: str | None
    partner: re.Pattern[str]
    becomes: str
    example: str  # lines; the first holds {V}
    # A line around naming this leaves the type as it was: the pair has its key already
    # (`API_KEY=` beside `PRIVATE_KEY=` and `SECRET_KEY=`).
    unless: re.Pattern[str] | None = None


# A secret's name set to something: `SECRET_KEY=`, `"secret_key":`, `apiSecret:`, `secret =`
# (not `key_secret`).
_SECRET_SET = (
    r"""(?<![\w\-.])(?:binance[_\-.]?)?(?:api[_\-.]?)?secret(?:[_\-.]?key)?["']?"""
    r"""\s*(?::|=(?!=)|=>)"""
)
# An API key's name set to something: the pair has its key already.
_API_KEY_SET = re.compile(
    r"""(?<![A-Za-z])(?:api|access|public)[_\-.]?key["']?\s*(?::|=(?!=)|=>)""", re.IGNORECASE
)

COUNTERPARTS: tuple[Counterpart, ...] = (
    Counterpart(
        "private key beside a secret key: the private one is the API key",
        frozenset({"privatekey", "privkey"}),
        SECRET_KEY,
        re.compile(_SECRET_SET, re.IGNORECASE),
        API_KEY,
        "PRIVATE_KEY={V}\nSECRET_KEY={W}",
        unless=_API_KEY_SET,
    ),
    Counterpart(
        # The partner must hold a key-shaped value itself: `user = "bot"` beside a web
        # framework's `secret_key = ...` is no pair of Binance's.
        "an identity beside a secret holding a key: the identity is the API key",
        frozenset({"login", "user", "username", "account", "public", "pub"}),
        None,
        re.compile(_SECRET_SET + r"""\s*["'`]?[A-Za-z0-9]{64}(?![A-Za-z0-9])""", re.IGNORECASE),
        API_KEY,
        '  login = "{V}"\n  secret = "{W}"',
        unless=_API_KEY_SET,
    ),
)

# How much of each line around a value its partner's name is looked for in (the start of a
# line, or the text right after the value on its own): a long line costs no more.
COUNTERPART_CHARS = 200

# Words a counterpart's name may add to its row's words and stay that name.
_PASSING_WORDS = frozenset({"binance", "bn", "api", "my", "g", "m", "s", "k"})


# The names that are an API key's where a secret's name stands beside them (`PRIVATE_KEY`
# over `SECRET_KEY`): a framework-named secret beside one is a pair's secret. Only names
# that name a credential themselves: `user =` beside a framework's `SECRET_KEY` is no pair.
API_KEY_COUNTERPART_WORDS = frozenset(
    words
    for row in COUNTERPARTS
    if row.becomes == API_KEY and row.was is not None
    for words in row.words
)


def is_api_key_counterpart(words: Sequence[str]) -> bool:
    """Whether a name with ``words`` (lower case) is one a secret beside it makes the API
    key's (:data:`COUNTERPARTS`)."""
    return "".join(w for w in words if w not in _PASSING_WORDS) in API_KEY_COUNTERPART_WORDS


def counterpart_type(
    words: Sequence[str], secret_type: str | None, around: Callable[[], Sequence[str]]
) -> str | None:
    """The type of a value named with ``words`` (lower case), first typed ``secret_type``
    (None: the name names no credential), given the lines ``around()`` it (the value's own
    line left out; built only for a name some row has)."""
    joined = "".join(w for w in words if w not in _PASSING_WORDS)
    rows = [row for row in COUNTERPARTS if row.was == secret_type and joined in row.words]
    if not rows:
        return secret_type
    lines = around()
    for row in rows:
        if row.unless is not None and any(row.unless.search(line) for line in lines):
            continue
        if any(row.partner.search(line) for line in lines):
            return row.becomes
    return secret_type
