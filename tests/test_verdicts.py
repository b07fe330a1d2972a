"""Verdicts that must not be wrong: an answer the check does not recognise is never taken
for "Binance does not know this key", every permission Binance reports that lets a key trade
or move money raises its risk, and a read-only key is never described as able to trade.

Each case drives the real client against the emulator; the permission names are spelled out
here (Binance's "Get API Key Permission" fields), not read from the code under test, so
dropping one from the code's tables fails a test.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from click.testing import CliRunner

from binance_secrets.hooks.commands.cli import cli
from binance_secrets.plugins.livecheck.check import check_credentials
from binance_secrets.plugins.livecheck.credential import Credential
from binance_secrets.plugins.livecheck.playbook import risk_reason, tailor
from tests.emulator.fixtures import (  # noqa: F401 - fixtures
    CLEAN_ENV,
    FAST_RETRY,
    checked_on,
    emulator_fixture,
    hmac_account,
)
from tests.emulator.server import Emulator

# apiRestrictions booleans that let a key trade (spot, FIX order entry, margin, futures,
# options, portfolio margin): an attacker drains an account by trading at extreme prices.
TRADING = (
    "enableSpotAndMarginTrading",
    "enableFixApiTrade",
    "enableMargin",
    "enableFutures",
    "enableVanillaOptions",
    "enablePortfolioMarginTrading",
)
# apiRestrictions booleans that move money out of the account.
MONEY_OUT = ("enableWithdrawals", "enableInternalTransfer", "permitsUniversalTransfer")


def run_cli(emulator: Emulator, api_key: str, secret: str) -> tuple[int, dict[str, Any]]:
    """`check --format json` with the credentials in the environment: (exit code, the key)."""
    done = CliRunner().invoke(
        cli,
        ["check", "--endpoint", emulator.url, "--allow-unofficial-endpoint", "--format", "json"],
        env={**CLEAN_ENV, "BINANCE_API_KEY": api_key, "BINANCE_API_SECRET": secret},
        catch_exceptions=False,
    )
    (key,) = json.loads(done.stdout)["keys"]
    return done.exit_code, key


# -- an answer the check does not recognise ------------------------------------------------

UNRECOGNISED = [
    pytest.param(401, {"code": -1002, "msg": "You are not authorized to execute this request."},
                 "-1002", id="401 -1002"),
    pytest.param(400, {"code": -1100, "msg": "Illegal characters found in a parameter."},
                 "-1100", id="400 -1100"),
    pytest.param(401, None, "HTTP 401", id="401 no body"),
    pytest.param(400, {"msg": "no code"}, "HTTP 400", id="400 without a code"),
    pytest.param(401, {"code": "-2008", "msg": "a code that is not a number"}, "HTTP 401",
                 id="401 code as a string"),
    pytest.param(401, [1, 2], "HTTP 401", id="401 body not an object"),
    pytest.param(503, {"code": -1001, "msg": "Internal error"}, "503", id="503 -1001"),
]  # fmt: skip


@pytest.mark.parametrize(("status", "body", "said"), UNRECOGNISED)
def test_an_unrecognised_error_is_unknown_never_invalid(
    emulator: Emulator, status: int, body: Any, said: str
) -> None:
    account, secret = hmac_account(emulator, restrictions={"enableWithdrawals": True})
    emulator.queue(status, body, times=5)  # a 5xx is retried: every attempt answers so
    result = checked_on(emulator, account.api_key, secret)
    assert result.status == "unknown", result.reason
    assert result.risk == "unknown" and not result.confirmed
    assert said in result.reason
    # The key is treated as live: the first step deletes it.
    assert result.steps[0].startswith("Delete the API key now")


@pytest.mark.parametrize(("status", "body", "said"), UNRECOGNISED[:3])
def test_an_unrecognised_error_exits_3_not_0(
    emulator: Emulator, status: int, body: Any, said: str
) -> None:
    account, secret = hmac_account(emulator)
    emulator.queue(status, body, times=5)
    code, key = run_cli(emulator, account.api_key, secret)
    assert (code, key["status"], key["risk"]) == (3, "unknown", "unknown")
    assert said in key["reason"]


@pytest.mark.parametrize(
    ("code", "status"),
    [(-2008, "invalid"), (-2014, "invalid"), (-2015, "revoked_or_ip_blocked"),
     (-1022, "secret_mismatch")],
)  # fmt: skip
def test_the_codes_that_are_recognised(emulator: Emulator, code: int, status: str) -> None:
    """The other side of the rule above: exactly these codes pin an outcome down."""
    account, secret = hmac_account(emulator)
    emulator.queue(400 if code in (-2008, -1022) else 401, {"code": code, "msg": "x"})
    result = checked_on(emulator, account.api_key, secret)
    assert result.status == status
    assert f"Binance answered {code} (x)" in result.reason


# -- every permission that lets a key trade or move money ----------------------------------


@pytest.mark.parametrize("field", TRADING + MONEY_OUT)
@pytest.mark.parametrize("whitelisted", [False, True], ids=["anywhere", "whitelisted"])
def test_each_permission_alone_sets_the_risk(
    emulator: Emulator, field: str, whitelisted: bool
) -> None:
    restrictions = {"enableReading": True, **dict.fromkeys(TRADING + MONEY_OUT, False)}
    restrictions[field] = True
    account, secret = hmac_account(emulator, restrictions=restrictions, ip_restrict=whitelisted)
    result = checked_on(emulator, account.api_key, secret)
    assert result.status == "active" and result.ip_restricted is whitelisted
    steps = " ".join(result.steps)
    if field in MONEY_OUT:
        # Binance lets withdrawals be enabled only behind a whitelist: still critical.
        assert result.risk == "critical"
        assert "enabled: funds can be moved out" in result.risk_reason
        assert "can move funds out" in steps
    else:
        assert result.risk == ("medium" if whitelisted else "high")
        assert result.risk_reason.startswith("Trading enabled")
        assert ("no IP whitelist" in result.risk_reason) is not whitelisted
        assert "can move funds out" not in steps
    assert not result.risk_reason.startswith("Read-only")
    # Only a key that can trade gets the extreme-prices review.
    assert ("trades at extreme prices" in steps) is (field in TRADING)


@pytest.mark.parametrize("whitelisted", [False, True], ids=["anywhere", "whitelisted"])
def test_every_permission_off_is_read_only(emulator: Emulator, whitelisted: bool) -> None:
    restrictions = {
        "enableReading": True,
        "enableFixReadOnly": True,  # FIX market data and reports: reading, not trading
        **dict.fromkeys(TRADING + MONEY_OUT, False),
    }
    account, secret = hmac_account(emulator, restrictions=restrictions, ip_restrict=whitelisted)
    result = checked_on(emulator, account.api_key, secret)
    assert result.risk == ("low" if whitelisted else "medium")
    assert result.risk_reason.startswith("Read-only")
    assert "extreme prices" not in " ".join(result.steps)
    assert "can move funds out" not in " ".join(result.steps)


@pytest.mark.parametrize(
    ("restrictions", "risk"),
    [({"enableWithdrawals": True}, "critical"), ({"enableSpotAndMarginTrading": True}, "high"),
     ({"enableReading": True}, "medium")],
)  # fmt: skip
def test_the_account_fallback_fields_set_the_risk(
    emulator: Emulator, restrictions: dict[str, bool], risk: str
) -> None:
    """Where apiRestrictions is unavailable, /api/v3/account's canWithdraw and canTrade decide
    (and say nothing of an IP whitelist)."""
    emulator.api_restrictions_available = False
    account, secret = hmac_account(emulator, restrictions=restrictions, ip_restrict=True)
    result = checked_on(emulator, account.api_key, secret)
    assert result.status == "active" and result.ip_restricted is None
    assert result.risk == risk


# -- a read-only key is never described as able to trade -----------------------------------


def test_a_read_only_key_is_never_described_as_able_to_trade(emulator: Emulator) -> None:
    account, secret = hmac_account(
        emulator, restrictions={"enableReading": True, **dict.fromkeys(TRADING, False)}
    )
    code, key = run_cli(emulator, account.api_key, secret)
    assert (code, key["status"], key["risk"]) == (1, "active", "medium")
    described = " ".join([key["risk_reason"], *key["steps"]]).lower()
    assert key["risk_reason"].startswith("Read-only, from anywhere")
    for claim in ("trading enabled", "can trade", "extreme prices", "can move funds"):
        assert claim not in described, claim


@pytest.mark.parametrize("field", TRADING + ("canTrade",))
def test_playbook_read_only_against_trading(field: str) -> None:
    off = {"enableReading": True, field: False}
    on = {"enableReading": True, field: True}
    for whitelisted in (False, True):
        assert risk_reason("active", off, whitelisted).startswith("Read-only")
        assert not risk_reason("active", on, whitelisted).startswith("Read-only")
    assert not any("extreme prices" in step for step in tailor("active", off))
    assert any("extreme prices" in step for step in tailor("active", on))


@pytest.mark.parametrize("field", MONEY_OUT + ("canWithdraw",))
def test_playbook_money_out_against_read_only(field: str) -> None:
    words = {"enableWithdrawals": "Withdrawals", "canWithdraw": "Withdrawals",
             "enableInternalTransfer": "Internal transfer",
             "permitsUniversalTransfer": "Universal transfer"}  # fmt: skip
    reason = risk_reason("active", {field: True}, True)
    assert reason == f"{words[field]} enabled: funds can be moved out of the account."
    assert any("can move funds out" in step for step in tailor("active", {field: True}))
    assert not any("can move funds out" in step for step in tailor("active", {field: False}))


# -- keys that move no real funds: their venue's request and clock --------------------------


def test_a_futures_testnet_key_syncs_with_the_futures_clock(emulator: Emulator) -> None:
    import secrets
    from dataclasses import replace

    from tests.emulator.server import Account

    key, secret = secrets.token_hex(32), secrets.token_hex(32)
    emulator.add(Account(api_key=key, hmac_secret=secret, restrictions={"enableFutures": True}))
    emulator.clock_skew_ms = -300_000  # the first signed request is refused (-1021)
    credential = replace(Credential.of(key, secret), environment="testnet")
    (result,) = check_credentials(
        [credential], endpoint=emulator.url, allow_unofficial_endpoint=True, retry=FAST_RETRY
    )
    assert result.status == "active" and result.risk == "low"
    paths = [r.path for r in emulator.requests]
    assert "/fapi/v1/time" in paths and "/api/v3/time" not in paths
    assert paths[-1] == "/fapi/v2/account"


@pytest.mark.parametrize(
    ("name", "path", "label"),
    [
        ("testnet", "/api/v3/account", "testnet"),
        ("futures-testnet", "/fapi/v2/account", "futures testnet"),
        ("demo", "/api/v3/account", "demo trading"),
    ],
)
def test_endpoint_naming_a_test_venue_asks_there_first(
    emulator: Emulator, name: str, path: str, label: str
) -> None:
    """`--endpoint testnet` (here mapped to the emulator): a key found without context is
    asked on that venue, with the venue's own request, and moves no real funds."""
    account, secret = hmac_account(emulator, restrictions={"enableSpotAndMarginTrading": True})
    (result,) = check_credentials(
        [Credential.of(account.api_key, secret)],
        endpoint=[name, f"{name}={emulator.url}"],
        allow_unofficial_endpoint=True,
        retry=FAST_RETRY,
    )
    assert result.status == "active" and result.risk == "low"
    assert result.risk_reason == f"active on {label}: no real funds."
    assert [r.path for r in emulator.requests if not r.path.endswith("/time")] == [path]


@pytest.mark.parametrize("word", ["1", "true", "t", "yes", "y", "on", " TRUE ", "Yes"])
def test_the_words_that_allow_an_unofficial_endpoint(word: str) -> None:
    from binance_secrets.plugins.livecheck.binance_api import EndpointSettings

    variable = "BINANCE_SECRETS_ALLOW_UNOFFICIAL_ENDPOINT"
    assert EndpointSettings.from_env({variable: word}).allow_unofficial is True


@pytest.mark.parametrize("word", ["", "0", "false", "no", "off", "n", "2", "yess"])
def test_any_other_word_does_not(word: str) -> None:
    from binance_secrets.plugins.livecheck.binance_api import EndpointSettings

    variable = "BINANCE_SECRETS_ALLOW_UNOFFICIAL_ENDPOINT"
    assert EndpointSettings.from_env({variable: word}).allow_unofficial is False
    assert EndpointSettings.from_env({}).allow_unofficial is False


def test_endpoint_settings_from_the_environment() -> None:
    from binance_secrets.plugins.livecheck.binance_api import DEFAULT_ENDPOINT, EndpointSettings

    empty = EndpointSettings.from_env({})
    assert empty.endpoint == (DEFAULT_ENDPOINT,) == EndpointSettings().endpoint
    assert empty.allow_unofficial is False and empty.ca_bundle is None
    assert EndpointSettings().allow_unofficial is False
    given = EndpointSettings.from_env(
        {
            "BINANCE_SECRETS_ENDPOINT": " testnet  demo=https://x ",
            "BINANCE_SECRETS_CA_BUNDLE": "/ca",
        }
    )
    assert given.endpoint == ("testnet", "demo=https://x") and given.ca_bundle == "/ca"
    assert EndpointSettings.from_env({"BINANCE_SECRETS_CA_BUNDLE": ""}).ca_bundle is None


def test_a_ca_bundle_must_be_a_regular_file_of_at_most_16_mib(tmp_path: Any) -> None:
    from binance_secrets.plugins.livecheck.binance_api import EndpointError, check_ca_bundle

    at_limit, over = tmp_path / "ok.pem", tmp_path / "big.pem"
    with open(at_limit, "wb") as file:
        file.truncate(16 * 1024 * 1024)
    with open(over, "wb") as file:
        file.truncate(16 * 1024 * 1024 + 1)
    check_ca_bundle(str(at_limit))
    check_ca_bundle(None)
    for bad in (over, tmp_path):
        with pytest.raises(EndpointError, match="is not a regular file of at most 16777216"):
            check_ca_bundle(str(bad))
    with pytest.raises(EndpointError, match="No such file"):
        check_ca_bundle(str(tmp_path / "missing.pem"))


@pytest.mark.parametrize("body", [[1, 2], "text", 5, None])
def test_an_accepted_answer_that_is_not_an_object_is_unknown(emulator: Emulator, body: Any) -> None:
    account, secret = hmac_account(emulator)
    emulator.queue(200, body)
    result = checked_on(emulator, account.api_key, secret)
    assert result.status == "unknown" and result.risk == "unknown"
    assert result.reason.startswith("Binance's answer could not be read: the answer is ")


def test_a_rate_limit_says_how_long_binance_asks_to_wait(emulator: Emulator) -> None:
    account, secret = hmac_account(emulator)
    emulator.queue(429, {"code": -1003, "msg": "x"}, {"Retry-After": "3600"})
    result = checked_on(emulator, account.api_key, secret)
    assert result.status == "unknown"
    assert "Binance asks to wait 3600s" in result.reason
