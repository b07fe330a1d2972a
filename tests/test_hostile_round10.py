"""Round 10's attacks (docs/threat-model.md "Round 10, attacked"): inputs crafted against
detection rounds 10 and 11 (key file pointers, the docs' key file names) and the surfaces
around them. Each test fails on the code before its fix, unless it says it is a control."""

from __future__ import annotations

from binance_secrets.plugins.detection.key_file_pointers import MAX_CONFIG_FILES
from binance_secrets.plugins.detection.project_context import ProjectRoots


def test_many_projects_read_the_tree_s_pointers_once() -> None:
    """A tree of 200 projects, each with a PEM nothing names, beside 64 configuration
    files: the pointers are the tree's (every project reads the same listing), so they are
    read once, not once per project (in ``scan --staged`` and the pre-receive hook each
    read is a ``git cat-file`` process: 200 x 64 of them before)."""
    projects = 200
    paths = [f"c{i:02}.yml" for i in range(MAX_CONFIG_FILES)]
    for i in range(projects):
        paths += [f"p{i}/package.json", f"p{i}/k{i}.pem"]
    reads: list[str] = []

    def read(path: str) -> str:
        reads.append(path)
        return "binance: true\n"

    tree = ProjectRoots(lambda: paths, lambda root: None, read=read)
    for i in range(projects):
        assert not tree.for_file(f"p{i}/k{i}.pem").points_at_key_file(f"p{i}/k{i}.pem")
    assert len(reads) == MAX_CONFIG_FILES
