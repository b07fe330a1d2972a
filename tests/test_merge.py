"""`binance-secrets merge`: scan and sweep reports of many repositories, one report.

Reports are made by the real commands on real temporary repositories; hostile reports are
written by hand (a report is input from elsewhere: a CI job's artifact).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from tests.cli_process import assert_one_line_error, env_text, run_cli
from tests.fake_values import random_key
from tests.gitrepo import GitRepo, isolated_git_env
from tests.test_sarif_schema import validate


def leaky_repo(path: Path, key: str, secret: str) -> GitRepo:
    repo = GitRepo(path)
    repo.commit("bot", {"bot.py": "import binance\n"})
    repo.commit("add settings", {".env": env_text(key, secret)})
    return repo


def sweep_report(repo: Path, out: Path, env: dict[str, str]) -> dict[str, Any]:
    done = run_cli("sweep", "--format", "json", "-o", str(out), str(repo), cwd=repo, env=env)
    assert done.returncode in (0, 1), done.stderr
    return json.loads(out.read_text())


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return isolated_git_env(tmp_path)


@pytest.fixture
def two_sweeps(tmp_path: Path, env: dict[str, str]) -> tuple[Path, Path, Path, Path]:
    """Two repositories sharing one key (a copied bot), each swept to a report."""
    key, secret, other = random_key(), random_key(), random_key()
    first = leaky_repo(tmp_path / "alpha", key, secret).path
    second = leaky_repo(tmp_path / "beta", key, other).path
    sweep_report(first, tmp_path / "alpha.json", env)
    sweep_report(second, tmp_path / "beta.json", env)
    return first, second, tmp_path / "alpha.json", tmp_path / "beta.json"


def merged_json(tmp_path: Path, *reports: Path, code: int = 1) -> dict[str, Any]:
    out = tmp_path / "merged.json"
    done = run_cli("merge", "--format", "json", "-o", str(out), *map(str, reports), cwd=tmp_path)
    assert done.returncode == code, done.stderr
    return json.loads(out.read_text())


def test_merge_keeps_each_findings_repository_and_drops_duplicates(
    tmp_path: Path, two_sweeps: tuple[Path, Path, Path, Path]
) -> None:
    first, second, alpha, beta = two_sweeps
    merged = merged_json(tmp_path, alpha, beta, alpha)  # alpha twice: its findings once
    assert merged["version"] == 1
    assert merged["merged_reports"] == 3
    by_repository: dict[str, list[dict[str, Any]]] = {}
    for finding in merged["findings"]:
        by_repository.setdefault(finding["repository"], []).append(finding)
    assert sorted(by_repository) == sorted([str(first), str(second)])
    assert all(len(found) == 2 for found in by_repository.values())
    # The same schema: every field of the sweep's findings is still there.
    original = json.loads(alpha.read_text())["findings"][0]
    kept = next(f for f in merged["findings"] if f["fingerprint"] == original["fingerprint"])
    assert {k: v for k, v in kept.items() if k != "repository"} == original
    entries = {entry["repository"]: entry for entry in merged["repositories"]}
    assert entries[str(first)]["commits_swept"] == 2
    assert entries[str(first)]["cleanup_sequence"]
    # The merged report merges again into itself.
    again = merged_json(tmp_path, tmp_path / "merged.json", alpha)
    assert again["findings"] == merged["findings"]


def test_merge_text_groups_by_repository_and_sarif_is_valid(
    tmp_path: Path, two_sweeps: tuple[Path, Path, Path, Path]
) -> None:
    first, second, alpha, beta = two_sweeps
    done = run_cli("merge", str(alpha), str(beta), cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    assert done.stdout.index(f"== {first}: 2 finding(s)") < done.stdout.index(
        f"== {second}: 2 finding(s)"
    )
    assert "Found 4 Binance credential(s) in 2 of 2 repositories swept." in done.stdout
    sarif_out = tmp_path / "merged.sarif"
    done = run_cli("merge", "--format", "sarif", "-o", str(sarif_out), str(alpha), str(beta),
                   cwd=tmp_path)  # fmt: skip
    assert done.returncode == 1, done.stderr
    # A report written to a file leaves the verdict in the log, as scan and sweep do.
    verdict = "Found 4 Binance credential(s) in 2 of 2 repositories swept."
    assert done.stderr == f"binance-secrets: {verdict} Report: {sarif_out}\n"
    report = json.loads(sarif_out.read_text())
    validate(report)
    (run,) = report["runs"]
    assert len(run["results"]) == 4
    bases = run["originalUriBaseIds"]
    for result in run["results"]:
        location = result["locations"][0]["physicalLocation"]["artifactLocation"]
        base = bases[location["uriBaseId"]]
        assert base["uri"] == Path(result["properties"]["repository"]).as_uri() + "/"


def test_merge_takes_quiet_as_scan_and_sweep_do(
    tmp_path: Path, two_sweeps: tuple[Path, Path, Path, Path]
) -> None:
    # `merge -q` was "No such option" (the org sweep already had it): a CI matrix's merge
    # step could not keep its log to errors as the sweeps before it did.
    _, _, alpha, beta = two_sweeps
    args = ("merge", "--format", "json", "-o", "merged.json", str(alpha), str(beta))
    said = run_cli(*args, cwd=tmp_path)
    assert said.returncode == 1 and said.stderr.startswith("binance-secrets: Found ")
    quiet = run_cli(*args, "-q", cwd=tmp_path)
    assert (quiet.returncode, quiet.stdout, quiet.stderr) == (1, "", "")
    assert json.loads((tmp_path / "merged.json").read_text())["findings"]


def test_merge_of_scan_reports_names_each_root(tmp_path: Path, env: dict[str, str]) -> None:
    reports = []
    for name in ("one", "two"):
        folder = tmp_path / name
        folder.mkdir()
        (folder / ".env").write_text(env_text(random_key(), random_key()))
        out = tmp_path / f"{name}.json"
        done = run_cli("scan", "--all-files", "--format", "json", "-o", str(out), ".", cwd=folder)
        assert done.returncode == 1, done.stderr
        reports.append(out)
    merged = merged_json(tmp_path, *reports)
    assert {f["repository"] for f in merged["findings"]} == {
        str(tmp_path / "one"), str(tmp_path / "two")
    }
    assert merged["root"] == str(tmp_path)


def test_clean_reports_merge_to_exit_0(tmp_path: Path, env: dict[str, str]) -> None:
    repo = GitRepo(tmp_path / "clean")
    repo.commit("readme", {"README.md": "hello\n"})
    report = sweep_report(repo.path, tmp_path / "clean.json", env)
    assert report["findings"] == []
    merged = merged_json(tmp_path, tmp_path / "clean.json", code=0)
    assert merged["findings"] == []
    assert merged["repositories"][0]["repository"] == str(repo.path)


def base_report(tmp_path: Path, **finding: Any) -> dict[str, Any]:
    fields = {
        "type": "Binance API Key",
        "path": ".env",
        "line": 2,
        "redacted": "AbCd...WxYz",
        "fingerprint": "sha256:" + "a" * 64,
        "pair": None,
        "example": False,
        "environment": "unknown",
    }
    fields.update(finding)
    return {"version": 1, "root": str(tmp_path), "findings": [fields], "skipped": []}


def write(tmp_path: Path, name: str, report: object) -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(report))
    return path


def test_reports_of_different_versions_are_refused(tmp_path: Path) -> None:
    one = write(tmp_path, "one.json", base_report(tmp_path))
    two = write(tmp_path, "two.json", {**base_report(tmp_path), "version": 2})
    done = run_cli("merge", str(one), str(two), cwd=tmp_path)
    assert_one_line_error(done, "two.json", "version 2", "version 1", "different versions")
    done = run_cli("merge", str(two), cwd=tmp_path)
    assert_one_line_error(done, "version 2", "reads and writes version 1")
    # The same schema, written by two releases of the tool.
    old = write(tmp_path, "old.json", {**base_report(tmp_path), "tool_version": "0.1.0"})
    new = write(tmp_path, "new.json", {**base_report(tmp_path), "tool_version": "0.2.0"})
    done = run_cli("merge", str(old), str(new), cwd=tmp_path)
    assert_one_line_error(done, "new.json", "0.2.0", "0.1.0", "different versions")
    assert run_cli("merge", str(old), str(old), cwd=tmp_path).returncode == 1


@pytest.mark.parametrize(
    ("finding", "words"),
    [
        ({"path": "../../etc/passwd"}, ["path"]),
        ({"line": "3"}, ["line"]),
        ({"fingerprint": "sha256:xyz"}, ["fingerprint"]),
        ({"commit": "--output=/tmp/x"}, ["commit"]),
        ({"refs": [{"a": 1}]}, ["refs"]),
        ({"cleanup": "rm -rf /"}, ["cleanup"]),
        ({"repository": "ext::sh -c touch% /tmp/pwned"}, ["repository"]),
        ({"also": [{"commit": "HEAD", "path": "x", "line": 1}]}, ["also"]),
        ({"subject": "x" * 100_000}, ["subject"]),
    ],
)
def test_a_hostile_report_is_refused_with_one_line(
    tmp_path: Path, finding: dict[str, Any], words: list[str]
) -> None:
    good = write(tmp_path, "good.json", base_report(tmp_path))
    bad = write(tmp_path, "bad.json", base_report(tmp_path, **finding))
    done = run_cli("merge", str(good), str(bad), cwd=tmp_path)
    assert_one_line_error(done, "bad.json", "refused", *words)
    assert done.stdout == ""


def test_unreadable_inputs_are_refused(tmp_path: Path) -> None:
    good = write(tmp_path, "good.json", base_report(tmp_path))
    for bad, words in (
        ("/dev/zero", ["not a regular file"]),
        (str(tmp_path), ["directory"]),
        (str(write(tmp_path, "list.json", [1, 2])), ["not a binance-secrets report"]),
        (str(write(tmp_path, "broken.json", "{")), []),
        (
            str(write(tmp_path, "check.json", {"version": 1, "keys": [], "not_asked": []})),
            ["check.json", "is a check report (check --format json)"],
        ),
    ):
        done = run_cli("merge", str(good), bad, cwd=tmp_path)
        assert_one_line_error(done, *words)
    (tmp_path / "text.json").write_text("{not json")
    assert_one_line_error(run_cli("merge", str(tmp_path / "text.json"), cwd=tmp_path), "not JSON")


def test_a_key_anywhere_in_a_report_is_redacted_and_unknown_fields_dropped(
    tmp_path: Path,
) -> None:
    key = random_key()
    report = base_report(
        tmp_path,
        commit="0" * 40,
        subject=f"add {key}",
        lives_in={"note": f"x\n{key}"},
        injected={"anything": key},
    )
    report["repository"] = f"https://bot:{random_key()}@git.example.invalid/org/bot.git"
    merged = merged_json(write(tmp_path, "in.json", report).parent, tmp_path / "in.json")
    text = json.dumps(merged)
    assert key not in text
    (finding,) = merged["findings"]
    assert "injected" not in finding
    assert finding["subject"] == f"add {key[:4]}...{key[-4:]}"
    assert finding["repository"] == "https://***@git.example.invalid/org/bot.git"


def test_org_report_errors_survive_a_merge_and_exit_2(tmp_path: Path) -> None:
    report = {
        "version": 1,
        "root": str(tmp_path),
        "repositories": [
            {"repository": str(tmp_path / "gone"), "error": "no such directory"},
            {"repository": str(tmp_path / "fine"), "commits_swept": 3},
        ],
        "findings": [],
        "skipped": [],
    }
    merged = merged_json(tmp_path, write(tmp_path, "org.json", report), code=2)
    entries = {e["repository"]: e for e in merged["repositories"]}
    assert entries[str(tmp_path / "gone")]["error"] == "no such directory"
    done = run_cli("merge", str(tmp_path / "org.json"), cwd=tmp_path)
    assert done.returncode == 2
    assert f"Not swept: {tmp_path / 'gone'}: no such directory" in done.stdout


def test_merge_never_writes_through_a_symlink(tmp_path: Path) -> None:
    good = write(tmp_path, "good.json", base_report(tmp_path))
    target = tmp_path / "target"
    target.write_text("keep")
    os.symlink(target, tmp_path / "out.json")
    done = run_cli("merge", "-o", str(tmp_path / "out.json"), str(good), cwd=tmp_path)
    assert_one_line_error(done, "symlink")
    assert target.read_text() == "keep"


def test_many_reports_merge_through_the_worker_processes(tmp_path: Path) -> None:
    """More reports than cores: they are read by worker processes, kept in order."""
    paths = []
    for number in range(12):
        report = base_report(tmp_path, fingerprint=f"sha256:{number:064x}")
        report["repository"] = str(tmp_path / f"repo{number % 5}")
        paths.append(write(tmp_path, f"r{number}.json", report))
    merged = merged_json(tmp_path, *paths, *paths)
    assert [f["fingerprint"] for f in merged["findings"]] == sorted(
        (f"sha256:{n:064x}" for n in range(12)), key=lambda fp: (int(fp[7:], 16) % 5, fp)
    )


def test_values_a_project_config_ignores_stay_ignored_in_the_merge(
    tmp_path: Path, env: dict[str, str]
) -> None:
    from binance_secrets.plugins.detection.findings import fingerprint

    key, secret = random_key(), random_key()
    repo = leaky_repo(tmp_path / "fixtures", key, secret)
    config = "".join(
        f'[[ignore]]\nfingerprint = "{fingerprint(v)}"\nreason = "revoked sample"\n\n'
        for v in (key, secret)
    )
    repo.commit("accept the sample", {".binance-secrets.toml": config})
    report = sweep_report(repo.path, tmp_path / "fixtures.json", env)
    assert report["findings"] == [] and len(report["ignored"]) == 2
    merged = merged_json(tmp_path, tmp_path / "fixtures.json", code=0)
    assert merged["findings"] == []
    assert [i["ignored_by"]["reason"] for i in merged["ignored"]] == ["revoked sample"] * 2
    assert {i["repository"] for i in merged["ignored"]} == {str(repo.path)}
    done = run_cli("merge", str(tmp_path / "fixtures.json"), cwd=tmp_path)
    assert "2 value(s) ignored" in done.stdout
