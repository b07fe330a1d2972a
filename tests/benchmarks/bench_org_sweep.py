"""The multi-repository sweep against single sweeps and `git log -p`, side by side.

    .venv/bin/python tests/benchmarks/bench_org_sweep.py [--repos 50] [--workdir DIR]
                                                          [--keep] [--repeat 1]

A script, not a test. It makes N local repositories of mixed sizes (every third one from
make_history_repo.py, with its planted keys and every kind of ref; the others clean,
linear histories of 20 to 2,000 commits written by `git fast-import`), then times, in one
run and in this order:

    git log -p  `git log --all -p` on each repository, one after another (the floor)
    singles     `binance-secrets sweep --quiet --format json -o F REPO` on each, one after
                another (the sum of single sweeps)
    jobs 1      `binance-secrets sweep --jobs 1 --repos LIST --format json -o F`
    jobs 2      the same with --jobs 2

and prints wall and CPU seconds (the command and all its children), the ratios, and the
peak RSS of the largest single process (os.wait4's rusage: the top process, or for the
multi-repository sweep one repository's sweep process). Values are random; nothing here is
a real key.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def clean_repo(path: Path, commits: int, seed: int) -> None:
    """A linear history of ``commits`` commits editing a few text files (no keys)."""
    rng = random.Random(seed)
    subprocess.run(["git", "init", "-q", "-b", "main", str(path)], check=True)
    lines = [f"line {n} of the service configuration\n" for n in range(200)]
    stream = []
    for number in range(commits):
        name = f"src/module{number % 13}.py"
        lines[rng.randrange(len(lines))] = f"value_{rng.randrange(10**9)} = {number}\n"
        data = "".join(lines).encode()
        message = f"change {number}\n".encode()
        stream.append(b"commit refs/heads/main\n")
        stamp = 1_600_000_000 + number * 60
        stream.append(f"committer Bench <bench@example.invalid> {stamp} +0000\n".encode())
        stream.append(b"data %d\n%s" % (len(message), message))
        stream.append(f"M 100644 inline {name}\n".encode())
        stream.append(b"data %d\n%s\n" % (len(data), data))
    subprocess.run(
        ["git", "fast-import", "--quiet"], cwd=path, input=b"".join(stream), check=True
    )
    subprocess.run(["git", "repack", "-adq"], cwd=path, check=True)


def make_repos(workdir: Path, count: int) -> list[Path]:
    repos = []
    for number in range(count):
        path = workdir / f"repo{number:02d}"
        repos.append(path)
        if path.exists():
            continue
        if number % 3 == 0:
            commits = (200, 1000, 3000)[number % 9 // 3]
            subprocess.run(
                [sys.executable, str(HERE / "make_history_repo.py"), str(path),
                 "--commits", str(commits), "--seed", str(number)],
                check=True, stdout=subprocess.DEVNULL,
            )  # fmt: skip
        else:
            clean_repo(path, (20, 200, 2000)[number % 3], number)
    return repos


def timed(command: list[str], cwd: Path | None = None) -> tuple[float, float, float, int]:
    """(wall, CPU of the process and its children, peak RSS MB of the largest, exit)."""
    started = time.monotonic()
    process = subprocess.Popen(
        command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.monotonic() - started
    return (
        wall,
        usage.ru_utime + usage.ru_stime,
        usage.ru_maxrss / 1024,
        os.waitstatus_to_exitcode(status),
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repos", type=int, default=50)
    parser.add_argument("--workdir", type=Path)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="bench-org-"))
    workdir.mkdir(parents=True, exist_ok=True)
    tool = Path(sys.executable).parent / "binance-secrets"
    try:
        started = time.monotonic()
        repos = make_repos(workdir / "repos", args.repos)
        print(f"{len(repos)} repositories ready in {time.monotonic() - started:.0f} s; "
              f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}")  # fmt: skip
        listing = workdir / "repos.txt"
        listing.write_text("".join(f"{repo}\n" for repo in repos))
        out = workdir / "out"
        out.mkdir(exist_ok=True)
        rows: dict[str, tuple[float, float, float]] = {}

        def add(name: str, runs: list[tuple[float, float, float, int]]) -> None:
            rows[name] = (
                sum(r[0] for r in runs), sum(r[1] for r in runs), max(r[2] for r in runs)
            )

        add("git log -p", [timed(["git", "-C", str(r), "log", "--all", "-p"]) for r in repos])
        add("singles", [
            timed([str(tool), "sweep", "--quiet", "--format", "json", "-o",
                   str(out / f"{r.name}.json"), str(r)])
            for r in repos
        ])  # fmt: skip
        for jobs in (1, 2):
            run = timed([str(tool), "sweep", "--quiet", "--jobs", str(jobs), "--repos",
                         str(listing), "--format", "json", "-o", str(out / f"org{jobs}.json")])
            assert run[3] == 1, f"--jobs {jobs} exited {run[3]}"
            add(f"jobs {jobs}", [run])
        print()
        print("| run | wall (s) | CPU (s) | wall / singles | wall / git log -p | "
              "peak RSS, largest process |")  # fmt: skip
        print("|---|---|---|---|---|---|")
        for name, (wall, cpu, rss) in rows.items():
            print(f"| {name} | {wall:.1f} | {cpu:.1f} | {wall / rows['singles'][0]:.2f}x | "
                  f"{wall / rows['git log -p'][0]:.2f}x | {rss:.0f} MB |")  # fmt: skip
        ratio = rows["jobs 2"][0] / rows["jobs 1"][0]
        print(f"\n--jobs 2 / --jobs 1 (wall): {ratio:.2f}x (goal: at most 0.7x)")
        print(f"load average at the end: {os.getloadavg()[0]:.1f}")
        return 0
    finally:
        if not args.keep and args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
