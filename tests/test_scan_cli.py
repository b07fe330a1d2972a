"""The scan command end to end: exit codes, formats, skipped files, baseline, no leaks."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from binance_secrets.hooks.commands.cli import cli
from binance_secrets.plugins.detection.findings import fingerprint
from tests.fake_values import random_key


def run_scan(*args: str, cwd: Path) -> tuple[int, str, str]:
    runner = CliRunner()
    old = os.getcwd()
    os.chdir(cwd)
    try:
        result = runner.invoke(cli, ["scan", *args], catch_exceptions=False)
    finally:
        os.chdir(old)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def keyed_tree(tmp_path: Path) -> tuple[Path, str, str]:
    key, secret = random_key(), random_key()
    (tmp_path / "bot").mkdir()
    (tmp_path / "bot" / ".env").write_text(
        f"# binance bot\nBINANCE_API_KEY={key}\nBINANCE_API_SECRET={secret}\n"
    )
    (tmp_path / "clean.py").write_text("print('hello')\n")
    return tmp_path, key, secret


def test_text_report_shows_location_type_redaction_pair_and_hint(keyed_tree) -> None:
    root, key, secret = keyed_tree
    code, out, _ = run_scan("--all-files", ".", cwd=root)
    assert code == 1
    assert "bot/.env:2: Binance API Key" in out
    assert "bot/.env:3: Binance Secret Key" in out
    assert f"{key[:4]}...{key[-4:]}" in out
    assert "paired with" in out
    assert "binance-secrets check" in out
    assert key not in out and secret not in out


def test_json_report_schema(keyed_tree) -> None:
    root, key, secret = keyed_tree
    code, out, _ = run_scan("--all-files", "--format", "json", ".", cwd=root)
    assert code == 1
    report = json.loads(out)
    assert report["version"] == 1
    assert report["root"] == str(root)
    assert report["skipped"] == []
    assert report["findings"] == [
        {
            "type": "Binance API Key",
            "path": "bot/.env",
            "line": 2,
            "column": len("BINANCE_API_KEY=") + 1,
            "redacted": f"{key[:4]}...{key[-4:]}",
            "fingerprint": "sha256:" + hashlib.sha256(key.encode()).hexdigest(),
            "pair": fingerprint(secret),
            "example": False,
            "environment": "unknown",
            "binance_signal": "name",
        },
        {
            "type": "Binance Secret Key",
            "path": "bot/.env",
            "line": 3,
            "column": len("BINANCE_API_SECRET=") + 1,
            "redacted": f"{secret[:4]}...{secret[-4:]}",
            "fingerprint": fingerprint(secret),
            "pair": fingerprint(key),
            "example": False,
            "environment": "unknown",
            "binance_signal": "name",
        },
    ]


def test_output_file_and_clean_exit(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text("x = 1\n")
    code, out, _ = run_scan("--all-files", "-o", "r.json", "--format", "json", ".", cwd=tmp_path)
    assert code == 0
    assert out == ""
    assert json.loads((tmp_path / "r.json").read_text())["findings"] == []


def test_sarif_is_valid_for_code_scanning(keyed_tree) -> None:
    root, key, secret = keyed_tree
    code, out, _ = run_scan("--all-files", "--format", "sarif", ".", cwd=root)
    assert code == 1
    sarif = json.loads(out)
    assert sarif["version"] == "2.1.0"
    assert "sarif-2.1.0" in sarif["$schema"]
    run = sarif["runs"][0]
    rule_ids = {rule["id"] for rule in run["tool"]["driver"]["rules"]}
    assert rule_ids == {"binance-api-key", "binance-secret-key", "binance-private-key"}
    results = run["results"]
    assert [r["ruleId"] for r in results] == ["binance-api-key", "binance-secret-key"]
    first = results[0]
    location = first["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "bot/.env"
    assert location["region"]["startLine"] == 2
    assert first["level"] == "error"
    assert first["partialFingerprints"]["binanceSecretValue/v1"] == (
        hashlib.sha256(key.encode()).hexdigest()
    )
    assert key not in out and secret not in out


def test_documentation_example_is_reported_but_does_not_fail() -> None:
    sample = Path(__file__).parent / "fixtures" / "sample"
    code, out, _ = run_scan("--format", "json", str(sample), cwd=sample.parent.parent.parent)
    assert code == 0
    findings = json.loads(out)["findings"]
    assert [(f["type"], f["line"], f["example"]) for f in findings] == [
        ("Binance API Key", 11, True),
        ("Binance Secret Key", 12, True),
    ]
    assert findings[0]["pair"] == findings[1]["fingerprint"]


def test_skips_binary_huge_symlink_and_scans_latin1(tmp_path: Path) -> None:
    key, secret = random_key(), random_key()
    (tmp_path / "blob.bin").write_bytes(b"\0\x01binance api_key=" + key.encode())
    (tmp_path / "huge.txt").write_text("binance\n" + "a" * 3000 + "\n")
    (tmp_path / "link.env").symlink_to(tmp_path / "huge.txt")
    os.mkfifo(tmp_path / "pipe.env")
    (tmp_path / "latin1.cfg").write_bytes(
        "# binance caf\xe9\n".encode("latin-1") + f"api_key={key}\napi_secret={secret}\n".encode()
    )
    code, out, _ = run_scan(
        "--all-files", "--format", "json", "--max-file-size", "1000", ".", cwd=tmp_path
    )
    report = json.loads(out)
    assert code == 1
    assert sorted((s["path"], s["reason"]) for s in report["skipped"]) == [
        ("blob.bin", "binary"),
        ("huge.txt", "larger than 1000 bytes"),
        ("link.env", "symlink (not followed)"),
        ("pipe.env", "not a regular file"),
    ]
    assert [(f["path"], f["line"], f["type"]) for f in report["findings"]] == [
        ("latin1.cfg", 2, "Binance API Key"),
        ("latin1.cfg", 3, "Binance Secret Key"),
    ]


def test_file_that_cannot_be_read_is_skipped_not_fatal(tmp_path: Path) -> None:
    """A file listed but gone (or unreadable) by the time it is read is reported, not fatal."""
    from binance_secrets.hooks.scanning.files import disk_sources
    from binance_secrets.hooks.scanning.scanner import scan_sources

    (tmp_path / "gone.env").write_text("x\n")
    (tmp_path / "kept.env").write_text(f"BINANCE_API_KEY={random_key()}\n")
    sources, skipped = disk_sources([str(tmp_path)], str(tmp_path), all_files=True)
    (tmp_path / "gone.env").unlink()
    result = scan_sources(sources, max_bytes=10_000)
    assert skipped == []
    assert [(s.path, s.reason) for s in result.skipped] == [
        ("gone.env", "unreadable: No such file or directory")
    ]
    assert [f.path for f in result.findings] == ["kept.env"]


def test_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    code, _, err = run_scan("does-not-exist", cwd=tmp_path)
    assert code == 2
    assert "does-not-exist: no such file or directory" in err


def test_git_tree_scans_tracked_and_untracked_but_not_ignored(tmp_path: Path) -> None:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / ".gitignore").write_text("ignored.env\n")
    for name in ("tracked.env", "untracked.env", "ignored.env"):
        (tmp_path / name).write_text(f"BINANCE_API_KEY={random_key()}\n")
    subprocess.run(["git", "-C", str(tmp_path), "add", "tracked.env"], check=True)
    code, out, _ = run_scan("--format", "json", ".", cwd=tmp_path)
    assert code == 1
    assert sorted(f["path"] for f in json.loads(out)["findings"]) == [
        "tracked.env",
        "untracked.env",
    ]
    code, out, _ = run_scan("--all-files", "--format", "json", ".", cwd=tmp_path)
    assert sorted(f["path"] for f in json.loads(out)["findings"]) == [
        "ignored.env",
        "tracked.env",
        "untracked.env",
    ]


def test_baseline_suppresses_known_values_and_warns_on_stale_plugin_path(tmp_path: Path) -> None:
    known, new = random_key(), random_key()
    (tmp_path / "binance.env").write_text(f"BINANCE_API_KEY={known}\nOTHER_BINANCE_KEY={new}\n")
    baseline = {
        "version": "1.5.0",
        "plugins_used": [
            {"name": "BinanceApiKeyDetector", "path": "file:///nowhere/binance_detector.py"}
        ],
        "filters_used": [],
        "results": {
            "binance.env": [
                {
                    "type": "Binance API Key",
                    "filename": "binance.env",
                    "hashed_secret": hashlib.sha1(known.encode()).hexdigest(),
                    "line_number": 1,
                    "is_verified": False,
                }
            ]
        },
    }
    (tmp_path / ".secrets.baseline").write_text(json.dumps(baseline))
    code, out, err = run_scan(
        "--all-files", "--format", "json", "--baseline", ".secrets.baseline", "binance.env",
        cwd=tmp_path,
    )
    assert code == 1
    assert [f["line"] for f in json.loads(out)["findings"]] == [2]
    assert "/nowhere/binance_detector.py" in err and "binance-secrets baseline" in err


def test_baseline_errors_are_usage_errors(tmp_path: Path) -> None:
    (tmp_path / "bad.json").write_text("{not json")
    code, _, err = run_scan("--baseline", "bad.json", ".", cwd=tmp_path)
    assert code == 2
    assert "not readable JSON" in err
    code, _, err = run_scan("--baseline", "missing.json", ".", cwd=tmp_path)
    assert code == 2
    assert "binance-secrets baseline --output" in err


def test_plugin_path_is_the_detector_file() -> None:
    result = CliRunner().invoke(cli, ["plugin-path"])
    path = result.stdout.strip()
    assert result.exit_code == 0
    assert path.endswith("binance_detector.py") and os.path.isfile(path)


def test_utf16_text_with_a_byte_order_mark_is_scanned_not_skipped(tmp_path: Path) -> None:
    """Windows PowerShell 5's `echo ... > .env` writes UTF-16 with a BOM: every other byte
    is NUL, and the file was skipped as binary (a commit hook, silent on skips, let it
    through). Both byte orders are decoded; a NUL-laden file without a BOM stays binary."""
    key, secret = random_key(), random_key()
    text = f"BINANCE_API_KEY={key}\r\nBINANCE_API_SECRET={secret}\r\n"
    (tmp_path / "le.env").write_bytes(text.encode("utf-16"))  # BOM + little-endian here
    (tmp_path / "be.env").write_bytes(b"\xfe\xff" + text.encode("utf-16-be"))
    (tmp_path / "raw.env").write_bytes(text.encode("utf-16-le"))  # no BOM: binary
    code, out, _ = run_scan("--all-files", "--format", "json", ".", cwd=tmp_path)
    report = json.loads(out)
    assert code == 1
    assert sorted((f["path"], f["line"], f["fingerprint"]) for f in report["findings"]) == [
        ("be.env", 1, fingerprint(key)),
        ("be.env", 2, fingerprint(secret)),
        ("le.env", 1, fingerprint(key)),
        ("le.env", 2, fingerprint(secret)),
    ]
    assert [(s["path"], s["reason"]) for s in report["skipped"]] == [("raw.env", "binary")]
