"""Round 4's new surfaces, attacked (docs/threat-model.md "The newest surfaces, attacked"):
inputs crafted against the README title and manifest-name reading, the SQL exchange
columns, the lines reported for a found value, the cross-file rule, ``--config-from`` and
baseline-accepted values. Each test fails on the code before its fix."""

from __future__ import annotations

import time
import tracemalloc
from pathlib import Path

import pytest

from binance_secrets.hooks.git.invocation import git_at
from binance_secrets.hooks.scanning.project import MAX_PROBE_FILE_BYTES, git_blob_text
from binance_secrets.plugins.detection.project_identity import README_LABEL, identity_label
from tests.gitrepo import GitRepo


def test_a_huge_blob_read_for_its_title_is_read_only_to_the_limit(tmp_path: Path) -> None:
    # A staged or committed README of a gigabyte is read whole by `git cat-file` to find its
    # title; only MAX_PROBE_FILE_BYTES of it may be held in memory (it was read whole,
    # twice over while joining the pipe's chunks).
    repo = GitRepo(tmp_path / "r")
    size = 24 * MAX_PROBE_FILE_BYTES
    (repo.path / "README.md").write_bytes(b"# Binance bot\n" + (b"x" * 99 + b"\n") * (size // 100))
    repo.git("add", "README.md")
    tracemalloc.start()
    try:
        text = git_blob_text(git_at(str(repo.path), "cat-file", "blob", ":README.md"))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert text is not None and text.startswith("# Binance bot\n")
    assert len(text) <= MAX_PROBE_FILE_BYTES
    assert peak < 4 * MAX_PROBE_FILE_BYTES


def test_a_missing_blob_reads_as_nothing(tmp_path: Path) -> None:
    repo = GitRepo(tmp_path / "r")
    assert git_blob_text(git_at(str(repo.path), "cat-file", "blob", ":nothing.md")) is None


# A README's first lines crafted against the title's regexes, each a megabyte (what the
# project probe reads of a file): a run of blanks after `# a` (the ATX heading's lazy text
# before its closing hashes), unclosed `<h1>`s, unclosed link targets, unclosed tags.
CRAFTED_TITLE_LINES = {
    "blanks after a heading": "# Binance" + " " * MAX_PROBE_FILE_BYTES + "x\n",
    "closing hashes": "# Binance" + " #" * (MAX_PROBE_FILE_BYTES // 2) + "x\n",
    "unclosed html headings": "<h1>" * (MAX_PROBE_FILE_BYTES // 4) + "\n",
    "unclosed link targets": "# Binance " + "](" * (MAX_PROBE_FILE_BYTES // 2) + "\n",
    "unclosed tags": "Binance " + "<" * MAX_PROBE_FILE_BYTES + "\n",
}


@pytest.mark.parametrize("text", CRAFTED_TITLE_LINES.values(), ids=CRAFTED_TITLE_LINES.keys())
def test_a_crafted_title_line_costs_linear_time(text: str) -> None:
    # Each took minutes to hours of CPU (quadratic in the line); now milliseconds. The
    # bound is generous for a loaded 2-core machine.
    started = time.process_time()
    identity_label("README.md", text * 3)
    assert time.process_time() - started < 2.0


def test_a_long_title_line_still_names_the_project() -> None:
    assert identity_label("README.md", "# Binance Futures C++" + " " * 5000 + "#\n") == README_LABEL
    assert identity_label("README.md", "# Bybit bot" + " " * 5000 + "#\n") is None
