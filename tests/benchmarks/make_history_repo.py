#!/usr/bin/env python3
"""Generate a realistic git repository with Binance credentials planted in its history.

    python tests/benchmarks/make_history_repo.py DEST [--commits 20000] [--seed N]
                                                     [--manifest FILE] [--no-repack] [--force]

The history is written with one ``git fast-import`` stream (20000 commits take seconds,
not the minutes one ``git commit`` per commit would): python sources, JSON/YAML configs,
Markdown, requirements and a hashed lock file (64-hex decoys a detector must reject),
edited over many commits with small varied diffs; feature branches that fork, interleave
with the main line and merge back (real three-way merges), a few stale unmerged branches,
annotated and lightweight tags, ``refs/remotes/origin/main`` and ``origin/HEAD``.

Planted credentials (random 64-character [A-Za-z0-9] values with upper case, lower case
and digits, generated at run time and never printed), one API key and one secret each:

- ``main_removed``: ``.env`` on the main line early, values blanked later (history only);
- ``deleted_file``: a freqtrade ``config/live.json`` ``"exchange"`` block, file deleted later;
- ``side_branch``: YAML on ``experiment/grid-bot``, never merged;
- ``tag_only``: docker-compose ``environment`` on a release branch whose ref was deleted,
  reachable only from an annotated tag;
- ``remote_only``: ``ccxt.binance({...})`` on ``refs/remotes/origin/hotfix/rate-limit`` only;
- ``in_head``: ``API_KEY``/``API_SECRET`` next to ``from binance.client import Client``,
  still in HEAD;
- ``stash`` (x2): a real ``git stash push`` of a tracked ``.env`` edit (the older entry,
  ``stash@{1}``, reachable only through the stash reflog) and a newer ``--include-untracked``
  entry holding an untracked ``.env.local`` (in the stash's untracked-files commit);
- ``reflog_only``: a ``binance.spot.Spot(...)`` commit that ``wip/refactor`` pointed at and was
  reset away from (only its reflog knows it);
- ``dangling``: a ``git commit-tree`` commit that no ref and no reflog references.

The manifest (``--manifest``, default ``DEST.planted.json`` next to the repository, never
inside it) lists each planted value's fingerprint (``sha256:`` + hex SHA-256 of the value,
as binance-secrets reports it), type, kind, commit, the commits acceptable as "introducing"
(a stash entry's w/i/u commits), path and 1-based line. It never holds a value.

Everything but the planted values is deterministic for a given --seed.
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import json
import math
import os
import random
import shutil
import string
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

API_KEY = "Binance API Key"
SECRET_KEY = "Binance Secret Key"

START_EPOCH = 1483228800  # 2017-01-01
AUTHORS = [
    ("Alice Martin", "alice@example.com", "+0100"),
    ("Bob Chen", "bob.chen@example.com", "+0800"),
    ("Carla Souza", "carla@example.com", "-0300"),
    ("Dmitri Volkov", "dmitri@example.com", "+0300"),
    ("Emma Schmidt", "emma.schmidt@example.com", "+0200"),
    ("Farid Haddad", "farid@example.com", "+0400"),
    ("dependabot[bot]", "49699333+dependabot[bot]@users.noreply.github.com", "+0000"),
]
PKG = "src/gridtrader"
VARS = [
    "price", "qty", "order", "symbol", "balance", "ts", "resp", "params", "window", "ratio",
    "level", "fee", "pnl", "depth", "spread", "step", "grid", "tick", "book", "trade",
]
VERBS = [
    "get", "load", "parse", "place", "cancel", "compute", "update", "fetch", "sync", "check",
    "build", "format", "round", "retry", "close", "open", "normalize", "validate",
]
WORDS = [
    "order", "book", "grid", "level", "price", "spread", "fee", "maker", "taker", "stop",
    "limit", "market", "retry", "backoff", "websocket", "stream", "kline", "candle", "ticker",
    "balance", "position", "margin", "leverage", "funding", "rate", "symbol", "filter", "lot",
    "size", "notional", "precision", "timeout", "cache", "config", "strategy", "signal",
    "indicator", "moving", "average", "volatility", "drawdown", "report", "metrics", "telegram",
    "alert", "docker", "deploy", "release", "test", "fixture", "mock", "logging", "handler",
    "queue", "worker", "scheduler",
]
PACKAGES = [
    "requests", "aiohttp", "pandas", "numpy", "python-binance", "ccxt", "pyyaml", "click",
    "sqlalchemy", "websockets", "tenacity", "structlog", "pydantic", "python-dotenv",
    "ta-lib", "matplotlib", "pytest", "freezegun", "responses", "uvloop",
]
PAIRS = [
    "BTC/USDT", "ETH/USDT", "BNB/USDT", "SOL/USDT", "XRP/USDT", "ADA/USDT", "DOGE/USDT",
    "DOT/USDT", "LTC/USDT", "LINK/USDT", "AVAX/USDT", "MATIC/USDT", "ATOM/USDT",
]
ALPHABET = string.ascii_letters + string.digits


# --------------------------------------------------------------------------- values


def fingerprint(value: str) -> str:
    return "sha256:" + hashlib.sha256(value.encode("utf-8")).hexdigest()


def redact(value: str) -> str:
    return f"{value[:4]}...{value[-4:]}"


def _looks_like_a_key(value: str) -> bool:
    """The value checks binance-secrets applies (plugins/detection/reject.py), or a copy of them."""
    try:
        from binance_secrets.plugins.detection.reject import rejection_reason
    except ImportError:  # not installed: the same rules, simplified
        lowered = value.lower()
        counts = Counter(value)
        entropy = -sum(n / 64 * math.log2(n / 64) for n in counts.values())
        return (
            any(c.isupper() for c in value)
            and any(c.islower() for c in value)
            and any(c.isdigit() for c in value)
            and not lowered.startswith("your")
            and not any(w in lowered for w in ("example", "sample", "dummy", "test", "fake"))
            and entropy >= 4.3
        )
    return rejection_reason(value) is None


def new_credential_value() -> str:
    """64 random [A-Za-z0-9] from the OS generator: fresh every run, independent of --seed."""
    system = random.SystemRandom()
    while True:
        value = "".join(system.choice(ALPHABET) for _ in range(64))
        if _looks_like_a_key(value):
            return value


# --------------------------------------------------------------------------- content


def sentence(rng: random.Random, lo: int = 4, hi: int = 12) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(lo, hi))]
    return " ".join(words).capitalize()


def py_line(rng: random.Random) -> str:
    v, w = rng.choice(VARS), rng.choice(VARS)
    n = rng.choice([0, 1, 2, 3, 5, 10, 30, 60, 100, 250, 1000])
    r = rng.randrange(14)
    if r == 0:
        return f"def {rng.choice(VERBS)}_{v}({w}, {v}={n}):"
    if r == 1:
        return f'    """{sentence(rng)}."""'
    if r == 2:
        return f"    {v} = {w} + {n}"
    if r == 3:
        return f'    logger.debug("{rng.choice(WORDS)} {rng.choice(WORDS)} %s", {v})'
    if r == 4:
        return f"    if {v} > {n}:"
    if r == 5:
        return f"        return {w}"
    if r == 6:
        return f"# TODO: {sentence(rng, 3, 8).lower()}"
    if r == 7:
        return f"{v.upper()}_{rng.choice(WORDS).upper()} = {n}"
    if r == 8:
        return f"    {v} = self._{rng.choice(VERBS)}_{w}({v}, timeout={n})"
    if r == 9:
        return f'    raise ValueError(f"bad {v}: {{{v}!r}}")'
    if r == 10:
        return f"    for {v} in {w}s:"
    if r == 11:
        return f"        {w}.append({rng.choice(VERBS)}_{v}({v}))"
    if r == 12:
        return ""
    return f"    return {{'{v}': {v}, '{w}': {w}}}"


def md_line(rng: random.Random) -> str:
    r = rng.randrange(8)
    if r == 0:
        return f"## {sentence(rng, 2, 4)}"
    if r == 1:
        return ""
    if r in (2, 3):
        return f"- {sentence(rng)}"
    if r == 4:
        return f"Run `{rng.choice(VERBS)}-{rng.choice(VARS)} --{rng.choice(WORDS)}` first."
    return sentence(rng, 8, 18) + "."


def changelog_line(rng: random.Random) -> str:
    sha = f"{rng.getrandbits(28):07x}"
    return f"- {sentence(rng, 3, 9)} ({sha})"


def yaml_line(rng: random.Random) -> str:
    indent = rng.choice(["", "  ", "  ", "    "])
    key = f"{rng.choice(WORDS)}_{rng.choice(VARS)}"
    value = rng.choice(
        [str(rng.randint(0, 500)), "true", "false", rng.choice(PAIRS), f"{rng.random():.3f}"]
    )
    return f"{indent}{key}: {value}"


def req_line(rng: random.Random) -> str:
    return f"{rng.choice(PACKAGES)}>={rng.randint(0, 5)}.{rng.randint(0, 30)}"


def lock_line(rng: random.Random) -> str:
    """A hashed requirement: the 64-hex sha256 is a decoy (hex digests are not keys)."""
    return (
        f"{rng.choice(PACKAGES)}=={rng.randint(0, 5)}.{rng.randint(0, 30)}.{rng.randint(0, 9)} "
        f"--hash=sha256:{rng.getrandbits(256):064x}"
    )


LINE_GENERATORS = {
    "py": (py_line, 30, 220),
    "md": (md_line, 8, 120),
    "changelog": (changelog_line, 5, 400),
    "yaml": (yaml_line, 6, 70),
    "req": (req_line, 4, 30),
    "lock": (lock_line, 10, 80),
}


def freqtrade_config(rng: random.Random, key: str = "", secret: str = "") -> dict:
    return {
        "max_open_trades": rng.randint(1, 10),
        "stake_currency": "USDT",
        "stake_amount": rng.choice([50, 100, 200, "unlimited"]),
        "dry_run": rng.random() < 0.7,
        "timeframe": rng.choice(["1m", "5m", "15m", "1h"]),
        "exchange": {
            "name": "binance",
            "key": key,
            "secret": secret,
            "ccxt_config": {"enableRateLimit": True},
            "pair_whitelist": rng.sample(PAIRS, 4),
        },
        "telegram": {"enabled": False, "token": "", "chat_id": ""},
        "bot_name": f"{rng.choice(WORDS)}-bot",
        "internals": {"process_throttle_secs": rng.randint(1, 10)},
    }


def generic_json(rng: random.Random) -> dict:
    return {
        section: {f"{rng.choice(WORDS)}_{i}": rng.randint(0, 1000) for i in range(4)}
        for section in rng.sample(WORDS, 3)
    }


@dataclass
class FileState:
    kind: str  # a LINE_GENERATORS key, "json", "freqtrade" or "fixed"
    lines: list[str] = field(default_factory=list)
    data: dict | None = None

    def render(self) -> bytes:
        if self.data is not None:
            return (json.dumps(self.data, indent=2) + "\n").encode()
        return ("\n".join(self.lines) + "\n").encode()

    def edit(self, rng: random.Random) -> None:
        if self.kind == "freqtrade":
            mutate_freqtrade(rng, self.data)
        elif self.kind == "json":
            mutate_json(rng, self.data)
        elif self.kind == "changelog":
            for _ in range(rng.choice([1, 1, 2, 3])):
                self.lines.insert(rng.randint(2, min(6, len(self.lines))), changelog_line(rng))
            if len(self.lines) > 400:
                del self.lines[380:]
        else:
            edit_lines(rng, self.lines, *LINE_GENERATORS[self.kind])


def edit_lines(rng, lines: list[str], gen, lo: int, hi: int) -> None:
    for _ in range(rng.choice([1, 1, 1, 2, 2, 3, 4])):
        r = rng.random()
        if not lines or len(lines) < lo or (r < 0.45 and len(lines) < hi):
            pos = rng.randint(0, len(lines))
            lines[pos:pos] = [gen(rng) for _ in range(rng.choice([1, 1, 2, 3, 5]))]
        elif r < 0.82:
            lines[rng.randrange(len(lines))] = gen(rng)
        else:
            i = rng.randrange(len(lines))
            del lines[i : i + rng.choice([1, 1, 2, 3])]


def mutate_freqtrade(rng: random.Random, data: dict) -> None:
    r = rng.randrange(4)
    if r == 0:
        data["max_open_trades"] = rng.randint(1, 10)
    elif r == 1:
        data["exchange"]["pair_whitelist"] = rng.sample(PAIRS, rng.randint(2, 6))
    elif r == 2:
        data["internals"]["process_throttle_secs"] = rng.randint(1, 10)
    else:
        data["timeframe"] = rng.choice(["1m", "5m", "15m", "1h", "4h"])


def mutate_json(rng: random.Random, data: dict) -> None:
    section = data[rng.choice(list(data))]
    r = rng.random()
    if r < 0.6 and section:
        section[rng.choice(list(section))] = rng.randint(0, 1000)
    elif r < 0.85 or not section:
        section[f"{rng.choice(WORDS)}_{rng.randint(0, 99)}"] = rng.choice([True, False, 0.5])
    else:
        del section[rng.choice(list(section))]


def initial_files(rng: random.Random) -> dict[str, FileState]:
    files: dict[str, FileState] = {}

    def lines_of(kind: str, n: int) -> FileState:
        gen = LINE_GENERATORS[kind][0]
        return FileState(kind, [gen(rng) for _ in range(n)])

    files["README.md"] = FileState(
        "md", ["# gridtrader", "", "A grid trading bot for Binance spot."]
        + [md_line(rng) for _ in range(30)]
    )
    files["CHANGELOG.md"] = FileState("changelog", ["# Changelog", ""])
    files["requirements.txt"] = lines_of("req", 10)
    files["requirements.lock"] = lines_of("lock", 24)
    files[".gitignore"] = FileState("fixed", ["__pycache__/", "*.pyc", ".venv/", "build/"])
    files[".env.example"] = FileState(
        "fixed",
        ["LOG_LEVEL=info", "BINANCE_API_KEY=your_api_key_here",
         "BINANCE_API_SECRET=your_api_secret_here", "TELEGRAM_TOKEN="],
    )
    files["config/config.json"] = FileState("freqtrade", data=freqtrade_config(rng))
    for name in ("risk", "pairs", "limits"):
        files[f"config/{name}.json"] = FileState("json", data=generic_json(rng))
    for name in ("settings", "logging", "strategies"):
        files[f"config/{name}.yaml"] = lines_of("yaml", 20)
    files[f"{PKG}/__init__.py"] = FileState("fixed", ['__version__ = "0.1.0"'])
    for name in ("bot", "grid", "orders", "exchange", "risk", "metrics", "storage", "notify",
                 "backtest", "utils"):
        files[f"{PKG}/{name}.py"] = FileState(
            "py", ["import logging", "", "logger = logging.getLogger(__name__)", ""]
            + [py_line(rng) for _ in range(rng.randint(40, 120))]
        )
    for name in ("grid", "orders", "risk"):
        files[f"tests/test_{name}.py"] = lines_of("py", 40)
    for name in ("setup", "strategies", "deploy", "faq"):
        files[f"docs/{name}.md"] = lines_of("md", 25)
    return files


# --------------------------------------------------------------------------- fast-import


class Stream:
    """A ``git fast-import`` process fed with buffered commands."""

    def __init__(self, repo: Path, marks: Path) -> None:
        self.proc = subprocess.Popen(
            ["git", "-C", str(repo), "fast-import", "--quiet", "--date-format=raw",
             f"--export-marks={marks}"],
            stdin=subprocess.PIPE,
        )
        self.buffer: list[bytes] = []
        self.size = 0

    def write(self, data: bytes) -> None:
        self.buffer.append(data)
        self.size += len(data)
        if self.size > 1 << 20:
            self.flush()

    def flush(self) -> None:
        self.proc.stdin.write(b"".join(self.buffer))
        self.buffer, self.size = [], 0

    def data(self, payload: bytes) -> None:
        self.write(b"data %d\n" % len(payload) + payload + b"\n")

    def close(self) -> None:
        self.write(b"done\n")
        self.flush()
        self.proc.stdin.close()
        if self.proc.wait() != 0:
            raise SystemExit(f"git fast-import failed with exit code {self.proc.returncode}")


@dataclass
class Branch:
    ref: str
    files: dict[str, FileState | None]  # the branch's versions of the paths it owns
    remaining: int
    number: int
    fork: int  # the main-line commit it starts from


@dataclass
class Plant:
    kind: str
    type: str
    value: str
    path: str
    line: int
    commit: str  # ":mark" until resolved, then a sha
    ref: str
    accept: list[str] = field(default_factory=list)
    note: dict = field(default_factory=dict)


class History:
    def __init__(self, repo: Path, total: int, seed: int, marks: Path) -> None:
        self.rng = random.Random(seed)
        self.total = total
        self.repo = repo
        self.stream = Stream(repo, marks)
        self.count = 0  # commits written
        self.now = START_EPOCH
        self.tips: dict[str, int] = {}  # ref -> mark of its tip in fast-import's view
        self.main = initial_files(self.rng)
        self.protected = {".env", "config/live.json", f"{PKG}/live_client.py", ".gitignore",
                          ".env.example", f"{PKG}/__init__.py"}
        self.locked: set[str] = set()
        self.active: list[Branch] = []
        self.stale: list[str] = []
        self.merged_refs: list[str] = []
        self.deleted_refs: list[str] = []
        self.plants: list[Plant] = []
        self.branch_number = 0
        self.pr_number = 100
        self.tag_minor = 1
        self.main_marks: list[int] = []

    # -- primitives

    def author(self) -> tuple[str, str, str]:
        weights = [30, 25, 20, 12, 8, 4, 3]
        return self.rng.choices(AUTHORS, weights)[0]

    def commit(self, ref: str, message: str, ops: list[tuple], parent: int | None = None,
               merge: int | None = None, who: tuple[str, str, str] | None = None) -> int:
        """Write one commit on ``ref``; ``parent`` defaults to the ref's current tip."""
        self.count += 1
        self.now += self.rng.randint(120, 6 * 3600)
        mark = self.count
        name, email, tz = who or self.author()
        s = self.stream
        s.write(b"commit %s\nmark :%d\n" % (ref.encode(), mark))
        ident = f"{name} <{email}> {self.now} {tz}\n".encode()
        s.write(b"author " + ident + b"committer " + ident)
        s.data(message.encode() + b"\n")
        if parent is not None and self.tips.get(ref) != parent:
            s.write(b"from :%d\n" % parent)
        if merge is not None:
            s.write(b"merge :%d\n" % merge)
        for op in ops:
            if op[0] == "M":
                s.write(b"M 100644 inline %s\n" % op[1].encode())
                s.data(op[2])
            else:
                s.write(b"D %s\n" % op[1].encode())
        s.write(b"\n")
        self.tips[ref] = mark
        if ref == "refs/heads/main":
            self.main_marks.append(mark)
        return mark

    def reset(self, ref: str, mark: int) -> None:
        self.stream.write(b"reset %s\nfrom :%d\n\n" % (ref.encode(), mark))
        self.tips[ref] = mark

    def tag(self, name: str, mark: int, message: str) -> None:
        name_, email, tz = AUTHORS[0]
        s = self.stream
        s.write(b"tag %s\nfrom :%d\n" % (name.encode(), mark))
        s.write(f"tagger {name_} <{email}> {self.now} {tz}\n".encode())
        s.data(message.encode() + b"\n")

    def main_commit(self, message: str, ops: list[tuple], who=None) -> int:
        return self.commit("refs/heads/main", message, ops, self.tips.get("refs/heads/main"),
                           who=who)

    def message(self) -> str:
        rng = self.rng
        prefix = rng.choice(["", "", "fix: ", "feat: ", "refactor: ", "docs: ", "test: ",
                             "chore: "])
        subject = prefix + sentence(rng, 3, 8).lower()
        if rng.random() < 0.3:
            subject += "\n\n" + sentence(rng, 10, 25) + "."
        return subject

    # -- random work

    def editable(self, exclude: set[str]) -> list[str]:
        return [p for p in self.main if p not in self.protected and p not in exclude]

    def random_main_commit(self) -> None:
        rng = self.rng
        candidates = self.editable(self.locked)
        ops: list[tuple] = []
        r = rng.random()
        if r < 0.012:  # a new module or doc
            kind = rng.choice(["py", "py", "md"])
            base = f"{PKG}/{rng.choice(VERBS)}_{rng.choice(VARS)}" if kind == "py" else (
                f"docs/{rng.choice(WORDS)}_{rng.choice(WORDS)}")
            path = base + (".py" if kind == "py" else ".md")
            if path not in self.main and path not in self.locked:
                gen = LINE_GENERATORS[kind][0]
                self.main[path] = FileState(kind, [gen(rng) for _ in range(rng.randint(15, 60))])
                ops.append(("M", path, self.main[path].render()))
        elif r < 0.016 and len(candidates) > 25:  # delete or rename a module
            path = rng.choice([p for p in candidates if p.startswith(("src/", "docs/", "tests/"))
                               and p.endswith((".py", ".md"))])
            state = self.main.pop(path)
            ops.append(("D", path))
            if rng.random() < 0.5:
                new = path.rsplit("/", 1)[0] + f"/{rng.choice(VERBS)}_{rng.choice(VARS)}" + (
                    path[path.rfind("."):])
                if new not in self.main and new not in self.locked:
                    self.main[new] = state
                    ops.append(("M", new, state.render()))
        if not ops:
            weights = [3 if p.endswith(".py") else 1 for p in candidates]
            picked = set(rng.choices(candidates, weights, k=rng.choice([1, 1, 1, 2, 2, 3])))
            for path in sorted(picked):
                self.main[path].edit(rng)
                ops.append(("M", path, self.main[path].render()))
        who = AUTHORS[-1] if any(op[1].startswith("requirements") for op in ops) and (
            rng.random() < 0.5) else None
        self.main_commit(self.message(), ops, who=who)

    def start_branch(self) -> None:
        rng = self.rng
        free = self.editable(self.locked | {"CHANGELOG.md"})
        owned = rng.sample(free, rng.randint(1, 3))
        self.branch_number += 1
        slug = "-".join(rng.sample(WORDS, 2))
        ref = f"refs/heads/feature/{slug}-{self.branch_number}"
        branch = Branch(ref, {p: copy.deepcopy(self.main[p]) for p in owned},
                        rng.randint(1, 12), self.branch_number, self.tips["refs/heads/main"])
        self.locked.update(owned)
        self.active.append(branch)

    def branch_commit(self, branch: Branch) -> None:
        rng = self.rng
        ops: list[tuple] = []
        if rng.random() < 0.15:
            path = f"tests/test_{rng.choice(VARS)}_{branch.number}.py"
            if path not in branch.files and path not in self.main and path not in self.locked:
                branch.files[path] = FileState("py", [py_line(rng) for _ in range(30)])
                self.locked.add(path)
                ops.append(("M", path, branch.files[path].render()))
        if not ops:
            live = [p for p, s in branch.files.items() if s is not None]
            for path in sorted(set(rng.choices(live, k=rng.choice([1, 1, 2])))):
                branch.files[path].edit(rng)
                ops.append(("M", path, branch.files[path].render()))
        parent = self.tips.get(branch.ref, branch.fork)
        self.commit(branch.ref, self.message(), ops, parent)
        branch.remaining -= 1
        if branch.remaining <= 0:
            self.finish_branch(branch)

    def finish_branch(self, branch: Branch) -> None:
        self.active.remove(branch)
        self.locked.difference_update(branch.files)
        if len(self.stale) < 4 and self.rng.random() < 0.08:
            self.stale.append(branch.ref)  # never merged, left behind
            return
        ops: list[tuple] = []
        for path, state in sorted(branch.files.items()):
            if state is None:
                if path in self.main:
                    del self.main[path]
                    ops.append(("D", path))
            else:
                self.main[path] = state
                ops.append(("M", path, state.render()))
        self.pr_number += 1
        name = branch.ref.rsplit("/", 1)[-1]
        message = f"Merge pull request #{self.pr_number} from team/{name}\n\n{self.message()}"
        self.commit("refs/heads/main", message, ops, self.tips["refs/heads/main"],
                    merge=self.tips[branch.ref])
        self.merged_refs.append(branch.ref)
        if self.rng.random() < 0.3:
            self.changelog_entry()

    def changelog_entry(self) -> None:
        if self.count >= self.total:
            return
        self.main["CHANGELOG.md"].edit(self.rng)
        self.main_commit("docs: changelog", [("M", "CHANGELOG.md",
                                               self.main["CHANGELOG.md"].render())])

    # -- planted credentials

    def plant(self, kind: str, key: str, secret: str, path: str, text: str, mark: int,
              ref: str, **note) -> None:
        lines = text.split("\n")
        for type_, value in ((API_KEY, key), (SECRET_KEY, secret)):
            line = next(i for i, t in enumerate(lines, 1) if value in t)
            self.plants.append(Plant(kind, type_, value, path, line, f":{mark}", ref,
                                     note=dict(note)))

    def plant_main_removed(self) -> None:
        key, secret = new_credential_value(), new_credential_value()
        env = ["LOG_LEVEL=debug", f"BINANCE_API_KEY={key}", f"BINANCE_API_SECRET={secret}",
               "TELEGRAM_TOKEN=", "GRID_LEVELS=20"]
        self.main[".env"] = FileState("fixed", env)
        text = "\n".join(env)
        mark = self.main_commit("add local env for the bot", [("M", ".env", text.encode() + b"\n")])
        self.plant("main_removed", key, secret, ".env", text, mark, "refs/heads/main")

    def edit_env(self) -> None:
        env = self.main[".env"]
        env.lines[-1] = f"GRID_LEVELS={self.rng.randint(5, 50)}"
        self.main_commit("tune grid levels", [("M", ".env", env.render())])

    def remove_main_secret(self) -> None:
        env = self.main[".env"]
        env.lines[1], env.lines[2] = "BINANCE_API_KEY=", "BINANCE_API_SECRET="
        gitignore = self.main[".gitignore"]
        gitignore.lines.append("*.log")
        mark = self.main_commit("remove credentials from .env (rotated)", [
            ("M", ".env", env.render()), ("M", ".gitignore", gitignore.render())])
        for p in self.plants:
            if p.kind == "main_removed":
                p.note["removed_in"] = f":{mark}"

    def plant_deleted_file(self) -> None:
        key, secret = new_credential_value(), new_credential_value()
        state = FileState("freqtrade", data=freqtrade_config(self.rng, key, secret))
        state.data["dry_run"] = False
        self.main["config/live.json"] = state
        text = state.render().decode()
        mark = self.main_commit("live trading config", [("M", "config/live.json", text.encode())])
        self.plant("deleted_file", key, secret, "config/live.json", text, mark,
                   "refs/heads/main")

    def edit_live_json(self) -> None:
        state = self.main["config/live.json"]
        state.data["max_open_trades"] = self.rng.randint(1, 10)
        self.main_commit("live: fewer open trades", [("M", "config/live.json", state.render())])

    def delete_live_json(self) -> None:
        del self.main["config/live.json"]
        mark = self.main_commit("delete live config", [("D", "config/live.json")])
        for p in self.plants:
            if p.kind == "deleted_file":
                p.note["deleted_in"] = f":{mark}"

    def side_sequence(self, ref: str, n: int, plant_at: int, path: str, text_of, kind: str,
                      message: str) -> int:
        """``n`` commits on ``ref`` forked from main; commit ``plant_at`` adds ``path``."""
        key, secret = new_credential_value(), new_credential_value()
        doc = copy.deepcopy(self.main["README.md"])
        parent = self.tips["refs/heads/main"]
        for i in range(n):
            if i == plant_at:
                text = text_of(key, secret)
                mark = self.commit(ref, message, [("M", path, text.encode())], parent)
                self.plant(kind, key, secret, path, text, mark, ref)
            else:
                doc.edit(self.rng)
                mark = self.commit(ref, self.message(), [("M", "README.md", doc.render())],
                                   parent)
            parent = mark
        return parent

    def plant_side_branch(self) -> None:
        def text(key: str, secret: str) -> str:
            return ("exchange: binance\nbinance:\n"
                    f"  api_key: {key}\n  api_secret: {secret}\n"
                    "grid:\n  levels: 20\n  spacing: 0.4\n")
        self.side_sequence("refs/heads/experiment/grid-bot", 6, 2, "config/grid.yaml", text,
                           "side_branch", "grid experiment with my account")

    def plant_tag_only(self) -> None:
        def text(key: str, secret: str) -> str:
            return ("services:\n  bot:\n    image: gridtrader:0.9\n    environment:\n"
                    f"      - BINANCE_API_KEY={key}\n      - BINANCE_API_SECRET={secret}\n"
                    "      - LOG_LEVEL=info\n    restart: unless-stopped\n")
        ref = "refs/heads/release/0.9"
        tip = self.side_sequence(ref, 4, 1, "deploy/docker-compose.yml", text, "tag_only",
                                 "compose file for the 0.9 release")
        self.tag("v0.9.0-rc1", tip, "0.9.0 release candidate 1")
        self.deleted_refs.append(ref)

    def plant_remote_only(self) -> None:
        def text(key: str, secret: str) -> str:
            return ("import ccxt\n\nexchange = ccxt.binance({\n"
                    f'    "apiKey": "{key}",\n    "secret": "{secret}",\n'
                    '    "enableRateLimit": True,\n})\n\n'
                    'print(exchange.fetch_balance()["USDT"])\n')
        self.side_sequence("refs/remotes/origin/hotfix/rate-limit", 3, 0,
                           "scripts/check_balance.py", text, "remote_only",
                           "script to check the balance during the incident")

    def plant_in_head(self) -> None:
        key, secret = new_credential_value(), new_credential_value()
        text = ("from binance.client import Client\n\n"
                f'API_KEY = "{key}"\nAPI_SECRET = "{secret}"\n\n'
                "client = Client(API_KEY, API_SECRET)\n\n\n"
                "def account():\n    return client.get_account()\n")
        path = f"{PKG}/live_client.py"
        self.main[path] = FileState("fixed", text.rstrip("\n").split("\n"))
        mark = self.main_commit("quick live client", [("M", path, text.encode())])
        self.plant("in_head", key, secret, path, text, mark, "refs/heads/main")

    # -- the whole history

    def run(self) -> None:
        rng, n = self.rng, self.total
        self.main_commit("Initial commit", [("M", p, s.render()) for p, s in
                                            sorted(self.main.items())], who=AUTHORS[0])
        events = sorted([
            (int(n * 0.10), self.plant_main_removed),
            (int(n * 0.15), self.edit_env),
            (int(n * 0.20), self.plant_deleted_file),
            (int(n * 0.22), self.edit_env),
            (int(n * 0.25), self.edit_live_json),
            (int(n * 0.30), self.remove_main_secret),
            (int(n * 0.33), self.edit_live_json),
            (int(n * 0.40), self.delete_live_json),
            (int(n * 0.50), self.plant_side_branch),
            (int(n * 0.60), self.plant_tag_only),
            (int(n * 0.70), self.plant_remote_only),
            (int(n * 0.85), self.plant_in_head),
        ], key=lambda e: e[0])
        tag_every = max(50, n // 15)
        next_tag = tag_every
        # the scheduled events need ~25 commits; keep 10 more for origin/main's lag
        while self.count < n:
            if events and self.count >= events[0][0]:
                events.pop(0)[1]()
                continue
            if self.count >= next_tag:
                self.tag_release()
                next_tag += tag_every
            if self.active and rng.random() < 0.35:
                self.branch_commit(rng.choice(self.active))
            elif len(self.active) < 2 and rng.random() < 1 / 40 and self.count < n - 40:
                self.start_branch()
            else:
                self.random_main_commit()
            if self.count >= n - 14 and self.active:  # merge what is open before the end
                self.finish_branch(self.active[0])
        for ref, when in (("refs/remotes/origin/main", 6), ("refs/heads/wip/refactor", 25)):
            self.reset(ref, self.main_marks[-min(when, len(self.main_marks))])
        self.stream.close()

    def tag_release(self) -> None:
        name = f"v0.{self.tag_minor}.0"
        mark = self.tips["refs/heads/main"]
        if self.tag_minor % 3:
            self.tag(name, mark, f"Release {name}\n\n{sentence(self.rng, 6, 14)}.")
        else:
            self.reset(f"refs/tags/{name}", mark)  # lightweight
        self.tag_minor += 1


# --------------------------------------------------------------------------- after import


class Git:
    def __init__(self, repo: Path, epoch: int) -> None:
        self.repo = repo
        self.epoch = epoch

    def env(self) -> dict[str, str]:
        self.epoch += 3600
        env = dict(os.environ)
        name, email, _ = AUTHORS[0]
        date = f"@{self.epoch} +0000"
        env.update(GIT_AUTHOR_NAME=name, GIT_AUTHOR_EMAIL=email, GIT_COMMITTER_NAME=name,
                   GIT_COMMITTER_EMAIL=email, GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date)
        return env

    def __call__(self, *args: str, stdin: bytes | None = None, env=None) -> str:
        result = subprocess.run(["git", "-C", str(self.repo), *args], input=stdin,
                                capture_output=True, env=env or self.env())
        if result.returncode != 0:
            raise SystemExit(f"git {' '.join(args)} failed: {result.stderr.decode().strip()}")
        return result.stdout.decode().strip()

    def commit_with_file(self, parent: str, path: str, text: str, message: str) -> str:
        """A commit on top of ``parent`` adding ``path``, written without touching any ref."""
        blob = self("hash-object", "-w", "--stdin", stdin=text.encode())
        with tempfile.TemporaryDirectory() as tmp:
            env = self.env()
            env["GIT_INDEX_FILE"] = os.path.join(tmp, "index")
            self("read-tree", parent, env=env)
            self("update-index", "--add", "--cacheinfo", f"100644,{blob},{path}", env=env)
            tree = self("write-tree", env=env)
        return self("commit-tree", tree, "-p", parent, "-m", message)


def after_import(history: History, repo: Path) -> list[Plant]:
    """Stash entries, the reflog-only commit and the dangling commit: real git commands."""
    git = Git(repo, history.now)
    plants: list[Plant] = []
    git("reset", "--hard", "-q", "HEAD")

    # older stash entry: the tracked .env with its values put back, not staged
    key, secret = new_credential_value(), new_credential_value()
    env_lines = list(history.main[".env"].lines)
    env_lines[1], env_lines[2] = f"BINANCE_API_KEY={key}", f"BINANCE_API_SECRET={secret}"
    (repo / ".env").write_text("\n".join(env_lines) + "\n")
    git("stash", "push", "-q", "-m", "local credentials")
    w = git("rev-parse", "refs/stash")
    for type_, value in ((API_KEY, key), (SECRET_KEY, secret)):
        line = next(n for n, t in enumerate(env_lines, 1) if value in t)
        plants.append(Plant("stash", type_, value, ".env", line, w, "stash@{1}", [w],
                            note={"stash": "tracked file, unstaged; older entry, only in the "
                                  "refs/stash reflog"}))

    # newer stash entry: an untracked .env.local (and a tracked edit) with --include-untracked
    key, secret = new_credential_value(), new_credential_value()
    local = f'# local overrides\nBINANCE_API_KEY="{key}"\nBINANCE_API_SECRET="{secret}"\n'
    (repo / ".env.local").write_text(local)
    with open(repo / "README.md", "a") as handle:
        handle.write("Local setup: copy .env.example to .env.local.\n")
    git("stash", "push", "-q", "--include-untracked", "-m", "wip local setup")
    w = git("rev-parse", "refs/stash")
    u = git("rev-parse", "refs/stash^3")
    for type_, value in ((API_KEY, key), (SECRET_KEY, secret)):
        line = next(n for n, t in enumerate(local.split("\n"), 1) if value in t)
        plants.append(Plant("stash", type_, value, ".env.local", line, u, "stash@{0}",
                            [u, w], note={"stash": "untracked file (stash ^3 commit); "
                                             "newer entry, refs/stash"}))

    # reflog-only: wip/refactor pointed at a commit, then was reset back (git reset HEAD~1)
    key, secret = new_credential_value(), new_credential_value()
    text = ("from binance.spot import Spot\n\n"
            f'client = Spot(api_key="{key}", api_secret="{secret}")\n\n'
            "print(client.account())\n")
    base = git("rev-parse", "refs/heads/wip/refactor")
    commit = git.commit_with_file(base, f"{PKG}/wip_trader.py", text, "wip: trader")
    git("update-ref", "-m", "commit: wip: trader", "refs/heads/wip/refactor", commit, base)
    git("update-ref", "-m", "reset: moving to HEAD~1", "refs/heads/wip/refactor", base, commit)
    for type_, value in ((API_KEY, key), (SECRET_KEY, secret)):
        plants.append(Plant("reflog_only", type_, value, f"{PKG}/wip_trader.py", 3, commit,
                            "refs/heads/wip/refactor@{1}", [commit]))

    # dangling: referenced by nothing at all, not even a reflog
    key, secret = new_credential_value(), new_credential_value()
    text = f"export BINANCE_API_KEY={key}\nexport BINANCE_API_SECRET={secret}\n"
    commit = git.commit_with_file(git("rev-parse", "HEAD"), "deploy/prod.env", text,
                                  "prod env")
    for type_, value in ((API_KEY, key), (SECRET_KEY, secret)):
        line = next(n for n, t in enumerate(text.split("\n"), 1) if value in t)
        plants.append(Plant("dangling", type_, value, "deploy/prod.env", line, commit,
                            "(none)", [commit]))
    return plants


def read_marks(path: Path) -> dict[str, str]:
    marks = {}
    for line in path.read_text().splitlines():
        mark, sha = line.split()
        marks[mark] = sha
    return marks


def build(dest: Path, commits: int, seed: int, manifest: Path, repack: bool) -> dict:
    t0 = time.perf_counter()
    dest.mkdir(parents=True)
    git = Git(dest, START_EPOCH)
    git("init", "-q", "-b", "main")
    for key, value in (("user.name", AUTHORS[0][0]), ("user.email", AUTHORS[0][1]),
                       ("gc.auto", "0"), ("core.logAllRefUpdates", "true"),
                       ("commit.gpgsign", "false")):
        git("config", key, value)
    with tempfile.TemporaryDirectory() as tmp:
        marks_file = Path(tmp) / "marks"
        history = History(dest, commits, seed, marks_file)
        history.run()
        marks = read_marks(marks_file)
    t_import = time.perf_counter() - t0

    git("update-ref", "--stdin", stdin="".join(
        f"delete {ref}\n" for ref in history.merged_refs + history.deleted_refs).encode())
    git("symbolic-ref", "refs/remotes/origin/HEAD", "refs/remotes/origin/main")
    t1 = time.perf_counter()
    if repack:
        git("repack", "-a", "-d", "-q", "--depth=50", "--window=10")
    t_repack = time.perf_counter() - t1

    for plant in history.plants:
        plant.commit = marks[plant.commit]
        plant.accept = [plant.commit]
        for key in ("removed_in", "deleted_in"):
            if key in plant.note:
                plant.note[key] = marks[plant.note[key]]
    plants = history.plants + after_import(history, dest)
    elapsed = time.perf_counter() - t0

    entries = []
    for plant in plants:
        entries.append({
            "fingerprint": fingerprint(plant.value),
            "redacted": redact(plant.value),
            "type": plant.type,
            "kind": plant.kind,
            "commit": plant.commit,
            "accept_commits": plant.accept,
            "ref": plant.ref,
            "path": plant.path,
            "line": plant.line,
            **plant.note,
        })
    rev_count = int(git("rev-list", "--all", "--count"))
    data = {
        "version": 1,
        "repository": str(dest.resolve()),
        "seed": seed,
        "commits_requested": commits,
        "commits_fast_import": history.count,
        "commits_rev_list_all": rev_count,
        "seconds": {"fast_import": round(t_import, 2), "repack": round(t_repack, 2),
                    "total": round(elapsed, 2)},
        "planted": entries,
    }
    manifest.write_text(json.dumps(data, indent=2) + "\n")
    return data


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dest", type=Path, help="directory to create the repository in")
    parser.add_argument("--commits", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--manifest", type=Path,
                        help="where to write the manifest (default: DEST.planted.json)")
    parser.add_argument("--no-repack", action="store_true",
                        help="leave fast-import's pack as written (faster, less realistic)")
    parser.add_argument("--force", action="store_true", help="replace DEST if it exists")
    args = parser.parse_args(argv)

    if args.commits < 200:
        parser.error("--commits must be at least 200")
    dest = args.dest.resolve()
    manifest = (args.manifest or Path(str(dest) + ".planted.json")).resolve()
    if manifest == dest or dest in manifest.parents:
        parser.error("the manifest must not be inside the repository")
    if dest.exists():
        if not args.force:
            parser.error(f"{dest} exists (use --force to replace it)")
        shutil.rmtree(dest)
    manifest.parent.mkdir(parents=True, exist_ok=True)

    data = build(dest, args.commits, args.seed, manifest, not args.no_repack)
    kinds = Counter(p["kind"] for p in data["planted"])
    secs = data["seconds"]
    print(f"repository: {data['repository']}")
    print(f"commits: {data['commits_fast_import']} via fast-import, "
          f"{data['commits_rev_list_all']} in `git rev-list --all`")
    print(f"time: {secs['total']:.1f} s (fast-import {secs['fast_import']:.1f} s, "
          f"repack {secs['repack']:.1f} s)")
    print(f"planted: {len(data['planted'])} values ("
          + ", ".join(f"{k} {v}" for k, v in kinds.items()) + ")")
    print(f"manifest: {manifest}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
