"""Mutation testing for the modules that decide a key's verdict, its risk, its pairing and
what is printed: does some test fail when the code is made wrong in one small way?

    nice python tests/mutation/run.py                       # every module, one at a time
    nice python tests/mutation/run.py check sanitize        # some modules (names below)
    nice python tests/mutation/run.py --list check          # the mutants, without running
    nice python tests/mutation/run.py --show ID             # one mutant's diff

Not part of the test suite (pytest collects only ``test_*.py``). Each mutant is written to
the module's file in this checkout, the module's own tests (:data:`MODULES`) run against it
(``pytest -x``, in a process forked from a parent that has already imported the heavy
third-party packages), and the file is restored. Do not run other tests in this checkout
meanwhile. A mutant is killed when a test fails or it runs past a timeout, and survives
when every test passes. Mutants known to be equivalent (no behaviour can tell them from the
original) are listed with the reason in ``tests/mutation/equivalent.toml`` and left out of
the score. docs/testing.md says how to read the table.

The operators (:class:`Mutator`) are the one-token changes a slip of the hand makes:
comparison flipped (``==``/``!=``, ``<``/``<=``, ``in``/``not in``, ``is``/``is not``),
``and``/``or`` swapped, a ``not`` dropped, ``True``/``False`` swapped, an integer plus one,
a short string emptied, one element removed from a literal table (tuple, list, set, dict),
a yes/no return value replaced by ``None``, ``+``/``-`` swapped, ``break``/``continue``
swapped, a character-class range narrowed by one character, a check (``if``), ``raise``,
call or update statement deleted. Long prose strings are not mutated.
"""

from __future__ import annotations

import argparse
import ast
import copy
import hashlib
import json
import os
import re
import signal
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EQUIVALENT_FILE = Path(__file__).with_name("equivalent.toml")
LONGEST_MUTATED_STRING = 40


@dataclass(frozen=True)
class Module:
    """A module under mutation: its file, the tests that cover it (fastest killers first),
    and optionally the only top-level names mutated (the rest of the file is not in scope)."""

    path: str
    tests: tuple[str, ...]
    only: tuple[str, ...] = ()
    slow: tuple[str, ...] = ()  # tests of cost, not of decisions: left out (--deselect)

    @property
    def arguments(self) -> tuple[str, ...]:
        return (*self.tests, *(f"--deselect={test}" for test in self.slow))


MODULES: dict[str, Module] = {
    "binance_api": Module(
        "plugins/livecheck/binance_api.py",
        (
            "tests/test_endpoint_routes.py",
            "tests/test_verdicts.py",
            "tests/test_check_outcomes.py",
            "tests/test_client.py",
            "tests/test_check_testnet.py",
            "tests/test_check_family.py",
            "tests/test_shared_options.py",
        ),
    ),
    "check": Module(
        "plugins/livecheck/check.py",
        (
            "tests/test_check_details.py",
            "tests/test_verdicts.py",
            "tests/test_check_outcomes.py",
            "tests/test_live_pairing.py",
            "tests/test_check_testnet.py",
            "tests/test_check_family.py",
            "tests/test_check_cli.py",
        ),
    ),
    "playbook": Module(
        "plugins/livecheck/playbook.py",
        (
            "tests/test_playbook_pages.py",
            "tests/test_playbook.py",
            "tests/test_verdicts.py",
            "tests/test_check_outcomes.py",
            "tests/test_check_family.py",
        ),
    ),
    "sanitize": Module(
        "hooks/reports/sanitize.py",
        ("tests/test_redaction_everywhere.py", "tests/test_hostile_output.py"),
    ),
    "redaction": Module(
        "plugins/detection/redaction.py",
        ("tests/test_redaction_everywhere.py", "tests/test_findings_and_pairing.py"),
    ),
    "pairing": Module(
        "plugins/detection/pairing.py",
        (
            "tests/test_pairing_layouts.py",
            "tests/test_findings_and_pairing.py",
            "tests/test_pairing.py",
            "tests/test_live_pairing.py",
        ),
        slow=(
            "tests/test_pairing.py::test_pairing_cost_is_bounded_for_7000_pairs",
            "tests/test_pairing.py::test_scan_of_a_1_mb_env_with_7000_pairs_pairs_every_key_with_its_own",
            "tests/test_pairing.py::test_a_file_of_brackets_costs_little",
        ),
    ),
    "credentials": Module(
        "hooks/scanning/credentials.py",
        ("tests/test_report_validation.py",),
        only=(
            "MAX_REPORT_BYTES",
            "MAX_FINDINGS",
            "MAX_PATH_CHARS",
            "FINGERPRINT",
            "load_report",
            "_is_relative_path",
            "_is_directory_path",
            "_is_int",
            "finding_problem",
            "parse_report",
        ),
    ),
    # The field checks finding_problem applies, one table (FINDING_FIELDS) shared with merge.
    "report_fields": Module(
        "hooks/scanning/report_fields.py",
        (
            "tests/test_report_fields.py",
            "tests/test_report_validation.py",
            "tests/test_merge_columns.py",
        ),
    ),
}


# -- mutants ---------------------------------------------------------------------------------

_SWAP_COMPARE: dict[type[ast.cmpop], type[ast.cmpop]] = {
    ast.Eq: ast.NotEq,
    ast.NotEq: ast.Eq,
    ast.Lt: ast.LtE,
    ast.LtE: ast.Lt,
    ast.Gt: ast.GtE,
    ast.GtE: ast.Gt,
    ast.In: ast.NotIn,
    ast.NotIn: ast.In,
    ast.Is: ast.IsNot,
    ast.IsNot: ast.Is,
}
# Statements deleted one at a time: a check, a call for its effect, an update. (Deleting an
# assignment only leaves a name undefined; a loop, with or try: its statements are.)
_DELETABLE = (ast.Expr, ast.AugAssign, ast.If, ast.Raise)


_CHARACTER_CLASS = re.compile(r"\[\^?((?:\\.|[^\]\\])+)\]")
_CLASS_ITEM = re.compile(r"\\.|.", re.DOTALL)


def _narrowed_ranges(text: str) -> Iterator[str]:
    """``text`` (a regular expression) with one range of a character class narrowed by one
    character at either end: ``[a-f]`` gives ``[b-f]`` and ``[a-e]``."""
    for found in _CHARACTER_CLASS.finditer(text):
        start = found.start(1)
        items = [(m.start() + start, m.group()) for m in _CLASS_ITEM.finditer(found.group(1))]
        for index in range(1, len(items) - 1):
            (low_at, low), (dash_at, dash), (high_at, high) = items[index - 1 : index + 2]
            if dash != "-" or len(low) != 1 or len(high) != 1 or low >= high:
                continue
            if index >= 2 and items[index - 2][1] == "-":
                continue  # "low" ends the previous range
            yield text[:low_at] + chr(ord(low) + 1) + text[low_at + 1 :]
            yield text[:high_at] + chr(ord(high) - 1) + text[high_at + 1 :]


_YES_NO = (ast.Compare, ast.BoolOp, ast.UnaryOp)


@dataclass(frozen=True)
class Mutant:
    id: str
    line: int
    kind: str
    before: str
    after: str
    source: str  # the whole mutated module


def _is_docstring(node: ast.AST, parent: ast.AST | None) -> bool:
    return (
        isinstance(node, ast.Expr)
        and isinstance(node.value, ast.Constant)
        and isinstance(node.value.value, str)
        and parent is not None
        and isinstance(parent, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
        and getattr(parent, "body", [None])[0] is node
    )


def _parents(tree: ast.AST) -> dict[ast.AST, ast.AST]:
    return {child: parent for parent in ast.walk(tree) for child in ast.iter_child_nodes(parent)}


def _skipped_subtrees(tree: ast.Module) -> set[ast.AST]:
    """Nodes never mutated: annotations, imports, docstrings, f-string parts, log calls."""
    skipped: set[ast.AST] = set()
    parents = _parents(tree)

    def skip(node: ast.AST | None) -> None:
        if node is not None:
            skipped.update(ast.walk(node))

    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom, ast.JoinedStr)):
            skip(node)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            skip(node.returns)
            for arg in (*node.args.args, *node.args.kwonlyargs, *node.args.posonlyargs):
                skip(arg.annotation)
            for extra in (node.args.vararg, node.args.kwarg):
                skip(extra.annotation if extra else None)
            for decorator in node.decorator_list:
                skip(decorator)
        elif isinstance(node, ast.ClassDef):
            for decorator in node.decorator_list:
                skip(decorator)
        elif isinstance(node, ast.AnnAssign):
            skip(node.annotation)
        elif _is_docstring(node, parents.get(node)) or (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id == "log"
        ):
            skip(node)
    return skipped


def _in_scope(tree: ast.Module, only: tuple[str, ...]) -> tuple[set[ast.AST], set[ast.AST]]:
    """(nodes that may be mutated, nodes at module level: tables only, no statement deleted)."""
    inside: set[ast.AST] = set()
    top_level: set[ast.AST] = set()
    for statement in tree.body:
        names: list[str] = []
        if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names = [statement.name]
        elif isinstance(statement, ast.Assign):
            names = [t.id for t in statement.targets if isinstance(t, ast.Name)]
        elif isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name):
            names = [statement.target.id]
        else:
            continue
        if only and not set(names) & set(only):
            continue
        nodes = set(ast.walk(statement))
        inside |= nodes
        if not isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            top_level |= nodes
        elif isinstance(statement, ast.ClassDef):  # its fields and constants: like tables
            for item in statement.body:
                if not isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    top_level |= set(ast.walk(item))
    return inside, top_level


class Mutator:
    """Every one-token mutant of one module."""

    def __init__(self, module: Module) -> None:
        self.module = module
        self.source = (ROOT / module.path).read_text()
        self.tree = ast.parse(self.source)
        self.skipped = _skipped_subtrees(self.tree)
        self.inside, self.top_level = _in_scope(self.tree, module.only)
        self.parents = _parents(self.tree)

    def _scope_name(self, node: ast.AST) -> str:
        names = []
        while node in self.parents:
            node = self.parents[node]
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                names.append(node.name)
        return ".".join(reversed(names)) or "<module>"

    def _changes(self, node: ast.AST) -> Iterator[tuple[str, ast.AST]]:
        """(kind, replacement) for each mutation of ``node`` (a fresh node each time)."""
        top = node in self.top_level
        if isinstance(node, ast.Compare) and not top:
            for index, op in enumerate(node.ops):
                swapped = _SWAP_COMPARE.get(type(op))
                if swapped:
                    new = copy.deepcopy(node)
                    new.ops[index] = swapped()
                    yield "compare", new
        elif isinstance(node, ast.BoolOp) and not top:
            new = copy.deepcopy(node)
            new.op = ast.Or() if isinstance(node.op, ast.And) else ast.And()
            yield "boolean", new
        elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not) and not top:
            yield "not", copy.deepcopy(node.operand)
        elif isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Sub)) and not top:
            new = copy.deepcopy(node)
            new.op = ast.Sub() if isinstance(node.op, ast.Add) else ast.Add()
            yield "arithmetic", new
        elif isinstance(node, ast.Constant):
            value = node.value
            if isinstance(value, bool):
                yield "constant", ast.Constant(not value)
            elif isinstance(value, int):
                yield "constant", ast.Constant(value + 1)
            elif (
                isinstance(value, str)
                and len(value) <= LONGEST_MUTATED_STRING
                and not self._in_table(node)  # removing it from the table is its mutant
            ):
                yield "constant", ast.Constant("" if value else "mutant")
            if isinstance(value, str):
                for narrowed in _narrowed_ranges(value):
                    yield "range", ast.Constant(narrowed)
        elif isinstance(node, (ast.Tuple, ast.List, ast.Set)) and self._is_table(node.elts):
            for index in range(len(node.elts)):
                new = copy.deepcopy(node)
                del new.elts[index]
                if isinstance(new, ast.Set) and not new.elts:
                    new = ast.Call(ast.Name("set", ast.Load()), [], [])
                yield "table", new
        elif isinstance(node, ast.Dict) and self._is_table(node.values):
            for index in range(len(node.keys)):
                new = copy.deepcopy(node)
                del new.keys[index], new.values[index]
                yield "table", new
        elif isinstance(node, ast.Return) and isinstance(node.value, _YES_NO) and not top:
            # A yes/no answer replaced by None (false): the caller takes the other branch.
            yield "return", ast.Return(ast.Constant(None))
        elif isinstance(node, ast.Break):
            yield "loop", ast.Continue()
        elif isinstance(node, ast.Continue):
            yield "loop", ast.Break()
        if isinstance(node, _DELETABLE) and not top:
            yield "delete", ast.Pass()

    def _in_table(self, node: ast.AST) -> bool:
        parent = self.parents.get(node)
        return isinstance(parent, (ast.Tuple, ast.List, ast.Set)) and self._is_table(parent.elts)

    @staticmethod
    def _is_table(elements: list[ast.expr]) -> bool:
        """A literal table of data: constants, or the names of constants (UPPER_CASE)."""

        def datum(element: ast.expr) -> bool:
            if isinstance(element, ast.Constant):
                return isinstance(element.value, (str, int))
            if isinstance(element, ast.Attribute):
                element = ast.Name(element.attr)
            return isinstance(element, ast.Name) and element.id.isupper()

        return bool(elements) and all(map(datum, elements))

    def mutants(self) -> list[Mutant]:
        found: list[Mutant] = []
        seen: dict[str, int] = {}
        for node in ast.walk(self.tree):
            if node not in self.inside or node in self.skipped or node is self.tree:
                continue
            for kind, replacement in self._changes(node):
                mutated = self._replaced(node, replacement)
                if mutated is None:
                    continue
                before = ast.unparse(node).splitlines()[0][:70]
                after = (
                    ast.unparse(replacement).splitlines()[0][:70]
                    if not isinstance(replacement, ast.Pass)
                    else "(deleted)"
                )
                scope = self._scope_name(node)
                key = f"{scope}|{kind}|{ast.unparse(node)}|{ast.unparse(replacement)}"
                seen[key] = seen.get(key, 0) + 1
                digest = hashlib.sha1(f"{key}#{seen[key]}".encode()).hexdigest()[:8]
                found.append(
                    Mutant(f"{scope}:{kind}:{digest}", node.lineno, kind, before, after, mutated)
                )
        return sorted(found, key=lambda m: (m.line, m.id))

    def _replaced(self, node: ast.AST, replacement: ast.AST) -> str | None:
        parent = self.parents[node]
        for field, value in ast.iter_fields(parent):
            if value is node:
                setattr(parent, field, replacement)
                try:
                    return self._unparse()
                finally:
                    setattr(parent, field, node)
            if isinstance(value, list) and any(item is node for item in value):
                index = next(i for i, item in enumerate(value) if item is node)
                value[index] = replacement
                try:
                    return self._unparse()
                finally:
                    value[index] = node
        return None

    def _unparse(self) -> str | None:
        tree = ast.fix_missing_locations(copy.deepcopy(self.tree))
        try:
            text = ast.unparse(tree)
            compile(text, self.module.path, "exec")
        except (SyntaxError, ValueError):
            return None
        return text + "\n"


# -- running ---------------------------------------------------------------------------------


def _preload() -> None:
    """Import what every test run imports, once, in the parent: forked children start warm.
    Nothing of binance_secrets is imported here: each child imports it from the file."""
    import click  # noqa: F401
    import cryptography.hazmat.primitives.asymmetric.ed25519  # noqa: F401
    import detect_secrets.core.scan  # noqa: F401
    import git  # noqa: F401
    import hypothesis  # noqa: F401
    import pytest  # noqa: F401
    import requests  # noqa: F401


class _KillersFirst:
    """A pytest plugin for the child: the tests that killed earlier mutants run first (a
    mutant is usually killed by a test that killed its neighbour), and the first failing
    test is written to ``report`` for the parent."""

    def __init__(self, first: list[str], report: str) -> None:
        self.rank = {nodeid: index for index, nodeid in enumerate(first)}
        self.report = report

    def pytest_collection_modifyitems(self, items: list) -> None:  # noqa: ANN001
        items.sort(key=lambda item: self.rank.get(item.nodeid, len(self.rank)))

    def pytest_runtest_logreport(self, report) -> None:  # noqa: ANN001
        if report.failed and not os.path.exists(self.report):
            Path(self.report).write_text(report.nodeid)


def _run_tests(
    tests: tuple[str, ...], timeout: float, killers: list[str] | None = None
) -> tuple[str, str | None]:
    """("passed", "failed" or "timeout", the first failing test): the tests run in a forked
    child, the ``killers`` first."""
    report = f"/tmp/mutation-killer-{os.getpid()}"
    if os.path.exists(report):
        os.unlink(report)
    pid = os.fork()
    if pid == 0:  # the child
        os.setpgid(0, 0)
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
        # Installed pytest plugins (hypothesis's reporting) cost a scan of every package's
        # entry points per run and kill nothing.
        os.environ["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = "1"
        import pytest

        plugin = _KillersFirst(killers or [], report)
        code = pytest.main(["-x", "-q", "-p", "no:cacheprovider", *tests], plugins=[plugin])
        os._exit(0 if code == 0 else 1)
    deadline = time.monotonic() + timeout
    try:
        while True:
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                result = "passed" if os.waitstatus_to_exitcode(status) == 0 else "failed"
                break
            if time.monotonic() > deadline:
                os.killpg(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
                result = "timeout"
                break
            time.sleep(0.05)
    except BaseException:  # stopped: the child (and what it started) stops too
        os.killpg(pid, signal.SIGKILL)
        raise
    killer = Path(report).read_text() if os.path.exists(report) else None
    if killer is not None:
        os.unlink(report)
    return result, killer


def load_equivalent() -> dict[str, str]:
    """mutant id -> why no behaviour can tell it from the original."""
    try:
        import tomllib
    except ImportError:  # Python < 3.11
        import tomli as tomllib  # type: ignore[no-redef]

    with EQUIVALENT_FILE.open("rb") as file:
        data = tomllib.load(file)
    return {item["id"]: item["why"] for item in data.get("mutant", [])}


@dataclass
class Outcome:
    name: str
    total: int = 0
    killed: int = 0
    equivalent: int = 0
    survived: tuple[Mutant, ...] = ()
    seconds: float = 0.0

    @property
    def score(self) -> float:
        counted = self.total - self.equivalent
        return 100.0 * self.killed / counted if counted else 100.0


def _earlier(name: str, mutants: list[Mutant], log: Path) -> tuple[int, set[str]] | None:
    """(killed, survivors' ids) of the last run of ``name`` in ``log``, if that run had the
    same mutants (the module is unchanged since): its killed mutants need not run again."""
    found = None
    for line in log.read_text().splitlines():
        entry = json.loads(line)
        if entry["module"] == name:
            found = entry
    ids = {m.id for m in mutants}
    if found is None or found.get("ids_digest", _digest(ids)) != _digest(ids):
        return None
    if found["mutants"] != len(ids) or not {m["id"] for m in found["survived"]} <= ids:
        return None
    return found["killed"], {m["id"] for m in found["survived"]}


def _digest(ids: set[str]) -> str:
    return hashlib.sha1("\n".join(sorted(ids)).encode()).hexdigest()


def run_module(
    name: str,
    equivalent: dict[str, str],
    log: Path | None,
    survivors_only: bool = False,
    part: tuple[int, int] | None = None,
    only_ids: set[str] | None = None,
) -> Outcome:
    module = MODULES[name]
    path = ROOT / module.path
    original = path.read_text()
    mutator = Mutator(module)
    mutants = mutator.mutants()
    outcome = Outcome(name, total=len(mutants))
    all_ids = {m.id for m in mutants}
    if part is not None:  # one of several runs that share the module's mutants
        index, count = part
        mutants = mutants[index::count]
        outcome.total = len(mutants)
    if only_ids is not None:  # the others count as not run: total is what runs
        mutants = [m for m in mutants if m.id in only_ids]
        outcome.total = len(mutants)
    if survivors_only:
        earlier = _earlier(name, mutants, log) if log and log.exists() else None
        if earlier is None:
            print(f"{name}: changed since the logged run (or none): every mutant runs",
                  file=sys.stderr)  # fmt: skip
        else:
            outcome.killed = earlier[0]
            mutants = [m for m in mutants if m.id in earlier[1]]
    started = time.monotonic()
    # The baseline runs the unmutated module as the mutants are written (unparsed from its
    # syntax tree, comments dropped): it must pass, or no mutant's result means anything.
    path.write_text(mutator._unparse() or original)
    try:
        baseline, _ = _run_tests(module.arguments, timeout=1800)
    finally:
        path.write_text(original)
    if baseline != "passed":
        raise SystemExit(f"{name}: the tests fail on the unmutated code; fix them first")
    timeout = 3 * (time.monotonic() - started) + 30
    survivors = []
    killers: dict[str, None] = {}
    try:
        for number, mutant in enumerate(mutants, 1):
            if mutant.id in equivalent:
                outcome.equivalent += 1
                continue
            path.write_text(mutant.source)
            try:
                result, killer = _run_tests(module.arguments, timeout, list(killers))
            finally:
                path.write_text(original)
            if result == "passed":
                survivors.append(mutant)
            else:
                outcome.killed += 1
            if killer is not None:  # most recent first
                killers.pop(killer, None)
                killers = {killer: None, **killers}
            print(
                f"  {name} {number}/{len(mutants)} {result:7} {mutant.id} "
                f"line {mutant.line}: {mutant.before} -> {mutant.after}",
                file=sys.stderr,
                flush=True,
            )
    finally:
        path.write_text(original)
    outcome.survived = tuple(survivors)
    outcome.seconds = time.monotonic() - started
    if log is not None:
        with log.open("a") as file:
            file.write(json.dumps({
                "module": name, "path": module.path, "mutants": outcome.total,
                "ids_digest": _digest(all_ids), "part": part,
                "killed": outcome.killed, "equivalent": outcome.equivalent,
                "score": round(outcome.score, 1), "seconds": round(outcome.seconds),
                "survived": [
                    {"id": m.id, "line": m.line, "before": m.before, "after": m.after}
                    for m in survivors
                ],
            }) + "\n")  # fmt: skip
    return outcome


def table(outcomes: list[Outcome]) -> str:
    rows = [
        "| module | mutants | equivalent | killed | survived | score | minutes |",
        "|---|---|---|---|---|---|---|",
    ]
    for o in outcomes:
        rows.append(
            f"| {MODULES[o.name].path} | {o.total} | {o.equivalent} | {o.killed} | "
            f"{len(o.survived)} | {o.score:.0f}% | {o.seconds / 60:.1f} |"
        )
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("modules", nargs="*", metavar="MODULE",
                        help=f"some of: {', '.join(MODULES)} (default: all)")  # fmt: skip
    parser.add_argument("--list", action="store_true", help="list the mutants, run nothing")
    parser.add_argument("--show", metavar="ID", help="print one mutant's diff")
    parser.add_argument("--log", type=Path, help="append each module's result as JSON here")
    parser.add_argument(
        "--survivors",
        action="store_true",
        help="run only the mutants that survived the last run in --log (when the module is "
        "unchanged since): after adding tests for them",
    )
    parser.add_argument(
        "--part",
        type=lambda text: tuple(int(n) for n in text.split("/")),
        metavar="I/N",
        help="run every N-th mutant from the I-th (0-based): N checkouts share a module",
    )
    parser.add_argument(
        "--ids",
        type=Path,
        metavar="FILE",
        help="run only the mutants whose ids FILE lists (blank-separated): the survivors of "
        "an earlier run and the mutants new since, after adding tests",
    )
    args = parser.parse_args(argv)
    names = args.modules or list(MODULES)
    unknown = [name for name in names if name not in MODULES]
    if unknown:
        parser.error(f"unknown module {', '.join(unknown)}; choose from {', '.join(MODULES)}")
    os.chdir(ROOT)
    if args.show:
        import difflib

        for name in MODULES:
            for mutant in Mutator(MODULES[name]).mutants():
                if mutant.id == args.show:
                    original = (ROOT / MODULES[name].path).read_text()
                    sys.stdout.writelines(difflib.unified_diff(
                        ast.unparse(ast.parse(original)).splitlines(True),
                        mutant.source.splitlines(True), MODULES[name].path, args.show,
                    ))  # fmt: skip
                    return 0
        print(f"no mutant {args.show}", file=sys.stderr)
        return 2
    equivalent = load_equivalent()
    if args.list:
        for name in names:
            for mutant in Mutator(MODULES[name]).mutants():
                mark = " (equivalent)" if mutant.id in equivalent else ""
                print(f"{mutant.id} line {mutant.line}: {mutant.before} -> {mutant.after}{mark}")
        return 0
    # Stopped (Ctrl-C, kill): the finally blocks still put every module back as it was.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    os.environ["PYTHONDONTWRITEBYTECODE"] = "1"  # a mutant's .pyc must never be reused
    sys.dont_write_bytecode = True
    _preload()
    outcomes = []
    for name in names:
        only_ids = set(args.ids.read_text().split()) if args.ids else None
        outcome = run_module(name, equivalent, args.log, args.survivors, args.part, only_ids)
        outcomes.append(outcome)
        print(f"{name}: {outcome.score:.0f}% ({outcome.killed} killed, "
              f"{len(outcome.survived)} survived, {outcome.equivalent} equivalent)",
              file=sys.stderr)  # fmt: skip
        for mutant in outcome.survived:
            print(f"  survived {mutant.id} line {mutant.line}: {mutant.before} -> "
                  f"{mutant.after}", file=sys.stderr)  # fmt: skip
    print(table(outcomes))
    return 0 if all(not o.survived for o in outcomes) else 1


if __name__ == "__main__":
    raise SystemExit(main())
