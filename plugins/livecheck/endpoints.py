"""Where the live check may ask: Binance's official hosts by name, and the environment
variables that choose one.

Kept apart from :mod:`livecheck.binance_api` (the requests and what they may say) because
every command's options read these names for their defaults and help, and importing the
client side would slow each start of the pre-commit hook and the sweep.
"""

from __future__ import annotations

# --endpoint NAME -> base URL. Alternates: "General API Information" in
# https://developers.binance.com/docs/binance-spot-api-docs/rest-api/general-api-information
OFFICIAL_HOSTS: dict[str, str] = {
    "binance": "https://api.binance.com",
    "binance-api1": "https://api1.binance.com",
    "binance-api2": "https://api2.binance.com",
    "binance-api3": "https://api3.binance.com",
    "binance-api4": "https://api4.binance.com",
    "binance-gcp": "https://api-gcp.binance.com",
    "binance-us": "https://api.binance.us",
    # Keys that move no real funds. Official base URLs: binance/binance-connector-python
    # common/src/binance_common/constants.py (SPOT_REST_API_TESTNET_URL,
    # DERIVATIVES_TRADING_USDS_FUTURES_REST_API_TESTNET_URL, SPOT_REST_API_DEMO_URL) and
    # https://developers.binance.com/docs/binance-spot-api-docs/demo-mode
    "testnet": "https://testnet.binance.vision",
    "futures-testnet": "https://testnet.binancefuture.com",
    "demo": "https://demo-api.binance.com",
}

# --endpoint NAME -> the platform whose keys that host knows. Each platform is its own
# exchange with its own keys: a key one does not know may be another's. Binance.US
# (BAM Trading) documents https://api.binance.us (github.com/binance-us/
# binance-official-api-docs; ccxt's binanceus uses it). Binance TR, Binance Japan and
# Binance TH (Gulf Binance) publish no API host in Binance's developer docs
# (developers.binance.com) or in binance-spot-api-docs: none is listed here
# (docs/live-check.md, "Platforms").
PLATFORM_OF: dict[str, str] = {
    "binance": "binance.com",
    "binance-api1": "binance.com",
    "binance-api2": "binance.com",
    "binance-api3": "binance.com",
    "binance-api4": "binance.com",
    "binance-gcp": "binance.com",
    "binance-us": "binance.us",
    "testnet": "testnet",
    "futures-testnet": "futures-testnet",
    "demo": "demo",
}

# The platforms that move real funds, each with the host its keys are asked on, in the
# order a key without context is asked: a key every one of them does not know is
# ``invalid``.
PRODUCTION_PLATFORMS: dict[str, str] = {"binance.com": "binance", "binance.us": "binance-us"}


# The environment variables that choose the endpoint, in every command (as the defaults of
# --endpoint, --allow-unofficial-endpoint and --ca-bundle) and in the plugins' verify(),
# which detect-secrets calls without options.
ENV_ENDPOINT = "BINANCE_SECRETS_ENDPOINT"
ENV_ALLOW_UNOFFICIAL = "BINANCE_SECRETS_ALLOW_UNOFFICIAL_ENDPOINT"
ENV_CA_BUNDLE = "BINANCE_SECRETS_CA_BUNDLE"
# Opt-in: BINANCE_API_SECRET is tried for keys found in files (--try-env-secret).
ENV_TRY_ENV_SECRET = "BINANCE_SECRETS_TRY_ENV_SECRET"
DEFAULT_ENDPOINT = "binance"

# Requests one live-check run may send unless --max-keys raises it (client.RunState).
DEFAULT_MAX_REQUESTS = 200
