"""The columns of a table a SQL dump fills without naming them, from the project's entity.

mysqldump writes `INSERT INTO `ExchangeTokens` VALUES (1,'S','K','Binance','<user id>')`
without a column list, and an ORM-built schema leaves no `CREATE TABLE` in the repository:
the column names, and so which value is the key and which the secret, are only in the
entity class the ORM maps to the table (an EF Core `ExchangeToken` whose `Secret` property
comes before its `Key`). Its fields, in the order they are declared, are the table's
columns in the order the ORM creates them. Each way a language declares a field is one row
of :data:`ENTITY_FIELDS`; the file is found by its name (the table's, singular or plural,
without a `tbl_` prefix). Asked only for such a row, of at most :data:`MAX_ENTITY_FILES`
files, each read up to :data:`MAX_ENTITY_CHARS`.
"""

from __future__ import annotations

import bisect
import posixpath
import re
import threading
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Callable

from .other_services import folded


@dataclass(frozen=True)
class EntityField:
    """One way a field is declared in an entity: ``regex`` (per line) finds it, its group
    ``name`` the field. ``example`` is a line it finds, declaring ``yields``."""

    label: str
    regex: str
    example: str
    yields: str


ENTITY_FIELDS: tuple[EntityField, ...] = (
    EntityField(
        "C# or Java property or field",
        r"""^\s*(?:(?:public|private|protected|internal|virtual|required|final)\s+)+"""
        r"""(?!(?:class|interface|record|enum|struct)\b)[\w<>\[\]?,.]+\s+(?P<name>[A-Za-z_]\w*)\s*(?:\{|;|=)""",
        "        public string Secret { get; set; }",
        "Secret",
    ),
    EntityField(
        "Kotlin property or constructor parameter (data class, JPA entity)",
        r"""^\s*(?:(?:private|public|protected|internal|override|open|lateinit)\s+)*"""
        r"""va[lr]\s+(?P<name>[A-Za-z_]\w*)\s*:""",
        "    val apiSecret: String,",
        "apiSecret",
    ),
    EntityField(
        "PHP property (Doctrine entity, plain model)",
        r"""^\s*(?:(?:private|protected|public|readonly)\s+)+(?:\??[\w\\]+\s+)?\$(?P<name>\w+)""",
        "    private ?string $apiSecret = null;",
        "apiSecret",
    ),
    EntityField(
        "Python ORM column (SQLAlchemy, Django, Peewee)",
        r"""^\s*(?P<name>[A-Za-z_]\w*)\s*(?::\s*[\w\[\]., |]+)?\s*=\s*"""
        r"""(?:[\w.]+\.)?(?:Column|mapped_column|\w*Field|ForeignKey)\(""",
        "    api_secret = db.Column(db.String(64), nullable=False)",
        "api_secret",
    ),
    EntityField(
        "TypeScript entity property (TypeORM, MikroORM)",
        r"""^\s*(?:(?:public|private|readonly)\s+)*(?P<name>[A-Za-z_]\w*)[!?]?\s*:\s*"""
        r"""[\w<>\[\]| ]+;\s*$""",
        "  apiSecret!: string;",
        "apiSecret",
    ),
    EntityField(
        "Go struct field (GORM)",
        r"""^\s*(?P<name>[A-Z]\w*)\s+\*?[\w.\[\]]+\s*(?:`[^`]*`)?\s*$""",
        '\tSecretKey string `gorm:"size:64"`',
        "SecretKey",
    ),
    EntityField(
        "Laravel migration column",
        r"""\$table->\w+\(\s*["'](?P<name>\w+)["']""",
        "            $table->string('api_secret', 64);",
        "api_secret",
    ),
    EntityField(
        "Prisma model field",
        r"""^\s*(?P<name>[A-Za-z_]\w*)\s+(?:String|Int|BigInt|DateTime|Boolean|Float|Decimal)\b""",
        "  apiSecret String",
        "apiSecret",
    ),
)

_FIELDS = tuple(re.compile(row.regex) for row in ENTITY_FIELDS)
ENTITY_EXTENSIONS = frozenset(
    {".cs", ".java", ".kt", ".py", ".ts", ".go", ".php", ".prisma"}
)
# How many files named for a table are read, and how much of each.
MAX_ENTITY_FILES = 3
MAX_ENTITY_CHARS = 64 * 1024
_NOT_ALNUM = re.compile(r"[^a-z0-9]")
_TABLE_PREFIX = re.compile(r"^(?:tbl|tb|t)_", re.IGNORECASE)
_CREDENTIAL = re.compile(r"key|secret", re.IGNORECASE)


def _stems(table: str) -> frozenset[str]:
    """The file stems an entity of ``table`` may have, lower case without separators:
    `ExchangeTokens` -> exchangetokens, exchangetoken; `tbl_users` -> users, user."""
    bare = _NOT_ALNUM.sub("", _TABLE_PREFIX.sub("", table).lower())
    stems = {bare}
    if bare.endswith("ies"):
        stems.add(bare[:-3] + "y")
    elif bare.endswith("es"):
        stems.update({bare[:-2], bare[:-1]})
    elif bare.endswith("s"):
        stems.add(bare[:-1])
    return frozenset(stem for stem in stems if stem)


# Files that hold many entities (Django's and SQLAlchemy's `models.py`, `schema.prisma`):
# there the entity is the class named for the table, or the one that names the table.
COLLECTION_STEMS = frozenset(
    {"models", "model", "entities", "entity", "schema", "tables", "db", "database", "orm"}
)
_HEADER = re.compile(
    r"""^(?P<indent>[ \t]*)(?:(?:export|public|internal|data|abstract|final|open)\s+)*"""
    r"""(?:class|model|struct|type)\s+(?P<name>[A-Za-z_]\w*)""",
    re.MULTILINE,
)
# Where a class names its table (`__tablename__ = "t"`, Django's `db_table`, Prisma's
# `@@map("t")`, JPA's `@Table(name = "t")`, EF's `[Table("t")]`, TypeORM's `@Entity("t")`,
# Eloquent's `$table = 't'`); ``{table}`` is the table's name.
_NAMES_TABLE = (
    r"""(?:__tablename__|db_table|@@map|\bTable|@Entity|\$table|table_name)\s*"""
    r"""(?:\(\s*(?:name\s*=\s*)?|[=:]\s*)?["'`]{table}["'`]"""
)
# The shortest class name taken as a Django table's suffix (`bot_exchangeaccount`).
MIN_SUFFIX_NAME = 6


def _stem(path: str) -> tuple[str, str]:
    stem, extension = posixpath.splitext(posixpath.basename(path))
    return _NOT_ALNUM.sub("", stem.lower()), extension.lower()


class EntityIndex:
    """The project's entity files by stem, from one pass over its paths: a dump naming
    thousands of tables asks it once per table, and each answer is a few lookups."""

    def __init__(self, paths: Iterable[str]) -> None:
        self._by_stem: dict[str, list[str]] = {}
        collections: list[tuple[str, str]] = []
        for path in paths:
            stem, extension = _stem(path)
            if extension not in ENTITY_EXTENSIONS:
                continue
            self._by_stem.setdefault(stem, []).append(path)
            if stem in COLLECTION_STEMS:
                collections.append((path, stem))
        self._collections = sorted(collections)
        # The files of many entities a table is given, by which of their stems it is
        # itself named for (nearly always none).
        self._other_collections: dict[frozenset[str], list[str]] = {}

    def files(self, table: str) -> list[str]:
        """The files named for ``table``, then the files of many entities
        (:data:`COLLECTION_STEMS`), at most MAX_ENTITY_FILES in all, each kind in path
        order."""
        stems = _stems(table)
        named = sorted(path for stem in stems for path in self._by_stem.get(stem, ()))
        own = stems & COLLECTION_STEMS
        collections = self._other_collections.get(own)
        if collections is None:
            collections = self._other_collections[own] = [
                path for path, stem in self._collections if stem not in own
            ][:MAX_ENTITY_FILES]
        return (named + collections)[:MAX_ENTITY_FILES]


def entity_files(table: str, paths: Iterable[str]) -> list[str]:
    """The project's files named for ``table``, then its files of many entities
    (:data:`COLLECTION_STEMS`), at most MAX_ENTITY_FILES in all, each kind in path order."""
    return EntityIndex(paths).files(table)


def _is_for(name: str, stems: frozenset[str]) -> bool:
    bare = _NOT_ALNUM.sub("", name.lower())
    return bare in stems or (
        len(bare) >= MIN_SUFFIX_NAME and any(stem.endswith(bare) for stem in stems)
    )


# Any table a class names (:data:`_NAMES_TABLE` with the name captured), tried at every
# position (a lookahead), so that no mention hides inside another's match.
_ANY_TABLE_NAMED = re.compile(
    "(?=(" + _NAMES_TABLE.format(table=r"""(?P<table>[^"'`\n]{1,256})""") + "))",
    re.IGNORECASE,
)


def _case_folded(text: str) -> str:
    """``text`` as the case-insensitive regex it replaces compares it (dotted and dotless I,
    long S and the Kelvin sign folded onto ASCII first)."""
    return folded(text).lower()


class EntityFile:
    """One file's classes, read once for every table asked of it.

    Each class's body runs to the next class header indented no deeper (found for all
    headers in one pass with a stack); the tables the file names (`__tablename__ = "t"`,
    `@@map("t")`) are indexed by name, and the class names by their bare spelling, so a
    table's class is a few lookups, not a pass over the file per table."""

    def __init__(self, path: str, text: str) -> None:
        self._text = text[:MAX_ENTITY_CHARS]
        self._file_stem = _stem(path)[0]
        headers = list(_HEADER.finditer(self._text))
        self._starts = [header.start() for header in headers]
        ends = [len(self._text)] * len(headers)
        open_headers: list[tuple[int, int]] = []  # (depth, index), depths increasing
        self._by_bare: dict[str, int] = {}
        for index, header in enumerate(headers):
            depth = len(header.group("indent").expandtabs())
            while open_headers and open_headers[-1][0] >= depth:
                ends[open_headers.pop()[1]] = header.start()
            open_headers.append((depth, index))
            self._by_bare.setdefault(_NOT_ALNUM.sub("", header.group("name").lower()), index)
        self._ends = ends
        # Bodies nest or are apart: a position's first (outermost) class is the top-level
        # one holding it.
        self._top: list[int] = []
        for index in range(len(headers)):
            if not self._top or self._starts[index] >= self._ends[self._top[-1]]:
                self._top.append(index)
        self._top_starts = [self._starts[index] for index in self._top]
        self._mentions: dict[str, list[int]] = {}
        for mention in _ANY_TABLE_NAMED.finditer(self._text):
            self._mentions.setdefault(_case_folded(mention.group("table")), []).append(
                mention.start()
            )

    def _outermost(self, position: int) -> int | None:
        at = bisect.bisect_right(self._top_starts, position) - 1
        if at < 0:
            return None
        index = self._top[at]
        return index if position < self._ends[index] else None

    def columns(self, table: str) -> tuple[str, ...]:
        """What :func:`entity_of` answers for ``table``."""
        stems = _stems(table)
        found: list[int] = []
        for stem in stems:
            # the stem itself, and (:func:`_is_for`) its ends of MIN_SUFFIX_NAME or more
            ends = (stem[start:] for start in range(1, len(stem) - MIN_SUFFIX_NAME + 1))
            for bare in (stem, *ends):
                index = self._by_bare.get(bare)
                if index is not None:
                    found.append(index)
        for position in self._mentions.get(_case_folded(table), ()):
            index = self._outermost(position)
            if index is not None:
                found.append(index)
        if found:
            first = min(found)
            return entity_columns(self._text[self._starts[first] : self._ends[first]])
        return entity_columns(self._text) if self._file_stem in stems else ()


def entity_of(path: str, text: str, table: str) -> tuple[str, ...]:
    """The columns ``table`` has by the entity in the file at ``path``: the class in it
    named for the table or naming it, else (a file named for the table) the whole
    file's fields; empty when neither, or when no field names a key or a secret."""
    return EntityFile(path, text).columns(table)


# How many files' classes a project keeps read (the files of many entities every table
# asks, and the few named for the tables being read).
MAX_KEPT_ENTITY_FILES = 8


class ProjectEntities:
    """The project's entities for every table a scan asks about: the paths indexed once,
    each file read and parsed once while it is asked, each table answered once."""

    def __init__(
        self, paths: Callable[[], Iterable[str]], read: Callable[[str], str | None]
    ) -> None:
        self._paths = paths
        self._read = read
        self._index: EntityIndex | None = None
        self._files: OrderedDict[str, EntityFile] = OrderedDict()
        self._tables: dict[str, tuple[str, ...] | None] = {}
        self._lock = threading.Lock()

    def columns(self, table: str) -> tuple[str, ...] | None:
        """The columns of ``table`` as the project's entity named for it declares them,
        or None: no such entity."""
        with self._lock:
            if table not in self._tables:
                self._tables[table] = self._look_up(table)
            return self._tables[table]

    def _look_up(self, table: str) -> tuple[str, ...] | None:
        if self._index is None:
            try:
                self._index = EntityIndex(self._paths())
            except Exception:  # noqa: BLE001 - no listing: no entity
                self._index = EntityIndex(())
        for path in self._index.files(table):
            columns = self._file(path).columns(table)
            if columns:
                return columns
        return None

    def _file(self, path: str) -> EntityFile:
        parsed = self._files.get(path)
        if parsed is None:
            try:
                text = self._read(path) or ""
            except Exception:  # noqa: BLE001 - an unreadable file is no file
                text = ""
            parsed = self._files[path] = EntityFile(path, text)
            if len(self._files) > MAX_KEPT_ENTITY_FILES:
                self._files.popitem(last=False)
        else:
            self._files.move_to_end(path)
        return parsed


def entity_columns(text: str) -> tuple[str, ...]:
    """The fields an entity's text declares, in order (each once); empty unless one of
    them names a key or a secret."""
    names: list[str] = []
    for line in text[:MAX_ENTITY_CHARS].splitlines():
        for regex in _FIELDS:
            match = regex.search(line)
            if match is not None:
                if match.group("name") not in names:
                    names.append(match.group("name"))
                break
    return tuple(names) if any(map(_CREDENTIAL.search, names)) else ()
