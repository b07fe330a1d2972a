"""The git questions a sweep can ask before it has loaded its own modules.

HEAD's tree listing, the dangling-commit listing and the annotated tags' messages are
answered only at the end of a sweep, and need nothing but the repository: started as soon
as the repository is found, they run while Python imports the sweep's modules, instead of
adding their time to the sweep's end. Kept free of those modules, so that the sweep
command can start them before it imports the rest.
"""

from __future__ import annotations

from ..git.invocation import (
    HEAD_LISTING,
    TAG_LISTING,
    git_command,
    git_environment,
)
from ..git.pending import PendingGit
from .dangling import DanglingListing, start_dangling_listing


class EarlyStart:
    """What :func:`start_early` started; None where it started nothing."""

    def __init__(
        self,
        head_listing: PendingGit | None = None,
        dangling: DanglingListing | None = None,
        tags: PendingGit | None = None,
    ) -> None:
        self.head_listing = head_listing
        self.dangling = dangling
        self.tags = tags

    def close(self) -> None:
        """Stop what is still running, its answers unwanted."""
        for pending in (self.head_listing, self.tags):
            if pending is not None:
                pending.close()
        if self.dangling is not None:
            self.dangling.close()


def start_early(
    git_dir: str, has_head: bool, narrowed: bool, since: str | None, with_tags: bool = True
) -> EarlyStart:
    """Start HEAD's tree listing (if there is a HEAD), unless the sweep is ``narrowed``
    (``--ref``, ``--reachable-only``) the dangling-commit listing, and if ``with_tags``
    (no ``--ref``) the annotated tags' listing."""

    def pending(args: tuple[str, ...]) -> PendingGit:
        return PendingGit(git_command(git_dir, *args), git_environment(), list(args))

    head_listing = pending(HEAD_LISTING) if has_head else None
    tags = pending(TAG_LISTING) if with_tags else None
    # Last: its git starts run on a thread of its own, which would hold up the two above.
    dangling = None if narrowed else start_dangling_listing(git_dir, since)
    return EarlyStart(head_listing, dangling, tags)
