"""A clone behind a cleaned origin: the origin's history was rewritten with the
replacements file and force-pushed, this clone fetched (`git fetch -f --prune`) but its
branches still hold the old history. Such a clone must never push: the sweep and the
pre-push hook tell it to save its work and reset to the cleaned history, and following
that advice ends with a sweep that finds nothing."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from binance_secrets.hooks.commands.cli import cli
from binance_secrets.plugins.detection.findings import fingerprint
from tests.fake_values import random_key
from tests.gitrepo import GitRepo
from tests.test_cleanup import backticked, run_printed, sweep


def clone(origin: GitRepo, path: Path) -> GitRepo:
    subprocess.run(
        ["git", "clone", "-q", str(origin.path), str(path)],
        env=origin.env(), capture_output=True, check=True,
    )  # fmt: skip
    return GitRepo(path)


def clean_origin(alice: GitRepo, origin: GitRepo, tmp_path: Path) -> None:
    """Alice runs the printed clean-up: the rewrite, then the force-push to origin."""
    replacements_file = tmp_path / "replacements.txt"
    code, report, _ = sweep(str(alice.path), "--replacements", str(replacements_file))
    assert code == 1
    for step in report["cleanup_sequence"]:
        for command in backticked(step):
            if command.startswith("git remote add origin"):
                command = f"git remote add origin {origin.path}"
            elif not command.startswith(("git filter-repo", "git push --f")):
                continue
            run_printed(command, alice)
    assert sweep(str(alice.path))[0] == 0


def stale_clone(tmp_path: Path, fetched: bool = True) -> tuple[GitRepo, GitRepo, GitRepo, str]:
    """(origin, alice's clone, bob's stale clone, the key); ``fetched``: bob has fetched
    since alice cleaned origin."""
    key = random_key()
    origin = GitRepo(tmp_path / "origin.git", bare=True)
    alice = GitRepo(tmp_path / "alice")
    alice.git("remote", "add", "origin", str(origin.path))
    alice.commit("initial", {"README.md": "# trading bot\n"})
    alice.commit("config", {"bot/.env": f"# binance\nBINANCE_API_KEY={key}\n"})
    alice.commit("read the key from the environment", {"bot/run.py": "import os\n"})
    alice.git("push", "-q", "-u", "origin", "main")
    bob = clone(origin, tmp_path / "bob")
    clean_origin(alice, origin, tmp_path)
    if fetched:
        bob.git("fetch", "-q", "-f", "--prune")
    return origin, alice, bob, key


def test_a_clone_that_has_not_fetched_fetches_before_it_rewrites(tmp_path: Path) -> None:
    """Bob has not fetched since alice cleaned origin: his origin/main still holds the
    value, so his sweep plans a rewrite and a force-push, and says first to fetch and
    sweep again. After that fetch the plan is the stale clone's (no rewrite, no push),
    and its commands, followed literally with no local work to save, end clean."""
    origin, _alice, bob, _key = stale_clone(tmp_path, fetched=False)
    code, report, _ = sweep(str(bob.path))
    assert code == 1
    save = report["cleanup_sequence"][1]
    assert "Fetch first (`git fetch origin`) and sweep again" in save, save
    run_printed("git fetch origin", bob)
    code, report, _ = sweep(str(bob.path))
    text = "\n".join(report["cleanup_sequence"])
    assert code == 1 and "push --force" not in text and "filter-repo" not in text
    for step in report["cleanup_sequence"]:
        for command in backticked(step):
            if command.startswith(
                ("git diff HEAD >", "binance-secrets scan", "git fetch", "git reflog expire")
            ):
                run_printed(command, bob)
    assert sweep(str(bob.path))[0] == 0
    assert sweep(str(origin.path), "--reachable-only")[0] == 0


def test_a_clone_behind_a_cleaned_origin_is_told_to_reset_never_to_push(tmp_path: Path) -> None:
    origin, _alice, bob, key = stale_clone(tmp_path)
    code, report, _ = sweep(str(bob.path))
    assert code == 1
    (finding,) = report["findings"]
    assert finding["fingerprint"] == fingerprint(key)
    assert finding["lives_in"]["stale_remotes"] == {"origin": ["main"]}
    assert finding["lives_in"]["remotes"] == {}
    assert finding["pushed_status"] == "cleaned_on_remote"
    steps = report["cleanup_sequence"]
    text = "\n".join(steps)
    assert "push --force" not in text and "filter-repo" not in text
    assert steps[1].startswith("Do not push from this clone, and never force-push: origin")
    assert "`git fetch --force --prune origin && git reset --hard origin/main`" in text
    assert "git reflog expire --expire=now --all && git gc --prune=now" in text
    assert "clone origin again" in text
    assert [p["place"] for p in finding["cleanup"]] == [
        "head_stale",
        "stale",
        "checked_out_stale",
        "reflog_stale",
    ]

    human = CliRunner().invoke(cli, ["sweep", "-q", str(bob.path)])
    assert "pushed:      cleaned on origin, this clone is stale" in human.stdout
    assert "not that we know" not in human.stdout

    # Following the advice leaves a clone that has nothing, and the origin stays clean.
    for step in steps:
        for command in backticked(step):
            if command.startswith(("git fetch", "git reflog expire")):
                run_printed(command, bob)
    assert sweep(str(bob.path))[0] == 0
    assert sweep(str(origin.path), "--reachable-only")[0] == 0


def test_the_cleaned_origin_is_recognised_by_its_reflog_without_markers(tmp_path: Path) -> None:
    """A remote-tracking ref whose history no longer holds the commits that added the
    value (a forced update dropped them) is a cleaned one even when no marker says so:
    the origin dropped the commit instead of replacing the value."""
    key = random_key()
    origin = GitRepo(tmp_path / "origin.git", bare=True)
    alice = GitRepo(tmp_path / "alice")
    alice.git("remote", "add", "origin", str(origin.path))
    alice.commit("initial", {"README.md": "# trading bot\n"})
    alice.commit("config", {"bot.env": f"BINANCE_API_KEY={key}\n"})
    alice.git("push", "-q", "-u", "origin", "main")
    bob = clone(origin, tmp_path / "bob")
    alice.git("reset", "-q", "--hard", "HEAD~1")
    alice.commit("config without the key", {"bot.env": "BINANCE_API_KEY=\n"})
    alice.git("push", "-q", "--force", "origin", "main")
    bob.git("fetch", "-q", "-f", "--prune")
    code, report, _ = sweep(str(bob.path))
    (finding,) = report["findings"]
    assert finding["lives_in"]["stale_remotes"] == {"origin": ["main"]}
    # A branch merely ahead of its remote-tracking ref is not stale: never pushed.
    other = GitRepo(tmp_path / "carol")
    other.git("remote", "add", "origin", str(origin.path))
    other.git("fetch", "-q", "origin")
    other.git("reset", "-q", "--hard", "origin/main")
    other.git("branch", "-q", "--set-upstream-to", "origin/main")
    other.commit("oops", {"bot.env": f"BINANCE_API_KEY={random_key()}\n"})
    code, report, _ = sweep(str(other.path))
    (finding,) = report["findings"]
    assert finding["lives_in"]["stale_remotes"] == {}
    assert finding["pushed_status"] == "not_known"


def test_the_pre_push_hook_in_a_stale_clone_says_reset_not_rebase(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _origin, _alice, bob, key = stale_clone(tmp_path)
    bob.commit("more work", {"notes.md": "nothing secret\n"})
    local = bob.head()
    remote = bob.git("rev-parse", "origin/main")
    monkeypatch.chdir(bob.path)  # the hook reads the repository it runs in
    result = CliRunner().invoke(
        cli,
        ["pre-push", "origin", "url"],
        input=f"refs/heads/main {local} refs/heads/main {remote}\n",
        catch_exceptions=False,
    )
    assert result.exit_code == 1
    text = result.output
    assert "origin was cleaned" in text and "never force-push" in text
    assert "git reset --hard origin/main" in text
    assert "git rebase -i" not in text and "no force-push is needed" not in text
    assert "Nothing was pushed" not in text
    assert key not in text
