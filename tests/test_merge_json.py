"""`merge` reads and writes JSON with orjson only where the answer is the standard library's.

hooks/scanning/merge_json.py: a report orjson reads is used only when that reading is
provably ``json.loads``'s, and a line orjson writes only when it is what ``json.dumps``
writes. Here both are held to the standard library: every ASCII character, random values,
and the texts the two read differently (NaN, huge integers, lone surrogates, deep nesting,
duplicate keys, floats), wherever in a report they sit: in a field the merge copies, in
one it drops, at the top level. Also the size a merge reads of one report, at its edge.
"""

from __future__ import annotations

import json
import os
import secrets
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from binance_secrets.hooks.reports.sanitize import redact_strings
from binance_secrets.hooks.scanning import merge, merge_json
from tests.cli_process import assert_one_line_error, run_cli
from tests.fake_values import random_key


def finding(number: int = 0, **fields: Any) -> dict[str, Any]:
    item = {
        "type": "Binance API Key",
        "path": f"config/settings_{number}.env",
        "line": 1 + number,
        "redacted": "AbCd...WxYz",
        "fingerprint": "sha256:" + secrets.token_hex(32),
        "pair": "sha256:" + secrets.token_hex(32),
        "example": False,
        "commit": secrets.token_hex(20),
        "subject": "add the settings",
        "lives_in": {"branches": ["main"], "tags": []},
    }
    item.update(fields)
    return item


def report_text(findings: str, top: str = "") -> str:
    """A sweep report as text, ``findings`` its findings array's text."""
    return (
        '{"version": 1, "root": "/srv/repos/bot", "repository": "/srv/repos/bot", '
        f'"commits_swept": 3, {top}"findings": {findings}, "skipped": []}}'
    )


def both_readings(path: Path) -> tuple[merge.Prepared, merge.Prepared]:
    """The report prepared as `merge` does (orjson first) and from ``json.loads``."""
    quick = merge.prepare_file(str(path), redact_strings, False)
    try:
        data = json.loads(path.read_bytes().decode("utf-8"))
    except (ValueError, RecursionError):
        return quick, merge.Prepared(
            f"report {path}", error=f"report {path} is not JSON; {merge.HINT}"
        )
    return quick, merge.prepare(data, f"report {path}", redact_strings, False)


# Texts orjson reads differently from json.loads, or refuses where json.loads does not.
ODD_VALUES = [
    "NaN",
    "Infinity",
    "-Infinity",
    "1e400",
    "1e-400",
    "1.5",
    "1e-05",
    "1E+16",
    "-0.0",
    "9223372036854775807",
    "18446744073709551615",
    "18446744073709551616",
    "-9223372036854775809",
    "123456789012345678901234567890",
    '"\\ud800"',
    '"a\\udc80b"',
    '"\\udbff\\udfff"',
    '"\\u007f"',
    '"\\u00e9 \\u2028 \\ud83d\\udd11"',
    '"\u00e9"',
    '{"a": 1, "a": [2]}',
    "[" * 200 + "]" * 200,
    "[" * 300 + "]" * 300,
    "[" * 1000 + "]" * 1000,
    "[" * 1025 + "]" * 1025,
    "[" * 5000 + "]" * 5000,
]
PLACES = {
    # copied as it is
    "lives_in": lambda value: report_text(
        "[" + json.dumps(finding())[:-1] + f', "timeline": {{"x": {value}}}}}]'
    ),
    # a finding's field the merge drops
    "dropped field": lambda value: report_text(
        "[" + json.dumps(finding())[:-1] + f', "unknown": {value}}}]'
    ),
    # a top-level field the merge drops
    "top level": lambda value: report_text(json.dumps([finding()]), f'"scope": {value}, '),
    # a field the merge checks (refused whatever the value)
    "line": lambda value: report_text("[" + json.dumps(finding())[:-1] + f', "line": {value}}}]'),
    # a skipped entry's extra field
    "skipped": lambda value: report_text(json.dumps([finding()])).replace(
        '"skipped": []', f'"skipped": [{{"path": "a", "reason": "b", "x": {value}}}]'
    ),
}


@pytest.mark.parametrize("place", sorted(PLACES))
@pytest.mark.parametrize("value", ODD_VALUES, ids=lambda value: value[:24])
def test_a_report_reads_as_json_loads_reads_it(tmp_path: Path, place: str, value: str) -> None:
    path = tmp_path / "report.json"
    path.write_text(PLACES[place](value), encoding="utf-8")
    quick, exact = both_readings(path)
    assert quick == exact


def test_an_ordinary_report_is_read_by_orjson_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Sweep findings as sweep writes them (non-ASCII text too): json.loads is not asked."""
    path = tmp_path / "report.json"
    items = [finding(n, subject=f"bot {n}: r\u00e9glages \x7f") for n in range(50)]
    path.write_text(report_text(json.dumps(items, indent=2)))
    expected = merge.prepare(json.loads(path.read_text()), f"report {path}", redact_strings, False)

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("json.loads was asked")

    monkeypatch.setattr(merge.json, "loads", refuse)
    assert merge.prepare_file(str(path), redact_strings, False) == expected


@pytest.mark.parametrize("code", range(0x80))
def test_every_ascii_character_is_written_as_json_dumps_writes_it(code: int) -> None:
    value = {"s": f"a{chr(code)}b", "t": [chr(code)], chr(code): code}
    (line,) = merge_json.lines([value])
    assert line == json.dumps(value, separators=(",", ":")).encode()


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**63), 2**64 - 1) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.dictionaries(st.text(), JSON_VALUES, max_size=5), max_size=5))
def test_random_values_are_written_as_json_dumps_writes_them(values: list[dict[str, Any]]) -> None:
    """Values orjson may read (no float): its lines are the standard library's, or None
    (a lone surrogate, which only json.loads reads, is not orjson's to write)."""
    written = merge_json.lines(values)
    if any("\ud800" <= ch <= "\udfff" for ch in json.dumps(values, ensure_ascii=False)):
        return
    assert written == [json.dumps(v, separators=(",", ":")).encode() for v in values]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.floats(allow_nan=False, allow_infinity=False) | st.integers(-(2**63), 2**64 - 1),
        min_size=1,
    )
)
def test_a_float_anywhere_in_copied_values_is_seen(numbers: list[float | int]) -> None:
    """Numbers as orjson reads them: floats, and integers of at most 64 bits."""
    holds_float = any(isinstance(n, float) for n in numbers)
    assert merge_json.float_free([{"a": {"b": numbers}}]) is not holds_float


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(["plain", "key", "digest-in-subject", "digest-and-more", "pem"]),
        min_size=1,
        max_size=12,
    )
)
def test_the_joint_key_shape_check_says_yes_when_any_line_would(kinds: list[str]) -> None:
    digest = "sha256:" + secrets.token_hex(32)
    subjects = {
        "plain": "add the settings",
        "key": f"add {random_key()}",
        "digest-in-subject": f"pin {digest}",
        "digest-and-more": f"pin {digest}{secrets.token_hex(4)}",
        "pem": "-----BEGIN PRIVATE KEY-----",
    }
    findings = [finding(n, subject=subjects[kind]) for n, kind in enumerate(kinds)]
    findings[0]["pair"] = None
    lines = [json.dumps(f, separators=(",", ":")).encode() for f in findings]
    if any(map(merge._key_shaped, lines)):
        assert merge._any_key_shaped(b"\n".join([*lines, b""]), findings)
    if all(kind == "plain" for kind in kinds):
        assert not merge._any_key_shaped(b"\n".join([*lines, b""]), findings)


def test_a_merge_reads_reports_up_to_64_mib(tmp_path: Path) -> None:
    """The last size read (64 MiB, padded with spaces) and the first refused, by name,
    with the limit and what to do."""
    assert merge.MAX_INPUT_BYTES == 64 * 2**20
    text = report_text(json.dumps([finding()])).encode()
    largest = tmp_path / "largest.json"
    with largest.open("wb") as handle:
        handle.write(text)
        handle.write(b" " * (merge.MAX_INPUT_BYTES - len(text)))
    assert largest.stat().st_size == merge.MAX_INPUT_BYTES
    too_large = tmp_path / "too-large.json"
    too_large.write_bytes(text)
    os.truncate(too_large, merge.MAX_INPUT_BYTES + 1)
    out = tmp_path / "merged.json"
    done = run_cli("merge", "--format", "json", "-o", str(out), str(largest), cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    assert len(json.loads(out.read_text())["findings"]) == 1
    out.unlink()
    done = run_cli("merge", "-o", str(out), str(largest), str(too_large), cwd=tmp_path)
    assert_one_line_error(done, "too-large.json", "64 MiB", "67108864 bytes", "sweep its")
    assert not out.exists()


def test_a_report_on_standard_input_is_held_to_the_same_size(tmp_path: Path) -> None:
    text = report_text(json.dumps([finding()])).encode()
    done = run_cli(
        "merge",
        "-",
        cwd=tmp_path,
        input=(text + b" " * (merge.MAX_INPUT_BYTES + 1 - len(text))).decode(),
    )
    assert_one_line_error(done, "standard input", "64 MiB")
