"""A value a detect-secrets baseline accepts is never silent: it shows as a value the
project config ignores does, in every output of `scan` and `sweep` (text summary and -v,
JSON `ignored`, SARIF suppressed result), with the baseline as its source. A value the
baseline's audit calls a real secret (`is_secret` or `is_verified` true) is not accepted.

Each test runs the real console entry point on a real git repository; keys are random
(tests.fake_values.random_key).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest

from binance_secrets.plugins.detection.findings import fingerprint
from tests.cli_process import env_text, run_cli
from tests.fake_values import random_key
from tests.gitrepo import git, isolate_git
from tests.test_sarif_schema import validate


@pytest.fixture(autouse=True)
def isolated_git(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """No global or system git config."""
    isolate_git(monkeypatch, tmp_path_factory.mktemp("git"))


def baseline_of(entries: dict[str, list[tuple[str, dict[str, Any]]]]) -> str:
    """A detect-secrets baseline recording each (value, audit fields) under its file."""
    return json.dumps(
        {
            "version": "1.5.0",
            "plugins_used": [],
            "filters_used": [],
            "results": {
                name: [
                    {
                        "type": "Secret Keyword",
                        "filename": name,
                        "hashed_secret": hashlib.sha1(value.encode()).hexdigest(),
                        "line_number": 2,
                        "is_verified": False,
                        **audit,
                    }
                    for value, audit in values
                ]
                for name, values in entries.items()
            },
        }
    )


def run_json(repo: Path, *args: str, code: int) -> dict[str, Any]:
    done = run_cli(*args, "--format", "json", cwd=repo)
    assert done.returncode == code, done.stdout + done.stderr
    return json.loads(done.stdout)


def test_scan_counts_lists_and_reports_a_value_the_default_baseline_accepts(repo: Path) -> None:
    key, secret = random_key(), random_key()
    (repo / ".env").write_text(env_text(key, secret))
    (repo / ".secrets.baseline").write_text(
        baseline_of({".env": [(key, {}), (secret, {"is_secret": False})]})
    )
    report = run_json(repo, "scan", code=0)
    assert report["findings"] == []
    accepted = {item["fingerprint"]: item["ignored_by"] for item in report["ignored"]}
    assert accepted == {
        fingerprint(key): {
            "reason": "recorded in the baseline, not audited",
            "path": ".env",
            "until": None,
            "source": ".secrets.baseline",
        },
        fingerprint(secret): {
            "reason": "recorded in the baseline, audited as not a secret (is_secret: false)",
            "path": ".env",
            "until": None,
            "source": ".secrets.baseline",
        },
    }

    text = run_cli("scan", cwd=repo)
    assert text.returncode == 0, text.stderr
    assert "(2 ignored by .secrets.baseline; -v lists them)" in text.stdout
    verbose = run_cli("scan", "-v", cwd=repo)
    assert "Ignored by .secrets.baseline:" in verbose.stdout
    assert "ignored:     recorded in the baseline, not audited (.secrets.baseline)" in (
        verbose.stdout
    )
    assert key not in verbose.stdout + verbose.stderr
    # check --report checks only `findings`: no key to ask Binance about.
    (repo.parent / "report.json").write_text(json.dumps(report))
    done = run_cli("check", "--report", str(repo.parent / "report.json"), cwd=repo)
    assert done.returncode == 0 and "No API keys to check." in done.stdout + done.stderr


def test_scan_names_a_baseline_given_with_its_option_and_counts_each_source(
    repo: Path,
) -> None:
    key, secret, fixture = random_key(), random_key(), random_key()
    (repo / ".env").write_text(env_text(key, secret))
    (repo / "fixture.env").write_text(f"# binance\nBINANCE_API_KEY={fixture}\n")
    (repo / "known.json").write_text(baseline_of({".env": [(key, {})]}))
    (repo / ".binance-secrets.toml").write_text(
        f'[[ignore]]\nfingerprint = "{fingerprint(fixture)}"\nreason = "a test fixture"\n'
    )
    report = run_json(repo, "scan", "--baseline", "known.json", code=1)
    assert [f["fingerprint"] for f in report["findings"]] == [fingerprint(secret)]
    sources = {item["fingerprint"]: item["ignored_by"]["source"] for item in report["ignored"]}
    assert sources == {
        fingerprint(key): "known.json",
        fingerprint(fixture): ".binance-secrets.toml:1",
    }
    text = run_cli("scan", "--baseline", "known.json", cwd=repo)
    assert text.returncode == 1
    assert (
        "Found 1 Binance credential(s); 1 ignored by .binance-secrets.toml, 1 by known.json;"
        in text.stdout
    )


def test_a_value_the_baseline_audited_as_real_is_not_accepted(repo: Path) -> None:
    key, secret = random_key(), random_key()
    (repo / ".env").write_text(env_text(key, secret))
    (repo / ".secrets.baseline").write_text(
        baseline_of({".env": [(key, {"is_secret": True}), (secret, {"is_verified": True})]})
    )
    report = run_json(repo, "scan", code=1)
    assert {f["fingerprint"] for f in report["findings"]} == {fingerprint(key), fingerprint(secret)}
    assert report["ignored"] == []
    # Recorded twice, once audited as real: the audit wins.
    (repo / ".secrets.baseline").write_text(
        baseline_of({".env": [(key, {"is_secret": False}), (key, {"is_secret": True})]})
    )
    report = run_json(repo, "scan", code=1)
    assert fingerprint(key) in {f["fingerprint"] for f in report["findings"]}


def test_a_baseline_accepts_a_value_only_in_the_file_it_records(repo: Path) -> None:
    key = random_key()
    (repo / "old.env").write_text(f"# binance\nBINANCE_API_KEY={key}\n")
    (repo / "new.env").write_text(f"# binance\nBINANCE_API_KEY={key}\n")
    (repo / ".secrets.baseline").write_text(baseline_of({"old.env": [(key, {})]}))
    report = run_json(repo, "scan", code=1)
    assert [f["path"] for f in report["findings"]] == ["new.env"]
    assert [(i["path"], i["ignored_by"]["path"]) for i in report["ignored"]] == [
        ("old.env", "old.env")
    ]


def test_sarif_reports_a_value_the_baseline_accepts_as_suppressed(repo: Path) -> None:
    key, secret = random_key(), random_key()
    (repo / ".env").write_text(env_text(key, secret))
    (repo / ".secrets.baseline").write_text(baseline_of({".env": [(key, {})]}))
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "bot")
    for command in ("scan", "sweep"):
        done = run_cli(command, "--quiet", "--format", "sarif", cwd=repo)
        assert done.returncode == 1, done.stderr
        report = json.loads(done.stdout)
        validate(report)
        results = report["runs"][0]["results"]
        assert [r["level"] for r in results if not r.get("suppressions")] == ["error"], command
        (result,) = [r for r in results if r.get("suppressions")]
        assert result["level"] == "note"
        assert result["suppressions"] == [
            {
                "kind": "external",
                "status": "accepted",
                "justification": "recorded in the baseline, not audited",
            }
        ]
        assert result["partialFingerprints"]["binanceSecretValue/v1"] == fingerprint(key)[7:]
        assert "Ignored by .secrets.baseline: recorded" in result["message"]["text"]


def test_sweep_reports_values_the_baseline_accepts_and_merge_keeps_them(
    repo: Path, tmp_path: Path
) -> None:
    key, secret = random_key(), random_key()
    (repo / ".env").write_text(env_text(key, secret))
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "bot")
    (repo / ".secrets.baseline").write_text(
        baseline_of({".env": [(key, {}), (secret, {"is_secret": False})]})
    )
    report = run_json(repo, "sweep", "--quiet", code=0)
    assert report["findings"] == []
    by_value = {item["fingerprint"]: item for item in report["ignored"]}
    assert set(by_value) == {fingerprint(key), fingerprint(secret)}
    assert all(item["commit"] for item in by_value.values())
    assert by_value[fingerprint(key)]["ignored_by"] == {
        "reason": "recorded in the baseline, not audited",
        "path": ".env",
        "until": None,
        "source": ".secrets.baseline",
    }
    assert "2 ignored by .secrets.baseline" in run_cli("sweep", "-q", cwd=repo).stdout

    out = tmp_path / "sweep.json"
    out.write_text(json.dumps(report))
    merged = tmp_path / "merged.json"
    done = run_cli("merge", "--format", "json", "-o", str(merged), str(out), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    sources = {item["ignored_by"]["source"] for item in json.loads(merged.read_text())["ignored"]}
    assert sources == {".secrets.baseline"}
    done = run_cli("merge", str(out), cwd=tmp_path)
    assert "2 value(s) ignored by the repositories' .secrets.baseline" in done.stdout


def test_sweep_reports_a_value_in_a_file_the_baseline_excludes(repo: Path) -> None:
    key = random_key()
    (repo / "vendor").mkdir()
    (repo / "vendor" / "bot.env").write_text(f"# binance\nBINANCE_API_KEY={key}\n")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "vendored bot")
    baseline = json.loads(baseline_of({}))
    baseline["filters_used"] = [
        {"path": "detect_secrets.filters.regex.should_exclude_file", "pattern": ["^vendor/"]}
    ]
    (repo / ".secrets.baseline").write_text(json.dumps(baseline))
    report = run_json(repo, "sweep", "--quiet", code=0)
    (item,) = report["ignored"]
    assert item["ignored_by"] == {
        "reason": "in a file the baseline's exclude-files regex matches",
        "path": "vendor/bot.env",
        "until": None,
        "source": ".secrets.baseline",
    }


def test_a_baseline_read_from_a_commit_is_named_with_it(repo: Path) -> None:
    key = random_key()
    (repo / "old.env").write_text(f"# binance\nBINANCE_API_KEY={key}\n")
    (repo / ".secrets.baseline").write_text(baseline_of({"old.env": [(key, {})]}))
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "accepted sample")
    for command in (("scan",), ("sweep", "--quiet")):
        report = run_json(repo, *command, "--config-from", "main", code=0)
        (item,) = report["ignored"]
        assert item["ignored_by"]["source"] == ".secrets.baseline at main", command


def test_a_scan_below_the_top_says_the_baseline_it_did_not_use(repo: Path) -> None:
    """The default baseline's file names are relative to the repository's top, so a scan run
    in a subdirectory does not use it: what it accepts fails there, and the scan says why
    and where to run instead, rather than leaving a 'Found' that the top calls clean."""
    key = random_key()
    (repo / "bot").mkdir()
    (repo / "bot" / ".env").write_text(f"# binance\nBINANCE_API_KEY={key}\n")
    (repo / ".secrets.baseline").write_text(baseline_of({"bot/.env": [(key, {})]}))
    assert run_cli("scan", cwd=repo).returncode == 0
    below = run_cli("scan", cwd=repo / "bot")
    assert below.returncode == 1
    assert (
        f"note: {repo}/.secrets.baseline was not used: its file names are relative to the "
        f"repository's top; run the scan there (cd {repo}) to honour it" in below.stderr
    )
    assert "note:" not in run_cli("scan", "-q", cwd=repo / "bot").stderr
