"""The forms a found value takes in a file's bytes, and whether a text holds one.

A finding's value is normalised: a key as written, a Kubernetes Secret's ``data:`` value
decoded, a PEM block re-joined with real newlines. Files hold them otherwise: base64-encoded,
or a PEM inside a JSON or ``.env`` string (``"-----BEGIN...\\nMIIE...\\n-----END..."``),
indented in YAML, quoted line by line. Whoever looks for the value again in a file (``sweep``
asking which files at HEAD still hold it, the ``--replacements`` file for git filter-repo)
asks here, so both agree on what "the value is in this file" means.
"""

from __future__ import annotations

import base64
from functools import lru_cache

from .patterns import PEM_BEGIN
from .pem_concat import reassemble

# PEM body lines shorter than this (a key's last line) are not looked for on their own: a
# short literal could match unrelated text anywhere in a history.
MIN_PEM_CHUNK = 16


def is_pem(value: str) -> bool:
    return value.startswith("-----BEGIN")


@lru_cache(maxsize=4096)  # asked again for each file at HEAD that may hold the value
def written_forms(value: str) -> tuple[str, ...]:
    """The texts a value is written as in files: as found and base64-encoded (a Kubernetes
    Secret's ``data:``); for a PEM key, its body line by line (it may be indented, quoted or
    joined with escaped newlines, but its base64 lines are always there verbatim)."""
    if is_pem(value):
        body = [line for line in value.splitlines()[1:-1] if ":" not in line]
        return tuple(line for line in body if len(line) >= MIN_PEM_CHUNK)
    return (value, base64.b64encode(value.encode()).decode("ascii"))


def written_in(value: str, text: str) -> bool:
    """Whether ``text`` holds ``value`` in one of its written forms: for a PEM key every
    long body line (the whole key, whatever quoting joins its lines), else the value or its
    base64 form."""
    forms = written_forms(value)
    if is_pem(value):
        if forms and all(form in text for form in forms):
            return True
        return _joined_in(value, forms, text)
    return any(form in text for form in forms)


def _joined_in(value: str, forms: tuple[str, ...], text: str) -> bool:
    """Whether ``text`` holds the PEM key ``value`` as literals joined in code whose pieces
    are not its 64-character lines (pem_concat rewraps them): the table reads the text
    again. Only asked of a text holding the first characters of the body, which the first
    piece starts with."""
    if not forms or forms[0][:MIN_PEM_CHUNK] not in text or PEM_BEGIN.search(text) is None:
        return False
    lines = text.splitlines()
    return any(
        reassemble(lines, index) == value
        for index, line in enumerate(lines)
        if PEM_BEGIN.search(line)
    )
