"""`merge --jobs`: reports read by worker processes, the merged report the same for any
number of them, and a hostile report still refused with its one line.

The reports are written here (a report is input from elsewhere: a CI job's artifact):
several repositories, a repository named again by a later report, findings repeated
within a report and across reports, and keys hidden in a few findings among many.
"""

from __future__ import annotations

import json
import secrets
from pathlib import Path
from typing import Any

import pytest

from binance_secrets.hooks.reports.sanitize import redact_strings
from binance_secrets.hooks.scanning import merge, merge_json
from tests.cli_process import assert_one_line_error, run_cli
from tests.fake_values import random_key


def finding(number: int, **fields: Any) -> dict[str, Any]:
    item = {
        "type": "Binance API Key" if number % 2 else "Binance Secret Key",
        "path": f"services/bot{number % 7}/settings_{number}.env",
        "line": 1 + number % 50,
        "redacted": "AbCd...WxYz",
        "fingerprint": "sha256:" + secrets.token_hex(32),
        "pair": None,
        "example": number % 11 == 0,
        "environment": "unknown",
        "commit": secrets.token_hex(20),
        "subject": f"bot {number}: settings ü\u2028",
        "refs": ["refs/heads/main"],
        "lives_in": {"branches": ["main"], "note": f"n{number}"},
    }
    item.update(fields)
    return item


def report(tmp_path: Path, repository: str, findings: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "version": 1,
        "root": str(tmp_path),
        "repository": repository,
        "commits_swept": 10,
        "findings": findings,
        "skipped": [],
    }


def write_reports(tmp_path: Path) -> tuple[list[str], list[str]]:
    """Nine reports of five repositories, and the keys hidden in their findings."""
    keys = [random_key() for _ in range(3)]
    paths: list[str] = []
    previous: list[dict[str, Any]] = []
    for number in range(9):
        repository = f"/srv/repos/repo{number % 5}"
        items = [finding(number * 100 + n) for n in range(40)]
        if number == 2:
            items[17]["subject"] = f"add {keys[0]}"
            items[30]["lives_in"] = {"note": f"x\n{keys[1]}"}
            items.append(dict(items[3]))  # the same finding twice in one report
        if number == 4:
            items[0]["path"] = f"keys/{keys[2]}.txt"
        if number == 6:  # a second report of the sixth's repository, repeating it
            repository = "/srv/repos/repo0"
            items = previous + items[:5]
        path = tmp_path / f"report{number}.json"
        path.write_text(json.dumps(report(tmp_path, repository, items), indent=2))
        paths.append(str(path))
        previous = items
    return paths, keys


@pytest.mark.parametrize("fmt", ["json", "text", "sarif"])
def test_the_merged_report_is_the_same_for_any_number_of_jobs(tmp_path: Path, fmt: str) -> None:
    paths, keys = write_reports(tmp_path)
    outputs = []
    for jobs in ("1", "2", "3"):
        out = tmp_path / f"merged-{jobs}.{fmt}"
        done = run_cli(
            "merge", "--jobs", jobs, "--format", fmt, "-o", str(out), *paths, cwd=tmp_path
        )
        assert done.returncode == 1, done.stderr
        text = out.read_text()
        assert not any(key in text for key in keys)
        if fmt == "json":  # the one line that says when the report was written
            lines = text.splitlines(keepends=True)
            text = "".join(line for line in lines if '"generated_at"' not in line)
        outputs.append(text)
    assert outputs[0] == outputs[1] == outputs[2]
    if fmt == "json":
        merged = json.loads((tmp_path / "merged-2.json").read_text())
        # 9 reports of 40 (the third with one finding twice); the seventh repeats the
        # sixth's 40 and adds 5.
        assert len(merged["findings"]) == 8 * 40 + 5
        places = [f["repository"] for f in merged["findings"]]
        assert places == sorted(places, key=lambda place: int(place[-1]))


def test_a_hostile_report_among_many_is_refused_with_its_line_for_any_jobs(
    tmp_path: Path,
) -> None:
    paths, _ = write_reports(tmp_path)
    bad = report(tmp_path, "/srv/repos/bad", [finding(n) for n in range(40)])
    bad["findings"][25]["commit"] = "--output=/tmp/x"
    (tmp_path / "bad.json").write_text(json.dumps(bad))
    given = [*paths[:4], str(tmp_path / "bad.json"), *paths[4:]]
    for jobs in ("1", "2"):
        out = tmp_path / "merged.json"
        done = run_cli(
            "merge", "-j", jobs, "--format", "json", "-o", str(out), *given, cwd=tmp_path
        )
        assert_one_line_error(done, "bad.json", "refused", "commit")
        assert not out.exists()


def test_jobs_must_be_a_positive_count(tmp_path: Path) -> None:
    paths, _ = write_reports(tmp_path)
    done = run_cli("merge", "--jobs", "0", paths[0], cwd=tmp_path)
    assert done.returncode == 2
    assert "--jobs" in done.stderr


@pytest.mark.parametrize("block", [300, 2000])
def test_findings_read_back_in_blocks_keep_their_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, block: int
) -> None:
    """Blocks smaller than a finding's line, or than a report: every line whole, once, in
    arrival order, a repository's findings from every report that named it."""
    paths, _ = write_reports(tmp_path)
    monkeypatch.setattr(merge, "BLOCK_BYTES", block)
    with merge.Merger(redact_strings) as merger:
        merger.add_files(paths, workers=1)
        expected: dict[str, list[str]] = {}
        seen = set()
        for path in paths:
            data = json.loads(Path(path).read_text())
            for item in data["findings"]:
                key = (data["repository"], item["fingerprint"], item["path"], item["line"])
                if key not in seen:
                    seen.add(key)
                    expected.setdefault(data["repository"], []).append(item["fingerprint"])
        for entry in merger.repositories():
            lines = list(merger.findings(entry["repository"]))
            fingerprints = [json.loads(line)["fingerprint"] for line in lines]
            assert fingerprints == expected[entry["repository"]]
            assert entry["findings"] == len(lines)
            blocks = list(merger.blocks(entry["repository"]))
            assert all(block.endswith(b"\n") for block in blocks)
            assert b"".join(blocks) == b"".join(line + b"\n" for line in lines)
        assert merger.duplicates == 41


@pytest.mark.parametrize(
    "value",
    [
        {"s": "plain", "n": [1, -2, 3.5, 1e300, None, True, False], "d": {}},
        {"unicode": 'ü \u2028 \U0001f511 \x00 \x1f "quoted" back\\slash', "e": []},
        {"surrogate": "\udc80", "nested": [[[{"a": {"b": [1]}}]]]},
    ],
)
def test_the_reused_encoder_writes_what_the_standard_encoder_writes(value: object) -> None:
    """The C encoder made once (the fast path) and JSONEncoder.encode (the fallback)."""
    fallback = json.JSONEncoder(separators=(",", ":")).encode
    assert merge_json.encode(value) == fallback(value) == json.dumps(value, separators=(",", ":"))
    assert "\n" not in merge_json.encode(value)


def test_key_shapes_are_found_in_any_one_line_of_many() -> None:
    """The pre-filter asked of a report's joined lines says yes when any line would."""
    key = random_key()
    digest = "sha256:" + secrets.token_hex(32)
    plain = [json.dumps({"fingerprint": digest, "path": f"a/{n}.env"}) for n in range(50)]
    assert not merge._key_shaped("\n".join(plain).encode())
    for hidden in (
        {"subject": f"add {key}"},
        {"note": "-----BEGIN PRIVATE KEY-----"},
        {"data": "A" * 86 + "=="},
    ):
        lines = [*plain[:20], json.dumps(hidden), *plain[20:]]
        assert merge._key_shaped(json.dumps(hidden).encode())
        assert merge._key_shaped("\n".join(lines).encode())


@pytest.mark.parametrize("fmt", ["text", "sarif"])
def test_findings_rendered_by_the_workers_read_as_rendered_at_the_end(
    tmp_path: Path, fmt: str
) -> None:
    """A text or SARIF merge renders each finding where its report is read; the report
    is the one rendering the findings' JSON lines at the end writes."""
    import io

    from binance_secrets.hooks.reports import org_report

    paths, keys = write_reports(tmp_path)
    written = []
    for render in (org_report.rendering(fmt, False), None):
        with merge.Merger(redact_strings, render=render) as merger:
            merger.add_files(paths, workers=2)
            handle = io.StringIO()
            if fmt == "text":
                org_report.write_text(merger, handle)
            else:
                org_report.write_sarif(merger, handle)
            written.append(handle.getvalue())
    assert written[0] == written[1]
    assert not any(key in written[0] for key in keys)
    assert "REPO-" not in written[0]


def test_printable_ascii_skips_the_escape_regex_and_nothing_else() -> None:
    """printable's fast path (printable ASCII as it is) agrees with the escaping regex for
    every character a report's text may hold."""
    from binance_secrets.hooks.reports import sanitize

    for code in [*range(0x3000), *range(0xD800, 0xE000), 0xFEFF, 0x10FFFF]:
        text = f"x{chr(code)}y"
        assert sanitize.printable(text) == sanitize._escape(text, sanitize._UNSAFE), code


def test_a_deep_temporary_directory_still_merges_with_workers(tmp_path: Path) -> None:
    """The fork server's socket lives under TMPDIR, and a socket's path is short (103
    bytes on macOS): under a deeper TMPDIR the workers are spawned instead, and the merge
    is the one a single process makes, not "unexpected error (AF_UNIX path too long)"."""
    paths, _ = write_reports(tmp_path)
    deep = tmp_path / ("t" * 40) / ("m" * 40) / ("p" * 40)
    deep.mkdir(parents=True)
    outputs = []
    for jobs, env in (("1", {}), ("2", {"TMPDIR": str(deep)})):
        out = tmp_path / f"merged-{jobs}.txt"
        args = ("merge", "--jobs", jobs, "--format", "text", "-o", str(out), *paths)
        done = run_cli(*args, cwd=tmp_path, env=env)
        assert done.returncode == 1, done.stderr
        outputs.append(out.read_text())
    assert outputs[0] == outputs[1]
