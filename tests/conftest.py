"""Shared test helpers: key-like values are generated here at run time, never committed."""

from __future__ import annotations

import inspect
import os
from pathlib import Path
from typing import Callable

import click.testing
import pytest

from tests.fake_values import random_key
from tests.gitrepo import VENV_BIN, GitRepo, init_repo, isolated_git_env

# click 8.1 (the newest click on Python 3.9, which pyproject supports) mixes standard error
# into CliRunner's output unless told not to; click 8.2 separates them and has no such
# parameter. The tests read result.stderr, so 8.1 gets the 8.2 behaviour.
if "mix_stderr" in inspect.signature(click.testing.CliRunner.__init__).parameters:
    _runner_init = click.testing.CliRunner.__init__

    def _separate_stderr(
        self: click.testing.CliRunner, *args: object, mix_stderr: bool = False, **kwargs: object
    ) -> None:
        _runner_init(self, *args, mix_stderr=mix_stderr, **kwargs)

    click.testing.CliRunner.__init__ = _separate_stderr  # type: ignore[method-assign]

@pytest.fixture
def make_key() -> Callable[[], str]:
    return random_key


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """The environment for a git, pre-commit or console-script subprocess: no global or
    system git config, a pre-commit cache of its own, and the suite's virtualenv first on
    PATH (its binance-secrets is the one a hook finds)."""
    if not (VENV_BIN / "binance-secrets").exists():
        pytest.fail(f"binance-secrets is not installed in {VENV_BIN}: pip install -e .")
    return isolated_git_env(tmp_path, PATH=f"{VENV_BIN}{os.pathsep}{os.environ.get('PATH', '')}")


@pytest.fixture
def repo(tmp_path: Path, env: dict[str, str]) -> Path:
    """An empty git repository at tmp_path/repo (branch main, a test identity, no signing),
    made without the user's git config. A test file that needs more (a hook installed, a
    remote) extends it under the same name, taking this one as its argument."""
    return init_repo(tmp_path / "repo", env, "-b", "main")


@pytest.fixture
def git_repo(tmp_path: Path) -> GitRepo:
    """A repository with one commit (a README), driven through tests.gitrepo.GitRepo."""
    made = GitRepo(tmp_path / "repo")
    made.commit("initial", {"README.md": "# trading bot\n"})
    return made
