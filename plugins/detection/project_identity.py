"""A project that *is* a Binance client or bot, though it depends on no Binance SDK.

binance-futures-cpp talks to Binance over cpprest: no SDK to import, no dependency to
declare, and its key files hold bare values. What says Binance is the project's own
identity: the name its manifest gives it (``name = "binance-grid-bot"``) or its README's
title (``# Binance Futures C++``). Each place a project states its own name is a row of
:data:`IDENTITY_RULES`; the README's title is :func:`readme_title`.

Identity is weaker than use, so it asks more: the name or title must say Binance and name
no other exchange (``binance-bybit-arbitrage`` is a multi-exchange project; a README listing
twenty exchanges is no title), only the project's own name counts (a dependency's is
:data:`project_context.PROJECT_SIGNALS`' business), and only in the project's root directory
(a connector folder's ``README.md`` inside a multi-exchange bot describes that folder).
"""

from __future__ import annotations

import fnmatch
import posixpath
import re
from dataclasses import dataclass

from .other_services import other_exchange_end
from .patterns import BINANCE_WORD


@dataclass(frozen=True)
class IdentityRule:
    """Where a project states its own name: in files whose name matches ``files`` (a glob,
    case-insensitive), the group ``name`` of ``regex`` (case-insensitive, multi-line).
    ``example`` is a line of such a file, ``example_file`` its name (both tested)."""

    label: str
    files: str
    regex: str
    example_file: str
    example: str


# The project's own name, in the manifests the project signals already read (and the build
# files of languages without one). Anchored at the start of a line, or by indentation where
# a dependency would be nested deeper: a dependency named for Binance is a PROJECT_SIGNALS
# row, a dependency named anything else must not look like the project's name.
IDENTITY_RULES: tuple[IdentityRule, ...] = (
    IdentityRule(
        "package.json name",
        "package.json",
        r"""^(?:[ ]{1,2}|\t)?"name"[ \t]*:[ \t]*"(?P<name>[^"]+)\"""",
        "package.json",
        '  "name": "binance-trading-bot",',
    ),
    IdentityRule(
        "composer.json name",
        "composer.json",
        r"""^(?:[ ]{1,4}|\t)?"name"[ \t]*:[ \t]*"(?P<name>[^"]+)\"""",
        "composer.json",
        '    "name": "acme/binance-portfolio",',
    ),
    # [project] / [tool.poetry] of pyproject.toml, [package] of Cargo.toml, [metadata] of
    # setup.cfg: an unindented `name =` (dependencies are `binance = ...` or indented)
    IdentityRule(
        "pyproject.toml name",
        "pyproject.toml",
        r"""^name[ \t]*=[ \t]*["'](?P<name>[^"']+)["']""",
        "pyproject.toml",
        'name = "binance-trade-bot"',
    ),
    IdentityRule(
        "Cargo.toml name",
        "Cargo.toml",
        r"""^name[ \t]*=[ \t]*["'](?P<name>[^"']+)["']""",
        "Cargo.toml",
        'name = "binance-grid-bot"',
    ),
    # a virtual workspace's root manifest has no [package] name: its crates are its name.
    # One line, as `git grep` hands a manifest's lines to the history sweep (a list over
    # several lines is not read); bounded, so an unclosed `members = [` costs one line.
    IdentityRule(
        "Cargo workspace members",
        "Cargo.toml",
        r"""^members[ \t]*=[ \t]*\[(?P<name>[^\]\n]{1,2000})\]""",
        "Cargo.toml",
        'members = ["binance-common", "binance-spot", "binance-futures"]',
    ),
    IdentityRule(
        "setup.cfg name",
        "setup.cfg",
        r"""^name[ \t]*=[ \t]*(?P<name>\S+)""",
        "setup.cfg",
        "name = binance_watcher",
    ),
    IdentityRule(
        "setup.py name",
        "setup.py",
        r"""^[ \t]*name[ \t]*=[ \t]*["'](?P<name>[^"']+)["']""",
        "setup.py",
        '    name="binance-trading-bot",',
    ),
    IdentityRule(
        "Go module path",
        "go.mod",
        r"""^module[ \t]+(?P<name>\S+)""",
        "go.mod",
        "module github.com/acme/binance-bot",
    ),
    # pom.xml: the project's own coordinates and name sit one level in; a dependency's
    # artifactId sits three levels in (<dependencies><dependency><artifactId>)
    IdentityRule(
        "pom.xml artifact",
        "pom.xml",
        r"""^(?:[ ]{1,4}|\t)<(?:artifactId|name)>(?P<name>[^<]+)</""",
        "pom.xml",
        "    <artifactId>binance-futures-trader</artifactId>",
    ),
    IdentityRule(
        "Gradle project name",
        "settings.gradle*",
        r"""rootProject\.name[ \t]*=[ \t]*["'](?P<name>[^"']+)["']""",
        "settings.gradle.kts",
        'rootProject.name = "BinanceManager"',
    ),
    IdentityRule(
        ".NET assembly",
        "*.csproj",
        r"""<(?:AssemblyName|RootNamespace|PackageId)>(?P<name>[^<]+)</""",
        "BinanceBot.csproj",
        "    <RootNamespace>BinanceBot</RootNamespace>",
    ),
    IdentityRule(
        "pubspec.yaml name",
        "pubspec.yaml",
        r"""^name:[ \t]*(?P<name>[\w-]+)""",
        "pubspec.yaml",
        "name: binance_wallet",
    ),
    IdentityRule(
        "mix.exs app",
        "mix.exs",
        r"""\bapp:[ \t]*:(?P<name>\w+)""",
        "mix.exs",
        "      app: :binance_trader,",
    ),
    IdentityRule(
        "gemspec name",
        "*.gemspec",
        r"""\.name[ \t]*=[ \t]*["'](?P<name>[^"']+)["']""",
        "binance-ruby.gemspec",
        "  spec.name = 'binance-ruby'",
    ),
    # C and C++ have no manifest: CMake's project() is the name the build gives it
    IdentityRule(
        "CMake project",
        "CMakeLists.txt",
        r"""^[ \t]*project[ \t]*\([ \t]*(?P<name>[\w.+-]+)""",
        "CMakeLists.txt",
        "project(BinanceFuturesCpp VERSION 1.0)",
    ),
)

_RULES = tuple(
    (rule, re.compile(rule.regex, re.IGNORECASE | re.MULTILINE)) for rule in IDENTITY_RULES
)

README_LABEL = "README title"
README_GLOB = "readme*"


def says_binance_alone(text: str) -> bool:
    """Whether ``text`` says Binance and names no other exchange."""
    return BINANCE_WORD.search(text) is not None and other_exchange_end(text) is None


def own_name_label(file_name: str, text: str) -> str | None:
    """The label of the rule that finds, in ``text`` of a file called ``file_name``, the
    project's own name saying Binance alone; None if none does."""
    lowered = file_name.lower()
    for rule, regex in _RULES:
        if not fnmatch.fnmatchcase(lowered, rule.files.lower()):
            continue
        for match in regex.finditer(text):
            if says_binance_alone(match.group("name")):
                return rule.label
    return None


_FENCE = re.compile(r"^[ \t]{0,3}(?:```|~~~)")
# The heading's text is stripped of its closing `#`s in Python: a lazy `(.*?)[ \t#]*$` tried
# every split of a long run of blanks (quadratic in the line).
_ATX = re.compile(r"^[ \t]{0,3}(#{1,6})(?:[ \t]+|$)(.*)")
_SETEXT_H1 = re.compile(r"^[ \t]{0,3}=+[ \t]*$")
_SETEXT_H2 = re.compile(r"^[ \t]{0,3}-+[ \t]*$")
_HTML_HEADING = re.compile(r"<h([1-6])\b[^>]*>(.*?)</h\1>", re.IGNORECASE)
# What a heading's words are not: link targets, image sources, HTML tags (a badge's URL
# names the SDK's PyPI page, a logo's path the exchange's).
_NOT_WORDS = re.compile(r"\]\([^)]*\)|<[^>]*>|https?://\S+")
_LETTER = re.compile(r"[^\W\d_]")
# The title is read from the README's opening: a notice above it (binance-futures-cpp's
# `# UPDATE #`) is part of it, a body beyond it is not.
MAX_TITLE_LINES = 40
# A title line is read this far: a heading is a line, not a megabyte, and the HTML heading
# and link regexes are quadratic in a line of unclosed `<h1>` or `](` (docs/threat-model.md).
MAX_TITLE_LINE_CHARS = 2000


def readme_title(text: str) -> str:
    """A README's title: its level-1 headings (Markdown `#`, setext `===`, HTML `<h1>`)
    before its first deeper heading, within its first MAX_TITLE_LINES lines, outside code
    fences; without one, its first line with a letter (a plain or reStructuredText title).
    Link targets and tags are left out."""
    titles: list[str] = []
    first_line = ""
    fenced = False
    previous = ""
    for whole_line in text.splitlines()[:MAX_TITLE_LINES]:
        line = whole_line[:MAX_TITLE_LINE_CHARS]
        if _FENCE.match(line):
            fenced = not fenced
            previous = ""
            continue
        if fenced:
            continue
        level, heading = _heading(line, previous)
        previous = line
        if level == 1:
            titles.append(heading)
        elif level > 1:
            break
        if not first_line and level == 0 and _LETTER.search(_NOT_WORDS.sub(" ", line)):
            first_line = line
    return _NOT_WORDS.sub(" ", "\n".join(titles) if titles else first_line).strip()


def _heading(line: str, previous: str) -> tuple[int, str]:
    """(level, text) of a heading line (a setext underline makes ``previous`` one), else
    (0, "")."""
    atx = _ATX.match(line)
    if atx:
        return len(atx.group(1)), atx.group(2).rstrip(" \t#")
    html = _HTML_HEADING.search(line)
    if html:
        return int(html.group(1)), html.group(2)
    if previous.strip() and _LETTER.search(previous):
        if _SETEXT_H1.match(line):
            return 1, previous
        if _SETEXT_H2.match(line) and not previous.lstrip().startswith(("-", "*", "|")):
            return 2, previous
    return 0, ""


def is_identity_file(file_name: str) -> bool:
    """Whether a file called ``file_name`` is one where a project states its own name."""
    lowered = file_name.lower()
    return fnmatch.fnmatchcase(lowered, README_GLOB) or any(
        fnmatch.fnmatchcase(lowered, rule.files.lower()) for rule in IDENTITY_RULES
    )


def needs_whole_file(file_name: str) -> bool:
    """Whether the identity of a file called ``file_name`` can only be read from its whole
    text (a README's title), not from one of its lines."""
    return fnmatch.fnmatchcase(file_name.lower(), README_GLOB)


def identity_label(path: str, text: str) -> str | None:
    """What in the file at ``path`` (its whole ``text``, or for a manifest any of its
    lines) says the project is Binance's: a rule's label, README_LABEL, or None."""
    name = posixpath.basename(path)
    if needs_whole_file(name):
        return README_LABEL if says_binance_alone(readme_title(text)) else None
    return own_name_label(name, text)


def in_root(path: str, root: str) -> bool:
    """Whether ``path`` lies directly in the project root ``root`` ("" for the top): only
    there does a file state the project's identity."""
    return posixpath.dirname(path) == root
