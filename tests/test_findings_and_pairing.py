"""Redaction, fingerprints and the pairing rules, on Finding objects directly."""

from __future__ import annotations

import json
import os
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from binance_secrets.hooks.commands.cli import cli
from binance_secrets.plugins.detection.findings import (
    API_KEY,
    PRIVATE_KEY,
    SECRET_KEY,
    Finding,
    redact,
)
from binance_secrets.plugins.detection.pairing import PAIR_WINDOW, pair_findings
from tests.fake_values import ALPHABET, random_key


def finding(kind: str, line: int, value: str | None = None) -> Finding:
    return Finding(kind, "f.env", line, value or random_key())


def test_redact_keeps_four_and_four_and_pem_header_only() -> None:
    assert redact("A" * 30 + "B" * 30 + "wxyz") == "AAAA...wxyz"
    pem = "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEI\n-----END PRIVATE KEY-----"
    assert redact(pem) == f"-----BEGIN PRIVATE KEY----- ...({len(pem)} chars)"
    assert "MC4C" not in redact(pem)
    assert redact("short") == "*****"


def test_finding_repr_hides_value() -> None:
    value = random_key()
    assert value not in repr(finding(API_KEY, 1, value))


def test_nearest_secret_wins_and_pairing_is_one_to_one() -> None:
    k1, s1, k2, s2 = (
        finding(API_KEY, 1),
        finding(SECRET_KEY, 2),
        finding(API_KEY, 10),
        finding(SECRET_KEY, 11),
    )
    paired = pair_findings([k1, s1, k2, s2])
    expected = [s1.fingerprint, k1.fingerprint, s2.fingerprint, k2.fingerprint]
    assert [f.pair for f in paired] == expected


def test_secret_after_key_preferred_on_equal_distance() -> None:
    before, key, after = finding(SECRET_KEY, 4), finding(API_KEY, 5), finding(SECRET_KEY, 6)
    paired = pair_findings([before, key, after])
    assert paired[1].pair == after.fingerprint
    assert paired[0].pair is None


def test_private_key_pairs_like_a_secret() -> None:
    key, pem = finding(API_KEY, 1), finding(PRIVATE_KEY, 2, "-----BEGIN PRIVATE KEY-----\nx")
    assert pair_findings([key, pem])[0].pair == pem.fingerprint


def test_far_apart_halves_pair_only_when_they_are_the_only_ones() -> None:
    far = PAIR_WINDOW + 20
    key, secret = finding(API_KEY, 1), finding(SECRET_KEY, far)
    assert pair_findings([key, secret])[0].pair == secret.fingerprint
    other = finding(API_KEY, far + 40)
    paired = pair_findings([key, secret, other])
    assert [f.pair for f in paired] == [None, None, None]


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    key=st.text(ALPHABET, min_size=64, max_size=64),
    secret=st.text(ALPHABET, min_size=64, max_size=64),
    style=st.sampled_from(
        [
            "BINANCE_API_KEY={k}\nBINANCE_API_SECRET={s}\n",
            'import binance\nclient = Client("{k}", "{s}")\n',
            '{{"exchange": {{"name": "binance", "key": "{k}", "secret": "{s}"}}}}\n',
        ]
    ),
    fmt=st.sampled_from(["text", "json", "sarif"]),
)
def test_no_report_format_contains_a_full_value(
    tmp_path_factory, key: str, secret: str, style: str, fmt: str
) -> None:
    root: Path = tmp_path_factory.mktemp("leak")
    (root / "cfg.txt").write_text(style.format(k=key, s=secret))
    old = os.getcwd()
    os.chdir(root)
    try:
        result = CliRunner().invoke(cli, ["scan", "--all-files", "--format", fmt, "."])
    finally:
        os.chdir(old)
    assert result.exit_code in (0, 1)
    combined = result.stdout + result.stderr
    assert key not in combined and secret not in combined
    if fmt != "text":
        json.loads(result.stdout)


def test_pem_header_without_a_key_body_is_not_a_private_key() -> None:
    """Strings in code that only look like PEM (templates, parser tests) are not keys; a
    real Ed25519 key next to the same Binance context is."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ed25519

    from binance_secrets.plugins.detection.engine import scan_text

    template = (
        "# binance signing tests\n"
        'HEADER = "-----BEGIN PRIVATE KEY-----"\n'
        'pem = f"-----BEGIN PRIVATE KEY-----\\n{body}\\n-----END PRIVATE KEY-----"\n'
    )
    assert scan_text("test_signing.py", template) == []
    real = (
        ed25519.Ed25519PrivateKey.generate()
        .private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        .decode()
    )
    (found,) = scan_text("binance_key.pem", real)
    assert (found.type, found.line, found.value) == (PRIVATE_KEY, 1, real.strip())
