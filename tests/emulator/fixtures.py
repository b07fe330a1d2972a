"""pytest fixtures and key makers for the emulator; import the fixtures into a test module."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest

from binance_secrets.plugins.livecheck.check import KeyResult, check_credentials
from binance_secrets.plugins.livecheck.client import RetryPolicy
from binance_secrets.plugins.livecheck.credential import Credential
from tests.emulator.server import Account, Emulator
from tests.fake_values import random_key

DAY_MS = 86_400_000

# The environment a CLI test runs in: no credential or endpoint setting leaks in from outside.
CLEAN_ENV = {
    "BINANCE_API_KEY": "",
    "BINANCE_API_SECRET": "",
    "BINANCE_PRIVATE_KEY_FILE": "",
    "BINANCE_PRIVATE_KEY_PASSPHRASE": "",
    "BINANCE_SECRETS_CA_BUNDLE": "",
    "BINANCE_SECRETS_ENDPOINT": "",
    "BINANCE_SECRETS_ALLOW_UNOFFICIAL_ENDPOINT": "",
}

READ_ONLY = {"enableReading": True}
TRADING = {"enableReading": True, "enableSpotAndMarginTrading": True}
WITHDRAWING = {"enableReading": True, "enableWithdrawals": True}

# Tests never sleep long: tiny backoff, short timeout.
FAST_RETRY = RetryPolicy(
    max_attempts=3, backoff_seconds=0.01, max_retry_after_seconds=2, timeout_seconds=1.0
)


def checked_on(emulator: Emulator, api_key: str, secret: str) -> KeyResult:
    """The live check's verdict on one key and secret, asked of ``emulator`` only."""
    (result,) = check_credentials(
        [Credential.of(api_key, secret)],
        endpoint=emulator.url,
        allow_unofficial_endpoint=True,
        retry=FAST_RETRY,
    )
    return result


def created_days_ago(days: int) -> int:
    return int(time.time() * 1000) - days * DAY_MS


def hmac_account(emulator: Emulator, **settings: Any) -> tuple[Account, str]:
    """A new HMAC key on the emulator: (account, secret)."""
    secret = random_key()
    settings.setdefault("restrictions", dict(READ_ONLY))
    settings.setdefault("create_time_ms", created_days_ago(10))
    account = emulator.add(Account(api_key=random_key(), hmac_secret=secret, **settings))
    return account, secret


def private_key_account(
    emulator: Emulator, kind: str, passphrase: bytes | None = None, **settings: Any
) -> tuple[Account, str]:
    """A new Ed25519 or RSA key on the emulator: (account, PEM private key)."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ed25519, rsa

    if kind == "ed25519":
        key: Any = ed25519.Ed25519PrivateKey.generate()
    else:
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    encryption = (
        serialization.BestAvailableEncryption(passphrase)
        if passphrase
        else serialization.NoEncryption()
    )
    pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, encryption
    ).decode()
    settings.setdefault("restrictions", dict(READ_ONLY))
    settings.setdefault("create_time_ms", created_days_ago(10))
    account = emulator.add(Account(api_key=random_key(), public_key=key.public_key(), **settings))
    return account, pem


# Fixtures are registered under ``name``; a test module imports the *_fixture functions
# (``from tests.emulator.fixtures import emulator_fixture``, marked noqa F401) and asks for
# ``emulator`` / ``tls_emulator`` by name.


@pytest.fixture(name="emulator")
def emulator_fixture() -> Iterator[Emulator]:
    server = Emulator().start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(name="tls_ca", scope="session")
def tls_ca_fixture(tmp_path_factory: pytest.TempPathFactory) -> Any:
    trustme = pytest.importorskip("trustme")
    return trustme.CA()


@pytest.fixture(name="tls_emulator")
def tls_emulator_fixture(tls_ca: Any, tmp_path: Any) -> Iterator[tuple[Emulator, str]]:
    """(emulator over HTTPS, path of the CA bundle that trusts it)."""
    import ssl

    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    tls_ca.issue_cert("127.0.0.1").configure_cert(context)
    server = Emulator().start(ssl_context=context)
    bundle = tmp_path / "ca.pem"
    tls_ca.cert_pem.write_to_path(str(bundle))
    try:
        yield server, str(bundle)
    finally:
        server.stop()


# The hosts a family test maps to its own emulator, one each (--endpoint NAME=URL).
FAMILY_HOSTS = ("binance", "binance-us", "testnet", "futures-testnet", "demo")


@pytest.fixture(name="family")
def family_fixture() -> Iterator[dict[str, Emulator]]:
    """One emulator per official host of FAMILY_HOSTS, all running at once: Binance,
    Binance.US and the testnets each know only their own keys."""
    servers = {name: Emulator().start() for name in FAMILY_HOSTS}
    try:
        yield servers
    finally:
        for server in servers.values():
            server.stop()


def family_endpoints(family: dict[str, Emulator]) -> list[str]:
    """The check options that send each host's requests to its own emulator."""
    options = [f"--endpoint={name}={server.url}" for name, server in family.items()]
    return [*options, "--allow-unofficial-endpoint"]


def signed_requests(server: Emulator) -> list[str]:
    """The paths of the signed requests an emulator received (not the clock's)."""
    return [r.path for r in server.requests if not r.path.endswith("/time")]
