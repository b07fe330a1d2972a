"""A regular expression compiled the first time it is used.

Compiling is most of what importing a module of many patterns costs: the environment
signals, the project signal and the report sanitizer were compiled on every start of a
sweep, though a sweep of a history with no candidate line uses none of them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import AnyStr, Generic


class LazyRegex(Generic[AnyStr]):
    """``re.compile(pattern, flags)``, done on first use; the same methods."""

    __slots__ = ("pattern", "flags", "_compiled")

    def __init__(self, pattern: AnyStr, flags: int = 0) -> None:
        self.pattern: AnyStr = pattern
        self.flags = flags
        self._compiled: re.Pattern[AnyStr] | None = None

    @property
    def compiled(self) -> re.Pattern[AnyStr]:
        if self._compiled is None:
            self._compiled = re.compile(self.pattern, self.flags)
        return self._compiled

    def search(self, string: AnyStr, *bounds: int) -> re.Match[AnyStr] | None:
        return self.compiled.search(string, *bounds)

    def match(self, string: AnyStr, *bounds: int) -> re.Match[AnyStr] | None:
        return self.compiled.match(string, *bounds)

    def fullmatch(self, string: AnyStr, *bounds: int) -> re.Match[AnyStr] | None:
        return self.compiled.fullmatch(string, *bounds)

    def finditer(self, string: AnyStr, *bounds: int) -> Iterator[re.Match[AnyStr]]:
        return self.compiled.finditer(string, *bounds)

    def sub(
        self, replacement: AnyStr | Callable[[re.Match[AnyStr]], AnyStr], string: AnyStr
    ) -> AnyStr:
        return self.compiled.sub(replacement, string)
