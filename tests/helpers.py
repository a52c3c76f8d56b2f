"""Small synthetic reports for rule tests: a title and the four Art. 25 parts."""

from __future__ import annotations

from scorer.api import Scorer
from scorer.engine.results import ReportResult

TITLE = "某某市司法局关于2023年度法治政府建设情况的报告"
OPENING = "2023年，某某市司法局坚持依法行政，现将有关情况报告如下："


def make_report(
    measures: str = "全面推进依法行政，各项工作取得新进展。",
    problems: str | None = "执法力量不足，部分干部法治意识不强。",
    plan: str | None = "继续加强执法队伍建设，提升依法行政水平。",
    title: str = TITLE,
    opening: str = OPENING,
) -> str:
    parts = [title, opening, "一、2023年度推进法治政府建设的主要举措和成效", measures]
    if problems is not None:
        parts += ["二、存在的不足和原因", problems]
    if plan is not None:
        parts += ["三、2024年度推进法治政府建设的主要安排", plan]
    return "\n".join(parts) + "\n"


def score(text: str) -> ReportResult:
    return Scorer.open("national").score_text(text, label="test.txt").result


def status(text: str, element: str) -> str:
    return element_result(text, element).status


def element_result(text: str, element: str):
    return {item.id: item for item in score(text).elements}[element]


def assert_verbatim(result: ReportResult, original: str) -> None:
    """Every evidence of every element is the exact span of the original text it claims to be."""
    for element in result.elements:
        for evidence in element.evidence:
            assert 0 <= evidence.start <= evidence.end <= len(original), (element.id, evidence)
            assert original[evidence.start : evidence.end] == evidence.quote, (element.id, evidence)
            assert evidence.matched in evidence.quote or not evidence.matched.strip(), (element.id, evidence)
