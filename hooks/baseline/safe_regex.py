"""A baseline's exclude regexes, run by RE2: linear time whatever the pattern and the text.

A baseline may come from a pull request, and detect-secrets compiles its ``exclude_lines``,
``exclude_files`` and ``exclude_secrets`` patterns (and a KeywordDetector's
``keyword_exclude``) with Python's backtracking ``re``. On one long line ``(a+)+$`` never
finishes, and ``\\w+\\s*=\\s*#`` or even ``.*example.*`` take seconds to minutes
(docs/performance.md).

Why RE2 and not a static check of the sre parse tree: rejecting nested quantifiers and
backreferences catches the exponential cases only. Backtracking is still quadratic or
worse for patterns nobody would call suspicious (``\\w+=x``, ``.*foo.*``, ``.*.*.*x``), and
``search`` multiplies it by the line's length, so no small check bounds the time while
accepting the patterns people actually write. RE2 (Google's; the same automaton design as
Go's ``regexp``, which gitleaks and trufflehog run their allowlist regexes on) guarantees
time linear in the text for every pattern it accepts, and refuses the two features that
need backtracking: backreferences and look-arounds. A gitleaks or trufflehog user already
trusts exactly that contract. Its limits, said here once: those two features and
``(?x)`` are refused (one line, exit 2: rewrite the pattern); ``\\w``, ``\\d``, ``\\s``
and ``\\b`` are ASCII-only, so on non-ASCII text a pattern excludes less, and more is
reported, never less; Python's ``\\Z`` is accepted and means RE2's ``\\z``.
"""

from __future__ import annotations

import re
from typing import Any

# A real exclude pattern is a line or two; a program of 1 MiB is far beyond one, and bounds
# what RE2 may allocate per pattern (compiled program plus its DFA cache; when the cache
# fills RE2 falls back to its NFA, still linear).
MAX_PATTERN_CHARS = 1000
MAX_PROGRAM_BYTES = 1 << 20


class UnsafePattern(ValueError):
    """The pattern cannot run in bounded time; the message says why (one phrase)."""


def _options() -> Any:
    import re2

    options = re2.Options()
    options.log_errors = False  # RE2 logs a refused pattern to stderr: a second line
    options.max_mem = MAX_PROGRAM_BYTES
    return options


def _re2_syntax(pattern: str) -> str:
    """Python's end-of-text escape ``\\Z`` is RE2's ``\\z``; every other escape is kept (an
    escaped backslash before a Z stays a backslash and a Z)."""
    out: list[str] = []
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if char == "\\" and index + 1 < len(pattern):
            pair = pattern[index : index + 2]
            out.append("\\z" if pair == "\\Z" else pair)
            index += 2
            continue
        out.append(char)
        index += 1
    return "".join(out)


def _why(message: str) -> str:
    """RE2's reason in the words a Python user looks for."""
    if "invalid escape sequence: \\" in message and message[-1:].isdigit():
        return f"a backreference is not supported ({message})"
    if "invalid perl operator: (?" in message and message[-1:] in "=!<":
        return f"a look-around is not supported ({message})"
    if "repetition" in message:
        return f"a repetition count above 1000 is not supported ({message})"
    return message


class LinearPattern:
    """A compiled pattern with ``search`` and ``pattern``, as detect-secrets expects of one."""

    def __init__(self, pattern: str, ignore_case: bool = False) -> None:
        import re2

        if not isinstance(pattern, str):
            raise UnsafePattern("is not text")
        if len(pattern) > MAX_PATTERN_CHARS:
            raise UnsafePattern(f"is longer than {MAX_PATTERN_CHARS} characters")
        self.pattern = pattern
        source = ("(?i)" if ignore_case else "") + _re2_syntax(pattern)
        try:
            self._compiled = re2.compile(source, options=_options())
        except re2.error as error:
            raw = error.args[0] if error.args else error
            text = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)
            raise UnsafePattern(_why(text)) from None

    def search(self, text: str) -> Any:
        try:
            return self._compiled.search(text)
        except UnicodeEncodeError:  # a lone surrogate (an undecodable file name byte)
            return self._compiled.search(text.encode("utf-8", "replace").decode("utf-8"))


def compile_linear(pattern: str, ignore_case: bool = False) -> LinearPattern:
    """``pattern`` compiled for linear-time search; UnsafePattern when RE2 refuses it."""
    return LinearPattern(pattern, ignore_case)


class LinearRe:
    """Stands in for the ``re`` module inside detect-secrets' regex filters and
    KeywordDetector while our commands run detect-secrets, so the patterns a baseline gives
    it run on RE2 as well; everything but ``compile`` is the real ``re``."""

    def __getattr__(self, name: str) -> Any:
        return getattr(re, name)

    @staticmethod
    def compile(pattern: str, flags: int = 0) -> LinearPattern:
        if flags & ~re.IGNORECASE:
            raise UnsafePattern(f"flags {flags!r} are not supported")
        return compile_linear(pattern, ignore_case=bool(flags & re.IGNORECASE))
