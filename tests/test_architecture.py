"""The layering written in docs/architecture.md, enforced.

Every import of a project module, at module level or inside a function, is an edge. Edges
must run one way (commands -> scanning/git, live check, reports -> detection) and form no
cycle, so a newcomer can read the tree bottom-up and detect-secrets can load the plugin
file without pulling in the command line.
"""

from __future__ import annotations

import ast
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
PACKAGES = {"plugins": "binance_secrets.plugins", "hooks": "binance_secrets.hooks"}

# layer -> the layers it may import (besides itself).
ALLOWED = {
    "plugins.detection": set(),
    "plugins.livecheck": {"plugins.detection"},
    "plugins": {"plugins.detection", "plugins.livecheck"},
    "hooks.errors": set(),
    "hooks.bounded": set(),
    "hooks.git": {"plugins.detection"},
    "hooks.baseline": {
        "hooks.errors",
        "hooks.bounded",
        "hooks.git",
        "plugins",
        "plugins.detection",
    },
    "hooks.scanning": {
        "hooks.baseline",
        "hooks.bounded",
        "hooks.git",
        "hooks.errors",
        "plugins.detection",
        "plugins.livecheck",
    },
    "hooks.sweep": {
        "hooks.baseline",
        "hooks.bounded",
        "hooks.git",
        "hooks.errors",
        "hooks.scanning",
        "plugins.detection",
    },
    "hooks.reports": {"hooks.errors", "plugins.detection", "plugins.livecheck"},
    "hooks.commands": {
        "hooks.baseline",
        "hooks.bounded",
        "hooks.errors",
        "hooks.git",
        "hooks.scanning",
        "hooks.sweep",
        "hooks.reports",
        "plugins",
        "plugins.detection",
        "plugins.livecheck",
    },
    "hooks": {"hooks.commands"},
}


def _modules() -> dict[str, Path]:
    found = {}
    for folder, package in PACKAGES.items():
        for path in (PROJECT / folder).rglob("*.py"):
            parts = list(path.relative_to(PROJECT / folder).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts = parts[:-1]
            found[".".join([package, *parts])] = path
    return found


def _package_of(path: Path) -> str:
    """The dotted package a module file belongs to, as installed (relative imports start here)."""
    for folder, package in PACKAGES.items():
        if path.is_relative_to(PROJECT / folder):
            parts = path.relative_to(PROJECT / folder).parent.parts
            return ".".join([package, *parts])
    raise AssertionError(f"{path} is outside plugins/ and hooks/")


def _absolute(node: ast.ImportFrom, path: Path) -> str:
    """``from ..reports import text`` in hooks/commands/x.py is binance_secrets.hooks.reports."""
    if node.level == 0:
        return node.module or ""
    package = _package_of(path).split(".")
    base = package[: len(package) - node.level + 1]
    return ".".join(base + ([node.module] if node.module else []))


def _imports(path: Path, modules: dict[str, Path]) -> set[str]:
    edges = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            module = _absolute(node, path)
            names = [module] + [f"{module}.{alias.name}" for alias in node.names]
        for name in names:
            if name in modules:
                edges.add(name)
    return edges


_BASE_MODULES = {("hooks", "errors"), ("hooks", "bounded")}


def _layer(module: str) -> str:
    """``plugins.detection`` for anything in that folder, ``plugins`` for a top-level module;
    hooks/errors.py and hooks/bounded.py are layers of their own (every part of hooks/ may
    raise an input error or read a file it does not trust)."""
    top, *rest = module.removeprefix("binance_secrets.").split(".")
    if rest and ((PROJECT / top / rest[0]).is_dir() or (top, rest[0]) in _BASE_MODULES):
        return f"{top}.{rest[0]}"
    return top


def find_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every back edge of a depth-first walk, as the loop it closes."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    cycles: list[list[str]] = []

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for target in sorted(graph[node]):
            if state.get(target) == 1:
                cycles.append(path[path.index(target) :] + [target])
            elif target not in state:
                visit(target, [*path, target])
        state[node] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    return cycles


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    return {name: _imports(path, modules) - {name} for name, path in modules.items()}


def test_the_graph_sees_relative_imports() -> None:
    """The package imports itself relatively; a graph blind to that would pass every rule."""
    graph = _graph()
    assert "binance_secrets.hooks.errors" in graph["binance_secrets.hooks.commands.scan"]
    assert (
        "binance_secrets.plugins.detection.patterns"
        in graph["binance_secrets.plugins.detection.classify"]
    )


# detect-secrets imports this file by path, outside any package: it must import absolutely.
_LOADED_BY_PATH = {PROJECT / "plugins" / "binance_detector.py"}


def test_package_imports_itself_relatively() -> None:
    """Tools that read the tree as it lies (no install) can follow every arrow: hooks/ and
    plugins/ are installed as binance_secrets.hooks/.plugins, a name the tree does not have."""
    absolute = sorted(
        f"{path.relative_to(PROJECT)}:{node.lineno}"
        for path in _modules().values()
        if path not in _LOADED_BY_PATH
        for node in ast.walk(ast.parse(path.read_text(), str(path)))
        if isinstance(node, ast.ImportFrom)
        and node.level == 0
        and (node.module or "").startswith("binance_secrets")
    )
    assert absolute == []


def test_every_module_is_in_a_known_layer() -> None:
    assert {_layer(module) for module in _graph()} <= set(ALLOWED)


def test_imports_run_one_way() -> None:
    wrong = sorted(
        f"{source} imports {target}"
        for source, targets in _graph().items()
        for target in targets
        if _layer(target) != _layer(source) and _layer(target) not in ALLOWED[_layer(source)]
    )
    assert wrong == []


def test_plugins_never_import_hooks() -> None:
    offenders = sorted(
        f"{source} imports {target}"
        for source, targets in _graph().items()
        if source.startswith("binance_secrets.plugins")
        for target in targets
        if target.startswith("binance_secrets.hooks")
    )
    assert offenders == []


def test_no_import_cycle() -> None:
    assert find_cycles(_graph()) == []


def test_the_cycle_search_finds_a_planted_cycle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert find_cycles(graph) == [["a", "b", "c", "a"]]


def _third_party_imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_pre_commit_is_a_test_dependency_only() -> None:
    """Nothing that runs imports the pre-commit framework (pre-commit runs us, not the
    other way round), so it is no run-time dependency: only the test extra has it."""
    importing = sorted(
        str(path.relative_to(PROJECT))
        for path in _modules().values()
        if "pre_commit" in _third_party_imports(path)
    )
    assert importing == []
    text = (PROJECT / "pyproject.toml").read_text(encoding="utf-8")
    runtime = text.split("dependencies = [", 1)[1].split("]", 1)[0]
    test_extra = text.split("test = [", 1)[1].split("]", 1)[0]
    assert "pre-commit" not in runtime and '"pre-commit' in test_extra


# A runtime dependency's distribution name -> the module binance-secrets imports it as.
IMPORT_NAMES = {
    "detect-secrets": "detect_secrets",
    "click": "click",
    "requests": "requests",
    "cryptography": "cryptography",
    "google-re2": "re2",
    "tomli": "tomli",
    "orjson": "orjson",
}


def _runtime_requirements() -> list[str]:
    """The distribution names in pyproject.toml's [project] dependencies."""
    import re

    text = (PROJECT / "pyproject.toml").read_text(encoding="utf-8")
    runtime = text.split("dependencies = [", 1)[1].split("\n]", 1)[0]
    entries = re.findall(r'^\s*"([A-Za-z0-9._-]+)', runtime, re.MULTILINE)
    return sorted(set(entries))


def test_every_runtime_dependency_is_imported() -> None:
    """No declared dependency that nothing imports (GitPython was one: docs/architecture.md
    says why git runs through its command line instead)."""
    imported = set().union(*(_third_party_imports(path) for path in _modules().values()))
    requirements = _runtime_requirements()
    assert "detect-secrets" in requirements  # the reader found the list
    unknown = [name for name in requirements if name not in IMPORT_NAMES]
    assert unknown == [], f"add the import name of {unknown} to IMPORT_NAMES"
    unused = [name for name in requirements if IMPORT_NAMES[name] not in imported]
    assert unused == []


def test_tests_never_import_conftest() -> None:
    """pytest loads conftest.py itself; a test importing it loads it a second time under
    another name (its monkeypatches run twice). Shared values live in tests/fake_values.py."""
    offenders = sorted(
        f"{path.relative_to(PROJECT)}:{node.lineno}"
        for path in (PROJECT / "tests").rglob("*.py")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path)))
        if isinstance(node, ast.ImportFrom) and (node.module or "").endswith("conftest")
    )
    assert offenders == [], "import from tests.fake_values (or another helper module) instead"
