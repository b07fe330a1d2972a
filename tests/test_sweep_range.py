"""`sweep --range`: only the commits of a git revision range (a pull request's commits).

Real repositories (tests.gitrepo.GitRepo), the real console entry point; keys are random.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from binance_secrets.plugins.detection.findings import fingerprint
from tests.cli_process import assert_one_line_error, run_cli
from tests.fake_values import random_key
from tests.gitrepo import GitRepo


@pytest.fixture
def history(tmp_path: Path) -> tuple[GitRepo, dict[str, str], dict[str, str]]:
    """main: a commit with an old key, then one without; feature: two commits, each adding
    a key. Returns the repository, the keys by commit name and the shas by commit name."""
    repo = GitRepo(tmp_path / "repo")
    keys = {name: random_key() for name in ("old", "first", "second")}
    shas = {"old": repo.commit("old", {"old.env": f"BINANCE_API_KEY={keys['old']}\n"})}
    shas["base"] = repo.commit("base", {"app.py": "print('hi')\n"}, remove=("old.env",))
    repo.git("checkout", "-q", "-b", "feature")
    shas["first"] = repo.commit("first", {"a.env": f"BINANCE_API_KEY={keys['first']}\n"})
    shas["second"] = repo.commit("second", {"b.env": f"BINANCE_API_KEY={keys['second']}\n"})
    return repo, keys, shas


def swept(repo: GitRepo, *args: str) -> tuple[int, dict]:
    done = run_cli("sweep", "--quiet", "--format", "json", *args, cwd=repo.path)
    assert done.returncode in (0, 1), done.stderr
    return done.returncode, json.loads(done.stdout)


def found(report: dict) -> set[str]:
    return {finding["fingerprint"] for finding in report["findings"]}


def test_a_range_sweeps_only_its_commits(history) -> None:
    repo, keys, shas = history
    code, report = swept(repo, "--range", "main..feature")
    assert code == 1
    assert found(report) == {fingerprint(keys["first"]), fingerprint(keys["second"])}
    assert report["commits_swept"] == 2
    assert report["scope"]["range"] == "main..feature"

    _, report = swept(repo, "--range", f"{shas['second']}^!")
    assert found(report) == {fingerprint(keys["second"])} and report["commits_swept"] == 1
    _, report = swept(repo, "--range", "feature...main")
    assert found(report) == {fingerprint(keys["first"]), fingerprint(keys["second"])}
    code, report = swept(repo, "--range", f"{shas['old']}..main")
    assert code == 0 and report["commits_swept"] == 1 and report["findings"] == []
    # Without --range, everything: the old key too.
    assert fingerprint(keys["old"]) in found(swept(repo)[1])


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("--output=stolen", "not a revision range"),
        ("-n1", "not a revision range"),
        ("nope..main", "no such range"),
        ("main..--output=stolen", "no such range"),
        ("main^{tree}", "not a range of commits"),
        ("^main", "names no commit"),
    ],
)
def test_a_bad_range_is_refused_in_one_line(history, value: str, words: str) -> None:
    repo, _, _ = history
    done = run_cli("sweep", "--range", value, cwd=repo.path)
    assert_one_line_error(done, "--range", words)
    assert not (repo.path / "stolen").exists()


def test_range_and_ref_do_not_combine(history) -> None:
    repo, _, _ = history
    done = run_cli("sweep", "--range", "main..feature", "--ref", "main", cwd=repo.path)
    assert done.returncode == 2 and "cannot be combined" in done.stderr
