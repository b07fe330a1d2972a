"""Does the file a line comes from say "binance" anywhere?

A generic ``api_key = "..."`` deep in a script is Binance's when the script imports
``binance.client`` at its top, far outside the few lines detect-secrets hands a plugin. The
engine registers the text it is scanning (which may be staged content or a git blob, not
what is on disk); plain detect-secrets runs fall back to reading the file by its name.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache

from binance_secrets.plugins.detection.patterns import BINANCE_WORD

# Files larger than this are not read just to look for a word.
MAX_CONTEXT_BYTES = 4 * 1024 * 1024

_registered: dict[str, bool] = {}


@contextmanager
def scanning(path: str, text: str) -> Iterator[None]:
    """Make ``file_says_binance(path)`` answer from ``text`` while the block runs."""
    _registered[path] = bool(BINANCE_WORD.search(path) or BINANCE_WORD.search(text))
    try:
        yield
    finally:
        _registered.pop(path, None)


def file_says_binance(path: str) -> bool:
    if path in _registered:
        return _registered[path]
    return _read_says_binance(path)


@lru_cache(maxsize=512)
def _read_says_binance(path: str) -> bool:
    if BINANCE_WORD.search(path):
        return True
    try:
        if os.path.getsize(path) > MAX_CONTEXT_BYTES:
            return False
        with open(path, encoding="utf-8", errors="replace") as handle:
            return bool(BINANCE_WORD.search(handle.read()))
    except OSError:
        return False
