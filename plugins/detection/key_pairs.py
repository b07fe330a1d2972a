"""A private key whose public half beside it is an OpenSSH key is an SSH key.

``ssh-keygen`` writes ``id_ed25519`` and ``id_ed25519.pub``; people commit the pair as
``docs/only.pem`` and ``docs/only.pem.pub`` (or ``deploy.key`` and ``deploy.pub``). The
``.pub`` is one OpenSSH line (``ssh-ed25519 AAAA... user@host``). Binance's
key-registration flow takes a PEM public key (``-----BEGIN PUBLIC KEY-----``), never such a
line, so the private key is an SSH key: its project's word on Binance does not make it
Binance's (a Binance word in its own name, path or text still does, see
:data:`.signals.PLACES`). Each way of naming the sibling is a row of
:data:`PUBLIC_SIBLINGS`.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from typing import Callable

from .project_context import ProjectContext


@dataclass(frozen=True)
class PublicSibling:
    """A way the public half of the key at a path is named: ``name(path)`` is its path
    (None when this row names none); ``example`` is a key's path, ``sibling`` the path the
    row gives it (tested)."""

    label: str
    name: Callable[[str], str | None]
    example: str
    sibling: str


def _stem_pub(path: str) -> str | None:
    stem, suffix = posixpath.splitext(path)
    return f"{stem}.pub" if suffix and suffix != ".pub" else None


PUBLIC_SIBLINGS: tuple[PublicSibling, ...] = (
    PublicSibling("<file>.pub", lambda path: f"{path}.pub", "docs/only.pem", "docs/only.pem.pub"),
    PublicSibling("<stem>.pub", _stem_pub, "keys/deploy.key", "keys/deploy.pub"),
)

# An OpenSSH public key line (ssh-keygen's .pub, RFC 4253 section 6.6 key types and the
# FIDO ``sk-`` ones): its type, then base64 starting ``AAAA`` (the length of the type name).
OPENSSH_PUBLIC_KEY = re.compile(
    r"\A\s*(?:ssh-(?:rsa|ed25519|dss)|ecdsa-sha2-nistp(?:256|384|521)"
    r"|sk-(?:ssh-ed25519|ecdsa-sha2-nistp256)@openssh\.com)[ \t]+AAAA[A-Za-z0-9+/]{16}"
)


def ssh_key_pair(path: str, project: ProjectContext) -> str | None:
    """The path of the OpenSSH public key beside the private key at ``path`` (relative to
    the top), or None: the project's tree is read only here, one small file per row."""
    for row in PUBLIC_SIBLINGS:
        sibling = row.name(path)
        if sibling is None:
            continue
        text = project.file_text(sibling)
        if text is not None and OPENSSH_PUBLIC_KEY.match(text):
            return sibling
    return None
