"""Project context and determinism (docs/detection.md "What is detected": project context).

A file whose only Binance context is elsewhere in its project is in context (a `.env` beside
code importing a Binance SDK); names of other services never are; and the directory a scan
starts from never changes its findings. Checked through the CLI, in and outside git, for
`scan`, `scan --staged`, named files (what pre-commit passes) and `sweep`.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from binance_secrets.hooks.commands.cli import cli
from binance_secrets.plugins.detection.findings import API_KEY, SECRET_KEY, fingerprint
from binance_secrets.plugins.detection.project_context import text_uses_binance
from tests.fake_values import random_key
from tests.gitrepo import GitRepo

BOT = "import os\nfrom binance.client import Client\n\nclient = Client(os.environ['API_KEY'])\n"


def scan(cwd: Path, *args: str) -> dict:
    old = os.getcwd()
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(cli, ["scan", "--format", "json", *args])
    finally:
        os.chdir(old)
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


def found(report: dict) -> set[tuple[str, int, str, str]]:
    return {(f["path"], f["line"], f["type"], f["fingerprint"]) for f in report["findings"]}


@pytest.fixture
def values() -> dict[str, str]:
    return {name: random_key() for name in ("key", "secret", "kraken", "django", "news")}


def write_project(top: Path, values: dict[str, str], with_bot: bool = True) -> None:
    top.mkdir(parents=True, exist_ok=True)
    if with_bot:
        (top / "bot.py").write_text(BOT)
    (top / ".env").write_text(
        f"API_KEY={values['key']}\nAPI_SECRET={values['secret']}\n"
        f"KRAKEN_API_KEY={values['kraken']}\n"
        # Another service's key whose word no table lists: the project's word is not enough.
        f"CRYPTOPANIC_API_KEY={values['news']}\n"
    )
    (top / "web").mkdir(exist_ok=True)
    (top / "web" / "settings.py").write_text(f"SECRET_KEY = '{values['django']}'\n")


def expected(values: dict[str, str], prefix: str = "") -> set[tuple[str, int, str, str]]:
    return {
        (f"{prefix}.env", 1, API_KEY, fingerprint(values["key"])),
        (f"{prefix}.env", 2, SECRET_KEY, fingerprint(values["secret"])),
    }


def test_env_beside_binance_code_is_in_context_outside_git(tmp_path: Path, values) -> None:
    write_project(tmp_path / "proj", values)
    assert found(scan(tmp_path / "proj", ".")) == expected(values)
    # The same file alone (no Binance code in its project) is not.
    write_project(tmp_path / "plain", values, with_bot=False)
    assert found(scan(tmp_path / "plain", ".")) == set()


def test_git_work_tree_staged_and_named_files(tmp_path: Path, values) -> None:
    repo = GitRepo(tmp_path / "proj")
    write_project(repo.path, values)
    repo.git("add", "-A")
    assert found(scan(repo.path, ".")) == expected(values)
    assert found(scan(repo.path, "--staged")) == expected(values)
    # pre-commit passes the committed files by name; bot.py is not among them.
    assert found(scan(repo.path, ".env", "web/settings.py")) == expected(values)
    # From a subdirectory, paths are shown relative to it; the findings are the same.
    sub = repo.path / "web"
    assert {f[1:] for f in found(scan(sub, ".."))} == {f[1:] for f in expected(values)}


def test_the_directory_a_scan_starts_from_gives_no_context(tmp_path: Path, values) -> None:
    top = tmp_path / "binance-trading" / "app"
    write_project(top, values, with_bot=False)
    inside = found(scan(top, "."))
    outside = found(scan(tmp_path, "binance-trading/app"))
    assert inside == set()
    assert {f[1:] for f in outside} == {f[1:] for f in inside}
    repo = GitRepo(tmp_path / "binance-repo")
    write_project(repo.path, values, with_bot=False)
    repo.git("add", "-A")
    assert found(scan(tmp_path, "binance-repo")) == set()
    assert found(scan(tmp_path, "binance-repo/.env")) == set()


def test_sweep_uses_the_project_at_head(tmp_path: Path, values) -> None:
    repo = GitRepo(tmp_path / "repo")
    repo.commit("env", {".env": f"API_KEY={values['key']}\nAPI_SECRET={values['secret']}\n"})
    result = CliRunner().invoke(cli, ["sweep", str(repo.path), "--format", "json", "--quiet"])
    assert json.loads(result.stdout)["findings"] == []
    repo.commit("bot", {"bot.py": BOT})
    result = CliRunner().invoke(cli, ["sweep", str(repo.path), "--format", "json", "--quiet"])
    report = json.loads(result.stdout)
    assert {(f["type"], f["fingerprint"]) for f in report["findings"]} == {
        (API_KEY, fingerprint(values["key"])),
        (SECRET_KEY, fingerprint(values["secret"])),
    }


@pytest.mark.parametrize(
    "text",
    [
        "from binance.spot import Spot",
        "import ccxt\nex = ccxt.binance({})",
        'const { MainClient } = require("binance");',
        '"dependencies": {"binance-api-node": "^0.12.0"}',
        'import "github.com/adshao/go-binance/v2"',
        "import com.binance.connector.client.impl.SpotClientImpl;",
        "BASE_URL=https://testnet.binance.vision",
        "exchange: binance",
        '"exchange": {\n    "name": "binance",',
        "python-binance==1.0.19",
    ],
)
def test_project_signals(text: str) -> None:
    assert text_uses_binance(text)


@pytest.mark.parametrize(
    "text",
    ["Supports Binance, Kraken and OKX.", "# TODO: binance support", "exchange: kraken"],
)
def test_a_mention_is_not_use(text: str) -> None:
    assert not text_uses_binance(text)


def test_sweep_uses_what_the_commit_itself_shows(tmp_path: Path, values) -> None:
    """Binance code added in the same commit as the .env is context, even when HEAD no
    longer has any."""
    repo = GitRepo(tmp_path / "repo")
    env = f"API_KEY={values['key']}\nAPI_SECRET={values['secret']}\n"
    repo.commit("bot", {"bot.py": BOT, ".env": env})
    repo.commit("rewrite in rust", {"main.rs": "fn main() {}\n"}, remove=("bot.py", ".env"))
    result = CliRunner().invoke(cli, ["sweep", str(repo.path), "--format", "json", "--quiet"])
    report = json.loads(result.stdout)
    assert {(f["type"], f["fingerprint"]) for f in report["findings"]} == {
        (API_KEY, fingerprint(values["key"])),
        (SECRET_KEY, fingerprint(values["secret"])),
    }


def test_plain_detect_secrets_ignores_the_directory_it_started_from(tmp_path: Path) -> None:
    """The plugin file in plain detect-secrets gets paths as typed: a parent directory named
    like the exchange is no context there either."""
    import subprocess
    import sys

    top = tmp_path / "binance-stuff" / "app"
    top.mkdir(parents=True)
    (top / "settings.yaml").write_text(f"api_key: {random_key()}\napi_secret: {random_key()}\n")
    plugin = CliRunner().invoke(cli, ["plugin-path"]).stdout.strip()
    command = [sys.executable, "-m", "detect_secrets", "scan", "--no-verify", "--plugin", plugin]
    done = subprocess.run(
        [*command, "binance-stuff/app/settings.yaml"],
        cwd=tmp_path, capture_output=True, text=True, check=True, timeout=60,
    )
    results = json.loads(done.stdout)["results"]
    assert not [s for r in results.values() for s in r if s["type"].startswith("Binance")]


def test_binance_spellings_of_a_secret_key_take_the_project_s_word(tmp_path: Path) -> None:
    """Only frameworks' snake_case names (`SECRET_KEY`, `app.secret_key`, `APP_KEY`) need an
    API key beside them; `secretKey` and `Secret Key` are how Binance spells its secret
    (binance-signature-examples' perl/signature.pl: `my $secretKey = "..."`, beside a
    `hmac_sha256_hex` call, no Binance word in the file)."""
    top = tmp_path / "proj"
    top.mkdir()
    (top / "bot.py").write_text(BOT)
    values = {name: random_key() for name in ("perl", "yaml", "label", "flask", "laravel")}
    (top / "signature.pl").write_text(
        f'my $secretKey = "{values["perl"]}";\nsay hmac_sha256_hex($query, $secretKey);\n'
    )
    (top / "keys.yaml").write_text(f"secretKey: {values['yaml']}\n")
    (top / "keys.txt").write_text(f"Secret Key: {values['label']}\n")
    (top / "app.py").write_text(f"app.secret_key = '{values['flask']}'\n")
    (top / "laravel.env").write_text(f"APP_KEY={values['laravel']}\n")
    assert found(scan(top, ".")) == {
        ("signature.pl", 1, SECRET_KEY, fingerprint(values["perl"])),
        ("keys.yaml", 1, SECRET_KEY, fingerprint(values["yaml"])),
        ("keys.txt", 1, SECRET_KEY, fingerprint(values["label"])),
    }


@pytest.mark.parametrize(
    ("name", "found_as"),
    [
        ("api_key_encrypted", API_KEY),
        ("api_secret_encrypted", SECRET_KEY),
        ("encApiSecret", SECRET_KEY),
        ("plain_api_key", API_KEY),
        ("news_api_key_encrypted", None),  # another service's word stays another's
    ],
)
def test_a_word_for_how_the_value_is_kept_is_generic(name: str, found_as: str | None) -> None:
    """A setup script stores what was typed under `api_key_encrypted` in the bot's
    `data/config.json`; only the project says Binance. A ciphertext of a key is longer than
    64 characters, so a key-shaped value there is the key."""
    from binance_secrets.plugins.detection.engine import scan_text
    from binance_secrets.plugins.detection.project_context import ProjectContext

    text = f'{{\n  "symbol": "BTCUSDT",\n  "{name}": "{random_key()}"\n}}\n'
    found = scan_text("data/config.json", text, project=ProjectContext.known(True))
    assert [f.type for f in found] == ([found_as] if found_as else [])


def test_a_framework_secret_beside_another_service_s_api_key_is_not_binance_s(
    tmp_path: Path,
) -> None:
    """A `.env` whose Binance pair is named for Binance, then `ANTHROPIC_API_KEY`, a comment
    `(no API key needed)`, and `# Security` over a bare `SECRET_KEY` (the web app's JWT key):
    another service's API key and prose are no API key beside it. A generic `API_KEY=` (or
    a commented-out one) is, in a file that does not hold Binance's whole pair under
    Binance's names already (where it does, a bare setting is read by something else:
    tests/test_named_pair_files.py)."""
    top = tmp_path / "proj"
    top.mkdir()
    binance = f"BINANCE_API_KEY={random_key()}\nBINANCE_API_SECRET={random_key()}\n\n"
    app, generic, commented = random_key(), random_key(), random_key()
    (top / "app.env").write_text(
        binance
        + "# Get your API key from: https://console.anthropic.com/\n"
        + "ANTHROPIC_API_KEY=sk-ant-fake\n"
        + "USE_PUBLIC_DATA_ONLY=False  # True = public data only (no API key needed)\n\n"
        + f"# Security\nSECRET_KEY={app}\nJWT_ALGORITHM=HS256\n"
    )
    unnamed = "# Binance\n\n\n"
    (top / "generic.env").write_text(unnamed + f"API_KEY={random_key()}\nSECRET_KEY={generic}\n")
    (top / "commented.env").write_text(
        unnamed + f"# API_KEY={random_key()}\nSECRET_KEY={commented}\n"
    )
    (top / "named.env").write_text(binance + f"API_KEY={random_key()}\nSECRET_KEY={generic}\n")
    (top / "counterpart.env").write_text(
        f"PRIVATE_KEY={random_key()}\nSECRET_KEY={random_key()}\nTAAPI_KEY=eyJfake\n"
    )
    (top / "bot.py").write_text(BOT)
    seen = {(f["path"], f["line"]) for f in scan(top, ".")["findings"]}
    assert ("counterpart.env", 2) in seen
    assert ("app.env", 9) not in seen
    assert ("generic.env", 5) in seen
    assert ("commented.env", 5) in seen
    assert ("named.env", 5) not in seen


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("API_KEY=abc", True),
        ("client = Client(api_key, secret)", True),
        ("# API_KEY=abc", True),
        ("API Key: abc", True),
        ("ANTHROPIC_API_KEY=sk-ant", False),
        ("# Get your API key from: https://example.com/", False),
        ("X=False  # (no API key needed)", False),
        ("OPENAI_API_KEY=x  API_KEY=y", True),  # the second name is generic
        ("PRIVATE_KEY=abc", True),  # over SECRET_KEY: the pair's API key (COUNTERPARTS)
        ('  "privKey": "abc",', True),
        ("TAAPI_KEY=eyJ", False),  # taapi.io's key, not an API key's name
        ("PRIVATE_KEY_PATH=keys/k.pem", False),
    ],
)
def test_names_an_api_key(text: str, names: bool) -> None:
    from binance_secrets.plugins.detection.classify import names_an_api_key

    assert names_an_api_key(text) is names
