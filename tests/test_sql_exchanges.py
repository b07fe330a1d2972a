"""Which exchange a SQL row's keys belong to (plugins/detection/sql_exchanges.py)."""

from __future__ import annotations

import pytest

from binance_secrets.plugins.detection.engine import scan_text
from binance_secrets.plugins.detection.sql_exchanges import (
    EXCHANGE_COLUMNS,
    exchange_ids,
    row_exchange,
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
