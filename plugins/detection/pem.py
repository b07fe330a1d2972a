"""Recover a whole PEM private key from the lines around its BEGIN header.

Detectors see a line at a time; checking a key needs the whole block. PEM keys appear as
real lines, inside one string with escaped newlines (``"-----BEGIN...\\n...\\n-----END..."``
in .env files, JSON and notebooks), or in code as string literals joined over several lines
(the table in :mod:`.pem_concat`); all three are handled.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Sequence

from .findings import PRIVATE_KEY
from .patterns import PEM_BEGIN, PEM_END
from .pem_concat import MAX_CONCAT_LINES, reassemble
from .reject import shannon_entropy

# An RSA-4096 PKCS#8 PEM is about 52 lines; anything longer is not one block.
MAX_PEM_LINES = 80
# The smallest key Binance accepts, Ed25519 in PKCS#8, is 48 bytes: 64 base64 characters.
# A header with a shorter body is a string in code or docs (an f-string template, a parser
# test), not a key.
MIN_BODY_CHARS = 64
# Words that mark a PEM body as a stand-in, not a key (at least seven letters each, see
# has_key_body); the body "EXAMPLE" alone is what AWS-style docs use.
PEM_PLACEHOLDER_WORDS = (
    "example", "placeholder", "privatekey", "yourkey", "xxxxxxx", "redacted", "replaceme",
    "insertyour", "changeme", "dummykey",
)
# Random base64 carries about 6 bits per character; a stand-in body ("AAAA...",
# "MIIEvQIBADANBgkqhkiG9w0BAQEFAAS" followed by dots) far less.
MIN_BODY_ENTROPY = 4.0
BASE64_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=")


def _clean(line: str) -> str:
    """Strip quoting, indentation and YAML/JSON decoration around a PEM line."""
    text = line.strip().strip(",").replace('\\"', "").replace("\\n", "")
    return text.strip().strip("\"'").strip()


def has_key_body(block: str) -> bool:
    """Whether the lines between a PEM's markers look like a key: base64, long enough, and
    not a placeholder.

    Header fields of encrypted keys (``Proc-Type:``, ``DEK-Info:``) are allowed. Docs and
    sample configs fill the body with words (``EXAMPLEKEY...``, ``YourPrivateKeyHere``) or
    one repeated character; a real body is random base64 (about 6 bits per character),
    in which a placeholder word of seven or more letters turns up by chance with
    probability below 10^-7.
    """
    body = [line for line in block.splitlines()[1:-1] if ":" not in line]
    text = "".join(body).rstrip("=")
    if len(text) < MIN_BODY_CHARS or not set(text) <= BASE64_CHARS:
        return False
    lowered = text.lower()
    if any(word in lowered for word in PEM_PLACEHOLDER_WORDS):
        return False
    if shannon_entropy(text) < MIN_BODY_ENTROPY:
        return False
    encrypted_legacy = len(body) != len(block.splitlines()) - 2  # Proc-Type/DEK-Info fields
    return encrypted_legacy or is_der_sequence("".join(body))


def is_der_sequence(body: str) -> bool:
    """Whether a PEM body decodes to one whole DER SEQUENCE, as every private key does.

    PKCS#1, PKCS#8 and encrypted PKCS#8 keys are each a single ASN.1 SEQUENCE whose length
    field covers exactly the rest of the bytes. Tutorials print random-looking stand-ins and
    keys cut short ("should look something like this, but longer"); neither decodes to a
    complete SEQUENCE and neither can sign a request. (Legacy ``Proc-Type: 4,ENCRYPTED``
    bodies are ciphertext and are not checked.)
    """
    try:
        der = base64.b64decode(body + "=" * (-len(body) % 4), validate=True)
    except (binascii.Error, ValueError):
        return False
    if len(der) < 2 or der[0] != 0x30:
        return False
    first = der[1]
    if first < 0x80:
        return len(der) == 2 + first
    width = first & 0x7F
    if not 1 <= width <= 4 or len(der) < 2 + width:
        return False
    return len(der) == 2 + width + int.from_bytes(der[2 : 2 + width], "big")


def extract_pem_block(lines: Sequence[str], start: int) -> str | None:
    """The normalised PEM text beginning on ``lines[start]``, or None if it is incomplete
    or has no plausible key body. Joined literals are tried only when the block as lines
    or as one string is not a key: they are rarer, and cost a window of text to read."""
    block = _extract(lines, start)
    if block is not None and has_key_body(block):
        return block
    joined = reassemble(lines, start)
    return joined if joined is not None and has_key_body(joined) else None


def _extract(lines: Sequence[str], start: int) -> str | None:
    first = lines[start]
    begin = PEM_BEGIN.search(first)
    if not begin:
        return None
    rest = first[begin.start() :]
    if "\\n" in rest:
        end = PEM_END.search(rest)
        if not end:
            return None
        parts = [p.strip() for p in rest[: end.end()].split("\\n")]
        return "\n".join(p for p in parts if p)
    body = [begin.group(0)]
    for line in lines[start + 1 : start + MAX_PEM_LINES]:
        end = PEM_END.search(line)
        if end:
            body.append(end.group(0))
            return "\n".join(body)
        if PEM_BEGIN.search(line):
            # Another block starts before this one ended: this header has no block. Stopping
            # here also keeps a file of thousands of headers linear (each looked 80 lines on).
            return None
        cleaned = _clean(line)
        if cleaned:
            body.append(cleaned)
    return None


def candidate_value(kind: str, value: str, lines: Sequence[str], index: int) -> str | None:
    """The value a finding reports for a candidate on ``lines[index]``: a private key's
    whole PEM block (None when the header has no whole key body: not a key), else the
    value itself. The engine and the plugins' ``find()`` both go through here."""
    return extract_pem_block(lines, index) if kind == PRIVATE_KEY else value


# (line index of its header, its body on one line): the last private key a scan found.
FoundBlock = tuple[int, str]


def found_block(index: int, block: str) -> FoundBlock:
    """What :func:`inside_block` needs of a private key found at ``lines[index]``."""
    return index, "".join(block.splitlines()[1:-1])


def inside_block(value: str, index: int, block: FoundBlock | None) -> bool:
    """Whether a key-shaped value on ``lines[index]`` is a run of the body of the private
    key found just above it: a body line may be named (`pem += "MIIE...\\n"`) and be 64
    alphanumerics, but it is part of that key, not another credential. Only the last
    block is asked (blocks end where the next header starts), within the lines a block can
    span; a random key lies inside a given body by chance with probability below 10^-100.
    """
    if block is None or not 0 < index - block[0] <= max(MAX_PEM_LINES, MAX_CONCAT_LINES):
        return False
    return value in block[1]
