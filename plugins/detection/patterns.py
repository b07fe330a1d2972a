"""The shapes of Binance credentials: the one place every regex about them lives.

Binance API keys and HMAC secret keys are 64 characters of [A-Za-z0-9] (see the signing
examples in https://developers.binance.com/docs/binance-spot-api-docs/rest-api/request-security).
Ed25519 and RSA API keys are also 64 such characters; their secret is a PEM private key
(PKCS#8 ``PRIVATE KEY``, ``ENCRYPTED PRIVATE KEY``, or PKCS#1 ``RSA PRIVATE KEY``).
"""

from __future__ import annotations

import binascii
import re
from collections.abc import Callable
from dataclasses import dataclass

KEY_LENGTH = 64

# A run of exactly 64 alphanumerics. The neighbours exclude base64/base64url/JWT characters
# so that a 64-character stretch of a longer encoded blob is never taken for a key; a `-` may
# precede it only in a shell default, `${NAME:-value}`.
TOKEN = re.compile(
    r"(?<![A-Za-z0-9+/_.])(?<!(?<!:)-)[A-Za-z0-9]{64}(?![A-Za-z0-9+/=_\-])"
)

# A piece of a key written in parts (`"3BcD...xN0" + "LfTP...G8c"`, :mod:`.split_literals`):
# a quoted run of the key alphabet with a digit and both cases, which no name or exchange id
# has (ccxt's ids are lower case). Like a whole key, it is no word: a random piece may spell
# `bstmp`.
KEY_PIECE = re.compile(
    r"""(?<=["'`])(?=[A-Za-z]*[0-9])(?=[a-z0-9]*[A-Z])(?=[A-Z0-9]*[a-z])[A-Za-z0-9]{12,63}(?=["'`])"""
)


def without_values(text: str) -> str:
    """``text`` with its key-shaped values and key pieces blanked, columns kept: what is
    left are the words that may name an exchange."""
    return KEY_PIECE.sub(_blank, TOKEN.sub(_blank, text))


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group(0))


# PEM headers of the private-key formats Binance accepts as a key's secret.
PEM_BEGIN = re.compile(r"-----BEGIN (?P<kind>(?:RSA |ENCRYPTED )?PRIVATE KEY)-----")
PEM_END = re.compile(r"-----END (?:RSA |ENCRYPTED )?PRIVATE KEY-----")

# The three shapes a credential can have in text, each written once; the pre-filters
# below (Python, git grep, and the sweep's byte-level search) are built from them.
KEY_RUN = r"[A-Za-z0-9]{64}"
PEM_MARK = "PRIVATE KEY-----"
# A 64-character key base64-encoded, the way a Kubernetes Secret's `data:` holds values:
# 64 bytes are 88 base64 characters, the last two the "==" padding.
BASE64_KEY_RUN = r"[A-Za-z0-9+/]{86}=="
BASE64_KEY_LENGTH = 88

# The search starts at the "==" (a literal, which the regex engine finds 30 times faster
# than a character-class run) and looks behind for the 86 characters before it.
BASE64_KEY = re.compile(rf"==(?<=(?<![A-Za-z0-9+/]){BASE64_KEY_RUN})(?!=)")

# ASCII letters and digits map to "a", every other byte to " ": a key-shaped run is then a
# run of 64 "a"s, which ``bytes.translate`` and ``bytes.find`` find at C speed (about ten
# times faster than a regex scan for a 64-character run).
ALNUM_MAP = bytes(0x61 if chr(b).isascii() and chr(b).isalnum() else 0x20 for b in range(256))
KEY_RUN_MAPPED = b"a" * KEY_LENGTH


def base64_encodes_key_run(run: bytes) -> bool:
    """Whether 88 base64 characters decode to 64 ASCII letters and digits, as a key's
    base64 form does. A package lock's ``sha512-...==`` integrity hash has the same length
    and alphabet but decodes to random bytes: the byte-level pre-filters skip it, since the
    detection (``classify.decode_base64_key``) never takes it either."""
    try:
        decoded = binascii.a2b_base64(run)
    except binascii.Error:
        return False
    return len(decoded) == KEY_LENGTH and decoded.isalnum()  # bytes.isalnum: ASCII only


@dataclass(frozen=True)
class ValueShape:
    """One shape a credential takes in text: a row of :data:`VALUE_SHAPES`.

    Every pre-filter (the plugins' line filter, ``git grep``, the sweep's byte search) is
    built from the rows, so a text none of them matches is never parsed further; a new
    shape is a new row. ``example`` is a line (``{V}`` marks a fresh random key, ``{B64}``
    its base64 form) from which :func:`classify.classify_line` must yield ``yields``
    (tests/test_value_shapes.py runs every row's example).
    """

    name: str
    pattern: str  # Python regex: what a line holding the shape contains
    posix: str  # the same as a POSIX extended regex, for `git grep -E`
    # A literal every match contains, found with ``bytes.find`` before the regex is asked;
    # None for the alphanumeric run, found through :data:`ALNUM_MAP` instead.
    needle: bytes | None
    example: str
    yields: str  # the finding type (findings.API_KEY, ...) the example must give
    # Whether holding ``needle`` is already holding the shape (the pattern is the literal).
    needle_suffices: bool = False
    # For a shape that encodes a key: the length of a match's run, ending where the match
    # ends, and whether that run can decode to a key. The byte-level pre-filters skip the
    # matches it refuses, which the detection would refuse too.
    run_length: int = 0
    encodes_key: Callable[[bytes], bool] | None = None


VALUE_SHAPES: tuple[ValueShape, ...] = (
    ValueShape(
        "64-character API key or HMAC secret",
        KEY_RUN,
        KEY_RUN,
        None,
        'BINANCE_API_SECRET = "{V}"',
        "Binance Secret Key",
    ),
    ValueShape(
        "PEM private key (Ed25519 or RSA secret)",
        PEM_MARK,
        PEM_MARK,
        PEM_MARK.encode(),
        'BINANCE_PRIVATE_KEY="-----BEGIN PRIVATE KEY-----',
        "Binance Private Key",
        needle_suffices=True,
    ),
    ValueShape(
        "base64-encoded 64-character key (Kubernetes Secret data)",
        f"==(?<={BASE64_KEY_RUN})",
        BASE64_KEY_RUN,
        b"==",
        "  binance-api-key: {B64}",
        "Binance API Key",
        run_length=BASE64_KEY_LENGTH,
        encodes_key=base64_encodes_key_run,
    ),
)

# Cheap whole-text pre-filter: a text without any of these shapes cannot hold a credential,
# so the detect-secrets pipeline (the expensive part) never sees it.
CANDIDATE = re.compile("|".join(shape.pattern for shape in VALUE_SHAPES))

# CANDIDATE's byte-level twins: the literal needles of the shapes (the PEM mark, the base64
# padding), searched with ``bytes.find``; the key run is searched through ALNUM_MAP.
PEM_MARK_BYTES = PEM_MARK.encode()
BASE64_PADDING = b"=="

# The same pre-filter as a POSIX extended regex for `git grep -E`: the sweep uses it to
# narrow HEAD to the files worth reading when it asks "is this value still at HEAD?".
GIT_CANDIDATE_REGEX = "|".join(shape.posix for shape in VALUE_SHAPES)


@dataclass(frozen=True)
class CandidateFilter:
    """Everything a byte-level pre-filter needs to know which texts may hold a credential,
    built from :data:`VALUE_SHAPES` (as gitleaks builds its pre-filter from its rules'
    keywords). A text may hold a candidate exactly when ``data.search`` finds something in
    it; the fast way to ask, which the sweep and the engine use:

    - ``text.translate(run_map)`` holds ``run`` (a 64-character alphanumeric run), or
    - ``text`` holds one of ``needles`` and ``data`` matches (the needle alone is enough
      for the shapes in ``sufficient_needles``).
    """

    text: re.Pattern[str]  # CANDIDATE, for decoded text
    data: re.Pattern[bytes]  # the same over bytes (UTF-8 or any ASCII-compatible encoding)
    git: str  # the same as a POSIX extended regex, for `git grep -E`
    run_map: bytes  # a ``bytes.translate`` table: letters and digits to b"a", the rest b" "
    run: bytes  # what a key-shaped run becomes under ``run_map``
    needles: tuple[bytes, ...]  # the literal every non-run shape's match contains
    sufficient_needles: tuple[bytes, ...]  # needles whose presence alone is a candidate


def candidate_filter() -> CandidateFilter:
    """The pre-filter of every value shape (see :class:`CandidateFilter`)."""
    needles = tuple(shape.needle for shape in VALUE_SHAPES if shape.needle is not None)
    return CandidateFilter(
        text=CANDIDATE,
        data=re.compile(CANDIDATE.pattern.encode()),
        git=GIT_CANDIDATE_REGEX,
        run_map=ALNUM_MAP,
        run=KEY_RUN_MAPPED,
        needles=needles,
        sufficient_needles=tuple(
            shape.needle
            for shape in VALUE_SHAPES
            if shape.needle is not None and shape.needle_suffices
        ),
    )


# The word that makes a generic "key"/"secret" a Binance one.
BINANCE_WORD = re.compile(r"binance", re.IGNORECASE)

# What stands just before a value when a name is assigned to it, in the syntaxes real configs
# use: `name = "v"`, `"name": "v"`, `name: v`, `NAME=v`, `name => 'v'`, `--name v`,
# `name | v` (Markdown tables), `name\tv`, `NAME ?= v` (make), `${NAME:-v}` (shell defaults),
# `name <- v` (R); quotes may be JSON-escaped
# (notebooks: \").
# The name must not continue a longer name (`x-api-key` is one name), but it may follow the
# dashes of a command-line option (`--api-key v`, `openssl dgst -hmac "v"`), hence the two
# lookbehinds instead of one excluding every `-`. The separator is written so that a run of
# blanks splits only one way (`\s*(\s)\s*` backtracked quadratically in the run).
NAMED_VALUE_PREFIX = re.compile(
    r"""(?<![A-Za-z0-9_.])(?<![A-Za-z0-9_.]-)"""
    r"""(?P<name>[A-Za-z_$@][A-Za-z0-9_.\-]{0,47})\\?["'\]]{0,2}"""
    r"""(?:\s*(?:=>|:=|::|\?=|\+=|:-|<<-|<-|=|:|\|)\s*|\s+)"""
    r"""(?:\\?["'`])?$"""
)

# A Markdown table row `| Secret key | `v` |`: the name is the whole cell, several words
# (NAMED_VALUE_PREFIX alone would see only "key" and call a secret an API key).
TABLE_CELL_PREFIX = re.compile(
    r"""\|\s*`?(?P<name>[A-Za-z_][A-Za-z0-9_.\- ]{0,47}?)`?\s*\|\s*`?$"""
)

# `getenv("NAME", "v")`, `set("NAME", "v")`: the name is a string literal before the value;
# .NET configuration pairs write a key path (`new("AppSettings:Binance:ApiSecret", "v")`),
# whose last segment says what the value is (:func:`name_rules.credential_name`). A
# segment is at most 48 characters: a 64-character key before a value is no name.
QUOTED_NAME_PREFIX = re.compile(
    r"""\\?["'](?P<name>[A-Za-z_][A-Za-z0-9_.\-]{0,47}(?::[A-Za-z_][A-Za-z0-9_.\-]{0,47}){0,4})\\?["']\s*,\s*\\?["']$"""
)

# A quoted key path as a mapping's key: .NET user secrets and appsettings flattened to one
# level (`"Jwt:Secret": "v"` beside `"Binance:ApiKey": "v"` in `secrets.json`): the
# sections say whose the value is, not the last segment alone.
QUOTED_KEY_PATH_PREFIX = re.compile(
    r"""\\?["'](?P<name>[A-Za-z_][A-Za-z0-9_.\-]{0,47}(?::[A-Za-z_][A-Za-z0-9_.\-]{0,47}){1,4})"""
    r"""\\?["']\s*(?:=>|:|=)\s*\\?["']$"""
)

# Kubernetes env entries put the name on the line before: `- name: X` / `  value: v`.
K8S_NAME_LINE = re.compile(
    r"""^\s*(?:-\s*)?name\s*:\s*["']?(?P<name>[A-Za-z_][A-Za-z0-9_.\-]{0,47})(?![A-Za-z0-9_.\-])"""
)

# An opening call whose positional arguments may be (api_key, api_secret):
# `Client("k", "s")`, `Spot('k', 's')`, `new ApiCredentials("k", "s")`,
# `Credentials::from_hmac("k", "s")`. Its callee is runs of these characters, each led by a
# letter or `_`, joined by `::` (Rust and C++ paths), then blanks, then the parenthesis;
# read backwards from the parenthesis (classify.callee_before): a regex tried from each
# position of a window of 64-character values cost 35 µs a value.
CALLEE_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_."
CALLEE_NOT_FIRST = "0123456789."
CALLEE_PATH_JOIN = "::"
QUOTED_TOKEN = re.compile(
    r"""\\?["'](?P<value>[A-Za-z0-9]{64})\\?["']"""
)

# Words in a variable name that say "not a credential": digests, ids, signatures, and
# Binance's listenKey (a user-data-stream handle, not a secret).
NOT_A_CREDENTIAL_WORDS = frozenset(
    {
        "hash", "sha", "sha1", "sha256", "sha512", "digest", "checksum", "integrity",
        "signature", "sig", "txid", "tx", "txn", "hex", "id", "uuid", "guid", "nonce",
        "listen", "listenkey", "commit", "etag", "fingerprint", "salt", "iv",
        # a private key's or an account's passphrase is no API key or secret
        # (`private_key_passphrase` in binance-connector-python's key-pair docs)
        "passphrase", "password", "passwd",
    }
)

# Placeholders people leave in sample configs; matched case-insensitively as substrings.
PLACEHOLDER_WORDS = (
    "example", "placeholder", "xxxxx", "changeme", "dummy", "sample", "redacted",
    "insert", "replace", "yourapi", "yoursecret", "yourkey", "apikeyhere", "secrethere",
    "fakekey", "fakesecret", "notarealkey", "testkey", "testsecret",
)

# Below this Shannon entropy (bits per character) a 64-character string is a pattern, not a
# random key: a random 64-character string over 62 symbols scores about 5.2.
MIN_ENTROPY = 4.3
