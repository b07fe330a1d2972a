#!/usr/bin/env python3
"""What reading a repository's objects costs once another process has to see them (issue 21).

    python tests/benchmarks/bench_object_readers.py REPO [REPO ...] [--repeat 3]

Issue 21's floor is ``git cat-file --batch-all-objects --batch`` writing into /dev/null: git
inflating every object and nobody reading it. Any sweep has to read those bytes and look
at them. This times, alternately in one run, the floor against the cheapest readers there
are, each on the same ``cat-file`` output:

- ``floor``: the floor itself;
- ``read``: a Python process that reads the pipe and throws the bytes away (the cost of the
  bytes leaving git: the pipe's copies and the reads);
- ``prefilter``: the same, running the sweep's own byte pre-filter
  (``log_stream.blob_candidates``: one ``bytes.translate`` and a few ``bytes.find`` per blob,
  all in C) on each blob, and nothing else: no detection, no diff, no attribution;
- ``grep``: GNU grep's compiled DFA (``grep -a -c -E '[A-Za-z0-9]{64}|-----BEGIN'``) on the
  stream, a search in C that needs no Python at all.

Printed per repository: the median wall and CPU time (user + system of the whole pipeline)
of each and the median of the per-round ratios to the floor. A sweep can cost no less than
its cheapest reader, so a reader's CPU ratio is a lower bound for the sweep's.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

CAT_FILE = "git --git-dir {repo} cat-file --batch-all-objects --batch"

READ = r"""
import sys
read = sys.stdin.buffer.read
while read(1 << 22):
    pass
"""

PREFILTER = r"""
import sys
from binance_secrets.hooks.sweep.log_stream import blob_candidates
stream = sys.stdin.buffer
flagged = 0
while True:
    header = stream.readline()
    if not header:
        break
    _, kind, size = header.split()
    data = stream.read(int(size) + 1)[:-1]
    if kind == b"blob" and blob_candidates(data):
        flagged += 1
print(flagged)
"""


def pipelines(repo: Path) -> dict[str, str]:
    source = CAT_FILE.format(repo=repo)
    python = sys.executable
    readers = {
        "floor": f"{source} >/dev/null",
        "read": f"{source} | {python} -c '{READ}'",
        "prefilter": f"{source} | {python} -c '{PREFILTER}'",
    }
    if shutil.which("grep"):
        readers["grep"] = f"{source} | LC_ALL=C grep -a -c -E '[A-Za-z0-9]{{64}}|-----BEGIN'"
    return readers


def timed(shell_line: str) -> tuple[float, float]:
    """(wall, CPU) of one run of ``shell_line``: the CPU of every process it started."""
    started = time.monotonic()
    process = subprocess.Popen(["sh", "-c", shell_line], stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    if os.waitstatus_to_exitcode(status) not in (0, 1):  # grep -c exits 1 on no match
        raise SystemExit(f"failed: {shell_line}")
    return time.monotonic() - started, usage.ru_utime + usage.ru_stime


def measure(repo: Path, repeat: int) -> None:
    commands = pipelines(repo)
    timed(commands["floor"])  # warm the page cache
    wall: dict[str, list[float]] = {name: [] for name in commands}
    cpu: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(repeat):
        for name, line in commands.items():
            seconds, cpu_seconds = timed(line)
            wall[name].append(seconds)
            cpu[name].append(cpu_seconds)
    print(f"{repo.name}: {repeat} alternating rounds")
    print("  reader      wall s   CPU s   wall/floor  CPU/floor")
    for name in commands:
        wall_ratio = statistics.median(w / f for w, f in zip(wall[name], wall["floor"]))
        cpu_ratio = statistics.median(c / f for c, f in zip(cpu[name], cpu["floor"]))
        wall_s, cpu_s = statistics.median(wall[name]), statistics.median(cpu[name])
        print(f"  {name:<10} {wall_s:7.2f} {cpu_s:7.2f} {wall_ratio:10.2f} {cpu_ratio:10.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("repos", nargs="+", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    for repo in args.repos:
        measure(repo, args.repeat)


if __name__ == "__main__":
    main()
