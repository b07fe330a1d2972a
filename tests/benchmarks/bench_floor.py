#!/usr/bin/env python3
"""`binance-secrets sweep` against git's own floor, on histories shaped like real ones.

    python tests/benchmarks/bench_floor.py [--case client wide history real] [--repeat 5]
                                           [--real /path/to/clone] [--workdir DIR] [--keep]
                                           [--compare OTHER_BINANCE_SECRETS]

The floor is ``git log -p`` over exactly the commits the sweep reads (every ref and stash
entry, reflog-only and dangling commits: the sweep's own selection, streamed to
``git log -p --no-walk=unsorted --stdin``), less the commits git cannot show (the sweep
lists them as skipped; ``git log`` would stop at the first). Floor and sweep run
alternately, ``--repeat`` times each after a warm-up of both, and the ratio reported is the
median of the per-pair ratios, so load from other work on the machine hits both sides.

Cases (generated with make_realistic_repo.py / make_history_repo.py unless --workdir holds
them already):

- ``client``: python-binance as a user has it after cloning a mirror (1,500 reachable and
  900 dangling pull-request commits, a 12,000-line client module, docs dumps of 5 MB full
  of key-shaped example values edited over hundreds of commits);
- ``wide``: one commit of 20,000 files, each holding a sha256;
- ``history``: 20,000 commits of small files (make_history_repo.py);
- ``real``: the repository given with ``--real`` (a clone of python-binance, say).

CPU time (user + system of each command's whole process tree, from getrusage) is reported
beside wall time: other work on a shared machine stretches wall time, not CPU time.
``--compare PATH`` times another binance-secrets (an older checkout's, say) in the same
alternating runs, after checking that its JSON report is the same.

Also: the sweep's peak memory (the whole process tree, sampled; bench_sweep.py's wrapper;
the largest of three runs): PSS, which counts a page that git processes and libraries
share once, judged against the target, and the plain RSS sum, which counts it per process)
and betterleaks' ``git`` scan where betterleaks is installed. Exit 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from bench_sweep import RSS_WRAPPER, binance_secrets  # noqa: E402

TARGETS = {"client": 1.5, "wide": 1.5, "history": 1.0, "real": 1.5}
TARGET_MEMORY_MB = 200.0
SELECTION = r"""
import sys
from binance_secrets.hooks.sweep.refs import iter_reachable, select_commits, settle_dangling
from binance_secrets.hooks.git.repo import open_repository
repo = open_repository(sys.argv[1])
selection = select_commits(repo)
reachable = list(iter_reachable(repo, selection))
settle_dangling(selection)
for sha in [*reachable, *selection.elsewhere]:
    print(sha)
"""


def generate(case: str, workdir: Path) -> Path:
    target = workdir / case
    if (target / ".git").exists() or (target / "HEAD").exists():
        return target
    if case == "history":
        cmd = [sys.executable, str(HERE / "make_history_repo.py"), str(target),
               "--commits", "20000"]
    else:
        cmd = [sys.executable, str(HERE / "make_realistic_repo.py"), str(target),
               "--shape", "wide" if case == "wide" else "client"]
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    print(f"  generated {case} in {time.perf_counter() - start:.0f} s", flush=True)
    return target


CPU: dict[str, list[float]] = {}  # command label -> CPU seconds of each timed run


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(cmd: list[str], stdin: Path | None = None, label: str | None = None) -> float:
    """Wall seconds of one run; its CPU seconds (user + system of the whole process tree:
    every process it waited for) go to ``CPU[label]``. Other work on the machine stretches
    wall time; CPU time is what the command itself costs."""
    cpu = _children_cpu()
    start = time.perf_counter()
    with open(stdin or os.devnull, "rb") as source:
        done = subprocess.run(cmd, stdin=source, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd[:4])}... failed with exit code {done.returncode}")
    if label is not None:
        CPU.setdefault(label, []).append(_children_cpu() - cpu)
    return wall


def measure(
    case: str, repo: Path, tool: Path, repeat: int, out: Path, compare: Path | None = None
) -> dict:
    report = out / f"{case}.json"
    sweep_cmd = [str(tool), "sweep", str(repo), "--format", "json", "--quiet",
                 "--output", str(report)]
    other = out / f"{case}.compare.json"
    compare_cmd = [str(compare), *sweep_cmd[1:-1], str(other)] if compare else None
    timed(sweep_cmd)  # warm-up, and the skipped list
    skipped = {s["path"] for s in json.loads(report.read_text())["skipped"]}
    listing = subprocess.run([sys.executable, "-c", SELECTION, str(repo)], check=True,
                             capture_output=True, text=True).stdout.split()
    commits = [sha for sha in listing if sha not in skipped]
    commit_file = out / f"{case}.commits"
    commit_file.write_text("".join(f"{sha}\n" for sha in commits))
    floor_cmd = ["git", "-C", str(repo), "log", "-p", "--no-walk=unsorted", "--stdin"]
    timed(floor_cmd, commit_file)
    if compare_cmd:
        timed(compare_cmd)
        if json.loads(other.read_text()) != json.loads(report.read_text()):
            raise SystemExit(f"{case}: --compare's report differs from this sweep's")
    floors, sweeps, compared = [], [], []
    CPU.clear()
    for index in range(repeat):
        floors.append(timed(floor_cmd, commit_file, "floor"))
        sweeps.append(timed(sweep_cmd, label="sweep"))
        line = f"  {case} run {index + 1}: floor {floors[-1]:.2f} s, sweep {sweeps[-1]:.2f} s"
        if compare_cmd:
            compared.append(timed(compare_cmd, label="compare"))
            line += f", compared {compared[-1]:.2f} s"
        print(line, flush=True)
    # Memory is sampled (every 10 ms), so one run can miss a short peak: the largest of
    # three runs is reported.
    memory = [json.loads(subprocess.run([sys.executable, "-c", RSS_WRAPPER, *sweep_cmd],
                                        capture_output=True, text=True, check=True).stdout)
              for _ in range(3)]
    result = {
        "case": case,
        "commits": len(commits),
        "floor": statistics.median(floors),
        "sweep": statistics.median(sweeps),
        "ratio": statistics.median(s / f for s, f in zip(sweeps, floors)),
        "cpu_ratio": statistics.median(s / f for s, f in zip(CPU["sweep"], CPU["floor"])),
        "floor_cpu": statistics.median(CPU["floor"]),
        "sweep_cpu": statistics.median(CPU["sweep"]),
        "rss_mb": max(max(m["tree_peak_bytes"], m["maxrss_single_bytes"]) for m in memory) / 1e6,
        "pss_mb": max(max(m["tree_peak_pss_bytes"], m["maxrss_single_bytes"]) for m in memory)
        / 1e6,
        "findings": len(json.loads(report.read_text())["findings"]),
    }
    if compare_cmd:
        result["compare_ratio"] = statistics.median(c / f for c, f in zip(compared, floors))
        result["compare_cpu_ratio"] = statistics.median(
            c / f for c, f in zip(CPU["compare"], CPU["floor"])
        )
    leaks = shutil.which("betterleaks")
    if leaks:
        runs = [timed([leaks, "git", str(repo), "--no-banner", "--exit-code", "0"])
                for _ in range(repeat)]
        result["betterleaks"] = statistics.median(runs)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--case", nargs="+", choices=sorted(TARGETS),
                        default=["client", "wide", "history"])
    parser.add_argument("--real", type=Path, help="repository for the `real` case")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--workdir", type=Path, help="where the generated repositories live")
    parser.add_argument("--keep", action="store_true", help="keep generated repositories")
    parser.add_argument("--compare", type=Path, help="another binance-secrets (an older "
                        "checkout's) timed in the same runs; its reports must be the same")
    args = parser.parse_args(argv)
    tool = binance_secrets()
    if tool is None:
        print("no binance-secrets next to this interpreter (pip install -e .)")
        return 2
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="bench-floor-"))
    workdir.mkdir(parents=True, exist_ok=True)
    out = Path(tempfile.mkdtemp(prefix="bench-floor-out-"))
    print(f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f}; "
          f"{args.repeat} alternating runs per case")
    if not shutil.which("betterleaks"):
        print("betterleaks: not installed, not measured")
    results = []
    try:
        for case in args.case:
            if case == "real":
                if args.real is None:
                    parser.error("--case real needs --real PATH")
                repo = args.real
            else:
                repo = generate(case, workdir)
            results.append(measure(case, repo, tool, args.repeat, out, args.compare))
    finally:
        shutil.rmtree(out, ignore_errors=True)
        if not args.keep and args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)
    print()
    print("| case | commits | floor (s) | sweep (s) | sweep/floor (median) | CPU floor (s) |"
          " CPU sweep (s) | CPU sweep/floor | target | peak PSS (RSS sum) | betterleaks (s) |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    missed = False
    for r in results:
        target = TARGETS[r["case"]]
        ok = r["ratio"] <= target and r["pss_mb"] < TARGET_MEMORY_MB
        missed |= not ok
        leaks = f"{r['betterleaks']:.2f}" if "betterleaks" in r else "not installed"
        print(f"| {r['case']} | {r['commits']} | {r['floor']:.2f} | {r['sweep']:.2f} | "
              f"{r['ratio']:.2f}x | {r['floor_cpu']:.2f} | {r['sweep_cpu']:.2f} | "
              f"{r['cpu_ratio']:.2f}x | <= {target}x | "
              f"{r['pss_mb']:.0f} MB ({r['rss_mb']:.0f} MB) | {leaks} |"
              f"{'' if ok else ' MISSED'}")
        if "compare_ratio" in r:
            print(f"|   --compare | | | | {r['compare_ratio']:.2f}x | | | "
                  f"{r['compare_cpu_ratio']:.2f}x | | | |")
    print(f"load average at the end: {os.getloadavg()[0]:.2f}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
