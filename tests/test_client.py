"""The REST client against the emulator: allow-list, hosts, retries, clock skew, TLS."""

from __future__ import annotations

import pytest

from binance_secrets.plugins.livecheck.binance_api import (
    API_RESTRICTIONS_PATH,
    OFFICIAL_HOSTS,
    READ_ONLY_ENDPOINTS,
    EndpointError,
    resolve_endpoint,
)
from binance_secrets.plugins.livecheck.client import (
    BinanceClient,
    ForbiddenRequest,
    RetryPolicy,
    TransportError,
)
from binance_secrets.plugins.livecheck.signing import HmacSigner, SigningError, make_signer
from tests.emulator.fixtures import (  # noqa: F401 - fixtures
    FAST_RETRY,
    emulator_fixture,
    hmac_account,
    private_key_account,
    tls_ca_fixture,
    tls_emulator_fixture,
)
from tests.emulator.server import Emulator


def _client(emulator: Emulator, api_key: str, secret: str, **kwargs) -> BinanceClient:
    sleeps: list[float] = []
    client = BinanceClient(
        emulator.url,
        api_key,
        make_signer(secret),
        retry=kwargs.pop("retry", FAST_RETRY),
        sleep=sleeps.append,
        **kwargs,
    )
    client.sleeps = sleeps  # type: ignore[attr-defined]
    return client


def test_official_hosts_by_name_and_url() -> None:
    assert resolve_endpoint("binance") == "https://api.binance.com"
    assert resolve_endpoint("binance-api3") == "https://api3.binance.com"
    assert resolve_endpoint("binance-gcp") == "https://api-gcp.binance.com"
    assert resolve_endpoint("binance-us") == "https://api.binance.us"
    assert resolve_endpoint("testnet") == "https://testnet.binance.vision"
    assert resolve_endpoint("https://api2.binance.com/") == "https://api2.binance.com"
    assert set(OFFICIAL_HOSTS.values()) >= {f"https://api{n}.binance.com" for n in range(1, 5)}


@pytest.mark.parametrize(
    "url",
    ["http://127.0.0.1:8080", "https://api.binance.com.evil.example", "http://api.binance.com"],
)
def test_unofficial_hosts_are_refused_unless_allowed(url: str) -> None:
    with pytest.raises(EndpointError, match="--allow-unofficial-endpoint"):
        resolve_endpoint(url)
    assert resolve_endpoint(url, allow_unofficial_endpoint=True) == url


@pytest.mark.parametrize(
    "url",
    ["ftp://x", "http://[::1", "http://127.0.0.1:99999", "http://h/path", "http://h?q=1",
     "http://h#f", "http://:80", "http://h\n.example", "http://h\t:80", "http://h x"],
)
def test_allowed_unofficial_endpoint_must_be_a_base_url(url: str) -> None:
    # A broken IPv6 literal or an out-of-range port once ended in "unexpected error".
    with pytest.raises(EndpointError, match="base URL"):
        resolve_endpoint(url, allow_unofficial_endpoint=True)


@pytest.mark.parametrize("kind", ["hmac", "ed25519", "rsa"])
def test_signed_get_for_every_key_kind(emulator: Emulator, kind: str) -> None:
    if kind == "hmac":
        account, secret = hmac_account(emulator)
    else:
        account, secret = private_key_account(emulator, kind)
    with _client(emulator, account.api_key, secret) as client:
        reply = client.signed_get(API_RESTRICTIONS_PATH)
    assert reply.status == 200 and reply.body["enableReading"] is True
    (request,) = emulator.requests
    assert request.headers["x-mbx-apikey"] == account.api_key
    assert request.query.startswith("recvWindow=5000&timestamp=")
    assert "&signature=" in request.query and request.query.count("signature=") == 1
    assert request.query.rsplit("&", 1)[1].startswith("signature=")  # appended last


def test_encrypted_private_key_needs_its_passphrase(emulator: Emulator) -> None:
    account, pem = private_key_account(emulator, "ed25519", passphrase=b"correct horse")
    with pytest.raises(SigningError, match="BINANCE_PRIVATE_KEY_PASSPHRASE"):
        make_signer(pem)
    with pytest.raises(SigningError, match="passphrase"):
        make_signer(pem, b"wrong")
    signer = make_signer(pem, b"correct horse")
    with BinanceClient(emulator.url, account.api_key, signer, retry=FAST_RETRY) as client:
        assert client.signed_get(API_RESTRICTIONS_PATH).ok


def test_signers_hide_their_secret_in_repr() -> None:
    assert "hidden" in repr(HmacSigner("s" * 64)) and "s" * 64 not in repr(HmacSigner("s" * 64))


def test_nothing_outside_the_allow_list_is_ever_requested(emulator: Emulator) -> None:
    account, secret = hmac_account(emulator)
    with _client(emulator, account.api_key, secret) as client:
        for path in ("/api/v3/order", "/sapi/v1/capital/withdraw/apply", "/api/v3/userDataStream"):
            with pytest.raises(ForbiddenRequest):
                client.signed_get(path)
    assert emulator.requests == []
    assert all(method == "GET" for method, _ in READ_ONLY_ENDPOINTS)


def test_429_honours_retry_after_then_succeeds(emulator: Emulator) -> None:
    account, secret = hmac_account(emulator)
    emulator.queue(429, {"code": -1003, "msg": "Too many requests."}, {"Retry-After": "1"})
    with _client(emulator, account.api_key, secret) as client:
        reply = client.signed_get(API_RESTRICTIONS_PATH)
        assert client.sleeps == [1.0]  # type: ignore[attr-defined]
    assert reply.ok and len(emulator.requests) == 2


def test_429_with_too_long_retry_after_is_returned(emulator: Emulator) -> None:
    account, secret = hmac_account(emulator)
    emulator.queue(429, {"code": -1003, "msg": "Too many requests."}, {"Retry-After": "600"})
    with _client(emulator, account.api_key, secret) as client:
        reply = client.signed_get(API_RESTRICTIONS_PATH)
        assert client.sleeps == []  # type: ignore[attr-defined]
    assert reply.status == 429


def test_5xx_is_retried_with_backoff_and_bounded(emulator: Emulator) -> None:
    account, secret = hmac_account(emulator)
    emulator.queue(503, None, times=10)
    with _client(emulator, account.api_key, secret) as client:
        with pytest.raises(TransportError, match="server error 503, 3 attempts"):
            client.signed_get(API_RESTRICTIONS_PATH)
        assert client.sleeps == [0.01, 0.02]  # type: ignore[attr-defined]
    assert len(emulator.requests) == 3


def test_5xx_then_success(emulator: Emulator) -> None:
    account, secret = hmac_account(emulator)
    emulator.queue(502, None)
    with _client(emulator, account.api_key, secret) as client:
        assert client.signed_get(API_RESTRICTIONS_PATH).ok


def test_timeout_is_bounded(emulator: Emulator) -> None:
    account, secret = hmac_account(emulator)
    emulator.delay_seconds = 0.5
    retry = RetryPolicy(max_attempts=2, backoff_seconds=0.0, timeout_seconds=0.1)
    client = _client(emulator, account.api_key, secret, retry=retry)
    with client, pytest.raises(TransportError, match="timed out"):
        client.signed_get(API_RESTRICTIONS_PATH)


def test_clock_skew_is_fixed_by_syncing_time_once(emulator: Emulator) -> None:
    account, secret = hmac_account(emulator)
    emulator.clock_skew_ms = 120_000
    with _client(emulator, account.api_key, secret) as client:
        reply = client.signed_get(API_RESTRICTIONS_PATH)
    assert reply.ok
    assert [r.path for r in emulator.requests] == [
        API_RESTRICTIONS_PATH,
        "/api/v3/time",
        API_RESTRICTIONS_PATH,
    ]
    assert "x-mbx-apikey" not in emulator.requests[1].headers  # time needs no key


def test_https_needs_the_right_ca(tls_emulator) -> None:
    server, bundle = tls_emulator
    account, secret = hmac_account(server)
    with BinanceClient(
        server.url, account.api_key, make_signer(secret), ca_bundle=bundle, retry=FAST_RETRY
    ) as client:
        assert client.signed_get(API_RESTRICTIONS_PATH).ok
    client = BinanceClient(server.url, account.api_key, make_signer(secret), retry=FAST_RETRY)
    with client, pytest.raises(TransportError, match="TLS"):
        client.signed_get(API_RESTRICTIONS_PATH)
