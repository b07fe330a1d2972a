"""Recall and precision of `binance-secrets scan` on a labelled corpus.

    .venv/bin/python tests/benchmarks/eval_detection.py CORPUS_DIR [--truth truth.json]

A script, not a test. CORPUS_DIR holds one directory per project and a ``truth.json``:
``{"projects": [names], "expected": [{"path", "line", "type", "fingerprint"}, ...]}`` (paths
relative to CORPUS_DIR, fingerprints as in the JSON report). Each project is scanned on its
own (``scan --all-files --format json PROJECT`` from CORPUS_DIR), so one project's Binance
code is never another's context. A finding is right when path, line, type and fingerprint
all match an expected one; Binance's documentation examples (``"example": true``) are left
out of both sides. Prints recall, precision, every miss and every false finding.

Exit status: 0 when both are at least --target (default 0.99), 1 otherwise.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

Key = tuple[str, int, str, str]


def scan_project(corpus: Path, project: str) -> list[dict]:
    command = [
        sys.executable, "-m", "binance_secrets.hooks", "scan", "--all-files", "--format", "json",
        project,
    ]  # fmt: skip
    done = subprocess.run(command, cwd=corpus, capture_output=True, text=True, check=False)
    if done.returncode not in (0, 1):
        raise SystemExit(f"scan of {project} failed ({done.returncode}): {done.stderr.strip()}")
    return json.loads(done.stdout)["findings"]


def key(item: dict) -> Key:
    return (item["path"], int(item["line"]), item["type"], item["fingerprint"])


def evaluate(corpus: Path, truth: dict) -> tuple[set[Key], set[Key]]:
    """(expected, found) over every project of the corpus."""
    expected = {key(item) for item in truth["expected"]}
    found: set[Key] = set()
    for project in truth["projects"]:
        found |= {key(f) for f in scan_project(corpus, project) if not f.get("example")}
    return expected, found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--truth", type=Path, help="default: CORPUS/truth.json")
    parser.add_argument("--target", type=float, default=0.99)
    args = parser.parse_args(argv)
    truth = json.loads((args.truth or args.corpus / "truth.json").read_text())
    expected, found = evaluate(args.corpus, truth)
    hits = expected & found
    recall = len(hits) / len(expected) if expected else 1.0
    precision = len(hits) / len(found) if found else 1.0
    for label, items in (("missed", expected - found), ("false", found - expected)):
        for path, line, kind, _ in sorted(items):
            print(f"{label}: {path}:{line}: {kind}")
    print(
        f"planted {len(expected)}, found {len(found)}, right {len(hits)}: "
        f"recall {recall:.3f}, precision {precision:.3f}"
    )
    return 0 if recall >= args.target and precision >= args.target else 1


if __name__ == "__main__":
    sys.exit(main())
