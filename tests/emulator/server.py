"""A real HTTP server on 127.0.0.1 that answers like Binance's REST API does.

It verifies HMAC, Ed25519 and RSA signatures over the exact query string before
``signature`` (https://developers.binance.com/docs/binance-spot-api-docs/rest-api/
request-security), enforces ``timestamp``/``recvWindow`` with Binance's rule
``timestamp < serverTime + 1000 and serverTime - timestamp <= recvWindow``, answers
Binance's error bodies, and can be told to misbehave. It records every request so tests can
assert what was (and was not) sent. Keys are generated at run time by the tests.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import re
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

KEY_FORMAT = re.compile(r"^[A-Za-z0-9]{64}$")


# The permissions GET /sapi/v1/account/apiRestrictions states for every key, true or false
# (its documented answer: https://developers.binance.com/docs/wallet/account/api-key-permission).
DOCUMENTED_PERMISSIONS = (
    "enableReading",
    "enableWithdrawals",
    "enableInternalTransfer",
    "enableMargin",
    "enableFutures",
    "permitsUniversalTransfer",
    "enableVanillaOptions",
    "enableFixApiTrade",
    "enableFixReadOnly",
    "enableSpotAndMarginTrading",
    "enablePortfolioMarginTrading",
)


def answered(restrictions: dict[str, Any]) -> dict[str, Any]:
    """The permissions the answer states for an account set up with ``restrictions``."""
    stated = {**dict.fromkeys(DOCUMENTED_PERMISSIONS, False), **restrictions}
    return {name: value for name, value in stated.items() if value is not LEFT_OUT}


# A permission an account's answer leaves out (`restrictions={"enableWithdrawals": LEFT_OUT}`).
LEFT_OUT: Any = object()


@dataclass
class Account:
    """One API key: how it signs, what it may do."""

    api_key: str
    hmac_secret: str | None = None  # HMAC keys
    public_key: Any = None  # Ed25519/RSA keys (cryptography public key)
    restrictions: dict[str, Any] = field(default_factory=dict)
    ip_restrict: bool = False
    ip_blocked: bool = False  # bound to a whitelist that excludes the test machine
    revoked: bool = False
    create_time_ms: int = 0
    # A hostile or broken Binance: every signed request with this key gets this answer.
    answer: Canned | None = None


@dataclass
class Recorded:
    method: str
    path: str
    query: str
    headers: dict[str, str]
    body: bytes


@dataclass
class Canned:
    """One answer. ``raw`` is sent as the body byte for byte (``NaN``, broken JSON);
    ``endless`` streams filler without end (a body larger than any cap), ``drip_seconds``
    sends the body one byte per that many seconds, without end."""

    status: int
    body: Any
    headers: dict[str, str] = field(default_factory=dict)
    raw: bytes | None = None
    endless: bool = False
    drip_seconds: float = 0.0


def error(code: int, msg: str) -> dict[str, Any]:
    return {"code": code, "msg": msg}


class Emulator:
    """Registry, knobs and records; ``server`` serves them on a background thread."""

    def __init__(self) -> None:
        self.accounts: dict[str, Account] = {}
        self.requests: list[Recorded] = []
        self.canned: deque[Canned] = deque()
        self.delay_seconds = 0.0
        self.clock_skew_ms = 0  # server time = real time + skew
        self.api_restrictions_available = True
        self.lock = threading.Lock()
        self.stopping = threading.Event()  # ends endless and dripping answers
        self.server: ThreadingHTTPServer | None = None
        self.thread: threading.Thread | None = None

    # -- test API -----------------------------------------------------------------------

    def add(self, account: Account) -> Account:
        self.accounts[account.api_key] = account
        return account

    def queue(
        self, status: int, body: Any = None, headers: dict[str, str] | None = None, times: int = 1
    ) -> None:
        """Answer the next ``times`` requests with this response, whatever they are."""
        for _ in range(times):
            self.canned.append(Canned(status, body, headers or {}))

    def server_time_ms(self) -> int:
        return int(time.time() * 1000) + self.clock_skew_ms

    @property
    def url(self) -> str:
        assert self.server is not None
        host, port = self.server.server_address[:2]
        scheme = "https" if getattr(self, "tls", False) else "http"
        return f"{scheme}://{host}:{port}"

    def start(self, ssl_context: Any = None, port: int = 0) -> Emulator:
        emulator = self

        class Handler(_Handler):
            pass

        Handler.emulator = emulator
        self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.server.daemon_threads = True
        self.tls = ssl_context is not None
        if ssl_context is not None:
            self.server.socket = ssl_context.wrap_socket(self.server.socket, server_side=True)
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )
        self.thread.start()
        return self

    def stop(self) -> None:
        self.stopping.set()
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()

    # -- Binance's logic ----------------------------------------------------------------

    def answer(self, method: str, path: str, query: str, headers: dict[str, str]) -> Canned:
        if self.canned:
            return self.canned.popleft()
        if method != "GET":
            return Canned(405, error(-1000, "method not allowed by emulator"))
        if path in ("/api/v3/time", "/fapi/v1/time"):
            return Canned(200, {"serverTime": self.server_time_ms()})
        if path == "/sapi/v1/account/apiRestrictions":
            if not self.api_restrictions_available:
                return Canned(404, None)
            return self._signed(query, headers, sapi=True)
        if path == "/api/v3/account":
            return self._signed(query, headers, sapi=False)
        if path == "/fapi/v2/account":  # USD-M futures (the futures testnet's keys)
            return self._signed(query, headers, sapi=False, futures=True)
        return Canned(404, None)

    def _signed(
        self, query: str, headers: dict[str, str], sapi: bool, futures: bool = False
    ) -> Canned:
        api_key = headers.get("x-mbx-apikey")
        if api_key is None:
            return Canned(401, error(-2014, "API-key format invalid."))
        if not KEY_FORMAT.match(api_key):
            return Canned(401, error(-2014, "API-key format invalid."))
        if "&signature=" not in f"&{query}":
            return Canned(400, error(-1102, "Mandatory parameter 'signature' was not sent."))
        payload, _, raw_signature = query.rpartition("&signature=")
        params = dict(parse_qsl(payload))
        try:
            timestamp = int(params["timestamp"])
            recv_window = int(params.get("recvWindow", "5000"))
        except (KeyError, ValueError):
            return Canned(400, error(-1102, "Mandatory parameter 'timestamp' was not sent."))
        if recv_window > 60000:
            return Canned(400, error(-1131, "recvWindow must be less than 60000"))
        now = self.server_time_ms()
        if not (timestamp < now + 1000 and now - timestamp <= recv_window):
            return Canned(
                400,
                error(-1021, "Timestamp for this request is outside of the recvWindow."),
            )
        account = self.accounts.get(api_key)
        if account is None:
            if sapi:
                return Canned(400, error(-2008, "Invalid Api-Key ID."))
            return Canned(401, error(-2015, "Invalid API-key, IP, or permissions for action."))
        if account.answer is not None:
            return account.answer
        if account.revoked or account.ip_blocked:
            return Canned(401, error(-2015, "Invalid API-key, IP, or permissions for action."))
        if not _signature_ok(account, payload, unquote(raw_signature)):
            return Canned(400, error(-1022, "Signature for this request is not valid."))
        if sapi:
            # Binance states every permission, false ones too: a test sets the ones it
            # enables (or, with LEFT_OUT, leaves one out, as a broken answer would).
            body = {"ipRestrict": account.ip_restrict, "createTime": account.create_time_ms}
            body.update(dict.fromkeys(DOCUMENTED_PERMISSIONS, False))
            body.update(account.restrictions)
            return Canned(200, {k: v for k, v in body.items() if v is not LEFT_OUT})
        if futures:
            return Canned(
                200,
                {
                    "feeTier": 0,
                    "canTrade": bool(account.restrictions.get("enableFutures")),
                    "canDeposit": True,
                    "canWithdraw": bool(account.restrictions.get("enableWithdrawals")),
                    "updateTime": 0,
                    "totalWalletBalance": "15000.00000000",
                    "assets": [],
                    "positions": [],
                },
            )
        return Canned(
            200,
            {
                "makerCommission": 10,
                "canTrade": bool(account.restrictions.get("enableSpotAndMarginTrading")),
                "canWithdraw": bool(account.restrictions.get("enableWithdrawals")),
                "canDeposit": True,
                # Account settings, not the key's permissions (Binance's "Account
                # information" answer has them): the check must not read them as such.
                "brokered": False,
                "requireSelfTradePrevention": False,
                "preventSor": False,
                "updateTime": 0,
                "accountType": "SPOT",
                "balances": [],
                "permissions": ["SPOT"],
                "uid": 354937868,
            },
        )


def _signature_ok(account: Account, payload: str, signature: str) -> bool:
    data = payload.encode("utf-8")
    if account.hmac_secret is not None:
        expected = hmac.new(account.hmac_secret.encode(), data, hashlib.sha256).hexdigest()
        return hmac.compare_digest(expected, signature)
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ed25519, padding

    try:
        raw = base64.b64decode(signature, validate=True)
        if isinstance(account.public_key, ed25519.Ed25519PublicKey):
            account.public_key.verify(raw, data)
        else:
            account.public_key.verify(raw, data, padding.PKCS1v15(), hashes.SHA256())
    except (InvalidSignature, ValueError):
        return False
    return True


class _Handler(BaseHTTPRequestHandler):
    emulator: Emulator
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib name
        pass

    def _handle(self) -> None:
        emulator = self.emulator
        parts = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        headers = {k.lower(): v for k, v in self.headers.items()}
        with emulator.lock:
            emulator.requests.append(Recorded(self.command, parts.path, parts.query, headers, body))
            reply = emulator.answer(self.command, parts.path, parts.query, headers)
            delay = emulator.delay_seconds
        if delay:
            time.sleep(delay)
        payload = b"" if reply.body is None else json.dumps(reply.body).encode()
        if reply.raw is not None:
            payload = reply.raw
        endless = reply.endless or reply.drip_seconds > 0
        try:
            self.send_response(reply.status)
            self.send_header("Content-Type", "application/json")
            length = 1 << 40 if endless else len(payload)  # a terabyte: never all sent
            self.send_header("Content-Length", str(length))
            for name, value in reply.headers.items():
                self.send_header(name, value)
            self.end_headers()
            if reply.drip_seconds > 0:
                while not emulator.stopping.is_set():
                    self.wfile.write(b" ")
                    self.wfile.flush()
                    emulator.stopping.wait(reply.drip_seconds)
            elif reply.endless:
                filler = b"[" + b" " * 65535
                while not emulator.stopping.is_set():
                    self.wfile.write(filler)
            else:
                self.wfile.write(payload)
        except OSError:
            pass  # the client gave up (timeout and size tests)

    do_GET = _handle
    do_POST = _handle
    do_PUT = _handle
    do_DELETE = _handle
