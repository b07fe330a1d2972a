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
import re
from collections.abc import Sequence
from dataclasses import dataclass

from binance_secrets.plugins.detection.file_context import file_says_binance
from binance_secrets.plugins.detection.findings import API_KEY, PRIVATE_KEY, SECRET_KEY
from binance_secrets.plugins.detection.patterns import (
    BASE64_KEY,
    BASE64_KEY_LENGTH,
    BINANCE_WORD,
    CALL_OPEN,
    K8S_NAME_LINE,
    NAMED_VALUE_PREFIX,
    NOT_A_CREDENTIAL_WORDS,
    PEM_BEGIN,
    QUOTED_NAME_PREFIX,
    QUOTED_TOKEN,
    TABLE_CELL_PREFIX,
    TOKEN,
)
from binance_secrets.plugins.detection.reject import rejection_reason

# How many lines above a value a multi-line constructor call may have opened.
CALL_LOOKBACK_LINES = 3
# How far back (characters) its opening parenthesis may be: bounds the work per value on a
# long minified line (two quoted 64-character arguments and their call fit easily).
CALL_LOOKBACK_CHARS = 400
# A value's name (at most 48 characters, see NAMED_VALUE_PREFIX) and what separates it from
# the value end well within this many characters before it. Searching only this tail keeps a
# long minified line linear: the whole prefix made a 350 kB one-line JSON take a minute.
NAME_LOOKBACK_CHARS = 160

_WORDS = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")


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


def name_words(name: str) -> list[str]:
    """`BINANCE_API_KEY`, `binanceApiKey`, `api-key` -> lower-case words."""
    return [w.lower() for w in _WORDS.findall(name)]


def type_for_name(name: str) -> str | None:
    """The credential type a variable/field name announces, or None if it announces none."""
    words = name_words(name)
    if not words or NOT_A_CREDENTIAL_WORDS.intersection(words):
        return None
    joined = "".join(words)
    # An HMAC key is the secret (`openssl dgst -sha256 -hmac "..."`, Binance's signing docs).
    if "secret" in joined or "private" in joined or "priv" in words or "hmac" in words:
        return SECRET_KEY
    if "key" in joined or "api" in words or "apikey" in joined:
        return API_KEY
    return None


def _name_before(prefix: str, previous_lines: Sequence[str]) -> str | None:
    prefix = prefix[-NAME_LOOKBACK_CHARS:]
    match = (
        QUOTED_NAME_PREFIX.search(prefix)
        or TABLE_CELL_PREFIX.search(prefix)
        or NAMED_VALUE_PREFIX.search(prefix)
    )
    if not match:
        return None
    name = match.group("name").lstrip("$@").rsplit(".", 1)[-1] or match.group("name")
    if name.lower() == "value" and previous_lines:
        k8s = K8S_NAME_LINE.match(previous_lines[-1])
        if k8s:
            return k8s.group("name")
    return name


def _enclosing_call(before: str) -> tuple[str, str] | None:
    """(callee, text inside the call) when the value is a positional argument of a call.

    ``before`` is the text from a few lines up to the value's opening quote; only an unclosed
    call counts, and only when nothing before the value inside it is a keyword argument or a
    nested call.
    """
    before = before[-CALL_LOOKBACK_CHARS:]
    depth = 0
    for index in range(len(before) - 1, -1, -1):
        char = before[index]
        if char == ")":
            depth += 1
        elif char == "(":
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


def _positional_type(call: tuple[str, str] | None) -> str | None:
    """In `Callee("a", "b")`, the first 64-char literal is the key and the second the secret."""
    if call is None:
        return None
    if _is_hmac_call(call):
        return SECRET_KEY
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


def classify_line(
    line: str,
    lines_before: Sequence[str] = (),
    lines_after: Sequence[str] = (),
    path: str = "",
    file_says_binance: bool = False,
) -> list[Candidate]:
    """All credential candidates on ``line``; the context decides type and Binance-ness."""
    candidates: list[Candidate] = []
    context_binance: bool | None = None

    def binance_context() -> bool:
        nonlocal context_binance
        if context_binance is None:
            context_binance = file_says_binance or says_binance(
                line, path, *lines_before, *lines_after
            )
        return context_binance

    for match in TOKEN.finditer(line):
        value = match.group(0)
        prefix = line[: match.start()]
        name = _name_before(prefix, lines_before)
        secret_type = None if name is None else type_for_name(name)
        if secret_type is not None:
            if not (says_binance(name) or binance_context()):
                continue
        else:
            # Positional. Also tried when the "name" names no credential: it may be an HMAC
            # call's previous argument (`createHmac('sha256', 's')` reads like
            # `getenv("NAME", "v")`), and an HMAC's key is a secret.
            call = _enclosing_call("\n".join((*lines_before[-CALL_LOOKBACK_LINES:], prefix)))
            if name is not None and not _is_hmac_call(call):
                continue
            secret_type = _positional_type(call)
            if secret_type is None or not binance_context():
                continue
        if rejection_reason(value) is None:
            candidates.append(Candidate(secret_type, value, match.start(), name))

    for match in BASE64_KEY.finditer(line):
        start = match.end() - BASE64_KEY_LENGTH
        value = decode_base64_key(line[start : match.end()])
        name = _name_before(line[:start], lines_before) if value else None
        secret_type = None if name is None else type_for_name(name)
        if value is None or name is None or secret_type is None:
            continue
        if (says_binance(name) or binance_context()) and rejection_reason(value) is None:
            candidates.append(Candidate(secret_type, value, start, name))

    pem = PEM_BEGIN.search(line)
    if pem and binance_context():
        pem_name = _name_before(line[: pem.start()], lines_before)
        candidates.append(Candidate(PRIVATE_KEY, pem.group(0), pem.start(), pem_name))
    return candidates


def line_candidates(
    filename: str, line: str, before: Sequence[str], after: Sequence[str]
) -> list[Candidate]:
    """The candidates on one line of ``filename``, its neighbours and the file's own word
    on Binance taken into account: what the plugins' ``find()`` and the engine both use."""
    return classify_line(
        line, before, after, path=filename, file_says_binance=file_says_binance(filename)
    )
