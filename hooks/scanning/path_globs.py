"""Path globs from a project config, matched by our own code (never compiled to a regex).

A glob in ``.binance-secrets.toml`` comes from the repository being scanned, which may be a
pull request: it is matched here segment by segment, in time bounded by the product of the
glob's and the path's lengths, so no pattern can make a scan slow (Python's ``re`` on a
translated glob backtracks on ``*a*a*a*...``).

The rules are gitignore's, which every user of ``.gitignore`` already knows:

- ``*`` matches any run of characters within one path segment, ``?`` one character,
  ``[abc]`` / ``[a-z]`` / ``[!abc]`` one character of (or not of) a set;
- ``**`` as a whole segment matches any number of segments, none included
  (``vendor/**``, ``**/fixtures/*.json``);
- a glob without ``/`` (``*.min.js``) matches a file or directory name at any depth;
  one with a ``/`` is anchored at the repository root (a leading ``/`` only anchors);
- a glob that matches a directory matches everything below it (``vendor`` and
  ``vendor/`` exclude ``vendor/a/b.py``); a trailing ``/`` matches directories only.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

DOUBLE_STAR = "**"


def _class_end(glob: str, start: int) -> int:
    """The index just past the ``]`` closing the class opened at ``start``, or -1."""
    index = start + 1
    if index < len(glob) and glob[index] == "!":
        index += 1
    if index < len(glob) and glob[index] == "]":
        index += 1  # a leading ] is a member
    close = glob.find("]", index)
    return -1 if close < 0 else close + 1


def _in_class(spec: str, char: str) -> bool:
    """Whether ``char`` is in the class ``spec`` (the text between ``[`` and ``]``)."""
    negate = spec.startswith("!")
    body = spec[1:] if negate else spec
    found = False
    index = 0
    while index < len(body):
        if index + 2 < len(body) and body[index + 1] == "-":
            if body[index] <= char <= body[index + 2]:
                found = True
            index += 3
        else:
            found = found or body[index] == char
            index += 1
    return found != negate


def _tokens(segment: str) -> tuple[tuple[str, str], ...]:
    """A segment's glob as (kind, text) tokens: ("*", ""), ("?", ""), ("[", spec), ("=", c)."""
    tokens: list[tuple[str, str]] = []
    index = 0
    while index < len(segment):
        char = segment[index]
        if char == "*":
            if not tokens or tokens[-1][0] != "*":
                tokens.append(("*", ""))
            index += 1
        elif char == "?":
            tokens.append(("?", ""))
            index += 1
        elif char == "[" and (end := _class_end(segment, index)) > 0:
            tokens.append(("[", segment[index + 1 : end - 1]))
            index = end
        else:
            if char == "\\" and index + 1 < len(segment):
                index += 1
                char = segment[index]
            tokens.append(("=", char))
            index += 1
    return tuple(tokens)


def _one(token: tuple[str, str], char: str) -> bool:
    kind, text = token
    return kind == "?" or (kind == "[" and _in_class(text, char)) or (kind == "=" and text == char)


def segment_matches(tokens: tuple[tuple[str, str], ...], name: str) -> bool:
    """Whether one path segment matches one glob segment: the classic wildcard walk that
    remembers the last ``*`` and retries from it, never more than len(tokens)*len(name)."""
    t = n = 0
    star_t, star_n = -1, 0
    while n < len(name):
        if t < len(tokens) and tokens[t][0] == "*":
            star_t, star_n = t, n
            t += 1
        elif t < len(tokens) and _one(tokens[t], name[n]):
            t += 1
            n += 1
        elif star_t >= 0:
            star_n += 1
            t, n = star_t + 1, star_n
        else:
            return False
    while t < len(tokens) and tokens[t][0] == "*":
        t += 1
    return t == len(tokens)


@dataclass(frozen=True)
class PathGlob:
    """One glob, parsed once: its segments, and whether it is anchored or directory-only."""

    text: str
    segments: tuple[tuple[tuple[str, str], ...] | None, ...]  # None stands for **
    anchored: bool
    directory_only: bool

    def matches(self, path: str) -> bool:
        """Whether ``path`` (relative to the repository root, ``/``-separated) or one of
        the directories it lies in matches."""
        parts = [part for part in path.split("/") if part not in ("", ".")]
        if not parts or ".." in parts:
            return False
        # A file is matched by the glob itself; every directory above it by the glob too
        # (then everything below that directory is matched).
        last = len(parts) if not self.directory_only else len(parts) - 1
        return any(self._matches_parts(parts[:end]) for end in range(1, last + 1))

    def _matches_parts(self, parts: list[str]) -> bool:
        if not self.anchored:
            return bool(self.segments) and segment_matches(self.segments[0] or (), parts[-1])
        return _segments_match(self.segments, tuple(parts))


def _segments_match(
    segments: tuple[tuple[tuple[str, str], ...] | None, ...], parts: tuple[str, ...]
) -> bool:
    """Whether the glob's segments match the path's parts exactly, ``**`` spanning any
    number of parts: a table over (glob segment, path part), filled once each."""
    reach = [False] * (len(parts) + 1)  # reach[j]: the segments so far match parts[:j]
    reach[0] = True
    for segment in segments:
        following = [False] * (len(parts) + 1)
        if segment is None:
            seen = False
            for j in range(len(parts) + 1):
                seen = seen or reach[j]
                following[j] = seen
        else:
            for j in range(len(parts)):
                if reach[j] and segment_matches(segment, parts[j]):
                    following[j + 1] = True
        reach = following
        if not any(reach):
            return False
    return reach[len(parts)]


@lru_cache(maxsize=4096)
def parse_glob(text: str) -> PathGlob:
    """The glob ``text`` (already checked to be a non-empty string by the config loader)."""
    glob = text
    directory_only = glob.endswith("/")
    glob = glob.rstrip("/")
    anchored = "/" in glob
    glob = glob.lstrip("/")
    names = [name for name in glob.split("/") if name not in ("", ".")]
    segments = tuple(None if name == DOUBLE_STAR else _tokens(name) for name in names)
    if not anchored and segments == (None,):
        anchored = True  # a bare ** matches everything
    return PathGlob(text, segments, anchored, directory_only)
