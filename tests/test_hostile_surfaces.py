"""Attacks on the newest surfaces (sweep of many repositories, merge, the pre-receive hook,
the environment), each tried as a hostile repository, report, config or checkout would.

Every test here failed on the code before its fix, unless it says it is a regression test;
docs/threat-model.md lists each attack with what stops it.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from binance_secrets.plugins.livecheck.check import check_credentials
from binance_secrets.plugins.livecheck.client import RetryPolicy
from binance_secrets.plugins.livecheck.credential import Credential
from tests.cli_process import CLEAN_ENV, console_script, env_text, hooked_server
from tests.emulator.fixtures import TRADING, emulator_fixture, hmac_account  # noqa: F401
from tests.emulator.server import Canned, Emulator
from tests.fake_values import random_key
from tests.gitrepo import GitRepo, scratch_git_env


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return scratch_git_env(tmp_path)


def run_tool(cwd: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    """``binance-secrets ARGS`` run as a user runs it, in ``cwd`` with ``env`` (isolated git)."""
    return subprocess.run(
        [console_script(), *args], cwd=cwd, env={**os.environ, **CLEAN_ENV, **env},
        capture_output=True, text=True, check=False,
    )  # fmt: skip


def planted_package(directory: Path, marker: Path) -> None:
    """A ``binance_secrets`` package in ``directory`` that leaves ``marker`` behind when
    imported (a hostile checkout's folder of that name)."""
    package = directory / "binance_secrets"
    (package / "hooks").mkdir(parents=True)
    plant = f"open({str(marker)!r}, 'w').write('imported')\n"
    (package / "__init__.py").write_text(plant)
    (package / "hooks" / "__init__.py").write_text(plant)
    (package / "hooks" / "__main__.py").write_text(plant)


# -- python -m imports from the working directory ------------------------------------------


def test_a_sweep_of_many_repositories_imports_nothing_from_the_working_directory(
    tmp_path: Path, env: dict[str, str]
) -> None:
    """The attack: `sweep A B` run in a checkout holding a ``binance_secrets/`` folder
    started each repository's sweep as ``python -m binance_secrets.hooks``, which imports
    from the working directory first: the planted package ran, and the sweeps it replaced
    reported nothing."""
    marker = tmp_path / "PLANTED-RAN"
    key, secret = random_key(), random_key()
    leaky = GitRepo(tmp_path / "leaky")
    leaky.commit("settings", {".env": env_text(key, secret)})
    clean = GitRepo(tmp_path / "clean")
    clean.commit("readme", {"README.md": "hello\n"})
    checkout = tmp_path / "checkout"
    checkout.mkdir()
    planted_package(checkout, marker)
    out = tmp_path / "org.json"

    done = subprocess.run(
        [console_script(), "sweep", "--quiet", "--format", "json", "-o", str(out),
         str(leaky.path), str(clean.path)],
        cwd=checkout, env={**os.environ, **CLEAN_ENV, **env}, capture_output=True, text=True,
        timeout=180, check=False,
    )  # fmt: skip

    assert not marker.exists()
    assert done.returncode == 1, done.stderr
    report = json.loads(out.read_text())
    assert {f["repository"] for f in report["findings"]} == {str(leaky.path)}
    assert not report.get("errors"), report.get("errors")


@pytest.mark.parametrize("hook", ["pre-commit", "pre-push"])
def test_a_plain_git_hook_imports_nothing_from_the_work_tree(
    tmp_path: Path, env: dict[str, str], hook: str
) -> None:
    """The attack: a repository whose tree holds a ``binance_secrets/`` folder (a pull
    request's branch checked out). git runs a hook at the top of the work tree, and the
    hook ran ``python -m binance_secrets.hooks``: the planted package ran instead of the
    scan, and the commit (or push) holding a key went through."""
    marker = tmp_path / "PLANTED-RAN"
    repo = GitRepo(tmp_path / "repo")
    repo.commit("readme", {"README.md": "hello\n"})
    planted_package(repo.path, marker)
    repo.git("add", "binance_secrets")
    repo.git("commit", "-q", "-m", "vendored package")
    marker.unlink(missing_ok=True)
    option = [] if hook == "pre-commit" else ["--pre-push"]
    install = subprocess.run(
        [console_script(), "install-hook", *option, str(repo.path)],
        cwd=tmp_path, env={**os.environ, **CLEAN_ENV, **repo.env()}, capture_output=True,
        text=True, check=False,
    )  # fmt: skip
    assert install.returncode == 0, install.stderr
    key, secret = random_key(), random_key()
    repo.write(".env", env_text(key, secret))
    repo.git("add", ".env")
    script = repo.path / ".git" / "hooks" / hook
    if hook == "pre-commit":
        run = subprocess.run([str(script)], cwd=repo.path, env={**os.environ, **repo.env()},
                             capture_output=True, text=True, check=False)  # fmt: skip
    else:
        repo.git("commit", "-q", "--no-verify", "-m", "key")
        new = repo.head()
        zeros = "0" * 40
        run = subprocess.run(
            [str(script), "origin", "/nonexistent"], cwd=repo.path,
            input=f"refs/heads/main {new} refs/heads/main {zeros}\n",
            env={**os.environ, **repo.env()}, capture_output=True, text=True, check=False,
        )  # fmt: skip

    assert not marker.exists()
    assert run.returncode == 1, (run.stdout, run.stderr)
    assert "Binance API Key" in run.stdout + run.stderr


# -- a checkout's own config ----------------------------------------------------------------


def test_a_project_config_symlinked_out_of_the_repository_is_not_read(
    tmp_path: Path, env: dict[str, str]
) -> None:
    """The attack: a checkout (a pull request) commits ``.binance-secrets.toml`` as a
    symlink to a file of the machine running the scan. The scan refuses to follow the
    symlinks it finds, but the config was read through it, and its error quoted what the
    file holds ("unknown setting 'DEPLOY_TOKEN'") into the job's log."""
    outside = tmp_path / "private.toml"
    outside.write_text('DEPLOY_TOKEN = "not for the log"\n')
    repo = GitRepo(tmp_path / "repo")
    (repo.path / ".binance-secrets.toml").symlink_to(outside)
    repo.commit("config", {"bot.py": "import binance\n"})
    done = run_tool(repo.path, env, "scan", ".")
    assert done.returncode == 2, done.stderr
    assert "DEPLOY_TOKEN" not in done.stdout + done.stderr
    assert "leads out of the repository" in done.stderr.strip().splitlines()[-1]


def test_a_project_config_symlinked_inside_the_repository_is_read(
    tmp_path: Path, env: dict[str, str]
) -> None:
    """The control: a symlink to a file inside the repository is followed as before."""
    key, secret = random_key(), random_key()
    repo = GitRepo(tmp_path / "repo")
    repo.write("config/binance-secrets.toml", '[exclude]\npaths = ["vendor/**"]\n')
    (repo.path / ".binance-secrets.toml").symlink_to("config/binance-secrets.toml")
    repo.commit("vendored", {"vendor/sample/.env": env_text(key, secret)})
    done = run_tool(repo.path, env, "scan", ".")
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("command", [("scan", "."), ("sweep", ".")])
def test_a_default_baseline_symlinked_out_of_the_repository_is_not_read(
    tmp_path: Path, env: dict[str, str], command: tuple[str, ...]
) -> None:
    """The attack: a checkout commits ``.secrets.baseline`` (read without being named) as a
    symlink to a file of the machine; its errors quoted the target's key names."""
    outside = tmp_path / "private.json"
    outside.write_text('{"DEPLOY_TOKEN": "not for the log"}\n')
    repo = GitRepo(tmp_path / "repo")
    (repo.path / ".secrets.baseline").symlink_to(outside)
    repo.commit("baseline", {"bot.py": "import binance\n"})
    done = run_tool(repo.path, env, *command)
    assert done.returncode == 2, done.stdout + done.stderr
    assert "DEPLOY_TOKEN" not in done.stdout + done.stderr
    assert "leads out of the repository" in done.stderr.strip().splitlines()[-1]


def test_exclude_globs_that_would_cost_every_path_a_second_are_refused(
    tmp_path: Path, env: dict[str, str]
) -> None:
    """The attack: a checkout's ``.binance-secrets.toml`` lists a thousand globs of a
    thousand characters (``**/*a*a*a...b``), each matched against every path read: with
    long path names each path cost over a second, so a pull request of a few thousand
    files held a CI job (or a server's hook, from the default branch) for hours. The
    globs' characters together are now bounded, and past that the config is refused."""
    glob = "**/" + "*a" * 400 + "b"
    paths = ", ".join(f'"{glob}{number}"' for number in range(21))  # 16.9 KB of globs
    repo = GitRepo(tmp_path / "repo")
    repo.commit("config", {".binance-secrets.toml": f"[exclude]\npaths = [{paths}]\n"})
    done = run_tool(repo.path, env, "scan", ".")
    assert done.returncode == 2, done.stdout + done.stderr
    assert "characters together" in done.stderr.strip().splitlines()[-1]


# -- the pre-receive hook ------------------------------------------------------------------


def test_a_push_naming_more_refs_than_are_read_is_rejected_not_cut_short(
    tmp_path: Path, env: dict[str, str]
) -> None:
    """The attack: git gives the hook one ``old new ref`` line per pushed ref, and the hook
    read its first 16 MiB and ignored the rest. A push of a few thousand long-named
    branches at a known commit, and last a branch at a commit holding a key, passed: the
    key's ref was never read, so its commit was never swept. The hook is run here as git
    runs it, in a server that holds the key's commit unreferenced (as the quarantine holds
    a push's new objects)."""
    from binance_secrets.hooks.commands.pre_receive import MAX_INPUT_BYTES

    server = GitRepo(tmp_path / "server.git", bare=True)
    client = GitRepo(tmp_path / "client")
    clean = client.commit("bot", {"bot.py": "import binance\n"})
    leaked = client.commit("settings", {".env": env_text(random_key(), random_key())})
    client.git("push", "-q", str(server.path), f"{clean}:refs/heads/main")
    client.git("push", "-q", str(server.path), f"{leaked}:refs/heads/held")
    server.git("update-ref", "-d", "refs/heads/held")
    zeros = "0" * 40
    name = "refs/heads/" + "/".join(["b" * 200] * 10)
    padding = "".join(
        f"{zeros} {clean} {name}/{number}\n"
        for number in range(MAX_INPUT_BYTES // len(f"{zeros} {clean} {name}/0\n") + 1)
    )
    line = f"{zeros} {leaked} refs/heads/evil\n"

    def pre_receive(given: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [console_script(), "pre-receive"], cwd=server.path, input=given,
            env={**os.environ, **CLEAN_ENV, **env, "GIT_DIR": "."}, capture_output=True,
            text=True, timeout=180, check=False,
        )  # fmt: skip

    assert pre_receive(line).returncode == 1  # the key's ref alone is judged and rejected
    done = pre_receive(padding + line)
    assert done.returncode != 0, done.stderr
    assert "Traceback" not in done.stderr
    assert "push the refs in smaller groups" in done.stderr


def _server_and_client(tmp_path: Path, env: dict[str, str]) -> tuple[Path, GitRepo]:
    """A bare server with the pre-receive hook, and a client whose main is pushed."""
    server = hooked_server(tmp_path, env)
    client = GitRepo(tmp_path / "client")
    client.commit("bot", {"bot.py": "import binance\n"})
    client.git("push", "-q", str(server.path), "main")
    return server.path, client


@pytest.mark.parametrize("kind", ["tag of a blob", "annotated tag of a blob", "tag of a tree"])
def test_a_tag_of_a_file_holding_a_key_is_rejected(
    tmp_path: Path, env: dict[str, str], kind: str
) -> None:
    """The attack: a tag may name a blob or a tree instead of a commit. No commit holds
    that content, so the hook's walk of the pushed commits never read it, and a tag of a
    file holding a key was accepted (every clone that fetches tags then receives it)."""
    server, client = _server_and_client(tmp_path, env)
    blob = client.git("hash-object", "-w", "--stdin", input=env_text(random_key(), random_key()))
    if kind == "tag of a blob":
        client.git("tag", "leak", blob)
    elif kind == "annotated tag of a blob":
        client.git("tag", "-a", "leak", "-m", "release notes", blob)
    else:
        index = {"GIT_INDEX_FILE": str(tmp_path / "index")}
        subprocess.run(
            ["git", "update-index", "--add", "--cacheinfo", f"100644,{blob},config/.env"],
            cwd=client.path, env={**client.env(), **index}, check=True,
        )  # fmt: skip
        tree = subprocess.run(
            ["git", "write-tree"], cwd=client.path, env={**client.env(), **index},
            capture_output=True, text=True, check=True,
        ).stdout.strip()  # fmt: skip
        client.git("tag", "leak", tree)
    done = subprocess.run(
        ["git", "push", str(server), "refs/tags/leak"], cwd=client.path, env=client.env(),
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode != 0, done.stderr
    assert "pre-receive hook declined" in done.stderr
    assert "Binance API Key" in done.stderr
    assert "git update-ref -d refs/tags/leak" in done.stderr
    tags = subprocess.run(["git", "tag"], cwd=server, env=client.env(), capture_output=True,
                          text=True, check=True).stdout  # fmt: skip
    assert "leak" not in tags


def test_a_tag_of_a_clean_file_passes(tmp_path: Path, env: dict[str, str]) -> None:
    """The control: a tag of a blob without a key (a GPG public key, a note) is pushed."""
    server, client = _server_and_client(tmp_path, env)
    blob = client.git("hash-object", "-w", "--stdin", input="a public key, nothing secret\n")
    client.git("tag", "public-key", blob)
    done = subprocess.run(
        ["git", "push", str(server), "refs/tags/public-key"], cwd=client.path,
        env=client.env(), capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "binance-secrets" not in done.stderr


def test_keep_clones_naming_a_file_is_a_one_line_error(tmp_path: Path, env: dict[str, str]) -> None:
    """``--keep-clones`` naming what cannot become a directory (below a file, a device)
    ended in a generic "File exists (...)" that did not say which option was wrong."""
    clean = GitRepo(tmp_path / "clean")
    clean.commit("readme", {"README.md": "hello\n"})
    occupied = tmp_path / "occupied"
    occupied.write_text("a file\n")
    done = subprocess.run(
        [console_script(), "sweep", "--keep-clones", str(occupied / "clones"), str(clean.path)],
        cwd=tmp_path, env={**os.environ, **CLEAN_ENV, **env}, capture_output=True, text=True,
        timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    assert f"--keep-clones {occupied / 'clones'}" in done.stderr.strip().splitlines()[-1]


# -- Binance's answers ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "answer",
    [
        Canned(302, None, headers={"Location": "/redirected?to=elsewhere"}),
        Canned(301, None, headers={"Location": "http://127.0.0.1:9/redirected"}),
        Canned(307, {"enableReading": True}, headers={"Location": "/redirected"}),
        Canned(200, None, raw=b'{"enableReading": true, "enableWithdrawals": \xff\xfe}'),
        Canned(200, None, raw=b"\xef\xbb\xbf" + json.dumps({"enableReading": True}).encode()),
        Canned(200, {"enableReading": True, "enableWithdrawals": 1}),
        Canned(200, {"enableReading": True, "enableWithdrawals": "false"}),
        Canned(200, {"enableReading": True, "enableWithdrawals": None}),
    ],
    ids=["302", "301-to-http", "307-with-body", "invalid-utf8", "bom", "int", "string", "null"],
)
def test_a_redirect_or_an_unreadable_answer_is_unknown_and_followed_nowhere(
    emulator: Emulator, answer: Canned
) -> None:
    """Regression test: a redirect (to another path, another host, plain http) is never
    followed, so the key and its signature go nowhere else; an answer that is not UTF-8
    JSON, or a permission that is not true or false, leaves the key ``unknown``, never
    read as "no permission"."""
    account, secret = hmac_account(emulator, restrictions=dict(TRADING))
    account.answer = answer
    short = RetryPolicy(max_attempts=1, backoff_seconds=0.0, timeout_seconds=5)
    credential = Credential.of(account.api_key, secret)
    [result] = check_credentials(
        [credential], endpoint=emulator.url, allow_unofficial_endpoint=True, retry=short
    )
    assert (result.status, result.risk) == ("unknown", "unknown"), result.reason
    assert not [r for r in emulator.requests if "redirected" in r.path]


# -- sweep of many repositories: clone failures ---------------------------------------------


def test_a_clone_that_fails_says_why_not_the_tail_of_gits_message(
    tmp_path: Path, env: dict[str, str]
) -> None:
    """git's last line of a failed clone is the tail of a longer message ("and the
    repository exists."); the report said only that. Now it gives git's ``fatal:`` line."""
    clean = GitRepo(tmp_path / "clean")
    clean.commit("readme", {"README.md": "hello\n"})
    missing = f"file://{tmp_path}/no-such-repository"
    out = tmp_path / "org.json"
    done = subprocess.run(
        [console_script(), "sweep", "--quiet", "--format", "json", "-o", str(out), missing,
         str(clean.path)],
        cwd=tmp_path, env={**os.environ, **CLEAN_ENV, **env}, capture_output=True, text=True,
        timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 2, done.stderr
    [failed] = [r for r in json.loads(out.read_text())["repositories"] if r.get("error")]
    assert "does not appear to be a git repository" in failed["error"], failed
    assert not failed["error"].endswith("and the repository exists.")
