"""Files a ref points at directly, not through a commit: a tag of a blob or of a tree.

A tag may name any object: a blob (git.git tags a GPG key that way), a tree, or an
annotated tag of either. What such a ref holds is in no commit, so a walk of the history
never reads it, yet every clone that fetches tags receives it. These are read here as files:
a blob as the ref itself (its path is the ref's name), a tree as each blob in it
(``REF:PATH``), within the scan's size bound; symlinks and submodules in a tree are not
followed, as in a work tree.
"""

from __future__ import annotations

import functools

from ..git.blobs import BlobReader
from ..git.repo import Repository, is_object_id
from .files import Skipped, Source
from .project_config import NO_CONFIG, ProjectConfig
from .scanner import ScanResult, scan_sources

# What one tree may list before the rest of it is reported as not read: far more files than
# a project has, and far fewer than would make a push's check a denial of service.
MAX_TREE_ENTRIES = 100_000


def non_commit_targets(
    repository: Repository, named: dict[str, str]
) -> dict[str, tuple[str, str, int | None]]:
    """For each ref of ``named`` (object id -> the ref naming it) whose object, tags peeled,
    is a blob or a tree: ref -> (that object's id, ``blob`` or ``tree``, its size). One
    ``cat-file --batch-check`` whatever the number of refs."""
    ids = [sha for sha in named if is_object_id(sha)]
    if not ids:
        return {}
    listing = repository.lines(
        "cat-file", "--batch-check", input="".join(f"{sha}^{{}}\n" for sha in ids).encode()
    )
    targets: dict[str, tuple[str, str, int | None]] = {}
    for sha, line in zip(ids, listing):
        target, kind, size = (line.split(" ") + ["", "", ""])[:3]
        if kind in ("blob", "tree") and is_object_id(target):
            targets[named[sha]] = (target, kind, int(size) if size.isdigit() else None)
    return targets


def scan_ref_objects(
    repository: Repository,
    targets: dict[str, tuple[str, str, int | None]],
    max_bytes: int,
    config: ProjectConfig = NO_CONFIG,
) -> ScanResult:
    """Scan what each ref of ``targets`` (from :func:`non_commit_targets`) holds."""
    sources: list[Source] = []
    skipped: list[Skipped] = []
    reader = repository.blob_reader()
    try:
        for ref, (sha, kind, size) in targets.items():
            if kind == "blob":
                sources.append(Source(ref, functools.partial(_read, reader, sha, max_bytes), size))
                continue
            listing = repository.run("ls-tree", "-r", "-l", "-z", "--full-tree", sha)
            entries = [entry for entry in listing.split(b"\0") if entry]
            if len(entries) > MAX_TREE_ENTRIES:
                too_many = f"a tree of more than {MAX_TREE_ENTRIES} files; not read past them"
                skipped.append(Skipped(ref, too_many))
            for entry in entries[:MAX_TREE_ENTRIES]:
                meta, _, raw_path = entry.partition(b"\t")
                mode, kind_of, blob, listed = (meta.split() + [b"", b"", b"", b""])[:4]
                path = f"{ref}:{raw_path.decode('utf-8', 'replace')}"
                if kind_of != b"blob" or mode == b"120000":
                    continue  # a submodule's commit, a symlink: not followed
                shown_size = int(listed) if listed.isdigit() else None
                read = functools.partial(_read, reader, blob.decode("ascii"), max_bytes)
                sources.append(Source(path, read, shown_size))
        result = scan_sources(sources, max_bytes, config=config)
    finally:
        reader.close()
    result.skipped[:0] = skipped
    return result


def _read(reader: BlobReader, sha: str, max_bytes: int) -> bytes:
    data = reader.read(sha, max_bytes + 1)
    if data is None:
        raise OSError(f"blob {sha} is missing or larger than {max_bytes} bytes")
    return data
