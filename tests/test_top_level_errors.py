"""Never a traceback, never exit 1 for an error: every failure is one line and exit 2.

These run the real console entry point (``python -m binance_secrets.hooks``, the form the
plain git hook uses) in a subprocess, so what is checked is what a user's terminal gets.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from binance_secrets.hooks.commands import cli as cli_module
from tests.cli_process import assert_one_line_error
from tests.cli_process import run_cli as run
from tests.fake_values import random_key


def test_git_missing_from_path(tmp_path: Path) -> None:
    empty = tmp_path / "bin"
    empty.mkdir()
    for command in (["sweep", "."], ["scan", "--staged"], ["install-hook"]):
        done = run(*command, cwd=tmp_path, env={"PATH": str(empty)})
        assert_one_line_error(done, "git is not installed or not on PATH")
    # scan of a directory needs no git: without it, the directory is walked
    (tmp_path / "a.txt").write_text("nothing\n")
    assert run("scan", ".", cwd=tmp_path, env={"PATH": str(empty)}).returncode == 0


def test_unexpected_exception_is_one_line_exit_2_and_debug_shows_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from binance_secrets.hooks.scanning import scanner

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("boom \x1b[2J")

    monkeypatch.setattr(scanner, "scan_sources", broken)
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("BINANCE_SECRETS_DEBUG", raising=False)
    with pytest.raises(SystemExit) as stop:
        cli_module.main(["scan", "."])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "RuntimeError: boom \\033[2J" in err and "--debug" in err

    for argv, env in ((["scan", ".", "--debug"], None), (["scan", "."], "1")):
        if env:
            monkeypatch.setenv("BINANCE_SECRETS_DEBUG", env)
        with pytest.raises(SystemExit) as stop:
            cli_module.main(argv)
        assert stop.value.code == 2
        assert "Traceback" in capsys.readouterr().err


def test_error_messages_are_escaped(tmp_path: Path) -> None:
    done = run("scan", "no\x1b]0;title\x07such", cwd=tmp_path)
    assert_one_line_error(done, "no\\033]0;title\\asuch", "no such file")
    assert "\x1b" not in done.stderr


def test_prompt_with_closed_stdin_is_exit_2(tmp_path: Path) -> None:
    done = run("check", "--prompt", cwd=tmp_path, input="")
    assert_one_line_error(done, "standard input ended")


def test_help_and_version_exit_0(tmp_path: Path) -> None:
    assert run("--help", cwd=tmp_path).returncode == 0
    assert run("--version", cwd=tmp_path).returncode == 0
    assert "--debug" in run("--help", cwd=tmp_path).stdout


def test_no_command_shows_the_help_as_text(tmp_path: Path) -> None:
    """`binance-secrets` alone, the first thing a new user types: click (8.2 and later)
    raises the help as an error, whose message the escaping made one line of literal
    backslash-n's. It is our own help text: shown as it is, on stderr, exit 2. click 8.1
    (the last for Python 3.9) prints it as plain help: stdout, exit 0."""
    import click

    done = run(cwd=tmp_path)
    if hasattr(click.exceptions, "NoArgsIsHelpError"):
        assert done.returncode == 2
        shown = done.stderr
    else:
        assert done.returncode == 0
        shown = done.stdout
    assert "\\n" not in shown
    lines = shown.splitlines()
    assert lines[0] == "Usage: binance-secrets [OPTIONS] COMMAND [ARGS]..."
    assert "Commands:" in lines and "Traceback" not in done.stderr
    assert any(line.strip().startswith("scan ") for line in lines)


def test_install_hook_where_the_hook_is_a_directory(tmp_path: Path) -> None:
    from tests.gitrepo import GitRepo

    repo = GitRepo(tmp_path / "repo")
    (repo.path / ".git" / "hooks" / "pre-commit").mkdir(parents=True)
    done = run("install-hook", cwd=repo.path)
    assert_one_line_error(done, "already exists and is not ours")


def test_install_hook_into_an_unwritable_hooks_path(tmp_path: Path) -> None:
    from tests.gitrepo import GitRepo

    repo = GitRepo(tmp_path / "repo")
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("a file where the hooks directory should be\n")
    repo.git("config", "core.hooksPath", str(blocker))
    done = run("install-hook", cwd=repo.path)
    assert_one_line_error(done, "cannot write the hook", "core.hooksPath")


def test_prompt_from_a_pipe_reads_lines_without_getpass_warnings(tmp_path: Path) -> None:
    # getpass printed a Python GetPassWarning (a file path and a source line) and
    # "Password input may be echoed" when the answers came from a pipe.
    done = run(
        "check", "--prompt", "--endpoint", "http://127.0.0.1:9", "--allow-unofficial-endpoint",
        cwd=tmp_path, input=f"{random_key()}\n{random_key()}\n",
    )
    assert done.returncode == 3, done.stderr
    assert "GetPassWarning" not in done.stderr and "echoed" not in done.stderr
    assert "Binance API key:" in done.stderr and "typed at the prompt" in done.stdout
