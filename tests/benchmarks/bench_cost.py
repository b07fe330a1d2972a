"""Crafted inputs against the cost targets: time per MB and peak memory of one scan.

    .venv/bin/python tests/benchmarks/bench_cost.py [--size BYTES] [--modes scan,staged,plugin]
                                                     [--cases a,b] [--timeout S]

A script, not a test (pytest collects test_*.py only; tests/test_cost.py runs small
versions of the same cases with generous bounds). Each case is one file an attacker could
commit, at the size `scan` accepts by default (just under DEFAULT_MAX_FILE_BYTES, 2 MiB),
scanned in a fresh subprocess by:

    scan    binance-secrets scan --format json FILE
    staged  binance-secrets scan --staged --format json   (the file staged in a new repo)
    plugin  detect-secrets scan --no-verify --plugin <binance-secrets plugin-path> FILE, its default
            plugins disabled, and three of its line filters disabled: the pragma regex
            and is_likely_id_string (quadratic on long lines) and is_indirect_reference
            (the README says to disable it for these plugins); they are detect-secrets'
            own code that runs on every line whatever the plugins, so the row measures ours
    nothing the same detect-secrets command with a plugin that finds nothing: detect-secrets'
            own cost per line, for reference (not judged against the targets)

A case may come with a crafted baseline (redos-baseline): scan and staged get it with
--baseline; plugin then runs plain detect-secrets with it, as a reference (not judged).

Per run: wall seconds, CPU seconds (user + system), MB per CPU second, and the subprocess's
peak RSS (os.wait4's rusage). Targets: at most 1 s per MB and 300 MB RSS; the time target is
judged on CPU seconds, which other processes competing for the cores do not inflate (the
wall column shows what this run saw). A run is capped at --timeout CPU seconds and 2 GB of
address space so a regression cannot take the machine down. Exit 0 when every run meets
both targets, 1 otherwise.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

PROJECT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
MAX_FILE_BYTES = 2 * 1024 * 1024
SECONDS_PER_MB_TARGET = 1.0
RSS_MB_TARGET = 300
ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
B64 = ALPHABET + "+/"
BASELINE = ".secrets.baseline"


def keys(seed: int = 8) -> Callable[[], str]:
    """Random key-shaped values (upper, lower, digits), generated at run time."""
    rng = random.Random(seed)

    def key() -> str:
        while True:
            value = "".join(rng.choice(ALPHABET) for _ in range(64))
            if (
                any(c.isupper() for c in value)
                and any(c.islower() for c in value)
                and any(c.isdigit() for c in value)
            ):
                return value

    return key


def _repeat(head: str, unit: Callable[[int], str], size: int, tail: str = "") -> str:
    """``head`` + units until the text reaches ``size`` characters + ``tail``."""
    parts = [head]
    total = len(head) + len(tail)
    index = 0
    while True:
        piece = unit(index)
        if total + len(piece) > size:
            break
        parts.append(piece)
        total += len(piece)
        index += 1
    parts.append(tail)
    return "".join(parts)


# --- the cases: (size) -> file text -------------------------------------------------------


def blank_line(size: int) -> str:
    """A key, then one line of blanks: detect-secrets' pragma regex is quadratic in them."""
    head = f'binance_api_key = "{keys()()}"'
    return head + " \t" * ((size - len(head) - 2) // 2) + "x\n"


def xml_blank_line(size: int) -> str:
    """`<!--` then blanks: the pragma regex's `[# \\t]*? *` splits the run every way."""
    head = f'<binance api_key="{keys()()}"/> <!--'
    return head + " " * (size - len(head) - 2) + "x\n"


def keys_one_line(size: int) -> str:
    """Thousands of named keys on one minified JSON line."""
    key = keys()
    return _repeat('{"exchange": "binance", ', lambda i: f'"apiKey{i}": "{key()}", ', size, "}\n")


def pairs_one_line(size: int) -> str:
    """Keys and secrets alternating on one line: also what pairing must cope with."""
    key = keys()
    return _repeat(
        '{"exchange": "binance", ',
        lambda i: f'"{"apiKey" if i % 2 == 0 else "secret"}{i}": "{key()}", ',
        size,
        "}\n",
    )


def positional_one_line(size: int) -> str:
    """Unnamed quoted values on one line: each one looks back for an enclosing call."""
    key = keys()
    return _repeat("from binance.client import Client; Client(", lambda i: f'"{key()}", ', size)


def ids_then_keys(size: int) -> str:
    """A `_id` early on a long line of keys: detect-secrets' id filter searches the whole
    line before each value."""
    key = keys()
    return _repeat(
        'binance = {"user_id": 1, ', lambda i: f'"api_key_{i}": "{key()}", ', size, "}\n"
    )


def many_candidate_lines(size: int) -> str:
    """A .env of key lines (every line classified, every value a finding)."""
    key = keys()
    return _repeat("", lambda i: f"BINANCE_API_KEY_{i}={key()}\n", size)


def many_pair_lines(size: int) -> str:
    """A .env of alternating key and secret lines: thousands of findings to pair."""
    key = keys()
    return _repeat(
        "",
        lambda i: f"BINANCE_API_{'KEY' if i % 2 == 0 else 'SECRET'}_{i // 2}={key()}\n",
        size,
    )


def pem_headers(size: int) -> str:
    """Thousands of PEM headers without bodies: each looks ahead for its block."""
    return _repeat("# binance\n", lambda i: "-----BEGIN PRIVATE KEY-----\n", size)


def pem_headers_long_lines(size: int) -> str:
    """PEM headers each followed by long base64 lines and no END marker."""
    body = "A" * 20000 + "\n"
    return _repeat(
        "# binance\n", lambda i: "-----BEGIN PRIVATE KEY-----\n" if i % 8 == 0 else body, size
    )


def pem_headers_one_line(size: int) -> str:
    """PEM headers on one line joined by escaped newlines, as in a .env value."""
    return _repeat(
        'BINANCE_PRIVATE_KEY="', lambda i: "-----BEGIN PRIVATE KEY-----\\nAAAA\\n", size, '"\n'
    )


def pem_concat_no_end(size: int) -> str:
    """Java-style joined PEM literals (`"..." +` lines) with no END marker, a header every
    100 lines: each header reads its window of literals (pem_concat) and finds no block."""
    rng = random.Random(8)

    def unit(i: int) -> str:
        if i % 100 == 0:
            return 'String privateKey = "-----BEGIN PRIVATE KEY-----\\n" +\n'
        return '    "' + "".join(rng.choice(B64) for _ in range(64)) + '\\n" +\n'

    return _repeat("// binance\n", unit, size)


def pem_concat_long_lines(size: int) -> str:
    """Each 10 kB line a header's literal joined to short literals, no END, on that line."""
    line = '"-----BEGIN PRIVATE KEY-----\\n" +' + ' "QUJD\\n" +' * 900 + "\n"
    return _repeat("// binance\n", lambda i: line, size)


def deep_json(size: int) -> str:
    """Deeply nested JSON on one line with a key at the bottom."""
    depth = (size - 200) // 8
    return '{"a":' * depth + f'{{"binance_api_key": "{keys()()}"}}' + "}" * depth + "\n"


def minified_js(size: int) -> str:
    """A 2 MiB minified bundle line mixing keys, hashes, uuids, base64 and calls."""
    key = keys()
    rng = random.Random(3)

    def unit(i: int) -> str:
        choice = i % 6
        if choice == 0:
            return f'var k{i}={{apiKey:"{key()}",secret:"{key()}"}};'
        if choice == 1:
            return f'h("{rng.getrandbits(256):064x}");'
        if choice == 2:
            return f'u="{rng.getrandbits(128):032x}";'
        if choice == 3:
            return f'c{i}=new Client("{key()}","{key()}");'
        if choice == 4:
            return 'b="' + "".join(rng.choice(B64) for _ in range(120)) + '==";'
        return f"f{i}(a,b)&&g(c)||x[{i}]=binance;"

    return _repeat("", unit, size, "\n")


def short_lines(size: int) -> str:
    """A million tiny lines and one key: the per-line bookkeeping is what costs."""
    head = f"binance_api_key = {keys()()}\n"
    return head + "a\n" * ((size - len(head)) // 2)


def empty_lines(size: int) -> str:
    """Two million empty lines and one key: the most lines a 2 MiB file can have."""
    head = f"binance_api_key = {keys()()}\n"
    return head + "\n" * (size - len(head))


def separator_lines(size: int) -> str:
    """Lines split by the separators str.splitlines also honours (\\x1c, \\x85, \\u2028)."""
    head = f"binance_api_key = {keys()()}\n"
    return head + "\x1c" * (size - len(head))


def k8s_data(size: int) -> str:
    """A Kubernetes Secret with thousands of base64-encoded keys in `data:`."""
    key = keys()
    return _repeat(
        "apiVersion: v1\nkind: Secret\nmetadata:\n  name: binance\ndata:\n",
        lambda i: f"  api_key_{i}: {base64.b64encode(key().encode()).decode()}\n",
        size,
    )


def base64_run(size: int) -> str:
    """One line of base64 with a `==` every 88 characters: each one looks behind."""
    rng = random.Random(5)
    chunk = "".join(rng.choice(B64) for _ in range(86)) + "=="
    return _repeat("binance_data: ", lambda i: chunk, size, "\n")


def near_tokens(size: int) -> str:
    """63-character alphanumeric runs: each almost a key, tried at every offset."""
    rng = random.Random(6)
    run = "".join(rng.choice(ALPHABET) for _ in range(63))
    return _repeat("binance ", lambda i: run + "-", size, "\n")


def blank_names(size: int) -> str:
    """Values preceded by a name and long blank runs: the name regex's `\\s*` splits."""
    key = keys()
    return _repeat("binance\n", lambda i: "a" + " " * 150 + "!" + key() + " ", size, "\n")


def pragma_lines(size: int) -> str:
    """Every line a key with an almost-pragma comment full of blanks."""
    key = keys()
    return _repeat(
        "binance\n",
        lambda i: f"api_key = '{key()}' #" + " " * 300 + "pragma: allowlist secre\n",
        size,
    )


def backtracking_line(size: int) -> str:
    """One long line of a's after a key, for the crafted baseline below to meet."""
    head = f"BINANCE_API_KEY={keys()()} "
    return head + "a" * (size - len(head) - 2) + "!\n"


def crafted_baseline() -> str:
    """A baseline from a pull request: exclude regexes that backtrack exponentially or
    polynomially on that line (Python's re never finishes the first)."""
    regex = "detect_secrets.filters.regex.should_exclude_"
    return json.dumps(
        {
            "version": "1.5.0",
            "plugins_used": [],
            "filters_used": [
                {"path": f"{regex}line", "pattern": ["(a+)+$", r"\w+\s*=\s*#", ".*.*.*=#"]},
                {"path": f"{regex}secret", "pattern": ["([A-Za-z0-9]+)+!"]},
            ],
            "results": {},
        }
    )


def sql_key_rows(size: int) -> str:
    """A mysqldump line of key rows under a CREATE TABLE naming their columns, in a file
    that never says Binance: every value named, none a finding, so none stops the scan."""
    key = keys()
    create = (
        "CREATE TABLE `key_table` (`id` int, `user` text, `access_key` text, `secret_key` text);\n"
    )
    return _repeat(
        create + "INSERT INTO `key_table` VALUES ",
        lambda i: f"({i},'u{i}','{key()}','{key()}'),",
        size - 2,
        "(0);\n",
    )


def sql_rows_no_create(size: int) -> str:
    """The same line without its CREATE TABLE: each value looks back for an enclosing call."""
    return sql_key_rows(size).split("\n", 1)[1]


def sql_one_key_rows(size: int) -> str:
    """Rows of one generic-named key each: every value lacks only a Binance word, so each
    was classified again to be held for the cross-file rule."""
    key = keys()
    return _repeat(
        "CREATE TABLE t (access_key text);\nINSERT INTO t VALUES ",
        lambda i: f"('{key()}'),",
        size - 2,
        "(0);\n",
    )


def values_rows_no_insert(size: int) -> str:
    """`values (...)` rows opening their own lines with no INSERT above: each value looked
    for its column list in the lines above (round 9)."""
    key = keys()
    return _repeat("", lambda i: f"values ('u{i}', '{key()}', '{key()}', null);\n", size)


def repeated_named_value(size: int) -> str:
    """One named value repeated along one line: no second finding, so the cap never stops
    the scan; each repetition is classified (round 9)."""
    value = keys()()
    head = "# binance\nsecret_key = x\n"
    return _repeat(head, lambda i: f'"api_key": "{value}", ', size - 1, "\n")


def named_lines(size: int) -> str:
    """A file of named keys that never says Binance: every line classified, none found."""
    key = keys()
    return _repeat("", lambda i: f"api_key_{i} = '{key()}'\n", size)


@dataclass(frozen=True)
class Case:
    name: str
    filename: str
    make: Callable[[int], str]
    # A baseline (its text) that scan and staged are given with --baseline; the plugin modes
    # then run plain detect-secrets on it (`scan --baseline`), as a reference, not judged.
    baseline: Callable[[], str] | None = None


CASES = (
    Case("blank-line", "config.py", blank_line),
    Case("xml-blank-line", "config.xml", xml_blank_line),
    Case("keys-one-line", "config.json", keys_one_line),
    Case("pairs-one-line", "config.json", pairs_one_line),
    Case("positional-one-line", "bot.py", positional_one_line),
    Case("id-then-keys", "bot.py", ids_then_keys),
    Case("candidate-lines", "keys.env", many_candidate_lines),
    Case("pair-lines", "keys.env", many_pair_lines),
    Case("pem-headers", "keys.txt", pem_headers),
    Case("pem-long-lines", "keys.txt", pem_headers_long_lines),
    Case("pem-one-line", "keys.env", pem_headers_one_line),
    Case("pem-concat", "Keys.java", pem_concat_no_end),
    Case("pem-concat-long-lines", "Keys.java", pem_concat_long_lines),
    Case("deep-json", "deep.json", deep_json),
    Case("minified-js", "bundle.js", minified_js),
    Case("short-lines", "many.txt", short_lines),
    Case("empty-lines", "empty.txt", empty_lines),
    Case("separator-lines", "separators.txt", separator_lines),
    Case("k8s-data", "secret.yaml", k8s_data),
    Case("base64-run", "blob.yaml", base64_run),
    Case("near-tokens", "tokens.txt", near_tokens),
    Case("blank-names", "names.txt", blank_names),
    Case("pragma-lines", "pragma.py", pragma_lines),
    Case("redos-baseline", "long.env", backtracking_line, crafted_baseline),
    Case("sql-key-rows", "dump.sql", sql_key_rows),
    Case("sql-rows-no-create", "dump.sql", sql_rows_no_create),
    Case("sql-one-key-rows", "dump.sql", sql_one_key_rows),
    Case("named-lines", "settings.py", named_lines),
    Case("values-no-insert", "seed.sql", values_rows_no_insert),
    Case("repeated-named-value", "config.py", repeated_named_value),
)


# --- running ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Run:
    seconds: float  # wall clock
    cpu_seconds: float  # user + system of the subprocess: what a busy machine does not inflate
    rss_mb: float
    exit_code: int


def _limits(cpu_seconds: int) -> Callable[[], None]:
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds))
        resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))

    return apply


def measure(command: list[str], cwd: str, timeout: int) -> Run:
    """Wall time and peak RSS of one subprocess (its own rusage, not the parent's)."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command,
        cwd=cwd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        preexec_fn=_limits(timeout),
    )
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    return Run(
        time.perf_counter() - started,
        usage.ru_utime + usage.ru_stime,
        usage.ru_maxrss / 1024,
        process.returncode,
    )


def _git(cwd: str, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


# A plugin that finds nothing: detect-secrets' own cost per line, for reference.
NOTHING_PLUGIN = """
from detect_secrets.plugins.base import BasePlugin


class NothingDetector(BasePlugin):
    secret_type = "Nothing"

    def analyze_line(self, filename, line, line_number=0, context=None, **kwargs):
        return set()

    def analyze_string(self, string):
        return iter(())
"""


def _plugin_command(path: str, plugin: str | None = None) -> list[str]:
    if plugin is None:
        plugin = subprocess.run(
            [str(BIN / "binance-secrets"), "plugin-path"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    listed = subprocess.run(
        [str(BIN / "detect-secrets"), "scan", "--list-all-plugins"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    disabled = [name for name in listed if not name.startswith(("Binance", "Nothing"))]
    return [
        str(BIN / "detect-secrets"),
        "scan",
        path,
        "--no-verify",
        "--plugin",
        plugin,
        "--disable-filter",
        "detect_secrets.filters.allowlist.is_line_allowlisted",
        "--disable-filter",
        "detect_secrets.filters.heuristic.is_likely_id_string",
        "--disable-filter",
        "detect_secrets.filters.heuristic.is_indirect_reference",
        *(arg for name in disabled for arg in ("--disable-plugin", name)),
    ]


def run_case(case: Case, size: int, mode: str, workdir: str, timeout: int) -> Run:
    directory = os.path.join(workdir, f"{case.name}-{mode}")
    os.makedirs(directory)
    path = os.path.join(directory, case.filename)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(case.make(size))
    baseline: list[str] = []
    if case.baseline is not None:
        with open(os.path.join(directory, BASELINE), "w", encoding="utf-8") as handle:
            handle.write(case.baseline())
        baseline = ["--baseline", BASELINE]
    if mode == "scan":
        command = [str(BIN / "binance-secrets"), "scan", "--format", "json", *baseline]
        command.append(case.filename)
    elif mode == "staged":
        _git(directory, "init", "-q")
        _git(directory, "add", case.filename)
        command = [str(BIN / "binance-secrets"), "scan", "--staged", "--format", "json", *baseline]
    elif mode == "plugin":
        command = _plugin_command(case.filename) + baseline
    else:
        nothing = os.path.join(workdir, "nothing_plugin.py")
        with open(nothing, "w", encoding="utf-8") as handle:
            handle.write(NOTHING_PLUGIN)
        command = _plugin_command(case.filename, nothing) + baseline
    return measure(command, directory, timeout)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=MAX_FILE_BYTES - 1024)
    parser.add_argument("--modes", default="scan,staged,plugin")
    parser.add_argument("--cases", default=",".join(case.name for case in CASES))
    parser.add_argument("--timeout", type=int, default=60)
    args = parser.parse_args()
    wanted = set(args.cases.split(","))
    modes = args.modes.split(",")
    megabytes = args.size / 1e6
    print(
        f"{args.size} bytes per file; targets: <= {SECONDS_PER_MB_TARGET:.0f} s/MB, "
        f"<= {RSS_MB_TARGET} MB RSS"
    )
    print(
        f"{'case':<20} {'mode':<7} {'wall s':>7} {'CPU s':>6} {'MB/CPU s':>8} {'RSS MB':>7}"
        "  exit  verdict"
    )
    failed = False
    workdir = tempfile.mkdtemp(prefix="bench-cost-")
    try:
        for case in CASES:
            if case.name not in wanted:
                continue
            for mode in modes:
                run = run_case(case, args.size, mode, workdir, args.timeout)
                ok = (
                    run.cpu_seconds <= SECONDS_PER_MB_TARGET * megabytes
                    and run.rss_mb <= RSS_MB_TARGET
                    and run.exit_code in (0, 1)
                )
                reference = mode == "nothing" or (case.baseline is not None and mode == "plugin")
                failed = failed or not (ok or reference)
                print(
                    f"{case.name:<20} {mode:<7} {run.seconds:>7.2f} {run.cpu_seconds:>6.2f} "
                    f"{megabytes / max(run.cpu_seconds, 1e-3):>8.2f} {run.rss_mb:>7.0f}  "
                    f"{run.exit_code:>4}  {'reference' if reference else 'ok' if ok else 'MISSED'}",
                    flush=True,
                )
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
