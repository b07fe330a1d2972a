"""The git filter-repo replacements file ``sweep --replacements FILE`` writes.

git-filter-repo(1), ``--replace-text <expressions_file>``: one expression per line, literal
text by default (``literal:`` says so explicitly), ``regex:`` and ``glob:`` otherwise; a line
ending in ``==>`` and text replaces matches with that text instead of ``***REMOVED***``. The
line is split at its last ``==>``, and each expression is replaced in every blob of every
rewritten commit (git_filter_repo.py, ``get_replace_text`` and ``_tweak_blob``).

Each value becomes ``literal:<value>==>***REMOVED-<type>-sha256:<12 hex>***``: the marker
says what was there and which finding it was (its fingerprint), never the value. The file
has to hold the full values for filter-repo to find them, so it is created mode 600 and
the user is told to delete it once the rewrite is done. An existing file is replaced only
if it is one this module wrote (every line one of its expressions) or with ``force``.
"""

from __future__ import annotations

import os
import re
import secrets
import stat
from collections.abc import Iterable

from ...plugins.detection.findings import Finding
from ...plugins.detection.written_forms import written_forms
from ..errors import InputError

FINGERPRINT_HEX = 12
OURS = re.compile(
    rb"literal:[A-Za-z0-9+/=]+==>\*\*\*REMOVED-binance-[a-z-]+-sha256:[0-9a-f]{%d}\*\*\*"
    % FINGERPRINT_HEX
)


def marker(finding: Finding) -> str:
    """``***REMOVED-binance-api-key-sha256:0123456789ab***``: the type and the fingerprint's
    first 12 hex digits (enough to match a line of the sweep report; not key-shaped, so a
    later sweep does not report the marker itself)."""
    kind = finding.type.lower().replace(" ", "-")
    digest = finding.fingerprint.split(":", 1)[1][:FINGERPRINT_HEX]
    return f"***REMOVED-{kind}-sha256:{digest}***"


def expressions(
    findings: Iterable[Finding], partials: Iterable[tuple[str, Finding]] = ()
) -> list[str]:
    """One ``literal:TEXT==>MARKER`` line per form of each value, each text once; then each
    partial value (the first characters of a value a commit message quotes), with its whole
    value's marker. Partials come last: filter-repo replaces the literals in the file's
    order, so each whole value is replaced before its start could cut it in two."""
    lines: dict[str, str] = {}
    candidates = [(text, f) for f in findings for text in written_forms(f.value)]
    for text, finding in [*candidates, *partials]:
        line = f"literal:{text}==>{marker(finding)}"
        # Only text filter-repo reads back as exactly this literal: one line, no `==>`.
        if OURS.fullmatch(line.encode()):
            lines.setdefault(text, line)
    return list(lines.values())


def is_ours(path: str) -> bool:
    """Whether ``path`` is empty or every line is an expression this module writes."""
    if not os.path.isfile(path):  # a FIFO or device there is "not ours", never a hang
        return False
    with open(path, "rb") as handle:
        data = handle.read(64 * 1024 * 1024)
    return all(OURS.fullmatch(line) for line in data.splitlines() if line)


def write(
    path: str,
    findings: Iterable[Finding],
    force: bool = False,
    partials: Iterable[tuple[str, Finding]] = (),
) -> int:
    """Write the replacements file (mode 600) and return how many expressions it holds.

    Written to a new file in the same directory and renamed over ``path``, so the values
    never sit in a file anyone else can read, not even for a moment. The directory is
    reached as a report's is (:func:`output.open_parent`): never through a symlink below
    the working directory, where a checkout could send the values anywhere."""
    from .output import SymlinkOnTheWay, open_parent

    lines = expressions(findings, partials)
    try:
        directory, name = open_parent(path)
    except SymlinkOnTheWay as error:
        raise InputError(
            f"--replacements {path}: {error} is a symlink (not followed); give a path "
            "without one"
        ) from error
    except OSError as error:
        raise InputError(f"--replacements {path}: {error.strerror}") from error
    try:
        return _write_in(directory, name, path, lines, force)
    finally:
        os.close(directory)


def _write_in(directory: int, name: str, path: str, lines: list[str], force: bool) -> int:
    try:
        info = os.stat(name, dir_fd=directory, follow_symlinks=False)
    except FileNotFoundError:
        info = None
    except OSError as error:
        raise InputError(f"--replacements {path}: {error.strerror}") from error
    if info is not None:
        if not stat.S_ISREG(info.st_mode):
            raise InputError(
                f"--replacements {path}: not a regular file (a link, directory or device); "
                "give the path of a new file"
            )
        if not force and not is_ours(path):
            raise InputError(
                f"--replacements {path}: the file exists and is not a replacements file "
                "binance-secrets wrote; give a new path, or add --force to overwrite it"
            )
    temporary = f".binance-secrets-{secrets.token_hex(8)}"
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)
    try:
        handle = os.open(temporary, flags, 0o600, dir_fd=directory)
    except OSError as error:
        where = os.path.dirname(os.path.abspath(path))
        raise InputError(
            f"--replacements {path}: cannot create a file in {where}: {error.strerror}"
        ) from error
    try:
        with os.fdopen(handle, "w", encoding="ascii") as out:
            out.write("".join(f"{line}\n" for line in lines))
        os.replace(temporary, name, src_dir_fd=directory, dst_dir_fd=directory)
    except OSError as error:
        os.unlink(temporary, dir_fd=directory)
        raise InputError(f"--replacements {path}: cannot write it: {error.strerror}") from error
    return len(lines)


def inside(path: str, directory: str | None) -> bool:
    """Whether ``path`` is inside ``directory`` (the work tree), links resolved."""
    if directory is None:
        return False
    target = os.path.realpath(os.path.abspath(path))
    root = os.path.realpath(directory)
    return os.path.commonpath([target, root]) == root
