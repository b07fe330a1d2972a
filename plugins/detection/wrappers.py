"""What may stand around a literal without changing what it is: tables, one row per way.

A value may be written inside a wrapper (Rust's ``Some("K")``, ``String::from("K")``,
Pydantic's ``SecretStr("K")``, Node's ``Buffer.from("K")``), as a bytes literal
(``b"K"``), or followed by a conversion (``"K".into()``). Two questions are asked of them:

- in a call, where does the literal stand? ``Binance::new(Some("K".into()),
  Some("S".into()))`` takes the key first and the secret second: :mod:`classify` removes the
  wrappers marked ``in_calls`` and every :data:`CONVERSIONS` row before counting arguments;
- what is it named? In ``api_key = SecretStr("K")`` the name before the wrapper names the
  value: :mod:`name_rules` looks through the wrappers marked ``names``.

Which calls take (key, secret) positionally at all is :data:`FACTORY_WORDS`' question.

Every row has an example line, read as a line of a Binance file, and the finding types it
must yield (tests/test_shape_tables.py runs them all): a new wrapper is one row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .findings import API_KEY, SECRET_KEY

KEY_AND_SECRET = (API_KEY, SECRET_KEY)


@dataclass(frozen=True)
class Wrapper:
    """A wrapper whose text stands just before a literal's opening quote."""

    name: str
    opening: str  # regex of the wrapper before the quote, after a word boundary: `Some\(`
    word: str  # a literal every opening holds: a cheap test before the regexes run
    example: str  # a line where {V} (and {W}) are random keys
    yields: tuple[str, ...]  # the finding types the example gives, in column order
    in_calls: bool = False  # the literal keeps its position among a call's arguments
    names: bool = False  # the name before the wrapper names the literal
    closing: str = r"\)"  # regex of what closes the wrapper after the literal


WRAPPERS: tuple[Wrapper, ...] = (
    Wrapper(
        "Rust Option",
        r"Some\(",
        "Some",
        'let client = Binance::new(Some("{V}".into()), Some("{W}".into()));',
        KEY_AND_SECRET,
        in_calls=True,
        names=True,
    ),
    Wrapper(
        "Rust Option, qualified",
        r"Option::Some\(",
        "Some",
        'let c = Binance::new(Option::Some("{V}"), Option::Some("{W}"));',
        KEY_AND_SECRET,
        in_calls=True,
        names=True,
    ),
    Wrapper(
        "Rust String::from",
        r"String::from\(",
        "String",
        'let binance_secret = String::from("{V}");',
        (SECRET_KEY,),
        in_calls=True,
        names=True,
    ),
    Wrapper(
        "String constructor",
        r"String\(",
        "String",
        'const binanceApiKey = String("{V}");',
        (API_KEY,),
        in_calls=True,
        names=True,
    ),
    Wrapper(
        "secrecy SecretString::new",
        r"SecretString::new\(",
        "Secret",
        'let c = BinanceClient::new(SecretString::new("{V}"), SecretString::new("{W}"));',
        KEY_AND_SECRET,
        in_calls=True,
        names=True,
    ),
    Wrapper(
        "secrecy Secret::new",
        r"Secret::new\(",
        "Secret",
        'let binance_secret = Secret::new("{V}".to_string());',
        (SECRET_KEY,),
        in_calls=True,
        names=True,
    ),
    Wrapper(
        # A fallback default in a Kotlin lambda (binance-kotlin-api's examples: the key from
        # the command line, else the literal).
        "Kotlin getOrElse default",
        r"(?:\w+\??\.)*getOrElse\(\s*\d+\s*\)\s*\{",
        "getOrElse",
        'val f = BinanceApiClientFactory.newInstance(args.getOrElse(0) { "{V}" }, '
        'args.getOrElse(1) { "{W}" })',
        KEY_AND_SECRET,
        in_calls=True,
        closing=r"\}",
    ),
    Wrapper(
        "Pydantic SecretStr",
        r"SecretStr\(",
        "Secret",
        'binance_api_secret: SecretStr = SecretStr("{V}")',
        (SECRET_KEY,),
        names=True,
    ),
    Wrapper(
        "SecretString",
        r"SecretString\(",
        "Secret",
        'binance_api_key = SecretString("{V}")',
        (API_KEY,),
        names=True,
    ),
    Wrapper(
        "Pydantic SecretBytes",
        r"SecretBytes\(",
        "Secret",
        "binance_api_secret = SecretBytes('{V}')",
        (SECRET_KEY,),
        names=True,
    ),
    Wrapper(
        "Secret",
        r"Secret\(",
        "Secret",
        'BINANCE_API_KEY = Secret("{V}")',
        (API_KEY,),
        names=True,
    ),
    Wrapper(
        "Python str",
        r"str\(",
        "str",
        "binance_api_key = str('{V}')",
        (API_KEY,),
        names=True,
    ),
    Wrapper(
        "Node Buffer.from",
        r"Buffer\.from\(",
        "Buffer",
        "const binanceSecretKey = Buffer.from('{V}');",
        (SECRET_KEY,),
        names=True,
    ),
    Wrapper(
        "Python bytes literal",
        r"""(?:[rR]?[bB]|[bB][rR])(?=\\?["'])""",
        "b",
        'BINANCE_API_SECRET = b"{V}"',
        (SECRET_KEY,),
        names=True,
    ),
)


def _openings(rows: tuple[Wrapper, ...]) -> str:
    return r"\b(?:" + "|".join(row.opening for row in rows) + r")\s*"


CALL_WRAPPERS = tuple(row for row in WRAPPERS if row.in_calls)
NAMING_WRAPPERS = tuple(row for row in WRAPPERS if row.names)
# Every call wrapper holds one of these (a cheap test before the regexes below).
CALL_WRAPPER_WORDS = tuple(dict.fromkeys(row.word for row in CALL_WRAPPERS))
_CALL_WRAPPER = _openings(CALL_WRAPPERS)
# Wrapped literals, closed, one regex per way of closing: `Some("K")` -> `"K"`,
# `args.getOrElse(0) { "K" }` -> `"K"`.
WRAPPED_LITERALS = tuple(
    re.compile(
        _openings(tuple(row for row in CALL_WRAPPERS if row.closing == closing))
        + r"""(\\?["'][A-Za-z0-9]*\\?["'])\s*"""
        + closing
    )
    for closing in dict.fromkeys(row.closing for row in CALL_WRAPPERS)
)
# Wrappers still open at the end of a text: `Some(String::from("` -> `"`.
OPEN_WRAPPER = re.compile(f"(?:{_CALL_WRAPPER})+" + r"""(\\?["']?)$""")
# Wrappers that hold a value without naming it, at the end of the text before the value.
NAMING_WRAPPER = re.compile(f"(?:{_openings(NAMING_WRAPPERS)})+" + r"""(?P<quote>\\?["'`]?)$""")


@dataclass(frozen=True)
class Conversion:
    """A method call after a literal that converts it and leaves it where it stands."""

    name: str
    method: str  # the method's name: `.into()` is "into"
    example: str
    yields: tuple[str, ...]


CONVERSIONS: tuple[Conversion, ...] = (
    Conversion(
        "Rust into",
        "into",
        'let c = Binance::new(Some("{V}".into()), Some("{W}".into()));',
        KEY_AND_SECRET,
    ),
    Conversion(
        "Rust to_string",
        "to_string",
        'let c = BinanceClient::new("{V}".to_string(), "{W}".to_string());',
        KEY_AND_SECRET,
    ),
    Conversion(
        "Rust to_owned",
        "to_owned",
        'let c = BinanceClient::new("{V}".to_owned(), "{W}".to_owned());',
        KEY_AND_SECRET,
    ),
    Conversion(
        "Rust as_str",
        "as_str",
        'let c = BinanceClient::new("{V}".as_str(), "{W}".as_str());',
        KEY_AND_SECRET,
    ),
)

CONVERSION = re.compile(r"\.(?:" + "|".join(row.method for row in CONVERSIONS) + r")\(\)")


@dataclass(frozen=True)
class CallWord:
    """A word that decides how a call's positional literals are read (the two tables below
    say how): ``example`` shows it with ``{V}``/``{W}`` for the literals, ``yields`` their
    types in order."""

    word: str
    example: str
    yields: tuple[str, ...]


# A word in a callee's last name part that makes it a client factory, whose positional
# arguments are (key, secret). A capitalised callee (`Client(`, `Spot(`) is one anyway.
FACTORY_ROWS: tuple[CallWord, ...] = (
    CallWord("new", 'client := binance.NewClient("{V}", "{W}")', KEY_AND_SECRET),
    CallWord("create", 'binance = await AsyncClient.create("{V}", "{W}")', KEY_AND_SECRET),
    CallWord("client", 'c = binance.um_client("{V}", "{W}")', KEY_AND_SECRET),
    CallWord(
        "instance",
        'factory = BinanceApiClientFactory.newInstance("{V}", "{W}");',
        KEY_AND_SECRET,
    ),
    CallWord("connect", 'session = binance.connect("{V}", "{W}")', KEY_AND_SECRET),
    CallWord("init", 'binance_exchange.init("{V}", "{W}")', KEY_AND_SECRET),
    CallWord("api", 'binance.api("{V}", "{W}")', KEY_AND_SECRET),
)

FACTORY_WORDS = frozenset(row.word for row in FACTORY_ROWS)

# A keyword written right before a callee that makes the call a constructor whatever the
# callee's case or words: PHP, JavaScript, Java, C# and Dart construct with `new`, and a
# class imported under an alias of its own (`use Binance\API as bapi;` over
# `new bapi("key", "secret")` in a Laravel controller, `new binance()` of node-binance-api)
# is spelled as the code's author likes.
CONSTRUCTOR_KEYWORDS: tuple[CallWord, ...] = (
    CallWord("new", '$binance = new bapi("{V}", "{W}");', KEY_AND_SECRET),
)

CONSTRUCTOR_KEYWORD_WORDS = frozenset(row.word for row in CONSTRUCTOR_KEYWORDS)


# A word in a client factory's first argument that says it is no key: where the client
# connects or how it runs. A literal after it is still the key: Tecknobit's BinanceManager
# takes ``new BinanceSignedManager(BinanceEndpoint.MAIN_ENDPOINT, "K", "S")``, while after
# any other variable (``Client(api_key, "S")``) a lone literal is the secret.
LEADING_ARGUMENTS: tuple[CallWord, ...] = (
    CallWord(
        "endpoint",
        'm = new BinanceSignedManager(BinanceManager.BinanceEndpoint.MAIN_ENDPOINT, "{V}", "{W}");',
        KEY_AND_SECRET,
    ),
    CallWord("url", 'client = BinanceClient(BASE_URL, "{V}", "{W}")', KEY_AND_SECRET),
    CallWord("host", 'c := binance.NewClientAt(host, "{V}", "{W}")', KEY_AND_SECRET),
    CallWord(
        "environment",
        'var c = new BinanceRestClient(BinanceEnvironment.Live, "{V}", "{W}");',
        KEY_AND_SECRET,
    ),
    CallWord("testnet", 'client = BinanceFutures(testnet, "{V}", "{W}")', KEY_AND_SECRET),
    CallWord("http", 'client = BinanceAPI(http_client, "{V}", "{W}")', KEY_AND_SECRET),
    CallWord("session", 'client = BinanceAPI(session, "{V}", "{W}")', KEY_AND_SECRET),
    CallWord("logger", 'auto api = BinanceAPI(logger, "{V}", "{W}");', KEY_AND_SECRET),
)

LEADING_ARGUMENT_WORDS = frozenset(row.word for row in LEADING_ARGUMENTS)


# A word in a callee's last name part that makes the call store a value under a name: the
# argument just before the literal names it, a constant as often as a quoted string, so the
# literal's type follows that name, never its place (:mod:`name_rules`). An ASP.NET
# Boilerplate seed writes `AddSettingIfNotExists(CryptoBotNames.BinanceKey, "K", null, 2)`
# over the same call for `BinanceSecret`; read by place (a capitalised callee, a literal
# after one variable) both were the secret. A client's constructor keeps its places
# (`new BinanceRestClient(Settings.ApiKey, "S")`: the variable is the key, the literal the
# secret), and so does a callee named for a credential or a client
# (:data:`NOT_ENTRY_CALLEE_WORDS`: `setCredentials(Config.API_KEY, "S")`).
ENTRY_CALLS: tuple[CallWord, ...] = (
    CallWord(
        "add", 'AddSettingIfNotExists(CryptoBotNames.BinanceKey, "{V}", null, 2);', (API_KEY,)
    ),
    CallWord("set", 'settings.Set(BinanceSettingNames.ApiSecret, "{V}");', (SECRET_KEY,)),
    CallWord("put", 'editor.putString(PREF_BINANCE_API_SECRET, "{V}");', (SECRET_KEY,)),
    CallWord("setdefault", 'os.environ.setdefault(BINANCE_API_KEY, "{V}")', (API_KEY,)),
    CallWord("setenv", 'os.Setenv(BinanceSecretKey, "{V}")', (SECRET_KEY,)),
    CallWord("store", "ENV.store(BINANCE_API_SECRET, '{V}')", (SECRET_KEY,)),
    CallWord("insert", 'prefs.insert(Keys.binanceApiKey, "{V}")', (API_KEY,)),
    CallWord("save", 'storage.saveValue(StorageKeys.BINANCE_SECRET, "{V}");', (SECRET_KEY,)),
    # ASP.NET Boilerplate's SettingManager.ChangeSettingFor{Application,Tenant,User}Async
    CallWord(
        "change",
        "await SettingManager.ChangeSettingForUserAsync("
        'user, AppSettingNames.BinanceApiSecret, "{V}");',
        (SECRET_KEY,),
    ),
    CallWord("update", 'UpdateSetting(SettingKeys.BinanceApiKey, "{V}")', (API_KEY,)),
)

ENTRY_WORDS = frozenset(row.word for row in ENTRY_CALLS)

# Words of a callee that take it out of :data:`ENTRY_CALLS`: it is named for the credential
# or the client it sets up, whose arguments are read by their places.
NOT_ENTRY_CALLEE_WORDS = frozenset(
    {
        "key", "keys", "apikey", "secret", "secrets", "credential", "credentials", "creds",
        "auth", "client", "exchange", "api", "account", "login", "binance",
    }
)
