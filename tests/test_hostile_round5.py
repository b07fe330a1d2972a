"""Round 5's attacks (docs/threat-model.md "Round 5, attacked"): inputs crafted against the
last round's SQL rows, cross-file rule, reports, ``--config-from`` and the pre-receive
hook. Each test fails on the code before its fix, unless it says it is a control."""

from __future__ import annotations

import json
import random
import re
import subprocess
from pathlib import Path

import pytest

from binance_secrets.hooks.baseline.load import hashed_secret
from binance_secrets.hooks.reports.sanitize import printable
from binance_secrets.hooks.scanning.project_config import MAX_EXCLUDE_CHARS
from binance_secrets.plugins.detection import classify, engine
from binance_secrets.plugins.detection.engine import MAX_FINDINGS_PER_FILE
from binance_secrets.plugins.detection.findings import API_KEY, SECRET_KEY, Finding
from binance_secrets.plugins.detection.project_context import NO_PROJECT
from tests.cli_process import (
    assert_one_line_error,
    env_text,
    hooked_server,
    run_cli,
)
from tests.fake_values import random_key
from tests.gitrepo import GitRepo, scratch_git_env


def count_classifications(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """A one-item list counting the calls of ``classify._token_type`` (one a value
    classified) from now on."""
    calls = [0]
    token_type = classify._token_type

    def counted(*args: object) -> object:
        calls[0] += 1
        return token_type(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(classify, "_token_type", counted)
    return calls


def test_one_line_of_held_values_is_classified_once_past_the_files_room(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A value refused only for want of a Binance word was classified a second time, as if
    # something had said Binance, to be held for the cross-file rule, and every value of a
    # line was, although a file holds at most MAX_FINDINGS_PER_FILE of them: a mysqldump
    # line of 30,000 key rows cost twice what classifying it once does (3.9 s of CPU for
    # 2 MiB). Now a line holds no more than the file's room.
    rows = ",".join(f"('{random_key()}')" for _ in range(3 * MAX_FINDINGS_PER_FILE))
    text = f"CREATE TABLE t (access_key text);\nINSERT INTO t VALUES {rows};\n"
    calls = count_classifications(monkeypatch)
    held: list[Finding] = []
    assert engine.scan_text("dump.sql", text, NO_PROJECT, held=held) == []
    assert len(held) == MAX_FINDINGS_PER_FILE
    assert calls[0] <= 3 * MAX_FINDINGS_PER_FILE + MAX_FINDINGS_PER_FILE


def test_a_held_value_is_classified_once(monkeypatch: pytest.MonkeyPatch) -> None:
    # Each held value was classified a second time from scratch, as in a project that uses
    # Binance: a tree of files of generic-named keys (each file holding all it may) cost
    # twice its scan, 1.8 s of CPU per MB. The first classification now says what the
    # value would have been, and the held values are the same.
    text = "".join(f"api_key_{i} = '{random_key()}'\n" for i in range(MAX_FINDINGS_PER_FILE))
    text += f"client = Client('{random_key()}', '{random_key()}')\n"  # positional ones
    calls = count_classifications(monkeypatch)
    held: list[Finding] = []
    assert engine.scan_text("config.py", text, NO_PROJECT, held=held) == []
    assert calls[0] == MAX_FINDINGS_PER_FILE + 2
    assert len(held) == MAX_FINDINGS_PER_FILE  # the file's room: the last line's are not
    assert {(f.type, f.name) for f in held} == {(API_KEY, f"api_key_{i}") for i in range(1000)}
    monkeypatch.setattr(engine, "MAX_FINDINGS_PER_FILE", 2000)
    held = []
    engine.scan_text("config.py", text, NO_PROJECT, held=held)
    assert [(f.type, f.name) for f in held[-2:]] == [(API_KEY, None), (SECRET_KEY, None)]


def test_the_callee_before_a_parenthesis_is_read_backwards_as_the_regex_found_it() -> None:
    # A value's enclosing call was found by a regex tried from each of the 80 positions
    # before its `(`: over a mysqldump line's 64-character values (`...'),(`) that cost
    # 35 µs a value, a third of a dump's scan. callee_before reads back from the `(` and
    # must find what the regex found.
    callee = re.compile(
        r"(?P<callee>[A-Za-z_][A-Za-z0-9_.]*(?:::[A-Za-z_][A-Za-z0-9_.]*)*)\s*\("
    )
    rng = random.Random(5)
    alphabet = "aZ_9.( \n\t,'\"\u00a0\x1c\u00e9:::"
    for _ in range(20_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 120)))
        for index in (i for i, char in enumerate(text) if char == "("):
            found = next(
                (
                    match.group("callee")
                    for match in callee.finditer(text, max(0, index - 80), index + 1)
                    if match.end() == index + 1
                ),
                "",
            )
            assert classify.callee_before(text, index) == found, (text, index)
    line = "Client (" + "a" * 100 + "(" + f"'{random_key()}'),("
    assert classify.callee_before("x = Client (", 11) == "Client"
    assert classify.callee_before("Credentials::from_hmac(", 22) == "Credentials::from_hmac"
    assert classify.callee_before(line, len(line) - 1) == ""


def push(client: GitRepo, server: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", "push", str(server), "main"], cwd=client.path, env=client.env(),
        capture_output=True, text=True, check=False,
    )  # fmt: skip


@pytest.mark.parametrize("name", [".binance-secrets.toml", "pyproject.toml"])
def test_a_committed_config_that_is_a_directory_is_a_one_line_error(
    tmp_path: Path, name: str
) -> None:
    # A commit whose config name is a directory: `cat-file -s` gave the tree's size, then
    # `cat-file blob` failed, and `scan`/`sweep --config-from` ended in "unexpected error
    # ... report it" (exit 2, nothing a user can act on). The work tree's says what to do.
    env = scratch_git_env(tmp_path)
    repo = GitRepo(tmp_path / "r")
    base = repo.commit("base", {f"{name}/x": "x\n"})
    repo.commit("two", {"a.txt": "a\n"})
    for command in ("scan", "sweep"):
        done = run_cli(command, "--config-from", base, ".", cwd=repo.path, env=env)
        assert_one_line_error(done, name, "is a directory", "regular file")
        assert "unexpected" not in done.stderr


def test_a_server_config_that_is_a_directory_judges_strictly_and_can_be_fixed(
    tmp_path: Path,
) -> None:
    # The same tree on the server's default branch (pushed before the hook was installed)
    # rejected every push with "unexpected error", the push removing it too: no push could
    # land. Now it is a config that cannot be used: a warning, the push judged strictly.
    env = scratch_git_env(tmp_path)
    client = GitRepo(tmp_path / "client")
    client.commit("bot", {"bot.py": "import binance\n", ".binance-secrets.toml/x": "x\n"})
    bare = GitRepo(tmp_path / "server.git", bare=True)
    client.git("push", "-q", str(bare.path), "main")  # before the hook is installed
    server = hooked_server(tmp_path, env)
    client.commit("settings", {".env": env_text(random_key(), random_key())})
    done = push(client, server.path)
    assert done.returncode != 0
    assert "binance-secrets rejected this push" in done.stderr
    assert "judged without it" in done.stderr
    assert "unexpected" not in done.stderr
    client.git("reset", "-q", "--hard", "HEAD~1")
    client.git("rm", "-q", "-r", ".binance-secrets.toml")
    client.commit("fix the config", {".binance-secrets.toml": '[exclude]\npaths = ["docs/**"]\n'})
    fixed = push(client, server.path)
    assert fixed.returncode == 0, fixed.stderr
    client.git("rm", "-q", ".binance-secrets.toml")
    client.commit("a directory again", {".binance-secrets.toml/x": "x\n"})
    refused = push(client, server.path)
    assert refused.returncode != 0
    assert ".binance-secrets.toml as pushed to refs/heads/main is a directory" in refused.stderr


def test_a_utf16_env_file_is_found_by_the_sweep_and_the_server(tmp_path: Path) -> None:
    # Windows PowerShell 5 writes `echo BINANCE_API_KEY=... > .env` as UTF-16 with a byte
    # order mark. `scan` decodes it (files.decode), but the sweep's blob pass looked for
    # key-shaped runs in the raw bytes, where every other byte is a NUL: it found none,
    # never diffed the commit, and `sweep` said "No Binance credentials found" (exit 0);
    # the pre-receive hook accepted the push.
    env = scratch_git_env(tmp_path)
    client = GitRepo(tmp_path / "client")
    client.commit("bot", {"bot.py": "import binance\n"})
    server = hooked_server(tmp_path, env)
    assert push(client, server.path).returncode == 0
    key, secret = random_key(), random_key()
    (client.path / ".env").write_bytes(env_text(key, secret).encode("utf-16"))
    client.commit("settings")
    swept = run_cli("sweep", "--format", "json", ".", cwd=client.path, env=env)
    assert swept.returncode == 1, swept.stderr
    found = json.loads(swept.stdout)["findings"]
    assert {(f["path"], f["line"]) for f in found} == {(".env", 2), (".env", 3)}
    # Still in HEAD, which the clean-up advice depends on (git grep skips the file).
    assert all(f["in_head"] and f["head_paths"] == [".env"] for f in found)
    done = push(client, server.path)
    assert done.returncode != 0
    assert "remote: .env:2: Binance API Key" in done.stderr
    # The control: the same file in UTF-8 is found the same way.
    (client.path / ".env").write_text(env_text(random_key(), random_key()))
    client.commit("utf-8")
    again = run_cli("sweep", "--format", "json", ".", cwd=client.path, env=env)
    assert len(json.loads(again.stdout)["findings"]) == 4


def test_a_tag_of_a_tag_holding_a_key_is_swept(tmp_path: Path) -> None:
    # `git tag -a t2 t1` (a nested tag) and then `git tag -d t1`: only refs/tags/t2 names
    # the tag t1, whose message holds a key. The pre-receive hook follows such chains
    # (tags.new_tag_objects), but `sweep` read only the tag objects refs name: the key
    # went unreported (exit 0), and every clone fetching tags gets it.
    env = scratch_git_env(tmp_path)
    repo = GitRepo(tmp_path / "r")
    repo.commit("bot", {"bot.py": "import binance\n"})
    key, secret = random_key(), random_key()
    repo.git("tag", "-a", "-F", "-", "t1", input=f"release\n\n{env_text(key, secret)}")
    inner = repo.git("rev-parse", "refs/tags/t1").strip()
    repo.git("-c", "advice.nestedTag=false", "tag", "-a", "-m", "outer", "t2", "t1")
    repo.git("tag", "-d", "t1")
    done = run_cli("sweep", "--format", "json", ".", cwd=repo.path, env=env)
    assert done.returncode == 1, done.stderr
    findings = json.loads(done.stdout)["findings"]
    found = {(f["path"], f["commit"], f["redacted"][:4]) for f in findings}
    assert ("(tag message)", inner, key[:4]) in found


def nested_tags(repo: GitRepo, depth: int, message: str) -> None:
    """refs/tags/d<depth>, a tag of a tag ... of the tag d0 whose message is ``message``,
    with no other ref naming the inner tags."""
    repo.git("tag", "-a", "-F", "-", "d0", input=message)
    for level in range(1, depth + 1):
        repo.git("-c", "advice.nestedTag=false", "tag", "-a", "-m", f"n{level}", f"d{level}",
                 f"d{level - 1}")  # fmt: skip
        repo.git("tag", "-d", f"d{level - 1}")


def test_a_tag_chain_deeper_than_is_read_is_never_a_silent_pass(tmp_path: Path) -> None:
    # Tags of tags are read MAX_TAG_DEPTH levels deep (each level costs git processes):
    # a key in the message of a tag ten levels down passed `sweep` (exit 0, nothing listed
    # as skipped) and the pre-receive hook. Now the sweep lists the tag it did not read,
    # and the hook refuses the push (exit 2, one line saying what to do).
    env = scratch_git_env(tmp_path)
    client = GitRepo(tmp_path / "client")
    client.commit("bot", {"bot.py": "import binance\n"})
    server = hooked_server(tmp_path, env)
    assert push(client, server.path).returncode == 0
    nested_tags(client, 10, f"release\n\n{env_text(random_key(), random_key())}")
    done = run_cli("sweep", "--format", "json", ".", cwd=client.path, env=env)
    (skipped,) = json.loads(done.stdout)["skipped"]  # the first tag it did not read
    assert skipped["path"].endswith(":(tag message)")
    assert "more than 8 tags deep below refs/tags/d10" in skipped["reason"]
    pushed = subprocess.run(
        ["git", "push", str(server.path), "refs/tags/d10"], cwd=client.path, env=client.env(),
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert pushed.returncode != 0
    assert "more than 8 tags deep below refs/tags/d10" in pushed.stderr
    assert "Traceback" not in pushed.stderr


@pytest.mark.parametrize("mode", [(), ("--report",), ("--stats",)])
def test_an_audited_baseline_naming_a_type_no_plugin_reports_is_one_line(
    git_repo: GitRepo, mode: tuple[str, ...]
) -> None:
    # detect-secrets' audit looks each entry's `type` up among its plugins' and failed on
    # one none reports with a bare TypeError (KeyError for --stats): "unexpected error ...
    # report it", exit 2 and nothing to act on. A recorded `type` is the baseline's text.
    key = random_key()
    git_repo.commit("settings", {".env": env_text(key, random_key())})
    entry = {"type": "Foo\x1b[2J Token", "hashed_secret": hashed_secret(key), "line_number": 2}
    baseline = {"version": "1.5.0", "plugins_used": [], "filters_used": [],
                "results": {".env": [entry]}}  # fmt: skip
    (git_repo.path / ".secrets.baseline").write_text(json.dumps(baseline))
    done = run_cli("audit", *mode, ".secrets.baseline", cwd=git_repo.path, input="q\n")
    assert_one_line_error(done, ".secrets.baseline", "Foo\\033[2J Token", "no plugin")
    assert "unexpected" not in done.stderr
    entry["type"] = "Binance API Key"  # the control: a type a plugin reports
    (git_repo.path / ".secrets.baseline").write_text(json.dumps(baseline))
    done = run_cli("audit", "--report", ".secrets.baseline", cwd=git_repo.path)
    assert done.returncode == 0, done.stderr


def test_audit_shows_a_files_line_with_its_escapes_escaped(git_repo: GitRepo) -> None:
    # detect-secrets' audit prints each recorded line of code as it is: a committed file's
    # terminal escapes (a title, a cleared screen, OSC 52 clipboard writes) reached the
    # terminal of whoever audited the baseline. Now the lines are escaped (the value shown
    # whole: showing it is the audit's point); a file named with control characters is
    # refused, its name being printed as it is.
    key = random_key()
    line = f"BINANCE_API_KEY = '{key}' # \x1b]0;PWNED\x07\x1b[2J"
    git_repo.commit("settings", {"cfg.py": f"import binance\n{line}\n"})
    made = run_cli("baseline", cwd=git_repo.path)
    assert made.returncode == 0, made.stderr
    done = run_cli("audit", ".secrets.baseline", cwd=git_repo.path, input="s\ns\ns\nq\n")
    assert "\x1b]0;" not in done.stdout and "\x07" not in done.stdout
    assert f"'{key}' # \\033]0;PWNED\\a\\033[2J" in done.stdout
    baseline = json.loads((git_repo.path / ".secrets.baseline").read_text())
    baseline["results"]["cfg\x1b[2J.py"] = baseline["results"].pop("cfg.py")
    (git_repo.path / ".secrets.baseline").write_text(json.dumps(baseline))
    refused = run_cli("audit", ".secrets.baseline", cwd=git_repo.path, input="q\n")
    assert_one_line_error(refused, ".secrets.baseline", "control characters")


def test_audit_of_a_baseline_naming_a_file_that_is_not_utf8_is_one_line(
    git_repo: GitRepo,
) -> None:
    # detect-secrets reads each file a baseline names as UTF-8: one that is not (a crafted
    # baseline recording a binary file) ended `audit --report` in a bare UnicodeDecodeError.
    (git_repo.path / "blob.dat").write_bytes(b"\xff\xfe\x80 binary\n" * 4)
    entry = {"type": "Binance API Key", "hashed_secret": "0" * 40, "line_number": 1}
    baseline = {"version": "1.5.0", "plugins_used": [], "filters_used": [],
                "results": {"blob.dat": [entry]}}  # fmt: skip
    (git_repo.path / ".secrets.baseline").write_text(json.dumps(baseline))
    done = run_cli("audit", "--report", ".secrets.baseline", cwd=git_repo.path)
    assert_one_line_error(done, "blob.dat", "not UTF-8")


@pytest.mark.parametrize(
    "field, value",
    [
        ("timeline", "x"),
        ("timeline", {"introduced": "x", "reached": [1], "removed": 2, "pushed": "x"}),
        ("timeline", {"pushed": {"earliest": 3}}),
        ("permissions", ["enableWithdrawals"]),
        ("cleanup_sequence", 7),
    ],
)
def test_the_write_up_reads_a_reports_copied_objects_of_any_type(
    tmp_path: Path, field: str, value: object
) -> None:
    # Report validation copies a finding's `timeline` (and a check result's fields) as it
    # is; the incident write-up reads inside them and ended `respond --format markdown` in
    # "unexpected error (AttributeError ...)" on a report whose timeline is a string.
    fingerprint = "sha256:" + "1" * 64
    finding = {"type": "Binance API Key", "path": ".env", "line": 2, "redacted": "AbCd...wXyZ",
               "fingerprint": fingerprint, "commit": "2" * 40, "date": "2024-01-01"}  # fmt: skip
    sweep: dict[str, object] = {"version": 1, "root": "/r", "findings": [finding]}
    key: dict[str, object] = {"fingerprint": fingerprint, "status": "active"}
    if field == "timeline":
        finding[field] = value
    elif field == "permissions":
        key[field] = value
    else:
        sweep[field] = value
    (tmp_path / "sweep.json").write_text(json.dumps(sweep))
    (tmp_path / "check.json").write_text(json.dumps({"version": 1, "keys": [key]}))
    done = run_cli(
        "respond", "--report", "sweep.json", "--check", "check.json", "--format", "markdown",
        cwd=tmp_path,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "## What leaked" in done.stdout


@pytest.mark.parametrize("fmt", ["text", "sarif", "json"])
def test_merge_renders_a_finding_without_its_optional_redacted_form(
    tmp_path: Path, fmt: str
) -> None:
    # A finding's `redacted` is optional to report validation, but the text and SARIF
    # renderers indexed it: `merge` of such a report ended in "unexpected error
    # (KeyError: 'redacted')"; so did a report without its optional `skipped` list (the
    # merge's orjson check indexed it). Found by mutating a real report's fields at random.
    finding = {"type": "Binance API Key", "path": ".env", "line": 2,
               "fingerprint": "sha256:" + "3" * 64}  # fmt: skip
    report = {"version": 1, "root": str(tmp_path), "findings": [finding]}
    (tmp_path / "r.json").write_text(json.dumps(report))
    done = run_cli("merge", "--format", fmt, "r.json", cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    assert "unexpected" not in done.stderr
    if fmt == "text":
        assert "    value:       ?" in done.stdout


def workflow_commands(text: str) -> list[str]:
    """The lines GitHub Actions' runner would take for workflow commands (`::error ...`,
    `::add-mask::`, `::stop-commands::`): those that start with `::` once left-trimmed."""
    return [line for line in text.splitlines() if line.lstrip().startswith("::")]


def test_no_report_line_is_a_github_workflow_command(tmp_path: Path) -> None:
    # The runner reads every line of a step's output that starts (after blanks) with `::`
    # as a workflow command, and the CI templates print text reports (`cat merged.txt`).
    # A file named `::error title=...::...` holding a key started the line of its finding
    # in `scan`, `sweep` and `merge` text: a forged annotation, or `::add-mask::` and
    # `::stop-commands::` to hide the log of an org sweep. The same for a name starting
    # a skipped file's line under blanks. Now such a name is quoted, as git quotes names.
    env = scratch_git_env(tmp_path)
    repo = GitRepo(tmp_path / "r")
    forged = "::error title=Forged::all clear"
    repo.commit("bot", {"bot.py": "import binance\n", forged: env_text(random_key(), random_key())})
    (repo.path / "\u00a0::add-mask::big.env").write_text("x" * 300 + "\n")
    runs = {
        "scan": run_cli("scan", "-v", "--max-file-size", "200", ".", cwd=repo.path, env=env),
        "sweep": run_cli("sweep", "--format", "json", "-o", "s.json", ".", cwd=repo.path, env=env),
        "sweep text": run_cli("sweep", ".", cwd=repo.path, env=env),
    }
    runs["merge"] = run_cli("merge", "--format", "text", "s.json", cwd=repo.path, env=env)
    for name, done in runs.items():
        assert done.returncode == 1, (name, done.stderr)
        assert workflow_commands(done.stdout + done.stderr) == [], name
    assert f'"{forged}":2: Binance API Key' in runs["merge"].stdout
    assert '"\u00a0::add-mask::big.env": larger than' in runs["scan"].stderr
    assert printable("  ::add-mask::x") == "  \\072:add-mask::x"


def test_ignore_path_globs_of_one_value_are_bounded_together(tmp_path: Path) -> None:
    # Each finding is matched against the path globs of every [[ignore]] entry naming its
    # fingerprint, in time that grows with each glob's length times the path's. 3,200
    # entries for one value, each `**/*a*a...*a*b` (1 MiB of config), cost 0.35 s per file
    # holding that value: 72 s of CPU for 200 files, hours for a push of thousands, on a
    # CI job or a server hook judged by that config. The exclude globs were bounded so
    # (MAX_EXCLUDE_CHARS); now the path globs of one value's entries are too.
    fingerprint = "sha256:" + "4" * 64
    glob = "**/" + "*a" * 95 + "b"
    entry = f'[[ignore]]\nfingerprint = "{fingerprint}"\nreason = "r"\npath = "{glob}"\n'
    config = entry * (MAX_EXCLUDE_CHARS // len(glob) + 1)
    (tmp_path / ".binance-secrets.toml").write_text(config)
    done = run_cli("scan", ".", cwd=tmp_path)
    assert_one_line_error(done, ".binance-secrets.toml", fingerprint[:19], "path globs")
    # The control: as many entries for different values, or few for one, are a config.
    many = "".join(entry.replace("4" * 64, f"{i:064x}") for i in range(200))
    (tmp_path / ".binance-secrets.toml").write_text(many + entry * 8)
    assert run_cli("scan", ".", cwd=tmp_path).returncode == 0
