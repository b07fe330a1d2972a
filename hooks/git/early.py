"""The git questions a sweep can ask before it has loaded its own modules.

HEAD's tree listing, the dangling-commit listing and the annotated tags' messages are
answered only at the end of a sweep, and need nothing but the repository: started as soon
as the repository is found, they run while Python imports the sweep's modules, instead of
adding their time to the sweep's end.
"""

from __future__ import annotations

from dataclasses import dataclass

from binance_secrets.hooks.git.pending import PendingGit
from binance_secrets.hooks.git.refs import DanglingListing, start_dangling_listing
from binance_secrets.hooks.git.repo import Repository
from binance_secrets.hooks.git.tags import start_tag_listing


@dataclass
class EarlyStart:
    """What :func:`start_early` started; None where it started nothing."""

    head_listing: PendingGit | None = None
    dangling: DanglingListing | None = None
    tags: PendingGit | None = None


def start_early(
    repo: Repository, narrowed: bool, since: str | None, with_tags: bool = True
) -> EarlyStart:
    """Start HEAD's tree listing, unless the sweep is ``narrowed`` (``--ref``,
    ``--reachable-only``) the dangling-commit listing, and if ``with_tags`` (no ``--ref``)
    the annotated tags' listing."""
    return EarlyStart(
        head_listing=repo.start_head_listing(),
        dangling=None if narrowed else start_dangling_listing(repo, since),
        tags=start_tag_listing(repo) if with_tags else None,
    )
