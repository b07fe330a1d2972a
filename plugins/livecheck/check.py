"""The live check: one read-only question to Binance per API key, and what the answer means.

Outcomes come only from Binance's own answers (codes in binance_api). Nothing is guessed:
an answer that does not pin the outcome down is ``unknown`` with the reason.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from typing import Any, cast

from ..detection.findings import API_KEY, Finding
from .binance_api import (
    ACCOUNT_FIELDS,
    ACCOUNT_PATH,
    API_KEY_FORMAT_INVALID,
    API_RESTRICTIONS_PATH,
    CREATE_TIME_FIELD,
    EXPIRATION_FIELD,
    INVALID_API_KEY_ID,
    INVALID_SIGNATURE,
    IP_RESTRICT_FIELD,
    MONEY_OUT_FIELDS,
    NO_SAPI,
    OFFICIAL_HOSTS,
    REJECTED_MBX_KEY,
    RESTRICTION_FIELDS,
    STATED_ACCOUNT_FIELDS,
    STATED_RESTRICTION_FIELDS,
    TIME_FIELDS,
    TIME_PATH,
    TIMESTAMP_OUTSIDE_RECV_WINDOW,
    TRADING_FIELDS,
    Routes,
    Stop,
    Venue,
)
from .credential import Credential
from .endpoints import PLATFORM_OF

STATUSES = ("active", "secret_mismatch", "revoked_or_ip_blocked", "invalid", "unpaired", "unknown")
RISKS = ("critical", "high", "medium", "low", "none", "unknown")
RISK_ORDER = ("critical", "high", "unknown", "medium", "low", "none")

_HTTP_REASONS = {
    403: "HTTP 403: blocked by Binance's web application firewall; try again later",
    418: "HTTP 418: this IP address is banned by Binance for ignoring rate limits",
    451: "HTTP 451: Binance refuses service from this location; check from an allowed one",
}


@dataclass
class KeyResult:
    """One API key's outcome; ``to_json`` is the "Check JSON" key object (docs/live-check.md)."""

    fingerprint: str
    redacted: str
    status: str
    reason: str = ""
    permissions: dict[str, bool] = field(default_factory=dict)
    ip_restricted: bool | None = None
    created_at: str | None = None
    age_days: int | None = None
    risk: str = "unknown"
    steps: list[str] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)  # Binance's other fields, kept
    found_at: list[str] = field(default_factory=list)  # where the key was found
    secret_found_at: str | None = None  # where the secret Binance accepted was found
    secrets_tried: int = 0  # signed requests made with different secrets
    risk_reason: str = ""  # one sentence: why this risk (playbook.risk_reason)
    shared_steps: list[str] = field(default_factory=list)  # the steps every key shares
    environment: str = "unknown"  # what the key's context said (testnet keys: own host)
    platform: str = ""  # the platform whose host knew the key (endpoints.PLATFORM_OF)
    hosts_asked: list[dict[str, str]] = field(default_factory=list)  # each host's answer
    # tradingAuthorityExpirationTime: when trading lapses on a key without an IP whitelist
    trading_expires_at: str | None = None

    @property
    def confirmed(self) -> bool:
        """Binance said for sure whether the key is live: active, or invalid (unknown to it).
        Everything else (unknown, unpaired, revoked_or_ip_blocked, secret_mismatch) may still
        be a live key, so a CI gate must not pass on it (exit 3)."""
        return self.status in ("active", "invalid")

    def to_json(self) -> dict[str, Any]:
        return {
            "fingerprint": self.fingerprint,
            "redacted": self.redacted,
            "status": self.status,
            "reason": self.reason,
            "permissions": dict(self.permissions),
            "ip_restricted": self.ip_restricted,
            "created_at": self.created_at,
            "age_days": self.age_days,
            "risk": self.risk,
            "risk_reason": self.risk_reason,
            "steps": list(self.steps),
            "found_at": list(self.found_at),
            "secret_found_at": self.secret_found_at,
            "secrets_tried": self.secrets_tried,
            "environment": self.environment,
            "platform": self.platform or None,
            "hosts_asked": [dict(entry) for entry in self.hosts_asked],
            "trading_authority_expires_at": self.trading_expires_at,
        }


def risk_of(permissions: dict[str, bool], ip_restricted: bool | None) -> str:
    """critical: money can leave; high: trading from anywhere; medium: trading behind a
    whitelist, or read-only from anywhere; low: read-only behind a whitelist.

    An unknown IP restriction (the /api/v3/account fallback does not say) counts as none.
    """
    if any(permissions.get(f) for f in MONEY_OUT_FIELDS):
        return "critical"
    trades = any(permissions.get(f) for f in TRADING_FIELDS)
    if trades:
        return "medium" if ip_restricted else "high"
    return "low" if ip_restricted else "medium"


# The latest time a millisecond field may hold (9999-12-31T23:59:59.999Z): beyond it a
# date cannot be printed, and no key lives that long.
_MAX_TIME_MS = 253_402_300_799_999


class AnswerError(ValueError):
    """Binance's answer does not have the shape its docs give; says which field."""


def _time_ms(body: Mapping[str, Any], name: str) -> int | None:
    """A millisecond time field: None when absent (or 0, "not set"); AnswerError when it is
    not a whole number of milliseconds in range (NaN, 1e300, negative, a string)."""
    value = body.get(name)
    if value is None or (value == 0 and not isinstance(value, bool)):
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise AnswerError(f"{name} is {type(value).__name__}, not a time")
    if value != value or not 0 < value <= _MAX_TIME_MS or value != int(value):
        raise AnswerError(f"{name} is {_shown(value)}, not a time")
    return int(value)


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit] + "..."


def _shown(value: Any) -> str:
    """A field's value as an error names it (`enableWithdrawals is 'true'`)."""
    return _cut(repr(value), 40)


# The most of an answer's own text (Binance's ``msg``, a Retry-After) a reason quotes: more
# than Binance's documented error messages need. An answer may be as large as the
# client's cap, and the reason is printed in the text, and twice in the JSON (``reason``,
# ``hosts_asked``), for each of a run's keys (docs/threat-model.md, round 12).
MAX_QUOTED_CHARS = 200
# At most this many of an accepted answer's other fields are kept (``KeyResult.extra``),
# and only plain values: a large answer parsed is many times its size in objects, held
# per key until the run ends (docs/performance.md, round 12).
MAX_EXTRA_FIELDS = 32


def _quoted(text: str) -> str:
    """An answer's own text as a reason quotes it: at most :data:`MAX_QUOTED_CHARS`."""
    return _cut(text, MAX_QUOTED_CHARS)


def _kept(body: Mapping[str, Any]) -> dict[str, Any]:
    """An accepted answer's fields other than true/false, bounded (:data:`MAX_EXTRA_FIELDS`):
    numbers, null and short strings, never a list or object."""
    kept: dict[str, Any] = {}
    for name, value in body.items():
        if len(kept) == MAX_EXTRA_FIELDS:
            break
        if isinstance(value, bool) or len(name) > MAX_QUOTED_CHARS:
            continue
        short = isinstance(value, str) and len(value) <= MAX_QUOTED_CHARS
        if value is None or short or isinstance(value, (int, float)):
            kept[name] = value
    return kept


def _iso(ms: int | None) -> str | None:
    if ms is None:
        return None
    # Whole seconds and milliseconds apart: ms / 1000 as a float is off by microseconds
    # for far-off times (9999-12-31T23:59:59.999 would print as ...59.998993).
    seconds = datetime.fromtimestamp(ms // 1000, tz=timezone.utc)
    return seconds.replace(microsecond=ms % 1000 * 1000).isoformat().replace("+00:00", "Z")


def _created(create_ms: Any, now: datetime) -> tuple[str | None, int | None]:
    try:
        ms = _time_ms({CREATE_TIME_FIELD: create_ms}, CREATE_TIME_FIELD)
    except AnswerError:
        return None, None
    if ms is None:
        return None, None
    created = datetime.fromtimestamp(ms / 1000, tz=timezone.utc)
    return _iso(ms), max(0, (now - created).days)


def _failure(reply: Any) -> tuple[str, str]:
    """(status, reason) for a non-2xx answer."""
    code, msg = reply.code, reply.msg
    said = f"Binance answered {code} ({_quoted(msg)})" if code is not None else ""
    if code == INVALID_SIGNATURE:
        return "secret_mismatch", (
            f"{said}: the key exists but the secret found with it does not sign for it"
        )
    if code == REJECTED_MBX_KEY:
        return "revoked_or_ip_blocked", (
            f"{said}: the key was deleted, or it is bound to an IP whitelist that excludes "
            "this machine; Binance does not say which"
        )
    if code in (API_KEY_FORMAT_INVALID, INVALID_API_KEY_ID):
        return "invalid", f"{said}: Binance does not know this key"
    if code == TIMESTAMP_OUTSIDE_RECV_WINDOW:
        return "unknown", f"{said} even after syncing with Binance's clock"
    if reply.status in _HTTP_REASONS:
        return "unknown", _HTTP_REASONS[reply.status]
    if reply.status == 429:
        wait = _quoted(reply.headers.get("retry-after", "?"))
        return "unknown", f"HTTP 429: rate limited; Binance asks to wait {wait}s, try later"
    return "unknown", f"HTTP {reply.status}: {said or 'unexpected answer'}"


def _active(result: KeyResult, body: Any, now: datetime) -> None:
    """Read an accepted answer. Every documented field is checked for its documented type:
    a permission that is not true/false, or a time that is not a time, leaves the key
    ``unknown`` (a hostile or broken answer must not read as "no permission")."""
    try:
        if not isinstance(body, dict):
            raise AnswerError(f"the answer is {type(body).__name__}, not an object")
        if "code" in body:  # Binance's error shape: an error, whatever the HTTP status
            raise AnswerError(f"it is an error ({_shown(body['code'])}) sent as a success")
        if not any(name in body for name in (*RESTRICTION_FIELDS, *ACCOUNT_FIELDS)):
            # {} or a TLS box's own page: "no permission" would read as read-only.
            raise AnswerError("it names no permission of the key")
        for name in (*RESTRICTION_FIELDS, *ACCOUNT_FIELDS, IP_RESTRICT_FIELD):
            if name in body and not isinstance(body[name], bool):
                raise AnswerError(f"{name} is {_shown(body[name])}, not true or false")
        times = {name: _time_ms(body, name) for name in TIME_FIELDS}
        # A field left out would read as "not enabled" (`{"enableReading": true}` alone
        # was a read-only key): the fields that decide the risk must be stated.
        restrictions = any(name in body for name in RESTRICTION_FIELDS)
        stated = STATED_RESTRICTION_FIELDS if restrictions else STATED_ACCOUNT_FIELDS
        unstated = [name for name in stated if name not in body]
        if unstated:
            raise AnswerError(
                f"it leaves out {', '.join(unstated)}, which would read as not enabled"
            )
    except AnswerError as error:
        result.status = "unknown"
        result.reason = f"Binance's answer could not be read: {error}"
        return
    permissions = {k: v for k, v in body.items() if isinstance(v, bool)}
    if IP_RESTRICT_FIELD in permissions:
        result.ip_restricted = permissions.pop(IP_RESTRICT_FIELD)
    result.permissions = permissions
    result.extra = _kept(body)
    result.created_at, result.age_days = _created(times[CREATE_TIME_FIELD], now)
    result.trading_expires_at = _iso(times[EXPIRATION_FIELD])
    result.status = "active"
    result.reason = "Binance accepted the key and its secret"
    result.risk = risk_of(permissions, result.ip_restricted)


def check_credential(
    client: Any, credential: Credential, now: datetime | None = None, venue: Venue | None = None
) -> KeyResult:
    """Ask Binance about one credential through ``client`` (a BinanceClient); a testnet or
    demo key (``venue``) with that venue's own read-only request."""
    from .client import TransportError

    now = now or datetime.now(timezone.utc)
    result = KeyResult(credential.fingerprint, credential.redacted, "unknown")
    if credential.signer is None:
        result.status, result.reason = "unpaired", "no secret to sign with"
        return result
    try:
        reply = None
        if venue is None and client.base_url not in NO_SAPI:
            reply = client.signed_get(API_RESTRICTIONS_PATH)
        if reply is None or reply.status == 404:
            # No apiRestrictions here: the account's own flags, and only those (its other
            # booleans are account settings, not the key's permissions).
            reply = client.signed_get(venue.account_path if venue else ACCOUNT_PATH)
            if reply.ok and isinstance(reply.body, dict):
                body = {k: reply.body[k] for k in ACCOUNT_FIELDS if k in reply.body}
                reply = replace(reply, body=body)
    except TransportError as error:
        result.reason = str(error)
        return result
    if reply.ok:
        _active(result, reply.body, now)
    else:
        result.status, result.reason = _failure(reply)
    # An answer may echo the X-MBX-APIKEY header back in its text: a key the report-wide
    # redaction cannot tell from a digest (64 lowercase hex, a futures testnet key) would
    # be printed whole.
    if credential.api_key:
        result.reason = result.reason.replace(credential.api_key, credential.redacted)
    return result


def finish(
    result: KeyResult,
    since: str | None = None,
    committed: bool = True,
    platform: str = "",
    deleted: bool = False,
    cleaned: bool = False,
) -> KeyResult:
    """Attach the tailored playbook steps, the risk's reason (and default risks).

    ``deleted``: the user says the key was deleted (``check --deleted``); ``cleaned``: its
    value is no longer where the report found it (playbook.risk_reason words both)."""
    from .playbook import (
        GONE,
        SHARED,
        risk_reason,
        tailor_steps,
    )

    if result.status == "invalid" or (deleted and result.status in GONE):
        result.risk = "none"
    elif result.status != "active":
        result.risk = "unknown"
    result.risk_reason = risk_reason(
        result.status, result.permissions, result.ip_restricted, deleted=deleted, cleaned=cleaned
    )
    gone = deleted and result.status != "active"
    steps = tailor_steps(
        result.status, result.permissions, since, committed, platform, deleted=gone
    )
    result.steps = [text for _, text in steps]
    result.shared_steps = [text for step, text in steps if step in SHARED]
    return result


def by_risk(results: list[KeyResult]) -> list[KeyResult]:
    """Most dangerous first. A key that could not be confirmed (risk unknown) may be live
    with any permission: after the known critical and high ones, before the rest."""
    return sorted(results, key=lambda r: RISK_ORDER.index(r.risk))


def check_credentials(
    credentials: Iterable[Credential],
    *,
    endpoint: str | Sequence[str] = "binance",
    allow_unofficial_endpoint: bool = False,
    ca_bundle: str | None = None,
    retry: Any = None,
    max_requests: int | None = None,
) -> list[KeyResult]:
    """One result per API key (deduplicated by fingerprint, a paired sighting preferred),
    most dangerous first (:func:`by_risk`). ``endpoint``: the ``--endpoint`` values
    (binance_api.resolve_routes). The run sends at most ``max_requests`` requests (default
    client.DEFAULT_MAX_REQUESTS), all sharing one rate-limit state (client.RunState): the
    keys left when it stops are ``unknown``, "not asked: ...".

    Raises binance_api.EndpointError for a refused endpoint or a missing CA bundle before
    anything is sent.
    """
    from .binance_api import check_ca_bundle, resolve_routes
    from .client import DEFAULT_MAX_REQUESTS, RunState

    routes = resolve_routes(endpoint, allow_unofficial_endpoint)
    state = RunState(max_requests if max_requests is not None else DEFAULT_MAX_REQUESTS)
    check_ca_bundle(ca_bundle)
    chosen: dict[str, Credential] = {}
    for credential in credentials:
        held = chosen.get(credential.fingerprint)
        chosen[credential.fingerprint] = credential if held is None else _merged(held, credential)
    results: list[KeyResult] = []
    for credential in chosen.values():
        venue: Venue | None = None
        if credential.unavailable:
            result = KeyResult(credential.fingerprint, credential.redacted, "unknown")
            result.reason = credential.unavailable
        elif credential.secret is None:
            # No read-only endpoint answers for an API key without a signature (the
            # key-only USER_STREAM calls are POSTs), so nothing is sent and nothing guessed.
            result = KeyResult(credential.fingerprint, credential.redacted, "unpaired")
            result.reason = (
                "API key found without its secret; Binance cannot tell whether it is live "
                "without a signature, so it was not checked. Treat it as live."
            )
        else:
            result, venue = _ask_family(credential, routes, ca_bundle, retry, state)
        result.found_at = list(credential.found_at)
        result.environment = credential.environment
        if not result.platform:
            result.platform = _platform_of_context(credential.environment, routes)
        finish(
            result,
            credential.since,
            credential.committed,
            result.platform,
            deleted=credential.deleted,
            cleaned=credential.cleaned,
        )
        if credential.unavailable and not credential.cleaned:
            from .playbook import NOT_READ_REASON

            result.risk_reason = NOT_READ_REASON
        results.append(_no_real_funds(result, venue))
    return by_risk(results)


# Answers that say only "this host does not know the key": the next host of the family
# is asked (a testnet answers an unknown key -2015 on its account endpoint).
_NOT_HERE = frozenset({"invalid", "revoked_or_ip_blocked"})


def _ask_family(
    credential: Credential, routes: Routes, ca_bundle: str | None, retry: Any, state: Any
) -> tuple[KeyResult, Venue | None]:
    """Ask the key's hosts in order (Routes.stops) until one knows it. ``invalid`` only when
    every host said so; the result lists each host asked and its answer."""
    from .client import BinanceClient

    answers: list[tuple[Stop, KeyResult]] = []
    asked: list[dict[str, str]] = []
    for stop in routes.stops(credential.environment, credential.api_key or ""):
        url = routes.url(stop.name)

        def ask(trial: Credential, url: str = url, venue: Venue | None = stop.venue) -> KeyResult:
            with BinanceClient(
                url,
                cast(str, trial.api_key),  # only an unavailable credential has none
                trial.signer,
                ca_bundle=ca_bundle,
                retry=retry,
                time_path=venue.time_path if venue else TIME_PATH,
                state=state,
            ) as client:
                return check_credential(client, trial, venue=venue)

        answer = _check_secrets(credential, ask)
        asked.append(_asked(stop, url, answer))
        answers.append((stop, answer))
        if answer.status not in _NOT_HERE:
            break
    stop, result = _verdict(answers)
    result.hosts_asked = asked
    result.platform = PLATFORM_OF.get(stop.name, "") if result.status != "invalid" else ""
    if result.status == "invalid" and len(answers) > 1:
        result.reason = "no host asked knows this key: " + "; ".join(
            f"{entry['url']}: {entry['answer']}" for entry in result.hosts_asked
        )
    return result, stop.venue


def _asked(stop: Stop, url: str, answer: KeyResult) -> dict[str, str]:
    name = stop.name if stop.name in OFFICIAL_HOSTS else ""
    return {"endpoint": name, "url": url, "status": answer.status, "answer": answer.reason}


def _verdict(answers: list[tuple[Stop, KeyResult]]) -> tuple[Stop, KeyResult]:
    """The last answer when a host knew the key (or could not be asked); when none did,
    the first answer that is not "invalid" (a -2015 may be a deleted key), else invalid."""
    last = answers[-1]
    if last[1].status not in _NOT_HERE:
        return last
    return next((a for a in answers if a[1].status != "invalid"), answers[0])


def _platform_of_context(environment: str, routes: Routes) -> str:
    """Where a key that no host knew (or that was not asked) most likely lives."""
    if environment == "binance-us":
        return "binance.us"
    if environment in ("testnet", "demo"):
        return environment
    return PLATFORM_OF.get(routes.default, "binance.com")


def _no_real_funds(result: KeyResult, venue: Venue | None) -> KeyResult:
    """A live testnet or demo key moves no real funds: low risk, and the report says so."""
    if venue is not None and result.status == "active":
        result.risk = "low"
        result.risk_reason = f"active on {venue.label}: no real funds."
    return result


def _merged(held: Credential, other: Credential) -> Credential:
    """Two sightings of one key as one credential: the better one's secret first (one that
    can be re-read and has a secret), the other's secret and candidates after its own."""
    if (other.secret is not None, not other.unavailable) > (
        held.secret is not None,
        not held.unavailable,
    ):
        held, other = other, held
    from .candidates import SecretOption

    theirs = [SecretOption(other.secret, other.secret_where or "")] if other.secret else []
    return replace(
        held,
        alternatives=[*held.alternatives, *theirs, *other.alternatives],
        found_at=[*held.found_at, *(w for w in other.found_at if w not in held.found_at)],
        since=min((d for d in (held.since, other.since) if d), default=None),
    )


def _attempts(credential: Credential) -> list[Any]:
    """The paired secret, then its alternatives: distinct, at most MAX_SECRET_ATTEMPTS."""
    from .candidates import MAX_SECRET_ATTEMPTS, SecretOption

    assert credential.secret is not None
    options = [
        SecretOption(credential.secret, credential.secret_where or ""),
        *credential.alternatives,
    ]
    chosen: list[SecretOption] = []
    for option in options:
        if option.value != credential.api_key and all(c.value != option.value for c in chosen):
            chosen.append(option)
        if len(chosen) == MAX_SECRET_ATTEMPTS:
            break
    return chosen


def _check_secrets(credential: Credential, ask: Any) -> KeyResult:
    """Ask with the paired secret; while Binance says the signature is wrong (-1022: it knows
    the key), ask again with the next candidate secret. Stops at any other answer."""
    from .candidates import MAX_SECRET_ATTEMPTS

    attempts = _attempts(credential)
    result: KeyResult | None = None
    unusable: list[str] = []
    first_unusable = False
    mismatched: list[str] = []
    for number, option in enumerate(attempts):
        trial = replace(credential, secret=option.value, alternatives=[])
        try:
            trial.signer  # noqa: B018 - load the key now to report a bad PEM
        except ValueError as error:
            unusable.append(f"cannot sign with the secret found{_at(option.where)}: {error}")
            first_unusable = first_unusable or number == 0
            continue
        answer = ask(trial)
        answer.fingerprint, answer.redacted = credential.fingerprint, credential.redacted
        answer.secrets_tried = len(mismatched) + 1
        if answer.status != "secret_mismatch":
            result = answer
            if answer.status == "active":
                answer.secret_found_at = option.where or None
                if number > 0:
                    failed = "cannot be used" if first_unusable else "does not sign for it"
                    answer.reason = (
                        f"Binance accepted the key with the secret found{_at(option.where)}; "
                        f"the secret paired with it{_at(attempts[0].where)} {failed}"
                    )
            break
        mismatched.append(option.where or "paired with it")
        result = answer
    if result is None:
        result = KeyResult(credential.fingerprint, credential.redacted, "unknown")
        result.reason = "; ".join(unusable) or (
            "the only secret found is the API key itself: nothing was sent; give the key's "
            "own secret (BINANCE_API_SECRET or --prompt) to check it"
        )
    elif result.status == "secret_mismatch" and len(mismatched) > 1:
        result.reason += (
            f"; none of the {len(mismatched)} candidate secrets tried (at most "
            f"{MAX_SECRET_ATTEMPTS}) signs for it: {', '.join(mismatched)}"
        )
    return result


def _at(where: str | None) -> str:
    return f" at {where}" if where else ""


def credentials_from_findings(
    findings: list[Finding],
    since: Mapping[str, str] | None = None,
    where: Callable[[Finding], str] | None = None,
    environ: Mapping[str, str] | None = None,
) -> list[Credential]:
    """Pair each API key finding with its secret by ``Finding.pair`` (fingerprints), with
    the other secrets to try if Binance says that one does not sign for the key.

    ``since`` maps an API key's fingerprint to the date it was first committed (a sweep
    knows it), for the playbook's "review activity since" step. ``where`` names a finding's
    place (default ``path:line``; a sweep adds the commit). ``environ``'s
    BINANCE_API_SECRET is one more candidate secret."""
    from .candidates import alternative_secrets, env_secret

    place = where or (lambda f: f"{f.path}:{f.line}")
    extra = [option for option in (env_secret(environ or {}),) if option is not None]
    alternatives = alternative_secrets(findings, place, extra)
    by_fp = {f.fingerprint: f for f in findings if f.type != API_KEY}
    credentials = []
    for finding in findings:
        if finding.type != API_KEY:
            continue
        partner = by_fp.get(finding.pair) if finding.pair else None
        credentials.append(
            Credential(
                fingerprint=finding.fingerprint,
                redacted=finding.redacted,
                api_key=finding.value,
                secret=partner.value if partner else None,
                since=(since or {}).get(finding.fingerprint),
                secret_where=place(partner) if partner else None,
                alternatives=alternatives.get(finding.fingerprint, []),
                found_at=[place(finding)],
                environment=finding.environment,
            )
        )
    return credentials


def check_findings(
    findings: list[Finding],
    *,
    endpoint: str | Sequence[str] = "binance",
    allow_unofficial_endpoint: bool = False,
    ca_bundle: str | None = None,
    since: Mapping[str, str] | None = None,
    where: Callable[[Finding], str] | None = None,
    environ: Mapping[str, str] | None = None,
    max_requests: int | None = None,
) -> list[KeyResult]:
    """``scan --verify`` / ``sweep --verify``: check the found API keys in-process.
    ``environ`` (only with --try-env-secret) gives BINANCE_API_SECRET as one more candidate.

    A refused endpoint is a click.UsageError (exit 2, one line), raised before any request.
    """
    import click

    from .binance_api import EndpointError

    try:
        return check_credentials(
            credentials_from_findings(findings, since, where, environ),
            endpoint=endpoint,
            allow_unofficial_endpoint=allow_unofficial_endpoint,
            ca_bundle=ca_bundle,
            max_requests=max_requests,
        )
    except EndpointError as error:
        raise click.UsageError(str(error)) from error
