"""Commit messages are swept: a key pasted into a subject or body is found, paired and
located at its commit, reported redacted, and a hostile or huge message changes nothing
else (file findings, parsing, time)."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from binance_secrets.hooks.commands.cli import cli
from binance_secrets.hooks.sweep.log_stream import parse_log
from binance_secrets.hooks.sweep.run import MESSAGE_PATH
from binance_secrets.plugins.detection.findings import fingerprint
from tests.cli_process import checked_keys, run_cli
from tests.emulator.fixtures import emulator_fixture, hmac_account  # noqa: F401 - fixtures
from tests.emulator.server import Emulator
from tests.fake_values import random_key
from tests.gitrepo import GitRepo, init_repo
from tests.test_sweep_parts import header, stream


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["sweep", "--quiet", *args], catch_exceptions=False)
    return result.exit_code, result.stdout


def report(repo: GitRepo) -> dict[str, Any]:
    code, out = run(str(repo.path), "--format", "json")
    assert code == 1, out
    return json.loads(out)


def commit_raw(repo: GitRepo, message: bytes) -> str:
    """A commit whose message is exactly ``message`` (any bytes), on top of HEAD."""
    tree = repo.git("rev-parse", "HEAD^{tree}")
    parent = repo.git("rev-parse", "HEAD")
    body = (
        f"tree {tree}\nparent {parent}\nauthor A <a@x> 1700000000 +0000\n"
        "committer A <a@x> 1700000000 +0000\n\n"
    ).encode() + message
    path = repo.path / ".git" / "raw-commit"
    path.write_bytes(body)
    sha = repo.git("hash-object", "-t", "commit", "-w", "--literally", str(path))
    path.unlink()
    repo.git("update-ref", "HEAD", sha)
    return sha


def test_a_key_and_secret_in_a_commit_body_are_found_paired_and_located(tmp_path: Path) -> None:
    key, secret = random_key(), random_key()
    repo = GitRepo(tmp_path / "repo")
    repo.commit("initial", {"README.md": "# bot\n"})
    leaky = repo.commit(
        "config for the binance bot\n\nBINANCE_API_KEY=" + key + "\nBINANCE_API_SECRET="
        + secret + "\n",
        {"bot.py": "print('hi')\n"},
    )
    repo.commit("later", {"bot.py": "print('bye')\n"})

    data = report(repo)
    by_value = {f["fingerprint"]: f for f in data["findings"]}
    assert set(by_value) == {fingerprint(key), fingerprint(secret)}
    found_key, found_secret = by_value[fingerprint(key)], by_value[fingerprint(secret)]
    assert (found_key["pair"], found_secret["pair"]) == (fingerprint(secret), fingerprint(key))
    for finding, line in ((found_key, 3), (found_secret, 4)):
        assert finding["commit"] == leaky and finding["subject"] == "config for the binance bot"
        assert (finding["path"], finding["line"]) == (MESSAGE_PATH, line)
        assert finding["in_message"] is True
        assert finding["lives_in"]["commit_message"] is True
        assert finding["environment"] == "unknown" and not finding["example"]
        assert "a commit message" in " ".join(p["step"] for p in finding["cleanup"])
    assert any("--replace-message FILE" in step for step in data["cleanup_sequence"])

    for fmt in ("text", "json", "sarif"):
        code, out = run(str(repo.path), "--format", fmt)
        assert code == 1
        assert key not in out and secret not in out, fmt
    code, text = run(str(repo.path))
    assert f"{MESSAGE_PATH}:3: Binance API Key" in text and f"{key[:4]}...{key[-4:]}" in text
    assert "in HEAD:     no (in a commit message in the history of" in text
    code, sarif = run(str(repo.path), "--format", "sarif")
    (result, _) = json.loads(sarif)["runs"][0]["results"]
    assert f"the message of commit {leaky[:12]} (line 3)" in result["message"]["text"]
    assert f"`git show --no-patch {leaky[:12]}`" in result["message"]["text"]
    assert result["properties"]["in_message"] is True


def test_a_key_in_the_subject_and_again_in_a_file_is_one_value_seen_twice(
    tmp_path: Path,
) -> None:
    key = random_key()
    repo = GitRepo(tmp_path / "repo")
    repo.commit("initial", {"README.md": "# binance bot\n"})
    first = repo.commit(f"oops: BINANCE_API_KEY={key}", {"bot.py": "print('hi')\n"})
    later = repo.commit("config", {"bot.env": f"BINANCE_API_KEY={key}\n"})
    (finding,) = report(repo)["findings"]
    assert (finding["commit"], finding["path"], finding["line"]) == (first, MESSAGE_PATH, 1)
    assert finding["also"] == [{"commit": later, "path": "bot.env", "line": 1}]
    assert key not in json.dumps(finding)


def test_a_message_that_imitates_diff_and_commit_lines_and_escapes_changes_nothing_else(
    tmp_path: Path,
) -> None:
    """A message holding ``diff --git`` and ``+++`` lines, a line starting with the commit
    mark, NUL, escape sequences and carriage returns: the file findings of every commit
    stay where they are, the message's own key is found in it, and nothing prints raw."""
    file_key, message_key, later_key = random_key(), random_key(), random_key()
    repo = GitRepo(tmp_path / "repo")
    repo.commit("initial", {"README.md": "# binance bot\n"})
    hostile = (
        b"\x1b[2J\x1b]0;pwned\x07 clear screen\r\n\n"
        b"diff --git a/fake.env b/fake.env\n+++ b/fake.env\n@@ -0,0 +1 @@\n"
        b"+BINANCE_API_KEY=" + message_key.encode() + b"\n"
        b"\x01" + b"f" * 40 + b" 1 2024-01-01T00:00:00+00:00 x\n\x00forged\x00subject\n"
        b"tail \xff\xfe not UTF-8\x00 after NUL: " + later_key.encode() + b"\n"
    )
    repo.write("bot.env", f"BINANCE_API_KEY={file_key}\n")
    repo.git("add", "bot.env")
    repo.git("commit", "-q", "-m", "add env")
    sha = commit_raw(repo, hostile)
    repo.commit("more", {"other.env": f"# binance\nkey = '{later_key}'\n"})

    data = report(repo)
    by_value = {f["fingerprint"]: f for f in data["findings"]}
    assert set(by_value) == {fingerprint(v) for v in (file_key, message_key, later_key)}
    assert by_value[fingerprint(file_key)]["path"] == "bot.env"
    assert by_value[fingerprint(file_key)]["in_message"] is False
    in_message = by_value[fingerprint(message_key)]
    assert (in_message["commit"], in_message["path"], in_message["line"]) == (sha, MESSAGE_PATH, 6)
    # git ends a message at NUL, as git show does: the key after it is not in the message.
    assert by_value[fingerprint(later_key)]["path"] == "other.env"
    code, text = run(str(repo.path))
    assert "\x1b" not in text and "\x07" not in text and "\r" not in text
    assert "\\033[2J" in text  # the subject, escaped


def test_a_one_megabyte_message_is_swept_in_bounded_time(tmp_path: Path) -> None:
    key, secret = random_key(), random_key()
    repo = GitRepo(tmp_path / "repo")
    repo.commit("initial", {"README.md": "# binance\n"})
    filler = "".join(f"line {n} {'x' * 60}\n" for n in range(15_000))  # about 1 MB
    one_line = "a" * 63 + " " + ("Zq9 " * 250_000)  # 1 MB on one line, no key
    commit_raw(repo, f"big\n\n{filler}BINANCE_API_KEY={key}\nSECRET={secret}\n".encode())
    commit_raw(repo, f"long line\n\n{one_line}\n".encode())
    start = time.perf_counter()
    data = report(repo)
    assert time.perf_counter() - start < 10
    by_value = {f["fingerprint"]: f for f in data["findings"]}
    assert set(by_value) == {fingerprint(key), fingerprint(secret)}
    assert by_value[fingerprint(key)]["line"] == 15_003
    assert by_value[fingerprint(key)]["pair"] == fingerprint(secret)


def test_a_message_larger_than_the_limit_is_listed_as_skipped(tmp_path: Path) -> None:
    repo = GitRepo(tmp_path / "repo")
    repo.commit("initial", {"README.md": "# binance\n"})
    sha = commit_raw(repo, f"big\n\n{'y' * 5000} BINANCE_API_KEY={random_key()}\n".encode())
    code, out = run(str(repo.path), "--format", "json", "--max-file-size", "4096")
    assert code == 0
    assert json.loads(out)["skipped"] == [
        {
            "path": f"{sha}:{MESSAGE_PATH}",
            "reason": "message larger than 4096 bytes; read the first 4096",
        }
    ]


def test_parser_keeps_the_message_only_for_a_header_with_its_message_lines() -> None:
    full = header(1, "subject", "subject\n\nbody line\n")
    (commit,) = parse_log(stream(full), max_file_bytes=1000)
    assert commit.message == "subject\n\nbody line\n"
    assert (commit.info.subject, commit.info.author) == ("subject", "A <a@x>")
    first, *_, last = full.split("\n")
    (commit,) = parse_log(stream(first + "\n" + last), max_file_bytes=1000)
    assert commit.message is None and commit.info.subject == "subject"
    assert commit.info.committer_time == 1


def test_check_report_reads_a_key_and_secret_back_from_the_commit_message(
    emulator: Emulator, tmp_path: Path
) -> None:
    """`sweep --format json` then `check --report`: the values are read again from the
    message of the recorded commit (reports hold no values), and the key is checked live;
    a file named like the message's place in that commit is not read instead."""
    account, secret = hmac_account(emulator)
    repo = GitRepo(tmp_path / "repo")
    repo.commit("initial", {"README.md": "# bot\n"})
    leaky = repo.commit(
        f"binance bot\n\nBINANCE_API_KEY={account.api_key}\nBINANCE_API_SECRET={secret}\n",
        {MESSAGE_PATH: "nothing here\n"},
    )
    report = tmp_path / "sweep.json"
    done = run_cli("sweep", ".", "--quiet", "--format", "json", "-o", str(report), cwd=repo.path)
    assert done.returncode == 1, done.stdout + done.stderr
    assert account.api_key not in report.read_text() and secret not in report.read_text()

    endpoint = ("--endpoint", emulator.url, "--allow-unofficial-endpoint")
    done = run_cli("check", *endpoint, "--format", "json", "--report", str(report), cwd=tmp_path)
    assert done.returncode == 1, done.stdout + done.stderr
    (key,) = json.loads(done.stdout)["keys"]
    assert key["status"] == "active"
    assert key["found_at"] == [f"{leaky[:12]}:{MESSAGE_PATH}:3"]
    assert key["secret_found_at"] == f"{leaky[:12]}:{MESSAGE_PATH}:4"
    assert secret not in done.stdout + done.stderr


def test_a_report_whose_in_message_is_not_a_boolean_is_refused(tmp_path: Path) -> None:
    report = tmp_path / "r.json"
    report.write_text(json.dumps({
        "version": 1, "root": str(tmp_path), "findings": [{
            "type": "Binance API Key", "path": MESSAGE_PATH, "line": 1, "in_message": "yes",
            "fingerprint": "sha256:" + "0" * 64, "commit": "0" * 40,
        }],
    }))  # fmt: skip
    done = run_cli("check", "--report", str(report), cwd=tmp_path)
    assert done.returncode == 2
    assert "in_message is not true/false" in done.stderr


def test_the_message_of_a_commit_read_past_a_missing_parent_is_swept(tmp_path: Path) -> None:
    """The child of a missing commit is read against the empty tree (its own git call):
    its message is part of that read too."""
    key = random_key()
    repo = GitRepo(tmp_path / "repo")
    repo.commit("old", {"README.md": "# binance bot\n"})
    lost = repo.commit("lost", {"a.txt": "a\n"})
    child = repo.commit(f"child\n\nbinance api_key: {key}\n", {"b.txt": "b\n"})
    (repo.path / ".git" / "objects" / lost[:2] / lost[2:]).unlink()
    data = report(repo)
    (finding,) = data["findings"]
    assert (finding["commit"], finding["path"], finding["line"]) == (child, MESSAGE_PATH, 3)
    assert data["skipped"] == [
        {"path": lost, "reason": "commit unreadable: object missing or corrupt"}
    ]


def test_an_annotated_tags_message_is_swept_located_at_the_tag_and_cleaned(
    tmp_path: Path, emulator: Emulator
) -> None:
    """A key and secret pasted into `git tag -a -m`: found at the tag (its object id, its
    ref), checked again from the tag's message, and gone after the printed rewrite."""
    from tests.test_cleanup import backticked, run_printed

    account, secret = hmac_account(emulator)
    repo = GitRepo(tmp_path / "repo")
    repo.commit("initial", {"README.md": "# bot\n"})
    repo.git("tag", "light")  # a lightweight tag: no message of its own
    repo.git(
        "tag", "-a", "v1", "-m",
        f"release 1\n\nbinance\nBINANCE_API_KEY={account.api_key}\nBINANCE_API_SECRET={secret}",
    )  # fmt: skip
    tag_sha = repo.git("rev-parse", "refs/tags/v1")
    replacements = tmp_path / "r.txt"
    code, out = run(str(repo.path), "--format", "json", "--replacements", str(replacements))
    assert code == 1
    data = json.loads(out)
    key = next(f for f in data["findings"] if f["type"] == "Binance API Key")
    assert (key["commit"], key["path"], key["line"]) == (tag_sha, "(tag message)", 4)
    assert (key["tag"], key["in_message"], key["refs"]) == ("refs/tags/v1", True, ["refs/tags/v1"])
    assert key["pair"] == fingerprint(secret) and key["lives_in"]["tags"] == ["v1"]
    assert (key["lives_in"]["tag_message"], key["lives_in"]["commit_message"]) == (True, False)
    steps = [place["step"] for place in key["cleanup"]]
    assert steps[0].startswith("an annotated tag's message: the history rewrite replaces it")
    assert account.api_key not in out and secret not in out
    code, text = run(str(repo.path))
    assert f"introduced:  tag refs/tags/v1 {tag_sha[:12]} by " in text
    # Only the whole repository's sweep reads tags, and --since applies to the tag's date.
    assert run(str(repo.path), "--ref", "main")[0] == 0
    assert run(str(repo.path), "--since", "2100-01-01")[0] == 0

    report_file = tmp_path / "sweep.json"
    report_file.write_text(out)
    (checked,) = checked_keys(report_file, emulator.url, tmp_path)
    assert checked["status"] == "active"
    assert checked["found_at"] == [f"{tag_sha[:12]}:(tag message):4"]
    # The playbook's "since" is the tag's own date, read from the tag object.
    from datetime import datetime, timezone

    tagged = int(repo.git("for-each-ref", "--format=%(taggerdate:unix)", "refs/tags/v1"))
    when = datetime.fromtimestamp(tagged, timezone.utc).isoformat().replace("+00:00", "Z")
    assert any(f"since {when}" in step for step in checked["steps"]), checked["steps"]

    rewrite = next(s for s in data["cleanup_sequence"] if s.startswith("Rewrite history"))
    (command,) = [c for c in backticked(rewrite) if c.startswith("git filter-repo")]
    run_printed(command, repo)
    assert account.api_key not in repo.git("cat-file", "tag", "v1")
    code, _ = run(str(repo.path))
    assert code == 0


def test_tag_messages_are_read_in_one_call_whatever_they_hold(tmp_path: Path) -> None:
    from binance_secrets.hooks.git.repo import open_repository
    from binance_secrets.hooks.sweep.tags import tag_messages

    repo = GitRepo(tmp_path / "repo")
    repo.commit("initial", {"README.md": "# bot\n"})
    head = repo.git("rev-parse", "HEAD")
    for name, message in (("a", b"one\x00hidden"), ("b", b"two\n\x00\n"), ("c", b"")):
        raw = f"object {head}\ntype commit\ntag {name}\ntagger T <t@x> 5 +0000\n\n".encode()
        path = tmp_path / "tag"
        path.write_bytes(raw + message)
        sha = repo.git("hash-object", "-t", "tag", "-w", "--literally", str(path))
        repo.git("update-ref", f"refs/tags/{name}", sha)
    repo.git("tag", "light")
    tags = tag_messages(open_repository(str(repo.path)), 1 << 20)
    # Read from the tag objects: a NUL does not hide what follows it (git's %(contents)
    # stopped there), and a message over the limit is cut to it.
    assert [(t.ref, t.message, t.time, t.cut) for t in tags] == [
        ("refs/tags/a", "one\x00hidden", 5, False),
        ("refs/tags/b", "two\n\x00\n", 5, False),
        ("refs/tags/c", "", 5, False),
    ]
    cut = tag_messages(open_repository(str(repo.path)), 4)
    assert [(t.message, t.cut) for t in cut] == [("one\x00", True), ("two\n", True), ("", False)]


def test_a_value_a_commit_adds_to_a_file_and_names_in_its_message_is_reported_at_the_file(
    tmp_path: Path,
) -> None:
    key = random_key()
    repo = GitRepo(tmp_path / "repo")
    repo.commit("initial", {"README.md": "# binance bot\n"})
    sha = repo.commit(f"add key\n\nBINANCE_API_KEY={key}\n", {"a.env": f"BINANCE_API_KEY={key}\n"})
    (finding,) = report(repo)["findings"]
    assert (finding["commit"], finding["path"], finding["in_message"]) == (sha, "a.env", False)
    assert finding["also"] == [
        {"commit": sha, "path": MESSAGE_PATH, "line": 3, "in_message": True}
    ]
    assert finding["lives_in"]["commit_message"] is True


def test_sweep_verify_checks_a_pair_found_in_a_message(emulator: Emulator, tmp_path: Path) -> None:
    account, secret = hmac_account(emulator)
    repo = GitRepo(tmp_path / "repo")
    repo.commit("initial", {"README.md": "# bot\n"})
    sha = repo.commit(
        f"binance keys\n\nBINANCE_API_KEY={account.api_key}\nBINANCE_API_SECRET={secret}\n"
    )
    endpoint = ("--endpoint", emulator.url, "--allow-unofficial-endpoint")
    code, out = run(str(repo.path), "--format", "json", "--verify", *endpoint)
    assert code == 1
    (key,) = json.loads(out)["keys"]
    assert key["status"] == "active"
    assert key["found_at"] == [f"{sha[:12]}:{MESSAGE_PATH}:3"]
    assert account.api_key not in out and secret not in out


def test_in_a_sha256_repository_the_ids_in_a_header_do_not_hide_its_message(
    tmp_path: Path,
) -> None:
    """A SHA-256 commit id is a 64-character run (a testnet key's shape where the text says
    testnet): the header's first line is git's own, and the message after it is swept."""
    key = random_key()
    path = tmp_path / "repo"
    init_repo(path, None, "--object-format=sha256", "-b", "main")
    repo = GitRepo(path)  # git init again keeps the object format
    repo.commit("initial", {"README.md": "# binance testnet bot\n"})
    sha = repo.commit(f"testnet setup\n\nBINANCE_API_KEY={key}\n", {"a.txt": "testnet\n"})
    assert len(sha) == 64
    (finding,) = report(repo)["findings"]
    assert (finding["commit"], finding["path"], finding["line"]) == (sha, MESSAGE_PATH, 3)
