"""A report is untrusted input: `check --report` accepts exactly the reports `scan` and
`sweep` write, and refuses anything else whole, naming the field, before reading a file or
asking Binance. Each field's rule is pinned at its edges (the last accepted value, the first
refused one), through the public parse_report and load_report."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path
from typing import Any

import pytest

from binance_secrets.hooks.scanning.credentials import (
    REPORT_HINT,
    CredentialError,
    load_report,
    parse_report,
)

# The documented bounds, spelled out: a test reading them from the module would move with them.
MAX_FINDINGS = 100_000
MAX_PATH_CHARS = 4096
MAX_REPORT_BYTES = 64 * 1024 * 1024

FP = "sha256:" + "0123456789abcdef" * 4
COMMIT = "0123456789abcdef0123456789abcdef01234567"


def finding(**fields: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "type": "Binance API Key",
        "path": "config/.env",
        "line": 2,
        "redacted": "AbCd...WxYz",
        "fingerprint": FP,
        "pair": None,
        "example": False,
    }
    base.update(fields)
    return {k: v for k, v in base.items() if v is not DROP}


DROP = object()


def report(*findings: dict[str, Any], **fields: Any) -> str:
    data: dict[str, Any] = {"version": 1, "root": "/srv/project", "findings": list(findings)}
    data.update(fields)
    return json.dumps({k: v for k, v in data.items() if v is not DROP})


def refused(text: str) -> str:
    with pytest.raises(CredentialError) as caught:
        parse_report(text, "report r.json")
    message = str(caught.value)
    assert message.startswith("report r.json ") and message.endswith(REPORT_HINT)
    assert "\n" not in message
    return message


ACCEPTED = [
    finding(),
    finding(type="Binance Secret Key"),
    finding(type="Binance Private Key"),
    finding(path="a"),
    finding(path="a" * MAX_PATH_CHARS),
    finding(path="dir/..hidden/x..y"),
    finding(path="\udcff.env"),
    finding(line=1),
    finding(line=10**9),
    finding(pair=FP),
    finding(pair=DROP),
    finding(path_fingerprint=FP),
    finding(path_fingerprint=None),
    finding(commit=COMMIT),
    finding(commit="ab" * 32),
    finding(commit=None),
    finding(example=True),
    finding(example=DROP),
    finding(in_message=True, commit=COMMIT),
    finding(in_message=False),
    finding(redacted="x" * 200),
    finding(redacted=""),
    finding(redacted=DROP),
]


@pytest.mark.parametrize("item", ACCEPTED, ids=lambda f: json.dumps(f)[:60])
def test_what_scan_and_sweep_write_is_accepted(item: dict[str, Any]) -> None:
    data = parse_report(report(item), "report r.json")
    assert data["findings"] == [json.loads(json.dumps(item))]


REFUSED_FINDINGS = [
    ("a finding is not an object", ["not", "a", "dict"]),
    ("a finding is not an object", "string"),
    ("a finding's type is not one of ours", finding(type="AWS Access Key")),
    ("a finding's type is not one of ours", finding(type=DROP)),
    ("a finding's path is not a relative path", finding(path="")),
    ("a finding's path is not a relative path", finding(path="a" * (MAX_PATH_CHARS + 1))),
    ("a finding's path is not a relative path", finding(path="/etc/passwd")),
    ("a finding's path is not a relative path", finding(path="../up.env")),
    ("a finding's path is not a relative path", finding(path="a/../../up.env")),
    ("a finding's path is not a relative path", finding(path="a/..")),
    ("a finding's path is not a relative path", finding(path="a\0b")),
    ("a finding's path is not a relative path", finding(path=7)),
    ("a finding's path is not a relative path", finding(path=DROP)),
    ("a finding's path_fingerprint is not", finding(path_fingerprint="sha256:" + "0" * 63)),
    ("a finding's path_fingerprint is not", finding(path_fingerprint=5)),
    ("a finding's line is not a positive integer", finding(line=0)),
    ("a finding's line is not a positive integer", finding(line=10**9 + 1)),
    ("a finding's line is not a positive integer", finding(line=True)),
    ("a finding's line is not a positive integer", finding(line=2.0)),
    ("a finding's line is not a positive integer", finding(line="2")),
    ("a finding's fingerprint is not", finding(fingerprint=FP.upper())),
    ("a finding's fingerprint is not", finding(fingerprint=FP + "0")),
    ("a finding's fingerprint is not", finding(fingerprint=None)),
    ("a finding's pair is not null", finding(pair="sha256:xyz")),
    ("a finding's pair is not null", finding(pair=1)),
    ("a finding's commit is not a full hex object id", finding(commit="--output=/tmp/x")),
    ("a finding's commit is not a full hex object id", finding(commit=COMMIT[:12])),
    ("a finding's example is not true/false", finding(example="yes")),
    ("a finding's example is not true/false", finding(example=None)),
    ("a finding's in_message is not true/false", finding(in_message=1)),
    ("a finding's redacted form is not a short string", finding(redacted="x" * 201)),
    ("a finding's redacted form is not a short string", finding(redacted=None)),
]


@pytest.mark.parametrize(("problem", "item"), REFUSED_FINDINGS, ids=lambda v: str(v)[:50])
def test_a_bad_finding_refuses_the_whole_report(problem: str, item: Any) -> None:
    message = refused(report(finding(), item))
    assert f"report r.json refused: {problem}" in message


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("{", "is not JSON"),
        ("[" * 100_000, "is not JSON"),
        ("[]", "is not a version 1 binance-secrets report"),
        (report(version=2), "is not a version 1 binance-secrets report"),
        (report(version="1"), "is not a version 1 binance-secrets report"),
        (report(version=True), "is not a version 1 binance-secrets report"),
        (report(version=DROP), "is not a version 1 binance-secrets report"),
        (report(findings=DROP), "has no root/findings"),
        (report(findings={}), "has no root/findings"),
        (report(root=DROP), "has no root/findings"),
        (report(root=5), "has no root/findings"),
        # `check`'s own JSON, the report a user most easily mistakes for one.
        (
            json.dumps({"version": 1, "generated_at": "x", "keys": [], "not_asked": []}),
            "is a check report (check --format json), not a scan or sweep report",
        ),
        (report(root="relative/dir"), "refused: its root is not an absolute path"),
        (report(root="/a" * MAX_PATH_CHARS), "refused: its root is not an absolute path"),
        (report(root="/srv/\0x"), "refused: its root is not an absolute path"),
        (report(repository="repo"), "refused: its repository is not an absolute path"),
        (report(repository=3), "refused: its repository is not an absolute path"),
        (
            report(repository="/srv/another-project"),
            "refused: its repository is not the repository of its root",
        ),
        (report(repositories="/srv/project"), "refused: its repositories is not a list"),
        (report(repositories={}), "refused: its repositories is not a list"),
        (
            report(repositories=[{"repository": "/srv/project"}, {"error": "clone refused"}]),
            "refused: a repositories entry has no repository path or URL",
        ),
        (
            report(repositories=[{"repository": "/srv/project", "commits_swept": -1}]),
            "refused: a repositories entry's commits_swept is not a count",
        ),
    ],
)
def test_a_bad_report_is_refused_saying_why(text: str, problem: str) -> None:
    assert problem in refused(text)


def test_the_top_level_edges_that_are_accepted() -> None:
    root = "/" + "a" * (MAX_PATH_CHARS - 1)
    assert parse_report(report(root=root), "r")["root"] == root
    assert parse_report(report(repository="/srv/project"), "r")["repository"] == "/srv/project"
    assert parse_report(report(repository=None), "r")["repository"] is None
    assert parse_report(report(), "r")["findings"] == []
    entries = [{"repository": "/srv/project", "commits_swept": 3}, {"repository": "/srv/b"}]
    assert parse_report(report(repositories=entries), "r")["repositories"] == entries


def test_the_number_of_findings_is_bounded() -> None:
    at_limit = report(*[finding()] * MAX_FINDINGS)
    assert len(parse_report(at_limit, "r")["findings"]) == MAX_FINDINGS
    message = refused(report(*[finding()] * (MAX_FINDINGS + 1)))
    assert f"it has more than {MAX_FINDINGS} findings" in message


def test_load_report_reads_a_file_and_standard_input(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "r.json"
    path.write_text(report(finding()))
    assert load_report(str(path))["findings"][0]["fingerprint"] == FP
    stdin = io.TextIOWrapper(io.BytesIO(report(finding()).encode()))
    monkeypatch.setattr(sys, "stdin", stdin)
    assert load_report("-")["findings"][0]["path"] == "config/.env"


def test_load_report_refuses_what_it_cannot_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = tmp_path / "latin1.json"
    bad.write_bytes(b'{"root": "\xe9"}')
    with pytest.raises(CredentialError, match=r"^report .*latin1.json is not UTF-8 text; give"):
        load_report(str(bad))
    with pytest.raises(CredentialError, match=r"^cannot read report .*missing.json: it "):
        load_report(str(tmp_path / "missing.json"))
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"\xff\xfe")))
    with pytest.raises(CredentialError, match=r"^standard input is not UTF-8 text; give"):
        load_report("-")
    huge = io.TextIOWrapper(io.BytesIO(b" " * (MAX_REPORT_BYTES + 1)))
    monkeypatch.setattr(sys, "stdin", huge)
    with pytest.raises(CredentialError, match=r"^cannot read standard input: it is larger"):
        load_report("-")
    at_limit = report().encode()
    at_limit += b" " * (MAX_REPORT_BYTES - len(at_limit))
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(at_limit)))
    assert load_report("-")["version"] == 1
