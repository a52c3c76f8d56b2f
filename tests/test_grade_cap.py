"""A report that misses a required element is not graded 优秀, and every view says why."""

from __future__ import annotations

import json
import textwrap

from typer.testing import CliRunner

from scorer.cli import app
from scorer.api import Scorer
from scorer.render.pages import render_scorecard
from tests.conftest import SEEDS

# Scores 91.5 (优秀 by its score) but says nothing about the causes of its shortcomings.
CAPPED = SEEDS / "000_1c506430314c2da3.txt"


def test_a_required_element_unmet_caps_the_grade_by_default():
    result = Scorer.open("zhejiang+emergency").score_path(CAPPED).result
    assert result.score >= 90 and "shortcomings_causes" in result.required_missing
    assert (result.grade, result.grade_capped_from) == ("良好", "优秀")


def test_a_complete_report_keeps_its_grade():
    result = Scorer.open("national").score_path(SEEDS / "001_3b1234c597bca51d.txt").result
    assert not result.required_missing and result.grade == "优秀" and result.grade_capped_from is None


def test_a_grade_below_the_cap_is_not_touched():
    result = Scorer.open("national").score_path(SEEDS / "002_518fe910bcc5f66a.txt").result
    assert result.required_missing and result.grade == "不合格" and result.grade_capped_from is None


def test_the_cap_is_a_rubric_setting(tmp_path):
    for cap, expected in (("合格", "合格"), ("null", "优秀")):
        path = tmp_path / f"cap_{expected}.yaml"
        path.write_text(textwrap.dedent(f"""
            id: cap_{'on' if cap != 'null' else 'off'}
            title: 等级上限
            version: "1"
            extends: national
            basis: [测试]
            grades:
              excellent: 90
              good: 75
              passing: 60
              cap_when_required_unmet: {cap}
            """), encoding="utf-8")
        result = Scorer.open(str(path)).score_path(CAPPED).result
        assert result.grade == expected


def test_table_json_and_page_say_the_grade_was_capped():
    table = CliRunner().invoke(app, ["score", "--rubric", "zhejiang+emergency", str(CAPPED)], env={"COLUMNS": "160"})
    assert "等级：必备要素未满足，等级最高为良好（按得分为优秀）" in table.stdout
    assert "等级 良好（按得分为优秀）" in table.stdout
    data = json.loads(CliRunner().invoke(app, ["score", "-f", "json", "--rubric", "zhejiang+emergency", str(CAPPED)]).stdout)
    assert (data["grade"], data["grade_capped_from"]) == ("良好", "优秀")
    result = Scorer.open("zhejiang+emergency").score_path(CAPPED).result
    page = render_scorecard(result, CAPPED.read_text(encoding="utf-8"))
    assert '<p class="grade-cap">必备要素未满足，等级最高为良好（按得分为优秀）</p>' in page
