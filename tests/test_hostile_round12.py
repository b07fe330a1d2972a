"""Round 12: Binance's answers (or a proxy's, a lookalike endpoint's, a TLS box's) flowing
into `check`'s outputs, attacked through the real CLI with the emulator serving them
(docs/threat-model.md, "Round 12, attacked"). Each test failed on the code before its fix
unless it says it is a control."""

from __future__ import annotations

import json
import secrets

import pytest

from binance_secrets.plugins.livecheck.check import check_credentials
from binance_secrets.plugins.livecheck.credential import Credential
from tests.emulator.fixtures import (  # noqa: F401 - fixtures
    FAST_RETRY,
    WITHDRAWING,
    emulator_fixture,
    hmac_account,
)
from tests.emulator.server import Account, Canned, Emulator
from tests.test_check_cli import run_check


def _check_json(emulator: Emulator, api_key: str, secret: str) -> tuple[int, dict, str]:
    """`check --format json` of one key from the environment: (exit code, report, output)."""
    result = run_check(
        emulator.url,
        "--format",
        "json",
        env={"BINANCE_API_KEY": api_key, "BINANCE_API_SECRET": secret},
    )
    return result.exit_code, json.loads(result.stdout), result.output


@pytest.mark.parametrize(
    "body",
    [
        {"code": -2015, "msg": "Invalid API-key, IP, or permissions for action."},
        {},
        {"status": "blocked", "message": "Access to this site is blocked by policy"},
    ],
    ids=["error-code-in-200", "empty-object", "tls-box-page"],
)
def test_an_accepted_answer_that_names_no_permission_is_unknown(
    emulator: Emulator, body: dict
) -> None:
    """A 200 whose body is Binance's error shape, an empty object or a TLS box's own JSON
    said `active`, risk medium ("read-only"): a withdrawal-enabled key reported without
    its danger and without trading advice."""
    account, secret = hmac_account(emulator, restrictions=dict(WITHDRAWING))
    account.answer = Canned(200, body)
    code, report, _ = _check_json(emulator, account.api_key, secret)
    (key,) = report["keys"]
    assert (key["status"], key["risk"]) == ("unknown", "unknown"), key["reason"]
    assert "names no permission" in key["reason"] or "error" in key["reason"]
    assert code == 3


def test_a_real_answer_is_still_active(emulator: Emulator) -> None:
    """Control: Binance's own answer (the emulator's) reads as before."""
    account, secret = hmac_account(emulator, restrictions=dict(WITHDRAWING))
    code, report, _ = _check_json(emulator, account.api_key, secret)
    (key,) = report["keys"]
    assert (key["status"], key["risk"], code) == ("active", "critical", 1)


def test_an_answer_echoing_a_hex_key_never_prints_it_whole(emulator: Emulator) -> None:
    """A proxy's (or lookalike's) `msg` echoing the X-MBX-APIKEY header: a key of 64
    lowercase hex (a futures testnet key) is not key-shaped to the report-wide redaction
    (digests look the same), so it was printed whole in the reason, text and JSON."""
    api_key, secret = secrets.token_hex(32), secrets.token_hex(32)
    emulator.add(Account(api_key=api_key, hmac_secret=secret))
    emulator.accounts[api_key].answer = Canned(
        401, {"code": -2015, "msg": f"Invalid API-key {api_key} for action."}
    )
    for fmt in ("json", "text"):
        result = run_check(
            emulator.url,
            "--format",
            fmt,
            env={"BINANCE_API_KEY": api_key, "BINANCE_API_SECRET": secret},
        )
        assert result.exit_code == 3
        assert api_key not in result.output
        assert f"{api_key[:4]}...{api_key[-4:]}" in result.output


def test_a_huge_msg_is_shown_bounded(emulator: Emulator) -> None:
    """A 3 MB `msg` was copied whole into the reason and again into `hosts_asked`: each key
    of a run (200 by default) cost twice its answer in the JSON and seconds of wrapping in
    the text."""
    account, secret = hmac_account(emulator)
    account.answer = Canned(401, {"code": -2015, "msg": "deleted " * 400_000})
    code, report, output = _check_json(emulator, account.api_key, secret)
    (key,) = report["keys"]
    assert key["status"] == "revoked_or_ip_blocked" and code == 3
    assert len(output) < 20_000
    assert "Binance answered -2015 (deleted deleted" in key["reason"]


def test_a_huge_retry_after_is_shown_bounded(emulator: Emulator) -> None:
    """Retry-After was quoted raw into the reason: up to the 64 KB a header line may hold."""
    account, secret = hmac_account(emulator)
    emulator.queue(429, {"code": -1003, "msg": "Too many requests"}, {"Retry-After": "9" * 60_000})
    code, report, output = _check_json(emulator, account.api_key, secret)
    (key,) = report["keys"]
    assert key["status"] == "unknown" and code == 3
    assert len(output) < 20_000


def test_a_big_accepted_answer_is_not_held_per_key(emulator: Emulator) -> None:
    """An accepted answer's other fields were all kept on the result (``extra``), parsed:
    a 4 MiB answer of `[]`s is about 90 MB of objects held per key until the run ends,
    so a report of 200 keys on a hostile endpoint needed gigabytes."""
    padding = b",".join([b"[]"] * 100_000)
    raw = (
        b'{"enableReading": true, "enableWithdrawals": false, '
        b'"enableSpotAndMarginTrading": false, "pad": [' + padding + b'], "updateTime": 5}'
    )
    account, secret = hmac_account(emulator)
    account.answer = Canned(200, None, raw=raw)
    many = {f"field{n}": n for n in range(5_000)}
    other, other_secret = hmac_account(emulator)
    stated = {"enableWithdrawals": False, "enableSpotAndMarginTrading": False}
    other.answer = Canned(200, {"enableReading": True, **stated, **many})
    results = check_credentials(
        [Credential.of(account.api_key, secret), Credential.of(other.api_key, other_secret)],
        endpoint=emulator.url,
        allow_unofficial_endpoint=True,
        retry=FAST_RETRY,
    )
    for result in results:
        assert result.status == "active"
        assert len(json.dumps(result.extra)) < 4_000
    hostile = Credential.of(account.api_key, secret).fingerprint
    kept = next(r for r in results if r.fingerprint == hostile)
    assert kept.extra.get("updateTime") == 5 and "pad" not in kept.extra


def test_no_request_carries_the_secret_through_retries(emulator: Emulator) -> None:
    """Control: 5xx retries, a 429 waited out, a -1021 re-signed after a clock sync and a
    redirect not followed: every request the emulator saw holds the key and a signature,
    never the secret."""
    account, secret = hmac_account(emulator)
    emulator.queue(503, None)
    emulator.queue(429, {"code": -1003, "msg": "x"}, {"Retry-After": "0"})
    emulator.queue(400, {"code": -1021, "msg": "Timestamp outside"})
    code, report, _ = _check_json(emulator, account.api_key, secret)
    assert report["keys"][0]["status"] == "active" and code == 1
    account.answer = Canned(302, None, {"Location": f"{emulator.url}/api/v3/account"})
    code, report, _ = _check_json(emulator, account.api_key, secret)
    assert report["keys"][0]["status"] == "unknown"
    assert len(emulator.requests) >= 6
    for request in emulator.requests:
        seen = request.query + json.dumps(request.headers) + request.body.decode()
        assert secret not in seen
