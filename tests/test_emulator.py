"""The emulator itself answers like Binance: signatures, recvWindow, error bodies, TLS."""

from __future__ import annotations

import hashlib
import hmac
import time

import requests

from tests.emulator.fixtures import (  # noqa: F401 - fixtures
    emulator_fixture,
    hmac_account,
    tls_ca_fixture,
    tls_emulator_fixture,
)
from tests.emulator.server import Emulator
from tests.fake_values import random_key


def _get(
    emulator: Emulator,
    api_key: str,
    secret: str,
    timestamp: int | None = None,
    recv_window: int = 5000,
    tamper: bool = False,
) -> requests.Response:
    ts = timestamp if timestamp is not None else int(time.time() * 1000)
    payload = f"recvWindow={recv_window}&timestamp={ts}"
    signature = hmac.new(secret.encode(), payload.encode(), hashlib.sha256).hexdigest()
    if tamper:
        signature = ("0" if signature[0] != "0" else "1") + signature[1:]
    return requests.get(
        f"{emulator.url}/sapi/v1/account/apiRestrictions?{payload}&signature={signature}",
        headers={"X-MBX-APIKEY": api_key},
        timeout=5,
    )


def test_valid_hmac_signature_is_accepted(emulator: Emulator) -> None:
    account, secret = hmac_account(emulator)
    response = _get(emulator, account.api_key, secret)
    assert response.status_code == 200
    assert response.json()["enableReading"] is True


def test_wrong_signature_is_minus_1022(emulator: Emulator) -> None:
    account, secret = hmac_account(emulator)
    response = _get(emulator, account.api_key, secret, tamper=True)
    assert response.status_code == 400
    assert response.json()["code"] == -1022


def test_recv_window_is_enforced(emulator: Emulator) -> None:
    account, secret = hmac_account(emulator)
    stale = int(time.time() * 1000) - 10_000
    assert _get(emulator, account.api_key, secret, stale).json()["code"] == -1021
    future = int(time.time() * 1000) + 5_000
    assert _get(emulator, account.api_key, secret, future).json()["code"] == -1021
    assert _get(emulator, account.api_key, secret, recv_window=70_000).json()["code"] == -1131


def test_unknown_and_malformed_keys(emulator: Emulator) -> None:
    assert _get(emulator, random_key(), random_key()).json()["code"] == -2008
    assert _get(emulator, "short", random_key()).json()["code"] == -2014


def test_canned_answers_and_records(emulator: Emulator) -> None:
    emulator.queue(429, {"code": -1003, "msg": "Too many requests"}, {"Retry-After": "1"})
    response = requests.get(f"{emulator.url}/api/v3/time", timeout=5)
    assert response.status_code == 429 and response.headers["Retry-After"] == "1"
    assert requests.get(f"{emulator.url}/api/v3/time", timeout=5).status_code == 200
    assert [(r.method, r.path) for r in emulator.requests] == [("GET", "/api/v3/time")] * 2


def test_https_variant_with_throwaway_ca(tls_emulator) -> None:
    server, bundle = tls_emulator
    assert server.url.startswith("https://127.0.0.1:")
    response = requests.get(f"{server.url}/api/v3/time", timeout=5, verify=bundle)
    assert response.status_code == 200 and "serverTime" in response.json()
