"""Run the real console entry point in a subprocess, the way a user's shell does.

``python -m binance_secrets.hooks`` is the form the plain git hook uses; a subprocess shows
exactly what a terminal gets (stderr, exit code, no traceback) and a timeout turns a hang
into a failure instead of a stalled suite.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.emulator.fixtures import CLEAN_ENV as EMULATOR_CLEAN_ENV
from tests.gitrepo import GitRepo

# The emulator tests' clean environment, and no --debug tracebacks from outside either.
CLEAN_ENV = {**EMULATOR_CLEAN_ENV, "BINANCE_SECRETS_DEBUG": ""}


def run_cli(
    *args: str,
    cwd: Path,
    env: dict[str, str] | None = None,
    input: str = "",
    timeout: float = 60,
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "binance_secrets.hooks", *args],
        cwd=cwd,
        env={**os.environ, **CLEAN_ENV, **(env or {})},
        input=input,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def assert_one_line_error(done: subprocess.CompletedProcess[str], *words: str) -> None:
    """Exit 2, no traceback, and a last line on stderr that holds every word."""
    assert done.returncode == 2, (done.returncode, done.stdout, done.stderr)
    assert "Traceback" not in done.stderr
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert lines, "no message at all"
    for word in words:
        assert word in lines[-1], (word, done.stderr)


def env_text(key: str, secret: str) -> str:
    """A .env file holding a key and its secret, named so that they are Binance's."""
    return f"# binance bot\nBINANCE_API_KEY={key}\nBINANCE_API_SECRET={secret}\n"


def leaky_repository(path: Path, key: str, secret: str) -> Path:
    """A repository at ``path`` whose second commit adds ``key`` and ``secret`` in a .env
    file (a bot's repository that leaked, as an organisation sweep meets it)."""
    repo = GitRepo(path)
    repo.commit("bot", {"bot.py": "import binance\n"})
    repo.commit("settings", {".env": env_text(key, secret)})
    return path


def scan_to_report(root: Path, report: Path) -> Any:
    """`scan --all-files --format json -o REPORT .` run in-process (click's CliRunner) from
    ``root``, as a user runs it from the top of a project; the click Result."""
    from click.testing import CliRunner

    from binance_secrets.hooks.commands.cli import cli

    old = os.getcwd()
    os.chdir(root)
    try:
        return CliRunner().invoke(
            cli, ["scan", "--all-files", "--format", "json", "-o", str(report), "."]
        )
    finally:
        os.chdir(old)


def console_script() -> str:
    """The installed `binance-secrets` command (a console script imports nothing from the
    working directory: its sys.path starts with its own folder)."""
    script = Path(sys.executable).parent / "binance-secrets"
    assert script.is_file(), f"{script} is missing: pip install -e '.[test]' makes it"
    return str(script)


def hooked_server(tmp_path: Path, env: dict[str, str]) -> GitRepo:
    """A bare repository at tmp_path/server.git with the pre-receive hook installed by the
    console script, as an administrator installs it."""
    server = GitRepo(tmp_path / "server.git", bare=True)
    install = subprocess.run(
        [console_script(), "install-hook", "--pre-receive", str(server.path)],
        cwd=tmp_path, env={**os.environ, **CLEAN_ENV, **env}, capture_output=True, text=True,
        check=False,
    )  # fmt: skip
    assert install.returncode == 0, install.stderr
    return server


def checked_keys(report: Path, emulator_url: str, cwd: Path) -> list[dict[str, Any]]:
    """``check --report REPORT --format json`` against the emulator at ``emulator_url``,
    which must exit 1 (a live key): the answer's keys."""
    endpoint = ("--endpoint", emulator_url, "--allow-unofficial-endpoint")
    done = run_cli("check", *endpoint, "--format", "json", "--report", str(report), cwd=cwd)
    assert done.returncode == 1, done.stdout + done.stderr
    keys: list[dict[str, Any]] = json.loads(done.stdout)["keys"]
    return keys
