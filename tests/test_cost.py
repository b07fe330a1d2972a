"""Crafted inputs stay cheap: each case here was quadratic (or worse) once.

Bounds are generous (the machine may be busy): each is several times what the linear code
takes and several times less than what the quadratic code took on the same input.
tests/benchmarks/bench_cost.py runs the full-size versions against the real targets.
"""

from __future__ import annotations

import json
import random
import re
import textwrap
from collections.abc import Iterator

import pytest

from binance_secrets.plugins.detection import classify, engine, name_rules, wrappers
from binance_secrets.plugins.detection.engine import MAX_FINDINGS_PER_FILE, scan_text
from binance_secrets.plugins.detection.other_services import (
    OTHER_EXCHANGE,
    other_exchange_end,
    other_exchange_starts,
)
from binance_secrets.plugins.detection.patterns import K8S_NAME_LINE, NAMED_VALUE_PREFIX
from binance_secrets.plugins.detection.pem import extract_pem_block
from binance_secrets.plugins.detection.reject import is_sequential
from tests.benchmarks import bench_cost
from tests.cpu_bound import within
from tests.fake_values import random_der_body


def two_mib_of(unit: str) -> str:
    """``unit`` repeated to about 2 MiB: the long hostile line the cost tests build."""
    return unit * (2 * 1024 * 1024 // len(unit))


def fresh_key() -> str:
    """A key-shaped value made for one test (no look-alike letters)."""
    return "".join(random.choices(_KEY_ALPHABET, k=64))


def uncap_findings(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every value of a long line is judged: the per-file bound on findings would stop the
    scan early, and the cost under test is that of every value."""
    monkeypatch.setattr(engine, "MAX_FINDINGS_PER_FILE", 10**6)


_KEY_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789"


def test_blank_line() -> None:
    # detect-secrets' pragma regex: 100 kB took 62 s.
    text = bench_cost.blank_line(200_000)
    with within(2):
        assert len(scan_text("config.py", text)) == 1


def test_xml_comment_then_blanks() -> None:
    text = bench_cost.xml_blank_line(200_000)
    with within(2):
        assert len(scan_text("config.xml", text)) == 1


@pytest.mark.parametrize("make", [bench_cost.keys_one_line, bench_cost.ids_then_keys])
def test_line_of_keys(make, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    # 0.3 MB took 9 s: detect-secrets' id filter searched the line before every value.
    # The per-file bound on findings would stop the scan early: lifted to time every value.
    uncap_findings(monkeypatch)
    text = make(300_000)
    with within(3):
        assert len(scan_text("config.json", text)) > 3000


def test_pem_headers() -> None:
    text = bench_cost.pem_headers(300_000)
    with within(3):
        assert scan_text("keys.txt", text) == []


def test_pem_block_ends_at_the_next_header() -> None:
    """A header followed by another header has no block of its own (and costs one line)."""
    # A key-shaped body: a placeholder one ("AAAA...") is not a key (pem.has_key_body).
    body = textwrap.wrap(random_der_body(), 64)
    lines = ["-----BEGIN PRIVATE KEY-----", "-----BEGIN PRIVATE KEY-----", *body,
             "-----END PRIVATE KEY-----"]
    assert extract_pem_block(lines, 0) is None
    assert extract_pem_block(lines, 1) is not None


def test_name_before_blank_runs() -> None:
    # `\s*(?:...|\s)\s*` split a blank run every way: 1.4 ms per value on a 160-char window.
    windows = ["a" + " " * 158 + "!", "'a'" + " " * 156 + "!"] * 500
    with within(0.5):
        for window in windows:
            NAMED_VALUE_PREFIX.search(window)


def test_kubernetes_name_line_of_blanks() -> None:
    # `^\s*-?\s*name` on 100 kB of blanks took about 9 s.
    with within(1):
        assert K8S_NAME_LINE.match(" " * 100_000) is None


# The separator as it was, to show the rewrite finds the same names.
_OLD_NAMED_VALUE_PREFIX = re.compile(
    r"""(?<![A-Za-z0-9_.])(?<![A-Za-z0-9_.]-)"""
    r"""(?P<name>[A-Za-z_$@][A-Za-z0-9_.\-]{0,47})\\?["'\]]{0,2}"""
    r"""\s*(?:=>|:=|::|\?=|\+=|:-|<<-|<-|=|:|\||\s)\s*"""
    r"""(?:\\?["'`])?$"""
)


def test_name_regex_rewrite_finds_the_same_names() -> None:
    rng = random.Random(8)
    pieces = ("api_key", "x", "-", "--", " ", "\t", "=", "=>", ":", ":=", "::", "|", '"', "'",
              "\\", "]", "`", "$a", "@b", ".", "  ", "?", "+", "<", ":-", "<-")
    for _ in range(20000):
        prefix = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 10)))
        found = [
            match and (match.span(), match.group("name"))
            for match in (_OLD_NAMED_VALUE_PREFIX.search(prefix), NAMED_VALUE_PREFIX.search(prefix))
        ]
        assert found[0] == found[1], prefix


# 3000 values: about 0.25 CPU s now; 0.6 to 1.4 s when each value re-ran regexes that try
# every position of its 160-400 character window.
TIME_PER_VALUE_BOUND = 0.7


def _random_texts(pieces: tuple[str, ...], count: int, seed: int = 8) -> Iterator[str]:
    rng = random.Random(seed)
    for _ in range(count):
        yield "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))


def test_other_exchange_end_answers_like_the_regex() -> None:
    pieces = ("kraken", "KRAKEN", "okx", "OKX", "gate", "gateio", "woo", "x", "_", "1", " ",
              "-", ".", "\u212araken", "bybıt", "ok", "x ", "binance", "gate.io", "woo\u0130")
    for text in _random_texts(pieces, 20000):
        starts = {i for i in range(len(text)) if OTHER_EXCHANGE.match(text, i)}
        assert set(other_exchange_starts(text)) == starts, text
        end = other_exchange_end(text)
        assert (end is not None) == bool(OTHER_EXCHANGE.search(text)), text
        for cut in range(len(text) + 1):
            if cut and text[cut - 1].isalpha():
                continue  # a value never follows a letter
            found = OTHER_EXCHANGE.search(text[:cut]) is not None
            assert found == (end is not None and end <= cut), (text, cut)


def test_rewritten_name_rules_find_what_their_regexes_find() -> None:
    pieces = ("setApiKey", "ApiKey", "a1", "_", "9", " ", "(", '"', "'", "`", "\\", "{", "}",
              "get;", " set; ", "=", "@", ",", "api_key", "x" * 30, "1" * 20, ".")
    for text in _random_texts(pieces, 20000):
        for regex, end in ((name_rules._SETTER, name_rules._SETTER_END),
                           (name_rules._CSHARP_PROPERTY, name_rules._CSHARP_PROPERTY_END)):
            old, new = regex.search(text), name_rules._name_then(regex, end, text)
            assert (old and old.span()) == (new and new.span()), text
        unpruned = re.compile(name_rules._TUPLE.pattern.replace("(?<![A-Za-z_])", "", 1))
        old, new = unpruned.search(text), name_rules._TUPLE.search(text)
        assert (old and old.groupdict()) == (new and new.groupdict()), text


@pytest.mark.parametrize(
    "unit",
    [
        'x,y="{K}",',  # tuple assignment
        'setApiKey("{K}");',  # setter
        'ApiKey {{ get; set; }} = "{K}";',  # C# property
        '"kraken_{i}": "{K}", ',  # another exchange named before each value
        # a conditional's fallback after an environment read, and near misses of it
        "'k' => env('API_KEY') ? env('API_KEY') : \"{K}\", ",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa(('? :\"{K}\" ",
        "x if [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[ else \"{K}\" ",
    ],
)
def test_name_rules_per_value_cost(unit: str) -> None:
    key = bench_cost.keys()
    text = "binance\n" + "".join(unit.format(K=key(), i=i) for i in range(3000)) + "\n"
    with within(TIME_PER_VALUE_BOUND):
        scan_text("config.txt", text)


def test_findings_per_file_are_bounded_and_the_rest_counted() -> None:
    from binance_secrets.hooks.scanning.files import Source
    from binance_secrets.hooks.scanning.scanner import scan_sources

    key = bench_cost.keys()
    text = "".join(f"BINANCE_API_KEY_{i}={key()}\n" for i in range(MAX_FINDINGS_PER_FILE + 300))
    stops: list[tuple[int, int]] = []
    found = scan_text("keys.env", text, on_limit=lambda line, rest: stops.append((line, rest)))
    assert len(found) == MAX_FINDINGS_PER_FILE
    assert stops == [(MAX_FINDINGS_PER_FILE, 300)]

    # One line of values: classification stops at the bound too, and the scan says so.
    one_line = bench_cost.keys_one_line(400_000).encode()
    with within(3):
        result = scan_sources([Source("keys.json", lambda: one_line)], len(one_line))
    assert len(result.findings) == MAX_FINDINGS_PER_FILE
    (note,) = result.skipped
    assert note.path == "keys.json" and "stopped after 1000 findings, at line 1" in note.reason


def _sequential_reference(value: str) -> bool:
    """is_sequential as first written: a per-character loop (kept to check the fast one)."""
    lowered = value.lower()
    run = longest = 1
    for previous, current in zip(lowered, lowered[1:]):
        run = run + 1 if ord(current) - ord(previous) in (1, -1) else 1
        longest = max(longest, run)
    if longest >= len(value) // 4:
        return True
    return any(
        len(value) % unit == 0 and value[:unit] * (len(value) // unit) == value
        for unit in range(1, len(value) // 2 + 1)
    )


def test_fast_sequential_check_answers_like_the_loop() -> None:
    rng = random.Random(8)
    pieces = ("abcdefgh", "hgfedcba", "0123456789", "xyz", "AbCd", "aB3", "\x7f\x80", "é", "~",
              "zyx", "9", " ", "ab" * 4, "k2P")
    answers = set()
    for text in _random_texts(pieces, 20000):
        value = text[: rng.choice((8, 16, 32, 64, 65))]
        answers.add(is_sequential(value))
        assert is_sequential(value) == _sequential_reference(value), value
    assert answers == {True, False}


def test_wrapper_prefilters_never_skip_a_match() -> None:
    pieces = ("Some(", "String::from(", "Secret::new(", "String(", '"', "'", "\\", " ", "\n",
              "(", ")", "x", "aB3", ".into()", "Option::Some(", "Some", ",",
              "args.getOrElse(0) {", "getOrElse(1)", "{", "}")
    for text in _random_texts(pieces, 20000):
        if wrappers.OPEN_WRAPPER.search(text):
            assert classify._ends_in_open_call(text), text
        wrapped = any(regex.search(text) for regex in wrappers.WRAPPED_LITERALS)
        if wrapped or wrappers.OPEN_WRAPPER.search(text):
            assert any(word in text for word in wrappers.CALL_WRAPPER_WORDS), text


def test_memory_of_a_file_of_two_million_lines(tmp_path) -> None:  # noqa: ANN001
    # Held as (number, text) tuples, the lines of 2 MiB of newlines took 289 MB of RSS.
    path = tmp_path / "empty.txt"
    path.write_text(bench_cost.empty_lines(bench_cost.MAX_FILE_BYTES - 1024))
    report = tmp_path / "report.json"
    command = [str(bench_cost.BIN / "binance-secrets"), "scan", "--format", "json"]
    run = bench_cost.measure([*command, "--output", str(report), str(path)], str(tmp_path), 60)
    assert run.exit_code == 1 and len(json.loads(report.read_text())["findings"]) == 1
    assert run.rss_mb < 150, f"{run.rss_mb:.0f} MB"


def test_blob_over_the_limit_is_passed_over_in_pieces(tmp_path) -> None:  # noqa: ANN001
    import subprocess
    import tracemalloc

    from binance_secrets.hooks.git.blobs import BlobReader

    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)

    def store(data: bytes) -> str:
        done = subprocess.run(
            ["git", "hash-object", "-w", "--stdin"],
            cwd=tmp_path, input=data, capture_output=True, check=True,
        )
        return done.stdout.decode().strip()

    big, small = store(b"x" * (8 << 20)), store(b"small\n")
    reader = BlobReader(["git", "cat-file", "--batch"], cwd=str(tmp_path))
    tracemalloc.start()
    try:
        assert reader.read(big, max_bytes=1 << 20) is None
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
        assert reader.read(small) == b"small\n"  # the stream is still in step
        reader.close()
    assert peak < 4 << 20, peak  # the 8 MB blob was never held whole


def test_framework_secret_names_beside_long_lines() -> None:
    # `SECRET_KEY` values looked for an API key name in the lines around once per value:
    # 1500 values beside 180 kB of neighbours took 1.3 s.
    key = bench_cost.keys()
    filler = "x = 1  # " + "lorem ipsum " * 1500 + "\n"
    values = "".join(f'SECRET_KEY="{key()}"; ' for _ in range(1500))
    with within(0.6):
        scan_text("proj/settings.py", filler * 5 + values + "\n" + filler * 5)


def test_candidate_lines_are_the_lines_a_per_line_search_finds() -> None:
    """The one-scan candidate search (engine.candidate_line_indices) answers as a search per
    line would: keys, base64-encoded keys and PEM headers, two on one line, at a line's
    start and end, and a 65-character run (a candidate too: the pre-filter is loose)."""
    import base64

    from binance_secrets.plugins.detection.engine import candidate_line_indices
    from binance_secrets.plugins.detection.patterns import CANDIDATE
    from tests.fake_values import random_key

    key = random_key()
    texts = [
        "",
        key,
        f"x = '{key}'  y = '{random_key()}'",
        "plain text",
        base64.b64encode(key.encode()).decode(),
        "-----BEGIN PRIVATE KEY-----",
        key + "A",
        "",
        f"tail {key}",
    ]
    expected = [i for i, text in enumerate(texts) if CANDIDATE.search(text)]
    assert candidate_line_indices(texts) == expected == [1, 2, 4, 5, 6, 8]
    # A "line" holding a newline itself (not from a splitter): asked line by line.
    odd = [f"a\n{key}", "b"]
    assert candidate_line_indices(odd) == [0]


@pytest.mark.parametrize("unit", ["binance kraken okx\n", "binance kraken okx "])
def test_exchange_lists_are_read_once(unit: str) -> None:
    # Every line (or one 2 MiB line) lists Binance among other exchanges: each Binance
    # word's line is counted against one pass over the other exchanges' names.
    from binance_secrets.plugins.detection.other_services import says_binance_beyond_lists

    text = two_mib_of(unit)
    with within(2):
        assert not says_binance_beyond_lists(text)


@pytest.mark.parametrize(
    "unit",
    [
        # a counterpart's partner is looked for near the value, not along the whole line
        '"private_key": "{K}", ',
        # getters, cleanup chains before a fallback, SQL function-call cells
        "def api_key(): return '{K}'; ",
        "x = ENV['A'].to_s.strip.presence.a.b.c || '{K}', ",
        "INSERT INTO t (a, api_key) VALUES (now(), '{K}'), (nextval('s'), ",
    ],
)
def test_round7_shapes_on_one_long_line(unit: str, monkeypatch: pytest.MonkeyPatch) -> None:
    uncap_findings(monkeypatch)
    key = fresh_key()
    line = two_mib_of(unit.replace("{K}", key))
    text = "# binance\nsecret_key = x\n" + line + "\n"
    with within(4):
        scan_text("config.py", text)


@pytest.mark.parametrize(
    "unit",
    [
        # a selector set to testnet: long words on a line that says testnet, no selector
        "testnet " + "a" * 4088,
        'network: "testnet", ',
        # a list entry keyed by key/Name: its regex is anchored at the line's start
        "- key: BINANCE_API_KEY value: {K} ",
        # key-value SQL rows, and rows read by place whose lone key looks for a second one
        "(1,1,'api_key','{K}','2023-02-11'),",
        "(1,'admin','a@b.c',NULL,'$2y$10$x','{K}','2023-02-11'),",
        # quoted key paths as mapping keys
        '"Jwt:Secret": "{K}", ',
        # owner fields of one-line objects around each value
        '{"domain": "withings", "client_secret": "{K}"}, ',
    ],
)
def test_round9_shapes_on_one_long_line(unit: str, monkeypatch: pytest.MonkeyPatch) -> None:
    uncap_findings(monkeypatch)
    key = fresh_key()
    line = two_mib_of(unit.replace("{K}", key))
    # a finding, so that the environment signals are searched too
    text = f"-- binance\n-- BINANCE_API_KEY={key}\nINSERT INTO `settings` VALUES {line}\n"
    with within(4):
        scan_text("dump.sql", text)


def test_owner_fields_of_many_lines_are_read_once_per_line() -> None:
    """A 2 MiB JSON of one object per few lines, each with an owner field and a generic
    secret: each value's object is read within the lines around it."""
    key = fresh_key()
    entry = '  {\n    "data": {\n      "client_secret": "' + key + '"\n    },\n'
    entry += '    "domain": "withings"\n  },\n'
    text = '{"binance": 1, "entries": [\n' + two_mib_of(entry) + "]}\n"
    with within(8):
        scan_text(".storage/core.config_entries", text)


def test_testnet_block_headers_are_read_within_their_blocks(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A 2 MiB file of `testnet:` headers each over a key: each header reads at most its
    block's lines, each value asks only the headers just above it."""
    uncap_findings(monkeypatch)
    key = fresh_key()
    unit = f"testnet:\n  BINANCE_API_KEY: {key}\n" + "  x: 1\n" * 20
    text = two_mib_of(unit)
    with within(8):
        found = scan_text("accounts.yml", text)
    assert found and all(f.environment == "testnet" for f in found)


@pytest.mark.parametrize(
    ("path", "unit"),
    [
        # hmac beside an API key's words, testnet in two words, callback secrets
        (".env", "BINANCE_API_KEY_HMAC={K} "),
        (".env", "TEST_NET_API_KEY={K} "),
        (".env", "CRYPTOPAY_CALLBACK_SECRET={K} "),
        # rows under a quoted `key` column of the file's CREATE TABLE
        ("dump.sql", "(3,'Binance','{K}','{K}'),"),
        # a comment block above each generic name, and one long comment line
        (".env", "# Bearer token " + "x" * 200 + "\nAPI_KEY={K}\n"),
        (".env", "#" + "bearer " * 64),
    ],
)
def test_round10_shapes_on_long_lines(
    path: str, unit: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    uncap_findings(monkeypatch)
    key = fresh_key()
    body = two_mib_of(unit.replace("{K}", key))
    create = "CREATE TABLE `exchanges` (`id` int, `name` text, `key` text, `secret` text);\n"
    head = create + "INSERT INTO `exchanges` VALUES " if path == "dump.sql" else ""
    text = f"# binance\n# BINANCE_API_KEY={key}\n{head}{body}\nAPI_KEY={key}\n"
    with within(4):
        scan_text(path, text)


def test_bare_files_and_pointers_on_long_lines() -> None:
    """A key file whose third line is one 2 MiB token, and 2 MiB of pointer settings:
    each line is matched once per row, without backtracking into itself."""
    from binance_secrets.plugins.detection.bare_files import bare_values
    from binance_secrets.plugins.detection.key_file_pointers import pointed_files

    key, secret = "A" * 32 + "b" * 32, "C" * 32 + "d" * 32
    with within(1):
        assert bare_values([key, secret, "https://fapi.binance.com/" + "a" * 2 * 1024 * 1024]) == []
    unit = "BINANCE_PRIVATE_KEY_PATH=keys/" + "a/" * 100 + "x.pem\n"
    with within(2):
        assert pointed_files(two_mib_of(unit)) == {"x.pem"}
        assert pointed_files("BINANCE_PRIVATE_KEY=" + "a" * 2 * 1024 * 1024) == set()


@pytest.mark.parametrize(
    ("path", "unit"),
    [
        # API key names beside a framework's SECRET_KEY: each name expanded once
        (".env", "OPENAI_API_KEY"),
        (".env", "apikey"),
        (".env", "# api key "),
        # payment processors' keys
        (".env", "PLISIO_API_KEY={K} "),
    ],
)
def test_round11_shapes_on_long_lines(
    path: str, unit: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    uncap_findings(monkeypatch)
    key = fresh_key()
    body = two_mib_of(unit.replace("{K}", key))
    text = f"# binance\nBINANCE_API_KEY={key}\n{body}\nSECRET_KEY={key}\n{body}\n"
    with within(8):  # two 2 MiB lines, the key-shaped row's 26,000 values on each
        scan_text(path, text)


def test_docs_key_file_names_in_a_long_listing() -> None:
    """One set look-up per path of a 200,000-path listing, none of them a docs key file."""
    from binance_secrets.plugins.detection.project_context import docs_key_file

    paths = [f"d{i}/" + "a" * 40 + ".pem" for i in range(200_000)]
    with within(1):
        assert docs_key_file(paths, "") is None


@pytest.mark.parametrize(
    ("path", "unit"),
    [
        # entry calls: a constant's name, then the value
        ("Seed.cs", 'AddSettingIfNotExists(CryptoBotNames.BinanceKey, "{K}", null, 2); '),
        # an entry call's shape whose callee stores nothing: every value reads its call
        ("Seed.cs", 'Build(CryptoBotNames.BinanceKey, "{K}", (x), (y)); '),
    ],
)
def test_round12_shapes_on_long_lines(
    path: str, unit: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    uncap_findings(monkeypatch)
    key = fresh_key()
    body = two_mib_of(unit.replace("{K}", key))
    with within(8):  # one 2 MiB line, some 17,000 values on it
        scan_text(path, f"// binance\n{body}\n")


def test_python_requirements_named_for_binance_on_long_lines() -> None:
    """The requirement row bounds its name's parts: a 2 MiB line of `binance_` is not
    tried at every split of it."""
    from binance_secrets.plugins.detection.project_context import signal_of_text

    with within(4):
        assert signal_of_text("binance_" * 260_000) is None
        assert signal_of_text(("binance_" * 100 + "\n") * 2_600) is None


def test_names_that_say_binance_are_read_once_per_file() -> None:
    # Whether the file holds Binance's pair under Binance's names (binance_held_halves) is
    # asked by every bare name's value: one pass over the file, each `binance` widened to
    # its name at most _NAME_REACH characters each way, however long the run of name
    # characters around it.
    key = bench_cost.keys()
    crowd = ("b_" * 40 + "binance" + "_x" * 40 + " ") * 12_000  # ~2 MB of long names
    pair = f"BINANCE_API_KEY={key()}\nBINANCE_API_SECRET={key()}\n"
    values = "".join(f"API_KEY={key()}\n" for _ in range(1500))
    with within(1.5):
        found = scan_text("proj/.env", pair + crowd + "\n" + values)
    assert len(found) == 2
