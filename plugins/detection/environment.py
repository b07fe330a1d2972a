"""Which Binance environment a found credential is for: production, testnet, demo, or unknown.

A testnet or demo key moves no real funds, but it is still a credential in a public place,
so it fails a run unless ``--ignore-testnet`` is given; the live check asks the matching
testnet or demo host about it. The environment comes from what the text around the value
says, as a table of small rules (:data:`SIGNALS`), each with an example the tests run:

- Binance.US: its hosts (``api.binance.us``), python-binance's ``tld="us"``, ccxt's
  ``binanceus``;
- hosts: ``testnet.binance.vision`` (spot testnet), ``testnet.binancefuture.com`` (futures
  testnet), ``demo-api.binance.com`` and the other ``demo-*`` hosts (demo trading), and the
  production hosts (``api.binance.com``, ``fapi.binance.com``, ...);
- flags: ``testnet=True``, ``"testnet": true``, ``BINANCE_TESTNET=1``, ``demo=True``,
  ccxt's ``set_sandbox_mode(True)`` / ``enable_demo_trading(True)``, and their ``False``
  forms, which say production;
- names: ``TESTNET_API_KEY=``, a ``testnet:`` block header, ``DEMO_SECRET`` on the value's
  own line or the line above;
- the path: ``testnet/keys.env``, ``demo.env``.

The nearest signal to the value wins (a file may configure both environments), on equal
distance a host or flag before a name; the path counts only when the text says nothing.
Official hosts: binance/binance-connector-python common/src/binance_common/constants.py
(SPOT_REST_API_TESTNET_URL, DERIVATIVES_TRADING_USDS_FUTURES_REST_API_TESTNET_URL,
SPOT_REST_API_DEMO_URL) and https://developers.binance.com/docs/binance-spot-api-docs/demo-mode
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from .lazy_regex import LazyRegex
from .line_finds import finds_per_line, line_indices
from .numbered import texts_of

PRODUCTION = "production"
TESTNET = "testnet"
DEMO = "demo"
# Binance.US: its own exchange, its own keys, asked on api.binance.us (livecheck.endpoints).
BINANCE_US = "binance-us"
UNKNOWN = "unknown"
ENVIRONMENTS = (PRODUCTION, BINANCE_US, TESTNET, DEMO, UNKNOWN)

# Environments whose keys move no real funds (`--ignore-testnet` lets their findings pass).
NO_REAL_FUNDS = frozenset({TESTNET, DEMO})

_TRUE = r"""\s*["']?\s*(?:=>|==|:=|=|:)\s*["']?(?i:true|1|yes|on)\b"""
_FALSE = r"""\s*["']?\s*(?:=>|==|:=|=|:)\s*["']?(?i:false|0|no|off)\b"""
# The end of a name that contains the word: `testnet`, `BINANCE_TESTNET`, `useTestnet`,
# `UseTestnet`, `demo`, `DEMO_TRADING`, `enableDemoTrading` (searching from the word, not
# from the name's start, keeps a search over a long line linear).
_TESTNET_WORD = r"(?:(?<![a-z])testnet|Testnet|TestNet|TESTNET)(?![a-z])"
_TESTNET_NAME = _TESTNET_WORD + r"[A-Za-z0-9_]*"
# A demo flag must end in the word, or in "demo trading": a bot's own DEMO_MODE (its paper
# trading, with production keys) says nothing about Binance's demo environment.
_DEMO_NAME = r"(?:(?<![a-z])demo|Demo|DEMO)(?:_?(?:trading|Trading|TRADING))?"


@dataclass(frozen=True)
class Signal:
    """One rule: text matching ``pattern`` says ``environment``.

    ``near`` signals (names) count only on the value's own line or the line above; the
    others anywhere in the text, nearest first. ``example`` is a line the rule matches.
    ``needle`` is a lower-case literal every match contains: a line without it is not
    searched (most lines, and every long minified one, say nothing about environments).
    """

    environment: str
    pattern: LazyRegex[str]  # compiled on a text's first candidate line
    example: str
    needle: str
    near: bool = False

    def search(self, text: str, lowered: str) -> bool:
        """Whether ``text`` (``lowered`` is its lower-case form) matches the rule."""
        return self.needle in lowered and self.pattern.search(text) is not None


def _rule(environment: str, regex: str, example: str, near: bool = False) -> Signal:
    needle = next(word for word in _NEEDLES if word in regex.lower().replace("\\", ""))
    return Signal(environment, LazyRegex(regex), example, needle, near)


# The literal each rule's pattern contains, most specific first.
_NEEDLES = (
    "binance.vision",
    "binancefuture",
    ".binance.com",
    "binance.us",
    "binanceus",
    "tld",
    "sandbox",
    "testnet",
    "demo",
)


SIGNALS: tuple[Signal, ...] = (
    # Spot testnet: api.testnet / testnet / stream.testnet / ws-api.testnet .binance.vision
    _rule(TESTNET, r"(?i:testnet\.binance\.vision)", "BASE_URL=https://testnet.binance.vision"),
    # Futures testnet: testnet.binancefuture.com, fstream/dstream.binancefuture.com
    _rule(TESTNET, r"(?i:binancefuture\.com)", "base_url = 'https://testnet.binancefuture.com'"),
    _rule(TESTNET, _TESTNET_NAME + _TRUE, "client = Client(key, secret, testnet=True)"),
    _rule(
        TESTNET, r"(?:set_sandbox_mode|setSandboxMode)\(\s*(?i:true)", "ex.set_sandbox_mode(True)"
    ),
    _rule(TESTNET, _TESTNET_NAME + r"\(\s*(?i:true)\s*\)", "builder.useTestnet(true)"),
    # A selector whose value is the word: `"network": "testnet"`, `"api_mode": "testnet"`,
    # `BINANCE_ENV=testnet`, `mode = 'TESTNET'` (a settings page writes the choice, the
    # broker code picks the host by it). Not a comparison (`network == "testnet"`) nor a
    # host (`testnet.binance.vision` has its own row).
    _rule(
        TESTNET,
        r"""(?<![\w$])[A-Za-z_]\w{0,63}["']?\s*(?:=>|:=|=|:)\s*["']?(?i:testnet)["']?(?![\w.-])""",
        '"network": "testnet",',
    ),
    # binance-rs and binance-rs-async select the testnets with `Config::testnet()`.
    _rule(
        TESTNET,
        r"\bConfig::testnet\(\)",
        "FuturesAccount::new_with_config(k, s, &Config::testnet())",
    ),
    # Demo trading: demo-api, demo-fapi, demo-dapi, demo-ws-api, demo-stream(-sbe) .binance.com
    _rule(DEMO, r"(?i:demo-[a-z-]*\.binance\.com)", "BASE_URL=https://demo-api.binance.com"),
    _rule(DEMO, _DEMO_NAME + _TRUE, "client = Client(key, secret, demo=True)"),
    _rule(
        DEMO,
        r"(?:enable_demo_trading|enableDemoTrading)\(\s*(?i:true)",
        "ex.enable_demo_trading(True)",
    ),
    # Production: the REST, WebSocket and stream hosts of the live exchange.
    _rule(
        PRODUCTION,
        r"(?<![\w.-])(?i:(?:api[1-4]?|api-gcp|fapi|dapi|eapi|papi|ws-api|ws-fapi|ws-dapi|"
        r"stream|fstream|dstream|data-api)\.binance\.com)",
        "BASE_URL=https://api.binance.com",
    ),
    # Binance.US: its hosts (api.binance.us, www.binance.us), python-binance's tld="us",
    # ccxt's binanceus (not binanceusdm, binance.com's USD-M futures).
    _rule(
        BINANCE_US,
        r"(?<![\w-])(?i:binance\.us)(?![\w-])",
        "BASE_URL=https://api.binance.us",
    ),
    _rule(
        BINANCE_US,
        r"""(?<![\w])tld["']?\s*(?:=|:)\s*["']us["']""",
        "client = Client(key, secret, tld='us')",
    ),
    _rule(BINANCE_US, r"(?i:binanceus)(?![a-z0-9_])", "exchange = ccxt.binanceus(config)"),
    _rule(PRODUCTION, _TESTNET_NAME + _FALSE, "client = Client(key, secret, testnet=False)"),
    _rule(PRODUCTION, _DEMO_NAME + _FALSE, "DEMO_TRADING=false"),
    # Names on the value's own line or the line above it.
    _rule(
        TESTNET,
        _TESTNET_WORD,
        "BINANCE_TESTNET_API_KEY=...",
        near=True,
    ),
    # "demo" only as a credential's name (DEMO_API_SECRET, demoApiKey) or a block header
    # (`demo:`, `[demo]`, `"demo": {`): DEMO_MODE is a bot's own paper trading.
    _rule(
        DEMO,
        r"(?<![A-Za-z])(?:demo|Demo|DEMO)(?:[_.-]?(?:api|Api|API|key|Key|KEY|secret|Secret|"
        r"SECRET|account|Account|ACCOUNT)|[\"'\]]?\s*:\s*\{?\s*$|\]\s*$)",
        "DEMO_API_SECRET=...",
        near=True,
    ),
)

_PATH_WORDS = (
    (TESTNET, LazyRegex(r"(?<![a-z])testnet(?![a-z])", re.IGNORECASE)),
    (DEMO, LazyRegex(r"(?<![a-z])demo(?![a-z])", re.IGNORECASE)),
)


# On equal distance: a testnet or demo signal before a production one (a line naming both
# hosts is usually "use X instead of production").
_PRIORITY = {TESTNET: 0, DEMO: 1, BINANCE_US: 2, PRODUCTION: 3}


def _lines_holding(needles: set[str], lowered_all: str, lowered_lines: list[str]) -> list[int]:
    """Indices of the lines (``lowered_lines``, whose join is ``lowered_all``) that hold a
    needle, found over the whole text (:mod:`.line_finds`), not by a search per line."""
    if not needles:
        return []
    if lowered_all.count("\n") + 1 != len(lowered_lines):  # a line holds a newline itself
        return [i for i, line in enumerate(lowered_lines) if any(n in line for n in needles)]
    positions = sorted(at for needle in needles for at in finds_per_line(lowered_all, needle))
    return sorted(set(line_indices(lowered_all, positions)))


class EnvironmentMap:
    """Where a text's environment signals are, to answer :meth:`at` for any of its lines.

    Built from (line number, text) pairs, the form the engine scans (whole files and the
    lines a commit added alike), so line numbers are the file's own.
    """

    def __init__(self, path: str, lines: Sequence[tuple[int, str]]) -> None:
        far: list[tuple[int, str]] = []
        self._near: dict[int, list[str]] = {}
        near_at: dict[int, list[str]] = {}  # the same, by index into ``lines``
        # Only the signals whose literal the text holds at all, and only on the lines that
        # hold one: a whole file (or a large diff) is lowered and searched once, in C, and
        # most texts name no environment.
        lowered_all = "\n".join(texts_of(lines)).lower()
        active = [signal for signal in SIGNALS if signal.needle in lowered_all]
        lowered_lines = lowered_all.split("\n") if active else []
        if len(lowered_lines) != len(lines):
            lowered_lines = [text.lower() for _, text in lines] if active else []
        for index in _lines_holding({s.needle for s in active}, lowered_all, lowered_lines):
            number, text = lines[index]
            lowered = lowered_lines[index]
            for signal in active:
                if signal.search(text, lowered):
                    if signal.near:
                        self._near.setdefault(number, []).append(signal.environment)
                        near_at.setdefault(index, []).append(signal.environment)
                    else:
                        far.append((number, signal.environment))
        # A name signal on a line that opens a block (`"testnet": {`, `testnet:`) speaks for
        # the whole block: the lines below it indented deeper, up to BLOCK_LINES of them.
        # Each header reads at most that many lines, and a value asks only the headers of
        # the BLOCK_LINES lines above it.
        blocks: list[tuple[int, int, str]] = []
        for index, environments in near_at.items():
            number, header = lines[index]
            if _OPENS_BLOCK.search(header):
                end = _block_end(lines, index, _indent(header))
                blocks += [(number, end, env) for env in environments]
        blocks.sort()
        self._blocks = blocks
        self._block_starts = [start for start, _, _ in blocks]
        far.sort()
        self._far = far
        self._far_lines = [number for number, _ in far]
        self._path_environment = next(
            (env for env, word in _PATH_WORDS if word.search(path)), UNKNOWN
        )

    def _far_candidates(self, line: int) -> list[tuple[int, int, int, str]]:
        """The far signals on the nearest signalled line at or before ``line`` and on the
        nearest one after it, as (distance, 0, priority, environment)."""
        found: list[tuple[int, int, int, str]] = []
        before = bisect.bisect_right(self._far_lines, line)
        for edge in (before - 1, before):
            if 0 <= edge < len(self._far):
                at_line = self._far[edge][0]
                # That line's signals only (a slice, not a pass over every signal per value).
                first = bisect.bisect_left(self._far_lines, at_line)
                last = bisect.bisect_right(self._far_lines, at_line)
                found.extend(
                    (abs(at_line - line), 0, _PRIORITY[env], env)
                    for _, env in self._far[first:last]
                )
        return found

    def at(self, line: int) -> str:
        """The environment of a value on ``line``: the nearest signal's, else the path's."""
        candidates = self._far_candidates(line)
        for distance in (0, 1):
            candidates.extend(
                (distance, 1, _PRIORITY[env], env) for env in self._near.get(line - distance, ())
            )
        first = bisect.bisect_left(self._block_starts, line - BLOCK_LINES)
        last = bisect.bisect_left(self._block_starts, line)
        candidates.extend(
            (line - start, 1, _PRIORITY[env], env)
            for start, end, env in self._blocks[first:last]
            if line <= end
        )
        return min(candidates)[3] if candidates else self._path_environment


# A line that opens a block: `"testnet": {`, `testnet:`, `[testnet]`-less YAML/JSON headers.
_OPENS_BLOCK = re.compile(r"""[:{\[]\s*(?:#.*|//.*)?$""")
# How many lines below its header a block is read for its extent.
BLOCK_LINES = 80


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip(" \t"))


def _block_end(lines: Sequence[tuple[int, str]], index: int, indent: int) -> int:
    """The number of the last line of the block opened on ``lines[index]`` (indented
    ``indent``): the lines after it indented deeper, blank lines included, at most
    BLOCK_LINES of them."""
    end = lines[index][0]
    for number, text in lines[index + 1 : index + 1 + BLOCK_LINES]:
        if number != end + 1:
            break  # a gap: the lines a diff left out
        if text.strip() and _indent(text) <= indent:
            break
        end = number
    return end


def says_testnet(*texts: str) -> bool:
    """Whether any of ``texts`` has a testnet host or flag (names included)."""
    return any(
        signal.environment == TESTNET and signal.search(text, lowered)
        for text, lowered in ((text, text.lower()) for text in texts if text)
        for signal in SIGNALS
    )
