"""The server-side pre-receive hook: real pushes into a bare repository with the hook.

Pushes go through git's own receive-pack (a file path remote), so the hook runs as on a
server: inside git's quarantine environment, before any ref is updated.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.cli_process import env_text, run_cli
from tests.fake_values import random_key
from tests.gitrepo import GitRepo, scratch_git_env


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return scratch_git_env(tmp_path)


def git(repo: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=False
    )


@pytest.fixture
def server(tmp_path: Path, env: dict[str, str]) -> tuple[Path, GitRepo]:
    """A bare server with the hook, and a client clone whose main is already pushed."""
    bare = tmp_path / "server.git"
    GitRepo(bare, bare=True)
    done = run_cli("install-hook", "--pre-receive", str(bare), cwd=tmp_path, env=env)
    assert done.returncode == 0, done.stderr
    assert (bare / "hooks" / "pre-receive").is_file()
    client = GitRepo(tmp_path / "client")
    client.commit("bot", {"bot.py": "import binance\n"})
    client.git("remote", "add", "origin", str(bare))
    pushed = git(client.path, env, "push", "-q", "origin", "main")
    assert pushed.returncode == 0, pushed.stderr
    assert "binance-secrets" not in pushed.stderr  # a clean push passes silently
    return bare, client


def ref(bare: Path, env: dict[str, str], name: str) -> str:
    return git(bare, env, "rev-parse", "--verify", "-q", name).stdout.strip()


def leak(client: GitRepo) -> str:
    return client.commit("settings", {".env": env_text(random_key(), random_key())})


def assert_rejected(done: subprocess.CompletedProcess[str]) -> None:
    assert done.returncode != 0, done.stderr
    assert "pre-receive hook declined" in done.stderr
    assert "remote: binance-secrets rejected this push" in done.stderr
    assert "remote: .env:2: Binance API Key" in done.stderr
    assert "git rebase -i" in done.stderr
    assert "Not a real key" in done.stderr  # how to mark a false positive


def test_a_fast_forward_with_a_key_is_rejected_and_the_ref_kept(
    server: tuple[Path, GitRepo], env: dict[str, str]
) -> None:
    bare, client = server
    before = ref(bare, env, "main")
    leaked = leak(client)
    done = git(client.path, env, "push", "origin", "main")
    assert_rejected(done)
    assert ref(bare, env, "main") == before
    # The quarantined objects were discarded with the push.
    assert git(bare, env, "cat-file", "-e", leaked).returncode != 0


def test_a_clean_fast_forward_passes_silently(
    server: tuple[Path, GitRepo], env: dict[str, str]
) -> None:
    bare, client = server
    tip = client.commit("docs", {"README.md": "hello\n"})
    done = git(client.path, env, "push", "origin", "main")
    assert done.returncode == 0, done.stderr
    assert "remote:" not in done.stderr
    assert ref(bare, env, "main") == tip


def test_a_new_branch_with_a_key_is_rejected(
    server: tuple[Path, GitRepo], env: dict[str, str]
) -> None:
    bare, client = server
    client.git("checkout", "-q", "-b", "feature")
    leak(client)
    assert_rejected(git(client.path, env, "push", "origin", "feature"))
    assert ref(bare, env, "refs/heads/feature") == ""


def test_a_force_push_with_a_key_is_rejected(
    server: tuple[Path, GitRepo], env: dict[str, str]
) -> None:
    bare, client = server
    client.commit("docs", {"README.md": "hello\n"})
    assert git(client.path, env, "push", "-q", "origin", "main").returncode == 0
    before = ref(bare, env, "main")
    client.git("reset", "-q", "--hard", "HEAD~1")
    leak(client)
    assert_rejected(git(client.path, env, "push", "--force", "origin", "main"))
    assert ref(bare, env, "main") == before


def test_a_tag_bringing_a_key_is_rejected_and_a_tag_on_known_commits_passes(
    server: tuple[Path, GitRepo], env: dict[str, str]
) -> None:
    bare, client = server
    assert git(client.path, env, "tag", "v1", "main").returncode == 0
    done = git(client.path, env, "push", "origin", "v1")
    assert done.returncode == 0, done.stderr
    assert "remote:" not in done.stderr
    client.git("checkout", "-q", "--detach")
    leak(client)
    client.git("tag", "-a", "-m", "release", "v2")
    assert_rejected(git(client.path, env, "push", "origin", "v2"))
    assert ref(bare, env, "refs/tags/v2") == ""


def test_an_annotated_tag_whose_message_holds_a_key_is_rejected(
    server: tuple[Path, GitRepo], env: dict[str, str]
) -> None:
    """The tag points at a commit the server has: only its own message brings the key.
    A tag of that tag is read too, and a clean annotated tag passes."""
    bare, client = server
    message = "release\n\n" + env_text(random_key(), random_key())
    assert git(client.path, env, "tag", "-a", "-m", message, "v3", "main").returncode == 0
    done = git(client.path, env, "push", "origin", "v3")
    assert done.returncode != 0, done.stderr
    assert "remote: binance-secrets rejected this push" in done.stderr
    assert "(tag message)" in done.stderr
    assert "`git tag -d v3`" in done.stderr
    assert ref(bare, env, "refs/tags/v3") == ""
    # A clean tag of that leaky tag: the inner tag's message is pushed with it.
    assert git(client.path, env, "tag", "-a", "-m", "wrapper", "v4", "v3").returncode == 0
    client.git("tag", "-d", "v3")
    done = git(client.path, env, "push", "origin", "v4")
    assert done.returncode != 0, done.stderr
    assert "(tag message)" in done.stderr
    assert ref(bare, env, "refs/tags/v4") == ""
    assert git(client.path, env, "tag", "-a", "-m", "release 5", "v5", "main").returncode == 0
    done = git(client.path, env, "push", "origin", "v5")
    assert done.returncode == 0, done.stderr
    assert "remote:" not in done.stderr
    assert ref(bare, env, "refs/tags/v5") != ""


def test_deletions_and_branches_at_known_commits_pass(
    server: tuple[Path, GitRepo], env: dict[str, str]
) -> None:
    bare, client = server
    done = git(client.path, env, "push", "origin", "main:copy")
    assert done.returncode == 0, done.stderr
    assert ref(bare, env, "refs/heads/copy") == ref(bare, env, "main")
    done = git(client.path, env, "push", "origin", ":copy")
    assert done.returncode == 0, done.stderr
    assert ref(bare, env, "refs/heads/copy") == ""


def test_a_key_already_on_the_server_is_not_blocked_again(
    tmp_path: Path, env: dict[str, str]
) -> None:
    """A key that reached the server before the hook (its commit is known there) is not
    in what a later push brings: only new commits are judged."""
    bare = tmp_path / "server.git"
    GitRepo(bare, bare=True)
    client = GitRepo(tmp_path / "client")
    leak(client)
    client.git("remote", "add", "origin", str(bare))
    assert git(client.path, env, "push", "-q", "origin", "main").returncode == 0
    installed = run_cli("install-hook", "--pre-receive", str(bare), cwd=tmp_path, env=env)
    assert installed.returncode == 0, installed.stderr
    tip = client.commit("docs", {"README.md": "hello\n"})
    done = git(client.path, env, "push", "origin", "main")
    assert done.returncode == 0, done.stderr
    assert ref(bare, env, "main") == tip


def test_the_hook_reads_the_quarantine_only(
    server: tuple[Path, GitRepo], env: dict[str, str], tmp_path: Path
) -> None:
    """Run by hand outside a push, a new sha the repository does not have is refused with
    one line (the quarantine is where git keeps it during a real push)."""
    bare, _ = server
    missing = "1" * 40
    done = run_cli("pre-receive", cwd=bare, env=env, input=f"{'0' * 40} {missing} refs/heads/x\n")
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr


def test_install_and_uninstall_the_server_hook(tmp_path: Path, env: dict[str, str]) -> None:
    bare = tmp_path / "server.git"
    GitRepo(bare, bare=True)
    installed = run_cli("install-hook", "--pre-receive", str(bare), cwd=tmp_path, env=env)
    assert installed.returncode == 0, installed.stderr
    script = (bare / "hooks" / "pre-receive").read_text()
    assert "pre-receive" in script and "uninstall-hook --pre-receive" in script
    done = run_cli("uninstall-hook", "--pre-receive", str(bare), cwd=tmp_path, env=env)
    assert done.returncode == 0, done.stderr
    assert not (bare / "hooks" / "pre-receive").exists()


def test_the_first_push_into_an_empty_server_is_judged(tmp_path: Path, env: dict[str, str]) -> None:
    """No ref exists yet (HEAD is unborn): the pushed commits are still read."""
    bare = tmp_path / "server.git"
    GitRepo(bare, bare=True)
    installed = run_cli("install-hook", "--pre-receive", str(bare), cwd=tmp_path, env=env)
    assert installed.returncode == 0, installed.stderr
    client = GitRepo(tmp_path / "client")
    client.commit("bot", {"bot.py": "import binance\n"})
    leak(client)
    client.git("remote", "add", "origin", str(bare))
    assert_rejected(git(client.path, env, "push", "origin", "main"))
    assert git(bare, env, "for-each-ref").stdout == ""


def test_the_default_branchs_project_config_is_honoured(
    server: tuple[Path, GitRepo], env: dict[str, str]
) -> None:
    """.binance-secrets.toml of the default branch, once the server has it: its excluded
    paths are not read and the values it ignores pass. The push that brings a config is
    judged by the one before it (tests/test_hostile_org_surfaces.py)."""
    from binance_secrets.plugins.detection.findings import fingerprint

    bare, client = server
    key, secret = random_key(), random_key()
    config = '[exclude]\npaths = ["tests/fixtures/**"]\n\n' + "".join(
        f'[[ignore]]\nfingerprint = "{fingerprint(value)}"\n'
        'reason = "revoked sample kept for the parser tests"\n\n'
        for value in (key, secret)
    )
    client.commit("the config", {".binance-secrets.toml": config})
    assert git(client.path, env, "push", "origin", "main").returncode == 0
    client.commit(
        "fixtures",
        {
            "tests/fixtures/.env": env_text(random_key(), random_key()),
            ".env": env_text(key, secret),
        },
    )
    done = git(client.path, env, "push", "origin", "main")
    assert done.returncode == 0, done.stderr
    assert "remote:" not in done.stderr
    # Another key is still rejected with that config in force.
    leak(client)
    assert_rejected(git(client.path, env, "push", "origin", "main"))


def test_the_false_positive_advice_is_one_the_server_honours(
    server: tuple[Path, GitRepo], env: dict[str, str]
) -> None:
    """The rejection's "not a real key" advice works on the server when followed: it names
    `ignore` and .binance-secrets.toml (read from the default branch), not a baseline,
    which a bare repository never reads, and says to push the config first: a push is
    judged by the config the server already has. Nor does it describe the server's refs,
    which the quarantined commits are not on yet."""
    import re

    _, client = server
    leak(client)
    done = git(client.path, env, "push", "origin", "main")
    assert_rejected(done)
    assert "binance-secrets ignore FINGERPRINT" in done.stderr
    assert "binance-secrets baseline" not in done.stderr
    assert "in HEAD:" not in done.stderr and "refs:        -" not in done.stderr
    shown = re.findall(r"fingerprint: (sha256:[0-9a-f]{12})", done.stderr)
    assert len(shown) == 2, done.stderr
    for fingerprint in shown:
        ignored = run_cli(
            "ignore", fingerprint, "--reason", "revoked sample", cwd=client.path, env=env
        )
        assert ignored.returncode == 0, ignored.stderr
    assert "on its own and push that first" in done.stderr
    client.git("add", ".binance-secrets.toml")
    client.git("commit", "-q", "-m", "accept the revoked sample")
    # Pushed with the key it accepts, the config judges nothing (tests/test_hostile_org_...).
    assert_rejected(git(client.path, env, "push", "origin", "main"))
    # The config on its own first, then the commit that holds the sample.
    client.git("checkout", "-q", "-b", "config-first", "HEAD~2")
    client.git("checkout", "main", "--", ".binance-secrets.toml")
    client.git("commit", "-q", "-m", "accept the revoked sample")
    done = git(client.path, env, "push", "origin", "config-first:main")
    assert done.returncode == 0, done.stderr
    client.git("checkout", "-q", "main")
    client.git("rebase", "-q", "config-first")
    done = git(client.path, env, "push", "origin", "main")
    assert done.returncode == 0, done.stderr


def test_pre_receive_in_a_working_clone_says_what_it_guards(
    tmp_path: Path, env: dict[str, str]
) -> None:
    """Run in one's own clone, --pre-receive said only "installed .git/hooks/pre-receive":
    a user who wanted their pushes checked got a hook that runs only on pushes into the
    clone. It says so, and which hook checks one's own pushes; a bare repository gets no note."""
    clone = GitRepo(tmp_path / "clone")
    clone.commit("bot", {"bot.py": "import binance\n"})
    done = run_cli("install-hook", "--pre-receive", cwd=clone.path, env=env)
    assert done.returncode == 0, done.stderr
    assert "working clone, not a server's bare repository" in done.stderr
    assert "install-hook --pre-push" in done.stderr
    bare = tmp_path / "server.git"
    GitRepo(bare, bare=True)
    done = run_cli("install-hook", "--pre-receive", str(bare), cwd=tmp_path, env=env)
    assert (done.returncode, done.stderr) == (0, "")
