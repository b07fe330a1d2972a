"""Reasons a 64-character alphanumeric string is not a Binance credential.

These run on the value alone; the name-based reasons (listenKey, hashes, ids) live in
:mod:`binance_secrets.plugins.detection.classify`, where the name is known.
"""

from __future__ import annotations

import math
import operator
import re
from collections import Counter
from functools import lru_cache
from itertools import repeat

from .patterns import MIN_ENTROPY, PLACEHOLDER_WORDS

_HEX_CHARACTERS = "0123456789abcdefABCDEF"
_ASCII_DIGIT = re.compile("[0-9]")


def shannon_entropy(value: str) -> float:
    counts = Counter(value)
    total = len(value)
    return -sum(n / total * math.log2(n / total) for n in counts.values())


def is_hex_digest(value: str) -> bool:
    """sha256 digests, transaction ids, 32-byte hex: Binance keys are never all-hex.

    A random Binance key is all-hex with probability (22/62)^64, i.e. never.
    """
    # Stripping hex characters from both ends leaves nothing only if every one is hex.
    return not value.strip(_HEX_CHARACTERS)


def lacks_character_classes(value: str) -> bool:
    """Real keys mix upper case, lower case and digits (all three absent with p < 2e-5)."""
    if value.isascii():  # every value a TOKEN matched: the same answers by whole-string calls
        return value.lower() == value or value.upper() == value or not _ASCII_DIGIT.search(value)
    return not (
        any(c.isupper() for c in value)
        and any(c.islower() for c in value)
        and any(c.isdigit() for c in value)
    )


# Byte tables for the sequential-run test: each byte's successor and predecessor, and
# "was it zero" (0) or not (1).
_SUCCESSOR = bytes((i + 1) % 256 for i in range(256))
_PREDECESSOR = bytes((i - 1) % 256 for i in range(256))
_NONZERO = bytes([0] + [1] * 255)


def _has_sequential_run(data: bytes, steps: int) -> bool:
    """Whether ASCII ``data`` has ``steps`` consecutive neighbours one apart (either way):
    whole-string XORs and translations, no per-character Python (it runs on every value)."""
    if steps <= 0:
        return True
    count = len(data) - 1
    following = int.from_bytes(data[1:], "big")
    # A zero byte where the next byte is this one's successor (predecessor).
    up = int.from_bytes(data[:-1].translate(_SUCCESSOR), "big") ^ following
    down = int.from_bytes(data[:-1].translate(_PREDECESSOR), "big") ^ following
    # A zero byte where either is zero: a step of one.
    one_apart = int.from_bytes(up.to_bytes(count, "big").translate(_NONZERO), "big") & (
        int.from_bytes(down.to_bytes(count, "big").translate(_NONZERO), "big")
    )
    return b"\0" * steps in one_apart.to_bytes(count, "big")


def is_sequential(value: str) -> bool:
    """Runs like 'abcdefgh' or '12345678' over a quarter of the value, or a repeated unit."""
    lowered = value.lower()
    # A run of n such characters is n - 1 consecutive steps of one.
    steps = len(value) // 4 - 1
    if lowered.isascii():
        if _has_sequential_run(lowered.encode("ascii"), steps):
            return True
    else:
        codes = [ord(c) for c in lowered]
        ones = bytes(map(min, map(abs, map(operator.sub, codes[1:], codes[:-1])), repeat(2)))
        if b"\x01" * steps in ones:
            return True
    # A repeated unit: the value occurs inside itself doubled, before the full shift.
    return 0 < (value + value).find(value, 1) < len(value)


def is_placeholder(value: str) -> bool:
    lowered = value.lower()
    return lowered.startswith("your") or any(word in lowered for word in PLACEHOLDER_WORDS)


# Futures testnet (testnet.binancefuture.com) issues keys of 64 lowercase hex characters,
# which this shape alone cannot tell from a sha256 digest: classify accepts them only where
# the text says testnet.
HEX_DIGEST = "hex digest"
# A random 64-character hex string scores about 3.75 bits per character.
MIN_HEX_ENTROPY = 3.3


def is_testnet_hex_key(value: str) -> bool:
    """The shape of a futures testnet key: random-looking lowercase hex, letters and digits."""
    return (
        all(c in "0123456789abcdef" for c in value)
        and any(c.isdigit() for c in value)
        and any(c.isalpha() for c in value)
        and not is_sequential(value)
        and shannon_entropy(value) >= MIN_HEX_ENTROPY
    )


# Cached: a file repeating one value (`"api_key": "K", ` over a 2 MiB line) asks about
# it once per repetition.
@lru_cache(maxsize=256)
def rejection_reason(value: str) -> str | None:
    """Why ``value`` is not a key, or None when it looks like one."""
    if is_hex_digest(value):
        return HEX_DIGEST
    if lacks_character_classes(value):
        return "not mixed case and digits"
    if is_placeholder(value):
        return "placeholder"
    if is_sequential(value):
        return "sequential or repeated"
    if shannon_entropy(value) < MIN_ENTROPY:
        return "low entropy"
    return None


_HEX_BYTES = b"0123456789abcdefABCDEF"
_LOWER_HEX_BYTES = b"0123456789abcdef"
_DIGITS = b"0123456789"


def may_pass(run: bytes) -> bool:
    """Whether a 64-byte alphanumeric run could pass :func:`rejection_reason`'s first two
    rules (not all-hex; upper and lower case and a digit): the sweep's byte-level filter,
    which skips the sha256 digests, commit ids and hex ids that fill some diffs before any
    line of them is decoded. Never False for a value those rules accept; a lowercase-hex
    run is :func:`may_be_testnet_key`'s question."""
    return (
        bool(run.translate(None, _HEX_BYTES))
        and run.lower() != run
        and run.upper() != run
        and len(run.translate(None, _DIGITS)) != len(run)
    )


def may_be_testnet_key(run: bytes) -> bool:
    """Whether a 64-byte run has a futures testnet key's shape at byte level (lowercase
    hex, letters and digits): never False when :func:`is_testnet_hex_key` is True."""
    return (
        not run.translate(None, _LOWER_HEX_BYTES)
        and len(run.translate(None, _DIGITS)) not in (0, len(run))
    )
