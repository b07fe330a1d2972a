"""The README is a first read and docs/ the reference: sizes, links, version and the sample.

Every relative link in README.md, CHANGELOG.md and docs/*.md must resolve, file and
``#anchor`` alike (anchors as GitHub derives them from headings), so moving a section
cannot leave a dead link behind. The README's blocked-commit sample must be what the hook
prints today, values and paths aside.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.fake_values import random_key
from tests.gitrepo import init_repo, isolated_git_env

PROJECT = Path(__file__).resolve().parent.parent
README = PROJECT / "README.md"
DOCS = PROJECT / "docs"
PAGES = (
    "detection.md",
    "live-check.md",
    "sweep.md",
    "config-and-baselines.md",
    "ci.md",
    "hooks.md",
    "architecture.md",
    "performance.md",
    "threat-model.md",
    "incident-response.md",
)
LINK = re.compile(r"(?<!!)\[[^\]\n]*\]\(([^)\s]+)\)")
FENCE = re.compile(r"^```.*?^```", re.DOTALL | re.MULTILINE)
HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*#*\s*$", re.MULTILINE)
BINANCE_SECRETS = Path(sys.executable).parent / "binance-secrets"


def _markdown_files() -> list[Path]:
    return [README, PROJECT / "CHANGELOG.md", *sorted(DOCS.glob("*.md"))]


def _prose(path: Path) -> str:
    """The file without its fenced code blocks (a link-like text in code is not a link)."""
    return FENCE.sub("", path.read_text(encoding="utf-8"))


def github_anchor(heading: str) -> str:
    """The id GitHub gives a heading: lower case, markup and punctuation dropped, spaces
    to hyphens (letters, digits, ``-`` and ``_`` kept)."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", heading)  # a link keeps its text
    text = text.replace("`", "").lower()
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def anchors(path: Path) -> set[str]:
    """Every heading's anchor in ``path``; a repeated heading gets GitHub's -1, -2 ..."""
    found: set[str] = set()
    counts: dict[str, int] = {}
    for heading in HEADING.findall(_prose(path)):
        anchor = github_anchor(heading)
        if anchor in counts:
            counts[anchor] += 1
            anchor = f"{anchor}-{counts[anchor]}"
        else:
            counts[anchor] = 0
        found.add(anchor)
    return found


def relative_links(path: Path) -> list[str]:
    return [
        target
        for target in LINK.findall(_prose(path))
        if not re.match(r"^[a-z][a-z0-9+.-]*:", target)  # http:, https:, mailto:
    ]


def test_github_anchor_matches_githubs_rules() -> None:
    assert github_anchor("Baselines and detect-secrets' own hook") == (
        "baselines-and-detect-secrets-own-hook"
    )
    assert github_anchor("In plain detect-secrets: `verify()`") == "in-plain-detect-secrets-verify"
    assert github_anchor("Scan, sweep, check") == "scan-sweep-check"


@pytest.mark.parametrize("path", _markdown_files(), ids=lambda p: p.name)
def test_every_relative_link_resolves_file_and_anchor(path: Path) -> None:
    broken = []
    for target in relative_links(path):
        file_part, _, anchor = target.partition("#")
        linked = (path.parent / file_part).resolve() if file_part else path
        if not linked.exists():
            broken.append(f"{target}: no such file")
        elif anchor and linked.suffix == ".md" and anchor not in anchors(linked):
            broken.append(f"{target}: no heading with that anchor in {linked.name}")
    assert not broken, f"{path.name}: " + "; ".join(broken)


def test_the_link_check_can_fail(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text("# Title\n\n[a](#title) [b](#nothing) [c](missing.md) [d](page.md#title)\n")
    assert relative_links(page) == ["#title", "#nothing", "missing.md", "page.md#title"]
    assert anchors(page) == {"title"}


def test_readme_is_a_first_read_and_links_every_page() -> None:
    assert len(README.read_bytes()) <= 20 * 1024
    linked = {(PROJECT / target.partition("#")[0]).resolve() for target in relative_links(README)}
    for page in PAGES:
        assert (DOCS / page).is_file(), page
    for page in DOCS.glob("*.md"):
        assert page.resolve() in linked, f"README does not link docs/{page.name}"


def _version() -> str:
    text = (PROJECT / "pyproject.toml").read_text(encoding="utf-8")
    match = re.search(r'^version = "([^"]+)"$', text, re.MULTILINE)
    assert match, "pyproject.toml has no version"
    return match.group(1)


def test_changelog_top_entry_is_the_package_version() -> None:
    entries = re.findall(r"^## (\S+)", (PROJECT / "CHANGELOG.md").read_text(), re.MULTILINE)
    assert entries and entries[0] == _version()


def test_readme_pins_the_current_release_tag_and_shows_a_commit_sha() -> None:
    text = README.read_text(encoding="utf-8")
    assert f'pipx install "git+REPO@v{_version()}"' in text
    assert 'pipx install "git+REPO@<commit sha>"' in text


def _normalized(text: str) -> list[str]:
    """The hook's message with what differs between runs made equal: redacted values,
    fingerprints and the console script that the baseline and live-check commands name."""
    lines = []
    for line in text.strip("\n").splitlines():
        line = re.sub(r"[A-Za-z0-9]{4}\.\.\.[A-Za-z0-9]{4}", "REDACTED", line)
        line = re.sub(r"\b[0-9a-f]{64}\b", "HEX64", line)
        line = re.sub(r"\b[0-9a-f]{12}\b", "HEX12", line)
        line = re.sub(r"^(\s*)\S*/binance-secrets ", r"\1BINDIR/binance-secrets ", line)
        line = re.sub(r"`[^`\s]*/binance-secrets ", "`BINDIR/binance-secrets ", line)
        lines.append(line.rstrip())
    return lines


def test_readme_blocked_commit_sample_is_the_hooks_real_output(tmp_path: Path) -> None:
    match = re.search(
        r"<!-- blocked-sample:start -->\n```text\n(.*?)```\n<!-- blocked-sample:end -->",
        README.read_text(encoding="utf-8"),
        re.DOTALL,
    )
    assert match, "README has no blocked-sample between its markers"
    sample = match.group(1)
    # pre-commit's own header (hook name, id, exit code) comes before the hook's output.
    header, _, printed = sample.partition("\n\n")
    assert header.startswith("binance-secrets....") and "- exit code: 1" in header

    env = isolated_git_env(tmp_path)
    repo = init_repo(tmp_path / "repo", env)
    (repo / "bot.py").write_text(
        f'from binance.client import Client\n\nclient = Client("{random_key()}", '
        f'"{random_key()}")\n'
    )
    subprocess.run(["git", "add", "bot.py"], cwd=repo, env=env, check=True)
    env["GIT_INDEX_FILE"] = str(repo / ".git" / "index")  # git sets it for a commit's hooks
    done = subprocess.run(
        [str(BINANCE_SECRETS), "scan", "--hook", "pre-commit", "bot.py"],
        cwd=repo,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,  # one stream, as pre-commit shows it
        text=True,
        check=False,
    )
    assert done.returncode == 1, done.stdout
    assert _normalized(printed) == _normalized(done.stdout)
