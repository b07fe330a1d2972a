"""Does the project a file belongs to use Binance?

A `.env` with `API_KEY=` and `API_SECRET=` says nothing about Binance; the `bot.py` beside it
that imports `binance.client` does. What counts is a concrete sign of use, not any mention
of the word (a README listing twenty supported exchanges is not one): an SDK import or
dependency, a Binance API host, or a config that selects Binance as the exchange
(:data:`PROJECT_SIGNAL`).

The question is asked lazily, at most once per scan (or sweep), and only when a named value
has no Binance context of its own: most scans never pay for it. Whoever knows the project
(``scan`` on disk or the index, ``sweep`` on a commit) supplies the probe; detection only
asks :meth:`ProjectContext.uses_binance`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Callable

from .environment import BINANCE_US, PRODUCTION, SIGNALS
from .lazy_regex import LazyRegex
from .patterns import BINANCE_WORD

_JS_PACKAGES = r"(?:binance|binance-api-node|node-binance-api|@binance/[\w-]+)"

# Signs that a project uses Binance. Each alternative is one fact:
PROJECT_SIGNAL_PARTS: tuple[tuple[str, str], ...] = (
    # Python SDKs: python-binance, binance-connector, binance-futures-connector, unicorn-binance
    (r"(?:from|import)[ \t]+(?:binance|unicorn_binance\w*)\b", "Python import"),
    (r"(?:python-binance|binance-connector|binance-futures-connector|binance-sdk)", "dependency"),
    # ccxt's Binance classes
    (r"ccxt(?:\.pro|\.async_support)?\.binance(?:us|coinm|usdm)?\b", "ccxt"),
    # JavaScript/TypeScript packages
    (rf"""(?:require\(|from[ \t]+)["']{_JS_PACKAGES}["']""", "JS import"),
    (rf""""{_JS_PACKAGES}"[ \t]*:[ \t]*"[~^]?\d""", "package.json dependency"),
    # Go, Java/Kotlin, C#, PHP, Ruby, Rust
    (r"github\.com/(?:adshao/go-binance|binance/)", "Go module"),
    (r"\bcom\.binance\.(?:connector|api|client)", "Java package"),
    (r"\b(?:using[ \t]+Binance\.Net|Binance\.Net\b)", ".NET package"),
    (r"(?:jaggedsoft/php-binance-api|binance/binance-connector-php|Binance\\API)", "PHP package"),
    (r"""gem[ \t]+["']binance""", "Ruby gem"),
    (r"""^binance(?:-rs|_sdk)?[ \t]*=[ \t]*(?:["{]|\{)""", "Rust crate"),
    # Binance API hosts (production, testnet, demo)
    (r"\b(?:[a-z-]+\.)?(?:binance\.(?:com|us|vision)|binancefuture\.com)\b", "Binance host"),
    # Configs that pick Binance as the exchange (freqtrade, hummingbot, jesse, generic)
    (r"""["']?(?:exchange(?:_id|_name)?|connector)["']?[ \t]*[:=][ \t]*["']?binance""",
     "exchange setting"),
    (r""""exchange"[ \t]*:[ \t]*\{[ \t\r\n]*"name"[ \t]*:[ \t]*"binance""", "freqtrade config"),
)

PROJECT_SIGNAL = LazyRegex(
    "|".join(f"(?:{regex})" for regex, _ in PROJECT_SIGNAL_PARTS), re.IGNORECASE | re.MULTILINE
)

# The same as a POSIX extended regex for `git grep -E -i` (no lookarounds or \b there):
# the word is enough to pick the files worth reading with PROJECT_SIGNAL.
GIT_PROJECT_WORD = "binance"

Probe = Callable[[], bool]
# The project's own Binance platform, where it names one (:data:`PLATFORM_SIGNALS`), else None.
PlatformProbe = Callable[[], "str | None"]

# A project that names Binance.US (the environment rules of :mod:`.environment`: its hosts,
# python-binance's ``tld="us"``, ccxt's ``binanceus``) and no binance.com host: its keys are
# Binance.US keys even in a file that says nothing (a bare ``.env`` beside ``client =
# Client(key, secret, tld="us")``). A project that names both (a multi-exchange bot) gives
# no platform: each file's own text decides, and the live check asks both hosts anyway.
US_SIGNALS = tuple(signal for signal in SIGNALS if signal.environment == BINANCE_US)
COM_HOST_SIGNALS = tuple(
    signal
    for signal in SIGNALS
    if signal.environment == PRODUCTION and signal.needle == ".binance.com"
)
# What ``git grep -E -i`` looks for to answer the same (no lookarounds there): candidate
# lines, confirmed with the rules above.
GIT_PLATFORM_WORDS = r"binance\.us|binanceus|tld|binance\.com"


def platform_of_texts(texts: Iterable[str]) -> str | None:
    """The platform a project's texts name (``binance-us``), or None."""
    us = False
    for text in texts:
        lowered = text.lower()
        if any(signal.search(text, lowered) for signal in COM_HOST_SIGNALS):
            return None
        us = us or any(signal.search(text, lowered) for signal in US_SIGNALS)
    return BINANCE_US if us else None


def text_uses_binance(text: str) -> bool:
    """Whether this one file's text shows the project uses Binance."""
    return BINANCE_WORD.search(text) is not None and PROJECT_SIGNAL.search(text) is not None


class ProjectContext:
    """Whether the project uses Binance, decided by ``probe`` the first time it is asked."""

    def __init__(self, probe: Probe | None = None, platform: PlatformProbe | None = None) -> None:
        self._probe = probe
        self._answer: bool | None = None if probe is not None else False
        self._platform_probe = platform
        self._platform: str | None = None
        self._platform_known = platform is None

    @classmethod
    def known(cls, uses_binance: bool, platform: str | None = None) -> ProjectContext:
        context = cls()
        context._answer = uses_binance
        context._platform = platform
        return context

    def uses_binance(self) -> bool:
        if self._answer is None:
            assert self._probe is not None
            try:
                self._answer = bool(self._probe())
            except Exception:  # noqa: BLE001 - a failing probe means "no project context"
                self._answer = False
        return self._answer

    def platform(self) -> str | None:
        """The Binance platform the project names for its keys (``binance-us``), or None:
        asked only for a value whose own file names no environment."""
        if not self._platform_known:
            assert self._platform_probe is not None
            self._platform_known = True
            try:
                self._platform = self._platform_probe()
            except Exception:  # noqa: BLE001 - a failing probe means "no platform"
                self._platform = None
        return self._platform


# A scan that knows nothing about the project (plain detect-secrets, one text in isolation).
NO_PROJECT = ProjectContext()
