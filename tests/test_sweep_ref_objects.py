"""The sweep reads what a ref names directly: a tag of a blob or of a tree holds a file no
commit has, and every clone that fetches tags receives it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from binance_secrets.hooks.commands.cli import cli
from binance_secrets.plugins.detection.findings import fingerprint
from tests.cli_process import checked_keys
from tests.emulator.fixtures import emulator_fixture, hmac_account  # noqa: F401 - fixtures
from tests.emulator.server import Emulator
from tests.fake_values import random_key
from tests.gitrepo import GitRepo


def env_file(key: str, secret: str) -> str:
    return f"# binance bot\nBINANCE_API_KEY={key}\nBINANCE_API_SECRET={secret}\n"


def sweep(repo: GitRepo) -> tuple[int, str]:
    result = CliRunner().invoke(
        cli, ["sweep", "--quiet", str(repo.path), "--format", "json"], catch_exceptions=False
    )
    return result.exit_code, result.stdout


def finding_of(report: dict[str, Any], value: str) -> dict[str, Any]:
    (found,) = [f for f in report["findings"] if f["fingerprint"] == fingerprint(value)]
    return found


def blob_of(repo: GitRepo, text: str) -> str:
    return repo.git("hash-object", "-w", "--stdin", input=text)


def test_a_tag_of_a_blob_is_found_at_its_ref_and_cleaned_by_deleting_it(
    tmp_path: Path, emulator: Emulator
) -> None:
    account, secret = hmac_account(emulator)
    repo = GitRepo(tmp_path / "repo")
    repo.commit("initial", {"README.md": "# bot\n"})
    blob = blob_of(repo, env_file(account.api_key, secret))
    repo.git("tag", "keyfile", blob)

    code, out = sweep(repo)
    assert code == 1, out
    assert account.api_key not in out and secret not in out
    report = json.loads(out)
    key = finding_of(report, account.api_key)
    assert (key["commit"], key["path"], key["line"]) == (blob, "refs/tags/keyfile", 2)
    assert (key["tag"], key["in_message"], key["refs"]) == (
        "refs/tags/keyfile",
        False,
        ["refs/tags/keyfile"],
    )
    assert key["pair"] == fingerprint(secret)
    where = key["lives_in"]
    assert where["ref_objects"] == ["refs/tags/keyfile"]
    assert (where["tags"], where["tag_message"]) == ([], False)
    (step,) = key["cleanup"]
    assert step["place"] == "ref_object"
    assert "no history rewrite changes it" in step["step"]
    assert "`git update-ref -d refs/tags/keyfile`" in step["step"]

    # check --report reads the value from the blob the ref names, not from a commit.
    report_file = tmp_path / "sweep.json"
    report_file.write_text(out)
    (checked,) = checked_keys(report_file, emulator.url, tmp_path)
    assert checked["status"] == "active"

    repo.git("update-ref", "-d", "refs/tags/keyfile")
    assert sweep(repo)[0] == 0


def test_a_tag_of_a_tree_and_an_annotated_tag_of_a_blob_are_found(git_repo: GitRepo) -> None:
    key, secret, other = random_key(), random_key(), random_key()
    git_repo.commit("initial", {"README.md": "# bot\n"})
    held = blob_of(git_repo, env_file(key, secret))
    tree = git_repo.git("mktree", input=f"100644 blob {held}\t.env\n")
    outer = git_repo.git("mktree", input=f"040000 tree {tree}\tconf\n")
    git_repo.git("tag", "snapshot", outer)
    git_repo.git(
        "tag",
        "-a",
        "-m",
        "the key file",
        "annotated",
        blob_of(git_repo, env_file(other, random_key())),
    )
    tag_object = git_repo.git("rev-parse", "refs/tags/annotated")

    code, out = sweep(git_repo)
    assert code == 1, out
    report = json.loads(out)
    found = finding_of(report, key)
    assert (found["commit"], found["path"]) == (outer, "refs/tags/snapshot:conf/.env")
    assert (found["tag"], found["pair"]) == ("refs/tags/snapshot", fingerprint(secret))
    annotated = finding_of(report, other)
    assert (annotated["commit"], annotated["path"]) == (tag_object, "refs/tags/annotated")
    assert annotated["lives_in"]["ref_objects"] == ["refs/tags/annotated"]


def test_a_tag_of_a_clean_blob_or_tree_adds_nothing(git_repo: GitRepo) -> None:
    git_repo.commit("initial", {"README.md": "# bot\n"})
    clean = blob_of(git_repo, "# binance bot\nBINANCE_API_KEY=${BINANCE_API_KEY}\n")
    git_repo.git("tag", "clean", clean)
    git_repo.git("tag", "tree", git_repo.git("rev-parse", "HEAD^{tree}"))
    code, out = sweep(git_repo)
    assert code == 0, out
    assert json.loads(out)["findings"] == []


def test_a_tagged_blob_over_the_size_bound_is_listed_as_skipped(git_repo: GitRepo) -> None:
    git_repo.commit("initial", {"README.md": "# bot\n"})
    big = env_file(random_key(), random_key()) + "#\n" * 600
    git_repo.git("tag", "big", blob_of(git_repo, big))
    result = CliRunner().invoke(
        cli,
        ["sweep", "--quiet", str(git_repo.path), "--format", "json", "--max-file-size", "1000"],
        catch_exceptions=False,
    )
    report = json.loads(result.stdout)
    assert report["findings"] == []
    assert any(entry["path"] == "refs/tags/big" for entry in report["skipped"]), report["skipped"]
