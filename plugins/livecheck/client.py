"""A minimal Binance REST client: read-only GETs from the allow-list, signed locally.

It never sends, logs or stores the secret: a :class:`~signing.Signer` holds it and only
the signature leaves. Logging names the method, path and status, never the query string
(it carries the signature) or headers (they carry the API key).

Retry policy, from https://developers.binance.com/docs/binance-spot-api-docs/rest-api/
limits and general-api-information: 429 carries Retry-After and must be honoured (it
escalates to a 418 IP ban otherwise); 418 and 451/403 are final; 5xx is "unknown" on
Binance's side and is retried a bounded number of times with exponential backoff.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from typing import Any, Callable
from urllib.parse import quote, urlencode

from .binance_api import (
    DEFAULT_RECV_WINDOW_MS,
    READ_ONLY_ENDPOINTS,
    TIME_PATH,
    TIMESTAMP_OUTSIDE_RECV_WINDOW,
)
from .endpoints import DEFAULT_MAX_REQUESTS
from .signing import Signer

log = logging.getLogger("binance_secrets.client")


class TransportError(Exception):
    """No usable answer from Binance (network, timeout, retries exhausted); says why."""


class RunStopped(TransportError):
    """The run asks nothing more: its request budget is spent, or Binance said stop (a
    second 429, a 418 ban). Every key not yet answered ends ``unknown`` with this reason."""


# The largest answer read: apiRestrictions is a few hundred bytes, an account answer with
# every balance far below this. More is refused, never read to the end.
MAX_BODY_BYTES = 4 * 1024 * 1024


@dataclass
class RunState:
    """What every request of one run shares: the request budget, and Binance's rate-limit
    answers (a Retry-After is waited out once for the whole run; a second 429, or a 418
    IP ban, stops the run's asking)."""

    max_requests: int = DEFAULT_MAX_REQUESTS
    sent: int = 0
    waited_for_rate_limit: bool = False
    stopped: str = ""  # why the run asks nothing more, once it does not

    def take(self) -> None:
        """Count one request, or raise RunStopped when none may be sent."""
        if self.stopped:
            raise RunStopped(self.stopped)
        if self.sent >= self.max_requests:
            self.stopped = (
                f"not asked: this run's budget of {self.max_requests} requests was spent "
                "(--max-keys raises it)"
            )
            raise RunStopped(self.stopped)
        self.sent += 1


class ForbiddenRequest(RuntimeError):
    """A request outside the read-only allow-list: a bug, never sent."""


@dataclass(frozen=True)
class Reply:
    """One HTTP answer: the status, the JSON body, and Binance's error code/msg if any."""

    status: int
    body: Any
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300

    @property
    def code(self) -> int | None:
        if isinstance(self.body, dict) and isinstance(self.body.get("code"), int):
            return int(self.body["code"])
        return None

    @property
    def msg(self) -> str:
        if isinstance(self.body, dict) and isinstance(self.body.get("msg"), str):
            return str(self.body["msg"])
        return ""


@dataclass
class RetryPolicy:
    """Bounds on waiting; tests shrink them so nothing sleeps long."""

    max_attempts: int = 3  # per request, for 429/5xx/timeouts
    backoff_seconds: float = 0.5  # first 5xx/timeout backoff, doubled each time
    max_retry_after_seconds: float = 60.0  # a longer Retry-After gives up: "unknown"
    timeout_seconds: float = 10.0  # the whole request, answer included (not per read)
    max_body_bytes: int = MAX_BODY_BYTES


class BinanceClient:
    """Talks to one base URL with one API key (and optionally a signer)."""

    def __init__(
        self,
        base_url: str,
        api_key: str,
        signer: Signer | None = None,
        *,
        ca_bundle: str | None = None,
        retry: RetryPolicy | None = None,
        recv_window_ms: int = DEFAULT_RECV_WINDOW_MS,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.time,
        time_path: str = TIME_PATH,
        state: RunState | None = None,
    ) -> None:
        import requests

        self.base_url = base_url.rstrip("/")
        self._api_key = api_key
        self._signer = signer
        self._retry = retry or RetryPolicy()
        self._recv_window_ms = recv_window_ms
        self._sleep = sleep
        self._clock = clock
        self._time_path = time_path  # the venue's clock (futures testnet has its own)
        self._offset_ms = 0
        self._state = state or RunState()
        self._session = requests.Session()
        self._session.trust_env = False  # no proxy/netrc from the environment sees the key
        self._verify: bool | str = ca_bundle or True

    def __repr__(self) -> str:
        return f"BinanceClient({self.base_url!r}, <credentials hidden>)"

    def close(self) -> None:
        self._session.close()

    def __enter__(self) -> BinanceClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- public calls -------------------------------------------------------------------

    def server_time(self) -> Reply:
        return self._get(self._time_path, {}, with_key=False)

    def signed_get(self, path: str) -> Reply:
        """A signed GET; a -1021 (clock skew) is fixed by syncing time and retrying once."""
        reply = self._get(path, self._signed_params(), with_key=True)
        if reply.code == TIMESTAMP_OUTSIDE_RECV_WINDOW and self.sync_time():
            reply = self._get(path, self._signed_params(), with_key=True)
        return reply

    def sync_time(self) -> bool:
        """Set the offset to Binance's clock; False if the time could not be read."""
        try:
            reply = self.server_time()
        except RunStopped:
            raise
        except TransportError:
            return False
        server = reply.body.get("serverTime") if isinstance(reply.body, dict) else None
        if not reply.ok or not isinstance(server, int):
            return False
        self._offset_ms = server - int(self._clock() * 1000)
        log.debug("clock offset to Binance: %d ms", self._offset_ms)
        return True

    # -- internals ----------------------------------------------------------------------

    def _signed_params(self) -> list[tuple[str, str]]:
        if self._signer is None:
            raise ValueError("signed request without a secret")
        timestamp = int(self._clock() * 1000) + self._offset_ms
        return [("recvWindow", str(self._recv_window_ms)), ("timestamp", str(timestamp))]

    def _query(self, params: list[tuple[str, str]], signed: bool) -> str:
        payload = urlencode(params)
        if not signed:
            return payload
        assert self._signer is not None
        # The signature goes last; base64 signatures (+, /, =) must be percent-encoded.
        return f"{payload}&signature={quote(self._signer.sign(payload), safe='')}"

    def _get(self, path: str, params: list[tuple[str, str]] | dict, with_key: bool) -> Reply:
        if ("GET", path) not in READ_ONLY_ENDPOINTS:
            raise ForbiddenRequest(f"GET {path} is not in the read-only allow-list")
        import requests

        items = list(params.items()) if isinstance(params, dict) else params
        headers = {"X-MBX-APIKEY": self._api_key} if with_key else {}
        signed = bool(items) and with_key and self._signer is not None
        attempts = max(1, self._retry.max_attempts)
        backoff = self._retry.backoff_seconds
        last_problem = "no attempt made"
        for attempt in range(1, attempts + 1):
            # A fresh timestamp/signature per attempt: a retried request must still be
            # inside recvWindow.
            if signed:
                items = self._signed_params()
            query = self._query(items, signed)
            url = f"{self.base_url}{path}" + (f"?{query}" if query else "")
            self._state.take()
            try:
                reply = self._fetch(url, headers)
            except requests.exceptions.SSLError:
                raise TransportError(
                    "TLS verification failed; check the endpoint or --ca-bundle"
                ) from None
            except _Deadline as error:
                last_problem = f"{error}{self._at()}"
            except requests.RequestException as error:
                last_problem = f"network error ({type(error).__name__}){self._at()}"
            else:
                log.info("GET %s -> %d (attempt %d)", path, reply.status, attempt)
                if reply.status == 418:
                    self._state.stopped = (
                        "not asked: Binance banned this IP address for the run (HTTP 418)"
                    )
                    return reply
                if reply.status == 429:
                    wait = _retry_after(reply.headers)
                    if (
                        wait is None
                        or wait > self._retry.max_retry_after_seconds
                        or self._state.waited_for_rate_limit
                    ):
                        self._state.stopped = (
                            "not asked: Binance rate-limited this run (HTTP 429) after its "
                            "Retry-After was already honoured once"
                            if self._state.waited_for_rate_limit
                            else "not asked: Binance rate-limited this run (HTTP 429)"
                        )
                        return reply
                    self._state.waited_for_rate_limit = True
                    last_problem = "rate limited (429)"
                    if attempt < attempts:
                        self._sleep(wait)
                    continue
                if reply.status >= 500:
                    last_problem = f"Binance server error {reply.status}"
                else:
                    return reply
            log.info("GET %s: %s (attempt %d of %d)", path, last_problem, attempt, attempts)
            if attempt < attempts:
                self._sleep(backoff)
                backoff *= 2
        unreachable = last_problem.startswith(("timed out", "network error"))
        raise TransportError(
            f"{last_problem}, {attempts} attempts" + (PROXIES_IGNORED if unreachable else "")
        )

    def _at(self) -> str:
        """Where a request that got no answer went: `` reaching HOST[:PORT]``."""
        from urllib.parse import urlsplit

        return f" reaching {urlsplit(self.base_url).netloc}"

    def _fetch(self, url: str, headers: dict[str, str]) -> Reply:
        """One GET, answer included, within the total deadline and the body cap.

        The request runs on a worker thread the caller waits for at most the deadline: a
        server that drips its headers or body a byte at a time cannot hold the run past it
        (a per-read timeout would restart with every byte). On expiry the socket is shut
        down, which ends the worker's read."""
        import threading

        deadline = self._retry.timeout_seconds
        outcome: dict[str, Any] = {}
        held: dict[str, Any] = {}

        def work() -> None:
            try:
                response = self._session.get(
                    url,
                    headers=headers,
                    timeout=deadline,
                    verify=self._verify,
                    allow_redirects=False,  # a redirect could carry the key elsewhere
                    stream=True,
                )
                held["response"] = response
                try:
                    outcome["reply"] = _reply(response, self._retry.max_body_bytes)
                finally:
                    response.close()
            except BaseException as error:  # handed to the caller's thread
                outcome["error"] = error

        worker = threading.Thread(target=work, daemon=True, name="binance-request")
        worker.start()
        worker.join(deadline)
        if worker.is_alive():
            _shut(held.get("response"))
            raise _Deadline(f"timed out: no complete answer within {deadline:g}s")
        if "error" in outcome:
            error = outcome["error"]
            if isinstance(error, _Deadline):
                raise error
            import requests

            if isinstance(error, requests.Timeout):
                raise _Deadline(f"timed out after {deadline:g}s")
            raise error
        return outcome["reply"]


# Why an unreachable Binance is not retried through the environment's proxy: the session
# ignores HTTPS_PROXY and the like (trust_env=False), so said with every such failure.
PROXIES_IGNORED = (
    "; proxy settings from the environment (HTTPS_PROXY, ALL_PROXY) are ignored on purpose:"
    " a proxy would see the API key and the signed request; a relay you run can be named"
    " with --endpoint and --allow-unofficial-endpoint"
)


class _Deadline(Exception):
    """One request found no complete answer in time, or an answer too large."""


def _shut(response: Any) -> None:
    """Shut the socket under a streamed response down (unblocks a read on another thread)."""
    import contextlib
    import socket

    # Best effort: the worker is a daemon thread and ends with its socket anyway.
    with contextlib.suppress(Exception):
        response.raw._fp.fp.raw._sock.shutdown(socket.SHUT_RDWR)


def _reply(response: Any, max_body_bytes: int = MAX_BODY_BYTES) -> Reply:
    """The answer, its body read up to ``max_body_bytes`` (more is an error: never read on)
    and parsed as JSON (anything else is ``None``)."""
    import json

    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_content(chunk_size=65536):
        size += len(chunk)
        if size > max_body_bytes:
            raise _Deadline(f"answer larger than {max_body_bytes} bytes, not read on")
        chunks.append(chunk)
    try:
        body = json.loads(b"".join(chunks).decode("utf-8"))
    except (ValueError, RecursionError):
        body = None
    return Reply(response.status_code, body, {k.lower(): v for k, v in response.headers.items()})


def _retry_after(headers: dict[str, str]) -> float | None:
    value = headers.get("retry-after")
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        return None
