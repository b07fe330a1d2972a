"""Shared test helpers: key-like values are generated here at run time, never committed."""

from __future__ import annotations

import secrets
import string
from typing import Callable

import pytest

ALPHABET = string.ascii_letters + string.digits


def random_key() -> str:
    """A random 64-character [A-Za-z0-9] value with upper, lower and digits, like Binance's."""
    while True:
        value = "".join(secrets.choice(ALPHABET) for _ in range(64))
        if (
            any(c.isupper() for c in value)
            and any(c.islower() for c in value)
            and any(c.isdigit() for c in value)
        ):
            return value


@pytest.fixture
def make_key() -> Callable[[], str]:
    return random_key
