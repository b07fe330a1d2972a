"""The command tree: every subcommand listed in cli.SUBCOMMANDS imports and has help."""

from __future__ import annotations

import subprocess
import sys

import pytest
from click.testing import CliRunner

from binance_secrets.hooks.commands.cli import SUBCOMMANDS, cli


def test_top_level_help_lists_every_subcommand() -> None:
    done = CliRunner().invoke(cli, ["--help"], catch_exceptions=False)
    assert done.exit_code == 0
    for name in SUBCOMMANDS:
        assert name in done.stdout


@pytest.mark.parametrize("name", list(SUBCOMMANDS))
def test_each_subcommand_has_help(name: str) -> None:
    done = CliRunner().invoke(cli, [name, "--help"], catch_exceptions=False)
    assert done.exit_code == 0, done.output
    assert "Usage:" in done.stdout


def test_unknown_subcommand_is_a_usage_error() -> None:
    done = CliRunner().invoke(cli, ["sweeep"])
    assert done.exit_code == 2
    assert "No such command" in done.stderr


def test_scan_path_imports_nothing_slow() -> None:
    """The hook runs `scan` on every commit: HTTP, git and the sweep stay unimported."""
    code = (
        "import sys\n"
        "from binance_secrets.hooks.commands.cli import cli\n"
        "try:\n"
        "    cli.main(['scan', '--format', 'json', sys.argv[1]], standalone_mode=False)\n"
        "except SystemExit:\n"
        "    pass\n"
        "slow = [m for m in ('requests', 'git', 'urllib3', 'binance_secrets.hooks.sweep.run')"
        " if m in sys.modules]\n"
        "print('SLOW:' + ','.join(slow))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, __file__], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip().splitlines()[-1] == "SLOW:"
