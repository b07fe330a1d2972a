"""The closing "Is it live?" line of a text report: the command it gives writes the JSON
of the same input the user scanned or swept.

It dropped what chose the input: `scan bot/settings.py` run outside the repository hinted
`scan --format json ...`, which scans the working directory (another tree, or one
without the key), and `sweep REPO --range A..B` hinted a sweep of the working directory's
every commit; a scan of standard input hinted a scan that cannot read it again.
"""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

from tests.cli_process import env_text, run_cli
from tests.fake_values import random_key
from tests.gitrepo import GitRepo


def hinted_report(done_stdout: str, cwd: Path, report: Path, command: str) -> dict:
    """Run the command the hint gives (its report path swapped for ``report``) from
    ``cwd``, as the user would; its JSON report."""
    hint = re.search(r"Is it live\? Run `binance-secrets (.*?)` and then", done_stdout)
    assert hint, done_stdout
    args = shlex.split(hint.group(1))
    assert args[0] == command
    args[args.index("--output") + 1] = str(report)
    done = run_cli(*args, cwd=cwd)
    assert done.returncode == 1, done.stderr
    return json.loads(report.read_text())


def test_the_scan_hint_repeats_the_paths_and_options_scanned(tmp_path: Path) -> None:
    repo = GitRepo(tmp_path / "bot repo")
    repo.commit("bot", {"bot.py": "import binance\n"})
    repo.write("settings.env", env_text(random_key(), random_key()))
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    named = str(repo.path / "settings.env")
    done = run_cli("scan", "--all-files", named, cwd=outside)
    assert done.returncode == 1, done.stderr
    assert f"--all-files '{named}'`" in done.stdout
    report = hinted_report(done.stdout, outside, tmp_path / "scan.json", "scan")
    assert {Path(f["path"]).name for f in report["findings"]} == {"settings.env"}


def test_the_sweep_hint_repeats_the_repository_and_range(tmp_path: Path) -> None:
    repo = GitRepo(tmp_path / "bot repo")
    repo.commit("old key", {".env": env_text(random_key(), random_key())})
    repo.commit("bot", {"bot.py": "import binance\n", "b/.env": env_text(random_key(), "")})
    done = run_cli("sweep", "-q", "--range", "HEAD^!", str(repo.path), cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    assert f"--range 'HEAD^!' '{repo.path}'`" in done.stdout
    report = hinted_report(done.stdout, tmp_path, tmp_path / "sweep.json", "sweep")
    assert {f["path"] for f in report["findings"]} == {"b/.env"}


def test_a_scan_of_standard_input_hints_the_hidden_prompt(tmp_path: Path) -> None:
    done = run_cli("scan", "-", cwd=tmp_path, input=env_text(random_key(), random_key()))
    assert done.returncode == 1, done.stderr
    assert "Standard input cannot be read again" in done.stdout
    assert "`binance-secrets check --prompt`" in done.stdout
    assert "--format json --output" not in done.stdout
