"""`binance-secrets pre-push`: what the plain pre-push hook runs.

git gives a pre-push hook the remote's name and URL as arguments and one line per ref on
standard input: ``<local ref> <local sha> <remote ref> <remote sha>``
(https://git-scm.com/docs/githooks#_pre_push). The commits that push would send are the
local shas minus what the remote already has: the remote's old sha when git knows it,
otherwise every remote-tracking ref of that remote. They are read with the sweep's own
machinery (one `git log --patch` stream over exactly those commits).
"""

from __future__ import annotations

import sys

import click

from ..errors import EXIT_CLEAN, EXIT_FOUND, InputError
from .options import ignore_testnet_option

ZERO = "0" * 40


def push_range(repo: object, remote: str, lines: list[str]) -> list[str]:
    """rev-list arguments for the new commits: local tips, then ``^`` what the remote has."""
    from ..git.repo import Repository, is_object_id

    assert isinstance(repo, Repository)
    tips: list[str] = []
    known: list[str] = []
    unknown_remote_sha = False
    for line in lines:
        parts = line.split()
        if len(parts) != 4:
            continue
        _local_ref, local_sha, _remote_ref, remote_sha = parts
        if not (is_object_id(local_sha) and is_object_id(remote_sha)):
            continue  # not what git sends: never let it reach rev-list as an option
        if not local_sha.strip("0"):
            continue  # a deleted ref sends no commits
        tips.append(local_sha)
        if remote_sha.strip("0") and repo.succeeds("cat-file", "-e", f"{remote_sha}^{{commit}}"):
            known.append(remote_sha)
        else:
            unknown_remote_sha = True
    if not tips:
        return []
    excluded = list(known)
    if unknown_remote_sha:
        excluded += [
            line
            for line in repo.lines(
                "for-each-ref", "--format=%(objectname)", f"refs/remotes/{remote}/", check=False
            )
            if line
        ]
    return [*tips, *(f"^{sha}" for sha in dict.fromkeys(excluded))]


@click.command("pre-push")
@click.argument("remote", default="origin")
@click.argument("url", required=False)
@ignore_testnet_option
def pre_push(remote: str, url: str | None, ignore_testnet: bool) -> None:
    """Scan the commits a push would send (git's pre-push hook input on stdin).

    Exit 0: nothing found; 1: found (the push is stopped); 2: usage or input error.
    Bypass once, on purpose: git push --no-verify.
    """
    from ..git.repo import GitError, RepositoryError, open_repository
    from ..reports.blocked import render_blocked_push
    from ..sweep.run import sweep

    try:
        repository = open_repository(".")
    except RepositoryError as error:
        raise InputError(str(error)) from error
    starts = push_range(repository, remote, sys.stdin.read().splitlines())
    if not starts:
        raise SystemExit(EXIT_CLEAN)
    from .sweep import project_acceptance

    config, baseline = project_acceptance(repository.work_tree, quiet=True)
    try:
        result = sweep(repository, refs=starts, config=config, baseline=baseline)
    except GitError as error:
        raise InputError(f"cannot read {repository.display}: {error.message}") from error
    from ...plugins.detection.findings import fails_run

    findings = [key.to_json() for key in result.keys]
    if not any(fails_run(f, ignore_testnet) for f in findings):
        raise SystemExit(EXIT_CLEAN)
    from ..sweep.cleanup_plan import checkout_of, lives_in, stale_remotes

    checkout = checkout_of(repository)
    stale = stale_remotes(repository, result.keys, checkout)
    if stale:
        # A clone behind a cleaned remote: the values are old history, not new commits.
        from ..reports import cleanup_text as cleanup
        from ..reports.blocked import render_stale_push

        for key, finding in zip(result.keys, findings):
            gone = stale.get(key.finding.fingerprint)
            finding["lives_in"] = lives_in(key, checkout, repository, gone)
            finding["pushed_status"] = cleanup.pushed_status(finding)
            finding["cleanup"] = cleanup.places(finding)
        click.echo(render_stale_push(findings, remote, ignore_testnet), nl=False)
        raise SystemExit(EXIT_FOUND)
    tips = [start for start in starts if not start.startswith("^")]
    click.echo(render_blocked_push(findings, remote, tips, ignore_testnet), nl=False)
    raise SystemExit(EXIT_FOUND)
