"""`binance-secrets install-hook` and `scan --staged` in real temporary git repositories.

The hook is exercised through `git commit`, so git itself runs it (with its own cwd,
environment and, for `commit -a`, a temporary index file).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from binance_secrets.hooks.commands.cli import cli
from binance_secrets.hooks.commands.git_hook import BACKUP_SUFFIX, MARKER
from tests.fake_values import random_key
from tests.gitrepo import git, isolate_git


@pytest.fixture(autouse=True)
def isolated_git(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """No global or system git config (a global core.hooksPath would redirect the hook)."""
    isolate_git(monkeypatch, tmp_path_factory.mktemp("git"))


def credentials() -> tuple[str, str, str]:
    key, secret = random_key(), random_key()
    return key, secret, f"# binance bot\nBINANCE_API_KEY={key}\nBINANCE_API_SECRET={secret}\n"


def install(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["install-hook", *args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def uninstall(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["uninstall-hook", *args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def commit(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return git(repo, "commit", "-m", "change", *args, check=False)


def head(repo: Path) -> str | None:
    result = git(repo, "rev-parse", "--verify", "-q", "HEAD", check=False)
    return result.stdout.strip() or None


def run_hook(repo: Path) -> subprocess.CompletedProcess[str]:
    """The installed hook, run the way git runs it (top of the work tree)."""
    return subprocess.run(
        [str(repo / ".git" / "hooks" / "pre-commit")],
        cwd=repo,
        capture_output=True,
        text=True,
        check=False,
    )


# --- install-hook and commits ----------------------------------------------------------


def test_staged_key_blocks_the_commit(repo: Path) -> None:
    assert install(str(repo))[0] == 0
    key, secret, text = credentials()
    (repo / ".env").write_text(text)
    git(repo, "add", ".env")

    hook = run_hook(repo)
    assert hook.returncode == 1
    assert ".env:2: Binance API Key" in hook.stdout
    assert f"{key[:4]}...{key[-4:]}" in hook.stdout

    result = commit(repo)
    assert result.returncode != 0
    assert head(repo) is None
    output = result.stdout + result.stderr
    assert "binance-secrets blocked this commit: 2 Binance credential(s)" in output
    for value in (key, secret):
        assert value not in output and value not in hook.stdout + hook.stderr


def test_clean_commit_passes_and_second_commit_is_checked_too(repo: Path) -> None:
    assert install(str(repo))[0] == 0
    (repo / "app.py").write_text("print('hello')\n")
    git(repo, "add", "app.py")
    assert commit(repo).returncode == 0
    first = head(repo)
    assert first is not None

    (repo / "settings.py").write_text(f"BINANCE_API_KEY = '{random_key()}'\n")
    git(repo, "add", "settings.py")
    assert commit(repo).returncode != 0
    assert head(repo) == first


def test_hook_scans_the_staged_content_not_the_work_tree(repo: Path) -> None:
    assert install(str(repo))[0] == 0
    config = repo / "config.py"

    # A key staged, then removed from the work tree only: the commit would hold it.
    config.write_text(f"BINANCE_API_KEY = '{random_key()}'\n")
    git(repo, "add", "config.py")
    config.write_text("BINANCE_API_KEY = os.environ['BINANCE_API_KEY']\n")
    assert commit(repo).returncode != 0
    assert head(repo) is None

    # Clean content staged while the work tree holds a key: the commit is clean.
    git(repo, "add", "config.py")
    config.write_text(f"BINANCE_API_KEY = '{random_key()}'\n")
    assert commit(repo).returncode == 0
    assert git(repo, "show", "HEAD:config.py").stdout.startswith("BINANCE_API_KEY = os.environ")


def test_commit_all_uses_the_index_git_builds_for_it(repo: Path) -> None:
    """`git commit -a` runs the hook against a temporary index (GIT_INDEX_FILE)."""
    assert install(str(repo))[0] == 0
    (repo / "config.py").write_text("x = 1\n")
    git(repo, "add", "config.py")
    assert commit(repo).returncode == 0
    first = head(repo)

    (repo / "config.py").write_text(f"BINANCE_API_SECRET = '{random_key()}'\n")
    assert commit(repo, "-a").returncode != 0
    assert head(repo) == first


def test_refuses_a_foreign_hook_without_force_and_keeps_a_backup_with_force(repo: Path) -> None:
    foreign = repo / ".git" / "hooks" / "pre-commit"
    foreign.write_text("#!/bin/sh\necho linting\n")
    backup = repo / ".git" / "hooks" / ("pre-commit" + BACKUP_SUFFIX)

    code, _, err = install(str(repo))
    assert code == 2
    assert err.count("\n") == 1 and err.startswith("Error: ")
    assert "already exists and is not ours" in err and "--force" in err
    assert foreign.read_text() == "#!/bin/sh\necho linting\n"

    code, out, _ = install("--force", str(repo))
    assert code == 0
    assert "installed" in out and "kept the previous hook" in out
    assert MARKER in foreign.read_text()
    assert os.access(foreign, os.X_OK)
    assert backup.read_text() == "#!/bin/sh\necho linting\n"

    # A second --force must not overwrite the backup with our own hook.
    assert install("--force", str(repo))[0] == 0
    assert backup.read_text() == "#!/bin/sh\necho linting\n"

    code, out, _ = uninstall(str(repo))
    assert code == 0 and "restored the previous hook" in out
    assert foreign.read_text() == "#!/bin/sh\necho linting\n"
    assert not backup.exists()


def test_force_keeps_a_symlinked_hook_as_the_backup_and_never_writes_its_target(
    repo: Path,
) -> None:
    shared = repo / "scripts-pre-commit"
    shared.write_text("#!/bin/sh\nexit 0\n")
    hook = repo / ".git" / "hooks" / "pre-commit"
    hook.symlink_to(shared)

    assert install(str(repo))[0] == 2
    assert install("--force", str(repo))[0] == 0
    assert not hook.is_symlink()
    assert MARKER in hook.read_text()
    assert shared.read_text() == "#!/bin/sh\nexit 0\n"
    backup = repo / ".git" / "hooks" / ("pre-commit" + BACKUP_SUFFIX)
    assert backup.is_symlink()
    assert uninstall(str(repo))[0] == 0
    assert hook.is_symlink() and hook.resolve() == shared.resolve()


def test_uninstall_leaves_a_foreign_hook_alone(repo: Path) -> None:
    hook = repo / ".git" / "hooks" / "pre-commit"
    hook.write_text("#!/bin/sh\nexit 0\n")
    code, _, err = uninstall(str(repo))
    assert code == 2 and "not installed by binance-secrets" in err
    assert hook.read_text() == "#!/bin/sh\nexit 0\n"
    hook.unlink()
    code, out, _ = uninstall(str(repo))
    assert code == 0 and "nothing to remove" in out


def test_uninstall_then_commits_are_not_scanned(repo: Path) -> None:
    assert install(str(repo))[0] == 0
    assert uninstall(str(repo))[0] == 0
    assert not (repo / ".git" / "hooks" / "pre-commit").exists()
    (repo / ".env").write_text(credentials()[2])
    git(repo, "add", ".env")
    assert commit(repo).returncode == 0


def _repin(hook: Path, python: str) -> None:
    text = hook.read_text()
    start = text.index("python=")
    end = text.index("\n", start)
    hook.write_text(text[:start] + f"python={python}" + text[end:])


def test_hook_falls_back_to_path_when_its_interpreter_is_gone(
    repo: Path, tmp_path: Path
) -> None:
    assert install(str(repo))[0] == 0
    hook = repo / ".git" / "hooks" / "pre-commit"
    _repin(hook, str(tmp_path / "deleted-venv" / "bin" / "python"))
    (repo / ".env").write_text(credentials()[2])
    git(repo, "add", ".env")
    venv_bin = str(Path(sys.executable).parent)
    env = {**os.environ, "PATH": f"{venv_bin}{os.pathsep}/usr/bin{os.pathsep}/bin"}
    result = subprocess.run(
        ["git", "commit", "-m", "x"], cwd=repo, env=env, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "binance-secrets blocked this commit" in result.stdout + result.stderr

    # Neither the pinned interpreter nor binance-secrets on PATH: a message, not "not found".
    env["PATH"] = f"/usr/bin{os.pathsep}/bin"
    result = subprocess.run(
        ["git", "commit", "-m", "x"], cwd=repo, env=env, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert head(repo) is None
    assert "not found" not in result.stderr
    assert "which no longer has binance-secrets, and binance-secrets is not on PATH" in (
        result.stderr
    )
    assert "binance-secrets install-hook" in result.stderr and "--no-verify" in result.stderr


def test_reinstall_over_its_own_hook(repo: Path) -> None:
    assert install(str(repo))[0] == 0
    assert install(str(repo))[0] == 0
    hook = repo / ".git" / "hooks" / "pre-commit"
    assert hook.read_text().count(MARKER) == 1
    (repo / ".env").write_text(credentials()[2])
    git(repo, "add", ".env")
    assert run_hook(repo).returncode == 1


def test_honours_core_hooks_path(repo: Path) -> None:
    git(repo, "config", "core.hooksPath", ".githooks")
    assert install(str(repo))[0] == 0
    assert MARKER in (repo / ".githooks" / "pre-commit").read_text()
    assert not (repo / ".git" / "hooks" / "pre-commit").exists()
    (repo / ".env").write_text(credentials()[2])
    git(repo, "add", ".env")
    assert commit(repo).returncode != 0


def test_not_a_git_repository_is_exit_2_with_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plain = tmp_path / "plain"
    plain.mkdir()
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    monkeypatch.chdir(plain)
    code, out, err = install()
    assert code == 2
    assert out == ""
    assert err == "Error: .: not a git repository; run this inside one.\n"
    assert list(plain.iterdir()) == []

    code, _, err = install(str(tmp_path / "missing"))
    assert code == 2
    assert err.count("\n") == 1 and "no such directory" in err


# --- scan --staged directly --------------------------------------------------------------


def scan_staged(repo: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[int, dict, str]:
    monkeypatch.chdir(repo)
    result = CliRunner().invoke(
        cli, ["scan", "--staged", "--format", "json"], catch_exceptions=False
    )
    report = json.loads(result.stdout) if result.stdout else {}
    return result.exit_code, report, result.stderr


def found(report: dict) -> list[tuple[str, int, str]]:
    return [(f["path"], f["line"], f["type"]) for f in report["findings"]]


def test_staged_deleted_file_is_not_scanned(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (repo / "old.env").write_text(credentials()[2])
    (repo / "gone.env").write_text(credentials()[2])
    git(repo, "add", ".")
    git(repo, "commit", "-q", "--no-verify", "-m", "leak")
    git(repo, "rm", "-q", "--cached", "old.env")  # deleted in the index, kept on disk
    git(repo, "rm", "-q", "gone.env")
    code, report, _ = scan_staged(repo, monkeypatch)
    assert code == 0
    assert report["findings"] == [] and report["skipped"] == []


def test_staged_rename_is_scanned_under_its_new_name(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (repo / "old.env").write_text(credentials()[2])
    (repo / "clean.py").write_text("x = 1\n")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "--no-verify", "-m", "leak")
    git(repo, "mv", "old.env", "new.env")
    git(repo, "mv", "clean.py", "renamed.py")
    code, report, _ = scan_staged(repo, monkeypatch)
    assert code == 1
    assert found(report) == [
        ("new.env", 2, "Binance API Key"),
        ("new.env", 3, "Binance Secret Key"),
    ]


def test_staged_binary_is_skipped_and_listed(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (repo / "blob.bin").write_bytes(b"\0\x01BINANCE_API_KEY=" + random_key().encode())
    git(repo, "add", "blob.bin")
    code, report, _ = scan_staged(repo, monkeypatch)
    assert code == 0
    assert report["findings"] == []
    assert report["skipped"] == [{"path": "blob.bin", "reason": "binary"}]


def test_staged_names_with_spaces_colons_globs_and_unicode(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Names are read NUL-separated and never handed back to git as pathspecs."""
    names = ["my bot config.env", ":odd.env", "a[1].env", "clé.env"]
    for name in names:
        (repo / name).write_text(f"BINANCE_API_KEY={random_key()}\n")
    (repo / "a1.env").write_text("x = 1\n")
    git(repo, "--literal-pathspecs", "add", *names, "a1.env")
    code, report, _ = scan_staged(repo, monkeypatch)
    assert code == 1
    assert sorted(found(report)) == sorted((n, 1, "Binance API Key") for n in names)


def test_symlink_changed_into_a_file_is_scanned(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (repo / "target.py").write_text("x = 1\n")
    (repo / "keys.env").symlink_to("target.py")
    git(repo, "add", ".")
    code, report, _ = scan_staged(repo, monkeypatch)
    assert code == 0
    assert report["skipped"] == [{"path": "keys.env", "reason": "symlink (not followed)"}]
    git(repo, "commit", "-q", "--no-verify", "-m", "link")

    (repo / "keys.env").unlink()
    (repo / "keys.env").write_text(f"BINANCE_API_KEY={random_key()}\n")
    git(repo, "add", "keys.env")
    assert git(repo, "status", "--porcelain").stdout == "T  keys.env\n"
    code, report, _ = scan_staged(repo, monkeypatch)
    assert code == 1
    assert found(report) == [("keys.env", 1, "Binance API Key")]


def test_staged_outside_a_repository_is_exit_2_with_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["scan", "--staged"], catch_exceptions=False)
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert "not inside a git work tree" in result.stderr
