"""How a sweep splits the history it reads among ``git log`` processes."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

# Few, long batches: each git process starts with a cold delta-base cache, and in a history
# whose multi-MB files change in hundreds of commits, re-inflating their delta chains at
# every start is most of git's work (docs/performance.md: python-binance's history). Two
# batches per core still let a core that finishes early take the next one. Progress is
# counted inside a batch (commit headers read), so long batches keep the bar moving.
BATCHES_PER_JOB = 2
MIN_BATCH = 50


def batch_size(total: int, jobs: int) -> int:
    """Enough batches to keep every core busy, as few as that allows (see BATCHES_PER_JOB)."""
    return max(MIN_BATCH, -(-total // (jobs * BATCHES_PER_JOB)))


def batches(commits: Iterable[str], size: int) -> Iterator[list[str]]:
    batch: list[str] = []
    for sha in commits:
        batch.append(sha)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch
