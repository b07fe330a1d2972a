"""The leak-response playbook: every step's text lives here, once, and so does the one
sentence that says why a key has its risk.

``respond`` prints all steps, worded conditionally where it knows nothing about the key
(:data:`IF_UNKNOWN`); ``check`` prints the ones that apply to each key's outcome (no
"withdrawals" step for a key that cannot withdraw, no trading advice for a read-only key, no
"delete" step for a key Binance says does not exist), the key's own steps per key and the
:data:`SHARED` ones (about the replacement key and the clean-up) once. Advice follows
Binance's own: "If you notice unusual activity in your account, immediately revoke all the
keys and contact Binance support"
(https://developers.binance.com/docs/binance-spot-api-docs/rest-api/request-security).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .binance_api import (
    API_MANAGEMENT_URL,
    MONEY_OUT_FIELDS,
    TRADING_FIELDS,
)


@dataclass(frozen=True)
class Pages:
    """Where a platform's own steps are taken: its API Management page, how to freeze the
    account, and its support."""

    api_management: str
    freeze: str
    support: str


# endpoints.PLATFORM_OF -> its pages. binance.com: the Security page's "Disable account";
# Binance.US locks an account through its support; demo trading's keys are managed on
# https://demo.binance.com/en/my/settings/api-management (binance-spot-api-docs demo-mode
# general-info.md); the testnets' keys on the testnet sites themselves.
PAGES: dict[str, Pages] = {
    "binance.com": Pages(
        API_MANAGEMENT_URL,
        "freeze the account (Account > Security > Disable account)",
        "Binance support (https://www.binance.com/en/support)",
    ),
    "binance.us": Pages(
        "https://www.binance.us/settings/api-management",
        "ask Binance.US support to lock the account",
        "Binance.US support (https://support.binance.us)",
    ),
    "demo": Pages(
        "https://demo.binance.com/en/my/settings/api-management",
        "freeze your Binance account (Account > Security > Disable account): demo "
        "trading belongs to it",
        "Binance support (https://www.binance.com/en/support)",
    ),
    "testnet": Pages(
        "https://testnet.binance.vision",
        "freeze your Binance account if it shares anything with the testnet key "
        "(Account > Security > Disable account)",
        "Binance support (https://www.binance.com/en/support)",
    ),
    "futures-testnet": Pages(
        "https://testnet.binancefuture.com",
        "freeze your Binance account if it shares anything with the testnet key "
        "(Account > Security > Disable account)",
        "Binance support (https://www.binance.com/en/support)",
    ),
}
DEFAULT_PLATFORM = "binance.com"

# "review activity since ..." for a key that never reached a commit (no commit date to use).
NEVER_COMMITTED_SINCE = "the key was created"

# id -> text; {since} and {age} are filled in by tailor(). Order is the order to act in.
STEPS: dict[str, str] = {
    "delete": (
        "Delete the API key now on the API Management page ({url}). Deleting is the only "
        "sure stop: a leaked key with fewer permissions is still a leaked key."
    ),
    "confirm_deleted": (
        "Make sure the key is deleted on the API Management page ({url}): Binance answers "
        "the same for a deleted key and for a live key bound to other IP addresses."
    ),
    "money_out": (
        "This key can move funds out (withdrawals or internal/universal transfers): check "
        "the withdrawal and transfer history first, and report any unknown address to support."
    ),
    "review": (
        "Check balances and recent orders, withdrawals and transfers since {since}."
    ),
    "review_trades": (
        "Look for trades at extreme prices on illiquid pairs since then: the usual way to "
        "drain a key that can trade but not withdraw."
    ),
    "freeze": (
        "If anything looks foreign, {freeze} and contact {support} with the times and "
        "order ids."
    ),
    # A master account's key can create API keys for its sub-accounts ("Create Sub-account
    # API Key V2 (For Master Account)", POST /sapi/v2/sub-account/subAccountApi,
    # https://developers.binance.com/legacy-docs/zh-CN/sub_account/api-management/
    # Create-Sub-account-API-Key-V2): deleting the leaked key leaves those.
    "sub_accounts": (
        "If this is a master account, review the API keys of every sub-account too and delete "
        "any you did not create: whoever held the master key could create them."
    ),
    "new_key": (
        "Create a new key with only the permissions its use needs (reading, and trading only "
        "if the bot trades); never enable withdrawals unless the use truly needs them."
    ),
    "ip_whitelist": (
        "Bind the new key to an IP whitelist (Edit restrictions > Restrict access to trusted "
        "IPs only), so a leaked copy is useless elsewhere."
    ),
    "one_per_purpose": (
        "Use one key per purpose (per bot, service or platform), so one leak is deleted "
        "without stopping the others."
    ),
    "third_party": ("Never give withdrawal rights to a key you hand to a third-party platform."),
    "rotate": (
        "Rotate the new key every 1-3 months (a calendar reminder will do), so a copy that "
        "leaks unnoticed stops working."
    ),
    "history": (
        "Remove the value from git history (a deleted file is still in history): "
        "`binance-secrets sweep --replacements FILE` (FILE outside the repository) shows each "
        "place a copy lives and prints the steps: git filter-repo rewrite, verify, force-push "
        "every branch and tag, re-clone, ask the hosting service to purge old commits."
    ),
    "copies": (
        "Remove it from every place it was copied: CI secrets, forks, clones, backups, "
        "container images, chats and tickets."
    ),
}

# The wording ``respond`` uses for steps that state a fact about the key: it knows nothing.
IF_UNKNOWN: dict[str, str] = {
    "money_out": (
        "If the key can move funds out (withdrawals or internal/universal transfers; "
        "`binance-secrets check` tells), check the withdrawal and transfer history first, and "
        "report any unknown address to support."
    ),
    "review_trades": (
        "If the key can trade, look for trades at extreme prices on illiquid pairs since then: "
        "the usual way to drain a key that can trade but not withdraw."
    ),
}

# Steps the same for every key (the account, the replacement key, the clean-up), so
# `check` prints them once after the keys' own steps.
SHARED = frozenset(
    {
        "freeze",
        "sub_accounts",
        "new_key",
        "ip_whitelist",
        "one_per_purpose",
        "third_party",
        "rotate",
        "history",
        "copies",
    }
)

# Which steps apply to each outcome (before permission-specific filtering).
_BY_STATUS: dict[str, tuple[str, ...]] = {
    "active": tuple(s for s in STEPS if s != "confirm_deleted"),
    "secret_mismatch": tuple(s for s in STEPS if s not in ("confirm_deleted", "money_out")),
    "revoked_or_ip_blocked": tuple(s for s in STEPS if s not in ("delete", "money_out")),
    "invalid": ("history", "copies"),
    "unpaired": tuple(s for s in STEPS if s not in ("confirm_deleted", "money_out")),
    "unknown": tuple(s for s in STEPS if s not in ("confirm_deleted", "money_out")),
}


def _render(
    step: str,
    since: str | None,
    wording: Mapping[str, str] = STEPS,
    platform: str = DEFAULT_PLATFORM,
) -> str:
    pages = PAGES.get(platform, PAGES[DEFAULT_PLATFORM])
    return wording.get(step, STEPS[step]).format(
        url=pages.api_management,
        freeze=pages.freeze,
        support=pages.support,
        since=since or "the key was first committed (binance-secrets sweep shows the commit)",
    )


def all_step_texts(since: str | None = None) -> list[tuple[str, str]]:
    """(step id, text) of the whole playbook, for ``respond``: nothing is known about the
    key, so steps that depend on its permissions say "if"."""
    return [(step, _render(step, since, IF_UNKNOWN)) for step in STEPS if step != "confirm_deleted"]


def all_steps(since: str | None = None) -> list[str]:
    """The texts of :func:`all_step_texts`."""
    return [text for _, text in all_step_texts(since)]


# What Binance answers for a deleted key (it cannot tell it from a key bound to other IPs).
GONE = ("revoked_or_ip_blocked", "invalid")
# The steps only a key that may still work needs: gone once the user deleted it.
LIVE_ONLY = ("delete", "confirm_deleted", "money_out")


def tailor_steps(
    status: str,
    permissions: Mapping[str, bool] | None = None,
    since: str | None = None,
    committed: bool = True,
    platform: str = DEFAULT_PLATFORM,
    deleted: bool = False,
) -> list[tuple[str, str]]:
    """(step id, text) for one key's outcome, in order, the ones that do not apply left out.

    ``committed=False`` (a commit was blocked, the key never reached history): no
    history-rewrite step, which would send the user to rewrite history for nothing. A key
    Binance showed to be read-only gets no trading advice; one whose permissions are unknown
    gets it, worded conditionally. ``platform`` (endpoints.PLATFORM_OF) chooses whose
    pages the steps name. ``deleted`` (the user deleted the key, and Binance no longer
    accepts it): the steps only a live key needs are left out.
    """
    permissions = permissions or {}
    known = status == "active"
    chosen: list[tuple[str, str]] = []
    if not committed and since is None:
        since = NEVER_COMMITTED_SINCE
    for step in _BY_STATUS.get(status, _BY_STATUS["unknown"]):
        if step == "history" and not committed:
            continue
        if deleted and step in LIVE_ONLY:
            continue
        if step == "money_out" and not any(permissions.get(f) for f in MONEY_OUT_FIELDS):
            continue
        trades = any(permissions.get(f) for f in TRADING_FIELDS)
        if step == "review_trades" and known and not trades:
            continue
        wording = STEPS if known else IF_UNKNOWN
        chosen.append((step, _render(step, since, wording, platform or DEFAULT_PLATFORM)))
    return chosen


def tailor(
    status: str,
    permissions: Mapping[str, bool] | None = None,
    since: str | None = None,
    committed: bool = True,
) -> list[str]:
    """The texts of :func:`tailor_steps`."""
    return [text for _, text in tailor_steps(status, permissions, since, committed)]


# The risk's reason for a reported key whose value could not be read again (its file or
# commit is not where the report says): nothing was sent, so Binance said nothing.
NOT_READ_REASON = (
    "Its value could not be read here, so Binance was not asked (see the reason): treat it "
    "as live."
)


def risk_reason(
    status: str,
    permissions: Mapping[str, bool],
    ip_restricted: bool | None,
    deleted: bool = False,
    cleaned: bool = False,
) -> str:
    """One sentence saying why a key has its risk (check.risk_of decides the level).
    ``deleted``: the user says the key was deleted; ``cleaned``: its value is no longer
    where the report found it, so it could not be asked about."""
    if deleted and status in GONE:
        return "Deleted, as you said: Binance no longer accepts it."
    if deleted and status == "active":
        return "You said it was deleted, but Binance still accepts it: it is live, delete it now."
    if cleaned and deleted:
        return "Cleaned from the work tree, and deleted at Binance, as you said."
    if cleaned:
        return (
            "Cleaned from the work tree: the value is no longer where the report found it, so "
            "Binance was not asked. Check the report kept from before the clean-up to know "
            "whether the key still works, or confirm it is deleted on the API Management page."
        )
    if status == "invalid":
        return "Binance does not know this key: it cannot be used."
    if status == "unpaired":
        return "Its secret was not found, so Binance could not be asked: treat it as live."
    if status == "secret_mismatch":
        return (
            "The key exists, but no secret found signs for it, so its permissions are "
            "unknown: treat it as live, with every permission."
        )
    if status == "revoked_or_ip_blocked":
        return (
            "Deleted, or live behind an IP whitelist that excludes this machine: Binance "
            "does not say which."
        )
    if status != "active":
        return "Binance could not be asked (see the reason): treat it as live."
    money = [_MONEY_WORDS.get(f, f) for f in sorted(MONEY_OUT_FIELDS) if permissions.get(f)]
    trades = any(permissions.get(f) for f in TRADING_FIELDS)
    if money:
        return f"{_join(money)} enabled: funds can be moved out of the account."
    if trades and not ip_restricted:
        return (
            "Trading enabled and no IP whitelist: it can be drained by trades at extreme "
            "prices on illiquid pairs."
        )
    if trades:
        return "Trading enabled, but only from the whitelisted IP addresses."
    if ip_restricted:
        return "Read-only, and only from the whitelisted IP addresses."
    return "Read-only, from anywhere: balances, orders and history are exposed."


_MONEY_WORDS = {
    "enableWithdrawals": "withdrawals",
    "canWithdraw": "withdrawals",
    "enableInternalTransfer": "internal transfer",
    "permitsUniversalTransfer": "universal transfer",
}


def _join(words: list[str]) -> str:
    unique = list(dict.fromkeys(words))
    text = unique[0] if len(unique) == 1 else ", ".join(unique[:-1]) + " and " + unique[-1]
    return text[:1].upper() + text[1:]
