"""The name-finding rule table: every row's example is found by that row, and its template
is in the detection corpus with exact expectations (tests/test_detection_corpus.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from binance_secrets.plugins.detection.classify import type_for_name
from binance_secrets.plugins.detection.name_rules import (
    NAME_RULES,
    SIBLING_RULES,
    credential_name,
    name_before,
)
from binance_secrets.plugins.detection.other_services import denied_by
from tests.test_detection_corpus import CORPUS, POSITIVES

ALL_RULES = [*NAME_RULES, *SIBLING_RULES]


@pytest.mark.parametrize("rule", ALL_RULES, ids=[rule.name for rule in ALL_RULES])
def test_each_rule_finds_the_name_in_its_own_example(rule) -> None:
    *previous, line = rule.example.split("{V}", 1)[0].split("\n")
    found = rule.find(line, previous)
    assert found is not None, rule.example
    assert type_for_name(found) is not None, (rule.example, found)


@pytest.mark.parametrize("rule", ALL_RULES, ids=[rule.name for rule in ALL_RULES])
def test_each_rule_has_a_corpus_template_with_expectations(rule) -> None:
    assert (CORPUS / f"{rule.template}.tmpl").is_file(), rule.template
    assert POSITIVES.get(rule.template), rule.template


def test_rule_names_are_unique() -> None:
    names = [rule.name for rule in ALL_RULES]
    assert len(names) == len(set(names))


@pytest.mark.parametrize(
    ("prefix", "previous", "expected"),
    [
        ('{"key": "secretKey", "value": "', [], "secretKey"),
        ('  "value": "', ['  "key": "apiKey",'], "apiKey"),
        ('  default = "', ['variable "binance_api_secret" {', "  type = string"], None),
        ("Secret Key: ", [], "Secret Key"),
        ("", ["Secret Key"], "Secret Key"),
        ('    "', ["API_SECRET = ("], "API_SECRET"),
        ('api_key, api_secret = "K", "', [], "api_secret"),
    ],
)
def test_name_before(prefix: str, previous: list[str], expected: str | None) -> None:
    found = name_before(prefix, previous)
    if expected is None:
        assert found == "binance_api_secret"
    else:
        assert found == expected


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("binance.secret.key", ["secret", "key"]),
        ("process.env.BINANCE_API_KEY", ["binance", "api", "key"]),
        ("/binance/api-secret", ["api", "secret"]),
        ("self.api_key", ["api", "key"]),
    ],
)
def test_the_last_segment_of_a_dotted_name_speaks(name: str, words: list[str]) -> None:
    assert credential_name(name) == words


@pytest.mark.parametrize(
    "name", ["FLASK_SECRET_KEY", "DJANGO_SECRET_KEY", "JWT_SECRET", "KRAKEN_API_KEY", "okxApiKey"]
)
def test_other_services_names_are_denied(name: str) -> None:
    from binance_secrets.plugins.detection.name_rules import name_words

    assert denied_by(name_words(name)) is not None


def test_a_secret_is_never_typed_as_an_api_key() -> None:
    from binance_secrets.plugins.detection.findings import SECRET_KEY

    for name in ("secretKey", "SECRET_KEY", "api_secret", "binance.secret.key", "Secret Key",
                 "apiSecretKey", "X_MBX_SECRET"):
        assert type_for_name(name) == SECRET_KEY, name


def test_corpus_path_is_a_directory() -> None:
    assert Path(CORPUS).is_dir()
