"""The real-repository evaluation corpus (tests/benchmarks/eval_real) cannot silently rot.

Not a test of scores (those are a benchmark, score.py): the generator writes the same bytes
for a seed and fresh values for another, every manifest label is a placeholder of its
template and every placeholder a label, each rendered label points at its value, and the
split by repository is the one recorded.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import re
import shutil
from pathlib import Path

import pytest

from tests.benchmarks.eval_real import generate

TOKEN = re.compile(r"[A-Za-z0-9]{64}")


@pytest.fixture(scope="module")
def rendered() -> dict[str, tuple[dict[str, str], dict]]:
    return {part: generate.render_part(part, 11) for part in generate.PARTS}


def test_generator_is_deterministic_for_a_seed(rendered) -> None:
    for part in generate.PARTS:
        assert generate.render_part(part, 11) == rendered[part]


def test_another_seed_gives_fresh_values(rendered) -> None:
    for part in generate.PARTS:
        files, truth = generate.render_part(part, 12)
        old = {e["fingerprint"] for e in rendered[part][1]["expected"]}
        assert old.isdisjoint(e["fingerprint"] for e in truth["expected"])
        assert files.keys() == rendered[part][0].keys()


@pytest.mark.parametrize("part", generate.PARTS)
def test_manifest_labels_match_the_templates(part: str) -> None:
    assert generate.check(part) == []


def test_a_changed_template_is_caught(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    copy = tmp_path / "eval_real"
    shutil.copytree(generate.HERE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(generate, "HERE", copy)
    template = copy / "tune" / "zenbot" / "conf.js.tmpl"
    template.write_text("// a line added above\n" + template.read_text())
    assert generate.check("tune") == [
        "tune/zenbot/conf.js: manifest labels differ from the template's"
    ]


@pytest.mark.parametrize("part", generate.PARTS)
def test_each_label_points_at_its_value(part: str, rendered) -> None:
    files, truth = rendered[part]
    assert truth["expected"], "a part without planted credentials"
    for item in truth["expected"]:
        line = files[item["path"]].split("\n")[item["line"] - 1]
        if item["type"] == "Binance Private Key":
            assert "-----BEGIN PRIVATE KEY-----" in line, item  # alone, or quoted in a .env
            continue
        tokens = TOKEN.findall(line)
        if item["encoding"] == "base64":
            tokens = [_decoded(t) for t in re.findall(r"[A-Za-z0-9+/]{80,}={0,2}", line)]
        values = {"sha256:" + hashlib.sha256(t.encode()).hexdigest() for t in tokens}
        assert item["fingerprint"] in values, item
    for item in truth["negatives"]:
        assert item["path"] in files and item["line"] <= files[item["path"]].count("\n") + 1


def _decoded(text: str) -> str:
    try:
        return base64.b64decode(text, validate=True).decode()
    except (binascii.Error, UnicodeDecodeError):
        return ""


def test_split_is_by_repository_and_recorded() -> None:
    projects = {part: generate.load_manifest(part)["projects"] for part in generate.SPLIT_PARTS}
    repos = [p["repo"] for part in generate.SPLIT_PARTS for p in projects[part]]
    assert len(repos) == len(set(repos)) >= 10
    split = generate.split_of(sorted(repos))
    for part in generate.SPLIT_PARTS:
        assert {split[p["repo"]] for p in projects[part]} == {part}
    first = [r for r in repos if r in generate.FIRST_SPLIT]
    assert sorted(first) == sorted(generate.FIRST_SPLIT)
    assert sum(split[r] == "heldout" for r in first) == round(len(first) / 3)
    for part in ("heldout", *generate.HAND_PICKED):
        manifest = json.loads((generate.HERE / part / "manifest.json").read_text())
        assert next(iter(manifest)) == "warning" and "never" in manifest["warning"]


# Projects the first evaluation rounds were built from (issue 19): the second held-out set
# must not reuse them, or it would judge shapes detection was already tuned on.
EARLIER_SOURCES = (
    "sammchardy/python-binance",
    "ccxt/ccxt",
    "freqtrade/freqtrade",
    "hummingbot/hummingbot",
    "tiagosiebler/binance",
    "jesse-ai/jesse",
    "jaggedsoft/node-binance-api",
    "adshao/go-binance",
    "wisespace-io/binance-rs",
    "JKorf/Binance.Net",
)


def test_second_held_out_set_is_new_repositories() -> None:
    repos = [p["repo"] for p in generate.load_manifest("heldout2")["projects"]]
    assert len(repos) == len(set(repos)) >= 12
    others = {
        p["repo"] for part in generate.SPLIT_PARTS for p in generate.load_manifest(part)["projects"]
    }
    assert others.isdisjoint(repos)
    for repo in repos:
        assert repo not in EARLIER_SOURCES
        assert not repo.startswith("binance/binance-connector-"), repo


def test_third_held_out_set_is_new_repositories_from_its_own_pool() -> None:
    repos = [p["repo"] for p in generate.load_manifest("heldout3")["projects"]]
    assert len(repos) == len(set(repos)) >= 15
    others = {
        p["repo"]
        for part in generate.PARTS
        if part != "heldout3"
        for p in generate.load_manifest(part)["projects"]
    }
    assert others.isdisjoint(repos)
    for repo in repos:
        assert repo not in EARLIER_SOURCES
        assert not repo.startswith("binance/"), repo
        assert hashlib.sha1(repo.lower().encode()).hexdigest()[0] in "01234567", repo
    assert generate.HELDOUT3_PREFIXES == "01234567"  # tune/ may only add 8-f


LATER_HELD_OUT = (
    "heldout4", "heldout5", "heldout6", "heldout7", "heldout8", "heldout9", "heldout10",
    "heldout11", "heldout12",
)  # fmt: skip


@pytest.mark.parametrize("part", LATER_HELD_OUT)
def test_later_held_out_sets_are_new_repositories_from_the_same_pool(part: str) -> None:
    repos = [p["repo"] for p in generate.load_manifest(part)["projects"]]
    assert len(repos) == len(set(repos)) >= 20
    others = {
        p["repo"]
        for other in generate.PARTS
        if other != part
        for p in generate.load_manifest(other)["projects"]
    }
    assert others.isdisjoint(repos)
    named = (generate.HERE.parents[2] / "docs" / "detection.md").read_text().lower()
    for repo in repos:
        assert repo not in EARLIER_SOURCES
        assert not repo.startswith("binance/"), repo
        assert repo.lower() not in named, f"{repo} is named in docs/detection.md"
        assert generate.repo_hash_prefix(repo) in generate.HELDOUT3_PREFIXES, repo
    assert part in generate.POOLED and part in generate.HAND_PICKED


def test_escaped_pem_renders_on_one_line_and_labels_the_pem() -> None:
    """``{{PN:...}}`` writes the PEM with backslash-n escapes (a .env value); the label is
    the PEM itself, the value a scanner reports once it unescapes the line."""
    files, truth = generate.render_part("heldout4", 11)
    escaped = [e for e in truth["expected"] if e["encoding"] == "escaped"]
    assert escaped, "heldout4 plants PEMs written on one line"
    for item in escaped:
        line = files[item["path"]].split("\n")[item["line"] - 1]
        begin = line.index("-----BEGIN PRIVATE KEY-----")
        end = line.index("-----END PRIVATE KEY-----") + len("-----END PRIVATE KEY-----")
        value = line[begin:end].replace("\\n", "\n")
        assert "\n" in value and value.count("-----") == 4, item
        assert item["fingerprint"] == "sha256:" + hashlib.sha256(value.encode()).hexdigest()


def test_negative_kinds_render_their_shapes() -> None:
    """``NP:ec`` is an ``EC PRIVATE KEY`` (what ``openssl ecparam -genkey`` writes) and ``NB``
    is base64 of that many random bytes, URL-safe with ``u``."""
    import random

    ec_key = generate.pem(random.Random(1), "ec")
    assert ec_key.startswith("-----BEGIN EC PRIVATE KEY-----"), ec_key[:40]
    rng, slots = random.Random(2), {}
    fernet = generate._value(generate.Placeholder("NB", ("32u", "a Fernet key")), rng, slots)
    assert len(base64.urlsafe_b64decode(fernet)) == 32 and "+" not in fernet
    jwt_secret = generate._value(generate.Placeholder("NB", ("64", "a JWT secret")), rng, slots)
    assert len(base64.b64decode(jwt_secret, validate=True)) == 64


def test_a_heldout3_repository_from_the_tune_pool_is_caught(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = tmp_path / "eval_real"
    shutil.copytree(generate.HERE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(generate, "HERE", copy)
    manifest = generate.load_manifest("heldout3")
    manifest["projects"][0]["repo"] = "example/other-pool-b"  # sha1 starts with d
    assert generate.repo_hash_prefix("example/other-pool-b") not in generate.HELDOUT3_PREFIXES
    (copy / "heldout3" / "manifest.json").write_text(json.dumps(manifest))
    problems = generate.check("heldout3")
    assert len(problems) == 1 and "not one of 01234567" in problems[0], problems


def test_a_repository_in_two_parts_is_caught(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = tmp_path / "eval_real"
    shutil.copytree(generate.HERE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(generate, "HERE", copy)
    manifest = generate.load_manifest("heldout2")
    manifest["projects"][0]["repo"] = generate.load_manifest("tune")["projects"][0]["repo"]
    (copy / "heldout2" / "manifest.json").write_text(json.dumps(manifest))
    problems = generate.check("heldout2")
    assert len(problems) == 1 and problems[0].endswith("is also in tune"), problems


def test_hex_placeholders_render_64_hex_digits(rendered) -> None:
    files, truth = rendered["heldout2"]
    hexed = [e for e in truth["expected"] if e["encoding"] == "hex"]
    assert hexed, "heldout2 plants values written as 64 hex digits"
    for item in hexed:
        line = files[item["path"]].split("\n")[item["line"] - 1]
        values = re.findall(r"(?<![0-9a-f])[0-9a-f]{64}(?![0-9a-f])", line)
        fingerprints = {"sha256:" + hashlib.sha256(v.encode()).hexdigest() for v in values}
        assert item["fingerprint"] in fingerprints, item
