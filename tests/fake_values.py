"""Key-like values for tests, generated at run time: nothing that looks live is committed.

Tests import these from here, never from conftest.py: pytest loads conftest.py itself, and a
second import under another module name would run it twice.
"""

from __future__ import annotations

import secrets
import string

ALPHABET = string.ascii_letters + string.digits


def random_key() -> str:
    """A random 64-character [A-Za-z0-9] value with upper, lower and digits, like Binance's."""
    while True:
        value = "".join(secrets.choice(ALPHABET) for _ in range(64))
        if (
            any(c.isupper() for c in value)
            and any(c.islower() for c in value)
            and any(c.isdigit() for c in value)
        ):
            return value


def random_der_body(content_bytes: int = 93) -> str:
    """The base64 body of a PEM that is shaped like a key (one whole DER SEQUENCE, as
    pem.is_der_sequence requires) but holds random bytes: found by the scan, useless to sign."""
    import base64

    header = bytes([0x30, content_bytes]) if content_bytes < 0x80 else bytes(
        [0x30, 0x82, content_bytes >> 8, content_bytes & 0xFF]
    )
    return base64.b64encode(header + secrets.token_bytes(content_bytes)).decode()
