"""Honour a detect-secrets baseline: what it records as known is not reported again.

detect-secrets matches a finding to a baseline entry by file name and the SHA-1 of the
secret (``hashed_secret``); so do we. The baseline's exclude-files / exclude-lines /
exclude-secrets regexes apply too. Its ``plugins_used`` paths are checked: detect-secrets
itself silently scans nothing when a custom plugin path no longer exists.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass, field

from binance_secrets.plugins.detection.findings import Finding

_REGEX_FILTERS = {
    "detect_secrets.filters.regex.should_exclude_file": "files",
    "detect_secrets.filters.regex.should_exclude_line": "lines",
    "detect_secrets.filters.regex.should_exclude_secret": "secrets",
}


class BaselineError(Exception):
    """The baseline file is missing or not a detect-secrets baseline."""


def hashed_secret(value: str) -> str:
    """detect-secrets' ``hashed_secret``: hex SHA-1 of the exact value."""
    return hashlib.sha1(value.encode("utf-8")).hexdigest()  # noqa: S324 - their format


@dataclass
class Baseline:
    known: set[tuple[str, str]] = field(default_factory=set)
    exclude: dict[str, list[re.Pattern[str]]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def excludes_file(self, path: str) -> bool:
        return any(p.search(path) for p in self.exclude.get("files", []))

    def excludes_line(self, _path: str, line: str) -> bool:
        return any(p.search(line) for p in self.exclude.get("lines", []))

    def accepts(self, finding: Finding) -> bool:
        """True when the baseline already records this value in this file."""
        if (finding.path, hashed_secret(finding.value)) in self.known:
            return True
        return any(p.search(finding.value) for p in self.exclude.get("secrets", []))


# A baseline lists hashes and a few regexes; 64 MiB is far beyond any real one, and refuses
# /dev/zero or a runaway file before memory runs out.
MAX_BASELINE_BYTES = 64 * 1024 * 1024


def _read(path: str) -> object:
    from binance_secrets.hooks.scanning.bounded import ReadRefused, read_regular_file

    if not os.path.lexists(path):
        raise BaselineError(
            f"baseline {path} not found; create one with `binance-secrets baseline --output {path}`"
        )
    try:
        return json.loads(read_regular_file(path, MAX_BASELINE_BYTES).decode("utf-8"))
    except ReadRefused as error:
        raise BaselineError(f"baseline {path} {error}; give a detect-secrets baseline") from error
    except (ValueError, RecursionError) as error:
        raise BaselineError(f"baseline {path} is not readable JSON: {error}") from error


def _list(data: dict, key: str, path: str) -> list:
    value = data.get(key) or []
    if not isinstance(value, list):
        raise BaselineError(
            f"baseline {path}: `{key}` is not a list; is it a detect-secrets baseline?"
        )
    return value


def load_baseline(path: str) -> Baseline:
    """The baseline at ``path``, every field checked for type (a baseline may come from a
    pull request: a wrong type or a bad regex is a one-line error, not a crash)."""
    data = _read(path)
    if not isinstance(data, dict) or not isinstance(data.get("results", {}), dict):
        raise BaselineError(
            f"baseline {path} has no `results` object; is it a detect-secrets baseline?"
        )
    baseline = Baseline()
    for filename, entries in data.get("results", {}).items():
        for entry in entries if isinstance(entries, list) else []:
            if isinstance(entry, dict) and isinstance(entry.get("hashed_secret"), str):
                baseline.known.add((filename.replace(os.sep, "/"), entry["hashed_secret"]))
    for item in _list(data, "filters_used", path):
        kind = _REGEX_FILTERS.get(item.get("path", "")) if isinstance(item, dict) else None
        if kind:
            patterns = item.get("pattern", [])
            patterns = [patterns] if isinstance(patterns, str) else patterns
            if not isinstance(patterns, list) or not all(isinstance(p, str) for p in patterns):
                raise BaselineError(f"baseline {path}: a `pattern` of {item['path']} is not text")
            try:
                baseline.exclude.setdefault(kind, []).extend(re.compile(p) for p in patterns)
            except re.error as error:
                raise BaselineError(
                    f"baseline {path}: bad regex in {item['path']}: {error}; fix the pattern"
                ) from error
    for plugin in _list(data, "plugins_used", path):
        plugin_path = plugin.get("path", "") if isinstance(plugin, dict) else ""
        if (
            isinstance(plugin_path, str)
            and plugin_path.startswith("file://")
            and not os.path.exists(plugin_path[7:])
        ):
            baseline.warnings.append(
                f"baseline {path}: plugin {plugin.get('name')} points at {plugin_path[7:]}, "
                "which does not exist; plain detect-secrets would scan nothing with it. "
                "Run `binance-secrets baseline` to make its plugin reference portable."
            )
    return baseline
