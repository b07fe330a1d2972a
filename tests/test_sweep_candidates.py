"""The sweep's blob pre-filter (issue 21): one tree-diff pass and each blob read once decide
which commits the diff engine reads; the findings stay those of reading every commit."""

from __future__ import annotations

import base64
import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from binance_secrets.hooks.git.repo import open_repository
from binance_secrets.hooks.scanning.report_fields import MESSAGE_PATH
from binance_secrets.hooks.sweep import candidates, log_stream
from binance_secrets.hooks.sweep import run as sweep_run
from binance_secrets.hooks.sweep.candidates import BlobVerdicts, new_blob
from binance_secrets.hooks.sweep.log_stream import CommitPatch
from binance_secrets.hooks.sweep.run import sweep
from tests.fake_values import random_key
from tests.gitrepo import GitRepo

A = "1" * 40
B = "2" * 40
C = "3" * 40
ZERO = "0" * 40


def record_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The commits the diff engine (``git log -p``) is asked to read, in order."""
    read: list[str] = []
    real = sweep_run.run_log

    def recording(
        repo: Any, commits: list[str], *args: Any, **kwargs: Any
    ) -> Iterator[CommitPatch]:
        read.extend(commits)
        return real(repo, commits, *args, **kwargs)

    monkeypatch.setattr(sweep_run, "run_log", recording)
    return read


def env_text(key: str, secret: str) -> str:
    return f"BINANCE_API_KEY={key}\nBINANCE_API_SECRET={secret}\n"


@pytest.mark.parametrize("per_round", [1, candidates.CHANGES_PER_ROUND])
def test_only_commits_that_left_something_key_shaped_are_diffed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, per_round: int
) -> None:
    monkeypatch.setattr(candidates, "CHANGES_PER_ROUND", per_round)
    repo = GitRepo(tmp_path / "repo")
    for n in range(6):
        repo.commit(f"notes {n}", {"notes.txt": f"line {n}\n" * 5})
    key, secret = random_key(), random_key()
    leaky = repo.commit("binance config", {"binance.env": env_text(key, secret)})
    repo.commit("more notes", {"notes.txt": "more\n"})  # keeps binance.env as it is
    message_key = random_key()
    in_message = repo.commit(f"rotate\n\nBINANCE_API_KEY={message_key}\n", {"notes.txt": "x\n"})
    read = record_reads(monkeypatch)

    result = sweep(open_repository(str(repo.path)), jobs=1)

    assert sorted(read) == sorted([leaky, in_message])
    assert result.commits_swept == 9
    found = {key.finding.value: key.introduced.commit.sha for key in result.keys}
    assert found == {key: leaky, secret: leaky, message_key: in_message}


def test_values_keep_the_commit_that_added_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What the diffs said stays true: a commit that only touched another line of a file
    holding a key did not add it; a key removed and added again was added twice; a file
    copied to a new path adds the key there (no rename detection, as before)."""
    repo = GitRepo(tmp_path / "repo")
    key, secret = random_key(), random_key()
    added = repo.commit("add", {"binance.env": env_text(key, secret)})
    repo.commit("touch", {"binance.env": env_text(key, secret) + "TIMEOUT=5\n"})
    repo.commit("remove", {"binance.env": "TIMEOUT=5\n"})
    again = repo.commit("again", {"binance.env": env_text(key, secret)})
    repo.git("mv", "binance.env", "prod.env")
    moved = repo.commit("move")
    read = record_reads(monkeypatch)

    result = sweep(open_repository(str(repo.path)), jobs=1)

    (first,) = [k for k in result.keys if k.finding.value == key]
    assert (first.introduced.commit.sha, first.finding.path) == (added, "binance.env")
    also = {(o.commit.sha, o.finding.path) for o in first.also}
    assert also == {(again, "binance.env"), (moved, "prod.env")}
    assert len(read) == 4  # "remove" left nothing key-shaped


def test_a_blob_over_the_size_limit_is_not_diffed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """git shows a blob over --max-file-size as binary (no lines), so a commit that left
    only such a blob is not read, key-shaped or not."""
    repo = GitRepo(tmp_path / "repo")
    repo.commit("big", {"binance.env": env_text(random_key(), random_key()) + "#\n" * 500})
    read = record_reads(monkeypatch)
    result = sweep(open_repository(str(repo.path)), max_bytes=1000, jobs=1)
    assert (read, result.keys, result.commits_swept) == ([], [], 1)


def test_a_blob_is_read_once_however_many_commits_keep_it(tmp_path: Path) -> None:
    repo = GitRepo(tmp_path / "repo")
    repo.commit("one", {"a.txt": "same\n", "b.txt": "b\n"})
    repo.commit("two", {"c.txt": "same\n"})  # the blob of a.txt again, at another path
    verdicts = BlobVerdicts(open_repository(str(repo.path)), 1 << 20)
    blob = repo.git("rev-parse", "HEAD:a.txt").encode()
    verdicts.judge([blob, blob])
    verdicts.judge([blob])
    assert (verdicts.blobs_read, verdicts.plain) == (1, {blob})


@pytest.mark.parametrize(
    ("line", "blob"),
    [
        (f":100644 100644 {A} {B} M\tf", B),
        (f":000000 100644 {ZERO} {B} A\tf", B),
        (f":100644 000000 {A} {ZERO} D\tf", None),  # deleted: nothing left there
        (f":160000 160000 {A} {B} M\tsub", None),  # a gitlink names a commit, not a blob
        (f"::100644 100644 100644 {A} {B} {C} MM\tf", C),  # a merge's own blob is last
        (f"::100644 100644 160000 {A} {B} {C} MM\tf", None),
        (":100644 fake", None),
    ],
)
def test_new_blob_of_a_raw_line(line: str, blob: str | None) -> None:
    assert new_blob(line.encode() + b"\n") == (blob.encode() if blob else None)


def test_a_lowercase_hex_run_is_diffed_only_where_testnet_is_said(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A 64-character lowercase-hex run is a digest unless its file section says testnet
    or Binance (the diff pre-filter's rule): by its path, its new lines, or lines a parent
    had."""
    import secrets

    repo = GitRepo(tmp_path / "repo")
    repo.commit("lock", {"poetry.lock": f'hash = "sha256:{secrets.token_hex(32)}"\n'})
    by_path = repo.commit("keys", {"testnet/keys.env": f"K={secrets.token_hex(32)}\n"})
    by_text = repo.commit("futures", {"a.env": f"# testnet\nK={secrets.token_hex(32)}\n"})
    repo.commit("note", {"b.env": "# Binance testnet keys below\n"})
    by_parent = repo.commit("b", {"b.env": f"K={secrets.token_hex(32)}\n"})
    by_name = repo.commit("c", {"c.env": f"BINANCE_API_SECRET={secrets.token_hex(32)}\n"})
    read = record_reads(monkeypatch)

    sweep(open_repository(str(repo.path)), jobs=1)

    assert sorted(read) == sorted([by_path, by_text, by_parent, by_name])


def record_paths(monkeypatch: pytest.MonkeyPatch) -> list[set[bytes] | None]:
    """The paths each ``git log -p`` of the diff engine is limited to (None: every file)."""
    limits: list[set[bytes] | None] = []
    real = sweep_run.run_log

    def recording(repo: Any, commits: list[str], *args: Any, **kwargs: Any) -> Any:
        paths = kwargs.get("paths", args[2] if len(args) > 2 else None)
        limits.append(None if paths is None else set(paths))
        return real(repo, commits, *args, **kwargs)

    monkeypatch.setattr(sweep_run, "run_log", recording)
    return limits


def test_a_commit_is_diffed_only_at_the_paths_that_left_something_key_shaped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A commit that adds a key beside a hundred other files is diffed at the key's file
    alone (named byte for byte, quoting undone and no pathspec magic); its message is still
    read, and so is the message of a commit that changed none of those paths."""
    repo = GitRepo(tmp_path / "repo")
    key, secret = random_key(), random_key()
    odd = "tab\there :(glob)*.env"
    files = {f"docs/page{n}.md": f"page {n}\n" * 50 for n in range(100)}
    leaky = repo.commit("binance config", {**files, odd: env_text(key, secret)})
    message_key = random_key()
    in_message = repo.commit(f"rotate\n\nBINANCE_API_KEY={message_key}\n", {"notes.txt": "x\n"})
    limits = record_paths(monkeypatch)

    result = sweep(open_repository(str(repo.path)), jobs=1)

    assert limits == [{odd.encode()}]
    found = {k.finding.value: (k.introduced.commit.sha, k.finding.path) for k in result.keys}
    in_file = (leaky, odd)
    assert found == {key: in_file, secret: in_file, message_key: (in_message, MESSAGE_PATH)}
    assert result.commits_swept == 2


def test_a_path_git_cannot_be_fed_on_a_line_lifts_the_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = GitRepo(tmp_path / "repo")
    key, secret = random_key(), random_key()
    leaky = repo.commit("keys", {"two\nlines.env": env_text(key, secret), "a.md": "a\n"})
    limits = record_paths(monkeypatch)

    result = sweep(open_repository(str(repo.path)), jobs=1)

    assert limits == [{b"two\nlines.env"}]  # asked with the limit, read without it
    found = {k.finding.value: (k.introduced.commit.sha, k.finding.path) for k in result.keys}
    assert found == {key: (leaky, "two\nlines.env"), secret: (leaky, "two\nlines.env")}


def test_a_commit_missing_a_blob_is_diffed_around_it_at_the_paths_worth_it(
    tmp_path: Path,
) -> None:
    """A partial clone's commit that lacks a blob is diffed without it, and only where the
    blob pass found something (``only``); with nothing left, its message alone is read."""
    repo = GitRepo(tmp_path / "repo")
    big = "".join(random_key() + " words\n" for _ in range(40))
    key = random_key()
    files = {f"docs/page{n}.md": f"page {n}\n" for n in range(20)}
    sha = repo.commit("add", {**files, "big.txt": big, "app.env": env_text(key, random_key())})
    repo.git("config", "uploadpack.allowFilter", "true")
    clone = tmp_path / "partial.git"
    repo.git("clone", "-q", "--mirror", "--filter=blob:limit=1k", f"file://{repo.path}", str(clone))
    repo.git("--git-dir", str(clone), "remote", "remove", "origin")  # nothing to fetch from
    partial = open_repository(str(clone))
    missing = log_stream.missing_blobs(partial, sha)
    assert missing is not None and missing.new == ["big.txt"]

    def shown(only: set[bytes] | None) -> list[str | None]:
        patches = list(log_stream.run_around_missing(partial, sha, 1 << 20, missing, only))
        assert all(patch.info.sha == sha for patch in patches)
        return sorted(file.path for patch in patches for file in patch.files if file.hits)

    assert shown({b"app.env", b"big.txt"}) == ["app.env"]
    assert shown({b"big.txt"}) == []
    assert shown(None) == ["app.env"]  # every other file diffed; only app.env holds a key


def test_a_repository_asking_to_follow_renames_is_diffed_without(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``log.follow`` in the repository's config would make a diff limited to one path a
    rename: the key moved with its file would show no added line. It is overridden."""
    repo = GitRepo(tmp_path / "repo")
    key, secret = random_key(), random_key()
    added = repo.commit("add", {"binance.env": env_text(key, secret)})
    repo.git("mv", "binance.env", "prod.env")
    moved = repo.commit("move")
    repo.git("config", "log.follow", "true")
    monkeypatch.setattr(sweep_run, "batch_size", lambda total, jobs: 1)  # one path a log
    limits = record_paths(monkeypatch)

    result = sweep(open_repository(str(repo.path)), jobs=1)

    assert sorted(sorted(limit or ()) for limit in limits) == [[b"binance.env"], [b"prod.env"]]
    (first,) = [k for k in result.keys if k.finding.value == key]
    assert (first.introduced.commit.sha, first.finding.path) == (added, "binance.env")
    assert {(o.commit.sha, o.finding.path) for o in first.also} == {(moved, "prod.env")}


def test_a_lock_files_integrity_hashes_are_not_diffed_a_base64_key_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # sha512 integrity hashes are base64 of 64 random bytes: the length and alphabet of a
    # base64-encoded key, but they decode to no key, so the detection never takes them.
    repo = GitRepo(tmp_path / "repo")
    integrity = base64.b64encode(secrets.token_bytes(64)).decode()
    assert len(integrity) == 88 and integrity.endswith("==")
    lock = repo.commit("lock", {"package-lock.json": f'{{"integrity": "sha512-{integrity}"}}\n'})
    key = random_key()
    manifest = (
        "apiVersion: v1\nkind: Secret\nmetadata:\n  name: binance\ndata:\n"
        f"  binance-api-key: {base64.b64encode(key.encode()).decode()}\n"
    )
    secret_commit = repo.commit("secret", {"k8s/binance-secret.yaml": manifest})
    read = record_reads(monkeypatch)

    result = sweep(open_repository(str(repo.path)), jobs=1)

    assert lock not in read and read == [secret_commit]
    assert [found.finding.value for found in result.keys] == [key]
    assert not log_stream.has_candidate(f'"integrity": "sha512-{integrity}"'.encode())
    assert log_stream.blob_candidates(f"sha512-{integrity}\n".encode()) == log_stream.NO_CANDIDATE
