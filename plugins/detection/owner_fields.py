"""A field of an object that says whose the object's credentials are.

Home Assistant keeps every integration's credentials in one `.storage/core.config_entries`
JSON: each entry has a generic `"data": {"api_key": ..., "client_secret": ...}` block and,
beside it, `"domain": "withings"` or `"domain": "binance"`. LLM and OAuth configs write
`{"provider": "openai", "api_key": ...}`, multi-exchange account lists `{"exchange":
"kraken", "apiKey": ...}`. The file names Binance (its Binance entry), so without the field
every other entry's generic secret would be taken for Binance's. A generic credential in an
object (or in a block of it, such as `data`) whose owner field names something other than
Binance is that owner's, whatever else the file says, as a SQL row's exchange column
decides its row (:mod:`.sql_exchanges`).

Each row of :data:`OWNER_FIELDS` is a field name with the place it comes from and an
example; :data:`NOT_OWNERS` are values such a field takes that name no service (a secrets
provider `env`, a market `futures`). Only JSON-like objects with braces are read, a line at
a time within the lines around the value (at most :data:`LINE_CHARS` of each): a minified
one-line object is not read this way.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .patterns import BINANCE_WORD


@dataclass(frozen=True)
class OwnerField:
    """A field whose string value names the object's service (``field``), where it is used
    (``source``) and a line holding it (``example``)."""

    field: str
    source: str
    example: str


OWNER_FIELDS: tuple[OwnerField, ...] = (
    OwnerField("domain", "Home Assistant config entries", '"domain": "withings",'),
    OwnerField("provider", "LLM and OAuth provider configs", '"provider": "openai",'),
    OwnerField("integration", "integration registries", '"integration": "github",'),
    OwnerField("exchange", "multi-exchange account lists", '"exchange": "kraken",'),
    OwnerField("exchange_name", "account tables exported as JSON", '"exchange_name": "okx",'),
    OwnerField("exchangeName", "JavaScript account objects", "exchangeName: 'bybit',"),
    OwnerField("exchangeId", "ccxt-style account objects", '"exchangeId": "kucoin",'),
)

# Values of such a field that name no service: where a secret comes from, a market, an
# environment.
NOT_OWNERS = frozenset(
    {
        "env", "environment", "file", "vault", "plain", "local", "default", "custom", "static",
        "manual", "config", "user", "inline", "none", "null", "spot", "futures", "margin",
        "live", "test", "testnet", "demo", "paper", "mainnet", "production", "prod",
        "dotenv", "keyring", "keychain",
    }
)

_FIELD_NAMES = "|".join(re.escape(row.field) for row in OWNER_FIELDS)
_OWNER = re.compile(
    r"""(?<![\w$])["']?(?:""" + _FIELD_NAMES + r""")["']?\s*(?::|=>|=)\s*["']"""
    r"""(?P<owner>[A-Za-z][\w .-]{0,40})["']"""
)
_QUOTED = re.compile(r""""[^"\n]*"|'[^'\n]*'""")
# How much of a line is read: a settings line is short, a longer one is some other text.
LINE_CHARS = 400


def _owner_on(text: str) -> str | None:
    """The first owner field's value on ``text``, or one naming Binance if any does. A
    quoted key or value of the object's own level that says Binance (`"binance": {` opening
    it, `"name": "binance"`, `"exchange_id": "binance"`) says so too: such an object is
    Binance's whatever its `provider` (`ccxt`, `aws`, a secrets store) names."""
    first: str | None = None
    for match in _OWNER.finditer(text):
        owner = match.group("owner")
        if _says_binance(owner):
            return owner
        first = first or owner
    if BINANCE_WORD.search(text):
        said = next((q for q in _QUOTED.findall(text) if _says_binance(q)), None)
        if said is not None:
            return said
    return first


def _says_binance(owner: str | None) -> bool:
    return owner is not None and BINANCE_WORD.search(owner) is not None


def _binance_first(owners: Sequence[str | None]) -> str | None:
    """Of the owners found (by priority), one naming Binance if any does, else the first:
    an object whose `exchange` is `binance` holds Binance's key whatever its `provider`
    (`ccxt`) says."""
    return next((o for o in owners if _says_binance(o)), next((o for o in owners if o), None))


def _depth_change(text: str) -> int:
    bare = _QUOTED.sub("", text)
    return bare.count("{") - bare.count("}")


def owner_named(lines_before: Sequence[str], lines_after: Sequence[str]) -> str | None:
    """The owner field's value of the object around a value (the lines around it, nearest
    first on either side), or of the object enclosing that one: the field nearest in the
    object's own level, never one of a sibling or nested object. Only within braces: a
    field is taken once the scan has met the object's own brace (`{` above, `}` below), so
    a TOML table or YAML list, which have none, is never read as one object. None
    without one."""
    found: list[str | None] = []
    for lines, sign in ((lines_after, 1), (reversed(lines_before), -1)):
        found.append(_owner_on_side(lines, sign))
    return _binance_first(found)


def _owner_on_side(lines: Iterable[str], sign: int) -> str | None:
    """:func:`owner_named` on one side: below (``sign`` 1) or above (-1, nearest first)."""
    depth = floor = 0
    pending: str | None = None  # a field of the value's own level, before its brace
    for text in lines:
        if len(text) > LINE_CHARS:
            break
        change = _depth_change(text) * sign
        if sign < 0:  # above: a line that opens the object is its parent's
            depth += change
            floor = min(floor, depth)
        if depth == floor and floor >= -1:
            owner = _owner_on(text)
            if owner is not None and floor == -1:
                return owner
            pending = _binance_first([pending, owner])
        if sign > 0:  # below: a line's own fields come before its closing brace
            depth += change
            floor = min(floor, depth)
        if floor < 0 and pending is not None:
            return pending
        if floor < -1:
            break
    return None


def owner_on_line(line: str, start: int, end: int) -> str | None:
    """The owner field's value of the one-line object holding the value at ``start:end``
    (`{"exchange":"bitget","apiKey":"V"}` in a curl body): the field after the last `{`
    before the value, else before the first `}` after it; at most LINE_CHARS either side."""
    before = line[max(0, start - LINE_CHARS) : start]
    opened = before.rfind("{")
    owner = _owner_on(before[opened + 1 :]) if opened >= 0 else None
    after = line[end : end + LINE_CHARS]
    closed = after.find("}")
    return _binance_first([owner, _owner_on(after[:closed] if closed >= 0 else after)])


def one_line_object(line: str) -> bool:
    """Whether the value's line writes its object whole (a brace on it): then only that
    line says whose it is, not the lines around (a shell script's next curl body)."""
    return "{" in line or "}" in line


def names_another(owner: str | None) -> bool:
    """Whether an owner field's value names a service other than Binance; a value naming
    no service (:data:`NOT_OWNERS`) says nothing."""
    if owner is None or owner.strip().lower() in NOT_OWNERS:
        return False
    return BINANCE_WORD.search(owner) is None
