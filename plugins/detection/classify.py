"""Decide, for one line and the lines around it, which values are Binance credentials.

A bare 64-character string is never enough. A value is a candidate only when its name says
what it is (``BINANCE_API_KEY=``, ``"apiKey":``, ``api_secret=``, ``secret:``) or when it is a
positional argument of a client constructor (``Client("key", "secret")``), and the value is
only Binance's when something says Binance: the name itself, the line, the lines around it,
the file's path, or (for whole-file scans) the file's text.
"""

from __future__ import annotations

import base64
import binascii
import bisect
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from .comments import says_own_token
from .counterparts import COUNTERPART_CHARS, counterpart_type, is_api_key_counterpart
from .environment import says_testnet
from .file_context import (
    context_path,
    file_says_binance,
    file_says_testnet,
    file_text,
    project_of,
)
from .findings import API_KEY, PRIVATE_KEY, SECRET_KEY
from .hex_keys import hex_key_place
from .name_rules import (
    UNNAMED_ROW_KEY,
    credential_name,
    cut_before,
    key_cell_follows,
    name_before,
    name_words,
    without_scope,
)
from .other_services import (
    ABBREVIATED_KEY_WORDS,
    ABBREVIATED_SECRET_WORDS,
    denied_by,
    in_other_service_key_file,
    is_framework_secret,
    only_generic_words,
    other_exchange_end,
    other_exchange_starts,
)
from .owner_fields import names_another, one_line_object, owner_named, owner_on_line
from .patterns import (
    BASE64_KEY,
    BASE64_KEY_LENGTH,
    BINANCE_WORD,
    CALLEE_CHARS,
    CALLEE_NOT_FIRST,
    CALLEE_PATH_JOIN,
    NOT_A_CREDENTIAL_WORDS,
    PEM_BEGIN,
    QUOTED_TOKEN,
    TOKEN,
    without_values,
)
from .project_context import NO_PROJECT, ProjectContext
from .reject import (
    HEX_DIGEST,
    is_testnet_hex_key,
    rejection_reason,
)
from .wrappers import (
    CALL_WRAPPER_WORDS,
    CONSTRUCTOR_KEYWORD_WORDS,
    CONVERSION,
    FACTORY_WORDS,
    LEADING_ARGUMENT_WORDS,
    OPEN_WRAPPER,
    WRAPPED_LITERALS,
)

# How many lines below a value the call it is handed to may stand (`credentials = {key: V,
# secret: V}` over `aluna('bitfinex', {credentials})`): whose the credentials are.
EXCHANGE_BELOW_LINES = 8
# How many lines above a value a multi-line constructor call may have opened.
CALL_LOOKBACK_LINES = 3
# How far back (characters) its opening parenthesis may be: bounds the work per value on a
# long minified line (two quoted 64-character arguments and their call fit easily).
CALL_LOOKBACK_CHARS = 400
# Only this much of a line before a value is looked at (its name, its call, the exchange
# named nearest): slicing and searching the whole prefix for each value made a line of
# thousands of values quadratic (docs/performance.md).
LINE_LOOKBACK_CHARS = CALL_LOOKBACK_CHARS

_PARENS = re.compile(r"[()]")


def _ends_in_open_call(text: str) -> bool:
    """Whether ``text`` ends with `(` (or a lambda's `{`), blanks, and an optional (escaped)
    quote, before an optional final newline (`$`): where OPEN_WRAPPER's match must end."""
    for end in (text, text[:-1]) if text.endswith("\n") else (text,):
        if end[-1:] in ("'", '"'):
            end = end[:-1]
        if end.endswith("\\"):
            end = end[:-1]
        if end.rstrip().endswith(("(", "{")):
            return True
    return False


@dataclass(frozen=True)
class Candidate:
    """A value on the target line and what it is (one of the Finding secret types).

    ``name`` is the name it was assigned to, None for a positional argument: pairing matches
    a key's name with its secret's (``MAIN_API_KEY`` / ``MAIN_API_SECRET``).
    """

    type: str
    value: str
    column: int
    name: str | None = None


# Words that name the API key only in a name that also says Binance: `BINANCE_TOKEN` and
# `BINANCE_TESTNET_TOKEN` (a bot's `.env` beside `BINANCE_SECRET_TOKEN`, oyakov/
# binance-ai-traders), while a bare `token` is a Telegram bot's or a session's.
BINANCE_ONLY_KEY_WORDS = frozenset({"token"})


# Words that name the kind of a key: Binance issues HMAC, Ed25519 and RSA API keys, and an
# `.env` keeping two kinds names them `BINANCE_API_KEY_HMAC` / `BINANCE_SECRET_KEY_HMAC`
# beside `BINANCE_API_KEY_ED25519` (a Node bot's `.env`). Beside an API key's words
# the kind says which API key; alone (`HMAC_KEY`, `-hmac "..."`) `hmac` is the secret.
KEY_KIND_WORDS = frozenset({"hmac"})


def _names_api_key(words: list[str]) -> bool:
    """Whether a name's words say "API key" (`api` then `key`, or `apikey`)."""
    return "apikey" in words or any(
        first == "api" and second == "key" for first, second in zip(words, words[1:])
    )


def type_for_name(name: str) -> str | None:
    """The credential type a variable/field name announces, or None if it announces none.

    The type follows the name: whatever says secret (or private, or HMAC) is a secret.
    """
    words = credential_name(name)
    if not words or NOT_A_CREDENTIAL_WORDS.intersection(words):
        return None
    joined = "".join(words)
    # An HMAC key is the secret (`openssl dgst -sha256 -hmac "..."`, Binance's signing docs);
    # `sec` abbreviates it (`BINANCE.SEC` beside `BINANCE.API`, a config crate's env names),
    # and so do `skey` and `sk` (one half abbreviated, :data:`ABBREVIATED_HALVES`: the
    # letter says which half, though `skey` holds `key`; `akey` and `ak` are the API key).
    secret_words = ("priv", "hmac", "sec", *ABBREVIATED_SECRET_WORDS)
    kinds = KEY_KIND_WORDS.intersection(words)
    if kinds and "secret" not in joined and "private" not in joined and _names_api_key(words):
        return API_KEY
    if "secret" in joined or "private" in joined or any(w in words for w in secret_words):
        return SECRET_KEY
    if "key" in joined or "api" in words or "apikey" in joined:
        return API_KEY
    if ABBREVIATED_KEY_WORDS.intersection(words):
        return API_KEY  # `ak`
    if BINANCE_ONLY_KEY_WORDS.intersection(words) and "binance" in joined:
        return API_KEY
    return None


def _enclosing_call(before: str) -> tuple[str, str] | None:
    """(callee, text inside the call) when the value is a positional argument of a call.

    ``before`` is the text from a few lines up to the value's opening quote; only an unclosed
    call counts, and only when nothing before the value inside it is a keyword argument or a
    nested call.
    """
    before = cut_before(before, CALL_LOOKBACK_CHARS)
    before = CONVERSION.sub("", before)
    # The wrapper regexes try every position: run only where a wrapper can be (every one
    # holds one of these words; an open one ends the text with its parenthesis).
    if any(word in before for word in CALL_WRAPPER_WORDS):
        for wrapped in WRAPPED_LITERALS:
            before = wrapped.sub(r"\1", wrapped.sub(r"\1", before))
        if _ends_in_open_call(before):
            before = OPEN_WRAPPER.sub(r"\1", before)
    depth = 0
    # Parentheses only, nearest first (a character loop cost 30 µs a value).
    for paren in reversed(list(_PARENS.finditer(before))):
        index, char = paren.start(), paren.group()
        if char == ")":
            depth += 1
        else:
            if depth == 0:
                # The call whose parenthesis this is, not merely the first call in the window:
                # `print(x)\nclient = Client(\n    "k",` must find `Client(`, not `print(`.
                callee = callee_before(before, index)
                if not callee:
                    return None
                callee = _with_constructor_keyword(before, index, callee)
                inside = before[index + 1 :]
                if "(" in inside or "=" in inside.replace("==", ""):
                    return None
                return callee, inside
            depth -= 1
    return None


def _with_constructor_keyword(text: str, index: int, callee: str) -> str:
    """``callee`` with the constructor keyword written right before it (`new bapi`, from
    `new bapi(`; :data:`CONSTRUCTOR_KEYWORDS`), else ``callee``. Reads at most a keyword's
    length before the callee."""
    start = len(text[:index].rstrip()) - len(callee)
    head = text[max(0, start - 16) : start]
    stripped = head.rstrip(" \t")
    if stripped == head:
        return callee  # no space between: `renew(`, `Anew(` are the callee's own letters
    for keyword in CONSTRUCTOR_KEYWORD_WORDS:
        if stripped.endswith(keyword) and not stripped[: -len(keyword)][-1:].isalnum():
            return f"{keyword} {callee}"
    return callee


def callee_before(text: str, index: int) -> str:
    """The callee whose opening parenthesis is ``text[index]`` (`Client` in `Client (`,
    `Credentials::from_hmac` in `Credentials::from_hmac(`), read within the 80 characters
    before it, or "" when none is there: what the regex
    ``[A-Za-z_][A-Za-z0-9_.]*(?:::[A-Za-z_][A-Za-z0-9_.]*)*\\s*\\(`` finds there."""
    head = text[max(0, index - 80) : index].rstrip()
    parts: list[str] = []
    end = len(head)
    while True:
        start = len(head[:end].rstrip(CALLEE_CHARS))
        run = head[start:end]
        segment = run.lstrip(CALLEE_NOT_FIRST)
        if not segment:
            break
        parts.append(segment)
        joined_at = start - len(CALLEE_PATH_JOIN)
        if segment != run or joined_at < 0 or head[joined_at:start] != CALLEE_PATH_JOIN:
            break
        before = head[:joined_at]
        if not before[len(before.rstrip(CALLEE_CHARS)) :].lstrip(CALLEE_NOT_FIRST):
            break  # nothing a path segment can be before the `::`
        end = joined_at
    return CALLEE_PATH_JOIN.join(reversed(parts))


def _is_hmac_call(call: tuple[str, str] | None) -> bool:
    """`hmac.new(b"s", ...)`, `crypto.createHmac('sha256', 's')`: an HMAC's key is a secret.
    A credentials constructor named for the kind of key it builds is no HMAC call
    (:func:`_builds_credentials`)."""
    return call is not None and "hmac" in name_words(call[0]) and not _builds_credentials(call)


# Words of a callee's type that make it a builder of credentials, whose positional
# arguments are (key, secret) whatever its method says: binance-connector-rust's
# `Credentials::from_hmac(key, secret)`, `ApiCredentials.FromHmac(...)`.
_CREDENTIAL_TYPE_WORDS = frozenset({"credentials", "credential", "creds"})


def _builds_credentials(call: tuple[str, str]) -> bool:
    parts = [p for p in re.split(r"[.:]", call[0]) if p]
    return len(parts) > 1 and bool(_CREDENTIAL_TYPE_WORDS & set(name_words(parts[-2])))


# SQL's `VALUES (` reads like a call of a capitalised name; its row's cells are named by
# the SQL rules (:mod:`name_rules`), never by their place in a call.
_NOT_CALLS = frozenset({"values"})


def _is_factory(callee: str) -> bool:
    keyword, _, rest = callee.partition(" ")
    if rest and keyword in CONSTRUCTOR_KEYWORD_WORDS:
        callee = rest
        last = re.split(r"[.:]", callee)[-1]
        return bool(last) and not NOT_A_CREDENTIAL_WORDS & set(name_words(last))
    last = re.split(r"[.:]", callee)[-1]
    words = set(name_words(last))
    if not last or NOT_A_CREDENTIAL_WORDS & words or last.lower() in _NOT_CALLS:
        return False
    return last[0].isupper() or bool(words & FACTORY_WORDS) or _builds_credentials((callee, ""))


def _positional_type(call: tuple[str, str] | None) -> str | None:
    """In `Callee("a", "b")`, the first 64-char literal is the key and the second the secret."""
    if call is None:
        return None
    if _is_hmac_call(call):
        return SECRET_KEY
    if not _is_factory(call[0]):
        return None
    earlier = len(QUOTED_TOKEN.findall(call[1]))
    if earlier == 0 and _after_one_variable(call[1]):
        return SECRET_KEY
    return {0: API_KEY, 1: SECRET_KEY}.get(earlier)


_QUOTE_CHARS = re.compile(r"""["'`]""")


def _after_one_variable(inside: str) -> bool:
    """Whether the literal is a call's second argument after a first that is no literal:
    `Client(api_key, "S")`, `createConfig(validKey, "S", url)` (the key handed over as a
    variable). A quoted first argument (`Exchange("binance", "K", "S")`) keeps the count
    of key-shaped literals, and so does a first argument that says where or how the client
    runs (:data:`LEADING_ARGUMENTS`: `Manager(Endpoint.MAIN, "K", "S")`)."""
    head, comma, rest = inside.partition(",")
    return (
        bool(comma)
        and bool(head.strip())
        and _QUOTE_CHARS.search(head) is None
        and not rest.strip().rstrip("\\\"'`")
        and not LEADING_ARGUMENT_WORDS.intersection(name_words(head))
    )


def decode_base64_key(text: str) -> str | None:
    """The 64-character key a base64 value encodes (a Kubernetes Secret's ``data:``), or
    None if it encodes anything else. Only named values are decoded (see classify_line)."""
    try:
        decoded = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        return None
    value = decoded.decode("ascii", errors="replace")
    return value if TOKEN.fullmatch(value) else None


def says_binance(*texts: str) -> bool:
    return any(
        _short_says_binance(text) if len(text) <= CACHED_LINE_CHARS else BINANCE_WORD.search(text)
        for text in texts
        if text
    )


# Each value asks whether the lines around it say Binance, and each line is around many
# values (a file of named values asked it of every line some 27 times): short lines'
# answers are cached. Long ones are searched again rather than held.
CACHED_LINE_CHARS = 512


@lru_cache(maxsize=1024)
def _short_says_binance(text: str) -> bool:
    return BINANCE_WORD.search(text) is not None


# Binance issues hex keys only on its futures testnet: a block that says mainnet holds none.
_MAINNET = re.compile(r"(?<![A-Za-z])main[-_ ]?net(?![A-Za-z])", re.IGNORECASE)


def _before(line: str, index: int) -> str:
    """What a value at ``index`` sees of its line: at most LINE_LOOKBACK_CHARS before it,
    cut as every window is (:func:`cut_before`: marked, so that rules anchored at a line's
    start do not take the cut for one, and no word split)."""
    return cut_before(line, LINE_LOOKBACK_CHARS, index)


@lru_cache(maxsize=64)
def _exchange_named(text: str) -> bool | None:
    """False if ``text`` names Binance, True if only another exchange, None if neither.
    Key-shaped values are no names (a random key may spell `OKEX`). Cached: each line is
    asked about again as one of the lines above the next few lines."""
    text = without_values(text)
    if BINANCE_WORD.search(text):
        return False
    return True if other_exchange_end(text) is not None else None


# Where an exchange is named as what code hands credentials to: a quoted name
# (`aluna('bitfinex', ...)`, `exchange: 'kraken'`), a member or a constructor
# (`ccxt.kraken(`, `new Kraken(`), not a word of a name (`KRAKEN_API_KEY`) or of prose.
_HANDED_BEFORE = re.compile(r"""(?:["'`.]|\bnew\s+)$""")


def _exchange_handed(text: str) -> bool | None:
    """False if ``text`` names Binance, True if it hands something to another exchange
    (:data:`_HANDED_BEFORE`), None if neither."""
    if BINANCE_WORD.search(text):
        return False
    words = without_values(text)
    for start in other_exchange_starts(words):
        if _HANDED_BEFORE.search(words, max(0, start - 5), start):
            return True
    return None


# A name that can be an environment variable's (`bkey`, `BN_K`).
_ENV_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,63}")
# An indented YAML key (`  secret: V`) and a mapping that opens a block (`jwt:`), or a
# JSON object's (`"Jwt": {` over `"SecretKey": V` in an ASP.NET appsettings.json).
_YAML_KEY = re.compile(r"""^(?P<indent>[ ]+)["']?[\w.-]+["']?\s*:""")
_YAML_PARENT = re.compile(
    r"""^(?P<indent>[ ]*)["']?(?P<key>[\w.-]+)["']?\s*:\s*\{?\s*(?:#.*)?$"""
)
# An INI/TOML section header (`[llm_openai]`, `[exchange.binance]`).
_INI_SECTION = re.compile(r"""^\s*\[\[?\s*(?P<name>[\w.\- "']{1,80}?)\s*\]\]?\s*(?:[#;].*)?$""")
# An API key's name beside a secret (`access_key:` over `secret_key:` in an AWS-style pair).
_API_KEY_NAME = re.compile(r"(?:api|access)[_\-. ]?key", re.IGNORECASE)
_NAME_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-")
_COMMENT_LEAD = ("#", "//", ";", "--", "*", "/*")
_SETS = re.compile(r"""["'`]?[ \t]*[:=]""")
# A line that sets a name at its start (`PRIVATE_KEY=`, `"private_key":`, `export X=`).
_SET_NAME = re.compile(
    r"""[ \t]*(?:export[ \t]+)?["']?(?P<name>[\w.\-]{1,80})["']?[ \t]*(?::|=(?!=)|=>)"""
)


# Each line is a neighbour of the values on the lines around it: asked once per line (the
# texts are the file's own line objects, whose hashes Python keeps).
@lru_cache(maxsize=64)
def names_an_api_key(text: str) -> bool:
    """Whether ``text`` names an API key that may be Binance's: a name with an API key's
    words that names no other service (`ANTHROPIC_API_KEY=` does), and, on a comment
    line or spelled as two words, only one that is set (`# API_KEY=...`, `API Key: ...`;
    `# Get your API key from: ...` and `(no API key needed)` are prose); or sets, at its
    start, a name a secret makes the API key's (`PRIVATE_KEY=`, :data:`COUNTERPARTS`).
    Linear: each name is expanded once, the search goes on after it."""
    comment = text.lstrip().startswith(_COMMENT_LEAD)
    setting = _SET_NAME.match(text)
    if setting is not None and is_api_key_counterpart(name_words(setting.group("name"))):
        return True  # `PRIVATE_KEY=` over `SECRET_KEY=`: the pair's API key
    position = 0
    while True:
        match = _API_KEY_NAME.search(text, position)
        if match is None:
            return False
        start, end = match.start(), match.end()
        while start > 0 and text[start - 1] in _NAME_CHARS:
            start -= 1
        while end < len(text) and text[end] in _NAME_CHARS:
            end += 1
        position = end
        if denied_by(name_words(text[start:end])) is not None:
            continue
        # prose: a comment, or the words apart (`(no API key needed)`), unless set
        if (comment or " " in match.group()) and _SETS.match(text, end) is None:
            continue
        return True
_BINANCE_NAME = re.compile(r"binance[_\-.]?(?:api|secret|key|private)", re.IGNORECASE)

# What follows a name set to a 64-character value: `=V`, `": "V"`, ` = 'V'`.
_SET_TO_KEY = re.compile(
    r"""["'`]?[ \t]*(?::(?!:)|=(?!=)|=>)[ \t]*["'`]?[A-Za-z0-9]{64}(?![A-Za-z0-9])"""
)
_BINANCE_LETTERS = re.compile("binance", re.IGNORECASE)
# How far a name runs on either side of its `binance`.
_NAME_REACH = 60
# The bare words of a credential's name: a name of these alone (`API_KEY`, `SECRET_KEY`,
# `self.api_secret`) says whose it is no more than the file does.
BARE_CREDENTIAL_WORDS = frozenset(
    {"api", "key", "keys", "secret", "secrets", "apikey", "apisecret", "secretkey", "private",
     "priv", "privatekey", "access"}
)


@lru_cache(maxsize=8)
def binance_held_halves(text: str) -> frozenset[str]:
    """The types of the values ``text`` (a whole file) holds under a name that says Binance
    (`BINANCE_API_KEY=V` and `BINANCE_API_SECRET=V`: both halves). Linear: each `binance`
    in the text is widened to its name once; a file's text is asked once however many of
    its values ask."""
    halves: set[str] = set()
    for match in _BINANCE_LETTERS.finditer(text):
        start, end = match.start(), match.end()
        low, high = max(0, start - _NAME_REACH), min(len(text), end + _NAME_REACH)
        while start > low and text[start - 1] in _NAME_CHARS:
            start -= 1
        while end < high and text[end] in _NAME_CHARS:
            end += 1
        if _SET_TO_KEY.match(text, end):
            typed = type_for_name(text[start:end])
            if typed is not None:
                halves.add(typed)
    return frozenset(halves)


def _other_exchange_nearer(prefix: str, lines_before: Sequence[str]) -> bool:
    """Whether the nearest exchange named above a value (on its line first) is not Binance:
    `"kraken": {"apiKey": V}` in a config that lists Binance's keys further up."""
    for text in (prefix, *reversed(lines_before)):
        named = _exchange_named(text)
        if named is not None:
            return named
    return False


class _Line:
    """One line and what is around it, with the answers that are the same for every value
    on it computed at most once (a long line of values stays linear): whether the context
    says Binance, which exchange is named nearest, whether it says testnet."""

    __slots__ = (
        "line",
        "lines_before",
        "lines_after",
        "lines_below",
        "path",
        "file_says_binance",
        "project",
        "file_says_testnet",
        "_context_binance",
        "_exchange_above",
        "_exchange_below",
        "_line_mentions",
        "_testnet_nearby",
        "_beside_api_key",
        "_parent_denied",
        "_owned_by_another",
        "_one_line_object",
        "_binance_near",
        "_held_halves",
        "whole_file",
        "unconfirmed",
        "unconfirmed_room",
        "lacked_context",
        "held_as",
        "api_key_on_line",
    )

    def __init__(
        self,
        line: str,
        lines_before: Sequence[str],
        lines_after: Sequence[str],
        path: str,
        file_says_binance: bool,
        project: ProjectContext,
        file_says_testnet: Callable[[], bool] | None,
    ) -> None:
        self.line = line
        self.lines_before = lines_before
        self.lines_after = lines_after
        # The lines below a value to the call it may be handed to (EXCHANGE_BELOW_LINES),
        # or none: then lines_after.
        self.lines_below: Sequence[str] = ()
        self.path = path
        self.file_says_binance = file_says_binance
        self.project = project
        self.file_says_testnet = file_says_testnet
        self._context_binance: bool | None = None
        self._exchange_above: bool | None = None
        self._exchange_below: bool | None = None
        self._line_mentions: list[tuple[int, bool]] | None = None
        self._testnet_nearby: bool | None = None
        self._beside_api_key: bool | None = None
        self._parent_denied: bool | None = None
        self._owned_by_another: bool | None = None
        self._one_line_object: bool | None = None
        self._binance_near: bool | None = None
        self._held_halves: frozenset[str] | None = None
        # The file's whole text if it says Binance, else "" (asked only by held_halves).
        self.whole_file: Callable[[], str] | None = None
        # Where to put the values that only lacked something saying Binance (or None).
        self.unconfirmed: list[Candidate] | None = None
        # How many of them the file may still hold: each is classified a second time.
        self.unconfirmed_room = 0
        # Whether the last value asked about was refused only for want of a Binance word.
        self.lacked_context = False
        # What the value would have been had something said Binance (set with it).
        self.held_as: tuple[str, str | None] | None = None
        # Whether a value before this one on the line was taken as an API key (a dump's
        # row `('K', 'S')` under `access_key, secret_key`, `API_KEY=K SECRET_KEY=S cmd`).
        self.api_key_on_line = False

    def other_exchange_nearer(self, column: int) -> bool:
        """Whether the exchange named nearest before ``column`` (on the line, else above)
        is not Binance. The line's mentions are found in one pass."""
        if self._line_mentions is None:
            words = without_values(self.line)  # columns kept
            self._line_mentions = sorted(
                [(m.start(), False) for m in BINANCE_WORD.finditer(words)]
                + [(start, True) for start in other_exchange_starts(words)]
            )
        nearest = bisect.bisect_left(self._line_mentions, (column, False))
        if nearest > 0:
            return self._line_mentions[nearest - 1][1]
        if self._exchange_above is None:
            self._exchange_above = _other_exchange_nearer("", self.lines_before)
        return self._exchange_above

    def other_exchange_below(self) -> bool:
        """Whether the nearest exchange named in the lines below is not Binance (asked only
        where nothing around the line says Binance: a generic credential handed to another
        exchange's client a few lines further down)."""
        if self._exchange_below is None:
            self._exchange_below = False
            for text in self.lines_below or self.lines_after:
                if TOKEN.search(text):
                    continue  # a sibling value (`KRAKEN_API_KEY=V` below `API_SECRET=V`)
                named = _exchange_handed(text)
                if named is not None:
                    self._exchange_below = named
                    break
        return self._exchange_below

    def acceptable(self, value: str, name: str | None) -> bool:
        """Whether the value passes :func:`reject.rejection_reason`, a lowercase-hex one
        named ``name`` only in one of :data:`hex_keys.HEX_PLACES`."""
        reason = rejection_reason(value)
        if reason != HEX_DIGEST or not is_testnet_hex_key(value):
            return reason is None
        return hex_key_place(name, self) is not None

    def may_hold(self, value: str, name: str | None) -> bool:
        """Whether a named value refused here may be held for another file of the scan to
        confirm (:func:`engine.found_elsewhere`): one :meth:`acceptable` takes, or a
        lowercase-hex one in no place of :data:`hex_keys.HEX_PLACES` (`api_key = '<hex>'`
        in a workshop script beside the one that names the futures testnet's host: only
        the very value found as Binance's elsewhere is reported)."""
        if self.acceptable(value, name):
            return True
        return rejection_reason(value) == HEX_DIGEST and is_testnet_hex_key(value)

    def testnet_nearby(self) -> bool:
        """Whether the lines around the line or the file say testnet."""
        if self._testnet_nearby is None:
            self._testnet_nearby = says_testnet(
                self.line, *self.lines_before, *self.lines_after
            ) or (self.file_says_testnet is not None and self.file_says_testnet())
        return self._testnet_nearby

    def mainnet_nearby(self) -> bool:
        """Whether the line or its neighbours say mainnet (asked only of a hex value)."""
        texts = (self.line, *self.lines_before, *self.lines_after)
        return any(_MAINNET.search(text) for text in texts)

    def binance_near(self) -> bool:
        """Whether the line, its neighbours or its enclosing blocks' headers say Binance
        (asked once per line: every value on a long line shares the answer)."""
        if self._binance_near is None:
            self._binance_near = says_binance(self.line, *self.lines_before, *self.lines_after)
        return self._binance_near

    def nearby_context(self) -> bool:
        """Whether the file, the path, the line or its neighbours say Binance."""
        if self._context_binance is None:
            self._context_binance = self.file_says_binance or says_binance(
                self.line, self.path, *self.lines_before, *self.lines_after
            )
        return self._context_binance

    def parent_denied(self) -> bool:
        """Whether the line is an indented YAML key whose parent mapping is another
        service's (`jwt:` above `  secret: V`), or a key of an INI/TOML section named for
        another service (`[llm_openai]` above `api_key = V`): the parent says whose a
        generic name is."""
        if self._parent_denied is None:
            self._parent_denied = False
            indented = _YAML_KEY.match(self.line)
            if not indented:
                section = next(
                    (m for m in map(_INI_SECTION.match, reversed(self.lines_before)) if m), None
                )
                if section is not None:
                    words = name_words(section.group("name"))
                    self._parent_denied = denied_by(words) is not None
            if indented:
                depth = len(indented.group("indent"))
                for text in reversed(self.lines_before):
                    parent = _YAML_PARENT.match(text)
                    if parent is None or len(parent.group("indent")) >= depth:
                        if text.strip() and len(text) - len(text.lstrip()) < depth:
                            break  # a less indented line that opens no mapping
                        continue
                    self._parent_denied = denied_by(name_words(parent.group("key"))) is not None
                    break
        return self._parent_denied

    def owned_by_another(self, column: int) -> bool:
        """Whether the value's object (or the one enclosing it) has an owner field naming
        another service (`"domain": "withings"` beside a `"data": {...}` block,
        :mod:`.owner_fields`). An object written on the value's line is read there, per
        value; otherwise the lines around are read once per line."""
        if self._one_line_object is None:
            self._one_line_object = one_line_object(self.line)
        if self._one_line_object:
            return names_another(owner_on_line(self.line, column, column + 64))
        if self._owned_by_another is None:
            self._owned_by_another = names_another(
                owner_named(self.lines_before, self.lines_below or self.lines_after)
            )
        return self._owned_by_another

    def beside_binance_names(self) -> bool:
        """Whether Binance's own keys are named as such in the lines around. Only around:
        a `.env` holding `BINANCE_API_KEY=` may keep a second Binance key further down
        under a name of its use (`DASHBOARD_API_KEY=`, a read-only key for a dashboard)."""
        return any(_BINANCE_NAME.search(text) for text in (*self.lines_before, *self.lines_after))

    def held_halves(self) -> frozenset[str]:
        """The halves of Binance's pair the line's file holds under names that say Binance
        (:func:`binance_held_halves`)."""
        if self._held_halves is None:
            text = "" if self.whole_file is None else self.whole_file()
            self._held_halves = binance_held_halves(text) if text else frozenset()
        return self._held_halves

    def beside_api_key(self) -> bool:
        """Whether an API key's name stands in the lines around, within the line's own
        INI/TOML section (`[llm_openai]`'s `api_key` is not beside `[web]`'s secret)."""
        if self._beside_api_key is None:
            before = list(self.lines_before)
            for index in range(len(before) - 1, -1, -1):
                if _INI_SECTION.match(before[index]):
                    before = before[index + 1 :]
                    break
            after = []
            for text in self.lines_after:
                if _INI_SECTION.match(text):
                    break
                after.append(text)
            self._beside_api_key = any(names_an_api_key(text) for text in (*before, *after))
        return self._beside_api_key

    def binance_named(self, name: str, column: int) -> bool:
        """Whether a value named ``name`` is Binance's: the name says so, or nothing says
        another service's and the context (or, for a generic name, the project) says
        Binance."""
        words = without_scope(name_words(name))
        if denied_by(words):
            return False
        if says_binance(name):
            return True
        if self.other_exchange_nearer(column):
            return False
        generic = only_generic_words(words)
        if not generic and self.beside_binance_names():
            # `CRYPTOPANIC_API_KEY` next to `BINANCE_API_KEY`: where Binance's own keys are
            # named as such, a name with some other word is some other service's.
            return False
        if (
            BARE_CREDENTIAL_WORDS.issuperset(credential_name(name))
            and not self.line.lstrip().startswith(_COMMENT_LEAD)
            and len(self.held_halves()) == 2
        ):
            # `API_KEY=` (the bot's own header token) or a framework's `SECRET_KEY=` in a
            # `.env` that holds `BINANCE_API_KEY=` and `BINANCE_API_SECRET=`: settings are
            # read by name, and what uses Binance reads the pair its file sets under
            # Binance's names, so a setting with a bare name is read by something else. A
            # comment is read by no program: `# API: V` / `# Secret: V` under the Binance
            # pair note its old, leaked values, and stay Binance's.
            return False
        if generic and self.parent_denied():
            return False
        if generic and says_own_token(self.lines_before):
            # `# Protects /logs (Bearer token or ?token=)` over a bare `API_KEY=`.
            return False
        if generic and self.owned_by_another(column):
            # `"data": {"client_secret": V}` of a Home Assistant entry whose `"domain"` is
            # `withings`, in a file whose Binance entry says Binance.
            return False
        if generic and not self.binance_near() and self.other_exchange_below():
            # `credentials = {key: V, secret: V}` handed to `aluna('bitfinex', ...)` just
            # below, in a README that lists Binance among the exchanges it supports.
            return False
        # A framework's bare SECRET_KEY (Django, Flask, Rails' and Phoenix's
        # secret_key_base, a web app's JWT key) is Binance's only on a line or in a block
        # that says Binance (`[binance]` over `secret_key = V`), or beside an API key
        # (`API_KEY = ...` / `SECRET_KEY = ...`): the file or project saying Binance
        # elsewhere is not enough.
        if (
            is_framework_secret(credential_name(name), name)
            and not self.api_key_on_line
            and not self.beside_api_key()
            and not self.binance_near()
        ):
            return False
        if self.nearby_context():
            return True
        # Only the project says Binance: the name must say nothing but "credential".
        if generic and self.project.uses_binance():
            return True
        self.lacked_context = generic
        return False

    def env_named(self, name: str, column: int) -> str | None:
        """The type the project's code gives a variable named ``name`` where it hands it to
        a Binance client (`bkey=V` in the `.env` of a bot that reads `APIKEY:
        process.env.bkey`; :mod:`env_reads`), or None. Asked last: it may read the project."""
        if not _ENV_NAME.fullmatch(name) or denied_by(name_words(name)) is not None:
            return None
        if self.other_exchange_nearer(column):
            return None
        return self.project.env_credential(name)

    def binance_positional(self, column: int) -> bool:
        if self.other_exchange_nearer(column):
            return False
        if self.nearby_context() or self.project.uses_binance():
            return True
        self.lacked_context = True
        return False

    def binance_pem(self, name: str | None, column: int) -> bool:
        """A private key named as another service's (`GITHUB_APP_PRIVATE_KEY`,
        `SSH_PRIVATE_KEY`, `KRAKEN_PRIVATE_KEY`), under another exchange's section, or inside
        another service's key file (a Google service account's JSON) is not Binance's. Any
        other name is (`FIX_PRIVATE_KEY`, `ws_private_key`: Binance's FIX and WebSocket APIs
        take Ed25519 keys); the Binance context was asked already."""
        if in_other_service_key_file((self.line, *self.lines_before, *self.lines_after)):
            return False
        if name is None or says_binance(name):
            return True
        return denied_by(name_words(name)) is None and not self.other_exchange_nearer(column)


def _token_type(context: _Line, start: int) -> tuple[str, str | None] | None:
    """(type, name) of the 64-character value at ``start``, or None when it is not one: by
    its name (:mod:`name_rules`), else by its position in a client constructor's call."""
    prefix = _before(context.line, start)
    name = name_before(prefix, context.lines_before)
    if name == UNNAMED_ROW_KEY and not key_cell_follows(context.line, start + 64):
        return None  # a lone token of a row read by place: no pair, the app's own
    secret_type = None if name is None else type_for_name(name)
    if name is not None:
        # A name typed by its partner, or (`login = V` over `secret = W`) one that names no
        # credential until its partner does (:data:`counterparts.COUNTERPARTS`).
        secret_type = counterpart_type(
            credential_name(name),
            secret_type,
            lambda: (
                *(text[:COUNTERPART_CHARS] for text in context.lines_before),
                context.line[start + 64 : start + 64 + COUNTERPART_CHARS],
                *(text[:COUNTERPART_CHARS] for text in context.lines_after),
            ),
        )
    if secret_type is not None:
        assert name is not None
        if context.binance_named(name, start):
            return secret_type, name
        if context.lacked_context:
            context.held_as = (secret_type, name)
        read_as = context.env_named(name, start)
        return None if read_as is None else (read_as, name)
    # Positional. Also tried when the "name" names no credential: it may be an HMAC call's
    # previous argument (`createHmac('sha256', 's')` reads like `getenv("NAME", "v")`), and
    # an HMAC's key is a secret.
    above = (
        cut_before(text, CALL_LOOKBACK_CHARS)
        for text in context.lines_before[-CALL_LOOKBACK_LINES:]
    )
    call = _enclosing_call("\n".join((*above, prefix)))
    if name is not None and not _is_hmac_call(call):
        read_as = context.env_named(name, start)
        return None if read_as is None else (read_as, name)
    secret_type = _positional_type(call)
    if secret_type is None:
        return None
    if not context.binance_positional(start):
        if context.lacked_context:
            context.held_as = (secret_type, name)
        return None
    return secret_type, name


def _token_candidates(context: _Line, room: int | None) -> list[Candidate]:
    """The 64-character keys and HMAC secrets on the line (at most ``room``)."""
    found: list[Candidate] = []
    for match in TOKEN.finditer(context.line):
        if room is not None and len(found) >= room:
            break
        context.lacked_context, context.held_as = False, None
        typed = _token_type(context, match.start())
        value = match.group(0)
        if typed is not None and context.acceptable(value, typed[1]):
            found.append(Candidate(typed[0], value, match.start(), typed[1]))
            context.api_key_on_line = context.api_key_on_line or typed[0] == API_KEY
        elif context.unconfirmed is None or len(context.unconfirmed) >= context.unconfirmed_room:
            continue
        elif typed is None and context.lacked_context:
            _hold(context, match.start(), value)
        elif typed is not None and context.may_hold(value, typed[1]):
            # Binance's by its name and context, but hex where nothing says testnet.
            context.unconfirmed.append(Candidate(typed[0], value, match.start(), typed[1]))
    return found


def _hold(context: _Line, start: int, value: str) -> None:
    """Keep the value at ``start``, refused only because nothing said Binance, in
    ``context.unconfirmed``, typed as if something had (``context.held_as``: what
    :func:`_token_type` would have returned; it was classified again, as in a project
    that uses Binance, which cost a file of held values twice its scan): another file of
    the scan may show it is Binance's (:func:`engine.found_elsewhere`)."""
    typed = context.held_as
    if typed is not None and context.may_hold(value, typed[1]):
        assert context.unconfirmed is not None
        context.unconfirmed.append(Candidate(typed[0], value, start, typed[1]))


def _base64_candidates(context: _Line, room: int | None) -> list[Candidate]:
    """Named base64-encoded keys (a Kubernetes Secret's ``data:``), decoded."""
    found: list[Candidate] = []
    line = context.line
    for match in BASE64_KEY.finditer(line):
        if room is not None and len(found) >= room:
            break
        start = match.end() - BASE64_KEY_LENGTH
        decoded = decode_base64_key(line[start : match.end()])
        if decoded is None:
            continue
        name = name_before(_before(line, start), context.lines_before)
        secret_type = None if name is None else type_for_name(name)
        if name is None or secret_type is None:
            continue
        if context.binance_named(name, start) and rejection_reason(decoded) is None:
            found.append(Candidate(secret_type, decoded, start, name))
    return found


def _pem_candidates(context: _Line, room: int | None) -> list[Candidate]:
    """The header of a PEM private key, where the context or the project says Binance."""
    if room is not None and room <= 0:
        return []
    pem = PEM_BEGIN.search(context.line)
    if not pem or not (
        context.nearby_context()
        or context.project.uses_binance()
        or context.project.points_at_key_file(context.path)
    ):
        return []
    name = name_before(_before(context.line, pem.start()), context.lines_before)
    if not context.binance_pem(name, pem.start()):
        return []
    return [Candidate(PRIVATE_KEY, pem.group(0), pem.start(), name)]


# How each shape of patterns.VALUE_SHAPES (by its name) becomes candidates, in the order
# they are tried (tests/test_value_shapes.py checks that every shape has its step).
Step = Callable[[_Line, "int | None"], list[Candidate]]
SHAPE_STEPS: tuple[tuple[str, Step], ...] = (
    ("64-character API key or HMAC secret", _token_candidates),
    ("base64-encoded 64-character key (Kubernetes Secret data)", _base64_candidates),
    ("PEM private key (Ed25519 or RSA secret)", _pem_candidates),
)


def classify_line(
    line: str,
    lines_before: Sequence[str] = (),
    lines_after: Sequence[str] = (),
    path: str = "",
    file_says_binance: bool = False,
    project: ProjectContext = NO_PROJECT,
    file_says_testnet: Callable[[], bool] | None = None,
    limit: int | None = None,
    unconfirmed: list[Candidate] | None = None,
    below: Sequence[str] = (),
    unconfirmed_room: int = 0,
    whole_file: Callable[[], str] | None = None,
) -> list[Candidate]:
    """All credential candidates on ``line`` (the first ``limit``); the context decides type
    and Binance-ness. A 64-character value refused only because nothing said Binance goes
    to ``unconfirmed``, if given, until it holds ``unconfirmed_room`` (a line of a mysqldump
    can hold 30,000, each classified twice). ``whole_file()`` is the file's text if it says
    Binance (else ""), for what the whole file says of its names
    (:func:`binance_held_halves`).

    Something must say Binance: the name, the line or its neighbours, the path (relative to
    the project's top), the file, or the project (see :mod:`project_context`). A name that
    is another service's (:mod:`other_services`) never is Binance's.

    A lowercase-hex value (a futures testnet key, or a digest) is a candidate only in one of
    :data:`hex_keys.HEX_PLACES` (the lines around it or the file, ``file_says_testnet()``,
    asked only then, say testnet; its name says Binance; ...); the engine keeps one found
    by testnet alone only if the value's own environment is testnet.
    """
    context = _Line(
        line, lines_before, lines_after, path, file_says_binance, project, file_says_testnet
    )
    context.unconfirmed = unconfirmed
    context.lines_below = below
    context.unconfirmed_room = unconfirmed_room
    context.whole_file = whole_file
    candidates: list[Candidate] = []
    for _, step in SHAPE_STEPS:
        room = None if limit is None else limit - len(candidates)
        if room is not None and room <= 0:
            break
        candidates += step(context, room)
    return candidates


def line_candidates(
    filename: str,
    line: str,
    before: Sequence[str],
    after: Sequence[str],
    limit: int | None = None,
    unconfirmed: list[Candidate] | None = None,
    below: Sequence[str] = (),
    unconfirmed_room: int = 0,
) -> list[Candidate]:
    """The candidates on one line of ``filename``, its neighbours, the file's and the
    project's word on Binance taken into account: what the plugins' ``find()`` and the
    engine both use. ``filename`` is the path relative to the project's top; ``unconfirmed``
    and ``unconfirmed_room`` as :func:`classify_line`'s."""
    return classify_line(
        line,
        before,
        after,
        path=context_path(filename),
        file_says_binance=file_says_binance(filename),
        project=project_of(filename),
        file_says_testnet=lambda: file_says_testnet(filename),
        whole_file=lambda: file_text(filename),
        limit=limit,
        unconfirmed=unconfirmed,
        below=below,
        unconfirmed_room=unconfirmed_room,
    )
