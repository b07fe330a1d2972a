"""A report's findings checked a field at a time: the quick way to accept an honest report.

Checked finding by finding, a report costs a Python call per field of every finding, which
is most of what `merge` spends on a large report. Checked a column at a time (every
finding's ``line``, then every ``path``...), the work runs inside ``set``, ``map``, ``max``
and one regex over a joined column, a few calls per field per report. Only a yes is taken
from here: when a column looks wrong, the caller checks the report finding by finding
(:func:`binance_secrets.hooks.scanning.credentials.finding_problem` and
:func:`binance_secrets.hooks.scanning.report_fields.optional_problem`) for the exact first
problem to name, so the rules and their messages stay in one place. Each column check is
at least as strict as the field's own check (``type(value) is str`` where that says
``isinstance``), never looser.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from functools import partial
from itertools import chain
from operator import is_not, itemgetter
from typing import TYPE_CHECKING, Any

from ...plugins.detection.environment import ENVIRONMENTS
from ...plugins.detection.findings import SECRET_TYPES
from ..git.repo import OBJECT_ID
from .credentials import FINDING_FIELDS, FINGERPRINT, MAX_PATH_CHARS
from .report_fields import CHECKED, MAX_LIST, MAX_TEXT, OPTIONAL, is_repository

if TYPE_CHECKING:
    Column = Callable[[Sequence[Any]], bool]
    # The checks of a finding's fields: (name, check of its value, what a refusal says).
    Checks = tuple[tuple[str, Callable[[object], bool], str], ...]

_NONE = type(None)
_not_none = partial(is_not, None)
# A path segment that is exactly "..", in paths joined by NUL (the path's two ends).
_PARENT_SEGMENT = re.compile(r"[/\0]\.\.[/\0]")


def _types(values: Iterable[Any], *allowed: type) -> bool:
    return set(map(type, values)) <= set(allowed)


def _texts_of(values: Sequence[Any], longest: int = MAX_TEXT) -> bool:
    return _types(values, str) and max(map(len, values), default=0) <= longest


def _paths(values: Sequence[Any]) -> bool:
    """Relative, ``/``-separated, no ``..`` segment, no NUL, 1 to 4096 characters."""
    if not _types(values, str) or min(map(len, values)) < 1:
        return False
    if max(map(len, values)) > MAX_PATH_CHARS:
        return False
    joined = "\0" + "\0".join(values) + "\0"
    return (
        joined.count("\0") == len(values) + 1
        and "\0/" not in joined
        and not _PARENT_SEGMENT.search(joined)
    )


def _matching(pattern: re.Pattern[str], nullable: bool) -> Column:
    def column(values: Sequence[Any]) -> bool:
        if nullable:
            if not _types(values, str, _NONE):
                return False
            values = list(filter(_not_none, values))
        elif not _types(values, str):
            return False
        return all(map(pattern.fullmatch, values))

    return column


def _integers(low: int, high: int) -> Column:
    def column(values: Sequence[Any]) -> bool:
        return _types(values, int) and low <= min(values) and max(values) <= high

    return column


def _one_of(allowed: Iterable[str]) -> Column:
    members = frozenset(allowed)
    return lambda values: _types(values, str) and set(values) <= members


def _bools(values: Sequence[Any]) -> bool:
    return _types(values, bool)


def _objects(values: Sequence[Any]) -> bool:
    return _types(values, dict)


def _text_lists(values: Sequence[Any]) -> bool:
    return (
        _types(values, list)
        and max(map(len, values)) <= MAX_LIST
        and _texts_of(list(chain.from_iterable(values)))
    )


def _cleanups(values: Sequence[Any]) -> bool:
    """Lists of at most 64 ``{place, names?, step}``: texts, and a list of texts."""
    if not _types(values, list) or max(map(len, values)) > 64:
        return False
    steps = list(chain.from_iterable(values))
    if not _types(steps, dict):
        return False
    for fields in set(map(tuple, steps)):  # each step's keys, in their order
        if not ({"place", "step"} <= set(fields) <= {"place", "names", "step"}):
            return False
    named = [step["names"] for step in steps if "names" in step]
    return (
        _texts_of(list(map(itemgetter("place"), steps)))
        and _texts_of(list(map(itemgetter("step"), steps)))
        and _text_lists(named or [[]])
    )


def _no_others(values: Sequence[Any]) -> bool:
    """Sweep findings' ``also`` is nearly always empty; others are checked one by one."""
    return _types(values, list) and max(map(len, values)) == 0


def _repositories(values: Sequence[Any]) -> bool:
    return _types(values, str) and all(map(is_repository, set(values)))


_TEXT = _texts_of
COLUMNS: dict[str, Column] = {
    "type": _one_of(SECRET_TYPES),
    "path": _paths,
    "path_fingerprint": _matching(FINGERPRINT, nullable=True),
    "line": _integers(1, 10**9),
    "fingerprint": _matching(FINGERPRINT, nullable=False),
    "pair": _matching(FINGERPRINT, nullable=True),
    "commit": _matching(OBJECT_ID, nullable=True),
    "example": _bools,
    "in_message": _bools,
    "repository": _repositories,
    "redacted": partial(_texts_of, longest=200),
    "column": _integers(0, 10**12),
    "environment": _one_of(ENVIRONMENTS),
    "author": _TEXT,
    "date": _TEXT,
    "committer_date": _TEXT,
    "subject": _TEXT,
    "tag": _TEXT,
    "found_in": _TEXT,
    "pushed_status": _TEXT,
    "in_head": _bools,
    "pushed": _bools,
    "unreachable": _bools,
    "head_paths": _text_lists,
    "refs": _text_lists,
    "lives_in": _objects,
    "ignored_by": _objects,
    "ignore_expired": _objects,
    "timeline": _objects,
    "cleanup": _cleanups,
    "also": _no_others,
}


def column_ok(name: str, values: Sequence[Any], valid: Callable[[object], bool]) -> bool:
    """Whether every value of field ``name`` passes: its column check, or else ``valid``
    (the field's own check) value by value, for a field without a column check and for
    a column its check is stricter than (a sweep finding's non-empty ``also``)."""
    check = COLUMNS.get(name)
    return (check is not None and check(values)) or all(map(valid, values))


def columns_ok(findings: list[Any]) -> bool:
    """Whether every finding has the fields it must and every field passes its check,
    the findings grouped by shape and checked a column at a time. False says only "check
    them one by one": it may be a column check stricter than the field's."""
    return column_shapes(findings) is not None


def column_shapes(findings: list[Any]) -> set[tuple[str, ...]] | None:
    """:func:`columns_ok`, saying yes with the findings' shapes (their field names, in
    their order: each distinct list once), for the caller to use again."""
    if not _types(findings, dict):
        return None
    # Nearly always one shape: the findings of one report are written by one release.
    distinct = set(map(tuple, findings))
    if len(distinct) > MAX_SHAPES:
        return None
    kept = set(distinct)
    shapes: dict[tuple[str, ...], list[dict[str, Any]]] = {keys: [] for keys in distinct}
    if len(distinct) == 1:
        shapes[distinct.pop()] = findings
    else:
        for item in findings:
            shapes[tuple(item)].append(item)
    for items in shapes.values():
        if not items:
            continue
        checks = shape(items[0])[0]
        # The findings' values field by field: the keys of one shape are in one order.
        columns = dict(zip(items[0], zip(*map(dict.values, items))))
        for name, valid, _ in checks:
            if valid is _absent or not column_ok(name, columns[name], valid):
                return None
    return kept


# The checks a finding needs, worked out once per shape (its field names in their order):
# the findings of one report nearly all have the same fields, and a check that only looks
# up what to check would cost more than the checking.
_SHAPES: dict[tuple[str, ...], tuple[Checks, bool]] = {}
# A hostile report may give every finding fields of its own; the plans stay few.
MAX_SHAPES = 1024
_KNOWN = frozenset(CHECKED) | frozenset(OPTIONAL)


def _absent(value: object) -> bool:
    return False


def shape(item: dict[str, Any]) -> tuple[Checks, bool]:
    """The checks of :func:`finding_problem` and :func:`optional_problem` a finding with
    ``item``'s fields needs, in the order they run there, and whether every field is one
    a report defines (then nothing is left out and the finding is used as it is)."""
    keys = tuple(item)
    known = _SHAPES.get(keys)
    if known is not None:
        return known
    present = set(keys)
    checks: list[tuple[str, Callable[[object], bool], str]] = []
    for name, required, valid, problem in FINDING_FIELDS:
        if name in present:
            checks.append((name, valid, problem))
        elif required:
            checks.append((name, _absent, problem))
            break
    else:
        checked = {name for name, _, _ in checks}
        checks.extend(
            (name, valid, f"a finding's {name} is not what a binance-secrets report holds")
            for name, valid in OPTIONAL.items()
            if name in present and name not in checked
        )
    if len(_SHAPES) >= MAX_SHAPES:
        _SHAPES.clear()
    plan = _SHAPES[keys] = (tuple(checks), present <= _KNOWN)
    return plan
