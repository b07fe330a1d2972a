"""`check` of testnet and demo keys: each is asked about on its own venue, with that venue's
read-only request (the emulator serves them all), and the report says it moves no real funds.
"""

from __future__ import annotations

import json
import secrets
from pathlib import Path

import pytest

from binance_secrets.plugins.livecheck.binance_api import (
    DEMO_TRADING,
    FUTURES_TESTNET,
    OFFICIAL_HOSTS,
    READ_ONLY_ENDPOINTS,
    SPOT_TESTNET,
    Stop,
    resolve_routes,
    venue_for,
)
from tests.emulator.fixtures import emulator_fixture  # noqa: F401 - fixture
from tests.emulator.server import Account, Emulator
from tests.fake_values import random_key
from tests.test_check_cli import run_check
from tests.test_scan_cli import run_scan


def _scan_report(root: Path, text: str) -> Path:
    (root / "bot.py").write_text(text)
    code, _, _ = run_scan("--all-files", "--format", "json", "-o", "report.json", ".", cwd=root)
    assert code == 1
    return root / "report.json"


def _check(emulator: Emulator, report: Path, fmt: str = "json"):
    return run_check(emulator.url, "--report", str(report), "--format", fmt, cwd=report.parent)


def _check_client_key(emulator: Emulator, tmp_path: Path, arguments: str) -> dict:
    """A live read-only HMAC key in `Client(key, secret<arguments>)`, scanned and checked:
    the check's JSON for it."""
    key, secret = random_key(), random_key()
    emulator.add(Account(api_key=key, hmac_secret=secret, restrictions={"enableReading": True}))
    report = _scan_report(
        tmp_path,
        f'from binance.client import Client\nc = Client("{key}", "{secret}"{arguments})\n',
    )
    (checked,) = json.loads(_check(emulator, report).stdout)["keys"]
    return checked


def _paths(emulator: Emulator) -> list[str]:
    return [r.path for r in emulator.requests if not r.path.endswith("/time")]


def test_futures_testnet_hex_key_is_asked_on_the_futures_account_endpoint(
    emulator: Emulator, tmp_path: Path
) -> None:
    key, secret = secrets.token_hex(32), secrets.token_hex(32)
    emulator.add(Account(api_key=key, hmac_secret=secret, restrictions={"enableFutures": True}))
    report = _scan_report(
        tmp_path,
        "from binance.um_futures import UMFutures\n"
        f'client = UMFutures(key="{key}", secret="{secret}",\n'
        '                   base_url="https://testnet.binancefuture.com")\n',
    )
    findings = json.loads(report.read_text())["findings"]
    assert {f["environment"] for f in findings} == {"testnet"}
    result = _check(emulator, report)
    (checked,) = json.loads(result.stdout)["keys"]
    assert checked["status"] == "active" and checked["environment"] == "testnet"
    assert checked["risk"] == "low"
    assert checked["risk_reason"] == "active on futures testnet: no real funds."
    assert _paths(emulator) == ["/fapi/v2/account"]  # no wallet (sapi) request
    text = _check(emulator, report, "text").stdout
    assert "active on futures testnet: no real funds" in text
    assert key not in text and secret not in text


@pytest.mark.parametrize(
    ("flag", "label"), [("testnet=True", "testnet"), ("demo=True", "demo trading")]
)
def test_spot_testnet_and_demo_keys(
    emulator: Emulator, tmp_path: Path, flag: str, label: str
) -> None:
    checked = _check_client_key(emulator, tmp_path, f", {flag}")
    assert checked["status"] == "active"
    assert checked["risk_reason"] == f"active on {label}: no real funds."
    assert _paths(emulator) == ["/api/v3/account"]


def test_production_key_is_still_asked_for_its_api_restrictions(
    emulator: Emulator, tmp_path: Path
) -> None:
    checked = _check_client_key(emulator, tmp_path, "")
    assert checked["environment"] == "unknown" and checked["risk"] == "medium"
    assert _paths(emulator) == ["/sapi/v1/account/apiRestrictions"]


def test_each_environment_has_its_official_venue() -> None:
    hex_key = secrets.token_hex(32)
    assert venue_for("testnet", hex_key) == FUTURES_TESTNET
    assert venue_for("testnet", random_key()) == SPOT_TESTNET
    assert venue_for("demo", random_key()) == DEMO_TRADING
    assert venue_for("production", random_key()) is None
    assert venue_for("unknown", hex_key) is None
    for venue in (FUTURES_TESTNET, SPOT_TESTNET, DEMO_TRADING):
        assert ("GET", venue.account_path) in READ_ONLY_ENDPOINTS
        assert ("GET", venue.time_path) in READ_ONLY_ENDPOINTS
    assert OFFICIAL_HOSTS[FUTURES_TESTNET.endpoint] == "https://testnet.binancefuture.com"
    assert OFFICIAL_HOSTS[SPOT_TESTNET.endpoint] == "https://testnet.binance.vision"
    assert OFFICIAL_HOSTS[DEMO_TRADING.endpoint] == "https://demo-api.binance.com"


def test_testnet_keys_go_to_their_official_host_unless_the_endpoint_is_your_own() -> None:
    routes = resolve_routes("binance-api1")
    hex_key = secrets.token_hex(32)
    first = routes.stops("testnet", hex_key)[0]
    assert routes.url(first.name) == "https://testnet.binancefuture.com"
    assert first.venue == FUTURES_TESTNET
    assert routes.url(routes.stops("demo", random_key())[0].name) == "https://demo-api.binance.com"
    assert routes.url(routes.stops("production", random_key())[0].name) == (
        "https://api1.binance.com"
    )
    # An emulator or proxy you run (allowed with --allow-unofficial-endpoint) gets every key.
    own = resolve_routes("http://127.0.0.1:8080", allow_unofficial_endpoint=True)
    assert own.stops("testnet", hex_key) == [Stop("http://127.0.0.1:8080", FUTURES_TESTNET)]
    assert own.url("http://127.0.0.1:8080") == "http://127.0.0.1:8080"
