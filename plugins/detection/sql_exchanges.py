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
        "exchangetype", "platform", "platformid", "broker", "brokerid", "brokername", "venue",
        "venueid",
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


def exchange_cell(columns: Sequence[str], cells: Sequence[str]) -> str | None:
    """The cell, as written, of the row's exchange column (:data:`EXCHANGE_COLUMNS`) among
    ``cells`` (the cells before a value), or None when there is none."""
    for index, column in enumerate(columns):
        if index < len(cells) and _column_key(column) in EXCHANGE_COLUMNS:
            return cells[index].strip().strip("'\"")
    return None


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


# `CREATE TABLE `key_table` (`: a dump's INSERTs without a column list (mysqldump's
# `INSERT INTO `key_table` VALUES (134,'bdd','K','S'),(...)`) take their columns from it.
_CREATE_TABLE = re.compile(
    r"""\bCREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?(?P<table>[\w."`\[\]]{1,80})\s*\(""",
    re.IGNORECASE,
)
# What a table's body holds besides columns.
_NOT_COLUMNS = frozenset(
    {"primary", "key", "unique", "constraint", "index", "foreign", "check", "fulltext",
     "spatial", "exclude", "period", "like"}
)
# A quoted first word is a column whatever it spells (an arbitrage bot's `exchanges`
# table has columns `` `key` `` and `` `secret` ``); only a bare one may open a constraint.
_FIRST_WORD = re.compile(r"""\s*(?P<quote>[`"\[]?)(?P<word>\w{1,80})""")
# How much of a CREATE TABLE's body is read: a table of a hundred columns fits.
MAX_TABLE_CHARS = 16 * 1024


def table_name(written: str) -> str:
    """A table's name as the file writes it (`` `trade`.`key_table` ``, ``"public".t``),
    lower case without quotes or schema."""
    return written.rsplit(".", 1)[-1].strip(" `\"[]").lower()


def table_columns(text: str) -> dict[str, tuple[str, ...]]:
    """The columns of each table a SQL text creates, by :func:`table_name`. Linear: each
    body is read once, up to its closing parenthesis, a `;` or MAX_TABLE_CHARS."""
    tables: dict[str, tuple[str, ...]] = {}
    at = 0
    while True:
        create = _CREATE_TABLE.search(text, at)
        if create is None:
            return tables
        depth, start, columns = 1, create.end(), []
        at = create.end()
        limit = min(len(text), at + MAX_TABLE_CHARS)
        while at < limit and depth > 0 and text[at] != ";":
            char = text[at]
            if char == "(":
                depth += 1
            elif char == ")":
                depth -= 1
            if depth == 0 or (depth == 1 and char == ","):
                columns.append(text[start:at])
                start = at + 1
            at += 1
        if depth != 0:
            continue
        names = []
        for part in columns:
            word = _FIRST_WORD.match(part)
            if word is not None and (
                word.group("quote") or word.group("word").lower() not in _NOT_COLUMNS
            ):
                names.append(word.group("word"))
        tables[table_name(create.group("table"))] = tuple(names)
