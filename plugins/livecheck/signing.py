"""Signing a request's query string locally; the secret never leaves this module's objects.

Per https://developers.binance.com/docs/binance-spot-api-docs/rest-api/request-security:
HMAC keys sign with hex HMAC-SHA256 of the payload (the query string without
``signature``); Ed25519 keys with base64 of the Ed25519 signature; RSA keys with base64 of
RSASSA-PKCS1-v1_5 over SHA-256. Base64 signatures must be URL-encoded by the caller.
"""

from __future__ import annotations

import hashlib
import hmac
from typing import Any, Protocol

PEM_MARKER = "-----BEGIN"


class SigningError(ValueError):
    """The secret cannot sign (unreadable PEM, wrong passphrase, unsupported key type)."""


class Signer(Protocol):
    """Something that turns a payload into Binance's ``signature`` value."""

    kind: str

    def sign(self, payload: str) -> str: ...


class HmacSigner:
    """HMAC-SHA256, hex: for the 64-character secret keys of HMAC API keys."""

    kind = "hmac"

    def __init__(self, secret: str) -> None:
        self._secret = secret.encode("utf-8")

    def __repr__(self) -> str:
        return "HmacSigner(<secret hidden>)"

    def sign(self, payload: str) -> str:
        return hmac.new(self._secret, payload.encode("utf-8"), hashlib.sha256).hexdigest()


class PrivateKeySigner:
    """Ed25519 or RSA (PKCS#1 v1.5, SHA-256), base64: for self-generated API keys."""

    def __init__(self, pem: str, passphrase: bytes | None = None) -> None:
        from cryptography.hazmat.primitives.asymmetric import ed25519, rsa

        key = load_private_key(pem, passphrase)
        if isinstance(key, ed25519.Ed25519PrivateKey):
            self.kind = "ed25519"
        elif isinstance(key, rsa.RSAPrivateKey):
            self.kind = "rsa"
        else:
            raise SigningError(
                "the private key is neither Ed25519 nor RSA; Binance accepts only those"
            )
        self._key: Any = key  # Ed25519 or RSA: their sign() take different arguments

    def __repr__(self) -> str:
        return f"PrivateKeySigner({self.kind}, <key hidden>)"

    def sign(self, payload: str) -> str:
        import base64

        data = payload.encode("utf-8")
        if self.kind == "ed25519":
            signature = self._key.sign(data)
        else:
            from cryptography.hazmat.primitives import hashes
            from cryptography.hazmat.primitives.asymmetric import padding

            signature = self._key.sign(data, padding.PKCS1v15(), hashes.SHA256())
        return base64.b64encode(signature).decode("ascii")


def load_private_key(pem: str, passphrase: bytes | None = None) -> object:
    """A cryptography private key from PEM text (PKCS#8, encrypted PKCS#8 or PKCS#1)."""
    from cryptography.hazmat.primitives.serialization import load_pem_private_key

    try:
        return load_pem_private_key(pem.encode("utf-8"), password=passphrase or None)
    except TypeError as error:
        if passphrase:
            raise SigningError(
                "the private key is not encrypted; unset BINANCE_PRIVATE_KEY_PASSPHRASE"
            ) from error
        raise SigningError(
            "the private key is encrypted; set BINANCE_PRIVATE_KEY_PASSPHRASE to its passphrase"
        ) from error
    except Exception as error:  # cryptography raises ValueError and UnsupportedAlgorithm
        hint = "check the passphrase" if passphrase else "is it a complete PEM private key?"
        raise SigningError(f"cannot read the private key: {hint}") from error


def make_signer(secret: str, passphrase: bytes | None = None) -> Signer:
    """The signer for a secret: a PEM private key, or an HMAC secret key."""
    if secret.lstrip().startswith(PEM_MARKER):
        return PrivateKeySigner(secret.strip(), passphrase)
    return HmacSigner(secret)
