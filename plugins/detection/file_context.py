"""What a line's file and project say about Binance, beyond the line and its neighbours.

A generic ``api_key = "..."`` deep in a script is Binance's when the script imports
``binance.client`` at its top, far outside the few lines detect-secrets hands a plugin; a
``.env`` is Binance's when its project's code uses Binance (:mod:`project_context`). The
engine registers the text it is scanning (which may be staged content or a git blob, not
what is on disk) and the project it belongs to; plain detect-secrets runs fall back to
reading the file by its name, without project context.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache

from binance_secrets.plugins.detection.patterns import BINANCE_WORD
from binance_secrets.plugins.detection.project_context import NO_PROJECT, ProjectContext

# Files larger than this are not read just to look for a word.
MAX_CONTEXT_BYTES = 4 * 1024 * 1024

# Per thread: sweep scans commits on several threads, and two may scan the same path.
_local = threading.local()


def _registry() -> dict[str, tuple[bool, ProjectContext]]:
    registry = getattr(_local, "registry", None)
    if registry is None:
        registry = _local.registry = {}
    return registry


@contextmanager
def scanning(path: str, text: str, project: ProjectContext = NO_PROJECT) -> Iterator[None]:
    """Make ``file_says_binance(path)`` answer from ``text`` and ``project_of(path)`` return
    ``project`` while the block runs. ``path`` is relative to the project's top: a directory
    above it (where the scan happened to start) is no context."""
    said = bool(BINANCE_WORD.search(path) or BINANCE_WORD.search(text))
    registry = _registry()
    registry[path] = (said, project)
    try:
        yield
    finally:
        registry.pop(path, None)


def file_says_binance(path: str) -> bool:
    registered = _registry().get(path)
    if registered is not None:
        return registered[0]
    return _read_says_binance(path)


def project_of(path: str) -> ProjectContext:
    registered = _registry().get(path)
    return registered[1] if registered else NO_PROJECT


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
