"""The playbook names the right platform's pages, the right "since", and the right steps for
each outcome: every rule of tailor_steps at its edges, through the public functions."""

from __future__ import annotations

import pytest

from binance_secrets.plugins.livecheck.playbook import (
    SHARED,
    STEPS,
    all_steps,
    risk_reason,
    tailor,
    tailor_steps,
)

PLATFORM_PAGES = {
    "binance.com": (
        "https://www.binance.com/en/my/settings/api-management",
        "Account > Security > Disable account",
        "https://www.binance.com/en/support",
    ),
    "binance.us": (
        "https://www.binance.us/settings/api-management",
        "ask Binance.US support to lock the account",
        "https://support.binance.us",
    ),
    "demo": (
        "https://demo.binance.com/en/my/settings/api-management",
        "demo trading belongs to it",
        "https://www.binance.com/en/support",
    ),
    "testnet": (
        "https://testnet.binance.vision",
        "shares anything with the testnet key",
        "https://www.binance.com/en/support",
    ),
    "futures-testnet": (
        "https://testnet.binancefuture.com",
        "shares anything with the testnet key",
        "https://www.binance.com/en/support",
    ),
}


@pytest.mark.parametrize("platform", PLATFORM_PAGES)
def test_each_platform_s_steps_name_its_own_pages(platform: str) -> None:
    url, freeze, support = PLATFORM_PAGES[platform]
    steps = dict(tailor_steps("active", {"enableWithdrawals": True}, platform=platform))
    assert url in steps["delete"]
    assert freeze in steps["freeze"]
    assert support in " ".join(steps.values())
    others = {u for p, (u, _, _) in PLATFORM_PAGES.items() if u != url and url not in u}
    assert not any(other in " ".join(steps.values()) for other in others if other not in url)


def test_an_unknown_or_empty_platform_gets_binance_com_s_pages() -> None:
    for platform in ("", "binance.xyz"):
        steps = dict(tailor_steps("active", {}, platform=platform))
        assert PLATFORM_PAGES["binance.com"][0] in steps["delete"]


def test_since_is_the_commit_date_or_says_where_to_find_it() -> None:
    assert "since 2024-05-01." in dict(tailor_steps("active", {}, "2024-05-01"))["review"]
    first = dict(tailor_steps("active", {}))["review"]
    assert "since the key was first committed (binance-secrets sweep shows the commit)" in first
    blocked = tailor_steps("active", {}, committed=False)
    assert "since the key was created." in dict(blocked)["review"]
    assert "history" not in dict(blocked)
    assert [step for step, _ in blocked][-1] == "copies"  # the steps after it still come
    blocked_since = dict(tailor_steps("active", {}, "2024-05-01", committed=False))
    assert "since 2024-05-01." in blocked_since["review"]


def test_each_outcome_gets_its_own_steps_in_order() -> None:
    order = list(STEPS)

    def ids(status: str, permissions: dict[str, bool] | None = None) -> list[str]:
        chosen = [step for step, _ in tailor_steps(status, permissions)]
        assert chosen == sorted(chosen, key=order.index)  # the order to act in
        return chosen

    everything = {"enableWithdrawals": True, "enableSpotAndMarginTrading": True}
    assert ids("active", everything) == [s for s in order if s != "confirm_deleted"]
    assert ids("invalid") == ["history", "copies"]
    assert ids("revoked_or_ip_blocked")[0] == "confirm_deleted"
    assert "delete" not in ids("revoked_or_ip_blocked")
    for status in ("secret_mismatch", "unpaired", "unknown", "no-such-status"):
        chosen = ids(status, everything)
        assert chosen[0] == "delete" and "confirm_deleted" not in chosen
        assert "money_out" not in chosen  # said only of a key known to move money
        assert "review_trades" in chosen  # permissions unknown: said conditionally
    assert "review_trades" not in ids("active", {"enableWithdrawals": True})
    assert "money_out" not in ids("active", {"enableSpotAndMarginTrading": True})


def test_shared_steps_are_the_account_replacement_and_clean_up() -> None:
    assert {"delete", "confirm_deleted", "money_out", "review", "review_trades"}.isdisjoint(SHARED)
    assert {
        "freeze", "sub_accounts", "new_key", "ip_whitelist", "one_per_purpose", "third_party",
        "rotate", "history", "copies",
    } == SHARED  # fmt: skip
    assert set(STEPS) >= SHARED


def test_respond_lists_every_step_but_confirm_deleted() -> None:
    steps = all_steps()
    assert len(steps) == len(STEPS) - 1
    assert not any("Make sure the key is deleted" in s for s in steps)
    assert tailor("active", {}) == [text for _, text in tailor_steps("active", {})]


@pytest.mark.parametrize(
    ("status", "start"),
    [
        ("invalid", "Binance does not know this key"),
        ("unpaired", "Its secret was not found"),
        ("secret_mismatch", "The key exists, but no secret found signs for it"),
        ("revoked_or_ip_blocked", "Deleted, or live behind an IP whitelist"),
        ("unknown", "Binance could not be asked"),
    ],
)
def test_risk_reason_of_each_outcome(status: str, start: str) -> None:
    reason = risk_reason(status, {"enableWithdrawals": True}, False)
    assert reason.startswith(start)


def test_risk_reason_names_every_way_money_leaves_once() -> None:
    everything = {
        "enableWithdrawals": True,
        "canWithdraw": True,
        "enableInternalTransfer": True,
        "permitsUniversalTransfer": True,
    }
    assert risk_reason("active", everything, True) == (
        "Withdrawals, internal transfer and universal transfer enabled: funds can be moved "
        "out of the account."
    )
    assert risk_reason("active", {"enableWithdrawals": False}, True).startswith("Read-only, and")
    assert risk_reason("active", {"enableMargin": True}, True) == (
        "Trading enabled, but only from the whitelisted IP addresses."
    )
    assert risk_reason("active", {"enableMargin": True}, None).startswith(
        "Trading enabled and no IP whitelist"
    )
    assert risk_reason("active", {}, None) == (
        "Read-only, from anywhere: balances, orders and history are exposed."
    )


@pytest.mark.parametrize("status", ["revoked_or_ip_blocked", "invalid"])
def test_a_key_binance_refuses_after_check_deleted_is_confirmed_deleted(status: str) -> None:
    from binance_secrets.plugins.livecheck.playbook import risk_reason

    said = risk_reason(status, {}, None, deleted=True)
    assert said == "Deleted, as you said: Binance no longer accepts it."


@pytest.mark.parametrize(
    ("status", "live_only"),
    [("revoked_or_ip_blocked", ["confirm_deleted"]), ("unknown", ["delete"]),
     ("active", ["delete", "money_out"])],
)  # fmt: skip
def test_deleted_leaves_out_exactly_the_steps_only_a_live_key_needs(
    status: str, live_only: list[str]
) -> None:
    from binance_secrets.plugins.livecheck.playbook import tailor_steps

    def steps(deleted: bool) -> list[str]:
        chosen = tailor_steps(status, {"enableWithdrawals": True}, deleted=deleted)
        return [step for step, _ in chosen]

    assert [step for step in steps(False) if step not in steps(True)] == live_only
    assert [step for step in steps(True) if step not in steps(False)] == []


def test_the_whole_playbook_for_respond_has_every_step_but_confirm_deleted() -> None:
    """`respond` knows nothing of the key: every step, in order, except confirming a
    deletion Binance has not been asked about."""
    from binance_secrets.plugins.livecheck.playbook import all_step_texts

    assert [step for step, _ in all_step_texts()] == [
        "delete", "money_out", "review", "review_trades", "freeze", "sub_accounts", "new_key",
        "ip_whitelist", "one_per_purpose", "third_party", "rotate", "history", "copies",
    ]  # fmt: skip


def test_a_read_only_key_s_steps_in_full_with_and_without_history() -> None:
    from binance_secrets.plugins.livecheck.playbook import tailor_steps

    every = ["delete", "review", "freeze", "sub_accounts", "new_key", "ip_whitelist",
             "one_per_purpose", "third_party", "rotate", "history", "copies"]  # fmt: skip
    read_only = {"enableReading": True}
    assert [step for step, _ in tailor_steps("active", read_only)] == every
    never_committed = tailor_steps("active", read_only, committed=False)
    assert [step for step, _ in never_committed] == [s for s in every if s != "history"]


def test_risk_reason_for_cleaned_and_deleted_keys() -> None:
    from binance_secrets.plugins.livecheck.playbook import risk_reason

    assert risk_reason("unknown", {}, None).startswith("Binance could not be asked")
    assert risk_reason("invalid", {}, None) == "Binance does not know this key: it cannot be used."
    assert risk_reason("unknown", {}, None, deleted=True).startswith("Binance could not be asked")
    assert risk_reason("unknown", {}, None, cleaned=True).startswith(
        "Cleaned from the work tree: the value is no longer where the report found it"
    )
    assert risk_reason("unknown", {}, None, deleted=True, cleaned=True) == (
        "Cleaned from the work tree, and deleted at Binance, as you said."
    )
    assert risk_reason("active", {"enableReading": True}, None, deleted=True).startswith(
        "You said it was deleted, but Binance still accepts it"
    )
