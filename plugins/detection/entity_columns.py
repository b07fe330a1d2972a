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

import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass


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


def entity_files(table: str, paths: Iterable[str]) -> list[str]:
    """The project's files named for ``table``, then its files of many entities
    (:data:`COLLECTION_STEMS`), at most MAX_ENTITY_FILES in all, each kind in path order."""
    stems = _stems(table)
    named, collections = [], []
    for path in paths:
        stem, extension = _stem(path)
        if extension not in ENTITY_EXTENSIONS:
            continue
        if stem in stems:
            named.append(path)
        elif stem in COLLECTION_STEMS:
            collections.append(path)
    return (sorted(named) + sorted(collections))[:MAX_ENTITY_FILES]


def _is_for(name: str, stems: frozenset[str]) -> bool:
    bare = _NOT_ALNUM.sub("", name.lower())
    return bare in stems or (
        len(bare) >= MIN_SUFFIX_NAME and any(stem.endswith(bare) for stem in stems)
    )


def entity_of(path: str, text: str, table: str) -> tuple[str, ...]:
    """The columns ``table`` has by the entity in the file at ``path``: the class in it
    named for the table or naming it, else (a file named for the table) the whole
    file's fields; empty when neither, or when no field names a key or a secret."""
    text = text[:MAX_ENTITY_CHARS]
    stems = _stems(table)
    names_table = re.compile(_NAMES_TABLE.format(table=re.escape(table)), re.IGNORECASE)
    headers = list(_HEADER.finditer(text))
    for index, header in enumerate(headers):
        depth = len(header.group("indent").expandtabs())
        end = next(
            (
                later.start()
                for later in headers[index + 1 :]
                if len(later.group("indent").expandtabs()) <= depth
            ),
            len(text),
        )
        body = text[header.start() : end]
        if _is_for(header.group("name"), stems) or names_table.search(body):
            return entity_columns(body)
    return entity_columns(text) if _stem(path)[0] in stems else ()


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
