"""A project's own identity as a project signal (docs/detection.md "Project signals";
issue 19): its manifest's own name or its README's title says Binance.

binance-futures-cpp depends on no Binance SDK (C++ over cpprest), its README is titled
"Binance Futures C++" below an update notice, and its key files are bare. Multi-exchange
projects (a README listing exchanges, a `## Binance` section, a manifest depending on ccxt,
a name naming two exchanges, a connector folder's README) give no identity. Values are
generated at run time.
"""

from __future__ import annotations

import secrets
import textwrap
from pathlib import Path

import pytest

from binance_secrets.plugins.detection.findings import API_KEY, SECRET_KEY
from binance_secrets.plugins.detection.project_context import signal_of_file
from binance_secrets.plugins.detection.project_identity import (
    IDENTITY_RULES,
    README_LABEL,
    identity_label,
    is_identity_file,
    own_name_label,
    readme_title,
)
from tests.fake_values import random_key
from tests.gitrepo import GitRepo
from tests.test_project_signals import scan, seen, sweep, write


@pytest.mark.parametrize("rule", IDENTITY_RULES, ids=lambda r: r.label)
def test_each_identity_rule_finds_its_example(rule) -> None:
    assert is_identity_file(rule.example_file)
    assert own_name_label(rule.example_file, rule.example) == rule.label
    # The same line in a file the rule does not read says nothing.
    assert own_name_label("notes.txt", rule.example) is None


@pytest.mark.parametrize(
    ("file_name", "text"),
    [
        # dependencies, however named, are not the project's own name
        (
            "package.json",
            '{\n  "name": "dashboard",\n  "dependencies": {\n'
            '    "binance-api-node": "^0.12.0"\n  }\n}\n',
        ),
        ("Cargo.toml", '[package]\nname = "grid"\n\n[dependencies]\nbinance = "1.0"\n'),
        (
            "pom.xml",
            "<project>\n  <artifactId>trader</artifactId>\n  <dependencies>\n"
            "    <dependency>\n      <artifactId>binance-api-client</artifactId>\n",
        ),
        ("pyproject.toml", '[project]\nname = "arb"\ndependencies = ["ccxt", "python-binance"]\n'),
        # a name that names another exchange too is a multi-exchange project's
        ("package.json", '{\n  "name": "binance-bybit-arbitrage"\n}\n'),
        ("go.mod", "module github.com/acme/binance-kraken-bridge\n"),
        ("setup.py", 'setup(\n    name="trader",\n    install_requires=["ccxt"],\n)\n'),
        # a workspace whose crates are for two exchanges, or that only depends on Binance's
        ("Cargo.toml", '[workspace]\nmembers = ["binance-spot", "bybit-spot"]\n'),
        (
            "Cargo.toml",
            '[workspace]\nmembers = ["core", "cli"]\n\n[workspace.dependencies]\n'
            'binance-spot = "0.2"\n',
        ),
    ],
)
def test_a_dependency_or_a_second_exchange_is_no_identity(file_name: str, text: str) -> None:
    assert own_name_label(file_name, text) is None


FUTURES_CPP_README = """\
---
---
# UPDATE #
I have created a new library, **Binance Beast**. Use it instead of this library.

---
---

# Binance Futures C++
A C++ library for the Binance USD-M futures API.

## Design
```
#include <Futures.hpp>
```
"""


@pytest.mark.parametrize(
    ("text", "title", "says"),
    [
        (FUTURES_CPP_README, "UPDATE\nBinance Futures C++", True),
        (
            "# Crypto Bot\nSupports Binance, Kraken and OKX.\n## Binance\nSet BINANCE_KEY.\n",
            "Crypto Bot",
            False,
        ),
        ("# Multi-exchange bot\n\n## Binance\n\n## Kraken\n", "Multi-exchange bot", False),
        ("# Binance, Bybit and OKX grid bot\n", "Binance, Bybit and OKX grid bot", False),
        ('<h1 align="center">Binance Grid Bot</h1>\n\n## Install\n', "Binance Grid Bot", True),
        ("python-binance\n==============\n\nAn unofficial client.\n", "python-binance", True),
        # a badge's link target is no title; the heading below it is
        (
            "[![PyPI](https://img.shields.io/pypi/v/python-binance.svg)](https://pypi.org)\n"
            "# Trader\n",
            "Trader",
            False,
        ),
        # code fences are not headings
        ("```\n# Binance\n```\n# Exchange tools\n", "Exchange tools", False),
        # a plain-text README's first line
        ("Binance price alerts\n\nRun alerts.py\n", "Binance price alerts", True),
    ],
)
def test_a_readme_title(text: str, title: str, says: bool) -> None:
    assert readme_title(text) == title
    assert (identity_label("README.md", text) == README_LABEL) is says


def test_identity_counts_only_in_the_project_root() -> None:
    title = "# Binance connector\n"
    assert signal_of_file("README.md", title, "") == README_LABEL
    # a connector folder's README inside a multi-exchange bot describes the folder
    assert signal_of_file("connector/binance/README.md", title, "") is None
    assert signal_of_file("bot/README.md", title, "bot") == README_LABEL
    # a patch's lines are not a README: its title cannot be read from them
    assert signal_of_file("README.md", title, "", whole=False) is None
    assert signal_of_file("Cargo.toml", 'name = "binance-grid"\n', "", whole=False) == (
        "Cargo.toml name"
    )


def key_file() -> tuple[str, str, str]:
    key, secret = random_key(), random_key()
    return key, secret, f"test\n{key}\n{secret}\n"


def cpp_project(readme: str) -> dict[str, str]:
    """binance-futures-cpp's shape: a README, a CMake build, a bare key file."""
    return {
        "README.md": readme,
        "bfcpp/CMakeLists.txt": "cmake_minimum_required(VERSION 3.10)\nproject(bfcpp)\n",
        "mykeyfile.txt": key_file()[2],
    }


CPP_EXPECTED = {
    ("mykeyfile.txt", 2, API_KEY, "project:README.md"),
    ("mykeyfile.txt", 3, SECRET_KEY, "project:README.md"),
}


def test_a_readme_titled_binance_makes_bare_key_files_binance_s(tmp_path: Path) -> None:
    repo = GitRepo(tmp_path / "repo")
    write(repo.path, cpp_project(FUTURES_CPP_README))
    repo.git("add", "-A")
    assert seen(scan(repo.path, "--staged")) == CPP_EXPECTED
    repo.git("commit", "-q", "-m", "futures")
    assert seen(scan(repo.path)) == CPP_EXPECTED
    assert seen(sweep(repo.path)) == CPP_EXPECTED
    outside = tmp_path / "outside"
    write(outside, cpp_project(FUTURES_CPP_README))
    assert seen(scan(outside)) == CPP_EXPECTED


@pytest.mark.parametrize(
    "readme",
    [
        "# Crypto Bot\nTrades on Binance, Kraken, OKX and Bybit.\n",
        "# Multi-exchange bot\n\n## Binance\nPut the key in mykeyfile.txt.\n\n## Kraken\n",
        "# Binance and Kraken arbitrage\n",
    ],
)
def test_a_multi_exchange_readme_gives_no_context(tmp_path: Path, readme: str) -> None:
    write(tmp_path, cpp_project(readme))
    assert scan(tmp_path) == []


def test_a_connector_folder_s_readme_is_not_the_project_s(tmp_path: Path) -> None:
    write(tmp_path, cpp_project("# Exchange gateway\n"))
    write(tmp_path, {"connectors/binance/README.md": "# Binance connector\n"})
    assert scan(tmp_path) == []


def test_a_manifest_s_own_name_gives_context_and_other_exchanges_stay_theirs(
    tmp_path: Path,
) -> None:
    """A Rust grid bot that signs its own requests: `Cargo.toml` names it, its `.env`
    holds generic names, and a Kraken key beside them stays Kraken's."""
    key, secret = random_key(), random_key()
    env = f"API_KEY={key}\nAPI_SECRET={secret}\nKRAKEN_API_KEY={random_key()}\n"
    cargo = textwrap.dedent(
        """\
        [package]
        name = "binance-grid-bot"
        version = "0.1.0"

        [dependencies]
        hmac = "0.12"
        reqwest = "0.11"
        """
    )
    repo = GitRepo(tmp_path / "repo")
    write(repo.path, {"Cargo.toml": cargo, ".env": env, "web/package.json": '{"name": "web"}\n'})
    write(repo.path, {"web/.env": f"API_KEY={random_key()}\n"})
    repo.git("add", "-f", "-A")
    repo.git("commit", "-q", "-m", "bot")
    expected = {
        (".env", 1, API_KEY, "project:Cargo.toml"),
        (".env", 2, SECRET_KEY, "project:Cargo.toml"),
    }
    assert seen(scan(repo.path)) == expected
    assert seen(sweep(repo.path)) == expected
    # The same project depending on ccxt, named for nothing: no finding.
    plain = tmp_path / "plain"
    write(plain, {"Cargo.toml": cargo.replace("binance-grid-bot", "grid-bot") + 'ccxt = "0.1"\n'})
    write(plain, {".env": env})
    assert scan(plain) == []


def test_a_workspace_s_members_are_its_name(tmp_path: Path) -> None:
    """A virtual Rust workspace has no `[package]` name at its root: its crates
    (`binance-spot`, `binance-core`) say what it is, and its root `.env` holds the
    integration tests' unprefixed `API_KEY` / `SECRET_KEY`."""
    key, secret = random_key(), random_key()
    cargo = '[workspace]\nmembers = ["binance-core", "binance-spot"]\nresolver = "2"\n'
    repo = GitRepo(tmp_path / "repo")
    write(repo.path, {"Cargo.toml": cargo, ".env": f"API_KEY={key}\nSECRET_KEY={secret}\n"})
    repo.git("add", "-f", "-A")
    repo.git("commit", "-q", "-m", "workspace")
    expected = {
        (".env", 1, API_KEY, "project:Cargo.toml"),
        (".env", 2, SECRET_KEY, "project:Cargo.toml"),
    }
    assert seen(scan(repo.path)) == expected
    assert seen(sweep(repo.path)) == expected
    write(repo.path, {"Cargo.toml": cargo.replace("binance-", "")})
    assert scan(repo.path) == []


def test_identity_names_no_secret_value_by_itself(tmp_path: Path) -> None:
    """A Binance-titled project's unrelated secrets (a web framework's) stay silent."""
    write(
        tmp_path,
        {
            "README.md": "# Binance Alerts\n",
            "settings.py": (f'SECRET_KEY = "{secrets.token_urlsafe(48)}"\n'),
        },
    )
    assert scan(tmp_path) == []
