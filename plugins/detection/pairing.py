"""Pair each API key with its secret: a ranked search, not a guess by position.

A key's secret is named like it (``MAIN_API_KEY`` / ``MAIN_API_SECRET``, ``key_1`` /
``secret_1``), sits in the same object (``{"apiKey": ..., "secret": ...}``, a YAML mapping,
an INI section, a constructor call) and near it. So every (key, secret) candidate is ranked
by, in order: name stem (same stem, no stem, different stems), same enclosing object, line
distance, a secret after its key before one above it, column distance; then pairs are taken
best first, one to one. Same-stem pairs may be any distance apart; the others must be within
:data:`PAIR_WINDOW` lines. If a file still holds exactly one unpaired key and one unpaired
secret, they are one credential whatever the distance (as detect-secrets' AWSKeyDetector
pairs an access key id with the secret near it).

Cost: each key considers at most :data:`NEAREST` secrets on either side of it in file order
and :data:`NEAREST_SAME_STEM` of its own stem, so ranking is O(n log n) in time and O(n) in
memory. A file with 7,000 keys and 7,000 secrets makes at most a few hundred thousand
candidates, not 49 million.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Sequence

from .findings import API_KEY, Finding
from .numbered import NumberedLines

# Lines between a key and its secret in the same block (a freqtrade exchange block with
# comments, a multi-line constructor call), unless their names share a stem.
PAIR_WINDOW = 12
# Secrets considered on each side of a key, in file order; and of the key's own stem.
NEAREST = 6
NEAREST_SAME_STEM = 3

# Words that say "credential" and nothing about whose: dropped to get a name's stem.
_CREDENTIAL_WORD = r"(?:api|apis|key|keys|secret|secrets|private|priv|hmac|binance|pem)"
_STRIP = re.compile(rf"^{_CREDENTIAL_WORD}*(?P<stem>.*?){_CREDENTIAL_WORD}*$")
_WORDS = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")

# An INI/TOML section header: the scope of the unindented lines below it.
_SECTION = re.compile(r"^\s*\[[^\[\]]+\]\s*(?:[#;].*)?$")
_OPEN = "{[("
# Bounds on the bracket pass, so a crafted file of brackets costs little time and memory:
# brackets looked at per file, and nesting depth remembered. Past them, scopes come from
# indentation only (scope is a preference, so this costs at most that preference).
MAX_BRACKETS = 200_000
MAX_DEPTH = 256
_BRACKET = re.compile(r"[{}\[\]()]")

Scope = tuple[int, int]


def name_stem(name: str | None) -> tuple[str, ...]:
    """What a name says about whose credential it is: ``MAIN_API_KEY`` -> ("main",),
    ``secret_1`` -> ("1",), ``binanceApiKey`` and ``api_secret`` -> ()."""
    if not name:
        return ()
    stem = []
    for word in _WORDS.findall(name):
        match = _STRIP.match(word.lower())
        rest = match.group("stem") if match else word.lower()
        if rest:
            stem.append(rest)
    return tuple(stem)


def scopes(lines: NumberedLines, findings: Sequence[Finding]) -> list[Scope | None]:
    """For each finding, the object it sits in: the innermost unclosed bracket before it,
    else the nearest less-indented line above it (YAML, Python), else the INI/TOML section.

    One pass over the lines, linear in their length. Brackets inside strings and comments
    are counted too: a scope is only a preference between candidates, never a requirement,
    so an unbalanced ``:)`` in a comment costs at most that preference.
    """
    wanted: dict[int, list[int]] = defaultdict(list)
    for index, finding in enumerate(findings):
        wanted[finding.line].append(index)
    result: list[Scope | None] = [None] * len(findings)
    brackets: list[Scope] = []
    too_deep = 0  # opened beyond MAX_DEPTH, not remembered
    budget = MAX_BRACKETS
    indents: list[tuple[int, int]] = []  # (indent, line number) of enclosing lines
    section: Scope | None = None
    last = max(wanted, default=0)  # the lines after the last finding cannot change a scope
    for number, text in lines:
        if number > last:
            break
        stripped = text.lstrip()
        if not stripped:
            continue
        indent = len(text) - len(stripped)
        if not brackets and _SECTION.match(text):
            section = (number, -1)
        while indents and indents[-1][0] >= indent:
            indents.pop()
        parent: Scope | None = (indents[-1][1], -1) if indents else section
        here = sorted(wanted.get(number, ()), key=lambda i: findings[i].column)
        position = 0
        for bracket in _BRACKET.finditer(text) if budget > 0 else ():
            budget -= 1
            if budget == 0:
                brackets.clear()
                break
            column = bracket.start()
            while position < len(here) and findings[here[position]].column < column:
                result[here[position]] = brackets[-1] if brackets else parent
                position += 1
            if bracket.group() in _OPEN:
                if len(brackets) < MAX_DEPTH:
                    brackets.append((number, column))
                else:
                    too_deep += 1
            elif too_deep:
                too_deep -= 1
            elif brackets:
                brackets.pop()
        for index in here[position:]:
            result[index] = brackets[-1] if brackets else parent
        indents.append((indent, number))
    return result


def _nearby(positions: list[tuple[int, int]], at: tuple[int, int], count: int) -> range:
    """Indices of up to ``count`` entries on either side of ``at`` in sorted ``positions``."""
    middle = bisect_left(positions, at)
    return range(max(0, middle - count), min(len(positions), middle + count))


def ranked_candidates(
    findings: Sequence[Finding], scope_of: Sequence[Scope | None] | None = None
) -> list[tuple[tuple[int, ...], int, int]]:
    """(rank, key index, secret index) for every bounded candidate pair, best first.

    All findings must come from one file (or one diff of one file). ``scope_of`` (from
    :func:`scopes`) is optional: without it, objects are not told apart.
    """
    keys = [i for i, f in enumerate(findings) if f.type == API_KEY]
    secrets = sorted(
        (i for i, f in enumerate(findings) if f.type != API_KEY),
        key=lambda i: (findings[i].line, findings[i].column),
    )
    if not keys or not secrets:
        return []
    stems = [name_stem(f.name) for f in findings]
    positions = [(findings[s].line, findings[s].column) for s in secrets]
    by_stem: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for s in secrets:
        if stems[s]:
            by_stem[stems[s]].append(s)
    stem_positions = {
        stem: [(findings[s].line, findings[s].column) for s in members]
        for stem, members in by_stem.items()
    }
    options: list[tuple[tuple[int, ...], int, int]] = []
    for k in keys:
        key = findings[k]
        at = (key.line, key.column)
        chosen = {secrets[j] for j in _nearby(positions, at, NEAREST)}
        if stems[k] in by_stem:
            members = by_stem[stems[k]]
            chosen.update(
                members[j] for j in _nearby(stem_positions[stems[k]], at, NEAREST_SAME_STEM)
            )
        for s in chosen:
            secret = findings[s]
            if secret.value == key.value:
                continue
            same_stem = bool(stems[k]) and stems[k] == stems[s]
            gap = secret.line - key.line
            if not same_stem and abs(gap) > PAIR_WINDOW:
                continue
            if same_stem:
                stem_rank = 0
            elif not stems[k] and not stems[s]:
                stem_rank = 1
            elif not stems[k] or not stems[s]:
                stem_rank = 2
            else:
                stem_rank = 3
            same_scope = (
                scope_of is not None and scope_of[k] is not None and scope_of[k] == scope_of[s]
            )
            rank = (
                stem_rank,
                0 if same_scope else 1,
                abs(gap),
                0 if (gap, secret.column - key.column) >= (0, 0) else 1,
                abs(secret.column - key.column),
            )
            options.append((rank, k, s))
    options.sort()
    return options


def pair_findings(findings: list[Finding], lines: NumberedLines | None = None) -> list[Finding]:
    """The same findings (same order) with ``pair`` set on both halves of each credential.

    All findings must come from one file (or one diff of one file); ``lines`` (that file's
    numbered lines) lets pairing see which object each value sits in.
    """
    keys = [i for i, f in enumerate(findings) if f.type == API_KEY]
    secrets = [i for i, f in enumerate(findings) if f.type != API_KEY]
    scope_of = None
    if lines is not None and keys and secrets and (len(keys) > 1 or len(secrets) > 1):
        scope_of = scopes(lines, findings)
    partner: dict[int, int] = {}
    for _, k, s in ranked_candidates(findings, scope_of):
        if k not in partner and s not in partner:
            partner[k], partner[s] = s, k
    lonely_keys = [k for k in keys if k not in partner]
    lonely_secrets = [s for s in secrets if s not in partner]
    if len(lonely_keys) == 1 and len(lonely_secrets) == 1:
        k, s = lonely_keys[0], lonely_secrets[0]
        if findings[k].value != findings[s].value:  # one value is never its own secret
            partner[k], partner[s] = s, k
    return [
        finding.with_pair(findings[partner[i]].fingerprint) if i in partner else finding
        for i, finding in enumerate(findings)
    ]
