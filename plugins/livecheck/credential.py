"""One API key and (maybe) its secret, as the live check takes it.

The values are held only in memory and excluded from repr; everything printed about a
credential uses its fingerprint and redacted form.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from ..detection.findings import fingerprint, redact

# Where `check` reads a credential from the environment (and where the live check looks for
# one more candidate secret): the one definition of these names.
ENV_API_KEY = "BINANCE_API_KEY"
ENV_API_SECRET = "BINANCE_API_SECRET"
ENV_PRIVATE_KEY_FILE = "BINANCE_PRIVATE_KEY_FILE"
ENV_PASSPHRASE = "BINANCE_PRIVATE_KEY_PASSPHRASE"


@dataclass(eq=False)
class Credential:
    """One API key with (maybe) its secret. Values are excluded from repr.

    ``unavailable`` says why a reported value could not be re-read (then nothing is sent);
    ``since`` is the earliest known commit date of the key, for the playbook;
    ``committed`` is False for a key known never to have reached a commit (a blocked
    commit's staged value): then the playbook has no git-history step.
    ``deleted``: the user says the key was deleted at Binance (``check --deleted``): a key
    Binance no longer accepts is the expected answer. ``cleaned``: the value is no longer
    where the report found it (the history was rewritten, the file cleaned).
    ``secret_where`` is where the secret was found; ``alternatives`` are the other secrets
    to try, best first, if Binance says this one does not sign for the key
    (candidates.alternative_secrets); ``found_at`` lists where the key itself was found;
    ``environment`` is what its context said (production, testnet, demo or unknown): a
    testnet or demo key is asked about on its own host (binance_api.venue_for).
    """

    fingerprint: str
    redacted: str
    api_key: str | None = field(default=None, repr=False)
    secret: str | None = field(default=None, repr=False)
    passphrase: bytes | None = field(default=None, repr=False)
    unavailable: str | None = None
    since: str | None = None
    committed: bool = True
    deleted: bool = False
    cleaned: bool = False
    secret_where: str | None = None
    alternatives: list[Any] = field(default_factory=list, repr=False)
    found_at: list[str] = field(default_factory=list)
    environment: str = "unknown"

    @classmethod
    def of(cls, api_key: str, secret: str | None, passphrase: bytes | None = None) -> Credential:
        return cls(fingerprint(api_key), redact(api_key), api_key, secret, passphrase)

    @cached_property
    def signer(self) -> Any:
        """The signer for the secret (None without one); raises SigningError on a bad PEM."""
        if self.secret is None:
            return None
        from .signing import make_signer

        return make_signer(self.secret, self.passphrase)
