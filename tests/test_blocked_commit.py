"""A commit blocked by the plain git hook: what the user reads, and whether its advice works.

The commands the message prints are run as printed (split with shlex), against the HTTP
emulator, after the user cleaned the work tree: the check must still find the key, and
must not tell the user to rewrite a history the key never reached.
"""

from __future__ import annotations

import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from binance_secrets.hooks.commands.cli import cli
from binance_secrets.hooks.reports.blocked import STYLES, render_blocked, style_of
from binance_secrets.plugins.livecheck.playbook import STEPS
from tests.emulator.fixtures import TRADING, emulator_fixture, hmac_account  # noqa: F401
from tests.emulator.server import Emulator
from tests.fake_values import random_key
from tests.gitrepo import git, isolate_git

HISTORY_STEP = STEPS["history"][:40]


@pytest.fixture(autouse=True)
def isolated_git(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """No global or system git config (a global core.hooksPath would redirect the hook)."""
    isolate_git(monkeypatch, tmp_path_factory.mktemp("git"))
    for name in ('BINANCE_API_KEY', 'BINANCE_API_SECRET'):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def repo(repo: Path) -> Path:
    """The shared empty repository with binance-secrets' plain pre-commit hook installed."""
    result = CliRunner().invoke(cli, ["install-hook", str(repo)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return repo


def printed_command(message: str, marker: str) -> list[str]:
    """The command line the message prints that contains ``marker``."""
    line = next(line for line in message.splitlines() if marker in line)
    return shlex.split(line.strip())


def test_blocked_commit_says_nothing_was_committed_and_how_to_fix_each_file(repo: Path) -> None:
    key, secret = random_key(), random_key()
    (repo / ".env").write_text(f"BINANCE_API_KEY={key}\nBINANCE_API_SECRET={secret}\n")
    (repo / "bot.py").write_text(
        f"from binance.client import Client\nclient = Client('{key}', '{secret}')\n"
    )
    (repo / "app.js").write_text(f"// binance\nconst apiKey = '{random_key()}';\n")
    git(repo, "add", ".")
    result = git(repo, "commit", "-m", "bot", check=False)
    text = result.stdout + result.stderr
    assert result.returncode != 0
    assert git(repo, "rev-parse", "-q", "--verify", "HEAD", check=False).returncode != 0
    assert "binance-secrets blocked this commit" in text
    assert "Nothing was committed" in text and "no history to rewrite" in text
    assert "git rm --cached .env && echo .env >> .gitignore" in text
    assert 'bot.py (Python): read it from the environment: os.environ["BINANCE_API_KEY"]' in text
    assert "app.js (JavaScript/TypeScript): read it from the environment: process.env." in text
    assert "`# pragma: allowlist secret` or `// pragma: allowlist secret`" in text
    assert "binance-secrets baseline" in text
    assert "git commit --no-verify" in text
    assert "SKIP=" not in text  # the plain hook is not pre-commit's
    # " sweep" as a command word: the interpreter's path may hold "sweep" (a worktree name).
    assert "filter-repo" not in text and "secrets sweep" not in text and " sweep " not in text
    assert key not in text and secret not in text


def test_values_already_in_head_are_not_called_new(repo: Path) -> None:
    old, new = random_key(), random_key()
    (repo / "config.py").write_text(f"BINANCE_API_KEY = '{old}'\n")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "--no-verify", "-m", "before the hook")
    (repo / "config.py").write_text(
        f"BINANCE_API_KEY = '{old}'\nBINANCE_API_SECRET = '{new}'\n"
    )
    git(repo, "add", ".")
    result = git(repo, "commit", "-m", "more", check=False)
    text = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Nothing was committed" not in text
    assert "1 of them (marked below) were already in these files at HEAD" in text
    assert "config.py:1: Binance API Key" in text
    first = next(line for line in text.splitlines() if line.startswith("config.py:1:"))
    second = next(line for line in text.splitlines() if line.startswith("config.py:2:"))
    assert first.endswith("(already in git history: committed before)")
    assert "already" not in second
    assert " sweep" in text


def test_clean_commit_is_silent(repo: Path) -> None:
    (repo / "app.py").write_text("import os\nkey = os.environ['BINANCE_API_KEY']\n")
    git(repo, "add", ".")
    result = git(repo, "commit", "-q", "-m", "clean", check=False)
    assert result.returncode == 0
    assert result.stdout == "" and result.stderr == ""


def test_printed_check_works_after_the_work_tree_was_cleaned(
    repo: Path, emulator: Emulator
) -> None:
    account, secret = hmac_account(emulator, restrictions=dict(TRADING))
    config = repo / "config.py"
    config.write_text(
        f"BINANCE_API_KEY = '{account.api_key}'\nBINANCE_API_SECRET = '{secret}'\n"
    )
    git(repo, "add", ".")
    blocked = git(repo, "commit", "-m", "bot", check=False)
    assert blocked.returncode != 0
    message = blocked.stdout + blocked.stderr
    config.write_text("import os\nBINANCE_API_KEY = os.environ['BINANCE_API_KEY']\n")

    endpoint = ["--endpoint", emulator.url, "--allow-unofficial-endpoint"]
    staged = printed_command(message, "check --staged")
    assert Path(staged[0]).is_absolute()  # not `binance-secrets`, which may not be on PATH
    done = subprocess.run(
        staged + endpoint, cwd=repo, capture_output=True, text=True, check=False
    )
    assert done.returncode == 1, done.stdout + done.stderr  # active
    assert f"{account.api_key[:4]}...{account.api_key[-4:]}" in done.stdout
    assert "since the key was created" in done.stdout
    assert HISTORY_STEP not in done.stdout
    assert account.api_key not in done.stdout + done.stderr and secret not in done.stdout

    # Re-staged clean: the index no longer holds it; the error names the prompt instead.
    git(repo, "add", ".")
    done = subprocess.run(
        staged + endpoint, cwd=repo, capture_output=True, text=True, check=False
    )
    assert done.returncode == 2
    error = done.stderr.strip().splitlines()[-1]
    assert error.startswith("Error: no Binance API key is staged") and "--prompt --not-c" in error

    prompt = printed_command(message, "--not-committed")
    done = subprocess.run(
        prompt + endpoint,
        cwd=repo,
        input=f"{account.api_key}\n{secret}\n",
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1, done.stdout + done.stderr
    assert HISTORY_STEP not in done.stdout


def test_a_key_already_in_head_keeps_the_history_step(
    repo: Path, emulator: Emulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    account, secret = hmac_account(emulator)
    (repo / "old.py").write_text(
        f"BINANCE_API_KEY = '{account.api_key}'\nBINANCE_API_SECRET = '{secret}'\n"
    )
    git(repo, "add", ".")
    git(repo, "commit", "-q", "--no-verify", "-m", "before the hook")
    (repo / "old.py").write_text(
        f"# binance\nBINANCE_API_KEY = '{account.api_key}'\nBINANCE_API_SECRET = '{secret}'\n"
    )
    git(repo, "add", ".")
    monkeypatch.chdir(repo)
    result = CliRunner().invoke(
        cli,
        ["check", "--staged", "--endpoint", emulator.url, "--allow-unofficial-endpoint"],
        catch_exceptions=False,
    )
    assert result.exit_code == 1, result.output
    assert HISTORY_STEP in result.stdout


@pytest.mark.parametrize(
    ("path", "label", "fix"),
    [
        ("config/.env.production", ".env file", "echo .env.production >> .gitignore"),
        ("notebooks/trade.ipynb", "Python", 'os.environ["BINANCE_API_KEY"]'),
        ("src/bot.ts", "JavaScript/TypeScript", "process.env.BINANCE_API_KEY"),
        ("docker-compose.yml", "YAML", "${BINANCE_API_KEY}"),
        ("config.json", "JSON", "BINANCE_API_KEY in the code"),
        ("settings.toml", "config file", "read BINANCE_API_KEY"),
        ("run.sh", "shell script", '"${BINANCE_API_KEY:?set BINANCE_API_KEY}"'),
        ("Dockerfile", "Dockerfile", "docker run -e BINANCE_API_KEY"),
        ("main.go", "Go", 'os.Getenv("BINANCE_API_KEY")'),
        ("Bot.java", "Java/Kotlin", 'System.getenv("BINANCE_API_KEY")'),
        ("README.md", "documentation", "placeholder"),
        ("api.postman_collection.json", "Postman collection", "{{BINANCE_API_KEY}}"),
        ("deploy.ps1", "PowerShell", "$env:BINANCE_API_KEY"),
        ("run.bat", "batch file", "%BINANCE_API_KEY%"),
        ("analysis.R", "R", 'Sys.getenv("BINANCE_API_KEY")'),
        ("main.tf", "Terraform", "TF_VAR_binance_api_key"),
        ("bot.service", "systemd unit", "EnvironmentFile="),
        ("App.config", "XML config", "read BINANCE_API_KEY"),
        ("logs/bot.log", "data or log file", "git rm --cached logs/bot.log"),
        ("keys", "file", "(BINANCE_API_KEY)"),
    ],
)
def test_each_style_gets_its_own_fix(path: str, label: str, fix: str) -> None:
    assert style_of(path).label == label
    finding = {
        "type": "Binance API Key",
        "path": path,
        "line": 1,
        "redacted": "AbCd...WxYz",
        "fingerprint": "sha256:" + "0" * 64,
        "pair": None,
        "example": False,
    }
    text = render_blocked([finding], "pre-commit")
    assert f"{path} ({label}): " in text and fix in text
    assert "SKIP=binance-secrets git commit" in text
    if style_of(path).comment is None:
        assert "pragma" not in text and "binance-secrets baseline" in text
        # The advice is then a sentence of its own after the question.
        assert "sample)? Record it in a baseline" in text


@pytest.mark.parametrize("kind", ["pre-commit", "git"])
def test_the_baseline_advice_names_a_command_that_runs_where_the_hook_ran(kind: str) -> None:
    """pre-commit's environment is not on PATH: `binance-secrets baseline` typed as the
    advice says was 'command not found' for a user who installed it only through
    pre-commit. The advice names the hook's own console script, as the live check does."""
    finding = {
        "type": "Binance API Key", "path": "fixture.py", "line": 1, "redacted": "AbCd...WxYz",
        "fingerprint": "sha256:" + "0" * 64, "pair": None, "example": False,
    }  # fmt: skip
    text = render_blocked([finding], kind)
    own = shlex.quote(str(Path(sys.executable).parent / "binance-secrets"))
    assert f"record it in a baseline (`{own} baseline`, then commit .secrets.baseline)" in text
    assert f"    {own} check --staged" in text


def test_the_catch_all_style_is_last_and_matches_everything() -> None:
    assert STYLES[-1].matches("anything-at-all")
    assert all(not style.matches("anything-at-all") for style in STYLES[:-1])


def test_values_binance_s_by_the_project_already_in_head_are_not_called_new(
    repo: Path,
) -> None:
    """`.env` beside code importing a Binance SDK: HEAD is re-read with the project's word,
    as the blocked commit's scan was (without it, the old key was called new)."""
    old, new = random_key(), random_key()
    (repo / "bot.py").write_text("from binance.client import Client\n")
    (repo / ".env").write_text(f"API_KEY={old}\n")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "--no-verify", "-m", "before the hook")
    (repo / ".env").write_text(f"API_KEY={old}\nAPI_SECRET={new}\n")
    git(repo, "add", ".")
    result = git(repo, "commit", "-m", "more", check=False)
    text = result.stdout + result.stderr
    assert result.returncode != 0
    first = next(line for line in text.splitlines() if line.startswith(".env:1:"))
    assert first.endswith("(already in git history: committed before)"), text
