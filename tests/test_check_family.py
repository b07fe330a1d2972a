"""The Binance family: a key is asked on its own platform's host before any verdict.

Binance, Binance.US and the testnets are separate exchanges with separate keys; each runs
here as its own emulator (--endpoint NAME=URL), all at once, each knowing only its keys.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from binance_secrets.hooks.commands.cli import cli
from tests.emulator.fixtures import (  # noqa: F401 - fixtures
    CLEAN_ENV,
    READ_ONLY,
    TRADING,
    WITHDRAWING,
    emulator_fixture,
    family_endpoints,
    family_fixture,
    hmac_account,
    signed_requests,
)
from tests.emulator.server import Emulator
from tests.fake_values import random_key
from tests.test_scan_cli import run_scan


def _report(root: Path, text: str, name: str = "bot.py") -> Path:
    (root / name).write_text(text)
    code, _, _ = run_scan("--all-files", "--format", "json", "-o", "report.json", ".", cwd=root)
    assert code == 1
    return root / "report.json"


def _check(family: dict[str, Emulator], report: Path, *args: str):
    return CliRunner().invoke(
        cli,
        ["check", *family_endpoints(family), "--report", str(report), *args],
        env=dict(CLEAN_ENV),
        catch_exceptions=False,
    )


def _checked(family: dict[str, Emulator], report: Path) -> tuple[int, dict]:
    result = _check(family, report, "--format", "json")
    (checked,) = json.loads(result.stdout)["keys"]
    return result.exit_code, checked


def _client_file(key: str, secret: str, arguments: str = "") -> str:
    return f'from binance.client import Client\nc = Client("{key}", "{secret}"{arguments})\n'


@pytest.mark.parametrize(
    "context",
    [
        ', tld="us"',
        "\n# prices from https://api.binance.us/api/v3/ticker",
        "\nimport ccxt\nexchange = ccxt.binanceus()",
    ],
    ids=["python-binance tld", "host", "ccxt binanceus"],
)
def test_a_binance_us_key_is_asked_on_binance_us(
    family: dict[str, Emulator], tmp_path: Path, context: str
) -> None:
    account, secret = hmac_account(family["binance-us"], restrictions=dict(TRADING))
    report = _report(tmp_path, _client_file(account.api_key, secret, context))
    findings = json.loads(report.read_text())["findings"]
    assert {f["environment"] for f in findings} == {"binance-us"}
    code, checked = _checked(family, report)
    assert (code, checked["status"], checked["risk"]) == (1, "active", "high")
    assert checked["platform"] == "binance.us" and checked["environment"] == "binance-us"
    assert signed_requests(family["binance"]) == []  # its own host first, and only
    assert [h["endpoint"] for h in checked["hosts_asked"]] == ["binance-us"]
    steps = " ".join(checked["steps"])
    assert "https://www.binance.us/settings/api-management" in steps
    assert "support.binance.us" in steps and "binance.com" not in steps


def test_binance_us_environment_in_sarif_and_text(tmp_path: Path) -> None:
    key, secret = random_key(), random_key()
    (tmp_path / "bot.py").write_text(_client_file(key, secret, ', tld="us"'))
    _, sarif, _ = run_scan("--all-files", "--format", "sarif", ".", cwd=tmp_path)
    results = json.loads(sarif)["runs"][0]["results"]
    assert {r["properties"]["environment"] for r in results} == {"binance-us"}
    _, text, _ = run_scan("--all-files", ".", cwd=tmp_path)
    assert "environment: Binance.US" in text


def test_a_key_the_default_host_does_not_know_is_asked_on_binance_us(
    family: dict[str, Emulator], tmp_path: Path
) -> None:
    """No context: -2008 from api.binance.com is not "invalid" while Binance.US may know it."""
    account, secret = hmac_account(family["binance-us"], restrictions=dict(WITHDRAWING))
    report = _report(tmp_path, _client_file(account.api_key, secret))
    code, checked = _checked(family, report)
    assert (code, checked["status"], checked["risk"]) == (1, "active", "critical")
    assert checked["platform"] == "binance.us"
    asked = checked["hosts_asked"]
    assert [(h["endpoint"], h["status"]) for h in asked] == [
        ("binance", "invalid"),
        ("binance-us", "active"),
    ]
    assert "-2008" in asked[0]["answer"] and asked[0]["url"] == family["binance"].url
    assert any(s.startswith("Delete the API key now") for s in checked["steps"])
    text = " ".join(_check(family, report).stdout.split())
    assert f"hosts asked: {family['binance'].url} (invalid), {family['binance-us'].url}" in text


def test_invalid_only_when_every_host_said_so(family: dict[str, Emulator], tmp_path: Path) -> None:
    report = _report(tmp_path, _client_file(random_key(), random_key()))
    code, checked = _checked(family, report)
    assert (code, checked["status"], checked["risk"]) == (0, "invalid", "none")  # unchanged
    assert [(h["endpoint"], h["status"]) for h in checked["hosts_asked"]] == [
        ("binance", "invalid"),
        ("binance-us", "invalid"),
    ]
    assert "no host asked knows this key" in checked["reason"]
    assert family["binance-us"].url in checked["reason"]


@pytest.mark.parametrize(("flag", "venue"), [("testnet=True", "testnet"), ("demo=True", "demo")])
def test_a_production_key_in_testnet_or_demo_code_is_asked_on_production(
    family: dict[str, Emulator], tmp_path: Path, flag: str, venue: str
) -> None:
    """Users paste production keys into testnet code: the testnet's "unknown key" (-2015)
    is not a verdict."""
    account, secret = hmac_account(family["binance"], restrictions=dict(TRADING))
    report = _report(tmp_path, _client_file(account.api_key, secret, f", {flag}"))
    code, checked = _checked(family, report)
    assert (code, checked["status"], checked["risk"]) == (1, "active", "high")
    assert checked["platform"] == "binance.com"
    assert [(h["endpoint"], h["status"]) for h in checked["hosts_asked"]] == [
        (venue, "revoked_or_ip_blocked"),
        ("binance", "active"),
    ]
    assert "no real funds" not in checked["risk_reason"]


def test_a_testnet_key_stays_on_the_testnet(family: dict[str, Emulator], tmp_path: Path) -> None:
    account, secret = hmac_account(family["testnet"], restrictions=dict(TRADING))
    report = _report(tmp_path, _client_file(account.api_key, secret, ", testnet=True"))
    code, checked = _checked(family, report)
    assert (code, checked["status"], checked["risk"]) == (1, "active", "low")
    assert [h["endpoint"] for h in checked["hosts_asked"]] == ["testnet"]
    assert signed_requests(family["binance"]) == signed_requests(family["binance-us"]) == []


def test_a_demo_key_s_steps_name_demo_trading_pages(
    family: dict[str, Emulator], tmp_path: Path
) -> None:
    account, secret = hmac_account(family["demo"], restrictions=dict(READ_ONLY))
    report = _report(tmp_path, _client_file(account.api_key, secret, ", demo=True"))
    _, checked = _checked(family, report)
    assert checked["status"] == "active" and checked["platform"] == "demo"
    assert "https://demo.binance.com/en/my/settings/api-management" in " ".join(checked["steps"])


@pytest.mark.parametrize(
    ("option", "says"),
    [
        ("--endpoint=binance-eu=https://x.example", "'binance-eu' is not a host name"),
        ("--endpoint=binance=https://proxy.example", "not an official Binance host"),
    ],
)
def test_endpoint_mapping_refusals_are_one_line(tmp_path: Path, option: str, says: str) -> None:
    result = CliRunner().invoke(
        cli, ["check", option, "--report", str(tmp_path / "none.json")], env=dict(CLEAN_ENV)
    )
    assert result.exit_code == 2
    assert says in result.stderr and "Traceback" not in result.stderr


def test_an_official_host_may_be_mapped_without_the_unofficial_flag(
    emulator: Emulator, tmp_path: Path
) -> None:
    """NAME=URL with an official URL needs no --allow-unofficial-endpoint: here the
    Binance.US entry is mapped to another official host and nothing is refused."""
    result = CliRunner().invoke(
        cli,
        ["check", "--endpoint=binance-us=binance-api1", "--report", str(tmp_path / "x.json")],
        env=dict(CLEAN_ENV),
    )
    assert "not an official" not in result.stderr


def _us_project(root: Path, key: str, secret: str, *, also_com: bool = False) -> None:
    """A bot whose client names Binance.US, and a bare .env beside it that names nothing."""
    client = 'import os\nfrom binance.client import Client\n'
    client += 'client = Client(os.environ["K"], os.environ["S"], tld="us")\n'
    if also_com:
        client += "# spot prices: https://api.binance.com/api/v3/ticker/price\n"
    (root / "bot.py").write_text(client)
    (root / ".env").write_text(f"BINANCE_API_KEY={key}\nBINANCE_API_SECRET={secret}\n")


def test_a_project_that_names_binance_us_makes_its_bare_env_keys_binance_us(
    family: dict[str, Emulator], tmp_path: Path
) -> None:
    account, secret = hmac_account(family["binance-us"], restrictions=dict(TRADING))
    _us_project(tmp_path, account.api_key, secret)
    code, _, _ = run_scan("--all-files", "--format", "json", "-o", "report.json", ".", cwd=tmp_path)
    assert code == 1
    report = tmp_path / "report.json"
    findings = json.loads(report.read_text())["findings"]
    assert {(f["path"], f["environment"]) for f in findings} == {(".env", "binance-us")}
    code, checked = _checked(family, report)
    assert (code, checked["status"], checked["platform"]) == (1, "active", "binance.us")
    assert signed_requests(family["binance"]) == []  # the project's platform first, and only


def test_a_project_naming_binance_com_too_gives_no_platform(tmp_path: Path) -> None:
    _us_project(tmp_path, random_key(), random_key(), also_com=True)
    code, _, _ = run_scan("--all-files", "--format", "json", "-o", "report.json", ".", cwd=tmp_path)
    assert code == 1
    findings = json.loads((tmp_path / "report.json").read_text())["findings"]
    assert {f["environment"] for f in findings} == {"unknown"}


def test_a_git_project_that_names_binance_us_labels_scan_and_sweep_findings(
    tmp_path: Path,
) -> None:
    from tests.gitrepo import GitRepo
    from tests.test_sweep import run_sweep

    made = GitRepo(tmp_path / "repo")
    key, secret = random_key(), random_key()
    _us_project(made.path, key, secret)
    made.commit("bot and keys", {})
    code, _, _ = run_scan("--format", "json", "-o", str(tmp_path / "scan.json"), cwd=made.path)
    assert code == 1
    findings = json.loads((tmp_path / "scan.json").read_text())["findings"]
    assert {f["environment"] for f in findings} == {"binance-us"}
    code, out, _ = run_sweep(str(made.path), "--format", "json", "--quiet")
    assert code == 1
    values = json.loads(out)["findings"]
    assert values and {f["environment"] for f in values} == {"binance-us"}
