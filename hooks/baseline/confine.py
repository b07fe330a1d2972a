"""Run detect-secrets in our process so that it imports no code and runs no regex unbounded.

validate refuses every baseline that names foreign code; this is the second wall,
for what validation cannot see. The plugin shim a baseline legitimately names
(``.binance_secrets_plugins.py``) is a file in the repository, which a pull request can
change: detect-secrets would import it. Inside :func:`confined`:

- detect-secrets' file import (``import_file_as_module``: custom plugins, ``file://``
  filters, old ``custom_plugin_paths``) gives our installed detector module for our shim or
  detector file name and refuses every other file, without reading it;
- its filter-module import (``import_module``) only reaches ``detect_secrets.*`` modules;
- its regex filters and KeywordDetector's ``keyword_exclude`` compile on RE2.

The patches are undone on exit; nothing else in the process sees them.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from importlib import import_module
from types import ModuleType
from typing import Any

from .safe_regex import LinearRe, UnsafePattern
from .validate import (
    DETECTOR_FILE,
    SHIM_NAME,
    BaselineError,
)


class ForeignCode(BaselineError):
    """detect-secrets was about to import code that is not binance-secrets' own."""


def _file_import(our_plugins: ModuleType) -> Any:
    """detect-secrets' ``import_file_as_module``, answering with the installed module."""

    def import_file_as_module(filename: str, name: str | None = None) -> ModuleType:
        if os.path.basename(filename) in (SHIM_NAME, DETECTOR_FILE):
            return our_plugins
        raise ForeignCode(
            f"the baseline makes detect-secrets import {filename}; binance-secrets runs no "
            "python file but its own: remove that entry from the baseline"
        )

    return import_file_as_module


def _detect_secrets_modules(module_path: str, package: str | None = None) -> ModuleType:
    if module_path == "detect_secrets" or module_path.startswith("detect_secrets."):
        return import_module(module_path, package)
    raise ForeignCode(
        f"the baseline makes detect-secrets import module {module_path}; only detect-secrets' "
        "own filters are allowed: remove that entry from the baseline"
    )


def _patches(our_plugins: ModuleType) -> list[tuple[Any, str, Any]]:
    """(object, attribute, stand-in) for every place detect-secrets 1.5 reaches for them."""
    import detect_secrets.core.plugins.util as plugin_util
    import detect_secrets.filters.regex as regex_filters
    import detect_secrets.plugins.keyword as keyword
    import detect_secrets.settings as settings

    linear, file_import = LinearRe(), _file_import(our_plugins)
    return [
        (settings, "import_file_as_module", file_import),
        (plugin_util, "import_file_as_module", file_import),
        (settings, "import_module", _detect_secrets_modules),
        (regex_filters, "re", linear),
        (keyword, "re", linear),
    ]


@contextlib.contextmanager
def confined(our_plugins: ModuleType) -> Iterator[None]:
    """detect-secrets, for the duration, as the module docstring says; ``our_plugins`` is
    the installed detector module (plugins/binance_detector.py, handed down by the command:
    this layer does not import plugins/). An unsafe regex that reaches detect-secrets anyway
    is a BaselineError (one line), not a traceback."""
    patches = _patches(our_plugins)
    saved = [(owner, name, getattr(owner, name)) for owner, name, _ in patches]
    for owner, name, stand_in in patches:
        setattr(owner, name, stand_in)
    _forget_compiled_patterns()
    try:
        yield
    except UnsafePattern as error:
        raise BaselineError(f"a pattern in the baseline {error}; rewrite it") from error
    finally:
        for owner, name, original in saved:
            setattr(owner, name, original)
        _forget_compiled_patterns()


def _forget_compiled_patterns() -> None:
    """detect-secrets caches each filter's compiled patterns (lru_cache): none compiled by
    the other engine may be used on either side of the patch."""
    import detect_secrets.filters.regex as regex_filters

    for kind in ("file", "line", "secret"):
        getattr(regex_filters, f"_get_{kind}_exclusion_regex").cache_clear()
