"""detect-secrets plugins for Binance credentials.

This file is what detect-secrets loads with ``--plugin <path>`` and what a baseline's
``plugins_used`` entry points at (``binance-secrets plugin-path`` prints the path).
detect-secrets imports it by path without registering it as a module, so it uses absolute
imports only, and it imports no concrete detector class: every plugin class visible in this
module's namespace is registered under this file's path.

Three secret types, so a baseline and a report say which half of a credential leaked:
"Binance API Key", "Binance Secret Key" (HMAC) and "Binance Private Key" (the Ed25519/RSA
PEM used as an API key's secret; only when the context says Binance, otherwise it is left
to detect-secrets' own PrivateKeyDetector).
"""

from __future__ import annotations

from collections.abc import Generator
from typing import Any

from detect_secrets.constants import VerifiedResult
from detect_secrets.core.potential_secret import PotentialSecret
from detect_secrets.plugins.base import BasePlugin
from detect_secrets.settings import get_settings
from detect_secrets.util.code_snippet import CodeSnippet

from binance_secrets.plugins.detection.classify import Candidate, classify_line, line_candidates
from binance_secrets.plugins.detection.file_context import file_lines
from binance_secrets.plugins.detection.findings import API_KEY, PRIVATE_KEY, SECRET_KEY
from binance_secrets.plugins.detection.patterns import CANDIDATE
from binance_secrets.plugins.detection.pem import candidate_value

_VERIFICATION_FILTER = "detect_secrets.filters.common.is_ignored_due_to_verification_policies"

# detect-secrets asks every plugin about the same line in turn: classify it once.
_last_line: tuple[Any, ...] = ()
_last_candidates: list[Candidate] = []


def _candidates(filename: str, line: str, line_number: int, context: CodeSnippet | None) -> list:
    global _last_line, _last_candidates
    if not CANDIDATE.search(line):
        return []  # most lines: no key-shaped text, nothing to classify (as the engine does)
    before: list[str] = []
    after: list[str] = []
    if context is not None:
        before = context.lines[: context.target_index]
        after = context.lines[context.target_index + 1 :]
    key = (filename, line_number, line, tuple(before), tuple(after))
    if key != _last_line:
        _last_candidates = line_candidates(filename, line, before, after)
        _last_line = key
    return _last_candidates


def _whole_file_block(filename: str, line: str, line_number: int) -> str | None:
    """A private key's block read from the file itself: detect-secrets gives ``find()`` five
    lines around the header, and a PEM (or one joined from string literals) spans up to
    eighty. Only when the file on disk still holds this line at ``line_number``."""
    lines = file_lines(filename)
    if lines is None or not 0 < line_number <= len(lines):
        return None
    if lines[line_number - 1].rstrip() != line.rstrip():
        return None
    return candidate_value(PRIVATE_KEY, line, lines, line_number - 1)


class _BinanceDetector(BasePlugin):
    """Shared logic; abstract (no ``secret_type``), so detect-secrets does not register it."""

    def analyze_string(self, string: str) -> Generator[str, None, None]:
        for candidate in classify_line(string):
            if candidate.type == self.secret_type:
                yield candidate.value

    def analyze_line(
        self,
        filename: str,
        line: str,
        line_number: int = 0,
        context: CodeSnippet | None = None,
        **kwargs: Any,
    ) -> set[PotentialSecret]:
        """detect-secrets' entry point: the matches, verified when its settings ask for it."""
        found = self.find(filename, line, line_number, context)
        if found and _VERIFICATION_FILTER in get_settings().filters and context is not None:
            for secret in found:
                verdict = self.verify(secret.secret_value or "", context)
                secret.is_verified = verdict == VerifiedResult.VERIFIED_TRUE
        return found

    def find(
        self,
        filename: str,
        line: str,
        line_number: int = 0,
        context: CodeSnippet | None = None,
    ) -> set[PotentialSecret]:
        """The matches on one line, never verified: what the engine (and verify's own
        pairing, which must not recurse into verification) uses."""
        output: set[PotentialSecret] = set()
        for candidate in _candidates(filename, line, line_number, context):
            if candidate.type != self.secret_type:
                continue
            lines, index = (context.lines, context.target_index) if context else ([line], 0)
            value = candidate_value(candidate.type, candidate.value, lines, index)
            if value is None and candidate.type == PRIVATE_KEY:
                value = _whole_file_block(filename, line, line_number)
            if value is None:
                continue  # as in the engine: a PEM header without a key body is not a key
            output.add(
                PotentialSecret(
                    type=self.secret_type,
                    filename=filename,
                    secret=value,
                    line_number=line_number,
                )
            )
        return output

    def verify(self, secret: str, context: CodeSnippet) -> VerifiedResult:  # type: ignore[override]
        """Ask Binance (read-only) whether the credential this value belongs to is live.

        Never raises: detect-secrets crashes on anything but a requests exception.
        """
        try:
            from binance_secrets.plugins.livecheck.verification import verify_from_context

            return verify_from_context(self.secret_type, secret, list(context.lines))
        except Exception:  # noqa: BLE001 - a verifier must never take the scan down
            return VerifiedResult.UNVERIFIED


class BinanceApiKeyDetector(_BinanceDetector):
    """Binance API keys: 64 alphanumerics named as a key, in a Binance context."""

    secret_type = API_KEY


class BinanceSecretKeyDetector(_BinanceDetector):
    """Binance HMAC secret keys: 64 alphanumerics named as a secret, in a Binance context."""

    secret_type = SECRET_KEY


class BinancePrivateKeyDetector(_BinanceDetector):
    """Ed25519/RSA PEM private keys used as a Binance API key's secret."""

    secret_type = PRIVATE_KEY


DETECTORS = (BinanceApiKeyDetector, BinanceSecretKeyDetector, BinancePrivateKeyDetector)
