"""Recover a whole PEM private key from the lines around its BEGIN header.

Detectors see a line at a time; checking a key needs the whole block. PEM keys appear either
as real lines or inside one string with escaped newlines (``"-----BEGIN...\\n...\\n-----END..."``
in .env files, JSON and notebooks); both are handled.
"""

from __future__ import annotations

from collections.abc import Sequence

from binance_secrets.plugins.patterns import PEM_BEGIN, PEM_END

# An RSA-4096 PKCS#8 PEM is about 52 lines; anything longer is not one block.
MAX_PEM_LINES = 80


def _clean(line: str) -> str:
    """Strip quoting, indentation and YAML/JSON decoration around a PEM line."""
    text = line.strip().strip(",").replace('\\"', "").replace("\\n", "")
    return text.strip().strip("\"'").strip()


def extract_pem_block(lines: Sequence[str], start: int) -> str | None:
    """The normalised PEM text beginning on ``lines[start]``, or None if it is incomplete."""
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
        cleaned = _clean(line)
        if cleaned:
            body.append(cleaned)
    return None
