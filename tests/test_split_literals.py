"""Keys written as joined string literals (split_literals.SPLIT_STYLES): every row's example
is found whole, named and paired; another exchange's split key, split text that is no key
and pieces that do not make 64 characters stay silent."""

from __future__ import annotations

import pytest

from binance_secrets.plugins.detection.engine import scan_text
from binance_secrets.plugins.detection.findings import API_KEY, SECRET_KEY
from binance_secrets.plugins.detection.split_literals import SPLIT_STYLES, SplitStyle, joined_values
from tests.fake_values import random_key


@pytest.mark.parametrize("style", SPLIT_STYLES, ids=[style.name for style in SPLIT_STYLES])
def test_each_style_finds_its_example_whole(style) -> None:
    _assert_found_whole(style, random_key())


def _assert_found_whole(style: SplitStyle, key: str) -> None:
    """The style's example, with ``key`` in two pieces and its halves swapped as the
    secret, is found as the pair, each value whole."""
    first, second = key[:30], key[30:]
    text = "# binance bot\n" + style.example.replace("{A}", first).replace("{B}", second)
    found = scan_text("bot/keys.src", text + "\n")
    assert [(f.type, f.value) for f in found] == [
        (API_KEY, key),
        (SECRET_KEY, second + first),
    ]
    assert found[0].pair == found[1].fingerprint


# A piece of the key above may spell an exchange's name by chance (`bsTMP` here, read as
# Bitstamp's `bstmp`): a key's pieces are values, not words (a fake key; this one once hid
# the secret below it).
PIECE_SPELLING_AN_EXCHANGE = "3BcDGQmP9ouEsMnKRg1WpOiE3W0xN0LfTPy9EV9jdPpzNNTgbSp7bsTMPh3cuG8c"


@pytest.mark.parametrize("style", SPLIT_STYLES, ids=[style.name for style in SPLIT_STYLES])
def test_a_piece_that_spells_an_exchange_is_no_name(style) -> None:
    _assert_found_whole(style, PIECE_SPELLING_AN_EXCHANGE)


def test_a_value_in_four_pieces_over_lines() -> None:
    key = random_key()
    pieces = [key[i : i + 16] for i in range(0, 64, 16)]
    text = (
        "from binance.client import Client\n"
        f'client = Client("{pieces[0]}" +\n    "{pieces[1]}" +\n'
        f'    "{pieces[2]}" + "{pieces[3]}", api_secret)\n'
    )
    found = scan_text("bot.py", text)
    assert [(f.line, f.type, f.value) for f in found] == [(2, API_KEY, key)]


@pytest.mark.parametrize(
    "text",
    [
        # another exchange's split key
        'KRAKEN_API_KEY = "{A}" + "{B}"\n',
        "# binance bot\nkraken:\n  api_key: ('{A}'\n    '{B}')\n",
        # pieces that make 63 or 65 characters
        '# binance\napi_key = "{A}" + "{B}x"\napi_secret = "{A}" + "{C}"\n',
        # split text with no credential name
        '# binance\nmessage = "{A}" + "{B}"\n',
        # a tuple or list of parts that no join call joins (a table's parts, a list of ids)
        '# binance\nExample(API_KEY, ("{A}", "{B}"))\napi_keys = ["{A}", "{B}"]\n',
    ],
)
def test_others_stay_silent(text: str) -> None:
    key = random_key()
    text = text.replace("{A}", key[:30]).replace("{B}", key[30:]).replace("{C}", key[30:63])
    assert scan_text("bot.py", text) == []


def test_joined_values_are_bounded_in_pieces() -> None:
    key = random_key()
    nine = " + ".join(f'"{key[i : i + 7]}"' for i in range(0, 63, 7)) + f' + "{key[63]}"'
    assert joined_values(f"api_key = {nine}\n") == []
