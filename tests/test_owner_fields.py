"""An object's owner field says whose its generic credentials are
(plugins/detection/owner_fields.py)."""

from __future__ import annotations

import re

import pytest

from binance_secrets.plugins.detection.engine import scan_text
from binance_secrets.plugins.detection.findings import API_KEY, SECRET_KEY
from binance_secrets.plugins.detection.owner_fields import (
    NOT_OWNERS,
    OWNER_FIELDS,
    names_another,
    owner_named,
)
from tests.fake_values import random_key


def _entries(field_line: str, other: str) -> tuple[str, str, str]:
    """A Binance entry, then another whose owner line is ``field_line`` naming ``other``:
    (text, Binance's secret, the other's secret)."""
    ours, theirs = random_key(), random_key()
    owner = re.sub(r"(['\"])[A-Za-z]+(['\"]),?$", rf"\g<1>{other}\g<2>,", field_line)
    text = (
        '{"entries": [\n  {\n    "data": {\n'
        f'      "api_secret": "{ours}"\n    }},\n    "domain": "binance"\n  }},\n'
        '  {\n    "created_at": "2025-01-11T08:01:09",\n    "data": {\n'
        f'      "client_secret": "{theirs}"\n    }},\n    "disabled_by": null,\n'
        f"    {owner}\n    \"version\": 1\n  }}\n]}}\n"
    )
    return text, ours, theirs


@pytest.mark.parametrize("row", OWNER_FIELDS, ids=lambda row: row.field)
def test_each_owner_field_makes_a_generic_secret_another_s(row) -> None:
    """The example of each row, naming another service, beside the block that holds a
    generic secret in a file whose other entry is Binance's: only Binance's is found."""
    assert names_another(owner_named([], [row.example, "}"]))
    text, ours, _ = _entries(row.example, "withings")
    found = scan_text(".storage/core.config_entries", text)
    assert [(f.type, f.value) for f in found] == [(SECRET_KEY, ours)]


@pytest.mark.parametrize("value", ["binance", "binanceusdm", "Binance"])
def test_an_owner_field_naming_binance_keeps_the_value(value: str) -> None:
    text, ours, theirs = _entries('"provider": "x",', value)
    found = scan_text("config/providers.json", text)
    assert {f.value for f in found} == {ours, theirs}


@pytest.mark.parametrize("value", sorted(NOT_OWNERS)[:6] + ["futures", "env"])
def test_a_value_naming_no_service_says_nothing(value: str) -> None:
    assert owner_named([], [f'"provider": "{value}",', "}"]) == value
    assert not names_another(value)


def test_the_field_of_a_sibling_or_nested_object_is_not_the_owner() -> None:
    below = ['"rate_limit": 10', "},", '"other": {', '"provider": "openai"', "}"]
    assert owner_named([], below) is None
    nested = ['"options": {', '"provider": "openai"', "},", "}"]
    assert owner_named([], nested) is None


def test_without_braces_nothing_is_one_object() -> None:
    """TOML `[[accounts]]` tables and YAML lists have no braces: the next table's
    `exchange = 'okx'` is not the owner of the value above it."""
    key, secret = random_key(), random_key()
    text = (
        "[[accounts]]\n    exchange = 'binance'\n    name = 'Spare'\n"
        f"    api_key = '{key}'\n    api_secret = '{secret}'\n    test_net = false\n\n"
        "[[accounts]]\n    exchange = 'okx'\n    name = 'OKX'\n"
    )
    found = scan_text("ws_api.toml", text)
    assert [(f.type, f.value) for f in found] == [(API_KEY, key), (SECRET_KEY, secret)]


def test_an_object_on_one_line_is_read_on_that_line_only() -> None:
    """A test script posts Binance's pair in one curl body and Bitget's in the next: the
    next line's `"exchange":"bitget"` says nothing of the first body's keys."""
    key, secret, other = random_key(), random_key(), random_key()
    body = '{{"exchange":"{}","apiKey":"{}","apiSecret":"{}"}}'
    text = (
        f"curl -s -X POST \"$BASE/api/keys\" -d '{body.format('binance', key, secret)}'\n\n"
        f"curl -s -X POST \"$BASE/api/keys\" -d '{body.format('bitget', other, other)}'\n"
    )
    found = scan_text("scripts/test-keys.sh", text)
    assert [(f.type, f.value) for f in found] == [(API_KEY, key), (SECRET_KEY, secret)]
