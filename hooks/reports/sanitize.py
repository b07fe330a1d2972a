"""The one filter for everything printed or written as text: nothing from a file, a commit, a
ref or a report reaches the terminal raw, and nothing key-shaped leaves the process whole.

File names, commit subjects, author names, ref names and report fields are attacker input:
an escape sequence in them can clear the screen, set the terminal title or forge table rows,
and a commit subject or file name can hold a key. So:

- :func:`printable` shows control characters, bidi overrides and undecodable bytes as C-style
  escapes (``\\n``, ``\\033``), the way git shows them (git-config(1) ``core.quotePath``);
- :func:`quote_path` quotes a file name the way git does when it must (double quotes,
  C-style escapes), and leaves an ordinary name alone;
- all of them (and :func:`redact_text`, for JSON, which ``json.dumps`` escapes itself)
  replace key-shaped values with their first and last four characters, like every report,
  and mask the credentials a URL carries (``https://***@host/repo``).
"""

from __future__ import annotations

import base64
import binascii
import re
import shlex
from collections.abc import Iterable
from typing import Any

from ...plugins.detection.lazy_regex import LazyRegex
from ...plugins.detection.patterns import (
    BASE64_KEY_RUN,
    KEY_RUN,
    PEM_BEGIN,
    PEM_END,
)
from ...plugins.detection.redaction import redact, redact_url_credentials

# git's escapes for the common control characters (quote.c, sq_quote / quote_c_style).
_NAMED_ESCAPES = {
    "\a": "\\a",
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\v": "\\v",
    "\f": "\\f",
    "\r": "\\r",
}

# Characters that change how the rest of the line looks: C0/C1 controls and DEL, Unicode
# line/paragraph separators, bidi embeddings/overrides/isolates ("Trojan Source",
# CVE-2021-42574), zero-width characters, and lone surrogates (undecodable bytes kept by
# the surrogateescape error handler).
_UNSAFE = LazyRegex(
    "[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ud800-\udfff]"
)
_QUOTE_NEEDED = LazyRegex(_UNSAFE.pattern[:-1] + '"\\\\]')

# Looser than detection's TOKEN on purpose: in a file name or subject a key may sit next to
# "/" or "." (``keys/<key>.txt``); over-redacting a name costs nothing.
_KEY_TOKEN = LazyRegex(rf"(?<![A-Za-z0-9]){KEY_RUN}(?![A-Za-z0-9])")
# A key's bytes never encode to "+" or "/", so a "/" before the run is a path's separator
# (``keys/<base64>.txt``), not the middle of a longer base64 value.
_BASE64_KEY_TOKEN = LazyRegex(rf"(?<![A-Za-z0-9+]){BASE64_KEY_RUN}(?!=)")
_PEM_BLOCK = LazyRegex(rf"{PEM_BEGIN.pattern}.*?(?:{PEM_END.pattern}|$)", re.DOTALL)
_HEX = LazyRegex(r"[0-9a-f]+|[0-9A-F]+")


def _redact_token(match: re.Match[str]) -> str:
    value = match.group(0)
    # Digests (sha256 file names, commit ids of SHA-256 repositories) are single-case hex;
    # a Binance key or secret is mixed-case alphanumeric.
    return value if _HEX.fullmatch(value) else redact(value)


def _redact_base64(match: re.Match[str]) -> str:
    try:
        decoded = base64.b64decode(match.group(0), validate=True).decode("ascii")
    except (binascii.Error, UnicodeDecodeError):
        return match.group(0)
    return redact(decoded) if _KEY_TOKEN.fullmatch(decoded) else match.group(0)


def redact_text(text: str) -> str:
    """``text`` with every key-shaped value (a 64-character key or secret, the same
    base64-encoded, a PEM private key) replaced by its redacted form, and every URL's
    credentials masked (``https://***@host``: a clone URL may carry a token)."""
    if "://" in text:
        text = redact_url_credentials(text)
    if len(text) < 64:
        return text
    text = _PEM_BLOCK.sub(lambda m: redact(m.group(0)), text)
    text = _KEY_TOKEN.sub(_redact_token, text)
    return _BASE64_KEY_TOKEN.sub(_redact_base64, text)


def ref_glob(name: str) -> str:
    """A ref name with every key-shaped run replaced by a git glob (``abcd*wxyz``): a
    pattern the user can type to reach a ref whose name holds a key, with no key in it.
    A ref name never contains "..", so the glob cannot be confused with a redaction."""

    def glob(match: re.Match[str]) -> str:
        value = match.group(0)
        return value if _HEX.fullmatch(value) else f"{value[:4]}*{value[-4:]}"

    return _BASE64_KEY_TOKEN.sub(glob, _KEY_TOKEN.sub(glob, name))


def _escape_char(char: str) -> str:
    named = _NAMED_ESCAPES.get(char)
    if named is not None:
        return named
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte surrogateescape could not decode
        return f"\\{code - 0xDC00:03o}"
    if 0xD800 <= code <= 0xDFFF:
        return f"\\u{code:04x}"
    return "".join(f"\\{byte:03o}" for byte in char.encode("utf-8"))


def _escape_match(match: re.Match[str]) -> str:
    char = match.group(0)
    return "\\" + char if char in '"\\' else _escape_char(char)


def _escape(text: str, pattern: LazyRegex[str]) -> str:
    return pattern.sub(_escape_match, text)


def _workflow_command(shown: str) -> bool:
    """Whether ``shown``, at the start of a line, would be a CI runner's command: GitHub
    Actions takes any line that starts with `::` once left-trimmed for one (`::error
    title=...::`, `::add-mask::`, `::stop-commands::`), and the CI templates print text
    reports. Every line starts with our own words or with blanks and a sanitized
    fragment, so no fragment may start so."""
    return shown.lstrip().startswith("::")


def printable(text: object) -> str:
    """Any text made safe for a terminal: control characters escaped, keys redacted, and
    a leading `::` (:func:`_workflow_command`) shown with its first colon escaped."""
    shown = redact_text(str(text))
    # Printable ASCII (what isprintable says of ASCII text: no C0 control, no DEL) has
    # nothing to escape; it is most of what a report prints.
    if not (shown.isascii() and shown.isprintable()):
        shown = _escape(shown, _UNSAFE)
    if _workflow_command(shown):
        at = shown.index(":")
        shown = f"{shown[:at]}\\072{shown[at + 1 :]}"
    return shown


def escaped(text: str) -> str:
    """Text made safe for a terminal with nothing redacted: for detect-secrets' audit,
    whose point is to show the user a recorded value in its line of code."""
    return text if text.isascii() and text.isprintable() else _escape(text, _UNSAFE)


def shell_operands(names: Iterable[str]) -> str:
    """Names a repository gave (files, remotes, branches, tags, refs) as the operands of a
    command a user is told to type: quoted for a shell, and after ``--`` when one starts
    with a dash. Quoting keeps a name from the shell, not from git: a remote-tracking ref
    ``refs/remotes/--receive-pack=CMD|/main`` pushed to a shared server made the clean-up
    step `git push --force --all '--receive-pack=CMD|'`, and git ran CMD; after ``--`` git
    reads it as a name (docs/threat-model.md, round 11)."""
    names = list(names)
    quoted = " ".join(map(shlex.quote, names))
    return f"-- {quoted}" if any(name.startswith("-") for name in names) else quoted


def quote_path(path: str) -> str:
    """A file name as git prints it with ``core.quotePath=false``: unchanged when it is
    plain, else in double quotes with C-style escapes (``"a\\nb"``), as is one that
    would start a CI runner's command (:func:`_workflow_command`); keys redacted."""
    path = redact_text(path)
    if not _QUOTE_NEEDED.search(path) and not _workflow_command(path):
        return path
    return '"' + _escape(path, _QUOTE_NEEDED) + '"'


def place(path: str, line: int, commit: str | None = None) -> str:
    """Where a value was found, as every report prints it: ``path:line``, or
    ``commit:path:line`` (12 hex digits) for a commit; the path quoted the way git quotes
    it (:func:`quote_path`), so a name holding a newline, a quote or a tab still reads as
    one name (``"a\\nb.env":3``), and redacted where it holds a key."""
    shown = f"{quote_path(path)}:{line}"
    return f"{commit[:12]}:{shown}" if commit else shown


def redact_strings(data: Any) -> Any:
    """A JSON document with :func:`redact_text` applied to every string in it (keys too).

    Fingerprints and commit ids are hex and pass unchanged; a path, subject or ref name
    that holds a key does not.
    """
    if isinstance(data, str):
        return redact_text(data)
    if isinstance(data, dict):
        return {redact_strings(key): redact_strings(value) for key, value in data.items()}
    if isinstance(data, (list, tuple)):
        return [redact_strings(item) for item in data]
    return data


def redact_values(data: Any, values: Iterable[str]) -> Any:
    """``data`` (text, or a JSON document: every string in it) with each of ``values``
    replaced by its redacted form wherever it appears, whatever its shape. The key-shaped
    runs :func:`redact_text` catches leave out single-case hex (it is also how digests and
    commit ids look), and a futures testnet key and secret are 64 lowercase hex: a value
    the detectors reported is redacted because they reported it, not by its look."""
    ordered = sorted({value for value in values if value}, key=len, reverse=True)
    if not ordered:
        return data
    pattern = re.compile("|".join(map(re.escape, ordered)))

    def walk(item: Any) -> Any:
        if isinstance(item, str):
            return pattern.sub(lambda match: redact(match.group(0)), item)
        if isinstance(item, dict):
            return {walk(key): walk(value) for key, value in item.items()}
        if isinstance(item, (list, tuple)):
            return [walk(value) for value in item]
        return item

    return walk(data)


def detected_values(text: str, path: str) -> set[str]:
    """Every value the detectors report in ``text`` (read as ``path``, in a project that
    uses Binance: whatever they would report anywhere), for :func:`redact_values`."""
    from ...plugins.detection.engine import scan_text
    from ...plugins.detection.project_context import ProjectContext

    return {finding.value for finding in scan_text(path, text, ProjectContext.known(True))}
