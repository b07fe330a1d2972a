"""Binance's documentation examples: every table row is reported as an example and passes,
near-copies of them too, and nothing else is ever taken for one."""

from __future__ import annotations

import json
import re
import secrets
import string
import textwrap
from pathlib import Path

import pytest

from binance_secrets.plugins.detection import doc_examples, examples
from binance_secrets.plugins.detection.doc_examples import DOC_EXAMPLES, DocExample
from binance_secrets.plugins.detection.engine import scan_text
from binance_secrets.plugins.detection.examples import (
    MAX_EDITS,
    documentation_example,
    edits_at_best_shift,
    is_documentation_example,
)
from binance_secrets.plugins.detection.findings import API_KEY, PRIVATE_KEY, SECRET_KEY
from binance_secrets.plugins.detection.patterns import CANDIDATE
from binance_secrets.plugins.detection.reject import is_hex_digest
from tests.fake_values import random_der_body, random_key
from tests.test_scan_cli import run_scan

ALNUM = string.ascii_letters + string.digits
SOURCE = re.compile(
    r"^(?:[A-Za-z0-9-]+/[A-Za-z0-9._-]+:\S+|https://developers\.binance\.com/docs/\S+)$"
)
KEY_ROWS = [row for row in DOC_EXAMPLES if row.type != PRIVATE_KEY]


def _pem(body: str) -> str:
    lines = "\n".join(textwrap.wrap(body, 64))
    return f"-----BEGIN PRIVATE KEY-----\n{lines}\n-----END PRIVATE KEY-----"


def _sample_file(row: DocExample) -> str:
    """How a tutorial or bot config copies this value: named, in a Binance context (and a
    testnet one for lowercase-hex values, the only place such a value is reported)."""
    testnet = "BINANCE_TESTNET=true\n" if is_hex_digest(row.value) else ""
    if row.type == PRIVATE_KEY:
        return f"# binance ed25519 key\n{_pem(row.value)}\n"
    name = "BINANCE_API_SECRET" if row.type == SECRET_KEY else "BINANCE_API_KEY"
    return f"# binance\n{testnet}{name}={row.value}\n"


def _substituted(value: str, count: int) -> str:
    chars = list(value)
    for position in secrets.SystemRandom().sample(range(len(value)), count):
        chars[position] = secrets.choice(ALNUM.replace(chars[position], ""))
    return "".join(chars)


def test_table_rows_name_their_source_and_are_distinct() -> None:
    assert len(DOC_EXAMPLES) >= 15
    for row in DOC_EXAMPLES:
        assert SOURCE.match(row.source), row.source
        assert row.what.strip()
        assert row.type in (API_KEY, SECRET_KEY, PRIVATE_KEY)
        if row.type != PRIVATE_KEY:
            assert len(row.value) == 64 and row.value.isalnum(), row.source
    # A near-copy of a row is the rule's business, not another row.
    for index, row in enumerate(DOC_EXAMPLES):
        for other in DOC_EXAMPLES[index + 1 :]:
            assert edits_at_best_shift(row.value, other.value) > MAX_EDITS, (row, other)


def test_table_file_holds_nothing_key_shaped() -> None:
    """The scan of this repository (and the stop hook's) must not report its own table."""
    for module in (doc_examples, examples):
        text = Path(module.__file__).read_text()
        assert CANDIDATE.search(text) is None
        assert scan_text(module.__file__, text) == []


def test_every_table_example_is_reported_as_example_and_passes(tmp_path: Path) -> None:
    for index, row in enumerate(DOC_EXAMPLES):
        (tmp_path / f"example_{index}.env").write_text(_sample_file(row))
    code, out, _ = run_scan("--all-files", "--format", "json", ".", cwd=tmp_path)
    assert code == 0
    findings = json.loads(out)["findings"]
    found = {(f["path"], f["type"]) for f in findings}
    assert found == {(f"example_{i}.env", row.type) for i, row in enumerate(DOC_EXAMPLES)}
    assert all(f["example"] for f in findings)


def test_a_real_key_beside_the_examples_still_fails(tmp_path: Path) -> None:
    row = KEY_ROWS[0]
    (tmp_path / "a.env").write_text(_sample_file(row) + f"BINANCE_API_SECRET={random_key()}\n")
    code, out, _ = run_scan("--all-files", "--format", "json", ".", cwd=tmp_path)
    assert code == 1
    assert [f["example"] for f in json.loads(out)["findings"]] == [True, False]


@pytest.mark.parametrize("count", [1, 2, 5, MAX_EDITS])
def test_substituted_copies_are_examples(count: int) -> None:
    for row in KEY_ROWS:
        near = _substituted(row.value, count)
        assert documentation_example(near) == row, (row.source, count)


def test_shifted_copies_are_examples() -> None:
    """The margin docs' special-key list shows the special key shifted by one character."""
    for row in KEY_ROWS:
        value = row.value
        for near in ("z" + value[:-1], value[1:] + "z", value[2:] + "Q7", "a" + value):
            assert documentation_example(near) == row, row.source
        # A shift plus substitutions still counts, up to the same budget of edits.
        assert is_documentation_example(_substituted("z" + value[:-1], MAX_EDITS - 2))


def test_values_further_from_every_example_are_not_examples() -> None:
    for row in KEY_ROWS:
        far = _substituted(row.value, MAX_EDITS + 1)
        if all(edits_at_best_shift(far, other.value) > MAX_EDITS for other in DOC_EXAMPLES):
            assert not is_documentation_example(far)
        assert not is_documentation_example(row.value[:32] + random_key()[:32])
    for _ in range(2000):
        assert not is_documentation_example(random_key())


def test_near_copy_in_a_file_is_reported_as_example_and_passes(tmp_path: Path) -> None:
    row = next(r for r in KEY_ROWS if r.type == API_KEY)
    (tmp_path / "docs_dump.txt").write_text(
        f"Binance futures docs\napiKey\t{_substituted(row.value, 5)}\n"
    )
    code, out, _ = run_scan("--all-files", "--format", "json", ".", cwd=tmp_path)
    assert code == 0
    assert [f["example"] for f in json.loads(out)["findings"]] == [True]


def test_pem_example_matches_whatever_its_line_breaks() -> None:
    row = next(r for r in DOC_EXAMPLES if r.type == PRIVATE_KEY)
    assert is_documentation_example(_pem(row.value))
    one_line = f"-----BEGIN PRIVATE KEY-----\n{row.value}\n-----END PRIVATE KEY-----"
    assert is_documentation_example(one_line)


@pytest.mark.parametrize(
    "body",
    [
        "EXAMPLE" * 12,
        "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC" + "EXAMPLEKEYEXAMPLEKEY" * 3,
        "YourPrivateKeyHere" * 5,
        "A" * 80,
        "xxxxxxxxxxxxxxxx" * 6,
    ],
)
def test_placeholder_pem_is_not_a_key(body: str) -> None:
    text = f"# binance\nBINANCE_PRIVATE_KEY:\n{_pem(body)}\n"
    assert scan_text("config.yaml", text) == []


def test_random_pem_body_in_the_same_place_is_a_key() -> None:
    """The placeholder test above can fail: the same file with a random body is reported."""
    text = f"# binance\nBINANCE_PRIVATE_KEY:\n{_pem(random_der_body())}\n"
    assert [f.type for f in scan_text("config.yaml", text)] == [PRIVATE_KEY]


def _real_pem_body() -> str:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    return "".join(pem.strip().splitlines()[1:-1])


def test_a_real_key_is_found_and_the_same_key_cut_short_is_not() -> None:
    """Tutorials print a key 'like this, but longer': a body that is not one whole DER
    SEQUENCE cannot sign a request (pem.is_der_sequence)."""
    body = _real_pem_body()
    whole = f"# binance\nBINANCE_PRIVATE_KEY:\n{_pem(body)}\n"
    assert [f.type for f in scan_text("config.yaml", whole)] == [PRIVATE_KEY]
    cut = f"# binance\nBINANCE_PRIVATE_KEY:\n{_pem(body[:400])}\n"
    assert scan_text("config.yaml", cut) == []


def test_random_base64_that_is_not_der_is_not_a_key() -> None:
    body = "".join(secrets.choice(ALNUM + "+/") for _ in range(200))
    body = "N" + body[1:]  # decodes to a first byte of 0x34-0x37: never a SEQUENCE tag
    text = f"# binance\nBINANCE_PRIVATE_KEY:\n{_pem(body)}\n"
    assert scan_text("config.yaml", text) == []
