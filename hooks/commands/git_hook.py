"""`binance-secrets install-hook`: a plain git pre-commit hook, for repos without pre-commit.

The hook scans the staged content (what the commit will contain, not the work tree) and
runs with the interpreter that installed it, so it works outside the virtualenv too.
"""

from __future__ import annotations

import os
import shlex
import stat
import subprocess
import sys

import click

from binance_secrets.hooks.errors import InputError

MARKER = "# installed by binance-secrets install-hook"


def hook_script(python: str) -> str:
    return (
        "#!/bin/sh\n"
        f"{MARKER}\n"
        "# Blocks a commit whose staged content holds a Binance credential.\n"
        "# Bypass once (not recommended): git commit --no-verify\n"
        f"exec {shlex.quote(python)} -m binance_secrets.hooks scan --staged --hook git\n"
    )


def hooks_dir(repo: str) -> str:
    if not os.path.isdir(repo):
        raise InputError(f"{repo}: no such directory; give the path of a git repository.")
    result = subprocess.run(
        ["git", "rev-parse", "--git-path", "hooks"],
        cwd=repo,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise InputError(f"{repo}: not a git repository; run this inside one.")
    return os.path.join(repo, result.stdout.strip())


@click.command("install-hook")
@click.argument("repo", default=".", type=click.Path(file_okay=False))
@click.option("--force", is_flag=True, help="Replace an existing pre-commit hook.")
def install_hook(repo: str, force: bool) -> None:
    """Install a plain git pre-commit hook that runs `scan --staged`."""
    directory = hooks_dir(repo)
    target = os.path.join(directory, "pre-commit")
    if os.path.lexists(target):
        if not force and not _is_ours(target):
            raise InputError(
                f"{target} already exists and is not ours; add "
                "`binance-secrets scan --staged` to it, or use --force to replace it."
            )
        # Replace the hook itself: writing through a symlinked hook (a shared script, a
        # husky or pre-commit shim) would overwrite the file it points to.
        os.unlink(target)
    os.makedirs(directory, exist_ok=True)
    with open(target, "w", encoding="utf-8") as handle:
        handle.write(hook_script(sys.executable))
    mode = os.stat(target).st_mode
    os.chmod(target, mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    click.echo(f"installed {target}")


def _is_ours(target: str) -> bool:
    if os.path.islink(target):
        return False
    try:
        with open(target, encoding="utf-8", errors="replace") as handle:
            return MARKER in handle.read()
    except OSError:
        return False
