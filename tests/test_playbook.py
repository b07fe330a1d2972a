"""The playbook: one source of truth, `respond`, and tailoring to a key's outcome."""

from __future__ import annotations

import json

from click.testing import CliRunner

from binance_secrets.hooks.commands.cli import cli
from binance_secrets.plugins.livecheck.binance_api import API_MANAGEMENT_URL
from binance_secrets.plugins.livecheck.playbook import IF_UNKNOWN, STEPS, all_steps, tailor


def test_respond_prints_every_step_in_order() -> None:
    result = CliRunner().invoke(cli, ["respond"])
    assert result.exit_code == 0
    out = result.stdout
    flat = " ".join(out.split()).lower()
    for needle in (
        API_MANAGEMENT_URL,
        "Check balances",
        "freeze the account",
        "contact Binance support",
        "only the permissions",
        "IP whitelist",
        "one key per purpose",
        "Never give withdrawal rights",
        "every 1-3 months",
        "git filter-repo",
        "a deleted file is still in history",
        "CI secrets, forks, clones",
    ):
        assert needle.lower() in flat, needle
    numbered = [line for line in out.splitlines() if line[:1].isdigit()]
    assert len(numbered) == len(all_steps())


def test_respond_json_and_since() -> None:
    result = CliRunner().invoke(cli, ["respond", "--format", "json", "--since", "2024-05-01"])
    steps = json.loads(result.stdout)["steps"]
    assert steps == all_steps("2024-05-01")
    assert any("since 2024-05-01" in s for s in steps)


def test_steps_come_from_one_table() -> None:
    rendered = set(all_steps()) | set(tailor("active", {"enableWithdrawals": True}))
    prefixes = {text.split("{")[0][:30] for text in (*STEPS.values(), *IF_UNKNOWN.values())}
    assert all(any(s.startswith(p) for p in prefixes) for s in rendered)


def test_withdrawal_step_only_for_keys_that_can_move_money() -> None:
    def has_money_step(steps: list[str]) -> bool:
        return any("can move funds out" in s for s in steps)

    assert has_money_step(tailor("active", {"enableWithdrawals": True}))
    assert has_money_step(tailor("active", {"permitsUniversalTransfer": True}))
    assert not has_money_step(tailor("active", {"enableReading": True}))
    assert not has_money_step(tailor("revoked_or_ip_blocked", {}))


def test_rotation_advice_for_the_new_key_whatever_the_old_keys_age() -> None:
    for status in ("active", "secret_mismatch", "unpaired", "unknown", "revoked_or_ip_blocked"):
        assert any("Rotate the new key" in s for s in tailor(status, {"enableReading": True}))


def test_no_trading_advice_for_a_read_only_key() -> None:
    def trading(steps: list[str]) -> bool:
        return any("extreme prices" in s for s in steps)

    assert not trading(tailor("active", {"enableReading": True}))
    assert trading(tailor("active", {"enableSpotAndMarginTrading": True}))
    assert trading(tailor("active", {"canTrade": True}))
    # Permissions unknown: said, but conditionally.
    (unknown,) = [s for s in tailor("secret_mismatch") if "extreme prices" in s]
    assert unknown.startswith("If the key can trade")


def test_respond_speaks_conditionally_about_a_key_it_knows_nothing_about() -> None:
    steps = all_steps()
    assert not any(s.startswith("This key can") for s in steps)
    assert any(s.startswith("If the key can move funds out") for s in steps)
    assert any(s.startswith("If the key can trade") for s in steps)


def test_risk_reason_says_why() -> None:
    from binance_secrets.plugins.livecheck.playbook import risk_reason

    assert risk_reason("active", {"enableWithdrawals": True}, True).startswith(
        "Withdrawals enabled"
    )
    assert risk_reason(
        "active", {"enableInternalTransfer": True, "permitsUniversalTransfer": True}, False
    ).startswith("Internal transfer and universal transfer enabled")
    high = risk_reason("active", {"enableSpotAndMarginTrading": True}, False)
    assert "no IP whitelist" in high and "illiquid pairs" in high
    assert risk_reason("active", {"enableReading": True}, True).startswith("Read-only")
    assert "treat it as live" in risk_reason("unpaired", {}, None)


def test_invalid_key_only_needs_cleanup() -> None:
    steps = tailor("invalid")
    assert len(steps) == 2 and "git filter-repo" in steps[0]


def test_revoked_or_ip_blocked_asks_to_confirm_deletion() -> None:
    steps = tailor("revoked_or_ip_blocked")
    assert "Make sure the key is deleted" in steps[0]
    assert not any(s.startswith("Delete the API key now") for s in steps)


def test_unpaired_and_unknown_are_treated_as_live() -> None:
    for status in ("unpaired", "unknown", "secret_mismatch"):
        assert tailor(status)[0].startswith("Delete the API key now")


def test_a_master_account_s_sub_account_keys_are_reviewed_too() -> None:
    """A master key's holder can create sub-account API keys: deleting the leaked key
    leaves them, so every key that may be live gets the step, and respond lists it."""

    def says_sub_accounts(steps: list[str]) -> bool:
        return any("sub-account" in step and "delete" in step for step in steps)

    for status in ("active", "secret_mismatch", "revoked_or_ip_blocked", "unpaired", "unknown"):
        assert says_sub_accounts(tailor(status, {"enableReading": True})), status
    assert not says_sub_accounts(tailor("invalid"))
    assert says_sub_accounts(all_steps())
