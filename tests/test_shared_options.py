"""One set of options: the live-check options mean the same in check, scan --verify and
sweep --verify (environment variables included); exit codes in every --help; -V; dates."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from binance_secrets.hooks.commands.cli import SUBCOMMANDS, cli
from binance_secrets.hooks.errors import EXIT_HELP
from binance_secrets.plugins.livecheck.binance_api import (
    ENV_ALLOW_UNOFFICIAL,
    ENV_CA_BUNDLE,
    ENV_ENDPOINT,
)
from tests.emulator.fixtures import emulator_fixture, hmac_account  # noqa: F401 - fixtures
from tests.emulator.server import Emulator
from tests.fake_values import random_key
from tests.gitrepo import GitRepo

LIVE_OPTIONS = {
    "--endpoint": ENV_ENDPOINT,
    "--allow-unofficial-endpoint": ENV_ALLOW_UNOFFICIAL,
    "--ca-bundle": ENV_CA_BUNDLE,
    "--fail-on": None,
}


def _command(name: str):
    return cli.get_command(None, name)  # type: ignore[arg-type]


@pytest.mark.parametrize("name", ["check", "scan", "sweep"])
def test_live_check_options_are_the_same_everywhere(name: str) -> None:
    params = {p.opts[0]: p for p in _command(name).params}
    reference = {p.opts[0]: p for p in _command("check").params}
    for option, envvar in LIVE_OPTIONS.items():
        assert option in params, (name, option)
        assert params[option].envvar == envvar
        assert params[option].default == reference[option].default
        assert params[option].help == reference[option].help
    assert "--quiet" in params and "-q" in params["--quiet"].opts


@pytest.mark.parametrize("name", list(SUBCOMMANDS))
def test_every_help_states_its_exit_codes(name: str) -> None:
    done = CliRunner().invoke(cli, [name, "--help"], catch_exceptions=False)
    assert "Exit" in done.stdout.replace("exit.", ""), name


def test_top_level_help_and_version() -> None:
    done = CliRunner().invoke(cli, ["--help"])
    assert " ".join(EXIT_HELP["binance-secrets"].split()[:6]) in " ".join(done.stdout.split())
    version = CliRunner().invoke(cli, ["-V"])
    assert version.exit_code == 0 and ", version " in version.stdout


@pytest.mark.parametrize(
    "args", [["respond", "--since", "yesterday"], ["sweep", "--since", "last week", "."]]
)
def test_dates_are_validated(args: list[str]) -> None:
    done = CliRunner().invoke(cli, args)
    assert done.exit_code == 2
    assert "is not a date; use YYYY-MM-DD" in done.stderr
    assert "Usage:" not in done.stderr and len(done.stderr.strip().splitlines()) == 1


def test_respond_since_a_date_is_used() -> None:
    done = CliRunner().invoke(cli, ["respond", "--since", "2024-05-01"])
    assert done.exit_code == 0 and "since 2024-05-01" in done.stdout


def _leaky_tree(root: Path, api_key: str, secret: str) -> None:
    (root / "binance.env").write_text(f"BINANCE_API_KEY={api_key}\nBINANCE_API_SECRET={secret}\n")


@pytest.mark.parametrize("command", ["check", "scan", "sweep"])
def test_endpoint_from_the_environment_everywhere(
    command: str, emulator: Emulator, tmp_path: Path
) -> None:
    account, secret = hmac_account(emulator)
    env = {
        ENV_ENDPOINT: emulator.url,
        ENV_ALLOW_UNOFFICIAL: "1",
        ENV_CA_BUNDLE: "",
        "BINANCE_API_KEY": "",
        "BINANCE_API_SECRET": "",
    }
    if command == "check":
        env.update(BINANCE_API_KEY=account.api_key, BINANCE_API_SECRET=secret)
        args = ["check", "--format", "json"]
    elif command == "scan":
        _leaky_tree(tmp_path, account.api_key, secret)
        args = ["scan", "--all-files", "--verify", "--format", "json", str(tmp_path)]
    else:
        repo = GitRepo(tmp_path)
        _leaky_tree(tmp_path, account.api_key, secret)
        repo.commit("add config")
        args = ["sweep", "-q", "--verify", "--format", "json", str(tmp_path)]
    old = os.getcwd()
    os.chdir(tmp_path)
    try:
        done = CliRunner().invoke(cli, args, env=env)
    finally:
        os.chdir(old)
    assert done.exit_code == 1, done.output
    keys = json.loads(done.stdout)["keys"]
    assert [k["status"] for k in keys] == ["active"]
    assert emulator.requests, "the endpoint came from the environment"


def test_a_missing_ca_bundle_in_the_environment_only_matters_to_the_live_check(
    tmp_path: Path,
) -> None:
    (tmp_path / "notes.txt").write_text("nothing here\n")
    env = {ENV_CA_BUNDLE: str(tmp_path / "missing.pem"), ENV_ENDPOINT: "", "BINANCE_API_KEY": ""}
    plain = CliRunner().invoke(cli, ["scan", "--all-files", str(tmp_path)], env=env)
    assert plain.exit_code == 0, plain.output
    (tmp_path / "binance.env").write_text(
        f"BINANCE_API_KEY={random_key()}\nBINANCE_API_SECRET={random_key()}\n"
    )
    verified = CliRunner().invoke(cli, ["scan", "--all-files", "--verify", str(tmp_path)], env=env)
    assert verified.exit_code == 2
    assert "missing.pem" in verified.stderr and "--ca-bundle" in verified.stderr
