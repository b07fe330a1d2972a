"""Binance's documentation example credentials: the one table of them.

Every row is a value Binance publishes in its API documentation (or in the official
connectors' copies of the docs' request and response examples), with ``source`` naming the
repository and file it was taken from (``owner/repo:path``) and ``what`` the example it
belongs to. They are public, belong to no account, and are copied into tutorials, SDK
tests and docs dumps, so :mod:`binance_secrets.plugins.detection.examples` reports them
(and near-copies of them) with ``example: true``.

The values are written in 16-character parts and joined at import, so this file holds no
key-shaped text and a scan of this repository does not report its own table. PEM rows hold
the base64 body only (no header), for the same reason.
"""

from __future__ import annotations

from dataclasses import dataclass

from binance_secrets.plugins.detection.findings import API_KEY, PRIVATE_KEY, SECRET_KEY


@dataclass(frozen=True)
class DocExample:
    """One documentation value: its type, its parts, and where Binance publishes it."""

    type: str
    parts: tuple[str, ...]
    source: str
    what: str

    @property
    def value(self) -> str:
        """The value itself (for a PEM, its base64 body without header lines)."""
        return "".join(self.parts)


DOC_EXAMPLES: tuple[DocExample, ...] = (
    DocExample(
        API_KEY,
        ("vmPUZE6mv9SD5VNH", "k4HlWFsOr6aKE2zv", "sw0MuIgwCIPy6utI", "co14y7Ju91duEh8A"),
        "binance/binance-spot-api-docs:rest-api.md",
        "SIGNED endpoint examples, HMAC Keys: apiKey (also web-socket-api.md)",
    ),
    DocExample(
        SECRET_KEY,
        ("NhqPtmdSJYdKjVHj", "A7PZj4Mge3R5YNiP", "1e3UZjInClVN65XA", "bvqqM6A7H5fATj0j"),
        "binance/binance-spot-api-docs:rest-api.md",
        "SIGNED endpoint examples, HMAC Keys: secretKey",
    ),
    DocExample(
        API_KEY,
        ("CAvIjXy3F44yW6Po", "u5k8Dy1swsYDWJZL", "eoK2r8G4cFDnE9no", "sRppc2eKc1T8TRTQ"),
        "binance/binance-spot-api-docs:rest-api.md",
        "SIGNED endpoint examples, RSA Keys: X-MBX-APIKEY",
    ),
    DocExample(
        API_KEY,
        ("4yNzx3yWC5bS6YTw", "EkSRaC0nRmSQIISt", "AUOh1b6kqaBrTLIh", "jCpI5lJH8q8R8WNO"),
        "binance/binance-spot-api-docs:rest-api.md",
        "SIGNED endpoint examples, Ed25519 Keys: X-MBX-APIKEY",
    ),
    DocExample(
        API_KEY,
        ("T59MTDLWlpRW16JV", "eZ2Nju5A5C98WkMm", "8CSzWC4oqynUlTm1", "zXOxyauT8LmwXEv9"),
        "binance/binance-spot-api-docs:web-socket-api.md",
        "Request format: params.apiKey",
    ),
    DocExample(
        API_KEY,
        ("Rl1KOMDCpSg6xviM", "YOkNk9ENUB5QOTnu", "fXukVe0Ijd40yduA", "lpHn78at3rJyJN4F"),
        "binance/binance-spot-api-docs:web-socket-api.md",
        "Order Amend Keep Priority: apiKey",
    ),
    DocExample(
        API_KEY,
        ("duwNf97YPLqhFIk7", "kZF0dDdGYVAXStA7", "BeEz0fIT9RAhUbix", "JtyS6kJ3hhzJsRXC"),
        "binance/binance-spot-api-docs:web-socket-api.md",
        "Place new Order list - OCO: apiKey",
    ),
    DocExample(
        API_KEY,
        ("Rf07JlnL9PHVxjs2", "7O5CvKNyOsV4qJ5g", "XdrRfpvlOdvMZbGZ", "bPO5Ce2nIwfRP0iA"),
        "binance/binance-spot-api-docs:web-socket-api.md",
        "Place new Order list - OTO and OTOCO: apiKey",
    ),
    DocExample(
        API_KEY,
        ("aHb4Ur1cK1biW3sg", "ibqUFs39SE58f9d5", "Xwf4uEW0tFh7ibun", "5g035QKSktxoOBfE"),
        "binance/binance-spot-api-docs:web-socket-api.md",
        "OPO: apiKey",
    ),
    DocExample(
        API_KEY,
        ("2wiKgTLyllTCu0QW", "XaEtKWX9tUQ5iQMi", "DQqTQPdUe2bZ1IVT", "9aXoS6o19wkYIKl2"),
        "binance/binance-spot-api-docs:web-socket-api.md",
        "OPOCO: apiKey",
    ),
    DocExample(
        API_KEY,
        ("u5lgqJb97QWXWfge", "V4cROuHbReSJM9rg", "QL0IvYcYc7BVeA5l", "pAqqc3a5p2OARIFk"),
        "binance/binance-spot-api-docs:web-socket-api.md",
        "Place new order using SOR: apiKey",
    ),
    DocExample(
        API_KEY,
        ("N3Swv7WaBF7S2rzA", "12UkPunM3udJiDdd", "bgv1W7CzFGnsQXH9", "H62zzSCST0CndjeE"),
        "binance/binance-spot-api-docs:web-socket-api.md",
        "Query Order Amendments: apiKey",
    ),
    DocExample(
        API_KEY,
        ("nQ6kG5gDExDd5MZS", "O0MfOOWEVZmdkRll", "pNMfm1FjMjkMnmw1", "NUd3zPDfvcnDJlil"),
        "binance/binance-spot-api-docs:web-socket-api.md",
        "Query Relevant Filters: apiKey",
    ),
    DocExample(
        API_KEY,
        ("mjcKCrJzTU6TChLs", "nPmgnQJJMR616J4y", "WvdZWDUeXkk6vL6d", "LyS7rcVOQlADlVjA"),
        "binance/binance-spot-api-docs:web-socket-api.md",
        "Subscribe to User Data Stream through signature subscription: apiKey",
    ),
    DocExample(
        PRIVATE_KEY,
        ("MC4CAQAwBQYDK2Vw", "BCIEIIJEYWtGBrhA", "Cmb9Dvy+qa8WEf0l", "QOl1s4CLIAB9m89u"),
        "binance/binance-spot-api-docs:fix-api.md",
        "FIX API signature computation: the illustrative Ed25519 private key",
    ),
    DocExample(
        API_KEY,
        ("npOzOAeLVgr2TuxW", "fNo43AaPWpBbJEoK", "ezh1o8mSQb6ryE2o", "dE11A4AoVlJbQoGx"),
        "binance/binance-connector-python:"
        "clients/margin_trading/tests/unit/rest_api/test_trade_api.py",
        "margin Create Special Key response example: apiKey",
    ),
    DocExample(
        SECRET_KEY,
        ("87ssWB7azoy6ACRf", "yp6OVOL5U3rtZptX", "31QWw2kWjl1jHEYR", "byM1pd6qykRBQw8p"),
        "binance/binance-connector-python:"
        "clients/margin_trading/tests/unit/rest_api/test_trade_api.py",
        "margin Create Special Key response example: secretKey",
    ),
)
