"""Which exchange a SQL row's credentials belong to, when a column of the row says it.

A multi-exchange app keeps every user's keys in one table, with a column naming the
exchange (`exchange = 'binance'`) or, in a normalised schema, a foreign key into an
exchanges table (`exchange_id = 2`, where a dump of the same file holds `INSERT INTO
exchanges VALUES (2, 'binance', 'Binance')`). That column, not the file's other mentions of
Binance, says whose a row's key is: adman9000/portfolio's `users_exchanges` rows hold
Bittrex's, Binance's and Kraken's keys side by side.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from .other_services import OTHER_EXCHANGE
from .patterns import BINANCE_WORD

# Column names that say which exchange a row is for, lower case without `_` (`exchange_id`,
# `exchangeType`, `"exchange"`): the shapes of dumps of `user_exchanges (user_id,
# exchange_id, api_key, secret)`, Prisma's `UserExchange ("exchange", "apiKey",
# "apiSecret")` and TypeORM's `exchange_api_keys ("exchange_name", "api_key", "secret_key")`.
EXCHANGE_COLUMNS = frozenset(
    {
        "exchange", "exchangeid", "exchangename", "exchangeslug", "exchangecode",
        "exchangetype", "platform", "platformid", "broker", "brokerid", "venue", "venueid",
    }
)


def _column_key(column: str) -> str:
    return column.strip(" `\"[]\n").lower().replace("_", "")


# `INSERT INTO exchanges (id, slug, title) VALUES` and the rows after it, up to its `;`.
_EXCHANGES_INSERT = re.compile(
    r"""\bINSERT\s+INTO\s+[`"\[]?(?:\w+\.)?[`"\[]?(?P<table>\w*exchange\w*|\w*platform\w*"""
    r"""|\w*broker\w*|\w*venue\w*)[`"\]]?\s*(?:\((?P<columns>[^()]{1,400})\))?\s*VALUES""",
    re.IGNORECASE,
)
_ROW = re.compile(r"""\(([^()]{1,1000})\)""")
_CELL = re.compile(r"""'[^'\n]*'|"[^"\n]*"|[^,\s][^,]*""")
# How much of a statement is read for its rows: an exchanges table is short.
MAX_STATEMENT_CHARS = 64 * 1024


def _exchange_of(text: str) -> str | None:
    """`binance` if ``text`` names Binance, the other exchange's name if it names one."""
    if BINANCE_WORD.search(text):
        return "binance"
    match = OTHER_EXCHANGE.search(text)
    return match.group(0).lower() if match else None


def exchange_ids(text: str) -> dict[str, str]:
    """The ids of the exchanges tables a SQL text fills: id -> ``binance`` or another
    exchange's name. Only rows that name an exchange count; an id two tables disagree on
    is dropped (a `users_exchanges` row is no exchange)."""
    found: dict[str, str] = {}
    dropped: set[str] = set()
    position = 0
    # Statements are read one after another, never inside the one before: thousands of
    # INSERTs without a `;` each read the next MAX_STATEMENT_CHARS (quadratic).
    while (insert := _EXCHANGES_INSERT.search(text, position)) is not None:
        columns = [
            c.strip(" `\"[]\n").lower() for c in (insert.group("columns") or "").split(",")
        ]
        id_index = columns.index("id") if "id" in columns else 0
        end = text.find(";", insert.end(), insert.end() + MAX_STATEMENT_CHARS)
        position = end if end >= 0 else insert.end() + MAX_STATEMENT_CHARS
        statement = text[insert.end() : position]
        for row in _ROW.finditer(statement):
            cells = [cell.strip().strip("'\"") for cell in _CELL.findall(row.group(1))]
            if id_index >= len(cells) or not cells[id_index].isdigit():
                continue
            # Short cells only: a key-shaped value may spell an exchange's name by chance.
            rest = " ".join(
                cell for i, cell in enumerate(cells) if i != id_index and len(cell) <= 40
            )
            exchange = _exchange_of(rest)
            key = cells[id_index]
            if exchange is None or key in dropped:
                continue
            if found.setdefault(key, exchange) != exchange:
                dropped.add(key)
                del found[key]
    return found


def row_exchange(
    columns: Sequence[str], cells: Sequence[str], ids: Callable[[], dict[str, str]]
) -> str | None:
    """The exchange a row is for, from the cells before its value (``cells``, as written)
    under ``columns``: the exchange column's name, or the exchange its id stands for in
    the file's exchanges tables (``ids()``, :func:`exchange_ids`, asked only for an id);
    None when the row does not say."""
    for index, column in enumerate(columns):
        if index >= len(cells) or _column_key(column) not in EXCHANGE_COLUMNS:
            continue
        cell = cells[index].strip().strip("'\"")
        if cell.isdigit():
            return ids().get(cell)
        return _exchange_of(cell)
    return None
