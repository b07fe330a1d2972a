"""`install-hook --pre-push`: real `git push` to a bare repository runs the hook.

Only the commits the push would send are scanned: a key already on the remote does not
block later pushes, a key in a new commit does, on an existing branch and on a new one.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from binance_secrets.hooks.commands.cli import cli
from tests.fake_values import random_key
from tests.gitrepo import git, isolate_git


@pytest.fixture(autouse=True)
def isolated_git(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """No global or system git config (a global core.hooksPath would redirect the hook)."""
    isolate_git(monkeypatch, tmp_path_factory.mktemp("git"))


@pytest.fixture
def repo(repo: Path, tmp_path: Path) -> Path:
    """The shared empty repository with a bare remote (origin) and binance-secrets'
    pre-push hook (only) installed."""
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "-q", "--bare", str(remote))
    git(repo, "remote", "add", "origin", str(remote))
    result = CliRunner().invoke(cli, ["install-hook", "--pre-push", str(repo)])
    assert result.exit_code == 0, result.output
    assert (repo / ".git" / "hooks" / "pre-push").exists()
    assert not (repo / ".git" / "hooks" / "pre-commit").exists()
    return repo


def add_commit(repo: Path, name: str, text: str) -> None:
    (repo / name).write_text(text)
    git(repo, "add", name)
    git(repo, "commit", "-q", "-m", f"add {name}")


def push(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return git(repo, "push", "origin", *args, check=False)


def remote_has(repo: Path, branch: str) -> bool:
    return git(repo, "ls-remote", "--exit-code", "origin", branch, check=False).returncode == 0


def test_new_branch_with_a_key_is_not_pushed(repo: Path) -> None:
    key = random_key()
    add_commit(repo, "app.py", "print('hi')\n")
    add_commit(repo, ".env", f"BINANCE_API_KEY={key}\n")
    result = push(repo, "main")
    text = result.stdout + result.stderr
    assert result.returncode != 0
    assert not remote_has(repo, "main")
    assert "stopped this push to origin" in text and "Nothing was pushed" in text
    assert ".env:1: Binance API Key" in text and "git rebase -i" in text
    assert "git push --no-verify" in text
    assert key not in text


def test_only_the_commits_being_pushed_are_scanned(repo: Path) -> None:
    add_commit(repo, "app.py", "print('hi')\n")
    add_commit(repo, ".env", f"BINANCE_API_KEY={random_key()}\n")
    assert git(repo, "push", "--no-verify", "origin", "main", check=False).returncode == 0

    add_commit(repo, "more.py", "print('more')\n")  # the key is already on the remote
    result = push(repo, "main")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Binance" not in result.stdout + result.stderr

    add_commit(repo, "config.py", f"BINANCE_API_SECRET = '{random_key()}'\n")
    result = push(repo, "main")
    text = result.stdout + result.stderr
    assert result.returncode != 0
    assert "config.py:1: Binance Secret Key" in text and ".env:1" not in text

    # A new branch from here: what origin/main has is not sent again, the new commit is.
    git(repo, "checkout", "-q", "-b", "feature")
    result = push(repo, "feature")
    assert result.returncode != 0
    assert "config.py:1: Binance Secret Key" in result.stdout + result.stderr
    assert not remote_has(repo, "feature")


def test_clean_push_and_branch_deletion_pass_silently(repo: Path) -> None:
    add_commit(repo, "app.py", "print('hi')\n")
    result = push(repo, "main")
    assert result.returncode == 0 and "binance" not in result.stderr.lower()
    assert push(repo, "main:other").returncode == 0
    result = push(repo, "--delete", "other")
    assert result.returncode == 0, result.stderr
    assert not remote_has(repo, "other")


def test_the_printed_check_command_reads_the_pushed_commits(repo: Path) -> None:
    add_commit(repo, ".env", f"BINANCE_API_KEY={random_key()}\nBINANCE_API_SECRET={random_key()}\n")
    text = push(repo, "main").stdout
    line = next(line for line in text.splitlines() if "check --report -" in line)
    sweep_part = line.strip().split(" | ")[0]
    done = subprocess.run(sweep_part, shell=True, cwd=repo, capture_output=True, text=True)
    assert done.returncode == 1, done.stderr
    assert '"path": ".env"' in done.stdout


def test_ignore_testnet_pre_push_hook_lets_testnet_keys_through(repo: Path) -> None:
    bot = f'from binance.client import Client\nc = Client("{random_key()}", "{random_key()}", '
    add_commit(repo, "bot.py", bot + "testnet=True)\n")
    assert push(repo, "main").returncode != 0  # the default hook stops testnet keys too
    result = CliRunner().invoke(
        cli, ["install-hook", "--pre-push", "--ignore-testnet", "--force", str(repo)]
    )
    assert result.exit_code == 0, result.output
    assert push(repo, "main").returncode == 0
    assert remote_has(repo, "main")
    add_commit(repo, "live.py", bot + "testnet=False)\n")
    assert push(repo, "main").returncode != 0  # a production key still stops the push


def test_a_key_in_a_commit_message_stops_the_push_and_says_reword(repo: Path) -> None:
    key, secret = random_key(), random_key()
    add_commit(repo, "app.py", "print('hi')\n")
    git(repo, "commit", "-q", "--allow-empty", "-m",
        f"binance setup\n\nBINANCE_API_KEY={key}\nBINANCE_API_SECRET={secret}")  # fmt: skip
    result = push(repo, "main")
    assert result.returncode != 0 and not remote_has(repo, "main")
    told = result.stdout + result.stderr
    assert "(commit message):3: Binance API Key" in told
    assert "a commit message: mark that commit `reword` instead" in told
    assert key not in told and secret not in told
