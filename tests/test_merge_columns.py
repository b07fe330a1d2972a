"""`merge` accepts an honest report by checking its findings a column at a time: that quick
yes must never accept a finding the field-by-field checks refuse.

Each case is a report of many good findings with one bad value among them (the shapes
`check --report` and `merge` refuse), and a property test throws random values at every
field: whenever the column checks say yes, the finding-by-finding checks agree.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from binance_secrets.hooks.scanning.credentials import finding_problem
from binance_secrets.hooks.scanning.report_columns import columns_ok
from binance_secrets.hooks.scanning.report_fields import optional_problem


def good(number: int) -> dict[str, Any]:
    """A sweep finding as `sweep --format json` writes it (fingerprints are fake hex)."""
    return {
        "type": "Binance API Key",
        "path": f"services/bot{number}/settings.env",
        "line": 1 + number,
        "column": 17,
        "redacted": "AbCd...WxYz",
        "fingerprint": f"sha256:{number:064x}",
        "pair": None,
        "example": False,
        "environment": "unknown",
        "commit": f"{number:040x}",
        "author": "Alice Example <alice@example.invalid>",
        "date": "2024-01-02T03:04:05+00:00",
        "subject": "add the exchange settings",
        "in_message": False,
        "in_head": True,
        "head_paths": [f"services/bot{number}/settings.env"],
        "refs": ["refs/heads/main"],
        "also": [],
        "lives_in": {"checked_out_branch": "main", "branches": ["main"], "tags": []},
        "cleanup": [{"place": "checked_out", "names": ["main"], "step": "rewrite history"}],
    }


def refused_one_by_one(findings: list[Any]) -> bool:
    return any(
        not isinstance(item, dict) or finding_problem(item) or optional_problem(item)
        for item in findings
    )


def test_honest_findings_pass_by_columns() -> None:
    findings = [good(n) for n in range(50)]
    findings[7]["also"] = [{"commit": "f" * 40, "path": "a.env", "line": 3}]
    findings[9]["pair"] = "sha256:" + "b" * 64
    findings[11]["tag"] = "v1.0"  # another shape of finding in the same report
    assert not refused_one_by_one(findings)
    assert columns_ok(findings)


BAD_VALUES = [
    ("type", "AWS Key"),
    ("type", ["Binance API Key"]),
    ("path", "/etc/passwd"),
    ("path", "a/../../etc/passwd"),
    ("path", ".."),
    ("path", "a\0b"),
    ("path", ""),
    ("path", "x" * 5000),
    ("line", True),
    ("line", 0),
    ("line", 3.0),
    ("line", "3"),
    ("column", -1),
    ("fingerprint", "sha256:" + "A" * 64),
    ("fingerprint", None),
    ("pair", "sha256:xyz"),
    ("pair", 1),
    ("commit", "HEAD"),
    ("commit", "--output=/tmp/x"),
    ("example", 1),
    ("example", None),
    ("in_message", 0),
    ("in_head", "yes"),
    ("environment", "mainnet"),
    ("redacted", "x" * 201),
    ("subject", "x" * 5000),
    ("author", 7),
    ("head_paths", ["ok", 3]),
    ("head_paths", "a.env"),
    ("refs", [["refs/heads/main"]]),
    ("refs", ["x" * 5000]),
    ("also", [{"commit": "HEAD", "path": "x", "line": 1}]),
    ("also", [{"commit": "a" * 40, "path": "x", "line": 1, "extra": 1}]),
    ("lives_in", ["main"]),
    ("cleanup", "rm -rf /"),
    ("cleanup", [{"place": "x"}]),
    ("cleanup", [{"place": "x", "step": "y", "run": "rm -rf /"}]),
    ("cleanup", [{"place": "x", "step": "y", "names": [1]}]),
    ("cleanup", [["place", "step"]]),
    ("repository", "ext::sh -c touch% /tmp/pwned"),
    ("repository", 5),
]


@pytest.mark.parametrize(("field", "value"), BAD_VALUES)
def test_one_bad_value_among_many_is_not_accepted_by_columns(field: str, value: object) -> None:
    findings = [good(n) for n in range(30)]
    findings[17][field] = value
    assert refused_one_by_one(findings)
    assert not columns_ok(findings)


@pytest.mark.parametrize("missing", ["type", "path", "line", "fingerprint"])
def test_a_finding_without_a_required_field_is_not_accepted(missing: str) -> None:
    findings = [good(n) for n in range(5)]
    del findings[3][missing]
    assert not columns_ok(findings)


def test_a_bool_after_an_equal_int_is_still_seen() -> None:
    """1 == True and hash(1) == hash(True): a set of values would keep only the first."""
    findings = [good(n) for n in range(3)]
    findings[0]["example"], findings[1]["example"] = False, 0
    assert refused_one_by_one(findings)
    assert not columns_ok(findings)


def test_a_finding_that_is_not_an_object_is_not_accepted() -> None:
    assert not columns_ok([good(0), ["type", "path"]])


JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 10**13) | st.text(max_size=8)
    | st.sampled_from(["sha256:" + "a" * 64, "a" * 40, "..", "/x", "Binance API Key"]),
    lambda children: st.lists(children, max_size=3)
    | st.dictionaries(
        st.sampled_from(["commit", "path", "line", "place", "names", "step", "x"]),
        children,
        max_size=4,
    ),
    max_leaves=6,
)  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(
    changes=st.lists(
        st.tuples(st.integers(0, 5), st.sampled_from(sorted(good(0))), JSON), max_size=4
    )
)
def test_columns_never_accept_what_the_field_checks_refuse(
    changes: list[tuple[int, str, object]],
) -> None:
    findings = [good(n) for n in range(6)]
    for number, field, value in changes:
        findings[number][field] = copy.deepcopy(value)
    if columns_ok(findings):
        assert not refused_one_by_one(findings)
