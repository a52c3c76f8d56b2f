"""The consistency elements: one year throughout, the title's form, publication on time."""

from __future__ import annotations

from pathlib import Path

import pytest

from scorer.api import Scorer
from scorer.read import RawDocument
from tests.helpers import element_result, make_report, score, status


# --- year_consistency -------------------------------------------------------

def test_measures_that_speak_of_an_earlier_year_as_now_are_a_slip():
    text = make_report(measures="2022年，我局全年办理行政复议案件12件。")
    result = element_result(text, "year_consistency")
    assert result.status == "partial"
    assert result.evidence[0].quote.startswith("2022年")
    assert "把2022年当作本年度" in (result.evidence[0].note or "")


@pytest.mark.parametrize(
    "history",
    [
        "2022年以来，我局持续推进复议体制改革。",
        "2016—2020年，全县圆满完成七五普法规划。",
        "2022年度法治政府建设报告反馈的问题已全部整改。",
        "2022年12月，我局出台了行政复议工作规程。",
        "对照2022年，全年复议案件增长两成。",
    ],
)
def test_history_is_not_a_slip(history):
    assert status(make_report(measures="2023年，我局办理复议案件12件。" + history), "year_consistency") == "met"


def test_a_plan_for_the_reported_year_itself_is_a_slip():
    text = make_report().replace("三、2024年度推进法治政府建设的主要安排", "三、2023年度推进法治政府建设的主要安排")
    result = element_result(text, "year_consistency")
    assert result.status == "partial"
    assert any("应为2024年" in (e.note or "") for e in result.evidence)


def test_no_year_anywhere_is_missing():
    assert status("我局认真推进依法行政，取得一定成效。\n", "year_consistency") == "missing"


# --- title_form -------------------------------------------------------------

def test_the_standard_title_is_met():
    assert status(make_report(), "title_form") == "met"


def test_an_enforcement_report_is_not_the_rule_of_law_report():
    text = make_report(title="某某市司法局2023年度行政执法工作报告")
    result = element_result(text, "title_form")
    assert result.status == "partial"
    assert "法治政府建设……报告" in result.missing_checks


def test_a_title_without_year_names_what_is_missing():
    text = make_report(title="某某市司法局法治政府建设情况报告", opening="一年来，我局坚持依法行政。")
    result = element_result(text, "title_form")
    assert result.status == "partial"
    assert "标题中的年度" in result.missing_checks


# --- published_on_time ------------------------------------------------------

SIGNED = make_report() + "某某市司法局\n{date}\n"


@pytest.mark.parametrize(("date", "expected"), [("2024年3月31日", "met"), ("2024年1月5日", "met"), ("2024年4月1日", "missing")])
def test_signature_date_against_the_deadline(date, expected):
    result = element_result(SIGNED.format(date=date), "published_on_time")
    assert result.status == expected
    if expected == "missing":
        assert "晚于2024-03-31" in result.explanation


def test_unknown_date_is_not_applicable_and_leaves_the_score():
    unknown = score(make_report())
    on_time = score(SIGNED.format(date="2024年3月1日"))
    na = {e.id: e for e in unknown.elements}["published_on_time"]
    assert na.status == "na" and na.points == 0 and "不适用" in na.explanation
    assert na.suggestion is None
    # The same report, with the element met, earns its weight on a larger denominator.
    others = [e for e in unknown.elements if e.id != "published_on_time"]
    expected = round(100 * sum(e.points for e in others) / sum(e.weight for e in others), 1)
    assert unknown.score == expected
    assert on_time.score >= unknown.score
    assert "published_on_time" not in unknown.required_missing


def test_a_site_clock_line_is_not_the_publication_date():
    page = (
        "<html><head><title>某某市司法局2023年度法治政府建设情况报告</title></head><body>"
        "<div>今天是：2024年10月31日 星期四</div>"
        "<h1>某某市司法局2023年度法治政府建设情况报告</h1><p>2023年，我局全年办理行政复议案件12件。</p>"
        "</body></html>"
    )
    scored = Scorer.open("national").score_bytes(page.encode("utf-8"), "page.html")
    assert scored.result.metadata.date != "2024-10-31"


def test_the_deadline_is_rubric_data(tmp_path: Path):
    rubric = tmp_path / "province.yaml"
    rubric.write_text(
        "id: province\ntitle: 某省细则\nversion: '1'\nextends: national\nbasis: [本省年度报告工作指引]\n"
        "overrides:\n  - id: published_on_time\n    reason: 本省要求3月1日前公开\n"
        "    met:\n      - kind: published\n        deadline: '03-01'\n",
        encoding="utf-8",
    )
    scorer = Scorer.open(str(rubric))
    late = scorer.score_text(SIGNED.format(date="2024年3月15日")).result
    assert {e.id: e.status for e in late.elements}["published_on_time"] == "missing"


def test_a_report_without_a_title_says_so():
    result = element_result("2023年，我局认真推进依法行政，办理复议案件12件。\n", "title_form")
    assert result.status == "missing"
    assert "没有单独成行的标题" in result.explanation
