"""`binance-secrets sweep` of many repositories: paths swept in place, URLs cloned first.

Each repository is swept by its own `binance-secrets sweep` process (a crash or a huge
history in one cannot take the others down, and memory is bounded per process), ``--jobs``
of them at once; the JSON reports they write are merged into one
(:mod:`binance_secrets.hooks.scanning.merge`), so the output is exactly what `merge` gives
for the same reports. A repository that cannot be swept (missing, not a repository,
corrupt, clone refused) is recorded with its reason, and the others go on.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass

import click

from ..errors import InputError

MAX_REPOS_FILE_BYTES = 16 * 1024 * 1024


@dataclass
class Target:
    """One repository to sweep: as the user named it, and where it is swept."""

    name: str  # path or URL as given (a URL's credentials masked)
    given: str
    url: bool
    report: str = ""
    clone: str | None = None
    error: str | None = None


def is_many(repos: tuple[str, ...], repos_file: str | None, keep_clones: str | None) -> bool:
    """Whether a sweep's arguments ask for the multi-repository sweep: more than one
    repository, a --repos file, --keep-clones, or a URL. One path is the one-repository
    sweep, unchanged (its --jobs still counts git processes)."""
    from ..git.clone import looks_like_url

    return (
        len(repos) > 1
        or repos_file is not None
        or keep_clones is not None
        or any(map(looks_like_url, repos))
    )


def from_options(
    repos: tuple[str, ...],
    repos_file: str | None,
    keep_clones: str | None,
    *,
    reachable_only: bool,
    since: str | None,
    refs: tuple[str, ...],
    fmt: str,
    output: str | None,
    max_file_size: int,
    jobs: int | None,
    quiet: bool,
    replacements: str | None,
    ignore_testnet: bool,
    verify: bool,
    verbose: bool = False,
) -> int:
    """The multi-repository sweep from `sweep`'s options; its exit code."""
    from .options import parse_date

    for given, name, instead in (
        (refs, "--ref/--range", "sweep one repository at a time to choose its commits"),
        (replacements, "--replacements", "run it on each repository you rewrite"),
        (verify, "--verify", "check the merged report: `binance-secrets check --report FILE`"),
        (
            fmt == "markdown",
            "--format markdown",
            "the incident write-up is one repository's: sweep each one on its own",
        ),
    ):
        if given:
            raise InputError(f"{name} applies to one repository, not several; {instead}")
    since_iso = parse_date(since, "--since")
    given_targets = list(repos) + (read_repos_file(repos_file) if repos_file else [])
    scope = ["--max-file-size", str(max_file_size)]
    scope += ["--reachable-only"] if reachable_only else []
    scope += ["--since", since] if since else []
    return sweep_many(
        given_targets,
        scope=scope,
        jobs=jobs,
        keep_clones=keep_clones,
        quiet=quiet,
        fmt=fmt,
        output=output,
        ignore_testnet=ignore_testnet,
        scope_json={"refs": "all", "since": since_iso, "reachable_only": reachable_only},
        verbose=verbose,
    )


def read_repos_file(path: str) -> list[str]:
    """The targets of a ``--repos`` file: one path or URL a line; blank lines and lines
    starting with ``#`` are skipped."""
    from ..bounded import ReadRefused, read_regular_file

    try:
        text = read_regular_file(path, MAX_REPOS_FILE_BYTES).decode("utf-8")
    except ReadRefused as error:
        raise InputError(f"cannot read --repos {path}: it {error}; give a text file") from error
    except UnicodeDecodeError as error:
        raise InputError(f"--repos {path} is not UTF-8 text; one path or URL a line") from error
    return [
        line.strip()
        for line in text.splitlines()
        if line.strip() and not line.strip().startswith("#")
    ]


def targets_of(given: list[str]) -> list[Target]:
    """Each target once, in the order given: a URL by its name, a path resolved."""
    from ...plugins.detection.redaction import redact_url_credentials
    from ..git.clone import looks_like_url

    targets: dict[str, Target] = {}
    for item in given:
        if "\0" in item or "\n" in item:
            raise InputError("a repository path or URL holds a NUL or line break; remove it")
        if looks_like_url(item):
            target = Target(redact_url_credentials(item), item, url=True)
        else:
            target = Target(os.path.abspath(item), item, url=False)
        targets.setdefault(target.name, target)
    return list(targets.values())


def sweep_many(
    given: list[str],
    *,
    scope: list[str],
    jobs: int | None,
    keep_clones: str | None,
    quiet: bool,
    fmt: str,
    output: str | None,
    ignore_testnet: bool,
    scope_json: dict[str, object],
    verbose: bool = False,
) -> int:
    """Sweep every target, write the one report, return the exit code: 1 when a value
    fails, else 2 when a repository could not be swept, else 0. ``verbose``: the text
    lists each repository's ignored values, as one repository's sweep -v does."""
    from ..reports.org_report import rendering
    from ..reports.sanitize import redact_strings
    from ..scanning.merge import MergeError, Merger
    from .merge import exit_code, write_report

    targets = targets_of(given)
    if not targets:
        raise InputError("no repositories to sweep: give paths or URLs, or --repos FILE")
    cores = os.cpu_count() or 1
    jobs = min(jobs or cores, len(targets))
    per_sweep = max(1, cores // jobs)
    if keep_clones is not None:
        try:
            os.makedirs(keep_clones, exist_ok=True)
        except OSError as error:
            raise InputError(
                f"--keep-clones {keep_clones}: cannot make that directory "
                f"({error.strerror or error}); name a directory the clones can be kept in"
            ) from error
    with tempfile.TemporaryDirectory(prefix="binance-secrets-sweep-") as scratch:
        progress = _Progress(len(targets), quiet)

        def one(number: int, target: Target) -> None:
            target.report = os.path.join(scratch, f"{number}.json")
            _sweep_one(target, scratch, number, keep_clones, scope, per_sweep)
            progress.done(target)

        _run_all(targets, jobs, one)
        progress.finish()
        merger = Merger(redact_strings, ignore_testnet, rendering(fmt, ignore_testnet, verbose))
        with merger:
            for target in targets:
                if target.error is not None:
                    merger.failed(target.name, target.error)
                    continue
                try:
                    merger.add_file(target.report, repository=target.name, clone=target.clone)
                except MergeError as error:  # a sweep's own report: should never happen
                    merger.failed(target.name, f"its report could not be read: {error}")
            extra = {"scope": scope_json}
            write_report(merger, fmt, output, ignore_testnet, extra, quiet, verbose)
            return exit_code(merger)


def _sweep_one(
    target: Target,
    scratch: str,
    number: int,
    keep_clones: str | None,
    scope: list[str],
    per_sweep: int,
) -> None:
    """Clone (a URL), sweep into ``target.report`` and remove the clone unless kept;
    a failure is recorded in ``target.error``, never raised."""
    from ...plugins.detection.redaction import redact_url_credentials
    from ..git.clone import CloneError, clone_bare

    path = target.given
    if target.url:
        parent = keep_clones if keep_clones is not None else scratch
        path = os.path.join(os.path.abspath(parent), _clone_name(target.given, number))
        if os.path.lexists(path):
            target.error = f"--keep-clones: {path} already exists; remove it or choose another DIR"
            return
        try:
            clone_bare(target.given, path)
        except CloneError as error:
            target.error = redact_url_credentials(str(error))
            return
        if keep_clones is not None:
            target.clone = path
    try:
        target.error = _sweep_process(path, target.report, scope, per_sweep)
    finally:
        if target.url and keep_clones is None:
            shutil.rmtree(path, ignore_errors=True)


def _sweep_process(path: str, report: str, scope: list[str], per_sweep: int) -> str | None:
    """Run one repository's sweep in its own process; its error line, or None."""
    if not os.path.isdir(path):
        return "no such directory" if not os.path.exists(path) else "not a directory"
    from .self_command import self_command

    command = self_command(
        sys.executable, "sweep", "--quiet", "--format", "json", "--output", report,
        "--jobs", str(per_sweep), *scope, "--", path,
    )  # fmt: skip
    done = subprocess.run(
        command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    if done.returncode in (0, 1) and os.path.isfile(report):
        return None
    lines = [line for line in done.stderr.decode("utf-8", "replace").splitlines() if line.strip()]
    reason = lines[-1] if lines else f"the sweep exited {done.returncode}"
    for prefix in ("Error: ", "binance-secrets: "):
        reason = reason.removeprefix(prefix)
    from ...plugins.detection.redaction import redact_url_credentials

    return redact_url_credentials(reason)


def _clone_name(url: str, number: int) -> str:
    """A directory name for a clone: the URL's last part (of its path: never its
    credentials or query), made safe, and its position."""
    from ...plugins.detection.redaction import url_without_credentials

    url = url_without_credentials(url)
    tail = re.sub(r"\.git$", "", url.rstrip("/").rsplit("/", 1)[-1].rsplit(":", 1)[-1])
    safe = re.sub(r"[^A-Za-z0-9._-]", "_", tail).lstrip(".-") or "repository"
    return f"{number:04d}-{safe[:80]}.git"


def _run_all(targets: list[Target], jobs: int, one: Callable[[int, Target], None]) -> None:
    """``one(number, target)`` for every target, ``jobs`` at once (threads that each wait
    on a sweep process)."""
    if jobs <= 1:
        for number, target in enumerate(targets):
            one(number, target)
        return
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(jobs) as pool:
        for future in [pool.submit(one, n, t) for n, t in enumerate(targets)]:
            future.result()


class _Progress:
    """Repositories done / total: a bar on a terminal, a line per repository otherwise."""

    def __init__(self, total: int, quiet: bool) -> None:
        from ..reports.progress import ProgressBar

        self.quiet = quiet
        self.total = total
        self.count = 0
        self.lock = threading.Lock()
        self.bar = ProgressBar("sweep", "repositories", enabled=None if not quiet else False)
        self.bar.start(total)

    def done(self, target: Target) -> None:
        from ..reports.sanitize import printable

        with self.lock:
            self.count += 1
            if self.quiet:
                return
            if self.bar.enabled:
                self.bar.advance(1)
                return
            outcome = "swept" if target.error is None else f"not swept: {target.error}"
            click.echo(
                f"[{self.count}/{self.total}] {printable(target.name)}: {printable(outcome)}",
                err=True,
            )

    def finish(self) -> None:
        self.bar.finish()
