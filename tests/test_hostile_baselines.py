"""A baseline is untrusted input (issue 8): it may come from a pull request.

detect-secrets imports every python file a baseline names (a custom plugin's ``path``, a
``file://...::function`` filter, an old baseline's ``custom_plugin_paths``) and any module
a filter path names, and compiles its exclude regexes as given. So a crafted baseline ran
code in `binance-secrets baseline` and `audit` and stalled `scan --baseline` for hours with
one pattern. Here each crafted baseline goes through the real entry point in a subprocess
with a timeout: nothing it names is ever imported (a marker file stays unwritten), every
regex runs in linear time, and anything malformed is one line, exit 2.
"""

from __future__ import annotations

import json
import os
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest

from binance_secrets.hooks.baseline.load import hashed_secret
from binance_secrets.hooks.baseline.validate import DETECTOR_FILE, KNOWN_FILTERS
from binance_secrets.hooks.baseline.writer import PLUGIN_CLASSES, SHIM_NAME
from tests.cli_process import assert_one_line_error, env_text
from tests.cli_process import run_cli as run
from tests.fake_values import random_key
from tests.gitrepo import GitRepo

BASELINE = ".secrets.baseline"
LONG = 100_000  # characters on the line the regex meets: Python's re takes hours on it
BOUND = 10.0  # seconds for a whole command, start-up included, on a loaded 2-core machine


def baseline_text(**fields: Any) -> str:
    data: dict[str, Any] = {
        "version": "1.5.0",
        "plugins_used": [],
        "filters_used": [],
        "results": {},
    }
    data.update(fields)
    return json.dumps(data)


def regex_filter(kind: str, pattern: str) -> list[dict[str, Any]]:
    return [{"path": f"detect_secrets.filters.regex.should_exclude_{kind}", "pattern": [pattern]}]


def timed(*args: str, cwd: Path) -> tuple[subprocess.CompletedProcess[str], float]:
    started = time.monotonic()
    done = run(*args, cwd=cwd, timeout=120)
    return done, time.monotonic() - started


# -- regexes: linear time whatever the pattern ------------------------------------------

# (filter kind, pattern, what the scanned file holds). Each pattern never matches, so the
# key must still be reported; Python's backtracking re needs minutes to hours for each.
REDOS = [
    ("line", "(a+)+$", "exponential in the run of a's"),
    ("line", r"\w+\s*=\s*#", "quadratic: 63 s on 100 kB with Python's re"),
    ("line", ".*.*.*.*=#", "a polynomial of degree 5"),
    ("secret", "([A-Za-z0-9]+)+!", "exponential in the key's 64 characters"),
    ("file", "(a+)+!", "exponential in the file name"),
]


@pytest.mark.parametrize("kind,pattern,why", REDOS)
def test_a_backtracking_pattern_runs_in_bounded_time(
    kind: str, pattern: str, why: str, tmp_path: Path
) -> None:
    key = random_key()
    name = "a" * 200 + ".env"
    (tmp_path / name).write_text(f"BINANCE_API_KEY={key} {'a' * LONG}!\n# binance\n")
    (tmp_path / BASELINE).write_text(baseline_text(filters_used=regex_filter(kind, pattern)))
    done, took = timed("scan", "--format", "json", "--baseline", BASELINE, name, cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    assert [f["path"] for f in json.loads(done.stdout)["findings"]] == [name]
    assert took < BOUND, (why, took)


def test_linear_patterns_still_exclude(tmp_path: Path) -> None:
    """The engine change keeps what patterns mean: each kind of filter still drops what it
    matches (Python's `\\Z` written as RE2's `\\z`)."""
    (tmp_path / "kept.env").write_text(f"BINANCE_API_KEY={random_key()}\n")
    (tmp_path / "skip.env").write_text(f"BINANCE_API_KEY={random_key()}\n")
    (tmp_path / "line.env").write_text(f"BINANCE_API_KEY={random_key()}  # fake-for-docs\n")
    ignored = random_key()
    (tmp_path / "secret.env").write_text(f"BINANCE_API_KEY={ignored}\n")
    filters = [
        *regex_filter("file", r"^skip\.env\Z"),
        *regex_filter("line", r"fake-for-docs$"),
        *regex_filter("secret", "^" + ignored[:10]),
    ]
    (tmp_path / BASELINE).write_text(baseline_text(filters_used=filters))
    done = run("scan", "--format", "json", "--baseline", BASELINE, ".", cwd=tmp_path)
    paths = [f["path"] for f in json.loads(done.stdout)["findings"]]
    assert paths == ["kept.env"], done.stderr


def test_the_baseline_command_runs_detect_secrets_filters_in_linear_time(git_repo: GitRepo) -> None:
    """`binance-secrets baseline` hands the baseline to detect-secrets, which applies the
    exclude-lines regex to every line of the repository."""
    git_repo.commit("long line", {"data.txt": "a" * LONG + "\n"})
    baseline = baseline_text(filters_used=regex_filter("line", "(a+)+$"))
    (git_repo.path / BASELINE).write_text(baseline)
    done, took = timed("baseline", cwd=git_repo.path)
    assert done.returncode == 0, done.stderr
    assert took < BOUND * 3, took  # detect-secrets scans the whole repository


@pytest.mark.parametrize(
    "pattern,what",
    [
        ("(a)\\1", "backreference"),
        ("(?=x)", "look-around"),
        ("(", "missing )"),
        ("a{1001}", "repetition"),
        ("x" * 5000, "longer than"),
    ],
)
def test_a_pattern_re2_cannot_run_is_refused_in_one_line(
    pattern: str, what: str, tmp_path: Path
) -> None:
    (tmp_path / "a.txt").write_text("nothing\n")
    (tmp_path / BASELINE).write_text(baseline_text(filters_used=regex_filter("line", pattern)))
    done = run("scan", "--baseline", BASELINE, "a.txt", cwd=tmp_path)
    assert_one_line_error(done, BASELINE, what)
    assert "re2.cc" not in done.stderr  # RE2's own log line would be a second line


# -- nothing a baseline names is ever imported -------------------------------------------

EVIL = """import pathlib
pathlib.Path({marker!r}).write_text("code from a baseline ran")
def allow(secret):
    return False
"""


def evil_baselines(where: Path) -> dict[str, str]:
    """Each way a detect-secrets baseline makes detect-secrets import a python file."""
    evil = where / "evil.py"
    return {
        "plugin path": baseline_text(
            plugins_used=[{"name": "EvilDetector", "path": f"file://{evil}"}]
        ),
        "one of our names, another file": baseline_text(
            plugins_used=[{"name": PLUGIN_CLASSES[0], "path": f"file://{evil}"}]
        ),
        "file:// filter": baseline_text(filters_used=[{"path": f"file://{evil}::allow"}]),
        "module filter": baseline_text(filters_used=[{"path": "evil.allow"}]),
        "custom_plugin_paths": json.dumps(
            {
                "version": "0.14.3",
                "custom_plugin_paths": [str(evil)],
                "plugins_used": [],
                "exclude": {"files": None, "lines": None},
                "results": {},
            }
        ),
    }


COMMANDS = {
    "scan": ("scan", "--baseline", BASELINE, "."),
    "baseline": ("baseline",),
    "audit": ("audit", "--stats", BASELINE),
}


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("case", sorted(evil_baselines(Path("."))))
def test_a_python_file_named_by_a_baseline_is_never_imported(
    case: str, command: str, git_repo: GitRepo
) -> None:
    marker = git_repo.path.parent / "marker"
    (git_repo.path / "evil.py").write_text(EVIL.format(marker=str(marker)))
    (git_repo.path / BASELINE).write_text(evil_baselines(git_repo.path)[case])
    done = run(*COMMANDS[command], cwd=git_repo.path)
    assert not marker.exists(), (case, command, done.stderr)
    # scan imports no plugin at all, but refuses too: the same baseline given to
    # detect-secrets would run the file, and CI's scan is where a pull request meets it.
    assert_one_line_error(done, BASELINE)


@pytest.mark.parametrize("command", ["baseline", "audit"])
def test_a_tampered_plugin_shim_is_not_imported_either(command: str, git_repo: GitRepo) -> None:
    """The shim a baseline legitimately names sits in the repository, where a pull request
    can change it; our commands use the installed plugins instead of importing it."""
    marker = git_repo.path.parent / "marker"
    git_repo.commit("shim", {SHIM_NAME: EVIL.format(marker=str(marker))})
    key = random_key()
    git_repo.commit("key", {"bot.env": env_text(key, random_key())})
    (git_repo.path / BASELINE).write_text(baseline_text())
    run("baseline", cwd=git_repo.path)
    (git_repo.path / SHIM_NAME).write_text(EVIL.format(marker=str(marker)))
    done = run(*COMMANDS[command], cwd=git_repo.path)
    assert not marker.exists(), done.stderr
    assert done.returncode == 0, done.stderr
    recorded = json.loads((git_repo.path / BASELINE).read_text())["results"]
    assert "bot.env" in recorded


# -- wrong types, sizes and NUL bytes: one line, exit 2, for every command ----------------

MALFORMED = {
    "results not an object": {"results": []},
    "an entry not an object": {"results": {"a.env": ["x"]}},
    "entries not a list": {"results": {"a.env": {"hashed_secret": "0" * 40}}},
    "hash not hex": {"results": {"a.env": [{"type": "Secret Keyword", "hashed_secret": "zz"}]}},
    "line number text": {
        "results": {
            "a.env": [{"type": "Secret Keyword", "hashed_secret": "0" * 40, "line_number": "1"}]
        }
    },
    "NUL in a file name": {"results": {"a\u0000.env": []}},
    "version a number": {"version": 1.5},
    "plugins not a list": {"plugins_used": {"name": "x"}},
    "plugin name a number": {"plugins_used": [{"name": 7}]},
    "plugin path a number": {"plugins_used": [{"name": PLUGIN_CLASSES[0], "path": 7}]},
    "plugin limit text": {"plugins_used": [{"name": "HexHighEntropyString", "limit": "x"}]},
    "unknown filter": {"filters_used": [{"path": "os.system"}]},
    "filter path a list": {"filters_used": [{"path": ["x"]}]},
    "pattern a number": {
        "filters_used": [
            {"path": "detect_secrets.filters.regex.should_exclude_line", "pattern": [1]}
        ]
    },
    "too many patterns": {
        "filters_used": [
            {
                "path": "detect_secrets.filters.regex.should_exclude_line",
                "pattern": [f"x{i}" for i in range(1000)],
            }
        ]
    },
}


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("case", sorted(MALFORMED))
def test_a_malformed_baseline_is_one_line_and_exit_2(
    case: str, command: str, git_repo: GitRepo
) -> None:
    (git_repo.path / BASELINE).write_text(baseline_text(**MALFORMED[case]))
    before = (git_repo.path / BASELINE).read_bytes()
    done = run(*COMMANDS[command], cwd=git_repo.path)
    assert_one_line_error(done, BASELINE)
    assert (git_repo.path / BASELINE).read_bytes() == before  # refused whole, never rewritten


def test_a_results_path_outside_the_repository_is_refused_by_audit(git_repo: GitRepo) -> None:
    """detect-secrets audit opens each file named in results and prints its lines."""
    entry = {"type": "Secret Keyword", "hashed_secret": "0" * 40, "line_number": 1}
    os.mkfifo(git_repo.path / "fifo.env")  # audit would wait on it forever
    (git_repo.path / "zero.env").symlink_to("/dev/zero")  # or read it forever
    for name in ("/etc/passwd", "../outside.env", "fifo.env", "zero.env"):
        (git_repo.path / BASELINE).write_text(baseline_text(results={name: [entry]}))
        done = run("audit", "--report", BASELINE, cwd=git_repo.path)
        assert_one_line_error(done, BASELINE, "results")


def test_the_pre_commit_hook_with_a_crafted_baseline(git_repo: GitRepo) -> None:
    """The hook entry (`scan --hook pre-commit`, pre-commit adds `--baseline` from args)."""
    marker = git_repo.path.parent / "marker"
    (git_repo.path / "evil.py").write_text(EVIL.format(marker=str(marker)))
    git_repo.write("bot.env", f"BINANCE_API_KEY={random_key()} {'a' * LONG}!\n")
    hook = ("scan", "--hook", "pre-commit", "--baseline", BASELINE, "bot.env")
    baseline = baseline_text(filters_used=regex_filter("line", "(a+)+$"))
    (git_repo.path / BASELINE).write_text(baseline)
    done, took = timed(*hook, cwd=git_repo.path)
    assert done.returncode == 1 and took < BOUND, (done.stderr, took)
    (git_repo.path / BASELINE).write_text(evil_baselines(git_repo.path)["file:// filter"])
    assert_one_line_error(run(*hook, cwd=git_repo.path), BASELINE)
    assert not marker.exists()


def test_a_keyword_exclude_pattern_runs_in_linear_time_too(git_repo: GitRepo) -> None:
    """KeywordDetector applies its ``keyword_exclude`` to every line detect-secrets reads."""
    git_repo.commit("long line", {"conf.py": f'password = "{"a" * LONG}!"\n'})
    plugins = [{"name": "KeywordDetector", "keyword_exclude": "(a+)+$"}]
    (git_repo.path / BASELINE).write_text(baseline_text(plugins_used=plugins))
    done, took = timed("baseline", cwd=git_repo.path)
    assert done.returncode == 0, done.stderr
    assert took < BOUND * 3, took


# -- the allow-lists above are detect-secrets' own names ---------------------------------


def test_known_filters_are_exactly_detect_secrets_filters() -> None:
    import importlib
    import inspect
    import pkgutil

    import detect_secrets.filters as package

    offered = set()
    for module_info in pkgutil.walk_packages(package.__path__, prefix="detect_secrets.filters."):
        module = importlib.import_module(module_info.name)
        for name, function in inspect.getmembers(module, inspect.isfunction):
            ours = function.__module__ == module.__name__ and name != "is_feature_enabled"
            if ours and name.startswith(("is_", "should_")):
                offered.add(f"{module.__name__}.{name}")
    assert offered == set(KNOWN_FILTERS)


def test_our_detector_file_name_is_the_installed_one() -> None:
    from binance_secrets.plugins import binance_detector

    assert Path(binance_detector.__file__).name == DETECTOR_FILE


# -- baselines as they are found in the wild still work -----------------------------------


def detect_secrets_shape(**extra_filters: Any) -> dict[str, Any]:
    """What detect-secrets 1.5 writes (the fields and kinds of values of public repositories'
    baselines): options on plugins, configured filters, audited results."""
    entry = {
        "type": "Secret Keyword",
        "filename": "config/app.yml",
        "hashed_secret": "0123456789abcdef0123456789abcdef01234567",
        "is_verified": False,
        "line_number": 84,
        "is_secret": False,
    }
    return {
        "version": "1.5.0",
        "plugins_used": [
            {"name": "Base64HighEntropyString", "limit": 4.5},
            {"name": "HexHighEntropyString", "limit": 3.0},
            {"name": "KeywordDetector", "keyword_exclude": ""},
            {"name": "AWSKeyDetector"},
        ],
        "filters_used": [
            {"path": "detect_secrets.filters.allowlist.is_line_allowlisted"},
            {"path": "detect_secrets.filters.common.is_baseline_file", "filename": BASELINE},
            {
                "path": "detect_secrets.filters.common.is_ignored_due_to_verification_policies",
                "min_level": 2,
            },
            {"path": "detect_secrets.filters.heuristic.is_lock_file"},
            {
                "path": "detect_secrets.filters.regex.should_exclude_file",
                "pattern": [r"(^|\/)mock\/|^spec\/", r"^config\/brakeman\.ignore"],
            },
            {
                "path": "detect_secrets.filters.regex.should_exclude_line",
                "pattern": [r'^\s*"(?:sha256|commit_sha)"\s*:'],
            },
            *extra_filters.values(),
        ],
        "results": {"config/app.yml": [entry]},
        "generated_at": "2026-07-17T17:55:18Z",
    }


def ibm_fork_shape() -> dict[str, Any]:
    """What IBM's detect-secrets fork (0.13.1+ibm) writes: the 0.x layout."""
    return {
        "exclude": {"files": r"(?x)( package-lock\.json$ |uv\.lock$ )", "lines": None},
        "generated_at": "2026-08-26T09:25:17Z",
        "plugins_used": [
            {"name": "Base64HighEntropyString", "base64_limit": 4.5},
            {"name": "GheDetector", "ghe_instance": "github.example.com"},
            {"name": "KeywordDetector", "keyword_exclude": None},
        ],
        "results": {
            ".env.example": [
                {
                    "hashed_secret": "aa91e9f973a0fc76e4c2c303ec788f7b6c22a318",
                    "is_secret": False,
                    "is_verified": False,
                    "line_number": 45,
                    "type": "Secret Keyword",
                    "verified_result": None,
                }
            ]
        },
        "version": "0.13.1+ibm.64.dss",
        "word_list": {"file": None, "hash": None},
    }


@pytest.mark.parametrize("shape", ["detect-secrets 1.5", "IBM fork"])
def test_baselines_as_found_in_the_wild_work_with_scan(shape: str, tmp_path: Path) -> None:
    gibberish = {"path": "detect_secrets.filters.gibberish.should_exclude_secret", "limit": 3.7}
    data = detect_secrets_shape(g=gibberish) if shape != "IBM fork" else ibm_fork_shape()
    (tmp_path / BASELINE).write_text(json.dumps(data, indent=2))
    (tmp_path / "bot.env").write_text(f"BINANCE_API_KEY={random_key()}\n")
    done = run("scan", "--baseline", BASELINE, "bot.env", cwd=tmp_path)
    assert done.returncode == 1 and "bot.env" in done.stdout, done.stderr


def test_a_detect_secrets_baseline_is_updated_by_the_baseline_command(git_repo: GitRepo) -> None:
    (git_repo.path / BASELINE).write_text(json.dumps(detect_secrets_shape(), indent=2))
    done = run("baseline", cwd=git_repo.path)
    assert done.returncode == 0, done.stderr
    assert run("audit", "--stats", BASELINE, cwd=git_repo.path).returncode == 0


def test_an_ibm_fork_baseline_is_one_line_for_the_baseline_command(git_repo: GitRepo) -> None:
    """detect-secrets 1.5 cannot read "0.13.1+ibm.64.dss" (a ValueError traceback before)."""
    (git_repo.path / BASELINE).write_text(json.dumps(ibm_fork_shape(), indent=2))
    for command in ("baseline", "audit"):
        args = (command,) if command == "baseline" else (command, "--stats", BASELINE)
        assert_one_line_error(run(*args, cwd=git_repo.path), BASELINE, "version")


def yelp_0x_shape(**changes: Any) -> dict[str, Any]:
    """What detect-secrets 0.14 wrote; detect-secrets 1.x upgrades it as it loads it."""
    data = {
        "custom_plugin_paths": [],
        "exclude": {"files": r"^tests/fixtures/", "lines": "(a+)+$"},
        "generated_at": "2021-03-01T10:00:00Z",
        "plugins_used": [
            {"name": "Base64HighEntropyString", "base64_limit": 4.5},
            {"name": "HexHighEntropyString", "hex_limit": 3},
            {"name": "KeywordDetector"},
        ],
        "results": {
            "conf.py": [
                {
                    "hashed_secret": "0123456789abcdef0123456789abcdef01234567",
                    "is_secret": False,
                    "is_verified": False,
                    "line_number": 1,
                    "type": "Secret Keyword",
                }
            ]
        },
        "version": "0.14.3",
        "word_list": {"file": None, "hash": None},
    }
    data.update(changes)
    return data


def test_a_detect_secrets_0x_baseline_is_upgraded_keeping_its_labels(git_repo: GitRepo) -> None:
    word = "not-a-real-password-0x"
    git_repo.commit("files", {"data.txt": "a" * LONG + "!\n", "conf.py": f'password = "{word}"\n'})
    data = yelp_0x_shape()
    data["results"]["conf.py"][0]["hashed_secret"] = hashed_secret(word)
    (git_repo.path / BASELINE).write_text(json.dumps(data, indent=2))
    done, took = timed("baseline", cwd=git_repo.path)
    assert done.returncode == 0, done.stderr
    upgraded = json.loads((git_repo.path / BASELINE).read_text())
    assert upgraded["version"].startswith("1.")
    assert upgraded["results"]["conf.py"][0]["is_secret"] is False
    assert took < BOUND * 3, took  # its exclude-lines regex ran on RE2


@pytest.mark.parametrize(
    "changes,word",
    [
        ({"word_list": {"file": "/dev/zero", "hash": None}}, "word_list"),
        ({"exclude": {"files": None, "lines": "(?=x)"}}, "look-around"),
        ({"plugins_used": [{"name": "HexHighEntropyString"}]}, "hex_limit"),
    ],
)
def test_a_detect_secrets_0x_baseline_that_upgrade_cannot_take_is_one_line(
    changes: dict[str, Any], word: str, git_repo: GitRepo
) -> None:
    (git_repo.path / BASELINE).write_text(json.dumps(yelp_0x_shape(**changes)))
    assert_one_line_error(run("baseline", cwd=git_repo.path), BASELINE, word)
