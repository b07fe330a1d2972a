"""A whole incident, end to end, through every command: a key committed on a feature branch,
merged, deleted, stashed, tagged, pushed to an origin and fetched by a teammate's clone.
Each command's advice is asserted: the sweep's timeline and places, the live check, the
write-up, the clean-up that keeps the evidence, the rewrite, the bare origin's prune, the
check of the deleted key, and the teammate's stale clone."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from binance_secrets.hooks.commands.cli import cli
from binance_secrets.plugins.detection.findings import fingerprint
from tests.emulator.fixtures import CLEAN_ENV, TRADING, emulator_fixture, hmac_account  # noqa: F401
from tests.emulator.server import Emulator
from tests.gitrepo import BASE_EPOCH, GitRepo
from tests.test_cleanup import backticked
from tests.test_stale_clone import clone


def iso(clock: int) -> str:
    """The date GitRepo gives the commit made at ``clock``."""
    from datetime import datetime, timezone

    stamp = datetime.fromtimestamp(BASE_EPOCH + clock * 60, timezone.utc)
    return stamp.isoformat()


class Incident:
    """origin (bare), alice's clone (where the key was committed), bob's clone."""

    def __init__(self, tmp_path: Path, api_key: str, secret: str) -> None:
        self.tmp = tmp_path
        self.key, self.secret = api_key, secret
        self.origin = GitRepo(tmp_path / "origin.git", bare=True)
        alice = self.alice = GitRepo(tmp_path / "alice")
        alice.git("remote", "add", "origin", str(self.origin.path))
        alice.commit("initial", {"README.md": "# trading bot\n"})  # clock 1
        alice.git("push", "-q", "-u", "origin", "main")
        alice.git("checkout", "-q", "-b", "feature")
        env = f"# binance\nBINANCE_API_KEY={api_key}\nBINANCE_API_SECRET={secret}\n"
        self.added = alice.commit("bot: config", {"bot/.env": env})  # clock 2
        alice.commit("bot: run", {"bot/run.py": "import os\n"})  # clock 3
        alice.git("push", "-q", "-u", "origin", "feature")
        alice.git("checkout", "-q", "main")
        alice.commit("docs", {"docs.md": "how to run\n"})  # clock 4
        alice.tick()  # clock 5: the merge
        alice.git("merge", "-q", "--no-ff", "-m", "merge feature", "feature")
        self.merge = alice.head()
        alice.tick()  # clock 6: the release tag
        alice.git("tag", "-a", "-m", "release 1", "v1")
        self.removal = alice.commit(  # clock 7
            f"remove the key file (was BINANCE_API_KEY {api_key[:10]})",
            remove=("bot/.env",),
        )
        alice.git("push", "-q", "origin", "main", "--tags")
        alice.write("bot/local.py", f'# binance\napi_key = "{api_key}"\n')
        alice.tick()  # clock 8
        alice.git("stash", "push", "-q", "--include-untracked", "-m", "local try")
        self.bob = clone(self.origin, tmp_path / "bob")
        self.evidence = tmp_path / "evidence"
        self.evidence.mkdir()

    def run(self, *args: str, env: dict[str, str] | None = None, input: str | None = None) -> Any:
        return CliRunner().invoke(
            cli, list(args), env={**CLEAN_ENV, **(env or {})}, input=input, catch_exceptions=False
        )

    def sweep_json(self, repo: GitRepo | Path, *args: str) -> tuple[int, dict[str, Any]]:
        path = repo.path if isinstance(repo, GitRepo) else repo
        result = self.run("sweep", "-q", "--format", "json", str(path), *args)
        return result.exit_code, json.loads(result.stdout)


@pytest.fixture
def incident(tmp_path: Path, emulator: Emulator) -> tuple[Incident, Emulator, Any]:
    account, secret = hmac_account(emulator, restrictions=dict(TRADING))
    return Incident(tmp_path, account.api_key, secret), emulator, account


def test_the_timeline_says_where_and_since_when(incident: tuple[Incident, Emulator, Any]) -> None:
    case, _emulator, _account = incident
    code, report = case.sweep_json(case.alice)
    assert code == 1
    assert list(report)[:3] == ["version", "generated_at", "tool_version"]
    key = next(f for f in report["findings"] if f["fingerprint"] == fingerprint(case.key))
    timeline = key["timeline"]
    assert timeline["introduced"] == {
        "commit": case.added,
        "date": iso(2),
        "committed": iso(2),
        "author": "Alice Example <alice@example.invalid>",
        "ref": "refs/heads/feature",
        "found_in": "refs",
    }
    reached = timeline["reached"]
    assert reached["refs/heads/feature"] == {"commit": case.added, "date": iso(2)}
    assert reached["refs/heads/main"] == {"commit": case.merge, "date": iso(5)}
    assert reached["refs/tags/v1"] == {"commit": case.merge, "date": iso(6), "tag_date": True}
    assert timeline["removed"] == {
        "refs/heads/feature": None,
        "refs/heads/main": {"commit": case.removal, "date": iso(7)},
    }
    pushed = timeline["pushed"]
    refs = {entry["ref"] for entry in pushed["evidence"]}
    assert refs == {"refs/remotes/origin/feature", "refs/remotes/origin/main"}
    assert pushed["earliest"]["ref"] in refs
    assert key["pushed_status"] == "yes"
    # The removal's message quotes the key's first 10 characters next to its name.
    (partial,) = [f for f in report["findings"] if f.get("partial")]
    assert (partial["partial_of"], partial["characters"]) == (fingerprint(case.key), 10)
    assert (partial["commit"], partial["in_message"]) == (case.removal, True)
    assert partial["fingerprint"] == fingerprint(case.key[:10])


def check_json(case: Incident, emulator: Emulator, report: Path, *args: str) -> tuple[int, Any]:
    result = case.run(
        "check", "--endpoint", emulator.url, "--allow-unofficial-endpoint",
        "--report", str(report), "--format", "json", *args,
    )  # fmt: skip
    return result.exit_code, json.loads(result.stdout)


def run_in(repo: GitRepo, command: str, allowed: tuple[int, ...] = (0,)) -> None:
    from tests.test_cleanup import tool_path

    env = {**repo.env(), "PATH": tool_path()}
    done = subprocess.run(
        ["bash", "-c", command], cwd=repo.path, env=env, capture_output=True, text=True
    )
    assert done.returncode in allowed, f"{command}: {done.stderr}"


def test_the_whole_incident_through_every_command(
    incident: tuple[Incident, Emulator, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    case, emulator, account = incident
    alice, origin, evidence = case.alice, case.origin, case.evidence

    # The work tree no longer has it: scan is clean, and its report says when it was made.
    scan = case.run("scan", "--format", "json", str(alice.path))
    assert scan.exit_code == 0
    assert list(json.loads(scan.stdout))[:3] == ["version", "generated_at", "tool_version"]

    # Found: the hint keeps the report outside the work tree.
    text = case.run("sweep", "-q", str(alice.path))
    assert text.exit_code == 1
    assert "--output ~/binance-secrets-sweep.json" in text.stdout
    assert "pushed:      yes (a remote-tracking ref has it)" in text.stdout

    # The evidence: the sweep and the live check, kept outside the repository.
    sweep_file = evidence / "sweep.json"
    result = case.run(
        "sweep", "-q", "--format", "json", "--output", str(sweep_file), str(alice.path)
    )
    assert result.exit_code == 1
    saved = json.loads(sweep_file.read_text())
    found = next(f for f in saved["findings"] if f["fingerprint"] == fingerprint(case.key))
    # Every place a copy lives, each with its advice: main (checked out) and the merged
    # feature branch, the release tag, the stash entry, and origin (pushed).
    where = found["lives_in"]
    assert (where["checked_out_branch"], where["branches"]) == ("main", ["feature", "main"])
    assert (where["tags"], where["stash"]) == (["v1"], [0])
    assert where["remotes"] == {"origin": ["feature", "main"]}
    assert [p["place"] for p in found["cleanup"]] == [
        "checked_out", "branch_covered", "tag_covered", "stash", "remote"
    ]  # fmt: skip
    code, live = check_json(case, emulator, sweep_file)
    assert code == 1
    (key,) = [k for k in live["keys"] if k["fingerprint"] == fingerprint(case.key)]
    assert (key["status"], key["risk"]) == ("active", "high")
    assert list(live)[:3] == ["version", "generated_at", "tool_version"]
    (evidence / "check.json").write_text(json.dumps(live))

    # The write-up, from the two reports: what, where, since when, live, steps in order.
    write_up = case.run(
        "respond", "--report", str(sweep_file), "--check", str(evidence / "check.json"),
        "--format", "markdown",
    )  # fmt: skip
    assert write_up.exit_code == 0, write_up.output
    markdown = write_up.stdout
    assert markdown.startswith("# Incident write-up: Binance credentials in ")
    assert case.key not in markdown and case.secret not in markdown
    assert f"`main`: {iso(5)} (`{case.merge[:12]}`)" in markdown
    assert f"`v1`: {iso(6)} (`{case.merge[:12]}`) (tag made)" in markdown
    assert f"`main`: {iso(7)} (`{case.removal[:12]}`)" in markdown
    assert "live, risk high" in markdown and "- IP-restricted: no" in markdown
    order = [
        "- [ ] Delete the API key now",
        "- [ ] Check balances and recent orders",
        "- [ ] Look for trades at extreme prices",
        "- [ ] If anything looks foreign, freeze the account",
        "- [ ] Create a new key",
        "- [ ] Remove the value from git history",
    ]
    positions = [markdown.index(line) for line in order]
    assert positions == sorted(positions)
    direct = case.run("sweep", "-q", "--format", "markdown", str(alice.path))
    assert (
        direct.stdout.startswith("# Incident write-up") and "Live check: not run" in direct.stdout
    )

    # The key is deleted at Binance: check --deleted confirms it, exit 0, no live-key steps.
    account.revoked = True
    code, gone = check_json(case, emulator, sweep_file, "--deleted")
    assert code == 0
    (key,) = [k for k in gone["keys"] if k["fingerprint"] == fingerprint(case.key)]
    assert (key["status"], key["risk"]) == ("revoked_or_ip_blocked", "none")
    assert key["risk_reason"] == "Deleted, as you said: Binance no longer accepts it."
    assert not any(
        step.startswith(("Delete the API key", "Make sure the key")) for step in key["steps"]
    )
    assert not any("move funds out" in step for step in key["steps"])

    # The clean-up, as printed: evidence first, the rewrite, the push, the bare origin.
    replacements_file = case.tmp / "replacements.txt"
    code, report = case.sweep_json(alice, "--replacements", str(replacements_file))
    steps = report["cleanup_sequence"]
    evidence_step = next(s for s in steps if s.startswith("Keep the evidence"))
    rewrite = next(i for i, s in enumerate(steps) if s.startswith("Rewrite history"))
    assert steps.index(evidence_step) < rewrite
    assert "commit-map" in steps[rewrite + 1]
    bare = next(s for s in steps if s.startswith("A bare origin on disk"))
    for step in steps:
        for command in backticked(step):
            if command.startswith("git remote add origin"):
                run_in(alice, f"git remote add origin {origin.path}")
            elif command.startswith(
                ("mkdir", "git log -g", "git filter-repo", "cp ", "git push --f")
            ):
                run_in(alice, command)
            elif command.startswith("binance-secrets sweep --format json --output"):
                run_in(alice, command, allowed=(1,))
    kept = case.tmp / "incident-evidence"
    assert json.loads((kept / "sweep.json").read_text())["findings"]
    assert "refs/heads/main@{" in (kept / "reflog.txt").read_text()
    assert (kept / "commit-map").read_text().startswith("old")
    assert case.sweep_json(alice)[0] == 0
    messages = alice.git("log", "--all", "--format=%B")
    assert case.key[:10] not in messages  # the partial value went with the same file
    assert (
        f"BINANCE_API_KEY ***REMOVED-binance-api-key-sha256:{fingerprint(case.key)[7:19]}***"
        in messages
    )
    # The bare origin still has the old commits, dangling, until it is pruned there.
    code, before = case.sweep_json(origin)
    assert code == 1 and {f["found_in"] for f in before["findings"]} == {"dangling"}
    run_in(origin, next(c for c in backticked(bare) if c.startswith("git reflog expire")))
    assert case.sweep_json(origin)[0] == 0

    # The old report after the rewrite: cleaned from the work tree, not "treat it as live".
    # Nothing can be asked of Binance without the value: unconfirmed (exit 3), and said so.
    code, after = check_json(case, emulator, sweep_file, "--deleted")
    assert code == 3
    (key,) = [k for k in after["keys"] if k["fingerprint"] == fingerprint(case.key)]
    assert key["reason"].startswith("cleaned from the work tree: ")
    assert key["reason"].endswith(
        " is no longer in the repository (its history was rewritten since the report)"
    )
    assert key["risk_reason"] == "Cleaned from the work tree, and deleted at Binance, as you said."
    assert "treat it as live" not in json.dumps(key).lower()
    assert not any(step.startswith("Delete the API key") for step in key["steps"])

    # Bob's clone is behind the cleaned origin: reset, never push.
    bob = case.bob
    bob.git("fetch", "-q", "-f", "--prune")
    code, stale = case.sweep_json(bob)
    assert code == 1
    main_key = next(f for f in stale["findings"] if f["fingerprint"] == fingerprint(case.key))
    assert main_key["pushed_status"] == "cleaned_on_remote"
    assert main_key["lives_in"]["stale_remotes"] == {"origin": ["main"]}  # bob has no feature
    text = "\n".join(stale["cleanup_sequence"])
    assert "push --force" not in text and "Do not push from this clone" in text
    # Bob's next push is stopped with the same advice, not "rebase, no force-push needed".
    bob.commit("bob's work", {"notes.md": "nothing secret\n"})
    monkeypatch.chdir(bob.path)
    pushed = f"refs/heads/main {bob.head()} refs/heads/main {bob.git('rev-parse', 'origin/main')}"
    hook = case.run("pre-push", "origin", str(origin.path), input=pushed + "\n")
    assert hook.exit_code == 1
    assert "origin was cleaned" in hook.output and "git reset --hard origin/main" in hook.output
    assert "git rebase -i" not in hook.output and "no force-push is needed" not in hook.output
    for step in stale["cleanup_sequence"]:
        for command in backticked(step):
            if command.startswith(("git fetch", "git reflog expire")):
                run_in(bob, command)
    assert case.sweep_json(bob)[0] == 0


def test_the_write_up_escapes_hostile_report_text_and_refuses_a_missing_report(
    tmp_path: Path,
) -> None:
    from binance_secrets.hooks.reports.incident import render_incident

    hostile = "<script>x</script> [click](http://evil) | *bold*"
    sweep = {
        "version": 1,
        "generated_at": hostile,
        "root": "/r",
        "findings": [
            {"type": "Binance API Key", "path": hostile, "line": 1, "redacted": "ab`c",
             "fingerprint": "sha256:" + "0" * 64, "commit": "1" * 40, "date": hostile,
             "cleanup": [{"step": hostile}], "cleanup_sequence": []},
        ],
        "cleanup_sequence": [hostile],
    }  # fmt: skip
    text = render_incident(sweep)
    outside = re.sub(r"`[^`\n]*`", "", text)  # nothing renders inside a code span
    assert "<script>" not in outside and "[click](" not in outside
    assert "| *bold*" not in outside
    assert "\\<script\\>" in text and "\\[click\\]" in text
    assert "`ab'c`" in text  # a backtick cannot close the code span early
    result = CliRunner().invoke(cli, ["respond", "--format", "markdown"])
    assert result.exit_code == 2 and "--report SWEEP.json" in result.stderr
    bad = tmp_path / "check.json"
    bad.write_text('{"version": 1, "keys": [1]}')
    report = tmp_path / "sweep.json"
    report.write_text(json.dumps({**sweep, "findings": []}))
    result = CliRunner().invoke(
        cli, ["respond", "--report", str(report), "--check", str(bad), "--format", "markdown"]
    )
    assert result.exit_code == 2 and "not check results" in result.stderr


def test_the_write_up_refuses_a_scan_or_a_merged_report(tmp_path: Path) -> None:
    """The write-up tells one repository's history: a scan report has none (it rendered
    "? commits swept", "in commit `?`" and an empty clean-up sequence) and a merged report
    holds several repositories; each is refused with the command that makes the right one."""
    from tests.cli_process import assert_one_line_error, env_text, run_cli
    from tests.fake_values import random_key

    repo = GitRepo(tmp_path / "repo")
    repo.commit("settings", {".env": env_text(random_key(), random_key())})
    scan, sweep, merged = (tmp_path / f"{name}.json" for name in ("scan", "sweep", "merged"))
    run_cli("scan", "--format", "json", "-o", str(scan), cwd=repo.path)
    run_cli("sweep", "--format", "json", "-o", str(sweep), cwd=repo.path)
    run_cli("merge", str(sweep), "--format", "json", "-o", str(merged), cwd=tmp_path)

    def write_up(report: Path) -> subprocess.CompletedProcess[str]:
        return run_cli("respond", "--report", str(report), "--format", "markdown", cwd=tmp_path)

    assert write_up(sweep).returncode == 0
    assert_one_line_error(write_up(scan), "scan report", "sweep --format json")
    assert_one_line_error(write_up(merged), "several repositories", "sweep --format json")


def test_the_write_up_names_the_report_the_live_check_reads(tmp_path: Path) -> None:
    """Without check results the write-up says how to get them: from `respond --report
    FILE`, `check --report` of that same FILE (it named a `sweep.json` the user may not
    have); from `sweep --format markdown`, which wrote no JSON, the sweep that writes it
    first."""
    from tests.cli_process import env_text, run_cli
    from tests.fake_values import random_key

    repo = GitRepo(tmp_path / "repo")
    repo.commit("settings", {".env": env_text(random_key(), random_key())})
    report = tmp_path / "evidence dir" / "history.json"
    report.parent.mkdir()
    run_cli("sweep", "--format", "json", "-o", str(report), cwd=repo.path)
    respond = run_cli("respond", "--report", str(report), "--format", "markdown", cwd=tmp_path)
    assert respond.returncode == 0, respond.stderr
    assert f"- Live check: not run (`binance-secrets check --report '{report}'`)" in respond.stdout
    direct = run_cli("sweep", "-q", "--format", "markdown", cwd=repo.path)
    assert (
        "- Live check: not run (`binance-secrets sweep --format json --output sweep.json`, "
        "then `binance-secrets check --report sweep.json`)"
    ) in direct.stdout


def test_the_write_up_of_a_clean_history_says_no_step_applies(tmp_path: Path) -> None:
    """A sweep that found nothing wrote the whole playbook as open steps ("Delete the API
    key now", history removal ticked as taken): its write-up says nothing was found, what was
    swept, what was accepted, and that no step applies."""
    from tests.cli_process import env_text, run_cli
    from tests.fake_values import random_key

    repo = GitRepo(tmp_path / "repo")
    repo.commit("bot", {"bot.py": "import binance\n"})
    clean = run_cli("sweep", "--format", "markdown", cwd=repo.path)
    assert clean.returncode == 0, clean.stderr
    assert "- Nothing found: no Binance credential in the 1 commit(s) swept (every branch" in (
        clean.stdout
    )
    assert "None of the leak-response steps applies" in clean.stdout
    assert "Delete the API key" not in clean.stdout and "- [" not in clean.stdout
    assert "What leaked" not in clean.stdout and "accepted" not in clean.stdout

    key, secret = random_key(), random_key()
    repo.commit("settings", {".env": env_text(key, secret)})
    assert run_cli("ignore", fingerprint(key), "--reason", "revoked sample",
                   cwd=repo.path).returncode == 0  # fmt: skip
    # the secret is still found (only the key was accepted): the steps are open
    found = run_cli("sweep", "--format", "markdown", cwd=repo.path)
    assert found.returncode == 1 and "- [ ] Delete the API key" in found.stdout
    assert run_cli("ignore", fingerprint(secret), "--reason", "revoked sample",
                   cwd=repo.path).returncode == 0  # fmt: skip
    accepted = run_cli("sweep", "--format", "markdown", cwd=repo.path)
    assert accepted.returncode == 0, accepted.stderr
    assert "- 2 value(s) accepted by the project" in accepted.stdout
    assert "`binance-secrets sweep -v` lists them" in accepted.stdout
    assert "Delete the API key" not in accepted.stdout


def test_the_write_up_says_what_a_narrowed_sweep_read(tmp_path: Path) -> None:
    """The summary said "every branch, tag, stash entry, the reflog and dangling commits"
    of a pull request's `--range` sweep, which read only its commits."""
    from tests.cli_process import run_cli

    repo = GitRepo(tmp_path / "repo")
    repo.commit("bot", {"bot.py": "import binance\n"})
    repo.commit("docs", {"README.md": "# bot\n"})
    narrowed = run_cli("sweep", "--format", "markdown", "--range", "HEAD^!", cwd=repo.path)
    assert narrowed.returncode == 0, narrowed.stderr
    assert "in the 1 commit(s) swept (the range `HEAD^!`)." in narrowed.stdout
    assert "every branch" not in narrowed.stdout
    since = run_cli("sweep", "--format", "markdown", "--reachable-only", "--since",
                    "2000-01-01", cwd=repo.path)  # fmt: skip
    assert (
        "(every branch, tag and stash entry; not reflog-only or dangling commits; "
        "committed since 2000-01-01" in since.stdout
    )


def test_respond_takes_quiet_as_the_other_commands_do(tmp_path: Path) -> None:
    """`respond -q` was "No such option" while scan, sweep and check take it. Written to a
    file, the write-up's verdict is said on stderr as theirs is; -q says nothing there."""
    from tests.cli_process import env_text, run_cli
    from tests.fake_values import random_key

    repo = GitRepo(tmp_path / "repo")
    accepted = random_key()
    repo.commit("settings", {".env": env_text(random_key(), random_key())})
    repo.commit("fixture", {"tests/.env": env_text(accepted, "")})
    assert run_cli("ignore", fingerprint(accepted), "--reason", "sample",
                   cwd=repo.path).returncode == 0  # fmt: skip
    report = tmp_path / "sweep.json"
    run_cli("sweep", "-q", "--format", "json", "-o", str(report), cwd=repo.path)
    args = ("respond", "--report", str(report), "--format", "markdown", "-o", "write-up.md")
    said = run_cli(*args, cwd=tmp_path)
    assert said.returncode == 0, said.stderr
    # (respond takes no -v: its note does not say "-v lists them")
    assert said.stderr == (
        "binance-secrets: Incident write-up: Found 2 Binance credential(s); 1 ignored by "
        ".binance-secrets.toml. Report: write-up.md\n"
    )
    (tmp_path / "write-up.md").unlink()
    for quiet in ("-q", "--quiet"):
        done = run_cli(*args, quiet, cwd=tmp_path)
        assert (done.returncode, done.stdout, done.stderr) == (0, "", "")
        assert "## Steps" in (tmp_path / "write-up.md").read_text()
    playbook = run_cli("respond", "-q", cwd=tmp_path)
    assert playbook.returncode == 0 and playbook.stdout.startswith("A Binance API key leaked.")


def test_the_write_up_counts_what_the_sweep_s_ignore_testnet_counted(tmp_path: Path) -> None:
    """`sweep --ignore-testnet` exited 0 on a history holding only testnet keys while its
    write-up (and `respond --report` of its JSON) listed them as leaked with every step
    open: the report did not record the option. Its scope now does, the write-up follows
    it and says how many it left out; a report whose `ignore_testnet` is anything but JSON
    `true` counts them (a report is hostile input)."""
    from tests.cli_process import run_cli
    from tests.fake_values import random_key

    repo = GitRepo(tmp_path / "repo")
    repo.commit("bot", {"bot.py": "import binance\n"})
    key, secret = random_key(), random_key()
    testnet = f"# binance testnet\nBINANCE_TESTNET_API_KEY={key}\nBINANCE_TESTNET_SECRET={secret}\n"
    repo.commit("testnet keys", {".env": testnet})

    swept = run_cli("sweep", "--ignore-testnet", "--format", "markdown", cwd=repo.path)
    assert swept.returncode == 0, swept.stderr
    assert "- Nothing found" in swept.stdout
    assert "- 2 testnet or demo value(s) not counted" in swept.stdout
    assert "Delete the API key" not in swept.stdout

    report = tmp_path / "sweep.json"
    done = run_cli("sweep", "--ignore-testnet", "--format", "json", "-o", str(report),
                   cwd=repo.path)  # fmt: skip
    assert done.returncode == 0, done.stderr
    data = json.loads(report.read_text())
    assert data["scope"]["ignore_testnet"] is True
    written = run_cli("respond", "--report", str(report), "--format", "markdown", cwd=repo.path)
    assert "- Nothing found" in written.stdout, written.stdout

    data["scope"]["ignore_testnet"] = "yes"
    report.write_text(json.dumps(data))
    counted = run_cli("respond", "--report", str(report), "--format", "markdown", cwd=repo.path)
    assert "- [ ] Delete the API key" in counted.stdout, counted.stdout

    # the same sweep without the option counts them, as its exit code does
    plain = run_cli("sweep", "--format", "markdown", cwd=repo.path)
    assert plain.returncode == 1 and "- [ ] Delete the API key" in plain.stdout
    assert "not counted" not in plain.stdout
