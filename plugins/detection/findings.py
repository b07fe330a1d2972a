"""The one shape every detector result takes, and the only two ways a value is ever shown.

A Finding carries the raw value because pairing, verification and re-reading need it, but
the value is excluded from ``repr`` and every report goes through :func:`redact` and
:func:`fingerprint`: nothing that leaves the process contains a full key or secret.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from .environment import NO_REAL_FUNDS, UNKNOWN
from .redaction import redact

API_KEY = "Binance API Key"
SECRET_KEY = "Binance Secret Key"
PRIVATE_KEY = "Binance Private Key"

SECRET_TYPES = (API_KEY, SECRET_KEY, PRIVATE_KEY)


def fails_run(finding: Mapping[str, object], ignore_testnet: bool = False) -> bool:
    """Whether a finding (its JSON form) fails a scan or sweep: the one rule for exit codes
    and report totals. Documentation examples never do; testnet and demo keys do unless
    ``--ignore-testnet`` (a testnet key in a public place is still a credential)."""
    if finding.get("example"):
        return False
    return not (ignore_testnet and finding.get("environment") in NO_REAL_FUNDS)


def fingerprint(value: str) -> str:
    """A stable identifier for a value that reveals nothing about it: sha256 of its exact text."""
    return "sha256:" + hashlib.sha256(value.encode("utf-8")).hexdigest()


def path_fingerprint(path: str) -> str:
    """The fingerprint of a file's path, for a report whose path had to be redacted (a
    file name holding a key): sha256 of its exact bytes (undecodable ones kept, as Python
    keeps them in file names), which ``check`` matches against the paths it finds under
    the report's root. Like :func:`fingerprint`, it tells nothing about the name."""
    return "sha256:" + hashlib.sha256(path.encode("utf-8", "surrogateescape")).hexdigest()


@dataclass(frozen=True)
class Finding:
    """One credential found at one place.

    ``line`` is 1-based. ``pair`` is the fingerprint of the other half of the credential
    (the secret for an API key, the API key for a secret), or None when no partner was found.
    ``name`` is the variable/field name the value was assigned to (``MAIN_API_KEY``,
    ``apiKey``), None for a positional argument; ``column`` is the value's 0-based offset in
    its line. Pairing needs both: names say which secret is whose (``MAIN_API_KEY`` with
    ``MAIN_API_SECRET``), columns tell apart many keys on one minified line.
    ``environment`` is production, testnet, demo or unknown (plugins.detection.environment).
    ``binance_signal`` is what made the value Binance's (:mod:`.signals`): its ``name``, the
    ``line`` or its neighbours, the ``path``, the ``file``, or its project
    (``project:bot/requirements.txt``, the file that shows the project uses Binance).
    """

    type: str
    path: str
    line: int
    value: str = field(repr=False, compare=True)
    example: bool = False
    pair: str | None = None
    name: str | None = None
    column: int = 0
    environment: str = UNKNOWN
    binance_signal: str | None = field(default=None, compare=False)

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.value)

    @property
    def redacted(self) -> str:
        return redact(self.value)

    def with_pair(self, pair: str | None) -> Finding:
        return replace(self, pair=pair)

    def fails(self, ignore_testnet: bool = False) -> bool:
        return fails_run(self.to_json(), ignore_testnet)

    def to_json(self) -> dict[str, object]:
        """The scan report's finding object (docs/ci.md, "JSON report"). No value in it."""
        return {
            "type": self.type,
            "path": self.path,
            "line": self.line,
            "column": self.column + 1,
            "redacted": self.redacted,
            "fingerprint": self.fingerprint,
            "pair": self.pair,
            "example": self.example,
            "environment": self.environment,
            **({} if self.binance_signal is None else {"binance_signal": self.binance_signal}),
        }
