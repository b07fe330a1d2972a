"""Key files that a project's configuration names as Binance's.

Binance's Ed25519 and RSA API keys sign with a private key the user generates; bots keep
it as a PEM file and point a setting at it (`BINANCE_PRIVATE_KEY_PATH_ED25519=keys/prod-
prv-key.pem` in a Node bot's `.env`, `binance_private_key_file: ./binance.pem` in a YAML
config). The PEM file itself holds nothing but the key, and the project's manifests may
not say Binance; the pointer does. Each way of writing a pointer is a row of
:data:`POINTERS` with its example (tests/test_key_file_pointers.py). A pointer counts
only when its name says Binance and names a key or its file: `REDIS_PRIVATE_KEY_PATH=
certs/redis.key` beside it points at Redis's TLS key.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .patterns import BINANCE_WORD

# Which files of a project are read for pointers (by name, lower case): configuration,
# never code (a test's fixture path is no setting).
_CONFIG_NAME = re.compile(
    r"(?:\.env(?:\.[\w.-]+)?|[\w.-]+\.env|[\w.-]+\.(?:ya?ml|toml|ini|cfg|conf|properties|json))\Z"
)
# At most this many configuration files are read, each up to MAX_CONFIG_CHARS.
MAX_CONFIG_FILES = 64
MAX_CONFIG_CHARS = 256 * 1024
# A path, as a pointer writes it (one class, so a line is matched without backtracking
# into itself); it names a key file when it ends so (_KEY_FILE_END).
_KEY_FILE = r"[\w./\\~:-]{1,300}"
_KEY_FILE_END = (".pem", ".key", ".der")
_NAME = r"[A-Za-z_][\w.-]{0,100}"


@dataclass(frozen=True)
class Pointer:
    """A way a setting names a key file: ``regex`` has groups ``name`` and ``file``;
    ``example`` is a line it reads, ``file`` the key file's name there."""

    label: str
    regex: str
    example: str
    file: str


POINTERS: tuple[Pointer, ...] = (
    Pointer(
        "name = path (.env, INI, TOML, properties; `export` and quotes allowed)",
        rf"""^[ \t]*(?:export[ \t]+)?(?P<name>{_NAME})[ \t]*=[ \t]*["']?(?P<file>{_KEY_FILE})"""
        r"""["']?[ \t]*(?:[#;].*)?$""",
        "export BINANCE_PRIVATE_KEY_PATH_ED25519=keys/prod-prv-key.pem",
        "prod-prv-key.pem",
    ),
    Pointer(
        "name: path (YAML, JSON)",
        rf"""^[ \t]*["']?(?P<name>{_NAME})["']?[ \t]*:[ \t]*["']?(?P<file>{_KEY_FILE})"""
        r"""["']?[ \t]*,?[ \t]*(?:#.*)?$""",
        '    "binance_private_key_file": "./secrets/binance-ed25519.pem",',
        "binance-ed25519.pem",
    ),
)
_ROWS = tuple(re.compile(row.regex, re.MULTILINE) for row in POINTERS)
# What a pointer's name must also say: a key, or its file.
_KEY_WORD = re.compile(r"key|pem|secret|cert", re.IGNORECASE)


def pointed_files(text: str) -> set[str]:
    """The names (last path part, lower case) of the key files ``text`` points a Binance
    setting at. Linear: each line is matched by each row once."""
    found: set[str] = set()
    for regex in _ROWS:
        for match in regex.finditer(text):
            name, file = match.group("name"), match.group("file")
            if (
                file.lower().endswith(_KEY_FILE_END)
                and BINANCE_WORD.search(name)
                and _KEY_WORD.search(name)
            ):
                found.add(posixpath.basename(file.replace("\\", "/")).lower())
    return found


def is_config_file(path: str) -> bool:
    """Whether the file at ``path`` is read for pointers."""
    return _CONFIG_NAME.match(posixpath.basename(path).lower()) is not None


def project_pointed_files(
    paths: Iterable[str], read: Callable[[str], str | None]
) -> frozenset[str]:
    """The key files the project's configuration files (among ``paths``, the first
    MAX_CONFIG_FILES, read by ``read``) point Binance settings at."""
    found: set[str] = set()
    for path in config_files(paths):
        found |= config_pointed_files(read(path))
    return frozenset(found)


def config_files(paths: Iterable[str]) -> list[str]:
    """The configuration files among ``paths`` that are read for pointers: at most
    MAX_CONFIG_FILES, those whose path says Binance first, then `.env` files, then the
    rest, each in listing order. In listing order alone, a monorepo's 64 locale or
    package JSON files under `apps/` kept `bot/.env` from being read."""
    configs = [path for path in paths if is_config_file(path)]
    return sorted(configs, key=_config_rank)[:MAX_CONFIG_FILES]


def _config_rank(path: str) -> int:
    lowered = path.lower()
    if BINANCE_WORD.search(lowered):
        return 0
    name = posixpath.basename(lowered)
    return 1 if name.startswith(".env") or name.endswith(".env") else 2


def config_pointed_files(text: str | None) -> frozenset[str]:
    """The key files one configuration file's ``text`` (its first MAX_CONFIG_CHARS) points
    Binance settings at."""
    if not text or not BINANCE_WORD.search(text[:MAX_CONFIG_CHARS]):
        return frozenset()
    return frozenset(pointed_files(text[:MAX_CONFIG_CHARS]))
