"""One run's live check is bounded, and a hostile answer costs only its own key.

A report may hold thousands of keys and a host may answer anything: a request budget and
one rate-limit state for the whole run, a total deadline and a body cap per request. The
emulator produces each hostile answer; the deadlines here are short (RetryPolicy, the
client's test-only knob), so the tests stay fast.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from binance_secrets.hooks.commands.cli import cli
from binance_secrets.hooks.reports.check_report import check_results_json, render_check_text
from binance_secrets.plugins.livecheck.check import KeyResult, check_credentials
from binance_secrets.plugins.livecheck.client import RetryPolicy
from binance_secrets.plugins.livecheck.credential import Credential
from tests.emulator.fixtures import (  # noqa: F401 - fixtures
    CLEAN_ENV,
    FAST_RETRY,
    TRADING,
    emulator_fixture,
    hmac_account,
    signed_requests,
)
from tests.emulator.server import Canned, Emulator
from tests.fake_values import random_key
from tests.test_scan_cli import run_scan

SHORT = RetryPolicy(
    max_attempts=1,
    backoff_seconds=0.0,
    max_retry_after_seconds=2,
    timeout_seconds=1.0,
    max_body_bytes=64 * 1024,
)


def _run(emulator: Emulator, credentials: list[Credential], **options) -> list[KeyResult]:
    options.setdefault("retry", SHORT)
    return check_credentials(
        credentials, endpoint=emulator.url, allow_unofficial_endpoint=True, **options
    )


def _by_key(results: list[KeyResult], credential: Credential) -> KeyResult:
    return next(r for r in results if r.fingerprint == credential.fingerprint)


@pytest.mark.parametrize(
    ("answer", "says"),
    [
        (Canned(200, None, raw=b'{"enableReading": true, "createTime": NaN}'), "createTime is nan"),
        (Canned(200, {"enableReading": True, "createTime": 1e300}), "createTime is 1e+300"),
        (Canned(200, {"enableReading": True, "createTime": -1}), "createTime is -1"),
        (Canned(200, {"enableReading": "yes", "enableWithdrawals": []}), "is 'yes'"),
        (Canned(200, [1, 2, 3]), "the answer is list"),
        (Canned(200, None, endless=True), "larger than 65536 bytes"),
        (Canned(200, None, drip_seconds=0.2), "timed out"),
    ],
    ids=["nan", "1e300", "negative", "wrong types", "not an object", "huge", "drip"],
)
def test_a_hostile_answer_costs_only_its_own_key(
    emulator: Emulator, answer: Canned, says: str
) -> None:
    hostile, hostile_secret = hmac_account(emulator)
    hostile.answer = answer
    good, good_secret = hmac_account(emulator, restrictions=dict(TRADING))
    started = time.monotonic()
    results = _run(
        emulator,
        [Credential.of(hostile.api_key, hostile_secret), Credential.of(good.api_key, good_secret)],
    )
    assert time.monotonic() - started < 5  # the drip is cut at the total deadline
    bad = _by_key(results, Credential.of(hostile.api_key, hostile_secret))
    assert (bad.status, bad.risk) == ("unknown", "unknown")
    assert says in bad.reason, bad.reason
    fine = _by_key(results, Credential.of(good.api_key, good_secret))
    assert (fine.status, fine.risk) == ("active", "high")
    render_check_text(results)  # and the report renders
    json.dumps(check_results_json(results))


def test_a_dripping_body_hits_one_total_deadline_not_one_per_read(emulator: Emulator) -> None:
    """One byte every 0.2 s would never trip a 1 s per-read timeout."""
    account, secret = hmac_account(emulator)
    account.answer = Canned(200, None, drip_seconds=0.2)
    started = time.monotonic()
    (result,) = _run(emulator, [Credential.of(account.api_key, secret)])
    assert time.monotonic() - started < 3
    assert result.status == "unknown" and "within 1s" in result.reason


def test_a_run_sends_at_most_its_request_budget(emulator: Emulator) -> None:
    credentials = []
    for _ in range(12):
        account, secret = hmac_account(emulator)
        credentials.append(Credential.of(account.api_key, secret))
    results = _run(emulator, credentials, max_requests=5)
    assert len(emulator.requests) == 5
    asked = [r for r in results if r.status == "active"]
    skipped = [r for r in results if r.reason.startswith("not asked:")]
    assert len(asked) == 5 and len(skipped) == 7
    assert all("budget of 5 requests" in r.reason and r.status == "unknown" for r in skipped)
    report = check_results_json(results)
    assert sorted(report["not_asked"]) == sorted(r.fingerprint for r in skipped)
    assert "7 of 12 keys were not asked" in " ".join(render_check_text(results).split())


def test_the_default_budget_is_stated_and_bounds_a_large_report(emulator: Emulator) -> None:
    from binance_secrets.plugins.livecheck.endpoints import DEFAULT_MAX_REQUESTS

    credentials = [
        Credential.of(random_key(), random_key()) for _ in range(DEFAULT_MAX_REQUESTS + 30)
    ]
    results = _run(emulator, credentials)
    assert len(emulator.requests) == DEFAULT_MAX_REQUESTS
    assert sum(r.reason.startswith("not asked:") for r in results) == 30


def test_retry_after_is_honoured_once_for_the_whole_run(emulator: Emulator) -> None:
    credentials = []
    for _ in range(4):
        account, secret = hmac_account(emulator)
        credentials.append(Credential.of(account.api_key, secret))
    emulator.queue(429, {"code": -1003, "msg": "Too many requests"}, {"Retry-After": "1"}, times=2)
    retry = RetryPolicy(
        max_attempts=3, backoff_seconds=0.0, max_retry_after_seconds=2, timeout_seconds=2.0
    )
    started = time.monotonic()
    results = _run(emulator, credentials, retry=retry)
    assert time.monotonic() - started < 1.9  # one wait of 1 s, never one per key
    assert len(emulator.requests) == 2  # the first, and its one retry after the wait
    assert all(r.status == "unknown" for r in results)
    assert sum(r.reason.startswith("not asked: Binance rate-limited") for r in results) == 3


def test_a_418_ban_stops_the_run(emulator: Emulator) -> None:
    credentials = [Credential.of(random_key(), random_key()) for _ in range(3)]
    emulator.queue(418, {"code": -1003, "msg": "banned"})
    results = _run(emulator, credentials)
    assert len(emulator.requests) == 1
    assert sum("banned this IP address" in r.reason for r in results) == 2


def test_max_keys_on_the_command_line(emulator: Emulator, tmp_path: Path) -> None:
    lines = ["from binance.client import Client"]
    for n in range(3):
        account, secret = hmac_account(emulator)
        lines.append(f'c{n} = Client("{account.api_key}", "{secret}")')
    (tmp_path / "bot.py").write_text("\n".join(lines) + "\n")
    code, _, _ = run_scan("--all-files", "--format", "json", "-o", "r.json", ".", cwd=tmp_path)
    assert code == 1
    result = CliRunner().invoke(
        cli,
        [
            "check",
            "--endpoint",
            emulator.url,
            "--allow-unofficial-endpoint",
            "--max-keys",
            "2",
            "--report",
            str(tmp_path / "r.json"),
        ],
        env=dict(CLEAN_ENV),
    )
    assert result.exit_code == 1  # live keys were found; the one not asked is unknown
    assert len(emulator.requests) == 2
    assert "1 of 3 keys were not asked" in " ".join(result.stdout.split())


def _report_naming_an_unrecorded_secret(emulator: Emulator, root: Path) -> tuple[Path, str]:
    """An attacker's report: their key beside a wrong secret in a.env, and a made-up finding
    at b.env:3, where the victim's real secret sits. The report never recorded that secret
    (it cannot: it would need the value to hash it)."""
    account, secret = hmac_account(emulator)
    (root / "a.env").write_text(
        f"# binance\nBINANCE_API_KEY={account.api_key}\nBINANCE_API_SECRET={random_key()}\n"
    )
    code, _, _ = run_scan("--all-files", "--format", "json", "-o", "r.json", ".", cwd=root)
    assert code == 1
    report = json.loads((root / "r.json").read_text())
    decoy = dict(next(f for f in report["findings"] if f["type"] != "Binance API Key"))
    decoy.update(path="b.env", line=3, fingerprint="sha256:" + "0" * 64, pair=None)
    report["findings"].append(decoy)
    (root / "b.env").write_text(f"# binance\nBINANCE_API_KEY=\nBINANCE_API_SECRET={secret}\n")
    (root / "r.json").write_text(json.dumps(report))
    return root / "r.json", secret


def test_a_report_s_key_is_signed_only_with_secrets_it_recorded(
    emulator: Emulator, tmp_path: Path
) -> None:
    report, _ = _report_naming_an_unrecorded_secret(emulator, tmp_path)
    result = CliRunner().invoke(
        cli,
        [
            "check",
            "--endpoint",
            emulator.url,
            "--allow-unofficial-endpoint",
            "--report",
            str(report),
            "--format",
            "json",
        ],
        env=dict(CLEAN_ENV),
    )
    (key,) = json.loads(result.stdout)["keys"]
    assert key["status"] == "secret_mismatch" and key["secrets_tried"] == 1
    assert len(signed_requests(emulator)) == 1


def test_the_environment_s_secret_is_opt_in_for_a_report(
    emulator: Emulator, tmp_path: Path
) -> None:
    account, secret = hmac_account(emulator)
    (tmp_path / "a.env").write_text(
        f"# binance\nBINANCE_API_KEY={account.api_key}\nBINANCE_API_SECRET={random_key()}\n"
    )
    code, _, _ = run_scan("--all-files", "--format", "json", "-o", "r.json", ".", cwd=tmp_path)
    assert code == 1
    base = [
        "check",
        "--endpoint",
        emulator.url,
        "--allow-unofficial-endpoint",
        "--report",
        str(tmp_path / "r.json"),
        "--format",
        "json",
    ]
    env = {**CLEAN_ENV, "BINANCE_API_SECRET": secret}
    without = json.loads(CliRunner().invoke(cli, base, env=env).stdout)
    assert without["keys"][0]["status"] == "secret_mismatch"
    assert without["env_secret_tried"] is False
    opted = json.loads(CliRunner().invoke(cli, [*base, "--try-env-secret"], env=env).stdout)
    assert opted["keys"][0]["status"] == "active" and opted["env_secret_tried"] is True
    assert opted["keys"][0]["secret_found_at"] == "environment variable BINANCE_API_SECRET"
