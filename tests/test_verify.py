"""The detect-secrets plugins' verify(): pairing from context, caching, never raising."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from detect_secrets.constants import VerifiedResult

from binance_secrets.plugins.detection.findings import API_KEY, PRIVATE_KEY, SECRET_KEY
from binance_secrets.plugins.livecheck import verification
from binance_secrets.plugins.livecheck.verification import verify_from_context
from tests.emulator.fixtures import (  # noqa: F401 - fixtures
    emulator_fixture,
    hmac_account,
    private_key_account,
)
from tests.emulator.server import Emulator
from tests.fake_values import random_key


@pytest.fixture
def verify_env(emulator: Emulator, monkeypatch: pytest.MonkeyPatch) -> Emulator:
    monkeypatch.setenv("BINANCE_SECRETS_ENDPOINT", emulator.url)
    monkeypatch.setenv("BINANCE_SECRETS_ALLOW_UNOFFICIAL_ENDPOINT", "1")
    verification.clear_cache()
    yield emulator
    verification.clear_cache()


def lines(api_key: str, secret: str) -> list[str]:
    return [
        "from binance.client import Client",
        f'API_KEY = "{api_key}"',
        f'API_SECRET = "{secret}"',
        "client = Client(API_KEY, API_SECRET)",
    ]


def test_active_pair_is_verified_true_and_cached(verify_env: Emulator) -> None:
    account, secret = hmac_account(verify_env)
    context = lines(account.api_key, secret)
    for _ in range(2):  # detect-secrets calls verify twice per match
        assert verify_from_context(API_KEY, account.api_key, context) == (
            VerifiedResult.VERIFIED_TRUE
        )
    assert verify_from_context(SECRET_KEY, secret, context) == VerifiedResult.VERIFIED_TRUE
    assert len(verify_env.requests) == 1


def test_private_key_secret(verify_env: Emulator) -> None:
    account, pem = private_key_account(verify_env, "ed25519")
    text = f'# binance\nBINANCE_API_KEY = "{account.api_key}"\nBINANCE_PRIVATE_KEY = """{pem}"""'
    context = text.splitlines()
    assert verify_from_context(PRIVATE_KEY, pem.strip(), context) == VerifiedResult.VERIFIED_TRUE
    assert verify_from_context(API_KEY, account.api_key, context) == VerifiedResult.VERIFIED_TRUE
    assert len(verify_env.requests) == 1


def test_invalid_key_is_verified_false(verify_env: Emulator) -> None:
    context = lines(random_key(), random_key())
    assert verify_from_context(API_KEY, context[1].split('"')[1], context) == (
        VerifiedResult.VERIFIED_FALSE
    )


@pytest.mark.parametrize("setting", ["revoked", "ip_blocked"])
def test_ambiguous_2015_is_unverified(verify_env: Emulator, setting: str) -> None:
    account, secret = hmac_account(verify_env, **{setting: True})
    result = verify_from_context(API_KEY, account.api_key, lines(account.api_key, secret))
    assert result == VerifiedResult.UNVERIFIED


def test_secret_mismatch_and_network_trouble_are_unverified(verify_env: Emulator) -> None:
    account, _ = hmac_account(verify_env)
    assert (
        verify_from_context(API_KEY, account.api_key, lines(account.api_key, random_key()))
        == VerifiedResult.UNVERIFIED
    )
    other, secret = hmac_account(verify_env)
    verify_env.queue(418, None)
    assert verify_from_context(API_KEY, other.api_key, lines(other.api_key, secret)) == (
        VerifiedResult.UNVERIFIED
    )


def test_unpaired_is_unverified_without_a_request(verify_env: Emulator) -> None:
    key = random_key()
    assert verify_from_context(API_KEY, key, ["# binance", f"BINANCE_API_KEY={key}"]) == (
        VerifiedResult.UNVERIFIED
    )
    assert verify_env.requests == []


def test_unofficial_endpoint_without_permission_is_unverified(
    verify_env: Emulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("BINANCE_SECRETS_ALLOW_UNOFFICIAL_ENDPOINT")
    account, secret = hmac_account(verify_env)
    assert verify_from_context(API_KEY, account.api_key, lines(account.api_key, secret)) == (
        VerifiedResult.UNVERIFIED
    )
    assert verify_env.requests == []


def test_never_raises_on_garbage(verify_env: Emulator) -> None:
    assert verify_from_context(API_KEY, None, None) == VerifiedResult.UNVERIFIED  # type: ignore[arg-type]
    assert verify_from_context("nonsense", "x", ["y"]) == VerifiedResult.UNVERIFIED


def test_detect_secrets_only_verified(verify_env: Emulator, tmp_path: Path) -> None:
    from binance_secrets.plugins import binance_detector

    live, live_secret = hmac_account(verify_env)
    (tmp_path / "live.py").write_text("\n".join(lines(live.api_key, live_secret)) + "\n")
    (tmp_path / "dead.py").write_text("\n".join(lines(random_key(), random_key())) + "\n")
    env = {
        **os.environ,
        "BINANCE_SECRETS_ENDPOINT": verify_env.url,
        "BINANCE_SECRETS_ALLOW_UNOFFICIAL_ENDPOINT": "1",
    }
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "detect_secrets",
            "scan",
            "--plugin",
            binance_detector.__file__,
            "--only-verified",
            "live.py",
            "dead.py",
        ],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    results = json.loads(done.stdout)["results"]
    assert set(results) == {"live.py"}
    assert {r["type"] for r in results["live.py"]} == {API_KEY, SECRET_KEY}
    assert all(r["is_verified"] for r in results["live.py"])
