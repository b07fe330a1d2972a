"""Hostile names and messages never reach the terminal raw, and no report field carries a key.

Real git repositories (tests/gitrepo.py) whose file names, ref names, commit authors and
subjects hold escape sequences, newlines and whole keys; the text and JSON reports of
`scan` and `sweep` must show them escaped and redacted.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from binance_secrets.hooks.commands.cli import cli
from binance_secrets.hooks.reports.sanitize import printable, quote_path, redact_text
from tests.cli_process import env_text
from tests.fake_values import random_key
from tests.gitrepo import GitRepo

ESC = "\x1b"
CLEAR_SCREEN = f"{ESC}[2J"
SET_TITLE = f"{ESC}]0;pwned\x07"
BIDI_OVERRIDE = "\u202e"


def invoke(*args: str, cwd: Path | None = None) -> tuple[int, str, str]:
    old = os.getcwd()
    if cwd is not None:
        os.chdir(cwd)
    try:
        done = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    finally:
        os.chdir(old)
    return done.exit_code, done.stdout, done.stderr


def assert_no_raw_controls(text: str) -> None:
    bad = [c for c in text if (ord(c) < 32 and c != "\n") or 0x7F <= ord(c) <= 0x9F]
    assert not bad, f"raw control characters reached the output: {bad!r}"
    assert BIDI_OVERRIDE not in text


# -- the sanitizer itself -----------------------------------------------------------------


def test_printable_escapes_controls_the_way_git_does() -> None:
    assert printable(f"a{CLEAR_SCREEN}b\tc\r") == "a\\033[2Jb\\tc\\r"
    assert printable(SET_TITLE) == "\\033]0;pwned\\a"
    assert printable(f"x{BIDI_OVERRIDE}y") == "x\\342\\200\\256y"
    assert printable("bytes \udcff kept as octal") == "bytes \\377 kept as octal"
    assert printable("plain é text") == "plain é text"


def test_quote_path_quotes_only_when_git_would() -> None:
    assert quote_path("src/config é.py") == "src/config é.py"
    assert quote_path("a\nb") == '"a\\nb"'
    assert quote_path('say "hi"\\') == '"say \\"hi\\"\\\\"'
    assert quote_path(f"x{ESC}[31m.env") == '"x\\033[31m.env"'


def test_key_shaped_values_are_redacted_but_digests_are_not() -> None:
    key = random_key()
    digest = "ab" * 32
    assert redact_text(f"rotate {key} now") == f"rotate {key[:4]}...{key[-4:]} now"
    assert redact_text(f"keys/{key}.txt") == f"keys/{key[:4]}...{key[-4:]}.txt"
    assert redact_text(f"sha {digest}") == f"sha {digest}"
    assert key not in printable(key) and key not in quote_path(key)


# -- scan --------------------------------------------------------------------------------


def test_scan_text_escapes_file_names_with_escapes_and_newlines(tmp_path: Path) -> None:
    key, secret = random_key(), random_key()
    name = f"evil{CLEAR_SCREEN}\nFAKE.py:1: Binance API Key{SET_TITLE}.env"
    (tmp_path / name).write_text(env_text(key, secret))
    code, out, _ = invoke("scan", "--all-files", ".", cwd=tmp_path)
    assert code == 1
    assert_no_raw_controls(out)
    assert '"evil\\033[2J\\nFAKE.py:1: Binance API Key\\033]0;pwned\\a.env":2:' in out
    # the forged row never starts a line of its own
    assert not any(line.startswith("FAKE.py") for line in out.splitlines())


def test_scan_json_keeps_names_but_redacts_a_key_in_a_file_name(tmp_path: Path) -> None:
    key, secret, named = random_key(), random_key(), random_key()
    (tmp_path / f"{named}.env").write_text(env_text(key, secret))
    (tmp_path / "tab\there.env").write_text(env_text(random_key(), random_key()))
    code, out, _ = invoke("scan", "--all-files", "--format", "json", ".", cwd=tmp_path)
    assert code == 1
    assert named not in out and key not in out and secret not in out
    paths = {finding["path"] for finding in json.loads(out)["findings"]}
    assert paths == {f"{named[:4]}...{named[-4:]}.env", "tab\there.env"}


# -- sweep -------------------------------------------------------------------------------


def hostile_repo(tmp_path: Path) -> tuple[GitRepo, dict[str, str]]:
    """A key committed by a hostile author, under a hostile name and subject, on a branch
    whose name is a key; the subject holds yet another key."""
    values = {name: random_key() for name in ("key", "secret", "in_subject", "in_ref")}
    repo = GitRepo(tmp_path / "repo")
    repo.commit("initial", {"README.md": "# bot\n"})
    repo.git("config", "user.name", f"Mallory{CLEAR_SCREEN}{BIDI_OVERRIDE}")
    name = f"conf{ESC}[8m\n.env"
    repo.commit(
        f"add {values['in_subject']} {SET_TITLE}done",
        {name: env_text(values["key"], values["secret"])},
    )
    repo.git("branch", f"leak-{values['in_ref']}")
    return repo, values


def test_sweep_text_escapes_author_subject_path_and_redacts_keys(tmp_path: Path) -> None:
    repo, values = hostile_repo(tmp_path)
    code, out, err = invoke("sweep", str(repo.path), "--quiet")
    assert code == 1
    assert_no_raw_controls(out)
    assert_no_raw_controls(err)
    for value in values.values():
        assert value not in out
    subject = values["in_subject"]
    assert f"add {subject[:4]}...{subject[-4:]} \\033]0;pwned\\adone" in out
    assert "by Mallory\\033[2J\\342\\200\\256 <alice@example.invalid>" in out
    assert '"conf\\033[8m\\n.env":2:' in out
    ref = values["in_ref"]
    assert f"refs/heads/leak-{ref[:4]}...{ref[-4:]}" in out


def test_sweep_json_is_escaped_json_and_redacted(tmp_path: Path) -> None:
    repo, values = hostile_repo(tmp_path)
    code, out, _ = invoke("sweep", str(repo.path), "--quiet", "--format", "json")
    assert code == 1
    for value in values.values():
        assert value not in out
    assert ESC not in out  # json.dumps escapes it as \u001b
    report = json.loads(out)
    finding = next(f for f in report["findings"] if f["type"] == "Binance API Key")
    subject = values["in_subject"]
    assert finding["subject"] == f"add {subject[:4]}...{subject[-4:]} {SET_TITLE}done"
    assert finding["path"] == f"conf{ESC}[8m\n.env"
    ref = values["in_ref"]
    assert f"refs/heads/leak-{ref[:4]}...{ref[-4:]}" in finding["refs"]


# -- check -------------------------------------------------------------------------------


def test_check_text_escapes_report_fields(tmp_path: Path) -> None:
    """A report's own strings (its redacted form, a path that lands in the reason) reach
    the check table; nothing is sent (the value is not there), so no emulator is needed."""
    key, named = random_key(), random_key()
    from binance_secrets.plugins.detection.findings import fingerprint

    report = {
        "version": 1,
        "root": str(tmp_path),
        "findings": [
            {
                "type": "Binance API Key",
                "path": f"gone{CLEAR_SCREEN}\n{named}.env",
                "line": 1,
                "redacted": f"{SET_TITLE}AAAA...ZZZZ",
                "fingerprint": fingerprint(key),
                "pair": None,
                "example": False,
            }
        ],
        "skipped": [],
    }
    (tmp_path / "r.json").write_text(json.dumps(report))
    code, out, err = invoke(
        "check", "--endpoint", "http://127.0.0.1:9", "--allow-unofficial-endpoint",
        "--report", str(tmp_path / "r.json"), cwd=tmp_path,
    )  # fmt: skip
    assert "Traceback" not in err and code != 1
    assert_no_raw_controls(out)
    assert "\\033]0;pwned\\aAAAA...ZZZZ" in out
    assert "gone\\033[2J\\n" in out and named not in out


UNREACHABLE = ("--endpoint", "http://127.0.0.1:9", "--allow-unofficial-endpoint")
ODD_NAMES = {'say "hi".env': '"say \\"hi\\".env"', "tab\there.env": '"tab\\there.env"'}


def found_at_lines(out: str) -> set[str]:
    return {line.strip() for line in out.splitlines() if line.strip().startswith("found at ")}


def test_check_found_at_quotes_file_names_the_way_git_does(tmp_path: Path) -> None:
    """`found at` names each place as every other report does: git's quoting, so a quote,
    tab or newline in a name cannot run into the line number or the next place."""
    root = tmp_path / "project"
    root.mkdir()
    for name in ODD_NAMES:
        (root / name).write_text(env_text(random_key(), random_key()))
    report = tmp_path / "r.json"
    code, _, _ = invoke("scan", "--all-files", "--format", "json", "-o", str(report), ".",
                        cwd=root)  # fmt: skip
    assert code == 1
    expected = {f"found at {quoted}:2" for quoted in ODD_NAMES.values()}
    code, out, _ = invoke("check", *UNREACHABLE, "--report", str(report), cwd=tmp_path)
    assert code == 3 and found_at_lines(out) == expected, out
    code, out, _ = invoke("scan", "--all-files", "--verify", *UNREACHABLE, ".", cwd=root)
    assert code == 3 and found_at_lines(out) == expected, out


def test_check_reason_quotes_a_file_name_it_did_not_read(tmp_path: Path) -> None:
    root = tmp_path / "project"
    root.mkdir()
    (root / "tab\there.env").write_text(env_text(random_key(), random_key()))
    report = tmp_path / "r.json"
    code, _, _ = invoke("scan", "--all-files", "--format", "json", "-o", str(report), ".",
                        cwd=root)  # fmt: skip
    (root / "tab\there.env").rename(root / "real.env")
    (root / "tab\there.env").symlink_to(root / "real.env")
    code, out, _ = invoke("check", *UNREACHABLE, "--report", str(report), cwd=tmp_path)
    assert code == 3
    assert 'not read: "tab\\there.env":2 is a symlink (not followed)' in out, out


def test_sweep_verify_found_at_quotes_file_names(tmp_path: Path) -> None:
    repo = GitRepo(tmp_path / "repo")
    commit = repo.commit("add", {name: env_text(random_key(), random_key()) for name in ODD_NAMES})
    code, out, _ = invoke("sweep", str(repo.path), "--quiet", "--verify", *UNREACHABLE)
    assert code == 3
    expected = {f"found at {commit[:12]}:{quoted}:2" for quoted in ODD_NAMES.values()}
    assert found_at_lines(out) == expected, out


# -- properties ----------------------------------------------------------------------------

# Anything a file name, subject or report field may hold, undecodable bytes included.
ANY_TEXT = st.text(
    alphabet=st.one_of(
        st.characters(),
        st.sampled_from(["\x1b", "\n", "\r", "\x07", "\u202e", "\u2028", "\udc9b", '"', "\\"]),
    )
)


@given(ANY_TEXT)
def test_printable_and_quote_path_never_emit_a_control_character(text: str) -> None:
    for shown in (printable(text), quote_path(text)):
        assert_no_raw_controls(shown)
        assert "\n" not in shown and "\u2028" not in shown
        assert not any(0xD800 <= ord(c) <= 0xDFFF for c in shown)
        shown.encode("utf-8")  # always printable to a UTF-8 terminal


@given(st.text(alphabet="abc/ _.-é", min_size=1))
def test_ordinary_names_are_left_alone(name: str) -> None:
    assert quote_path(name) == name and printable(name) == name


@given(ANY_TEXT, ANY_TEXT)
def test_a_key_anywhere_in_a_name_is_redacted(before: str, after: str) -> None:
    key = random_key()
    for shown in (printable(f"{before} {key} {after}"), quote_path(f"{before}/{key}.{after}")):
        assert key not in shown


def test_a_report_is_never_written_through_a_symlink(tmp_path: Path) -> None:
    """CI writes the report into a checkout: a pull request could commit
    `binance-secrets.sarif` as a symlink to a file the job can write."""
    victim = tmp_path / "victim"
    victim.write_text("the user's own\n")
    checkout = tmp_path / "checkout"
    checkout.mkdir()
    (checkout / "bot.env").write_text(env_text(random_key(), random_key()))
    (checkout / "binance-secrets.sarif").symlink_to(victim)
    result = CliRunner().invoke(
        cli, ["scan", "--all-files", "--format", "sarif", "--output",
              str(checkout / "binance-secrets.sarif"), str(checkout)],
    )
    assert result.exit_code == 2 and "symlink" in result.stderr
    assert victim.read_text() == "the user's own\n"
