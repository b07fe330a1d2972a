"""Files that hold nothing but a key and its secret.

Bots keep their credentials in files with no names at all: an ``apiKey.txt`` of two lines,
a ``binance.txt`` holding ``key,secret``, a CSV of ``API_key,<key>`` / ``Secret_key,<secret>``
rows. No line names a credential, so the line rules find nothing; the file's shape does.
Each shape is a row of :data:`BARE_SHAPES` (a regex over the whole file, with an example);
the values it finds are Binance's only where the file's path or text, or its project, says
Binance, like any positional value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .classify import type_for_name
from .environment import DEMO, PRODUCTION, TESTNET
from .findings import API_KEY, SECRET_KEY
from .name_rules import name_words
from .other_services import denied_by

# A file longer than this is not a credentials file of this kind.
MAX_BARE_LINES = 8

_VALUE = r"[A-Za-z0-9]{64}"
_LABEL = r"[A-Za-z][A-Za-z _\-]{0,30}"


@dataclass(frozen=True)
class BareShape:
    """A whole-file shape: ``regex`` (verbose, multi-line) matches the file's text; its
    ``key`` and ``secret`` groups are the values, or (``labelled``) every line is a
    ``label,value`` row (CSV or TSV: ``label=value`` and ``label: value`` are the name
    rules' job) whose label names what the value is. A ``label`` group is the line above
    the values; where it names an environment (:data:`LABEL_ENVIRONMENTS`), the values are
    that environment's (binance-futures-cpp reads `live` or `test`, then the key and the
    secret, from its key file; the futures testnet issues 64-hex keys)."""

    label: str
    regex: str
    example: str
    labelled: bool = False
    # A file of one value: its file's name (the ``example_file`` of the example) names it,
    # as a line's name would (`binance-key`, `api_secret.txt`).
    named_by_file: bool = False
    example_file: str = ""


BARE_SHAPES: tuple[BareShape, ...] = (
    BareShape(
        "key and secret on two lines",
        rf"\A\s*(?P<key>{_VALUE})[ \t]*\r?\n\s*(?P<secret>{_VALUE})\s*\Z",
        "<key>\n<secret>\n",
    ),
    BareShape(
        # A desktop form saves what its fields hold, one per line: the key, the secret,
        # then settings (a Java futures tool's apiKey.txt: the USD-M
        # and COIN-M base URLs). Each setting is one token, no third key-shaped value.
        "key and secret on two lines, then settings of one token each",
        rf"\A\s*(?P<key>{_VALUE})[ \t]*\r?\n[ \t]*(?P<secret>{_VALUE})"
        rf"(?:[ \t]*\r?\n[ \t]*(?![A-Za-z0-9]{{64}}\s*(?:\n|\Z))[^\s]{{1,200}})+\s*\Z",
        "<key>\n<secret>\nhttps://fapi.binance.com\nhttps://dapi.binance.com\n",
    ),
    BareShape(
        "key,secret on one line",
        rf"\A\s*(?P<key>{_VALUE})[ \t]*[,;:| \t][ \t]*(?P<secret>{_VALUE})\s*\Z",
        "<key>,<secret>\n",
    ),
    BareShape(
        "a label line, then key and secret",
        rf"\A\s*(?P<label>[A-Za-z][\w-]{{0,19}})[ \t]*\r?\n\s*(?P<key>{_VALUE})[ \t]*\r?\n"
        rf"\s*(?P<secret>{_VALUE})\s*\Z",
        "test\n<key>\n<secret>\n",
    ),
    BareShape(
        "label,value rows",
        rf"\A(?:\s*{_LABEL}[ \t]*[,;\t][ \t]*[\"']?{_VALUE}[\"']?[ \t]*(?:\r?\n|\Z))+\s*\Z",
        "API_key,<key>\nSecret_key,<secret>\n",
        labelled=True,
    ),
    BareShape(
        "one value alone, named by the file's name",
        rf"\A\s*(?P<value>{_VALUE})\s*\Z",
        "<secret>\n",
        named_by_file=True,
        example_file="binance-secret",
    ),
)
_COMPILED = tuple(re.compile(shape.regex) for shape in BARE_SHAPES)

# A bare file's label line -> the environment its values are for.
LABEL_ENVIRONMENTS: dict[str, str] = {
    **dict.fromkeys(("test", "testnet", "sandbox", "paper"), TESTNET),
    "demo": DEMO,
    **dict.fromkeys(("live", "prod", "production", "mainnet", "real"), PRODUCTION),
}
_ROW = re.compile(rf"(?P<label>{_LABEL}?)[ \t]*[,;\t][ \t]*[\"']?(?P<value>{_VALUE})")


@dataclass(frozen=True)
class BareValue:
    """A value a bare file holds: its type, 0-based line index and column, and the label
    naming it (None for an unlabelled value)."""

    type: str
    value: str
    index: int
    column: int
    name: str | None = None
    environment: str | None = None


def _label_type(label: str) -> str | None:
    """The type a label or a file's name gives its value, as a line's name would
    (:func:`classify.type_for_name`: `Secret_key`, `binance-key`, and node-localstorage's
    `skey` file of the secret), None for another service's."""
    if denied_by(name_words(label)):
        return None
    return type_for_name(label)


def bare_values(texts: list[str], file_name: str = "") -> list[BareValue]:
    """The values of a file of ``texts`` (its lines) whose whole text is one of
    :data:`BARE_SHAPES`, else none. ``file_name`` (the last part of its path) names a
    file of one value (a Dockerfile's `COPY binance-key .` of a bot's key file)."""
    if not texts or len(texts) > MAX_BARE_LINES:
        return []
    text = "\n".join(texts)
    for shape, regex in zip(BARE_SHAPES, _COMPILED):
        match = regex.match(text)
        if match is None:
            continue
        if shape.labelled:
            return _labelled(texts)
        if shape.named_by_file:
            return _named_by_file(match, file_name)
        label = match.groupdict().get("label")
        environment = LABEL_ENVIRONMENTS.get(label.lower()) if label else None
        found = []
        for group, secret_type in (("key", API_KEY), ("secret", SECRET_KEY)):
            start = match.start(group)
            index = text.count("\n", 0, start)
            column = start - (text.rfind("\n", 0, start) + 1)
            found.append(
                BareValue(secret_type, match.group(group), index, column, None, environment)
            )
        return found
    return []


def _named_by_file(match: re.Match[str], file_name: str) -> list[BareValue]:
    """The one value of a file whose name says what it is (`binance-key`, `secret.txt`);
    a name that names neither (`token`, `data.txt`) leaves it unnamed, so not found."""
    stem = file_name.partition(".")[0]
    secret_type = _label_type(stem) if stem else None
    if secret_type is None:
        return []
    text, start = match.string, match.start("value")
    index = text.count("\n", 0, start)
    column = start - (text.rfind("\n", 0, start) + 1)
    return [BareValue(secret_type, match.group("value"), index, column, stem)]


def _labelled(texts: list[str]) -> list[BareValue]:
    found = []
    for index, line in enumerate(texts):
        row = _ROW.search(line)
        if row is None:
            continue
        label = row.group("label").strip()
        secret_type = _label_type(label)
        if secret_type is not None:
            found.append(
                BareValue(secret_type, row.group("value"), index, row.start("value"), label)
            )
    return found
