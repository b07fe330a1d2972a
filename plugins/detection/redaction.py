"""How a credential is shown in any output: never in full."""

from __future__ import annotations


def redact(value: str) -> str:
    """First 4 and last 4 characters: enough to recognise a key in the Binance UI, no more.

    PEM private keys are reduced to their header line, because their first and last
    characters are the same for every key of a kind and tell nothing.
    """
    if value.startswith("-----BEGIN"):
        header = value.split("-----")[1] if value.count("-----") >= 2 else "PRIVATE KEY"
        return f"-----{header}----- ...({len(value)} chars)"
    if len(value) <= 12:
        return "*" * len(value)
    return f"{value[:4]}...{value[-4:]}"
