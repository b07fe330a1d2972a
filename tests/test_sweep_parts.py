"""The sweep's pieces: the git log parser, the progress bar, --verify against the emulator."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from binance_secrets.hooks.commands.cli import cli
from binance_secrets.hooks.reports.progress import ProgressBar, format_eta
from binance_secrets.hooks.sweep.log_stream import FIELD_SEP, parse_log, unquote_path
from binance_secrets.plugins.detection.findings import fingerprint
from tests.emulator.fixtures import emulator_fixture, hmac_account  # noqa: F401 - fixtures
from tests.emulator.server import Emulator
from tests.gitrepo import GitRepo


def header(ctime: int, subject: str, message: str | None = None) -> str:
    """A commit header as LOG_FORMAT writes it: git's fields, the message's lines indented
    by a space (and the line its %n adds), the free text after NULs."""
    fields = f"\x01{'c' * 40} {ctime} 2024-01-01T00:00:00+00:00 2024-01-02T00:00:00+00:00 "
    message = f"{subject}\n" if message is None else message
    indented = "".join(f" {line}\n" for line in (message + "\n").split("\n")[:-1])
    return fields + "p" * 40 + "\n" + indented + FIELD_SEP + "A <a@x>" + FIELD_SEP + subject


def stream(*lines: str) -> list[bytes]:
    return [part.encode() + b"\n" for line in lines for part in line.split("\n")]


def test_parser_tracks_new_line_numbers_and_drops_removed_lines() -> None:
    (commit,) = parse_log(
        stream(
            header(1704153600, "subject"),
            "",
            "diff --git a/x.env b/x.env",
            "index " + "1" * 40 + ".." + "2" * 40 + " 100644",
            "--- a/x.env",
            "+++ b/x.env",
            "@@ -10,3 +10,3 @@ section",
            " context",
            "-removed",
            "+added",
            "\\ No newline at end of file",
            "@@ -40 +40,2 @@",
            "+++ an added line that looks like a header",
            " tail",
        ),
        max_file_bytes=10_000,
    )
    assert commit.info.sha == "c" * 40 and commit.info.committer_time == 1704153600
    assert commit.info.subject == "subject"
    (file,) = commit.files
    assert (file.path, file.blob) == ("x.env", "2" * 40)
    assert file.lines == [
        (10, "context", False),
        (11, "added", True),
        (40, "++ an added line that looks like a header", True),
        (41, "tail", False),
    ]


def test_parser_combined_diff_counts_only_lines_new_to_every_parent() -> None:
    (commit,) = parse_log(
        stream(
            header(1, "merge"),
            "diff --cc m.env",
            "index " + "1" * 40 + "," + "3" * 40 + ".." + "2" * 40,
            "--- a/m.env",
            "+++ b/m.env",
            "@@@ -1,2 -1,2 +1,3 @@@",
            "  same",
            "+ from first parent",
            " -gone",
            "++evil",
        ),
        max_file_bytes=10_000,
    )
    (file,) = commit.files
    assert file.lines == [
        (1, "same", False),
        (2, "from first parent", False),
        (3, "evil", True),
    ]


def test_parser_deleted_files_and_oversized_diffs() -> None:
    commits = list(
        parse_log(
            stream(
                header(1, "one"),
                "diff --git a/gone b/gone",
                "--- a/gone",
                "+++ /dev/null",
                "@@ -1 +0,0 @@",
                "-old",
                header(2, "two"),
                "diff --git a/big b/big",
                "+++ b/big",
                "@@ -0,0 +1,3 @@",
                "+" + "x" * 50,
                "+" + "y" * 50,
                "+" + "z" * 50,
            ),
            max_file_bytes=100,
        )
    )
    assert commits[0].files[0].path is None
    big = commits[1].files[0]
    assert big.size > 100 and big.lines == []


def test_unquote_path() -> None:
    assert unquote_path('"b/tab\\there"') == "b/tab\there"
    assert unquote_path('"b/caf\\303\\251.env"') == "b/café.env"
    assert unquote_path("b/plain") == "b/plain"
    assert unquote_path(b'"b/q\\"uote\\nnl"') == 'b/q"uote\nnl'
    assert unquote_path(b"b/caf\xe9") == "b/caf\ufffd"


def test_progress_bar_draws_only_when_enabled() -> None:
    out = io.StringIO()
    bar = ProgressBar("sweep", "commits", stream=out, enabled=True)
    bar.start(200)
    bar.advance(100)
    bar.advance(100)
    bar.finish()
    last = out.getvalue().rstrip("\n").split("\r")[-1]
    assert last.startswith("sweep [########################] 200/200 commits")
    assert "ETA 0:00" in last
    quiet = io.StringIO()
    silent = ProgressBar("sweep", "commits", stream=quiet, enabled=False)
    silent.start(10)
    silent.advance(10)
    silent.finish()
    assert quiet.getvalue() == ""
    assert format_eta(3725) == "1:02:05"


def test_progress_bar_total_grows_when_dangling_commits_are_found() -> None:
    """The dangling commits are counted while the reachable ones are read: the total is
    given again, and the bar keeps what was done and when it began."""
    out = io.StringIO()
    bar = ProgressBar("sweep", "commits", stream=out, enabled=True)
    bar.start(100)
    began = bar._started
    bar.advance(100)
    bar.start(150)
    assert (bar.done, bar.total, bar._started) == (100, 150, began)
    assert out.getvalue().split("\r")[-1].startswith("sweep [################........] 100/150")


def test_progress_is_counted_as_git_shows_commits_not_per_batch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Batches are long (git's delta-base cache stays warm), so the bar advances as commit
    headers are read, several times within one batch, and adds up to the commits swept."""
    from binance_secrets.hooks.git.repo import open_repository
    from binance_secrets.hooks.sweep import log_stream as history
    from binance_secrets.hooks.sweep.run import sweep

    repo = GitRepo(tmp_path / "repo")
    for n in range(60):
        repo.commit(f"c{n}", {"notes.txt": f"line {n}\n" * 20})
    monkeypatch.setattr(history, "READ_SIZE", 4096)  # many blocks from a small history
    told: list[int] = []
    result = sweep(open_repository(str(repo.path)), jobs=1, on_progress=told.append)
    assert sum(told) == result.commits_swept == 60
    assert len(told) > 2  # one batch of 60 (MIN_BATCH 50 rounds up: two at most)


def test_a_failed_early_dangling_listing_is_asked_again(tmp_path: Path) -> None:
    """When the listing started before the refs were read fails (a reflog git cannot
    walk, say), the dangling commits are asked again with the sweep's own exclusions."""
    from binance_secrets.hooks.git.repo import open_repository
    from binance_secrets.hooks.sweep.dangling import DanglingListing
    from binance_secrets.hooks.sweep.refs import iter_reachable, select_commits, settle_dangling

    repo = GitRepo(tmp_path / "repo")
    repo.commit("first", {"a.txt": "a\n"})
    tree = repo.git("mktree", input="")
    dangling = repo.git("commit-tree", tree, "-m", "dangling")
    repository = open_repository(str(repo.path))
    failing = DanglingListing(repository.git_dir, ["--not", "--no-such-option"], [])
    selection = select_commits(repository, dangling=failing)
    list(iter_reachable(repository, selection))
    assert settle_dangling(selection) == [dangling]
    assert selection.skipped == []


def test_sweep_verify_checks_each_pair_once_with_the_first_commit_date(
    emulator: Emulator, tmp_path: Path
) -> None:
    account, secret = hmac_account(emulator)
    repo = GitRepo(tmp_path / "repo")
    text = f"# binance\nBINANCE_API_KEY={account.api_key}\nBINANCE_API_SECRET={secret}\n"
    repo.commit("add", {"a.env": text})
    repo.commit("copy", {"b.env": text})
    repo.commit("remove", remove=("a.env", "b.env"))

    done = CliRunner().invoke(
        cli,
        [
            "sweep",
            str(repo.path),
            "--quiet",
            "--format",
            "json",
            "--verify",
            "--endpoint",
            emulator.url,
            "--allow-unofficial-endpoint",
        ],
        catch_exceptions=False,
    )
    assert done.exit_code == 1, done.output
    report = json.loads(done.stdout)
    (key,) = report["keys"]
    assert key["fingerprint"] == fingerprint(account.api_key)
    assert key["status"] == "active"
    assert any("since 2023-11-14T22:14:20Z" in step for step in key["steps"])
    signed = [r for r in emulator.requests if "signature" in r.query]
    assert len(signed) == 1
    assert secret not in done.stdout and account.api_key not in done.stdout


def test_text_report_lists_remote_refs_first_and_caps_the_list() -> None:
    from binance_secrets.hooks.reports.text import render_finding

    refs = [f"refs/heads/b{n}" for n in range(7)] + ["refs/remotes/origin/main"]
    finding = {
        "type": "Binance API Key",
        "path": ".env",
        "line": 2,
        "redacted": "AbCd...WxYz",
        "fingerprint": "sha256:" + "0" * 64,
        "pair": None,
        "commit": "c" * 40,
        "author": "A <a@x>",
        "date": "2024-01-01T00:00:00+00:00",
        "subject": "add",
        "in_head": False,
        "head_paths": [],
        "refs": refs,
        "pushed": True,
        "unreachable": False,
    }
    lines = render_finding(finding)
    (ref_line,) = [line for line in lines if line.strip().startswith("refs:")]
    assert ref_line.split("refs:")[1].strip().startswith("refs/remotes/origin/main, refs/heads/b0")
    assert ref_line.endswith("and 3 more (all in --format json)")


def test_progress_bar_fits_a_narrow_terminal_and_covers_its_last_line(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Redrawn with a carriage return, the line must fit on one row (a wrapped line leaves a
    row behind at each redraw: a 50-column pane filled with bars) and cover the previous
    one (a shorter line left the old tail on screen: `987/s  ETA 0:0019`)."""
    from binance_secrets.hooks.reports import progress

    clock = [0.0]
    monkeypatch.setattr(progress.time, "monotonic", lambda: clock[0])
    width = [50]
    out = io.StringIO()
    bar = ProgressBar("sweep", "commits", stream=out, enabled=True, columns=lambda: width[0])
    bar.start(30000)
    for step in range(1, 30):
        clock[0] = step * 0.5
        bar.advance(1000 if step < 10 else 10)  # the rate falls from 2,000/s
    width[0] = 20
    clock[0] += 1
    bar.advance(1)
    bar.finish()
    drawn = out.getvalue().rstrip("\n").split("\r")[1:]
    assert all(len(line) <= 49 for line in drawn[:-2]), drawn
    assert all(len(line) <= 19 for line in drawn[-2:]), drawn[-2:]
    assert drawn[1].startswith("sweep 1000/30000 commits  2,000/s  ETA")
    assert drawn[-1].rstrip() == "sweep 9201/30000 co"
    for before, after in zip(drawn, drawn[1:]):  # each line covers what was on screen
        assert len(after) >= min(len(before), 49 if len(after) > 19 else 19)
    wide = ProgressBar("sweep", "commits", stream=io.StringIO(), enabled=True, columns=lambda: 200)
    wide.start(10)
    assert wide.line(199).startswith("sweep [........................] 0/10 commits")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="F_SETPIPE_SZ is Linux's")
def test_git_s_pipe_is_widened_on_every_python_we_claim() -> None:
    """The sweep lets git write a MiB ahead of Python (git.invocation.widen_pipe). Python's
    fcntl names F_SETPIPE_SZ only from 3.10, so on 3.9 the pipe stayed 64 KiB and git
    stalled on every piece Python searched: Linux's own number is used there."""
    import fcntl
    import os

    from binance_secrets.hooks.git.invocation import PIPE_SIZE, widen_pipe

    read_end, write_end = os.pipe()
    with os.fdopen(read_end, "rb") as pipe:
        widen_pipe(pipe)
        assert fcntl.fcntl(read_end, 1032) >= PIPE_SIZE  # F_GETPIPE_SZ (3.10+ names it)
    os.close(write_end)
