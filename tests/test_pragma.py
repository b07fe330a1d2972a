"""The linear pragma check answers exactly what detect-secrets' regex check answers."""

from __future__ import annotations

import random
import time

import pytest
from detect_secrets.filters import allowlist
from detect_secrets.util.code_snippet import CodeSnippet

from binance_secrets.plugins.detection.pragma import is_line_allowlisted

# Pieces that make up the lines where the two could disagree: every comment marker and
# closing, the pragma's words with their optional spaces and separators, blanks, newlines.
PIECES = (
    "#", "//", "/*", "*/", "'", "--", "<!--", "-->", " ", "  ", "\t", "\n", "x", "= 'v'",
    "pragma:", "pragma: ", "pragma:  ", "allowlist", "whitelist", " secret", "-secret",
    "_secret", " nextline", "-nextline", "pragma: allowlist secret",
    "pragma: allowlist nextline secret", "# pragma: whitelist secret", "*", "-", "<!--#",
)
FILENAMES = ("a.py", "b.yaml", "c.yml", "d.xml", "e.sql", "noext")


def detect_secrets_answer(filename: str, line: str, previous: str) -> bool:
    context = CodeSnippet([previous, line], start_line=0, target_index=1)
    return allowlist.is_line_allowlisted(filename, line, context)


def test_same_answer_as_detect_secrets_on_generated_lines() -> None:
    rng = random.Random(8)
    checked = allowed = 0
    for _ in range(20000):
        line = "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 9)))
        previous = "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 9)))
        filename = rng.choice(FILENAMES)
        expected = detect_secrets_answer(filename, line, previous)
        assert is_line_allowlisted(filename, line, previous) == expected, (filename, line, previous)
        checked += 1
        allowed += expected
    # The generator must exercise both answers, or the comparison proves little.
    assert 0.1 < allowed / checked < 0.9


@pytest.mark.parametrize(
    ("filename", "line", "previous", "expected"),
    [
        ("a.py", 'key = "v"  # pragma: allowlist secret', "", True),
        ("a.py", 'key = "v"  # pragma: whitelist secret', "", True),
        ("a.js", 'key = "v"  // pragma: allowlist secret', "", True),
        ("a.c", 'key = "v";  /* pragma: allowlist secret */', "", True),
        ("a.c", 'key = "v";  /* pragma: allowlist secret', "", False),
        ("a.xml", '<key>v</key> <!-- pragma: allowlist secret -->', "", True),
        # Unclosed, but its "--" is itself an SQL comment marker.
        ("a.xml", '<key>v</key> <!-- pragma: allowlist secret', "", True),
        ("a.xml", '<key>v</key> <!--\tpragma: allowlist secret', "", False),
        ("a.sql", "'v' -- pragma: allowlist secret", "", True),
        ("a.yaml", "key: v // pragma: allowlist secret", "", False),
        ("a.yaml", "key: v # pragma: allowlist secret", "", True),
        ("a.py", 'key = "v"', "# pragma: allowlist nextline secret", True),
        ("a.py", 'key = "v"', "x = 1  # pragma: allowlist nextline secret", False),
        ("a.py", 'key = "v"', "", False),
    ],
)
def test_documented_forms(filename: str, line: str, previous: str, expected: bool) -> None:
    assert detect_secrets_answer(filename, line, previous) is expected
    assert is_line_allowlisted(filename, line, previous) is expected


def test_mirrors_detect_secrets_comment_table() -> None:
    """If a detect-secrets upgrade changes its comment syntaxes, pragma.py must follow."""
    assert allowlist._get_comment_tuples() == [
        ("#", ""),
        ("//", ""),
        (r"/\*", r" *\*/"),
        ("'", ""),
        ("--", ""),
        (r"<!--[# \t]*?", " *?-->"),
    ]
    assert allowlist._get_file_to_index_dict() == {"yaml": 0}


@pytest.mark.parametrize(
    "line",
    [
        " " * 200_000,
        "\t " * 100_000,
        "<!--" + " " * 200_000,
        "# pragma: allowlist secret /*" + " " * 200_000 + "x",
        "<!-- pragma: allowlist secret" + " " * 200_000 + "x",
        "#" * 200_000,
        "<!--" * 50_000,
    ],
    ids=["spaces", "blanks", "xml-open", "c-unclosed", "xml-unclosed", "hashes", "xml-opens"],
)
def test_linear_on_long_blank_runs(line: str) -> None:
    # detect-secrets' regex takes minutes on these; the linear check takes milliseconds.
    # CPU time of this process: other processes competing for the cores do not count.
    started = time.process_time()
    is_line_allowlisted("a.py", line, line)
    assert time.process_time() - started < 0.5
