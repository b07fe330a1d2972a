"""Attacks on the organisation surfaces (the pre-receive hook's project config, clone URLs
that carry credentials), each tried as the one input an attacker controls.

Every test here failed on the code before its fix, unless it says it is a control;
docs/threat-model.md lists each attack with what stops it.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from binance_secrets.plugins.detection.findings import fingerprint
from tests.cli_process import env_text, hooked_server
from tests.fake_values import random_key
from tests.gitrepo import GitRepo, scratch_git_env


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return scratch_git_env(tmp_path)


def push(client: GitRepo, server: Path, *refs: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", "push", str(server), *(refs or ("main",))], cwd=client.path, env=client.env(),
        capture_output=True, text=True, check=False,
    )  # fmt: skip


def server_ref(server: Path, client: GitRepo, name: str) -> str:
    return subprocess.run(
        ["git", "rev-parse", "-q", "--verify", name], cwd=server, env=client.env(),
        capture_output=True, text=True, check=False,
    ).stdout.strip()  # fmt: skip


def served(tmp_path: Path, env: dict[str, str], files: dict[str, str]) -> tuple[Path, GitRepo]:
    """A bare server with the pre-receive hook whose main holds ``files`` (pushed clean),
    and the client that pushed it."""
    server = hooked_server(tmp_path, env)
    client = GitRepo(tmp_path / "client")
    client.commit("bot", {"bot.py": "import binance\n", **files})
    done = push(client, server.path)
    assert done.returncode == 0, done.stderr
    return server.path, client


def ignoring(*values: str) -> str:
    return "".join(
        f'[[ignore]]\nfingerprint = "{fingerprint(value)}"\nreason = "accepted"\n\n'
        for value in values
    )


# -- the pre-receive hook judges a push by the config the server had ------------------------


@pytest.mark.parametrize("config", ["exclude everything", "ignore its own key"])
@pytest.mark.parametrize("file", [".binance-secrets.toml", "pyproject.toml"])
def test_a_push_cannot_bring_the_config_that_lets_its_own_key_through(
    tmp_path: Path, env: dict[str, str], config: str, file: str
) -> None:
    """The attack: one push to the default branch adds a key and, beside it, a project
    config that excludes every path or ignores that key's fingerprint. The hook read the
    config of the pushed tip, so the push judged itself and passed (exit 0)."""
    server, client = served(tmp_path, env, {})
    key, secret = random_key(), random_key()
    everything = '[exclude]\npaths = ["**"]\n'
    text = everything if config == "exclude everything" else ignoring(key, secret)
    if file == "pyproject.toml":
        text = text.replace("[exclude]", "[tool.binance-secrets.exclude]")
        text = text.replace("[[ignore]]", "[[tool.binance-secrets.ignore]]")
    before = server_ref(server, client, "main")
    client.commit("settings", {".env": env_text(key, secret), file: text})

    done = push(client, server)

    assert done.returncode != 0, done.stderr
    assert "binance-secrets rejected this push" in done.stderr
    assert server_ref(server, client, "main") == before


def test_a_push_cannot_widen_the_servers_config_for_itself(
    tmp_path: Path, env: dict[str, str]
) -> None:
    """The same attack on a config the server already has: the push rewrites it to ignore
    its own key as well as the entry the team accepted."""
    accepted = random_key()
    server, client = served(tmp_path, env, {".binance-secrets.toml": ignoring(accepted)})
    key, secret = random_key(), random_key()
    client.commit(
        "settings",
        {".env": env_text(key, secret), ".binance-secrets.toml": ignoring(accepted, key, secret)},
    )
    done = push(client, server)
    assert done.returncode != 0, done.stderr
    assert "binance-secrets rejected this push" in done.stderr


def test_a_config_on_another_branch_judges_nothing(tmp_path: Path, env: dict[str, str]) -> None:
    """A regression test: a branch whose tip excludes everything is judged by the default
    branch's config, as before."""
    server, client = served(tmp_path, env, {})
    client.git("checkout", "-q", "-b", "feature")
    client.commit("config", {".binance-secrets.toml": '[exclude]\npaths = ["**"]\n'})
    assert push(client, server, "feature").returncode == 0
    client.commit("settings", {".env": env_text(random_key(), random_key())})
    done = push(client, server, "feature")
    assert done.returncode != 0, done.stderr
    assert "binance-secrets rejected this push" in done.stderr


def test_a_server_config_that_cannot_be_used_judges_strictly_and_can_be_fixed(
    tmp_path: Path, env: dict[str, str]
) -> None:
    """A config the server already holds that cannot be used (committed before the hook,
    or by another version): the push is judged with no config and a one-line warning, so
    a key still fails and the push that fixes the config lands. A malformed config pushed
    to the default branch is refused, so the server keeps a usable one."""
    client = GitRepo(tmp_path / "client")
    client.commit("bot", {"bot.py": "import binance\n", ".binance-secrets.toml": "[nonsense]\n"})
    bare = GitRepo(tmp_path / "server.git", bare=True)
    client.git("push", "-q", str(bare.path), "main")  # before the hook is installed
    server = hooked_server(tmp_path, env)
    assert server.path == bare.path
    client.commit("settings", {".env": env_text(random_key(), random_key())})
    done = push(client, server.path)
    assert done.returncode != 0
    assert "binance-secrets rejected this push" in done.stderr
    assert "judged without it" in done.stderr
    assert "Traceback" not in done.stderr
    client.git("reset", "-q", "--hard", "HEAD~1")
    client.commit("fix the config", {".binance-secrets.toml": '[exclude]\npaths = ["docs/**"]\n'})
    fixed = push(client, server.path)
    assert fixed.returncode == 0, fixed.stderr
    client.commit("break it again", {".binance-secrets.toml": "[nonsense]\n"})
    refused = push(client, server.path)
    assert refused.returncode != 0
    assert ".binance-secrets.toml as pushed to refs/heads/main" in refused.stderr
    assert "Traceback" not in refused.stderr
