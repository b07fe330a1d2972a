"""Decide, for one line and the lines around it, which values are Binance credentials.

A bare 64-character string is never enough. A value is a candidate only when its name says
what it is (``BINANCE_API_KEY=``, ``"apiKey":``, ``api_secret=``, ``secret:``) or when it is a
positional argument of a client constructor (``Client("key", "secret")``), and the value is
only Binance's when something says Binance: the name itself, the line, the lines around it,
the file's path, or (for whole-file scans) the file's text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from binance_secrets.plugins.findings import API_KEY, PRIVATE_KEY, SECRET_KEY
from binance_secrets.plugins.patterns import (
    BINANCE_WORD,
    CALL_OPEN,
    K8S_NAME_LINE,
    NAMED_VALUE_PREFIX,
    NOT_A_CREDENTIAL_WORDS,
    PEM_BEGIN,
    QUOTED_NAME_PREFIX,
    QUOTED_TOKEN,
    TOKEN,
)
from binance_secrets.plugins.reject import rejection_reason

# How many lines above a value a multi-line constructor call may have opened.
CALL_LOOKBACK_LINES = 3

_WORDS = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")


@dataclass(frozen=True)
class Candidate:
    """A value on the target line and what it is (one of the Finding secret types)."""

    type: str
    value: str
    column: int


def name_words(name: str) -> list[str]:
    """`BINANCE_API_KEY`, `binanceApiKey`, `api-key` -> lower-case words."""
    return [w.lower() for w in _WORDS.findall(name)]


def type_for_name(name: str) -> str | None:
    """The credential type a variable/field name announces, or None if it announces none."""
    words = name_words(name)
    if not words or NOT_A_CREDENTIAL_WORDS.intersection(words):
        return None
    joined = "".join(words)
    if "secret" in joined or "private" in joined or "priv" in words:
        return SECRET_KEY
    if "key" in joined or "api" in words or "apikey" in joined:
        return API_KEY
    return None


def _name_before(prefix: str, previous_lines: Sequence[str]) -> str | None:
    match = QUOTED_NAME_PREFIX.search(prefix) or NAMED_VALUE_PREFIX.search(prefix)
    if not match:
        return None
    name = match.group("name").lstrip("$@").rsplit(".", 1)[-1] or match.group("name")
    if name.lower() == "value" and previous_lines:
        k8s = K8S_NAME_LINE.match(previous_lines[-1])
        if k8s:
            return k8s.group("name")
    return name


def _positional_type(before: str) -> str | None:
    """In `Callee("a", "b")`, the first 64-char literal is the key and the second the secret.

    ``before`` is the text from a few lines up to the value's opening quote; only an unclosed
    call counts, and only literals directly inside it are counted.
    """
    depth = 0
    for index in range(len(before) - 1, -1, -1):
        char = before[index]
        if char == ")":
            depth += 1
        elif char == "(":
            if depth == 0:
                call = CALL_OPEN.search(before, max(0, index - 80), index + 1)
                if not call or call.end() != index + 1:
                    return None
                inside = before[index + 1 :]
                if "(" in inside or "=" in inside.replace("==", ""):
                    return None
                earlier = len(QUOTED_TOKEN.findall(inside))
                return {0: API_KEY, 1: SECRET_KEY}.get(earlier)
            depth -= 1
    return None


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
        if name is not None:
            secret_type = type_for_name(name)
            if secret_type is None:
                continue
            if not (says_binance(name) or binance_context()):
                continue
        else:
            joined = "\n".join((*lines_before[-CALL_LOOKBACK_LINES:], prefix))
            secret_type = _positional_type(joined)
            if secret_type is None or not binance_context():
                continue
        if rejection_reason(value) is None:
            candidates.append(Candidate(secret_type, value, match.start()))

    pem = PEM_BEGIN.search(line)
    if pem and binance_context():
        candidates.append(Candidate(PRIVATE_KEY, pem.group(0), pem.start()))
    return candidates
