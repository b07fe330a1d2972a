"""The project's own settings: ``.binance-secrets.toml`` at the repository root, or the
``[tool.binance-secrets]`` table of its ``pyproject.toml``.

What a team accepts once (a revoked key still in history, a fixture) is written here and
honoured by every command that reports findings: ``[[ignore]]`` entries name a value by its
fingerprint (``sha256:...``, as every report shows it), with a required reason, optionally
a path glob and an ``until`` date after which the entry is void; ``[exclude] paths`` lists
path globs that are never read. The file comes with the repository, so it may come from a
pull request: it is read bounded (:data:`MAX_CONFIG_BYTES`), every value's type is checked,
an unknown key is an error (a typo must not silently accept nothing, or everything), and
its globs are matched by our own code (:mod:`path_globs`), never as regexes.

The API other parts use: :func:`load_project_config` (``root`` -> :class:`ProjectConfig`),
:func:`parse_project_config` (the bytes of a file read from elsewhere, e.g. a blob),
``config.ignored(finding)``, ``config.expired(finding)`` and ``config.excluded(path)``.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from typing import TYPE_CHECKING, Any

from .path_globs import PathGlob, parse_glob

if TYPE_CHECKING:
    from ..git.repo import Repository

CONFIG_NAME = ".binance-secrets.toml"
PYPROJECT_NAME = "pyproject.toml"
PYPROJECT_TABLE = ("tool", "binance-secrets")

# A config lists fingerprints and a few globs; 1 MiB holds thousands of entries and
# refuses /dev/zero or a runaway file before the TOML parser sees it.
MAX_CONFIG_BYTES = 1 << 20
MAX_REASON_CHARS = 1000
MAX_GLOB_CHARS = 1024
MAX_EXCLUDE_GLOBS = 1000
# Every path read is matched against every exclude glob, in time that grows with the glob's
# length times the path's: a config of a thousand long globs made each path cost a second
# (docs/threat-model.md). Their characters together are bounded, far above a real list;
# so are those of the [[ignore]] path globs of any one value, matched for its every finding.
MAX_EXCLUDE_CHARS = 16 * 1024

FINGERPRINT_PREFIX = "sha256:"
_HEX = frozenset("0123456789abcdef")

_TOP_KEYS = ("ignore", "exclude")
_IGNORE_KEYS = ("fingerprint", "reason", "path", "until")
_EXCLUDE_KEYS = ("paths",)


class ConfigError(ValueError):
    """The config cannot be used; the message is one line: where, what, what to do."""


def is_fingerprint(value: object) -> bool:
    """Whether ``value`` is a full value fingerprint: ``sha256:`` and 64 lowercase hex."""
    return (
        isinstance(value, str)
        and value.startswith(FINGERPRINT_PREFIX)
        and len(value) == len(FINGERPRINT_PREFIX) + 64
        and set(value[len(FINGERPRINT_PREFIX) :]) <= _HEX
    )


def today_utc() -> date:
    return datetime.now(timezone.utc).date()


@dataclass(frozen=True)
class IgnoreEntry:
    """One ``[[ignore]]`` entry; ``line`` is where it starts in ``source``."""

    fingerprint: str
    reason: str
    path: str | None = None
    until: date | None = None
    source: str = CONFIG_NAME
    line: int = 0

    @property
    def where(self) -> str:
        return f"{self.source}:{self.line}" if self.line else self.source

    def applies_to(self, fingerprint: str, path: str | None) -> bool:
        if fingerprint != self.fingerprint:
            return False
        return self.path is None or (path is not None and parse_glob(self.path).matches(path))

    def void_on(self, today: date) -> bool:
        """An entry is honoured through its ``until`` day (UTC) and void after it."""
        return self.until is not None and today > self.until

    def to_json(self) -> dict[str, Any]:
        return {
            "reason": self.reason,
            "path": self.path,
            "until": self.until.isoformat() if self.until else None,
            "source": self.where,
        }


def _fingerprint_and_path(finding: object) -> tuple[str, str | None]:
    if isinstance(finding, Mapping):
        path = finding.get("path")
        return str(finding.get("fingerprint", "")), path if isinstance(path, str) else None
    return str(getattr(finding, "fingerprint", "")), getattr(finding, "path", None)


@dataclass(frozen=True)
class ProjectConfig:
    """A project's config (empty when it has none). ``root`` is the directory the paths of
    ``[exclude]`` and of ``[[ignore]] path`` are relative to; ``source`` names the file."""

    root: str | None = None
    source: str | None = None
    ignores: tuple[IgnoreEntry, ...] = ()
    exclude_paths: tuple[str, ...] = ()
    today: date = field(default_factory=today_utc)
    _by_fingerprint: dict[str, list[IgnoreEntry]] = field(
        default_factory=dict, repr=False, compare=False
    )
    _globs: tuple[PathGlob, ...] = field(default=(), repr=False, compare=False)

    def __post_init__(self) -> None:
        for entry in self.ignores:
            self._by_fingerprint.setdefault(entry.fingerprint, []).append(entry)
        object.__setattr__(self, "_globs", tuple(parse_glob(g) for g in self.exclude_paths))

    @property
    def name(self) -> str:
        """What a report says the ignored values were ignored by."""
        return self.source or CONFIG_NAME

    def _entries(self, finding: object, path: str | None) -> list[IgnoreEntry]:
        fingerprint, own_path = _fingerprint_and_path(finding)
        where = path if path is not None else own_path
        return [
            entry
            for entry in self._by_fingerprint.get(fingerprint, ())
            if entry.applies_to(fingerprint, where)
        ]

    def ignored(self, finding: object, path: str | None = None) -> IgnoreEntry | None:
        """The entry in force that accepts ``finding`` (a Finding or its JSON), if any.
        ``path``: the finding's path relative to :attr:`root`, when its own path is not."""
        return next((e for e in self._entries(finding, path) if not e.void_on(self.today)), None)

    def expired(self, finding: object, path: str | None = None) -> IgnoreEntry | None:
        """An entry that would accept ``finding`` but whose ``until`` date has passed (only
        when no entry in force accepts it): the finding fails again, and reports say why."""
        entries = self._entries(finding, path)
        if any(not entry.void_on(self.today) for entry in entries):
            return None
        return entries[0] if entries else None

    def excluded(self, path: str | None) -> bool:
        """Whether ``path`` (relative to :attr:`root`, ``/``-separated) is never read."""
        return path is not None and any(glob.matches(path) for glob in self._globs)

    def relative(self, path: str, cwd: str) -> str | None:
        """``path`` as a scan shows it (relative to ``cwd``, or absolute) made relative to
        :attr:`root`; None when it lies outside the root (or there is no config)."""
        if self.root is None or path == "-":
            return None
        absolute = os.path.normpath(os.path.join(cwd, path))
        relative = os.path.relpath(absolute, self.root).replace(os.sep, "/")
        if relative == ".." or relative.startswith("../"):
            return None
        return relative


NO_CONFIG = ProjectConfig()


# -- reading ------------------------------------------------------------------------------


def load_project_config(root: str, today: date | None = None) -> ProjectConfig:
    """The config of the project whose top is ``root``: ``.binance-secrets.toml`` if it
    exists, else ``[tool.binance-secrets]`` in ``pyproject.toml``, else an empty config.
    Raises ConfigError (one line, with the line number) for a config that cannot be used."""
    from ..bounded import ReadRefused, read_inside

    root = os.path.abspath(root)
    for name, table in ((CONFIG_NAME, ()), (PYPROJECT_NAME, PYPROJECT_TABLE)):
        path = os.path.join(root, name)
        if not os.path.lexists(path):
            continue
        try:
            data = read_inside(root, name, MAX_CONFIG_BYTES)
        except ReadRefused as error:
            raise ConfigError(f"{name} {error}; keep it a regular file under 1 MiB") from error
        if table and b"binance-secrets" not in data:
            continue  # a pyproject.toml without our table is not ours to judge
        config = parse_project_config(data, name, table, root=root, today=today)
        if table and config.source is None:
            continue
        return config
    return ProjectConfig(root=root, today=today or today_utc())


def committed_project_config(repository: Repository, commit: str, where: str) -> ProjectConfig:
    """The config in ``commit``'s tree (``where``: how a message names that tree, such as
    "on main"), read from git's objects within the config's bound: what a repository
    without a work tree (a bare clone, a server's repository) says of itself. Raises
    ConfigError for a config that cannot be used, as :func:`load_project_config` does."""
    for name, table in ((CONFIG_NAME, ()), (PYPROJECT_NAME, PYPROJECT_TABLE)):
        spec = f"{commit}:{name}"
        listing = repository.run("cat-file", "--batch-check", input=f"{spec}\n".encode())
        _, kind, size = (listing.decode("utf-8", "replace").split() + ["", "", ""])[:3]
        if not size.isdigit():
            continue  # no such file in that tree (or a submodule it does not hold)
        if kind != "blob":
            # A directory of that name: `cat-file blob` would fail, as reading one from the
            # work tree does (load_project_config).
            shown = "a directory" if kind == "tree" else f"a {kind}, not a file"
            raise ConfigError(f"{name} {where} is {shown}; keep it a regular file under 1 MiB")
        if int(size) > MAX_CONFIG_BYTES:
            raise ConfigError(f"{name} {where} is larger than {MAX_CONFIG_BYTES} bytes")
        data = repository.run("cat-file", "blob", "--end-of-options", spec)
        if table and b"binance-secrets" not in data:
            continue
        config = parse_project_config(data, f"{name} {where}", table)
        if table and config.source is None:
            continue
        return config
    return NO_CONFIG


def parse_project_config(
    data: bytes,
    source: str = CONFIG_NAME,
    table: tuple[str, ...] = (),
    root: str | None = None,
    today: date | None = None,
) -> ProjectConfig:
    """The config in ``data`` (the bytes of ``source``), under ``table`` (``("tool",
    "binance-secrets")`` for a pyproject.toml). ``source`` is only used in messages."""
    # Imported only when a project has a config: a commit hook in a project without one
    # never loads the TOML parser.
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # Python 3.9 and 3.10: the same parser, as a package (pyproject.toml)
        import tomli as tomllib

    today = today or today_utc()
    if len(data) > MAX_CONFIG_BYTES:
        raise ConfigError(f"{source} is larger than {MAX_CONFIG_BYTES} bytes; keep it small")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ConfigError(f"{source}:{line}: not UTF-8 text; save it as UTF-8") from None
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        line = _toml_error_line(str(error))
        raise ConfigError(f"{source}:{line}: {_toml_error(error)}") from None
    except RecursionError:
        raise ConfigError(f"{source}: nested too deeply to be a config; fix the file") from None
    locate = _Locator(text, table)
    settings: object = document
    for name in table:
        if not isinstance(settings, dict) or name not in settings:
            return ProjectConfig(root=root, today=today)
        settings = settings[name]
    shown = source if not table else f"{source} [{'.'.join(table)}]"
    if not isinstance(settings, dict):
        raise ConfigError(f"{source}:{locate.key(None, 0, table[-1])}: {shown} must be a table")
    checker = _Checker(source, locate)
    for key in settings:
        if key not in _TOP_KEYS:
            checker.fail(
                locate.key(None, 0, key),
                f"unknown setting {key!r}; the settings are {', '.join(_TOP_KEYS)}",
            )
    ignores = checker.ignores(settings.get("ignore", []))
    excludes = checker.excludes(settings.get("exclude", {}))
    return ProjectConfig(root, source, ignores, excludes, today)


def _toml_error_line(message: str) -> int:
    """The line a TOML parser's message names (``(at line 3, column 5)``), else 1."""
    marker = "at line "
    start = message.rfind(marker)
    if start < 0:
        return max(1, message.count("\n"))
    digits = ""
    for char in message[start + len(marker) :]:
        if not char.isdigit():
            break
        digits += char
    return int(digits) if digits else 1


def _toml_error(error: Exception) -> str:
    message = str(error)
    cut = message.rfind(" (at ")
    message = message[:cut] if cut > 0 else message
    return f"not valid TOML ({message}); fix that line"


class _Locator:
    """Best-effort line numbers for values, which the TOML parser does not give: the line
    of the n-th ``[[ignore]]`` header, of a key after it, of the ``[exclude]`` table."""

    def __init__(self, text: str, table: tuple[str, ...]) -> None:
        self.lines = text.splitlines()
        self.prefix = ".".join(table)
        self.headers: list[tuple[int, str]] = []  # (line number, normalised header)
        self._lines_of: dict[str, list[int]] = {}
        for number, line in enumerate(self.lines, 1):
            stripped = line.strip()
            if stripped.startswith("["):
                name = stripped.split("#", 1)[0].strip().replace(" ", "").replace('"', "")
                name = name.replace("'", "")
                self.headers.append((number, name))

    def _name(self, table: str) -> str:
        return f"{self.prefix}.{table}" if self.prefix else table

    def table(self, table: str, index: int = 0, array: bool = True) -> int:
        """The line of the ``index``-th header of ``table`` (0 when not found)."""
        wanted = f"[[{self._name(table)}]]" if array else f"[{self._name(table)}]"
        if wanted not in self._lines_of:  # listed once: a config may hold thousands
            self._lines_of[wanted] = [number for number, name in self.headers if name == wanted]
        found = self._lines_of[wanted]
        return found[index] if index < len(found) else 0

    def key(self, table: str | None, start: int, key: str) -> int:
        """The line of ``key =`` from line ``start`` to the next header (or anywhere, when
        ``start`` is 0); ``start`` itself, or 1, when not found."""
        first = start if start else 1
        for number in range(first, len(self.lines) + 1):
            line = self.lines[number - 1].strip()
            if number > first and start and line.startswith("["):
                break
            head = line.split("=", 1)[0].strip().strip('"').strip("'")
            if "=" in line and (head == key or head.endswith(f".{key}")):
                return number
        return start or 1


class _Checker:
    """Checks every value's type and shape, failing with the line it is on."""

    def __init__(self, source: str, locate: _Locator) -> None:
        self.source = source
        self.locate = locate

    def fail(self, line: int, message: str) -> None:
        raise ConfigError(f"{self.source}:{line or 1}: {message}")

    def ignores(self, entries: object) -> tuple[IgnoreEntry, ...]:
        if not isinstance(entries, list):
            self.fail(
                self.locate.key(None, 0, "ignore"),
                "`ignore` must be a list of [[ignore]] tables",
            )
        assert isinstance(entries, list)
        found = []
        globs: dict[str, int] = {}  # fingerprint -> its entries' path glob characters
        for index, entry in enumerate(entries):
            start = self.locate.table("ignore", index) or self.locate.key(None, 0, "ignore")
            ignore = self._ignore(entry, start)
            found.append(ignore)
            chars = globs.get(ignore.fingerprint, 0) + len(ignore.path or "")
            globs[ignore.fingerprint] = chars
            if chars > MAX_EXCLUDE_CHARS:
                # Each finding of that value is matched against every one of them, as each
                # path read is against the exclude globs: bounded the same.
                self.fail(
                    start,
                    f"the [[ignore]] entries for {ignore.fingerprint[:19]}... hold more than "
                    f"{MAX_EXCLUDE_CHARS} characters of path globs together; accept the "
                    'value in whole directories ("tests/**") rather than file by file',
                )
        return tuple(found)

    def _ignore(self, entry: object, start: int) -> IgnoreEntry:
        if not isinstance(entry, dict):
            self.fail(start, "each [[ignore]] entry must be a table")
        assert isinstance(entry, dict)

        def at(key: str) -> int:
            return self.locate.key("ignore", start, key)

        for key in entry:
            if key not in _IGNORE_KEYS:
                self.fail(
                    at(key),
                    f"unknown key {key!r} in [[ignore]]; the keys are {', '.join(_IGNORE_KEYS)}",
                )
        fingerprint = entry.get("fingerprint")
        if isinstance(fingerprint, str):
            fingerprint = fingerprint.strip().lower()
        if not is_fingerprint(fingerprint):
            self.fail(
                at("fingerprint") if "fingerprint" in entry else start,
                '[[ignore]] needs fingerprint = "sha256:<64 hex digits>", the full '
                "fingerprint a JSON report (or -v) shows",
            )
        reason = entry.get("reason")
        if not isinstance(reason, str) or not reason.strip():
            self.fail(
                at("reason") if "reason" in entry else start,
                '[[ignore]] needs reason = "...": say why the value is accepted',
            )
        assert isinstance(reason, str)
        if len(reason) > MAX_REASON_CHARS:
            self.fail(at("reason"), f"reason is longer than {MAX_REASON_CHARS} characters")
        path = entry.get("path")
        if path is not None:
            self._glob(path, at("path"), "path")
        until = entry.get("until")
        if until is not None:
            until = self._date(until, at("until"))
        return IgnoreEntry(
            str(fingerprint), reason.strip(), path, until, source=self.source, line=start
        )

    def _glob(self, value: object, line: int, what: str) -> None:
        if not isinstance(value, str) or not value.strip("/"):
            self.fail(line, f'{what} must be a non-empty path glob string such as "old/bot.py"')
        assert isinstance(value, str)
        if len(value) > MAX_GLOB_CHARS or "\0" in value:
            self.fail(line, f"{what} is longer than {MAX_GLOB_CHARS} characters or holds NUL")

    def _date(self, value: object, line: int) -> date:
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        if isinstance(value, str):
            try:
                return date.fromisoformat(value.strip())
            except ValueError:
                pass
        self.fail(line, "until must be a date, e.g. until = 2027-01-01")
        raise AssertionError  # unreachable: fail raised

    def excludes(self, exclude: object) -> tuple[str, ...]:
        start = self.locate.table("exclude", array=False) or self.locate.key(None, 0, "exclude")
        if not isinstance(exclude, dict):
            self.fail(start, '`exclude` must be a table: [exclude] then paths = ["vendor/**"]')
        assert isinstance(exclude, dict)
        for key in exclude:
            if key not in _EXCLUDE_KEYS:
                self.fail(
                    self.locate.key("exclude", start, key),
                    f"unknown key {key!r} in [exclude]; the keys are {', '.join(_EXCLUDE_KEYS)}",
                )
        paths = exclude.get("paths", [])
        line = self.locate.key("exclude", start, "paths")
        if not isinstance(paths, list):
            self.fail(line, 'exclude paths must be a list of globs: paths = ["vendor/**"]')
        assert isinstance(paths, list)
        if len(paths) > MAX_EXCLUDE_GLOBS:
            self.fail(line, f"exclude paths lists more than {MAX_EXCLUDE_GLOBS} globs")
        for glob in paths:
            self._glob(glob, line, "each exclude path")
        if sum(map(len, paths)) > MAX_EXCLUDE_CHARS:
            self.fail(
                line,
                f"exclude paths hold more than {MAX_EXCLUDE_CHARS} characters together; "
                'exclude whole directories ("vendor/**") rather than listing every file',
            )
        return tuple(paths)
