"""The detection tables other than the name rules (tests/test_name_rules.py) and the value
shapes (tests/test_value_shapes.py): wrappers, conversions, factory words and name scope
prefixes. Every row's example, read as a line of a file that says Binance, yields what the
row says; the same line in a file that says nothing, or under another exchange's name,
yields nothing."""

from __future__ import annotations

import re
import secrets

import pytest

from binance_secrets.plugins.detection.classify import classify_line, type_for_name
from binance_secrets.plugins.detection.counterparts import COUNTERPARTS, Counterpart
from binance_secrets.plugins.detection.name_rules import SCOPE_PREFIXES, ScopePrefix
from binance_secrets.plugins.detection.project_context import ProjectContext
from binance_secrets.plugins.detection.wrappers import (
    CONSTRUCTOR_KEYWORDS,
    CONVERSIONS,
    ENTRY_CALLS,
    FACTORY_ROWS,
    LEADING_ARGUMENTS,
    WRAPPERS,
    Wrapper,
)
from tests.fake_values import random_key

ROWS = [
    *((f"wrapper: {row.name}", row.example, row.yields) for row in WRAPPERS),
    *((f"conversion: {row.name}", row.example, row.yields) for row in CONVERSIONS),
    *((f"factory word: {row.word}", row.example, row.yields) for row in FACTORY_ROWS),
    *((f"leading argument: {row.word}", row.example, row.yields) for row in LEADING_ARGUMENTS),
    *((f"constructor: {row.word}", row.example, row.yields) for row in CONSTRUCTOR_KEYWORDS),
    *((f"entry call: {row.word}", row.example, row.yields) for row in ENTRY_CALLS),
]


def _render(example: str) -> tuple[str, list[str]]:
    values = [random_key(), random_key()]
    return example.replace("{V}", values[0]).replace("{W}", values[1]), values


@pytest.mark.parametrize(("example", "yields"), [row[1:] for row in ROWS], ids=[r[0] for r in ROWS])
def test_each_row_yields_its_types_from_its_example(example: str, yields: tuple) -> None:
    line, values = _render(example)
    found = classify_line(line, file_says_binance=True)
    assert [candidate.type for candidate in found] == list(yields), line
    assert [candidate.value for candidate in found] == values[: len(yields)]


@pytest.mark.parametrize(("example", "yields"), [row[1:] for row in ROWS], ids=[r[0] for r in ROWS])
def test_each_rows_example_for_another_exchange_yields_nothing(example: str, yields: tuple) -> None:
    """The negative twin: Binance's name replaced by another exchange's, in a file that
    says nothing about Binance."""
    line, _ = _render(re.sub("binance", "kraken", example, flags=re.IGNORECASE))
    assert classify_line(line) == []
    assert classify_line(line, project=ProjectContext.known(True)) == []


def test_row_names_are_unique() -> None:
    names = [row[0] for row in ROWS]
    assert len(names) == len(set(names))


@pytest.mark.parametrize(
    ("line", "found"),
    [
        # A client's constructor reads by place: the variable is the key, the literal the secret.
        ('var c = new BinanceRestClient(Settings.ApiKey, "{V}");', ["Binance Secret Key"]),
        ('client = Client(config.api_key, "{V}")', ["Binance Secret Key"]),
        # A callee named for the credential it sets is no entry call.
        ('client.setCredentials(Config.API_KEY, "{V}")', []),
        # A lower-case local variable is no name (a loop's `key`); neither is one that
        # names no key or secret.
        ('settings.put(key, "{V}")', []),
        ('settings.put(api_key, "{V}")', []),
    ],
)
def test_an_entry_call_names_its_literal_only_by_a_constant(line: str, found: list[str]) -> None:
    """What :data:`ENTRY_CALLS` leaves to the places of a call's arguments."""
    rendered, _ = _render(line)
    assert [c.type for c in classify_line(rendered, file_says_binance=True)] == found


@pytest.mark.parametrize("row", SCOPE_PREFIXES, ids=[row.name for row in SCOPE_PREFIXES])
def test_a_scope_prefix_leaves_a_generic_name_in_a_binance_project(row: ScopePrefix) -> None:
    line, values = _render(row.example)
    found = classify_line(line, project=ProjectContext.known(True))
    assert [(c.type, c.value) for c in found] == [(row.yields, values[0])], line
    # The negative twins: no project context, or another exchange's name after the prefix.
    assert classify_line(line) == []
    other = re.sub(
        r"api|secret|Api|Secret",
        lambda m: ("Kraken" if m.group().istitle() else "kraken_") + m.group(),
        row.example,
        count=1,
    )
    line, _ = _render(other)
    assert classify_line(line, project=ProjectContext.known(True)) == [], line


@pytest.mark.parametrize("row", WRAPPERS, ids=[row.name for row in WRAPPERS])
def test_each_wrapper_holds_its_cheap_word(row: Wrapper) -> None:
    """The cheap test before the wrapper regexes is sound: every wrapper text holds its
    row's word (a wrapper whose word is missing would be skipped)."""
    rendered = row.example.split("{V}")[0]
    assert re.search(r"\b(?:" + row.opening + ")", rendered), row.example
    assert row.word in re.search(r"\b(?:" + row.opening + ")", rendered).group()
    assert row.in_calls or row.names


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("BINANCE.SEC", "Binance Secret Key"),
        ("binance_sec", "Binance Secret Key"),
        ("BINANCE.API", "Binance API Key"),
        ("timeout_sec_id", None),
    ],
)
def test_abbreviated_names(name: str, expected: str | None) -> None:
    assert type_for_name(name) == expected


@pytest.mark.parametrize(
    ("parent", "found"),
    [("jwt:", False), ("telegram:", False), ("kraken:", False), ("binance:", True), ("", True)],
)
def test_a_yaml_parent_says_whose_a_generic_name_is(parent: str, found: bool) -> None:
    key = random_key()
    before = ["server:", "  port: 8887", parent] if parent else ["server:", "  port: 1"]
    after = ["  expiration: 24h", "", "binance:", "  url: 'wss://stream.binance.com'"]
    line = f"  secret: '{key}'"
    assert bool(classify_line(line, before, after)) == found


@pytest.mark.parametrize(
    ("parent", "found"),
    [('"Authentication": {', False), ('"Exchange": {', True), ('"auth": {', True)],
)
def test_a_json_section_says_whose_a_generic_name_is(parent: str, found: bool) -> None:
    """An ASP.NET appsettings.json: the API's own `"Authentication": {"ApiKey": ...}` (64
    hex digits) above the `"Binance": {...}` section is the application's own key."""
    key = secrets.token_hex(32)
    before = ["{", '  "FrontendUrl": "https://localhost:7017",', "", f"  {parent}"]
    after = ["  },", "", '  "Binance": {', '    "ApiKey": "",', '    "UseTestnet": true']
    line = f'    "ApiKey": "{key}"'
    assert bool(classify_line(line, before, after, file_says_binance=True)) == found


@pytest.mark.parametrize("row", COUNTERPARTS, ids=[row.name for row in COUNTERPARTS])
def test_a_counterpart_row_types_its_example_by_its_partner(row: Counterpart) -> None:
    key, secret = random_key(), random_key()
    line, *after = row.example.replace("{V}", key).replace("{W}", secret).split("\n")
    found = classify_line(line, (), after, file_says_binance=True)
    assert [(c.type, c.value) for c in found] == [(row.becomes, key)]
    # Without its partner, or beside a name of what it would become, it keeps its type (a
    # name that names no credential stays no candidate).
    was = [] if row.was is None else [row.was]
    assert [c.type for c in classify_line(line, file_says_binance=True)] == was
    beside = ["API_KEY=" + random_key(), *after]
    assert [c.type for c in classify_line(line, (), beside, file_says_binance=True)] == was


@pytest.mark.parametrize(
    ("name", "project", "found"),
    [
        # Binance abbreviated: as generic as `api_key`, Binance's in a Binance project
        ("bnb_apikey", True, "Binance API Key"),
        ("bnc_secret", True, "Binance Secret Key"),
        ("bin_key", True, "Binance API Key"),
        ("bnb_apikey", False, None),
        # other exchanges abbreviated are theirs, whatever the project says
        ("krk_apikey", True, None),
        ("trt_secret", True, None),
    ],
)
def test_exchange_abbreviations_as_name_prefixes(name: str, project: bool, found) -> None:
    line = f'"{name}": "{random_key()}",'
    got = classify_line(line, project=ProjectContext.known(project))
    assert [c.type for c in got] == ([found] if found else [])


@pytest.mark.parametrize(
    "line",
    [
        # winston JSON lines: the body nested, or stringified inside the record
        '{"level":"debug","message":"POST /api/keys","body":{"apiKey":"{V}","apiSecret":"{W}"}}',
        '{"level":"debug","body":"{\\"apiKey\\":\\"{V}\\",\\"apiSecret\\":\\"{W}\\"}"}',
        # axios's debug dump, Python logging of a dict, a form body, nginx's request line
        "  data: '{\"apiKey\":\"{V}\",\"apiSecret\":\"{W}\"}',",
        "DEBUG:root:payload={'api_key': '{V}', 'api_secret': '{W}'}",
        "2025-03-12 DEBUG request body: apiKey={V}&secretKey={W}",
        '127.0.0.1 - - [12/Mar/2025] "POST /api/keys?apiKey={V}&apiSecret={W} HTTP/1.1" 200',
    ],
)
def test_logged_request_bodies_name_their_values(line: str) -> None:
    """Logs of request bodies, one family: the body's own names name the values."""
    rendered, values = _render(line)
    found = classify_line(rendered, file_says_binance=True)
    assert [(c.type, c.value) for c in found] == [
        ("Binance API Key", values[0]),
        ("Binance Secret Key", values[1]),
    ]


@pytest.mark.parametrize(
    ("line", "found"),
    [
        ('$api = new bapi("{V}", "{W}");', True),
        ('/*$api = new bapi("{V}", "{W}");', True),  # an older pair in a block comment
        ('x = renew("{V}", "{W}");', False),  # `new` is the callee's own letters
        ('x = newbapi("{V}", "{W}");', False),
        ('x = new lib.bapi("{V}", "{W}");', True),
    ],
)
def test_a_constructor_keyword_makes_any_callee_a_constructor(line: str, found: bool) -> None:
    """`use Binance\\API as bapi;` in a Laravel controller: the alias is lower case, `new`
    says it is constructed; without `new`, a lower-case callee is no factory."""
    text, values = _render(line)
    result = classify_line(text, file_says_binance=True)
    assert [c.value for c in result] == (values if found else [])
