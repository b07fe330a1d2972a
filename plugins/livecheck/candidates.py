"""Which other secrets to try for an API key when Binance says its paired secret does not
sign for it, best first and bounded.

Binance answers -1022 INVALID_SIGNATURE ("Signature for this request is not valid",
https://developers.binance.com/docs/binance-spot-api-docs/errors), among whose causes
Binance's own FAQ lists "The secret key is not matching to API key"
(https://dev.binance.vision/t/faq-signature-for-this-request-is-not-valid/176); an unknown
or IP-blocked key gets -2014/-2015 instead. So after -1022 the key exists and most likely
only the pairing was wrong: the same key beside a wrong and a right secret in two
files, or halves that pairing could not tell apart. Before such a key is called
``secret_mismatch``, the check tries, in order: secrets paired with the same key elsewhere,
the other secrets of the key's own file (ranked as pairing ranks them), secrets named like it
anywhere, the secret in the environment, then the remaining secrets found. At most
:data:`MAX_SECRET_ATTEMPTS` signed requests are made per key, the paired secret included:
each is a read-only GET of weight 1, far below Binance's limits.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import chain

from ..detection.findings import API_KEY, Finding
from ..detection.pairing import name_stem, ranked_candidates
from .credential import ENV_API_SECRET

# Signed requests per API key, the paired secret's included (docs/live-check.md).
MAX_SECRET_ATTEMPTS = 8


@dataclass(frozen=True)
class SecretOption:
    """A secret to try and where it was found (``file:line``, ``commit:file:line``, or the
    environment variable's name); the value is excluded from repr."""

    value: str = field(repr=False)
    where: str


def env_secret(environ: Mapping[str, str]) -> SecretOption | None:
    """The HMAC secret set in the environment, as one more candidate for every key."""
    value = environ.get(ENV_API_SECRET, "").strip()
    return SecretOption(value, f"environment variable {ENV_API_SECRET}") if value else None


def alternative_secrets(
    findings: Sequence[Finding],
    where: Callable[[Finding], str],
    extra: Sequence[SecretOption] = (),
) -> dict[str, list[SecretOption]]:
    """API key fingerprint -> the secrets to try after its paired one, best first, at most
    ``MAX_SECRET_ATTEMPTS - 1``. ``findings`` may span many files (values included);
    ``extra`` (the environment's secret) comes after everything named or placed like it."""
    limit = MAX_SECRET_ATTEMPTS - 1
    by_path: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings:
        by_path[finding.path].append(finding)
    # One finding per distinct secret: a value sighted 7,000 times is one candidate, and the
    # scan below for a key's next candidate stays bounded by the number it may take.
    by_fingerprint: dict[str, Finding] = {}
    for finding in findings:
        if finding.type != API_KEY:
            by_fingerprint.setdefault(finding.fingerprint, finding)
    secrets = list(by_fingerprint.values())
    by_stem: dict[tuple[str, ...], list[Finding]] = defaultdict(list)
    for secret in secrets:
        stem = name_stem(secret.name)
        if stem and len(by_stem[stem]) < limit:
            by_stem[stem].append(secret)
    # Secrets paired with a key anywhere: another sighting of the key may hold the right one.
    paired_with: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings:
        partner = by_fingerprint.get(finding.pair or "")
        if finding.type != API_KEY or partner is None:
            continue
        held = paired_with[finding.fingerprint]
        if len(held) < limit and partner not in held:
            held.append(partner)
    nearby: dict[int, list[Finding]] = defaultdict(list)
    for group in by_path.values():
        for _, k, s in ranked_candidates(group):
            if len(nearby[id(group[k])]) < limit:
                nearby[id(group[k])].append(group[s])

    result: dict[str, list[SecretOption]] = {}
    for key in findings:
        if key.type != API_KEY:
            continue
        stem = name_stem(key.name)
        ordered = chain(
            _options(paired_with.get(key.fingerprint, ()), where),
            _options(nearby.get(id(key), ()), where),
            _options(by_stem.get(stem, ()) if stem else (), where),
            extra,
            _options(secrets, where),
        )
        chosen = result.setdefault(key.fingerprint, [])
        own = by_fingerprint.get(key.pair or "")
        skip = {key.value, *(o.value for o in chosen), *((own.value,) if own else ())}
        for option in ordered:
            if len(chosen) >= limit:
                break
            if option.value not in skip:
                skip.add(option.value)
                chosen.append(option)
    return result


def _options(found: Iterable[Finding], where: Callable[[Finding], str]) -> Iterator[SecretOption]:
    return (SecretOption(f.value, where(f)) for f in found)
