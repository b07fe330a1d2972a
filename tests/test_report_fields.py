"""Every field a report may hold, at its edges, through `merge` and `check --report`.

A report handed to `merge` is input from elsewhere (another CI job's artifact). Each field
`merge` copies into the merged report has a rule (type, shape, size); these tests give every
field the last value its rule accepts (kept in the merged report as it was) and the first
one it refuses (the whole report refused with one line naming the field). The bounds are
spelled out here: a test that read them from the module would move with them.

The values are given in a finding's ``ignored`` copy as well as in ``findings``: the
findings of an honest report are accepted a column at a time (`report_columns`), the
ignored ones field by field, so each rule is pinned where it is the only check.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from binance_secrets.hooks.commands.cli import cli
from tests.fake_values import random_key
from tests.gitrepo import GitRepo

MAX_TEXT = 4096  # a text field's characters
MAX_LIST = 10_000  # a list field's items
MAX_STEPS = 64  # a clean-up sequence's steps, a finding's cleanup places
MAX_COUNT = 10**12  # a column, a number of commits swept

COMMIT = "0123456789abcdef0123456789abcdef01234567"
# Texts nothing redacts (no run of letters a key could be), at the length given.
LONGEST = ("ab " * MAX_TEXT)[:MAX_TEXT]
TOO_LONG = ("ab " * MAX_TEXT)[: MAX_TEXT + 1]
LONGEST_PATH = ("/ab" * MAX_TEXT)[:MAX_TEXT]
TOO_LONG_PATH = ("/ab" * MAX_TEXT)[: MAX_TEXT + 1]


def finding(**fields: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "type": "Binance API Key",
        "path": ".env",
        "line": 2,
        "redacted": "AbCd...WxYz",
        "fingerprint": "sha256:" + "a" * 64,
        "pair": None,
        "example": False,
    }
    base.update(fields)
    return base


def report(tmp_path: Path, **fields: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "version": 1,
        "root": str(tmp_path),
        "findings": [finding()],
        "skipped": [],
    }
    data.update(fields)
    return data


def merge(tmp_path: Path, data: dict[str, Any]) -> tuple[int, dict[str, Any] | None, str]:
    """`merge --format json -o merged.json in.json`, in-process: (exit code, the merged
    report or None when none was written, standard error)."""
    source, out = tmp_path / "in.json", tmp_path / "merged.json"
    source.write_text(json.dumps(data))
    if out.exists():
        out.unlink()
    result = CliRunner().invoke(cli, ["merge", "--format", "json", "-o", str(out), str(source)])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    merged = json.loads(out.read_text()) if out.exists() else None
    return result.exit_code, merged, result.stderr


def merged(tmp_path: Path, data: dict[str, Any]) -> dict[str, Any]:
    code, result, stderr = merge(tmp_path, data)
    assert result is not None and code in (0, 1, 2), stderr
    assert "refused" not in stderr, stderr
    return result


def refused(tmp_path: Path, data: dict[str, Any], problem: str) -> None:
    code, result, stderr = merge(tmp_path, data)
    assert (code, result) == (2, None), stderr
    assert len(stderr.strip().splitlines()) == 1, stderr
    assert f"report {tmp_path / 'in.json'} refused: {problem}" in stderr, stderr


def _also(count: int = 1, **fields: Any) -> list[dict[str, Any]]:
    item = {"commit": COMMIT, "path": "old/.env", "line": 3, "in_message": False, "tag": "v1"}
    item.update(fields)
    return [dict(item) for _ in range(count)]


def _cleanup(count: int = 1, **fields: Any) -> list[dict[str, Any]]:
    item = {"place": "checked_out", "names": ["main"], "step": "rewrite history"}
    item.update(fields)
    return [dict(item) for _ in range(count)]


# Every optional field of a finding: values its rule accepts, values it refuses.
TEXT = ([LONGEST, "", "add the exchange settings"], [TOO_LONG, 7, None, ["a"]])
BOOL = ([True, False], [1, 0, "yes", None])
TEXTS = (
    [[], [LONGEST], ["a"] * MAX_LIST],
    [[TOO_LONG], [1], "refs/heads/main", ["a"] * (MAX_LIST + 1), None],
)
OBJECT = ([{}, {"checked_out_branch": "main"}], [[], "main", None])
FIELDS: dict[str, tuple[list[Any], list[Any]]] = {
    "column": ([0, 17, MAX_COUNT], [-1, MAX_COUNT + 1, True, 1.5, "3", None]),
    "environment": (
        ["production", "binance-us", "testnet", "demo", "unknown"],
        ["mainnet", "", None, ["unknown"]],
    ),
    "binance_signal": TEXT,
    "author": TEXT,
    "date": TEXT,
    "committer_date": TEXT,
    "subject": TEXT,
    "tag": TEXT,
    "found_in": TEXT,
    "pushed_status": TEXT,
    "in_head": BOOL,
    "pushed": BOOL,
    "unreachable": BOOL,
    "head_paths": TEXTS,
    "refs": TEXTS,
    "also": (
        [[], _also(), _also(tag=LONGEST, path=LONGEST, in_message=True)],
        [
            "f" * 40,
            ["f" * 40],
            _also(commit="HEAD"),
            _also(path=TOO_LONG),
            _also(path=None),
            _also(line="3"),
            _also(in_message=1),
            _also(tag=5),
            _also(run="rm -rf /"),
            _also(MAX_LIST + 1),
        ],
    ),
    "lives_in": OBJECT,
    "ignored_by": OBJECT,
    "ignore_expired": OBJECT,
    "timeline": OBJECT,
    "cleanup": (
        [[], _cleanup(), _cleanup(MAX_STEPS, place=LONGEST, step=LONGEST, names=[LONGEST])],
        [
            "rm -rf /",
            [["checked_out", "rewrite history"]],
            _cleanup(MAX_STEPS + 1),
            _cleanup(place=TOO_LONG),
            _cleanup(step=None),
            _cleanup(names=[1]),
            _cleanup(names="main"),
            _cleanup(run="rm -rf /"),
        ],
    ),
    "repository": (
        ["/srv/git/bot", "https://git.example.invalid/org/bot.git", "git@host:org/bot.git"],
        ["ext::sh -c touch% /tmp/pwned", "relative/bot", "", 5, None],
    ),
    "clone": (["/", "/tmp/clones/bot", LONGEST_PATH], ["tmp/bot", TOO_LONG_PATH, 5]),
}
ACCEPTED = [(name, value) for name, (good, _) in FIELDS.items() for value in good]
REFUSED = [(name, value) for name, (_, bad) in FIELDS.items() for value in bad]


def _id(case: tuple[str, Any]) -> str:
    return f"{case[0]}={json.dumps(case[1])[:30]}"


@pytest.mark.parametrize("case", REFUSED, ids=map(_id, REFUSED))
def test_a_value_a_fields_rule_refuses_refuses_the_report(
    tmp_path: Path, case: tuple[str, Any]
) -> None:
    name, value = case
    problem = f"a finding's {name} is not what a binance-secrets report holds"
    if name == "repository":
        problem = "a finding's repository is not an absolute path or a clone URL"
    data = report(tmp_path, ignored=[finding(**{name: value})])
    refused(tmp_path, data, f"{problem} (in ignored)")
    refused(tmp_path, report(tmp_path, findings=[finding(), finding(**{name: value})]), problem)


@pytest.mark.parametrize("case", ACCEPTED, ids=map(_id, ACCEPTED))
def test_a_value_a_fields_rule_accepts_is_kept_as_it_was(
    tmp_path: Path, case: tuple[str, Any]
) -> None:
    name, value = case
    result = merged(tmp_path, report(tmp_path, ignored=[finding(**{name: value})]))
    (kept,) = result["ignored"]
    assert kept[name] == value
    if len(json.dumps(value)) < 60_000:  # a finding is at most 64 KiB
        result = merged(tmp_path, report(tmp_path, findings=[finding(**{name: value})]))
        (kept,) = result["findings"]
        assert kept[name] == value


def test_an_also_list_of_the_most_commits_a_report_holds_is_accepted(tmp_path: Path) -> None:
    many = _also(MAX_LIST)
    (kept,) = merged(tmp_path, report(tmp_path, ignored=[finding(also=many)]))["ignored"]
    assert kept["also"] == many


def test_every_field_a_report_defines_is_kept_and_no_other(tmp_path: Path) -> None:
    """All the fields at once, and one no report defines: the merged finding is the input
    finding without that one (in findings and in ignored)."""
    full = finding(
        path_fingerprint="sha256:" + "b" * 64,
        pair="sha256:" + "c" * 64,
        commit=COMMIT,
        in_message=False,
        example=True,
        **{name: good[0] for name, (good, _) in FIELDS.items() if name != "repository"},
    )
    result = merged(tmp_path, report(tmp_path, findings=[{**full, "injected": 1}],
                                     ignored=[{**full, "injected": 1}]))  # fmt: skip
    (kept,) = result["findings"]
    assert kept == {**full, "repository": str(tmp_path)}
    (ignored,) = result["ignored"]
    assert ignored == {**full, "repository": str(tmp_path)}


@pytest.mark.parametrize(
    "repository",
    [
        "/",
        LONGEST_PATH,
        # Any scheme RFC 3986 allows: a letter, then letters, digits, "+", "." or "-".
        "a+AZaz09.-://git.example.invalid/org/bot.git",
        "A://h/r",
        "Z://h/r",
        "z://h/r",
        "ssh://git@git.example.invalid:2222/org/bot.git",
        # scp-like user@host:path, any of the characters a user and a host name may have.
        "AZaz09._-@AZaz09.-:org/bot.git",
    ],
)
def test_a_path_or_clone_url_is_a_repository(tmp_path: Path, repository: str) -> None:
    result = merged(tmp_path, report(tmp_path, repository=repository))
    assert [entry["repository"] for entry in result["repositories"]] == [repository]
    data = report(tmp_path, ignored=[finding(repository=repository)])
    assert merged(tmp_path, data)["ignored"][0]["repository"] == repository


@pytest.mark.parametrize(
    "repository",
    [
        "",
        TOO_LONG_PATH,
        "/srv/git/bot\n",
        "/srv/git/\x7fbot",
        "https://git.example.invalid/org/bot.git\tx",
        "1https://git.example.invalid/org/bot.git",
        "ext::sh -c touch% /tmp/pwned",
        "git@host",
        "@host:org/bot.git",
        "relative/bot",
        7,
    ],
)
def test_anything_else_is_not_a_repository(tmp_path: Path, repository: object) -> None:
    refused(
        tmp_path,
        report(tmp_path, repository=repository),
        "its repository is not an absolute path or a clone URL",
    )
    refused(
        tmp_path,
        report(tmp_path, ignored=[finding(repository=repository)]),
        "a finding's repository is not an absolute path or a clone URL (in ignored)",
    )


@pytest.mark.parametrize(
    ("given", "shown"),
    [
        ("https://bot:TOKEN@git.example.invalid/org/bot.git",
         "https://***@git.example.invalid/org/bot.git"),
        ("https://:TOKEN@git.example.invalid/org/bot.git",
         "https://***@git.example.invalid/org/bot.git"),
        ("https://bot:TOKEN@git.example.invalid:8443/org/bot.git",
         "https://***@git.example.invalid:8443/org/bot.git"),
        # A port no URL parser takes: the password is still never shown.
        ("https://bot:TOKEN@git.example.invalid:99999/org/bot.git",
         "https://***@git.example.invalid:99999/org/bot.git"),
        ("https://bot:TOKEN@git.example.invalid:port/org/bot.git",
         "https://***@git.example.invalid:port/org/bot.git"),
        ("https://bot:TOKEN@[::1/org/bot.git", "https://***@[::1/org/bot.git"),
        ("https://bot:TO@KEN@git.example.invalid/bot", "https://***@git.example.invalid/bot"),
        # A token alone as the user name (GitHub, GitLab), or before x-oauth-basic.
        ("https://TOKEN@git.example.invalid/org/bot.git",
         "https://***@git.example.invalid/org/bot.git"),
        ("https://TOKEN:x-oauth-basic@git.example.invalid/bot",
         "https://***@git.example.invalid/bot"),
        ("https://git.example.invalid/bot.git?private_token=TOKEN",
         "https://git.example.invalid/bot.git?private_token=***"),
        # Nothing to hide: kept exactly as given.
        ("ssh://git@git.example.invalid/org/bot.git", "ssh://git@git.example.invalid/org/bot.git"),
        ("https://git.example.invalid/org/bot.git", "https://git.example.invalid/org/bot.git"),
        ("https://git.example.invalid/a:b@c", "https://git.example.invalid/a:b@c"),
        ("git@git.example.invalid:org/bot.git", "git@git.example.invalid:org/bot.git"),
        ("//srv/u:p@h/bot", "//srv/u:p@h/bot"),
        ("/srv/git/a://u:p@h/bot", "/srv/git/a://u:p@h/bot"),
    ],
)  # fmt: skip
def test_a_clone_urls_password_is_never_shown(tmp_path: Path, given: str, shown: str) -> None:
    result = merged(tmp_path, report(tmp_path, repository=given))
    assert [entry["repository"] for entry in result["repositories"]] == [shown]
    data = report(tmp_path, findings=[finding(repository=given), finding(line=3)])
    found = merged(tmp_path, data)["findings"]
    assert {f["line"]: f["repository"] for f in found} == {2: shown, 3: str(tmp_path)}
    assert "TOKEN" not in json.dumps(merged(tmp_path, report(tmp_path, skipped=[
        {"path": "big.bin", "reason": "too large", "repository": given}])))  # fmt: skip


STEPS_ACCEPTED = [[], [LONGEST] * MAX_STEPS, [""]]
STEPS_REFUSED = ["rm -rf /", [TOO_LONG], [1], ["a"] * (MAX_STEPS + 1), {"1": "a"}]


@pytest.mark.parametrize("steps", STEPS_ACCEPTED)
def test_a_clean_up_sequence_of_a_few_short_texts_is_kept(tmp_path: Path, steps: list[str]) -> None:
    result = merged(tmp_path, report(tmp_path, cleanup_sequence=steps, commits_swept=3))
    (entry,) = result["repositories"]
    assert entry.get("cleanup_sequence", []) == steps
    entries = [{"repository": str(tmp_path), "cleanup_sequence": steps}]
    (entry,) = merged(tmp_path, report(tmp_path, repositories=entries))["repositories"]
    assert entry.get("cleanup_sequence", []) == steps


@pytest.mark.parametrize("steps", STEPS_REFUSED)
def test_a_clean_up_sequence_that_is_not_a_few_short_texts_is_refused(
    tmp_path: Path, steps: object
) -> None:
    refused(
        tmp_path,
        report(tmp_path, cleanup_sequence=steps),
        "its cleanup_sequence is not a short list of texts",
    )
    refused(
        tmp_path,
        report(tmp_path, repositories=[{"repository": str(tmp_path), "cleanup_sequence": steps}]),
        "a repositories entry's cleanup_sequence is not a short list of texts",
    )


def test_skipped_entries_of_the_longest_texts_are_kept(tmp_path: Path) -> None:
    skipped = [
        {"path": LONGEST, "reason": LONGEST},
        {"path": "big.bin", "reason": "too large", "repository": "/srv/git/other"},
    ]
    result = merged(tmp_path, report(tmp_path, skipped=skipped))
    assert result["skipped"] == [
        {"path": LONGEST, "reason": LONGEST, "repository": str(tmp_path)},
        skipped[1],
    ]


@pytest.mark.parametrize(
    ("entry", "problem"),
    [
        ("big.bin", "a skipped entry is not {path, reason}"),
        ({"path": "big.bin"}, "a skipped entry is not {path, reason}"),
        ({"reason": "too large"}, "a skipped entry is not {path, reason}"),
        ({"path": TOO_LONG, "reason": "too large"}, "a skipped entry is not {path, reason}"),
        ({"path": "big.bin", "reason": TOO_LONG}, "a skipped entry is not {path, reason}"),
        ({"path": "big.bin", "reason": 5}, "a skipped entry is not {path, reason}"),
        (
            {"path": "big.bin", "reason": "too large", "repository": "ext::sh -c id"},
            "a skipped entry's repository is not a path or URL",
        ),
        (
            {"path": "big.bin", "reason": "too large", "repository": None},
            "a skipped entry's repository is not a path or URL",
        ),
    ],
)
def test_a_skipped_entry_that_is_not_a_path_and_a_reason_is_refused(
    tmp_path: Path, entry: object, problem: str
) -> None:
    refused(tmp_path, report(tmp_path, skipped=[{"path": "a", "reason": "b"}, entry]), problem)


GOOD_ENTRY = {
    "repository": "https://git.example.invalid/org/bot.git",
    "error": LONGEST,
    "commits_swept": MAX_COUNT,
    "cleanup_sequence": ["rewrite history"],
    "clone": "/tmp/clones/bot",
}
NO_REPOSITORY = "a repositories entry has no repository path or URL"
NOT_TEXT = "a repositories entry's error is not a short text"
NOT_COUNT = "a repositories entry's commits_swept is not a count"
NOT_STEPS = "a repositories entry's cleanup_sequence is not a short list of texts"
NOT_CLONE = "a repositories entry's clone is not an absolute path"
BAD_ENTRIES = [
    ("/srv/git/bot", NO_REPOSITORY),
    ({"error": "no such directory"}, NO_REPOSITORY),
    ({"repository": "relative/bot"}, NO_REPOSITORY),
    ({"repository": "/srv/git/bot", "error": TOO_LONG}, NOT_TEXT),
    ({"repository": "/srv/git/bot", "error": 5}, NOT_TEXT),
    ({"repository": "/srv/git/bot", "commits_swept": -1}, NOT_COUNT),
    ({"repository": "/srv/git/bot", "commits_swept": MAX_COUNT + 1}, NOT_COUNT),
    ({"repository": "/srv/git/bot", "commits_swept": "3"}, NOT_COUNT),
    ({"repository": "/srv/git/bot", "commits_swept": True}, NOT_COUNT),
    ({"repository": "/srv/git/bot", "cleanup_sequence": "rm -rf /"}, NOT_STEPS),
    ({"repository": "/srv/git/bot", "clone": "tmp/bot"}, NOT_CLONE),
    ({"repository": "/srv/git/bot", "clone": None}, NOT_CLONE),
]


@pytest.mark.parametrize(
    "entry",
    [
        GOOD_ENTRY,
        {"repository": "/srv/git/bot", "commits_swept": 0},
        {"repository": "git@host:org/bot.git", "error": ""},
    ],
)
def test_a_repositories_entry_within_its_rules_is_kept(
    tmp_path: Path, entry: dict[str, Any]
) -> None:
    result = merged(tmp_path, report(tmp_path, findings=[], repositories=[entry]))
    (kept,) = result["repositories"]
    assert {k: v for k, v in kept.items() if k not in ("findings", "failing")} == entry


@pytest.mark.parametrize(("entry", "problem"), BAD_ENTRIES)
def test_a_repositories_entry_that_breaks_a_rule_is_refused_by_merge_and_check(
    tmp_path: Path, entry: object, problem: str
) -> None:
    entries = [{"repository": str(tmp_path)}, entry]
    refused(tmp_path, report(tmp_path, repositories=entries), problem)
    source = tmp_path / "check.json"
    source.write_text(json.dumps(report(tmp_path, repositories=entries)))
    result = CliRunner().invoke(cli, ["check", "--report", str(source)])
    assert result.exit_code == 2, result.output
    assert f"report {source} refused: {problem};" in result.stderr


def test_check_report_takes_a_repositories_entry_at_its_edges(tmp_path: Path) -> None:
    """The same entries `merge` keeps pass `check --report`'s checks (no key is found at
    the report's place, so nothing is asked of Binance)."""
    entries = [GOOD_ENTRY, {"repository": "/srv/git/bot", "commits_swept": 0}]
    source = tmp_path / "check.json"
    source.write_text(json.dumps(report(tmp_path, repositories=entries)))
    result = CliRunner().invoke(cli, ["check", "--report", str(source)])
    assert "refused" not in result.stderr, result.stderr


def test_values_in_commit_and_tag_messages_are_reported_at_their_documented_places(
    tmp_path: Path,
) -> None:
    """`(commit message)` and `(tag message)`: the paths docs/sweep.md names for a value
    found in a message, which `check --report` reads back from the commit or tag."""
    repo = GitRepo(tmp_path / "repo")
    repo.commit("initial", {"README.md": "# bot\n"})
    repo.commit(f"binance bot\n\nBINANCE_API_KEY={random_key()}", {"bot.py": "pass\n"})
    repo.git("tag", "-a", "v1", "-m", f"release\n\nBINANCE_API_KEY={random_key()}")
    result = CliRunner().invoke(cli, ["sweep", "--quiet", "--format", "json", str(repo.path)])
    places = sorted((f["path"], f["in_message"]) for f in json.loads(result.stdout)["findings"])
    assert places == [("(commit message)", True), ("(tag message)", True)]
