"""JSON in and out of `merge`: orjson where its answer is provably the standard library's.

Parsing a report and writing its findings back as compact JSON lines were most of a
merge's CPU with the standard library (docs/performance.md, "merge"). orjson does both
several times faster, but it does not read every text as ``json.loads`` does: it refuses
``NaN``, ``Infinity``, ``1e400``, lone surrogates (``"\\ud800"``, which a sweep of a file
name that is not UTF-8 writes) and nesting deeper than 1,024; it reads an integer beyond
64 bits as a float; and it writes non-ASCII text as UTF-8, DEL unescaped and some floats
in another form (``0.00001`` for ``1e-05``). So there is one behaviour, the standard
library's, and orjson is only a way to reach it faster:

- a text orjson refuses is read by ``json.loads``, which accepts or refuses it as before;
- what orjson read is used only when the report is accepted whole, every value the merge
  drops (an unknown field) is a scalar, and no value it keeps is a float: then orjson
  read exactly what ``json.loads`` reads (an integer beyond 64 bits became a float; a
  value nested deeper than the standard library reads is a container);
  :func:`binance_secrets.hooks.scanning.merge.prepare_file` reads it again with
  ``json.loads`` otherwise;
- a finding's line is orjson's when that is ASCII (DEL escaped as ``\\u007f``, the one
  ASCII character the two write differently), and the standard library's otherwise.

tests/test_merge_json.py holds both to the standard library: every ASCII character,
random texts and values, and the cases above.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Container, Iterable, Sequence
from typing import Any

import orjson

# Compact JSON, as json.dumps(separators=(",", ":")) writes it (ASCII only, so a line
# holds no newline), without building an encoder for every finding.
_ENCODER = json.JSONEncoder(separators=(",", ":"))


def _line_encoder() -> Callable[[Any], str]:
    """The standard library's C encoder made once and called with each finding (what
    ``JSONEncoder.encode`` does inside, less its set-up); ``JSONEncoder.encode`` itself
    where the C encoder is missing or takes other arguments. No circular check: the
    findings come from a JSON parser."""
    make = getattr(json.encoder, "c_make_encoder", None)
    if make is None:
        return _ENCODER.encode
    try:
        encode = make(
            None, _ENCODER.default, json.encoder.encode_basestring_ascii, None, ":", ",",
            False, False, True,
        )  # fmt: skip
        sample = {"a": [1, None, "\n", 0.5]}
        if "".join(encode(sample, 0)) != _ENCODER.encode(sample):
            return _ENCODER.encode
    except TypeError:
        return _ENCODER.encode
    return lambda value: "".join(encode(value, 0))


# The standard library's compact line of a value (str).
encode = _line_encoder()

# A number with a fraction or an exponent in orjson's compact output: after ":", "," or
# "[" (a string holding such text, as a digest "sha256:4e..." does, only sends the report
# the standard library's way).
_FLOAT = re.compile(rb"[:,\[]-?[0-9]+[.eE]")
_SCALARS = frozenset((str, int, bool, type(None)))


def loads(raw: bytes) -> Any:
    """orjson's reading of ``raw``, or None when orjson refuses it (then ``json.loads``
    decides: it may still accept it)."""
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError:
        return None


def scalars(values: Iterable[Any]) -> bool:
    """Whether every value is a string, integer, true/false or null: a value the merge
    drops may be read by orjson only when it is one of these (a dropped container could
    be nested deeper than the standard library reads)."""
    return set(map(type, values)) <= _SCALARS


def drops_only_scalars(item: dict[str, Any], kept: Container[str]) -> bool:
    """Whether every field of ``item`` not in ``kept`` holds a scalar (:func:`scalars`)."""
    return scalars(value for name, value in item.items() if name not in kept)


def float_free(values: Sequence[Any]) -> bool:
    """Whether no float is anywhere in ``values`` (containers orjson read): the values the
    merge copies as they are. False too when orjson cannot write them (nested deeper than
    it writes)."""
    try:
        return not _FLOAT.search(orjson.dumps(values))
    except orjson.JSONEncodeError:
        return False


def lines(findings: Sequence[dict[str, Any]]) -> list[bytes] | None:
    """Each finding's compact JSON line, as :data:`encode` writes it (findings orjson read,
    holding no float); None when orjson cannot write one (too deep)."""
    try:
        # Copied to bytes of their own size: orjson's own keep the whole buffer it wrote
        # them in (several kilobytes each), and a report's would hold eight times its size.
        written = [bytes(memoryview(orjson.dumps(finding))) for finding in findings]
    except orjson.JSONEncodeError:
        return None
    joined = b"".join(written)
    if joined.isascii() and b"\x7f" not in joined:
        return written
    for number, line in enumerate(written):
        if not line.isascii():
            written[number] = encode(findings[number]).encode()
        elif b"\x7f" in line:
            written[number] = line.replace(b"\x7f", b"\\u007f")
    return written
