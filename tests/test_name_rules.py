"""The name-finding rule table: every row's example is found by that row, and its template
is in the detection corpus with exact expectations (tests/test_detection_corpus.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from binance_secrets.plugins.detection.classify import type_for_name
from binance_secrets.plugins.detection.name_rules import (
    NAME_RULES,
    SIBLING_RULES,
    credential_name,
    name_before,
)
from binance_secrets.plugins.detection.other_services import (
    ABBREVIATED_HALVES,
    OWN_KEY_PHRASES,
    AbbreviatedHalf,
    OwnKeyPhrase,
    denied_by,
)
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
        # a .NET configuration pair's key path: its last segment says what the value is
        ('    new("AppSettings:Binance:ApiSecret", "', [], "AppSettings:Binance:ApiSecret"),
        # a call's arguments are no tuple of names: the keyword before the value names it
        ("fetcher = Fetcher(pool, binance_api_key='", [], "binance_api_key"),
        ("fetcher = Fetcher(pool=pool, binance_api_key='", [], "binance_api_key"),
        ('svc = Service(db, api_key="k", api_secret="', [], "api_secret"),
        ("    pool, binance_api_key='", ["fetcher = Fetcher("], "binance_api_key"),
        # the fallback of a conditional on an environment read names the value
        ("apiKey: process.env.BN_KEY ? process.env.BN_KEY : '", [], "BN_KEY"),
        ('String s = System.getenv("BN_SECRET") != null ? System.getenv("BN_SECRET") : "', [],
         "BN_SECRET"),
        ('API_SECRET = os.getenv("BN_SECRET") if os.getenv("BN_SECRET") else "', [],
         "BN_SECRET"),
        ('api_key = os.environ.get("BN_KEY") or "', [], "BN_KEY"),
        ("$key = $_ENV['BN_KEY'] ?: '", [], "BN_KEY"),
        # the read cleaned up before its fallback (ERB in YAML, JS, Python)
        ("  key: <%= ENV['BN_KEY'].to_s.strip.presence || '", [], "BN_KEY"),
        ("const k = process.env.BN_KEY?.trim() || '", [], "process.env.BN_KEY"),
        ('k = os.getenv("BN_SECRET").strip() or "', [], "BN_SECRET"),
        # a SQL row's function-call cells count as one cell each
        ("INSERT INTO c (id, created, code, apiKey, apiSecret) VALUES (default, now(), 1, 'K', '",
         [], "apiSecret"),
        ("INSERT INTO c (id, at, apiKey) VALUES (nextval('s'), datetime('now'), '", [], "apiKey"),
        # a getter named for the credential returns it; its `get` says nothing
        ("        return '", ["class TOKEN_BINANCE():", "    def API_SECRET():"], "API_SECRET"),
        ("def API_KEY(): return '", [], "API_KEY"),
        ("API_SECRET = lambda: '", [], "API_SECRET"),
        ("  get apiKey() { return '", [], "apiKey"),
        ("  apiSecret: () => '", [], "apiSecret"),
        ('  public String getApiSecret() { return "', [], "ApiSecret"),
        ('        return "', ["    public String getApiKey() {"], "ApiKey"),
        ('  public string ApiSecret => "', [], "ApiSecret"),
        ('fun apiKey() = "', [], "apiKey"),
    ],
)
def test_name_before(prefix: str, previous: list[str], expected: str | None) -> None:
    """(``expected`` None: the sibling rule's `binance_api_secret`.)"""
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
    "name",
    [
        "FLASK_SECRET_KEY", "DJANGO_SECRET_KEY", "JWT_SECRET", "KRAKEN_API_KEY", "okxApiKey",
        # seen beside Binance's names in real repositories (issue 19)
        "COINDCX_API_SECRET", "OLLAMA_API_KEY", "POLYMARKET_API_KEY", "API_KEY_ADMIN",
        "ADMIN_API_KEY", "OPS_API_TOKEN", "INTERNAL_API_SECRET",
        # payment processors' keys and the secrets that verify their callbacks
        "CRYPTOPAY_CALLBACK_SECRET", "CRYPTOPAY_TOKEN", "CRYPTOMUS_API_KEY",
        "NOWPAYMENTS_API_KEY", "COINPAYMENTS_SECRET", "PAYPAL_SECRET", "CALLBACK_SECRET",
        "IPN_SECRET", "YOOKASSA_SECRET_KEY", "PLISIO_API_KEY", "PLISIO_SECRET_KEY",
        "OXAPAY_MERCHANT_API_KEY", "COINGATE_API_KEY", "HELEKET_API_KEY", "RAZORPAY_KEY_SECRET",
        "PAYSTACK_SECRET_KEY", "FLUTTERWAVE_SECRET_KEY", "CASHFREE_SECRET_KEY",
        "ROBOKASSA_PASSWORD_1", "FREEKASSA_SECRET_WORD", "PAYEER_API_KEY",
    ],
)
def test_other_services_names_are_denied(name: str) -> None:
    from binance_secrets.plugins.detection.name_rules import name_words

    assert denied_by(name_words(name)) is not None


@pytest.mark.parametrize("row", OWN_KEY_PHRASES, ids=[row.words for row in OWN_KEY_PHRASES])
def test_an_own_key_phrase_denies_its_example_but_not_binance_s(row: OwnKeyPhrase) -> None:
    from binance_secrets.plugins.detection.name_rules import name_words

    assert denied_by(name_words(row.example)) == row.whose
    assert denied_by(name_words("BINANCE_" + row.example)) is None


@pytest.mark.parametrize("name", ["MASTER_API_KEY", "MASTER_SECRET", "masterApiSecret"])
def test_a_master_account_s_api_key_is_not_an_own_key(name: str) -> None:
    from binance_secrets.plugins.detection.name_rules import name_words

    assert denied_by(name_words(name)) is None


@pytest.mark.parametrize("row", ABBREVIATED_HALVES, ids=[row.word for row in ABBREVIATED_HALVES])
def test_an_abbreviated_half_types_its_example(row: AbbreviatedHalf) -> None:
    from binance_secrets.plugins.detection.classify import classify_line
    from binance_secrets.plugins.detection.findings import API_KEY, SECRET_KEY
    from binance_secrets.plugins.detection.project_context import ProjectContext
    from tests.fake_values import random_key

    value = random_key()
    line = row.example.replace("{V}", value)
    wanted = SECRET_KEY if row.half == "secret" else API_KEY
    # As generic as `api_key`: Binance's where only the project says Binance, no one's
    # where nothing does, another exchange's under its name.
    found = classify_line(line, project=ProjectContext.known(True))
    assert [(c.type, c.value) for c in found] == [(wanted, value)], line
    assert classify_line(line) == []
    kraken = re.sub(row.word, "kraken_" + row.word, row.example, count=1, flags=re.IGNORECASE)
    kraken = kraken.replace("{V}", value)
    assert classify_line(kraken, project=ProjectContext.known(True)) == [], kraken


@pytest.mark.parametrize(
    ("name", "found"),
    [("api_sk", "Binance Secret Key"), ("BINANCE_SK", "Binance Secret Key"),
     ("binanceAk", "Binance API Key"), ("whiskey", "Binance API Key"), ("task", None)],
)
def test_an_abbreviated_half_is_a_whole_word(name: str, found: str | None) -> None:
    assert type_for_name(name) == found


def test_a_secret_is_never_typed_as_an_api_key() -> None:
    from binance_secrets.plugins.detection.findings import SECRET_KEY

    for name in ("secretKey", "SECRET_KEY", "api_secret", "binance.secret.key", "Secret Key",
                 "apiSecretKey", "X_MBX_SECRET"):
        assert type_for_name(name) == SECRET_KEY, name


def test_corpus_path_is_a_directory() -> None:
    assert Path(CORPUS).is_dir()


# -- the window before a value ---------------------------------------------------------
# Rules see only the end of a long line. Where that window is cut, no rule may take the
# cut for the start of a line, a field list or a name: the answer must be the one the
# whole line gives, or none.

CHECKSUM_HEADER = "exchange,label,api_secret,notes,memo,checksum"


def test_a_csv_row_cut_before_its_value_is_not_counted_from_the_cut() -> None:
    from binance_secrets.plugins.detection.classify import classify_line
    from tests.fake_values import random_key

    # The value is in column 5 (checksum); counted from the cut it was column 2.
    row = "binance,main,," + "a" * 80 + "," + "b" * 79 + "," + random_key()
    assert classify_line(row, [CHECKSUM_HEADER]) == []
    assert name_before("binance,main,,notes,memo,", [CHECKSUM_HEADER]) == "checksum"


def test_a_label_is_not_anchored_at_the_cut() -> None:
    long_line = "log: " + "a" * 155 + " secret key: "
    assert name_before(long_line, []) == name_before("log: aaaa secret key: ", []) == "key"


def test_a_sibling_name_line_is_not_anchored_at_the_cut() -> None:
    # `name: X` counts only at the start of its line (Kubernetes / Compose env entries).
    above = "x" * 50 + " name: BINANCE_API_KEY, " + "y" * 296
    assert name_before("  value: ", [above]) == name_before("  value: ", ["x name: B, y"])


def test_a_tuple_of_names_cut_short_does_not_shift_its_names() -> None:
    # `first, label, note, api_key = "b", "c", "V"`: V is `note`'s; counted from the cut,
    # which dropped `first`, it was `api_key`'s.
    for width in (1, 10, 29):
        line = f'{"f" * width}, label, note, api_key = "{"b" * 64}", "{"c" * 64}", "'
        assert name_before(line, []) in (None, "note"), width


def test_a_name_split_by_the_cut_is_not_a_name() -> None:
    from binance_secrets.plugins.detection.name_rules import NAME_LOOKBACK_CHARS, cut_before

    text = "x = 1; " + "binance_api_key " * 20
    for end in range(len(text) - 20, len(text) + 1):
        window = cut_before(text[:end], NAME_LOOKBACK_CHARS)
        assert window.startswith("\0") and len(window) <= NAME_LOOKBACK_CHARS + 1
        assert text[:end].endswith(window[1:])
        assert window[1:2] == " " or text[end - len(window)] == " ", window[:20]
    assert cut_before("short", NAME_LOOKBACK_CHARS) == "short"


# Rules that read a whole line from its start (a label, a CSV row): earlier text on the
# line changes their answer by design. Every other rule must not care how long the line
# was before the statement that names the value.
LINE_START_RULES = {
    "CSV column under its header",
    "label of several words",
    "Markdown table column under its header",
    "YAML block scalar",
    "SQL rows below a column list",
    "SQL VALUES opening the row's line below a column list",
    "YAML sequence item under its key",
    "PostgreSQL COPY row under its column list",
}


@pytest.mark.parametrize("rule", ALL_RULES, ids=[rule.name for rule in ALL_RULES])
def test_earlier_statements_on_the_line_change_no_name(rule) -> None:
    if any(rule.name.startswith(start) for start in LINE_START_RULES):
        pytest.skip("reads its line from the start")
    *previous, line = rule.example.split("{V}", 1)[0].split("\n")
    expected = name_before(line, previous)
    for width in range(0, 420, 7):
        for earlier in ("x" * width + "; ", "word " * (width // 5) + "; "):
            assert name_before(earlier + line, previous) == expected, (width, earlier[:10])


@given(st.text(alphabet="ab_ ;,=\n\"'", max_size=400), st.integers(0, 400), st.integers(1, 200))
def test_a_window_is_a_marked_tail_that_starts_at_a_word_boundary(
    text: str, end: int, chars: int
) -> None:
    from binance_secrets.plugins.detection.name_rules import CUT, cut_before

    end = min(end, len(text))
    window = cut_before(text, chars, end)
    if end <= chars:
        assert window == text[:end]
        return
    assert window.startswith(CUT) and len(window) <= chars + 1
    tail = window[1:]
    assert text[:end].endswith(tail)
    start = end - len(tail)
    word = str.isalnum  # the alphabet's name characters are a, b and _
    assert not (start > 0 and start < end and (word(text[start - 1]) or text[start - 1] == "_")
                and (word(text[start]) or text[start] == "_"))  # fmt: skip


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("key_id", "Binance API Key"),
        ("keyId", "Binance API Key"),
        ("KEY_ID", "Binance API Key"),
        ("binance.key_id", "Binance API Key"),
        ("api_key_id", None),
        ("BINANCE_API_KEY_ID", None),
        ("private_key_id", None),
        ("user_id", None),
    ],
)
def test_key_id_alone_names_the_api_key(name: str, expected: str | None) -> None:
    """cryptofeed-style `binance:` blocks name the key `key_id` beside `key_secret`; a
    longer name with `id` is a record's id (the earlier corpora's decoys)."""
    assert type_for_name(name) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("BINANCE_TOKEN", "Binance API Key"),
        ("BINANCE_TESTNET_TOKEN", "Binance API Key"),
        ("BINANCE_SECRET_TOKEN", "Binance Secret Key"),
        ("TOKEN", None),
        ("TELEGRAM_TOKEN", None),
        ("bot_token", None),
    ],
)
def test_token_names_the_api_key_only_in_a_binance_name(name: str, expected: str | None) -> None:
    """oyakov/binance-ai-traders' `.env` names its key `BINANCE_TOKEN` beside
    `BINANCE_SECRET_TOKEN`; a bare `token` is a bot's or a session's."""
    assert type_for_name(name) == expected


@pytest.mark.parametrize(
    "name", ["private_key_passphrase", "BINANCE_API_PASSWORD", "binance.key.passwd"]
)
def test_a_passphrase_is_no_key_or_secret(name: str) -> None:
    """binance-connector-python's key-pair docs set `private_key_passphrase = "..."`: the
    passphrase that decrypts a private key, not a key or an HMAC secret."""
    assert type_for_name(name) is None


@pytest.mark.parametrize(
    ("prefix", "previous"),
    [
        ('x = Client("', []),
        ('if foo() == "', []),
        ('        return "', ["    public String describe() {"]),
        ('  return "', ["function sign() {"]),
    ],
)
def test_a_call_or_a_getter_of_something_else_names_no_credential(
    prefix: str, previous: list[str]
) -> None:
    found = name_before(prefix, previous)
    assert found is None or type_for_name(found) is None, found


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("BINANCE_API_KEY_HMAC", "Binance API Key"),
        ("BINANCE_API_KEY_HMAC_TESTNET", "Binance API Key"),
        ("hmacApiKey", "Binance API Key"),
        ("HMAC_APIKEY", "Binance API Key"),
        ("BINANCE_SECRET_KEY_HMAC", "Binance Secret Key"),
        ("HMAC_KEY", "Binance Secret Key"),
        ("hmac_secret", "Binance Secret Key"),
        ("BINANCE_HMAC", "Binance Secret Key"),
    ],
)
def test_hmac_beside_api_key_names_the_keys_kind(name: str, expected: str) -> None:
    """Binance issues HMAC, Ed25519 and RSA API keys; an `.env` keeping two kinds names
    them `BINANCE_API_KEY_HMAC` / `BINANCE_SECRET_KEY_HMAC` beside
    `BINANCE_API_KEY_ED25519`: `hmac` beside the API key's words says which kind of API
    key, not the secret (alone, `HMAC_KEY` still is the secret)."""
    assert type_for_name(name) == expected


@pytest.mark.parametrize(
    ("name", "generic"),
    [("TEST_NET_API_KEY", True), ("main_net_secret", True), ("TESTNET_API_SECRET", True),
     ("NET_API_KEY", False), ("DOT_NET_API_KEY", False), ("NETWORK_API_KEY", False)],
)
def test_testnet_written_as_two_words_is_generic(name: str, generic: bool) -> None:
    """A Rust bot reads TEST_NET_API_KEY / TEST_NET_API_SECRET
    from its .env: only "testnet" spelled apart, so a Binance project's key; `net` after
    any other word is some other word."""
    from binance_secrets.plugins.detection.name_rules import name_words
    from binance_secrets.plugins.detection.other_services import only_generic_words

    assert only_generic_words(name_words(name)) is generic
