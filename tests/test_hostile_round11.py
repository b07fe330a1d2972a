"""Round 11's attacks (docs/threat-model.md "Round 11, attacked"): the commands the reports
tell a user to type, the owner fields, and the surfaces around them, attacked with real
inputs through the real CLI and hooks. Each test fails on the code before its fix, unless it
says it is a control."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from binance_secrets.plugins.detection.engine import scan_text
from binance_secrets.plugins.detection.findings import API_KEY, SECRET_KEY
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


# -- owner fields: an object that says Binance beside a provider that names something else --


def _account(lines: list[str]) -> tuple[str, str, str]:
    """A bot's JSON config whose account object holds ``lines`` and a generic key and
    secret: (text, key, secret)."""
    key, secret = random_key(), random_key()
    body = [*lines, f'"apiKey": "{key}",', f'"secret": "{secret}"']
    inner = ",\n".join(f"    {line.rstrip(',')}" for line in body)
    return '{\n  "bot": "grid",\n  "account": {\n' + inner + "\n  }\n}\n", key, secret


@pytest.mark.parametrize(
    "lines",
    [
        ['"name": "binance"', '"provider": "ccxt"'],
        ['"exchange_id": "binance"', '"provider": "ccxt"'],
        ['"venue": "Binance Spot"', '"provider": "aws"'],
        ['"provider": "dotenv"'],
    ],
    ids=["name-ccxt", "exchange-id-ccxt", "venue-aws", "dotenv"],
)
def test_a_provider_field_does_not_hide_a_binance_account(lines: list[str], tmp_path: Path) -> None:
    """A provider field names the object's owner (an LLM's `openai`, Home Assistant's
    `withings`), so a generic key and secret under one naming something else were that
    service's: an account object saying `"name": "binance"` beside `"provider": "ccxt"`
    (the library), or whose provider is where its secrets come from (`aws`, `dotenv`),
    passed `scan` in a python-binance bot (exit 0). Now a quoted key or value of the
    object that says Binance makes it Binance's, and a secrets source names no owner."""
    text, _, _ = _account(lines)
    (tmp_path / "requirements.txt").write_text("python-binance==1.0.19\n")
    (tmp_path / "bot.py").write_text("from binance.client import Client\n")
    (tmp_path / "config.json").write_text(text)
    done = run("scan", "--format", "json", ".", cwd=tmp_path)
    findings = json.loads(done.stdout)["findings"]
    assert done.returncode == 1, done.stdout
    assert sorted(f["type"] for f in findings) == [API_KEY, SECRET_KEY]


def test_an_object_keyed_binance_is_binance_s_whatever_its_provider() -> None:
    """`"binance": {"provider": "aws", "api_key": V, "api_secret": V}`: the object's own
    key says whose it is."""
    key, secret = random_key(), random_key()
    text = (
        '{\n  "exchanges": {\n    "binance": {\n      "provider": "aws",\n'
        f'      "api_key": "{key}",\n      "api_secret": "{secret}"\n    }}\n  }}\n}}\n'
    )
    assert {f.value for f in scan_text("config/exchanges.json", text)} == {key, secret}


def test_another_service_s_provider_still_owns_its_object() -> None:
    """Control: `{"provider": "openai", "api_key": V}` beside a Binance entry in one file is
    still openai's; the Binance entry is found."""
    ours, theirs = random_key(), random_key()
    text = (
        '{\n  "binance": {\n    "api_secret": "' + ours + '"\n  },\n  "llm": {\n'
        '    "provider": "openai",\n    "api_key": "' + theirs + '"\n  }\n}\n'
    )
    assert {f.value for f in scan_text("config.json", text)} == {ours}


def test_the_rejected_push_advice_puts_dashed_ref_names_after_double_dash() -> None:
    """The pre-receive rejection's commands for a pushed tag or a ref naming a file take the
    name as an operand too (:func:`shell_operands`), so one spelled like an option is never
    read as one by the pusher's git; an ordinary name is written as before."""
    from binance_secrets.hooks.reports.blocked import render_blocked_receive

    def advice(tag: str | None, ref: str | None) -> str:
        finding = {
            "type": API_KEY,
            "path": "(tag message)",
            "line": 1,
            "redacted": "abcd...",
            "fingerprint": "sha256:0",
            "commit": "a" * 40,
            "subject": "release",
            "tag": tag,
            "ref": ref,
        }
        return render_blocked_receive([finding], ["refs/tags/v1"])

    dashed = advice("refs/tags/--upload-pack=touch PWNED", None)
    assert "`git tag -d -- '--upload-pack=touch PWNED'`" in dashed
    assert "`git tag -a -- '--upload-pack=touch PWNED' COMMIT`" in dashed
    assert "`git update-ref -d -- -x`" in advice(None, "-x")
    assert "`git tag -d v3`" in advice("refs/tags/v3", None)
    assert "`git update-ref -d refs/blob`" in advice(None, "refs/blob")
