"""A line that names a part of the report is its heading even without a number (a Word
heading style lost on the way to PDF or text); titles and sentences are not headings."""

from __future__ import annotations

from scorer.api import Scorer

REPORT = """某镇人民政府2023年度法治政府建设情况报告
2023年，某镇人民政府坚持以习近平法治思想为指导，推进依法行政。现报告如下：
主要举措和成效
全面落实行政执法公示、执法全过程记录、重大执法决定法制审核制度，聘请法律顾问审查合同32份。
存在的不足和原因
镇村两级执法力量薄弱，主要原因是专业人员流失。
2024年工作安排
下一步，我镇将加强执法队伍建设，健全重大行政决策程序，深入开展法治宣传教育，提高依法行政水平。
"""


def _scored(text: str):
    return Scorer.open("national").score_text(text).result


def _status(text: str) -> dict[str, str]:
    return {element.id: element.status for element in _scored(text).elements}


def test_unnumbered_part_headings_give_the_parts_their_roles():
    status = _status(REPORT)
    assert status["shortcomings_causes"] == "met"
    assert status["next_year_plan"] == "met"
    problems = next(e for e in _scored(REPORT).elements if e.id == "shortcomings_causes")
    assert any(evidence.section == "存在的不足和原因" for evidence in problems.evidence)


def test_a_plan_under_an_unnumbered_heading_is_not_last_years_work():
    text = REPORT.replace("聘请法律顾问审查合同32份。", "").replace("提高依法行政水平。", "发挥法律顾问作用。")
    assert _status(text)["legal_adviser"] == "partial"  # named only in next year's plan


def test_a_line_in_a_sentence_or_a_title_block_is_not_a_heading():
    # The words of a part heading, but continuing a sentence (no 。 before) or ending one.
    text = REPORT.replace("现报告如下：\n主要举措和成效", "现将主要举措和成效\n报告如下：").replace("存在的不足和原因\n", "存在的不足和原因。\n")
    status = _status(text)
    assert status["shortcomings_causes"] != "met"
