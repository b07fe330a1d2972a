"""`install-hook` / `uninstall-hook`: plain git hooks, for repositories without pre-commit.

The pre-commit hook scans the staged content (what the commit will contain, not the work
tree); the pre-push hook (`--pre-push`) scans the commits a push would send. Both run with
the interpreter that installed them, so they work outside the virtualenv too; when that
interpreter or its binance-secrets is gone (the venv was deleted), the script falls back to
`binance-secrets` on PATH, and otherwise stops with a message that says what to do instead
of the shell's "exec: not found".

A hook that is not ours is never lost: `--force` moves it to `<hook>.binance-secrets-backup`
and `uninstall-hook` puts it back.
"""

from __future__ import annotations

import os
import shlex
import stat
import subprocess
import sys

import click

from ..errors import InputError
from .self_command import SAFE_MAIN

MARKER = "# installed by binance-secrets install-hook"
BACKUP_SUFFIX = ".binance-secrets-backup"

# hook name -> (the binance-secrets command it runs and its arguments, what it blocks,
# git's bypass)
HOOKS: dict[str, tuple[str, str, str, str]] = {
    "pre-commit": (
        "scan",
        "--staged --hook git",
        "a commit whose staged content holds a Binance credential",
        "git commit --no-verify",
    ),
    "pre-push": (
        "pre-push",
        '"$@"',
        "a push whose new commits hold a Binance credential",
        "git push --no-verify",
    ),
    # Server side: git runs it in the repository receiving the push; no client can skip it.
    "pre-receive": (
        "pre-receive",
        "",
        "a push to this server whose new commits hold a Binance credential",
        "none from the client (git push --no-verify does not skip a server's hook); "
        "the server's administrator can remove this hook",
    ),
}


def hook_script(python: str, hook: str = "pre-commit", ignore_testnet: bool = False) -> str:
    """The shell script for ``hook``, pinned to ``python`` with a fallback on PATH;
    ``ignore_testnet`` lets testnet and demo keys through."""
    command, arguments, blocks, bypass = HOOKS[hook]
    flags = " --ignore-testnet" if ignore_testnet else ""
    arguments = f"{command}{flags}{' ' + arguments if arguments else ''}"
    option = f" --{hook}" if hook != "pre-commit" else ""
    # binance_secrets/hooks, the package the script runs: the parent of this folder.
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    return (
        "#!/bin/sh\n"
        f"{MARKER}\n"
        f"# Blocks {blocks}.\n"
        f"# Bypass once, on purpose: {bypass}\n"
        f"# Remove: binance-secrets uninstall-hook{option} (puts back a hook it replaced)\n"
        f"python={shlex.quote(python)}\n"
        f"package={shlex.quote(package)}\n"
        'if [ -x "$python" ] && [ -f "$package/__main__.py" ]; then\n'
        f'    exec "$python" -c {shlex.quote(SAFE_MAIN)} {arguments}\n'
        "fi\n"
        "if command -v binance-secrets >/dev/null 2>&1; then\n"
        f"    exec binance-secrets {arguments}\n"
        "fi\n"
        'echo "binance-secrets: this hook was installed with $python, which no longer has '
        'binance-secrets, and binance-secrets is not on PATH." >&2\n'
        'echo "Install it again (pipx install git+<repository URL>) and run '
        f"binance-secrets install-hook{option}"
        + f', or remove this hook: rm \\"$0\\". Once, on purpose: {bypass}" >&2\n'
        "exit 1\n"
    )


def hooks_dir(repo: str, bare: bool = False) -> str:
    """The hooks directory of the repository at ``repo``. ``bare``: a server's repository
    (pre-receive), named explicitly: git finds a bare repository only when told it is one
    (safe.bareRepository=explicit), so it is asked with ``--git-dir`` first."""
    if not os.path.isdir(repo):
        raise InputError(f"{repo}: no such directory; give the path of a git repository.")
    from ..git.invocation import git_at, git_environment, git_explicit

    ask = ("rev-parse", "--git-path", "hooks")
    commands = [git_at(repo, *ask, own_hooks_path=True)]
    if bare:
        commands.insert(0, git_explicit(".", *ask, own_hooks_path=True))
    for command in commands:
        result = subprocess.run(
            command, cwd=repo, capture_output=True, text=True, check=False, env=git_environment()
        )
        if result.returncode == 0:
            break
    if result.returncode != 0:
        raise InputError(f"{repo}: not a git repository; run this inside one.")
    return os.path.join(repo, result.stdout.strip())


def _hook_name(pre_push: bool, pre_receive: bool = False) -> str:
    if pre_push and pre_receive:
        raise click.UsageError("give --pre-push or --pre-receive, not both")
    return "pre-receive" if pre_receive else "pre-push" if pre_push else "pre-commit"


pre_push_option = click.option(
    "--pre-push",
    is_flag=True,
    help="The pre-push hook (scans the commits being pushed) instead of pre-commit.",
)
pre_receive_option = click.option(
    "--pre-receive",
    is_flag=True,
    help="The server-side pre-receive hook, in a bare repository: rejects a push whose new "
    "commits hold a credential.",
)


@click.command("install-hook")
@click.argument("repo", default=".", type=click.Path(file_okay=False))
@click.option(
    "--force",
    is_flag=True,
    help=f"Replace an existing hook; it is kept as <hook>{BACKUP_SUFFIX}.",
)
@pre_push_option
@pre_receive_option
@click.option(
    "--ignore-testnet",
    is_flag=True,
    help="The hook lets testnet and demo keys (no real funds) through.",
)
def install_hook(
    repo: str, force: bool, pre_push: bool, pre_receive: bool, ignore_testnet: bool
) -> None:
    """Install a plain git pre-commit hook (`scan --staged`) or, with --pre-push, a pre-push hook.

    With --pre-receive, run in a bare repository on a server: a pre-receive hook that
    rejects any push whose new commits hold a Binance credential (plain git, and the
    server hooks of GitLab, Gitea and Forgejo: copy the script there).

    Bypass once: git commit --no-verify (git push --no-verify). Exit 2: not a repository,
    or a hook that is not ours exists (use --force to keep it as a backup and replace it).
    """
    hook = _hook_name(pre_push, pre_receive)
    directory = hooks_dir(repo, bare=pre_receive)
    target = os.path.join(directory, hook)
    backup = target + BACKUP_SUFFIX
    if os.path.lexists(target) and not _is_ours(target):
        if not force:
            raise InputError(
                f"{target} already exists and is not ours; add "
                f"`binance-secrets {' '.join(HOOKS[hook][:2])}` to it, or use --force to replace "
                "it "
                f"(it is kept as {os.path.basename(backup)})."
            )
        if os.path.lexists(backup):
            raise InputError(
                f"{backup} already exists; move it away first so --force does not lose it."
            )
        # Rename, not copy: a symlinked hook (a shared script, a husky shim) stays a
        # symlink and the file it points to is never written.
        os.rename(target, backup)
        click.echo(f"kept the previous hook as {backup}")
    elif os.path.lexists(target):
        os.unlink(target)
    try:
        os.makedirs(directory, exist_ok=True)
        with open(target, "w", encoding="utf-8") as handle:
            handle.write(hook_script(sys.executable, hook, ignore_testnet))
        mode = os.stat(target).st_mode
        os.chmod(target, mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    except OSError as error:
        raise InputError(
            f"cannot write the hook {target}: {error.strerror or error}; make {directory} a "
            "writable directory, or point core.hooksPath at one (git config core.hooksPath DIR)"
        ) from error
    click.echo(f"installed {target}")
    if pre_receive and _in_work_tree(repo):
        click.echo(
            f"note: {repo} is a working clone, not a server's bare repository: its pre-receive "
            "hook runs only when someone pushes into it. To check your own pushes: "
            "`binance-secrets install-hook --pre-push`; on the server: run this in its bare "
            "repository.",
            err=True,
        )


def _in_work_tree(repo: str) -> bool:
    """Whether ``repo`` is inside a work tree (a clone someone works in): a pre-receive
    hook there guards nothing the user pushes, which is what a user running --pre-receive
    in their own clone expects it to do."""
    from ..git.invocation import git_at, git_environment

    done = subprocess.run(
        git_at(repo, "rev-parse", "--is-inside-work-tree"),
        capture_output=True, text=True, check=False, env=git_environment(),
    )  # fmt: skip
    return done.returncode == 0 and done.stdout.strip() == "true"


@click.command("uninstall-hook")
@click.argument("repo", default=".", type=click.Path(file_okay=False))
@pre_push_option
@pre_receive_option
def uninstall_hook(repo: str, pre_push: bool, pre_receive: bool) -> None:
    """Remove the hook install-hook wrote, and put back the hook --force replaced.

    Exit 2: not a repository, or the hook there is not ours (it is left alone).
    """
    hook = _hook_name(pre_push, pre_receive)
    target = os.path.join(hooks_dir(repo, bare=pre_receive), hook)
    backup = target + BACKUP_SUFFIX
    if not os.path.lexists(target):
        click.echo(f"no {hook} hook in {os.path.dirname(target)}; nothing to remove")
        return
    if not _is_ours(target):
        raise InputError(f"{target} was not installed by binance-secrets; left it as it is.")
    os.unlink(target)
    click.echo(f"removed {target}")
    if os.path.lexists(backup):
        os.rename(backup, target)
        click.echo(f"restored the previous hook from {backup}")


def _is_ours(target: str) -> bool:
    """Whether ``target`` is a hook we wrote; read bounded, so a FIFO or device planted
    there is "not ours" instead of a hang."""
    from ..bounded import ReadRefused, read_regular_file

    if os.path.islink(target):
        return False
    try:
        return MARKER.encode() in read_regular_file(target, 1 << 20)
    except ReadRefused:
        return False
