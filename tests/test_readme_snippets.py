"""The README's user snippets, run as written: the pre-commit config and both CI templates.

Each snippet is read from between its markers in README.md, so the README cannot drift
from what these tests prove. ``REPO`` and ``REV`` (the README's placeholders for the
repository URL and a commit) become a local clone of this project and its HEAD commit;
pre-commit then installs binance-secrets from that clone the way it would from the real
URL (a fresh virtualenv, dependencies from the package index).
"""

from __future__ import annotations

import json
import re
import shlex
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

from tests.emulator.fixtures import emulator_fixture, hmac_account  # noqa: F401
from tests.emulator.server import Emulator
from tests.fake_values import random_key
from tests.gitrepo import VENV_BIN, init_repo, run

PROJECT = Path(__file__).resolve().parent.parent
README = (PROJECT / "README.md").read_text(encoding="utf-8")
SCHEMA = json.loads((Path(__file__).parent / "schemas" / "sarif-schema-2.1.0.json").read_text())


def snippet(name: str) -> str:
    match = re.search(
        rf"<!-- {name}:start -->\n```\w*\n(.*?)```\n<!-- {name}:end -->", README, re.DOTALL
    )
    assert match, f"README has no {name} snippet between its markers"
    return match.group(1)






@pytest.mark.slow  # pre-commit builds a Python environment
def test_the_pre_commit_snippet_works_as_written(
    tmp_path: Path, env: dict[str, str], emulator: Emulator
) -> None:
    clone = tmp_path / "binance-secrets"
    done = run(tmp_path, env, "git", "clone", "-q", str(PROJECT), str(clone))
    assert done.returncode == 0, done.stderr
    rev = run(clone, env, "git", "rev-parse", "HEAD").stdout.strip()

    repo = init_repo(tmp_path / "repo", env)
    config = snippet("precommit-snippet").replace("REPO", str(clone)).replace("REV", rev)
    assert yaml.safe_load(config)["repos"][0]["rev"] == rev
    (repo / ".pre-commit-config.yaml").write_text(config)
    assert run(repo, env, sys.executable, "-m", "pre_commit", "install").returncode == 0

    (repo / "app.py").write_text("import os\nkey = os.environ['BINANCE_API_KEY']\n")
    assert run(repo, env, "git", "add", ".").returncode == 0
    clean = run(repo, env, "git", "commit", "-m", "clean")
    assert clean.returncode == 0, clean.stdout + clean.stderr

    account, secret = hmac_account(emulator)
    key = account.api_key
    (repo / ".env").write_text(f"BINANCE_API_KEY={key}\nBINANCE_API_SECRET={secret}\n")
    assert run(repo, env, "git", "add", ".env").returncode == 0
    blocked = run(repo, env, "git", "commit", "-m", "key")
    text = blocked.stdout + blocked.stderr
    assert blocked.returncode != 0, text
    assert "binance-secrets blocked this commit" in text and ".env:1: Binance API Key" in text
    assert key not in text
    assert run(repo, env, "git", "rev-list", "--count", "HEAD").stdout.strip() == "1"

    # The live check it prints runs in pre-commit's own environment (binance-secrets is not
    # on that PATH) and still finds the key once the work tree no longer has it.
    (repo / ".env").write_text("BINANCE_API_KEY=\n")
    line = next(line for line in text.splitlines() if "check --staged" in line)
    command = shlex.split(line.strip())
    assert str(env["PRE_COMMIT_HOME"]) in command[0]
    endpoint = ["--endpoint", emulator.url, "--allow-unofficial-endpoint"]
    checked = run(repo, env, *command, *endpoint)
    assert checked.returncode == 1, checked.stdout + checked.stderr  # active
    assert f"{key[:4]}...{key[-4:]}" in checked.stdout and "filter-repo" not in checked.stdout

    # The blocked commit's advice, followed as written with this snippet, lets the commit
    # through: the hook takes .secrets.baseline as its baseline (no --baseline in `args`).
    # The command it names is pre-commit's own environment's (not on PATH).
    advice = re.search(
        r"record it in a baseline \(`(\S+/binance-secrets baseline)`, then commit "
        r"\.secrets\.baseline\)",
        text,
    )
    assert advice, text
    assert str(env["PRE_COMMIT_HOME"]) in advice.group(1)
    (repo / ".env").write_text(f"BINANCE_API_KEY={key}\nBINANCE_API_SECRET={secret}\n")
    assert run(repo, env, "git", "add", ".env").returncode == 0
    made = run(repo, env, *shlex.split(advice.group(1)))
    assert made.returncode == 0, made.stdout + made.stderr
    assert run(repo, env, "git", "add", ".secrets.baseline").returncode == 0
    recorded = run(repo, env, "git", "commit", "-m", "key, recorded in the baseline")
    assert recorded.returncode == 0, recorded.stdout + recorded.stderr


def _commands(template: dict) -> list[str]:
    """The binance-secrets command lines of a GitHub Actions or GitLab CI template."""
    lines: list[str] = []
    for job in template.get("jobs", {}).values():
        lines += [step["run"] for step in job["steps"] if "run" in step]
    for job in template.values():
        if isinstance(job, dict) and "script" in job:
            lines += job["script"]
    return lines


@pytest.mark.parametrize("name", ["github-actions", "gitlab-ci"])
def test_ci_template_installs_pinned_and_its_commands_work(
    name: str, tmp_path: Path, env: dict[str, str]
) -> None:
    """The README's copy of each template is the file in docs/ci/ it links; the template
    installs a pinned REV; its plain binance-secrets command lines run
    (tests/test_ci_templates.py lints the templates and runs their whole steps)."""
    text = (PROJECT / "docs" / "ci" / f"{name}.yml").read_text()
    assert f"(docs/ci/{name}.yml)" in README
    assert snippet({"github-actions": "ci-github", "gitlab-ci": "ci-gitlab"}[name]) == text
    template = yaml.safe_load(text)
    commands = _commands(template)
    installs = [c for c in commands if "pip install" in c]
    assert installs == ['python -m pip install "binance-secrets @ git+REPO@REV"']
    if name == "github-actions":
        (job,) = template["jobs"].values()
        uses = [s["uses"] for s in job["steps"] if "uses" in s]
        assert all(re.search(r"@[0-9a-f]{40}$", action) for action in uses), uses

    repo = init_repo(tmp_path / "checkout", env)
    (repo / "bot").mkdir()
    (repo / "bot" / "config.py").write_text(f"BINANCE_API_SECRET = '{random_key()}'\n")
    assert run(repo, env, "git", "add", ".").returncode == 0
    assert run(repo, env, "git", "commit", "-q", "-m", "bot").returncode == 0

    # The plain command lines (a GitLab line's `|| worst=...` bookkeeping cut off); the
    # sweeps, which need the CI's variables, run in tests/test_ci_templates.py.
    ours = [c.split(" || ")[0] for c in commands if c.startswith("binance-secrets ")]
    ours = [c for c in ours if "$" not in c]
    assert any(" scan " in c for c in ours)
    for line in ours:
        argv = shlex.split(line)
        done = run(repo, env, str(VENV_BIN / argv[0]), *argv[1:])
        assert done.returncode == 1, f"{line}: {done.stderr}"
        output = repo / argv[argv.index("--output") + 1]
        report = json.loads(output.read_text())
        if "sarif" in line:
            jsonschema.Draft4Validator(SCHEMA).validate(report)
            results = report["runs"][0]["results"]
        else:
            results = report["findings"]
        assert len(results) == 1, line
