"""Where `--endpoint` values send a key (binance_api.resolve_routes): one NAME or URL for
the default host, NAME=URL to map an official host elsewhere, and each refusal, which must
come before any key is sent anywhere."""

from __future__ import annotations

import pytest

from binance_secrets.plugins.livecheck.binance_api import (
    EndpointError,
    Routes,
    resolve_routes,
)
from binance_secrets.plugins.livecheck.endpoints import OFFICIAL_HOSTS

LOCAL = "http://127.0.0.1:9"
OTHER = "http://127.0.0.1:8"


def test_no_value_asks_binance_com_at_its_own_hosts() -> None:
    for no_value in ([], (), "binance"):
        routes = resolve_routes(no_value)
        assert routes == Routes(default="binance", urls=dict(OFFICIAL_HOSTS), single=None)
        assert routes.url("binance-us") == "https://api.binance.us"


@pytest.mark.parametrize("name", ["binance-api1", "binance-us", "testnet", "demo"])
def test_an_official_name_or_its_url_is_the_default_host(name: str) -> None:
    assert resolve_routes(name).default == name
    assert resolve_routes(OFFICIAL_HOSTS[name] + "/").default == name
    assert resolve_routes([name]).urls == OFFICIAL_HOSTS


def test_a_plain_unofficial_url_asks_every_key_there_alone() -> None:
    routes = resolve_routes(LOCAL, allow_unofficial_endpoint=True)
    assert routes.single == LOCAL and routes.urls == OFFICIAL_HOSTS
    assert routes.url("binance") == routes.url("testnet") == LOCAL
    with pytest.raises(EndpointError, match="refusing endpoint 'http://127.0.0.1:9'"):
        resolve_routes(LOCAL)


def test_name_equals_url_maps_one_host_and_keeps_the_default() -> None:
    routes = resolve_routes(["demo", f"testnet={OTHER}"], allow_unofficial_endpoint=True)
    assert (routes.default, routes.single) == ("demo", None)
    assert routes.url("testnet") == OTHER
    assert routes.url("demo") == OFFICIAL_HOSTS["demo"]
    assert {n: u for n, u in routes.urls.items() if n != "testnet"} == {
        n: u for n, u in OFFICIAL_HOSTS.items() if n != "testnet"
    }
    # An official URL (or name) as the target needs no permission.
    assert (
        resolve_routes("binance-us=binance-api1").url("binance-us")
        == OFFICIAL_HOSTS["binance-api1"]
    )
    with pytest.raises(EndpointError, match="not an official Binance host"):
        resolve_routes(f"testnet={OTHER}")


def test_a_url_whose_query_holds_an_equals_sign_is_not_a_mapping() -> None:
    """`://` before the `=`: a URL (refused, it is not a base URL), not NAME=URL."""
    with pytest.raises(EndpointError, match="is not a base URL"):
        resolve_routes(f"{LOCAL}/?a=b", allow_unofficial_endpoint=True)


@pytest.mark.parametrize("allowed", [False, True])
def test_a_mistyped_name_is_called_unknown_not_unofficial(allowed: bool) -> None:
    """`--endpoint binance-usa` is a typo of a name: the advice is the names, never
    --allow-unofficial-endpoint, which would only lead to a second refusal."""
    names = ", ".join(OFFICIAL_HOSTS)
    with pytest.raises(EndpointError) as refused:
        resolve_routes("binance-usa", allow_unofficial_endpoint=allowed)
    message = str(refused.value)
    assert message.startswith("unknown endpoint 'binance-usa'") and names in message
    assert "pass --allow-unofficial-endpoint" not in message


def test_a_refusal_names_every_official_host() -> None:
    names = ", ".join(OFFICIAL_HOSTS)
    assert names.startswith("binance, binance-api1, ")
    with pytest.raises(EndpointError, match=f"use one of {names}, or pass"):
        resolve_routes(LOCAL)
    with pytest.raises(EndpointError, match=rf"map one of {names} \(NAME=URL\)"):
        resolve_routes("binance-eu=https://x.example")


@pytest.mark.parametrize(
    ("values", "says"),
    [
        (["binance", "binance-us"], "--endpoint given 2 hosts ('binance', 'binance-us')"),
        (["binance", LOCAL], f"--endpoint given 2 hosts ('binance', '{LOCAL}')"),
        ([f"{LOCAL}", f"testnet={OTHER}"], "sends every key to one server"),
        ([f"testnet={OTHER}", LOCAL], "give one or the other"),
        (["binance-eu=https://x.example"], "'binance-eu' is not a host name"),
        (["=https://x.example"], "'' is not a host name"),
    ],
)
def test_refusals(values: list[str], says: str) -> None:
    with pytest.raises(EndpointError) as refused:
        resolve_routes(values, allow_unofficial_endpoint=True)
    assert says in str(refused.value)
    assert "\n" not in str(refused.value)


def test_trying_the_environment_s_secret_is_off_unless_a_yes_word_says_so() -> None:
    from binance_secrets.plugins.livecheck.binance_api import EndpointSettings

    variable = "BINANCE_SECRETS_TRY_ENV_SECRET"
    assert EndpointSettings().try_env_secret is False
    assert EndpointSettings.from_env({}).try_env_secret is False
    for word in ("1", " Yes ", "on"):
        assert EndpointSettings.from_env({variable: word}).try_env_secret is True
    for word in ("", "0", "no", "off"):
        assert EndpointSettings.from_env({variable: word}).try_env_secret is False
