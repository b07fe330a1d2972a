"""Honour a detect-secrets baseline: what it records as known is not reported again.

detect-secrets matches a finding to a baseline entry by file name and the SHA-1 of the
secret (``hashed_secret``); so do we. The baseline's exclude-files / exclude-lines /
exclude-secrets regexes apply too, run on RE2 (safe_regex: linear time). The whole
baseline is checked first (validate: it may come from a pull request). A stale
path to our own plugin is a warning: detect-secrets itself silently scans nothing when a
custom plugin path no longer exists.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ...plugins.detection.findings import Finding
from .validate import BaselineError, validate

if TYPE_CHECKING:
    from .safe_regex import LinearPattern

__all__ = [
    "MAX_BASELINE_BYTES",
    "Baseline",
    "BaselineError",
    "hashed_secret",
    "load_baseline",
    "parse_baseline",
]


def hashed_secret(value: str) -> str:
    """detect-secrets' ``hashed_secret``: hex SHA-1 of the exact value."""
    return hashlib.sha1(value.encode("utf-8")).hexdigest()  # noqa: S324 - their format


@dataclass
class Baseline:
    known: set[tuple[str, str]] = field(default_factory=set)
    exclude: dict[str, list[LinearPattern]] = field(default_factory=dict)
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


def _read(path: str, checkout: str | None = None) -> Any:
    from ..bounded import ReadRefused, read_inside, read_regular_file

    if not os.path.lexists(path):
        raise BaselineError(
            f"baseline {path} not found; create one with `binance-secrets baseline --output {path}`"
        )
    try:
        if checkout is None:
            data = read_regular_file(path, MAX_BASELINE_BYTES)
        else:
            inside = os.path.relpath(os.path.abspath(path), os.path.abspath(checkout))
            data = read_inside(checkout, inside, MAX_BASELINE_BYTES)
        return json.loads(data.decode("utf-8"))
    except ReadRefused as error:
        raise BaselineError(f"baseline {path} {error}; give a detect-secrets baseline") from error
    except (ValueError, RecursionError) as error:
        raise BaselineError(f"baseline {path} is not readable JSON: {error}") from error


def load_baseline(
    path: str, for_detect_secrets: bool = False, checkout: str | None = None
) -> Baseline:
    """The baseline at ``path``, checked whole before use (validate: a wrong type,
    a foreign plugin file or an unsafe regex is a one-line BaselineError, not a crash).
    ``checkout``: the baseline came with that checkout, not from the user (the default
    ``.secrets.baseline``), so a symlink is followed only to a file inside it, as for the
    project config: a repository cannot make us read the machine's files."""
    return _baseline(_read(path, checkout), path, for_detect_secrets)


def parse_baseline(data: bytes, where: str) -> Baseline:
    """A baseline read from elsewhere than a file (a blob of a commit: ``where`` names it),
    checked whole as :func:`load_baseline` checks one."""
    try:
        document = json.loads(data.decode("utf-8"))
    except (ValueError, RecursionError) as error:
        raise BaselineError(f"baseline {where} is not readable JSON: {error}") from error
    return _baseline(document, where, False)


def _baseline(data: Any, path: str, for_detect_secrets: bool) -> Baseline:
    baseline = Baseline(exclude=validate(data, path, for_detect_secrets))
    for filename, entries in data["results"].items():
        for entry in entries:
            baseline.known.add((filename.replace(os.sep, "/"), entry["hashed_secret"].lower()))
    for plugin in data.get("plugins_used") or []:
        plugin_path = plugin.get("path", "")
        if plugin_path.startswith("file://") and not os.path.exists(plugin_path[7:]):
            baseline.warnings.append(
                f"baseline {path}: plugin {plugin.get('name')} points at {plugin_path[7:]}, "
                "which does not exist; plain detect-secrets would scan nothing with it. "
                "Run `binance-secrets baseline` to make its plugin reference portable."
            )
    return baseline
