"""The leak-response playbook: every step's text lives here, once.

``respond`` prints all steps; ``check`` prints the ones that apply to each key's outcome
(no "withdrawals" step for a key that cannot withdraw, no "delete" step for a key Binance
says does not exist). Advice follows Binance's own: "If you notice unusual activity in
your account, immediately revoke all the keys and contact Binance support"
(https://developers.binance.com/docs/binance-spot-api-docs/rest-api/request-security).
"""

from __future__ import annotations

from collections.abc import Mapping

from binance_secrets.plugins.livecheck.binance_api import API_MANAGEMENT_URL, MONEY_OUT_FIELDS

ROTATE_AFTER_DAYS = 90

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
        "Check balances and recent trades, orders, withdrawals and transfers since {since}; "
        "look for trades at extreme prices in thin markets, the usual way to drain a "
        "trade-only key."
    ),
    "freeze": (
        "If anything looks foreign, freeze the account (Account > Security > Disable account) "
        "and contact Binance support with the times and order ids."
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
    "rotate": "Rotate keys every 1-3 months{age}.",
    "history": (
        "Remove the value from git history (git filter-repo --replace-text) and force-push "
        "every branch and tag: a deleted file is still in history."
    ),
    "copies": (
        "Remove it from every place it was copied: CI secrets, forks, clones, backups, "
        "container images, chats and tickets."
    ),
}

# Which steps apply to each outcome (before permission- and age-specific filtering).
_BY_STATUS: dict[str, tuple[str, ...]] = {
    "active": tuple(s for s in STEPS if s != "confirm_deleted"),
    "secret_mismatch": tuple(s for s in STEPS if s not in ("confirm_deleted", "money_out")),
    "revoked_or_ip_blocked": tuple(s for s in STEPS if s not in ("delete", "money_out")),
    "invalid": ("history", "copies"),
    "unpaired": tuple(s for s in STEPS if s not in ("confirm_deleted", "money_out")),
    "unknown": tuple(s for s in STEPS if s not in ("confirm_deleted", "money_out")),
}


def _render(step: str, since: str | None, age_days: int | None) -> str:
    age = f"; this key is {age_days} days old" if age_days is not None else ""
    return STEPS[step].format(
        url=API_MANAGEMENT_URL,
        since=since or "the key was first committed (binance-secrets sweep shows the commit)",
        age=age,
    )


def all_steps(since: str | None = None) -> list[str]:
    """The whole playbook, for ``respond`` (nothing known about the key)."""
    return [_render(step, since, None) for step in STEPS if step not in ("confirm_deleted",)]


def tailor(
    status: str,
    permissions: Mapping[str, bool] | None = None,
    age_days: int | None = None,
    since: str | None = None,
    committed: bool = True,
) -> list[str]:
    """The steps for one key's outcome, in order, with the ones that do not apply left out.

    ``committed=False`` (a commit was blocked, the key never reached history): no
    history-rewrite step, which would send the user to rewrite history for nothing.
    """
    permissions = permissions or {}
    chosen: list[str] = []
    if not committed and since is None:
        since = NEVER_COMMITTED_SINCE
    for step in _BY_STATUS.get(status, _BY_STATUS["unknown"]):
        if step == "history" and not committed:
            continue
        if step == "money_out" and not any(permissions.get(f) for f in MONEY_OUT_FIELDS):
            continue
        if step == "rotate" and (age_days is None or age_days <= ROTATE_AFTER_DAYS):
            continue
        chosen.append(_render(step, since, age_days))
    return chosen
