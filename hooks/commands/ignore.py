"""`binance-secrets ignore`: accept a known finding once, in the project config.

Appends an ``[[ignore]]`` entry to ``.binance-secrets.toml`` at the repository's top
(creating it), or to the ``[tool.binance-secrets]`` table of ``pyproject.toml`` when that
is where the project keeps its config. The file's existing text is kept byte for byte: the
entry is appended, and the result is parsed again before it is written, so a file this
command cannot extend safely (an inline ``ignore = [...]`` array) is refused, not broken.
"""

from __future__ import annotations

import os
import tempfile

import click

from ..errors import InputError
from .options import parse_date


def toml_string(text: str) -> str:
    """``text`` as a TOML basic string: quotes, backslashes and control characters escaped."""
    out = ['"']
    for char in text:
        if char in '"\\':
            out.append("\\" + char)
        elif char == "\n":
            out.append("\\n")
        elif char == "\t":
            out.append("\\t")
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    out.append('"')
    return "".join(out)


@click.command("ignore")
@click.argument("fingerprint")
@click.option("--reason", required=True, help="Why the value is accepted (required).")
@click.option("--path", "path_glob", help="Only at this path (a glob, from the repository top).")
@click.option("--until", help="Void after this date (YYYY-MM-DD): the finding fails again.")
def ignore(fingerprint: str, reason: str, path_glob: str | None, until: str | None) -> None:
    """Accept FINGERPRINT (sha256:..., from any report) in .binance-secrets.toml.

    A shortened fingerprint (at least 12 hex digits) is completed from the values found in
    the work tree, when exactly one matches.

    scan, sweep, the hooks, --verify and the CI templates then list the value as ignored,
    with REASON, instead of failing on it. Exit 0: written (or already there); 2: a bad
    fingerprint, an empty reason, or a config that cannot be extended.
    """
    from ..scanning.files import git_toplevel
    from ..scanning.project_config import (
        CONFIG_NAME,
        MAX_CONFIG_BYTES,
        MAX_REASON_CHARS,
        PYPROJECT_NAME,
        PYPROJECT_TABLE,
        ConfigError,
        is_fingerprint,
        load_project_config,
        parse_project_config,
    )

    root = git_toplevel(os.getcwd()) or os.getcwd()
    wanted = fingerprint.strip().lower()
    if not is_fingerprint(wanted):
        wanted = _complete(wanted, root)
    if not reason.strip():
        raise InputError("--reason is empty; say why the value is accepted")
    if len(reason) > MAX_REASON_CHARS:
        raise InputError(f"--reason is longer than {MAX_REASON_CHARS} characters; shorten it")
    if path_glob is not None and (not path_glob.strip("/") or "\0" in path_glob):
        raise InputError("--path is empty; give a path (or glob) from the repository's top")
    until_date = parse_date(until, "--until")

    try:
        config = load_project_config(root)
    except ConfigError as error:
        raise InputError(f"{error}; fix it before adding an entry") from None
    if until_date is not None and until_date[:10] < config.today.isoformat():
        raise InputError(
            f"--until {until} is in the past: the entry would be void at once and accept "
            "nothing; give a later day (YYYY-MM-DD)"
        )
    for entry in config.ignores:
        if (
            entry.fingerprint == wanted
            and entry.path == path_glob
            and not entry.void_on(config.today)
        ):
            click.echo(f"already ignored at {entry.where}; nothing written")
            return

    uses_pyproject = config.source == PYPROJECT_NAME
    name = PYPROJECT_NAME if uses_pyproject else CONFIG_NAME
    table = PYPROJECT_TABLE if uses_pyproject else ()
    target = os.path.join(root, name)
    if os.path.islink(target):
        raise InputError(f"{name} is a symlink; add the entry to the file it points to by hand")
    old = b""
    if os.path.lexists(target):
        from ..bounded import ReadRefused, read_regular_file

        try:
            old = read_regular_file(target, MAX_CONFIG_BYTES)
        except ReadRefused as error:
            raise InputError(f"{name} {error}") from error
    header = "tool.binance-secrets.ignore" if uses_pyproject else "ignore"
    lines = [
        f"[[{header}]]",
        f"fingerprint = {toml_string(wanted)}",
        f"reason = {toml_string(reason.strip())}",
    ]
    if path_glob is not None:
        lines.append(f"path = {toml_string(path_glob)}")
    if until_date is not None:
        lines.append(f"until = {until_date[:10]}")
    separator = b"" if not old else (b"\n" if old.endswith(b"\n") else b"\n\n")
    new = old + separator + ("\n".join(lines) + "\n").encode("utf-8")
    try:
        updated = parse_project_config(new, name, table, root=root)
    except ConfigError as error:
        raise InputError(f"cannot append to {name}: {error}; add the entry by hand") from None
    if len(updated.ignores) != len(config.ignores) + 1:
        raise InputError(f"cannot append to {name} safely; add the entry by hand")
    _write(target, new)
    added = updated.ignores[-1]
    click.echo(f"added {wanted[:19]}... to {added.where}: commit {name} to share it")


# A shortened fingerprint (as a text report may show it) is completed from the values in
# the work tree; shorter than this, it could name too many values to be a choice.
MIN_PREFIX_HEX = 12


def _complete(prefix: str, root: str) -> str:
    """The full fingerprint of the one value in the work tree at ``root`` whose fingerprint
    starts with ``prefix`` (``sha256:`` and at least MIN_PREFIX_HEX hex digits)."""
    from ..scanning.files import SourceError, disk_sources
    from ..scanning.limits import DEFAULT_MAX_FILE_BYTES
    from ..scanning.project_config import FINGERPRINT_PREFIX
    from ..scanning.scanner import scan_sources

    digits = prefix.removeprefix(FINGERPRINT_PREFIX).rstrip(".")
    full_hint = "give the full fingerprint (sha256: and 64 hex digits) from --format json"
    if len(digits) < MIN_PREFIX_HEX or len(digits) > 64 or set(digits) - set("0123456789abcdef"):
        raise InputError(
            f"{prefix!r} is not a fingerprint; give one as a report prints it: sha256: and "
            f"64 hex digits, or at least its first {MIN_PREFIX_HEX} (the text report's)"
        )
    try:
        sources, _ = disk_sources([root], root, False, DEFAULT_MAX_FILE_BYTES)
    except SourceError as error:
        raise InputError(f"cannot read {root} to complete {prefix!r}: {error}") from error
    result = scan_sources(sources, DEFAULT_MAX_FILE_BYTES, cwd=root)
    found = {f.fingerprint for f in result.findings if f.fingerprint[7:].startswith(digits)}
    if len(found) != 1:
        where = "no value in the work tree has" if not found else "several values have"
        raise InputError(
            f"{where} a fingerprint starting with {prefix!r}; {full_hint} "
            "(for a value only in history: binance-secrets sweep --format json)"
        )
    return found.pop()


def _write(target: str, data: bytes) -> None:
    """Replace ``target`` with ``data`` at once (a temporary file renamed over it), keeping
    its permissions; a new file gets the usual 0644 less the umask."""
    directory = os.path.dirname(target)
    try:
        mode = os.stat(target).st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    handle, temporary = tempfile.mkstemp(dir=directory, prefix=".binance-secrets-")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except OSError as error:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise InputError(f"cannot write {target}: {error.strerror or error}") from error
