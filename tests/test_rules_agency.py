"""The reporting agency, the year and the title, read as a reviewer reads them.

Every text here is written for the test: invented places (青山, 云溪, 河西 ...) and
sentences, never a published report.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scorer.api import Scorer
from tests.helpers import score

BODY = "\n一、主要举措和成效\n全面推进依法行政，组织执法培训。\n"


def _meta(head: str):
    return score(head + BODY).metadata


def _title_status(head: str) -> str:
    return {e.id: e.status for e in score(head + BODY).elements}["title_year_agency"]


# --- who needs no place ----------------------------------------------------------------------
@pytest.mark.parametrize("organ", ["水利部", "商务部", "国家统计局", "海关总署", "国家林业和草原局"])
def test_a_national_organ_needs_no_place(organ):
    head = f"2023年，{organ}坚持依法行政，扎实推进法治政府建设。"
    assert _meta(head).agency == organ
    assert _title_status(head) == "met"


def test_a_national_organ_in_the_title():
    assert _title_status("水利部2023年法治政府建设年度报告\n一年来，我部坚持依法行政。") == "met"


@pytest.mark.parametrize(
    ("head", "agency"),
    [
        ("2023年，青山镇坚持以法治思维推进各项工作。", "青山镇"),
        ("2023年，在区委、区政府的领导下，河西街道扎实推进基层法治建设。", "河西街道"),
        ("云溪县2023年度法治政府建设情况报告\n一年来，县政府坚持依法行政。", "云溪县"),
        ("2022年度，云溪市青山区应急管理局认真推进依法行政。", "云溪市青山区应急管理局"),
    ],
)
def test_a_government_named_by_its_place_is_its_place(head, agency):
    assert _meta(head).agency == agency
    assert _title_status(head) == "met"


def test_a_department_without_its_city_stays_partial():
    assert _title_status("2023年，市统计局扎实推进法治政府建设。") == "partial"


def test_a_place_in_a_later_sentence_is_not_the_agency():
    # Only a title or the first sentence names the reporter; later sentences name towns of all kinds.
    head = "2023年，我局坚持依法行政，取得明显成效。河口镇获评省级法治示范镇。"
    assert _title_status(head) == "partial"


@pytest.mark.parametrize("area", ["示范区", "社区", "园区"])
def test_a_kind_of_area_is_not_a_place(area):
    head = f"2023年，{area}创建工作稳步推进，我局坚持依法行政。"
    assert _meta(head).agency is None


def test_we_the_city_is_the_one_city_the_opening_names():
    head = "2023年，我市认真落实《云溪市法治政府建设规划》，各级行政机关依法行政水平持续提升。"
    assert _meta(head).agency == "云溪市"
    assert _title_status(head) == "met"


def test_we_the_city_stays_unnamed_when_the_opening_names_two():
    head = "2023年，我市学习借鉴云溪市、青山市的经验，依法行政水平持续提升。"
    assert _title_status(head) == "partial"


# --- names not cut, sentence words not taken -------------------------------------------------------
@pytest.mark.parametrize(
    "agency",
    ["青山新区管理委员会市场监督管理局", "中共云溪市委全面依法治市委员会办公室", "云溪市住房和城乡建设局", "国家税务总局云溪市税务局"],
)
def test_a_nested_organ_keeps_its_whole_name(agency):
    assert _meta(f"{agency}2023年法治政府建设年度报告\n一年来，我们坚持依法行政。").agency == agency


def test_the_organ_of_a_handing_over_formula_is_the_agency():
    meta = _meta("现将市人社局2023年法治政府建设情况报告如下：")
    assert meta.agency == "市人社局" and meta.title is None


def test_a_clause_ending_like_an_organ_is_not_an_agency():
    meta = _meta("2023年，青山乡法治建设在县委的领导下，认真落实上级各项工作部署，稳步推进。")
    assert meta.agency == "青山乡"


def test_a_place_spanning_a_clause_is_not_read():
    # 县公安局在县委 is an agency and then its superior, not one long place.
    meta = _meta("2023年，云溪县公安局在县委、县政府的领导下扎实推进法治公安建设。")
    assert meta.agency == "云溪县公安局"


# --- where the title stands ----------------------------------------------------------------------------
def test_a_title_with_the_agency_on_its_own_line_above():
    meta = _meta("云溪县审计局\n2023年法治政府建设年度报告\n2023年，我局坚持依法审计。")
    assert meta.title == "云溪县审计局2023年法治政府建设年度报告"


@pytest.mark.parametrize(
    "table",
    [
        "索引号: 000123/2024-001 主题分类: 综合政务\n发布机构: 云溪县审计局 生成日期: 2024-03-01\n",
        "- 索引号:\n- 000123/2024-001\n- 公开方式:\n- 主动公开\n- 发布单位:\n- 云溪县审计局\n",
        "[ 索引号 ]000123/2024-001 [ 发文字号 ] [ 发布机构 ]云溪县审计局 [ 体裁分类 ]工作报告\n",
        "| 索引号: | 000123/2024-001 | 分类: | |\n| 发文机关: | 云溪县审计局 | 发文日期: | |\n",
    ],
)
def test_a_publication_table_above_the_title_is_not_read_as_the_report(table):
    text = table + "青山市审计局2023年法治政府建设年度报告\n2023年，我局坚持依法审计。" + BODY
    result = score(text)
    assert result.metadata.title == "青山市审计局2023年法治政府建设年度报告"
    assert result.metadata.agency == "青山市审计局"
    # 公开方式：主动公开 is the site's data, not government transparency work.
    assert {e.id: e.status for e in result.elements}["government_transparency"] == "missing"


def test_a_breadcrumb_naming_the_column_is_not_the_title():
    text = "您当前的位置：首页 > 政务公开 > 法治政府建设年度报告\n云溪县2023年度法治政府建设情况报告\n2023年，云溪县坚持依法行政。" + BODY
    assert score(text).metadata.title == "云溪县2023年度法治政府建设情况报告"


def test_an_addressee_line_before_the_opening_is_not_the_agency():
    head = "县委全面依法治县委员会：\n2023年，青山镇坚持依法行政，扎实推进法治建设。"
    assert _meta(head).agency == "青山镇"


def test_the_year_under_the_first_heading_when_the_preamble_only_hands_over():
    text = "根据有关规定，现将我局法治政府建设情况报告如下。\n一、2023年总体情况\n2023年，我局坚持依法行政。\n二、主要做法\n组织执法培训。\n"
    result = score(text)
    assert result.metadata.year == 2023
    assert {e.id: e.status for e in result.elements}["title_year_agency"] == "partial"


# --- a news page about a report is not the report ---------------------------------------------------
def test_a_news_item_about_a_report_does_not_lend_its_headline_as_the_title():
    text = "云溪县发布2023年法治政府建设年度报告\n记者从云溪县司法局获悉，该县2023年法治政府建设年度报告日前已在政府网站公开。报告显示，全县各项工作稳步推进。\n"
    result = score(text)
    assert result.metadata.title is None and result.metadata.agency is None
    assert {e.id: e.status for e in result.elements}["title_year_agency"] == "missing"


def test_a_news_item_that_gives_the_report_in_full_keeps_its_title():
    text = "水利部发布2023年法治政府建设年度报告\n据水利部网站消息，水利部发布2023年法治政府建设年度报告。具体内容如下：" + BODY
    assert {e.id: e.status for e in score(text).elements}["title_year_agency"] == "met"


def _auto(agency: str):
    return Scorer.open("auto").score_text(f"{agency}2023年法治政府建设年度报告\n2023年，我们坚持依法行政。" + BODY).result


# --- --rubric auto says what it saw ------------------------------------------------------------------
def test_auto_says_the_place_is_clear_but_its_province_has_no_rubric():
    reason = _auto("江苏省南京市司法局").rubric.reason
    assert "写明了地名“江苏省南京市”" in reason and "暂无评分细则" in reason and "未写地名" not in reason


def test_auto_says_a_national_organ_uses_the_national_rubric():
    result = _auto("水利部")
    assert result.rubric.id == "national" and "中央国家机关" in result.rubric.reason


def test_the_title_names_the_agency_and_proves_no_element():
    # 审计 in an audit office's name is not audit supervision of the government's work.
    text = "青山区审计局2023年法治政府建设年度报告\n2023年，我局坚持依法行政。" + BODY
    result = score(text)
    assert {e.id: e.status for e in result.elements}["supervision"] == "missing"
    assert {e.id: e.status for e in result.elements}["title_year_agency"] == "met"


@pytest.mark.parametrize(
    "opening",
    ["2023年，乡镇街道依法行政水平稳步提升，我局坚持依法行政。", "2023年，国家层面形成新格局，我局坚持依法行政。"],
)
def test_words_for_kinds_of_place_and_words_ending_in_bureau_name_no_agency(opening):
    assert _title_status(opening) == "partial"
    assert _meta(opening).agency is None


def test_a_title_line_under_a_share_button_is_kept():
    text = "分享：\n云溪县2023年度法治政府建设\n情况报告\n2023年，云溪县坚持依法行政。" + BODY
    assert score(text).metadata.title == "云溪县2023年度法治政府建设情况报告"


def test_auto_does_not_guess_the_province_of_a_place_it_does_not_know():
    reason = _auto("青山区审计局").rubric.reason
    assert "写明了地名“青山区”" in reason and "地名表中没有它" in reason and "未写地名" not in reason


def test_a_title_split_after_its_year():
    meta = _meta("云溪县审计局2023年度\n法治政府建设情况报告\n一年来，我局坚持依法审计。")
    assert meta.title == "云溪县审计局2023年度法治政府建设情况报告"
    assert meta.agency == "云溪县审计局" and meta.year == 2023


@pytest.mark.parametrize("agency", ["区财政局", "县民政局", "市政务服务中心", "市行政审批局"])
def test_bureaus_whose_names_end_like_common_words_are_still_read(agency):
    meta = _meta(f"2023年，{agency}认真推进依法行政。")
    assert meta.agency == agency


def test_the_departments_of_a_field_are_not_the_ministry():
    meta = _meta("2023年，司法部门和商务部门协同推进依法行政，我局坚持依法办事。")
    assert meta.agency is None


def test_an_addressee_line_above_the_title():
    meta = _meta("县委、县政府：\n云溪县审计局关于2023年度法治政府建设情况的报告\n一年来，我局坚持依法审计。")
    assert meta.title == "云溪县审计局关于2023年度法治政府建设情况的报告" and meta.agency == "云溪县审计局"


_PIECES = ["云溪县", "青山镇", "河西街道", "水利部", "国家统计局", "司法局", "管理委员会", "办公室", "中共", "市", "区", "我局",
           "现将", "在", "的", "和", "、", "，", "。", "2023年", "年度", "法治政府建设", "情况报告", "如下：", "\n", "坚持依法行政"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=25).map("".join))
def test_the_agency_found_is_a_span_of_the_text_it_was_read_from(text):
    from scorer.text.normalize import normalize
    from scorer.text.opening import extract_metadata

    norm = normalize(text).text
    meta = extract_metadata(norm, len(norm), [], {})
    for found in (meta.agency, meta.year, meta.title):
        if found is not None and found is not meta.year:
            assert norm[found.start : found.end].replace("\n", "") == found.value
