"""Testnet and demo: each finding's environment label, futures testnet hex keys, and
`--ignore-testnet` in scan, sweep, the reports and the git hook."""

from __future__ import annotations

import json
import secrets
from pathlib import Path

import pytest
from click.testing import CliRunner

from binance_secrets.hooks.commands.cli import cli
from binance_secrets.plugins.detection.engine import scan_text
from binance_secrets.plugins.detection.environment import (
    DEMO,
    PRODUCTION,
    SIGNALS,
    TESTNET,
    UNKNOWN,
    EnvironmentMap,
)
from binance_secrets.plugins.detection.findings import API_KEY, SECRET_KEY
from binance_secrets.plugins.detection.project_context import ProjectContext
from tests.fake_values import random_key
from tests.gitrepo import GitRepo
from tests.test_scan_cli import run_scan


def hex_key() -> str:
    """A futures testnet key's shape: 64 lowercase hex characters."""
    return secrets.token_hex(32)


def _signal_file(example: str, key: str, near: bool) -> tuple[str, int]:
    """A Binance file where the signal's example is the only environment signal; returns
    the text and the key's line."""
    if near:
        return f"# binance\n{example.replace('...', key)}\n", 2
    return f"# binance\n{example}\nBINANCE_API_KEY={key}\n", 3


@pytest.mark.parametrize("signal", SIGNALS, ids=lambda s: s.example)
def test_each_signal_labels_the_finding(signal) -> None:
    key = random_key()
    text, line = _signal_file(signal.example, key, signal.near)
    findings = scan_text("bot/settings.txt", text)
    assert [(f.line, f.environment) for f in findings] == [(line, signal.environment)]


@pytest.mark.parametrize("signal", [s for s in SIGNALS if s.near], ids=lambda s: s.example)
def test_names_count_only_on_the_line_or_the_line_above(signal) -> None:
    name_line = signal.example.replace("...", "x")
    text = f"# binance\n{name_line}\n\n\nBINANCE_API_KEY={random_key()}\n"
    assert [f.environment for f in scan_text("bot/settings.txt", text)] == [UNKNOWN]


@pytest.mark.parametrize(
    "line",
    [
        "DEMO_MODE=true",  # a bot's own paper trading, with production keys
        "# demo bot",
        "demonstrate = true",
        "LATEST_NETWORK=1",
        "contestnetwork = true",
        'NETWORK = "testnetwork"',
    ],
)
def test_look_alikes_say_no_environment(line: str) -> None:
    environments = EnvironmentMap("bot.py", [(1, line), (2, "BINANCE_API_KEY=v")])
    assert environments.at(2) == UNKNOWN


def test_no_signal_is_unknown_and_the_path_is_the_last_resort() -> None:
    text = f"# binance\nBINANCE_API_KEY={random_key()}\n"
    assert [f.environment for f in scan_text("bot/.env", text)] == [UNKNOWN]
    assert [f.environment for f in scan_text("testnet/.env", text)] == [TESTNET]
    assert [f.environment for f in scan_text("config/demo.env", text)] == [DEMO]
    prod = text + "BASE_URL=https://api.binance.com\n"
    assert [f.environment for f in scan_text("testnet/.env", prod)] == [PRODUCTION]


def test_nearest_signal_wins_in_a_file_with_both_environments() -> None:
    """python-binance's tests/conftest.py: spot keys beside `testnet = True`, futures keys
    beside `demo = True`, a production client further down."""
    text = (
        "from binance.client import Client\n"
        f'api_key = "{random_key()}"\n'
        f'api_secret = "{random_key()}"\n'
        "testnet = True  # only for spot now\n"
        "demo = True  # spot and swap\n"
        f'futures_api_key = "{random_key()}"\n'
        f'futures_api_secret = "{random_key()}"\n'
        + "\n" * 20
        + "live = Client(api_key, api_secret, testnet=False)\n"
    )
    found = [(f.line, f.environment) for f in scan_text("tests/conftest.py", text)]
    assert found == [(2, TESTNET), (3, TESTNET), (6, DEMO), (7, DEMO)]


def test_a_selector_set_to_testnet_says_testnet_for_its_whole_block() -> None:
    """A Streamlit settings page writes `"network": "testnet"` into the runtime JSON beside
    the futures testnet's hex pair; the broker picks the host by it. The secret two lines
    below the selector is the testnet's too (a name rule reaches only the next line)."""
    key, secret = hex_key(), hex_key()
    text = (
        '{\n  "execution": {\n    "mode": "live",\n    "network": "testnet",\n'
        f'    "api_key": "{key}",\n    "api_secret": "{secret}",\n'
        '    "recv_window_ms": 5000\n  }\n}\n'
    )
    found = scan_text("data/control/runtime_config.json", text, project=ProjectContext.known(True))
    assert [(f.line, f.type, f.environment) for f in found] == [
        (5, API_KEY, TESTNET),
        (6, SECRET_KEY, TESTNET),
    ]


def test_a_testnet_block_header_labels_its_whole_block() -> None:
    """An account JSON's `"testnet": {` block holds the futures testnet's hex pair; the
    secret two lines below the header is the testnet's too, while the `"live": {` block
    beside it is not labelled testnet (its hex value stays a digest)."""
    key, secret, other = hex_key(), hex_key(), hex_key()
    text = (
        '{\n  "api_keys": {\n    "testnet": {\n'
        f'      "api_key": "{key}",\n      "api_secret": "{secret}"\n    }},\n'
        f'    "live": {{\n      "api_key": "{other}",\n      "api_secret": ""\n    }}\n'
        "  }\n}\n"
    )
    found = scan_text("account_config.json", text, project=ProjectContext.known(True))
    assert [(f.line, f.type, f.environment) for f in found] == [
        (4, API_KEY, TESTNET),
        (5, SECRET_KEY, TESTNET),
    ]
    lines = [(1, "testnet:"), (2, "  api_key: v"), (3, "  x: 1"), (4, "  secret: v"),
             (5, "production:"), (6, "  secret: v")]
    environments = EnvironmentMap("config.yml", lines)
    assert [environments.at(n) for n in (2, 4, 6)] == [TESTNET, TESTNET, UNKNOWN]


def test_a_comparison_with_testnet_is_no_selector() -> None:
    lines = [(1, 'if settings.network == "testnet":'), (2, ""), (3, ""), (4, "key: v")]
    assert EnvironmentMap("broker.py", lines).at(4) == UNKNOWN


def test_a_line_naming_testnet_false_is_production() -> None:
    environments = EnvironmentMap("x", [(1, '"testnet": false,'), (2, "key: v")])
    assert environments.at(2) == PRODUCTION


def test_futures_testnet_hex_key_needs_testnet_context_or_a_binance_name() -> None:
    key, secret = hex_key(), hex_key()
    body = f"API_KEY={key}\nAPI_SECRET={secret}\n"
    with_testnet = "# binance futures\nBASE_URL=https://testnet.binancefuture.com\n" + body
    found = scan_text("bot/.env", with_testnet)
    assert [(f.type, f.environment) for f in found] == [(API_KEY, TESTNET), (SECRET_KEY, TESTNET)]
    assert found[0].pair == found[1].fingerprint
    # Generic names whose only Binance word is the file's, without testnet context: digests
    # as far as anyone can tell.
    assert scan_text("bot/.env", "# binance futures\n" + "\n" * 6 + body) == []
    # Beside a Binance host, generic names are Binance's (hex_keys.HEX_PLACES): a futures
    # testnet key, whatever host the file names.
    production = "# binance\n" + "\n" * 6 + "BASE_URL=https://fapi.binance.com\n" + body
    found = scan_text("bot/.env", production)
    assert [(f.type, f.environment, f.binance_signal) for f in found] == [
        (API_KEY, TESTNET, "line"),
        (SECRET_KEY, TESTNET, "line"),
    ]


def test_a_hex_value_named_as_binance_s_key_is_a_futures_testnet_key() -> None:
    """No digest is named BINANCE_API_SECRET; Binance issues hex keys only on the futures
    testnet, so the value is labelled testnet even beside a production host."""
    key, secret = hex_key(), hex_key()
    body = f"BINANCE_API_KEY={key}\nBINANCE_API_SECRET={secret}\n"
    for text in (body, "BASE_URL=https://fapi.binance.com\n" + body):
        found = scan_text("bot/.env", text)
        assert [(f.type, f.environment, f.binance_signal) for f in found] == [
            (API_KEY, TESTNET, "name"),
            (SECRET_KEY, TESTNET, "name"),
        ]
        assert found[0].pair == found[1].fingerprint
    demo = "BASE_URL=https://demo-fapi.binance.com\n" + body
    assert [f.environment for f in scan_text("bot/.env", demo)] == [DEMO, DEMO]


def test_hex_digests_in_testnet_files_stay_rejected() -> None:
    text = (
        "# binance testnet=true\n"
        f"sha256 = '{hex_key()}'\n"  # named as a digest
        f"BINANCE_API_KEY={'0123456789abcdef' * 4}\n"  # sequential
        f"BINANCE_API_SECRET={'a1' * 32}\n"  # repeated
    )
    assert scan_text("bot/.env", text) == []


@pytest.fixture
def testnet_tree(tmp_path: Path) -> Path:
    (tmp_path / "testnet.py").write_text(
        "from binance.client import Client\n"
        f'client = Client("{random_key()}", "{random_key()}", testnet=True)\n'
    )
    return tmp_path


def test_testnet_keys_fail_by_default_and_pass_with_ignore_testnet(testnet_tree: Path) -> None:
    code, out, _ = run_scan("--all-files", ".", cwd=testnet_tree)
    assert code == 1
    assert "environment: testnet (no real funds)" in out
    code, out, _ = run_scan("--all-files", "--ignore-testnet", ".", cwd=testnet_tree)
    assert code == 0
    assert "testnet, not failing with --ignore-testnet" in out
    assert "2 testnet/demo key(s) (--ignore-testnet) reported" in out


def test_ignore_testnet_does_not_excuse_production_or_unknown(testnet_tree: Path) -> None:
    (testnet_tree / "live.env").write_text(f"# binance\nBINANCE_API_KEY={random_key()}\n")
    code, out, _ = run_scan(
        "--all-files", "--ignore-testnet", "--format", "json", ".", cwd=testnet_tree
    )
    assert code == 1
    labels = sorted((f["path"], f["environment"]) for f in json.loads(out)["findings"])
    assert labels == [("live.env", UNKNOWN), ("testnet.py", TESTNET), ("testnet.py", TESTNET)]


def test_sarif_carries_the_environment(testnet_tree: Path) -> None:
    _, out, _ = run_scan("--all-files", "--format", "sarif", ".", cwd=testnet_tree)
    results = json.loads(out)["runs"][0]["results"]
    assert [r["properties"]["environment"] for r in results] == [TESTNET, TESTNET]
    assert {r["level"] for r in results} == {"error"}
    _, out, _ = run_scan(
        "--all-files", "--ignore-testnet", "--format", "sarif", ".", cwd=testnet_tree
    )
    assert {r["level"] for r in json.loads(out)["runs"][0]["results"]} == {"note"}


def test_sweep_ignore_testnet(tmp_path: Path) -> None:
    repo = GitRepo(tmp_path / "repo")
    repo.write(
        "bot.py",
        f'import binance\nclient = binance.Client("{random_key()}", "{random_key()}", demo=True)\n',
    )
    repo.commit("demo bot")
    runner = CliRunner()
    failing = runner.invoke(cli, ["sweep", "-q", "--format", "json", str(repo.path)])
    assert failing.exit_code == 1, failing.output
    assert {f["environment"] for f in json.loads(failing.stdout)["findings"]} == {DEMO}
    passing = runner.invoke(cli, ["sweep", "-q", "--ignore-testnet", str(repo.path)])
    assert passing.exit_code == 0, passing.output


@pytest.mark.parametrize("ignore", [False, True])
def test_git_hook_blocks_testnet_keys_unless_installed_with_ignore_testnet(
    tmp_path: Path, ignore: bool
) -> None:
    repo = GitRepo(tmp_path / "repo")
    flags = ["--ignore-testnet"] if ignore else []
    result = CliRunner().invoke(cli, ["install-hook", *flags, str(repo.path)])
    assert result.exit_code == 0, result.output
    hook = (repo.path / ".git" / "hooks" / "pre-commit").read_text()
    assert ("scan --ignore-testnet --staged" in hook) == ignore
    repo.write(
        "bot.py",
        "from binance.client import Client\n"
        f'client = Client("{random_key()}", "{random_key()}", testnet=True)\n',
    )
    repo.git("add", "bot.py")
    if ignore:
        repo.git("commit", "-q", "-m", "testnet bot")
    else:
        with pytest.raises(AssertionError, match="blocked this commit"):
            repo.git("commit", "-q", "-m", "testnet bot")


def test_lines_holding_a_needle_match_a_search_per_line() -> None:
    """environment._lines_holding places finds by counting newlines; it must answer as a
    search per line would: two needles on one line, one needle twice, first and last
    lines, and lines holding a newline themselves (answered line by line)."""
    import random

    from binance_secrets.plugins.detection.environment import _lines_holding

    needles = {"testnet", "demo-api"}
    pieces = ["testnet", "demo-api", "x", "", "prod", "testnet testnet", "demo-api testnet"]
    generator = random.Random(7)
    for _ in range(200):
        lines = [generator.choice(pieces) for _ in range(generator.randint(1, 12))]
        expected = [i for i, line in enumerate(lines) if any(n in line for n in needles)]
        assert _lines_holding(needles, "\n".join(lines), lines) == expected
    odd = ["a\ntestnet", "b"]
    assert _lines_holding(needles, "\n".join(odd), odd) == [0]
