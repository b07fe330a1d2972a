"""The pre-commit framework running this repository's `.pre-commit-hooks.yaml` hook.

The real pre-commit (the one installed next to this interpreter) runs in a temporary git
repository with its own PRE_COMMIT_HOME. Its config is a `repo: local` hook built from the
manifest: every key of the manifest's `binance-secrets` hook (id, name, entry, types,
stages, ...) is copied as is, and only `language: python` becomes `language: system`, so
the manifest's own `entry` resolves to the `binance-secrets` installed in this virtualenv
(put first on PATH). A change to the manifest therefore changes what these tests run.

Why not only `pre-commit try-repo <this repo>` (which also exercises `language: python`):
it creates a fresh virtualenv and pip-installs this project and all its dependencies from
a package index (about 6 s; it needs the package registry, which CI has), and it installs
from the repository's tracked files, so files not yet added to git are missing from it.
One test does exactly that; the others use the manifest-driven local hook.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.fake_values import random_key
from tests.gitrepo import run

PROJECT = Path(__file__).resolve().parent.parent
MANIFEST = PROJECT / ".pre-commit-hooks.yaml"
HOOK_ID = "binance-secrets"



def manifest_hook() -> dict:
    hooks = yaml.safe_load(MANIFEST.read_text())
    matching = [hook for hook in hooks if hook["id"] == HOOK_ID]
    assert len(matching) == 1, f"{MANIFEST} must define exactly one {HOOK_ID} hook"
    return matching[0]


@pytest.fixture
def repo(repo: Path, env: dict[str, str]) -> Path:
    """The shared empty repository with a committed .pre-commit-config.yaml that runs the
    manifest's hook."""
    hook = dict(manifest_hook(), language="system")
    config = {"repos": [{"repo": "local", "hooks": [hook]}]}
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config, sort_keys=False))
    run(repo, env, "git", "add", ".pre-commit-config.yaml", check=True)
    run(repo, env, "git", "commit", "-q", "--no-verify", "-m", "pre-commit config", check=True)
    return repo


def pre_commit(repo: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return run(repo, env, sys.executable, "-m", "pre_commit", *args)


def commit(repo: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return run(repo, env, "git", "commit", "-m", "change")


def commit_count(repo: Path, env: dict[str, str]) -> int:
    return int(run(repo, env, "git", "rev-list", "--count", "HEAD", check=True).stdout)


def output(result: subprocess.CompletedProcess[str]) -> str:
    return result.stdout + result.stderr


@pytest.fixture
def installed(repo: Path, env: dict[str, str]) -> Path:
    result = pre_commit(repo, env, "install")
    assert result.returncode == 0, output(result)
    assert "pre_commit" in (repo / ".git" / "hooks" / "pre-commit").read_text()
    return repo


def test_manifest_is_valid_and_runs_at_the_pre_commit_stage_only(
    tmp_path: Path, env: dict[str, str]
) -> None:
    result = pre_commit(tmp_path, env, "validate-manifest", str(MANIFEST))
    assert result.returncode == 0, output(result)
    hook = manifest_hook()
    assert hook["stages"] == ["pre-commit"]
    assert hook["entry"].split()[:2] == ["binance-secrets", "scan"]
    assert hook["language"] == "python"
    assert hook["types"] == ["text"]
    assert hook.get("pass_filenames", True) is True
    assert hook["require_serial"] is True  # one process, one report per commit
    assert "--hook pre-commit" in hook["entry"]

    # The stage name `pre-commit` (not the legacy `commit`) needs pre-commit >= 3.2.
    from pre_commit.clientlib import STAGES

    assert "pre-commit" in STAGES
    minimum = tuple(int(p) for p in hook["minimum_pre_commit_version"].split("."))
    assert minimum >= (3, 2, 0)


def test_staged_key_blocks_the_commit_and_is_shown_redacted(
    installed: Path, env: dict[str, str]
) -> None:
    key, secret = random_key(), random_key()
    (installed / ".env").write_text(f"BINANCE_API_KEY={key}\nBINANCE_API_SECRET={secret}\n")
    run(installed, env, "git", "add", ".env", check=True)

    result = commit(installed, env)
    text = output(result)
    assert result.returncode != 0, text
    assert commit_count(installed, env) == 1
    assert f"{HOOK_ID}...." in text and "Failed" in text
    assert "- exit code: 1" in text
    assert ".env:1: Binance API Key" in text and ".env:2: Binance Secret Key" in text
    assert f"{key[:4]}...{key[-4:]}" in text and f"{secret[:4]}...{secret[-4:]}" in text
    assert key not in text and secret not in text
    assert "binance-secrets blocked this commit" in text and "Nothing was committed" in text
    assert "SKIP=binance-secrets git commit" in text and "git commit --no-verify" in text
    # The pre-commit environment's own console script: not on PATH, and never `python -m`,
    # which would import a binance_secrets/ folder of the checkout it is typed in.
    assert "/bin/binance-secrets check --staged" in text
    assert "-m binance_secrets.hooks" not in text


def test_a_large_commit_gets_one_report(installed: Path, env: dict[str, str]) -> None:
    """500 files: pre-commit would split them into parallel batches without require_serial."""
    for number in range(500):
        (installed / f"module_{number:03d}_with_a_longish_name.py").write_text("x = 1\n")
    (installed / "module_250_with_a_longish_name.py").write_text(
        f"BINANCE_API_KEY = '{random_key()}'\n"
    )
    run(installed, env, "git", "add", ".", check=True)
    result = commit(installed, env)
    text = output(result)
    assert result.returncode != 0, text
    assert text.count("binance-secrets blocked this commit") == 1
    assert "No Binance credentials found" not in text
    assert "module_250_with_a_longish_name.py:1: Binance API Key" in text


def test_clean_file_commits(installed: Path, env: dict[str, str]) -> None:
    (installed / "config.py").write_text("BINANCE_API_KEY = os.environ['BINANCE_API_KEY']\n")
    run(installed, env, "git", "add", "config.py", check=True)
    result = commit(installed, env)
    assert result.returncode == 0, output(result)
    assert "Passed" in output(result)
    assert commit_count(installed, env) == 2


def test_allowlisted_line_commits(installed: Path, env: dict[str, str]) -> None:
    key = random_key()
    (installed / "config.py").write_text(
        f"BINANCE_API_KEY = '{key}'  # pragma: allowlist secret\n"
    )
    run(installed, env, "git", "add", "config.py", check=True)
    result = commit(installed, env)
    assert result.returncode == 0, output(result)
    assert commit_count(installed, env) == 2
    assert key not in output(result)


def test_the_hook_sees_the_staged_content_not_unstaged_edits(
    installed: Path, env: dict[str, str]
) -> None:
    """pre-commit stashes unstaged changes, so the files it passes hold the staged text."""
    config = installed / "config.py"
    config.write_text("x = 1\n")
    run(installed, env, "git", "add", "config.py", check=True)
    config.write_text(f"x = 1\nBINANCE_API_KEY = '{random_key()}'\n")  # unstaged
    result = commit(installed, env)
    assert result.returncode == 0, output(result)
    assert "BINANCE_API_KEY" in config.read_text()  # the unstaged edit is restored

    run(installed, env, "git", "add", "config.py", check=True)
    config.write_text("x = 2\n")  # the key is staged, the work tree no longer has it
    result = commit(installed, env)
    assert result.returncode != 0, output(result)
    assert "config.py:2: Binance API Key" in output(result)
    assert commit_count(installed, env) == 2


def test_run_all_files_scans_the_tracked_tree(repo: Path, env: dict[str, str]) -> None:
    key = random_key()
    (repo / "bot").mkdir()
    (repo / "bot" / "settings.py").write_text(f"BINANCE_API_SECRET = '{key}'\n")
    (repo / "README.md").write_text("# bot\n")
    run(repo, env, "git", "add", ".", check=True)
    run(repo, env, "git", "commit", "-q", "--no-verify", "-m", "leak", check=True)
    (repo / "untracked.env").write_text(f"BINANCE_API_KEY={random_key()}\n")

    result = pre_commit(repo, env, "run", "--all-files")
    text = output(result)
    assert result.returncode == 1, text
    assert "bot/settings.py:1: Binance Secret Key" in text
    assert "untracked.env" not in text  # pre-commit passes tracked files only
    assert key not in text

    # The manifest's stages keep it out of the other stages.
    for stage in ("pre-push", "manual"):
        result = pre_commit(repo, env, "run", "--all-files", "--hook-stage", stage)
        assert result.returncode == 0, output(result)
        assert "Binance" not in output(result)


def test_run_outside_a_commit_names_the_hooks_own_console_script(
    repo: Path, env: dict[str, str]
) -> None:
    """`pre-commit run` (no commit, so no GIT_INDEX_FILE) prints the plain report, whose
    next steps must be runnable where the user is: pre-commit's environment is not on PATH,
    so they name its console script, as the blocked-commit message does."""
    (repo / "settings.py").write_text(f"BINANCE_API_KEY = '{random_key()}'\n")
    run(repo, env, "git", "add", ".", check=True)

    text = output(pre_commit(repo, env, "run", "--all-files"))
    script = str(Path(sys.executable).parent / "binance-secrets")
    assert f"`{script} scan --format json --output " in text, text
    assert f"`{script} check --report " in text and f"`{script} respond`" in text
    assert "`binance-secrets " not in text


@pytest.mark.slow  # pre-commit builds a Python environment
def test_try_repo_installs_and_runs_the_hook(repo: Path, env: dict[str, str]) -> None:
    (repo / ".env").write_text(f"BINANCE_API_KEY={random_key()}\n")
    run(repo, env, "git", "add", ".env", check=True)
    result = run(
        repo, env, sys.executable, "-m", "pre_commit", "try-repo", str(PROJECT), HOOK_ID
    )
    assert result.returncode == 1, output(result)
    assert ".env:1: Binance API Key" in output(result)
