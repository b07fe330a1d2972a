"""detect-secrets' ``verify()`` for the Binance plugins, like AWSKeyDetector's.

detect-secrets calls verify() twice per match, hides VERIFIED_FALSE by default and crashes
on any exception other than a requests one. So: results are cached per (key, secret)
pair for the process, nothing is ever raised, and VERIFIED_FALSE means only "Binance says
the key itself is invalid" (-2014/-2008); an ambiguous -2015 or any trouble is UNVERIFIED.

Configuration (environment, since detect-secrets passes no options to plugins):
BINANCE_SECRETS_ENDPOINT (a name or URL, default the official api.binance.com),
BINANCE_SECRETS_ALLOW_UNOFFICIAL_ENDPOINT=1 (tests against an emulator),
BINANCE_SECRETS_CA_BUNDLE (a CA file for a test HTTPS server),
BINANCE_SECRETS_TRY_ENV_SECRET=1 (also try BINANCE_API_SECRET for the matched key).
"""

from __future__ import annotations

import os
from typing import Any

# (sha256 of key, sha256 of secret) -> VerifiedResult; fingerprints, not values, are kept.
_cache: dict[tuple[str, str], Any] = {}


def _credential_from_context(secret_type: str, secret: str, context_lines: list[str]) -> Any:
    """The Credential (key, paired secret, other candidate secrets of the context and the
    environment) the matched value belongs to, paired as the scan pairs them; or None."""
    from ..detection.engine import scan_numbered_lines
    from ..detection.findings import API_KEY
    from .check import credentials_from_findings

    # The plugin matched, so the file said "binance" (maybe outside these few lines).
    numbered = list(enumerate(context_lines, start=1))
    findings = scan_numbered_lines(
        "<context>", numbered, file_text="binance\n" + "\n".join(context_lines)
    )
    me = next(
        (f for f in findings if f.type == secret_type and f.value.strip() == secret.strip()),
        None,
    )
    if me is None or me.pair is None:
        return None
    key_fingerprint = me.fingerprint if me.type == API_KEY else me.pair
    from .binance_api import EndpointSettings

    # BINANCE_API_SECRET only when opted in: the file being scanned may be hostile.
    opted_in = EndpointSettings.from_env(os.environ).try_env_secret
    credentials = credentials_from_findings(
        findings,
        where=lambda f: f"context line {f.line}",
        environ=os.environ if opted_in else None,
    )
    return next(
        (c for c in credentials if c.fingerprint == key_fingerprint and c.secret is not None),
        None,
    )


def _outcome(credential: Any) -> Any:
    from detect_secrets.constants import VerifiedResult

    from .binance_api import EndpointSettings
    from .check import check_credentials

    settings = EndpointSettings.from_env(os.environ)
    results = check_credentials(
        [credential],
        endpoint=settings.endpoint,
        allow_unofficial_endpoint=settings.allow_unofficial,
        ca_bundle=settings.ca_bundle,
    )
    status = results[0].status if results else "unknown"
    if status == "active":
        return VerifiedResult.VERIFIED_TRUE
    if status == "invalid":
        return VerifiedResult.VERIFIED_FALSE
    return VerifiedResult.UNVERIFIED


def verify_from_context(secret_type: str, secret: str, context_lines: list[str]) -> Any:
    """VERIFIED_TRUE / VERIFIED_FALSE / UNVERIFIED for one matched value. Never raises.

    As in ``check``: if Binance rejects the paired secret's signature, the context's other
    secrets (and BINANCE_API_SECRET, opted in) are tried (candidates.MAX_SECRET_ATTEMPTS at
    most)."""
    from detect_secrets.constants import VerifiedResult

    try:
        from ..detection.findings import fingerprint

        # The engine runs the plugins' find(), which never verifies: no recursion here.
        credential = _credential_from_context(secret_type, secret, list(context_lines))
        if credential is None:
            return VerifiedResult.UNVERIFIED
        cache_key = (credential.fingerprint, fingerprint(credential.secret))
        if cache_key not in _cache:
            _cache[cache_key] = _outcome(credential)
        return _cache[cache_key]
    except Exception:  # a verifier must never take detect-secrets down
        return VerifiedResult.UNVERIFIED


def clear_cache() -> None:
    """Forget cached outcomes (tests; a long-lived process after rotating keys)."""
    _cache.clear()
