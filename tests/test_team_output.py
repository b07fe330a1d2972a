"""Output a team reads: quiet clean runs, short fingerprints in text, the check's shared
steps once, colour only where it helps, a summary line for -o FILE, "Did you mean", and a
baseline that refuses to be written outside a repository."""

from __future__ import annotations

import json
import os
import pty
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli_process import CLEAN_ENV, assert_one_line_error, env_text, run_cli
from tests.fake_values import random_key
from tests.gitrepo import init_repo, isolate_git

PROJECT = Path(__file__).resolve().parent.parent
SAMPLE = PROJECT / "tests" / "fixtures" / "sample" / "bot_config.py"
ANSI = re.compile(r"\x1b\[[0-9;]*m")


@pytest.fixture(autouse=True)
def isolated_git(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    isolate_git(monkeypatch, tmp_path_factory.mktemp("git"))


@pytest.fixture
def clean_tree(tmp_path: Path) -> Path:
    """A project with two documentation example values and a binary file: a clean run."""
    root = tmp_path / "project"
    root.mkdir()
    shutil.copy(SAMPLE, root / "bot_config.py")
    (root / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR" + bytes(64))
    return root


def test_clean_run_is_one_line_and_skipped_goes_to_stderr(clean_tree: Path) -> None:
    done = run_cli("scan", "--all-files", ".", cwd=clean_tree)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "2 documentation example values, not failing; -v lists them",
        "No Binance credentials found (2 documentation example(s) reported).",
    ]
    assert "logo.png" not in done.stdout and "Skipped" not in done.stdout
    assert done.stderr.splitlines() == ["Skipped 1 item(s) (binary); -v lists them"]


def test_verbose_lists_examples_and_skipped_items(clean_tree: Path) -> None:
    done = run_cli("scan", "--all-files", "-v", ".", cwd=clean_tree)
    assert done.returncode == 0, done.stderr
    assert "bot_config.py:11: Binance API Key (Binance documentation example" in done.stdout
    assert "-v lists them" not in done.stdout
    assert "Skipped 1 item(s):" in done.stderr and "logo.png: binary" in done.stderr


def test_quiet_clean_run_prints_nothing(clean_tree: Path) -> None:
    done = run_cli("scan", "--all-files", "-q", ".", cwd=clean_tree)
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")


def test_text_shows_short_fingerprints_json_and_verbose_full_ones(tmp_path: Path) -> None:
    key, secret = random_key(), random_key()
    (tmp_path / ".env").write_text(env_text(key, secret))
    text = run_cli("scan", "--all-files", ".", cwd=tmp_path)
    report = json.loads(
        run_cli("scan", "--all-files", "--format", "json", ".", cwd=tmp_path).stdout
    )
    full = report["findings"][0]["fingerprint"]
    assert re.fullmatch(r"sha256:[0-9a-f]{64}", full)
    assert f"fingerprint: {full[:19]}\n" in text.stdout and full not in text.stdout
    verbose = run_cli("scan", "--all-files", "-v", ".", cwd=tmp_path)
    assert f"fingerprint: {full}\n" in verbose.stdout


def test_output_file_says_one_summary_line(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text(env_text(random_key(), random_key()))
    done = run_cli("scan", "--all-files", "--format", "json", "-o", "r.json", ".", cwd=tmp_path)
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr.splitlines() == [
        "binance-secrets: Found 2 Binance credential(s). Report: r.json"
    ]
    assert len(json.loads((tmp_path / "r.json").read_text())["findings"]) == 2
    quiet = run_cli("scan", "-q", "--all-files", "-o", "q.txt", ".", cwd=tmp_path)
    assert quiet.stderr == ""


def _unknown_keys_report(tmp_path: Path) -> Path:
    """A report of two keys whose values are gone: both unknown, nothing sent."""
    root = tmp_path / "project"
    root.mkdir()
    for name in ("a.env", "b.env"):
        (root / name).write_text(env_text(random_key(), random_key()))
    report = tmp_path / "r.json"
    done = run_cli("scan", "--all-files", "--format", "json", "-o", str(report), ".", cwd=root)
    assert done.returncode == 1, done.stderr
    shutil.rmtree(root)
    return report


def test_check_prints_the_steps_of_every_unknown_key_once(tmp_path: Path) -> None:
    report = _unknown_keys_report(tmp_path)
    done = run_cli("check", "--report", str(report), cwd=tmp_path)
    assert done.returncode == 3, done.stderr
    assert done.stdout.count("Delete the API key now") == 1, done.stdout
    assert "What to do for each of these 2 keys" in done.stdout
    data = json.loads(
        run_cli("check", "--report", str(report), "--format", "json", cwd=tmp_path).stdout
    )
    assert all(any("Delete the API key now" in s for s in k["steps"]) for k in data["keys"])


def test_check_colours_status_and_risk_only_when_asked_or_on_a_terminal(tmp_path: Path) -> None:
    report = _unknown_keys_report(tmp_path)
    piped = run_cli("check", "--report", str(report), cwd=tmp_path)
    assert not ANSI.search(piped.stdout)
    always = run_cli("check", "--report", str(report), "--color", "always", cwd=tmp_path)
    assert "\x1b[33munknown\x1b[0m" in always.stdout  # yellow
    assert ANSI.sub("", always.stdout) == piped.stdout
    never = run_cli("check", "--report", str(report), "--color", "never", cwd=tmp_path)
    assert not ANSI.search(never.stdout)
    with_no_color = run_cli(
        "check", "--report", str(report), "--color", "always", cwd=tmp_path, env={"NO_COLOR": "1"}
    )
    assert ANSI.search(with_no_color.stdout)  # --color always wins over NO_COLOR
    assert_one_line_error(
        run_cli("check", "--report", str(report), "--color", "sometimes", cwd=tmp_path), "--color"
    )


def _on_a_terminal(args: list[str], cwd: Path, env: dict[str, str]) -> str:
    """Run the CLI with its standard output on a pseudo-terminal; what it printed."""
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "binance_secrets.hooks", *args],
        cwd=cwd,
        env={**os.environ, **CLEAN_ENV, **env},
        stdin=subprocess.DEVNULL,
        stdout=follower,
        stderr=subprocess.DEVNULL,
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # EIO once the child closed its end
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.wait(timeout=60)
    os.close(leader)
    return b"".join(chunks).decode()


def test_terminal_gets_colour_unless_no_color(tmp_path: Path) -> None:
    report = _unknown_keys_report(tmp_path)
    args = ["check", "--report", str(report)]
    assert ANSI.search(_on_a_terminal(args, tmp_path, {"NO_COLOR": ""}))
    assert not ANSI.search(_on_a_terminal(args, tmp_path, {"NO_COLOR": "1"}))
    assert not ANSI.search(_on_a_terminal([*args, "--color", "never"], tmp_path, {}))


def test_scan_verdict_is_coloured_with_color_always(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text(env_text(random_key(), random_key()))
    done = run_cli("scan", "--all-files", "--color", "always", ".", cwd=tmp_path)
    assert "\x1b[31m\x1b[1mFound 2 Binance credential(s).\x1b[0m" in done.stdout
    plain = run_cli("scan", "--all-files", ".", cwd=tmp_path)
    assert not ANSI.search(plain.stdout)


@pytest.mark.parametrize(("typed", "meant"), [("swep", "sweep"), ("chekc", "check")])
def test_a_mistyped_command_gets_did_you_mean(tmp_path: Path, typed: str, meant: str) -> None:
    done = run_cli(typed, cwd=tmp_path)
    assert_one_line_error(done, f"No such command '{typed}'", f"Did you mean '{meant}'")


def test_unknown_command_without_a_close_name_says_no_such_command(tmp_path: Path) -> None:
    done = run_cli("frobnicate", cwd=tmp_path)
    assert_one_line_error(done, "No such command 'frobnicate'")
    assert "Did you mean" not in done.stderr


def test_baseline_outside_a_git_repository_fails(tmp_path: Path) -> None:
    plain = tmp_path / "plain"
    plain.mkdir()
    (plain / "bot.py").write_text(f"# binance\nBINANCE_API_KEY = '{random_key()}'\n")
    done = run_cli("baseline", cwd=plain)
    assert_one_line_error(done, "not in a git work tree", "baseline")
    assert not (plain / ".secrets.baseline").exists()


def test_baseline_in_a_repository_still_works(tmp_path: Path) -> None:
    repo = init_repo(tmp_path / "repo")
    (repo / "README.md").write_text("# bot\n")
    subprocess.run(["git", "add", "."], cwd=repo, check=True)
    done = run_cli("baseline", cwd=repo)
    assert done.returncode == 0, done.stderr
    assert (repo / ".secrets.baseline").is_file()
