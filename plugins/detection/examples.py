"""Binance's own documentation example credentials.

The API key and secret used in every signing example of the Binance API docs
(https://developers.binance.com/docs/binance-spot-api-docs/rest-api/request-security, "SIGNED
Endpoint Examples") are copied into countless tutorials and tests. They are public and do
not belong to an account, so findings of them are reported with ``example: true`` and do not
fail a run. Only their fingerprints are kept here, so this file contains no key-shaped text.
"""

from __future__ import annotations

from binance_secrets.plugins.detection.findings import fingerprint

DOCUMENTATION_EXAMPLE_FINGERPRINTS = frozenset(
    {
        # apiKey "vmPU...Eh8A" of the HMAC signing example.
        "sha256:5ba1ed8425baaa72d558afddb8aaacdfe29ad0dc1a44dae76640127e83626d29",
        # secretKey "NhqP...Tj0j" of the HMAC signing example.
        "sha256:23e9efa3ced6e70c7f2dbe0d08295f18f94b0cbd5c6026677e3bc51897ee31f2",
    }
)


def is_documentation_example(value: str) -> bool:
    return fingerprint(value) in DOCUMENTATION_EXAMPLE_FINGERPRINTS
