"""Round 9's attacks (docs/threat-model.md "Round 9, attacked"): inputs crafted against
detection rounds 6 to 8 (entity columns, counterparts, getters, fallbacks, other-exchange
rows) and the surfaces around them. Each test fails on the code before its fix, unless it
says it is a control."""

from __future__ import annotations

import random
import re

import pytest

from binance_secrets.plugins.detection import classify, name_rules, other_services, reject
from binance_secrets.plugins.detection.engine import scan_text
from binance_secrets.plugins.detection.entity_columns import entity_of
from binance_secrets.plugins.detection.findings import API_KEY, SECRET_KEY
from binance_secrets.plugins.detection.project_context import ProjectContext
from tests.cpu_bound import record_calls, within
from tests.fake_values import random_key


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The length of each text ``other_exchange_starts`` is asked about, in order."""
    return record_calls(monkeypatch, other_services, "other_exchange_starts", keep=len)


class _Recording:
    """A compiled regex that records each text it is asked to search."""

    def __init__(self, regex: re.Pattern[str], searched: list[str]) -> None:
        self.regex = regex
        self.searched = searched

    def search(self, text: str, *args: int) -> re.Match[str] | None:
        self.searched.append(text)
        return self.regex.search(text, *args)

    def __getattr__(self, name: str) -> object:
        return getattr(self.regex, name)


def _nested_models() -> str:
    """A `models.py` of 64 KiB: a chain of classes each indented one deeper (each body runs
    to the file's flat classes below), then flat classes."""
    text = "".join(" " * depth + f"class C{depth}:\n" for depth in range(300))
    while len(text) < 64 * 1024:
        text += "class D:\n    api_secret = db.Column(db.String(64))\n"
    return text


def test_a_dump_of_many_tables_reads_each_entity_file_once() -> None:
    # A SQL row of a table its file does not create asks the project for the table's
    # entity: every one of the project's paths was matched against the table's names,
    # up to three files read again (a git process each under `scan --staged` and
    # `sweep`) and each class body searched for the table's name, per table. A 100 KB
    # dump of 600 one-row tables beside the crafted `models.py` cost 283 s of CPU (a
    # 2 MiB dump, hours). Now the paths are indexed once, each file read and parsed once
    # for every table, and a table is a few lookups.
    models = _nested_models()
    paths = ["app/models.py"] + [f"src/mod{index}.py" for index in range(20_000)]
    reads: list[str] = []

    def read(path: str) -> str | None:
        reads.append(path)
        return models if path == "app/models.py" else ""

    project = ProjectContext(read=read, paths=lambda: paths)
    with within(3):
        for index in range(40):
            assert project.entity_columns(f"t{index}") is None
    assert reads == ["app/models.py"]


def test_entity_answers_stay_what_they_were_for_tables_a_file_names() -> None:
    # Control: the class for a table by its name, by its `__tablename__` inside a nested
    # class, and no class at all, in the crafted file and a plain one.
    models = _nested_models() + (
        "class Outer:\n    class Meta:\n        db_table = 'user_keys'\n"
        "    secret = Column(String(64))\n    key = Column(String(64))\n"
        "class UserKey:\n    key = Column(String(64))\n"
    )
    assert entity_of("app/models.py", models, "user_keys") == ()  # past 64 KiB: not read
    small = models[-300:]
    small = small[small.index("class Outer") :]
    assert entity_of("app/models.py", small, "user_keys") == ("secret", "key")
    assert entity_of("app/models.py", small, "userkey") == ("key",)
    assert entity_of("app/models.py", small, "orders") == ()


def test_a_file_saying_binance_on_its_first_line_is_not_read_whole_for_lists(
    asked: list[int],
) -> None:
    # Whether a file says Binance beyond lists of exchanges found every other exchange in
    # the whole text first, for every file that says Binance: the sweep asks it of every
    # file each commit touches, and it cost freqtrade's sweep 3.8 s of CPU (25.2 s before
    # detection round 6, 29.0 s after). Now the first lines naming Binance are looked at
    # alone; the whole text is read once only past LINES_ASKED_ALONE of them.
    body = "kraken okx gate\n" * 10_000
    assert other_services.says_binance_beyond_lists("import binance\n" + body)
    assert sum(asked) < 100
    # Control: lists of exchanges are still lists, however many lines hold them.
    asked.clear()
    listed = "binance, kraken, okx\n" * 100
    assert not other_services.says_binance_beyond_lists(listed + body)
    assert sum(asked) <= len(listed + body) + 8 * len("binance, kraken, okx")
    assert other_services.says_binance_beyond_lists(listed + body + "binance\n")


class _Counted(tuple):  # type: ignore[type-arg]
    """A tuple that counts how often it is iterated."""

    iterations = 0

    def __iter__(self):  # type: ignore[no-untyped-def]
        type(self).iterations += 1
        return super().__iter__()


def test_a_line_naming_no_exchange_is_not_searched_word_by_word(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Every line holding a named value asks which exchanges it names, one str.find per
    # exchange word (about a hundred): most of the cost of a file of named values that
    # never says Binance (1.4 s of CPU per MB, "Known, not yet stopped"). Now one search
    # of all the words as a tree of letters answers first, and the words are looked up
    # one by one only in a line that names one.
    counted = _Counted(other_services._EXCHANGE_INSIDE)
    monkeypatch.setattr(other_services, "_EXCHANGE_INSIDE", counted)
    # Values of digits and letters no exchange's name holds, so no line names one.
    rng = random.Random(9)
    lines = [
        f"api_key_{index} = '{''.join(rng.choices('0123456789QZJ', k=64))}'"
        for index in range(200)
    ]
    for line in lines:
        assert other_services.other_exchange_starts(line) == []
        assert other_services.other_exchange_end(line) is None
    assert _Counted.iterations == 0
    # Control: a line naming one is answered as before.
    assert other_services.other_exchange_starts("KRAKEN_API_KEY = okx") == [0, 17]
    assert other_services.other_exchange_end("x = kraken") == 10


def test_sql_rows_with_no_insert_above_ask_no_header_regex(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # `values ('u1', 'K', 'S', null);` lines (round 7's VALUES opening a row's own line)
    # searched the lines above for their `INSERT INTO t (cols)` with a case-insensitive
    # regex six times per value, joining more lines each time: 1.9 s of CPU per MB of such
    # rows with no INSERT anywhere. Now a window without the word INSERT is not searched.
    searched: list[str] = []

    monkeypatch.setattr(
        name_rules,
        "_SQL_COLUMNS_ONLY_ABOVE",
        _Recording(name_rules._SQL_COLUMNS_ONLY_ABOVE, searched),
    )
    rows = "".join(f"values ('u1', '{random_key()}', '{random_key()}', null);\n" for _ in range(50))
    assert scan_text("seed.sql", "-- binance\n" + rows) == []
    assert searched == []
    # Control: below its INSERT's column list, the row's values are named by the columns.
    key, secret = random_key(), random_key()
    text = (
        "-- binance\ninsert into user (id, exchange_api_key, exchange_api_secret)\n"
        f"values ('u1', '{key}', '{secret}');\n"
    )
    assert {(f.type, f.value) for f in scan_text("seed.sql", text)} == {
        (API_KEY, key), (SECRET_KEY, secret),
    }
    assert searched


def test_a_value_repeated_along_a_line_is_judged_once(monkeypatch: pytest.MonkeyPatch) -> None:
    # `"api_key": "K", ` over a 2 MiB line (one value, so one finding and no stop at the
    # findings cap) judged K's shape (entropy, runs, placeholders) at each of its 27,000
    # repetitions: part of 2.6 s of CPU ("Known, not yet stopped"). Now it is judged once.
    judged = record_calls(monkeypatch, reject, "is_sequential")
    reject.rejection_reason.cache_clear()
    key = random_key()
    findings = scan_text("config.py", "# binance\n" + f'"api_key": "{key}", ' * 500 + "\n")
    assert [finding.value for finding in findings] == [key]
    assert judged.count(key) <= 2


def test_a_one_line_index_listing_exchanges_stops_at_its_first_mentions(asked: list[int]) -> None:
    # freqtrade's docs search index is one line of 1 MB naming Binance beside other
    # exchanges, committed in many versions: each version the sweep read found every
    # mention of every other exchange in the line (80 ms each, 3.3 s of the sweep's CPU)
    # to learn whether there were two. Now the count stops at two.
    index = '{"docs":[' + '{"text":"Binance, Kraken and OKX are supported"},' * 20_000 + "]}"
    assert not other_services.says_binance_beyond_lists(index)
    assert asked == []
    # Control: a line naming one other exchange beside Binance is no list.
    assert other_services.says_binance_beyond_lists('{"text":"Binance or Kraken"}')
    assert not other_services.names_at_least("kraken", 2)
    assert other_services.names_at_least("kraken okx", 2)


def test_each_line_around_named_values_is_searched_for_binance_about_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Each value asks whether the lines around it say Binance, and each line is around
    # many values: a file of named values that never says Binance searched every line some
    # 25 times (a fifth of its 1.4 s of CPU per MB, "Known, not yet stopped"). Now a
    # short line's answer is cached.
    searched: list[str] = []

    monkeypatch.setattr(classify, "BINANCE_WORD", _Recording(classify.BINANCE_WORD, searched))
    classify._short_says_binance.cache_clear()  # answers of earlier tests' lines
    lines = [f"api_key_{index} = '{random_key()}'" for index in range(300)]
    assert scan_text("settings.py", "\n".join(lines) + "\n") == []
    # each value's name, its line and a few more; not its 27 neighbours each time
    assert len(searched) <= 4 * len(lines)
