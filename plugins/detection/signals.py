"""What made a value Binance's, and the places where weak evidence is not enough.

A value is Binance's when something says so; a finding records the strongest thing that
did, as ``binance_signal``: its ``name`` (``BINANCE_API_KEY``), the ``line`` or the lines
around it, the ``path`` (``binance/keys.yaml``), the ``file`` (a script importing
``binance.client`` far above the value), or its project (``project:requirements.txt``, the
file that shows the project uses Binance, :mod:`.project_context`).

Some places need more than that (:data:`PLACES`): a vendored tree's private key is someone
else's test key unless its own name says Binance (and its other values need Binance on
their line: a library's tests name many exchanges); a file in another exchange's folder
(``hummingbot/connector/exchange/ascend_ex/``) holds that exchange's credentials unless its
line says Binance; a private key among TLS files (``nginx/certs/server.key``) is the
server's unless the file itself says Binance, and so is an SSH key (an OpenSSH ``.pub``
beside it, :mod:`.key_pairs`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Callable

from .findings import API_KEY, PRIVATE_KEY, SECRET_KEY
from .key_pairs import ssh_key_pair
from .other_services import exchange_folder
from .patterns import BINANCE_WORD
from .project_context import NO_PROJECT, ProjectContext, vendored_tree

NAME = "name"
LINE = "line"
PATH = "path"
FILE = "file"


def says_binance_near(line: str, around: Sequence[str]) -> bool:
    """Whether a line or the lines around it say Binance (asked once per line: every value
    on a long line shares the answer)."""
    return any(BINANCE_WORD.search(text) for text in (line, *around) if text)


def binance_signal(
    name: str | None,
    near: bool,
    path: str,
    file_said: bool,
    project: ProjectContext,
) -> str:
    """The strongest thing that says a value is Binance's (see the module); ``near`` is
    :func:`says_binance_near` of its line."""
    if name and BINANCE_WORD.search(name):
        return NAME
    if near:
        return LINE
    if BINANCE_WORD.search(path):
        return PATH
    if file_said:
        return FILE
    return project.signal() or "project"


# Directory names and file-name words that mark TLS material (a web server's key and
# certificate), compared case-insensitively with each word of the path.
TLS_WORDS = frozenset(
    {"certs", "cert", "certificates", "ssl", "tls", "nginx", "letsencrypt", "https", "x509"}
)
_PATH_WORDS = re.compile(r"[/\\._\-]+")


def tls_place(path: str) -> str | None:
    """The TLS word in ``path`` (``certs`` in ``nginx/certs/server.key``), or None."""
    for word in _PATH_WORDS.split(path.lower()):
        if word in TLS_WORDS:
            return word
    return None


# Whether (and why) a file, at a path relative to the top in its project's tree, is a place.
Where = Callable[[str, ProjectContext], "str | None"]


def by_path(where: Callable[[str], str | None]) -> Where:
    """A place its path alone decides."""
    return lambda path, _project: where(path)


@dataclass(frozen=True)
class Place:
    """Where a finding of ``types`` is kept only if its ``binance_signal`` is one of
    ``enough``: ``where(path, project)`` says whether (and why) the path is such a place
    (asked last, only of a finding the place concerns). ``example`` is such a path;
    ``beside`` the files (path, text) its tree must hold for it to be one (tested)."""

    kind: str
    where: Where
    types: frozenset[str]
    enough: frozenset[str]
    example: str
    beside: tuple[tuple[str, str], ...] = ()


PLACES: tuple[Place, ...] = (
    Place(
        "vendored tree",
        by_path(vendored_tree),
        frozenset({PRIVATE_KEY}),
        frozenset({NAME}),
        ".venv/lib/python3.11/site-packages/Crypto/SelfTest/PublicKey/test_import_RSA.py",
    ),
    Place(
        "vendored tree",
        by_path(vendored_tree),
        frozenset({API_KEY, SECRET_KEY}),
        frozenset({NAME, LINE}),
        ".venv/lib/python3.9/site-packages/ccxt/test/tests_async.py",
    ),
    Place(
        "another exchange's folder",
        by_path(exchange_folder),
        frozenset({API_KEY, SECRET_KEY, PRIVATE_KEY}),
        frozenset({NAME, LINE}),
        "hummingbot/connector/exchange/ascend_ex/ascend_ex_auth.py",
    ),
    Place(
        "TLS files",
        by_path(tls_place),
        frozenset({PRIVATE_KEY}),
        frozenset({NAME, LINE, PATH, FILE}),
        "nginx/certs/server.key",
    ),
    Place(
        "SSH key pair",
        ssh_key_pair,
        frozenset({PRIVATE_KEY}),
        frozenset({NAME, LINE, PATH, FILE}),
        "docs/only.pem",
        (("docs/only.pem.pub", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExample user@host\n"),),
    ),
)


def enough_here(
    path: str, secret_type: str, signal: str, project: ProjectContext = NO_PROJECT
) -> bool:
    """Whether a value of ``secret_type`` found at ``path`` on ``signal`` is Binance's
    (``project`` is the file's own, :meth:`ProjectContext.for_file`)."""
    for place in PLACES:
        if (
            secret_type in place.types
            and signal not in place.enough
            and place.where(path, project)
        ):
            return False
    return True
