"""Where 64 lowercase hex digits are a Binance key (a futures testnet key) and where they
stay a digest: every row of hex_keys.HEX_PLACES finds its example, and digests named as
digests, another service's hex key, a framework's SECRET_KEY and hex in lock files stay
silent even in a Binance project."""

from __future__ import annotations

import secrets

import pytest

from binance_secrets.plugins.detection.engine import scan_text
from binance_secrets.plugins.detection.environment import TESTNET
from binance_secrets.plugins.detection.findings import API_KEY, SECRET_KEY
from binance_secrets.plugins.detection.hex_keys import HEX_PLACES
from tests.fake_values import random_key


def hex_value() -> str:
    return secrets.token_hex(32)


@pytest.mark.parametrize("place", HEX_PLACES, ids=[place.label for place in HEX_PLACES])
def test_each_place_finds_its_example(place) -> None:
    value = hex_value()
    found = scan_text("bot/config.py", place.example.replace("{H}", value))
    assert [(f.value, f.environment) for f in found] == [(value, TESTNET)]


@pytest.mark.parametrize(
    "text",
    [
        # digests named as digests, in a file that says Binance
        "from binance.client import Client\nsha256 = '{H}'\nchecksum = '{H}'\n",
        "# binance\ntx_hash = '{H}'\ncommit = '{H}'\nhash = '{H}'\n",
        # a framework's SECRET_KEY (secrets.token_hex(32)) beside Binance's names
        'import os\nBINANCE_API_KEY = os.getenv("BINANCE_API_KEY")\nSECRET_KEY = "{H}"\n',
        # a generic name whose only Binance word is far above in its file
        "from binance.client import Client\n" + "\n" * 8 + "def news():\n    api_key = '{H}'\n",
        # another service's hex key beside Binance's names (CryptoCompare's keys are hex)
        "BINANCE_API_KEY = os.getenv('K')\nCRYPTOCOMPARE_API_KEY = '{H}'\n",
        # a generic name under another exchange's block of a Binance config
        "binance:\n  enabled: true\nokx:\n  api_key: {H}\n  secret: {H}\n",
        # names that are no credential under a binance block
        "binance:\n  webhook_secret: {H}\n  sha256: {H}\n  listen_key: {H}\n",
        # a BNB Smart Chain wallet's private key (hummingbot's gateway tests), also on testnet
        "validatePrivateKey({\n  chain: 'binance-smart-chain',\n  privateKey:\n    '{H}',\n})\n",
        "# bsc testnet\nBINANCE_WALLET_PRIVATE_KEY={H}\n",
        # an app's own API key (randomBytes(32) as hex) in a config whose Binance is mainnet
        '{\n  "advanced": {\n    "apiKey": "{H}",\n    "binanceEnvironment": "MAINNET"\n  }\n}\n',
    ],
)
def test_digests_and_other_hex_stay_silent(text: str) -> None:
    while "{H}" in text:
        text = text.replace("{H}", hex_value(), 1)
    assert scan_text("bot/config.py", text) == []


def test_hex_in_a_lock_file_stays_silent() -> None:
    text = f'{{"node_modules/binance": {{"integrity": "sha512-x", "key": "{hex_value()}"}}}}\n'
    assert scan_text("package-lock.json", text) == []


def test_a_hex_secret_pairs_with_an_alphanumeric_key() -> None:
    key, secret = random_key(), hex_value()
    text = f'binance_api_key = "{key}"\nbinance_api_secret = "{secret}"\n'
    found = scan_text("bot/config.py", text)
    assert [f.value for f in found] == [key, secret]
    assert found[0].pair == found[1].fingerprint


def test_scan_and_sweep_agree_on_a_named_hex_key(tmp_path) -> None:
    from tests.gitrepo import GitRepo
    from tests.test_project_signals import scan, seen, sweep

    repo = GitRepo(tmp_path / "repo")
    repo.commit(
        "keys",
        {
            "bot/.env": f"BINANCE_API_KEY={hex_value()}\nBINANCE_API_SECRET={hex_value()}\n",
            "poetry.lock": f'hash = "sha256:{hex_value()}"\n',
        },
    )
    expected = {
        ("bot/.env", 1, "Binance API Key", "name"),
        ("bot/.env", 2, "Binance Secret Key", "name"),
    }
    assert seen(scan(repo.path)) == expected
    assert seen(sweep(repo.path)) == expected


def test_a_private_api_key_beside_a_public_one_is_the_secret() -> None:
    """binance-ruby's `BINANCE_PUBLIC_API_KEY` / `BINANCE_PRIVATE_API_KEY`: a name that says
    API is an API key pair's secret half, not a wallet's private key."""
    key, secret = hex_value(), hex_value()
    text = (
        "# futures testnet\n"
        f"ENV['BINANCE_PUBLIC_API_KEY'] = '{key}'\nENV['BINANCE_PRIVATE_API_KEY'] = '{secret}'\n"
    )
    found = {(f.type, f.value) for f in scan_text("README.md", text)}
    assert found == {(API_KEY, key), (SECRET_KEY, secret)}
