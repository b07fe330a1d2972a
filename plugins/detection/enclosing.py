"""The blocks that enclose a line, further up than the lines around it.

Multi-exchange configs give each exchange a block and every block the same generic names:

    exchanges:
      binance:
        enabled: true
        ... ten more settings ...
        key: V
      okx:
        ... ten more settings ...
        key: V

Five lines around `key:` may not reach the header that says whose it is; the whole file
says Binance, so OKX's key would be taken for Binance's. The headers of the blocks that
enclose the line (by indentation: a YAML mapping, a JSON or Python object, a TOML/INI
section) are what decides, so they are given to classification as the lines above its
window, nearest last: the exchange named nearest above a value is then the one whose block
it is in.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

# How far up a block's header is looked for: a block of settings is rarely longer.
MAX_BLOCK_LINES = 80
# At most this many enclosing headers are kept (the innermost ones).
MAX_HEADERS = 4

# A line that opens a block: `name:` (YAML), `"name": {`, `name = {`, `name: [`, `Name(`.
_OPENS = re.compile(r"""[:{\[(]\s*(?:#.*|//.*)?$""")
# A TOML/INI section header at the left margin: `[exchanges.binance]`, `[[accounts]]`.
_SECTION = re.compile(r"""^\[\[?[^\[\]\n]{1,120}\]\]?\s*(?:[#;].*)?$""")


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip(" \t"))


def has_sections(texts: Sequence[str]) -> bool:
    """Whether the file has TOML/INI section headers (asked once per file)."""
    return any(text.startswith("[") and _SECTION.match(text) for text in texts)


def enclosing_headers(
    texts: Sequence[str], index: int, window: int, sections: bool = True
) -> tuple[str, ...]:
    """The headers of the blocks around line ``index`` of ``texts`` that stand above the
    ``window`` lines before it (those are seen already), outermost first. A line at the
    left margin is enclosed only by a section header (``sections``: the file has some)."""
    line = texts[index]
    indent = _indent(line)
    if indent == 0 and not sections:
        return ()
    headers: list[str] = []
    first = max(0, index - MAX_BLOCK_LINES)
    for above in range(index - 1, first - 1, -1):
        text = texts[above]
        if not text.strip():
            continue
        if _SECTION.match(text):
            if above < index - window:
                headers.append(text)
            break  # a section starts at its header: nothing above encloses the line
        depth = _indent(text)
        if depth < indent and _OPENS.search(text):
            if above < index - window:
                headers.append(text)
            indent = depth
            if depth == 0 or len(headers) >= MAX_HEADERS:
                break
    return tuple(reversed(headers))
