"""The commit graph read object by object, for a repository git itself cannot walk.

``git rev-list`` stops at the first missing or corrupt commit with "fatal: Failed to traverse
parents", so one lost object would hide a whole branch. Here every commit object the store
holds is read once (``git cat-file --batch-all-objects`` lists them, one ``git cat-file
--batch`` reads them) and the walk is done in Python: it goes around what is missing, and
says what it could not read. Only used when git's own walk fails: on a sound repository
``git rev-list`` is faster and streams.
"""

from __future__ import annotations

import subprocess
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..git.repo import Repository, git_environment


@dataclass
class CommitGraph:
    """Every readable commit of the store: its parents and committer time."""

    parents: dict[str, tuple[str, ...]] = field(default_factory=dict)
    times: dict[str, int] = field(default_factory=dict)

    def walk(self, tips: Iterable[str], seen: set[str]) -> tuple[list[str], set[str]]:
        """(commits reached from ``tips`` and not in ``seen``, newest first by committer
        time; commits referenced on the way that the store cannot give). ``seen`` grows."""
        reached: list[str] = []
        missing: set[str] = set()
        stack = [tip for tip in tips]
        while stack:
            sha = stack.pop()
            if sha in seen:
                continue
            seen.add(sha)
            parents = self.parents.get(sha)
            if parents is None:
                missing.add(sha)
                continue
            reached.append(sha)
            stack.extend(parents)
        reached.sort(key=lambda sha: -self.times.get(sha, 0))
        return reached, missing

    def without_parents(self) -> set[str]:
        """Readable commits with a parent the store cannot give: git cannot diff them."""
        return {
            sha
            for sha, parents in self.parents.items()
            if any(parent not in self.parents for parent in parents)
        }


def read_graph(repo: Repository) -> CommitGraph:
    """Parse every commit object of the store (loose and packed, reachable or not)."""
    listing = repo.run(
        "cat-file", "--batch-all-objects", "--unordered",
        "--batch-check=%(objecttype) %(objectname)", check=False,
    )  # fmt: skip
    commits = [line[7:] for line in listing.split(b"\n") if line.startswith(b"commit ")]
    graph = CommitGraph()
    if not commits:
        return graph
    process = subprocess.Popen(
        repo.command("cat-file", "--batch"),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=git_environment(),
    )
    assert process.stdin is not None and process.stdout is not None
    writer = threading.Thread(target=_write_names, args=(process.stdin, commits), daemon=True)
    writer.start()
    try:
        for _ in commits:
            header = process.stdout.readline().split()
            if len(header) != 3 or not header[2].isdigit():
                if not header:
                    break  # git stopped (a corrupt object): keep what was read
                continue  # "<name> missing"
            body = process.stdout.read(int(header[2]) + 1)
            if header[1] == b"commit":
                _add_commit(graph, header[0].decode("ascii", "replace"), body)
    finally:
        process.stdout.close()
        writer.join()
        process.wait()
    return graph


def _write_names(stdin: object, names: list[bytes]) -> None:
    try:
        stdin.write(b"".join(name + b"\n" for name in names))  # type: ignore[attr-defined]
        stdin.close()  # type: ignore[attr-defined]
    except (BrokenPipeError, OSError):
        pass


def _add_commit(graph: CommitGraph, sha: str, body: bytes) -> None:
    """Parents and committer time from the commit's header (git's commit object format:
    ``tree``, ``parent``*, ``author``, ``committer`` lines, a blank line, the message)."""
    parents = []
    time = 0
    for line in body.split(b"\n"):
        if not line:
            break
        if line.startswith(b"parent "):
            parents.append(line[7:].decode("ascii", "replace").strip())
        elif line.startswith(b"committer "):
            stamp = line.rsplit(b" ", 2)
            time = int(stamp[-2]) if len(stamp) == 3 and stamp[-2].isdigit() else 0
    graph.parents[sha] = tuple(parents)
    graph.times[sha] = time
