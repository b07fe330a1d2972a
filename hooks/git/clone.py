"""Cloning a repository named by URL for a sweep of many: the one place git gets a transport.

Everything else binance-secrets runs git for reads a repository that is already here. A
multi-repository sweep must fetch one first, and does it only here, with the narrowest
allowance that still works: the URL's own protocol and no other (``protocol.allow=never``
plus ``protocol.<scheme>.allow=always``; ``ext::`` and any scheme not listed below are
refused before git runs), a bare clone (no checkout, so no filters, hooks or attributes
run), no submodules, no hooks (``core.hooksPath=/dev/null``), no fsmonitor, no lazy
fetching of missing objects (``GIT_NO_LAZY_FETCH``), no prompt (``GIT_TERMINAL_PROMPT=0``:
a credential helper the user configured still answers). The URL goes after ``--``.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess

from ...plugins.detection.redaction import url_without_credentials
from .invocation import bare_clone_command, git_command, git_environment

# Schemes a clone URL may use; anything else (ext::, fd::, a remote helper) is refused.
CLONE_SCHEMES = ("https", "http", "ssh", "git", "file")
# `user@host:path`, git's scp-like form of an ssh URL (no scheme, a colon before any slash).
SCP_LIKE = re.compile(r"[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:(?!//)[^\s]+")
# The variables that would point git at another repository than the one it is given.
LOCATION_VARIABLES = (
    "GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY",
    "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_COMMON_DIR", "GIT_NAMESPACE",
    "GIT_QUARANTINE_PATH",
)  # fmt: skip


class CloneError(Exception):
    """The repository could not be cloned; the message is the reason (one line)."""


def looks_like_url(target: str) -> bool:
    """Whether a sweep target names a repository to clone rather than a local path: it has
    a ``scheme://`` or is ``user@host:path`` (and no such local path exists)."""
    if re.match(r"[A-Za-z][A-Za-z0-9+.-]*::", target):
        return True  # git's transport::address form (ext::...): refused by clone_scheme
    if "://" in target:
        return True
    return bool(SCP_LIKE.fullmatch(target)) and not os.path.exists(target)


def clone_scheme(url: str) -> str:
    """The protocol a clone of ``url`` would use, or CloneError when it is not allowed."""
    if url.startswith("-"):
        raise CloneError("a URL cannot start with '-'")
    if SCP_LIKE.fullmatch(url):
        return "ssh"
    scheme, separator, _ = url.partition("://")
    scheme = scheme.lower()
    if not separator or scheme not in CLONE_SCHEMES:
        allowed = ", ".join(f"{name}://" for name in CLONE_SCHEMES)
        raise CloneError(f"clone refused: only {allowed} or user@host:path URLs are cloned")
    return scheme


def clone_command(url: str, destination: str) -> list[str]:
    """The ``git clone --bare`` of ``url`` into ``destination``, allowed ``url``'s
    protocol alone (built in git.invocation, with every other git command line)."""
    return bare_clone_command(clone_scheme(url), url, destination)


def clone_environment() -> dict[str, str]:
    environment = {
        name: value for name, value in git_environment().items() if name not in LOCATION_VARIABLES
    }
    environment.update(GIT_NO_LAZY_FETCH="1", GIT_TERMINAL_PROMPT="0", GIT_PROTOCOL_FROM_USER="0")
    environment.pop("GIT_ALLOW_PROTOCOL", None)
    return environment


def clone_bare(url: str, destination: str) -> None:
    """Clone ``url`` bare into ``destination`` (which must not exist yet)."""
    command = clone_command(url, destination)
    try:
        done = subprocess.run(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            env=clone_environment(),
            check=False,
        )
    except OSError as error:
        raise CloneError(f"git could not be run: {error.strerror or error}") from error
    if done.returncode != 0:
        reason = failure_reason(done.stderr) or f"git clone exited {done.returncode}"
        raise CloneError(f"clone failed: {reason}")
    forget_credentials(url, destination)


def forget_credentials(url: str, destination: str) -> None:
    """git records the URL a clone came from as its ``remote.origin.url``, credentials and
    all: a clone kept on disk (``--keep-clones``, a CI cache or artifact) would hold the
    token. The remote is set to the URL without them (a credential helper answers a later
    fetch)."""
    bare = url_without_credentials(url)
    if bare == url:
        return
    done = subprocess.run(
        git_command(destination, "config", "remote.origin.url", bare),
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        env=clone_environment(), check=False,
    )  # fmt: skip
    if done.returncode != 0:
        shutil.rmtree(destination, ignore_errors=True)
        raise CloneError(
            "cloned, but its remote URL, which holds the URL's credentials, could not be "
            f"rewritten: {failure_reason(done.stderr) or 'git config failed'}"
        )


def failure_reason(stderr: bytes) -> str:
    """git clone's complaint in one line: its first ``fatal:`` line, after the lines just
    before it (ssh's or the remote's own words); git's last line alone can be the tail of
    a longer message ("and the repository exists.")."""
    lines = [line.strip() for line in stderr.decode("utf-8", "replace").splitlines()]
    lines = [line for line in lines if line]
    for number, line in enumerate(lines):
        if line.startswith("fatal:"):
            return "; ".join(lines[max(0, number - 2) : number + 1])
    return lines[-1] if lines else ""
