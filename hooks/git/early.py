"""The git questions a sweep can ask before it has loaded its own modules.

HEAD's tree listing and the dangling-commit listing are answered only at the end of a
sweep, and need nothing but the repository: started as soon as the repository is found,
they run on a core that is otherwise idle while Python imports the sweep's modules,
instead of competing with ``git log`` for it later.
"""

from __future__ import annotations

from dataclasses import dataclass

from binance_secrets.hooks.git.pending import PendingGit
from binance_secrets.hooks.git.refs import DanglingListing, start_dangling_listing
from binance_secrets.hooks.git.repo import Repository


@dataclass
class EarlyStart:
    """What :func:`start_early` started; None where it started nothing."""

    head_listing: PendingGit | None = None
    dangling: DanglingListing | None = None


def start_early(repo: Repository, narrowed: bool, since: str | None) -> EarlyStart:
    """Start HEAD's tree listing and, unless the sweep is ``narrowed`` (``--ref``,
    ``--reachable-only``), the dangling-commit listing."""
    return EarlyStart(
        head_listing=repo.start_head_listing(),
        dangling=None if narrowed else start_dangling_listing(repo, since),
    )
