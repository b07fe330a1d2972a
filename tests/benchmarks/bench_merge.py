"""`merge` at organisation scale: time and peak memory of merging many large reports.

    .venv/bin/python tests/benchmarks/bench_merge.py [--reports N] [--findings N]
        [--format json|text|sarif] [--jobs N ...] [--keep DIR] [--against DIR] [--runs N]

A script, not a test. It writes N sweep reports of M findings each (default 1,000 x 1,000,
every finding shaped as `sweep --format json` writes it, with history fields and clean-up
steps; one in ten reports repeats its predecessor's findings, so duplicates are dropped
too), then runs `binance-secrets merge --format FORMAT --jobs J -o OUT REPORT...` in a
fresh subprocess for each J given and prints wall and CPU seconds (the merge and its
worker processes, os.wait4's rusage), the input and output sizes and the peak RSS: of the
whole process tree (the merge and its workers, their RSS summed, sampled every 20 ms) and
of the largest single process (os.wait4). CPU and the largest process count the processes
the merge leaves behind too (its fork server, which reaps the workers: this script is
their subreaper). ``--keep DIR`` keeps the reports and reuses them when they are already
there. ``--against DIR`` runs another tree of the package as
well, in turn with this one (DIR holds a ``binance_secrets`` directory, e.g. ``git
archive main | tar -x -C DIR/binance_secrets``; it must take ``--jobs``), ``--runs``
times each. The fingerprints are random hex: nothing here is a key.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path


def finding(repository: int, number: int) -> dict:
    fingerprint = "sha256:" + secrets.token_hex(32)
    commit = secrets.token_hex(20)
    return {
        "type": "Binance API Key" if number % 2 == 0 else "Binance Secret Key",
        "path": f"services/bot{number % 37}/config/settings_{number}.env",
        "line": 1 + number % 400,
        "column": 17,
        "redacted": "AbCd...WxYz",
        "fingerprint": fingerprint,
        "pair": "sha256:" + secrets.token_hex(32),
        "example": False,
        "environment": "unknown",
        "commit": commit,
        "author": "Alice Example <alice@example.invalid>",
        "date": "2024-01-02T03:04:05+00:00",
        "committer_date": "2024-01-02T03:04:05+00:00",
        "subject": f"bot {number}: add the exchange settings",
        "in_message": False,
        "in_head": number % 3 == 0,
        "head_paths": [f"services/bot{number % 37}/config/settings_{number}.env"],
        "refs": ["refs/heads/main", "refs/remotes/origin/main"],
        "pushed": True,
        "unreachable": False,
        "found_in": "refs",
        "also": [],
        "lives_in": {"checked_out_branch": "main", "branches": ["main"], "tags": []},
        "cleanup": [{"place": "checked_out", "names": ["main"], "step": "rewrite history"}],
    }


def write_reports(folder: Path, reports: int, findings: int) -> list[str]:
    paths = []
    previous: list[dict] = []
    for number in range(reports):
        if number % 10 == 9:
            items = previous  # a second report of the same repository: all duplicates
            repository = f"/srv/repos/repo{number - 1}"
        else:
            items = [finding(number, n) for n in range(findings)]
            repository = f"/srv/repos/repo{number}"
        report = {
            "version": 1,
            "root": repository,
            "repository": repository,
            "commits_swept": 1000,
            "cleanup_sequence": ["Delete the key at Binance first."],
            "findings": items,
            "skipped": [],
        }
        path = folder / f"report{number:05d}.json"
        path.write_text(json.dumps(report, indent=2))
        paths.append(str(path))
        previous = items
    return paths


def tree_rss(pid: int) -> int:
    """The summed resident set (bytes) of ``pid`` and every process below it."""
    total, pending = 0, [pid]
    while pending:
        current = pending.pop()
        try:
            with open(f"/proc/{current}/statm") as statm:
                total += int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as children:
                    pending.extend(map(int, children.read().split()))
        except (OSError, ValueError):
            continue
    return total


def run_merge(command: list[str], env: dict[str, str]) -> dict[str, float]:
    """Run one merge; its wall and CPU seconds, exit code and peak RSS (tree, largest)."""
    started = time.monotonic()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    peak = [0]
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.02):
            peak[0] = max(peak[0], tree_rss(process.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.monotonic() - started
    cpu, largest = usage.ru_utime + usage.ru_stime, usage.ru_maxrss
    # Processes the merge left behind (a fork server, which reaped the workers) come to
    # this process, the subreaper: their CPU counts too.
    while True:
        try:
            _, _, orphan = os.wait4(-1, 0)
        except ChildProcessError:
            break
        cpu += orphan.ru_utime + orphan.ru_stime
        largest = max(largest, orphan.ru_maxrss)
    done.set()
    sampler.join()
    assert process.stderr is not None
    stderr = process.stderr.read().decode()
    if stderr:
        print(stderr, file=sys.stderr)
    return {
        "code": os.waitstatus_to_exitcode(status),
        "wall": wall,
        "cpu": cpu,
        "tree": peak[0] / 2**20,
        "largest": largest / 1024,
    }


def become_subreaper() -> None:
    """Have the processes a merge orphans (its fork server) reparented to this one, so
    that their CPU is counted (Linux; elsewhere only the merge's waited-for children)."""
    import contextlib
    import ctypes

    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER


def main() -> int:
    become_subreaper()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=1000)
    parser.add_argument("--findings", type=int, default=1000)
    parser.add_argument("--format", default="json", choices=("json", "text", "sarif"))
    parser.add_argument("--jobs", type=int, nargs="+", default=[2])
    parser.add_argument("--keep", help="write the reports here and keep them (reused)")
    parser.add_argument("--against", help="another tree of the package to run in turn")
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    folder = Path(args.keep or tempfile.mkdtemp(prefix="bench-merge-"))
    folder.mkdir(parents=True, exist_ok=True)
    try:
        started = time.monotonic()
        paths = [str(folder / f"report{number:05d}.json") for number in range(args.reports)]
        if not all(map(os.path.exists, paths)):
            paths = write_reports(folder, args.reports, args.findings)
        size = sum(os.path.getsize(p) for p in paths)
        print(
            f"{len(paths)} reports, {size / 1e6:.0f} MB, "
            f"ready in {time.monotonic() - started:.1f} s, load {os.getloadavg()[0]:.1f}"
        )
        trees = [("this tree", None)]
        if args.against:
            trees.append((args.against, os.path.abspath(args.against)))
        out = folder / f"merged.{args.format}"
        for _ in range(args.runs):
            for jobs in args.jobs:
                for name, pythonpath in trees:
                    env = dict(os.environ)
                    env.pop("PYTHONDONTWRITEBYTECODE", None)
                    if pythonpath:
                        env["PYTHONPATH"] = pythonpath
                    command = [
                        sys.executable, "-m", "binance_secrets.hooks", "merge",
                        "--format", args.format, "-o", str(out), *paths,
                    ]  # fmt: skip
                    command[4:4] = ["--jobs", str(jobs)]
                    result = run_merge(command, env)
                    print(
                        f"{name}: merge --format {args.format} --jobs {jobs}: "
                        f"exit {result['code']}, wall {result['wall']:.1f} s, "
                        f"CPU {result['cpu']:.1f} s, peak RSS {result['tree']:.0f} MB "
                        f"(tree), {result['largest']:.0f} MB (largest process), "
                        f"output {out.stat().st_size / 1e6:.0f} MB, "
                        f"load {os.getloadavg()[0]:.1f}",
                        flush=True,
                    )
                    if result["code"] not in (0, 1):
                        return 1
        return 0
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
