"""Pairing is a search: names first, then the enclosing object, then distance; bounded cost."""

from __future__ import annotations

import json
import resource
import time

import pytest

from binance_secrets.plugins.detection import engine
from binance_secrets.plugins.detection.engine import scan_text
from binance_secrets.plugins.detection.findings import API_KEY, Finding
from binance_secrets.plugins.detection.pairing import name_stem, pair_findings
from tests.fake_values import random_key


def pairs_of(path: str, text: str) -> dict[str, str]:
    """value of each API key found -> value of the secret it was paired with."""
    found = scan_text(path, text)
    by_fp = {f.fingerprint: f.value for f in found}
    return {f.value: by_fp.get(f.pair or "", "") for f in found if f.type == API_KEY}


@pytest.mark.parametrize(
    ("name", "stem"),
    [
        ("MAIN_API_KEY", ("main",)),
        ("MAIN_API_SECRET", ("main",)),
        ("key_1", ("1",)),
        ("secret_1", ("1",)),
        ("binanceApiKey", ()),
        ("api_secret", ()),
        ("apikey", ()),
        ("subAccountSecretKey", ("sub", "account")),
        (None, ()),
    ],
)
def test_name_stem(name: str | None, stem: tuple[str, ...]) -> None:
    assert name_stem(name) == stem


def test_interleaved_names_pair_by_stem() -> None:
    k1, k2, s1, s2 = (random_key() for _ in range(4))
    text = f"MAIN_API_KEY={k1}\nSUB_API_KEY={k2}\nMAIN_API_SECRET={s1}\nSUB_API_SECRET={s2}\n"
    assert pairs_of("binance.env", text) == {k1: s1, k2: s2}


def test_numbered_names_pair_by_stem_at_any_distance() -> None:
    k1, k2, s1, s2 = (random_key() for _ in range(4))
    filler = "\n".join(f"# note {n}" for n in range(40))
    text = f"key_1 = '{k1}'\nkey_2 = '{k2}'\n{filler}\nsecret_2 = '{s2}'\nsecret_1 = '{s1}'\n"
    assert pairs_of("binance_keys.py", text) == {k1: s1, k2: s2}


def test_siblings_in_one_minified_json_object() -> None:
    """On one line, secret-first objects: the nearest secret is the next object's."""
    accounts = [(random_key(), random_key()) for _ in range(3)]
    data = {"binance": [{"secret": s, "apiKey": k} for k, s in accounts]}
    assert pairs_of("accounts.json", json.dumps(data)) == dict(accounts)


def test_siblings_in_compact_multiline_json() -> None:
    (k1, s1), (k2, s2) = (random_key(), random_key()), (random_key(), random_key())
    text = (
        '{"exchange": "binance", "accounts": [\n'
        f'  {{"secret": "{s1}",\n   "key": "{k1}"}},\n'
        f'  {{"secret": "{s2}",\n   "key": "{k2}"}}\n'
        "]}\n"
    )
    assert pairs_of("bots.json", text) == {k1: s1, k2: s2}


def test_siblings_in_yaml_mappings() -> None:
    (k1, s1), (k2, s2) = (random_key(), random_key()), (random_key(), random_key())
    text = (
        "binance:\n"
        f"  spot:\n    secret: {s1}\n"
        f"  futures:\n    key: {k2}\n    secret: {s2}\n"
        f"  margin:\n    key: {k1}\n"
    )
    # k1's nearest secret is s2 (3 lines up), but s2 is its sibling k2's; s1 is the only
    # secret left. k2 and s2 share a mapping.
    assert pairs_of("exchanges.yaml", text) == {k1: s1, k2: s2}


def test_ini_sections_keep_their_own_secret() -> None:
    (k1, s1), (k2, s2) = (random_key(), random_key()), (random_key(), random_key())
    text = (
        f"[binance_main]\nsecret = {s1}\n"
        f"[binance_sub]\nkey = {k2}\nsecret = {s2}\n"
        f"[binance_main2]\nkey = {k1}\n"
    )
    assert pairs_of("bot.ini", text) == {k1: s1, k2: s2}


def test_different_stems_pair_only_when_nothing_better() -> None:
    k, wrong, right = random_key(), random_key(), random_key()
    text = f"TESTNET_API_KEY={k}\nLIVE_API_SECRET={wrong}\nTESTNET_API_SECRET={right}\n"
    assert pairs_of("binance.env", text) == {k: right}


def _many_pairs(count: int) -> tuple[str, dict[str, str]]:
    lines, expected = [], {}
    for n in range(count):
        key, secret = random_key(), random_key()
        expected[key] = secret
        lines.append(f"BOT{n}_BINANCE_API_KEY={key}")
        lines.append(f"BOT{n}_BINANCE_API_SECRET={secret}")
    return "\n".join(lines) + "\n", expected


def test_pairing_cost_is_bounded_for_7000_pairs() -> None:
    """A 1.1 MB .env with 7,000 pairs once built 49 million candidate pairs (MemoryError
    at 3 GB). Generous bounds: pairing alone well under 10 s and 200 MB more RSS."""
    count = 7000
    findings: list[Finding] = []
    for n in range(count):
        key, secret = random_key(), random_key()
        findings.append(Finding(API_KEY, "x.env", 2 * n + 1, key, name=f"BOT{n}_API_KEY"))
        findings.append(
            Finding("Binance Secret Key", "x.env", 2 * n + 2, secret, name=f"BOT{n}_API_SECRET")
        )
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # CPU time of this process: other processes competing for the cores do not count.
    started = time.process_time()
    paired = pair_findings(findings)
    elapsed = time.process_time() - started
    grown_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    assert elapsed < 10, elapsed
    assert grown_kb < 200_000, grown_kb
    for key, secret in zip(paired[::2], paired[1::2]):
        assert key.pair == secret.fingerprint and secret.pair == key.fingerprint


def test_scan_of_a_1_mb_env_with_7000_pairs_pairs_every_key_with_its_own(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A scan stops at MAX_FINDINGS_PER_FILE (1000); lifted here to pair all 14,000 findings.
    monkeypatch.setattr(engine, "MAX_FINDINGS_PER_FILE", 20_000)
    text, expected = _many_pairs(7000)
    assert len(text) > 1_000_000
    paired = pairs_of("binance.env", text)
    # A random value is now and then rejected as too regular; every other key is found,
    # and each key whose secret was found is paired with exactly that secret.
    assert len(paired) > 6900
    found_secrets = {s for s in paired.values() if s}
    for key, secret in paired.items():
        assert secret == expected[key] or expected[key] not in found_secrets


def test_a_file_of_brackets_costs_little() -> None:
    """The scope pass is bounded (brackets looked at, depth remembered): 2 MB of unclosed
    brackets took 1.8 s and a 200 MB stack before the bounds."""
    lines = [(n, "{[(" * 300) for n in range(1, 2301)]
    findings = [
        Finding(API_KEY, "x.json", 1, random_key(), column=5),
        Finding("Binance Secret Key", "x.json", 2, random_key()),
        Finding(API_KEY, "x.json", 2000, random_key()),
        Finding("Binance Secret Key", "x.json", 2001, random_key()),
    ]
    started = time.process_time()
    paired = pair_findings(findings, lines)
    assert time.process_time() - started < 2
    assert paired[0].pair == findings[1].fingerprint and paired[2].pair == findings[3].fingerprint
