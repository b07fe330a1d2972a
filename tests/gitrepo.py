"""Real temporary git repositories for the sweep tests, built with the git CLI.

Each commit gets its own, strictly increasing author and committer date, so "the earliest
commit that added a value" is well defined and the tests can name it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

BASE_EPOCH = 1_700_000_000
# The virtualenv running the suite: its binance-secrets and pre-commit are the ones tested.
VENV_BIN = Path(sys.executable).parent

# Variables git sets for a hook; if the suite itself runs from a hook they must not leak
# into the temporary repositories.
GIT_LOCATION_VARIABLES = (
    "GIT_DIR",
    "GIT_WORK_TREE",
    "GIT_INDEX_FILE",
    "GIT_PREFIX",
    "GIT_COMMON_DIR",
    "GIT_OBJECT_DIRECTORY",
    "GIT_ALTERNATE_OBJECT_DIRECTORIES",
)


TEST_IDENTITY = (
    ("config", "user.name", "Test"),
    ("config", "user.email", "test@example.com"),
    ("config", "commit.gpgsign", "false"),
)


def isolated_git_env(scratch: Path, **extra: str) -> dict[str, str]:
    """os.environ for a git (and pre-commit) subprocess that no global or system config,
    and none of the location variables a hook running the suite would set, can steer;
    ``scratch`` holds the empty global config and pre-commit's cache."""
    environment = {k: v for k, v in os.environ.items() if k not in GIT_LOCATION_VARIABLES}
    empty = scratch / "gitconfig"
    empty.write_text("")
    environment.update(
        GIT_CONFIG_GLOBAL=str(empty),
        GIT_CONFIG_NOSYSTEM="1",
        PRE_COMMIT_HOME=str(scratch / "pre-commit-home"),
        PRE_COMMIT_COLOR="never",
        **extra,
    )
    return environment


def scratch_git_env(tmp_path: Path) -> dict[str, str]:
    """:func:`isolated_git_env` whose config, pre-commit cache and temporary folder are
    subfolders of ``tmp_path`` (``scratch``, ``tmp``), so nothing of them lands beside the
    repositories a test makes there, and a sweep's clones can be counted in ``tmp``."""
    scratch = tmp_path / "scratch"
    scratch.mkdir(exist_ok=True)
    temporary = tmp_path / "tmp"
    temporary.mkdir(exist_ok=True)
    return isolated_git_env(scratch, TMPDIR=str(temporary))


def isolate_git(monkeypatch: Any, scratch: Path) -> None:
    """:func:`isolated_git_env` applied to this process (``monkeypatch``: pytest's), for
    tests whose git runs in-process (CliRunner) or inherits the environment."""
    for name in GIT_LOCATION_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    for name, value in isolated_git_env(scratch).items():
        if os.environ.get(name) != value:
            monkeypatch.setenv(name, value)


def git(
    cwd: Path, *args: str, check: bool = True, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """``git ARGS`` run in ``cwd``, its output captured as text; CalledProcessError if it
    fails, unless ``check`` is False."""
    return subprocess.run(
        ["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=check
    )


def run(
    cwd: Path, env: dict[str, str], *command: str, check: bool = False, timeout: float = 900
) -> subprocess.CompletedProcess[str]:
    """``command`` run in ``cwd`` with ``env``, its output captured as text; the timeout
    turns a hang into a failure."""
    return subprocess.run(
        command, cwd=cwd, env=env, capture_output=True, text=True, check=check, timeout=timeout
    )


def init_repo(path: Path, env: dict[str, str] | None = None, *init_args: str) -> Path:
    """``git init`` at ``path`` (created) with a test identity and no commit signing."""
    path.mkdir(parents=True, exist_ok=True)
    for args in (("init", "-q", *init_args), *TEST_IDENTITY):
        subprocess.run(["git", *args], cwd=path, env=env, capture_output=True, check=True)
    return path


class GitRepo:
    def __init__(self, path: Path, bare: bool = False) -> None:
        self.path = path
        self.clock = 0
        path.mkdir(parents=True, exist_ok=True)
        self.git("init", "-q", "-b", "main", *(["--bare"] if bare else []))
        self.git("config", "user.name", "Alice Example")
        self.git("config", "user.email", "alice@example.invalid")
        self.git("config", "commit.gpgsign", "false")

    def env(self) -> dict[str, str]:
        stamp = f"@{BASE_EPOCH + self.clock * 60} +0000"
        env = {k: v for k, v in os.environ.items() if k not in GIT_LOCATION_VARIABLES}
        env.update(GIT_AUTHOR_DATE=stamp, GIT_COMMITTER_DATE=stamp)
        return env

    def git(self, *args: str, input: str | None = None) -> str:
        done = subprocess.run(
            ["git", *args],
            cwd=self.path,
            env=self.env(),
            input=input,
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            raise AssertionError(f"git {' '.join(args)} failed: {done.stderr}")
        return done.stdout.strip()

    def write(self, name: str, text: str) -> None:
        target = self.path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")

    def commit(
        self, message: str, files: dict[str, str] | None = None, remove: tuple[str, ...] = ()
    ) -> str:
        """Write ``files``, delete ``remove``, stage everything, commit; returns the sha."""
        for name, text in (files or {}).items():
            self.write(name, text)
        for name in remove:
            (self.path / name).unlink()
        self.git("add", "-A")
        self.clock += 1
        self.git("commit", "-q", "--allow-empty", "-m", message)
        return self.head()

    def head(self) -> str:
        return self.git("rev-parse", "HEAD")

    def tick(self) -> None:
        self.clock += 1
