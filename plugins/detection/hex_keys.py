"""Where a value of 64 lowercase hex digits is a Binance key rather than a digest.

Binance's production keys and secrets mix upper case, lower case and digits (the HMAC sample
of Binance's "API Key Types" FAQ, ``binance-spot-api-docs/faqs/api_key_types.md``); the
keys and secrets the USDⓈ-M futures testnet (``testnet.binancefuture.com``) issues are 64
lowercase hex digits (users quote them so in Binance's and ccxt's issue trackers:
``binance/binance-connector-python#375``, ``ccxt/ccxt#7851``, where a testnet key is sent
to the production host). That is also the shape of a SHA-256 digest, a transaction id, a
commit id in a SHA-256 repository and another service's key (CryptoCompare's API keys are
64 hex). So a hex value is a Binance key only in one of the places of :data:`HEX_PLACES`,
each a row with its example: where the context says testnet, where its own name says
Binance (``BINANCE_API_SECRET=<hex>``: no digest is named so), or where a name that says
nothing but "credential" (``apiKey``, ``secret``), or a client constructor's argument, stands
on a line that says Binance or under a block that does (``ccxt.binance({'apiKey': ...``,
freqtrade's ``"name": "binance"`` beside ``"key"``). A framework's ``SECRET_KEY`` is often
``secrets.token_hex(32)``: it is never a hex key by the line's word alone. Digests named as
digests (``sha256``, ``hash``, ``checksum``, ``tx``) name no credential and never get here;
lock files are skipped before.

A hex value found so is labelled with the testnet environment unless its context says demo:
Binance issues keys of that shape nowhere else.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Protocol

from .name_rules import credential_name, name_words, without_scope
from .other_services import is_framework_secret, only_generic_words
from .patterns import BINANCE_WORD


class HexContext(Protocol):
    """What a row asks about a hex value's place (``classify._Line`` answers, lazily)."""

    def testnet_nearby(self) -> bool:
        """The value's line, its neighbours or its file say testnet."""
        ...

    def mainnet_nearby(self) -> bool:
        """The value's line or its neighbours say mainnet (`"network": "MAINNET"`)."""
        ...

    def binance_near(self) -> bool:
        """The value's line, its neighbours or the headers of its enclosing blocks say
        Binance (not merely the file or the project)."""
        ...


def _generic(name: str) -> bool:
    words = without_scope(name_words(name))
    return only_generic_words(words) and not is_framework_secret(credential_name(name), name)


@dataclass(frozen=True)
class HexPlace:
    """A place where a hex value ``name``d so (None: a constructor's argument) is a key;
    ``example`` is a file's text (``{H}`` a fresh hex value) where the row holds."""

    label: str
    holds: Callable[[str | None, HexContext], bool]
    example: str


HEX_PLACES: tuple[HexPlace, ...] = (
    HexPlace(
        "the context says testnet",
        lambda name, context: context.testnet_nearby(),
        "BASE_URL=https://testnet.binancefuture.com\nAPI_KEY={H}\n",
    ),
    HexPlace(
        "its name says Binance",
        lambda name, context: name is not None and BINANCE_WORD.search(name) is not None,
        'binance_api_secret = "{H}"\n',
    ),
    HexPlace(
        "a generic name on a line or in a block that says Binance (and not mainnet)",
        lambda name, context: name is not None
        and _generic(name)
        and context.binance_near()
        and not context.mainnet_nearby(),
        "exchange = ccxt.binance({\n    'apiKey': '{H}',\n})\n",
    ),
    HexPlace(
        "a client constructor's argument on a line that says Binance",
        lambda name, context: name is None and context.binance_near(),
        'client = binance.Client("{H}", api_secret)\n',
    ),
)


# A hex value named with one of these words is a wallet's key (an EVM or BNB Smart Chain
# secp256k1 private key is 64 hex digits: hummingbot's gateway tests hold
# `chain: 'binance-smart-chain', privateKey: '<hex>'`), never a Binance API secret, which
# Binance calls a secret key.
WALLET_WORDS = frozenset({"private", "priv", "privkey", "privatekey", "wallet", "mnemonic"})
# ... unless the name also says API: `PRIVATE_API_KEY` beside `PUBLIC_API_KEY` is an API
# key pair's secret half (binance-ruby's `BINANCE_PRIVATE_API_KEY`), no wallet's key.
API_WORDS = frozenset({"api", "apikey"})


def hex_key_place(name: str | None, context: HexContext) -> str | None:
    """The label of the first row of :data:`HEX_PLACES` that holds, or None: a digest, or
    a wallet's key (its name says so, :data:`WALLET_WORDS`)."""
    words = set(name_words(name)) if name is not None else set()
    if WALLET_WORDS.intersection(words) and not API_WORDS.intersection(words):
        return None
    for place in HEX_PLACES:
        if place.holds(name, context):
            return place.label
    return None
