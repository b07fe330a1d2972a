"""Round 11's attacks (docs/threat-model.md "Round 11, attacked"): the commands the reports
tell a user to type, the owner fields, and the surfaces around them, attacked with real
inputs through the real CLI and hooks. Each test fails on the code before its fix, unless it
says it is a control."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from tests.cli_process import env_text
from tests.cli_process import run_cli as run
from tests.fake_values import random_key
from tests.gitrepo import GitRepo, isolated_git_env

MARKER = "PWNED"


@pytest.fixture
def git_env(tmp_path: Path) -> dict[str, str]:
    """No global or system config: nothing but the repositories' own steers git."""
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    return isolated_git_env(scratch)


def shell(command: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """``command`` as a user pastes it into a shell."""
    return subprocess.run(
        ["sh", "-c", command], cwd=cwd, env=env, capture_output=True, text=True, timeout=60
    )


def printed_commands(text: str, word: str) -> list[str]:
    """Every command in backquotes in ``text`` that names ``word``, each ``&&`` part alone."""
    parts = [p.strip() for code in re.findall(r"`([^`]+)`", text) for p in code.split("&&")]
    return [part for part in parts if word in part]


# -- the clean-up steps: a remote named like an option -------------------------------------


@pytest.mark.parametrize(
    "remote",
    ["--upload-pack=touch${IFS}PWNED|", "--receive-pack=touch${IFS}PWNED|"],
    ids=["fetch-upload-pack", "push-receive-pack"],
)
def test_a_remote_named_like_an_option_runs_nothing_from_the_clean_up_steps(
    remote: str, tmp_path: Path, git_env: dict[str, str]
) -> None:
    """Anyone who may push to a shared repository can create any ref there, a
    remote-tracking one too: ``refs/remotes/--receive-pack=CMD|/main`` holding a key. A
    clone that fetched it (`git fetch origin 'refs/remotes/*:refs/remotes/*'`, a backup's
    `refs/*:refs/*`, or a repository handed over) is swept, and the clean-up steps said
    `git fetch '--upload-pack=CMD|'` (one remote holds the value) and `git push --force
    --all '--receive-pack=CMD|'`: quoted for the shell, still an option to git, which ran
    CMD against the clone's local-path origin. Every such command is run here as pasted."""
    server = GitRepo(tmp_path / "server.git", bare=True)
    author = GitRepo(tmp_path / "author")
    author.commit("readme", {"README.md": "a bot\n"})
    author.git("push", "-q", str(server.path), "HEAD:refs/heads/main")
    author.commit("config", {".env": env_text(random_key(), random_key())})
    author.git("push", "-q", str(server.path), f"HEAD:refs/remotes/{remote}/main")
    clone = tmp_path / "clone"
    for args in (
        ("clone", "-q", str(server.path), str(clone)),
        ("-C", str(clone), "fetch", "-q", "origin", "+refs/remotes/*:refs/remotes/*"),
    ):
        subprocess.run(["git", *args], env=git_env, check=True, capture_output=True)
    done = run("sweep", ".", cwd=clone, env=git_env, timeout=120)
    assert done.returncode == 1, done.stderr
    commands = printed_commands(done.stdout, "PWNED")
    assert any(c.startswith(("git fetch", "git push")) for c in commands), done.stdout
    for command in commands:
        shell(command, clone, git_env)
        assert not (clone / MARKER).exists(), f"pasting `{command}` ran the remote's name"


def test_an_ordinary_remote_s_clean_up_commands_are_unchanged(
    tmp_path: Path, git_env: dict[str, str]
) -> None:
    """Control: a remote whose name is no option is written without ``--``."""
    from binance_secrets.hooks.reports.sanitize import shell_operands

    assert shell_operands(["origin"]) == "origin"
    assert shell_operands(["my remote", "x"]) == "'my remote' x"
    assert shell_operands(["origin", "-x"]) == "-- origin -x"


# -- the blocked commit's advice: a file named like a command -------------------------------


@pytest.mark.parametrize(
    "name", [".env.$(touch PWNED)", "x;touch PWNED;.env", "x|touch PWNED|.env"]
)
def test_a_staged_file_named_like_a_command_runs_nothing_from_the_blocked_commit_advice(
    name: str, tmp_path: Path, git_env: dict[str, str]
) -> None:
    """A `.env`-style file holding a key (a contributor's branch, a tarball unpacked into the
    checkout) named `.env.$(CMD)`: the plain pre-commit hook blocked the commit and said
    `git rm --cached '.env.$(CMD)' && echo .env.$(CMD) >> .gitignore`, the second name
    unquoted, and pasting it ran CMD. Now it is quoted, and the line `.gitignore` gets is the
    file's name."""
    repo = GitRepo(tmp_path / "repo")
    assert run("install-hook", cwd=repo.path, env=git_env).returncode == 0
    repo.write(name, env_text(random_key(), random_key()))
    repo.git("add", "-A")
    done = subprocess.run(
        ["git", "commit", "-q", "-m", "config"],
        cwd=repo.path,
        env=git_env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode != 0 and "binance-secrets blocked this commit" in done.stderr
    (command,) = [c for c in printed_commands(done.stderr, "PWNED") if "gitignore" in c]
    shell(command, repo.path, git_env)
    assert not (repo.path / MARKER).exists(), f"pasting `{command}` ran the file's name"
    assert (repo.path / ".gitignore").read_text() == f"{name}\n"
