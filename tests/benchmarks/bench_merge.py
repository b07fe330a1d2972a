"""`merge` at organisation scale: time and peak memory of merging many large reports.

    .venv/bin/python tests/benchmarks/bench_merge.py [--reports N] [--findings N]
                                                      [--format json|text|sarif] [--keep DIR]

A script, not a test. It writes N sweep reports of M findings each (default 1,000 x 1,000,
every finding shaped as `sweep --format json` writes it, with history fields and clean-up
steps; one in ten reports repeats its predecessor's findings, so duplicates are dropped
too), then runs `binance-secrets merge --format FORMAT -o OUT REPORT...` in a fresh
subprocess and prints wall and CPU seconds, the input and output sizes and the merge's
peak RSS (os.wait4's rusage). The fingerprints are random hex: nothing here is a key.
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=1000)
    parser.add_argument("--findings", type=int, default=1000)
    parser.add_argument("--format", default="json", choices=("json", "text", "sarif"))
    parser.add_argument("--keep", help="write the reports here and keep them")
    args = parser.parse_args()
    folder = Path(args.keep or tempfile.mkdtemp(prefix="bench-merge-"))
    folder.mkdir(parents=True, exist_ok=True)
    try:
        started = time.monotonic()
        paths = write_reports(folder, args.reports, args.findings)
        size = sum(os.path.getsize(p) for p in paths)
        print(
            f"wrote {len(paths)} reports, {size / 1e6:.0f} MB, "
            f"in {time.monotonic() - started:.1f} s"
        )
        out = folder / f"merged.{args.format}"
        command = [
            sys.executable, "-m", "binance_secrets.hooks", "merge", "--format", args.format,
            "-o", str(out), *paths,
        ]  # fmt: skip
        started = time.monotonic()
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.monotonic() - started
        assert process.stderr is not None
        stderr = process.stderr.read().decode()
        code = os.waitstatus_to_exitcode(status)
        print(
            f"merge --format {args.format}: exit {code}, wall {wall:.1f} s, "
            f"CPU {usage.ru_utime + usage.ru_stime:.1f} s, "
            f"peak RSS {usage.ru_maxrss / 1024:.0f} MB, "
            f"output {out.stat().st_size / 1e6:.0f} MB"
        )
        if stderr:
            print(stderr, file=sys.stderr)
        return 0 if code in (0, 1) else 1
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
