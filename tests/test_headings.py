"""The one heading grammar: the same numbers read as headings before (readers) and after (engine) folding."""

from __future__ import annotations

import re

import pytest

from scorer.chars import fold_characters
from scorer.headings import FOLDED_START, LEVELS, SOURCE_START

TYPED = [
    ("一、总体情况", 1), ("十二、其他", 1), ("第二部分 存在的不足", 1), ("第三章 下一步安排", 1),
    ("（一）健全制度", 2), ("(三)强化监督", 2), ("1.开展培训", 3), ("12、完善机制", 3), ("（2）落实责任", 4), ("(10) 规范执法", 4),
]
NOT_HEADINGS = ["2023年，我局", "1.5万元", "一是加强领导", "第一责任人职责", "（2023）12号"]


def level_of(folded: str) -> int | None:
    return next((level for level, pattern in LEVELS if pattern.match(folded)), None)


@pytest.mark.parametrize(("typed", "level"), TYPED)
def test_a_typed_number_is_a_heading_start_before_and_after_folding(typed, level):
    assert re.match(SOURCE_START, typed)
    folded = fold_characters(typed)
    assert re.match(FOLDED_START, folded)
    assert level_of(folded) == level


@pytest.mark.parametrize("text", NOT_HEADINGS)
def test_a_figure_or_a_phrase_is_no_heading(text):
    assert not re.match(SOURCE_START, text)
    assert not re.match(FOLDED_START, fold_characters(text))
