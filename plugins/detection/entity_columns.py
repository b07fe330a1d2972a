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
        r"""(?:[\w.]+\.)?(?:Column|mapped_column|\w*Field)\(""",
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


def entity_files(table: str, paths: Iterable[str]) -> list[str]:
    """The project's files named for ``table`` (at most MAX_ENTITY_FILES), in path order."""
    stems = _stems(table)
    found = []
    for path in paths:
        stem, extension = posixpath.splitext(posixpath.basename(path))
        if extension.lower() in ENTITY_EXTENSIONS and _NOT_ALNUM.sub("", stem.lower()) in stems:
            found.append(path)
    return sorted(found)[:MAX_ENTITY_FILES]


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
