"""Whole-report behaviour: traditional text, a removed part, structure and metadata."""

from __future__ import annotations

import re

import opencc
import pytest

from tests.conftest import SEEDS, expected_verdicts
from tests.helpers import assert_verbatim


def verdicts(result) -> dict[str, str]:
    return {element.id: element.status for element in result.elements}


def test_traditional_character_seed_matches_its_simplified_reading(national):
    result = national.score_path(SEEDS / "000_1c506430314c2da3.txt").result
    assert result.metadata.agency == "杭州市应急管理局"
    # The evidence is quoted in the report's own traditional characters.
    quotes = [e.quote for element in result.elements for e in element.evidence]
    assert any("製度" in quote or "法律顧問" in quote for quote in quotes)


@pytest.mark.parametrize("name", sorted(expected_verdicts()))
def test_a_seed_written_in_traditional_characters_gets_the_same_verdicts(national, name):
    text = (SEEDS / name).read_text(encoding="utf-8")
    traditional = opencc.OpenCC("s2t").convert(text)
    assert traditional != text
    assert verdicts(national.score_text(traditional).result) == verdicts(national.score_text(text).result)


@pytest.mark.parametrize("name", ["001_3b1234c597bca51d.txt", "003_2df10a55c3c90a0f.txt", "004_8ada07ac84392140.txt"])
def test_deleting_the_problems_part_makes_shortcomings_missing(national, name):
    text = (SEEDS / name).read_text(encoding="utf-8")
    assert verdicts(national.score_text(text).result)["shortcomings_causes"] != "missing"
    # Cut from the problems heading to the next top-level heading.
    cut = re.sub(r"\n\s*[二三四]、[^\n]*(不足|问题)[^\n]*\n.*?(?=\n\s*[三四五]、)", "\n", text, count=1, flags=re.S)
    assert len(cut) < len(text)
    assert verdicts(national.score_text(cut).result)["shortcomings_causes"] == "missing"


def test_site_debris_is_not_part_of_the_report(national):
    result = national.score_path(SEEDS / "003_2df10a55c3c90a0f.txt").result
    quotes = " ".join(e.quote for element in result.elements for e in element.evidence)
    assert "版权所有" not in quotes and "ICP" not in quotes
    assert result.metadata.date == "2024-03-15"


def test_metadata_of_the_seeds(national):
    found = {path: national.score_path(SEEDS / path).result.metadata for path in expected_verdicts()}
    assert found["001_3b1234c597bca51d.txt"].agency == "杭州市人民防空办公室"
    assert found["001_3b1234c597bca51d.txt"].year == 2019
    assert found["002_518fe910bcc5f66a.txt"].agency == "市应急管理局"
    assert found["002_518fe910bcc5f66a.txt"].title == "市应急管理局2019年法治政府建设情况报告"
    assert found["003_2df10a55c3c90a0f.txt"].agency == "兰州新区应急管理局"
    assert found["004_8ada07ac84392140.txt"].agency == "衢州市应急管理局"
    assert found["004_8ada07ac84392140.txt"].title is None
    assert found["000_1c506430314c2da3.txt"].year == 2020


def test_score_and_grade_follow_the_weights(national):
    result = national.score_path(SEEDS / "001_3b1234c597bca51d.txt").result
    total = sum(e.weight for e in result.elements)
    earned = sum(e.points for e in result.elements)
    assert result.score == round(100 * earned / total, 1)
    assert result.grade == ("优秀" if result.score >= 90 else "良好" if result.score >= 75 else "合格" if result.score >= 60 else "不合格")
    assert result.required_missing == [e.id for e in result.elements if e.required and e.status != "met"]


@pytest.mark.parametrize("width", [32, 40])
@pytest.mark.parametrize("name", sorted(expected_verdicts()))
def test_hard_wrapped_text_gets_the_same_verdicts(national, name, width):
    """Text copied out of a PDF breaks every line at the column width, mid-sentence."""
    import textwrap

    text = (SEEDS / name).read_text(encoding="utf-8")
    wrapped = "\n".join(line for paragraph in text.split("\n") for line in (textwrap.wrap(paragraph, width) or [""]))
    assert wrapped != text
    result = national.score_text(wrapped).result
    labelled = expected_verdicts()[name]
    assert {k: v for k, v in verdicts(result).items() if k in labelled} == labelled
    assert_verbatim(result, wrapped)


def test_ordinary_paragraphs_are_never_joined():
    from scorer.text.normalize import normalize

    for name in expected_verdicts():
        text = (SEEDS / name).read_text(encoding="utf-8")
        assert normalize(text).text.count("\n") >= 10
