"""Round 4's new surfaces, attacked (docs/threat-model.md "The newest surfaces, attacked"):
inputs crafted against the README title and manifest-name reading, the SQL exchange
columns, the lines reported for a found value, the cross-file rule, ``--config-from`` and
baseline-accepted values. Each test fails on the code before its fix."""

from __future__ import annotations

import io
import time
import tracemalloc
from pathlib import Path

import pytest

from binance_secrets.hooks.git.invocation import git_at
from binance_secrets.hooks.scanning.project import (
    MAX_GREP_LINE_BYTES,
    MAX_PROBE_FILE_BYTES,
    bounded_lines,
    git_blob_text,
    git_grep_signal,
    signal_grep_arguments,
)
from binance_secrets.plugins.detection import engine
from binance_secrets.plugins.detection.engine import MAX_FINDINGS_PER_FILE
from binance_secrets.plugins.detection.findings import Finding
from binance_secrets.plugins.detection.project_context import NO_PROJECT, project_signal
from binance_secrets.plugins.detection.project_identity import README_LABEL, identity_label
from binance_secrets.plugins.detection.sql_exchanges import exchange_ids
from tests.fake_values import random_key
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


def test_a_file_holds_at_most_max_findings_values_for_the_cross_file_rule() -> None:
    # A scan keeps each file's named values that lacked a Binance word until its last
    # file (another file may show them Binance's). A 2 MiB file of named keys held 25,000
    # of them (12 MB per file, 280 MB for twenty such files, unbounded in a big tree); now
    # a file holds as many as it may have findings.
    text = "".join(f'api_key_{i} = "{random_key()}"\n' for i in range(3 * MAX_FINDINGS_PER_FILE))
    held: list[Finding] = []
    assert engine.scan_text("config.py", text, NO_PROJECT, held=held) == []
    assert len(held) == MAX_FINDINGS_PER_FILE


def test_exchanges_inserts_without_semicolons_cost_linear_time() -> None:
    # Each `INSERT INTO exchanges` read its statement up to the next `;`, at most
    # MAX_STATEMENT_CHARS on: 2 MiB of INSERTs with no `;` read 64 KiB after each of
    # 48,000 of them (23 s of CPU for 344 KB, minutes for 2 MiB). Now a statement is
    # read after the one before it, never inside it.
    text = "INSERT INTO exchanges VALUES (1,'binance')," * 48_000
    started = time.process_time()
    assert exchange_ids(text) == {"1": "binance"}
    assert time.process_time() - started < 2.0
    dump = (
        "INSERT INTO `exchanges` (`id`, `slug`) VALUES (1,'bittrex'),(2,'binance');\n"
        "INSERT INTO platforms (id, name) VALUES (7, 'Binance US');\n"
    )
    assert exchange_ids(dump) == {"1": "bittrex", "2": "binance", "7": "binance"}


def test_a_gigabyte_line_saying_binance_is_read_only_to_the_limit(tmp_path: Path) -> None:
    # The project probe reads `git grep`'s lines that say "binance"; a file of one line
    # (a README without a newline, a minified bundle) came whole into memory and through
    # the signal regexes: 13 s of CPU and 112 MB for 30 MB, 126 s and 905 MB for 300 MB.
    # Now a line is read to MAX_GREP_LINE_BYTES and the rest of it dropped.
    repo = GitRepo(tmp_path / "r")
    long_line = b"Binance " + b"x" * (24 * MAX_GREP_LINE_BYTES) + b"\n"
    line = long_line + b"from binance.client import Client\n"
    (repo.path / "notes.txt").write_bytes(line)
    repo.git("add", "notes.txt")
    tracemalloc.start()
    try:
        signal = git_grep_signal(git_at(str(repo.path), *signal_grep_arguments("--cached")))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert signal == project_signal("notes.txt")  # the line after the long one is read
    assert peak < 8 * MAX_GREP_LINE_BYTES  # a line, its text and their decoded copies


def test_bounded_lines_cuts_long_lines_and_keeps_the_rest() -> None:
    stream = io.BytesIO(b"short\n" + b"y" * 10 + b"\nlast")
    assert list(bounded_lines(stream, 4)) == [b"shor", b"yyyy", b"last"]
