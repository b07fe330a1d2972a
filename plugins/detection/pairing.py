"""Pair each API key with its secret from the surrounding lines.

Like detect-secrets' AWSKeyDetector looks for the secret access key near an access key id,
a Binance key's secret sits in the same block: the next field of a JSON object, the next
line of a .env file, the next argument of a constructor. Pairs are chosen nearest first,
within a window, one-to-one; if a file holds exactly one unpaired key and one unpaired
secret beyond the window, they are still one credential.
"""

from __future__ import annotations

from binance_secrets.plugins.detection.findings import API_KEY, Finding

# Lines between a key and its secret in the same block (a freqtrade exchange block with
# comments, a multi-line constructor call).
PAIR_WINDOW = 12


def _distance(key: Finding, secret: Finding) -> tuple[int, int]:
    gap = secret.line - key.line
    # Same distance: prefer the secret that follows its key, as configs write them.
    return (abs(gap), 0 if gap >= 0 else 1)


def pair_findings(findings: list[Finding]) -> list[Finding]:
    """The same findings (same order) with ``pair`` set on both halves of each credential.

    All findings must come from one file (or one diff of one file).
    """
    keys = [i for i, f in enumerate(findings) if f.type == API_KEY]
    secrets = [i for i, f in enumerate(findings) if f.type != API_KEY]
    options = sorted(
        (_distance(findings[k], findings[s]), k, s)
        for k in keys
        for s in secrets
        if findings[k].value != findings[s].value
    )
    partner: dict[int, int] = {}
    for (gap, _), k, s in options:
        if gap <= PAIR_WINDOW and k not in partner and s not in partner:
            partner[k], partner[s] = s, k
    lonely_keys = [k for k in keys if k not in partner]
    lonely_secrets = [s for s in secrets if s not in partner]
    if len(lonely_keys) == 1 and len(lonely_secrets) == 1:
        k, s = lonely_keys[0], lonely_secrets[0]
        partner[k], partner[s] = s, k
    return [
        finding.with_pair(findings[partner[i]].fingerprint) if i in partner else finding
        for i, finding in enumerate(findings)
    ]
