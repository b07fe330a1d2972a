"""Every outcome and risk level of the live check, driven through the real client."""

from __future__ import annotations

from datetime import datetime, timezone

import click
import pytest

from binance_secrets.plugins.detection.findings import API_KEY, SECRET_KEY, Finding
from binance_secrets.plugins.livecheck.binance_api import TRADING_FIELDS, EndpointError
from binance_secrets.plugins.livecheck.check import (
    KeyResult,
    check_credentials,
    check_findings,
    credentials_from_findings,
    risk_of,
)
from binance_secrets.plugins.livecheck.credential import Credential
from tests.emulator.fixtures import (  # noqa: F401 - fixtures
    FAST_RETRY,
    READ_ONLY,
    TRADING,
    WITHDRAWING,
    created_days_ago,
    emulator_fixture,
    hmac_account,
    private_key_account,
)
from tests.emulator.server import LEFT_OUT, Canned, Emulator, answered
from tests.fake_values import random_key

JSON_KEYS = {
    "risk_reason",
    "found_at",
    "secret_found_at",
    "secrets_tried",
    "fingerprint",
    "redacted",
    "status",
    "reason",
    "permissions",
    "ip_restricted",
    "created_at",
    "age_days",
    "risk",
    "steps",
    "environment",
    "trading_authority_expires_at",
    "platform",
    "hosts_asked",
}


def run(emulator: Emulator, *credentials: Credential) -> list[KeyResult]:
    return check_credentials(
        credentials, endpoint=emulator.url, allow_unofficial_endpoint=True, retry=FAST_RETRY
    )


def one(emulator: Emulator, api_key: str, secret: str | None) -> KeyResult:
    (result,) = run(emulator, Credential.of(api_key, secret))
    assert set(result.to_json()) == JSON_KEYS
    return result


@pytest.mark.parametrize(
    ("restrictions", "ip_restrict", "risk"),
    [
        (WITHDRAWING, True, "critical"),
        ({"enableReading": True, "enableInternalTransfer": True}, True, "critical"),
        ({"enableReading": True, "permitsUniversalTransfer": True}, False, "critical"),
        (TRADING, False, "high"),
        ({"enableReading": True, "enableFutures": True}, False, "high"),
        (TRADING, True, "medium"),
        (READ_ONLY, False, "medium"),
        (READ_ONLY, True, "low"),
        # FIX order entry places and cancels orders: trading
        ({"enableReading": True, "enableFixApiTrade": True}, False, "high"),
        ({"enableReading": True, "enableFixApiTrade": True}, True, "medium"),
        ({"enableReading": True, "enableFixReadOnly": True}, False, "medium"),
        ({"enableReading": True, "enablePortfolioMarginTrading": True}, False, "high"),
    ],
)
def test_active_key_risk(emulator: Emulator, restrictions, ip_restrict, risk) -> None:
    account, secret = hmac_account(
        emulator, restrictions=dict(restrictions), ip_restrict=ip_restrict
    )
    result = one(emulator, account.api_key, secret)
    assert result.status == "active"
    assert result.risk == risk
    assert result.ip_restricted is ip_restrict
    assert result.permissions == answered(restrictions)
    assert result.age_days == 10 and result.created_at and result.created_at.endswith("Z")
    steps = " ".join(result.steps)
    assert "API Management" in steps
    assert ("can move funds out" in steps) == (risk == "critical")
    assert "Rotate the new key" in steps  # whatever the leaked key's age (10 days here)
    trades = any(restrictions.get(f) for f in TRADING_FIELDS)
    assert ("extreme prices" in steps) == trades  # no trading advice for a read-only key


def test_unknown_fields_are_kept(emulator: Emulator) -> None:
    restrictions = {
        "enableReading": True,
        "enableFixApiTrade": False,
        "tradingAuthorityExpirationTime": 1_700_000_000_000,
    }
    account, secret = hmac_account(emulator, restrictions=restrictions)
    result = one(emulator, account.api_key, secret)
    assert result.permissions == answered({"enableReading": True})
    assert result.extra["tradingAuthorityExpirationTime"] == 1_700_000_000_000
    assert result.trading_expires_at == "2023-11-14T22:13:20Z"
    assert result.to_json()["trading_authority_expires_at"] == "2023-11-14T22:13:20Z"


# Every field of "Get API Key Permission (USER_DATA)", as Binance documents the answer.
EVERY_DOCUMENTED_FIELD = {
    "enableReading": True,
    "enableWithdrawals": False,
    "enableInternalTransfer": False,
    "enableMargin": False,
    "enableFutures": False,
    "permitsUniversalTransfer": False,
    "enableVanillaOptions": False,
    "enableFixApiTrade": True,
    "enableFixReadOnly": True,
    "enableSpotAndMarginTrading": False,
    "enablePortfolioMarginTrading": False,
    "tradingAuthorityExpirationTime": 1_700_000_000_000,
}


def test_every_documented_field_is_read_and_shown(emulator: Emulator) -> None:
    from binance_secrets.hooks.reports.check_report import render_check_text
    from binance_secrets.plugins.livecheck.binance_api import RESTRICTION_FIELDS

    account, secret = hmac_account(emulator, restrictions=dict(EVERY_DOCUMENTED_FIELD))
    result = one(emulator, account.api_key, secret)
    booleans = {k for k, v in EVERY_DOCUMENTED_FIELD.items() if isinstance(v, bool)}
    assert booleans == set(RESTRICTION_FIELDS) == set(result.permissions)
    assert result.risk == "high"  # FIX order entry, no IP whitelist
    assert "Trading enabled and no IP whitelist" in result.risk_reason
    assert any("extreme prices" in step for step in result.steps)
    text = " ".join(render_check_text([result]).split())
    assert "enableFixApiTrade yes" in text and "enableFixReadOnly yes" in text
    assert "trading permission lapses at 2023-11-14T22:13:20Z" in text


@pytest.mark.parametrize(
    ("field", "value", "says"),
    [
        ("createTime", float("nan"), "createTime is nan"),
        ("createTime", 1e300, "createTime is 1e+300"),
        ("createTime", -5, "createTime is -5"),
        ("createTime", "1623840271000", "createTime is str"),
        ("tradingAuthorityExpirationTime", 1e300, "tradingAuthorityExpirationTime is 1e+300"),
        ("enableWithdrawals", "true", "enableWithdrawals is 'true', not true or false"),
        ("enableFixApiTrade", 1, "enableFixApiTrade is 1, not true or false"),
        ("ipRestrict", None, "ipRestrict is None"),
    ],
)
def test_a_field_of_the_wrong_shape_leaves_the_key_unknown(
    emulator: Emulator, field: str, value: object, says: str
) -> None:
    """A hostile or broken answer must not read as "no permission" (a string "true" for
    withdrawals) nor crash the run (1e300 milliseconds is no date)."""
    restrictions = {"enableReading": True, field: value}
    account, secret = hmac_account(emulator, restrictions=restrictions)
    result = one(emulator, account.api_key, secret)
    assert result.status == "unknown" and result.risk == "unknown"
    assert says in result.reason, result.reason
    assert result.reason.startswith("Binance's answer could not be read")



@pytest.mark.parametrize("left_out", ["enableWithdrawals", "enableSpotAndMarginTrading"])
def test_an_answer_that_leaves_out_a_deciding_permission_is_unknown(
    emulator: Emulator, left_out: str
) -> None:
    """A permission left out read as "not enabled": `{"enableReading": true}` alone was an
    active read-only key at medium risk, whatever the key may do. Binance states every
    permission; the ones that decide the risk must be there. One added after the others
    (FIX, portfolio margin) may be missing: an older answer is still read."""
    account, secret = hmac_account(
        emulator, restrictions={"enableReading": True, left_out: LEFT_OUT}
    )
    result = one(emulator, account.api_key, secret)
    assert (result.status, result.risk) == ("unknown", "unknown")
    assert f"it leaves out {left_out}, which would read as not enabled" in result.reason

    older, older_secret = hmac_account(
        emulator,
        restrictions={
            "enableReading": True,
            "enableFixApiTrade": LEFT_OUT,
            "enablePortfolioMarginTrading": LEFT_OUT,
        },
    )
    assert one(emulator, older.api_key, older_secret).status == "active"


def test_the_account_fallback_must_state_trading_and_withdrawals(emulator: Emulator) -> None:
    """Where apiRestrictions is unavailable, /api/v3/account's `canTrade` and `canWithdraw`
    decide the risk: an answer without them is unknown."""
    emulator.api_restrictions_available = False
    account, secret = hmac_account(emulator, restrictions=dict(TRADING))
    account.answer = Canned(200, {"canDeposit": True, "canTrade": True})
    result = one(emulator, account.api_key, secret)
    assert (result.status, result.risk) == ("unknown", "unknown")
    assert "it leaves out canWithdraw" in result.reason


def test_old_key_gets_rotate_too(emulator: Emulator) -> None:
    account, secret = hmac_account(emulator, create_time_ms=created_days_ago(200))
    result = one(emulator, account.api_key, secret)
    assert result.age_days == 200
    assert any(s.startswith("Rotate the new key every 1-3 months") for s in result.steps)


@pytest.mark.parametrize("kind", ["ed25519", "rsa"])
def test_private_key_credentials(emulator: Emulator, kind: str) -> None:
    account, pem = private_key_account(emulator, kind, restrictions=dict(TRADING))
    assert one(emulator, account.api_key, pem).risk == "high"


def test_account_endpoint_where_api_restrictions_is_unavailable(emulator: Emulator) -> None:
    emulator.api_restrictions_available = False
    account, secret = hmac_account(emulator, restrictions=dict(WITHDRAWING))
    result = one(emulator, account.api_key, secret)
    assert result.status == "active"
    assert result.permissions == {"canTrade": False, "canWithdraw": True, "canDeposit": True}
    assert result.ip_restricted is None and result.created_at is None
    assert result.risk == "critical"
    assert [r.path for r in emulator.requests] == [
        "/sapi/v1/account/apiRestrictions",
        "/api/v3/account",
    ]


def test_secret_mismatch(emulator: Emulator) -> None:
    account, _ = hmac_account(emulator)
    result = one(emulator, account.api_key, random_key())
    assert result.status == "secret_mismatch" and "-1022" in result.reason
    assert result.risk == "unknown"
    assert any("Delete the API key" in s for s in result.steps)


@pytest.mark.parametrize("setting", ["revoked", "ip_blocked"])
def test_revoked_or_ip_blocked_says_binance_does_not_tell(emulator: Emulator, setting) -> None:
    account, secret = hmac_account(emulator, **{setting: True})
    result = one(emulator, account.api_key, secret)
    assert result.status == "revoked_or_ip_blocked"
    assert "does not say which" in result.reason
    assert any("Make sure the key is deleted" in s for s in result.steps)


def test_invalid(emulator: Emulator) -> None:
    result = one(emulator, random_key(), random_key())
    assert result.status == "invalid" and "-2008" in result.reason
    assert result.risk == "none"
    assert not any("Delete the API key" in s for s in result.steps)
    assert any("git filter-repo" in s for s in result.steps)


def test_invalid_format(emulator: Emulator) -> None:
    assert one(emulator, "not-a-key", random_key()).status == "invalid"


def test_unpaired_key_sends_nothing(emulator: Emulator) -> None:
    result = one(emulator, random_key(), None)
    assert result.status == "unpaired" and "without its secret" in result.reason
    assert result.risk == "unknown"
    assert emulator.requests == []


@pytest.mark.parametrize(
    ("status", "headers", "reason"),
    [
        (451, {}, "location"),
        (403, {}, "firewall"),
        (418, {}, "banned"),
        (429, {"Retry-After": "3600"}, "rate limited"),
    ],
)
def test_unknown_http_answers(emulator: Emulator, status, headers, reason) -> None:
    account, secret = hmac_account(emulator)
    emulator.queue(status, {"code": -1003, "msg": "x"} if status == 429 else None, headers)
    result = one(emulator, account.api_key, secret)
    assert result.status == "unknown" and reason in result.reason
    assert result.risk == "unknown"


def test_unknown_after_rate_limit_retries(emulator: Emulator) -> None:
    account, secret = hmac_account(emulator)
    emulator.queue(429, {"code": -1003, "msg": "x"}, {"Retry-After": "0"}, times=5)
    result = one(emulator, account.api_key, secret)
    assert result.status == "unknown" and "rate limited" in result.reason


def test_unknown_after_5xx_retries(emulator: Emulator) -> None:
    account, secret = hmac_account(emulator)
    emulator.queue(500, None, times=5)
    result = one(emulator, account.api_key, secret)
    assert result.status == "unknown" and "500" in result.reason and "3 attempts" in result.reason


def test_unknown_on_timeout(emulator: Emulator) -> None:
    from binance_secrets.plugins.livecheck.client import RetryPolicy

    account, secret = hmac_account(emulator)
    emulator.delay_seconds = 0.4
    (result,) = check_credentials(
        [Credential.of(account.api_key, secret)],
        endpoint=emulator.url,
        allow_unofficial_endpoint=True,
        retry=RetryPolicy(max_attempts=1, timeout_seconds=0.1),
    )
    assert result.status == "unknown" and "timed out" in result.reason


def test_skewed_clock_is_synced(emulator: Emulator) -> None:
    account, secret = hmac_account(emulator)
    emulator.clock_skew_ms = -300_000
    assert one(emulator, account.api_key, secret).status == "active"


def test_persistent_minus_1021_is_unknown(emulator: Emulator) -> None:
    account, secret = hmac_account(emulator)
    body = {"code": -1021, "msg": "Timestamp for this request is outside of the recvWindow."}
    emulator.queue(400, body)
    emulator.queue(200, {"serverTime": 1})
    emulator.queue(400, body)
    result = one(emulator, account.api_key, secret)
    assert result.status == "unknown" and "-1021" in result.reason


def test_bad_pem_is_unknown_not_a_crash(emulator: Emulator) -> None:
    pem = "-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----"
    result = one(emulator, random_key(), pem)
    assert result.status == "unknown" and "cannot sign" in result.reason
    assert emulator.requests == []


def test_one_result_per_key(emulator: Emulator) -> None:
    account, secret = hmac_account(emulator)
    results = run(
        emulator, Credential.of(account.api_key, None), Credential.of(account.api_key, secret)
    )
    assert [r.status for r in results] == ["active"]


def test_check_findings_pairs_by_fingerprint(emulator: Emulator) -> None:
    account, secret = hmac_account(emulator)
    secret_finding = Finding(SECRET_KEY, "a.env", 2, secret)
    key_finding = Finding(API_KEY, "a.env", 1, account.api_key, pair=secret_finding.fingerprint)
    lonely = Finding(API_KEY, "b.env", 1, random_key())
    creds = credentials_from_findings([key_finding, secret_finding, lonely])
    assert [c.secret is not None for c in creds] == [True, False]
    results = check_findings(
        [key_finding, secret_finding, lonely],
        endpoint=emulator.url,
        allow_unofficial_endpoint=True,
    )
    assert {r.fingerprint: r.status for r in results} == {
        key_finding.fingerprint: "active",
        lonely.fingerprint: "unpaired",
    }


def test_check_findings_refuses_unofficial_endpoint_as_usage_error(emulator: Emulator) -> None:
    with pytest.raises(click.UsageError, match="refusing endpoint"):
        check_findings([Finding(API_KEY, "a", 1, random_key())], endpoint=emulator.url)
    with pytest.raises(EndpointError):
        check_credentials([], endpoint=emulator.url)
    assert emulator.requests == []


def test_risk_of_unknown_ip_restriction_counts_as_none() -> None:
    assert risk_of({"canTrade": True}, None) == "high"
    assert risk_of({}, None) == "medium"


def test_age_is_from_now() -> None:
    from binance_secrets.plugins.livecheck.check import _created

    now = datetime(2025, 1, 31, tzinfo=timezone.utc)
    created, age = _created(int(datetime(2025, 1, 1, tzinfo=timezone.utc).timestamp() * 1000), now)
    assert created == "2025-01-01T00:00:00Z" and age == 30
    assert _created(None, now) == (None, None)
