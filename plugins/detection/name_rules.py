"""The table of rules that find a value's name: one row per way people write a credential.

A 64-character value is a candidate only when its name says what it is. Each row below finds
that name in one syntax, from the text before the value on its line (and, for a few, the
lines above). Rules are tried in table order and the first that answers wins, so the more
specific syntaxes come first. Each row carries an example line (``{V}`` marks the value) and
the corpus template that proves it (``tests/corpus/<template>.tmpl``); tests/test_name_rules.py
checks every example and that every template exists. Adding a style is adding a row.

Some names only carry a value and say nothing about it (``value``, ``default``, ``--body``):
for those the real name is a sibling, found by :data:`SIBLING_RULES` (``{"key": "apiKey",
"value": V}``, ``- name: BINANCE_API_KEY`` above ``value: V``, Terraform's
``variable "binance_api_key" {`` above ``default = V``, ``gh secret set NAME --body V``).
"""

from __future__ import annotations

import re
import string
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Callable

from .file_context import scanned_entity_columns, scanned_sql_exchange_ids, scanned_sql_tables
from .other_services import OTHER_EXCHANGE, folded
from .patterns import (
    BINANCE_WORD,
    K8S_NAME_LINE,
    NAMED_VALUE_PREFIX,
    QUOTED_KEY_PATH_PREFIX,
    QUOTED_NAME_PREFIX,
    TABLE_CELL_PREFIX,
)
from .sql_exchanges import exchange_cell, row_exchange, table_name
from .wrappers import ENTRY_WORDS, NAMING_WRAPPER, NOT_ENTRY_CALLEE_WORDS

# A value's name and what separates it from the value end well within this many characters
# before it. Searching only this tail keeps a long minified line linear.
NAME_LOOKBACK_CHARS = 160
# A SQL row's column list and the values before one: `INSERT INTO t (six columns) VALUES
# (1, 'main', 'binance', 'K', 'S', 0)` puts the secret some 200 characters after INSERT.
SQL_LOOKBACK_CHARS = 400
# How many lines above a carrier (``value:``) its sibling name may stand.
SIBLING_LOOKBACK_LINES = 4

# Where a window is cut, this stands first: no line starts with it, it is no blank, no
# name character and no CSV field, so a rule anchored at a line's start (`^\s*name:`, a
# label, a CSV row) cannot take the cut for the start of the line.
CUT = "\0"
_PARTIAL_WORD = re.compile(r"[\w$]+")


def cut_before(text: str, chars: int, end: int | None = None) -> str:
    """The last ``chars`` characters of ``text[:end]``, for the rules to look at: all of
    it when it is short, else :data:`CUT` and the tail, with the rest of a word the cut
    split dropped (`...nance_api_key = "` is no name `nance_api_key`). The work is within
    the tail (no copy of the text before it), so a long line of values stays linear."""
    end = len(text) if end is None else end
    if end <= chars:
        return text[:end]
    start = end - chars
    split = _PARTIAL_WORD.match(text, start, end)
    if split is not None and _PARTIAL_WORD.match(text, start - 1, start):
        start = split.end()
    return CUT + text[start:end]


# (text before the value on its line, lines above it, nearest last) -> the name, or None.
Finder = Callable[[str, Sequence[str]], "str | None"]


@dataclass(frozen=True)
class NameRule:
    """One way of writing a name before its value."""

    name: str
    find: Finder
    example: str  # a line naming the value {V}; the rule must find a name before it
    template: str  # the corpus template (under tests/corpus, without .tmpl) that tests it
    # What the text just before the value must end with for the rule to be tried at all: a
    # cheap test that keeps a line of thousands of values linear.
    tail: re.Pattern[str] | None = None
    # How much of the text before the value the rule reads: a SQL row's column list may
    # stand further back than a name does.
    lookback: int = 0  # 0: NAME_LOOKBACK_CHARS


# How much of the end of the text before a value a rule's ``tail`` looks at.
TAIL_CHARS = 12


def _tail(regex: str) -> re.Pattern[str]:
    return re.compile(regex + "$")


_QUOTE = r"""\\?["'`]"""


_WORDS = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")


def name_words(name: str) -> list[str]:
    """`BINANCE_API_KEY`, `binanceApiKey`, `api-key` -> lower-case words."""
    return [w.lower() for w in _WORDS.findall(name)]


def _prefix_rule(regex: re.Pattern[str], group: str = "name") -> Finder:
    def find(prefix: str, previous: Sequence[str]) -> str | None:
        match = regex.search(prefix)
        return match.group(group) if match else None

    return find


def _last_match_rule(regex: re.Pattern[str], group: str = "name") -> Finder:
    """The last match: siblings of several values may share one line
    (`[{"key": "apiKey", "value": K}, {"key": "secretKey", "value": S}]`)."""

    def find(prefix: str, previous: Sequence[str]) -> str | None:
        matches = list(regex.finditer(prefix))
        return matches[-1].group(group) if matches else None

    return find


def _announces_credential(name: str) -> bool:
    """Whether a call's name is a setter of a credential (`setApiKey`, `.secretKey`)."""
    words = set(name_words(name))
    return bool(words & {"key", "apikey", "secret", "secretkey"}) and not words & {
        "get", "hmac", "sign", "encode", "decode", "hash", "load", "read", "env", "getenv",
    }


# `api_key, api_secret = "K", "S"` / `apiKey, secretKey := "K", "S"`: the n-th value gets the
# n-th name.
# The lookbehind changes no answer (a match starting after a letter would also match one
# character earlier, so the leftmost match never does) but spares a start at every letter.
_TUPLE = re.compile(
    r"""(?<![A-Za-z_])(?P<names>[A-Za-z_][\w.]*(?:\s*,\s*[A-Za-z_][\w.]*)+)\s*:?=\s*"""
    r"""(?P<values>(?:["'][^"'\n]*["']\s*,\s*)*)["']$"""
)


# What may stand before a tuple assignment's names: nothing, a statement's end or a
# declaring keyword. After `(`, `,` or `=` the "names" are a call's arguments
# (`Fetcher(pool, binance_api_key='V')`, `X(pool=pool, binance_api_key='V')`), and the
# value's name is the keyword before it.
_IN_CALL_BEFORE = re.compile(r"""[(,=\[{]\s*$""")
_OPENS_CALL = re.compile(r"""[(,]\s*(?:#.*)?$""")


def _tuple_name(prefix: str, previous: Sequence[str]) -> str | None:
    if "=" not in prefix or "," not in prefix:
        return None  # what every match holds; the regex alone is slow on every value
    match = _TUPLE.search(prefix)
    if not match:
        return None
    if _IN_CALL_BEFORE.search(prefix, 0, match.start()):
        return None
    if not prefix[: match.start()].strip() and previous and _OPENS_CALL.search(previous[-1]):
        return None  # a call's arguments continued on this line
    if prefix.startswith(CUT) and not prefix[1 : match.start()].strip(" \t,"):
        return None  # the names may go on before the cut: the n-th name is unknown
    names = [n.strip() for n in match.group("names").split(",")]
    index = match.group("values").count(",")
    return names[index] if index < len(names) else None


# SQL: `INSERT INTO credentials (exchange, api_key, api_secret) VALUES ('binance', 'K', 'S')`:
# the n-th value gets the n-th column's name.
# A cell: a quoted string, a number or word, or a function call (PostgreSQL's `now()`,
# `gen_random_uuid()`, `nextval('seq')`, SQLite's `datetime('now')`).
_SQL_CALL = r"""(?:\((?:'[^'\n]{0,60}'|[^()'"\n]){0,60}\))?"""
_SQL_INSERT = re.compile(
    r"""\bINSERT\s+INTO\s+[\w."`\[\]]{1,80}\s*\((?P<columns>[^()]{1,400})\)\s*VALUES\s*\("""
    r"""(?P<values>(?:\s*(?:'[^'\n]*'|"[^"\n]*"|[\w.+-]+"""
    + _SQL_CALL
    + r""")\s*,)*)\s*['"]$""",
    re.IGNORECASE,
)
_SQL_VALUE = re.compile(r"""'[^'\n]*'|"[^"\n]*"|[\w.+-]+""" + _SQL_CALL)


def _may_insert(prefix: str) -> bool:
    """Whether ``prefix`` may hold the `INSERT` the case-insensitive SQL regexes look for:
    asked first with one str.find of the folded text, as each regex took 5 µs to search a
    value's window for it, and a mysqldump line holds 30,000 values."""
    return "insert" in folded(prefix)


def _sql_column(prefix: str, previous: Sequence[str]) -> str | None:
    match = _SQL_INSERT.search(prefix) if _may_insert(prefix) else None
    if not match:
        return None
    columns = [c.strip(" `\"[]") for c in match.group("columns").split(",")]
    return _column_name(columns, _SQL_VALUE.findall(match.group("values")))


def _column_name(columns: Sequence[str], cells: Sequence[str]) -> str | None:
    """The name of the value after ``cells`` under ``columns``, with the exchange its row
    names (:mod:`.sql_exchanges`: an `exchange` column, or an `exchange_id` into the file's
    exchanges table) in front: `binance_api_key`, `kraken_api_key`."""
    index = len(cells)
    if index >= len(columns):
        return None
    exchange = row_exchange(columns, cells, scanned_sql_exchange_ids)
    return f"{exchange}_{columns[index]}" if exchange else columns[index]


# SQL without a column list: `INSERT INTO exchanges VALUES (1, 'binance', 'K', 'S')`. Only a
# row with a cell that says binance is read, and there the first 64-character value is the
# key and the second the secret (the order every exchange-credentials table seen uses).
# Rows may follow on their own lines below `INSERT INTO t VALUES`.
# On a mysqldump line of many rows, a row past the window is read from its own `(`.
_SQL_CELLS = (
    r"""(?P<values>(?:\s*(?:'[^'\n]*'|"[^"\n]*"|[\w.+-]+"""
    + _SQL_CALL
    + r""")\s*,)*)\s*['"]$"""
)
_SQL_ROW = re.compile(
    r"""\bINSERT\s+INTO\s+(?P<table>[\w."`\[\]]{1,80})\s+VALUES\s*(?:\([^()\n]{0,400}\)\s*,\s*)*\("""
    + _SQL_CELLS,
    re.IGNORECASE,
)
_SQL_NEXT_ROW = re.compile(r"""^\s*(?:\([^()\n]{0,400}\)\s*,\s*)*\(""" + _SQL_CELLS)
# mysqldump writes a table's rows as one line (`INSERT INTO t VALUES (...),(...),...`): a
# row far along it is read from the `),(` that opens it, when the window was cut before it.
_SQL_LATER_ROW = re.compile(r"""\)\s*,\s*\(""" + _SQL_CELLS)
_SQL_VALUES_ABOVE = re.compile(
    r"""\bINSERT\s+INTO\s+(?P<table>[\w."`\[\]]{1,80})\s+VALUES\b""", re.I
)
_SQL_KEY_CELL = re.compile(r"""^['"][A-Za-z0-9]{64}['"]$""")
_SQL_ROW_NAMES = ("sql_row_binance_api_key", "sql_row_binance_api_secret")


def _sql_row(prefix: str, previous: Sequence[str]) -> str | None:
    match = _SQL_ROW.search(prefix) if _may_insert(prefix) else None
    table: str | None = match.group("table") if match else None
    if match is None and prefix.startswith(CUT):
        match = _SQL_LATER_ROW.search(prefix)
    if match is None:
        match = _SQL_NEXT_ROW.match(prefix)
        above = [m for m in map(_SQL_VALUES_ABOVE.search, previous) if m is not None]
        if match is None or not above:
            return None
        table = above[-1].group("table")
    cells = _SQL_VALUE.findall(match.group("values"))
    if not any("binance" in cell.lower() for cell in cells):
        return _created_column(table, cells)
    # The table's columns, where the file creates it or the project's entity declares
    # them, name the value when they name a credential there (`Secret` before `Key`).
    columns = _known_columns(table)
    if columns and len(cells) < len(columns) and _CREDENTIAL_COLUMN.search(columns[len(cells)]):
        return _column_name(columns, cells)
    index = sum(1 for cell in cells if _SQL_KEY_CELL.match(cell))
    return _SQL_ROW_NAMES[index] if index < len(_SQL_ROW_NAMES) else None


# A key-value table's row: the cell before the value names it (Laravel's `settings` rows
# `(1,1,'api_key','K',..),(2,1,'secret_key','S',..)`, WordPress's `wp_options`
# `(12,'binance_api_key','K','yes')`, Magento's `core_config_data` `(..,'payment/binance/
# api_secret','S',..)`). A name cell is at most 48 characters: a key cell whose letters
# happen to spell `key` before its secret is no name. Asked before the rules that name a
# row's cells by their column (`value` names nothing) or by their place (a data-only dump's
# first key is the key).
_NAMING_CELL = re.compile(
    r"""(?P<q>['"])(?P<name>[A-Za-z_][\w.:/-]{0,47})(?P=q)\s*,\s*['"]$"""
)


def _key_value_row(prefix: str, previous: Sequence[str]) -> str | None:
    match = _NAMING_CELL.search(prefix)
    if match is None or not _CREDENTIAL_COLUMN.search(match.group("name")):
        return None
    in_row = _may_insert(prefix) and _SQL_VALUES_WORD.search(prefix) is not None
    if not in_row and not (prefix.startswith(CUT) and _SQL_LATER_ROW.search(prefix)):
        return None
    return match.group("name")


_SQL_VALUES_WORD = re.compile(r"\bVALUES\b", re.IGNORECASE)


def _known_columns(table: str | None) -> tuple[str, ...] | None:
    """The columns of ``table`` (as an INSERT writes it): the file's CREATE TABLE's, else
    the project's entity's (:mod:`.entity_columns`)."""
    if table is None:
        return None
    name = table_name(table)
    return scanned_sql_tables().get(name) or scanned_entity_columns(name)


# A row of a table whose columns nothing gives (a data-only mysqldump's `INSERT INTO
# `tbl_users` VALUES (1,'K','S','a@b.c',..),(2,'K','S',..)`, no CREATE TABLE, no entity):
# its first key-shaped cell is the key, its second the secret, as in a row naming
# Binance. These names say nothing of Binance: the file or the lines around must.
_SQL_UNNAMED_ROW_NAMES = ("sql_row_api_key", "sql_row_api_secret")


def _unnamed_row(cells: Sequence[str]) -> str | None:
    index = sum(1 for cell in cells if _SQL_KEY_CELL.match(cell))
    return _SQL_UNNAMED_ROW_NAMES[index] if index < len(_SQL_UNNAMED_ROW_NAMES) else None


# Read so by place, a row's first key is a key only when a second (its secret) follows in
# the same row: a lone key-shaped cell is the application's own token (Laravel's `users`
# rows: `(1,'admin','a@b.c',NULL,'$2y$10$...','<remember_token>',...)`).
UNNAMED_ROW_KEY = _SQL_UNNAMED_ROW_NAMES[0]
_NEXT_CELL = re.compile(r"""\s*,\s*(?:'[^'\n]*'|"[^"\n]*"|[\w.+-]+""" + _SQL_CALL + ")")


def key_cell_follows(line: str, end: int) -> bool:
    """Whether a key-shaped cell follows, in the same SQL row, the cell whose value ends at
    ``end`` (its closing quote there). Reads at most SQL_LOOKBACK_CHARS: a row's cells."""
    position, limit = end + 1, min(len(line), end + 1 + SQL_LOOKBACK_CHARS)
    while (cell := _NEXT_CELL.match(line, position, limit)) is not None:
        if _SQL_KEY_CELL.match(cell.group(0).lstrip(" \t,")):
            return True
        position = cell.end()
    return False


_CREDENTIAL_COLUMN = re.compile(r"key|secret", re.IGNORECASE)
# Every exchange OTHER_EXCHANGE names is three letters or more: a cell without three in a
# row (an id, a price) is not asked (OTHER_EXCHANGE costs about 0.7 µs a character).
_THREE_LETTERS = re.compile(r"[^\W\d_]{3}")


def _may_name_exchange(cell: str) -> bool:
    return len(cell) <= 40 and _THREE_LETTERS.search(cell) is not None


def _created_column(table: str | None, cells: Sequence[str]) -> str | None:
    """A row that names no exchange takes its value's name from the columns the file's
    `CREATE TABLE` gives its table (mysqldump's extended INSERT has no column list): the
    table the INSERT names, or, where the window cut a long line before it, the only table
    the file creates with a key or secret column. A row naming another exchange is not
    read; a row of a dump that creates no table is named by its place
    (:func:`_unnamed_row`)."""
    if any(OTHER_EXCHANGE.search(cell) for cell in cells if _may_name_exchange(cell)):
        return None
    tables = scanned_sql_tables()
    if table is not None:
        columns = _known_columns(table)
    else:
        holding = [c for c in tables.values() if any(map(_CREDENTIAL_COLUMN.search, c))]
        columns = holding[0] if len(holding) == 1 else None
        if columns is None and tables:
            return None  # the window cut the INSERT: whose table the row is is unknown
    if columns:
        return _column_name(columns, cells)
    # A dump that creates no table at all (mysqldump --no-create-info, a data-only seed) is
    # read by place; one whose CREATE TABLEs leave this table out says nothing of it.
    return None if tables else _unnamed_row(cells)


# SQL rows on their own lines below a column list: `INSERT INTO t (id, exchange, api_key,
# api_secret) VALUES` over `  (1, 'binance', 'K', 'S'),` rows (the layout dumps and
# migrations write). The column list may be split over the lines above VALUES, and rows
# may stand between it and the value's; the n-th value gets the n-th column's name.
_SQL_COLUMNS_ABOVE = re.compile(
    r"""\bINSERT\s+INTO\s+[\w."`\[\]]{1,80}\s*\((?P<columns>[^()]{1,400})\)\s*VALUES"""
    r"""(?:\s*\([^()]{0,400}\)\s*,)*\s*$""",
    re.IGNORECASE,
)
# How many lines above a row its column list is looked for (the window and the
# enclosing INSERT's header).
SQL_COLUMNS_LINES = 6


# `VALUES (...)` opening the row's own line below `INSERT INTO t (cols)` (a formatter's
# line break before VALUES: `insert into user (id, exchange_id, api_key, ...)` over
# `values ('u1', 'binance', 'K', 'S', null);`).
_SQL_VALUES_ROW = re.compile(
    r"""^\s*VALUES\s*(?:\([^()\n]{0,400}\)\s*,\s*)*\(""" + _SQL_CELLS, re.IGNORECASE
)
_SQL_COLUMNS_ONLY_ABOVE = re.compile(
    r"""\bINSERT\s+INTO\s+[\w."`\[\]]{1,80}\s*\((?P<columns>[^()]{1,400})\)\s*$""",
    re.IGNORECASE,
)


def _sql_row_below_columns(prefix: str, previous: Sequence[str]) -> str | None:
    header_regex = _SQL_COLUMNS_ABOVE
    match = _SQL_NEXT_ROW.match(prefix)
    if match is None:
        match = _SQL_VALUES_ROW.match(prefix)
        header_regex = _SQL_COLUMNS_ONLY_ABOVE
    if match is None:
        return None
    above = [line for line in previous[-SQL_COLUMNS_LINES:] if line]
    if not any(map(_may_insert, above)):
        return None  # each header regex starts with an INSERT, which no line above holds
    for start in range(len(above) - 1, -1, -1):
        header = header_regex.search(" ".join(above[start:]).rstrip())
        if header is None:
            continue
        columns = [c.strip(" `\"[]\n") for c in header.group("columns").split(",")]
        return _column_name(columns, _SQL_VALUE.findall(match.group("values")))
    return None


# PostgreSQL's COPY data: tab-separated rows below `COPY t (cols) FROM stdin;` (pg_dump). A
# row whose exchange column (`broker_name`) names another broker (KIS, any name but
# Binance's) is that broker's: it is named ANOTHER_BROKERS_ROW, which names no
# credential. Otherwise the value's column names it, or, where that column names no key or
# secret (`token`), the label in the cell before (`API`, `SEC`, `Private` of a
# `token_name` column), with the row's exchange in front.
_COPY_HEADER = re.compile(
    r"""^COPY\s+[\w."]{1,80}\s*\((?P<columns>[^()]{1,400})\)\s+FROM\s+stdin""", re.IGNORECASE
)
ANOTHER_BROKERS_ROW = "another_brokers_row"
_COPY_CELLS = re.compile(r"""^(?:[^\t\n]{0,200}\t){1,64}$""")


def _copy_row(prefix: str, previous: Sequence[str]) -> str | None:
    if prefix.startswith(CUT) or not _COPY_CELLS.match(prefix):
        return None
    for line in reversed(previous):
        if line.startswith("\\."):
            return None
        header = _COPY_HEADER.match(line)
        if header is not None:
            break
    else:
        return None
    columns = [c.strip(' "') for c in header.group("columns").split(",")]
    cells = prefix.split("\t")[:-1]
    if len(cells) >= len(columns):
        return None
    broker = exchange_cell(columns, cells)
    if broker and not BINANCE_WORD.search(broker):
        return ANOTHER_BROKERS_ROW
    column = columns[len(cells)]
    if _CREDENTIAL_COLUMN.search(column) or not cells[-1].strip():
        named = column
    else:
        named = cells[-1].strip()
    return f"binance_{named}" if broker else named


# A YAML sequence item under its key: a recorded request's header (a VCR cassette's
# `X-Mbx-Apikey:` over `- "V"`), a list of keys. Earlier items of the same list may stand
# between the key and the value.
_YAML_ITEM = re.compile(r"""^(?P<indent>[ ]*)-[ ]+["']?$""")
_YAML_ITEM_ABOVE = re.compile(r"""^[ ]*-[ ]+\S""")
_YAML_LIST_KEY = re.compile(r"""^[ ]*["']?(?P<name>[\w.-]{1,80})["']?[ ]*:[ ]*(?:#.*)?$""")


def _yaml_list_item(prefix: str, previous: Sequence[str]) -> str | None:
    item = _YAML_ITEM.match(prefix)
    if item is None:
        return None
    for line in reversed(previous[-SIBLING_LOOKBACK_LINES:]):
        key = _YAML_LIST_KEY.match(line)
        if key is not None:
            return key.group("name")
        if not _YAML_ITEM_ABOVE.match(line):
            return None
    return None


# A Markdown table whose header names the columns: `| Exchange | API Key | Secret |`, the
# `| --- |` line, then rows `| Binance | `K` | `S` |`. The value's column is counted from the
# cells before it on its row; the header is the line above the separator, within the lines
# above. Tried before the one-cell rule, which would take the row's first cell for a name.
_MD_SEPARATOR = re.compile(r"""^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)+\|?\s*$""")
_MD_CREDENTIAL_HEADER = re.compile(r"key|secret|private", re.IGNORECASE)


def _markdown_column(prefix: str, previous: Sequence[str]) -> str | None:
    if prefix.startswith(CUT) or not prefix.lstrip().startswith("|") or len(previous) < 2:
        return None
    column = prefix.count("|") - 1
    for at in range(len(previous) - 1, 0, -1):
        line = previous[at]
        if _MD_SEPARATOR.match(line):
            header = [cell.strip(" `") for cell in previous[at - 1].strip().strip("|").split("|")]
            name = header[column] if 0 <= column < len(header) else ""
            return name if _MD_CREDENTIAL_HEADER.search(name) else None
        if not line.lstrip().startswith("|"):
            return None
    return None


# `.setApiKey("V")`, `.apiSecret("V")`, `WithSecretKey("V")`: a setter or builder method whose
# name is the credential's (positional typing would call every such value an API key).
_SETTER_END = re.compile(r"""\(\s*\\?["'`]$""")
_SETTER = re.compile(r"""(?P<name>[A-Za-z_]\w{0,47})\s*""" + _SETTER_END.pattern)


def _name_then(regex: re.Pattern[str], end: re.Pattern[str], prefix: str) -> re.Match[str] | None:
    """``regex.search(prefix)`` for a regex that is a name of at most 48 characters, blanks,
    then ``end``: the same match without trying the name at every position, which cost
    time on every value. ``end`` starts with a literal the regex engine finds fast, and the
    name ends where the blanks before it begin."""
    tail = end.search(prefix)
    if tail is None:
        return None
    name_end = len(prefix[: tail.start()].rstrip())
    return regex.search(prefix, max(0, name_end - 48))


def _setter_name(prefix: str, previous: Sequence[str]) -> str | None:
    match = _name_then(_SETTER, _SETTER_END, prefix)
    if match and _announces_credential(match.group("name")):
        return match.group("name")
    return None


# `<string name="binance_api_key">V`, `<entry key="binance.secret">V`: the attribute names it.
_XML_NAMED_ELEMENT = re.compile(
    r"""<[\w.:-]+\s[^<>]{0,200}?\b(?:name|key)\s*=\s*["'](?P<name>[^"'<>]{1,60})["'][^<>]*>\s*$"""
)
# `<apiKey>V</apiKey>`
_XML_ELEMENT = re.compile(r"""<(?P<name>[A-Za-z_][\w.:-]{0,47})(?:\s[^<>]{0,200})?>\s*$""")
# C#: `public string ApiKey { get; set; } = "V";`
_CSHARP_PROPERTY_END = re.compile(r"""\{\s*get;[^{}]{0,40}\}\s*=\s*@?"$""")
_CSHARP_PROPERTY = re.compile(r"""(?P<name>[A-Za-z_]\w{0,47})\s*""" + _CSHARP_PROPERTY_END.pattern)


def _csharp_property_name(prefix: str, previous: Sequence[str]) -> str | None:
    match = _name_then(_CSHARP_PROPERTY, _CSHARP_PROPERTY_END, prefix)
    return match.group("name") if match else None


# TypeScript/Kotlin/Rust/Python annotations: `apiKey: string = '`, `val apiKey: String = "`,
# `const API_KEY: &str = "`, `api_key: str = "`, `apiKey?: string = "`.
_TYPED = re.compile(
    r"""(?<![\w$])(?!\$?(?i:env):)(?P<name>[A-Za-z_$][\w$]{0,47})\s*[?!]?\s*:"""
    r"""\s*[&'\w<>\[\]|. ?]{1,40}?\s*=\s*\\?["'`]$"""
)
# Go: `var apiKey string = "V"`, `const secretKey string = "V"`.
_GO_TYPED = re.compile(
    r"""\b(?:var|const)\s+(?!(?:val|var|let|char|int|string|auto|static)\b)(?P<name>\w{1,48})"""
    r"""\s+[\w.\[\]][\w.*\[\]]*\s*=\s*["`]$"""
)
# Text copied from a web page or a note: `API Key: V`, `Secret Key = V`, `- Secret key: V`.
# Several words, at the start of the line (NAMED_VALUE_PREFIX would see only "Key").
_LABEL = re.compile(
    r"""^\s*(?:[-*•>#]+\s*)?(?P<name>[A-Za-z][A-Za-z0-9]*(?:[ ][A-Za-z][A-Za-z0-9]*){1,3})"""
    r"""\s*[:=]\s*["'`]?$"""
)


# `process.env.BINANCE_API_KEY ?? 'V'`, `os.environ.get(...) or "V"`, `ENV['X'] || 'V'`: the
# fallback default of a read is named by what is read.
# The read may be cleaned up before the operator, a chain of calls the fallback does not
# change the name of: Ruby's `ENV['X'].to_s.strip.presence || 'V'` (an ERB tag in a Rails
# YAML), JavaScript's `process.env.X?.trim() || 'V'`, Python's `os.getenv("X").strip() or`.
_CLEANUP_CHAIN = r"""(?:\??\.[A-Za-z_]\w{0,30}[?!]?\(\s*\))*"""
_ITEM_CHAIN = r"""(?:\??\.[A-Za-z_]\w{0,30}[?!]?(?:\(\s*\))?){0,6}"""
# The name starts where a run of name characters starts: a start inside the run fails at
# once instead of trying every length of name from there.
_FALLBACK = re.compile(
    r"""(?<![\w$.])(?P<name>[A-Za-z_$][\w$.]{0,80}?)(?:\[["'](?P<key>[\w.-]{1,60})["']\]"""
    + _ITEM_CHAIN
    + r""")?"""
    + _CLEANUP_CHAIN
    + r"""\s*(?:\?\?|\|\||\bor)\s*\\?["'`]$"""
)


def _fallback_name(prefix: str, previous: Sequence[str]) -> str | None:
    match = _FALLBACK.search(prefix)
    if not match:
        return None
    return match.group("key") or match.group("name")


# The fallback of a conditional on an environment read: the value the code uses when the
# variable is unset, named by the variable read. Laravel's config arrays (`'KEY' =>
# env('BINANCE_API_KEY') ? env('BINANCE_API_KEY') : "V"`), PHP's `getenv('X') ?: 'V'`,
# JavaScript's `process.env.X ? process.env.X : 'V'`, Java's `System.getenv("X") != null ?
# System.getenv("X") : "V"`, Python's `os.getenv("X") if os.getenv("X") else "V"` and
# `os.environ.get("X") or "V"`: the read is a call with the quoted name, `process.env.X` or
# an `ENV['X']` item. The last read before the operator names the value.
_ENV_READ = (
    r"""(?:(?<![\w.$>:-])[A-Za-z_][\w.$>:-]{0,60}\(\s*["'](?P<call>[A-Za-z_][\w.-]{0,79})["']\s*\)"""
    r"""|\bprocess\.env\.(?P<prop>[A-Za-z_]\w{0,79})"""
    r"""|\[\s*["'](?P<item>[A-Za-z_][\w.-]{0,79})["']\s*\])"""
)
# The read ends the text before the operator, maybe compared with nothing first.
_READ_BEFORE_OPERATOR = re.compile(
    _ENV_READ
    + _ITEM_CHAIN
    + r"""\s*(?:(?:!==?|==|<>|\bis\s+not)\s*(?:null|None|nil|undefined|false|''|"")\s*)?$"""
)
_FALLBACK_OPERATOR = re.compile(r"""(?:\?:|\?\?|\|\||\bor|:|\belse)\s*\\?["'`]$""")
# How far before its fallback a conditional's `?` (or `if`) and its read may stand.
CONDITIONAL_CHARS = 200


def _conditional_fallback_name(prefix: str, previous: Sequence[str]) -> str | None:
    operator = _FALLBACK_OPERATOR.search(prefix)
    if operator is None:
        return None
    start, word = operator.start(), operator.group()
    head: str | None = prefix[:start]
    if word.startswith(":"):
        # `cond ? read : "V"`: the condition ends before the nearest `?` on the line.
        mark = prefix.rfind("?", max(0, start - CONDITIONAL_CHARS), start)
        between = prefix[mark + 1 : start]
        head = prefix[:mark] if mark >= 0 and ":" not in between else None
    elif word.startswith("else"):
        mark = prefix.rfind(" if ", max(0, start - CONDITIONAL_CHARS), start)
        head = prefix[:mark] if mark >= 0 else None
    if not head:
        return None
    match = _READ_BEFORE_OPERATOR.search(head, max(0, len(head) - CONDITIONAL_CHARS))
    if match is None:
        return None
    return match.group("call") or match.group("prop") or match.group("item")


# A CSV row under its header: `exchange,api_key,secret_key` / `binance,V,V`.
# A row cut before its first field (CUT) cannot be counted: it is no row.
_CSV_FIELDS_BEFORE = re.compile(r"""^[^,"'\n\0]{0,80}(?:,[^,"'\n]{0,80}){0,20},$""")
_CSV_HEADER = re.compile(r"""^\s*[A-Za-z_][\w .-]{0,40}(?:,[A-Za-z_][\w .-]{0,40})+\s*$""")


def _csv_column(prefix: str, previous: Sequence[str]) -> str | None:
    if not _CSV_FIELDS_BEFORE.match(prefix):
        return None
    column = prefix.count(",")
    for line in reversed(previous):
        if _CSV_HEADER.match(line):
            fields = line.strip().split(",")
            return fields[column].strip() if column < len(fields) else None
    return None


# FIX fields are `tag=value` separated by SOH (shown as | or ^ in logs and docs); Binance's
# FIX API reads the API key from the Logon's Username <553> (Binance FIX API docs,
# binance-spot-api-docs fix-api.md, "Logon <A>"). The name given is what the tag means.
_FIX_USERNAME = re.compile(r"(?:^|[|\x01^])553=$")


def _fix_username(prefix: str, previous: Sequence[str]) -> str | None:
    return "FIX_553_API_KEY" if _FIX_USERNAME.search(prefix) else None


# A YAML block scalar holding a bare key file (`binance_key: |` over the key and the secret,
# each alone on its line; a Kubernetes Secret's `stringData:` file): the header names the
# block, the position names the value (the first line the key, the second the secret).
_BLOCK_HEADER = re.compile(
    r"""^(?P<indent>[ ]*)(?:-[ ]+)?["']?(?P<name>[\w.-]{1,80})["']?[ ]*:"""
    r"""[ ]*[|>][-+1-9]{0,2}[ ]*(?:#.*)?$"""
)
_BLOCK_VALUE = re.compile(r"""^(?P<indent>[ ]+)[A-Za-z0-9]{64}[ ]*$""")
_BLOCK_NAMES = ("api_key", "api_secret")
_BLOCK_TYPED = re.compile(r"key|secret|private", re.IGNORECASE)


def _yaml_block_scalar(prefix: str, previous: Sequence[str]) -> str | None:
    if prefix.strip() or not prefix:
        return None
    above = 0
    for line in reversed(previous):
        value = _BLOCK_VALUE.match(line)
        if value is not None and value.group("indent") == prefix and above < 1:
            above += 1
            continue
        header = _BLOCK_HEADER.match(line)
        if header is None or len(header.group("indent")) >= len(prefix):
            return None
        name = header.group("name")
        if above == 0 and _BLOCK_TYPED.search(name):
            return name  # `binance_secret: |` over one secret: named by its header
        return f"{name}_{_BLOCK_NAMES[above]}"
    return None


# A callable named for the credential returns it: a getter is its name. Python `def
# API_KEY(): return 'V'` (inside `class TOKEN_BINANCE():`) and `API_KEY = lambda: 'V'`, JS
# `get apiKey() { return 'V' }` and `apiKey: () => 'V'`, Java/C# `String getApiKey() {
# return "V"; }` and `public string ApiKey => "V";`, Kotlin `fun apiKey() = "V"` and `val
# apiKey get() = "V"`; the `return` may stand on the line below the header. A getter's
# `get` says nothing (`getApiSecret` is `ApiSecret`).
_GETTER = re.compile(
    r"""(?<![\w$])(?P<name>[A-Za-z_$][\w$]{0,47})\s*(?:"""
    r"""\(\s*(?:self|this|cls)?\s*\)\s*(?:->\s*[\w\[\].]{1,30}\s*|:\s*[\w<>?.]{1,30}\s*)?"""
    r"""(?::|\{|=(?!=))?"""
    r"""|\s(?:get\(\)\s*)=(?!=)|[:=]\s*lambda\b[^:\n]{0,40}:|[:=]\s*\(\s*\)\s*=>\s*\{?|=>)"""
    r"""\s*(?:\{\s*)?(?:return\s+)?\\?["'`]$"""
)
_GETTER_TAIL = re.compile(
    r"""(?:\(|\sget\(|[:=]\s*lambda|[:=]\s*\(|=>)[^\n]{0,80}\\?["'`]$"""
)
# The line holds only the value or `return V` (maybe after other statements: `log(); return
# "V"`): the getter's header is the line above.
_RETURN_ONLY = re.compile(r"""(?:^|;)\s*return\s+\\?["'`]$|^\s*\\?["'`]$""")
_CALLABLE_HEAD = re.compile(r"""\b(?:def|fun|function|get|lambda)\b|\)\s*(?:[:{]|->|=)|=>""")


def _getter_name(prefix: str, previous: Sequence[str]) -> str | None:
    text = prefix
    alone = _RETURN_ONLY.search(prefix)
    if alone is not None and previous:
        text = previous[-1].rstrip() + " " + alone.group().lstrip(";").strip()
    match = _name_then(_GETTER, _GETTER_TAIL, text)
    if match is None or not _CALLABLE_HEAD.search(text, match.start()):
        return None
    name = match.group("name")
    if name in ("return", "lambda", "get", "function", "def", "fun"):
        return None
    words = name_words(name)
    if len(words) > 1 and words[0] == "get":
        name = name[3:].lstrip("_")
    return name


# A call storing a value under a name (:data:`wrappers.ENTRY_CALLS`): the argument just
# before the literal, a constant or a member path (`CryptoBotNames.BinanceKey`,
# `Keys::API_SECRET`), names it. A lower-case local variable (`put(key, "V")`, a loop's
# key) is no name, and neither is one that says nothing of a key or a secret.
_ENTRY_NAME_END = re.compile(r"""\s*,\s*\\?["'`]$""")
_ENTRY_PATH = re.compile(r"""[A-Za-z_$][\w$]{0,47}(?:(?:\.|::|->)[A-Za-z_$][\w$]{0,47}){0,4}""")
_ENTRY_PATH_CHARS = string.ascii_letters + string.digits + "_$.:->"
_IDENTIFIER_CHARS = string.ascii_letters + string.digits + "_$"
_ENTRY_NAMES_CREDENTIAL = re.compile(r"key|secret|priv", re.IGNORECASE)


def _open_paren(text: str) -> int:
    """Where the call still open at the end of ``text`` opens (its `(`), or -1."""
    depth = 0
    for index in range(len(text) - 1, -1, -1):
        char = text[index]
        if char == ")":
            depth += 1
        elif char == "(":
            if depth == 0:
                return index
            depth -= 1
    return -1


def _run_before(text: str, end: int, chars: str) -> int:
    """Where the run of ``chars`` that ends at ``end`` starts: read back from ``end`` only,
    so every value on a long line costs the length of its own name, not of the window."""
    return len(text[:end].rstrip(chars))


def _entry_name(prefix: str, previous: Sequence[str]) -> str | None:
    tail = _ENTRY_NAME_END.search(prefix, max(0, len(prefix) - TAIL_CHARS))
    if tail is None:
        return None
    start = _run_before(prefix, tail.start(), _ENTRY_PATH_CHARS)
    name = prefix[start : tail.start()]
    if not _ENTRY_PATH.fullmatch(name):
        return None
    last = re.split(r"\.|::|->", name)[-1]
    if not _ENTRY_NAMES_CREDENTIAL.search(last) or (name == last and name.islower()):
        return None
    paren = _open_paren(prefix[:start])
    if paren < 0:
        return None
    callee_end = len(prefix[:paren].rstrip())
    callee = prefix[_run_before(prefix, callee_end, _IDENTIFIER_CHARS) : callee_end]
    words = set(name_words(callee))
    if not words & ENTRY_WORDS or words & NOT_ENTRY_CALLEE_WORDS:
        return None
    return name


def _label_name(prefix: str, previous: Sequence[str]) -> str | None:
    if len(prefix) > NAME_LOOKBACK_CHARS:
        return None
    match = _LABEL.match(prefix)
    return match.group("name") if match else None


NAME_RULES: tuple[NameRule, ...] = (
    NameRule(
        "tuple assignment",
        _tuple_name,
        'api_key, api_secret = "K", "{V}"',
        "positive/python/tuple_env.py",
        tail=_tail(r"(?:=|,)\s*" + _QUOTE),
    ),
    NameRule(
        "SQL key-value row: the cell before names the value",
        _key_value_row,
        "INSERT INTO `settings` VALUES (1,1,'api_key','K',NULL),(2,1,'secret_key','{V}',NULL);",
        "positive/misc/settings_table.sql",
        tail=_tail(r",\s*['\"]"),
        lookback=SQL_LOOKBACK_CHARS,
    ),
    NameRule(
        "SQL INSERT column list",
        _sql_column,
        "INSERT INTO keys (exchange, api_key) VALUES ('binance', '{V}');",
        "positive/misc/seed.sql",
        tail=_tail(r"[(,]\s*['\"]"),
        lookback=SQL_LOOKBACK_CHARS,
    ),
    NameRule(
        "SQL VALUES row naming binance, without a column list",
        _sql_row,
        "INSERT INTO exchanges VALUES (1, 'binance', 'K', '{V}');",
        "positive/misc/exchanges.sql",
        tail=_tail(r"[(,]\s*['\"]"),
        lookback=SQL_LOOKBACK_CHARS,
    ),
    NameRule(
        "SQL rows below a column list",
        _sql_row_below_columns,
        "INSERT INTO accounts (id, exchange, api_key, api_secret) VALUES\n"
        "  (1, 'binance', 'K', '{V}'),",
        "positive/misc/accounts_dump.sql",
        tail=_tail(r"[(,]\s*['\"]"),
        lookback=SQL_LOOKBACK_CHARS,
    ),
    NameRule(
        "SQL VALUES opening the row's line below a column list",
        _sql_row_below_columns,
        "insert into user (id, exchange_id, exchange_api_key, exchange_api_secret)\n"
        "values ('u1', 'binance', 'K', '{V}', null);",
        "positive/misc/user_seed.sql",
        tail=_tail(r"[(,]\s*['\"]"),
        lookback=SQL_LOOKBACK_CHARS,
    ),
    NameRule(
        "PostgreSQL COPY row under its column list",
        _copy_row,
        "COPY public.user_tokens (id, broker_name, token_name, token) FROM stdin;\n"
        "1\tBinance\tSEC\t{V}",
        "positive/misc/pg_copy.sql",
        tail=_tail(r"\t"),
    ),
    NameRule(
        "YAML sequence item under its key",
        _yaml_list_item,
        "      X-Mbx-Apikey:\n      - \"{V}\"",
        "positive/yaml/cassette.yml",
        tail=_tail(r"-[ ]+[\"']?"),
    ),
    NameRule(
        "setter or builder call",
        _setter_name,
        'config.setSecretKey("{V}");',
        "positive/java/BinanceConfig.java",
        tail=_tail(r"\(\s*" + _QUOTE),
    ),
    NameRule(
        "XML element with a name attribute",
        _prefix_rule(_XML_NAMED_ELEMENT),
        '<string name="binance_api_key">{V}</string>',
        "positive/xml/strings.xml",
        tail=_tail(r">\s*"),
    ),
    NameRule(
        "XML element",
        _prefix_rule(_XML_ELEMENT),
        "<apiKey>{V}</apiKey>",
        "positive/xml/binance.xml",
        tail=_tail(r">\s*"),
    ),
    NameRule(
        "C# auto-property initializer",
        _csharp_property_name,
        'public string ApiSecret { get; set; } = "{V}";',
        "positive/csharp/BinanceOptions.cs",
        tail=_tail(r"=\s*@?\""),
    ),
    NameRule(
        "Go typed var/const",
        _prefix_rule(_GO_TYPED),
        'var secretKey string = "{V}"',
        "positive/go/main.go",
        tail=_tail(r"=\s*[\"`]"),
    ),
    NameRule(
        "type-annotated field or constant (TypeScript, Kotlin, Rust, Python)",
        _prefix_rule(_TYPED),
        "private readonly apiKey: string = '{V}';",
        "positive/typescript/service.ts",
        tail=_tail(r"=\s*" + _QUOTE),
    ),
    NameRule(
        "fallback default of an environment read (?? / || / or)",
        _fallback_name,
        "apiSecret: process.env.BINANCE_API_SECRET || '{V}',",
        "positive/typescript/env_fallback.ts",
        tail=_tail(r"(?:\?\?|\|\||\bor)\s*" + _QUOTE),
    ),
    NameRule(
        "fallback after the read's cleanup calls (ERB's .to_s.strip.presence ||, ?.trim() ||)",
        _fallback_name,
        "  api_key: <%= ENV['BINANCE_API_KEY'].to_s.strip.presence || '{V}' %>",
        "positive/yaml/erb_config.yml",
        tail=_tail(r"(?:\?\?|\|\||\bor)\s*" + _QUOTE),
    ),
    NameRule(
        "fallback of a conditional on an environment read (? :, ?:, or, if/else)",
        _conditional_fallback_name,
        "'BINANCE_API_KEY' => env('BINANCE_API_KEY') ? env('BINANCE_API_KEY') : \"{V}\",",
        "positive/php/config_binance.php",
        tail=_tail(r"(?:\?\?|\|\||\bor|:|\belse)\s*" + _QUOTE),
    ),
    NameRule(
        "a getter named for the credential returns it (def/lambda, get, =>, fun)",
        _getter_name,
        "class TOKEN_BINANCE():\n    def API_SECRET():\n        return '{V}'",
        "positive/python/token_getters.py",
        tail=_tail(r"(?:return\s+|=>\s*|[=:{]\s*)" + _QUOTE),
    ),
    NameRule(
        "quoted name then value (getenv, setdefault, define, SetEnvironmentVariable)",
        _prefix_rule(QUOTED_NAME_PREFIX),
        '[Environment]::SetEnvironmentVariable("BINANCE_API_KEY", "{V}", "User")',
        "positive/shell/run.ps1",
        tail=_tail(r",\s*" + _QUOTE),
    ),
    NameRule(
        "a call storing a value under a constant's name (AddSetting(Names.ApiKey, V), put)",
        _entry_name,
        'AddSettingIfNotExists(CryptoBotNames.BinanceSecret, "{V}", null, 2);',
        "positive/csharp/DefaultSettingsCreator.cs",
        tail=_tail(r"[\w$]\s*,\s*" + _QUOTE),
    ),
    NameRule(
        'quoted key path as a mapping key (.NET user secrets "Jwt:Secret": V)',
        _prefix_rule(QUOTED_KEY_PATH_PREFIX),
        '  "Binance:ApiSecret": "{V}",',
        "positive/csharp/secrets.json",
        tail=_tail(r"""["']\s*(?:=>|:|=)\s*""" + _QUOTE),
    ),
    NameRule(
        "Markdown table column under its header",
        _markdown_column,
        "| Exchange | API Key | Secret |\n| --- | --- | --- |\n| Binance | `K` | `{V}` |",
        "positive/markdown/accounts.md",
        tail=_tail(r"\|\s*`?"),
    ),
    NameRule(
        "Markdown table cell",
        _prefix_rule(TABLE_CELL_PREFIX),
        "| Secret key | `{V}` |",
        "positive/markdown/SETUP.md",
        tail=_tail(r"\|\s*`?"),
    ),
    NameRule(
        "FIX Logon Username, tag 553 (Binance's FIX API takes the API key there)",
        _fix_username,
        "8=FIX.4.4|35=A|49=BOT|56=SPOT|553={V}|",
        "positive/text/fix_logon.log",
        tail=_tail(r"553="),
    ),
    NameRule(
        "CSV column under its header",
        _csv_column,
        "exchange,label,api_key\nbinance,main,{V}",
        "positive/text/keys.csv",
        tail=_tail(","),
    ),
    NameRule(
        "YAML block scalar holding a key and its secret on their own lines",
        _yaml_block_scalar,
        "binance_key: |\n  {V}",
        "positive/yaml/block_scalar.yaml",
        tail=_tail(r"^[ ]+"),
    ),
    NameRule(
        "label of several words (copied from the API Management page)",
        _label_name,
        "Secret Key: {V}",
        "positive/text/api_management.txt",
    ),
    NameRule(
        "name = value in any config or code syntax",
        _prefix_rule(NAMED_VALUE_PREFIX),
        'os.environ["BINANCE_API_SECRET"] = "{V}"',
        "positive/python/tuple_env.py",
    ),
)

# Names that only carry a value; the name that says what it is stands beside them.
CARRIER_NAMES = frozenset(
    {
        "value", "default", "body", "b", "data", "val", "content", "secretstring", "string",
        "secretdata",
        "defaultvalue",
    }
)

_SIBLING_KEY = re.compile(
    r"""["']?\b(?:key|name|Key|Name|parameter_name|ParameterName)["']?\s*[:=]\s*"""
    r"""["'](?P<name>[^"'\s]{1,80})["']"""
)
# A list entry whose name field is called `key` or `Name` rather than `name`: Render's
# blueprint `envVars` (`- key: BINANCE_API_KEY` over `value: V`), CloudFormation's and
# ECS's `- Name:` / `Value:`, a dashboard's `Key: NAME` / `Value: V` copied into notes.
_SIBLING_LIST_KEY = re.compile(
    r"""^\s*(?:-\s*)?(?:key|Key|KEY|Name|NAME|ParameterKey)\s*:\s*["']?"""
    r"""(?P<name>[A-Za-z_][A-Za-z0-9_.\-]{0,79})(?![A-Za-z0-9_.\-])"""
)
_SIBLING_OPTION = re.compile(r"""--name[= ]\s*["']?(?P<name>[^\s"']{1,80})""")
_SIBLING_GH = re.compile(r"""\bsecret\s+set\s+(?P<name>[\w.-]{1,80})""")
_SIBLING_BLOCK = re.compile(
    r"""\b(?:variable|output|parameter|secret)\s+"(?P<name>[^"]{1,80})"\s*\{?"""
)
# Terraform's `resource "google_secret_manager_secret_version" "api_key" {` above its
# `secret_data = V`: the resource's own name says what the payload is.
_SIBLING_RESOURCE = re.compile(r"""\bresource\s+"[\w-]{1,80}"\s+"(?P<name>[^"]{1,80})"\s*\{?""")
_SIBLING_XML = re.compile(r"""<(?:name|key)>\s*(?P<name>[^<\s]{1,80})\s*</""")
# Spring's `@RequestParam(value = "apiKey", defaultValue = V)` (and `@RequestHeader`,
# `name =`): the annotation's `value`/`name` names the parameter whose default V is.
_SIBLING_ANNOTATION = re.compile(
    r"""@[\w.]{1,60}\(\s*(?:value|name)\s*=\s*"(?P<name>[^"\s]{1,80})\""""
)

SIBLING_RULES: tuple[NameRule, ...] = (
    NameRule(
        "key/value pair (Postman, XML appSettings, JSON name/value lists)",
        _last_match_rule(_SIBLING_KEY),
        '{"key": "apiKey", "value": "{V}"}',
        "positive/postman/binance.postman_environment.json",
    ),
    NameRule(
        "--name NAME ... --value V (aws ssm, secretsmanager)",
        _last_match_rule(_SIBLING_OPTION),
        "aws ssm put-parameter --name /binance/api-key --value {V}",
        "positive/shell/store_secrets.sh",
    ),
    NameRule(
        "gh secret set NAME --body V",
        _last_match_rule(_SIBLING_GH),
        "gh secret set BINANCE_API_SECRET --body {V}",
        "positive/shell/store_secrets.sh",
    ),
    NameRule(
        'IaC block header (Terraform variable "NAME" { default = V })',
        _last_match_rule(_SIBLING_BLOCK),
        'variable "binance_api_key" { default = "{V}" }',
        "positive/terraform/variables.tf",
    ),
    NameRule(
        'IaC resource\'s own name (resource "TYPE" "NAME" { secret_data = V })',
        _last_match_rule(_SIBLING_RESOURCE),
        'resource "google_secret_manager_secret_version" "api_key" { secret_data = "{V}" }',
        "positive/terraform/secret_versions.tf",
    ),
    NameRule(
        "Kubernetes / Compose env entry (- name: NAME, value: V)",
        _last_match_rule(K8S_NAME_LINE),
        "- name: BINANCE_API_KEY",
        "positive/k8s/deployment.yaml",
    ),
    NameRule(
        "list entry keyed by key/Name (Render envVars - key: NAME, CloudFormation - Name:)",
        _last_match_rule(_SIBLING_LIST_KEY),
        "- key: BINANCE_API_SECRET",
        "positive/yaml/render_env_vars.yaml",
    ),
    NameRule(
        'annotation parameter (Spring @RequestParam(value = "NAME", defaultValue = V))',
        _last_match_rule(_SIBLING_ANNOTATION),
        '@RequestParam(value = "apiKey", defaultValue = "{V}") String apiKey,',
        "positive/java/MatchBoxController.java",
    ),
    NameRule(
        "XML <name>NAME</name><value>V</value>",
        _last_match_rule(_SIBLING_XML),
        "<property><name>binance.api.key</name><value>{V}</value></property>",
        "positive/xml/binance.xml",
    ),
)


def _last_sibling(text: str) -> str | None:
    """The sibling name nearest the end of ``text``."""
    best: tuple[int, str] | None = None
    for rule in SIBLING_RULES:
        name = rule.find(text, ())
        if name is None:
            continue
        position = text.rfind(name)
        if best is None or position > best[0]:
            best = (position, name)
    return best[1] if best else None


def _is_carrier(name: str) -> bool:
    return "".join(name_words(name.rsplit(".", 1)[-1])) in CARRIER_NAMES


def _sibling_name(prefix: str, previous: Sequence[str]) -> str | None:
    """The name a carrier (``value``) stands for: on its line before it, or just above."""
    found = _last_sibling(prefix)
    if found is not None:
        return found
    for line in reversed(previous[-SIBLING_LOOKBACK_LINES:]):
        found = _last_sibling(cut_before(line, NAME_LOOKBACK_CHARS * 2))
        if found is not None:
            return found
    return None


# A line holding only the value (a formatter moved it below its name): what ends the line above.
_VALUE_ONLY_PREFIX = re.compile(r"""^\s*\\?["'`]?$""")
_ENDS_WITH_SEPARATOR = re.compile(r"""(?:=>|:=|=|:)\s*[(\[]?\s*$""")
# A bare label line above a value line: `API Key` / `Secret Key` (copied from a web page).
_BARE_LABEL = re.compile(r"""^\s*(?P<name>[A-Za-z][A-Za-z ]{1,30}?)\s*:?\s*$""")


def _rule_name(prefix: str, previous: Sequence[str]) -> str | None:
    whole = prefix
    prefix = cut_before(prefix, NAME_LOOKBACK_CHARS)
    wrapped = NAMING_WRAPPER.search(prefix)
    if wrapped:
        prefix = prefix[: wrapped.start()] + wrapped.group("quote")
    end = prefix[-TAIL_CHARS:]
    for rule in NAME_RULES:
        if rule.tail is not None and not rule.tail.search(end):
            continue
        if rule.lookback and len(whole) > NAME_LOOKBACK_CHARS:
            name = rule.find(cut_before(whole, rule.lookback), previous)
        else:
            name = rule.find(prefix, previous)
        if name is not None:
            return name
    return None


def name_before(prefix: str, previous: Sequence[str]) -> str | None:
    """The name of the value that starts right after ``prefix``, or None if it has none.

    ``previous`` are the lines above, nearest last.
    """
    name = _rule_name(prefix, previous)
    if name is None and previous and _VALUE_ONLY_PREFIX.match(prefix):
        # The value alone on its line: `API_KEY =\n    "V"` (black, prettier, google-java-format)
        # or `API Key\nV` (copied from a page).
        above = previous[-1].rstrip()
        if _ENDS_WITH_SEPARATOR.search(above):
            above = above.rstrip("([ \t")
            name = _rule_name(above + " " + prefix.strip(), previous[:-1])
        else:
            label = _BARE_LABEL.match(above)
            if label and len(label.group("name").split()) <= 3:
                name = label.group("name")
    if name is not None and _is_carrier(name):
        before_carrier = prefix[: prefix.rfind(name)] if name in prefix else ""
        return _sibling_name(before_carrier, previous) or name
    return name


@dataclass(frozen=True)
class ScopePrefix:
    """A first word that says only where a name lives (C++'s `g_` globals, `m_` members,
    `s_` statics, `k` constants) or how it is given (`set`, `with`), not whose it is:
    ``g_api_key`` in a Binance project is as generic as ``api_key``. ``example`` (``{V}``
    a random key), in a project that uses Binance and a file that says nothing, yields
    ``yields`` (tests/test_shape_tables.py)."""

    word: str
    name: str
    example: str
    yields: str


SCOPE_PREFIXES: tuple[ScopePrefix, ...] = (
    ScopePrefix(
        "g",
        "C/C++ global",
        'static const std::string g_api_key = "{V}";',
        "Binance API Key",
    ),
    ScopePrefix("m", "member", 'm_apiSecret = "{V}";', "Binance Secret Key"),
    ScopePrefix("s", "static", 'static std::string s_secret = "{V}";', "Binance Secret Key"),
    ScopePrefix("k", "constant", 'const std::string kApiKey = "{V}";', "Binance API Key"),
    # binance-connector-java's README: a setter's verb says no more than its name does.
    ScopePrefix("set", "setter", 'signatureConfiguration.setApiKey("{V}");', "Binance API Key"),
    ScopePrefix("with", "builder", 'cfg.WithSecretKey("{V}")', "Binance Secret Key"),
)
_SCOPE_WORDS = frozenset(row.word for row in SCOPE_PREFIXES)


def without_scope(words: list[str]) -> list[str]:
    """A name's words without a first word that only says its scope (:data:`SCOPE_PREFIXES`)."""
    if len(words) > 1 and words[0] in _SCOPE_WORDS:
        return words[1:]
    return words


def credential_name(name: str) -> list[str]:
    """The words of a possibly dotted name that say what it is.

    The last segment speaks (`self.api_key`, `process.env.BINANCE_API_SECRET`,
    `/binance/api-key`), unless it is a single word: `binance.secret.key` is a secret key.
    """
    segments = [s for s in re.split(r"[./:\\]|->", name) if s]
    if not segments:
        return []
    words = name_words(segments[-1])
    if len(words) == 1 and len(segments) > 1:
        words = name_words(segments[-2]) + words
    return _key_identifier(words)


def _key_identifier(words: list[str]) -> list[str]:
    """`key_id` / `keyId` alone (cryptofeed-style `binance:` blocks: `key_id` beside
    `key_secret`) names the API key itself: Binance's API key is the public half of the
    pair. A longer name keeps its `id`: `api_key_id`, `BINANCE_API_KEY_ID` name the id of a
    key's record, `private_key_id` a private key's id."""
    if words in (["key", "id"], ["keyid"]):
        return ["key"]
    return words
