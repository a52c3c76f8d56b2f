"""Vocabulary a reviewer reads as the same thing, who acts, and terms used in another sense."""

from __future__ import annotations

import pytest

from tests.helpers import element_result, make_report, status


# --- who acts: the principal leader himself, not the team, a group he heads or a meeting -----
@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("县长主持召开县政府常务会议，专题研究法治政府建设工作。", "met"),
        ("局党组书记、局长带头学习新修订的行政处罚法。", "met"),
        ("主要负责同志全年听取法治建设工作汇报3次。", "met"),
        ("镇党委书记在年终述职中报告了履行法治建设职责的情况。", "met"),
        ("成立由县长任组长的法治政府建设领导小组，定期研究部署法治工作。", "partial"),
        ("通过党组会、局长办公会研究法治建设工作4次。", "partial"),
        ("局主要负责人认真履行推进法治建设第一责任人职责。", "partial"),
        ("局领导班子集体学习行政诉讼法，研究部署全年执法工作。", "missing"),
        ("副局长主持召开执法案卷评查会议。", "missing"),
        ("深入学习习近平总书记关于法治建设的重要论述，主持开展专题研讨。", "missing"),
    ],
)
def test_the_principal_leader_must_be_the_one_acting(sentence, expected):
    assert status(make_report(measures=sentence), "first_responsible_person") == expected


def test_an_enterprise_safety_duty_is_never_credited():
    text = make_report(measures="督促企业主要负责人落实安全生产第一责任人责任，主持召开企业安全例会。")
    assert status(text, "first_responsible_person") == "missing"
    text = make_report(measures="压实生产经营单位主要负责人安全生产责任，约谈企业负责人12人次。")
    assert status(text, "first_responsible_person") == "missing"


def test_a_regulation_cited_by_title_is_not_the_leader():
    text = make_report(measures="认真贯彻《党政主要负责人履行推进法治建设第一责任人职责规定》，主持法治讲座。")
    # The bare duty wording is a claim (partial); the title's 主要负责人 does not make 主持 his act.
    assert status(text, "first_responsible_person") == "partial"


# --- three systems of another field -------------------------------------------------------------
@pytest.mark.parametrize(
    "sentence",
    [
        "严格落实收寄验视、实名收寄、过机安检三项制度。",
        "全面推行寄递安全“三项制度”，确保渠道安全。",
    ],
)
def test_another_fields_three_systems_are_not_enforcement(sentence):
    assert status(make_report(measures=sentence), "three_systems") == "missing"


def test_enforcement_three_systems_named_as_implemented_are_met():
    assert status(make_report(measures="严格落实行政执法“三项制度”。"), "three_systems") == "met"
    assert status(make_report(measures="全年全面推行三项制度，执法规范化水平提升。"), "three_systems") == "met"


# --- 学法 under other names ---------------------------------------------------------------------
@pytest.mark.parametrize(
    "sentence",
    [
        "局党组理论学习中心组开展集体学习6次。",
        "邀请法学专家举办民法典专题讲座。",
        "举办领导干部法治专题研究班1期。",
        "组织宪法知识竞赛，参赛干部120人。",
        "编印领导干部应知应会法律法规清单。",
        "深入学习宣传贯彻习近平法治思想，组织专题研讨2次。",
        "重点学习贯彻全面依法治国新理念新思想新战略。",
    ],
)
def test_learning_law_under_other_names_is_met(sentence):
    assert status(make_report(measures=sentence), "law_publicity_learning") == "met"


def test_the_openings_guiding_thought_is_not_a_study_done():
    opening = "2023年，某某市司法局在市委市政府的坚强领导下，坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻习近平法治思想，推进依法行政。"
    text = make_report(opening=opening, measures="全面推进依法行政，各项工作取得新进展。")
    assert status(text, "law_publicity_learning") == "missing"


def test_a_learning_system_merely_named_is_partial():
    text = make_report(measures="建立完善了领导干部学法制度、政务公开制度等工作制度。")
    assert status(text, "law_publicity_learning") == "partial"
    assert status(text, "government_transparency") == "partial"


# --- supervision: framing and internal checks are not external supervision --------------------
@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("认真办理人大代表建议8件、政协委员提案5件。", "met"),
        ("主动接受审计监督，审计整改全部到位。", "met"),
        ("认真研究处理区人大提出的审议意见。", "met"),
        ("加强内部监督，开展提醒谈话4次。", "partial"),
        ("在区人大、区政协的监督支持下，扎实推进各项工作。", "missing"),
        ("区审计局全年完成审计项目28个。", "missing"),
        ("根据《法治政府建设与责任落实督察工作规定》，现将情况报告如下。", "missing"),
    ],
)
def test_supervision_is_checks_on_the_agency_by_others(sentence, expected):
    assert status(make_report(measures=sentence), "supervision") == expected


# --- transparency: the work, not a navigation trail, a heading alone or published results ----
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (make_report(measures="全年主动公开政府信息86条，办理依申请公开3件。"), "met"),
        (make_report(measures="检查结果通过政府门户网站向社会主动公开。"), "missing"),
        ("您当前的位置：首页 > 政务公开 > 法治政府建设\n" + make_report(), "missing"),
        (make_report(measures="（一）规范信息公开工作\n完善内部管理制度，严格财务审批。"), "partial"),
    ],
)
def test_transparency_is_the_work_area(text, expected):
    assert status(text, "government_transparency") == expected


# --- major decisions: enforcement decisions and higher-level 决策部署 are not it ----------------
def test_major_enforcement_decisions_are_not_major_administrative_decisions():
    text = make_report(measures="制定重大行政执法决定法制审核目录清单，重大执法决定经法制审核后作出。")
    assert status(text, "major_decision_procedure") == "missing"
    text = make_report(measures="坚决贯彻落实党中央关于法治政府建设的重大决策部署。")
    assert status(text, "major_decision_procedure") == "missing"


def test_the_five_steps_named_with_their_statutory_last_step_are_met():
    text = make_report(measures="严格执行公众参与、专家论证、风险评估、合法性审查和集体讨论决定程序。")
    assert status(text, "major_decision_procedure") == "met"


def test_a_law_named_for_learning_is_not_reconsideration_work():
    text = make_report(measures="组织执法人员学习行政复议法、行政诉讼法。")
    assert status(text, "reconsideration_litigation") == "missing"
    assert status(text, "law_publicity_learning") == "met"


# --- evidence: the sentence that proves it comes before a bare heading -----------------------
def test_the_first_quote_is_the_sentence_under_the_heading():
    measures = "（一）深化普法宣传\n落实“谁执法谁普法”责任制，开展普法进企业活动6场。"
    result = element_result(make_report(measures=measures), "law_publicity_learning")
    assert result.status == "met"
    assert result.evidence[0].quote.startswith("落实“谁执法谁普法”责任制")
    assert any(e.quote.startswith("（一）深化普法宣传") for e in result.evidence[1:])


def test_measures_are_quoted_from_the_part_that_names_them():
    report = (
        "某某县司法局2023年法治政府建设情况报告\n"
        "一、充分认识加强法治政府建设的重要性和紧迫性\n法治政府建设是全面依法治国的重点任务。\n"
        "二、2023年主要举措和成效\n" + "全面落实行政执法三项制度，全年办理行政处罚案件36件，培训执法人员120人次。" * 3 + "\n"
    )
    result = element_result(report, "measures_results")
    assert result.status == "met"
    assert result.evidence[0].quote == "二、2023年主要举措和成效"


def test_a_decision_step_is_quoted_where_its_clause_is_about_the_decision():
    sentence = ("出台了重大行政执法决定法制审核事项清单和合法性审查事项目录清单，全面梳理纳入合法性审查范围的事项，"
                "规范审查文书模板，明确送审材料清单，统一审查时限要求，建立审查台账和归档制度，"
                "按季度通报审查情况，组织审查人员参加业务培训，邀请院校专家开展案例研讨，定期梳理常见问题，"
                "落实“法规初审+法律顾问再审+领导集体决策”的审查流程，保证决策质量。")
    result = element_result(make_report(measures=sentence), "major_decision_procedure")
    assert result.status == "partial"
    assert "集体决策" in result.evidence[0].quote
