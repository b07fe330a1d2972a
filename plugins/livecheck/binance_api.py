"""What this tool may say to Binance, and where: the single source of truth.

Sending an API key anywhere is a disclosure, so the hosts are named in one place
(:mod:`livecheck.endpoints`, which the command-line options read without importing this),
and the only requests ever made are the read-only GETs in :data:`READ_ONLY_ENDPOINTS`
(the client refuses anything else before a socket is opened).

Field names are Binance's own, from "Get API Key Permission" (USER_DATA)
https://developers.binance.com/docs/wallet/account/api-key-permission and "Account
information" https://developers.binance.com/docs/binance-spot-api-docs/rest-api/account-endpoints
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from .endpoints import (
    DEFAULT_ENDPOINT,
    ENV_ALLOW_UNOFFICIAL,
    ENV_CA_BUNDLE,
    ENV_ENDPOINT,
    ENV_TRY_ENV_SECRET,
    OFFICIAL_HOSTS,
    PLATFORM_OF,
    PRODUCTION_PLATFORMS,
)

TIME_PATH = "/api/v3/time"
API_RESTRICTIONS_PATH = "/sapi/v1/account/apiRestrictions"
ACCOUNT_PATH = "/api/v3/account"
# USD-M futures: "Check Server Time" and "Account Information V2 (USER_DATA)"
# (binance/binance-connector-python clients/derivatives_trading_usds_futures rest_api
# market_data_api.py and account_api.py).
FUTURES_TIME_PATH = "/fapi/v1/time"
FUTURES_ACCOUNT_PATH = "/fapi/v2/account"

# (method, path): every request this tool can make. All are read-only.
READ_ONLY_ENDPOINTS: frozenset[tuple[str, str]] = frozenset(
    {
        ("GET", TIME_PATH),
        ("GET", API_RESTRICTIONS_PATH),
        ("GET", ACCOUNT_PATH),
        ("GET", FUTURES_TIME_PATH),
        ("GET", FUTURES_ACCOUNT_PATH),
    }
)


@dataclass(frozen=True)
class Venue:
    """Where keys that move no real funds are asked about: an official host (by its
    :data:`OFFICIAL_HOSTS` name), the signed read-only request, and the clock to sync with."""

    label: str
    endpoint: str
    account_path: str = ACCOUNT_PATH
    time_path: str = TIME_PATH


SPOT_TESTNET = Venue("testnet", "testnet")
# Futures testnet keys are 64 lowercase hex characters (plugins.detection.reject).
FUTURES_TESTNET = Venue(
    "futures testnet", "futures-testnet", FUTURES_ACCOUNT_PATH, FUTURES_TIME_PATH
)
DEMO_TRADING = Venue("demo trading", "demo")


# The venue of each host whose keys move no real funds, by endpoint name.
_VENUE_OF_HOST = {"testnet": SPOT_TESTNET, "futures-testnet": FUTURES_TESTNET, "demo": DEMO_TRADING}

# Hosts that have no /sapi (wallet) endpoints: those of the keys that move no real funds.
# Asked there, even under a production host's name (NAME=URL), the account endpoint is
# asked directly.
NO_SAPI = frozenset(OFFICIAL_HOSTS[name] for name in _VENUE_OF_HOST)


@dataclass(frozen=True)
class Stop:
    """One host a key is asked on: its endpoint name (OFFICIAL_HOSTS), and the venue's own
    request there (None: apiRestrictions, with /api/v3/account where that is missing)."""

    name: str
    venue: Venue | None = None


@dataclass(frozen=True)
class Routes:
    """Where each official host is reached: its own URL, or the one ``--endpoint NAME=URL``
    maps it to. ``default`` is the host asked first for a key without context; ``single``
    is a plain unofficial URL (a proxy or emulator you run): every key is asked there
    alone, each with its venue's request."""

    default: str = DEFAULT_ENDPOINT
    urls: dict[str, str] = field(default_factory=lambda: dict(OFFICIAL_HOSTS))
    single: str | None = None

    def url(self, name: str) -> str:
        return self.single or self.urls[name]

    def stops(self, environment: str, api_key: str) -> list[Stop]:
        """The hosts a key is asked on, in order, until one knows it: a testnet or demo
        key's own venue first, then every production platform (the one its context or
        --endpoint names first): ``invalid`` needs all of them to say so."""
        venue = venue_for(environment, api_key)
        if self.single is not None:
            return [Stop(self.single, venue or _VENUE_OF_HOST.get(self.default))]
        stops: list[Stop] = []
        if venue is not None:
            stops.append(Stop(venue.endpoint, venue))
        elif self.default in _VENUE_OF_HOST:  # --endpoint testnet: asked there first
            stops.append(Stop(self.default, _VENUE_OF_HOST[self.default]))
        default_platform = PLATFORM_OF[self.default]
        order = sorted(
            PRODUCTION_PLATFORMS,
            key=lambda p: (
                not (environment == "binance-us" and p == "binance.us"),
                p != default_platform,
            ),
        )
        for platform in order:
            own = platform == default_platform
            stops.append(Stop(self.default if own else PRODUCTION_PLATFORMS[platform]))
        return stops


def venue_for(environment: str, api_key: str) -> Venue | None:
    """Where a key found in ``environment`` (plugins.detection.environment) is asked about;
    None for production and unknown keys, which go to the chosen ``--endpoint``."""
    if environment == "testnet":
        return FUTURES_TESTNET if all(c in "0123456789abcdef" for c in api_key) else SPOT_TESTNET
    if environment == "demo":
        return DEMO_TRADING
    return None

API_MANAGEMENT_URL = "https://www.binance.com/en/my/settings/api-management"

# apiRestrictions: every field of Binance's "Get API Key Permission (USER_DATA)" answer
# (GET /sapi/v1/account/apiRestrictions, https://developers.binance.com/docs/wallet/account/
# api-key-permission): ipRestrict, createTime, enableReading, enableWithdrawals,
# enableInternalTransfer, enableMargin, enableFutures, permitsUniversalTransfer,
# enableVanillaOptions, enableFixApiTrade, enableFixReadOnly, enableSpotAndMarginTrading,
# enablePortfolioMarginTrading; and tradingAuthorityExpirationTime ("Expiration time for spot
# and margin trading permission", the binance-sdk wallet model GetApiKeyPermissionResponse),
# set on a key without an IP whitelist, whose trading lapses then.
# The booleans, in the order a report shows them.
RESTRICTION_FIELDS = (
    "enableReading",
    "enableSpotAndMarginTrading",
    "enableFixApiTrade",
    "enableFixReadOnly",
    "enableMargin",
    "enableFutures",
    "enableVanillaOptions",
    "enablePortfolioMarginTrading",
    "enableWithdrawals",
    "enableInternalTransfer",
    "permitsUniversalTransfer",
)
IP_RESTRICT_FIELD = "ipRestrict"
CREATE_TIME_FIELD = "createTime"
EXPIRATION_FIELD = "tradingAuthorityExpirationTime"
# The fields that are times (milliseconds since the epoch).
TIME_FIELDS = (CREATE_TIME_FIELD, EXPIRATION_FIELD)

# /api/v3/account booleans (the fallback where apiRestrictions is unavailable).
ACCOUNT_FIELDS = ("canTrade", "canWithdraw", "canDeposit")
# The fields whose absence would understate the risk, each answer kind's: withdrawals and
# spot trading are in apiRestrictions' documented answer
# (https://developers.binance.com/docs/wallet/account/api-key-permission), `canTrade` and
# `canWithdraw` in /api/v3/account's. Fields added later (FIX, portfolio margin) are not
# required: a venue whose answer predates them must still be read.
STATED_RESTRICTION_FIELDS = ("enableWithdrawals", "enableSpotAndMarginTrading")
STATED_ACCOUNT_FIELDS = ("canTrade", "canWithdraw")

# Fields that move money out of the account (directly or to an account an attacker holds).
MONEY_OUT_FIELDS = frozenset(
    {"enableWithdrawals", "enableInternalTransfer", "permitsUniversalTransfer", "canWithdraw"}
)
# Fields that let the key trade: attackers drain funds by trading at extreme prices.
# enableFixApiTrade is FIX order entry: it places and cancels orders like the REST API
# (https://developers.binance.com/docs/binance-spot-api-docs/fix-api).
TRADING_FIELDS = frozenset(
    {
        "enableSpotAndMarginTrading",
        "enableFixApiTrade",
        "enableMargin",
        "enableFutures",
        "enableVanillaOptions",
        "enablePortfolioMarginTrading",
        "canTrade",
    }
)

# Binance error codes this tool interprets; https://developers.binance.com/docs/
# binance-spot-api-docs/errors and the wallet's -2008.
TIMESTAMP_OUTSIDE_RECV_WINDOW = -1021
INVALID_SIGNATURE = -1022
INVALID_API_KEY_ID = -2008
API_KEY_FORMAT_INVALID = -2014
REJECTED_MBX_KEY = -2015

DEFAULT_RECV_WINDOW_MS = 5000
MAX_RECV_WINDOW_MS = 60000


# What counts as "yes" in ENV_ALLOW_UNOFFICIAL: the words click accepts for a flag.
_TRUE_WORDS = frozenset({"1", "true", "t", "yes", "y", "on"})


@dataclass(frozen=True)
class EndpointSettings:
    """Where the live check asks, and which CA bundle it trusts there."""

    endpoint: tuple[str, ...] = (DEFAULT_ENDPOINT,)
    allow_unofficial: bool = False
    ca_bundle: str | None = None
    try_env_secret: bool = False

    @classmethod
    def from_env(cls, environ: Mapping[str, str]) -> EndpointSettings:
        return cls(
            endpoint=tuple(environ.get(ENV_ENDPOINT, "").split()) or (DEFAULT_ENDPOINT,),
            allow_unofficial=environ.get(ENV_ALLOW_UNOFFICIAL, "").strip().lower() in _TRUE_WORDS,
            ca_bundle=environ.get(ENV_CA_BUNDLE) or None,
            try_env_secret=environ.get(ENV_TRY_ENV_SECRET, "").strip().lower() in _TRUE_WORDS,
        )


class EndpointError(ValueError):
    """The endpoint is not usable; the message says what to do."""


# A CA bundle is a few hundred KB (certifi's: 0.3 MB). OpenSSL reads the whole file, so
# /dev/zero or a FIFO would never return.
MAX_CA_BUNDLE_BYTES = 16 * 1024 * 1024


def check_ca_bundle(path: str | None) -> None:
    """Refuse a --ca-bundle / BINANCE_SECRETS_CA_BUNDLE that is not a regular file of sane
    size. Checked when the live check runs, not when the option is parsed: a variable set in
    the environment must not break a scan that asks Binance nothing."""
    import os
    import stat

    if path is None:
        return
    try:
        info = os.stat(path)
    except OSError as error:
        raise EndpointError(
            f"--ca-bundle {path}: {error.strerror}; give a PEM file of CA certificates, or "
            f"unset {ENV_CA_BUNDLE}"
        ) from error
    if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_CA_BUNDLE_BYTES:
        raise EndpointError(
            f"--ca-bundle {path} is not a regular file of at most {MAX_CA_BUNDLE_BYTES} bytes; "
            f"give a PEM file of CA certificates, or unset {ENV_CA_BUNDLE}"
        )


def resolve_endpoint(endpoint: str, allow_unofficial_endpoint: bool = False) -> str:
    """The base URL for ``--endpoint`` (a name from :data:`OFFICIAL_HOSTS`, or a URL).

    An official host may be given by name or by its exact URL. Anything else is refused
    unless ``allow_unofficial_endpoint``: the API key would be sent to that host.
    """
    if endpoint in OFFICIAL_HOSTS:
        return OFFICIAL_HOSTS[endpoint]
    base = endpoint.rstrip("/")
    if base in OFFICIAL_HOSTS.values():
        return base
    names = ", ".join(OFFICIAL_HOSTS)
    if "://" not in base:  # a mistyped name: permission to go elsewhere would not help
        raise EndpointError(
            f"unknown endpoint {endpoint!r}: give a name, one of {names}, or a URL "
            "(https://host[:port])"
        )
    if not allow_unofficial_endpoint:
        raise EndpointError(
            f"refusing endpoint {endpoint!r}: it is not an official Binance host and the API "
            f"key would be sent to it; use one of {names}, or pass --allow-unofficial-endpoint "
            "if you run that server yourself"
        )
    if not _is_base_url(base):
        raise EndpointError(
            f"endpoint {endpoint!r} is not a base URL like https://host[:port]; give one, "
            f"or a name: {names}"
        )
    return base


def resolve_routes(
    endpoints: str | Sequence[str], allow_unofficial_endpoint: bool = False
) -> Routes:
    """The routes for ``--endpoint`` values: at most one NAME or URL (the default host, as
    :func:`resolve_endpoint` takes it) and any number of NAME=URL, each mapping one official
    host of :data:`OFFICIAL_HOSTS` to another URL (refused unless official, or allowed)."""
    values = [endpoints] if isinstance(endpoints, str) else list(endpoints)
    names = ", ".join(OFFICIAL_HOSTS)
    urls = dict(OFFICIAL_HOSTS)
    chosen: list[str] = []
    for value in values:
        name, equals, target = value.partition("=")
        if not equals or "://" in name:
            chosen.append(value)
            continue
        if name not in OFFICIAL_HOSTS:
            raise EndpointError(
                f"--endpoint {value!r}: {name!r} is not a host name; map one of {names} "
                "(NAME=URL)"
            )
        urls[name] = resolve_endpoint(target, allow_unofficial_endpoint)
    if len(chosen) > 1:
        raise EndpointError(
            f"--endpoint given {len(chosen)} hosts ({', '.join(map(repr, chosen))}); give one "
            "NAME or URL, and any number of NAME=URL to map a host"
        )
    base = resolve_endpoint(chosen[0] if chosen else DEFAULT_ENDPOINT, allow_unofficial_endpoint)
    default = next((n for n, url in OFFICIAL_HOSTS.items() if url == base), None)
    if default is None:
        if urls != OFFICIAL_HOSTS:
            raise EndpointError(
                f"--endpoint {chosen[0]!r} sends every key to one server, and NAME=URL maps "
                "hosts: give one or the other"
            )
        return Routes(urls=urls, single=base)
    if chosen and chosen[0] in OFFICIAL_HOSTS:
        default = chosen[0]
    return Routes(default=default, urls=urls)


def _is_base_url(base: str) -> bool:
    """http(s)://host[:port] and nothing else: no path, query, fragment, blanks or control
    characters (urlsplit silently drops tabs and newlines), and a port that exists;
    urlsplit raises ValueError on a broken IPv6 literal and ``port`` on an out-of-range port."""
    if not base.isascii() or not base.isprintable() or " " in base:
        return False
    from urllib.parse import urlsplit  # slow to import: only here, and only for a URL

    try:
        parts = urlsplit(base)
        _ = parts.port  # raises ValueError when out of range
    except ValueError:
        return False
    return (
        parts.scheme in ("http", "https")
        and bool(parts.hostname)
        and not (parts.path or parts.query or parts.fragment)
    )
