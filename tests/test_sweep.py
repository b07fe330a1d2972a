"""The history sweep on real repositories: every place a key can hide, the exact report."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from binance_secrets.hooks.commands.cli import cli
from binance_secrets.plugins.detection.findings import API_KEY, SECRET_KEY, fingerprint
from tests.cli_process import run_cli
from tests.fake_values import random_key
from tests.gitrepo import GitRepo


def env_file(key: str, secret: str) -> str:
    return f"# binance bot\nBINANCE_API_KEY={key}\nBINANCE_API_SECRET={secret}\n"


def run_sweep(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["sweep", *args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def sweep_report(path: Path, *args: str) -> tuple[int, dict[str, Any]]:
    code, out, _ = run_sweep(str(path), "--format", "json", "--quiet", *args)
    assert code in (0, 1), out
    return code, json.loads(out)


def by_value(report: dict[str, Any], value: str) -> dict[str, Any]:
    matches = [f for f in report["findings"] if f["fingerprint"] == fingerprint(value)]
    assert len(matches) == 1, f"expected one finding for the value, got {len(matches)}"
    return matches[0]


def test_key_added_then_removed_is_reported_at_its_introducing_commit(git_repo: GitRepo) -> None:
    key, secret = random_key(), random_key()
    introducing = git_repo.commit("add config", {"bot/.env": env_file(key, secret)})
    git_repo.commit("touch readme", {"README.md": "# trading bot\nmore\n"})
    git_repo.commit("remove config", remove=("bot/.env",))

    code, report = sweep_report(git_repo.path)
    assert code == 1
    assert report["repository"] == str(git_repo.path)
    assert report["commits_swept"] == 4
    found_key, found_secret = by_value(report, key), by_value(report, secret)
    removal = git_repo.git("rev-parse", "HEAD")
    timeline = found_key.pop("timeline")
    assert timeline["reached"] == {
        "refs/heads/main": {"commit": introducing, "date": found_key["committer_date"]}
    }
    assert timeline["removed"]["refs/heads/main"]["commit"] == removal
    assert timeline["pushed"] == {"earliest": None, "evidence": []}
    found_secret.pop("timeline")
    assert found_key == {
        "type": API_KEY,
        "path": "bot/.env",
        "line": 2,
        "column": len("BINANCE_API_KEY=") + 1,
        "redacted": f"{key[:4]}...{key[-4:]}",
        "fingerprint": fingerprint(key),
        "pair": fingerprint(secret),
        "example": False,
        "environment": "unknown",
        "binance_signal": "name",
        "commit": introducing,
        "author": "Alice Example <alice@example.invalid>",
        "date": found_key["date"],
        "committer_date": found_key["committer_date"],
        "subject": "add config",
        "in_message": False,
        "in_head": False,
        "head_paths": [],
        "refs": ["refs/heads/main"],
        "pushed": False,
        "unreachable": False,
        "found_in": "refs",
        "also": [],
        "pushed_status": "not_known",
        "lives_in": {
            "checked_out_branch": "main",
            "branches": ["main"],
            "tags": [],
            "stash": [],
            "remotes": {},
            "stale_remotes": {},
            "other_refs": [],
            "detached_head": False,
            "reflog": False,
            "dangling": False,
            "commit_message": False,
            "tag_message": False,
            "ref_objects": [],
        },
        "cleanup": [
            {
                "place": "checked_out",
                "names": ["main"],
                "step": "branch main (checked out): rewrite history (see the clean-up sequence)",
            }
        ],
    }
    assert found_key["date"].startswith("2023-11-14T22:")
    assert (found_secret["type"], found_secret["line"], found_secret["pair"]) == (
        SECRET_KEY,
        3,
        fingerprint(key),
    )
    assert len(report["findings"]) == 2


def test_value_kept_in_a_file_is_reported_once_and_readded_copies_in_also(
    git_repo: GitRepo,
) -> None:
    key, secret = random_key(), random_key()
    first = git_repo.commit("add", {".env": env_file(key, secret)})
    git_repo.commit("edit around it", {".env": env_file(key, secret) + "DEBUG=1\n"})
    copy = git_repo.commit("copy", {"deploy/prod.env": "LOG=1\n" + env_file(key, secret)})

    _, report = sweep_report(git_repo.path)
    found = by_value(report, key)
    assert (found["commit"], found["path"], found["line"]) == (first, ".env", 2)
    assert found["also"] == [{"commit": copy, "path": "deploy/prod.env", "line": 3}]
    assert found["in_head"] is True
    assert found["head_paths"] == [".env", "deploy/prod.env"]
    assert len(report["findings"]) == 2


def test_side_branch_tag_and_pushed(git_repo: GitRepo, tmp_path: Path) -> None:
    side_key, tag_key, pushed_key = random_key(), random_key(), random_key()
    remote = GitRepo(tmp_path / "remote.git", bare=True)
    git_repo.git("remote", "add", "origin", str(remote.path))
    pushed = git_repo.commit("pushed", {"a.env": f"BINANCE_API_KEY={pushed_key}\n"})
    git_repo.git("push", "-q", "origin", "main")
    git_repo.git("checkout", "-q", "-b", "side")
    side = git_repo.commit("side work", {"side.env": f"BINANCE_API_KEY={side_key}\n"})
    git_repo.git("checkout", "-q", "--detach", "main")
    tagged = git_repo.commit("release", {"tag.env": f"BINANCE_API_KEY={tag_key}\n"})
    git_repo.git("tag", "-a", "-m", "release v1", "v1")  # annotated: peeled to its commit
    git_repo.git("checkout", "-q", "main")

    _, report = sweep_report(git_repo.path)
    side_found, tag_found = by_value(report, side_key), by_value(report, tag_key)
    pushed_found = by_value(report, pushed_key)
    assert (side_found["commit"], side_found["refs"], side_found["pushed"]) == (
        side,
        ["refs/heads/side"],
        False,
    )
    assert side_found["in_head"] is False
    assert (tag_found["commit"], tag_found["refs"]) == (tagged, ["refs/tags/v1"])
    assert pushed_found["commit"] == pushed
    assert pushed_found["pushed"] is True
    assert pushed_found["refs"] == [
        "refs/heads/main",
        "refs/heads/side",
        "refs/remotes/origin/main",
        "refs/tags/v1",
    ]


def test_stash_entries_are_swept(git_repo: GitRepo) -> None:
    older, newer = random_key(), random_key()
    git_repo.commit("config", {"config.py": "# binance\nDEBUG = True\n"})
    git_repo.write("config.py", f'# binance\nDEBUG = True\napi_key = "{older}"\n')
    git_repo.tick()
    git_repo.git("stash", "push", "-q", "-m", "older")
    git_repo.write("config.py", f'# binance\nDEBUG = False\napi_key = "{newer}"\n')
    git_repo.tick()
    git_repo.git("stash", "push", "-q", "-m", "newer")

    _, report = sweep_report(git_repo.path)
    older_found, newer_found = by_value(report, older), by_value(report, newer)
    assert (older_found["path"], older_found["line"]) == ("config.py", 3)
    assert older_found["refs"] == ["stash@{1}"]
    assert newer_found["refs"] == ["refs/stash"]
    assert older_found["unreachable"] is False and newer_found["in_head"] is False
    stash_commits = git_repo.git("log", "-g", "--format=%H", "refs/stash").split()
    assert newer_found["commit"] == stash_commits[0]
    assert older_found["commit"] == stash_commits[1]


def test_reflog_only_and_dangling_commits(git_repo: GitRepo) -> None:
    reset_key, dangling_key = random_key(), random_key()
    reset_away = git_repo.commit("oops", {"bot.env": f"BINANCE_API_KEY={reset_key}\n"})
    git_repo.git("reset", "-q", "--hard", "HEAD~1")
    # A commit no ref and no reflog entry mentions: what `git commit-tree` leaves behind.
    blob = git_repo.git("hash-object", "-w", "--stdin", input=f"BINANCE_API_KEY={dangling_key}\n")
    tree = git_repo.git("mktree", input=f"100644 blob {blob}\tleak.env\n")
    git_repo.tick()
    dangling = git_repo.git("commit-tree", tree, "-m", "dangling")

    code, report = sweep_report(git_repo.path)
    assert code == 1
    reset_found, dangling_found = by_value(report, reset_key), by_value(report, dangling_key)
    assert (reset_found["commit"], reset_found["found_in"]) == (reset_away, "reflog")
    assert reset_found["unreachable"] is True and reset_found["refs"] == []
    assert (dangling_found["commit"], dangling_found["path"], dangling_found["line"]) == (
        dangling,
        "leak.env",
        1,
    )
    assert dangling_found["found_in"] == "dangling" and dangling_found["unreachable"] is True

    code, reachable = sweep_report(git_repo.path, "--reachable-only")
    assert code == 0 and reachable["findings"] == []
    assert reachable["scope"]["reachable_only"] is True


def test_amended_commit_prefers_the_reachable_copy(git_repo: GitRepo) -> None:
    key = random_key()
    original = git_repo.commit("wip", {"k.env": f"BINANCE_API_KEY={key}\n"})
    git_repo.tick()
    git_repo.git("commit", "-q", "--amend", "-m", "final")
    amended = git_repo.head()

    _, report = sweep_report(git_repo.path)
    found = by_value(report, key)
    assert (found["commit"], found["unreachable"], found["refs"]) == (
        amended,
        False,
        ["refs/heads/main"],
    )
    assert found["also"] == [{"commit": original, "path": "k.env", "line": 1}]


def test_notes_are_swept(git_repo: GitRepo) -> None:
    key = random_key()
    head = git_repo.head()
    git_repo.tick()
    git_repo.git("notes", "add", "-m", f"deployed with BINANCE_API_KEY={key}", head)

    _, report = sweep_report(git_repo.path)
    found = by_value(report, key)
    assert (found["path"], found["line"]) == (head, 1)
    assert found["refs"] == ["refs/notes/commits"]


def test_merges_report_side_commit_and_evil_merge_lines(git_repo: GitRepo) -> None:
    side_key, merge_key = random_key(), random_key()
    git_repo.git("checkout", "-q", "-b", "feature")
    side = git_repo.commit("feature", {"feature.env": f"BINANCE_API_KEY={side_key}\n"})
    git_repo.git("checkout", "-q", "main")
    git_repo.commit("main work", {"README.md": "# trading bot\nmain\n"})
    git_repo.tick()
    git_repo.git("merge", "-q", "--no-commit", "feature")
    git_repo.write("merge.env", f"BINANCE_API_SECRET={merge_key}\n")
    git_repo.git("add", "merge.env")
    git_repo.git("commit", "-q", "-m", "merge feature")
    merge = git_repo.head()

    _, report = sweep_report(git_repo.path)
    side_found, merge_found = by_value(report, side_key), by_value(report, merge_key)
    assert (side_found["commit"], side_found["also"]) == (side, [])
    assert (merge_found["commit"], merge_found["path"], merge_found["line"]) == (
        merge,
        "merge.env",
        1,
    )


def test_a_merge_that_rewrites_a_file_both_sides_changed_owns_only_its_own_lines(
    git_repo: GitRepo,
) -> None:
    """A file both parents changed and the merge changed again: only the lines added
    against every parent are the merge's (what git's dense combined diff shows); a line
    one side brought stays that side's. The merge is read from its diff against each
    parent, never from git's combined diff (whose memory a lock file can blow up)."""
    side_key, merge_key = random_key(), random_key()
    base = "".join(f"line_{n} = {n}\n" for n in range(30))
    git_repo.commit("base", {"bot.py": f"# binance\n{base}"})
    git_repo.git("checkout", "-q", "-b", "feature")
    side_text = f"# binance\n{base}api_key = '{side_key}'\n"
    side = git_repo.commit("feature", {"bot.py": side_text})
    git_repo.git("checkout", "-q", "main")
    git_repo.commit("main work", {"bot.py": f"# binance bot\n{base}"})
    git_repo.tick()
    git_repo.git("merge", "-q", "--no-commit", "-s", "ours", "feature")
    git_repo.write(
        "bot.py", f"# binance bot\n{base}api_key = '{side_key}'\nsecret = '{merge_key}'\n"
    )
    git_repo.git("add", "bot.py")
    git_repo.git("commit", "-q", "-m", "merge feature")
    merge = git_repo.head()

    _, report = sweep_report(git_repo.path)
    side_found, merge_found = by_value(report, side_key), by_value(report, merge_key)
    assert (side_found["commit"], side_found["also"]) == (side, [])
    assert (merge_found["commit"], merge_found["path"], merge_found["line"]) == (
        merge,
        "bot.py",
        33,
    )


def test_pairs_with_a_secret_committed_earlier_and_file_context_outside_the_hunk(
    git_repo: GitRepo,
) -> None:
    key, secret = random_key(), random_key()
    filler = "".join(f"option_{n} = {n}\n" for n in range(20))
    git_repo.commit("settings", {"settings.py": f"# Binance bot settings\n{filler}"})
    git_repo.commit(
        "secret", {"settings.py": f"# Binance bot settings\n{filler}api_secret = '{secret}'\n"}
    )
    added = git_repo.commit(
        "key",
        {
            "settings.py": f"# Binance bot settings\n{filler}api_secret = '{secret}'\n"
            f"api_key = '{key}'\n"
        },
    )

    _, report = sweep_report(git_repo.path)
    found = by_value(report, key)
    assert (found["commit"], found["line"], found["pair"]) == (added, 23, fingerprint(secret))


def test_since_and_ref_narrow_the_sweep(git_repo: GitRepo) -> None:
    old_key, new_key, side_key = random_key(), random_key(), random_key()
    git_repo.commit("old", {"old.env": f"BINANCE_API_KEY={old_key}\n"})
    git_repo.clock += 60 * 24 * 400  # more than a year later
    git_repo.commit("new", {"new.env": f"BINANCE_API_KEY={new_key}\n"})
    git_repo.git("checkout", "-q", "-b", "side")
    git_repo.commit("side", {"side.env": f"BINANCE_API_KEY={side_key}\n"})
    git_repo.git("checkout", "-q", "main")

    _, recent = sweep_report(git_repo.path, "--since", "2024-06-01")
    assert {f["fingerprint"] for f in recent["findings"]} == {
        fingerprint(new_key),
        fingerprint(side_key),
    }
    _, main_only = sweep_report(git_repo.path, "--ref", "main")
    assert {f["fingerprint"] for f in main_only["findings"]} == {
        fingerprint(old_key),
        fingerprint(new_key),
    }
    assert main_only["scope"] == {
        "refs": ["main"],
        "since": None,
        "reachable_only": True,
        "ignore_testnet": False,
    }


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--ref", "no-such-branch"], "--ref no-such-branch: no such commit or ref"),
        (["--since", "last tuesday"], "is not a date"),
    ],
)
def test_bad_options_exit_2_with_one_line(git_repo: GitRepo, args: list[str], message: str) -> None:
    code, _, err = run_sweep(str(git_repo.path), *args)
    assert code == 2
    assert message in err
    assert "Traceback" not in err


def test_not_a_repository_and_missing_path(tmp_path: Path) -> None:
    (tmp_path / "plain").mkdir()
    code, _, err = run_sweep(str(tmp_path / "plain"))
    assert code == 2 and "not a git repository" in err and "Traceback" not in err
    code, _, err = run_sweep(str(tmp_path / "missing"))
    assert code == 2 and "Traceback" not in err


def test_empty_repository(tmp_path: Path) -> None:
    empty = GitRepo(tmp_path / "empty")
    code, out, err = run_sweep(str(empty.path), "--format", "json")
    assert code == 0
    report = json.loads(out)
    assert report["findings"] == [] and report["commits_swept"] == 0
    assert "no commits to sweep" in err


def test_bare_clone_detached_head_and_shallow_clone(git_repo: GitRepo, tmp_path: Path) -> None:
    key = random_key()
    introducing = git_repo.commit("add", {"k.env": f"BINANCE_API_KEY={key}\n"})
    git_repo.commit("later", {"README.md": "# trading bot\nlater\n"})

    bare = tmp_path / "bare.git"
    subprocess.run(["git", "clone", "-q", "--bare", str(git_repo.path), str(bare)], check=True)
    _, report = sweep_report(bare)
    assert by_value(report, key)["commit"] == introducing
    assert report["repository"] == str(bare)

    git_repo.git("checkout", "-q", "--detach", "HEAD~1")
    _, detached = sweep_report(git_repo.path)
    assert by_value(detached, key)["in_head"] is True

    shallow = tmp_path / "shallow"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{git_repo.path}", str(shallow)],
        check=True,
    )
    code, out, err = run_sweep(str(shallow), "--format", "json")
    report = json.loads(out)
    assert report["shallow"] is True
    assert "shallow clone" in err
    # The boundary commit's whole tree counts as added there: the key is still found.
    assert by_value(report, key)["in_head"] is True


@pytest.mark.parametrize("name", ["re\npo", "re\rpo", "re\npo\ntrue\nfalse"])
def test_a_repository_whose_path_holds_a_line_break_is_swept_whole(
    tmp_path: Path, name: str
) -> None:
    """git names the git dir and the work tree a line each: a path with a newline in it
    once split there, and the sweep read a directory that was not the repository and
    reported nothing, exit 0. The work tree, its .git directory, a bare clone and the
    console entry all find the key."""
    git_repo = GitRepo(tmp_path / name)
    git_repo.commit("initial", {"README.md": "# trading bot\n"})
    key = random_key()
    introducing = git_repo.commit("add", {"k.env": f"BINANCE_API_KEY={key}\n"})
    bare = tmp_path / f"{name}.git"
    subprocess.run(["git", "clone", "-q", "--bare", str(git_repo.path), str(bare)], check=True)
    work = git_repo.path
    for path, shown in ((work, work), (work / ".git", work), (bare, bare)):
        code, report = sweep_report(path)
        assert code == 1 and report["commits_swept"] == 2, path
        assert by_value(report, key)["commit"] == introducing
        assert report["repository"] == str(shown)
    done = run_cli("sweep", str(git_repo.path), "--format", "json", "--quiet", cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    assert by_value(json.loads(done.stdout), key)["commit"] == introducing


def test_submodules_are_named_not_swept(git_repo: GitRepo, tmp_path: Path) -> None:
    inner = GitRepo(tmp_path / "inner")
    inner.commit("inner", {"x.env": f"BINANCE_API_KEY={random_key()}\n"})
    git_repo.git(
        "-c", "protocol.file.allow=always", "submodule", "add", "-q", str(inner.path), "lib"
    )
    git_repo.commit("add submodule")

    code, out, err = run_sweep(str(git_repo.path), "--format", "json")
    report = json.loads(out)
    assert code == 0
    assert report["submodules_not_swept"] == ["lib"]
    assert "submodules were not swept" in err and "lib" in err


def test_missing_object_is_skipped_and_the_rest_is_swept(git_repo: GitRepo) -> None:
    lost_key, kept_key = random_key(), random_key()
    lost = git_repo.commit("lost", {"lost.env": f"BINANCE_API_KEY={lost_key}\n"})
    kept = git_repo.commit("kept", {"kept.env": f"BINANCE_API_KEY={kept_key}\n"})
    blob = git_repo.git("rev-parse", f"{lost}:lost.env")
    os.remove(git_repo.path / ".git" / "objects" / blob[:2] / blob[2:])

    code, report = sweep_report(git_repo.path)
    assert code == 1
    assert by_value(report, kept_key)["commit"] == kept
    assert fingerprint(lost_key) not in {f["fingerprint"] for f in report["findings"]}
    reasons = {s["path"]: s["reason"] for s in report["skipped"]}
    # `lost` is swept but for its missing blob, which is named by path (this is no partial
    # clone: the object is simply gone).
    assert reasons == {f"{lost}:lost.env": "missing"}
    assert report["commits_swept"] == 3


def test_a_partial_clone_is_swept_around_its_missing_blobs(
    git_repo: GitRepo, tmp_path: Path
) -> None:
    """A partial clone (``--filter=blob:limit=1k``) lacks the large blobs: the commits
    that changed one are swept all the same, each missing blob is listed by path, and a
    file whose earlier version is missing is read whole. Nothing is fetched."""
    keys = [random_key() for _ in range(3)]
    big = ["".join(random_key() + " words\n" for _ in range(40)) for _ in range(2)]
    first = git_repo.commit(
        "first", {"big.txt": big[0], "app.env": f"# binance\nBINANCE_API_KEY={keys[0]}\n"}
    )
    second = git_repo.commit(
        "second", {"big.txt": big[1], "bot.env": f"# binance\nBINANCE_API_KEY={keys[1]}\n"}
    )
    third = git_repo.commit("third", {"big.txt": f"# binance\nBINANCE_API_KEY={keys[2]}\n"})
    git_repo.git("config", "uploadpack.allowFilter", "true")
    clone = tmp_path / "partial.git"
    git_repo.git(
        "clone", "-q", "--mirror", "--filter=blob:limit=1k", f"file://{git_repo.path}", str(clone)
    )
    git_repo.git("--git-dir", str(clone), "remote", "remove", "origin")  # nothing to fetch from
    for version in (first, second):
        blob = git_repo.git("rev-parse", f"{version}:big.txt")
        done = subprocess.run(
            ["git", "--git-dir", str(clone), "cat-file", "-e", blob],
            env={**os.environ, "GIT_NO_LAZY_FETCH": "1"},
            capture_output=True,
            check=False,
        )
        assert done.returncode != 0, "the large blob should be missing from the clone"

    code, report = sweep_report(clone)
    assert code == 1
    assert [by_value(report, key)["commit"] for key in keys] == [first, second, third]
    assert by_value(report, keys[2])["path"] == "big.txt"
    assert {s["path"]: s["reason"] for s in report["skipped"]} == {
        f"{first}:big.txt": "missing (partial clone)",
        f"{second}:big.txt": "missing (partial clone)",
    }
    assert report["commits_swept"] == 4


def test_binary_huge_and_non_utf8_content(git_repo: GitRepo) -> None:
    binary_key, huge_key, latin_key = random_key(), random_key(), random_key()
    (git_repo.path / "blob.bin").write_bytes(b"\0\1binance " + binary_key.encode() + b"\0")
    (git_repo.path / "huge.env").write_text(
        "x = 1\n" * 2000 + f"BINANCE_API_KEY={huge_key}\n", encoding="utf-8"
    )
    (git_repo.path / "latin.env").write_bytes(
        "# caf\xe9 binance\n".encode("latin-1") + f"BINANCE_API_KEY={latin_key}\n".encode()
    )
    mixed = git_repo.commit("mixed")
    git_repo.commit("touch the big file", {"huge.env": "y = 2\n" * 2000})

    code, report = sweep_report(git_repo.path, "--max-file-size", "4096")
    values = {f["fingerprint"] for f in report["findings"]}
    assert fingerprint(latin_key) in values
    assert fingerprint(binary_key) not in values
    assert fingerprint(huge_key) not in values
    assert by_value(report, latin_key)["line"] == 2
    # Not read, and not passed over in silence: each big blob is named once with a place.
    too_large = [s for s in report["skipped"] if s["reason"] == "larger than 4096 bytes"]
    assert len(too_large) == 2, report["skipped"]
    assert f"{mixed}:huge.env" in {s["path"] for s in too_large}


def test_text_and_sarif_outputs_never_hold_a_value(git_repo: GitRepo) -> None:
    key, secret = random_key(), random_key()
    git_repo.commit("add", {".env": env_file(key, secret)})
    git_repo.commit("remove", remove=(".env",))

    code, text, _ = run_sweep(str(git_repo.path), "--quiet")
    assert code == 1
    assert ".env:2: Binance API Key" in text
    assert "in HEAD:     no (removed, but still in the history of main)" in text
    assert "refs:        refs/heads/main" in text
    assert "binance-secrets sweep --format json" in text
    code, sarif, _ = run_sweep(str(git_repo.path), "--quiet", "--format", "sarif")
    assert json.loads(sarif)["version"] == "2.1.0"
    for rendered in (text, sarif):
        assert key not in rendered and secret not in rendered


def test_output_file_and_no_progress_when_not_a_terminal(git_repo: GitRepo, tmp_path: Path) -> None:
    git_repo.commit("add", {".env": env_file(random_key(), random_key())})
    target = tmp_path / "sweep.json"
    code, out, err = run_sweep(str(git_repo.path), "--format", "json", "--output", str(target))
    assert code == 1 and out == ""
    assert "\r" not in err
    assert len(json.loads(target.read_text())["findings"]) == 2


def test_a_ref_to_a_missing_commit_is_skipped_and_the_rest_is_swept(git_repo: GitRepo) -> None:
    key = random_key()
    added = git_repo.commit("add", {"k.env": f"BINANCE_API_KEY={key}\n"})
    (git_repo.path / ".git" / "refs" / "heads" / "broken").write_text("1" * 40 + "\n")

    code, report = sweep_report(git_repo.path)
    assert code == 1
    found = by_value(report, key)
    assert (found["commit"], found["refs"]) == (added, ["refs/heads/main"])
    assert report["skipped"] == [
        {
            "path": "refs/heads/broken",
            "reason": "history unreadable: fatal: bad object refs/heads/broken",
        }
    ]


def test_dangling_commits_are_found_beside_a_ref_to_a_missing_commit(git_repo: GitRepo) -> None:
    """The dangling listing starts before the refs are known to be readable; when one is
    not, it is asked again with the readable refs only, and still finds the commit."""
    key = random_key()
    blob = git_repo.git("hash-object", "-w", "--stdin", input=f"BINANCE_API_KEY={key}\n")
    tree = git_repo.git("mktree", input=f"100644 blob {blob}\tleak.env\n")
    git_repo.tick()
    dangling = git_repo.git("commit-tree", tree, "-m", "dangling")
    (git_repo.path / ".git" / "refs" / "heads" / "broken").write_text("1" * 40 + "\n")

    code, report = sweep_report(git_repo.path)
    assert code == 1
    found = by_value(report, key)
    assert (found["commit"], found["found_in"]) == (dangling, "dangling")
    assert [entry["path"] for entry in report["skipped"]] == ["refs/heads/broken"]


def test_dangling_commits_are_found_beside_a_reflog_entry_for_a_missing_commit(
    git_repo: GitRepo,
) -> None:
    """The early dangling listing excludes every reflog: one that names a pruned commit
    (git warns and goes on) changes nothing."""
    key = random_key()
    blob = git_repo.git("hash-object", "-w", "--stdin", input=f"BINANCE_API_KEY={key}\n")
    tree = git_repo.git("mktree", input=f"100644 blob {blob}\tleak.env\n")
    git_repo.tick()
    dangling = git_repo.git("commit-tree", tree, "-m", "dangling")
    head = git_repo.head()
    log = git_repo.path / ".git" / "logs" / "refs" / "heads" / "main"
    with log.open("a") as handle:
        handle.write(f"{head} {'1' * 40} A U Thor <a@example.com> 1700000000 +0000\tbroken\n")

    code, report = sweep_report(git_repo.path)
    assert code == 1
    found = by_value(report, key)
    assert (found["commit"], found["found_in"]) == (dangling, "dangling")
    assert "dangling commits" not in [entry["path"] for entry in report["skipped"]]


def test_pairs_with_a_partner_beyond_the_diff_context(git_repo: GitRepo) -> None:
    key, secret = random_key(), random_key()
    filler = "".join(f"option_{n} = {n}\n" for n in range(20))
    head = f"# binance bot\napi_secret = '{secret}'\n{filler}"
    git_repo.commit("secret", {"bot.py": head})
    added = git_repo.commit("key", {"bot.py": f"{head}api_key = '{key}'\n"})

    _, report = sweep_report(git_repo.path)
    found = by_value(report, key)
    assert (found["commit"], found["line"], found["pair"]) == (added, 23, fingerprint(secret))


def test_base64_encoded_kubernetes_secret_is_found_and_located_at_head(git_repo: GitRepo) -> None:
    import base64

    key = random_key()
    encoded = base64.b64encode(key.encode()).decode()
    manifest = (
        f"kind: Secret\nmetadata:\n  name: binance-bot\ndata:\n  BINANCE_API_KEY: {encoded}\n"
    )
    added = git_repo.commit("k8s secret", {"deploy/secret.yaml": manifest})

    _, report = sweep_report(git_repo.path)
    found = by_value(report, key)
    assert (found["commit"], found["path"], found["line"]) == (added, "deploy/secret.yaml", 5)
    assert found["head_paths"] == ["deploy/secret.yaml"]


def test_a_missing_ancestor_skips_only_itself(git_repo: GitRepo) -> None:
    before, lost_key, after, side = (random_key() for _ in range(4))
    old = git_repo.commit("old", {"old.env": f"BINANCE_API_KEY={before}\n"})
    lost = git_repo.commit("lost", {"lost.env": f"BINANCE_API_KEY={lost_key}\n"})
    child = git_repo.commit("child", {"README.md": "# bot\n"})
    added = git_repo.commit("later", {"new.env": f"BINANCE_API_KEY={after}\n"})
    git_repo.git("checkout", "-q", "-b", "side", old)
    on_side = git_repo.commit("side", {"side.env": f"BINANCE_API_KEY={side}\n"})
    git_repo.git("checkout", "-q", "main")
    os.remove(git_repo.path / ".git" / "objects" / lost[:2] / lost[2:])

    code, report = sweep_report(git_repo.path)
    assert code == 1
    assert by_value(report, after)["commit"] == added
    assert by_value(report, side)["commit"] == on_side
    # The child of the missing commit is read against the empty tree: what the missing
    # commit added is still found, at the first readable commit that holds it.
    assert by_value(report, lost_key)["commit"] == child
    assert by_value(report, before)["commit"] == old
    assert report["commits_swept"] == 5
    assert report["skipped"] == [
        {"path": lost, "reason": "commit unreadable: object missing or corrupt"}
    ]
    _, narrowed = sweep_report(git_repo.path, "--ref", "main")
    assert by_value(narrowed, after)["commit"] == added
    assert fingerprint(side) not in {f["fingerprint"] for f in narrowed["findings"]}


def test_any_byte_but_nul_in_a_file_name(git_repo: GitRepo) -> None:
    """Names git quotes in patches, and one that is not UTF-8: each value is reported at its
    own path, and a newline in one name does not shift what the others are found in."""
    names = [b"new\nline.env", b"tab\there.env", b'q"uote.env', b"sp ace.env", b"caf\xe9.env"]
    values = [random_key() for _ in names]
    for name, value in zip(names, values):
        (git_repo.path / os.fsdecode(name)).write_bytes(f"BINANCE_API_KEY={value}\n".encode())
    (git_repo.path / "plain.env").write_text(f"BINANCE_API_KEY={values[0]}\n")
    git_repo.commit("odd names")

    code, report = sweep_report(git_repo.path)
    assert code == 1
    for name, value in zip(names, values):
        found = by_value(report, value)
        shown = name.decode("utf-8", "replace")
        assert found["path"] in (shown, "plain.env")
        expected = sorted({shown, "plain.env"} if value == values[0] else {shown})
        assert sorted(found["head_paths"]) == expected
        assert found["in_head"] is True
    assert by_value(report, values[1])["path"] == "tab\there.env"
    assert by_value(report, values[3])["path"] == "sp ace.env"


def test_a_diff_with_more_values_than_the_bound_is_listed_as_skipped(
    git_repo: GitRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As in scan: the findings of one file are bounded, and the report says where the
    sweep stopped instead of dropping the rest without a word."""
    from binance_secrets.plugins.detection import engine

    monkeypatch.setattr(engine, "MAX_FINDINGS_PER_FILE", 4)
    lines = "".join(f"BINANCE_API_KEY_{i}={random_key()}\n" for i in range(10))
    sha = git_repo.commit("many keys", {"keys.env": "# binance\n" + lines})
    code, report = sweep_report(git_repo.path)
    assert code == 1
    assert len(report["findings"]) == 4
    (note,) = [s for s in report["skipped"] if s["path"] == f"{sha}:keys.env"]
    assert note["reason"].startswith("stopped after 4 findings, at line 5")


def test_a_pem_key_inside_a_string_is_located_at_head(git_repo: GitRepo) -> None:
    """A PEM key stored in a JSON string (escaped newlines) or indented under a YAML key is
    normalised in the finding; the files at HEAD that still hold it are found all the same
    (python-binance's tests/test_cryptography.py was reported "removed" while at HEAD)."""
    from tests.fake_values import random_der_body

    def pem(body: str) -> list[str]:
        lines = [body[i : i + 64] for i in range(0, len(body), 64)]
        return ["-----BEGIN PRIVATE KEY-----", *lines, "-----END PRIVATE KEY-----"]

    in_json, in_yaml = pem(random_der_body(300)), pem(random_der_body(300))
    config = '{"exchange": "binance", "private_key": "' + "\\n".join(in_json) + '\\n"}\n'
    values = "exchange: binance\nprivate_key: |\n" + "".join(f"  {x}\n" for x in in_yaml)
    git_repo.commit("keys", {"bot/config.json": config, "bot/values.yaml": values})
    git_repo.commit("unrelated", {"README.md": "# trading bot, binance\n"})

    code, report = sweep_report(git_repo.path)
    assert code == 1
    found = {f["path"]: f for f in report["findings"]}
    assert found["bot/config.json"]["fingerprint"] == fingerprint("\n".join(in_json))
    assert found["bot/config.json"]["head_paths"] == ["bot/config.json"]
    assert found["bot/values.yaml"]["head_paths"] == ["bot/values.yaml"]
    assert found["bot/config.json"]["in_head"] is True
