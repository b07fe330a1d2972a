"""What a line's file and project say about Binance, beyond the line and its neighbours.

A generic ``api_key = "..."`` deep in a script is Binance's when the script imports
``binance.client`` at its top, far outside the few lines detect-secrets hands a plugin; a
``.env`` is Binance's when its project's code uses Binance (:mod:`project_context`). The
engine registers the text it is scanning (which may be staged content or a git blob, not
what is on disk) and the project it belongs to; plain detect-secrets runs fall back to
reading the file by its name, without project context. The same registration answers
whether the file says testnet (what lets a futures testnet key's hex shape be a candidate).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache

from .environment import says_testnet
from .other_services import says_binance_beyond_lists
from .patterns import BINANCE_WORD
from .project_context import NO_PROJECT, ProjectContext
from .sql_exchanges import exchange_ids, table_columns

# Files larger than this are not read just to look for a word.
MAX_CONTEXT_BYTES = 4 * 1024 * 1024

# Per thread: sweep scans commits on several threads, and two may scan the same path.
_local = threading.local()


class _Registered:
    """What the engine registered for a path; ``testnet`` is worked out on first ask (only a
    lowercase-hex value asks, so most files never pay for the question)."""

    def __init__(self, said: bool, project: ProjectContext, text: str, whole: str) -> None:
        self.said = said
        self.project = project
        # The text, kept for questions about the whole file (:func:`file_text`).
        self.text = text
        self._text: str | None = text
        self._testnet = False
        self._whole = whole
        self._exchange_ids: dict[str, str] | None = None
        self._tables: dict[str, tuple[str, ...]] = {}

    def _read_sql(self) -> None:
        """Both SQL facts at the first ask of either, then the text is let go."""
        whole = self._whole
        lowered = whole.lower()
        self._exchange_ids = exchange_ids(whole) if "insert" in lowered else {}
        self._tables = table_columns(whole) if "create" in lowered else {}
        self._whole = ""

    def sql_exchange_ids(self) -> dict[str, str]:
        if self._exchange_ids is None:
            self._read_sql()
        return self._exchange_ids or {}

    def sql_tables(self) -> dict[str, tuple[str, ...]]:
        if self._exchange_ids is None:
            self._read_sql()
        return self._tables

    def says_testnet(self) -> bool:
        if self._text is not None:
            self._testnet, self._text = says_testnet(self._text), None
        return self._testnet


def _registry() -> dict[str, _Registered]:
    registry = getattr(_local, "registry", None)
    if registry is None:
        registry = _local.registry = {}
    return registry


@contextmanager
def scanning(
    path: str, text: str, project: ProjectContext = NO_PROJECT, whole: str | None = None
) -> Iterator[None]:
    """Make ``file_says_binance(path)`` answer from ``text`` and ``project_of(path)`` return
    ``project`` while the block runs (and ``file_says_testnet(path)`` answer from ``text``).
    ``path`` is relative to the project's top: a directory above it (where the scan happened
    to start) is no context. ``whole`` (default ``text``) is the file's whole text, for the
    SQL facts (a dump's `CREATE TABLE` columns) that do not depend on it saying Binance."""
    said = bool(BINANCE_WORD.search(path) or BINANCE_WORD.search(text))
    registry = _registry()
    registry[path] = _Registered(said, project, text, text if whole is None else whole)
    scanned = _scanned()
    scanned.append(path)
    try:
        yield
    finally:
        registry.pop(path, None)
        scanned.pop()


def _scanned() -> list[str]:
    """The paths being scanned on this thread, innermost last."""
    scanned = getattr(_local, "scanned", None)
    if scanned is None:
        scanned = _local.scanned = []
    return scanned


def scanned_sql_exchange_ids() -> dict[str, str]:
    """The exchanges table ids of the SQL file being scanned (:mod:`.sql_exchanges`), or
    none when no file is (plain detect-secrets)."""
    scanned = _scanned()
    registered = _registry().get(scanned[-1]) if scanned else None
    return registered.sql_exchange_ids() if registered is not None else {}


def scanned_sql_tables() -> dict[str, tuple[str, ...]]:
    """The columns of the tables the SQL file being scanned creates
    (:func:`.sql_exchanges.table_columns`), or none when no file is (plain detect-secrets)."""
    scanned = _scanned()
    registered = _registry().get(scanned[-1]) if scanned else None
    return registered.sql_tables() if registered is not None else {}


def scanned_entity_columns(table: str) -> tuple[str, ...] | None:
    """The columns the project's entity named for ``table`` declares
    (:meth:`ProjectContext.entity_columns`), for the SQL file being scanned; None when no
    file is, or the project has no such entity."""
    scanned = _scanned()
    registered = _registry().get(scanned[-1]) if scanned else None
    return registered.project.entity_columns(table) if registered is not None else None


def file_says_binance(path: str) -> bool:
    registered = _registry().get(path)
    if registered is not None:
        return registered.said
    return _read_says_binance(path)


def file_says_testnet(path: str) -> bool:
    """Whether the file has a testnet host, flag or name anywhere."""
    registered = _registry().get(path)
    if registered is not None:
        return registered.says_testnet()
    return _read_says_testnet(path)


def file_text(path: str) -> str:
    """The text of the file at ``path`` that says Binance, for a question about the whole
    file (the names it sets), or "" (a file that does not say Binance, or one too large or
    unreadable)."""
    registered = _registry().get(path)
    if registered is not None:
        return registered.text
    return (_read_text(path) or "") if _read_says_binance(path) else ""


def project_of(path: str) -> ProjectContext:
    registered = _registry().get(path)
    return registered.project if registered else NO_PROJECT


def context_path(path: str) -> str:
    """The part of ``path`` that may give context: as registered by the engine, or (plain
    detect-secrets, which passes paths as typed) the path below the git work tree holding
    it, or outside git the file name alone. A parent directory named `binance-bot` that a
    scan happened to start from is no context."""
    if path in _registry():
        return path
    return _below_top(path)


@lru_cache(maxsize=512)
def _below_top(path: str) -> str:
    absolute = os.path.abspath(path)
    directory = os.path.dirname(absolute)
    for _ in range(64):
        if os.path.exists(os.path.join(directory, ".git")):
            return os.path.relpath(absolute, directory).replace(os.sep, "/")
        parent = os.path.dirname(directory)
        if parent == directory:
            break
        directory = parent
    return os.path.basename(absolute)


@lru_cache(maxsize=512)
def _read_says_binance(path: str) -> bool:
    if BINANCE_WORD.search(_below_top(path)):
        return True
    text = _read_text(path)
    return text is not None and says_binance_beyond_lists(text)


@lru_cache(maxsize=512)
def _read_says_testnet(path: str) -> bool:
    text = _read_text(path)
    return text is not None and says_testnet(text)


@lru_cache(maxsize=4)
def file_lines(path: str) -> tuple[str, ...] | None:
    """The lines of the file at ``path`` as plain detect-secrets passes it (None if
    unreadable or too large): what a plugin's ``find()`` reads when a private key's block
    runs past the few lines of context detect-secrets gives it."""
    text = _read_text(path)
    return None if text is None else tuple(text.splitlines())


@lru_cache(maxsize=4)
def _read_text(path: str) -> str | None:
    """The file's text for a context question, or None if unreadable or too large. Read
    once for the questions a plain detect-secrets run asks of one file line by line
    (whether it says Binance or testnet, its lines, its text)."""
    try:
        if os.path.getsize(path) > MAX_CONTEXT_BYTES:
            return None
        with open(path, encoding="utf-8", errors="replace") as handle:
            return handle.read()
    except OSError:
        return None
