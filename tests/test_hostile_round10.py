"""Round 10's attacks (docs/threat-model.md "Round 10, attacked"): inputs crafted against
detection rounds 10 and 11 (key file pointers, the docs' key file names) and the surfaces
around them. Each test fails on the code before its fix, unless it says it is a control."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from binance_secrets.plugins.detection import key_file_pointers
from binance_secrets.plugins.detection.engine import scan_text
from binance_secrets.plugins.detection.findings import API_KEY, SECRET_KEY
from binance_secrets.plugins.detection.key_file_pointers import MAX_CONFIG_FILES
from binance_secrets.plugins.detection.project_context import ProjectContext, ProjectRoots
from tests.cpu_bound import record_calls, within
from tests.fake_values import random_key
from tests.test_project_signals import pem, scan, sweep, write


def test_many_projects_read_the_tree_s_pointers_once() -> None:
    """A tree of 200 projects, each with a PEM nothing names, beside 64 configuration
    files: the pointers are the tree's (every project reads the same listing), so they are
    read once, not once per project (in ``scan --staged`` and the pre-receive hook each
    read is a ``git cat-file`` process: 200 x 64 of them before)."""
    projects = 200
    paths = [f"c{i:02}.yml" for i in range(MAX_CONFIG_FILES)]
    for i in range(projects):
        paths += [f"p{i}/package.json", f"p{i}/k{i}.pem"]
    reads: list[str] = []

    def read(path: str) -> str:
        reads.append(path)
        return "binance: true\n"

    tree = ProjectRoots(lambda: paths, lambda root: None, read=read)
    for i in range(projects):
        assert not tree.for_file(f"p{i}/k{i}.pem").points_at_key_file(f"p{i}/k{i}.pem")
    assert len(reads) == MAX_CONFIG_FILES


@pytest.mark.parametrize("git", [False, True], ids=["directory", "work tree"])
def test_a_configuration_symlinked_out_of_the_tree_is_not_read(tmp_path: Path, git: bool) -> None:
    """A committed ``bot.env`` that is a symlink to a file outside the tree (the user's
    own ``~/.config``, ``/proc/self/environ``): the scan never follows the symlinks it
    finds, and the pointer reader must not either, or the machine's files decide what the
    tree's keys are. A ``bot.env`` inside the tree is the control."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secrets.env").write_text("BINANCE_PRIVATE_KEY_PATH=k.pem\n")
    top = tmp_path / "tree"
    write(top, {"k.pem": pem()})
    (top / "bot.env").symlink_to(outside / "secrets.env")
    if git:
        subprocess.run(["git", "init", "-q"], cwd=top, check=True)
    assert scan(top) == []
    (top / "bot.env").unlink()
    (top / "bot.env").write_text("BINANCE_PRIVATE_KEY_PATH=k.pem\n")
    assert [f["path"] for f in scan(top)] == ["k.pem"]


def test_a_history_of_unnamed_pems_reads_each_configuration_blob_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ten commits, each adding a PEM nothing names, beside 64 configuration files: each
    commit read the tree's configuration anew (64 ``git cat-file`` processes a commit; a
    1.2 KB commit cost 0.11 s); now each blob is matched once per sweep. The one PEM a
    setting points at is still found in every commit that adds it (the control)."""
    matched = record_calls(monkeypatch, key_file_pointers, "pointed_files", keep=len)
    files = {f"c{i:02}.yml": f"binance: {i}\n" for i in range(MAX_CONFIG_FILES - 1)}
    files["z.env"] = "BINANCE_PRIVATE_KEY_PATH=k.pem\n"
    write(tmp_path, files)
    git = ["git", "-C", str(tmp_path), "-c", "user.name=t", "-c", "user.email=t@t"]
    subprocess.run([*git, "init", "-q"], check=True)
    for i in range(10):
        (tmp_path / ("k.pem" if i % 2 else f"k{i}.pem")).write_text(pem())
        subprocess.run([*git, "add", "."], check=True)
        subprocess.run([*git, "commit", "-qm", f"key {i}"], check=True)
    assert {f["path"] for f in sweep(tmp_path)} == {"k.pem"}
    assert len(matched) <= MAX_CONFIG_FILES


@pytest.mark.parametrize(
    "comment",
    [
        "# Binance API credentials (sent as X-MBX-APIKEY, never a Bearer token)",
        "# Binance: no Authorization: header, the key goes in X-MBX-APIKEY",
    ],
)
def test_a_comment_that_says_binance_is_not_an_own_token_comment(comment: str) -> None:
    """A comment over a generic name that says Binance, and mentions a bearer token or an
    Authorization header only to say Binance takes none, made a real key and secret pass
    (the own-token rule was asked before what the comment says). The same values under a
    comment that says only Binance are the control."""
    key, secret = random_key(), random_key()
    project = ProjectContext.known(True)
    for above in (comment, "# Binance API credentials"):
        text = f"{above}\nAPI_KEY={key}\n{above}\nAPI_SECRET={secret}\n"
        found = [(f.type, f.line) for f in scan_text("bot/.env", text, project)]
        assert found == [(API_KEY, 2), (SECRET_KEY, 4)]


@pytest.mark.parametrize(
    "account",
    [
        '    {\n      "exchange": "binance",\n      "provider": "ccxt",\n'
        '      "apiKey": "{key}",\n      "secret": "{secret}"\n    }',
        '    {\n      "exchange": "binance",\n      "apiKey": "{key}",\n'
        '      "secret": "{secret}",\n      "provider": "ccxt"\n    }',
        '    {"provider": "ccxt", "exchange": "binance", "apiKey": "{key}", "secret": "{secret}"}',
    ],
    ids=["provider above", "provider below", "one line"],
)
def test_an_object_whose_exchange_is_binance_is_binance_s(account: str) -> None:
    """An account object whose `exchange` says Binance and whose `provider` names the
    library that talks to it (`ccxt`): the owner field nearest the value was the only one
    read, so `ccxt` made the object another service's and a real key and secret passed.
    An owner field naming Binance now wins; the same object without `provider` is the
    control."""
    key, secret = random_key(), random_key()
    project = ProjectContext.known(True)
    for text in (account, re.sub(r'\s*"provider": "ccxt",?', "", account)):
        body = text.replace("{key}", key).replace("{secret}", secret)
        found = {
            f.type for f in scan_text("accounts.json", f'{{"accounts": [\n{body}\n]}}\n', project)
        }
        assert found == {API_KEY, SECRET_KEY}, body


def test_many_projects_find_the_docs_key_file_names_in_one_pass() -> None:
    """A tree of 8,000 projects whose files say nothing: each root asked whether a file
    below it is named as Binance's docs name a key file scanned the whole listing (7.1 s
    of CPU; quadratic in the projects). Now the names are indexed by directory once. The
    one project holding `test-prv-key.pem` is still Binance's (the control)."""
    projects = 8000
    paths = []
    for i in range(projects):
        paths += [f"p{i:05}/package.json", f"p{i:05}/index.js"]
    paths.append("p07999/keys/test-prv-key.pem")
    tree = ProjectRoots(lambda: paths, lambda root: None)
    with within(2):
        said = [tree.for_file(f"p{i:05}/index.js").signal() for i in range(projects)]
    assert [i for i, signal in enumerate(said) if signal] == [7999]


def test_a_sweep_reads_a_large_configuration_s_first_part(tmp_path: Path) -> None:
    """A `.env` of 2 MiB whose pointer is on its first line: `scan --staged` reads the
    first MiB of a configuration blob, and the sweep, reading each blob once through its
    batch reader (which gives nothing of a blob over its limit), must read as much."""
    padding = "# " + "x" * 78 + "\n"
    env = "BINANCE_PRIVATE_KEY_PATH=k.pem\n" + padding * (2 * 1024 * 1024 // len(padding))
    write(tmp_path, {"z.env": env, "k.pem": pem()})
    git = ["git", "-C", str(tmp_path), "-c", "user.name=t", "-c", "user.email=t@t"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "."], check=True)
    assert [f["path"] for f in scan(tmp_path, "--staged")] == ["k.pem"]
    subprocess.run([*git, "commit", "-qm", "key"], check=True)
    assert {f["path"] for f in sweep(tmp_path)} == {"k.pem"}


def test_a_monorepo_s_many_json_files_do_not_hide_the_bot_s_env(tmp_path: Path) -> None:
    """64 locale files under `apps/web/` sort before `bot/.env`: only the first 64
    configuration files in listing order were read, so the setting pointing at the bot's
    key was never seen and the key passed. `.env` files, and files whose path says
    Binance, are now read first."""
    files = {f"apps/web/locales/l{i:02}.json": '{"hello": "hi"}\n' for i in range(64)}
    files["bot/.env"] = "BINANCE_PRIVATE_KEY_PATH=keys/k.pem\n"
    files["bot/keys/k.pem"] = pem()
    write(tmp_path, files)
    assert [f["path"] for f in scan(tmp_path)] == ["bot/keys/k.pem"]
