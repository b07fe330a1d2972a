#!/usr/bin/env python3
"""Benchmark `binance-secrets sweep` on a generated history, side by side with git and GitPython.

    python tests/benchmarks/bench_sweep.py [--commits 20000] [--seed 1] [--repo EXISTING]
                                           [--manifest FILE] [--repeat 3] [--naive-limit N]
                                           [--keep]

Builds a repository with make_history_repo.py (or reuses --repo, whose manifest defaults to
EXISTING.planted.json), then measures, on the same repository with a warm page cache:

(a) the floor: ``git log --all -p --no-color > /dev/null``;
(b) ``binance-secrets sweep REPO --format json --quiet --output FILE`` (the binance-secrets
    next to this interpreter);
(c) a naive GitPython walk: every commit of ``iter_commits('--all')`` diffed against each
    parent (or the empty tree) with ``create_patch=True``, patches regex-scanned for
    64-character tokens. It is slow: it is timed on the first N commits and extrapolated
    linearly when the full walk would take over 10 minutes (--naive-limit N to choose).

(a) and (b) are the median of --repeat runs after one warm-up run each. The sweep's peak
RSS is measured in a separate run, in a fresh wrapper process: the largest single process
(getrusage RUSAGE_CHILDREN, git children included) and the sum over the whole process tree
(sampled from /proc every 10 ms); the target applies to the larger.

Then recall: every planted fingerprint of the manifest must be among the sweep report's
findings, each value reported once, with the introducing commit for the values planted on
the main line (in_head, main_removed, deleted_file); the other kinds' commits are shown.

Exit status: 0 every target met, 1 a target missed, 2 the sweep could not be run.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
GENERATOR = HERE / "make_history_repo.py"

TARGET_SWEEP_OVER_FLOOR = 1.5
TARGET_NAIVE_OVER_SWEEP = 5.0
TARGET_PEAK_RSS_MB = 200.0
NAIVE_FULL_WALK_BUDGET = 600.0  # seconds: beyond this, time a sample and extrapolate
NAIVE_SAMPLE = 2000
NAIVE_CALIBRATION = 200
NAIVE_REPEAT_BUDGET = 60.0  # repeat the naive run only when one run is this short
COMMIT_REQUIRED_KINDS = ("in_head", "main_removed", "deleted_file")
TOKEN = re.compile(rb"(?<![A-Za-z0-9])[A-Za-z0-9]{64}(?![A-Za-z0-9])")

# Runs one command and reports its peak memory as JSON on stdout. A fresh process, so that
# RUSAGE_CHILDREN covers that command and its descendants only (ru_maxrss is a maximum,
# not a sum: the largest single process). The sampler adds up the whole tree's RSS, and its
# PSS: RSS counts a page shared by several processes (libraries, the pack files every git
# process maps) once in each; PSS divides it among them, so the tree's PSS is what the
# tree holds (Linux smaps_rollup; the RSS sum is reported beside it).
RSS_WRAPPER = r"""
import json, os, resource, subprocess, sys, time
PAGE = os.sysconf("SC_PAGE_SIZE")

def tree_rss(root):
    children = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % name, "rb") as handle:
                stat = handle.read()
        except OSError:
            continue
        ppid = int(stat[stat.rfind(b")") + 2:].split()[1])
        children.setdefault(ppid, []).append(int(name))
    total, pss, count, stack = 0, 0, 0, [root]
    while stack:
        pid = stack.pop()
        try:
            with open("/proc/%d/statm" % pid) as handle:
                total += int(handle.read().split()[1]) * PAGE
            count += 1
            with open("/proc/%d/smaps_rollup" % pid) as handle:
                for line in handle:
                    if line.startswith("Pss:"):
                        pss += int(line.split()[1]) * 1024
                        break
        except OSError:
            pass
        stack.extend(children.get(pid, ()))
    return total, pss, count

start = time.perf_counter()
proc = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
peak, peak_pss, peak_procs, most_procs, samples = 0, 0, 0, 0, 0
while proc.poll() is None:
    rss, pss, count = tree_rss(proc.pid)
    samples += 1
    peak_pss = max(peak_pss, pss)
    most_procs = max(most_procs, count)
    if rss > peak:
        peak, peak_procs = rss, count
    time.sleep(0.01)
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"returncode": proc.returncode, "seconds": time.perf_counter() - start,
                  "maxrss_single_bytes": usage.ru_maxrss * 1024, "tree_peak_bytes": peak,
                  "tree_peak_pss_bytes": peak_pss,
                  "tree_peak_processes": peak_procs, "max_processes": most_procs,
                  "samples": samples}))
"""


# --------------------------------------------------------------------------- helpers


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True,
                          check=True).stdout.strip()


def binance_secrets() -> Path | None:
    beside = Path(sys.executable).parent / "binance-secrets"
    if beside.exists():
        return beside
    found = shutil.which("binance-secrets")
    return Path(found) if found else None


def sweep_problem(tool: Path | None) -> str | None:
    """Why ``binance-secrets sweep`` cannot run here, or None when it can."""
    if tool is None:
        return (f"no binance-secrets next to {sys.executable} or on PATH "
                "(pip install -e . in this interpreter's environment)")
    result = subprocess.run([str(tool), "sweep", "--help"], capture_output=True, text=True)
    if result.returncode == 0:
        return None
    lines = [line for line in (result.stderr or result.stdout).strip().splitlines() if line]
    last = lines[-1] if lines else f"exit code {result.returncode}"
    return f"`{tool} sweep --help` failed: {last}"


def fmt_seconds(seconds: float) -> str:
    if seconds >= 100:
        return f"{seconds:.0f} s"
    if seconds >= 10:
        return f"{seconds:.1f} s"
    return f"{seconds:.2f} s"


class Measurement:
    def __init__(self, label: str) -> None:
        self.label = label
        self.warmup: float | None = None
        self.runs: list[float] = []
        self.cpu: list[float] = []  # user + system seconds, the process and its children
        self.error: str | None = None
        self.note = ""

    @property
    def median(self) -> float | None:
        return statistics.median(self.runs) if self.runs else None

    @property
    def cpu_median(self) -> float | None:
        return statistics.median(self.cpu) if self.cpu else None


def cpu_seconds(who: int = resource.RUSAGE_CHILDREN) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def time_command(cmd: list[str], label: str, repeat: int, ok_codes: tuple[int, ...],
                 cwd: str | None = None, stdout=subprocess.DEVNULL) -> Measurement:
    """One warm-up run, then ``repeat`` timed runs."""
    m = Measurement(label)
    for index in range(repeat + 1):
        cpu = cpu_seconds()
        start = time.perf_counter()
        result = subprocess.run(cmd, stdout=stdout, stderr=subprocess.PIPE, cwd=cwd)
        elapsed = time.perf_counter() - start
        cpu = cpu_seconds() - cpu
        if result.returncode not in ok_codes:
            tail = result.stderr.decode(errors="replace").strip().splitlines()[-5:]
            m.error = f"exit code {result.returncode}: " + " | ".join(tail)
            return m
        if index == 0:
            m.warmup = elapsed
        else:
            m.runs.append(elapsed)
            m.cpu.append(cpu)
        print(f"  {label}: run {index}{' (warm-up)' if index == 0 else ''} "
              f"{fmt_seconds(elapsed)} (cpu {fmt_seconds(cpu)})", flush=True)
    return m


# --------------------------------------------------------------------------- naive walk


def naive_walk(repo: Path, limit: int | None) -> tuple[float, float, int, int]:
    """(seconds, cpu seconds, commits walked, distinct 64-character tokens) for the first
    ``limit`` commits (None: all)."""
    import git as gitpython  # GitPython, from the `test` extra
    from git import NULL_TREE

    handle = gitpython.Repo(str(repo))
    tokens: set[bytes] = set()
    walked = 0
    cpu = cpu_seconds(resource.RUSAGE_SELF) + cpu_seconds()
    start = time.perf_counter()
    try:
        for commit in handle.iter_commits("--all"):
            if limit is not None and walked >= limit:
                break
            for parent in commit.parents or [NULL_TREE]:
                for diff in commit.diff(parent, create_patch=True):
                    patch = diff.diff
                    if isinstance(patch, str):
                        patch = patch.encode()
                    tokens.update(TOKEN.findall(patch or b""))
            walked += 1
    finally:
        elapsed = time.perf_counter() - start
        handle.close()
    cpu = cpu_seconds(resource.RUSAGE_SELF) + cpu_seconds() - cpu
    return elapsed, cpu, walked, len(tokens)


def measure_naive(repo: Path, total: int, limit: int | None, repeat: int) -> Measurement:
    m = Measurement("naive")
    if limit == 0:
        m.error = "skipped (--naive-limit 0)"
        return m
    if limit is None:
        seconds, _, walked, _ = naive_walk(repo, NAIVE_CALIBRATION)
        estimate = seconds / max(walked, 1) * total
        print(f"  naive: calibration {walked} commits in {fmt_seconds(seconds)} "
              f"(full walk estimated at {fmt_seconds(estimate)})", flush=True)
        limit = None if estimate <= NAIVE_FULL_WALK_BUDGET else NAIVE_SAMPLE
        m.warmup = seconds
        one_run = estimate if limit is None else seconds / max(walked, 1) * limit
    else:
        one_run = float("inf")  # unknown: run once
    if limit is not None and limit >= total:
        limit = None
    runs = repeat if one_run <= NAIVE_REPEAT_BUDGET else 1
    walked = 0
    sample_times, sample_cpu = [], []
    for index in range(runs):
        seconds, cpu, walked, tokens = naive_walk(repo, limit)
        sample_times.append(seconds)
        sample_cpu.append(cpu)
        print(f"  naive: run {index + 1}: {walked} commits in {fmt_seconds(seconds)} "
              f"(cpu {fmt_seconds(cpu)}; {tokens} distinct 64-character tokens)", flush=True)
    sample = statistics.median(sample_times)
    if limit is None:
        m.runs, m.cpu = sample_times, sample_cpu
        m.note = f"full walk of {walked} commits, {runs} run(s)"
    else:
        m.runs = [seconds / walked * total for seconds in sample_times]
        m.cpu = [seconds / walked * total for seconds in sample_cpu]
        m.note = (f"EXTRAPOLATED linearly from the first {walked} of {total} commits "
                  f"({fmt_seconds(sample)} for {walked}; {runs} run(s))")
    return m


# --------------------------------------------------------------------------- recall


def finding_commit(finding: dict) -> str | None:
    for key in ("commit", "introduced_in", "introducing_commit", "first_commit"):
        value = finding.get(key)
        if isinstance(value, dict):
            value = value.get("sha") or value.get("commit") or value.get("id")
        if isinstance(value, str) and value:
            return value
    return None


def same_commit(reported: str, accepted: list[str]) -> bool:
    return len(reported) >= 7 and any(a.startswith(reported) or reported.startswith(a)
                                      for a in accepted)


def scan_detects(tool: Path, repo: Path, planted: list[dict]) -> set[str]:
    """Fingerprints `binance-secrets scan` finds in the planted blobs themselves: tells a
    detector miss from a history-walk miss."""
    with tempfile.TemporaryDirectory(prefix="bench-sweep-blobs-") as tmp:
        seen: set[tuple[str, str]] = set()
        for index, entry in enumerate(planted):
            where = (entry["commit"], entry["path"])
            if where in seen:
                continue
            seen.add(where)
            blob = subprocess.run(["git", "-C", str(repo), "show", f"{where[0]}:{where[1]}"],
                                  capture_output=True).stdout
            target = Path(tmp) / "tree" / f"p{index:02d}" / entry["path"]
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(blob)
        report = Path(tmp) / "scan.json"
        subprocess.run([str(tool), "scan", str(Path(tmp) / "tree"), "--format", "json",
                        "--output", str(report)], capture_output=True)
        if not report.exists():
            return set()
        return {f.get("fingerprint") for f in json.loads(report.read_text()).get("findings", [])}


def check_recall(report: dict, manifest: dict, detectable: set[str] | None) -> dict:
    planted = manifest["planted"]
    findings = report.get("findings", [])
    by_fp: dict[str, list[dict]] = defaultdict(list)
    for finding in findings:
        by_fp[finding.get("fingerprint")].append(finding)
    planted_fps = {p["fingerprint"] for p in planted}
    rows: dict[str, Counter] = defaultdict(Counter)
    missing, wrong_commit, required_wrong = [], [], []
    for entry in planted:
        kind = entry["kind"]
        rows[kind]["planted"] += 1
        hits = by_fp.get(entry["fingerprint"], [])
        if not hits:
            missing.append(entry)
            continue
        rows[kind]["found"] += 1
        commits = [c for c in (finding_commit(h) for h in hits) if c]
        if any(same_commit(c, entry["accept_commits"]) for c in commits):
            rows[kind]["commit_ok"] += 1
        else:
            reported = ", ".join(c[:12] for c in commits) or "no commit field"
            wrong_commit.append((entry, reported))
            if kind in COMMIT_REQUIRED_KINDS:
                required_wrong.append(entry)
    duplicates = {fp: len(hits) for fp, hits in by_fp.items() if len(hits) > 1}
    extras = [f for f in findings if f.get("fingerprint") not in planted_fps]

    print()
    print(f"recall: {len(planted) - len(missing)}/{len(planted)} planted values found")
    print(f"  {'kind':<14}{'planted':>8}{'found':>7}{'right commit':>14}")
    for kind, row in rows.items():
        print(f"  {kind:<14}{row['planted']:>8}{row['found']:>7}{row['commit_ok']:>14}")
    if missing:
        kinds = Counter(entry["kind"] for entry in missing)
        print("  missing kinds: " + ", ".join(f"{k} ({n})" for k, n in kinds.items()))
        for entry in missing:
            hint = ""
            if detectable is not None:
                hint = ("; `scan` finds it in the blob, so the history walk missed it"
                        if entry["fingerprint"] in detectable
                        else "; `scan` does not find it in the blob either (detector)")
            print(f"    - {entry['kind']}: {entry['type']} {entry['redacted']} at "
                  f"{entry['path']}:{entry['line']} in {entry['commit'][:12]} "
                  f"({entry['ref']}){hint}")
    for entry, reported in wrong_commit:
        required = "MISS" if entry["kind"] in COMMIT_REQUIRED_KINDS else "note"
        print(f"  {required}: {entry['kind']} {entry['type']} {entry['redacted']}: reported "
              f"commit {reported}, planted in {entry['commit'][:12]}")
    if duplicates:
        print(f"  {len(duplicates)} value(s) reported more than once "
              f"(up to {max(duplicates.values())} times)")
    print(f"  findings in the report: {len(findings)}; not planted: {len(extras)}")
    for finding in extras[:5]:
        print(f"    - {finding.get('type')} {finding.get('redacted')} at {finding.get('path')}:"
              f"{finding.get('line')} in {str(finding_commit(finding))[:12]}")
    return {"found": len(planted) - len(missing), "planted": len(planted),
            "commit_required_wrong": len(required_wrong), "duplicates": len(duplicates)}


# --------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--commits", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repo", type=Path, help="reuse this repository instead of generating")
    parser.add_argument("--manifest", type=Path,
                        help="planted-values manifest (default: REPO.planted.json)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--naive-limit", type=int, default=None, metavar="N",
                        help="time the naive walk on the first N commits and extrapolate "
                        "(0 skips it; default: full walk if under 10 min, else 2000)")
    parser.add_argument("--keep", action="store_true",
                        help="keep the generated repository (printed at the end)")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")

    workdir = Path(tempfile.mkdtemp(prefix="bench-sweep-"))
    try:
        return run(args, workdir)
    finally:
        if args.keep and not args.repo:
            print(f"\nkept: {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


def run(args: argparse.Namespace, workdir: Path) -> int:
    print("binance-secrets sweep benchmark")
    print(f"python {platform.python_version()}, {git(Path.cwd(), '--version')}, "
          f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f}")
    if args.repo:
        repo = args.repo.resolve()
        manifest_path = (args.manifest or Path(str(repo) + ".planted.json")).resolve()
        print(f"repository: {repo} (reused)")
    else:
        repo = workdir / "repo"
        manifest_path = (args.manifest or workdir / "repo.planted.json").resolve()
        cmd = [sys.executable, str(GENERATOR), str(repo), "--commits", str(args.commits),
               "--seed", str(args.seed), "--manifest", str(manifest_path)]
        start = time.perf_counter()
        result = subprocess.run(cmd, capture_output=True, text=True)
        if result.returncode != 0:
            print(result.stdout + result.stderr)
            print("the generator failed")
            return 2
        print(f"repository: {repo} (generated in {time.perf_counter() - start:.1f} s, "
              f"{args.commits} commits, seed {args.seed})")
    manifest = json.loads(manifest_path.read_text()) if manifest_path.exists() else None

    total = int(git(repo, "rev-list", "--all", "--count"))
    refs = len(git(repo, "for-each-ref").splitlines())
    stashes = len(git(repo, "stash", "list").splitlines())
    size = next((line.split(":", 1)[1].strip() for line in
                 git(repo, "count-objects", "-vH").splitlines()
                 if line.startswith("size-pack")), "?")
    print(f"commits (git rev-list --all): {total}; refs: {refs}; stash entries: {stashes}; "
          f"pack: {size}")
    print(f"timing: median of {args.repeat} run(s) after 1 warm-up, same repository, "
          "warm page cache")

    tool = binance_secrets()
    problem = sweep_problem(tool)
    if problem:
        print()
        print("SWEEP COMMAND MISSING: binance-secrets sweep cannot run, so its timing, "
              "memory and recall are skipped.")
        print(f"  {problem}")
        print("  (it is expected in hooks/commands/sweep.py; the floor and the naive walk are "
              "still measured)")

    print()
    print("measuring:")
    floor = time_command(["git", "-C", str(repo), "log", "--all", "-p", "--no-color"],
                         "floor", args.repeat, (0,))
    out_dir = workdir / "out"
    out_dir.mkdir(exist_ok=True)
    report_path = out_dir / "sweep.json"
    sweep_cmd = ([str(tool), "sweep", str(repo), "--format", "json", "--quiet", "--output",
                  str(report_path)] if tool else [])
    sweep = Measurement("sweep")
    rss: dict | None = None
    if problem:
        sweep.error = "command missing"
    else:
        sweep = time_command(sweep_cmd, "sweep", args.repeat, (0, 1), cwd=str(out_dir))
        if not sweep.error:
            raw = subprocess.run([sys.executable, "-c", RSS_WRAPPER, *sweep_cmd],
                                 capture_output=True, text=True, cwd=str(out_dir))
            rss = json.loads(raw.stdout)
            print(f"  sweep: memory run {fmt_seconds(rss['seconds'])} "
                  f"({rss['samples']} samples)", flush=True)
    naive = measure_naive(repo, total, args.naive_limit, args.repeat)

    # ----------------------------------------------------------------- table
    print()
    header = f"{'measurement':<45}{'median':>9}{'cpu':>9}  {'runs (s)':<20}{'warm-up':>9}"
    print(header)
    print("-" * len(header))
    labels = {
        "floor": "(a) floor: git log --all -p --no-color",
        "sweep": "(b) binance-secrets sweep --format json",
        "naive": "(c) naive GitPython iter_commits + diff",
    }
    for m in (floor, sweep, naive):
        if m.median is None:
            print(f"{labels[m.label]:<45}{'n/a':>9}{'':>9}  {m.error or ''}")
            continue
        runs = " ".join(f"{r:.2f}" for r in m.runs) if m.label != "naive" else ""
        warm = fmt_seconds(m.warmup) if m.warmup is not None and m.label != "naive" else ""
        cpu = fmt_seconds(m.cpu_median) if m.cpu_median is not None else ""
        print(f"{labels[m.label]:<45}{fmt_seconds(m.median):>9}{cpu:>9}  {runs:<20}{warm:>9}")
        if m.note:
            print(f"{'':<65}{m.note}")
    print("(median: wall clock; cpu: user + system seconds of the process and its children; "
          "the sweep runs git on every core, the floor is one git process)")
    if rss:
        single = rss["maxrss_single_bytes"] / 1e6
        tree = rss["tree_peak_bytes"] / 1e6
        print()
        print(f"sweep peak RSS: {tree:.1f} MB summed over its process tree "
              f"({rss['tree_peak_processes']} processes at the peak, sampled every 10 ms); "
              f"{single:.1f} MB largest single process (getrusage RUSAGE_CHILDREN, "
              "git children included)")

    # ----------------------------------------------------------------- targets
    results: list[tuple[str, str, str, bool | None]] = []
    if sweep.median and floor.median:
        ratio = sweep.median / floor.median
        results.append(("sweep / floor", f"{ratio:.2f}x", f"<= {TARGET_SWEEP_OVER_FLOOR}x",
                        ratio <= TARGET_SWEEP_OVER_FLOOR))
    else:
        results.append(("sweep / floor", "n/a", f"<= {TARGET_SWEEP_OVER_FLOOR}x", None))
    if sweep.median and naive.median:
        ratio = naive.median / sweep.median
        extrapolated = " (extrapolated)" if "EXTRAPOLATED" in naive.note else ""
        results.append((f"naive / sweep{extrapolated}", f"{ratio:.1f}x",
                        f">= {TARGET_NAIVE_OVER_SWEEP:.0f}x", ratio >= TARGET_NAIVE_OVER_SWEEP))
    else:
        results.append(("naive / sweep", "n/a", f">= {TARGET_NAIVE_OVER_SWEEP:.0f}x", None))
    if rss:
        peak = max(rss["maxrss_single_bytes"], rss["tree_peak_bytes"]) / 1e6
        results.append(("sweep peak RSS", f"{peak:.1f} MB", f"< {TARGET_PEAK_RSS_MB:.0f} MB",
                        peak < TARGET_PEAK_RSS_MB))
    else:
        results.append(("sweep peak RSS", "n/a", f"< {TARGET_PEAK_RSS_MB:.0f} MB", None))

    recall = None
    if manifest is None:
        print(f"\nrecall: skipped, no manifest at {manifest_path}")
    elif sweep.median is not None and report_path.exists():
        detectable = scan_detects(tool, repo, manifest["planted"]) if tool else None
        if detectable is not None:
            n = sum(p["fingerprint"] in detectable for p in manifest["planted"])
            print(f"\ndetector check: `binance-secrets scan` finds {n}/"
                  f"{len(manifest['planted'])} planted values in their blobs")
        recall = check_recall(json.loads(report_path.read_text()), manifest, detectable)
    if recall:
        results.append(("recall (found/planted)", f"{recall['found']}/{recall['planted']}",
                        "all", recall["found"] == recall["planted"]))
        results.append((f"introducing commit ({', '.join(COMMIT_REQUIRED_KINDS)})",
                        f"{recall['commit_required_wrong']} wrong", "0 wrong",
                        recall["commit_required_wrong"] == 0))
        results.append(("each value reported once", f"{recall['duplicates']} repeated",
                        "0 repeated", recall["duplicates"] == 0))
    else:
        results.append(("recall (found/planted)", "n/a", "all", None))

    print(f"\nload average at the end: {os.getloadavg()[0]:.2f} (other work on the machine "
          "skews wall-clock ratios)")
    if sweep.cpu_median and floor.cpu_median:
        print(f"cpu time sweep / floor: {sweep.cpu_median / floor.cpu_median:.2f}x "
              "(for information: less sensitive to other load, blind to parallelism)")
    print()
    header = f"{'target':<58}{'value':>12}{'goal':>12}  result"
    print(header)
    print("-" * len(header))
    for name, value, goal, ok in results:
        verdict = "PASS" if ok else ("MISS" if ok is False else "n/a")
        print(f"{name:<58}{value:>12}{goal:>12}  {verdict}")

    if problem or sweep.error:
        print(f"\nsweep not measured: {problem or sweep.error}")
        return 2
    return 0 if all(ok for *_, ok in results if ok is not None) else 1


if __name__ == "__main__":
    sys.exit(main())
