"""`binance-secrets pre-receive`: what the server-side pre-receive hook runs.

git runs a pre-receive hook on the server once per push, before any ref is updated, with
one line per ref on standard input: ``<old sha> <new sha> <ref name>``
(https://git-scm.com/docs/githooks#pre-receive). A non-zero exit rejects the whole push.

The commits a push brings are the new shas minus everything any ref already reaches
(``git rev-list NEW... --not --all``): a deletion brings none, and a new branch or tag at
commits the server has brings none, so both are answered after one ``rev-list`` without
reading any content. The pushed objects sit in git's quarantine directory until the hook
accepts them (``GIT_QUARANTINE_PATH``, with ``GIT_OBJECT_DIRECTORY`` and
``GIT_ALTERNATE_OBJECT_DIRECTORIES`` pointing git at them and at the repository's own
objects); every git command here inherits that environment, so it reads them.

The repository's ``.binance-secrets.toml`` is read from its default branch as it was BEFORE
the push: its excluded paths are not read and the values it ignores do not reject the push.
A pushed config is never what judges its own push (a push adding ``exclude = ["**"]`` or an
ignore entry for its own key beside the key would pass); it is checked, and once accepted it
judges the pushes after it.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from ..errors import EXIT_CLEAN, EXIT_FOUND, InputError
from .options import ignore_testnet_option

if TYPE_CHECKING:
    from ..git.repo import Repository
    from ..scanning.project_config import ProjectConfig

# What git's input may hold (each ref's line is about 100 bytes, a ref name at most a few
# KB): a push naming more is rejected whole, never judged on the refs read so far, or the
# refs past the cut (and the commits only they bring) would go through unread.
MAX_INPUT_BYTES = 16 * 1024 * 1024
# The walk's starts go on git's command lines: the pushed tips, and the known commits the
# pushed ones stand on (never every ref of the server: a GitLab project's keep-around and
# merge-request refs run to hundreds of thousands, past the system's argument limit, and
# every push was rejected with "Argument list too long"). Past this many a push is
# rejected whole, with what to do.
MAX_STARTS = 20_000


def pushed_tips(lines: list[str]) -> tuple[list[str], list[str], dict[str, str]]:
    """The new commits' tips (deletions left out), the refs they update, and each updated
    ref's new sha, from git's ``old new ref`` lines; a line that is not that shape is
    ignored, never passed on."""
    from ..git.repo import is_object_id

    tips: list[str] = []
    refs: list[str] = []
    updates: dict[str, str] = {}
    for line in lines:
        parts = line.split(" ", 2)
        if len(parts) != 3 or not (is_object_id(parts[0]) and is_object_id(parts[1])):
            continue
        updates[parts[2]] = parts[1]
        if not parts[1].strip("0"):
            continue  # a deletion brings no commit
        tips.append(parts[1])
        refs.append(parts[2])
    return list(dict.fromkeys(tips)), refs, updates


def tag_tips(repository: Repository, named: dict[str, str]) -> dict[str, str]:
    """Those of the pushed tips (``named``: id -> the ref pushed) that are annotated tag
    objects, from one ``cat-file --batch-check``."""
    listing = repository.run(
        "cat-file", "--batch-check", input="".join(f"{sha}\n" for sha in named).encode()
    ).decode("utf-8", "replace")
    kinds = dict(line.split(" ", 2)[:2] for line in listing.splitlines() if line.count(" ") >= 2)
    return {sha: ref for sha, ref in named.items() if kinds.get(sha) == "tag"}


def project_config(repository: Repository, updates: dict[str, str]) -> ProjectConfig:
    """The project config that judges this push: ``.binance-secrets.toml`` (else
    ``[tool.binance-secrets]`` in ``pyproject.toml``) of the default branch's tip before the
    push, read from git's objects within the config's bound.

    The pushed tip's config (when the push updates the default branch) is only checked: a
    malformed one rejects the push with its one-line reason (exit 2), so the config the
    server keeps stays usable. A server config that cannot be used (committed before the
    hook was installed, or by an older binance-secrets) judges nothing: the push is judged
    with no config, the strictest, and a one-line warning says so, so the push that fixes
    it can still land."""
    from ..scanning.project_config import NO_CONFIG, ConfigError, committed_project_config

    branch = repository.run("symbolic-ref", "-q", "HEAD", check=False).decode().strip()
    if not branch:
        return NO_CONFIG
    tip = _commit_of(repository, branch)
    pushed = updates.get(branch, "").strip("0") and updates[branch]
    before = _config_blobs(repository, tip) if tip else None
    if pushed and _config_blobs(repository, pushed) != before:
        try:
            committed_project_config(repository, pushed, f"as pushed to {branch}")
        except ConfigError as error:
            raise InputError(str(error)) from error
    if tip is None:
        return NO_CONFIG  # an unborn default branch: nothing was accepted yet
    try:
        return committed_project_config(repository, tip, f"on {branch}")
    except ConfigError as error:
        from ..reports.sanitize import printable

        click.echo(
            f"binance-secrets: warning: {printable(error)}; this push is judged without it "
            f"(no path excluded, no value ignored) until {branch} holds one that can be used",
            err=True,
        )
        return NO_CONFIG


def _config_blobs(repository: Repository, commit: str) -> list[str]:
    """What ``commit``'s tree holds at the config files' names (one ``cat-file
    --batch-check``: an id and type each, or "missing"), to tell whether a push changes
    them."""
    from ..scanning.project_config import CONFIG_NAME, PYPROJECT_NAME

    names = "".join(f"{commit}:{name}\n" for name in (CONFIG_NAME, PYPROJECT_NAME))
    done = repository.run("cat-file", "--batch-check", input=names.encode(), check=False)
    return [
        line.split(" ", 1)[0] if " blob " in line else line.rsplit(" ", 1)[-1]
        for line in done.decode("utf-8", "replace").splitlines()
    ]


def _commit_of(repository: Repository, ref: str) -> str | None:
    """The commit ``ref`` names on the server now (the push has not moved it yet)."""
    from ..git.repo import is_object_id

    tip = repository.run(
        "rev-parse", "-q", "--verify", "--end-of-options", f"{ref}^{{commit}}", check=False
    ).decode().strip()  # fmt: skip
    return tip if is_object_id(tip) else None


def too_many_starts(count: int) -> str:
    return (
        f"this push brings {count} tips to judge, more than binance-secrets judges at once "
        f"({MAX_STARTS}); push the refs in smaller groups"
    )


def walk_starts(repository: Repository, tips: list[str], brought: bool) -> list[str]:
    """What the sweep walks: the pushed tips, minus the known commits the brought ones
    stand on (``rev-list --boundary``: the same commits as ``--not --all``, named by the
    few parents the push builds on instead of every ref the server has). A push that
    brings no commit walks none (each tip minus itself)."""
    boundary = tips
    if brought:
        listing = repository.lines("rev-list", "--boundary", *tips, "--not", "--all", "--")
        boundary = [line[1:] for line in listing if line.startswith("-")]
    starts = [*tips, *(f"^{sha}" for sha in dict.fromkeys(boundary))]
    if len(starts) > MAX_STARTS:
        raise InputError(too_many_starts(len(starts)))
    return starts


@click.command("pre-receive")
@ignore_testnet_option
def pre_receive(ignore_testnet: bool) -> None:
    """Reject a push whose new commits hold a Binance credential (git's pre-receive hook
    input on stdin; run in the server's repository).

    Exit 0: nothing found, the push goes on; 1: found, the push is rejected; 2: usage or
    input error (which also rejects it).
    """
    from ..git.repo import GitError, RepositoryError, open_repository

    given = sys.stdin.read(MAX_INPUT_BYTES + 1)
    if len(given) > MAX_INPUT_BYTES:
        raise InputError(
            f"this push names more refs than binance-secrets judges at once (over "
            f"{MAX_INPUT_BYTES // (1024 * 1024)} MiB of ref lines); push the refs in smaller groups"
        )
    tips, refs, updates = pushed_tips(given.splitlines())
    if not tips:
        raise SystemExit(EXIT_CLEAN)
    if len(tips) > MAX_STARTS:
        raise InputError(too_many_starts(len(tips)))
    try:
        repository = open_repository(".")
    except RepositoryError as error:
        raise InputError(str(error)) from error
    from ..scanning.ref_objects import non_commit_targets

    try:
        # What the push brings, if anything: one walk, stopped at the first commit.
        brought = repository.run("rev-list", "-n", "1", *tips, "--not", "--all", "--")
        # An annotated tag brings its own message, even at a commit the server has.
        named = {sha: ref for ref, sha in updates.items() if sha.strip("0")}
        tagged = tag_tips(repository, named) if not brought.strip() else {}
        # A ref may name a blob or a tree (a tag of a file): content no commit holds.
        objects = non_commit_targets(repository, named)
    except GitError as error:
        raise InputError(f"cannot read the pushed commits: {error.message}") from error
    if not brought.strip() and not tagged and not objects:
        raise SystemExit(EXIT_CLEAN)
    # A ref at an object some ref already names brings nothing new to the server.
    listing = repository.lines("for-each-ref", "--format=%(objectname)", check=False)
    known_ids = {line for line in listing if line}
    objects = {ref: target for ref, target in objects.items() if updates[ref] not in known_ids}
    from ..scanning.limits import DEFAULT_MAX_FILE_BYTES
    from ..scanning.ref_objects import scan_ref_objects
    from ..sweep.run import sweep
    from ..sweep.tags import new_tag_objects

    config = project_config(repository, updates)
    findings: list[dict[str, object]] = []
    try:
        starts = walk_starts(repository, tips, bool(brought.strip()))
        if brought.strip() or tagged:
            too_deep: list[dict[str, str]] = []
            tags = new_tag_objects(
                repository, named, known_ids, DEFAULT_MAX_FILE_BYTES, too_deep
            )
            if too_deep:
                from ..reports.sanitize import printable

                raise InputError(
                    f"{printable(too_deep[0]['reason'])}; push refused, as a tag it does "
                    "not read could hold a key"
                )
            result = sweep(repository, refs=starts, config=config, tags=tags)
            findings = [key.to_json() for key in result.keys]
        if objects:
            held = scan_ref_objects(repository, objects, DEFAULT_MAX_FILE_BYTES, config)
            findings += [
                {**finding, "ref": str(finding["path"]).split(":", 1)[0]}
                for finding in held.findings_json()
            ]
    except GitError as error:
        raise InputError(f"cannot read the pushed commits: {error.message}") from error
    from ...plugins.detection.findings import fails_run

    if not any(fails_run(f, ignore_testnet) for f in findings):
        raise SystemExit(EXIT_CLEAN)
    from ..reports.blocked import render_blocked_receive

    click.echo(render_blocked_receive(findings, refs, ignore_testnet), err=True, nl=False)
    raise SystemExit(EXIT_FOUND)
