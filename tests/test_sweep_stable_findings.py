"""The sweep's findings on a benchmark-shaped history, compared with a stored list.

tests/benchmarks/make_realistic_repo.py builds a small python-binance-shaped history
(--scale 0.1, seeded keys: fast-import with fixed dates, so the same commits every run):
pull-request commits left dangling, docs dumps full of key-shaped values, a client module,
a testnet hex key, a Kubernetes base64 value, a PEM key, same-named keys in two sections.
The expected list was written by the sweep before its speed-ups (main at a2f6258); every
optimisation of the sweep must keep it. When detection itself changes on purpose,
regenerate it: ``UPDATE_EXPECTED=1 pytest tests/test_sweep_stable_findings.py``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from binance_secrets.hooks.commands.cli import cli

BENCHMARKS = Path(__file__).resolve().parent / "benchmarks"
EXPECTED = BENCHMARKS / "expected_small_history.json"
KEPT = (
    "type", "path", "line", "fingerprint", "pair", "example", "environment", "commit",
    "found_in", "in_head", "head_paths", "refs", "also",
)  # fmt: skip


@pytest.mark.slow  # generates and sweeps a whole history
def test_findings_on_a_benchmark_shaped_history_are_unchanged(tmp_path: Path) -> None:
    repo = tmp_path / "small"
    subprocess.run(
        [
            sys.executable, str(BENCHMARKS / "make_realistic_repo.py"), str(repo),
            "--scale", "0.1", "--seeded-keys", "--manifest", str(tmp_path / "planted.json"),
        ],
        check=True,
    )  # fmt: skip
    result = CliRunner().invoke(cli, ["sweep", str(repo), "--format", "json", "--quiet"])
    assert result.exit_code == 1, result.output
    report = json.loads(result.stdout)
    got = {
        "commits_swept": report["commits_swept"],
        "skipped": report["skipped"],
        "findings": [{key: finding.get(key) for key in KEPT} for finding in report["findings"]],
    }
    if os.environ.get("UPDATE_EXPECTED"):
        EXPECTED.write_text(json.dumps(got, indent=1) + "\n")
    assert got == json.loads(EXPECTED.read_text())
    planted = json.loads((tmp_path / "planted.json").read_text())["planted"]
    found = {finding["fingerprint"] for finding in report["findings"]}
    assert {entry["fingerprint"] for entry in planted} <= found
