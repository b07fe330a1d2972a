"""The emulator itself answers like Binance: signatures, recvWindow, error bodies, TLS."""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import requests

from tests.cli_process import CLEAN_ENV, env_text, run_cli, scan_to_report
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


def test_the_emulator_runs_by_hand_for_the_documented_check_flow(tmp_path: Path) -> None:
    """docs/live-check.md "Trying check without Binance": `python -m tests.emulator`, with
    the key a project holds in the environment, answers `check --report` as Binance would."""
    key, secret = random_key(), random_key()
    (tmp_path / ".env").write_text(env_text(key, secret))
    report = tmp_path / "report.json"
    assert scan_to_report(tmp_path, report).exit_code == 1
    top = Path(__file__).resolve().parent.parent
    server = subprocess.Popen(
        [sys.executable, "-m", "tests.emulator", "--trading"],
        cwd=top,
        env={**os.environ, **CLEAN_ENV, "BINANCE_API_KEY": key, "BINANCE_API_SECRET": secret},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout is not None
        url = server.stdout.readline().strip()
        assert url.startswith("http://127.0.0.1:"), (url, server.stderr)
        done = run_cli(
            "check", "--report", str(report), "--endpoint", url, "--allow-unofficial-endpoint",
            "--format", "json", cwd=tmp_path,
        )
    finally:
        server.send_signal(signal.SIGTERM)
        _, errors = server.communicate(timeout=10)
    assert done.returncode == 1, done.stderr
    (checked,) = json.loads(done.stdout)["keys"]
    assert (checked["status"], checked["risk"]) == ("active", "high")
    assert server.returncode == 0 and "Traceback" not in errors


def test_the_emulator_run_by_hand_says_which_key_setting_is_missing(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "tests.emulator"],
        cwd=Path(__file__).resolve().parent.parent,
        env={**os.environ, **CLEAN_ENV, "BINANCE_API_KEY": random_key()},
        capture_output=True, text=True, timeout=30, check=False,
    )
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "BINANCE_API_SECRET or BINANCE_PRIVATE_KEY_FILE" in done.stderr
