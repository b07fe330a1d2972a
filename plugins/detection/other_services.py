"""Names that belong to another service or framework: never a Binance credential.

A bot's `.env` holds its exchange keys next to its Telegram token and its web framework's
session secret; a multi-exchange config holds Kraken's and OKX's keys next to Binance's. The
file (or the project) saying "binance" must not turn those into Binance findings, so a name
with one of these words is denied whatever the context, and a generic name (`apiKey`) whose
nearest exchange mention above it is another exchange is that exchange's.
"""

from __future__ import annotations

import bisect
import re
import string
from collections.abc import Iterable
from dataclasses import dataclass

from .patterns import BINANCE_WORD

# word -> whose it is. Matched against a name's words (see name_rules.name_words).
OTHER_SERVICE_WORDS: dict[str, str] = {
    # Other exchanges and brokers (ccxt ids and the names bots use for them).
    **dict.fromkeys(
        (
            "kraken", "okx", "okex", "bybit", "kucoin", "coinbase", "cbpro", "bitfinex",
            "bitmex", "huobi", "htx", "gateio", "gate", "mexc", "bitget", "deribit", "ftx",
            "bitstamp", "gemini", "poloniex", "bittrex", "bitvavo", "bingx", "phemex",
            "upbit", "bithumb", "alpaca", "oanda", "hyperliquid", "dydx", "bitpanda",
            "coinex", "lbank", "whitebit", "ascendex", "probit", "woo",
        ),
        "another exchange",
    ),
    # Other exchanges abbreviated as a name's prefix, as a multi-exchange bot keeps them
    # side by side (`{"krk_apikey": ..., "trt_secret": ..., "bnb_apikey": ...}`: Kraken,
    # The Rock Trading, Binance). Binance's own abbreviations are generic words below.
    **dict.fromkeys(("krk", "trt", "bfx", "bmex", "btrx", "plnx", "bstmp"), "another exchange"),
    # Web frameworks' own signing secrets.
    **dict.fromkeys(("flask", "django", "rails", "laravel", "express", "nextauth"), "framework"),
    **dict.fromkeys(("jwt", "session", "csrf", "cookie", "oauth", "webhook"), "web auth"),
    # The secret that verifies a payment processor's (or any service's) calls back to the
    # bot: `CRYPTOPAY_CALLBACK_SECRET`, an IPN secret (a P2P bot's `.env`).
    **dict.fromkeys(("callback", "ipn"), "web auth"),
    # Payment processors that bots selling access take payments through: crypto gateways
    # (`PLISIO_API_KEY` in a copy-trading platform's `.env`; `OXAPAY_MERCHANT_API_KEY`,
    # `COINGATE_API_KEY`, `HELEKET_API_KEY` in Telegram shops' configs) and card or local
    # gateways (Razorpay, Paystack, Flutterwave, Cashfree, Robokassa, FreeKassa, Payeer).
    **dict.fromkeys(
        ("cryptopay", "cryptomus", "nowpayments", "coinpayments", "paypal",
         "yookassa", "btcpay", "cryptocloud", "plisio", "oxapay", "coingate", "heleket",
         "razorpay", "paystack", "flutterwave", "cashfree", "robokassa", "freekassa",
         "payeer"),
        "payment processor",
    ),
    # The machine's own keys: SSH deploy keys, TLS certificates' keys, signing keys.
    **dict.fromkeys(("ssh", "ssl", "tls", "gpg", "pgp", "vapid"), "the machine's own keys"),
    # The application's own encryption keys and wallets' keys.
    **dict.fromkeys(
        ("encryption", "encrypt", "cipher", "aes", "fernet", "wallet", "mnemonic", "seed"),
        "the application's own crypto",
    ),
    # Other APIs bots talk to.
    **dict.fromkeys(
        (
            "telegram", "discord", "slack", "twitter", "openai", "anthropic", "stripe",
            "aws", "github", "gitlab", "google", "gcp", "azure", "sentry", "twilio",
            "sendgrid", "mailgun", "smtp", "redis", "postgres", "mongo", "mysql", "database",
            "db", "etherscan", "bscscan", "infura", "alchemy", "moralis", "coingecko",
            "coinmarketcap", "cmc", "cryptocompare", "glassnode", "tradingview",
            "firebase", "supabase", "pusher", "algolia", "heroku", "newrelic", "datadog",
        ),
        "another service",
    ),
    # News, market-data, indicator and on-chain APIs and LLM providers that trading bots
    # name beside their Binance client (`cryptopanic_api_key` in a file importing binance).
    **dict.fromkeys(
        (
            "cryptopanic", "newsapi", "lunarcrush", "taapi", "finnhub", "alphavantage",
            "vantage", "twelvedata", "polygon", "polygonscan", "coinglass", "cryptoquant",
            "messari", "santiment", "nansen", "dune", "whale", "pushover", "notion", "ngrok",
            "openrouter", "claude", "groq", "deepseek", "huggingface", "mistral", "perplexity",
            # seen beside Binance's names in the repositories scanned for issue 19
            # (docs/detection.md, "Real repositories' own files")
            "ollama", "kimi", "moonshot", "cohere", "pinecone", "tavily", "serpapi", "helius",
            "quicknode", "ankr", "databento", "tardis", "cloudflare", "railway", "vercel",
            "netlify", "dockerhub", "pypi", "npm", "codecov", "feishu", "dingtalk", "ninjas",
        ),
        "another service",
    ),
    # The application's own access control: an admin API key guards the bot's own
    # dashboard (`API_KEY_ADMIN`, `ADMIN_API_KEY` in oyakov/binance-ai-traders' env files),
    # an ops service's token its control API (`OPS_API_TOKEN` in
    # NAUTILUS_BINANCE_STARTER_PACK's compose file), internal shared secrets.
    **dict.fromkeys(("admin", "ops", "internal"), "the application's own access"),
    # The application's own authentication settings: ASP.NET's `"Authentication": {...}`
    # section (its schemes, an `"ApiKey"` its clients send), a webhook's or a kubelet's
    # `authentication:` block. An exchange's keys sit under `auth` or `credentials`
    # (generic words), not under this one.
    **dict.fromkeys(("authentication",), "the application's own access"),
}


@dataclass(frozen=True)
class OwnKeyPhrase:
    """Two words that, side by side in a name without ``binance``, name the application's
    own key: ``words`` joined, whose it is, and a name that is one (tests/test_name_rules.py)."""

    words: str
    whose: str
    example: str


# A master key encrypts what the application stores (grid services keep users' exchange
# credentials encrypted under `EXCHANGE_CREDENTIALS_MASTER_KEY`), or administers it (Rails'
# `RAILS_MASTER_KEY`, Meilisearch's `MEILI_MASTER_KEY`, Parse's `PARSE_MASTER_KEY`). A
# Binance master account's key keeps its `api` (`MASTER_API_KEY`), and `BINANCE_MASTER_KEY`
# stays Binance's.
OWN_KEY_PHRASES: tuple[OwnKeyPhrase, ...] = (
    OwnKeyPhrase("masterkey", "the application's own crypto", "EXCHANGE_CREDENTIALS_MASTER_KEY"),
    OwnKeyPhrase("kek", "the application's own crypto", "CREDENTIALS_KEK"),
    # The passphrase a web app encrypts its users' exchange keys with (signal_bot's
    # `CRYPTO_SECRET_KEY` beside `CRYPTO_IV`, "for API key encryption"); `CRYPTO_API_KEY`
    # keeps its `api`.
    OwnKeyPhrase("cryptosecret", "the application's own crypto", "CRYPTO_SECRET_KEY"),
    OwnKeyPhrase("cryptokey", "the application's own crypto", "CRYPTO_KEY"),
)
_OWN_KEY_PHRASES = {row.words: row.whose for row in OWN_KEY_PHRASES}



@dataclass(frozen=True)
class OtherExchange:
    """An exchange (beyond the words above) whose credentials multi-exchange bots hold next
    to Binance's: ``word`` is its name as one word, ``example`` a name or line that is its."""

    word: str
    example: str
    # Found in a line only as a whole word: the word is also part of common ones
    # (`index`, `liquidation`, `derived`).
    whole_word: bool = False


# Exchanges hummingbot, freqtrade and ccxt connect to, spelled as one word: `ascend_ex` and
# `AscendEx` both give the word `ascendex` (:func:`denied_by` joins a name's words).
OTHER_EXCHANGES: tuple[OtherExchange, ...] = (
    OtherExchange("ascendex", "ascend_ex_secret_key"),
    OtherExchange("loopring", "auth = LoopringAuth('<64 hex>')"),
    OtherExchange("lambdaplex", "lambdaplex_private_key"),
    OtherExchange("vertex", "vertex_spender_private_key", whole_word=True),
    OtherExchange("dexalot", "dexalot_api_secret"),
    OtherExchange("injective", "injective_private_key"),
    OtherExchange("bitmart", "bitmart_secret_key"),
    OtherExchange("hashkey", "hashkey_secret_key"),
    OtherExchange("ndax", "ndax_secret_key"),
    OtherExchange("xrpl", "xrpl_secret_key"),
    OtherExchange("tegro", "tegro_api_secret"),
    OtherExchange("foxbit", "foxbit_api_secret"),
    OtherExchange("btcmarkets", "btc_markets_secret_key"),
    OtherExchange("polkadex", "polkadex_seed_phrase"),
    OtherExchange("bitrue", "bitrue_secret_key"),
    OtherExchange("chainflip", "chainflip_lp_private_key"),
    OtherExchange("derive", "derive_api_secret", whole_word=True),
    OtherExchange("cube", "cube_api_secret", whole_word=True),
    OtherExchange("kraken", "kraken_secret_key"),
    OtherExchange("cryptocom", "crypto_com_secret_key"),
    OtherExchange("altmarkets", "altmarkets_secret_key"),
    OtherExchange("beaxy", "beaxy_secret_key"),
    OtherExchange("blocktane", "blocktane_secret_key"),
    OtherExchange("digifinex", "digifinex_secret_key"),
    OtherExchange("hitbtc", "hitbtc_secret_key"),
    OtherExchange("idex", "idex_api_secret_key", whole_word=True),
    OtherExchange("latoken", "latoken_secret_key"),
    OtherExchange("liquid", "liquid_secret_key", whole_word=True),
    OtherExchange("wazirx", "wazirx_secret_key"),
    OtherExchange("eterbase", "eterbase_secret_key"),
    OtherExchange("bitcoincom", "bitcoin_com_secret_key"),
    OtherExchange("paradex", "paradex_private_key"),
    OtherExchange("lighter", "lighter_api_key_private_key", whole_word=True),
    # Regional exchanges and prediction markets bots trade on while reading Binance's
    # market data (shubhamtaywade82/binance: `COINDCX_API_KEY` under `BINANCE_SYMBOL=`).
    OtherExchange("coindcx", "COINDCX_API_SECRET=<64>"),
    OtherExchange("zebpay", "ZEBPAY_API_KEY=<64>"),
    OtherExchange("bitbns", "bitbns_secret_key"),
    OtherExchange("indodax", "INDODAX_SECRET=<64>"),
    OtherExchange("bitso", "bitso_api_secret", whole_word=True),
    OtherExchange("luno", "LUNO_API_SECRET=<64>", whole_word=True),
    OtherExchange("btcturk", "btcturk_api_secret"),
    OtherExchange("paribu", "paribu_secret_key"),
    OtherExchange("bitflyer", "bitflyer_api_secret"),
    OtherExchange("coincheck", "COINCHECK_SECRET_KEY=<64>"),
    OtherExchange("bitkub", "bitkub_api_secret"),
    OtherExchange("korbit", "korbit_secret_key"),
    OtherExchange("coinone", "coinone_secret_key"),
    OtherExchange("bitbank", "bitbank_api_secret"),
    OtherExchange("exmo", "exmo_secret_key", whole_word=True),
    OtherExchange("yobit", "yobit_api_secret"),
    OtherExchange("novadax", "novadax_secret_key"),
    OtherExchange("bitopro", "bitopro_api_secret"),
    OtherExchange("bigone", "bigone_api_secret"),
    OtherExchange("blofin", "BLOFIN_API_SECRET=<64>"),
    OtherExchange("toobit", "toobit_api_secret"),
    OtherExchange("bitunix", "BITUNIX_SECRET_KEY=<64>"),
    OtherExchange("pionex", "PIONEX_API_SECRET=<64>"),
    OtherExchange("apex", "APEX_API_SECRET=<64>", whole_word=True),
    OtherExchange("aevo", "AEVO_API_SECRET=<64>", whole_word=True),
    OtherExchange("polymarket", 'os.environ.get("POLYMARKET_API_KEY", "<64>")'),
    OtherExchange("kalshi", "KALSHI_API_KEY=<64>"),
    OtherExchange("betfair", "betfair_app_key"),
    # P2P platforms and exchanges with their own keys that desktop exporters and tax tools
    # keep in one settings file, a group each, beside Binance's (h1w/export-p2p-history-qt:
    # `[Binance]` then `[Pexpay]` with the same `ApiKey=`/`SecretKey=`). Binance-linked ones
    # (Pexpay, Tokocrypto) issue keys that api.binance.com does not accept.
    OtherExchange("pexpay", "[Pexpay]\nApiKey=<64>"),
    OtherExchange("tokocrypto", "TOKOCRYPTO_API_SECRET=<64>"),
    OtherExchange("bitforex", "bitforex_secret_key"),
    OtherExchange("hotbit", "hotbit_api_secret"),
    OtherExchange("bitbay", "bitbay_private_key"),
    OtherExchange("zonda", "ZONDA_API_SECRET=<64>", whole_word=True),
    OtherExchange("btse", "btse_api_secret", whole_word=True),
    OtherExchange("coinw", "coinw_secret_key", whole_word=True),
    OtherExchange("bitmax", "bitmax_secret_key"),
    # A module of nine exchanges' keys (an ETH price analyzer's keys.py: `TRADEIO_API_KEY`
    # / `TRADEIO_SECRET_KEY` below Binance's, Bittrex's, OKEx's ... in the same shape).
    OtherExchange("tradeio", "TRADEIO_SECRET_KEY=<64>"),
)
OTHER_SERVICE_WORDS.update(
    {row.word: "another exchange" for row in OTHER_EXCHANGES if row.word not in OTHER_SERVICE_WORDS}
)

# Lines that mark the object around a private key as another service's key file, whatever
# the project: a Google Cloud (or Firebase) service-account JSON holds an RSA key under the
# generic name `private_key` (freqtrade forks commit them to log trades to Google Sheets).
OTHER_SERVICE_KEY_FILE_PARTS: tuple[tuple[str, str], ...] = (
    (r'"type"[ \t]*:[ \t]*"service_account"', "Google service account"),
    (r"\.iam\.gserviceaccount\.com\b", "Google service account"),
)
OTHER_SERVICE_KEY_FILE = re.compile(
    "|".join(f"(?:{regex})" for regex, _ in OTHER_SERVICE_KEY_FILE_PARTS)
)

# A framework's secret named by its bare conventional name (Django and Flask `SECRET_KEY`,
# Flask `app.secret_key`, Rails `secret_key_base`, Laravel `APP_KEY`, Symfony `APP_SECRET`):
# only an explicit Binance word on the name, the line or its neighbours makes it Binance's;
# the file's or the project's word does not. Frameworks spell these names with underscores;
# `secretKey` and `Secret Key` are Binance's own spellings (its API docs, connectors and API
# Management page), not a framework's.
FRAMEWORK_SECRET_NAMES = frozenset({"secretkey", "secretkeybase", "appsecret", "appkey"})

_WHOLE_ONLY = frozenset(row.word for row in OTHER_EXCHANGES if row.whole_word)

# Another exchange named in a line (inside longer names too: `krakenApiKey`, `[okx]`); the
# short names only as whole words.
_EXCHANGE_INSIDE = tuple(
    sorted(
        (word for word, whose in OTHER_SERVICE_WORDS.items()
         if whose == "another exchange" and len(word) > 3 and word not in _WHOLE_ONLY),
        key=len,
        reverse=True,
    )
)
_EXCHANGE_WHOLE = (
    "okx", "ftx", "htx", "woo", "gate", *(row.word for row in OTHER_EXCHANGES if row.whole_word)
)
OTHER_EXCHANGE = re.compile(
    "|".join(_EXCHANGE_INSIDE) + "".join(rf"|\b{word}\b" for word in _EXCHANGE_WHOLE),
    re.IGNORECASE,
)

# OTHER_EXCHANGE tries every alternative at every position (0.5 µs a character); the same
# question asked with one str.find per word and literal-first regexes takes a twentieth.
# Case-insensitive matching folds four non-ASCII letters onto ASCII ones (KELVIN SIGN is
# `k`, LONG S is `s`, dotted and dotless I are `i`); folding by translation keeps positions.
_FOLD = str.maketrans(
    {**{c: c.lower() for c in string.ascii_uppercase},
     "\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"}
)
# The whole words in one pass (a regex per word cost 0.45 µs each, most of a line's
# question): `\b` before a word is "no word character before it".
_WHOLE_WORDS = re.compile(r"\b(?:" + "|".join(_EXCHANGE_WHOLE) + r")\b")


def _trie(words: Iterable[str]) -> str:
    """One regex of ``words`` as a tree of their letters: a position none starts at fails
    on its first letter (a plain alternation tries every word there)."""
    tree: dict[str, dict] = {}
    for word in words:
        node = tree
        for letter in word:
            node = node.setdefault(letter, {})
        node[""] = {}

    def pattern(node: dict[str, dict]) -> str:
        branches = [re.escape(letter) + pattern(node[letter]) for letter in sorted(node) if letter]
        if not branches:
            return ""
        body = "(?:" + "|".join(branches) + ")"
        return body + "?" if "" in node else body

    return pattern(tree)


# Whether any inside word occurs at all: most texts name no other exchange, and one search
# of this answers that in a third of the time of a str.find per word.
_ANY_INSIDE = re.compile(_trie(_EXCHANGE_INSIDE))


def folded(text: str) -> str:
    """``text`` lowercased as case-insensitive matching folds it, positions kept."""
    return text.lower() if text.isascii() else text.translate(_FOLD)


def other_exchange_end(text: str) -> int | None:
    """Where the earliest-ending mention of another exchange in ``text`` ends, None if
    OTHER_EXCHANGE finds none: ``text[:n]`` names one iff this is at most ``n`` (when no
    mention straddles ``n``, i.e. ``text[n-1]`` is not a letter)."""
    folded_text = folded(text)
    ends = (
        [i + len(word) for word in _EXCHANGE_INSIDE if (i := folded_text.find(word)) >= 0]
        if _ANY_INSIDE.search(folded_text)
        else []
    )
    whole = _WHOLE_WORDS.search(folded_text)  # the first ends first: none overlap
    ends += [whole.end()] if whole else []
    return min(ends, default=None)


def other_exchange_starts(text: str) -> list[int]:
    """Where every mention of another exchange in ``text`` starts (what OTHER_EXCHANGE
    would find at each position), sorted."""
    folded_text = folded(text)
    starts: list[int] = []
    for word in _EXCHANGE_INSIDE if _ANY_INSIDE.search(folded_text) else ():
        index = folded_text.find(word)
        while index >= 0:
            starts.append(index)
            index = folded_text.find(word, index + 1)
    starts.extend(match.start() for match in _WHOLE_WORDS.finditer(folded_text))
    return sorted(starts)


@dataclass(frozen=True)
class AbbreviatedHalf:
    """A word that abbreviates one half of a key pair: ``word`` names ``half`` ("key" for
    the API key, "secret" for the secret), as ``example`` (a line, ``{V}`` the value) shows
    (tests/test_name_rules.py)."""

    word: str
    half: str
    example: str


# Code that keeps the pair under two short names says which half each is with one letter:
# `akey` / `skey` (a Node bot's `localStorage['akey']` and `['skey']`, and the files
# node-localstorage writes for them), and the AK / SK of cloud APIs (access key, secret key).
# Read as whole words: `whiskey` is none, and `sk` is a secret beside `api` (`api_sk`) too.
ABBREVIATED_HALVES: tuple[AbbreviatedHalf, ...] = (
    AbbreviatedHalf("akey", "key", "localStorage['akey'] = '{V}';"),
    AbbreviatedHalf("skey", "secret", "localStorage['skey'] = '{V}';"),
    AbbreviatedHalf("ak", "key", 'AK = "{V}"'),
    AbbreviatedHalf("sk", "secret", 'SK = "{V}"'),
)
ABBREVIATED_SECRET_WORDS = frozenset(r.word for r in ABBREVIATED_HALVES if r.half == "secret")
ABBREVIATED_KEY_WORDS = frozenset(r.word for r in ABBREVIATED_HALVES if r.half == "key")


# Words a name may consist of and still be *only* a credential's name: the project's word on
# Binance is enough for `API_KEY`, `exchange.secret`, `FREQTRADE__EXCHANGE__KEY` or
# `self.config.api_secret`, but not for `NEWS_API_KEY` or `CRYPTOPANIC_API_KEY`, whose extra
# word names some other service (too many to list: the deny table above is the known ones).
GENERIC_NAME_WORDS = frozenset(
    {
        "api", "key", "keys", "secret", "secrets", "private", "priv", "apikey", "apisecret",
        "secretkey", "privatekey", "access", "hmac", "ed", "rsa", "pem",
        "exchange", "trading", "trade", "trader", "bot", "live", "prod", "production", "main",
        "real", "my", "user", "account", "spot", "futures", "margin", "testnet", "test",
        "demo", "sub", "master", "default", "read", "only", "readonly", "value",
        "freqtrade", "hummingbot", "jesse", "ccxt", "octobot", "passivbot",
        "process", "env", "os", "environ", "self", "this", "config", "cfg", "conf",
        "settings", "options", "opts", "params", "vars", "credentials", "creds", "auth",
        "spring", "app", "application", "client", "const", "static", "final", "public",
        "string", "str",
        "x", "mbx",  # X-MBX-APIKEY, Binance's own API key header
        # Binance's own APIs and account kinds: a FIX_API_KEY or SUBACCOUNT_API_KEY beside
        # BINANCE_API_KEY is one more Binance key, not another service's.
        "fix", "ws", "websocket", "rest", "subaccount", "usdm", "coinm", "portfolio",
        "sapi", "fapi", "dapi", "papi", "eapi",
        # Binance abbreviated (`BN_API_KEY`, `bnApiSecret`, `bnb_apikey` beside Kraken's
        # `krk_apikey`, `BNC_SECRET`, `bin_key`): a name no more specific than `API_KEY`,
        # Binance's where the project says Binance.
        "bn", "bnb", "bnc", "bnce", "binc", "bin",
        # How the value is kept (`api_key_encrypted` of a setup script that stores what was
        # typed, `encApiSecret`, `raw_secret`, `plain_api_key`): still only a credential.
        # A ciphertext of a 64-character key is longer than 64 characters, so a value of a
        # key's shape under such a name is the key itself.
        "encrypted", "enc", "plain", "plaintext", "raw", "stored", "saved",
        # one half of the pair abbreviated (`akey`, `SK`): ABBREVIATED_HALVES
        *(row.word for row in ABBREVIATED_HALVES),
    }
)


# Generic words written as two (`TEST_NET_API_KEY` of a Rust bot's `.env`, `MAIN_NET`):
# the second word is generic only right after the first.
SPLIT_GENERIC_WORDS: dict[str, frozenset[str]] = {"net": frozenset({"test", "main"})}


def only_generic_words(words: list[str]) -> bool:
    """Whether a name says nothing but "a credential" (digits allowed: `API_KEY_2`)."""
    return all(
        word in GENERIC_NAME_WORDS
        or word.isdigit()
        or (index > 0 and words[index - 1] in SPLIT_GENERIC_WORDS.get(word, ()))
        for index, word in enumerate(words)
    )


def denied_by(words: list[str]) -> str | None:
    """Whose the name with these words is, if it is another service's; else None. Two
    words joined count too: `ascend_ex` is AscendEX's, `crypto_com` Crypto.com's, and
    (:data:`OWN_KEY_PHRASES`, in a name without `binance`) `MASTER_KEY` the application's."""
    for word in words:
        if word in OTHER_SERVICE_WORDS:
            return OTHER_SERVICE_WORDS[word]
    for first, second in zip(words, words[1:]):
        joined = OTHER_SERVICE_WORDS.get(first + second)
        if joined == "another exchange":
            return joined
    if "binance" not in words:
        for phrase in (*words, *(a + b for a, b in zip(words, words[1:]))):
            if phrase in _OWN_KEY_PHRASES:
                return _OWN_KEY_PHRASES[phrase]
    return None


_FOLDER_WORDS = re.compile(r"[_\-.]+")


def exchange_folder(path: str) -> str | None:
    """The other exchange whose folder ``path`` lies in (``ascend_ex`` for
    ``hummingbot/connector/exchange/ascend_ex/ascend_ex_auth.py``, ``kucoin`` for
    ``derivative/kucoin_perpetual/``), or None: a directory whose first word, or first two
    words joined, is another exchange's name. Binance's own folders never are."""
    for directory in path.replace("\\", "/").split("/")[:-1]:
        words = [word for word in _FOLDER_WORDS.split(directory.lower()) if word]
        if not words or words[0] == "binance":
            continue
        for candidate in (words[0], "".join(words[:2])):
            if OTHER_SERVICE_WORDS.get(candidate) == "another exchange":
                return directory
    return None


def is_framework_secret(words: list[str], spelling: str) -> bool:
    """Whether a name with these words, spelled as ``spelling`` (the name as written), is a
    framework's conventional secret: the words and the underscores (`SECRET_KEY`, not
    `secretKey`: binance-signature-examples' `my $secretKey = "..."` is Binance's)."""
    return "".join(words) in FRAMEWORK_SECRET_NAMES and "_" in spelling


def in_other_service_key_file(texts: Iterable[str]) -> bool:
    """Whether any of ``texts`` (a private key's line and its neighbours) marks the object
    around it as another service's key file (OTHER_SERVICE_KEY_FILE_PARTS)."""
    return any(OTHER_SERVICE_KEY_FILE.search(text) for text in texts)


# A line naming Binance beside this many other exchanges lists the exchanges a library or
# bot supports (`Bittrex, Bitfinex, BitMEX, Poloniex, Binance, Valr` in alunajs' README).
EXCHANGE_LIST_OTHERS = 2


def names_at_least(text: str, count: int = EXCHANGE_LIST_OTHERS) -> bool:
    """Whether :func:`other_exchange_starts` finds at least ``count`` mentions in ``text``,
    stopping at the ``count``-th: a 1 MB one-line search index naming Binance beside other
    exchanges (freqtrade's docs, in every version the sweep reads) is answered at its
    first mentions. Mentions that do not overlap are as many distinct starts, so the
    letter-tree and whole-word searches count up to ``count`` before all starts are found."""
    folded_text = folded(text)
    found = 0
    for regex in (_ANY_INSIDE, _WHOLE_WORDS):
        for _ in regex.finditer(folded_text):
            found += 1
            if found >= count:
                return True
    return len(other_exchange_starts(text)) >= count


# How many lines naming Binance are asked about one by one before the whole text's other
# exchanges are found in one pass: most files' first such line is no list, and a sweep asks
# this of every file a commit touches that says Binance.
LINES_ASKED_ALONE = 8


def says_binance_beyond_lists(text: str) -> bool:
    """Whether ``text`` names Binance on some line that is no list of exchanges: a file
    whose only Binance words stand among other exchanges' names (a multi-exchange
    library's README, its example for Bitfinex below) does not say its generic `key:` is
    Binance's. Linear: the first LINES_ASKED_ALONE lines with a Binance word are looked
    at alone, then other exchanges are found once in the whole text, and each line with
    a Binance word is looked at once."""
    match = BINANCE_WORD.search(text)
    others: list[int] | None = None
    asked = 0
    while match is not None:
        start = text.rfind("\n", 0, match.start()) + 1
        end = text.find("\n", match.end())
        end = len(text) if end < 0 else end
        if others is None and asked < LINES_ASKED_ALONE:
            asked += 1
            listed = EXCHANGE_LIST_OTHERS if names_at_least(text[start:end]) else 0
        else:
            if others is None:
                others = other_exchange_starts(text)
            listed = bisect.bisect_left(others, end) - bisect.bisect_left(others, start)
        if listed < EXCHANGE_LIST_OTHERS:
            return True
        match = BINANCE_WORD.search(text, end)
    return False
