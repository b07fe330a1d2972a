"""`binance-secrets sweep` of many repositories: paths, clone URLs, --repos, --jobs.

Real repositories in a temporary directory, swept by the real console entry in a
subprocess; URLs are file:// URLs of local repositories (no network).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from tests.cli_process import assert_one_line_error, env_text, run_cli
from tests.fake_values import random_key
from tests.gitrepo import GitRepo, scratch_git_env


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return scratch_git_env(tmp_path)


@pytest.fixture
def org(tmp_path: Path) -> dict[str, Path]:
    """leaky (a key), clean, copied (the same key, bare: a server's copy)."""
    key, secret = random_key(), random_key()
    leaky = GitRepo(tmp_path / "leaky")
    leaky.commit("bot", {"bot.py": "import binance\n"})
    leaky.commit("settings", {".env": env_text(key, secret)})
    clean = GitRepo(tmp_path / "clean")
    clean.commit("readme", {"README.md": "hello\n"})
    copied = GitRepo(tmp_path / "copied-work")
    copied.commit("fork", {"config/.env": env_text(key, random_key()), "b.py": "import binance"})
    bare = tmp_path / "copied.git"
    copied.git("clone", "-q", "--bare", str(copied.path), str(bare))
    return {"leaky": leaky.path, "clean": clean.path, "copied": bare}


def sweep_json(
    tmp_path: Path, env: dict[str, str], *args: str, code: int
) -> tuple[dict[str, Any], str]:
    out = tmp_path / f"org-{len(list(tmp_path.glob('org-*.json')))}.json"
    done = run_cli("sweep", "--format", "json", "-o", str(out), *args, cwd=tmp_path, env=env)
    assert done.returncode == code, (done.stdout, done.stderr)
    assert "Traceback" not in done.stderr
    return json.loads(out.read_text()), done.stderr


def by_repository(report: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    found: dict[str, list[dict[str, Any]]] = {}
    for finding in report["findings"]:
        found.setdefault(finding["repository"], []).append(finding)
    return found


def test_paths_and_urls_make_one_report_and_failures_are_reported(
    tmp_path: Path, env: dict[str, str], org: dict[str, Path]
) -> None:
    url = (tmp_path / "leaky").as_uri()
    report, stderr = sweep_json(
        tmp_path, env, str(org["leaky"]), str(org["clean"]), str(org["copied"]), url,
        str(tmp_path / "missing"), "ext::sh -c touch% /tmp/pwned", str(tmp_path),
        code=1,
    )  # fmt: skip
    found = by_repository(report)
    assert sorted(found) == sorted([str(org["leaky"]), str(org["copied"]), url])
    assert len(found[url]) == len(found[str(org["leaky"])]) == 2
    assert {f["commit"] for f in found[url]} == {f["commit"] for f in found[str(org["leaky"])]}
    entries = {entry["repository"]: entry for entry in report["repositories"]}
    assert list(entries) == [
        str(org["leaky"]),
        str(org["clean"]),
        str(org["copied"]),
        url,
        str(tmp_path / "missing"),
        "ext::sh -c touch% /tmp/pwned",
        str(tmp_path),
    ]  # fmt: skip, in the order given
    assert entries[str(tmp_path / "missing")]["error"] == "no such directory"
    assert "clone refused" in entries["ext::sh -c touch% /tmp/pwned"]["error"]
    assert "not a git repository" in entries[str(tmp_path)]["error"]
    assert entries[str(org["clean"])] == {
        "repository": str(org["clean"]), "commits_swept": 1, "findings": 0, "failing": 0,
    }  # fmt: skip
    assert not Path("/tmp/pwned").exists()
    assert "[7/7]" in stderr
    # The clone was removed with the temporary directory.
    assert list(Path(env["TMPDIR"]).iterdir()) == []


def test_exit_2_when_a_repository_failed_and_nothing_was_found(
    tmp_path: Path, env: dict[str, str], org: dict[str, Path]
) -> None:
    _, stderr = sweep_json(tmp_path, env, str(org["clean"]), str(tmp_path / "missing"), code=2)
    # The verdict of a report written to a file is in the log, as a single sweep's is.
    assert "binance-secrets: No Binance credentials found in 1 repository swept; 1 could " in stderr
    report, stderr = sweep_json(tmp_path, env, str(org["clean"]), org["clean"].as_uri(), code=0)
    assert report["findings"] == []
    assert len(report["repositories"]) == 2
    assert "binance-secrets: No Binance credentials found in 2 repositories. Report: " in stderr
    done = run_cli("sweep", "-q", "-o", str(tmp_path / "q.txt"), str(org["clean"]),
                   org["clean"].as_uri(), cwd=tmp_path, env=env)  # fmt: skip
    assert done.returncode == 0 and done.stderr == ""


def test_repos_file_with_comments_and_keep_clones(
    tmp_path: Path, env: dict[str, str], org: dict[str, Path]
) -> None:
    listing = tmp_path / "repos.txt"
    listing.write_text(
        "# the organisation\n\n"
        f"{org['clean']}\n"
        f"  {org['leaky'].as_uri()}  \n"
        "# retired:\n# /nowhere\n"
    )
    kept = tmp_path / "clones"
    report, _ = sweep_json(
        tmp_path, env, "--repos", str(listing), "--keep-clones", str(kept), code=1
    )
    assert [e["repository"] for e in report["repositories"]] == [
        str(org["clean"]),
        org["leaky"].as_uri(),
    ]
    (clone,) = kept.iterdir()
    assert report["repositories"][1]["clone"] == str(clone)
    assert (clone / "HEAD").is_file() and not (clone / ".git").exists()  # bare
    # Kept clones are never overwritten: a second run reports the clash.
    again, _ = sweep_json(
        tmp_path, env, "--repos", str(listing), "--keep-clones", str(kept), code=2
    )
    assert "already exists" in again["repositories"][1]["error"]


def test_jobs_2_gives_the_report_of_jobs_1(
    tmp_path: Path, env: dict[str, str], org: dict[str, Path]
) -> None:
    targets = [str(org["leaky"]), str(org["clean"]), str(org["copied"])]
    one, _ = sweep_json(tmp_path, env, "--jobs", "1", *targets, code=1)
    two, _ = sweep_json(tmp_path, env, "--jobs", "2", *targets, code=1)
    assert one["findings"] == two["findings"]
    assert one["repositories"] == two["repositories"]


def test_text_groups_by_repository_and_sarif_holds_all(
    tmp_path: Path, env: dict[str, str], org: dict[str, Path]
) -> None:
    from tests.test_sarif_schema import validate

    targets = [str(org["leaky"]), str(org["copied"])]
    done = run_cli("sweep", *targets, cwd=tmp_path, env=env)
    assert done.returncode == 1, done.stderr
    assert done.stdout.index(f"== {org['leaky']}: 2 finding(s)") < done.stdout.index(
        f"== {org['copied']}: 2 finding(s)"
    )
    out = tmp_path / "org.sarif"
    done = run_cli("sweep", "--format", "sarif", "-o", str(out), *targets, cwd=tmp_path, env=env)
    assert done.returncode == 1, done.stderr
    sarif = json.loads(out.read_text())
    validate(sarif)
    assert {r["properties"]["repository"] for r in sarif["runs"][0]["results"]} == set(targets)


def test_verbose_lists_each_repositorys_ignored_values_as_one_repositorys_sweep_does(
    tmp_path: Path, env: dict[str, str], org: dict[str, Path]
) -> None:
    """`sweep -v` of several repositories said the ignored values were "listed in --format
    json" where one repository's `sweep -v` lists them; and its fingerprints stayed short."""
    from binance_secrets.plugins.detection.findings import fingerprint

    key = random_key()
    accepted = GitRepo(tmp_path / "accepted")
    accepted.commit("fixture", {"bot.py": "import binance\n", ".env": env_text(key, "")})
    # The whole fingerprint is what `binance-secrets ignore` takes, and what -v shows.
    whole = fingerprint(key)
    assert run_cli("ignore", whole, "--reason", "revoked sample", cwd=accepted.path,
                   env=env).returncode == 0  # fmt: skip
    targets = [str(org["leaky"]), str(accepted.path)]
    done = run_cli("sweep", "-v", *targets, cwd=tmp_path, env=env)
    assert done.returncode == 1, done.stderr
    section = done.stdout[done.stdout.index(f"== {accepted.path}: 0 finding(s)") :]
    assert section.index("Ignored by .binance-secrets.toml:") < section.index(whole)
    assert "ignored:     revoked sample (.binance-secrets.toml:" in section
    assert "-v lists them" not in done.stdout and "listed in --format json" not in done.stdout
    assert "(listed above, with the reasons)" in done.stdout
    leaky = json.loads(run_cli("sweep", "-q", "--format", "json", str(org["leaky"]),
                               cwd=tmp_path, env=env).stdout)  # fmt: skip
    assert {f"fingerprint: {f['fingerprint']}" for f in leaky["findings"]} <= {
        line.strip() for line in done.stdout.splitlines()
    }
    quiet = run_cli("sweep", *targets, cwd=tmp_path, env=env)
    assert "Ignored by" not in quiet.stdout and whole not in quiet.stdout
    assert "1 value(s) ignored by the repositories' .binance-secrets.toml (-v lists them" in (
        quiet.stdout
    )
    report = tmp_path / "org.json"
    run_cli("sweep", "-q", "--format", "json", "-o", str(report), *targets, cwd=tmp_path, env=env)
    merged = run_cli("merge", "-v", str(report), cwd=tmp_path, env=env)
    assert merged.returncode == 1 and "ignored:     revoked sample" in merged.stdout


def test_one_path_is_still_the_single_repository_sweep(
    tmp_path: Path, env: dict[str, str], org: dict[str, Path]
) -> None:
    report, _ = sweep_json(tmp_path, env, "--jobs", "1", str(org["leaky"]), code=1)
    assert "repositories" not in report
    assert report["repository"] == str(org["leaky"])


def test_options_of_one_repository_are_refused_for_several(
    tmp_path: Path, env: dict[str, str], org: dict[str, Path]
) -> None:
    targets = [str(org["leaky"]), str(org["clean"])]
    for option, words in (
        (["--ref", "main"], ["--ref", "one repository"]),
        (["--replacements", str(tmp_path / "r.txt")], ["--replacements"]),
        (["--verify"], ["--verify", "check --report"]),
        # The write-up is one repository's; several printed the text report instead.
        (["--format", "markdown"], ["--format markdown", "one repository"]),
    ):
        done = run_cli("sweep", *option, *targets, cwd=tmp_path, env=env)
        assert_one_line_error(done, *words)


def test_a_password_in_a_url_never_reaches_the_report(tmp_path: Path, env: dict[str, str]) -> None:
    token = random_key()
    url = f"http://bot:{token}@127.0.0.1:9/org/bot.git"
    report, stderr = sweep_json(tmp_path, env, url, code=2)
    assert token not in json.dumps(report) + stderr
    (entry,) = report["repositories"]
    assert entry["repository"] == "http://***@127.0.0.1:9/org/bot.git"
    assert entry["error"].startswith("clone failed")


def test_a_clone_allows_only_its_own_protocol(tmp_path: Path) -> None:
    from binance_secrets.hooks.git.clone import CloneError, clone_command

    command = clone_command("https://example.invalid/org/bot.git", str(tmp_path / "c"))
    assert command[command.index("protocol.allow=never") + 2] == "protocol.https.allow=always"
    assert command[-3:] == ["--", "https://example.invalid/org/bot.git", str(tmp_path / "c")]
    assert "--bare" in command
    assert "core.hooksPath=/dev/null" in command
    for url in ("ext::sh -c id", "fd::3", "-uhttps://x", "foo://bar", "/local/path"):
        with pytest.raises(CloneError):
            clone_command(url, str(tmp_path / "c"))
    ssh = clone_command("git@example.invalid:org/bot.git", "d")
    assert ssh[ssh.index("protocol.allow=never") + 2] == "protocol.ssh.allow=always"


def test_a_local_repository_swept_in_place_is_not_cloned(
    tmp_path: Path, env: dict[str, str], org: dict[str, Path]
) -> None:
    before = sorted(os.listdir(org["leaky"] / ".git"))
    report, _ = sweep_json(tmp_path, env, str(org["leaky"]), str(org["clean"]), code=1)
    assert "clone" not in report["repositories"][0]
    assert sorted(os.listdir(org["leaky"] / ".git")) == before


def test_a_cloned_repository_reads_its_own_project_config(
    tmp_path: Path, env: dict[str, str]
) -> None:
    """A URL is cloned bare: its .binance-secrets.toml comes from the default branch's
    tree, as a path swept in place reads it from its work tree. A hostile config refuses
    that repository's sweep with its one-line reason, and the others go on."""
    configured = GitRepo(tmp_path / "configured")
    configured.commit(
        "bot and its fixtures",
        {
            "bot.py": "import binance\n",
            "fixtures/.env": env_text(random_key(), random_key()),
            ".binance-secrets.toml": '[exclude]\npaths = ["fixtures/**"]\n',
        },
    )
    configured.commit("settings", {".env": env_text(random_key(), random_key())})
    hostile = GitRepo(tmp_path / "hostile")
    hostile.commit(
        "config", {"bot.py": "import binance\n", ".binance-secrets.toml": "[exclude]\npaths = 7\n"}
    )
    url, bad_url = configured.path.as_uri(), hostile.path.as_uri()
    report, _ = sweep_json(tmp_path, env, url, str(configured.path), bad_url, code=1)
    found = by_repository(report)
    assert {f["path"] for f in found[url]} == {".env"}
    assert {f["path"] for f in found[str(configured.path)]} == {".env"}
    entries = {entry["repository"]: entry for entry in report["repositories"]}
    assert ".binance-secrets.toml" in entries[bad_url]["error"]
    assert "Traceback" not in entries[bad_url]["error"]
