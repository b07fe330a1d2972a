"""Two hostile-input gaps an attack round left open (docs/threat-model.md "Round 8"): a
report of many repositories naming one directory in many spellings, and hostile text in the
incident write-up. Each test fails on the code before its fix."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from binance_secrets.hooks.scanning import credentials
from binance_secrets.plugins.detection import engine
from binance_secrets.plugins.detection.findings import API_KEY
from tests.fake_values import random_key
from tests.gitrepo import GitRepo, isolate_git


def spellings(directory: Path, count: int) -> list[str]:
    """``count`` different strings naming ``directory``: ``/a/./.``, ``/a//``, ``/a/../a``."""
    parent, name = str(directory.parent), directory.name
    forms = [f"{directory}/" + "./" * n for n in range(count // 2)]
    forms += [f"{parent}/{name}/../{name}" + "/" * n for n in range(count - len(forms))]
    return forms


def test_one_directory_named_many_ways_is_read_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Findings were grouped by the repository string a report names, and each group opened
    # and re-read its repository: 2,000 spellings of one directory in a 4.8 MB report made
    # 2,000 re-reads (20 s). Now the reading is keyed by the resolved directory, while each
    # place is still shown under the name the report gave it.
    (tmp_path / "scratch").mkdir()
    isolate_git(monkeypatch, tmp_path / "scratch")
    repo = GitRepo(tmp_path / "repo")
    text = f"BINANCE_API_KEY={random_key()}\n"
    sha = repo.commit("add", {"config.env": text})
    [found] = [f for f in engine.scan_text("config.env", text, credentials.USES_BINANCE)]
    assert found.type == API_KEY
    names = spellings(repo.path, 40)
    findings = [
        {
            "type": API_KEY,
            "fingerprint": found.fingerprint,
            "redacted": "abcd...wxyz",
            "path": "config.env",
            "line": 1,
            "commit": sha,
            "repository": name,
        }
        for name in names
    ]
    scans: list[str] = []
    scan_text = engine.scan_text

    def counted(path: str, *args: Any, **kwargs: Any) -> Any:
        scans.append(path)
        return scan_text(path, *args, **kwargs)

    monkeypatch.setattr(engine, "scan_text", counted)
    gits: list[list[str]] = []
    git_bytes = credentials._git_bytes

    def counted_git(repo_dir: str, args: list[str], limit: int) -> bytes | None:
        gits.append(args)
        return git_bytes(repo_dir, args, limit)

    monkeypatch.setattr(credentials, "_git_bytes", counted_git)
    data = {"root": str(repo.path), "findings": findings}
    got = credentials.from_report(data, lambda path, line, commit: f"{commit}:{path}:{line}")
    assert [c.found_at for c in got] == [[f"{name}:{sha}:config.env:1"] for name in names]
    assert all(c.api_key is not None and c.unavailable is None for c in got)
    assert len(scans) == 1
    assert len(gits) <= 5
