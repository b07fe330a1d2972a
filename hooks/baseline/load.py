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
    "Accepted",
    "Baseline",
    "BaselineError",
    "hashed_secret",
    "load_baseline",
    "parse_baseline",
]


def hashed_secret(value: str) -> str:
    """detect-secrets' ``hashed_secret``: hex SHA-1 of the exact value."""
    return hashlib.sha1(value.encode("utf-8")).hexdigest()  # noqa: S324 - their format


@dataclass(frozen=True)
class Accepted:
    """Why a baseline accepts a value: ``reason`` in words (what the baseline says about it),
    ``path`` the file its entry is for (None: a regex that accepts the value anywhere)."""

    reason: str
    path: str | None


def _audit_text(is_secret: bool | None) -> str:
    """An entry's ``is_secret``: null until `audit` labels it."""
    return "audited as not a secret (is_secret: false)" if is_secret is False else "not audited"


@dataclass
class Baseline:
    # (file, hashed_secret) -> is_secret of its entry (None: not audited). A value the
    # baseline says is a real secret (is_secret or is_verified true) is kept apart in
    # ``real``: it is never accepted, as if it were not recorded at all.
    known: dict[tuple[str, str], bool | None] = field(default_factory=dict)
    real: set[tuple[str, str]] = field(default_factory=set)
    exclude: dict[str, list[LinearPattern]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    # The baseline's name as reports show it (``ignored_by``'s ``source``).
    source: str = ""

    def excludes_file(self, path: str) -> bool:
        return any(p.search(path) for p in self.exclude.get("files", []))

    def excludes_line(self, _path: str, line: str) -> bool:
        return any(p.search(line) for p in self.exclude.get("lines", []))

    def acceptance(self, finding: Finding, path: str = "") -> Accepted | None:
        """Why the baseline accepts this value in this file, or None. detect-secrets'
        own hook accepts every recorded value, even one its audit called a real secret;
        here such a value fails like an unrecorded one. ``path``: where a sweep found the
        value (the baseline's exclude-files regexes apply to it; a scan never reads such
        a file)."""
        recorded = (finding.path, hashed_secret(finding.value))
        if recorded in self.real:
            return None
        if recorded in self.known:
            audit = _audit_text(self.known[recorded])
            return Accepted(f"recorded in the baseline, {audit}", finding.path)
        if any(p.search(finding.value) for p in self.exclude.get("secrets", [])):
            return Accepted("matches the baseline's exclude-secrets regex", None)
        if path and self.excludes_file(path):
            return Accepted("in a file the baseline's exclude-files regex matches", path)
        return None

    def accepts(self, finding: Finding) -> bool:
        """True when the baseline accepts this value in this file (``acceptance``)."""
        return self.acceptance(finding) is not None


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
    path: str,
    for_detect_secrets: bool = False,
    checkout: str | None = None,
    name: str | None = None,
) -> Baseline:
    """The baseline at ``path``, checked whole before use (validate: a wrong type,
    a foreign plugin file or an unsafe regex is a one-line BaselineError, not a crash).
    ``checkout``: the baseline came with that checkout, not from the user (the default
    ``.secrets.baseline``), so a symlink is followed only to a file inside it, as for the
    project config: a repository cannot make us read the machine's files. ``name``: the
    baseline's name in reports (default: ``path``)."""
    return _baseline(_read(path, checkout), path, for_detect_secrets, name)


def parse_baseline(data: bytes, where: str) -> Baseline:
    """A baseline read from elsewhere than a file (a blob of a commit: ``where`` names it,
    in errors and reports), checked whole as :func:`load_baseline` checks one."""
    try:
        document = json.loads(data.decode("utf-8"))
    except (ValueError, RecursionError) as error:
        raise BaselineError(f"baseline {where} is not readable JSON: {error}") from error
    return _baseline(document, where, False)


def _baseline(data: Any, path: str, for_detect_secrets: bool, name: str | None = None) -> Baseline:
    baseline = Baseline(exclude=validate(data, path, for_detect_secrets), source=name or path)
    for filename, entries in data["results"].items():
        for entry in entries:
            recorded = (filename.replace(os.sep, "/"), entry["hashed_secret"].lower())
            if entry.get("is_secret") is True or entry.get("is_verified") is True:
                baseline.real.add(recorded)
            elif baseline.known.get(recorded) is not False:
                baseline.known[recorded] = entry.get("is_secret")
    for plugin in data.get("plugins_used") or []:
        plugin_path = plugin.get("path", "")
        if plugin_path.startswith("file://") and not os.path.exists(plugin_path[7:]):
            baseline.warnings.append(
                f"baseline {path}: plugin {plugin.get('name')} points at {plugin_path[7:]}, "
                "which does not exist; plain detect-secrets would scan nothing with it. "
                "Run `binance-secrets baseline` to make its plugin reference portable."
            )
    return baseline
