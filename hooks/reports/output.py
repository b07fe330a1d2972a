"""Writing a report where the user asked for it, in the format they asked for."""

from __future__ import annotations

import contextlib
import errno
import json
import os
import stat
from collections.abc import Iterator
from typing import Any, Callable, Protocol

import click

from ..errors import InputError

FORMATS = ("text", "json", "sarif")
# sweep alone also writes the incident write-up (hooks/reports/incident.py).
SWEEP_FORMATS = (*FORMATS, "markdown")


def emit(
    fmt: str,
    output: str | None,
    text: Callable[[], str],
    as_json: Callable[[], dict[str, Any]],
    as_sarif: Callable[[], dict[str, Any]] | None = None,
    colour: bool = False,
    summary: Callable[[], str] | None = None,
    markdown: Callable[[dict[str, Any]], str] | None = None,
) -> None:
    """Render once in ``fmt`` and write to ``output`` (a path) or standard output.

    ``colour``: the text carries colour (keep it even through a pipe: ``--color always``).
    ``summary``: the run's verdict in one line, said on standard error when the report went
    to a file, so a CI log still shows what happened. ``markdown``: renders the (redacted)
    JSON report as Markdown."""
    # Imported here: a clean hook run prints nothing and need not load the sanitizer.
    from .sanitize import redact_strings

    if fmt == "json":
        rendered = json.dumps(redact_strings(as_json()), indent=2) + "\n"
    elif fmt == "sarif" and as_sarif is not None:
        rendered = json.dumps(redact_strings(as_sarif()), indent=2) + "\n"
    elif fmt == "markdown" and markdown is not None:
        rendered = markdown(redact_strings(as_json()))  # from the JSON, redacted as it is
    else:
        rendered = text()
    if output is None or output == "-":
        click.echo(rendered, nl=False, color=True if colour else None)
        return
    with writing(output) as handle:
        handle.write(rendered)
    if summary is not None:
        from .sanitize import printable

        click.echo(f"binance-secrets: {printable(summary())} Report: {printable(output)}", err=True)


class SymlinkOnTheWay(Exception):
    """The output path goes through a symlink; the message is that part of the path."""


_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_DIRECTORY = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | _CLOEXEC


def open_output(path: str) -> int:
    """``path`` opened for writing (created, or truncated), never through a symlink that
    the user did not name: the file itself is never one (``O_NOFOLLOW``), nor is any
    directory on its way below the working directory (:func:`open_parent`)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW | _CLOEXEC
    directory, name = open_parent(path)
    try:
        return _open_in(directory, name, path, flags, 0o644)
    finally:
        os.close(directory)


def open_parent(path: str) -> tuple[int, str]:
    """The directory ``path`` is in, opened (a descriptor to close), and the file's name in
    it; never reached through a symlink below the working directory.

    In CI a report is written into a checkout, where a pull request may have committed
    `binance-secrets.sarif`, or the directory `reports`, as a symlink to wherever the job
    can write. So each directory below the working directory is opened relative to the one
    before with ``O_NOFOLLOW``, and none can be swapped for a link between a check and the
    open. Directories above the working directory, and paths outside it, are the user's
    own (``/tmp`` is itself a symlink on macOS). SymlinkOnTheWay names the link."""
    absolute = os.path.abspath(path)
    here = os.getcwd()
    relative = os.path.relpath(absolute, here)
    parts = relative.split(os.sep)
    if os.path.isabs(relative) or parts[0] == os.pardir or relative == os.curdir:
        parts, start = [os.path.basename(absolute)], os.path.dirname(absolute)
    else:
        start = here
    fd = os.open(start, _DIRECTORY)
    try:
        for index, part in enumerate(parts[:-1]):
            inner = _open_in(fd, part, os.path.join(*parts[: index + 1]), _DIRECTORY, 0)
            os.close(fd)
            fd = inner
    except BaseException:
        os.close(fd)
        raise
    return fd, parts[-1]


def _open_in(directory: int, name: str, shown: str, flags: int, mode: int) -> int:
    """``name`` in the open ``directory``, not followed if it is a symlink:
    SymlinkOnTheWay(``shown``) if it is one."""
    try:
        return os.open(name, flags | os.O_NOFOLLOW, mode, dir_fd=directory)
    except OSError as error:
        if error.errno in (errno.ELOOP, errno.ENOTDIR) and _is_link(directory, name):
            raise SymlinkOnTheWay(shown) from error
        raise


def _is_link(directory: int, name: str) -> bool:
    try:
        return stat.S_ISLNK(os.stat(name, dir_fd=directory, follow_symlinks=False).st_mode)
    except OSError:
        return False


class Writer(Protocol):
    def write(self, text: str, /) -> int: ...


@contextlib.contextmanager
def writing(output: str | None) -> Iterator[Writer]:
    """A text handle on ``output`` (a path; None or ``-``: standard output) for a report
    written piece by piece (a merged report of many repositories), the path opened as
    :func:`emit` opens it: never through a symlink."""
    if output is None or output == "-":
        yield _Echo()
        return
    try:
        handle = os.fdopen(open_output(output), "w", encoding="utf-8")
    except SymlinkOnTheWay as error:
        raise InputError(
            f"not writing report to {output}: {error} is a symlink (not followed); remove it, "
            "or give the path it points to (`-` for standard output)"
        ) from error
    except OSError as error:
        raise _unwritable(output, error) from error
    try:
        with handle:
            yield handle
    except OSError as error:
        raise _unwritable(output, error) from error


class _Echo:
    """Standard output as click writes it (CliRunner's capture, a closed pipe)."""

    def write(self, text: str) -> int:
        click.echo(text, nl=False)
        return len(text)


def _unwritable(output: str, error: OSError) -> InputError:
    return InputError(
        f"cannot write report to {output}: {error.strerror}; choose a writable --output path"
    )
