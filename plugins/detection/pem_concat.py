"""The table of ways code writes a PEM private key as joined string literals.

A key pasted into source is often split into one literal per PEM line and joined:
``"-----BEGIN PRIVATE KEY-----\\n" + "MC4C...\\n" + "-----END PRIVATE KEY-----"`` (Java, C#,
JS/TS, Go), adjacent literals in parentheses (Python, C), PHP's ``.``, a list of lines
joined at run time. Read line by line, no single line holds a PEM block, so
:func:`reassemble` starts at the literal holding the header and collects the literals that
follow it, joined the way one row of :data:`CONCAT_STYLES` says, until one holds the END
marker. Each row carries an example (``{BEGIN}``, ``{BODY}``, ``{END}``: the line holding
``{BODY}`` stands once per body line) that tests/test_pem_concat.py renders with a key
generated at test time and scans; adding a style is adding a row.

The joined text is normalised to the canonical PEM form (the body rewrapped at 64 characters,
as OpenSSL and ``cryptography`` write it), so the finding's value and fingerprint are the
same as the same key's plain PEM file, and ``check`` can load it. Whether that is a key is
decided by :func:`pem.has_key_body`, as for any other PEM.

Cost: only the literals within :data:`MAX_CONCAT_CHARS` characters and
:data:`MAX_CONCAT_LINES` lines after the header are read, and never past the next header;
each row's join is tried once at each piece (a regex ``match`` at a position, no search), so
a header costs at most (distinct joins) x (window) and a file stays linear.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .patterns import PEM_BEGIN, PEM_END

# An RSA-4096 PKCS#8 PEM is about 3,300 characters in 52 lines; quoting, indentation and
# operators add some 20-50 characters a line. A block not closed within these is not one.
MAX_CONCAT_CHARS = 8192
MAX_CONCAT_LINES = 160
# The literal holding a header opens at most this far before it (`"\\n-----BEGIN`, `@"`).
QUOTE_LOOKBACK_CHARS = 16
# The canonical PEM body width (RFC 7468 section 2; OpenSSL and cryptography write it).
PEM_WIDTH = 64

# What may stand between two pieces besides the operator: blanks, newlines, and a backslash
# that continues the line (Python, Ruby, C macros).
_GAP = r"(?:\s|\\\r?\n)*"

# One piece: a one-line string literal (with the prefixes of Python `r"`/`b"`/`f"`, C#
# `@"`/`$"`, C++ `u8"`/`L"`), or a constant that stands for a line break between pieces.
_PIECE = re.compile(
    r"""(?:[rRbBuUfF]{1,2}|u8|L|@|\$)?"""
    r"""(?:"(?P<double>(?:[^"\\\n]|\\.)*)"|'(?P<single>(?:[^'\\\n]|\\.)*)'"""
    r"""|`(?P<back>(?:[^`\\\n]|\\.)*)`)"""
    r"""|(?P<newline>PHP_EOL|Environment\.NewLine|System\.lineSeparator\(\)|os\.linesep)"""
)
# The rest of the literal that holds the header, up to its closing quote.
_REST_OF_LITERAL = {
    quote: re.compile(rf"(?:[^{quote}\\\n]|\\.)*{quote}") for quote in ('"', "'", "`")
}
# Line breaks inside a literal, escaped or (in a backtick literal) literal.
_LINE_BREAK = re.compile(r"\\r\\n|\\n|\\r|\r?\n")
_BLANKS = re.compile(r"\s+|\\t")

# The joins: what stands between two literals.
PLUS = re.compile(_GAP + r"\+" + _GAP)
ADJACENT = re.compile(_GAP)
DOT = re.compile(_GAP + r"\.(?![.=])" + _GAP)
COMMA = re.compile(_GAP + r"," + _GAP)
# `pem += "..."` / `$pem .= "..."` on the next statement.
# (The `;` is optional without a second gap around it: two gaps side by side would split a
# run of blanks every way, quadratic in the run.)
APPEND = re.compile(_GAP + r"(?:;" + _GAP + r")?\$?[A-Za-z_][\w.]{0,60}\s*(?:\+=|\.=)" + _GAP)

# `sb.append("...");` statements or a chained `.append("...")` (Java StringBuilder, C#
# `Append`/`AppendLine`); after `)` one gap only, then a literal `;`, for the same reason.
APPEND_CALL = re.compile(
    _GAP + r"\)" + _GAP + r"(?:;" + _GAP + r"[A-Za-z_][\w.]{0,60}" + _GAP + r")?"
    r"\.(?:append|Append|AppendLine)\(" + _GAP
)


@dataclass(frozen=True)
class ConcatStyle:
    """One way of writing a PEM as joined literals."""

    name: str
    languages: str
    join: re.Pattern[str]  # what stands between two literals, blanks and newlines included
    example: str  # {BEGIN}/{END} are the markers; the line holding {BODY} is repeated


CONCAT_STYLES: tuple[ConcatStyle, ...] = (
    ConcatStyle(
        "plus at line end",
        "Java, Kotlin, C#, Swift, Dart",
        PLUS,
        'String privateKey = "{BEGIN}\\n" +\n'
        '        "{BODY}\\n" +\n'
        '        "{END}";',
    ),
    ConcatStyle(
        "plus first (google-java-format, C#)",
        "Java, C#",
        PLUS,
        "var privateKey =\n"
        '    "{BEGIN}" + Environment.NewLine\n'
        '    + "{BODY}" + Environment.NewLine\n'
        '    + "{END}";',
    ),
    ConcatStyle(
        "plus, single quotes (prettier)",
        "JavaScript, TypeScript",
        PLUS,
        "const privateKey: string =\n"
        "  '{BEGIN}\\n' +\n"
        "  '{BODY}\\n' +\n"
        "  '{END}\\n';",
    ),
    ConcatStyle(
        "Go plus",
        "Go",
        PLUS,
        'privateKey := "{BEGIN}\\n" +\n'
        '\t"{BODY}\\n" +\n'
        '\t"{END}"',
    ),
    ConcatStyle(
        "adjacent literals in parentheses",
        "Python",
        ADJACENT,
        "PRIVATE_KEY = (\n"
        '    "{BEGIN}\\n"\n'
        '    "{BODY}\\n"\n'
        '    "{END}\\n"\n'
        ")",
    ),
    ConcatStyle(
        "adjacent literals, backslash continuation",
        "Python, Ruby, C",
        ADJACENT,
        'private_key = "{BEGIN}\\n" \\\n'
        '    "{BODY}\\n" \\\n'
        '    "{END}"',
    ),
    ConcatStyle(
        "adjacent literals, no line breaks",
        "C, C++, Python",
        ADJACENT,
        'static const char *private_key = "{BEGIN}"\n'
        '    "{BODY}"\n'
        '    "{END}";',
    ),
    ConcatStyle(
        "PHP dot",
        "PHP, Perl",
        DOT,
        '$privateKey = "{BEGIN}" . PHP_EOL .\n'
        '    "{BODY}" . PHP_EOL .\n'
        '    "{END}";',
    ),
    ConcatStyle(
        "list of lines",
        "Rust concat!, Python \"\".join([...]), JavaScript [...].join('')",
        COMMA,
        "const PRIVATE_KEY: &str = concat!(\n"
        '    "{BEGIN}\\n",\n'
        '    "{BODY}\\n",\n'
        '    "{END}\\n",\n'
        ");",
    ),
    ConcatStyle(
        "appended statement by statement",
        "JavaScript, PHP, Python",
        APPEND,
        'let privateKey = "{BEGIN}\\n";\n'
        'privateKey += "{BODY}\\n";\n'
        'privateKey += "{END}";',
    ),
    ConcatStyle(
        "StringBuilder append",
        "Java, C#",
        APPEND_CALL,
        "StringBuilder privateKey = new StringBuilder();\n"
        'privateKey.append("{BEGIN}\\n");\n'
        'privateKey.append("{BODY}\\n");\n'
        'privateKey.append("{END}");',
    ),
)

# Each distinct join once, in table order.
_JOINS: tuple[re.Pattern[str], ...] = tuple(dict.fromkeys(row.join for row in CONCAT_STYLES))


def reassemble(lines: Sequence[str], start: int) -> str | None:
    """The canonical PEM text whose header sits in a string literal on ``lines[start]`` and
    whose other lines follow in literals joined by one of the table's joins; None if there
    is none (no literal, no join, no END within the bounds)."""
    first = lines[start]
    begin = PEM_BEGIN.search(first)
    if begin is None:
        return None
    since = max(0, begin.start() - QUOTE_LOOKBACK_CHARS)
    quote_at = max(first.rfind(quote, since, begin.start()) for quote in _REST_OF_LITERAL)
    if quote_at < 0:
        return None  # the header is not in a literal
    window = _window(lines, start, begin.start())
    head = _REST_OF_LITERAL[first[quote_at]].match(window)
    if head is None:
        return None  # the literal does not close on its line
    opening = window[: head.end() - 1]
    if PEM_END.search(opening):
        return None  # one literal holds the whole block: pem's own escaped-newline case
    for join in _JOINS:
        content = _joined(window, head.end(), opening, join)
        if content is not None:
            return normalise(content)
    return None


def _window(lines: Sequence[str], start: int, column: int) -> str:
    """The text from the header on, at most MAX_CONCAT_CHARS and MAX_CONCAT_LINES long,
    cut where another header begins."""
    parts: list[str] = []
    room = MAX_CONCAT_CHARS
    for line in lines[start : start + MAX_CONCAT_LINES]:
        part = line[column : column + room] if not parts else line[:room]
        parts.append(part)
        room -= len(part) + 1
        if room <= 0:
            break
    window = "\n".join(parts)
    following = PEM_BEGIN.search(window, 1)
    return window if following is None else window[: following.start()]


def _joined(window: str, at: int, opening: str, join: re.Pattern[str]) -> str | None:
    """The literals' text from the header to the END marker, pieces joined by ``join``
    starting at ``at``; None if a piece or join is missing before END."""
    content = [opening]
    while True:
        gap = join.match(window, at)
        if gap is None:
            return None
        piece = _PIECE.match(window, gap.end())
        if piece is None:
            return None
        at = piece.end()
        if piece.group("newline") is not None:
            content.append("\n")
            continue
        text = next(group for group in piece.group("double", "single", "back") if group is not None)
        end = PEM_END.search(text)
        if end is not None:
            content.append(text[: end.end()])
            return "".join(content)
        content.append(text)


def normalise(content: str) -> str | None:
    """``-----BEGIN ...-----`` + header fields + the body rewrapped at 64 + ``-----END
    ...-----``, from literal text whose line breaks may be escaped, literal, or missing
    (pieces joined without ``\\n``); None if the markers do not match."""
    begin = PEM_BEGIN.match(content)
    end = PEM_END.search(content)
    if begin is None or end is None or end.start() < begin.end():
        return None
    if end.group(0) != begin.group(0).replace("BEGIN", "END", 1):
        return None
    lines = [line.strip() for line in _LINE_BREAK.split(content[begin.end() : end.start()])]
    fields = [line for line in lines if ":" in line]
    body = _BLANKS.sub("", "".join(line for line in lines if ":" not in line))
    wrapped = [body[index : index + PEM_WIDTH] for index in range(0, len(body), PEM_WIDTH)]
    return "\n".join([begin.group(0), *fields, *wrapped, end.group(0)])

