"""The value-shape table (patterns.VALUE_SHAPES) and the pre-filter built from it: every
row's example is found, as the type the row says, and every pre-filter (text, bytes, git
grep, the byte-level needles) agrees with the rows."""

from __future__ import annotations

import base64
import re
import subprocess
from pathlib import Path

import pytest

from binance_secrets.plugins.detection.classify import SHAPE_STEPS, classify_line
from binance_secrets.plugins.detection.patterns import (
    CANDIDATE,
    VALUE_SHAPES,
    ValueShape,
    candidate_filter,
)
from tests.fake_values import random_key


def _example(shape: ValueShape) -> str:
    key = random_key()
    return shape.example.replace("{B64}", base64.b64encode(key.encode()).decode()).replace(
        "{V}", key
    )


def _filter_says(line: str) -> bool:
    """The fast byte-level way to ask the pre-filter, as its docstring describes it."""
    pre = candidate_filter()
    data = line.encode()
    if pre.run in data.translate(pre.run_map):
        return True
    if any(needle in data for needle in pre.sufficient_needles):
        return True
    return any(needle in data for needle in pre.needles) and bool(pre.data.search(data))


@pytest.mark.parametrize("shape", VALUE_SHAPES, ids=[shape.name for shape in VALUE_SHAPES])
def test_each_shape_yields_its_type_from_its_example(shape: ValueShape) -> None:
    line = _example(shape)
    assert [candidate.type for candidate in classify_line(line)] == [shape.yields], line


@pytest.mark.parametrize("shape", VALUE_SHAPES, ids=[shape.name for shape in VALUE_SHAPES])
def test_every_prefilter_passes_each_shapes_example(shape: ValueShape, tmp_path: Path) -> None:
    line = _example(shape)
    pre = candidate_filter()
    assert re.search(shape.pattern, line)
    assert pre.text.search(line) and pre.data.search(line.encode())
    assert _filter_says(line)
    (tmp_path / "f.txt").write_text(line + "\n")
    grep = subprocess.run(
        ["grep", "-E", "-c", "-e", pre.git, "f.txt"], cwd=tmp_path, capture_output=True, text=True
    )
    assert grep.stdout.strip() == "1", (shape.name, line)


@pytest.mark.parametrize(
    "line",
    [
        "x = 1",
        "sha = " + "ab" * 20,
        "a == b",
        "PRIVATE KEY",
        "x" * 63,
        "-----BEGIN CERTIFICATE-----",
    ],
)
def test_prefilters_drop_lines_without_a_shape(line: str) -> None:
    pre = candidate_filter()
    assert not pre.text.search(line)
    assert not pre.data.search(line.encode())
    assert not _filter_says(line)


def test_the_text_filter_is_the_union_of_the_rows() -> None:
    assert CANDIDATE.pattern == "|".join(shape.pattern for shape in VALUE_SHAPES)
    assert candidate_filter().git == "|".join(shape.posix for shape in VALUE_SHAPES)


def test_shape_names_are_unique() -> None:
    names = [shape.name for shape in VALUE_SHAPES]
    assert len(names) == len(set(names))


def test_every_shape_has_a_classify_step() -> None:
    steps = [name for name, _ in SHAPE_STEPS]
    assert sorted(steps) == sorted(shape.name for shape in VALUE_SHAPES)
