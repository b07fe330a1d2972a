"""Dangling commits: what no ref and no reflog entry reaches, though the object store holds it.

``git reset`` or ``git commit --amend`` followed by reflog expiry, a deleted branch, a
fetched and forgotten pull request: such commits stay in the store until gc prunes them,
and a key in one is as leaked as any. Kept free of the rest of the sweep's modules, so
the sweep command can start the listing before they are imported.
"""

from __future__ import annotations

import os
import re
import subprocess
import threading

from ..git.errors import GitError, last_line
from ..git.invocation import git_command, git_environment, since_limit
from ..git.own_objects import OwnObjects, has_alternates

# What a dangling commit is: one that no ref and no reflog entry reaches (stash entries
# are refs/stash's reflog). Asked before the refs are known to be readable.
DANGLING_EXCLUDE = ("--not", "--all", "--reflog")


def start_dangling_listing(git_dir: str, since: str | None) -> DanglingListing:
    """The dangling-commit listing, started now for :func:`sweep.refs.select_commits`."""
    return DanglingListing(git_dir, list(DANGLING_EXCLUDE), since_limit(since))


# A commit's line in ``cat-file --batch-check=%(objecttype) %(objectname)`` output. Every
# line is a type and a hex id, so "commit " can only be a line's start: no anchor needed
# (the anchored, multi-line form took twice as long: docs/performance.md).
_COMMIT_LINE = re.compile(rb"commit ([0-9a-f]+)")


class DanglingListing:
    """Commits in the object store that nothing in ``exclude`` reaches, listed in the
    background (:meth:`result` waits); GitError from :meth:`result` if git cannot tell
    (the caller reports it and goes on).

    The object store is listed (pack indexes and loose objects: much cheaper than
    ``git fsck --unreachable``, which re-hashes everything) and its commits are streamed
    into ``git rev-list --stdin --not <exclude>``, so git, not Python, holds the sets. A
    thread feeds the one into the other, so the listing costs the sweep no waiting: it
    runs while the reachable history is read.
    """

    def __init__(self, git_dir: str, exclude: list[str], limit: list[str]) -> None:
        self._git_dir = git_dir
        self._listing_command = git_command(
            git_dir, "cat-file", "--batch-all-objects", "--unordered",
            "--batch-check=%(objecttype) %(objectname)",
        )  # fmt: skip
        # stdin is read where --stdin stands, before the `--not` that follows it negates
        # the exclusions only (git-rev-list(1) --stdin, --not).
        self._walker_command = git_command(git_dir, "rev-list", *limit, "--stdin", *exclude)
        self._processes: list[subprocess.Popen[bytes]] = []
        self._lock = threading.Lock()
        self._closed = False
        self._answer: tuple[bytes, bytes] = (b"", b"")
        self._failure: str | None = None
        # Even the two git starts happen in the thread: the caller's thread is the one
        # the sweep waits on, and a start costs it a few milliseconds.
        self._feeder = threading.Thread(target=self._run, daemon=True)
        self._feeder.start()

    def _run(self) -> None:
        try:
            with self._lock:
                if self._closed:
                    return
                listing = subprocess.Popen(
                    self._listing_command,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.DEVNULL,
                    env=git_environment(),
                )
                walker = subprocess.Popen(
                    self._walker_command,
                    stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.PIPE,
                    env=git_environment(),
                )
                self._processes = [listing, walker]
        except OSError as error:
            self._failure = f"cannot start git: {error}"
            return
        self._feed(listing, walker)

    def _feed(self, listing: subprocess.Popen[bytes], walker: subprocess.Popen[bytes]) -> None:
        assert listing.stdout is not None and walker.stdin is not None
        objects = listing.stdout
        try:
            try:
                # The object store's listing is read in large pieces and its commit lines
                # picked out by a regex, in C: a line at a time in Python, 20,000 blobs
                # held the GIL away from the history being read meanwhile.
                rest = b""
                for chunk in iter(lambda: objects.read(1 << 20), b""):
                    chunk = rest + chunk
                    cut = chunk.rfind(b"\n") + 1
                    rest = chunk[cut:]
                    ids = _COMMIT_LINE.findall(chunk, 0, cut)
                    if ids:
                        walker.stdin.write(b"\n".join(ids) + b"\n")
                if _COMMIT_LINE.fullmatch(rest):
                    walker.stdin.write(rest[7:] + b"\n")
                walker.stdin.close()
            except (BrokenPipeError, ValueError):
                pass  # the walker gave up (its error is read below) or close() came first
            # rev-list writes nothing before it has read all of stdin, so reading its
            # output only now cannot deadlock; its stderr is a line or two at most.
            assert walker.stdout is not None and walker.stderr is not None
            self._answer = (walker.stdout.read(), walker.stderr.read())
        finally:
            listing.stdout.close()
            listing.wait()
            if walker.wait() != 0 and self._failure is None:
                self._failure = last_line(self._answer[1])

    def result(self) -> list[str]:
        self._feeder.join()
        if self._closed:
            return []
        if self._failure is not None:
            raise GitError(["rev-list", "--stdin"], self._failure)
        out = self._answer[0]
        found = [line for line in out.decode("ascii", errors="replace").split() if line]
        return self._own(found) if found else found

    def _own(self, commits: list[str]) -> list[str]:
        """Those of ``commits`` the repository holds itself: the object store's listing
        holds its alternates' objects too (another repository's, hooks/git/own_objects)."""
        done = subprocess.run(
            git_command(self._git_dir, "rev-parse", "--git-path", "objects"),
            capture_output=True, env=git_environment(), check=False,
        )  # fmt: skip
        objects = os.path.join(
            self._git_dir, done.stdout.decode("utf-8", "surrogateescape").strip()
        )
        if done.returncode != 0 or not has_alternates(objects):
            return commits
        return OwnObjects(objects).own(commits)

    def close(self) -> None:
        """Stop the listing, its answer unwanted."""
        with self._lock:
            self._closed = True
            for process in self._processes:
                process.kill()
        self._feeder.join()
