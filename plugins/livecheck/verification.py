"""detect-secrets' ``verify()`` for the Binance plugins, like AWSKeyDetector's.

detect-secrets calls verify() twice per match, hides VERIFIED_FALSE by default and crashes
on any exception other than a requests one. So: results are cached per (key, secret)
pair for the process, nothing is ever raised, and VERIFIED_FALSE means only "Binance says
the key itself is invalid" (-2014/-2008); an ambiguous -2015 or any trouble is UNVERIFIED.

Configuration (environment, since detect-secrets passes no options to plugins):
BINANCE_SECRETS_ENDPOINT (a name or URL, default the official api.binance.com),
BINANCE_SECRETS_ALLOW_UNOFFICIAL_ENDPOINT=1 (tests against an emulator),
BINANCE_SECRETS_CA_BUNDLE (a CA file for a test HTTPS server).
"""

from __future__ import annotations

import os
from typing import Any

ENV_ENDPOINT = "BINANCE_SECRETS_ENDPOINT"
ENV_ALLOW_UNOFFICIAL = "BINANCE_SECRETS_ALLOW_UNOFFICIAL_ENDPOINT"
ENV_CA_BUNDLE = "BINANCE_SECRETS_CA_BUNDLE"

# (sha256 of key, sha256 of secret) -> VerifiedResult; fingerprints, not values, are kept.
_cache: dict[tuple[str, str], Any] = {}


def _pair_from_context(
    secret_type: str, secret: str, context_lines: list[str]
) -> tuple[str | None, str | None]:
    """(api key, secret) for the matched value, paired as the scan pairs them."""
    from binance_secrets.plugins.detection.engine import scan_numbered_lines
    from binance_secrets.plugins.detection.findings import API_KEY

    # The plugin matched, so the file said "binance" (maybe outside these few lines).
    numbered = list(enumerate(context_lines, start=1))
    findings = scan_numbered_lines(
        "<context>", numbered, file_text="binance\n" + "\n".join(context_lines)
    )
    by_fp = {f.fingerprint: f for f in findings}
    me = next(
        (f for f in findings if f.type == secret_type and f.value.strip() == secret.strip()),
        None,
    )
    if me is None or me.pair is None or me.pair not in by_fp:
        return (secret, None) if secret_type == API_KEY else (None, secret)
    partner = by_fp[me.pair]
    return (me.value, partner.value) if me.type == API_KEY else (partner.value, me.value)


def _outcome(api_key: str, secret: str) -> Any:
    from detect_secrets.constants import VerifiedResult

    from binance_secrets.plugins.livecheck.check import check_credentials
    from binance_secrets.plugins.livecheck.credential import Credential

    allow = os.environ.get(ENV_ALLOW_UNOFFICIAL, "") in ("1", "true", "yes")
    results = check_credentials(
        [Credential.of(api_key, secret, None)],
        endpoint=os.environ.get(ENV_ENDPOINT) or "binance",
        allow_unofficial_endpoint=allow,
        ca_bundle=os.environ.get(ENV_CA_BUNDLE) or None,
    )
    status = results[0].status if results else "unknown"
    if status == "active":
        return VerifiedResult.VERIFIED_TRUE
    if status == "invalid":
        return VerifiedResult.VERIFIED_FALSE
    return VerifiedResult.UNVERIFIED


def verify_from_context(secret_type: str, secret: str, context_lines: list[str]) -> Any:
    """VERIFIED_TRUE / VERIFIED_FALSE / UNVERIFIED for one matched value. Never raises."""
    from detect_secrets.constants import VerifiedResult

    try:
        from binance_secrets.plugins.detection.findings import fingerprint

        # The engine runs the plugins' find(), which never verifies: no recursion here.
        api_key, paired = _pair_from_context(secret_type, secret, list(context_lines))
        if not api_key or not paired:
            return VerifiedResult.UNVERIFIED
        cache_key = (fingerprint(api_key), fingerprint(paired))
        if cache_key not in _cache:
            _cache[cache_key] = _outcome(api_key, paired)
        return _cache[cache_key]
    except Exception:  # a verifier must never take detect-secrets down
        return VerifiedResult.UNVERIFIED


def clear_cache() -> None:
    """Forget cached outcomes (tests; a long-lived process after rotating keys)."""
    _cache.clear()
