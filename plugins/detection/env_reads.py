"""Which environment variables a Binance project's code hands to its Binance client.

A project may name its keys privately: its `.env` holds `bkey=...` and `bsec=...`, and the
bot reads them where it builds its client (`APIKEY: process.env.bkey` in
`new Binance().options({...})`, `Client(os.getenv("BN_K"), os.getenv("BN_S"))`). The names
say nothing; the code that reads them does. So a file that shows Binance use (a project
signal: an SDK import, a Binance host) is read for environment reads (:data:`ENV_READS`,
one row per language), and each read is typed the way a literal in its place would be: by
the name it is given to (`APIKEY:`, `api_secret=`) or by its place among a client
constructor's arguments (:mod:`classify`'s own rules, so the two never disagree). A value
assigned to such a variable anywhere in the project (its `.env`, a compose file) is then
named as the code names it.
"""

from __future__ import annotations

import random
import re
import string
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .findings import API_KEY, SECRET_KEY
from .name_rules import name_words
from .other_services import denied_by
from .patterns import BINANCE_WORD
from .project_context import signal_of_text

_VAR = r"(?P<name>[A-Za-z_][A-Za-z0-9_]{0,63})"
_QUOTED = _VAR.replace("name", "quoted")


@dataclass(frozen=True)
class EnvRead:
    """One way code reads an environment variable: ``regex`` finds the read, its group
    ``name`` the variable. ``example``, a line of a file that uses Binance, types
    the variable ``bkey`` as ``yields``."""

    label: str
    regex: str
    example: str
    yields: str


ENV_READS: tuple[EnvRead, ...] = (
    EnvRead(
        "Node process.env",
        rf"""\bprocess\.env(?:\.{_VAR}\b|\[\s*["'`]{_QUOTED}["'`]\s*\])""",
        "const b = new Binance().options({ APIKEY: process.env.bkey, APISECRET: process.env.x_s })",
        API_KEY,
    ),
    EnvRead(
        "Python os.getenv / os.environ",
        rf"""\bos\.(?:getenv|environ\.get)\(\s*["']{_VAR}["']\s*(?:,[^()]*)?\)"""
        rf"""|\bos\.environ\[\s*["']{_QUOTED}["']\s*\]""",
        'client = binance.Client(os.getenv("x_k"), os.getenv("bkey"))',
        SECRET_KEY,
    ),
    EnvRead(
        "Go os.Getenv",
        rf"""\bos\.Getenv\(\s*"{_VAR}"\s*\)""",
        'client := binance.NewClient(os.Getenv("x_k"), os.Getenv("bkey"))',
        SECRET_KEY,
    ),
    EnvRead(
        "Java/Kotlin System.getenv",
        rf"""\bSystem\.getenv\(\s*"{_VAR}"\s*\)""",
        'f = BinanceApiClientFactory.newInstance(System.getenv("bkey"), System.getenv("x_s"));',
        API_KEY,
    ),
    EnvRead(
        "Ruby ENV",
        rf"""\bENV(?:\.fetch\(\s*["']{_VAR}["']\s*(?:,[^()]*)?\)|\[\s*["']{_QUOTED}["']\s*\])""",
        "client = Binance::Spot.new(key: ENV['bkey'], secret: ENV['x_s'])",
        API_KEY,
    ),
    EnvRead(
        "PHP getenv / $_ENV",
        rf"""\bgetenv\(\s*["']{_VAR}["']\s*\)|\$_(?:ENV|SERVER)\[\s*["']{_QUOTED}["']\s*\]""",
        "$api = new Binance\\API(getenv('bkey'), getenv('x_s'));",
        API_KEY,
    ),
    EnvRead(
        "Rust env::var",
        rf"""\benv::var\(\s*"{_VAR}"\s*\)(?:\?|\.unwrap\(\)|\.expect\([^()]*\))?""",
        'let binance = Binance::new(Some(env::var("x_k")?), Some(env::var("bkey")?));',
        SECRET_KEY,
    ),
    EnvRead(
        "C# Environment.GetEnvironmentVariable",
        rf"""\bEnvironment\.GetEnvironmentVariable\(\s*"{_VAR}"\s*\)""",
        "var client = new BinanceRestClient(o => o.ApiCredentials = new ApiCredentials("
        'Environment.GetEnvironmentVariable("bkey"), Environment.GetEnvironmentVariable("x_s")));',
        API_KEY,
    ),
)

_READS = tuple(re.compile(row.regex) for row in ENV_READS)
# A cheap test before the regexes (case-sensitive, as the reads are written).
ENV_READ_WORDS = re.compile(
    r"process\.env|getenv|Getenv|environ|ENV|env::var|GetEnvironmentVariable"
)
# What ``git grep -E`` looks for to find the files worth reading (confirmed with the rows).
GIT_ENV_READ_WORDS = r"process\.env|getenv|environ|ENV\[|ENV\.fetch|env::var|GetEnvironmentVariable"

# Lines around a read that classify sees (as it sees a literal's).
_AROUND = 5
# Stand-ins for the values a read stands for: random-looking, so that classify's rejection
# of placeholders and low-entropy strings does not drop them; fixed, so answers are stable.
_RNG = random.Random("binance-secrets env_reads")
_ALNUM = string.ascii_letters + string.digits
_STAND_INS = tuple("Aa0" + "".join(_RNG.choice(_ALNUM) for _ in range(61)) for _ in range(8))


def _reads(line: str) -> list[tuple[int, int, str]]:
    """(start, end, variable) of each environment read on the line, left to right."""
    found: list[tuple[int, int, str]] = []
    for regex in _READS:
        for match in regex.finditer(line):
            name = match.groupdict().get("name") or match.groupdict().get("quoted")
            if name:
                found.append((match.start(), match.end(), name))
    found.sort()
    kept: list[tuple[int, int, str]] = []
    for read in found:
        if not kept or read[0] >= kept[-1][1]:
            kept.append(read)
    return kept[: len(_STAND_INS)]


def credential_env_names(text: str) -> dict[str, str]:
    """The environment variables this file's code hands to a Binance client, with the type
    the place they are read into gives them (``{"bkey": "Binance API Key"}``). Empty unless
    the file shows Binance use (:func:`project_context.signal_of_text`)."""
    from .classify import classify_line  # classify asks the project, which asks this

    if ENV_READ_WORDS.search(text) is None or BINANCE_WORD.search(text) is None:
        return {}
    if signal_of_text(text) is None:
        return {}
    lines = text.splitlines()
    found: dict[str, str] = {}
    for index, line in enumerate(lines):
        if ENV_READ_WORDS.search(line) is None:
            continue
        reads = _reads(line)
        if not reads:
            continue
        pieces: list[str] = []
        names_at: dict[int, str] = {}
        last = 0
        for (start, end, name), stand_in in zip(reads, _STAND_INS):
            pieces.append(line[last:start] + '"')
            names_at[len("".join(pieces))] = name
            pieces.append(stand_in + '"')
            last = end
        pieces.append(line[last:])
        rewritten = "".join(pieces)
        before = lines[max(0, index - _AROUND) : index]
        after = lines[index + 1 : index + 1 + _AROUND]
        for candidate in classify_line(rewritten, before, after, file_says_binance=True):
            variable = names_at.get(candidate.column)
            if variable is None or candidate.type not in (API_KEY, SECRET_KEY):
                continue
            if denied_by(name_words(variable)) is None:
                found.setdefault(variable, candidate.type)
    return found


def merge(maps: Iterable[Mapping[str, str]]) -> dict[str, str]:
    """One project's variables from its files' maps (the first file's type wins)."""
    merged: dict[str, str] = {}
    for one in maps:
        for name, kind in one.items():
            merged.setdefault(name, kind)
    return merged
