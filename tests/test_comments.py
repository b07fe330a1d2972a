"""The comment right above a value says it is the application's own token."""

from __future__ import annotations

import pytest

from binance_secrets.plugins.detection.comments import (
    MAX_COMMENT_LINES,
    OWN_TOKEN_COMMENTS,
    OwnTokenComment,
    says_own_token,
)
from binance_secrets.plugins.detection.engine import scan_text
from binance_secrets.plugins.detection.findings import API_KEY, SECRET_KEY
from tests.fake_values import random_key


@pytest.mark.parametrize("row", OWN_TOKEN_COMMENTS, ids=lambda row: row.label)
def test_each_row_finds_its_example(row: OwnTokenComment) -> None:
    assert says_own_token([row.example])
    assert says_own_token([row.example, "# and more"])
    assert not says_own_token([row.example, "PORT=3001"])  # not right above


def test_only_the_comment_block_right_above_is_read() -> None:
    bearer = OWN_TOKEN_COMMENTS[0].example
    assert not says_own_token(["# Binance API key", "BINANCE_API_KEY=x"])
    assert not says_own_token([bearer, *["# more"] * MAX_COMMENT_LINES])


def env(comment: str) -> str:
    # The Binance section names only its key with Binance's word: where it names both
    # halves so, a bare `API_KEY=` setting is no Binance key whatever its comment says
    # (tests/test_named_pair_files.py).
    return (
        "DATABASE_URL=postgres://localhost:5432/binance-bot\n"
        f"{comment}\nAPI_KEY={{own}}\n\n"
        "# ─── Binance API ───\nBINANCE_API_KEY={key}\nAPI_SECRET={secret}\n"
    )


def test_a_bare_api_key_documented_as_a_bearer_token_is_not_binance_s() -> None:
    """A futures bot's .env: a bare API_KEY protecting the bot's /logs endpoint,
    two lines above the Binance section; a bare API_KEY under a comment that says nothing
    of the kind stays Binance's, as the file says Binance."""
    own, key, secret = random_key(), random_key(), random_key()
    for comment, found_own in (
        ("# Protege /logs cuando el bot está expuesto (Bearer token o ?token=)", False),
        ("# exchange credentials", True),
    ):
        text = env(comment).format(own=own, key=key, secret=secret)
        found = {(f.type, f.value) for f in scan_text(".env", text)}
        want = {(API_KEY, key), (SECRET_KEY, secret)} | ({(API_KEY, own)} if found_own else set())
        assert found == want, comment
