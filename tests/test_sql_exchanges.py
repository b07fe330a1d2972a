"""Which exchange a SQL row's keys belong to (plugins/detection/sql_exchanges.py)."""

from __future__ import annotations

import pytest

from binance_secrets.plugins.detection.engine import scan_text
from binance_secrets.plugins.detection.findings import API_KEY, SECRET_KEY
from binance_secrets.plugins.detection.sql_exchanges import (
    EXCHANGE_COLUMNS,
    exchange_ids,
    row_exchange,
    table_columns,
)
from tests.fake_values import random_key

EXCHANGES = """INSERT INTO `exchanges` (`created_at`, `id`, `title`) VALUES
('2017-11-19', 1, 'Bittrex'), ('2017-11-19', 2, 'Binance'), ('2017-11-19', 3, 'Kraken');
"""


def test_exchange_ids_reads_the_id_column_and_names() -> None:
    assert exchange_ids(EXCHANGES) == {"1": "bittrex", "2": "binance", "3": "kraken"}


def test_a_credentials_table_s_rows_are_no_exchanges() -> None:
    rows = f"INSERT INTO user_exchanges VALUES (2, 7, 3, '{random_key()}', '{random_key()}');"
    assert exchange_ids(EXCHANGES + rows) == exchange_ids(EXCHANGES)


def test_an_id_two_tables_disagree_on_is_dropped() -> None:
    other = "INSERT INTO platforms VALUES (2, 'okx');"
    assert "2" not in exchange_ids(EXCHANGES + other)


@pytest.mark.parametrize(
    ("column", "cell", "expected"),
    [
        ("exchange", "'binance'", "binance"),
        ("exchange_name", "'Kraken'", "kraken"),
        ("exchangeType", "'BINANCE'", "binance"),
        ("exchange_id", "2", "binance"),
        ("exchange_id", "3", "kraken"),
        ("exchange_id", "9", None),
        ("user_id", "2", None),
    ],
)
def test_row_exchange(column: str, cell: str, expected: str | None) -> None:
    assert row_exchange(["id", column], ["1", cell], lambda: exchange_ids(EXCHANGES)) == expected


def test_exchange_columns_are_normalised() -> None:
    assert all(column == column.lower() and "_" not in column for column in EXCHANGE_COLUMNS)


@pytest.mark.parametrize(("exchange_id", "found"), [(2, 2), (3, 0), (1, 0)])
def test_a_row_s_exchange_id_decides_against_the_file_s_word(exchange_id: int, found: int) -> None:
    text = (
        EXCHANGES
        + "\nINSERT INTO `user_exchanges` (`id`, `user_id`, `exchange_id`, `api_key`, `api_secret`)"
        + f" VALUES\n(1, 1, {exchange_id}, '{random_key()}', '{random_key()}');\n"
    )
    assert len(scan_text("dump.sql", text)) == found


def test_table_columns_reads_a_dump_s_create_table() -> None:
    dump = (
        "CREATE TABLE `key_table` (\n  `id` int(11) NOT NULL,\n  `access_key` varchar(100),\n"
        "  `secret_key` varchar(100),\n  `balance` decimal(20,8),\n  PRIMARY KEY (`id`),\n"
        "  KEY `index_name` (`access_key`)\n) ENGINE=InnoDB;\n"
        "CREATE TABLE IF NOT EXISTS trade.fills (id INTEGER, price NUMERIC(10, 2));\n"
    )
    assert table_columns(dump) == {
        "key_table": ("id", "access_key", "secret_key", "balance"),
        "fills": ("id", "price"),
    }
    # an unclosed body is no table, and does not hide the next one
    assert table_columns("CREATE TABLE t (a int\n;\nCREATE TABLE u (b int);") == {"u": ("b",)}


def test_a_row_without_a_column_list_takes_the_create_table_s_columns() -> None:
    """mysqldump's one line of rows under generic columns: Binance's where the file says
    Binance; a row naming another exchange, or a table no CREATE TABLE describes, is not."""
    keys = [random_key() for _ in range(4)]
    create = (
        "CREATE TABLE `key_table` (`id` int, `user` text, `access_key` text, `secret_key` text);\n"
    )
    rows = f"(1,'ann','{keys[0]}','{keys[1]}'),(2,'kraken','{keys[2]}','{keys[3]}')"
    text = f"-- binance bot\n{create}INSERT INTO `key_table` VALUES {rows};\n"
    found = {(f.type, f.value) for f in scan_text("dump.sql", text)}
    assert found == {(API_KEY, keys[0]), (SECRET_KEY, keys[1])}
    undescribed = scan_text("dump.sql", text.replace("`key_table` VALUES", "`other` VALUES"))
    assert {f.value for f in undescribed if f.name is not None} == set()


def test_a_key_value_settings_row_is_named_by_the_cell_before_its_value() -> None:
    """A mysqldump of Laravel's `settings` table: each row holds a name cell and its value,
    two users' pairs on one line; the secret is a secret, not the second row's "key"."""
    key1, secret1, key2, secret2 = (random_key() for _ in range(4))
    stamp = "'2023-02-11 19:02:44','2023-02-11 19:02:44'"
    line = (
        f"INSERT INTO `settings` VALUES (1,1,'api_key','{key1}',{stamp}),"
        f"(2,1,'secret_key','{secret1}',{stamp}),(3,1,'futures_leverage','10',{stamp}),"
        f"(4,2,'api_key','{key2}',{stamp}),(5,2,'secret_key','{secret2}',{stamp});"
    )
    text = f"-- Host: localhost    Database: binancebot\n{line}\n"
    found = scan_text("database/binancebot.sql", text)
    assert [(f.type, f.value, f.name) for f in found] == [
        (API_KEY, key1, "api_key"),
        (SECRET_KEY, secret1, "secret_key"),
        (API_KEY, key2, "api_key"),
        (SECRET_KEY, secret2, "secret_key"),
    ]
    assert found[0].pair == found[1].fingerprint and found[2].pair == found[3].fingerprint


def test_a_wordpress_option_row_names_its_value() -> None:
    secret = random_key()
    text = f"INSERT INTO `wp_options` VALUES (812,'binance_api_secret','{secret}','yes');\n"
    found = scan_text("backup/wordpress.sql", text)
    assert [(f.type, f.name) for f in found] == [(SECRET_KEY, "binance_api_secret")]


def test_a_lone_token_of_a_row_read_by_place_is_no_key() -> None:
    """A data-only dump names no columns: a row's first key-shaped cell is the key only
    when its secret follows in the same row; Laravel's `users` row holds one token, the
    session's `remember_token`, beside a bcrypt hash."""
    token = random_key()
    users = (
        "INSERT INTO `users` VALUES (1,'admin','admin@example.com',NULL,"
        f"'$2y$10$abcdefghijklmnopqrstuv','{token}','2023-02-11 18:55:02');\n"
    )
    assert scan_text("database/binancebot.sql", "-- Database: binancebot\n" + users) == []
    key, secret = random_key(), random_key()
    accounts = f"INSERT INTO `accounts` VALUES (1,'bob','{key}','{secret}',NULL);\n"
    found = scan_text("database/binancebot.sql", "-- Database: binancebot\n" + accounts)
    assert [(f.type, f.value) for f in found] == [(API_KEY, key), (SECRET_KEY, secret)]


def test_a_key_cell_spelling_key_does_not_name_the_secret_after_it() -> None:
    key = "Key" + random_key()[3:]  # a random key spells `key` now and then
    secret = random_key()
    text = f"INSERT INTO exchanges VALUES (1, 'binance', '{key}', '{secret}');\n"
    found = scan_text("db/seed.sql", text)
    assert [(f.type, f.value) for f in found] == [(API_KEY, key), (SECRET_KEY, secret)]


@pytest.mark.parametrize("quote", ["`", '"', "["])
def test_a_quoted_column_named_like_a_keyword_is_a_column(quote: str) -> None:
    """An arbitrage bot's dump creates `exchanges` with columns `key` and `secret`:
    quoted, `key` is a column (only a bare `KEY name (...)` is an index), so the Binance
    row's first value is its key and the other exchanges' rows beside it stay theirs."""
    close = "]" if quote == "[" else quote
    q = lambda name: f"{quote}{name}{close}"  # noqa: E731
    create = (
        f"CREATE TABLE {q('exchanges')} (\n  {q('id')} int(11) NOT NULL,\n  {q('name')} text,\n"
        f"  {q('key')} text DEFAULT NULL,\n  {q('secret')} text DEFAULT NULL,\n"
        f"  {q('index')} int,\n  PRIMARY KEY ({q('id')}),\n  KEY {q('ix')} ({q('id')})\n);\n"
    )
    assert table_columns(create) == {"exchanges": ("id", "name", "key", "secret", "index")}
    key, secret = random_key(), random_key()
    rows = f"(1,'Graviex','{'g' * 40}','{'h' * 40}',0),(3,'Binance','{key}','{secret}',0)"
    text = f"{create}INSERT INTO {q('exchanges')} VALUES {rows};\n"
    found = {(f.type, f.value) for f in scan_text("dump.sql", text)}
    assert found == {(API_KEY, key), (SECRET_KEY, secret)}
