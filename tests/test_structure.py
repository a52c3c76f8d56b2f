"""Headings, roles and normalisation on small texts."""

from __future__ import annotations

import pytest

from scorer.engine.compiled import get_compiled
from scorer.text.document import build_document
from scorer.text.normalize import normalize
from scorer.read import RawDocument


def structure(text: str):
    compiled = get_compiled("national")
    doc = build_document(RawDocument("t.txt", text, "utf-8"), compiled.roles, compiled.rubric.default_role)
    return doc


@pytest.mark.parametrize(
    ("line", "level", "heading"),
    [
        ("一、主要举措和成效", 1, "一、主要举措和成效"),
        ("十二、其他情况", 1, "十二、其他情况"),
        ("（一）严格规范执法监督", 2, "(一)严格规范执法监督"),
        ("(一)严格规范执法监督", 2, "(一)严格规范执法监督"),
        ("（ 三 ） 推进政务公开", 2, "(三)推进政务公开"),  # spaces beside Chinese are dropped
        ("1.深化改革", 3, "1.深化改革"),
        ("２．深化改革", 3, "2.深化改革"),
        ("（1）加强培训", 4, "(1)加强培训"),
        ("第二部分 存在的问题", 1, "第二部分存在的问题"),
    ],
)
def test_heading_levels_and_forms(line, level, heading):
    doc = structure(line + "\n正文内容。\n")
    (section,) = doc.sections
    assert section.level == level
    assert doc.text[section.heading_start : section.heading_end] == heading


def test_heading_that_starts_a_paragraph_ends_at_its_full_stop():
    doc = structure("（一）严格规范执法监督。出台了三项制度实施办法。\n")
    (section,) = doc.sections
    assert section.heading == "(一)严格规范执法监督"
    assert doc.text[section.body_start :].startswith("出台了")


@pytest.mark.parametrize("not_heading", ["2.0平台上线运行。", "2023年，我局开展工作。", "一是加强培训。", "5月份召开会议。"])
def test_ordinary_lines_are_not_headings(not_heading):
    assert structure(not_heading + "\n").sections == []


def test_roles_from_headings_and_inheritance():
    doc = structure("\n".join([
        "标题",
        "开头一段。",
        "一、主要举措和成效",
        "(一)落实第一责任人职责",
        "主要负责人主持会议。",
        "(二)推进依法行政",
        "做了很多工作。",
        "二、存在的不足和原因",
        "执法力量不足。",
        "三、2024年工作安排",
        "(一)加强培训",
        "继续培训。",
    ]))
    roles = {doc.text[s.heading_start : s.heading_end]: doc.role_at(s.heading_start) for s in doc.sections}
    assert roles == {
        "一、主要举措和成效": "measures",
        "(一)落实第一责任人职责": "first_responsible_person",
        "(二)推进依法行政": "measures",
        "二、存在的不足和原因": "problems",
        "三、2024年工作安排": "plan",
        "(一)加强培训": "plan",
    }
    assert doc.role_at(doc.text.index("开头")) == "preamble"


def test_unlabelled_top_level_parts_are_last_years_work():
    doc = structure("一、加强组织领导\n成立领导小组。\n二、规范执法\n开展检查。\n")
    assert {doc.role_at(s.heading_start) for s in doc.sections} == {"measures"}


def test_joint_heading_splits_at_the_plan_cue_and_children_follow():
    doc = structure("二、存在问题和下一步打算\n执法力量不足。下一步，我局将加强培训。\n(一)完善制度\n修订制度。\n")
    text = doc.text
    assert doc.role_at(text.index("执法力量")) == "problems"
    assert doc.role_at(text.index("下一步,")) == "plan"  # full-width commas are folded
    assert doc.role_at(text.index("修订制度")) == "plan"


def test_normalisation_folds_widths_and_traditional_and_drops_debris():
    original = "首页 > 政务公开\n发布日期：2024-03-15  来源：某某网\n法律顧問參與決策，全麵落實製度。ＡＢＣ１２\n打印本页 关闭窗口\n"
    norm = normalize(original)
    assert norm.text == "法律顾问参与决策,全面落实制度。ABC12"
    assert any("2024-03-15" in line for line in norm.dropped)
    start = norm.text.index("全面")
    assert norm.original_slice(start, start + 2) == "全麵"


def test_spaces_inside_chinese_are_removed_but_mapped():
    norm = normalize("研究谋划 2020 年法治 政府建设")
    assert norm.text == "研究谋划2020年法治政府建设"
    start = norm.text.index("2020年")
    assert norm.original_slice(start, start + 5) == "2020 年"


def test_footer_and_navigation_above_it_are_dropped():
    text = "正文第一段。\n正文第二段。\n正文第三段。\n官方微信\n官方微博\n版权所有:某某办公室\nICP备案编号:123号\n"
    assert normalize(text).text == "正文第一段。\n正文第二段。\n正文第三段。"


def test_prose_mentioning_site_words_is_not_debris():
    text = "一、主要举措和成效\n办理政协提案8件，承办单位均按时办结。\n通过微信公众号发布普法信息320条。\n二、存在的不足和原因\n执法力量不足。\n"
    norm = normalize(text)
    assert "承办单位均按时办结" in norm.text and "微信公众号" in norm.text and "执法力量不足" in norm.text


def test_a_whole_word_check_across_a_hard_cut_in_run_on_text_does_not_crash():
    from tests.helpers import score

    text = "一、主要举措和成效\n" + "甲" * 599 + "应诉工作" + "乙" * 50 + "。\n"
    from scorer.engine.compiled import get_compiled

    result = score(text)  # used to raise IndexError inside the word-boundary check
    assert len(result.elements) == len(get_compiled("national").rubric.elements)
