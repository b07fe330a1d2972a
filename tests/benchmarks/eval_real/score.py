"""Score `binance-secrets scan` (and detect-secrets, side by side) on the real-repository corpus.

    .venv/bin/python tests/benchmarks/eval_real/score.py [--part PART|all] [--seed N]
                                                         [--keep DIR] [--no-detect-secrets]

PART is ``tune`` or one of the held-out parts, ``heldout`` to ``heldout12``. A script, not a
test (the scores are a benchmark). It writes the corpus with fresh values
(a random seed unless ``--seed``; the seed is printed so a run can be repeated) into a
temporary directory, scans each project on its own as ``eval_detection.py`` does (one
project's Binance code is never another's context), and prints for each part: recall and
precision over exact findings (path, line, type, fingerprint; Binance's documentation
examples count on neither side), the same per file type, each miss with the shape of its
file, and each false finding with its cause (the hard negative planted on that line, or what
the line holds). detect-secrets (its default plugins, as installed in the .venv) is scored
on the same files by line, as a peer would be: a positive line is found when any finding is
on it, a false line is a flagged line without a planted credential.

The held-out parts (``heldout`` to ``heldout12``) must never be used for tuning:
read their misses to file issues, not to write rules. Values written as 64 hex digits (the issue's
stretch goal) are also scored apart. Exit status 0 (it reports, it does not judge).
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[2]))

import generate  # noqa: E402

from tests.benchmarks.eval_detection import scan_project  # noqa: E402

Key = tuple[str, int, str, str]
HELD_OUT = (
    "heldout", "heldout2", "heldout3", "heldout4", "heldout5", "heldout6", "heldout7", "heldout8",
    "heldout9", "heldout10", "heldout11", "heldout12",
)  # fmt: skip


def file_type(path: str) -> str:
    """A coarse type for the per-type table: the extension, or the file's well-known name."""
    name = path.rsplit("/", 1)[-1]
    if name.startswith(".env"):
        return ".env"
    if name in ("Gemfile", "Dockerfile") or name.startswith("docker-compose"):
        return "docker-compose" if name.startswith("docker-compose") else name
    suffix = name.rsplit(".", 1)[-1] if "." in name else name
    return {"yaml": "yml", "kts": "gradle"}.get(suffix, suffix)


def ours(root: Path, truth: dict[str, Any]) -> set[Key]:
    found: set[Key] = set()
    for project in truth["projects"]:
        for f in scan_project(root, project):
            if not f.get("example"):
                found.add((f["path"], int(f["line"]), f["type"], f["fingerprint"]))
    return found


def detect_secrets_lines(root: Path, truth: dict[str, Any]) -> set[tuple[str, int]] | None:
    """Lines detect-secrets flags (default plugins), or None when it cannot run."""
    lines: set[tuple[str, int]] = set()
    for project in truth["projects"]:
        command = [sys.executable, "-m", "detect_secrets", "scan", "--all-files", project]
        done = subprocess.run(command, cwd=root, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            return None
        for path, items in json.loads(done.stdout)["results"].items():
            lines |= {(path, int(item["line_number"])) for item in items}
    return lines


def ratio(a: int, b: int) -> float:
    return a / b if b else 1.0


def score_part(root: Path, part: str, truth: dict[str, Any], peers: bool) -> dict[str, Any]:
    expected = {(e["path"], e["line"], e["type"], e["fingerprint"]): e for e in truth["expected"]}
    found = ours(root, truth)
    hits = expected.keys() & found
    negatives: dict[tuple[str, int], list[str]] = defaultdict(list)
    for n in truth["negatives"]:
        negatives[(n["path"], n["line"])].append(n["cause"])
    positive_at: dict[tuple[str, int], list[str]] = defaultdict(list)
    for path, line, kind, _ in expected:
        positive_at[(path, line)].append(kind)

    print(f"\n== {part} (seed {truth['seed']}) ==")
    if part in HELD_OUT:
        print("HELD OUT: report misses to the lead; never tune detection on them.")
    recall, precision = ratio(len(hits), len(expected)), ratio(len(hits), len(found))
    print(
        f"binance-secrets: planted {len(expected)}, found {len(found)}, right {len(hits)}: "
        f"recall {recall:.3f}, precision {precision:.3f}"
    )
    plain = {key for key, item in expected.items() if item.get("encoding") != "hex"}
    if len(plain) < len(expected):
        print(
            f"  without the {len(expected) - len(plain)} values written as 64 hex (stretch): "
            f"recall {ratio(len(plain & hits), len(plain)):.3f}"
        )
    by_type: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for key in expected:
        by_type[file_type(key[0])][0] += 1
    for key in found:
        by_type[file_type(key[0])][1] += 1
    for key in hits:
        by_type[file_type(key[0])][2] += 1
    header = ("file type", "planted", "found", "right", "recall", "prec.")
    print("  {:<16} {:>7} {:>6} {:>6} {:>7} {:>6}".format(*header))
    for kind, (p, f, r) in sorted(by_type.items()):
        print(f"  {kind:<16} {p:>7} {f:>6} {r:>6} {ratio(r, p):>7.3f} {ratio(r, f):>6.3f}")
    for key in sorted(expected.keys() - found):
        path, line, kind, _ = key
        item = expected[key]
        print(f"  missed: {path}:{line}: {kind} ({item['slot']}): {item['shape']}")
    for key in sorted(found - expected.keys()):
        path, line, kind, _ = key
        if negatives.get((path, line)):
            cause = "hard negative: " + "; ".join(negatives[(path, line)])
        elif positive_at.get((path, line)):
            held = " and a ".join(positive_at[(path, line)])
            cause = f"the line holds a {held} (wrong type)"
        else:
            cause = "a line with no planted value (" + truth["shapes"][path] + ")"
        print(f"  false: {path}:{line}: {kind}: {cause}")

    result: dict[str, Any] = {"recall": recall, "precision": precision, "planted": len(expected),
                              "found": len(found), "right": len(hits)}  # fmt: skip
    our_lines = {(k[0], k[1]) for k in found}
    want_lines = set(positive_at)
    print(
        f"by line, binance-secrets: {len(want_lines & our_lines)}/{len(want_lines)} positive lines,"
        f" {len(our_lines - want_lines)} false lines"
    )
    if peers:
        peer = detect_secrets_lines(root, truth)
        if peer is None:
            print("by line, detect-secrets: could not run")
        else:
            result["detect_secrets"] = {"lines": len(want_lines & peer), "of": len(want_lines),
                                        "false_lines": len(peer - want_lines)}  # fmt: skip
            print(
                f"by line, detect-secrets {_ds_version()}: {len(want_lines & peer)}/"
                f"{len(want_lines)} positive lines, {len(peer - want_lines)} false lines"
            )
    return result


def _ds_version() -> str:
    try:
        from detect_secrets.__version__ import VERSION

        return str(VERSION)
    except ImportError:
        return "?"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", choices=(*generate.PARTS, "all"), default="all")
    parser.add_argument("--seed", type=int, help="default: a fresh random seed")
    parser.add_argument("--keep", type=Path, help="write the corpus here and keep it")
    parser.add_argument("--no-detect-secrets", action="store_true")
    args = parser.parse_args(argv)
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(2**32)
    parts = generate.PARTS if args.part == "all" else (args.part,)
    with tempfile.TemporaryDirectory(prefix="eval_real.") as tmp:
        out = args.keep or Path(tmp)
        results = {}
        for part in parts:
            truth = generate.write_part(out, part, seed)
            results[part] = score_part(out / part, part, truth, not args.no_detect_secrets)
    print("\n" + "  ".join(
        f"{part}: recall {r['recall']:.3f} precision {r['precision']:.3f}"
        for part, r in results.items()
    ))  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
