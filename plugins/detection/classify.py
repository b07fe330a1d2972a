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

from .environment import says_testnet
from .file_context import (
    context_path,
    file_says_binance,
    file_says_testnet,
    project_of,
)
from .findings import API_KEY, PRIVATE_KEY, SECRET_KEY
from .name_rules import (
    credential_name,
    cut_before,
    name_before,
    name_words,
    without_scope,
)
from .other_services import (
    denied_by,
    in_other_service_key_file,
    is_framework_secret,
    only_generic_words,
    other_exchange_end,
    other_exchange_starts,
)
from .patterns import (
    BASE64_KEY,
    BASE64_KEY_LENGTH,
    BINANCE_WORD,
    CALL_OPEN,
    NOT_A_CREDENTIAL_WORDS,
    PEM_BEGIN,
    QUOTED_TOKEN,
    TOKEN,
)
from .project_context import NO_PROJECT, ProjectContext
from .reject import (
    HEX_DIGEST,
    is_testnet_hex_key,
    rejection_reason,
)
from .wrappers import (
    CALL_WRAPPER_WORDS,
    CONVERSION,
    FACTORY_WORDS,
    OPEN_WRAPPER,
    WRAPPED_LITERAL,
)

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
    """Whether ``text`` ends with `(`, blanks, and an optional (escaped) quote, before an
    optional final newline (`$`): where OPEN_WRAPPER's match must end."""
    for end in (text, text[:-1]) if text.endswith("\n") else (text,):
        if end[-1:] in ("'", '"'):
            end = end[:-1]
        if end.endswith("\\"):
            end = end[:-1]
        if end.rstrip().endswith("("):
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


def type_for_name(name: str) -> str | None:
    """The credential type a variable/field name announces, or None if it announces none.

    The type follows the name: whatever says secret (or private, or HMAC) is a secret.
    """
    words = credential_name(name)
    if not words or NOT_A_CREDENTIAL_WORDS.intersection(words):
        return None
    joined = "".join(words)
    # An HMAC key is the secret (`openssl dgst -sha256 -hmac "..."`, Binance's signing docs).
    if "secret" in joined or "private" in joined or "priv" in words or "hmac" in words:
        return SECRET_KEY
    if "key" in joined or "api" in words or "apikey" in joined:
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
        before = WRAPPED_LITERAL.sub(r"\1", WRAPPED_LITERAL.sub(r"\1", before))
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
                call = next(
                    (
                        match
                        for match in CALL_OPEN.finditer(before, max(0, index - 80), index + 1)
                        if match.end() == index + 1
                    ),
                    None,
                )
                if call is None:
                    return None
                inside = before[index + 1 :]
                if "(" in inside or "=" in inside.replace("==", ""):
                    return None
                return call.group("callee"), inside
            depth -= 1
    return None


def _is_hmac_call(call: tuple[str, str] | None) -> bool:
    """`hmac.new(b"s", ...)`, `crypto.createHmac('sha256', 's')`: an HMAC's key is a secret."""
    return call is not None and "hmac" in name_words(call[0])


def _is_factory(callee: str) -> bool:
    last = re.split(r"[.:]", callee)[-1]
    words = set(name_words(last))
    if not last or NOT_A_CREDENTIAL_WORDS & words:
        return False
    return last[0].isupper() or bool(words & FACTORY_WORDS)


def _positional_type(call: tuple[str, str] | None) -> str | None:
    """In `Callee("a", "b")`, the first 64-char literal is the key and the second the secret."""
    if call is None:
        return None
    if _is_hmac_call(call):
        return SECRET_KEY
    if not _is_factory(call[0]):
        return None
    earlier = len(QUOTED_TOKEN.findall(call[1]))
    return {0: API_KEY, 1: SECRET_KEY}.get(earlier)


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
    return any(BINANCE_WORD.search(text) for text in texts if text)


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
    text = TOKEN.sub(" ", text)
    if BINANCE_WORD.search(text):
        return False
    return True if other_exchange_end(text) is not None else None


_API_KEY_NAME = re.compile(r"api[_\-. ]?key", re.IGNORECASE)
_BINANCE_NAME = re.compile(r"binance[_\-.]?(?:api|secret|key|private)", re.IGNORECASE)


def _other_exchange_nearer(prefix: str, lines_before: Sequence[str]) -> bool:
    """Whether the nearest exchange named above a value (on its line first) is not Binance:
    `"kraken": {"apiKey": V}` in a config that lists Binance's keys further up."""
    for text in (prefix, *reversed(lines_before)):
        named = _exchange_named(text)
        if named is not None:
            return named
    return False


def classify_line(
    line: str,
    lines_before: Sequence[str] = (),
    lines_after: Sequence[str] = (),
    path: str = "",
    file_says_binance: bool = False,
    project: ProjectContext = NO_PROJECT,
    file_says_testnet: Callable[[], bool] | None = None,
    limit: int | None = None,
) -> list[Candidate]:
    """All credential candidates on ``line`` (the first ``limit``); the context decides type
    and Binance-ness.

    Something must say Binance: the name, the line or its neighbours, the path (relative to
    the project's top), the file, or the project (see :mod:`project_context`). A name that
    is another service's (:mod:`other_services`) never is Binance's.

    A lowercase-hex value (a futures testnet key, or a digest) is a candidate only when the
    lines around it or the file (``file_says_testnet()``, asked only then) say testnet; the
    engine keeps it only if the value's own environment is testnet.
    """
    candidates: list[Candidate] = []
    context_binance: bool | None = None
    # The lines above are the same for every value on the line, and the exchanges the line
    # names are found in one pass: looked at once, so a long line of values stays linear.
    exchange_above: bool | None = None
    line_mentions: list[tuple[int, bool]] | None = None

    def other_exchange_nearer(column: int) -> bool:
        nonlocal exchange_above, line_mentions
        if line_mentions is None:
            words = TOKEN.sub(lambda m: " " * len(m.group(0)), line)  # columns kept
            line_mentions = sorted(
                [(m.start(), False) for m in BINANCE_WORD.finditer(words)]
                + [(start, True) for start in other_exchange_starts(words)]
            )
        nearest = bisect.bisect_left(line_mentions, (column, False))
        if nearest > 0:
            return line_mentions[nearest - 1][1]
        if exchange_above is None:
            exchange_above = _other_exchange_nearer("", lines_before)
        return exchange_above

    testnet_nearby: bool | None = None

    def acceptable(value: str) -> bool:
        nonlocal testnet_nearby
        reason = rejection_reason(value)
        if reason != HEX_DIGEST or not is_testnet_hex_key(value):
            return reason is None
        if testnet_nearby is None:  # once per line, not once per value
            testnet_nearby = says_testnet(line, *lines_before, *lines_after) or (
                file_says_testnet is not None and file_says_testnet()
            )
        return testnet_nearby

    def nearby_context() -> bool:
        nonlocal context_binance
        if context_binance is None:
            context_binance = file_says_binance or says_binance(
                line, path, *lines_before, *lines_after
            )
        return context_binance

    def binance_named(name: str, column: int) -> bool:
        words = without_scope(name_words(name))
        if denied_by(words):
            return False
        if says_binance(name):
            return True
        if other_exchange_nearer(column):
            return False
        generic = only_generic_words(words)
        if not generic and _beside_binance_names():
            # `CRYPTOPANIC_API_KEY` next to `BINANCE_API_KEY`: where Binance's own keys are
            # named as such, a name with some other word is some other service's.
            return False
        if nearby_context():
            return True
        # A framework's bare SECRET_KEY (Django, Flask, Rails) is Binance's by project
        # context only beside an API key (`API_KEY = ...` / `SECRET_KEY = ...`).
        if is_framework_secret(credential_name(name), name) and not _beside_api_key():
            return False
        # Only the project says Binance: the name must say nothing but "credential".
        return generic and project.uses_binance()

    def _beside_binance_names() -> bool:
        return any(_BINANCE_NAME.search(text) for text in (*lines_before, *lines_after))

    beside_api_key: list[bool] = []  # computed once per line, not once per value

    def _beside_api_key() -> bool:
        if not beside_api_key:
            beside_api_key.append(
                any(_API_KEY_NAME.search(text) for text in (*lines_before, *lines_after))
            )
        return beside_api_key[0]

    def binance_pem(name: str | None, column: int) -> bool:
        """A private key named as another service's (`GITHUB_APP_PRIVATE_KEY`,
        `SSH_PRIVATE_KEY`, `KRAKEN_PRIVATE_KEY`), under another exchange's section, or inside
        another service's key file (a Google service account's JSON) is not Binance's. Any
        other name is (`FIX_PRIVATE_KEY`, `ws_private_key`: Binance's FIX and WebSocket APIs
        take Ed25519 keys); the Binance context was asked already."""
        if in_other_service_key_file((line, *lines_before, *lines_after)):
            return False
        if name is None or says_binance(name):
            return True
        return denied_by(name_words(name)) is None and not other_exchange_nearer(column)

    def binance_positional(column: int) -> bool:
        if other_exchange_nearer(column):
            return False
        return nearby_context() or project.uses_binance()

    def full() -> bool:
        return limit is not None and len(candidates) >= limit

    for match in TOKEN.finditer(line):
        if full():
            return candidates
        value = match.group(0)
        prefix = _before(line, match.start())
        name = name_before(prefix, lines_before)
        secret_type = None if name is None else type_for_name(name)
        if secret_type is not None:
            assert name is not None
            if not binance_named(name, match.start()):
                continue
        else:
            # Positional. Also tried when the "name" names no credential: it may be an HMAC
            # call's previous argument (`createHmac('sha256', 's')` reads like
            # `getenv("NAME", "v")`), and an HMAC's key is a secret.
            above = (
                cut_before(text, CALL_LOOKBACK_CHARS)
                for text in lines_before[-CALL_LOOKBACK_LINES:]
            )
            call = _enclosing_call("\n".join((*above, prefix)))
            if name is not None and not _is_hmac_call(call):
                continue
            secret_type = _positional_type(call)
            if secret_type is None or not binance_positional(match.start()):
                continue
        if acceptable(value):
            candidates.append(Candidate(secret_type, value, match.start(), name))

    for match in BASE64_KEY.finditer(line):
        if full():
            return candidates
        start = match.end() - BASE64_KEY_LENGTH
        decoded = decode_base64_key(line[start : match.end()])
        prefix = _before(line, start)
        name = name_before(prefix, lines_before) if decoded else None
        secret_type = None if name is None else type_for_name(name)
        if decoded is None or name is None or secret_type is None:
            continue
        if binance_named(name, start) and rejection_reason(decoded) is None:
            candidates.append(Candidate(secret_type, decoded, start, name))

    pem = None if full() else PEM_BEGIN.search(line)
    if pem and (nearby_context() or project.uses_binance()):
        pem_name = name_before(_before(line, pem.start()), lines_before)
        if binance_pem(pem_name, pem.start()):
            candidates.append(Candidate(PRIVATE_KEY, pem.group(0), pem.start(), pem_name))
    return candidates


def line_candidates(
    filename: str,
    line: str,
    before: Sequence[str],
    after: Sequence[str],
    limit: int | None = None,
) -> list[Candidate]:
    """The candidates on one line of ``filename``, its neighbours, the file's and the
    project's word on Binance taken into account: what the plugins' ``find()`` and the
    engine both use. ``filename`` is the path relative to the project's top."""
    return classify_line(
        line,
        before,
        after,
        path=context_path(filename),
        file_says_binance=file_says_binance(filename),
        project=project_of(filename),
        file_says_testnet=lambda: file_says_testnet(filename),
        limit=limit,
    )
