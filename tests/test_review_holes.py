"""Smaller holes from the hostile-input review (issue 16, section 5), each through the real
entry point in a subprocess (tests.cli_process): a value whole in sweep's subject, a report
written through a symlinked directory, an input that costs unbounded memory, and a named
file that is skipped behind a bare "No Binance credentials found."
"""

from __future__ import annotations

import json
import os
import resource
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli_process import CLEAN_ENV, assert_one_line_error, env_text
from tests.cli_process import run_cli as run
from tests.fake_values import random_key
from tests.gitrepo import GitRepo


def test_sweep_redacts_a_lowercase_hex_value_in_a_commit_subject(tmp_path: Path) -> None:
    """A futures testnet key and secret are 64 lowercase hex, which the key-shaped
    redaction passes as a digest; in a commit subject they appeared whole."""
    key, secret = secrets.token_hex(32), secrets.token_hex(32)
    repo = GitRepo(tmp_path / "repo")
    repo.commit(
        f"futures testnet BINANCE_API_KEY={key} BINANCE_API_SECRET={secret}",
        {"bot.py": "import binance\n"},
    )
    for fmt in ("json", "text"):
        done = run("sweep", "--format", fmt, ".", cwd=repo.path)
        assert done.returncode == 1, done.stderr
        for value in (key, secret):
            assert value not in done.stdout and value not in done.stderr, fmt
            assert f"{value[:4]}...{value[-4:]}" in done.stdout, fmt
    report = json.loads(run("sweep", "--format", "json", ".", cwd=repo.path).stdout)
    subjects = {finding["subject"] for finding in report["findings"]}
    assert subjects == {
        f"futures testnet BINANCE_API_KEY={key[:4]}...{key[-4:]} "
        f"BINANCE_API_SECRET={secret[:4]}...{secret[-4:]}"
    }


def test_a_report_is_not_written_through_a_symlinked_directory(tmp_path: Path) -> None:
    """In a checkout, `reports` committed as a symlink to a directory the job can write:
    --output reports/r.json must not follow it."""
    checkout = tmp_path / "checkout"
    checkout.mkdir()
    victim = tmp_path / "victim"
    victim.mkdir()
    (checkout / "reports").symlink_to(victim)
    (checkout / "deep").mkdir()
    (checkout / "deep" / "er").symlink_to(victim)
    for output in ("reports/r.json", "deep/er/r.json", str(checkout / "reports" / "r.json")):
        done = run("scan", "--format", "json", "--output", output, ".", cwd=checkout)
        assert_one_line_error(done, "symlink", output.rsplit("/", 1)[0].rsplit("/", 1)[-1])
        assert not list(victim.iterdir()), output


def test_a_report_is_written_through_the_users_own_directories(tmp_path: Path) -> None:
    """Directories outside the working directory are the user's own (/tmp is a symlink on
    macOS): a path through them is written."""
    checkout = tmp_path / "checkout"
    checkout.mkdir()
    real = tmp_path / "real"
    real.mkdir()
    (tmp_path / "link").symlink_to(real)
    done = run(
        "scan", "--format", "json", "--output", str(tmp_path / "link" / "r.json"), ".",
        cwd=checkout,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert json.loads((real / "r.json").read_text())["findings"] == []
    sub = checkout / "out"
    sub.mkdir()
    assert run("scan", "-o", "out/r.json", ".", cwd=checkout).returncode == 0
    assert (sub / "r.json").exists()


def _memory_capped() -> None:
    limit = 1 << 30  # the old code grew until this refused it, instead of to 5 GB
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero")
def test_max_file_size_cannot_make_one_input_cost_unbounded_memory(tmp_path: Path) -> None:
    done = subprocess.run(
        [
            sys.executable, "-m", "binance_secrets.hooks", "scan", "--max-file-size",
            "999999999999", "/dev/zero",
        ],
        cwd=tmp_path,
        env={**os.environ, **CLEAN_ENV},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        preexec_fn=_memory_capped,
    )  # fmt: skip
    assert_one_line_error(done, "--max-file-size")


def test_a_named_file_that_was_not_read_is_named_in_the_last_line(tmp_path: Path) -> None:
    (tmp_path / "image.bin").write_bytes(b"\x89PNG\0\0" + bytes(range(40)))
    (tmp_path / "big.env").write_text("x" * 200)
    (tmp_path / "ok.py").write_text("print('hello')\n")
    done = run("scan", "--max-file-size", "100", "image.bin", "big.env", "ok.py", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    last = done.stdout.strip().splitlines()[-1]
    assert last != "No Binance credentials found.", done.stdout
    assert "image.bin (binary)" in last and "big.env (larger than 100 bytes)" in last, last
    assert "ok.py" not in last
    # A file found below a named directory is listed as skipped, as before, and the last
    # line stays the plain one.
    (tmp_path / "dir").mkdir()
    (tmp_path / "dir" / "image.bin").write_bytes(b"\0" * 10)
    done = run("scan", "--all-files", "dir", cwd=tmp_path)
    assert done.stdout.strip().splitlines()[-1] == "No Binance credentials found."


def test_offline_names_the_host_and_says_that_proxies_are_ignored(tmp_path: Path) -> None:
    """Nothing listens on port 9: the reason says where the request went, and that the
    environment's proxy (set here) was ignored on purpose, not overlooked."""
    done = run(
        "check", "--prompt", "--format", "json", "--endpoint", "http://127.0.0.1:9",
        "--allow-unofficial-endpoint", cwd=tmp_path,
        input=f"{random_key()}\n{random_key()}\n",
        env={"HTTPS_PROXY": "http://127.0.0.1:9", "HTTP_PROXY": "http://127.0.0.1:9"},
    )  # fmt: skip
    assert "Traceback" not in done.stderr, done.stderr
    (key,) = json.loads(done.stdout)["keys"]
    assert key["status"] == "unknown", key
    assert "reaching 127.0.0.1:9" in key["reason"], key["reason"]
    assert "ignored on purpose" in key["reason"] and "HTTPS_PROXY" in key["reason"], key


def test_the_replacements_file_is_not_written_through_a_symlinked_directory(
    tmp_path: Path,
) -> None:
    """`sweep --replacements` writes the full values (for git filter-repo): a symlinked
    directory of the checkout must not send them elsewhere."""
    repo = GitRepo(tmp_path / "repo")
    repo.commit("add", {"bot.py": "import binance\n", ".env": env_text(random_key(), random_key())})
    victim = tmp_path / "victim"
    victim.mkdir()
    (repo.path / "out").symlink_to(victim)
    done = run("sweep", "--replacements", "out/replacements.txt", ".", cwd=repo.path)
    assert_one_line_error(done, "--replacements", "out is a symlink")
    assert not list(victim.iterdir())
    done = run("sweep", "--replacements", str(tmp_path / "replacements.txt"), ".", cwd=repo.path)
    assert done.returncode == 1, done.stderr
    assert (tmp_path / "replacements.txt").stat().st_mode & 0o777 == 0o600
