"""`binance-secrets check` end to end: credential sources, report re-reading, exit codes."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from binance_secrets.hooks.commands.check import check
from binance_secrets.hooks.commands.cli import cli
from binance_secrets.plugins.detection.engine import scan_text
from tests.cli_process import scan_to_report
from tests.emulator.fixtures import (  # noqa: F401 - fixtures
    CLEAN_ENV,
    TRADING,
    emulator_fixture,
    hmac_account,
    private_key_account,
    tls_ca_fixture,
    tls_emulator_fixture,
)
from tests.emulator.server import Emulator, answered
from tests.fake_values import random_key


def run_check(
    emulator_url: str | None,
    *args: str,
    env: dict[str, str] | None = None,
    input: str | None = None,
    cwd: Path | None = None,
):
    endpoint = ["--endpoint", emulator_url, "--allow-unofficial-endpoint"] if emulator_url else []
    old = os.getcwd()
    if cwd is not None:
        os.chdir(cwd)
    try:
        return CliRunner().invoke(
            cli,
            ["check", *endpoint, *args],
            env={**CLEAN_ENV, **(env or {})},
            input=input,
            catch_exceptions=False,
        )
    finally:
        os.chdir(old)


def test_env_credentials_active_exit_1_and_json(emulator: Emulator) -> None:
    account, secret = hmac_account(emulator, restrictions=dict(TRADING))
    result = run_check(
        emulator.url,
        "--format",
        "json",
        env={"BINANCE_API_KEY": account.api_key, "BINANCE_API_SECRET": secret},
    )
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["version"] == 1
    (key,) = report["keys"]
    assert key["status"] == "active" and key["risk"] == "high"
    assert key["permissions"] == answered(TRADING) and key["ip_restricted"] is False
    assert key["found_at"] == ["environment variable BINANCE_API_KEY"]
    assert key["secret_found_at"] == "environment variable BINANCE_API_SECRET"
    assert secret not in result.output


def test_text_table(emulator: Emulator) -> None:
    account, secret = hmac_account(emulator)
    result = run_check(
        emulator.url, env={"BINANCE_API_KEY": account.api_key, "BINANCE_API_SECRET": secret}
    )
    assert result.exit_code == 1
    out = result.stdout
    header = ["KEY", "STATUS", "RISK", "IP-RESTRICTED", "CREATED", "AGE"]
    assert out.splitlines()[1].split() == header
    assert f"{account.api_key[:4]}...{account.api_key[-4:]}" in out
    assert "enableReading" in out and "what to do for this key:" in out
    assert account.api_key not in out and secret not in out


def test_private_key_file_with_passphrase_from_env(emulator: Emulator, tmp_path: Path) -> None:
    account, pem = private_key_account(emulator, "rsa", passphrase=b"pw")
    key_file = tmp_path / "key.pem"
    key_file.write_text(pem)
    env = {"BINANCE_API_KEY": account.api_key, "BINANCE_PRIVATE_KEY_FILE": str(key_file)}
    result = run_check(emulator.url, env=env)
    assert result.exit_code == 2
    assert "set BINANCE_PRIVATE_KEY_PASSPHRASE" in result.stderr and emulator.requests == []
    env["BINANCE_PRIVATE_KEY_PASSPHRASE"] = "pw"
    assert run_check(emulator.url, env=env).exit_code == 1


def test_missing_private_key_file_is_one_line_exit_2(emulator: Emulator) -> None:
    result = run_check(
        emulator.url,
        env={"BINANCE_API_KEY": random_key(), "BINANCE_PRIVATE_KEY_FILE": "/nonexistent.pem"},
    )
    assert result.exit_code == 2
    assert "cannot read private key file /nonexistent.pem" in result.stderr
    assert "Traceback" not in result.output
    assert "Usage:" not in result.stderr  # an input error, not a usage error: one line


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("--report", "/nonexistent.json"), "cannot read report /nonexistent.json"),
        ((), "no credentials to check"),
    ],
)
def test_check_input_errors_are_one_line(emulator: Emulator, args: tuple, says: str) -> None:
    result = run_check(emulator.url, *args, env={})
    assert result.exit_code == 2
    assert says in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr


def test_hidden_prompt(emulator: Emulator) -> None:
    account, secret = hmac_account(emulator)
    result = run_check(emulator.url, "--prompt", input=f"{account.api_key}\n{secret}\n")
    assert result.exit_code == 1
    assert account.api_key not in result.output and secret not in result.output


def test_invalid_key_exit_0(emulator: Emulator) -> None:
    result = run_check(
        emulator.url, env={"BINANCE_API_KEY": random_key(), "BINANCE_API_SECRET": random_key()}
    )
    assert result.exit_code == 0 and "invalid" in result.stdout


def test_no_credentials_is_usage_error() -> None:
    result = run_check(None)
    assert result.exit_code == 2
    assert "no credentials to check" in result.stderr


def test_unofficial_endpoint_is_refused_before_anything_is_sent(emulator: Emulator) -> None:
    account, secret = hmac_account(emulator)
    result = CliRunner().invoke(
        cli,
        ["check", "--endpoint", emulator.url],
        env={**CLEAN_ENV, "BINANCE_API_KEY": account.api_key, "BINANCE_API_SECRET": secret},
    )
    assert result.exit_code == 2
    assert "refusing endpoint" in result.stderr and "Traceback" not in result.output
    assert emulator.requests == []


def test_no_option_takes_a_credential() -> None:
    # --max-keys takes a number and --try-env-secret is a flag: neither takes a value that
    # could be a credential.
    counts = {"--max-keys": click.IntRange, "--try-env-secret": click.types.BoolParamType}
    for param in check.params:
        for name in param.opts:
            if name in counts:
                assert isinstance(param.type, counts[name]), name
                continue
            assert not any(word in name for word in ("key", "secret", "passphrase")), name


def test_https_with_ca_bundle(tls_emulator) -> None:
    server, bundle = tls_emulator
    account, secret = hmac_account(server)
    result = run_check(
        server.url,
        "--ca-bundle",
        bundle,
        env={"BINANCE_API_KEY": account.api_key, "BINANCE_API_SECRET": secret},
    )
    assert result.exit_code == 1, result.output


# -- reports ----------------------------------------------------------------------------


@pytest.fixture
def scanned(emulator: Emulator, tmp_path: Path) -> tuple[Path, Path, str, str]:
    """A tree with one live credential, and the JSON report of `scan` run on it."""
    account, secret = hmac_account(emulator)
    root = tmp_path / "project"
    (root / "bot").mkdir(parents=True)
    (root / "bot" / ".env").write_text(
        f"# binance bot\nBINANCE_API_KEY={account.api_key}\nBINANCE_API_SECRET={secret}\n"
    )
    report = tmp_path / "report.json"
    done = scan_to_report(root, report)
    assert done.exit_code == 1, done.output
    return root, report, account.api_key, secret


def test_report_is_re_read_from_any_directory(scanned, emulator: Emulator, tmp_path) -> None:
    root, report, api_key, secret = scanned
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = run_check(emulator.url, "--report", str(report), "--format", "json", cwd=elsewhere)
    assert result.exit_code == 1
    (key,) = json.loads(result.stdout)["keys"]
    assert key["status"] == "active"
    assert secret not in result.output and api_key not in result.output


def test_report_from_stdin(scanned, emulator: Emulator) -> None:
    _, report, _, _ = scanned
    result = run_check(emulator.url, "--report", "-", input=report.read_text())
    assert result.exit_code == 1


def test_value_no_longer_there_is_unknown(scanned, emulator: Emulator) -> None:
    root, report, _, _ = scanned
    (root / "bot" / ".env").write_text("# binance bot, keys moved to the vault\n")
    result = run_check(emulator.url, "--report", str(report), "--format", "json")
    assert result.exit_code == 3  # could not be confirmed: a CI gate must not pass
    (key,) = json.loads(result.stdout)["keys"]
    assert key["status"] == "unknown"
    assert key["reason"] == "cleaned from the work tree: the value is no longer at bot/.env:2"
    assert key["risk_reason"].startswith("Cleaned from the work tree")
    assert "treat it as live" not in key["risk_reason"]
    assert emulator.requests == []


def test_changed_value_is_not_trusted(scanned, emulator: Emulator) -> None:
    root, report, _, secret = scanned
    (root / "bot" / ".env").write_text(
        f"# binance bot\nBINANCE_API_KEY={random_key()}\nBINANCE_API_SECRET={secret}\n"
    )
    result = run_check(emulator.url, "--report", str(report), "--format", "json")
    assert json.loads(result.stdout)["keys"][0]["status"] == "unknown"
    assert emulator.requests == []


@pytest.mark.parametrize(
    "content", ["not json", "[]", '{"version": 2}', '{"version": 1, "root": "/", "findings": [1]}']
)
def test_bad_report_is_usage_error(tmp_path: Path, content: str) -> None:
    report = tmp_path / "r.json"
    report.write_text(content)
    result = run_check("binance", "--report", str(report))
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "binance-secrets scan --format json" in result.stderr


def test_unreadable_report_is_usage_error(tmp_path: Path) -> None:
    result = run_check(None, "--report", str(tmp_path / "missing.json"))
    assert result.exit_code == 2 and "cannot read report" in result.stderr


def _git(repo: Path, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@t",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@t",
        "GIT_COMMITTER_DATE": "2024-03-01T12:00:00+02:00",
        "GIT_AUTHOR_DATE": "2024-03-01T12:00:00+02:00",
    }
    return subprocess.run(
        ["git", "-C", str(repo), *args], check=True, capture_output=True, text=True, env=env
    ).stdout.strip()


def test_sweep_report_re_reads_the_git_blob(emulator: Emulator, tmp_path: Path) -> None:
    account, secret = hmac_account(emulator)
    repo = tmp_path / "repo"
    repo.mkdir()
    _git(repo, "init", "-q")
    text = f"# binance\nBINANCE_API_KEY={account.api_key}\nBINANCE_API_SECRET={secret}\n"
    (repo / "config.env").write_text(text)
    _git(repo, "add", ".")
    _git(repo, "commit", "-qm", "add config")
    commit = _git(repo, "rev-parse", "HEAD")
    _git(repo, "rm", "-q", "config.env")
    _git(repo, "commit", "-qm", "remove config")
    findings = [dict(f.to_json(), commit=commit) for f in scan_text("config.env", text)]
    report = tmp_path / "sweep.json"
    report.write_text(
        json.dumps(
            {
                "version": 1,
                "root": str(repo),
                "repository": str(repo),
                "findings": findings,
                "skipped": [],
            }
        )
    )
    result = run_check(emulator.url, "--report", str(report), "--format", "json")
    assert result.exit_code == 1, result.output
    (key,) = json.loads(result.stdout)["keys"]
    assert key["status"] == "active"
    assert any("since 2024-03-01T10:00:00Z" in step for step in key["steps"])


def test_scan_verify_runs_the_same_check_in_process(scanned, emulator: Emulator) -> None:
    root, _, api_key, secret = scanned
    old = os.getcwd()
    os.chdir(root)
    try:
        done = CliRunner().invoke(
            cli,
            [
                "scan",
                "--all-files",
                "--verify",
                "--endpoint",
                emulator.url,
                "--allow-unofficial-endpoint",
                "--format",
                "json",
                ".",
            ],
            env=CLEAN_ENV,
        )
    finally:
        os.chdir(old)
    assert done.exit_code == 1, done.output
    (key,) = json.loads(done.stdout)["keys"]
    assert key["status"] == "active" and key["risk"] == "medium"
    assert api_key not in done.output and secret not in done.output


def test_verify_text_does_not_tell_to_run_the_check_it_just_ran(
    scanned, emulator: Emulator, tmp_path: Path
) -> None:
    """The plain report ends with "Is it live? Run ... check --report ...": after --verify
    the live check follows right below it, so that hint only sends the user round again."""
    from tests.gitrepo import GitRepo

    root, _, _, _ = scanned
    repo = GitRepo(tmp_path / "repo")
    repo.commit("bot", {"bot/.env": (root / "bot" / ".env").read_text()})
    live = ["--verify", "--endpoint", emulator.url, "--allow-unofficial-endpoint"]
    old = os.getcwd()
    try:
        os.chdir(root)
        scanned_text = CliRunner().invoke(cli, ["scan", "--all-files", *live, "."], env=CLEAN_ENV)
        os.chdir(repo.path)
        swept_text = CliRunner().invoke(cli, ["sweep", "-q", *live], env=CLEAN_ENV)
    finally:
        os.chdir(old)
    for done in (scanned_text, swept_text):
        assert done.exit_code == 1, done.output
        assert "Live check (read-only): 1 key, 1 live" in done.stdout
        assert "Is it live?" not in done.stdout and "~/binance-secrets-" not in done.stdout


def test_scan_verify_refuses_unofficial_endpoint(scanned, emulator: Emulator) -> None:
    root, _, _, _ = scanned
    old = os.getcwd()
    os.chdir(root)
    try:
        done = CliRunner().invoke(
            cli, ["scan", "--all-files", "--verify", "--endpoint", emulator.url, "."], env=CLEAN_ENV
        )
    finally:
        os.chdir(old)
    assert done.exit_code == 2 and "refusing endpoint" in done.stderr
    assert emulator.requests == []


def test_a_value_binance_s_by_its_project_is_re_read(emulator: Emulator, tmp_path: Path) -> None:
    """The usual bot layout: `.env` with `API_KEY=`/`API_SECRET=` beside code importing a
    Binance SDK (Binance's only by the project). The report was written with the project's
    word; re-reading it without the project found nothing, and check said "value no longer
    at .env:1" for a scan report and for a sweep report alike (python-binance's workflow)."""
    account, secret = hmac_account(emulator)
    root = tmp_path / "bot"
    root.mkdir()
    _git(root, "init", "-q")
    (root / ".env").write_text(f"API_KEY={account.api_key}\nAPI_SECRET={secret}\n")
    (root / "bot.py").write_text("import os\nfrom binance.client import Client\n")
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "bot")
    for command in ("scan", "sweep"):
        report = tmp_path / f"{command}.json"
        old = os.getcwd()
        os.chdir(root)
        try:
            done = CliRunner().invoke(cli, [command, "--format", "json", "-q", "-o", str(report)])
        finally:
            os.chdir(old)
        assert done.exit_code == 1, done.output
        result = run_check(emulator.url, "--report", str(report), "--format", "json")
        (key,) = json.loads(result.stdout)["keys"]
        assert (result.exit_code, key["status"]) == (1, "active"), (command, key)


def test_a_secret_paired_in_another_file_of_the_commit_is_read_there(
    emulator: Emulator, tmp_path: Path
) -> None:
    """A sweep reports a value once, at its first place; the key's first copy (a README)
    may be paired with a secret found beside another copy (the example it documents).
    check read the secret only at the key's place: "value no longer at" the secret's own,
    although it was there (tiagosiebler/binance's RSA walkthrough)."""
    account, secret = hmac_account(emulator)
    root = tmp_path / "bot"
    root.mkdir()
    _git(root, "init", "-q")
    (root / "README.md").write_text(f"# binance bot\n\n    api_key = '{account.api_key}'\n")
    (root / "bot.py").write_text(
        "from binance.client import Client\n"
        f"api_key = '{account.api_key}'\napi_secret = '{secret}'\n"
    )
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "bot")
    report = tmp_path / "sweep.json"
    done = CliRunner().invoke(
        cli, ["sweep", str(root), "--format", "json", "-q", "-o", str(report)]
    )
    assert done.exit_code == 1, done.output
    findings = json.loads(report.read_text())["findings"]
    (key,) = [f for f in findings if f["type"] == "Binance API Key"]
    assert (key["path"], key["pair"] is not None) == ("README.md", True)
    result = run_check(emulator.url, "--report", str(report), "--format", "json")
    (checked,) = json.loads(result.stdout)["keys"]
    assert (result.exit_code, checked["status"]) == (1, "active"), checked


def test_a_utf16_file_of_a_scan_report_is_re_read(emulator: Emulator, tmp_path: Path) -> None:
    """scan decodes UTF-16 text with a BOM (Windows PowerShell's `>`); check re-reads the
    file the same way, or the value would be "no longer" there."""
    account, secret = hmac_account(emulator)
    root = tmp_path / "bot"
    root.mkdir()
    text = f"BINANCE_API_KEY={account.api_key}\r\nBINANCE_API_SECRET={secret}\r\n"
    (root / ".env").write_bytes(text.encode("utf-16"))
    report = tmp_path / "scan.json"
    old = os.getcwd()
    os.chdir(root)
    try:
        done = CliRunner().invoke(cli, ["scan", "--format", "json", "-o", str(report)])
    finally:
        os.chdir(old)
    assert done.exit_code == 1, done.output
    result = run_check(emulator.url, "--report", str(report), "--format", "json")
    (key,) = json.loads(result.stdout)["keys"]
    assert (result.exit_code, key["status"]) == (1, "active"), key
