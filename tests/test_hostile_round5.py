"""Round 5's attacks (docs/threat-model.md "Round 5, attacked"): inputs crafted against the
last round's SQL rows, cross-file rule, reports, ``--config-from`` and the pre-receive
hook. Each test fails on the code before its fix, unless it says it is a control."""

from __future__ import annotations

import pytest

from binance_secrets.plugins.detection import classify, engine
from binance_secrets.plugins.detection.engine import MAX_FINDINGS_PER_FILE
from binance_secrets.plugins.detection.findings import Finding
from binance_secrets.plugins.detection.project_context import NO_PROJECT
from tests.fake_values import random_key


def test_one_line_of_held_values_is_classified_once_past_the_files_room(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A value refused only for want of a Binance word was classified a second time, as if
    # something had said Binance, to be held for the cross-file rule, and every value of a
    # line was, although a file holds at most MAX_FINDINGS_PER_FILE of them: a mysqldump
    # line of 30,000 key rows cost twice what classifying it once does (3.9 s of CPU for
    # 2 MiB). Now a line holds no more than the file's room.
    rows = ",".join(f"('{random_key()}')" for _ in range(3 * MAX_FINDINGS_PER_FILE))
    text = f"CREATE TABLE t (access_key text);\nINSERT INTO t VALUES {rows};\n"
    calls = 0
    token_type = classify._token_type

    def counted(*args: object) -> object:
        nonlocal calls
        calls += 1
        return token_type(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(classify, "_token_type", counted)
    held: list[Finding] = []
    assert engine.scan_text("dump.sql", text, NO_PROJECT, held=held) == []
    assert len(held) == MAX_FINDINGS_PER_FILE
    assert calls <= 3 * MAX_FINDINGS_PER_FILE + MAX_FINDINGS_PER_FILE

