"""Create or update a detect-secrets baseline that plain detect-secrets can use as is.

Three things make a baseline that holds up outside this machine (detect-secrets 1.5 source,
``detect_secrets/core/plugins/util.py``, ``settings.py``, ``core/usage/common.py``):

- Plugin reference. detect-secrets stores a custom plugin as ``file://<absolute path>``
  and imports that file on every run, so a baseline made in one virtualenv breaks after a
  reinstall and on any other machine. It strips ``file://`` and opens the rest relative to
  the working directory, so we record ``file://.binance_secrets_plugins.py``: a small shim
  committed next to the baseline (pre-commit and CI run at the repository root) that
  imports our plugin classes from whatever binance-secrets is installed, and says clearly
  what to do when none is.
- Filters. Loading a baseline replaces detect-secrets' filters with the two defaults plus
  the baseline's ``filters_used``. Leaving ``is_indirect_reference`` out of that list is how
  ``Client("KEY", "SECRET")`` lines stay visible to plain ``detect-secrets-hook``.
- Audit. ``detect-secrets audit`` builds its secret-type -> plugin table while parsing
  arguments, before it reads the baseline, and caches it, so no custom plugin's type is
  ever in it (KeyError 'Binance API Key'; Yelp/detect-secrets issue 611, open).
  :func:`run_audit` registers our classes in that cached table first, then runs
  detect-secrets' own audit.

detect-secrets itself does the scanning (its CLI, in-process), so the result is exactly
the baseline format and update semantics (labels kept) its users know.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import stat
from collections.abc import Callable, Iterator
from types import ModuleType
from typing import Any

from ..bounded import ReadRefused, read_regular_file

# The same bound and checks as scan --baseline: /dev/zero ends in a refusal, and so does
# anything validate would not run.
from .load import (
    MAX_BASELINE_BYTES,
    BaselineError,
    load_baseline,
)
from .validate import PLUGIN_CLASSES, SHIM_NAME, SHIM_PATH, check_audit_types

__all__ = ["PLUGIN_CLASSES", "SHIM_NAME", "SHIM_PATH"]  # re-exported for the commands

DEFAULT_BASELINE = ".secrets.baseline"
INDIRECT_REFERENCE = "detect_secrets.filters.heuristic.is_indirect_reference"
SHIM_TEXT = f'''"""Binance credential detectors for detect-secrets, from `binance-secrets baseline`.

.secrets.baseline names this file in plugins_used as {SHIM_PATH}, a path relative
to the repository root, so the baseline works wherever binance-secrets is installed:
in CI, on another machine, or in Yelp's detect-secrets pre-commit hook with
binance-secrets in additional_dependencies. Commit it next to the baseline.
"""

try:
    from binance_secrets.plugins.binance_detector import (  # noqa: F401
        {", ".join(PLUGIN_CLASSES)},
    )
except ImportError as error:  # say what to do, instead of a ModuleNotFoundError traceback
    raise SystemExit(
        "{SHIM_NAME}: binance-secrets is not installed in this environment ("
        + str(error)
        + "). Install it (pip install git+<binance-secrets repository URL>), or in "
        "the detect-secrets pre-commit hook add it to additional_dependencies."
    ) from None
'''


class BaselineWriteError(Exception):
    """The baseline cannot be written; the message says what to do."""


def write_shim(directory: str) -> tuple[str, bool]:
    """Write the shim into ``directory`` unless it is already there; (path, written)."""
    path = os.path.join(directory, SHIM_NAME)
    if _is_regular_file(path, "remove it and run again"):
        try:
            if read_regular_file(path, len(SHIM_TEXT) * 4).decode("utf-8", "replace") == SHIM_TEXT:
                return path, False
        except ReadRefused:
            pass
    _write(path, SHIM_TEXT, "run this at the repository root")
    return path, True


def _is_regular_file(path: str, hint: str) -> bool:
    """Whether ``path`` exists; BaselineWriteError if it is a symlink, FIFO, device or
    directory. A cloned repository may hold ``.binance_secrets_plugins.py`` or
    ``.secrets.baseline`` as a symlink to ``~/.bashrc`` (written through, it would be
    overwritten) or to ``/dev/zero`` (read forever)."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return False
    except OSError as error:
        raise BaselineWriteError(f"cannot use {path}: {error.strerror}; {hint}") from error
    if stat.S_ISLNK(mode):
        raise BaselineWriteError(f"{path} is a symlink (not followed); {hint}")
    if not stat.S_ISREG(mode):
        raise BaselineWriteError(
            f"{path} is not a regular file (a directory, FIFO or device); {hint}"
        )
    return True


def check_baseline_file(path: str, audit: bool = False) -> None:
    """A baseline about to be handed to detect-secrets (``audit``, an update): a regular file
    of a sane size that validate accepts, and for ``audit`` one whose every entry's type a
    plugin reports (validate.check_audit_types); BaselineWriteError with what to do
    otherwise."""
    try:
        load_baseline(path, for_detect_secrets=True)
        if audit:
            check_audit_types(_load(path), path)
    except BaselineError as error:
        raise BaselineWriteError(str(error)) from error


def _write(path: str, text: str, hint: str) -> None:
    """Write without following a symlink or waiting on a FIFO (one may appear after
    :func:`_is_regular_file` looked)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW | os.O_NONBLOCK
    try:
        fd = os.open(path, flags | getattr(os, "O_CLOEXEC", 0), 0o644)
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise OSError(0, "not a regular file")
            os.set_blocking(fd, True)
            with os.fdopen(fd, "w", encoding="utf-8", closefd=False) as handle:
                handle.write(text)
        finally:
            os.close(fd)
    except OSError as error:
        raise BaselineWriteError(f"cannot write {path}: {error.strerror}; {hint}") from error


def _tracked_files(root: str) -> set[str]:
    """What detect-secrets' ``util.git.get_tracked_files`` returns, from NUL-separated
    ``git ls-files -z``. detect-secrets splits plain ``git ls-files`` at line ends, and git
    quotes every name with a quote, backslash or control character in it (``"say
    \\"hi\\".py"``, ``"two\\nlines.py"``; non-ASCII too unless core.quotePath=false): it
    then opened no such file and recorded nothing for it, so a baselined value there still
    failed every scan. Names are decoded as Python decodes file names (surrogateescape), so
    even a non-UTF-8 name opens."""
    import subprocess

    from detect_secrets.util.path import get_relative_path

    from ..git.invocation import git_at, git_environment

    try:
        listed = subprocess.run(
            git_at(root, "ls-files", "-z"),
            stdin=subprocess.DEVNULL,
            capture_output=True,
            check=True,
            env=git_environment(),
        ).stdout
    except subprocess.CalledProcessError:
        return set()
    found = set()
    for name in listed.split(b"\0"):
        if name:
            path = get_relative_path(root, os.path.join(root, os.fsdecode(name)))
            if path:
                found.add(path)
    return found


def _root_directory(path: str = "") -> str:
    """What detect-secrets' ``util.git.get_root_directory`` returns, asked of git hardened
    like every other git command (hooks.git.invocation): detect-secrets runs plain ``git``,
    which would start the repository's core.fsmonitor program, among others."""
    import subprocess

    from ..git.invocation import git_at, git_environment

    command = git_at(path or ".", "rev-parse", "--show-toplevel")
    return subprocess.check_output(command, env=git_environment()).decode("utf-8").strip()


@contextlib.contextmanager
def _git_names_whole() -> Iterator[None]:
    """detect-secrets' git questions answered by :func:`_tracked_files` and
    :func:`_root_directory` while it runs in this process (its scan looks the functions up
    on ``detect_secrets.util.git`` at each call), and put back afterwards."""
    from detect_secrets.util import git

    originals = git.get_tracked_files, git.get_root_directory
    git.get_tracked_files, git.get_root_directory = _tracked_files, _root_directory
    try:
        yield
    finally:
        git.get_tracked_files, git.get_root_directory = originals


def _detect_secrets(our_plugins: ModuleType, *argv: str) -> str:
    """detect-secrets' own CLI, in this process (confined: no foreign code, linear regexes);
    its standard output."""
    from detect_secrets.main import main

    from .confine import confined

    out = io.StringIO()
    try:
        with contextlib.redirect_stdout(out), _git_names_whole(), confined(our_plugins):
            code = main(list(argv))
    except BaselineError as error:
        raise BaselineWriteError(str(error)) from error
    if code:
        raise BaselineWriteError(f"detect-secrets {argv[0]} failed (exit {code})")
    return out.getvalue()


def _portable(data: dict[str, Any]) -> dict[str, Any]:
    """Our plugins by the shim's relative path; no is_indirect_reference filter."""
    plugins = [
        plugin
        for plugin in data.get("plugins_used") or []
        if isinstance(plugin, dict) and plugin.get("name") not in PLUGIN_CLASSES
    ]
    plugins += [{"name": name, "path": SHIM_PATH} for name in PLUGIN_CLASSES]
    data["plugins_used"] = sorted(plugins, key=lambda plugin: str(plugin.get("name")))
    data["filters_used"] = [
        item
        for item in data.get("filters_used") or []
        if isinstance(item, dict) and item.get("path") != INDIRECT_REFERENCE
    ]
    return data


def _load(path: str, hint: str = "move it away to create a new one") -> dict[str, Any]:
    try:
        data = json.loads(read_regular_file(path, MAX_BASELINE_BYTES).decode("utf-8"))
    except (ReadRefused, ValueError, RecursionError) as error:
        raise BaselineWriteError(
            f"cannot read {path} as a detect-secrets baseline ({error}); {hint}"
        ) from error
    if not isinstance(data, dict) or not isinstance(data.get("results"), dict):
        raise BaselineWriteError(f"{path} is not a detect-secrets baseline (no results); {hint}")
    return data


def _save(path: str, data: dict[str, Any]) -> None:
    _write(path, json.dumps(data, indent=2) + "\n", "choose a writable --output path")


def _at_repository_root(directory: str) -> None:
    """The shim's recorded path is relative to where detect-secrets runs: the top of the
    work tree under pre-commit and in CI. Outside a git work tree there is nothing to
    baseline: detect-secrets records only the files git tracks, so it would write a
    baseline of no secrets and call that done."""
    import subprocess

    from ..git.invocation import git_at, git_environment

    done = subprocess.run(
        git_at(directory, "rev-parse", "--show-toplevel"),
        capture_output=True,
        text=True,
        check=False,
        env=git_environment(),
    )
    top = done.stdout.strip()
    if done.returncode != 0 or not top:
        raise BaselineWriteError(
            f"{directory} is not in a git work tree: a baseline records the files git tracks "
            "(here, none); run binance-secrets baseline at the top of your repository"
        )
    if not os.path.samefile(top, directory):
        raise BaselineWriteError(
            f"run binance-secrets baseline at the repository root ({top}): detect-secrets "
            "and pre-commit run there and find the plugins relative to it"
        )


def write_baseline(path: str, our_plugins: ModuleType) -> tuple[bool, int, int]:
    """Create ``path`` (every detect-secrets plugin plus ours) or update it in place.

    An update keeps the baseline's plugins, filters and audit labels (detect-secrets'
    ``scan --baseline`` semantics) and makes our plugin entries portable. Nothing is
    verified: writing a baseline never sends a key anywhere. ``our_plugins`` is the installed
    plugins/binance_detector.py, the only plugin code detect-secrets gets to run. Returns
    (created, results, how many of them are our plugins').
    """
    _at_repository_root(os.getcwd())
    created = not _is_regular_file(path, "give --output a regular file")
    write_shim(os.getcwd())
    if created:
        data = json.loads(
            _detect_secrets(
                our_plugins,
                "scan",
                "--plugin",
                SHIM_NAME,
                "--disable-filter",
                INDIRECT_REFERENCE,
                "--no-verify",
            )
        )
        _save(path, _portable(data))
    else:
        check_baseline_file(path)
        _save(path, _portable(_load(path)))
        _detect_secrets(our_plugins, "scan", "--baseline", path, "--no-verify")
        _save(path, _portable(_load(path)))
    results = _load(path)["results"]
    entries = [
        entry
        for items in results.values()
        if isinstance(items, list)
        for entry in items
        if isinstance(entry, dict)
    ]
    ours = sum(1 for entry in entries if str(entry.get("type", "")).startswith("Binance "))
    return created, len(entries), ours


def run_audit(argv: list[str], our_plugins: ModuleType, shown: Callable[[str], str]) -> int:
    """detect-secrets' own ``audit`` with our plugin classes registered first, confined as
    :func:`_detect_secrets` is, inside :func:`_audit_reads`."""
    from detect_secrets.core.plugins import initialize
    from detect_secrets.main import main

    from .confine import confined

    try:
        with confined(our_plugins), _audit_reads(shown):
            initialize.from_file(our_plugins.__file__ or "")
            return int(main(["audit", *argv]) or 0)
    except BaselineError as error:
        raise BaselineWriteError(str(error)) from error


@contextlib.contextmanager
def _audit_reads(shown: Callable[[str], str]) -> Iterator[None]:
    """detect-secrets' audit, for the duration, showing each line of code through ``shown``
    (the one sanitizer, handed down by the command: it prints a file's lines as they are,
    and a repository's file is hostile: terminal escapes, bidi overrides), and saying which
    file is not UTF-8 text in one line (it raised a bare UnicodeDecodeError)."""
    import detect_secrets.audit.audit as audit_module
    import detect_secrets.audit.common as common

    snippet_of = audit_module.get_code_snippet
    opened = common.LineGetter.open_file

    def get_code_snippet(lines: list[str], line_number: int, lines_of_context: int = 5) -> Any:
        snippet = snippet_of(lines, line_number, lines_of_context)
        snippet.lines = [shown(line) for line in snippet.lines]
        return snippet

    @contextlib.contextmanager
    def open_file(getter: Any) -> Iterator[Any]:
        with opened(getter) as handle:
            try:
                yield handle
            except UnicodeDecodeError as error:
                raise BaselineError(
                    f"`results` names {getter.filename}, which is not UTF-8 text (byte "
                    f"{error.start}); detect-secrets cannot audit it: remove its entries"
                ) from None

    audit_module.get_code_snippet = get_code_snippet
    common.LineGetter.open_file = open_file  # type: ignore[method-assign,assignment]
    try:
        yield
    finally:
        audit_module.get_code_snippet = snippet_of
        common.LineGetter.open_file = opened  # type: ignore[method-assign]
