"""History clean-up: the advice for each place a value lives, the replacements file, and a
real end-to-end run (sweep --replacements, the printed commands, git filter-repo, sweep
again) that ends with a sweep that finds nothing."""

from __future__ import annotations

import base64
import json
import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from binance_secrets.hooks.commands.cli import cli
from binance_secrets.hooks.errors import InputError
from binance_secrets.hooks.git.repo import open_repository
from binance_secrets.hooks.reports import cleanup_text as cleanup
from binance_secrets.hooks.reports import replacements
from binance_secrets.hooks.reports.sanitize import printable
from binance_secrets.hooks.sweep.cleanup_plan import checkout_of
from binance_secrets.plugins.detection.findings import API_KEY, PRIVATE_KEY, Finding, fingerprint
from tests.fake_values import random_key
from tests.gitrepo import GitRepo


def where(**places: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "checked_out_branch": None,
        "branches": [],
        "tags": [],
        "stash": [],
        "remotes": {},
        "other_refs": [],
        "reflog": False,
        "dangling": False,
    }
    base.update(places)
    return base


def steps_of(**places: Any) -> dict[str, str]:
    finding = {"lives_in": where(**places), "head_paths": []}
    return {p["place"]: p["step"] for p in cleanup.places(finding)}


# -- each place, its advice ------------------------------------------------------------


def test_checked_out_branch_needs_a_rewrite_that_covers_other_branches_tags_stash() -> None:
    tags = [f"v{n}" for n in range(40)]
    steps = steps_of(
        checked_out_branch="main", branches=["feature", "main"], tags=tags, stash=[0, 1]
    )
    assert steps == {
        "checked_out": "branch main (checked out): rewrite history (see the clean-up sequence)",
        "branch_covered": "branch feature: covered by the history rewrite",
        "tag_covered": "tags v0, v1, v2, v3, v4 and 35 more: the history rewrite moves them "
        "to the rewritten commits (new ids: tell whoever uses them)",
        "stash": "stash entries stash@{1}, stash@{0} (made on history that has the value): "
        "the history rewrite rewrites them too",
    }


def test_side_branches_only_can_be_deleted() -> None:
    assert steps_of(branches=["side"])["branch"] == (
        "branch side: delete it if you no longer need it (`git branch -D side`), "
        "otherwise rewrite history"
    )
    assert "(`git branch -D a b`)" in steps_of(branches=["a", "b"])["branch"]


def test_tag_only_is_deleted_or_moved_by_the_rewrite() -> None:
    step = steps_of(tags=["v1.0"])["tag"]
    assert step.startswith("tag v1.0: delete it if no release needs it (`git tag -d v1.0`)")
    assert "moves it to the rewritten commits" in step


def test_stash_only_entries_are_dropped_highest_index_first() -> None:
    steps = cleanup.places({"lives_in": where(stash=[0, 2]), "head_paths": []})
    assert [(p["place"], p["names"]) for p in steps] == [("stash_only", ["stash@{2}", "stash@{0}"])]
    assert steps[0]["step"] == (
        "stash entries stash@{2}, stash@{0}: drop them, highest index first, as dropping "
        "renumbers the entries above (`git stash drop 'stash@{2}' && git stash drop "
        "'stash@{0}'`)"
    )


def test_reflog_only_and_dangling() -> None:
    steps = steps_of(reflog=True, dangling=True)
    assert "`git reflog expire --expire=now --all && git gc --prune=now`" in steps["reflog"]
    assert "empties the stash list" in steps["reflog"]
    assert steps["dangling"] == "a dangling commit: `git gc --prune=now`"
    covered = steps_of(tags=["v1"], reflog=True, dangling=True)
    assert "the history rewrite expires it" in covered["reflog_covered"]
    assert "the history rewrite prunes it" in covered["dangling_covered"]


def test_remote_says_it_left_the_machine_force_push_and_host_purge() -> None:
    step = steps_of(remotes={"origin": ["HEAD", "main", "side"]})["remote"]
    assert step.startswith("remote origin (main, side): the value left this machine")
    assert "force-push every branch and tag" in step
    assert "purge cached views and pull-request refs" in step


def test_other_refs_and_hostile_names_are_shell_quoted() -> None:
    steps = steps_of(other_refs=["refs/notes/commits"], branches=["x;touch$(id)"])
    assert "(`git update-ref -d refs/notes/commits`)" in steps["ref"]
    assert "(`git branch -D 'x;touch$(id)'`)" in steps["branch"]


def test_value_in_head_files_and_documentation_examples() -> None:
    finding = {"lives_in": where(checked_out_branch="main", branches=["main"])}
    finding["head_paths"] = ["bot/.env", "new\nline"]
    first = cleanup.places(finding)[0]["step"]
    assert first.startswith('in the files at HEAD (bot/.env, "new\\nline")')
    assert cleanup.places({**finding, "example": True}) == []


def test_in_head_says_still_in_history_only_when_the_checked_out_branch_has_it() -> None:
    on_main = {"head_paths": [], "lives_in": where(checked_out_branch="main", branches=["main"])}
    assert cleanup.head_status(on_main) == "no (removed, but still in the history of main)"
    side = {"head_paths": [], "lives_in": where(branches=["side"])}
    assert cleanup.head_status(side).startswith("no, nor in the checked-out branch's history")
    assert cleanup.head_status({"head_paths": ["a.env"]}) == "yes (a.env)"


# -- the sequence ----------------------------------------------------------------------


def finding_at(**places: Any) -> dict[str, Any]:
    return {"lives_in": where(**places), "head_paths": []}


def test_sequence_without_a_rewrite_drops_stash_entries_then_expires_and_prunes() -> None:
    steps = cleanup.sequence(
        [finding_at(stash=[1]), finding_at(stash=[3]), finding_at(reflog=True)], [], None
    )
    text = "\n".join(steps)
    assert "`git stash drop 'stash@{3}' && git stash drop 'stash@{1}'`" in text
    assert f"`{cleanup.EXPIRE_AND_PRUNE}`" in text and "empties the stash" in text
    assert "filter-repo" not in text and "push" not in text and "re-clone" not in text
    assert steps[-1] == "Verify: `binance-secrets sweep` exits 0 and reports nothing."


def test_sequence_for_a_dangling_copy_only_prunes() -> None:
    steps = cleanup.sequence([finding_at(dangling=True)], [], None)
    assert "`git gc --prune=now`" in steps[1] and "reflog" not in steps[1]


def test_sequence_with_a_rewrite_names_the_file_and_every_step_in_order() -> None:
    steps = cleanup.sequence(
        [
            finding_at(checked_out_branch="main", branches=["main"], remotes={"origin": ["main"]}),
            finding_at(tags=["v1"], remotes={"backup": ["v1"]}),
            finding_at(branches=["side"]),
        ],
        ["origin", "backup", "upstream"],
        "/tmp/my repl.txt",
    )
    order = [
        "Delete the key at Binance first",
        "Save your work",
        "Keep the evidence before the rewrite destroys it, outside the repository",
        "`git filter-repo --force --replace-text '/tmp/my repl.txt' --replace-message "
        "'/tmp/my repl.txt'`",
        "filter-repo/commit-map",
        "Verify: `binance-secrets sweep` exits 0",
        "`git push --force --all origin && git push --force --tags origin && "
        "git push --force --all backup && git push --force --tags backup`",
        "A bare origin on disk",
        "re-clones (not `git pull`",
        "purge cached views and pull-request refs",
        "`rm '/tmp/my repl.txt'`",
    ]
    assert len(steps) == len(order)
    for step, needle in zip(steps, order):
        assert needle in step
    assert "removes the `origin` remote" in steps[1]
    assert "first `git remote add origin URL` again" in steps[6] and "upstream" not in steps[6]
    assert cleanup.GITHUB_GUIDE in steps[9]


def test_sequence_for_values_never_pushed_puts_origin_back_without_force() -> None:
    steps = cleanup.sequence([finding_at(branches=["side"])], ["origin"], None)
    assert steps[6].startswith("Put origin back (`git remote add origin URL`). No remote-tracking")
    assert "force-push" in steps[6] and "as far as this clone knows it was never pushed" in steps[6]
    assert len(steps) == 7
    assert (
        "removes the `origin` remote" not in cleanup.sequence([finding_at(tags=["v"])], [], None)[1]
    )


def test_sequence_in_a_bare_repository_saves_no_work_tree_and_pushes_to_its_remotes() -> None:
    """A bare clone's branches are its remote's (it has no remote-tracking refs), and a
    bare repository has no uncommitted changes: no "never pushed", no "Save your work"."""
    steps = cleanup.sequence([finding_at(branches=["main"])], ["origin"], None, bare=True)
    text = "\n".join(steps)
    assert "uncommitted" not in text and "never pushed" not in text
    assert steps[1].startswith("First note origin's URL")
    push = next(step for step in steps if step.startswith("Force-push every branch and tag"))
    assert "git push --force --all origin && git push --force --tags origin" in push
    assert "git remote add origin URL" in push
    server = cleanup.sequence([finding_at(branches=["main"])], [], None, bare=True)
    server_text = "\n".join(server)
    assert "This bare repository is one that others push to" in server_text
    assert "never pushed" not in server_text and "uncommitted" not in server_text


def test_sequence_in_a_partial_clone_verifies_reachable_history_and_ends_with_a_new_clone() -> None:
    steps = cleanup.sequence([finding_at(tags=["v1"])], [], "r.txt", partial=True)
    assert steps[5].startswith("Verify: `binance-secrets sweep --reachable-only` exits 0.")
    assert "partial clone" in steps[5]
    assert steps[-2].startswith("Once every branch and tag you keep is pushed")
    assert steps[-1].startswith("Delete the replacements file")


def test_sequence_without_replacements_says_how_to_write_the_file() -> None:
    steps = cleanup.sequence([finding_at(tags=["v1"])], [], None)
    assert "FILE: written by `binance-secrets sweep --replacements FILE`" in steps[3]
    assert not any(step.startswith("Delete the replacements file") for step in steps)
    assert cleanup.sequence([{"example": True, "lives_in": where(tags=["v1"])}], [], None) == []


# -- the replacements file -------------------------------------------------------------


def key_finding(value: str, kind: str = API_KEY) -> Finding:
    return Finding(type=kind, path="a.env", line=1, value=value)


def filter_repo_parse(path: Path) -> list[tuple[bytes, bytes]]:
    """The file as git filter-repo itself reads it (its own parser, not ours)."""
    from git_filter_repo import FilteringOptions

    parsed = FilteringOptions.get_replace_text(str(path).encode())
    assert parsed["regexes"] == []
    return parsed["literals"]


def test_replacements_file_is_read_by_filter_repo_as_value_to_marker(tmp_path: Path) -> None:
    key = random_key()
    path = tmp_path / "repl.txt"
    assert replacements.write(str(path), [key_finding(key)]) == 2
    digest = fingerprint(key).split(":")[1][:12]
    marker = f"***REMOVED-binance-api-key-sha256:{digest}***".encode()
    encoded = base64.b64encode(key.encode())
    assert filter_repo_parse(path) == [(key.encode(), marker), (encoded, marker)]
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_pem_private_key_is_replaced_line_by_line(tmp_path: Path) -> None:
    body = [random_key(), random_key(), "short=="]
    pem = "\n".join(["-----BEGIN PRIVATE KEY-----", *body, "-----END PRIVATE KEY-----"])
    path = tmp_path / "repl.txt"
    replacements.write(str(path), [key_finding(pem, PRIVATE_KEY)])
    literals = [literal for literal, _ in filter_repo_parse(path)]
    assert literals == [body[0].encode(), body[1].encode()]  # the short tail is left


def test_replacements_file_refuses_a_file_it_did_not_write(tmp_path: Path) -> None:
    mine, theirs = tmp_path / "mine.txt", tmp_path / "theirs.txt"
    replacements.write(str(mine), [key_finding(random_key())])
    replacements.write(str(mine), [key_finding(random_key())])  # its own: overwritten
    theirs.write_text("password==>xxx\n")
    with pytest.raises(InputError, match="not a replacements file binance-secrets wrote"):
        replacements.write(str(theirs), [key_finding(random_key())])
    assert theirs.read_text() == "password==>xxx\n"
    replacements.write(str(theirs), [key_finding(random_key())], force=True)
    assert stat.S_IMODE(theirs.stat().st_mode) == 0o600
    link = tmp_path / "link.txt"
    link.symlink_to(mine)
    with pytest.raises(InputError, match="not a regular file"):
        replacements.write(str(link), [key_finding(random_key())], force=True)
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    replacements.write(str(empty), [key_finding(random_key())])


def test_sweep_replacements_options_and_the_work_tree_warning(tmp_path: Path) -> None:
    repo = GitRepo(tmp_path / "repo")
    repo.commit("add", {".env": f"BINANCE_API_KEY={random_key()}\n"})
    theirs = tmp_path / "notes.txt"
    theirs.write_text("my notes\n")
    result = CliRunner().invoke(cli, ["sweep", "-q", str(repo.path), "--replacements", str(theirs)])
    assert result.exit_code == 2
    assert "not a replacements file binance-secrets wrote" in result.stderr
    assert "--force" in result.stderr and theirs.read_text() == "my notes\n"
    forced = CliRunner().invoke(
        cli, ["sweep", "-q", str(repo.path), "--replacements", str(theirs), "--force"]
    )
    assert forced.exit_code == 1 and "Wrote 2 replacement(s)" in forced.stderr
    inside = repo.path / "replacements.txt"
    result = CliRunner().invoke(cli, ["sweep", "-q", str(repo.path), "--replacements", str(inside)])
    assert result.exit_code == 1
    assert f"warning: {inside} is inside the work tree" in result.stderr
    rewrite = f"`git filter-repo --force --replace-text {inside} --replace-message {inside}`"
    assert rewrite in result.stdout

    sarif = CliRunner().invoke(cli, ["sweep", str(repo.path), "--format", "sarif"])
    assert json.loads(sarif.stdout)["version"] == "2.1.0"
    assert "Clean-up, in this order:" in sarif.stderr

    clean = GitRepo(tmp_path / "clean")
    clean.commit("nothing", {"README.md": "# bot\n"})
    unused = tmp_path / "unused.txt"
    result = CliRunner().invoke(cli, ["sweep", str(clean.path), "--replacements", str(unused)])
    assert result.exit_code == 0 and not unused.exists()
    assert "nothing to replace" in result.stderr


def test_inside_the_work_tree(tmp_path: Path) -> None:
    assert replacements.inside(str(tmp_path / "repo" / "r.txt"), str(tmp_path / "repo"))
    assert not replacements.inside(str(tmp_path / "r.txt"), str(tmp_path / "repo"))
    assert not replacements.inside(str(tmp_path / "repo2" / "r.txt"), str(tmp_path / "repo"))
    assert not replacements.inside(str(tmp_path / "r.txt"), None)


def test_a_value_only_under_a_detached_head_switch_expire_prune_then_clean(
    tmp_path: Path,
) -> None:
    repo = GitRepo(tmp_path / "repo")
    repo.commit("initial", {"README.md": "# bot\n"})
    repo.git("checkout", "-q", "--detach")
    repo.commit("try", {"bot.env": f"BINANCE_API_KEY={random_key()}\n"})
    code, report, _ = sweep(str(repo.path))
    assert code == 1
    (finding,) = report["findings"]
    assert finding["lives_in"]["detached_head"] is True and finding["lives_in"]["branches"] == []
    assert [p["place"] for p in finding["cleanup"]] == ["head", "detached", "reflog"]
    commands = [c for step in report["cleanup_sequence"] for c in backticked(step)]
    assert commands[1:3] == ["git switch BRANCH", cleanup.EXPIRE_AND_PRUNE]
    assert "binance-secrets sweep" in commands
    run_printed("git switch -q main", repo)
    run_printed(cleanup.EXPIRE_AND_PRUNE, repo)
    code, after, _ = sweep(str(repo.path))
    assert (code, after["findings"]) == (0, [])


def test_promisor_packs_are_detected_and_keep_old_commits_past_the_rewrite(
    tmp_path: Path,
) -> None:
    """What real partial clones showed: after filter-repo every value left was a dangling
    commit in a promisor pack. The sequence verifies reachable history there instead."""
    repo = GitRepo(tmp_path / "repo")
    repo.commit("add", {"bot.env": f"BINANCE_API_KEY={random_key()}\n"})
    repository = open_repository(str(repo.path))
    assert checkout_of(repository).partial is False
    repo.git("gc", "-q")
    for pack in (repo.path / ".git/objects/pack").glob("*.pack"):
        pack.with_suffix(".promisor").write_text("")
    assert checkout_of(repository).partial is True

    replacements_file = tmp_path / "r.txt"
    code, report, _ = sweep(str(repo.path), "--replacements", str(replacements_file))
    assert code == 1
    verify = next(s for s in report["cleanup_sequence"] if s.startswith("Verify"))
    assert "`binance-secrets sweep --reachable-only`" in verify
    run_printed(
        f"git filter-repo --force --replace-text {replacements_file} "
        f"--replace-message {replacements_file}",
        repo,
    )
    code, reachable, _ = sweep(str(repo.path), "--reachable-only")
    assert (code, reachable["findings"]) == (0, [])
    code, left, _ = sweep(str(repo.path))
    assert code == 1 and {f["found_in"] for f in left["findings"]} == {"dangling"}


# -- end to end on a real repository ---------------------------------------------------


def sweep(*args: str) -> tuple[int, dict[str, Any], str]:
    result = CliRunner().invoke(
        cli, ["sweep", "--quiet", "--format", "json", *args], catch_exceptions=False
    )
    return result.exit_code, json.loads(result.stdout), result.stderr


def tool_path() -> str:
    """PATH with this environment's scripts first: git finds `git-filter-repo` there."""
    scripts = os.path.dirname(sys.executable)
    path = f"{scripts}{os.pathsep}{os.environ.get('PATH', '')}"
    assert shutil.which("git-filter-repo", path=path), (
        "git-filter-repo is missing: install the test extra (pip install -e '.[test]')"
    )
    return path


def run_printed(command: str, repo: GitRepo) -> None:
    env = {**repo.env(), "PATH": tool_path()}
    done = subprocess.run(
        ["bash", "-c", command], cwd=repo.path, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, f"{command}: {done.stderr}"


def build_leaky_repository(tmp_path: Path) -> tuple[GitRepo, GitRepo, dict[str, str]]:
    """Keys on the pushed main branch, an unmerged side branch, a tag, a stash entry (not
    the newest), the reflog only, a dangling commit, a Kubernetes Secret (base64) and the
    body of a pushed commit's message."""
    places = ("main", "side", "tag", "stash", "reflog", "k8s", "message")
    keys = {place: random_key() for place in places}
    remote = GitRepo(tmp_path / "remote.git", bare=True)
    repo = GitRepo(tmp_path / "work")
    repo.git("remote", "add", "origin", str(remote.path))
    repo.commit("initial", {"README.md": "# trading bot\n"})
    repo.commit("config", {"bot/.env": f"# binance\nBINANCE_API_KEY={keys['main']}\n"})
    repo.commit(f"bot: switch account\n\nbinance api_key = {keys['message']}\n")
    encoded = base64.b64encode(keys["k8s"].encode()).decode()
    repo.commit(
        "deploy",
        {"deploy/secret.yaml": f"kind: Secret\ndata:\n  BINANCE_API_KEY: {encoded}\n"},
        remove=("bot/.env",),
    )
    repo.git("push", "-q", "origin", "main")
    repo.git("checkout", "-q", "-b", "side")
    repo.commit(  # named in prose in the message too, where detection reports nothing
        f"side work, replaces {keys['side']}", {"side.env": f"BINANCE_API_KEY={keys['side']}\n"}
    )
    repo.git("checkout", "-q", "--detach", "main")
    repo.commit("release", {"release.env": f"BINANCE_API_KEY={keys['tag']}\n"})
    repo.git("tag", "-a", "-m", "release 1", "v1")
    repo.git("checkout", "-q", "main")
    repo.write("config.py", f'# binance\napi_key = "{keys["stash"]}"\n')
    repo.tick()
    repo.git("stash", "push", "-q", "--include-untracked", "-m", "with a key")
    repo.write("notes.txt", "nothing secret\n")
    repo.tick()
    repo.git("stash", "push", "-q", "--include-untracked", "-m", "keep me")
    repo.commit("oops", {"bot.env": f"BINANCE_API_KEY={keys['reflog']}\n"})
    repo.git("reset", "-q", "--hard", "HEAD~1")
    dangling_key = random_key()
    keys["dangling"] = dangling_key
    blob = repo.git("hash-object", "-w", "--stdin", input=f"BINANCE_API_KEY={dangling_key}\n")
    tree = repo.git("mktree", input=f"100644 blob {blob}\tleak.env\n")
    repo.tick()
    repo.git("commit-tree", tree, "-m", "dangling")
    return repo, remote, keys


def backticked(step: str) -> list[str]:
    return re.findall(r"`([^`]+)`", step)


def test_sweep_replacements_then_the_printed_clean_up_ends_with_a_clean_sweep(
    tmp_path: Path,
) -> None:
    repo, remote, keys = build_leaky_repository(tmp_path)
    replacements_file = tmp_path / "replacements.txt"

    code, report, stderr = sweep(str(repo.path), "--replacements", str(replacements_file))
    assert code == 1
    assert {f["fingerprint"] for f in report["findings"]} == {fingerprint(k) for k in keys.values()}
    assert stat.S_IMODE(replacements_file.stat().st_mode) == 0o600
    assert "Wrote 16 replacement(s)" in stderr and "inside the work tree" not in stderr
    by_key = {f["fingerprint"]: f for f in report["findings"]}
    stash = by_key[fingerprint(keys["stash"])]
    assert stash["lives_in"]["stash"] == [1]
    assert [p["step"] for p in stash["cleanup"]] == [
        "stash entry stash@{1}: drop it, highest index first, as dropping renumbers the "
        "entries above (`git stash drop 'stash@{1}'`)"
    ]
    assert by_key[fingerprint(keys["side"])]["lives_in"]["branches"] == ["side"]
    assert by_key[fingerprint(keys["tag"])]["lives_in"]["tags"] == ["v1"]
    assert by_key[fingerprint(keys["main"])]["lives_in"]["remotes"] == {"origin": ["main"]}
    assert by_key[fingerprint(keys["reflog"])]["lives_in"]["reflog"] is True
    assert by_key[fingerprint(keys["dangling"])]["lives_in"]["dangling"] is True
    in_message = by_key[fingerprint(keys["message"])]
    assert (in_message["in_message"], in_message["lives_in"]["commit_message"]) == (True, True)
    rewrite = next(s for s in report["cleanup_sequence"] if s.startswith("Rewrite history"))
    assert f"--replace-message {replacements_file}`" in rewrite

    # Run the sequence as printed: every command between backticks that changes the
    # repository, in order (the URL is the one placeholder a user fills in).
    ran = []
    for step in report["cleanup_sequence"]:
        for command in backticked(step):
            if command.startswith("git remote add origin"):
                command = f"git remote add origin {remote.path}"
            elif not command.startswith(("git stash drop", "git filter-repo", "git push --f")):
                continue
            run_printed(command, repo)
            ran.append(command.split()[1])
    assert ran == ["stash", "filter-repo", "remote", "push"]

    code, after, _ = sweep(str(repo.path))
    assert (code, after["findings"]) == (0, [])
    assert repo.git("stash", "list").endswith("keep me")  # the other stash entry is kept
    text = (repo.path / "deploy/secret.yaml").read_text()
    assert "***REMOVED-binance-api-key-sha256:" in text
    messages = repo.git("log", "--all", "--format=%B")
    assert not any(value in messages for value in keys.values())
    message = repo.git("log", "-1", "--format=%B", "HEAD~1")
    assert message.endswith("binance api_key = ***REMOVED-binance-api-key-sha256:" + (
        in_message["fingerprint"][7:19] + "***"
    ))
    # The server's branches and tags are clean; its old objects are what the host purges.
    code, pushed, _ = sweep(str(remote.path), "--reachable-only")
    assert (code, pushed["findings"]) == (0, [])


def test_a_ref_whose_name_holds_a_key_is_deleted_by_a_glob_that_works(tmp_path: Path) -> None:
    """The report redacts such a name, so `git branch -D <name>` could not be typed; the
    step reaches it by a glob instead, and running that step deletes exactly that ref."""
    key = random_key()
    repo = GitRepo(tmp_path / "r")
    repo.commit("a", {"a.txt": "a\n"})
    for name in (f"b-{key}", "b-other", "keep"):
        repo.git("branch", name)
    repo.git("tag", f"t-{key}")
    steps = steps_of(branches=[f"b-{key}", "b-other"], tags=[f"t-{key}"])
    for step in map(printable, steps.values()):  # as every report prints it
        assert key not in step
        command = re.search(r"`([^`]+)`", step).group(1)
        subprocess.run(command, shell=True, cwd=repo.path, env=repo.env(), check=True)
    left = repo.git("for-each-ref", "--format=%(refname)").split()
    assert sorted(left) == ["refs/heads/keep", "refs/heads/main"]


def test_a_pushed_value_is_fetched_and_swept_again_before_the_rewrite() -> None:
    """A clone that has not fetched since someone cleaned the remote must not rewrite and
    force-push over that clean-up: the step before the rewrite fetches the remotes that
    hold the value, and a second sweep then gives the stale clone's steps."""
    one = cleanup.sequence(
        [finding_at(checked_out_branch="main", branches=["main"], remotes={"origin": ["main"]})],
        ["origin"],
        None,
    )
    assert "Fetch first (`git fetch origin`) and sweep again" in one[1]
    assert next(i for i, step in enumerate(one) if "git filter-repo --force" in step) > 1
    two = cleanup.sequence(
        [finding_at(branches=["main"], remotes={"origin": ["main"], "backup": ["main"]})],
        ["origin", "backup"],
        None,
    )
    assert "Fetch first (`git fetch --all`)" in two[1]
    never = cleanup.sequence([finding_at(branches=["side"])], ["origin"], None)
    assert "Fetch first" not in never[1]
