"""The details of a live check's result that reach the report: what an unpaired or
unreachable key claims (nothing), the reason a persistent clock refusal gives, the summary
line, and the playbook defaults of ``finish``.

Each case pins down one detail a one-token change of plugins/livecheck/check.py would get
wrong while every verdict test still passes (tests/mutation/run.py found them).
"""

from __future__ import annotations

import json
import socket
from pathlib import Path
from typing import Any, Callable

import pytest
from click.testing import CliRunner

from binance_secrets.hooks.commands.cli import cli
from binance_secrets.plugins.livecheck.check import (
    KeyResult,
    check_credential,
    check_credentials,
    finish,
)
from binance_secrets.plugins.livecheck.client import BinanceClient
from binance_secrets.plugins.livecheck.credential import Credential
from tests.emulator.fixtures import (  # noqa: F401 - fixtures
    CLEAN_ENV,
    FAST_RETRY,
    checked_on,
    emulator_fixture,
    hmac_account,
)
from tests.emulator.server import Emulator
from tests.fake_values import random_key

CLOCK_REFUSAL = {"code": -1021, "msg": "Timestamp for this request is outside of the recvWindow."}


def check_json(*options: str, env: dict[str, str]) -> tuple[int, dict[str, Any], str]:
    """`check --format json`: (exit code, the one key's object, standard error)."""
    done = CliRunner().invoke(
        cli, ["check", "--format", "json", *options], env={**CLEAN_ENV, **env}
    )
    (key,) = json.loads(done.stdout)["keys"]
    return done.exit_code, key, done.stderr


# What a key Binance was not asked about claims: nothing beyond its status and reason.
NOTHING_CLAIMED = {
    "permissions": {},
    "ip_restricted": None,
    "created_at": None,
    "age_days": None,
    "secret_found_at": None,
    "secrets_tried": 0,
    "hosts_asked": [],
    "trading_authority_expires_at": None,
}


def test_an_unpaired_key_claims_nothing_and_names_its_platform() -> None:
    api_key = random_key()
    code, key, _ = check_json(env={"BINANCE_API_KEY": api_key})
    assert code == 3
    assert (key["status"], key["risk"], key["environment"]) == ("unpaired", "unknown", "unknown")
    assert key["platform"] == "binance.com"
    assert {name: key[name] for name in NOTHING_CLAIMED} == NOTHING_CLAIMED
    assert key["risk_reason"] and key["steps"][0].startswith("Delete the API key now")


def _closed_port() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{probe.getsockname()[1]}"


def test_a_key_that_could_not_be_asked_is_unknown_before_the_playbook() -> None:
    """check_credential alone (no playbook yet): a connection refused leaves the key unknown
    with the transport error as its reason, and nothing else set."""
    api_key, secret = random_key(), random_key()
    url = _closed_port()
    with BinanceClient(url, api_key, Credential.of(api_key, secret).signer, retry=FAST_RETRY) as c:
        result = check_credential(c, Credential.of(api_key, secret))
    assert (result.status, result.risk, result.risk_reason) == ("unknown", "unknown", "")
    assert result.reason and "127.0.0.1" in result.reason
    shown = result.to_json()
    assert {name: shown[name] for name in NOTHING_CLAIMED} == NOTHING_CLAIMED
    assert (shown["environment"], shown["platform"], shown["steps"]) == ("unknown", None, [])


def test_a_clock_refusal_that_persists_says_the_clock_was_synced(emulator: Emulator) -> None:
    account, secret = hmac_account(emulator)
    emulator.queue(400, CLOCK_REFUSAL)
    emulator.queue(200, {"serverTime": emulator.server_time_ms()})
    emulator.queue(400, CLOCK_REFUSAL)
    code, key, _ = check_json(
        "--endpoint",
        emulator.url,
        "--allow-unofficial-endpoint",
        env={"BINANCE_API_KEY": account.api_key, "BINANCE_API_SECRET": secret},
    )
    assert (code, key["status"], key["risk"]) == (3, "unknown", "unknown")
    assert key["reason"] == (
        "Binance answered -1021 (Timestamp for this request is outside of the recvWindow.) "
        "even after syncing with Binance's clock"
    )


def test_the_summary_counts_a_live_key_as_confirmed(emulator: Emulator, tmp_path: Path) -> None:
    account, secret = hmac_account(emulator)
    report = tmp_path / "report.json"
    done = CliRunner().invoke(
        cli,
        ["check", "--endpoint", emulator.url, "--allow-unofficial-endpoint", "--format",
         "json", "--output", str(report)],
        env={**CLEAN_ENV, "BINANCE_API_KEY": account.api_key, "BINANCE_API_SECRET": secret},
    )  # fmt: skip
    assert done.exit_code == 1, done.output
    assert "Live check: 1 key, 1 live, 0 not confirmed." in done.stderr
    assert json.loads(report.read_text())["keys"][0]["status"] == "active"


def test_the_summary_counts_an_unpaired_key_as_not_confirmed(tmp_path: Path) -> None:
    report = tmp_path / "report.json"
    done = CliRunner().invoke(
        cli,
        ["check", "--format", "json", "--output", str(report)],
        env={**CLEAN_ENV, "BINANCE_API_KEY": random_key()},
    )
    assert done.exit_code == 3, done.output
    assert "Live check: 1 key, 0 live, 1 not confirmed." in done.stderr


def test_finish_by_default_words_a_committed_key_for_binance_com() -> None:
    """finish's defaults: committed (the history step is there), Binance.com's pages, not
    deleted, not cleaned, no "since"."""
    for status in ("active", "invalid", "revoked_or_ip_blocked", "unknown"):
        by_default = finish(KeyResult("fp", "AAAA...", status, ip_restricted=False))
        spelled_out = finish(
            KeyResult("fp", "AAAA...", status, ip_restricted=False),
            since=None, committed=True, platform="binance.com", deleted=False, cleaned=False,
        )  # fmt: skip
        assert (by_default.risk, by_default.risk_reason, by_default.steps) == (
            spelled_out.risk, spelled_out.risk_reason, spelled_out.steps,
        ), status  # fmt: skip
        steps = " ".join(by_default.steps)
        assert "git filter-repo" in steps, status
        assert "binance.us" not in steps, status
        assert ("binance.com" in steps) is (status != "invalid"), status
    assert finish(KeyResult("fp", "AAAA...", "invalid")).risk == "none"
    assert finish(KeyResult("fp", "AAAA...", "revoked_or_ip_blocked")).risk == "unknown"


def _checked(emulator: Emulator, **settings: Any) -> KeyResult:
    account, secret = hmac_account(emulator, **settings)
    return checked_on(emulator, account.api_key, secret)


LAST_MS = 253_402_300_799_999  # 9999-12-31T23:59:59.999Z, the last printable time


def test_the_last_printable_time_is_read_and_the_next_is_refused(emulator: Emulator) -> None:
    last = _checked(
        emulator,
        create_time_ms=LAST_MS,
        restrictions={"enableReading": True, "tradingAuthorityExpirationTime": LAST_MS},
    )
    assert last.status == "active"
    assert last.created_at == last.trading_expires_at == "9999-12-31T23:59:59.999000Z"
    for field in ("createTime", "tradingAuthorityExpirationTime"):
        settings: dict[str, Any] = {"restrictions": {"enableReading": True}}
        if field == "createTime":
            settings["create_time_ms"] = LAST_MS + 1
        else:
            settings["restrictions"][field] = LAST_MS + 1
        after = _checked(emulator, **settings)
        assert (after.status, after.risk) == ("unknown", "unknown"), field
        assert after.reason == (
            f"Binance's answer could not be read: {field} is {LAST_MS + 1}, not a time"
        )


def test_the_first_millisecond_of_the_epoch_is_a_time(emulator: Emulator) -> None:
    first = _checked(emulator, create_time_ms=1)
    assert first.status == "active" and first.created_at == "1970-01-01T00:00:00.001000Z"


def test_a_key_created_today_or_ahead_of_our_clock_is_0_days_old(emulator: Emulator) -> None:
    from tests.emulator.fixtures import created_days_ago

    for created in (created_days_ago(0), created_days_ago(-3)):
        result = _checked(emulator, create_time_ms=created)
        assert (result.status, result.age_days) == ("active", 0)


def test_a_long_wrong_value_is_cut_at_40_characters_in_the_reason(emulator: Emulator) -> None:
    """The reason shows a wrong value's repr whole up to 40 characters, then its first 40
    and "..."."""
    for value, shown in (("x" * 38, "'" + "x" * 38 + "'"), ("x" * 39, "'" + "x" * 39 + "...")):
        result = _checked(emulator, restrictions={"enableReading": True, "enableMargin": value})
        assert result.status == "unknown"
        assert result.reason == (
            f"Binance's answer could not be read: enableMargin is {shown}, not true or false"
        )


def test_an_error_without_a_code_says_unexpected_answer(emulator: Emulator) -> None:
    account, secret = hmac_account(emulator)
    emulator.queue(401, None)
    result = check_json(
        "--endpoint",
        emulator.url,
        "--allow-unofficial-endpoint",
        env={"BINANCE_API_KEY": account.api_key, "BINANCE_API_SECRET": secret},
    )[1]
    assert result["reason"] == "HTTP 401: unexpected answer"


def test_a_rate_limit_without_retry_after_says_the_wait_is_unknown(emulator: Emulator) -> None:
    account, secret = hmac_account(emulator)
    emulator.queue(429, {"code": -1003, "msg": "Too many requests."}, times=5)
    result = checked_on(emulator, account.api_key, secret)
    assert result.status == "unknown"
    assert "rate limited; Binance asks to wait ?s, try later" in result.reason


def test_the_account_fallback_reads_only_the_key_s_three_flags(emulator: Emulator) -> None:
    """Where apiRestrictions is unavailable, /api/v3/account answers, with account settings
    (brokered, requireSelfTradePrevention, preventSor) beside canTrade, canWithdraw and
    canDeposit: only those three are permissions, and nothing else of the account is kept."""
    emulator.api_restrictions_available = False
    result = _checked(emulator, restrictions={"enableSpotAndMarginTrading": True})
    assert (result.status, result.risk) == ("active", "high")
    assert result.permissions == {"canTrade": True, "canWithdraw": False, "canDeposit": True}
    assert result.extra == {}
    assert result.reason == "Binance accepted the key and its secret"


def test_a_key_without_a_secret_is_unpaired_and_nothing_is_sent(emulator: Emulator) -> None:
    """check_credential alone, for a credential with no secret: nothing to sign with."""
    account, _ = hmac_account(emulator)
    credential = Credential.of(account.api_key, None)
    with BinanceClient(emulator.url, account.api_key, None, retry=FAST_RETRY) as client:
        result = check_credential(client, credential)
    assert (result.status, result.reason) == ("unpaired", "no secret to sign with")
    assert emulator.requests == []


def test_finish_with_deleted_keeps_live_steps_only_for_a_key_binance_accepts() -> None:
    """`check --deleted`: a key Binance refuses is the confirmation (risk none, no live
    steps); one it still accepts keeps every live step; one it could not be asked about
    stays unknown, its live steps left out as the user asked."""
    gone = finish(KeyResult("fp", "AAAA...", "revoked_or_ip_blocked"), deleted=True)
    assert gone.risk == "none"
    assert gone.risk_reason == "Deleted, as you said: Binance no longer accepts it."
    assert not any(step.startswith("Delete the API key now") for step in gone.steps)

    live = KeyResult("fp", "AAAA...", "active", permissions={"enableReading": True})
    live.risk = "medium"
    live = finish(live, deleted=True)
    assert live.risk == "medium"
    assert live.risk_reason.startswith("You said it was deleted, but Binance still accepts it")
    assert live.steps[0].startswith("Delete the API key now")

    for status in ("unknown", "secret_mismatch", "unpaired"):
        unasked = finish(KeyResult("fp", "AAAA...", status, risk="high"), deleted=True)
        assert unasked.risk == "unknown", status
        assert not any(step.startswith("Delete the API key now") for step in unasked.steps)


def test_check_credentials_asks_binance_com_by_default() -> None:
    """No endpoint given: Binance.com (a key without a secret sends nothing, so the default
    shows in where the key most likely lives)."""
    (result,) = check_credentials([Credential.of(random_key(), None)])
    assert (result.status, result.platform) == ("unpaired", "binance.com")


def test_a_missing_ca_bundle_is_refused_before_anything_is_sent(
    emulator: Emulator, tmp_path: Path
) -> None:
    import pytest

    from binance_secrets.plugins.livecheck.binance_api import EndpointError

    account, secret = hmac_account(emulator)
    with pytest.raises(EndpointError, match="No such file"):
        check_credentials(
            [Credential.of(account.api_key, secret)],
            endpoint=emulator.url,
            allow_unofficial_endpoint=True,
            ca_bundle=str(tmp_path / "missing.pem"),
            retry=FAST_RETRY,
        )
    assert emulator.requests == []


def test_a_reported_key_that_could_not_be_read_again_is_treated_as_live() -> None:
    from dataclasses import replace

    from binance_secrets.plugins.livecheck.playbook import NOT_READ_REASON

    api_key = random_key()
    unread = replace(
        Credential.of(api_key, None), api_key=None, unavailable="app.env is not in this clone"
    )
    (result,) = check_credentials([unread])
    assert (result.status, result.risk) == ("unknown", "unknown")
    assert result.reason == "app.env is not in this clone"
    assert result.risk_reason == NOT_READ_REASON
    (cleaned,) = check_credentials([replace(unread, cleaned=True)])
    assert cleaned.risk_reason.startswith("Cleaned from the work tree")


def test_a_key_asked_at_a_plain_url_lives_where_its_context_says(emulator: Emulator) -> None:
    """One server for every key (a plain --endpoint URL): no official host answered, so the
    platform is the context's (Binance.com here), whatever the answer; a key Binance does
    not know keeps the reason of its one answer."""
    active = _checked(emulator)
    assert (active.status, active.platform) == ("active", "binance.com")
    assert active.secret_found_at is None  # given, not found anywhere
    (invalid,) = check_credentials(
        [Credential.of(random_key(), random_key())],
        endpoint=emulator.url,
        allow_unofficial_endpoint=True,
        retry=FAST_RETRY,
    )
    assert (invalid.status, invalid.platform) == ("invalid", "binance.com")
    assert invalid.reason == (
        "Binance answered -2008 (Invalid Api-Key ID.): Binance does not know this key"
    )
    # No official host was asked: the answer names the URL, and no endpoint name.
    assert invalid.hosts_asked == [
        {"endpoint": "", "url": emulator.url, "status": "invalid", "answer": invalid.reason}
    ]


def _asked_of_com_then_us(
    credential: Callable[[Emulator, Emulator], Credential],
) -> tuple[KeyResult, Emulator, Emulator]:
    """The verdict on ``credential(com, us)`` with binance.com's and Binance.US's hosts
    asked in that order, each its own emulator (stopped before returning)."""
    com, us = Emulator().start(), Emulator().start()
    try:
        (result,) = check_credentials(
            [credential(com, us)],
            endpoint=[f"binance={com.url}", f"binance-us={us.url}"],
            allow_unofficial_endpoint=True,
            retry=FAST_RETRY,
        )
    finally:
        com.stop()
        us.stop()
    return result, com, us


def _account_on(emulator: Emulator, **settings: Any) -> Credential:
    account, secret = hmac_account(emulator, **settings)
    return Credential.of(account.api_key, secret)


def test_a_key_the_second_host_knows_keeps_that_host_s_reason() -> None:
    result, _, _ = _asked_of_com_then_us(lambda com, us: _account_on(us))
    assert (result.status, result.platform) == ("active", "binance.us")
    assert result.reason == "Binance accepted the key and its secret"
    assert [entry["status"] for entry in result.hosts_asked] == ["invalid", "active"]
    assert [entry["endpoint"] for entry in result.hosts_asked] == ["binance", "binance-us"]


def test_a_key_no_host_knows_lists_each_host_s_answer() -> None:
    result, com, us = _asked_of_com_then_us(
        lambda com, us: Credential.of(random_key(), random_key())
    )
    unknown = "Binance answered -2008 (Invalid Api-Key ID.): Binance does not know this key"
    assert (result.status, result.risk) == ("invalid", "none")
    assert result.reason == (
        f"no host asked knows this key: {com.url}: {unknown}; {us.url}: {unknown}"
    )


@pytest.mark.parametrize("refusing", ["binance", "binance-us"])
def test_a_host_that_refuses_the_key_outweighs_one_that_does_not_know_it(refusing: str) -> None:
    """One host answers -2015 (deleted, or behind a whitelist), the other -2008 (unknown),
    in either order: the key may still be live where it was refused, so the verdict is that
    host's, not invalid."""
    result, _, _ = _asked_of_com_then_us(
        lambda com, us: _account_on(com if refusing == "binance" else us, ip_blocked=True)
    )
    platform = "binance.com" if refusing == "binance" else "binance.us"
    assert (result.status, result.risk, result.platform) == (
        "revoked_or_ip_blocked",
        "unknown",
        platform,
    )
    statuses = {entry["endpoint"]: entry["status"] for entry in result.hosts_asked}
    assert statuses == {
        refusing: "revoked_or_ip_blocked",
        ({"binance", "binance-us"} - {refusing}).pop(): "invalid",
    }


def test_an_unasked_key_lives_where_its_context_or_the_endpoint_says() -> None:
    from dataclasses import replace

    expected = {
        "binance-us": "binance.us",
        "testnet": "testnet",
        "demo": "demo",
        "production": "binance.com",
        "unknown": "binance.com",
    }
    for environment, platform in expected.items():
        unpaired = replace(Credential.of(random_key(), None), environment=environment)
        (result,) = check_credentials([unpaired])
        assert (result.status, result.platform) == ("unpaired", platform), environment
    for endpoint, platform in (("binance-us", "binance.us"), ("binance-api2", "binance.com")):
        (result,) = check_credentials([Credential.of(random_key(), None)], endpoint=endpoint)
        assert result.platform == platform, endpoint


def _signed(emulator: Emulator) -> int:
    return sum(1 for r in emulator.requests if not r.path.endswith("/time"))


def test_each_distinct_candidate_secret_is_tried_once(emulator: Emulator) -> None:
    """The paired secret, then the alternatives: one equal to the key itself and a repeat
    of one already tried are never sent."""
    from dataclasses import replace

    from binance_secrets.plugins.livecheck.candidates import SecretOption

    account, secret = hmac_account(emulator)
    wrong = random_key()
    credential = replace(
        Credential.of(account.api_key, wrong),
        secret_where="a.env:1",
        alternatives=[
            SecretOption(wrong, "b.env:2"),
            SecretOption(account.api_key, "c.env:3"),
            SecretOption(random_key(), "e.env:5"),
            SecretOption(secret, "d.env:4"),
        ],
    )
    result = _checked_credential(emulator, credential)
    assert (result.status, result.secrets_tried, _signed(emulator)) == ("active", 3, 3)
    assert result.secret_found_at == "d.env:4"
    assert result.reason == (
        "Binance accepted the key with the secret found at d.env:4; the secret paired with "
        "it at a.env:1 does not sign for it"
    )


def test_a_second_sighting_s_secret_is_tried_with_where_it_was_found(
    emulator: Emulator,
) -> None:
    """One key found twice: its first sighting's secret is wrong, the second's is right and
    the report says where that one was (or nothing, when the sighting did not say)."""
    from dataclasses import replace

    account, secret = hmac_account(emulator)
    first = replace(Credential.of(account.api_key, random_key()), secret_where="a.env:1")
    for where in ("b.env:3", None):
        second = replace(Credential.of(account.api_key, secret), secret_where=where)
        (result,) = check_credentials(
            [first, second],
            endpoint=emulator.url,
            allow_unofficial_endpoint=True,
            retry=FAST_RETRY,
        )
        assert (result.status, result.secret_found_at) == ("active", where)
        assert result.reason.startswith(
            "Binance accepted the key with the secret found" + (f" at {where};" if where else ";")
        )


def _checked_credential(emulator: Emulator, credential: Credential) -> KeyResult:
    (result,) = check_credentials(
        [credential], endpoint=emulator.url, allow_unofficial_endpoint=True, retry=FAST_RETRY
    )
    return result


def test_at_most_8_candidate_secrets_are_tried(emulator: Emulator) -> None:
    from dataclasses import replace

    from binance_secrets.plugins.livecheck.candidates import SecretOption

    account, _ = hmac_account(emulator)
    credential = replace(  # the paired secret was given, not found: no place
        Credential.of(account.api_key, random_key()),
        alternatives=[SecretOption(random_key(), f"b.env:{n}") for n in range(2, 12)],
    )
    result = _checked_credential(emulator, credential)
    assert (result.status, result.secrets_tried, _signed(emulator)) == ("secret_mismatch", 8, 8)
    tried = ", ".join(["paired with it", *(f"b.env:{n}" for n in range(2, 9))])
    assert result.reason.endswith(
        f"; none of the 8 candidate secrets tried (at most 8) signs for it: {tried}"
    )


def test_the_paired_secret_accepted_first_is_its_secret(emulator: Emulator) -> None:
    from dataclasses import replace

    account, secret = hmac_account(emulator)
    credential = replace(Credential.of(account.api_key, secret), secret_where="a.env:1")
    result = _checked_credential(emulator, credential)
    assert (result.status, result.secrets_tried) == ("active", 1)
    assert result.reason == "Binance accepted the key and its secret"
    assert result.secret_found_at == "a.env:1"


def test_each_secret_that_cannot_sign_is_named_in_the_reason(emulator: Emulator) -> None:
    from dataclasses import replace

    from binance_secrets.plugins.livecheck.candidates import SecretOption

    pem = "-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----"
    credential = replace(
        Credential.of(random_key(), pem),
        secret_where="a.pem:1",
        alternatives=[SecretOption(pem.replace("not", "nor"), "b.pem:1")],
    )
    result = _checked_credential(emulator, credential)
    assert result.status == "unknown" and emulator.requests == []
    first, second = result.reason.split("; ")
    assert first.startswith("cannot sign with the secret found at a.pem:1: ")
    assert second.startswith("cannot sign with the secret found at b.pem:1: ")


def test_a_secret_equal_to_its_key_is_not_sent_and_says_why(emulator: Emulator) -> None:
    key = random_key()
    result = _checked_credential(emulator, Credential.of(key, key))
    assert (result.status, emulator.requests) == ("unknown", [])
    assert result.reason.startswith("the only secret found is the API key itself")


def test_scan_verify_asks_binance_com_by_default() -> None:
    from binance_secrets.plugins.detection.engine import scan_text
    from binance_secrets.plugins.livecheck.check import check_findings

    findings = scan_text("binance.env", f"BINANCE_API_KEY={random_key()}\n")
    (result,) = check_findings(findings)
    assert (result.status, result.platform) == ("unpaired", "binance.com")
    assert result.found_at == ["binance.env:1"]


def test_one_wrong_secret_says_so_without_a_list_of_candidates(emulator: Emulator) -> None:
    account, _ = hmac_account(emulator)
    result = checked_on(emulator, account.api_key, random_key())
    assert (result.status, result.secrets_tried) == ("secret_mismatch", 1)
    assert result.reason == (
        "Binance answered -1022 (Signature for this request is not valid.): the key exists "
        "but the secret found with it does not sign for it"
    )


def test_two_wrong_secrets_are_both_named(emulator: Emulator) -> None:
    from dataclasses import replace

    from binance_secrets.plugins.livecheck.candidates import SecretOption

    account, _ = hmac_account(emulator)
    credential = replace(
        Credential.of(account.api_key, random_key()),
        secret_where="a.env:1",
        alternatives=[SecretOption(random_key(), "b.env:2")],
    )
    result = _checked_credential(emulator, credential)
    assert (result.status, result.secrets_tried) == ("secret_mismatch", 2)
    assert result.reason.endswith(
        "; none of the 2 candidate secrets tried (at most 8) signs for it: a.env:1, b.env:2"
    )
