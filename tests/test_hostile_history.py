"""Attacks on how git is asked to read a repository (the sweep's blob pass and diff engine,
the object store a repository names, the scan's project greps), each tried as a hostile
repository or checkout would.

Every test here failed on the code before its fix, unless it says it is a regression test;
docs/threat-model.md lists each attack with what stops it.
"""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.cli_process import CLEAN_ENV, console_script, hooked_server
from tests.fake_values import random_key
from tests.gitrepo import GitRepo, scratch_git_env


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return scratch_git_env(tmp_path)


def sweep_json(cwd: Path, env: dict[str, str], *args: str) -> dict:
    """``binance-secrets sweep --format json ARGS`` in ``cwd``: its report (exit 0 or 1)."""
    done = subprocess.run(
        [console_script(), "sweep", "--quiet", "--format", "json", *args], cwd=cwd,
        env={**os.environ, **CLEAN_ENV, **env}, capture_output=True, text=True, timeout=120,
        check=False,
    )  # fmt: skip
    assert done.returncode in (0, 1), done.stderr
    assert "Traceback" not in done.stderr
    return json.loads(done.stdout)


def bot_text(key: str, secret: str) -> str:
    return f'from binance.client import Client\nclient = Client("{key}", "{secret}")\n'


@pytest.mark.parametrize(
    "attributes",
    ["*.py -diff\n", "* binary\n", "bot.py diff=secret\n"],
    ids=["-diff", "binary", "driver"],
)
@pytest.mark.parametrize("where", ["committed", "global"])
def test_gitattributes_that_make_a_file_binary_hide_no_key_from_the_sweep(
    tmp_path: Path, env: dict[str, str], attributes: str, where: str
) -> None:
    """The attack: a `.gitattributes` saying `*.py -diff` (or `binary`, or a diff driver
    whose config says `binary = true`) makes git show a file's diff as "Binary files
    differ", so the sweep's diff engine saw no added line and every key in such files, in
    every commit, was passed in silence (exit 0). Committed by a pull request, the
    attribute hid the pull request's own keys from `sweep --range` in CI; in the user's
    global attributes file, from every sweep the user ran."""
    repo = GitRepo(tmp_path / "repo")
    if where == "committed":
        repo.commit("attributes", {".gitattributes": attributes})
        repo.git("config", "diff.secret.binary", "true")
    else:
        (tmp_path / "attributes").write_text(attributes)
        Path(env["GIT_CONFIG_GLOBAL"]).write_text(
            f"[core]\n\tattributesFile = {tmp_path / 'attributes'}\n"
            '[diff "secret"]\n\tbinary = true\n'
        )
    base = repo.commit("readme", {"README.md": "a bot\n"})
    repo.commit("bot", {"bot.py": bot_text(random_key(), random_key())})
    for args in ((), ("--range", f"{base}..HEAD")):
        report = sweep_json(repo.path, env, *args)
        kinds = sorted(finding["type"] for finding in report["findings"])
        assert kinds == ["Binance API Key", "Binance Secret Key"], (args, report)


def test_git_dirs_own_attributes_hide_no_key_either(tmp_path: Path, env: dict[str, str]) -> None:
    """The same attack through `$GIT_DIR/info/attributes` (a repository handed over whole),
    which git reads whatever its command line says: the file git shows as binary is read
    whole from its blob instead."""
    repo = GitRepo(tmp_path / "repo")
    repo.commit("readme", {"README.md": "a bot\n"})
    info = repo.path / ".git" / "info"
    info.mkdir(exist_ok=True)
    (info / "attributes").write_text("* binary\n")
    repo.commit("bot", {"bot.py": bot_text(random_key(), random_key())})
    kinds = sorted(f["type"] for f in sweep_json(repo.path, env)["findings"])
    assert kinds == ["Binance API Key", "Binance Secret Key"]


def test_a_file_that_shrank_from_over_the_size_limit_hides_no_key(
    tmp_path: Path, env: dict[str, str]
) -> None:
    """The attack: git shows a diff as "Binary files differ" when either side is over the
    size limit, so a file committed at 3 MB and then cut down to one line holding a key
    showed no added line: the key passed the sweep, and a push of the two commits passed
    the pre-receive hook. Only the 3 MB version was listed as skipped."""
    server = hooked_server(tmp_path, env)
    repo = GitRepo(tmp_path / "repo")
    repo.commit("readme", {"README.md": "a bot\n"})
    repo.git("push", "-q", str(server.path), "main")
    repo.commit("generated", {"bot.py": "# " + "x" * (3 << 20) + "\n"})
    repo.commit("bot", {"bot.py": bot_text(random_key(), random_key())})
    findings = sweep_json(repo.path, env)["findings"]
    assert sorted(f["type"] for f in findings) == ["Binance API Key", "Binance Secret Key"]
    assert {f["line"] for f in findings} == {2}
    pushed = subprocess.run(
        ["git", "push", str(server.path), "main"], cwd=repo.path, env=repo.env(),
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert pushed.returncode != 0, pushed.stderr
    assert "Binance API Key" in pushed.stderr


def test_a_real_binary_file_is_still_not_read_as_text(tmp_path: Path, env: dict[str, str]) -> None:
    """The control: a file git calls binary for its content (a NUL byte) stays unread, as
    `scan` leaves it, though it holds a key-shaped run."""
    repo = GitRepo(tmp_path / "repo")
    repo.commit("readme", {"README.md": "a bot\n"})
    (repo.path / "blob.bin").write_bytes(b"\0" + bot_text(random_key(), random_key()).encode())
    repo.commit("binary")
    assert sweep_json(repo.path, env)["findings"] == []


def test_a_huge_parent_blob_is_never_read_into_memory(tmp_path: Path, env: dict[str, str]) -> None:
    """The attack: the blob pass asks the blobs a lowercase-hex change replaced whether they
    say testnet, and read each whole, whatever its size: a 600 MB blob of zeros (a few
    hundred KB packed) replaced by a line of 64 hex digits cost 1.2 GB of memory. The
    sweep is run under a 1 GiB address-space cap, for git and Python each."""
    repo = GitRepo(tmp_path / "repo")
    (repo.path / "conf.py").write_bytes(bytes(600 << 20))
    repo.commit("big")
    repo.commit("small", {"conf.py": f'value = "{secrets.token_hex(32)}"\n'})
    cap = 1 << 30
    wrapper = (
        "import resource, subprocess, sys\n"
        f"resource.setrlimit(resource.RLIMIT_AS, ({cap}, {cap}))\n"
        "sys.exit(subprocess.run(sys.argv[1:]).returncode)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", wrapper, console_script(), "sweep", "--quiet"], cwd=repo.path,
        env={**os.environ, **CLEAN_ENV, **env}, capture_output=True, text=True, timeout=120,
        check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr


def _dangling_key_commit(repo: GitRepo, packed: bool = False) -> str:
    """A commit holding a key that no ref or reflog reaches (a deleted branch, expired),
    loose or ``packed``."""
    repo.git("checkout", "-q", "-b", "gone")
    commit = repo.commit("key", {"bot.py": bot_text(random_key(), random_key())})
    repo.git("checkout", "-q", "main")
    if packed:
        repo.git("repack", "-q", "-a", "-d")
        repo.git("prune-packed")
        assert not (repo.path / ".git" / "objects" / commit[:2] / commit[2:]).exists()
    repo.git("branch", "-q", "-D", "gone")
    repo.git("reflog", "expire", "--expire=now", "--all")
    return commit


def test_an_alternate_object_store_lends_no_dangling_commit(
    tmp_path: Path, env: dict[str, str]
) -> None:
    """The attack: a repository whose `objects/info/alternates` names another repository's
    object store (`clone --shared`, a CI cache's `--reference`, or a handed-over repository
    pointing at a project elsewhere on the machine). The sweep listed every object git can
    read, the alternate's included, so the other repository's dangling commits were swept
    and their keys reported as this repository's (and read from a store the user never
    named). Now only commits the repository holds itself are dangling ones."""
    other = GitRepo(tmp_path / "other")
    other.commit("readme", {"README.md": "other\n"})
    _dangling_key_commit(other)
    repo = GitRepo(tmp_path / "repo")
    alternates = repo.path / ".git" / "objects" / "info" / "alternates"
    alternates.write_text(f"{other.path / '.git' / 'objects'}\n")
    repo.commit("readme", {"README.md": "mine\n"})
    assert sweep_json(repo.path, env)["findings"] == []
    assert len(sweep_json(other.path, env)["findings"]) == 2  # its own sweep finds them


@pytest.mark.parametrize("packed", [False, True], ids=["loose", "packed"])
def test_a_dangling_commit_of_its_own_is_swept_beside_alternates(
    tmp_path: Path, env: dict[str, str], packed: bool
) -> None:
    """The control: the repository's own dangling commit, loose or in a pack, is swept
    though it has an alternate store."""
    other = GitRepo(tmp_path / "other")
    other.commit("readme", {"README.md": "other\n"})
    repo = GitRepo(tmp_path / "repo")
    alternates = repo.path / ".git" / "objects" / "info" / "alternates"
    alternates.write_text(f"{other.path / '.git' / 'objects'}\n")
    repo.commit("readme", {"README.md": "mine\n"})
    commit = _dangling_key_commit(repo, packed)
    findings = sweep_json(repo.path, env)["findings"]
    assert {(f["commit"], f["unreachable"]) for f in findings} == {(commit, True)}


def test_a_grafts_file_neither_holds_the_sweep_nor_rewrites_history(
    tmp_path: Path, env: dict[str, str]
) -> None:
    """The attack: `$GIT_DIR/info/grafts` (deprecated, still honoured by git) giving HEAD
    20,000 parents (itself, again and again) cost the sweep 8 s, and 300,000 held it for
    many minutes: git's graft lookups grow with the square of the count. Grafts, like
    replace refs, show a history no clone sees: the sweep now reads the commits' own
    parents (GIT_GRAFT_FILE is /dev/null for every git it starts)."""
    repo = GitRepo(tmp_path / "repo")
    repo.commit("readme", {"README.md": "a bot\n"})
    repo.commit("bot", {"bot.py": bot_text(random_key(), random_key())})
    head = repo.head()
    (repo.path / ".git" / "info").mkdir(exist_ok=True)
    (repo.path / ".git" / "info" / "grafts").write_text(f"{head} " + f"{head} " * 300_000)
    started = time.monotonic()
    findings = sweep_json(repo.path, env)["findings"]
    assert time.monotonic() - started < 60
    assert {f["commit"] for f in findings} == {head}


@pytest.mark.parametrize("attributes", ["* -diff\n", "requirements.txt binary\n"])
def test_an_attribute_hides_no_project_signal_from_scan(
    tmp_path: Path, env: dict[str, str], attributes: str
) -> None:
    """The attack, on `scan` (the same `.gitattributes` as above): a `.env` whose only
    Binance word is the project's SDK dependency is found through `git grep -I` over the
    project, and `-I` skips what git calls binary, so `* -diff` hid the dependency and the
    `.env`'s key and secret passed `scan` (exit 0) in CI and in the hook. A file git calls
    binary is now read by the scan itself (a NUL byte: truly binary, not read)."""
    repo = GitRepo(tmp_path / "repo")
    key, secret = random_key(), random_key()
    repo.commit(
        "bot",
        {
            ".env": f"API_KEY={key}\nAPI_SECRET={secret}\n",
            "requirements.txt": "python-binance==1.0.19\n",
            ".gitattributes": attributes,
        },
    )
    done = subprocess.run(
        [console_script(), "scan", "--format", "json"], cwd=repo.path,
        env={**os.environ, **CLEAN_ENV, **env}, capture_output=True, text=True, timeout=120,
        check=False,
    )  # fmt: skip
    assert done.returncode == 1, done.stderr
    signals = {f["binance_signal"] for f in json.loads(done.stdout)["findings"]}
    assert signals == {"project:requirements.txt"}


def test_a_huge_commit_message_is_read_only_to_the_limit(
    tmp_path: Path, env: dict[str, str]
) -> None:
    """The attack: a commit message of hundreds of MB (it packs to a few MB) was held whole
    by the sweep, more than once, before the message scan refused it as too large, so a key
    at its top went unreported too. Now a commit object over the limit is read apart: its
    diff without its message, and the message's first ``--max-file-size`` bytes, the rest
    listed as skipped. A 3 MB message against a 1 MiB limit here."""
    limit = 1 << 20
    repo = GitRepo(tmp_path / "repo")
    file_key, file_secret = random_key(), random_key()
    repo.write("bot.py", bot_text(file_key, file_secret))
    repo.git("add", "-A")
    tree = repo.git("write-tree").strip()
    message_key, message_secret = random_key(), random_key()
    message = (
        f"rotate keys\n\nBINANCE_API_KEY={message_key}\nBINANCE_SECRET_KEY={message_secret}\n"
        + ("filler " * 11 + "\n") * (3 << 20 >> 6)
    )
    big = repo.git("commit-tree", tree, "-F", "-", input=message).strip()
    repo.git("update-ref", "refs/heads/main", big)
    repo.git("symbolic-ref", "HEAD", "refs/heads/main")
    report = sweep_json(repo.path, env, "--max-file-size", str(limit))
    found = {(f["path"], f["redacted"][:4]) for f in report["findings"]}
    assert ("(commit message)", message_key[:4]) in found
    assert ("bot.py", file_key[:4]) in found
    assert {
        "path": f"{big}:(commit message)",
        "reason": f"message larger than {limit} bytes; read the first {limit}",
    } in report["skipped"]


def huge_tag_message(key: str, secret: str) -> str:
    """A 3 MB tag message with a key and secret in its first lines."""
    top = f"release\n\nBINANCE_API_KEY={key}\nBINANCE_SECRET_KEY={secret}\n"
    return top + ("filler " * 11 + "\n") * (3 << 20 >> 6)


def test_a_huge_tag_message_is_read_only_to_the_limit(
    tmp_path: Path, env: dict[str, str]
) -> None:
    """The attack: an annotated tag whose message is several MB. The tag listing printed
    every message whole (``for-each-ref`` with ``%(contents)``), then the message scan
    refused it as too large, so a key at its top went unreported. Now the tag objects are
    read with ``cat-file``, at most ``--max-file-size`` of each message, the rest listed as
    skipped. A 3 MB message against a 1 MiB limit here."""
    limit = 1 << 20
    repo = GitRepo(tmp_path / "repo")
    repo.commit("bot", {"README.md": "# bot\n"})
    key = random_key()
    repo.git("tag", "-a", "-F", "-", "v1", input=huge_tag_message(key, random_key()))
    tag = repo.git("rev-parse", "refs/tags/v1").strip()
    report = sweep_json(repo.path, env, "--max-file-size", str(limit))
    found = {(f["path"], f["redacted"][:4]) for f in report["findings"]}
    assert ("(tag message)", key[:4]) in found
    assert {
        "path": f"{tag}:(tag message)",
        "reason": f"message larger than {limit} bytes; read the first {limit}",
    } in report["skipped"]


def test_a_pushed_tag_with_a_huge_message_is_read_to_the_limit(
    tmp_path: Path, env: dict[str, str]
) -> None:
    """The pre-receive hook read a pushed tag over the byte limit not at all, so a key at
    the top of a 3 MB tag message passed the server. Now its first bytes are read."""
    server = hooked_server(tmp_path, env)
    client = GitRepo(tmp_path / "client")
    client.commit("bot", {"README.md": "# bot\n"})
    client.git("remote", "add", "origin", str(server.path))
    client.git("push", "-q", "origin", "main")
    client.git("tag", "-a", "-F", "-", "v1", input=huge_tag_message(random_key(), random_key()))
    done = subprocess.run(
        ["git", "push", "origin", "v1"], cwd=client.path, env=client.env(),
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode != 0, done.stderr
    assert "(tag message)" in done.stderr
    assert "v1" not in server.git("tag", "--list")
