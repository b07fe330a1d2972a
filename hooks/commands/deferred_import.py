"""Defer ``import requests`` while scanning: the hook must not pay for an HTTP stack.

detect-secrets' plugin base class imports requests at module level, for ``verify()``,
which a scan never calls (our plugins' ``find()`` does not verify; ``--verify`` does not
use this). Importing requests (urllib3, http.client, ssl, charset detection,
importlib.metadata) took almost half of a one-file pre-commit run on a file with a
key-shaped value (docs/performance.md). importlib's LazyLoader does not help: on Python
3.11 a second ``import requests`` reads ``__spec__``, which loads the module.
"""

from __future__ import annotations

import contextlib
import importlib
import sys
import types
from collections.abc import Iterator
from typing import Any


class _Deferred(types.ModuleType):
    """Stands in for a module in ``sys.modules``; the first attribute use imports it."""

    def _real(self) -> types.ModuleType:
        real = self.__dict__.get("_deferred_module")
        if real is None:
            if sys.modules.get(self.__name__) is self:
                del sys.modules[self.__name__]
            real = importlib.import_module(self.__name__)
            self.__dict__["_deferred_module"] = real
        return real

    def __getattr__(self, attribute: str) -> Any:
        return getattr(self._real(), attribute)

    def __setattr__(self, attribute: str, value: Any) -> None:
        setattr(self._real(), attribute, value)


@contextlib.contextmanager
def requests_deferred() -> Iterator[None]:
    """While scanning, ``import requests`` returns a stand-in that imports it on first use.

    detect-secrets' plugin base class imports requests at module level, for ``verify()``,
    which a scan never calls (our plugins' ``find()`` does not verify; ``--verify`` does
    not use this). Importing requests (urllib3, http.client, ssl, charset detection,
    importlib.metadata) took almost half of a one-file pre-commit run on a file with a
    key-shaped value. (importlib's LazyLoader does not help: on Python 3.11 a second
    ``import requests`` reads ``__spec__``, which loads the module.)
    Afterwards the stand-in leaves ``sys.modules``, so later imports get the real module;
    detect-secrets keeps the stand-in, which forwards every attribute to the real one.
    """
    if "requests" in sys.modules:
        yield
        return
    stand_in = _Deferred("requests")
    sys.modules["requests"] = stand_in
    try:
        yield
    finally:
        if sys.modules.get("requests") is stand_in:
            del sys.modules["requests"]
