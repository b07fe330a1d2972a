"""What a scan or sweep report's finding may hold, checked field by field.

A report handed to `merge` is hostile input (an artifact of another CI job, a file from an
attachment): every field that is copied into the merged report is checked here for type,
shape and size, and any field this module does not know is left out. The fields that
decide what is read later (path, commit, fingerprints) are checked by
:func:`binance_secrets.hooks.scanning.credentials.finding_problem`, the same rule `check
--report` applies.
"""

from __future__ import annotations

import re
from typing import Any, Callable

from ...plugins.detection.environment import ENVIRONMENTS
from ...plugins.detection.redaction import redact_url_credentials
from ..git.repo import is_object_id

MAX_TEXT = 4096
# The paths a sweep reports a value found in a commit's or an annotated tag's message at
# (with ``in_message``; a tag's also names the tag).
MESSAGE_PATH = "(commit message)"
TAG_PATH = "(tag message)"
MAX_LIST = 10_000

# A repository as a report names it: an absolute path, or the URL it was cloned from.
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")
_URL = re.compile(_SCHEME.pattern + r"[^\s]+")
_SCP_LIKE = re.compile(r"[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:[^\s]+")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def is_repository(value: object) -> bool:
    """An absolute path, a ``scheme://`` URL or a ``user@host:path`` address, at most
    4096 characters, without control characters."""
    if not isinstance(value, str) or not 0 < len(value) <= MAX_TEXT or _CONTROL.search(value):
        return False
    return value.startswith("/") or bool(_URL.fullmatch(value) or _SCP_LIKE.fullmatch(value))


def without_password(url: str) -> str:
    """A clone URL as a report may show it: its credentials masked
    (``https://***@host/org/repo``; :func:`redact_url_credentials`, the one rule for every
    output); an absolute path or ``user@host:path`` is kept as it is."""
    return redact_url_credentials(url) if _SCHEME.match(url) else url


def _text(value: object) -> bool:
    return isinstance(value, str) and len(value) <= MAX_TEXT


def _bool(value: object) -> bool:
    return isinstance(value, bool)


def _count(value: object) -> bool:
    return type(value) is int and 0 <= value <= 10**12


def _texts(value: object) -> bool:
    return (
        isinstance(value, list)
        and len(value) <= MAX_LIST
        and all(isinstance(item, str) and len(item) <= MAX_TEXT for item in value)
    )


def steps(value: object) -> bool:
    """A sweep's clean-up sequence: a few texts."""
    return isinstance(value, list) and len(value) <= 64 and all(map(_text, value))


def _also(value: object) -> bool:
    """A sweep finding's other commits that added the same value."""
    return (
        isinstance(value, list)
        and len(value) <= MAX_LIST
        and all(
            isinstance(item, dict)
            and set(item) <= {"commit", "path", "line", "in_message", "tag"}
            and is_object_id(item.get("commit"))
            and _text(item.get("path"))
            and type(item.get("line")) is int
            and _bool(item.get("in_message", False))
            and _text(item.get("tag", ""))
            for item in value
        )
    )


def _cleanup(value: object) -> bool:
    return (
        isinstance(value, list)
        and len(value) <= 64
        and all(
            isinstance(item, dict)
            and _text(item.get("place"))
            and _texts(item.get("names", []))
            and _text(item.get("step"))
            and set(item) <= {"place", "names", "step"}
            for item in value
        )
    )


def _object(value: object) -> bool:
    """Any JSON object: a field copied as it is."""
    return isinstance(value, dict)


# The optional fields of a scan or sweep finding (README "JSON report", "Sweep JSON"),
# beyond those finding_problem checks; each with its check.
OPTIONAL: dict[str, Callable[[object], bool]] = {
    "column": _count,
    "environment": lambda value: value in ENVIRONMENTS,
    "binance_signal": _text,
    "author": _text,
    "date": _text,
    "committer_date": _text,
    "subject": _text,
    "tag": _text,
    "in_head": _bool,
    "head_paths": _texts,
    "refs": _texts,
    "pushed": _bool,
    "unreachable": _bool,
    "found_in": _text,
    "also": _also,
    # Only ever copied, never read: its size is bounded with the whole finding's.
    "lives_in": _object,
    "cleanup": _cleanup,
    "repository": is_repository,
    # .binance-secrets.toml: the entry that ignored a value (report's ``ignored``), or
    # that no longer does (``ignore_expired``): copied as they are.
    "ignored_by": _object,
    "ignore_expired": _object,
    # A sweep finding's history of the value (when it was added, pushed, removed) and
    # whether it reached a remote: copied as they are.
    "timeline": _object,
    "pushed_status": _text,
    "clone": lambda value: isinstance(value, str) and value.startswith("/") and _text(value),
}
# The fields copied as they are, whatever they hold.
COPIED_OBJECTS = tuple(name for name, valid in OPTIONAL.items() if valid is _object)
CHECKED = (
    "type", "path", "line", "fingerprint", "pair", "commit", "example", "in_message",
    "redacted", "path_fingerprint",
)  # fmt: skip


def optional_problem(finding: dict[str, Any]) -> str | None:
    """What is wrong with one of the finding's optional fields, or None."""
    for name, valid in OPTIONAL.items():
        if name in finding and not valid(finding[name]):
            return f"a finding's {name} is not what a binance-secrets report holds"
    return None


def known_fields(finding: dict[str, Any]) -> dict[str, Any]:
    """The finding with only the fields a report defines (the rest is left out)."""
    return {name: value for name, value in finding.items() if name in OPTIONAL or name in CHECKED}


def skipped_problem(item: object) -> str | None:
    if not isinstance(item, dict) or not _text(item.get("path")) or not _text(item.get("reason")):
        return "a skipped entry is not {path, reason}"
    if "repository" in item and not is_repository(item["repository"]):
        return "a skipped entry's repository is not a path or URL"
    return None


def repository_entry_problem(item: object) -> str | None:
    """An org report's ``repositories`` entry: which repository, and why it was not swept."""
    if not isinstance(item, dict) or not is_repository(item.get("repository")):
        return "a repositories entry has no repository path or URL"
    if "error" in item and not _text(item["error"]):
        return "a repositories entry's error is not a short text"
    if "commits_swept" in item and not _count(item["commits_swept"]):
        return "a repositories entry's commits_swept is not a count"
    if "cleanup_sequence" in item and not steps(item["cleanup_sequence"]):
        return "a repositories entry's cleanup_sequence is not a short list of texts"
    if "clone" in item and not OPTIONAL["clone"](item["clone"]):
        return "a repositories entry's clone is not an absolute path"
    return None
