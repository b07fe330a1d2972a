"""`binance-secrets baseline` / `audit`: baselines that plain detect-secrets can use anywhere.

detect-secrets is run as its own console scripts (detect-secrets, detect-secrets-hook) in
subprocesses, the way its users run it; the last test runs Yelp's pre-commit hook
definition through the real pre-commit, in a fresh environment that pip-installs
detect-secrets and (as additional_dependencies) this project.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from binance_secrets.hooks.baseline.writer import (
    INDIRECT_REFERENCE,
    PLUGIN_CLASSES,
    SHIM_NAME,
)
from tests.emulator.fixtures import emulator_fixture, hmac_account  # noqa: F401
from tests.emulator.server import Emulator
from tests.fake_values import random_key
from tests.gitrepo import VENV_BIN, git, init_repo, run

PROJECT = Path(__file__).resolve().parent.parent

# Yelp/detect-secrets' own .pre-commit-hooks.yaml (v1.5.0), as a hook repository would have it.
YELP_HOOKS = """-   id: detect-secrets
    name: Detect secrets
    description: Detects high entropy strings that are likely to be passwords.
    entry: detect-secrets-hook
    language: python
    # for backward compatibility
    files: .*
"""






def client_line(key: str, secret: str) -> str:
    return f"from binance.client import Client\nclient = Client('{key}', '{secret}')\n"


@pytest.fixture
def repo(repo: Path, env: dict[str, str]) -> Path:
    """The shared empty repository with a bot file holding a key pair, and a README, staged."""
    (repo / "bot.py").write_text(client_line(random_key(), random_key()))
    (repo / "README.md").write_text("# bot\n")
    git(repo, "add", ".", env=env)
    return repo


def binance_secrets(repo: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return run(repo, env, str(VENV_BIN / "binance-secrets"), *args)


def load(path: Path) -> dict:
    return json.loads(path.read_text())


def types_in(baseline: dict, filename: str) -> list[str]:
    return sorted(item["type"] for item in baseline["results"].get(filename, []))


def test_baseline_is_portable_and_keeps_client_lines(
    repo: Path, env: dict[str, str], tmp_path: Path
) -> None:
    done = binance_secrets(repo, env, "baseline")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("created .secrets.baseline")
    baseline = load(repo / ".secrets.baseline")
    # detect-secrets' own plugins record the same line too: the count says whose is whose
    # (a newcomer saw "5 secret(s) recorded" for the 2 Binance values the scan reported).
    recorded = [item for items in baseline["results"].values() for item in items]
    binance = [item for item in recorded if item["type"].startswith("Binance ")]
    assert len(recorded) > len(binance) == 2
    assert (
        f"{len(recorded)} secret(s) recorded (2 Binance, {len(recorded) - 2} by detect-secrets'"
        " other plugins)" in done.stdout
    )
    ours = [p for p in baseline["plugins_used"] if p["name"] in PLUGIN_CLASSES]
    assert sorted(p["name"] for p in ours) == sorted(PLUGIN_CLASSES)
    assert {p["path"] for p in ours} == {f"file://{SHIM_NAME}"}
    assert any(p["name"] == "AWSKeyDetector" for p in baseline["plugins_used"])  # defaults kept
    assert INDIRECT_REFERENCE not in {f["path"] for f in baseline["filters_used"]}
    assert {"Binance API Key", "Binance Secret Key"} <= set(types_in(baseline, "bot.py"))
    text = (repo / ".secrets.baseline").read_text()
    assert str(PROJECT) not in text and str(VENV_BIN) not in text and str(repo) not in text
    assert (repo / SHIM_NAME).exists()

    # Another machine: the repository somewhere else; plain detect-secrets-hook, run at
    # the repository root as pre-commit does, still loads the plugins and sees Client().
    moved = shutil.copytree(repo, tmp_path / "elsewhere")
    (moved / "new.py").write_text(client_line(random_key(), random_key()))
    done = run(
        moved,
        env,
        str(VENV_BIN / "detect-secrets-hook"),
        "--no-verify",
        "--baseline",
        ".secrets.baseline",
        "new.py",
        "bot.py",
    )
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Secret Type: Binance API Key\nLocation:    new.py:2" in done.stdout
    assert "Secret Type: Binance Secret Key\nLocation:    new.py:2" in done.stdout
    assert "bot.py" not in done.stdout  # recorded in the baseline


def test_update_keeps_labels_and_adds_new_secrets(repo: Path, env: dict[str, str]) -> None:
    assert binance_secrets(repo, env, "baseline", "--output", "custom.baseline").returncode == 0
    path = repo / "custom.baseline"
    baseline = load(path)
    for item in baseline["results"]["bot.py"]:
        item["is_secret"] = False  # audited: a fixture
    # An old absolute plugin path (`detect-secrets --plugin $(binance-secrets plugin-path)`
    # in some other virtualenv) is made portable.
    gone = "file:///gone/venv/site-packages/binance_secrets/plugins/binance_detector.py"
    baseline["plugins_used"].append({"name": "BinanceApiKeyDetector", "path": gone})
    path.write_text(json.dumps(baseline))
    (repo / ".env").write_text(f"BINANCE_API_KEY={random_key()}\n")
    git(repo, "add", ".env", env=env)

    done = binance_secrets(repo, env, "baseline", "-o", "custom.baseline")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("updated custom.baseline")
    updated = load(path)
    assert all(item["is_secret"] is False for item in updated["results"]["bot.py"])
    assert types_in(updated, ".env") == ["Binance API Key"]
    paths = {p.get("path") for p in updated["plugins_used"] if p["name"] in PLUGIN_CLASSES}
    assert paths == {f"file://{SHIM_NAME}"}


def test_outside_the_repository_root_is_one_line_exit_2(repo: Path, env: dict[str, str]) -> None:
    (repo / "sub").mkdir()
    done = binance_secrets(repo / "sub", env, "baseline")
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "at the repository root" in done.stderr
    assert not (repo / "sub" / SHIM_NAME).exists()


def test_not_a_baseline_is_one_line_exit_2(repo: Path, env: dict[str, str]) -> None:
    (repo / ".secrets.baseline").write_text("[]")
    done = binance_secrets(repo, env, "baseline")
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "not a detect-secrets baseline" in done.stderr


def test_audit_report_works_on_the_baseline(repo: Path, env: dict[str, str]) -> None:
    assert binance_secrets(repo, env, "baseline").returncode == 0
    # Plain detect-secrets audit cannot load any custom plugin (Yelp/detect-secrets#611):
    # it caches its plugin table before reading the baseline. This test notices the day
    # that changes, so the README can drop `binance-secrets audit`.
    detect_secrets = str(VENV_BIN / "detect-secrets")
    plain = run(repo, env, detect_secrets, "audit", "--report", ".secrets.baseline")
    # Which of our types it trips over first depends on the random values' order.
    assert plain.returncode != 0 and "KeyError: 'Binance " in plain.stderr

    done = binance_secrets(repo, env, "audit", "--report", ".secrets.baseline")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    types = {t for item in report["results"] for t in item["types"]}
    assert {"Binance API Key", "Binance Secret Key"} <= types

    done = binance_secrets(repo, env, "audit", "--stats", ".secrets.baseline")
    assert done.returncode == 0, done.stderr
    assert "BinanceApiKeyDetector" in done.stdout


def test_shim_without_binance_secrets_says_what_to_do(repo: Path, env: dict[str, str]) -> None:
    assert binance_secrets(repo, env, "baseline").returncode == 0
    # -S: no site-packages, so neither binance_secrets nor detect_secrets is importable.
    done = run(repo, env, sys.executable, "-S", SHIM_NAME)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "binance-secrets is not installed" in done.stderr
    assert "additional_dependencies" in done.stderr


@pytest.mark.slow  # pre-commit builds a Python environment
def test_yelp_detect_secrets_hook_with_binance_secrets_blocks_a_commit(
    tmp_path: Path, env: dict[str, str], emulator: Emulator
) -> None:
    """Yelp's hook definition, `args: [--baseline, .secrets.baseline]`, binance-secrets in
    additional_dependencies: pre-commit builds that environment from the package index."""
    hook_repo = init_repo(tmp_path / "detect-secrets-hook", env)
    (hook_repo / ".pre-commit-hooks.yaml").write_text(YELP_HOOKS)
    (hook_repo / "setup.py").write_text(
        "from setuptools import setup\n"
        "setup(name='detect-secrets-hook-repo', version='1.5.0',"
        " install_requires=['detect-secrets==1.5.0'], py_modules=[])\n"
    )
    git(hook_repo, "add", ".", env=env)
    git(hook_repo, "commit", "-q", "-m", "hooks", env=env)
    rev = git(hook_repo, "rev-parse", "HEAD", env=env).stdout.strip()

    repo = init_repo(tmp_path / "repo", env)
    (repo / "README.md").write_text("# bot\n")
    config = {
        "repos": [
            {
                "repo": str(hook_repo),
                "rev": rev,
                "hooks": [
                    {
                        "id": "detect-secrets",
                        "args": ["--baseline", ".secrets.baseline"],
                        "additional_dependencies": [str(PROJECT)],
                    }
                ],
            }
        ]
    }
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config, sort_keys=False))
    git(repo, "add", ".", env=env)
    # After the config: the pinned `rev:` is a hex string detect-secrets would flag.
    assert binance_secrets(repo, env, "baseline").returncode == 0
    git(repo, "add", ".", env=env)
    installed = run(repo, env, sys.executable, "-m", "pre_commit", "install")
    assert installed.returncode == 0, installed.stderr
    first = run(repo, env, "git", "commit", "-m", "baseline", timeout=900)
    assert first.returncode == 0, first.stdout + first.stderr

    # The key is live on the emulator: our verify() answers VERIFIED_TRUE there.
    account, secret = hmac_account(emulator)
    env = {
        **env,
        "BINANCE_SECRETS_ENDPOINT": emulator.url,
        "BINANCE_SECRETS_ALLOW_UNOFFICIAL_ENDPOINT": "1",
    }
    (repo / "bot.py").write_text(client_line(account.api_key, secret))
    git(repo, "add", "bot.py", env=env)
    blocked = run(repo, env, "git", "commit", "-m", "bot", timeout=900)
    output = blocked.stdout + blocked.stderr
    assert blocked.returncode != 0, output
    assert "Secret Type: Binance API Key\nLocation:    bot.py:2" in output
    assert git(repo, "rev-list", "--count", "HEAD", env=env).stdout.strip() == "1"


@pytest.mark.parametrize("name", [SHIM_NAME, ".secrets.baseline"])
def test_a_symlink_in_the_repository_is_never_written_through(
    repo: Path, env: dict[str, str], tmp_path: Path, name: str
) -> None:
    """A cloned repository may commit the shim or the baseline as a symlink to a file of
    the user's (here: outside the repository); `baseline` refuses instead of overwriting it."""
    target = tmp_path / "dotfile"
    target.write_text("user's own\n")
    (repo / name).symlink_to(target)
    done = binance_secrets(repo, env, "baseline")
    assert done.returncode == 2, done.stdout + done.stderr
    assert "symlink" in done.stderr and "Traceback" not in done.stderr
    assert target.read_text() == "user's own\n"


@pytest.mark.parametrize("special", ["/dev/zero", "fifo"])
def test_a_baseline_that_is_a_device_or_fifo_is_refused_at_once(
    repo: Path, env: dict[str, str], special: str
) -> None:
    # Both once hung: /dev/zero was read forever, a FIFO waited for a writer.
    output = special
    if special == "fifo":
        os.mkfifo(repo / "fifo")
    done = run(repo, env, str(VENV_BIN / "binance-secrets"), "baseline", "--output", output,
               timeout=60)
    assert done.returncode == 2, done.stdout + done.stderr
    assert "not a regular file" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.parametrize("args", [(), ("--report",)])
def test_audit_without_a_baseline_says_it_needs_one_exit_2(
    repo: Path, env: dict[str, str], args: tuple[str, ...]
) -> None:
    # With no file, detect-secrets' own argparse help was printed and the exit was 0, as if
    # an audit had been done.
    done = binance_secrets(repo, env, "audit", *args)
    assert done.returncode == 2, done.stdout + done.stderr
    assert "needs the baseline file" in done.stderr
    assert "binance-secrets audit .secrets.baseline" in done.stderr
    assert "binance-secrets baseline" in done.stderr
    assert "Traceback" not in done.stderr and done.stdout == ""


def test_audit_with_standard_input_at_its_end_says_to_run_it_in_a_terminal(
    repo: Path, env: dict[str, str]
) -> None:
    # The prompt's EOF reached the top-level handler, which told the user to set
    # credentials in the environment and see `check --help`.
    assert binance_secrets(repo, env, "baseline").returncode == 0
    done = subprocess.run(
        [str(VENV_BIN / "binance-secrets"), "audit", ".secrets.baseline"], cwd=repo, env=env,
        stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 2, done.stderr
    last = done.stderr.strip().splitlines()[-1]
    assert "audit asks about each secret at a prompt" in last and "check --help" not in last
    assert "binance-secrets audit --report .secrets.baseline" in last


@pytest.mark.parametrize("kind", ["missing", "dev-zero", "fifo", "scan-report"])
def test_audit_of_something_not_a_baseline_is_one_line_exit_2(
    repo: Path, env: dict[str, str], kind: str
) -> None:
    # /dev/zero and a FIFO hung detect-secrets' audit; a missing file or a scan report was a
    # traceback.
    target = {"missing": "nope.json", "dev-zero": "/dev/zero", "fifo": "fifo",
              "scan-report": "report.json"}[kind]
    if kind == "fifo":
        os.mkfifo(repo / "fifo")
    if kind == "scan-report":
        assert binance_secrets(repo, env, "scan", "--format", "json", "--output",
                               "report.json").returncode == 1
    done = run(repo, env, str(VENV_BIN / "binance-secrets"), "audit", "--report", target,
               timeout=60)
    assert done.returncode == 2, done.stdout + done.stderr
    assert "baseline" in done.stderr and "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_a_file_with_a_non_ascii_name_is_recorded(repo: Path, env: dict[str, str]) -> None:
    # detect-secrets lists files with `git ls-files`, which quoted the name: nothing was
    # recorded for it, so a baselined value there still failed every scan.
    (repo / "bot.py").unlink()
    (repo / "机器人.py").write_text(client_line(random_key(), random_key()))
    git(repo, "add", "-A", env=env)
    assert binance_secrets(repo, env, "baseline").returncode == 0
    results = json.loads((repo / ".secrets.baseline").read_text())["results"]
    types = {entry["type"] for entry in results.get("机器人.py", [])}
    assert {"Binance API Key", "Binance Secret Key"} <= types
    assert binance_secrets(repo, env, "scan", "--baseline", ".secrets.baseline").returncode == 0


def test_file_names_with_a_quote_or_a_newline_are_recorded(
    repo: Path, env: dict[str, str]
) -> None:
    # git quotes such names in plain `ls-files` output even with core.quotePath=false
    # ("say \"hi\".py", "two\nlines.py"): detect-secrets opened no such file and recorded
    # nothing, so a baselined value there still failed every scan.
    (repo / "bot.py").unlink()
    names = ['say "hi".py', "two\nlines.py", "back\\slash.py", "tab\there.py"]
    for name in names:
        (repo / name).write_text(client_line(random_key(), random_key()))
    git(repo, "add", "-A", env=env)
    assert binance_secrets(repo, env, "baseline").returncode == 0
    results = json.loads((repo / ".secrets.baseline").read_text())["results"]
    for name in names:
        types = {entry["type"] for entry in results.get(name, [])}
        assert {"Binance API Key", "Binance Secret Key"} <= types, (name, sorted(results))
    done = binance_secrets(repo, env, "scan", "--baseline", ".secrets.baseline")
    assert done.returncode == 0, done.stdout + done.stderr
