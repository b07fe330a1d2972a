"""No program named by a repository's config ever runs (issue 16, section 4).

A repository is input: a bare repository committed inside a checkout, or a clone someone
hands over, carries a config that can name programs git starts on its own (a promisor
remote's ``uploadpack``, run by a lazy fetch of a missing object; ``core.fsmonitor``, run
whenever the index is read; hooks; diff and textconv drivers). Each test here names such a
program as ``touch MARKER`` and asserts that the marker never appears. The tests run the
real entry point in a subprocess (tests.cli_process), as a user's shell does.
"""

from __future__ import annotations

import ast
import json
import os
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from binance_secrets.plugins.detection.engine import scan_text
from tests.cli_process import env_text
from tests.cli_process import run_cli as run
from tests.fake_values import random_key
from tests.gitrepo import GitRepo, isolated_git_env

PROJECT = Path(__file__).resolve().parent.parent


@pytest.fixture
def git_env(tmp_path: Path) -> dict[str, str]:
    """No global or system config: only the repository's own config can name a program."""
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    return isolated_git_env(scratch)


def git(cwd: Path, env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        ["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, (args, done.stderr)
    return done.stdout.strip()


def toucher(marker: Path) -> str:
    """A shell command that leaves ``marker`` behind if it ever runs."""
    return f"touch {shlex.quote(str(marker))}"


def cli(*args: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return run(*args, cwd=cwd, env=env, timeout=120)


# -- a partial clone whose promisor remote runs a program ---------------------------------


def partial_clone(
    tmp_path: Path, env: dict[str, str], target: Path, marker: Path
) -> tuple[str, str, str]:
    """A bare partial clone (``--filter=blob:none``) at ``target`` of a repository whose
    first commit added a .env holding a Binance key and secret, later removed. Its blobs
    are missing; its promisor remote's ``uploadpack`` then becomes ``touch marker``, so a
    lazy fetch runs it. Returns (the commit that added the file, key, secret)."""
    upstream = GitRepo(tmp_path / "upstream")
    key, secret = random_key(), random_key()
    commit = upstream.commit("add config", {"config.env": env_text(key, secret)})
    upstream.commit("remove config", remove=("config.env",))
    upstream.git("config", "uploadpack.allowFilter", "true")
    git(
        tmp_path,
        env,
        "clone", "-q", "--bare", "--filter=blob:none", f"file://{upstream.path}", str(target),
    )  # fmt: skip
    git(target, env, "config", "remote.origin.uploadpack", f"{toucher(marker)}; exit 1")
    # The attack works on this git: a plain read of a missing blob runs the program.
    probe = subprocess.run(
        ["git", "--git-dir", str(target), "cat-file", "-e", f"{commit}:config.env"],
        env=env,
        capture_output=True,
        check=False,
    )
    assert marker.exists(), probe.stderr
    marker.unlink()
    return commit, key, secret


def sweep_report(root: Path, repository: Path, commit: str, key: str, secret: str) -> dict:
    text = env_text(key, secret)
    findings = [dict(f.to_json(), commit=commit) for f in scan_text("config.env", text)]
    return {
        "version": 1,
        "root": str(root),
        "repository": str(repository),
        "findings": findings,
        "skipped": [],
    }


@pytest.fixture
def checkout_with_bare_repository(
    tmp_path: Path, git_env: dict[str, str]
) -> tuple[Path, Path, str, str, str]:
    """A checkout (a work tree) that has a bare partial clone committed inside it, as a
    pull request can bring one: (checkout, the bare repository, commit, key, secret)."""
    marker = tmp_path / "MARKER"
    checkout = GitRepo(tmp_path / "checkout")
    inner = checkout.path / "vendor" / "evil.git"
    commit, key, secret = partial_clone(tmp_path, git_env, inner, marker)
    checkout.commit("vendor a repository", {"README.md": "a project\n"})
    return checkout.path, inner, commit, key, secret


def test_a_report_naming_a_bare_repository_inside_the_checkout_is_refused(
    checkout_with_bare_repository: tuple[Path, Path, str, str, str],
    tmp_path: Path,
    git_env: dict[str, str],
) -> None:
    checkout, inner, commit, key, secret = checkout_with_bare_repository
    report = tmp_path / "r.json"
    report.write_text(json.dumps(sweep_report(checkout, inner, commit, key, secret)))
    done = cli(
        "check", "--endpoint", "http://127.0.0.1:9", "--allow-unofficial-endpoint",
        "--report", str(report), cwd=checkout, env=git_env,
    )  # fmt: skip
    assert not (tmp_path / "MARKER").exists(), "the promisor remote's uploadpack ran"
    assert done.returncode == 2, (done.stdout, done.stderr)
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "Traceback" not in done.stderr, done.stderr
    assert "not the repository of its root" in lines[0], done.stderr


def test_a_report_rooted_in_a_partial_clone_reads_no_missing_object(
    checkout_with_bare_repository: tuple[Path, Path, str, str, str],
    tmp_path: Path,
    git_env: dict[str, str],
) -> None:
    """The same bare repository as the report's root and repository: it is opened (the
    report names it), but its missing blob is reported as not read, never fetched."""
    _, inner, commit, key, secret = checkout_with_bare_repository
    report = tmp_path / "r.json"
    report.write_text(json.dumps(sweep_report(inner, inner, commit, key, secret)))
    done = cli(
        "check", "--endpoint", "http://127.0.0.1:9", "--allow-unofficial-endpoint",
        "--format", "json", "--report", str(report), cwd=tmp_path, env=git_env,
    )  # fmt: skip
    assert not (tmp_path / "MARKER").exists(), "the promisor remote's uploadpack ran"
    assert "Traceback" not in done.stderr
    keys = json.loads(done.stdout)["keys"]
    assert keys and all(k["status"] == "unknown" for k in keys), keys
    assert all("missing" in k["reason"] and "never fetched" in k["reason"] for k in keys), keys


def test_sweep_of_a_partial_clone_fetches_nothing_and_says_what_it_skipped(
    tmp_path: Path, git_env: dict[str, str]
) -> None:
    marker = tmp_path / "MARKER"
    bare = tmp_path / "partial.git"
    partial_clone(tmp_path, git_env, bare, marker)
    done = cli("sweep", "--format", "json", str(bare), cwd=tmp_path, env=git_env)
    assert not marker.exists(), "the promisor remote's uploadpack ran"
    assert "Traceback" not in done.stderr
    report = json.loads(done.stdout)
    assert report["skipped"], report  # the unread blobs are named, not passed over
    reasons = {item["reason"] for item in report["skipped"]}
    assert reasons == {"missing (partial clone)"}, report["skipped"]


# -- programs a work tree's repository config names ---------------------------------------


def hostile_work_tree(tmp_path: Path, marker: Path) -> GitRepo:
    """A repository holding a Binance key, staged and committed, whose config names
    ``touch marker`` as every program git could start while reading it."""
    repo = GitRepo(tmp_path / "repo")
    key, secret = random_key(), random_key()
    repo.commit("add code", {"app.py": "import binance\n"})
    repo.write(".gitattributes", "* diff=evil filter=evil\n")
    repo.write("config.env", env_text(key, secret))
    repo.git("add", "-A")
    command = toucher(marker)
    for name, value in (
        ("core.fsmonitor", command),
        ("core.hooksPath", str(tmp_path / "hooks")),
        ("diff.external", command),
        ("diff.evil.textconv", f"{command}; cat"),
        ("diff.evil.command", command),
        ("filter.evil.clean", f"{command}; cat"),
        ("filter.evil.smudge", f"{command}; cat"),
        ("core.pager", command),
        ("pager.log", command),
        ("core.editor", command),
    ):
        repo.git("config", name, value)
    hooks = tmp_path / "hooks"
    hooks.mkdir()
    for hook in ("post-index-change", "reference-transaction", "post-checkout"):
        (hooks / hook).write_text(f"#!/bin/sh\n{command}\n")
        (hooks / hook).chmod(0o755)
    return repo


@pytest.mark.parametrize(
    "args",
    [
        ("scan", "."),
        ("scan", "config.env"),
        ("scan", "--staged"),
        ("sweep", "."),
        ("baseline",),
    ],
    ids=["scan-directory", "scan-file", "scan-staged", "sweep", "baseline"],
)
def test_no_program_from_the_repository_config_runs(
    args: tuple[str, ...], tmp_path: Path, git_env: dict[str, str]
) -> None:
    marker = tmp_path / "MARKER"
    repo = hostile_work_tree(tmp_path, marker)
    done = cli(*args, cwd=repo.path, env=git_env)
    assert "Traceback" not in done.stderr, done.stderr
    assert not marker.exists(), f"{' '.join(args)} ran a program the repository names"


def test_scan_of_a_bare_repository_inside_the_checkout_runs_nothing(
    tmp_path: Path, git_env: dict[str, str]
) -> None:
    """``scan vendor/evil.git`` (a directory of the checkout that is a bare repository with
    core.fsmonitor set) is scanned as files; git's discovery never opens that repository."""
    marker = tmp_path / "MARKER"
    checkout = GitRepo(tmp_path / "checkout")
    inner = checkout.path / "vendor" / "evil.git"
    inner.mkdir(parents=True)
    git(inner, git_env, "init", "-q", "--bare")
    git(inner, git_env, "config", "core.fsmonitor", toucher(marker))
    (inner / "index").write_bytes(b"")  # something for git to read, were it opened
    checkout.commit("vendor", {"README.md": "x\n"})
    for args in (("scan", "vendor/evil.git"), ("scan", "--all-files", "vendor/evil.git")):
        done = cli(*args, cwd=checkout.path, env=git_env)
        assert "Traceback" not in done.stderr, done.stderr
        assert not marker.exists(), f"{' '.join(args)} opened the bare repository"


def test_a_sweep_names_a_bare_repository_explicitly_or_not_at_all(
    tmp_path: Path, git_env: dict[str, str]
) -> None:
    """A bare repository is swept when named; a directory inside one is refused with a
    one-line error saying what to name instead."""
    bare = tmp_path / "mirror.git"
    git(tmp_path, git_env, "init", "-q", "--bare", str(bare))
    assert cli("sweep", str(bare), cwd=tmp_path, env=git_env).returncode == 0
    done = cli("sweep", str(bare / "refs"), cwd=tmp_path, env=git_env)
    assert done.returncode == 2 and "Traceback" not in done.stderr, done.stderr
    assert "inside a bare repository" in done.stderr.strip().splitlines()[-1]


# -- every git command is started hardened, through one builder ----------------------------


def recording_git(tmp_path: Path) -> tuple[Path, Path]:
    """A ``git`` first on PATH that logs each command line and the environment variables of
    the hardening, then runs the real git: (the directory to put first on PATH, the log)."""
    real = subprocess.run(
        ["sh", "-c", "command -v git"], capture_output=True, text=True, check=True
    ).stdout.strip()
    shim_dir = tmp_path / "shim"
    shim_dir.mkdir()
    log = tmp_path / "git-calls.jsonl"
    names = json.dumps(RECORDED_ENVIRONMENT)
    (shim_dir / "git").write_text(
        f"#!{sys.executable}\n"
        "import json, os, sys\n"
        f"with open({str(log)!r}, 'a') as log:\n"
        f"    env = {{name: os.environ.get(name) for name in {names}}}\n"
        "    log.write(json.dumps({'argv': sys.argv[1:], 'env': env}) + '\\n')\n"
        f"os.execv({real!r}, [{real!r}, *sys.argv[1:]])\n"
    )
    (shim_dir / "git").chmod(0o755)
    return shim_dir, log


# What every git command must be started with (docs/threat-model.md): these settings given
# as git's own options, before its subcommand, where no repository config can override them.
REQUIRED_SETTINGS = {
    "protocol.allow=never",
    "core.fsmonitor=false",
    "core.hooksPath=/dev/null",
    "safe.bareRepository=explicit",
}
HOOKS_PATH_OFF = "core.hooksPath=/dev/null"
RECORDED_ENVIRONMENT = ("GIT_ALLOW_PROTOCOL", "GIT_NO_LAZY_FETCH")
TRANSPORTS = {"file", "git", "ssh", "http", "https", "ext", "fd"}


def global_settings(argv: list[str]) -> set[str]:
    """The ``-c`` settings among git's global options (before the subcommand)."""
    settings, index = set(), 0
    while index < len(argv) and argv[index].startswith("-"):
        if argv[index] in ("-c", "-C", "--git-dir") and index + 1 < len(argv):
            if argv[index] == "-c":
                settings.add(argv[index + 1])
            index += 2
        else:
            index += 1
    return settings


def hardened(call: dict[str, Any], own_hooks_path: bool = False) -> bool:
    required = REQUIRED_SETTINGS - ({HOOKS_PATH_OFF} if own_hooks_path else set())
    allowed = (call["env"]["GIT_ALLOW_PROTOCOL"] or "").split(":")
    return (
        required <= global_settings(call["argv"])
        and call["env"]["GIT_NO_LAZY_FETCH"] == "1"
        and call["env"]["GIT_ALLOW_PROTOCOL"] is not None
        and not TRANSPORTS & set(allowed)
    )


def test_every_git_command_is_started_hardened(tmp_path: Path, git_env: dict[str, str]) -> None:
    shim_dir, log = recording_git(tmp_path)
    env = {**git_env, "PATH": f"{shim_dir}{os.pathsep}{os.environ['PATH']}"}
    repo = GitRepo(tmp_path / "repo")
    key, secret = random_key(), random_key()
    commit = repo.commit("add", {"app.py": "import binance\n", "config.env": env_text(key, secret)})
    repo.commit("remove", remove=("config.env",))
    repo.write("staged.env", env_text(random_key(), random_key()))
    repo.git("add", "staged.env")
    report = tmp_path / "r.json"
    report.write_text(json.dumps(sweep_report(repo.path, repo.path, commit, key, secret)))
    log.unlink(missing_ok=True)  # only the tool's own calls from here on
    endpoint = ("--endpoint", "http://127.0.0.1:9", "--allow-unofficial-endpoint")
    for args in (
        ("scan", "."),
        ("scan", "--staged"),
        ("sweep", "."),
        ("check", *endpoint, "--report", str(report)),
        ("check", *endpoint, "--staged"),
        ("baseline",),
        ("install-hook",),
    ):
        done = cli(*args, cwd=repo.path, env=env)
        assert "Traceback" not in done.stderr, (args, done.stderr)
    calls = [json.loads(line) for line in log.read_text().splitlines()]
    assert calls
    assert any("cat-file" in call["argv"] for call in calls), calls  # the report was read
    for call in calls:
        asks_hooks_path = call["argv"][-2:] == ["--git-path", "hooks"]
        assert hardened(call, own_hooks_path=asks_hooks_path), call


def test_no_module_starts_git_but_through_the_invocation_builder() -> None:
    """The word "git" as a command (the first item of a list or tuple, or the first
    argument of a call) appears only in hooks/git/invocation.py, which builds every git
    command line hardened; detect-secrets' own git helpers are replaced while it runs."""
    offenders = []
    for folder in ("hooks", "plugins"):
        for path in sorted((PROJECT / folder).rglob("*.py")):
            if path == PROJECT / "hooks" / "git" / "invocation.py":
                continue
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                first = None
                if isinstance(node, (ast.List, ast.Tuple)) and node.elts:
                    first = node.elts[0]
                elif isinstance(node, ast.Call) and node.args:
                    first = node.args[0]
                    if isinstance(node.func, ast.Attribute) and node.func.attr == "which":
                        continue  # shutil.which("git"): whether git is installed
                if isinstance(first, ast.Constant) and first.value == "git":
                    offenders.append(f"{path.relative_to(PROJECT)}:{node.lineno}")
    assert not offenders, offenders
