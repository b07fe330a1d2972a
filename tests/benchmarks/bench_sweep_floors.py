#!/usr/bin/env python3
"""`binance-secrets sweep` on real clones against the two floors of reading a history.

    python tests/benchmarks/bench_sweep_floors.py REPO [REPO ...] [--repeat 3]
                                                  [--compare OTHER_BINANCE_SECRETS]
                                                  [--memory-runs 1]

For each repository (a ``git clone --mirror`` of a fetched copy, say), run alternately:

- ``objects``: ``git cat-file --batch-all-objects --batch`` into /dev/null: every object of
  the store read once, the physical floor of any sweep;
- ``log -p``: ``git log -p`` over exactly the commits the sweep reads (its own selection:
  refs, stash entries, reflog-only and dangling commits), less those it lists as skipped;
- ``sweep``: this install's ``binance-secrets sweep --format json``;
- ``compare``: another install's sweep (``--compare``: the release before, say).

Reported per repository: the median wall and CPU time (user + system of each command's
whole process tree) of each side, the median of the per-run ratios sweep / objects and
sweep / log -p, and the sweep's peak memory over its whole process tree (PSS, a page that
several processes map counted once, and the plain RSS sum; sampled, the largest of
``--memory-runs`` runs). Whether the two sweeps' findings agree (value, introducing commit,
path) is printed, not required: a newer sweep may find more. betterleaks' ``git`` scan is
timed too where it is installed, and said to be absent where it is not.

Heavy: run it under ``nice`` on a shared machine and give the load average with the
numbers (CPU time moves much less with load than wall time). Set ``GIT_NO_LAZY_FETCH=1``
for partial clones: nothing here may fetch a missing object.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from bench_floor import CPU, SELECTION, timed  # noqa: E402
from bench_sweep import RSS_WRAPPER, binance_secrets  # noqa: E402


def findings(report: Path) -> dict[str, tuple[str, str]]:
    data = json.loads(report.read_text())
    return {f["fingerprint"]: (f["commit"], f["path"]) for f in data["findings"]}


def showable(repo: Path, commits: list[str]) -> list[str]:
    """The commits ``git log -p`` can show: none of their diffs names a missing blob (a
    partial clone's; the sweep reads around them, git log stops at the first)."""
    feed = "".join(f"{sha}\n" for sha in commits).encode()
    git = ["git", "--git-dir", str(repo)]
    raw = subprocess.run([*git, "log", "--no-walk=unsorted", "--stdin", "--raw", "--no-abbrev",
                          "--no-renames", "--format=%x01%H"], input=feed, capture_output=True,
                         check=True).stdout.decode("utf-8", "replace")
    blobs: dict[str, set[str]] = {}
    for record in raw.split("\x01")[1:]:
        sha, *lines = record.split("\n")
        blobs[sha] = {field for line in lines if line.startswith(":")
                      for field in line.split()[2:4] if field.strip("0")}
    ids = sorted(set().union(*blobs.values())) if blobs else []
    answer = subprocess.run([*git, "cat-file", "--batch-check"], capture_output=True, check=True,
                            input="".join(f"{i}\n" for i in ids).encode()).stdout.decode()
    missing = {line.split()[0] for line in answer.splitlines() if line.endswith(" missing")}
    return [sha for sha in commits if not blobs.get(sha, set()) & missing]


def measure(repo: Path, tool: Path, repeat: int, out: Path, compare: Path | None,
            memory_runs: int) -> dict:
    name = repo.name
    report = out / f"{name}.json"
    sweep_cmd = [str(tool), "sweep", str(repo), "--format", "json", "--quiet",
                 "--output", str(report)]
    other = out / f"{name}.compare.json"
    compare_cmd = [str(compare), *sweep_cmd[1:-1], str(other)] if compare else None
    timed(sweep_cmd)  # warm-up, and the skipped list
    # A commit skipped whole is named alone; a commit with a missing blob, by COMMIT:PATH:
    # git log -p stops at either.
    skipped = {s["path"].split(":")[0] for s in json.loads(report.read_text())["skipped"]}
    listing = subprocess.run([sys.executable, "-c", SELECTION, str(repo)], check=True,
                             capture_output=True, text=True).stdout.split()
    commits = showable(repo, [sha for sha in listing if sha not in skipped])
    commit_file = out / f"{name}.commits"
    commit_file.write_text("".join(f"{sha}\n" for sha in commits))
    objects_cmd = ["git", "--git-dir", str(repo), "cat-file", "--batch-all-objects", "--batch"]
    log_cmd = ["git", "--git-dir", str(repo), "log", "-p", "--no-walk=unsorted", "--stdin"]
    sides = {"objects": (objects_cmd, None), "log": (log_cmd, commit_file),
             "sweep": (sweep_cmd, None)}
    if compare_cmd:
        sides["compare"] = (compare_cmd, None)
    walls: dict[str, list[float]] = {side: [] for side in sides}
    CPU.clear()
    for index in range(repeat):
        for side, (cmd, stdin) in sides.items():
            walls[side].append(timed(cmd, stdin, side))
        print(f"  {name} run {index + 1}: "
              + ", ".join(f"{side} {walls[side][-1]:.1f} s" for side in sides), flush=True)
    memory = [json.loads(subprocess.run([sys.executable, "-c", RSS_WRAPPER, *sweep_cmd],
                                        capture_output=True, text=True, check=True).stdout)
              for _ in range(memory_runs)]
    result: dict = {
        "repository": name,
        "commits": len(commits),
        "wall": {side: statistics.median(runs) for side, runs in walls.items()},
        "cpu": {side: statistics.median(CPU[side]) for side in sides},
        "pss_mb": max((m["tree_peak_pss_bytes"] for m in memory), default=0) / 1e6,
        "rss_mb": max((m["tree_peak_bytes"] for m in memory), default=0) / 1e6,
    }
    for floor in ("objects", "log"):
        for kind, runs in (("wall", walls), ("cpu", CPU)):
            result[f"{kind}_vs_{floor}"] = statistics.median(
                s / f for s, f in zip(runs["sweep"], runs[floor])
            )
            if compare_cmd:
                result[f"compare_{kind}_vs_{floor}"] = statistics.median(
                    c / f for c, f in zip(runs["compare"], runs[floor])
                )
    if compare_cmd:
        ours, theirs = findings(report), findings(other)
        result["same_findings"] = sum(1 for k, v in theirs.items() if ours.get(k) == v)
        result["compare_findings"] = len(theirs)
        result["findings"] = len(ours)
    leaks = shutil.which("betterleaks")
    if leaks:
        runs = [timed([leaks, "git", str(repo), "--no-banner", "--exit-code", "0"])
                for _ in range(repeat)]
        result["betterleaks_wall"] = statistics.median(runs)
    else:
        result["betterleaks_wall"] = None  # not installed
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("repos", nargs="+", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--compare", type=Path, help="another binance-secrets executable")
    parser.add_argument("--memory-runs", type=int, default=1, help="0: no memory runs")
    args = parser.parse_args(argv)
    tool = binance_secrets()
    if tool is None:
        raise SystemExit("binance-secrets is not installed beside this Python")
    os.environ.setdefault("GIT_NO_LAZY_FETCH", "1")
    results = []
    with tempfile.TemporaryDirectory() as scratch:
        for repo in args.repos:
            results.append(measure(repo.resolve(), tool, args.repeat, Path(scratch),
                                   args.compare, args.memory_runs))
            print(json.dumps(results[-1]), flush=True)
    print("\n| repository | commits | objects wall / CPU | log -p wall / CPU | sweep wall / CPU "
          "| sweep / objects (wall, CPU) | sweep / log -p (wall, CPU) | peak PSS (RSS sum) |")
    print("|---|---|---|---|---|---|---|---|")
    for r in results:
        w, c = r["wall"], r["cpu"]
        print(f"| {r['repository']} | {r['commits']:,} "
              f"| {w['objects']:.2f} s / {c['objects']:.2f} s "
              f"| {w['log']:.2f} s / {c['log']:.2f} s | {w['sweep']:.2f} s / {c['sweep']:.2f} s "
              f"| {r['wall_vs_objects']:.2f}, {r['cpu_vs_objects']:.2f} "
              f"| {r['wall_vs_log']:.2f}, {r['cpu_vs_log']:.2f} "
              f"| {r['pss_mb']:.0f} MB ({r['rss_mb']:.0f} MB) |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
