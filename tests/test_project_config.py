""".binance-secrets.toml: accept a known finding once, honoured by every command.

Each test runs the real console entry point (a subprocess, as a shell or git runs it) on a
real git repository: scan, sweep, the plain pre-commit and pre-push hooks, `ignore`, and a
malformed config's one-line error. Keys are random (tests.fake_values.random_key).
"""

from __future__ import annotations

import json
import re
import shlex
import subprocess
import time
from datetime import date, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from binance_secrets.hooks.commands.cli import cli
from binance_secrets.hooks.scanning.path_globs import parse_glob
from binance_secrets.hooks.scanning.project_config import (
    ConfigError,
    load_project_config,
    parse_project_config,
)
from binance_secrets.plugins.detection.engine import scan_text
from binance_secrets.plugins.detection.findings import fingerprint
from tests.cli_process import assert_one_line_error, env_text, run_cli
from tests.emulator.fixtures import emulator_fixture, hmac_account  # noqa: F401 - fixtures
from tests.emulator.server import Emulator
from tests.fake_values import random_key
from tests.gitrepo import git, isolate_git


@pytest.fixture(autouse=True)
def isolated_git(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """No global or system git config (a global core.hooksPath would redirect a hook)."""
    isolate_git(monkeypatch, tmp_path_factory.mktemp("git"))


def ignore_entry(value: str, reason: str = "revoked 2026-11-02", **more: str) -> str:
    extra = "".join(f"{name} = {text}\n" for name, text in more.items())
    return f'[[ignore]]\nfingerprint = "{fingerprint(value)}"\nreason = "{reason}"\n{extra}'


def scan_json(repo: Path, *args: str) -> tuple[int, dict]:
    done = run_cli("scan", "--format", "json", *args, cwd=repo)
    assert done.returncode in (0, 1), done.stderr
    return done.returncode, json.loads(done.stdout)


# -- scan -------------------------------------------------------------------------------


def test_scan_lists_an_ignored_value_with_its_reason_and_counts_it(repo: Path) -> None:
    key, secret = random_key(), random_key()
    (repo / ".env").write_text(env_text(key, secret))
    (repo / ".binance-secrets.toml").write_text(
        ignore_entry(key) + ignore_entry(secret, "a fixture of the test suite")
    )
    code, report = scan_json(repo)
    assert code == 0 and report["findings"] == []
    reasons = {item["fingerprint"]: item["ignored_by"]["reason"] for item in report["ignored"]}
    assert reasons == {
        fingerprint(key): "revoked 2026-11-02",
        fingerprint(secret): "a fixture of the test suite",
    }
    assert report["ignored"][0]["ignored_by"]["source"] == ".binance-secrets.toml:1"

    text = run_cli("scan", cwd=repo)
    assert text.returncode == 0
    assert "2 ignored by .binance-secrets.toml; -v lists them" in text.stdout
    assert "revoked 2026-11-02" not in text.stdout
    verbose = run_cli("scan", "-v", cwd=repo)
    assert "revoked 2026-11-02 (.binance-secrets.toml:1)" in verbose.stdout
    assert key not in verbose.stdout + verbose.stderr


def test_sarif_reports_an_ignored_value_as_suppressed_with_its_reason(repo: Path) -> None:
    from tests.test_sarif_schema import validate

    key, other = random_key(), random_key()
    (repo / "bot.py").write_text(f"BINANCE_API_KEY = '{key}'\nBINANCE_API_SECRET = '{other}'\n")
    (repo / ".binance-secrets.toml").write_text(ignore_entry(key))
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "bot")
    for command in ("scan", "sweep"):
        done = run_cli(command, "--quiet", "--format", "sarif", cwd=repo)
        assert done.returncode == 1, done.stderr
        report = json.loads(done.stdout)
        validate(report)
        results = report["runs"][0]["results"]
        suppressed = [r for r in results if r.get("suppressions")]
        assert [r["level"] for r in results if not r.get("suppressions")] == ["error"], command
        (result,) = suppressed
        assert result["suppressions"][0]["justification"] == "revoked 2026-11-02"
        assert result["partialFingerprints"]["binanceSecretValue/v1"] == fingerprint(key)[7:]
        assert "Ignored by .binance-secrets.toml:1" in result["message"]["text"]


def test_an_entry_with_a_path_accepts_the_value_only_there(repo: Path) -> None:
    key = random_key()
    (repo / "old").mkdir()
    (repo / "old" / "bot.py").write_text(f"BINANCE_API_KEY = '{key}'\n")
    (repo / "new.py").write_text(f"BINANCE_API_KEY = '{key}'\n")
    (repo / ".binance-secrets.toml").write_text(ignore_entry(key, path='"old/*.py"'))
    code, report = scan_json(repo)
    assert code == 1
    assert [f["path"] for f in report["findings"]] == ["new.py"]
    assert [f["path"] for f in report["ignored"]] == ["old/bot.py"]
    # From a subdirectory the entry's path is still relative to the repository's top.
    code, report = scan_json(repo / "old")
    assert code == 0 and [f["path"] for f in report["ignored"]] == ["bot.py"]


def test_an_expired_entry_is_void_and_the_output_says_so(repo: Path) -> None:
    key = random_key()
    (repo / "bot.py").write_text(f"BINANCE_API_KEY = '{key}'\n")
    yesterday = (date.today() - timedelta(days=2)).isoformat()
    (repo / ".binance-secrets.toml").write_text(ignore_entry(key, until=yesterday))
    code, report = scan_json(repo)
    assert code == 1 and report["ignored"] == []
    (finding,) = report["findings"]
    assert finding["ignore_expired"]["until"] == yesterday
    text = run_cli("scan", cwd=repo)
    assert text.returncode == 1
    assert f"void since {yesterday}" in text.stdout and "fails again" in text.stdout

    tomorrow = (date.today() + timedelta(days=2)).isoformat()
    (repo / ".binance-secrets.toml").write_text(ignore_entry(key, until=tomorrow))
    code, report = scan_json(repo)
    assert code == 0 and report["ignored"][0]["ignored_by"]["until"] == tomorrow


def test_excluded_paths_are_not_read(repo: Path) -> None:
    key = random_key()
    for name in ("vendor/lib/x.py", "tests/fixtures/a.env", "app/tests/fixtures/b.env", "bot.py"):
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text(f"BINANCE_API_KEY = '{key}'\n")
    (repo / ".binance-secrets.toml").write_text(
        '[exclude]\npaths = ["vendor/**", "tests/fixtures/**"]\n'
    )
    code, report = scan_json(repo)
    assert code == 1
    assert sorted(f["path"] for f in report["findings"]) == ["app/tests/fixtures/b.env", "bot.py"]


def test_pyproject_table_is_read(repo: Path) -> None:
    key = random_key()
    (repo / "bot.py").write_text(f"BINANCE_API_KEY = '{key}'\n")
    (repo / "pyproject.toml").write_text(
        '[project]\nname = "bot"\n\n'
        + ignore_entry(key).replace("[[ignore]]", "[[tool.binance-secrets.ignore]]")
    )
    code, report = scan_json(repo)
    assert code == 0
    assert report["ignored"][0]["ignored_by"]["source"] == "pyproject.toml:4"


def test_a_pyproject_without_our_table_is_not_judged(repo: Path) -> None:
    (repo / "pyproject.toml").write_text("this is [not toml\n")
    assert run_cli("scan", cwd=repo).returncode == 0


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ('[[ignore]]\nfingerprint = "sha256:00"\nreason = "x"\n', 2, "fingerprint"),
        (f'[[ignore]]\nfingerprint = "{fingerprint("v")}"\n', 1, "reason"),
        (f'[[ignore]]\nfingerprint = "{fingerprint("v")}"\nreason = ""\n', 3, "reason"),
        (
            f'\n[[ignore]]\nfingerprint = "{fingerprint("v")}"\nreason = "r"\nuntill = 1\n',
            5,
            "untill",
        ),
        (
            f'[[ignore]]\nfingerprint = "{fingerprint("v")}"\nreason = "r"\nuntil = "soon"\n',
            4,
            "date",
        ),
        ('[exclude]\n\npaths = "vendor/**"\n', 3, "list"),
        ("[exclude]\npaths = [1]\n", 2, "glob"),
        ("ignores = []\n", 1, "ignores"),
        ('[[ignore]]\nfingerprint = "x\nreason = "y"\n', 2, "TOML"),
        ("a = 1\n\n[[ignore]\n", 3, "TOML"),
    ],
)
def test_a_malformed_config_is_one_line_with_its_line_number(
    repo: Path, text: str, line: int, words: str
) -> None:
    (repo / ".binance-secrets.toml").write_text(text)
    for command in (["scan"], ["sweep"]):
        done = run_cli(*command, cwd=repo)
        assert_one_line_error(done, f".binance-secrets.toml:{line}:", words)


def test_a_hostile_config_is_refused_bounded(repo: Path) -> None:
    config = repo / ".binance-secrets.toml"
    config.write_text("# x\n" * 300_000)  # over the size cap
    assert_one_line_error(run_cli("scan", cwd=repo), ".binance-secrets.toml", "larger")
    config.unlink()
    config.symlink_to("/dev/zero")
    assert_one_line_error(run_cli("scan", cwd=repo), ".binance-secrets.toml", "regular file")
    config.unlink()
    config.write_text("a = " + "[" * 5000 + "]" * 5000 + "\n")
    done = run_cli("scan", cwd=repo)
    assert done.returncode == 2 and "Traceback" not in done.stderr


def test_globs_are_matched_by_our_own_code_in_bounded_time() -> None:
    cases = {
        ("vendor/**", "vendor/a/b.py"): True,
        ("vendor/**", "src/vendor/a.py"): False,
        ("vendor", "vendor/a/b.py"): True,
        ("vendor/", "vendor"): False,
        ("*.min.js", "web/app.min.js"): True,
        ("/app.py", "app.py"): True,
        ("/app.py", "sub/app.py"): False,
        ("**/fixtures/*.json", "a/b/fixtures/x.json"): True,
        ("**/fixtures/*.json", "fixtures/x.json"): True,
        ("tests/fixtures/**", "tests/fixturesX/a"): False,
        ("conf[0-9].py", "conf7.py"): True,
        ("conf[!0-9].py", "conf7.py"): False,
        ("a?c", "abc"): True,
        ("a?c", "a/c"): False,
        ("old/bot.py", "old/bot.py"): True,
        ("old/bot.py", "x/old/bot.py"): False,
    }
    for (glob, path), expected in cases.items():
        assert parse_glob(glob).matches(path) is expected, (glob, path)
    # A glob that makes a backtracking matcher (re, fnmatch) take exponential time.
    hostile = parse_glob("*a" * 200 + "b")
    started = time.monotonic()
    assert not hostile.matches("a" * 1000)
    hostile_dirs = parse_glob("**/" * 100 + "x")
    assert not hostile_dirs.matches("/".join(["a"] * 200))
    assert time.monotonic() - started < 5


def test_config_api_for_other_commands(tmp_path: Path) -> None:
    key = random_key()
    text = ignore_entry(key, path='"a/*"') + '[exclude]\npaths = ["vendor/**"]\n'
    config = parse_project_config(text.encode(), root=str(tmp_path))
    assert config.ignored({"fingerprint": fingerprint(key), "path": "a/b.py"}) is not None
    assert config.ignored({"fingerprint": fingerprint(key), "path": "c/b.py"}) is None
    assert config.excluded("vendor/x") and not config.excluded("src/x")
    assert load_project_config(str(tmp_path)).ignores == ()
    with pytest.raises(ConfigError):
        parse_project_config(b"[[ignore]]\n")


def test_verify_checks_only_what_the_config_does_not_ignore(repo: Path, emulator: Emulator) -> None:
    account, secret = hmac_account(emulator)
    (repo / ".env").write_text(env_text(account.api_key, secret))
    live = ["--verify", "--endpoint", emulator.url, "--allow-unofficial-endpoint"]
    assert run_cli("scan", *live, cwd=repo).returncode == 1  # the key is live
    asked = len(emulator.requests)
    (repo / ".binance-secrets.toml").write_text(
        ignore_entry(account.api_key, "a test account") + ignore_entry(secret, "its secret")
    )
    done = run_cli("scan", "--format", "json", *live, cwd=repo)
    assert done.returncode == 0, done.stdout + done.stderr
    assert len(json.loads(done.stdout)["ignored"]) == 2
    assert len(emulator.requests) == asked  # Binance was not asked about an ignored key


# -- the inline marks -------------------------------------------------------------------


@pytest.mark.parametrize("mark", ["# pragma: allowlist secret", "# gitleaks:allow"])
def test_both_inline_marks_skip_the_line(mark: str) -> None:
    key = random_key()
    assert scan_text("bot.py", f"BINANCE_API_KEY = '{key}'\n")
    assert scan_text("bot.py", f"BINANCE_API_KEY = '{key}'  {mark}\n") == []


# -- sweep and the hooks ----------------------------------------------------------------


def test_sweep_honours_the_config(repo: Path) -> None:
    key, other = random_key(), random_key()
    (repo / "bot.py").write_text(f"BINANCE_API_KEY = '{key}'\n")
    (repo / "vendor").mkdir()
    (repo / "vendor" / "lib.py").write_text(f"BINANCE_API_KEY = '{other}'\n")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "bot")
    assert run_cli("sweep", "--quiet", cwd=repo).returncode == 1
    (repo / ".binance-secrets.toml").write_text(
        ignore_entry(key) + '[exclude]\npaths = ["vendor/**"]\n'
    )
    done = run_cli("sweep", "--quiet", "--format", "json", cwd=repo)
    assert done.returncode == 0, done.stdout + done.stderr
    report = json.loads(done.stdout)
    assert report["findings"] == []
    (ignored,) = report["ignored"]
    assert ignored["fingerprint"] == fingerprint(key) and ignored["commit"]
    assert ignored["ignored_by"]["reason"] == "revoked 2026-11-02"
    assert "1 ignored by .binance-secrets.toml" in run_cli("sweep", "-q", cwd=repo).stdout


def install_hook(repo: Path, *args: str) -> None:
    done = CliRunner().invoke(cli, ["install-hook", *args, str(repo)])
    assert done.exit_code == 0, done.output


def test_plain_pre_commit_hook_honours_the_config(repo: Path) -> None:
    install_hook(repo)
    key = random_key()
    (repo / "bot.py").write_text(f"BINANCE_API_KEY = '{key}'\n")
    git(repo, "add", "bot.py")
    assert git(repo, "commit", "-q", "-m", "bot", check=False).returncode != 0
    (repo / ".binance-secrets.toml").write_text(ignore_entry(key))
    git(repo, "add", ".binance-secrets.toml")
    done = git(repo, "commit", "-q", "-m", "bot", check=False)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_blocked_commits_baseline_advice_lets_it_through(repo: Path) -> None:
    """`binance-secrets baseline`, then commit .secrets.baseline: the plain hook takes
    .secrets.baseline as its baseline without `--baseline` in its arguments."""
    install_hook(repo)
    (repo / "app.py").write_text("print('hi')\n")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "app")
    key = random_key()
    (repo / "fixture.py").write_text(f"# binance test fixture\nBINANCE_API_KEY = '{key}'\n")
    git(repo, "add", "fixture.py")
    blocked = git(repo, "commit", "-q", "-m", "fixture", check=False)
    assert blocked.returncode != 0
    advice = re.search(
        r"record it in a baseline \(`(\S+/binance-secrets baseline)`, then commit "
        r"\.secrets\.baseline\)",
        blocked.stdout + blocked.stderr,
    )
    assert advice, blocked.stdout + blocked.stderr
    made = subprocess.run(
        shlex.split(advice.group(1)), cwd=repo, capture_output=True, text=True, timeout=300
    )
    assert made.returncode == 0, made.stdout + made.stderr
    git(repo, "add", ".secrets.baseline", ".binance_secrets_plugins.py")
    done = git(repo, "commit", "-q", "-m", "fixture", check=False)
    assert done.returncode == 0, done.stdout + done.stderr


def pushable(tmp_path: Path, repo: Path) -> None:
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "-q", "--bare", str(remote))
    git(repo, "remote", "add", "origin", str(remote))
    install_hook(repo, "--pre-push")


def test_pre_push_hook_honours_the_config_and_the_baseline(tmp_path: Path, repo: Path) -> None:
    pushable(tmp_path, repo)
    key, other = random_key(), random_key()
    (repo / "bot.py").write_text(f"BINANCE_API_KEY = '{key}'\n")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "bot")
    assert git(repo, "push", "-q", "origin", "main", check=False).returncode != 0
    (repo / ".binance-secrets.toml").write_text(ignore_entry(key))
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "accept")
    done = git(repo, "push", "-q", "origin", "main", check=False)
    assert done.returncode == 0, done.stderr

    (repo / "fixture.py").write_text(f"# binance test fixture\nBINANCE_API_KEY = '{other}'\n")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "fixture")
    assert git(repo, "push", "-q", "origin", "main", check=False).returncode != 0
    made = run_cli("baseline", cwd=repo, timeout=300)
    assert made.returncode == 0, made.stdout + made.stderr
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "baseline")
    done = git(repo, "push", "-q", "origin", "main", check=False)
    assert done.returncode == 0, done.stderr


# -- binance-secrets ignore -------------------------------------------------------------


def test_ignore_appends_an_entry_that_scan_honours(repo: Path) -> None:
    key = random_key()
    (repo / "bot.py").write_text(f"BINANCE_API_KEY = '{key}'\n")
    config = repo / ".binance-secrets.toml"
    done = run_cli("ignore", fingerprint(key), "--reason", 'revoked "old" key', cwd=repo)
    assert done.returncode == 0, done.stderr
    assert ".binance-secrets.toml:1" in done.stdout
    code, report = scan_json(repo)
    assert code == 0 and report["ignored"][0]["ignored_by"]["reason"] == 'revoked "old" key'

    # Existing content (comments, other entries) is kept; a second entry is appended.
    config.write_text("# accepted values: ask #security first\n" + config.read_text())
    before = config.read_text()
    other = random_key()
    done = run_cli(
        "ignore", fingerprint(other), "--reason", "fixture", "--path", "tests/*", "--until",
        "2099-01-01", cwd=repo,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert config.read_text().startswith(before)
    loaded = load_project_config(str(repo))
    assert [e.path for e in loaded.ignores] == [None, "tests/*"]
    assert loaded.ignores[1].until == date(2099, 1, 1)
    again = run_cli("ignore", fingerprint(key), "--reason", "twice", cwd=repo)
    assert again.returncode == 0 and "already ignored" in again.stdout


def test_ignore_refuses_a_missing_reason_or_a_bad_fingerprint(repo: Path) -> None:
    key = random_key()
    assert run_cli("ignore", fingerprint(key), cwd=repo).returncode == 2
    assert_one_line_error(run_cli("ignore", fingerprint(key), "--reason", " ", cwd=repo), "reason")
    short = fingerprint(key)[:15]  # 8 hex digits: too short to choose a value by
    done = run_cli("ignore", short, "--reason", "r", cwd=repo)
    assert_one_line_error(done, "64 hex digits", "at least its first 12")
    unknown = "sha256:" + "0" * 12
    assert_one_line_error(run_cli("ignore", unknown, "--reason", "r", cwd=repo), "no value")
    assert not (repo / ".binance-secrets.toml").exists()


def test_ignore_refuses_an_until_day_already_past(repo: Path) -> None:
    """An entry void from the moment it is written accepts nothing (a mistyped year): it
    is refused, not appended with 'added ...'. Today itself is still in force."""
    key = random_key()
    (repo / "bot.py").write_text(f"BINANCE_API_KEY = '{key}'\n")
    yesterday = (date.today() - timedelta(days=2)).isoformat()
    done = run_cli("ignore", fingerprint(key), "--reason", "r", "--until", yesterday, cwd=repo)
    assert_one_line_error(done, f"--until {yesterday}", "past", "later day")
    assert not (repo / ".binance-secrets.toml").exists()
    later = (date.today() + timedelta(days=2)).isoformat()
    done = run_cli("ignore", fingerprint(key), "--reason", "r", "--until", later, cwd=repo)
    assert done.returncode == 0, done.stderr


def test_ignore_completes_a_shortened_fingerprint_from_the_work_tree(repo: Path) -> None:
    key = random_key()
    (repo / "bot.py").write_text(f"BINANCE_API_KEY = '{key}'\n")
    done = run_cli("ignore", fingerprint(key)[:19] + "...", "--reason", "revoked", cwd=repo)
    assert done.returncode == 0, done.stderr
    assert load_project_config(str(repo)).ignores[0].fingerprint == fingerprint(key)


def test_ignore_writes_into_the_pyproject_table_when_that_is_the_config(repo: Path) -> None:
    key = random_key()
    (repo / "bot.py").write_text(f"BINANCE_API_KEY = '{key}'\n")
    pyproject = repo / "pyproject.toml"
    pyproject.write_text('[project]\nname = "bot"\n\n[tool.binance-secrets.exclude]\npaths = []\n')
    done = run_cli("ignore", fingerprint(key), "--reason", "revoked", cwd=repo)
    assert done.returncode == 0, done.stderr
    assert not (repo / ".binance-secrets.toml").exists()
    assert "[[tool.binance-secrets.ignore]]" in pyproject.read_text()
    assert scan_json(repo)[0] == 0
