"""Project signals, project roots, vendored trees, other exchanges' places, bare files
(docs/detection.md "Project signals"; issue 19).

Every row of the tables is tested by its own example; the CLI tests build small projects
with the shapes real ones use (hummingbot's history, bots' bare key files), with values
generated at run time.
"""

from __future__ import annotations

import base64
import json
import os
import re
import secrets
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from binance_secrets.hooks.commands.cli import cli
from binance_secrets.plugins.detection.bare_files import BARE_SHAPES, bare_values
from binance_secrets.plugins.detection.env_reads import ENV_READS, credential_env_names
from binance_secrets.plugins.detection.findings import API_KEY, PRIVATE_KEY, SECRET_KEY
from binance_secrets.plugins.detection.key_pairs import (
    OPENSSH_PUBLIC_KEY,
    PUBLIC_SIBLINGS,
    ssh_key_pair,
)
from binance_secrets.plugins.detection.name_rules import name_words
from binance_secrets.plugins.detection.other_services import (
    OTHER_EXCHANGE,
    OTHER_EXCHANGES,
    denied_by,
)
from binance_secrets.plugins.detection.project_context import (
    DOCS_KEY_FILES,
    MANIFESTS,
    NO_PROJECT,
    PROJECT_SIGNAL,
    PROJECT_SIGNALS,
    VENDORED_TREES,
    ProjectContext,
    is_manifest,
    manifest_roots,
    project_root,
    signal_of_text,
    vendored_tree,
)
from binance_secrets.plugins.detection.signals import PLACES
from tests.fake_values import random_der_body, random_key
from tests.gitrepo import GitRepo


@pytest.mark.parametrize("signal", PROJECT_SIGNALS, ids=lambda s: s.label)
def test_each_project_signal_finds_its_example(signal) -> None:
    assert signal_of_text(signal.example) == signal.label
    # One group per row: which row matched is which group did.
    assert PROJECT_SIGNAL.compiled.groups == len(PROJECT_SIGNALS)


@pytest.mark.parametrize("manifest", MANIFESTS, ids=lambda m: m.glob)
def test_each_manifest_makes_a_project_root(manifest) -> None:
    assert is_manifest(manifest.example)
    assert manifest_roots([f"bot/{manifest.example}"]) == {"bot"}


@pytest.mark.parametrize("tree", VENDORED_TREES, ids=lambda t: t.name)
def test_each_vendored_tree_is_recognised(tree) -> None:
    assert vendored_tree(tree.example) is not None
    # A manifest inside it makes no project root.
    assert manifest_roots([f"{tree.name}/x/setup.py"]) == frozenset()


@pytest.mark.parametrize("row", OTHER_EXCHANGES, ids=lambda r: r.word)
def test_each_other_exchange_is_recognised(row) -> None:
    assert denied_by(name_words(row.example)) or OTHER_EXCHANGE.search(row.example)


@pytest.mark.parametrize("place", PLACES, ids=lambda p: p.kind)
def test_each_place_recognises_its_example(place) -> None:
    assert place.where(place.example, ProjectContext(read=dict(place.beside).get))
    if place.beside:  # without the files beside it, the path alone is no such place
        assert not place.where(place.example, NO_PROJECT)


@pytest.mark.parametrize("row", PUBLIC_SIBLINGS, ids=lambda r: r.label)
def test_each_public_sibling_names_its_example(row) -> None:
    assert row.name(row.example) == row.sibling
    read = {row.sibling: ssh_public_key("ssh-rsa")}.get
    assert ssh_key_pair(row.example, ProjectContext(read=read)) == row.sibling


def ssh_public_key(kind: str) -> str:
    """An OpenSSH public key line (``ssh-keygen``'s .pub) with a random body."""
    name = kind.encode()
    body = len(name).to_bytes(4, "big") + name + secrets.token_bytes(48)
    return f"{kind} {base64.b64encode(body).decode()} someone@laptop\n"


@pytest.mark.parametrize(
    "kind", ["ssh-rsa", "ssh-ed25519", "ecdsa-sha2-nistp256", "sk-ssh-ed25519@openssh.com"]
)
def test_openssh_public_key_lines(kind: str) -> None:
    assert OPENSSH_PUBLIC_KEY.match(ssh_public_key(kind))
    assert not OPENSSH_PUBLIC_KEY.match(f"# {ssh_public_key(kind)}")
    assert not OPENSSH_PUBLIC_KEY.match("-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA\n")


@pytest.mark.parametrize("shape", BARE_SHAPES, ids=lambda s: s.label)
def test_each_bare_shape_finds_its_example(shape) -> None:
    key, secret = random_key(), random_key()
    text = shape.example.replace("<key>", key).replace("<secret>", secret)
    found = bare_values(text.splitlines(), shape.example_file)
    want = [(API_KEY, key), (SECRET_KEY, secret)]
    if shape.named_by_file:
        want = [(SECRET_KEY, secret)]
        assert bare_values(text.splitlines(), "binance-key.txt")[0].type == API_KEY
        assert bare_values(text.splitlines(), "token") == []  # a name that names nothing
        assert bare_values(text.splitlines()) == []
    assert [(v.type, v.value) for v in found] == want


@pytest.mark.parametrize(
    ("file_name", "wanted"),
    [("skey", SECRET_KEY), ("akey", API_KEY), ("api_sk.txt", SECRET_KEY), ("secret", SECRET_KEY)],
)
def test_a_file_of_one_value_is_typed_as_its_name_would_be(file_name: str, wanted: str) -> None:
    # node-localstorage writes `localStorage['skey'] = ...` to a file named `skey`: the
    # file's name types its value as the name in the code does (type_for_name).
    value = random_key()
    assert [(v.type, v.value) for v in bare_values([value], file_name)] == [(wanted, value)]


def test_nearest_root_and_a_mention_is_no_signal() -> None:
    roots = manifest_roots(["requirements.txt", "web/package.json", "node_modules/a/package.json"])
    assert roots == {"", "web"}
    assert project_root("web/src/.env", roots) == "web"
    assert project_root("keys/apiKey.txt", roots) == ""
    assert signal_of_text("Supports Binance, Kraken and OKX.") is None
    assert signal_of_text("binance-connector-java is not ours") == "Python dependency"
    # Only directories make a vendored tree, not a file's own name.
    assert vendored_tree("vendor.json") is None


@pytest.mark.parametrize(
    "line",
    [
        "python_binance==1.0.12",  # pip normalises `_` and `.` to `-` (PEP 503)
        "Python.Binance>=1.0",
        "binance_connector==3.7.0",
        "binance_futures_connector",
        "unicorn_binance_websocket_api==2.8.0",
        "binance==0.3.152",  # PyPI's `binance`, "binance crypto exchange api client"
        "binance-aiohttp>=0.0.5",
        "  binance_sdk_derivatives_trading_usds_futures ~= 1.0",
    ],
)
def test_python_requirements_say_binance_however_pip_spells_them(line: str) -> None:
    """pip compares distribution names with runs of `-`, `_` and `.` folded into one `-`
    (PEP 503): `python_binance==1.0.12` in a requirements.txt is python-binance. A
    requirement whose name holds the word binance is a Binance client, as a Go module
    named for Binance is."""
    assert signal_of_text(line) is not None


@pytest.mark.parametrize(
    "text",
    [
        "binance == exchange_id",  # code comparing, not a requirement
        "Supports binance>=2 exchanges.",
        "ccxt==4.2.0",
    ],
)
def test_a_comparison_or_prose_is_no_python_requirement(text: str) -> None:
    assert signal_of_text(text) is None


def test_a_yaml_config_beside_an_underscored_requirement(tmp_path: Path) -> None:
    """A backtrader bot's `bot/config.yml` (`api_key:`/`api_secret:`, nothing saying
    Binance) beside the `bot/requirements.txt` that pins `python_binance==1.0.12`."""
    key, secret = random_key(), random_key()
    write(
        tmp_path,
        {
            "bot/requirements.txt": "backtrader==1.9.76.123\npython_binance==1.0.12\n",
            "bot/config.yml": f'api_key: "{key}"\napi_secret: "{secret}"\n',
        },
    )
    assert seen(scan(tmp_path)) == {
        ("bot/config.yml", 1, API_KEY, "project:bot/requirements.txt"),
        ("bot/config.yml", 2, SECRET_KEY, "project:bot/requirements.txt"),
    }


def pem() -> str:
    body = random_der_body(1190)
    lines = [body[i : i + 64] for i in range(0, len(body), 64)]
    return "\n".join(["-----BEGIN PRIVATE KEY-----", *lines, "-----END PRIVATE KEY-----"]) + "\n"


def write(top: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = top / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def scan(top: Path, *args: str) -> list[dict]:
    old = os.getcwd()
    os.chdir(top)
    try:
        paths = [] if "--staged" in args else ["."]
        result = CliRunner().invoke(cli, ["scan", "--format", "json", *args, *paths])
    finally:
        os.chdir(old)
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)["findings"]


def sweep(top: Path) -> list[dict]:
    result = CliRunner().invoke(cli, ["sweep", str(top), "--format", "json", "--quiet"])
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)["findings"]


def seen(findings: list[dict]) -> set[tuple[str, int, str, str | None]]:
    return {(f["path"], f["line"], f["type"], f.get("binance_signal")) for f in findings}


def bot_project(values: dict[str, str]) -> dict[str, str]:
    """A bot whose backend uses python-binance, a web front end that does not, and an
    Android app whose only Binance word is its base URL."""
    constants = f"""\
        object Constants {{
            const val BINANCE_BASE_URL = "https://api.binance.com"
            const val API_KEY = "{values["kt_key"]}"
            const val API_SECRET = "{values["kt_secret"]}"
        }}
        """
    return {
        "backend/requirements.txt": "python-binance==1.0.19\nrequests\n",
        "backend/main.py": "import os\n\nKEY = os.environ['KEY']\n",
        "backend/apiKey.txt": f"{values['key']}\n{values['secret']}\n",
        "backend/binance.txt": f"{values['b_key']},{values['b_secret']}\n",
        "backend/keys.csv": f"API_key,{values['csv_key']}\nSecret_key,{values['csv_secret']}\n",
        "backend/kraken.txt": f"{random_key()}\n{random_key()}\n",
        "web/package.json": '{"name": "web", "dependencies": {"react": "^18.2.0"}}\n',
        "web/.env": f"API_KEY={random_key()}\nAPI_SECRET={random_key()}\n",
        "app/build.gradle.kts": 'plugins { id("com.android.application") }\n',
        "app/src/Constants.kt": textwrap.dedent(constants),
    }


BOT_EXPECTED = {
    ("backend/apiKey.txt", 1, API_KEY, "project:backend/requirements.txt"),
    ("backend/apiKey.txt", 2, SECRET_KEY, "project:backend/requirements.txt"),
    ("backend/binance.txt", 1, API_KEY, "path"),
    ("backend/binance.txt", 1, SECRET_KEY, "path"),
    ("backend/keys.csv", 1, API_KEY, "project:backend/requirements.txt"),
    ("backend/keys.csv", 2, SECRET_KEY, "project:backend/requirements.txt"),
    ("app/src/Constants.kt", 3, API_KEY, "line"),
    ("app/src/Constants.kt", 4, SECRET_KEY, "line"),
}


@pytest.fixture
def values() -> dict[str, str]:
    names = ("key", "secret", "b_key", "b_secret", "csv_key", "csv_secret", "kt_key", "kt_secret")
    return {name: random_key() for name in names}


def test_bare_files_take_their_nearest_project_s_word_outside_git(tmp_path: Path, values) -> None:
    write(tmp_path, bot_project(values))
    assert seen(scan(tmp_path)) == BOT_EXPECTED


def test_bare_files_in_a_work_tree_its_index_and_its_history(tmp_path: Path, values) -> None:
    repo = GitRepo(tmp_path / "repo")
    write(repo.path, bot_project(values))
    repo.git("add", "-A")
    assert seen(scan(repo.path, "--staged")) == BOT_EXPECTED
    repo.git("commit", "-q", "-m", "bot")
    assert seen(scan(repo.path)) == BOT_EXPECTED
    assert seen(sweep(repo.path)) == BOT_EXPECTED


def test_a_bare_file_named_for_binance_needs_no_project(tmp_path: Path) -> None:
    """`binance.txt` holding `key,secret` alone in a directory: its name is the signal."""
    write(tmp_path, {"binance.txt": f"{random_key()},{random_key()}\n"})
    write(tmp_path, {"kraken.txt": f"{random_key()},{random_key()}\n"})
    write(tmp_path, {"notes.txt": f"{random_key()},{random_key()}\n"})
    assert seen(scan(tmp_path)) == {
        ("binance.txt", 1, API_KEY, "path"),
        ("binance.txt", 1, SECRET_KEY, "path"),
    }


def notebook_project(key_file: str) -> dict[str, str]:
    """A notebook project whose only Binance trace is its key file's name (heldout9's
    shape): a generic pair in the exported script, a pair in the checkpoint's cell."""
    key, secret = random_key(), random_key()
    cell = {"cell_type": "code", "source": [f"api_key = '{key}'\n", f"api_secret = '{secret}'\n"]}
    return {
        key_file: "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA\n-----END PUBLIC KEY-----\n",
        "train-model.py": f"import pandas as pd\n\napi_key = '{key}'\napi_secret = '{secret}'\n",
        ".ipynb_checkpoints/train.ipynb": json.dumps({"cells": [cell]}, indent=1),
    }


@pytest.mark.parametrize("row", DOCS_KEY_FILES, ids=lambda r: r.name)
def test_each_docs_key_file_name_makes_a_binance_project(tmp_path: Path, row) -> None:
    """A file named as Binance's docs name a key file makes its project Binance's, outside
    git, in a work tree, its index and its history; any other key file name does not."""
    write(tmp_path / "docs", notebook_project(row.example))
    write(tmp_path / "other", notebook_project("keys/server-prv-key.pem"))
    (tmp_path / "docs" / "requirements.txt").write_text("pandas\n")
    (tmp_path / "other" / "requirements.txt").write_text("pandas\n")
    signal = f"project:docs/{row.example}"
    want = {
        ("docs/train-model.py", 3, API_KEY, signal),
        ("docs/train-model.py", 4, SECRET_KEY, signal),
    }
    found = seen(scan(tmp_path))
    assert want <= found
    assert {f for f in found if f[0].startswith("other/")} == set()
    assert {f[0] for f in found} == {"docs/train-model.py", "docs/.ipynb_checkpoints/train.ipynb"}
    repo = GitRepo(tmp_path / "repo")
    write(repo.path, notebook_project(row.example))
    repo.git("add", "-A")
    assert len(scan(repo.path, "--staged")) == 4
    repo.git("commit", "-q", "-m", "notebook")
    assert len(scan(repo.path)) == 4
    # the sweep reports each value once (its first place)
    assert sorted(f["type"] for f in sweep(repo.path)) == [API_KEY, SECRET_KEY]


def test_dart_elixir_and_go_projects_give_context(tmp_path: Path) -> None:
    """pubspec.yaml, mix.exs and a go.mod requiring a module named for Binance make their
    directories Binance projects; a sibling project without them gives no context."""
    write(
        tmp_path,
        {
            "app/pubspec.yaml": "name: trader\ndependencies:\n  binance_api_dart: ^1.0.0\n",
            "app/assets/.env": f"API_KEY={random_key()}\nAPI_SECRET={random_key()}\n",
            "svc/mix.exs": 'defp deps, do: [{:binance_spot_rest, "~> 0.2"}]\n',
            "svc/config/secret.exs": (
                f'config :svc,\n  api_key: "{random_key()}",\n  secret_key: "{random_key()}"\n'
            ),
            "tick/go.mod": "module t\n\nrequire github.com/niklak/binance_connector v0.4.1\n",
            "tick/keys.env": f"KEY={random_key()}\nSECRET={random_key()}\n",
            "web/pubspec.yaml": "name: web\ndependencies:\n  http: ^1.0.0\n",
            "web/.env": f"API_KEY={random_key()}\nAPI_SECRET={random_key()}\n",
        },
    )
    assert seen(scan(tmp_path, "--all-files")) == {
        ("app/assets/.env", 1, API_KEY, "project:app/pubspec.yaml"),
        ("app/assets/.env", 2, SECRET_KEY, "project:app/pubspec.yaml"),
        ("svc/config/secret.exs", 2, API_KEY, "project:svc/mix.exs"),
        ("svc/config/secret.exs", 3, SECRET_KEY, "project:svc/mix.exs"),
        ("tick/keys.env", 1, API_KEY, "project:tick/go.mod"),
        ("tick/keys.env", 2, SECRET_KEY, "project:tick/go.mod"),
    }


def test_each_finding_pairs_and_the_json_says_its_signal(tmp_path: Path, values) -> None:
    write(tmp_path, bot_project(values))
    findings = scan(tmp_path)
    assert findings and all(f["pair"] for f in findings)
    assert all(isinstance(f["binance_signal"], str) for f in findings)


def hummingbot_like() -> dict[str, str]:
    """The shapes of the 24 values hummingbot's history fails on that are not Binance's
    (regenerated, fake), beside the Binance ones it does hold."""
    hex64 = secrets.token_hex(32)
    return {
        "setup.py": "from setuptools import setup\nsetup(name='bot', install_requires=[])\n",
        "hummingbot/connector/exchange/binance/binance_constants.py": (
            'REST_URL = "https://api.binance.com/api/"\n'
        ),
        # Binance's own, named as such: still found.
        "test/mock_data/fixture_configs.py": (
            "global_binance_config = {\n"
            f'    "binance_api_key": "{random_key()}",\n'
            f'    "binance_api_secret": "{random_key()}",\n'
            "}\n"
        ),
        # A committed virtualenv: a crypto library's test vectors, ccxt's offline tests.
        ".venv/lib/python3.9/site-packages/Crypto/SelfTest/PublicKey/test_import_RSA.py": (
            f'rsaKeyPEM = """{pem()}"""\n'
        ),
        ".venv/lib/python3.9/site-packages/ecdsa/test_keys.py": f'prv = """{pem()}"""\n',
        ".venv/lib/python3.9/site-packages/ccxt/test/tests_async.py": (
            "    async def test_binance(self):\n        pass\n\n"
            "    async def test_vertex(self):\n"
            "        exchange = self.init_offline_exchange('vertex')\n"
            f"        exchange.privateKey = '{secrets.token_hex(32)}'  # testnet\n"
        ),
        # Other exchanges' values in a project that supports Binance too.
        "conf/__init__.py": (
            f'ascend_ex_api_key = "{random_key()[:32]}"\nascend_ex_secret_key = "{random_key()}"\n'
        ),
        "test/integration/test_loopring_user_stream_tracker.py": (
            f"class T:\n    def setUp(cls):\n        cls.loopring_auth = LoopringAuth('{hex64}')\n"
        ),
        "test/hummingbot/connector/exchange/lambdaplex/test_lambdaplex_auth.py": (
            "class LambdaplexAuthTests(TestCase):\n    def setUp(self) -> None:\n"
            f'        self._api_key = "testApiKey"\n        self._private_key = "{random_key()}"\n'
        ),
        # A TLS key: the server's, whatever the project uses.
        "deploy/nginx/certs/server.key": pem(),
    }


def test_multi_exchange_history_keeps_only_binance_s_values(tmp_path: Path) -> None:
    repo = GitRepo(tmp_path / "repo")
    files = hummingbot_like()
    repo.commit("vendored and other exchanges", files)
    expected = {
        ("test/mock_data/fixture_configs.py", 2, API_KEY, "name"),
        ("test/mock_data/fixture_configs.py", 3, SECRET_KEY, "name"),
    }
    assert seen(sweep(repo.path)) == expected
    assert seen(scan(repo.path, "--all-files")) == expected


def test_a_binance_private_key_still_needs_no_more_than_its_project(tmp_path: Path) -> None:
    """Outside vendored trees and TLS files a PEM is Binance's by its project's word."""
    write(tmp_path, {"requirements.txt": "binance-connector==3.7.0\n", "keys/private.pem": pem()})
    assert seen(scan(tmp_path)) == {
        ("keys/private.pem", 1, PRIVATE_KEY, "project:requirements.txt")
    }
    # The same key in a project that says nothing of Binance is nobody's.
    (tmp_path / "requirements.txt").write_text("flask\n")
    assert scan(tmp_path) == []


def test_tls_key_needs_the_file_to_say_binance(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "requirements.txt": "python-binance\n",
            "nginx/certs/server.key": pem(),
            "certs/binance-ed25519.pem": pem(),
        },
    )
    assert seen(scan(tmp_path)) == {("certs/binance-ed25519.pem", 1, PRIVATE_KEY, "path")}


def ssh_pairs() -> dict[str, str]:
    """SSH keys beside their OpenSSH .pub (``<file>.pub``, ``<stem>.pub``), a key beside a
    PEM public key (Binance's registration flow), and SSH pairs whose own path or text says
    Binance, in a project that uses Binance."""
    body = random_der_body(32)
    public_pem = f"-----BEGIN PUBLIC KEY-----\n{body}\n-----END PUBLIC KEY-----\n"
    return {
        "requirements.txt": "python-binance==1.0.19\n",
        "docs/only.pem": pem(),
        "docs/only.pem.pub": ssh_public_key("ssh-rsa"),
        "keys/deploy.key": pem(),
        "keys/deploy.pub": ssh_public_key("ecdsa-sha2-nistp256"),
        "keys/api.pem": pem(),
        "keys/api.pem.pub": public_pem,
        "keys/binance_ed25519.pem": pem(),
        "keys/binance_ed25519.pem.pub": ssh_public_key("ssh-ed25519"),
        "ops/signer.pem": pem() + "# registered as the Binance API key of the signer\n",
        "ops/signer.pem.pub": ssh_public_key("ssh-ed25519"),
    }


SSH_PAIRS_REPORTED = {
    ("keys/api.pem", 1, PRIVATE_KEY, "project:requirements.txt"),
    ("keys/binance_ed25519.pem", 1, PRIVATE_KEY, "path"),
    ("ops/signer.pem", 1, PRIVATE_KEY, "file"),
}


def test_an_ssh_key_beside_its_pub_is_not_binance_s(tmp_path: Path) -> None:
    """The project's word does not make an SSH key Binance's; its own name or text does."""
    write(tmp_path / "plain", ssh_pairs())
    assert seen(scan(tmp_path / "plain")) == SSH_PAIRS_REPORTED
    repo = GitRepo(tmp_path / "repo")
    repo.commit("keys", ssh_pairs())
    assert seen(scan(repo.path, "--all-files")) == SSH_PAIRS_REPORTED
    assert seen(sweep(repo.path)) == SSH_PAIRS_REPORTED
    staged = GitRepo(tmp_path / "staged")
    write(staged.path, ssh_pairs())
    staged.git("add", "-A")
    assert seen(scan(staged.path, "--staged")) == SSH_PAIRS_REPORTED


def detect_secrets_scan(cwd: Path, name: str) -> set[tuple[str, int]]:
    """Plain detect-secrets (Yelp's own scan, as its pre-commit hook runs it) with our plugin."""
    import subprocess
    import sys

    plugin = CliRunner().invoke(cli, ["plugin-path"]).stdout.strip()
    command = [sys.executable, "-m", "detect_secrets", "scan", "--no-verify", "--plugin", plugin]
    done = subprocess.run(
        [*command, name], cwd=cwd, capture_output=True, text=True, check=True, timeout=120
    )
    results = json.loads(done.stdout)["results"]
    return {(s["type"], s["line_number"]) for r in results.values() for s in r}


def test_plain_detect_secrets_sees_whole_multi_line_and_joined_pems(tmp_path: Path) -> None:
    """detect-secrets hands a plugin five lines around the header; the block is read from
    the file itself, so Yelp's hook finds what `scan` finds."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pkcs8 = serialization.PrivateFormat.PKCS8
    text = key.private_bytes(serialization.Encoding.PEM, pkcs8, serialization.NoEncryption())
    lines = text.decode().strip().splitlines()
    (tmp_path / "binance_rsa.pem").write_text("\n".join(lines) + "\n")
    joined = ["// binance signing key", 'String privateKey = "" +']
    joined += [f'    "{line}\\n" +' for line in lines[:-1]] + [f'    "{lines[-1]}";']
    (tmp_path / "BinanceKeys.java").write_text("\n".join(joined) + "\n")
    assert ("Binance Private Key", 1) in detect_secrets_scan(tmp_path, "binance_rsa.pem")
    assert ("Binance Private Key", 3) in detect_secrets_scan(tmp_path, "BinanceKeys.java")


def test_c_prefixed_generic_names_take_the_project_s_word(tmp_path: Path) -> None:
    """C++ `g_api_key`/`g_secret` in a bot whose only Binance word is in another file."""
    key, secret = random_key(), random_key()
    write(
        tmp_path,
        {
            "src/endpoints.h": '#define BASE_URL "https://api.binance.com"\n',
            "src/keys.cpp": (
                f'std::string g_api_key = "{key}";\nstd::string g_secret = "{secret}";\n'
            ),
        },
    )
    assert seen(scan(tmp_path)) == {
        ("src/keys.cpp", 1, API_KEY, "project:src/endpoints.h"),
        ("src/keys.cpp", 2, SECRET_KEY, "project:src/endpoints.h"),
    }


def test_the_signal_names_a_manifest_before_other_files(tmp_path: Path) -> None:
    """`docs/setup.md` sorts before `requirements.txt` and installs the SDK too; the
    dependency is the clearer signal to name."""
    files = {
        "docs/setup.md": "pip install python-binance\n",
        "requirements.txt": "python-binance==1.0.19\n",
        "apiKey.txt": f"{random_key()}\n{random_key()}\n",
    }
    expected = {
        ("apiKey.txt", 1, API_KEY, "project:requirements.txt"),
        ("apiKey.txt", 2, SECRET_KEY, "project:requirements.txt"),
    }
    write(tmp_path / "plain", files)
    assert seen(scan(tmp_path / "plain")) == expected
    repo = GitRepo(tmp_path / "repo")
    repo.commit("bot", files)
    assert seen(scan(repo.path)) == expected
    assert seen(sweep(repo.path)) == expected


def test_an_aws_style_pair_in_a_binance_project_s_yaml(tmp_path: Path) -> None:
    """`access_key:`/`secret_key:` under an environment block (CyberPunkMetalHead's
    creds.yml): the secret's framework-like name takes the project's word beside its key,
    and `secret_key` alone (a Django-style setting) still does not."""
    key, secret = random_key(), random_key()
    write(
        tmp_path,
        {
            "requirements.txt": "python-binance==1.0.15\n",
            "creds.yml": f"prod:\n  access_key: {key}\n  secret_key: {secret}\n",
            "web/settings.yml": f"secret_key: {random_key()}\n",
        },
    )
    assert seen(scan(tmp_path)) == {
        ("creds.yml", 2, API_KEY, "project:requirements.txt"),
        ("creds.yml", 3, SECRET_KEY, "project:requirements.txt"),
    }


# A file that shows Binance use (a project signal) for the rows' examples.
BINANCE_FILE_HEAD = "import binance\nconst Binance = require('node-binance-api')\n"


@pytest.mark.parametrize("row", ENV_READS, ids=lambda r: r.label)
def test_each_env_read_types_its_variable(row) -> None:
    found = credential_env_names(BINANCE_FILE_HEAD + row.example + "\n")
    assert found.get("bkey") == row.yields, found
    # The negative twins: another exchange's client, in a file that shows no Binance use
    # and in one that does.
    kraken = re.sub("binance", "Kraken", row.example, flags=re.IGNORECASE)
    assert credential_env_names(kraken + "\n") == {}
    assert "bkey" not in credential_env_names(BINANCE_FILE_HEAD + "\n" * 8 + kraken + "\n")


def _short_name_bot(key: str, secret: str, reader: str) -> dict[str, str]:
    """A node-binance-api bot whose `.env` names its keys privately (`bkey`/`bsec`), as a
    public bot does (`APIKEY: process.env.bkey ? process.env.bkey : config.BINANCE_APIKEY`;
    baontq/xchange reads `B_KEY`/`B_SECRET` the same way)."""
    return {
        "package.json": '{"dependencies": {"node-binance-api": "^0.12.4"}}\n',
        ".env": f"PORT=3000\nbkey={key}\nbsec={secret}\nTG_TOKEN={random_key()}\n",
        "index.js": reader,
    }


BINANCE_READER = textwrap.dedent(
    """\
    const Binance = require('node-binance-api')
    const binance = new Binance().options({
        APIKEY: process.env.bkey ? process.env.bkey : config.BINANCE_APIKEY,
        APISECRET: process.env.bsec ? process.env.bsec : config.BINANCE_APISECRET,
        test: true
    })
    """
)


def test_private_env_names_take_the_type_the_binance_client_gives_them(tmp_path: Path) -> None:
    key, secret = random_key(), random_key()
    files = _short_name_bot(key, secret, BINANCE_READER)
    expected = {
        (".env", 2, API_KEY, "project:package.json"),
        (".env", 3, SECRET_KEY, "project:package.json"),
    }
    write(tmp_path / "plain", files)
    assert seen(scan(tmp_path / "plain")) == expected
    repo = GitRepo(tmp_path / "repo")
    repo.commit("bot", files)
    assert seen(scan(repo.path)) == expected
    assert seen(sweep(repo.path)) == expected


def test_binance_abbreviated_is_a_generic_name_in_a_binance_project(tmp_path: Path) -> None:
    """`BN_API_KEY` says no more than `API_KEY`: Binance's where the project uses Binance,
    nobody's where it does not."""
    key, secret = random_key(), random_key()
    env = f"DATABASE_URL=postgres://db/app\nBN_API_KEY={key}\nBN_API_SECRET={secret}\n"
    write(tmp_path / "bot", {"requirements.txt": "python-binance==1.0.19\n", ".env": env})
    assert seen(scan(tmp_path / "bot")) == {
        (".env", 2, API_KEY, "project:requirements.txt"),
        (".env", 3, SECRET_KEY, "project:requirements.txt"),
    }
    write(tmp_path / "web", {"requirements.txt": "django==5.0\n", ".env": env})
    assert seen(scan(tmp_path / "web")) == set()


def test_rails_env_names_take_the_type_the_ruby_client_gives_them(tmp_path: Path) -> None:
    """A Rails app's `.env` abbreviates its keys (`BN_API_KEY`, no Binance word) beside the
    database's password; the service that builds the Binance client reads them, in a file
    that shows Binance use only by `require 'binance'` and `Binance::Spot`."""
    key, secret = random_key(), random_key()
    files = {
        "Gemfile": 'source "https://rubygems.org"\ngem "rails", "~> 7.0.4"\n',
        ".env": f"POSTGRES_PASSWORD={random_key()}\nBN_API_KEY={key}\n"
        f"BN_API_SECRET_KEY={secret}\n",
        "app/services/binance_client.rb": "require 'binance'\n\nclass BinanceClient\n"
        "  def initialize\n    @client = Binance::Spot.new(key: ENV['BN_API_KEY'], "
        "secret: ENV['BN_API_SECRET_KEY'])\n  end\nend\n",
    }
    write(tmp_path, files)
    assert seen(scan(tmp_path)) == {
        (".env", 2, API_KEY, "project:app/services/binance_client.rb"),
        (".env", 3, SECRET_KEY, "project:app/services/binance_client.rb"),
    }


@pytest.mark.parametrize(
    "reader",
    [
        # the code hands the names to another exchange's client, in a Binance project
        "const Binance = require('node-binance-api')\n"
        "const kraken = new ccxt.kraken({\n"
        "    apiKey: process.env.bkey,\n"
        "    secret: process.env.bsec,\n"
        "})\n",
        # the code reads them for something else
        "const Binance = require('node-binance-api')\nlog(process.env.bkey, process.env.bsec)\n",
        # no code reads them
        "const Binance = require('node-binance-api')\n",
    ],
    ids=["another exchange's client", "not a client", "not read"],
)
def test_private_env_names_stay_silent_unless_a_binance_client_reads_them(
    tmp_path: Path, reader: str
) -> None:
    write(tmp_path, _short_name_bot(random_key(), random_key(), reader))
    assert seen(scan(tmp_path)) == set()


def test_a_key_file_s_label_line_says_its_environment(tmp_path: Path) -> None:
    """binance-futures-cpp's key file: `live` or `test`, then the key and the secret; the
    futures testnet issues 64-hex keys, kept only under a testnet label."""
    hex_key, hex_secret = secrets.token_hex(32), secrets.token_hex(32)
    write(
        tmp_path,
        {
            "CMakeLists.txt": "project(bot)\n",
            "src/rest.cpp": 'const std::string BASE = "https://fapi.binance.com";\n',
            "keys/livekeys.txt": f"live\n{random_key()}\n{random_key()}\n",
            "keys/mykeyfile.txt": f"test\n{hex_key}\n{hex_secret}\n",
            "keys/hashes.txt": f"live\n{hex_key}\n{hex_secret}\n",
            "keys/notes.txt": f"two words\n{random_key()}\n{random_key()}\n",
        },
    )
    found = {(f["path"], f["line"], f["type"], f["environment"]) for f in scan(tmp_path)}
    assert found == {
        ("keys/livekeys.txt", 2, API_KEY, "production"),
        ("keys/livekeys.txt", 3, SECRET_KEY, "production"),
        ("keys/mykeyfile.txt", 2, API_KEY, "testnet"),
        ("keys/mykeyfile.txt", 3, SECRET_KEY, "testnet"),
    }
    write(tmp_path, {"src/rest.cpp": "// no exchange here\n"})
    assert scan(tmp_path) == []


def test_a_value_found_in_another_file_is_found_where_nothing_says_binance(
    tmp_path: Path,
) -> None:
    """A Dart app names its secret in its code and writes a shell script that signs with
    `openssl dgst -hmac "S"`: nothing in the script or the project says Binance, but the
    same value is Binance's in the app's code."""
    secret, other = random_key(), random_key()
    write(
        tmp_path,
        {
            "lib/constants.dart": f"const String BINANCE_SECRET = '{secret}';\n",
            ".signatureFile.sh": f'echo -n "$Q" | openssl dgst -sha256 -hmac "{secret}"\n',
            "tools/sign.sh": f'echo -n "$Q" | openssl dgst -sha256 -hmac "{other}"\n',
            "node_modules/x/sign.sh": f'openssl dgst -sha256 -hmac "{secret}"\n',
        },
    )
    assert seen(scan(tmp_path)) == {
        ("lib/constants.dart", 1, SECRET_KEY, "name"),
        (".signatureFile.sh", 1, SECRET_KEY, "value:lib/constants.dart"),
    }
    write(tmp_path, {"lib/constants.dart": "// moved to the vault\n"})
    assert scan(tmp_path) == []


def test_a_hex_value_found_in_another_file_is_the_same_testnet_key(tmp_path: Path) -> None:
    """A workshop's two scripts hold the same futures testnet pair: one under a docstring
    naming testnet.binancefuture.com, one as lower-case `api_key = '<hex>'` where nothing
    says testnet. The second is the same key, one more place it leaked; another hex value
    named so there (a digest, for all anyone can tell) is not."""
    key, secret, digest = (secrets.token_hex(32) for _ in range(3))
    write(
        tmp_path,
        {
            "week_03/5_api_new_order.py": (
                '"""Open a paper trading account at https://testnet.binancefuture.com"""\n'
                f"API_KEY = '{key}'\nAPI_SECRET = '{secret}'\n"
            ),
            "week_03/4_api_signature.py": (
                f"import hmac\napi_key = '{key}'\napi_secret = '{secret}'\n\n\n\n\n"
                f"other_key = '{digest}'\n"
            ),
        },
    )
    assert seen(scan(tmp_path)) == {
        ("week_03/5_api_new_order.py", 2, API_KEY, "line"),
        ("week_03/5_api_new_order.py", 3, SECRET_KEY, "line"),
        ("week_03/4_api_signature.py", 2, API_KEY, "value:week_03/5_api_new_order.py"),
        ("week_03/4_api_signature.py", 3, SECRET_KEY, "value:week_03/5_api_new_order.py"),
    }


def test_key_files_named_by_their_file_names(tmp_path: Path) -> None:
    """A bot's Dockerfile COPYs `binance-key` and `binance-secret`, one value each: the file
    name names the value; a `token` file beside them names nothing, and a `secret` file of
    a project that says nothing of Binance is no finding."""
    key, secret, token = random_key(), random_key(), random_key()
    bot = tmp_path / "bot"
    write(bot, {
        "Dockerfile": 'COPY [ "binance-key", "." ]\nCOPY [ "binance-secret", "." ]\n',
        "binance-key": key + "\n",
        "binance-secret": secret + "\n",
        "token": token + "\n",
    })
    found = {(f["path"], f["line"], f["type"]) for f in scan(bot)}
    assert found == {("binance-key", 1, API_KEY), ("binance-secret", 1, SECRET_KEY)}
    other = tmp_path / "other"
    write(other, {"secret": secret + "\n", "README.md": "# a weather app\n"})
    assert scan(other) == []


def test_a_key_file_of_key_secret_then_settings(tmp_path: Path) -> None:
    """A Swing form writes its fields to apiKey.txt, one a line: the key, the secret, then
    the futures base URLs. The URLs say Binance; the same file for nobody's host, or
    with a third key-shaped line, is no key file of this shape."""
    key, secret = random_key(), random_key()
    urls = "https://fapi.binance.com\nhttps://dapi.binance.com\n"
    write(tmp_path / "a", {"apiKey.txt": f"{key}\n{secret}\n{urls}"})
    assert seen(scan(tmp_path / "a")) == {
        ("apiKey.txt", 1, API_KEY, "line"), ("apiKey.txt", 2, SECRET_KEY, "line")
    }
    write(tmp_path / "b", {"apiKey.txt": f"{key}\n{secret}\nhttps://api.example.com\n"})
    assert scan(tmp_path / "b") == []
    assert bare_values([key, secret, random_key(), "https://fapi.binance.com"]) == []
    assert bare_values([key, secret, "BTCUSDT 10"]) == []
