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


HOSTILE = {
    "link": "see https://evil.example/login now",
    "www": "visit www.evil.example today",
    "mail": "write to phish@evil.example",
    "pipe": "a|b",
    "emphasis": "*bold* _it_ ~~gone~~",
    "html": "<img src=x> &lt;b&gt;",
}


def hostile_incident() -> str:
    """The write-up of a sweep (and check) report whose text fields an attacker shaped
    through commit metadata and refs: links, a mailbox, pipes, emphasis, HTML, a heading."""
    from binance_secrets.hooks.reports.incident import render_incident

    words = " ".join(HOSTILE.values())
    fingerprint = "sha256:" + "0" * 64
    sweep = {
        "version": 1,
        "generated_at": words,
        "root": "/r",
        "findings": [
            {
                "type": "Binance API Key",
                "path": "x|y.env",
                "line": 1,
                "redacted": "ab|cd",
                "fingerprint": fingerprint,
                "commit": "1" * 40,
                "date": words,
                "author": words,
                "pushed_status": "yes",
                "timeline": {
                    "introduced": {"date": words, "author": words, "ref": "refs/heads/x|y"},
                    "pushed": {"earliest": {"ref": "refs/heads/www.evil.example|z", "date": words}},
                    "reached": {"refs/heads/a|b": {"commit": "2" * 40, "date": words}},
                },
                "cleanup": [{"step": words}],
            }
        ],
        "cleanup_sequence": [words, "# All clear", "- nothing to do"],
    }
    check = {
        "version": 1,
        "generated_at": words,
        "keys": [{"fingerprint": fingerprint, "status": words, "risk_reason": words}],
    }
    return render_incident(sweep, check)


def visible(html: str) -> str:
    """The text a reader sees of rendered HTML (tags dropped, entities decoded, the
    zero-width space that breaks an autolink removed)."""
    import html as html_module
    import re

    return html_module.unescape(re.sub(r"<[^>]*>", "", html)).replace("\u200b", "")


def test_hostile_text_in_the_write_up_renders_inert_under_gfm() -> None:
    # A `|` in a code span split the "What leaked" table's row (GFM splits cells before
    # it parses code spans), and bare URLs, `www.` and e-mail addresses in commit authors,
    # dates, refs and clean-up steps became links under GFM's autolinks: a phishing link in
    # the security lead's incident report. Rendered by cmark-gfm (GitHub's renderer).
    import cmarkgfm  # the test extra

    html = cmarkgfm.github_flavored_markdown_to_html(hostile_incident())
    assert "<a " not in html
    for tag in ("<em>", "<strong>", "<del>", "<img", "<b>"):
        assert tag not in html
    rows = html.split("<tbody>")[1].split("</tbody>")[0].split("<tr>")[1:]
    assert [row.count("<td>") for row in rows] == [6]
    assert "<code>ab|cd</code>" in rows[0]
    text = visible(html)
    for words in HOSTILE.values():
        assert words in text
    assert "x|y.env" in text and "www.evil.example|z" in text
    assert "<h1>All clear" not in html and "<li>nothing to do" not in html
    assert "# All clear" in text and "- nothing to do" in text


def test_hostile_text_in_the_write_up_is_escaped_markdown() -> None:
    # The same without a renderer: every pipe in the table's row is escaped, and no
    # autolink's start (`www.`, `scheme:`, `name@domain`) is left whole outside code.
    import re

    text = hostile_incident()
    [row] = [line for line in text.splitlines() if line.startswith("| 1 |")]
    assert row.count("|") - row.count("\\|") == 7
    outside = re.sub(r"`[^`\n]*`", "", text)
    assert not re.search(r"(?i)www\.|https?:|@evil", outside)
