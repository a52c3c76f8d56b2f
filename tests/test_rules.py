"""Each national element's rules, and the scope rules, on small Chinese sentences."""

from __future__ import annotations

import pytest

from tests.helpers import element_result, make_report, status


# --- three_systems: a checklist of three sub-checks, or the set named as a whole -------
@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("严格落实行政执法“三项制度”。", "met"),
        ("全面落实行政执法公示制度，配备执法记录仪实现全过程记录，重大执法决定全部经过法制审核。", "met"),
        ("全面落实行政执法公示制度，配备执法记录仪实现全过程记录。", "partial"),
        ("配备执法记录仪。", "partial"),
        ("加强执法队伍建设。", "missing"),
    ],
)
def test_three_systems_sub_checks(sentence, expected):
    assert status(make_report(measures=sentence), "three_systems") == expected


def test_three_systems_partial_names_the_missing_sub_check():
    result = element_result(make_report(measures="落实行政执法公示制度，配备执法记录仪。"), "three_systems")
    assert result.missing_checks == ["重大执法决定法制审核"]


# --- where a mention counts: the plan, the problems, a negated clause cap at partial ---
def test_mention_only_in_the_plan_is_partial():
    text = make_report(plan="严格落实行政执法“三项制度”。")
    result = element_result(text, "three_systems")
    assert result.status == "partial"
    assert "下一年度" in result.explanation


def test_mention_only_among_the_problems_is_partial():
    assert status(make_report(problems="法律顾问作用发挥不充分。"), "legal_adviser") == "partial"


@pytest.mark.parametrize("negated", ["尚未聘请法律顾问。", "法律顾问制度有待完善。", "没有发挥法律顾问作用。"])
def test_negated_mention_is_partial(negated):
    assert status(make_report(measures=negated), "legal_adviser") == "partial"


def test_affirmed_mention_is_met():
    assert status(make_report(measures="聘请2名律师担任法律顾问，审查合同30份。"), "legal_adviser") == "met"


def test_joint_heading_switches_to_plan_at_the_cue_sentence():
    text = "\n".join([
        "某某市司法局2023年度法治政府建设情况报告",
        "一、主要举措和成效",
        "全面推进依法行政，各项工作取得新进展，执法规范化水平不断提高，群众满意度持续上升。" * 3,
        "二、存在问题和下一步工作打算",
        "执法力量仍然不足。下一步，我局将聘请法律顾问参与重大决策，完善执法制度，加强执法队伍培训，提升依法行政水平。",
    ])
    assert status(text, "legal_adviser") == "partial"
    assert status(text, "shortcomings_causes") == "partial"
    assert status(text, "next_year_plan") == "met"


# --- shortcomings_causes ----------------------------------------------------------------
def test_problems_with_causes_are_met():
    text = make_report(problems="执法力量不足，主要原因是编制紧张，导致基层执法覆盖不全。")
    assert status(text, "shortcomings_causes") == "met"


def test_problems_without_causes_are_partial():
    assert status(make_report(problems="执法力量不足；法治宣传不够深入。"), "shortcomings_causes") == "partial"


def test_no_problems_part_is_missing_even_with_cause_words_elsewhere():
    text = make_report(measures="由于措施得力，案件数量下降，原因在于宣传到位。", problems=None)
    assert status(text, "shortcomings_causes") == "missing"


def test_a_heading_naming_causes_is_not_itself_an_analysis():
    assert status(make_report(problems="执法力量不足。"), "shortcomings_causes") == "partial"


# --- first_responsible_person -----------------------------------------------------------
def test_leader_doing_concrete_acts_is_met():
    text = make_report(measures="局主要负责人主持召开党组会议，专题研究部署法治政府建设工作。")
    assert status(text, "first_responsible_person") == "met"


def test_leading_group_headed_by_leader_is_partial():
    text = make_report(measures="成立了由主要领导任组长的依法行政工作领导小组。")
    assert status(text, "first_responsible_person") == "partial"


def test_enterprise_principal_is_not_the_agency_leader():
    text = make_report(measures="组织重点企业主要负责人300人参加培训，听取企业汇报。")
    assert status(text, "first_responsible_person") == "missing"


def test_section_for_the_leader_with_content_is_met():
    text = make_report(measures="全面推进依法行政。\n(一)主要负责人履行推进法治建设第一责任人职责情况\n" + "党组书记带头学法，年终述法，主持召开专题会议研究法治建设重大问题。" * 2)
    assert status(text, "first_responsible_person") == "met"


# --- reconsideration_litigation: whole words, exclusions, the 零复议 cap ----------------
def test_zero_reconsideration_claim_is_partial():
    assert status(make_report(measures="全年实现零复议、零诉讼。"), "reconsideration_litigation") == "partial"


def test_responding_to_demands_is_not_litigation():
    assert status(make_report(measures="及时回应诉求，化解矛盾。"), "reconsideration_litigation") == "missing"


def test_observing_a_trial_is_not_litigation_work():
    result = element_result(make_report(measures="组织干部参加行政诉讼庭审旁听。"), "reconsideration_litigation")
    assert result.status == "missing"
    assert "旁听" in result.explanation


def test_handling_cases_is_met():
    text = make_report(measures="办理行政复议案件12件，负责人出庭应诉率100%。")
    assert status(text, "reconsideration_litigation") == "met"


# --- major_decision_procedure: procedures count only where the sentence is about a decision
def test_three_procedures_for_a_decision_are_met():
    text = make_report(measures="重大行政决策严格履行公众参与、专家论证、合法性审查等程序。")
    assert status(text, "major_decision_procedure") == "met"


def test_procedures_without_a_decision_do_not_count():
    text = make_report(measures="规范性文件履行公众参与、专家论证、合法性审查程序。")
    assert status(text, "major_decision_procedure") == "missing"


def test_decision_without_procedures_is_partial():
    assert status(make_report(measures="重大决策征求法律顾问意见。"), "major_decision_procedure") == "partial"


# --- normative_documents: the action must be in the same clause -------------------------
def test_normative_documents_with_an_action_in_the_clause_are_met():
    assert status(make_report(measures="开展行政规范性文件清理，废止3件。"), "normative_documents") == "met"


def test_normative_documents_only_listed_are_partial():
    text = make_report(measures="梳理纳入合法性审查范围的事项(行政规范性文件5类、政府合同5类)。")
    assert status(text, "normative_documents") == "partial"


# --- government_transparency: enforcement publicity is not 政务公开 ------------------------
def test_enforcement_information_publicity_is_not_transparency():
    assert status(make_report(measures="推进执法信息公开，检查结果向社会公开。"), "government_transparency") == "missing"


def test_government_information_disclosure_is_met():
    assert status(make_report(measures="办理依申请公开12件，深化政务公开。"), "government_transparency") == "met"


# --- xi_law_thought -----------------------------------------------------------------------
def test_general_guidance_is_partial():
    assert status(make_report(opening="2023年，某某市司法局以习近平新时代中国特色社会主义思想为指导。"), "xi_law_thought") == "partial"


def test_studying_xi_law_thought_is_met():
    assert status(make_report(measures="党组中心组专题学习习近平法治思想4次。"), "xi_law_thought") == "met"


# --- supervision ----------------------------------------------------------------------------
def test_internal_supervision_only_is_partial():
    assert status(make_report(measures="加强内部监督制约。"), "supervision") == "partial"


def test_external_supervision_is_met():
    assert status(make_report(measures="主动接受人大监督和社会监督，开展案卷评查。"), "supervision") == "met"


# --- title_year_agency --------------------------------------------------------------------
def test_agency_without_place_is_partial():
    text = make_report(title="市司法局2023年法治政府建设情况报告", opening="2023年，市司法局坚持依法行政。")
    result = element_result(text, "title_year_agency")
    assert result.status == "partial"
    assert result.missing_checks == ["报告单位（含地名）"]


def test_agency_and_year_in_title_are_met():
    assert status(make_report(), "title_year_agency") == "met"


def test_no_title_but_opening_names_both_is_met():
    text = make_report(title="", opening="2023年，在市委市政府的领导下，某某县应急管理局扎实推进法治建设。")
    assert status(text, "title_year_agency") == "met"


def test_superior_named_in_passing_is_not_the_agency():
    text = make_report(title="", opening="2023年，在某某市政府的领导下，我局扎实推进法治建设。")
    assert status(text, "title_year_agency") == "partial"


# --- quantitative_evidence: years and document numbers are not figures --------------------
def test_years_and_document_numbers_are_not_figures():
    text = make_report(measures="根据2023年《实施方案》(某政发〔2023〕12号)要求，推进工作。")
    assert status(text, "quantitative_evidence") == "missing"


@pytest.mark.parametrize(("figures", "expected"), [("办理案件12件。", "partial"), ("办理案件12件，培训300人次，持证率98%。", "met")])
def test_distinct_figures_are_counted(figures, expected):
    assert status(make_report(measures=figures), "quantitative_evidence") == expected


def test_figures_only_in_the_plan_do_not_count():
    text = make_report(plan="力争办理案件12件，培训300人次，持证率98%。")
    assert status(text, "quantitative_evidence") == "missing"


def test_whole_word_check_agrees_with_full_jieba():
    import jieba

    from scorer.text.words import is_whole_word

    for sentence, term in [("及时回应诉求", "应诉"), ("负责人出庭应诉", "应诉"), ("适应诉讼需要", "应诉"), ("认真陈述法律意见", "述法"), ("开展述法活动", "述法")]:
        start = sentence.index(term)
        end = start + len(term)
        cuts = {0}
        for token in jieba.cut(sentence, HMM=False):
            cuts.add(max(cuts) + len(token))
        straddles = (start not in cuts or end not in cuts) and not any(a <= start and end <= b for a, b in zip(sorted(cuts), sorted(cuts)[1:]))
        assert is_whole_word(sentence, start, end) is not straddles, sentence


# --- parts found without their usual heading words ------------------------------------
def test_heading_naming_next_year_is_the_plan():
    text = make_report(plan=None) + "三、2024年重点工作\n聘请法律顾问参与重大决策，完善执法制度，加强执法队伍培训，提升依法行政水平，推进严格规范公正文明执法。\n"
    assert status(text, "next_year_plan") == "met"
    assert status(text, "legal_adviser") == "partial"


def test_heading_naming_the_reported_year_is_not_the_plan():
    text = make_report(plan=None) + "三、2023年重点工作\n聘请法律顾问参与重大决策，完善执法制度，加强执法队伍培训，提升依法行政水平。\n"
    assert status(text, "next_year_plan") == "missing"
    assert status(text, "legal_adviser") == "met"


def test_problems_mentioned_in_passing_are_partial():
    text = make_report(measures="全面推进依法行政。但也存在执法力量不足等问题。", problems=None)
    result = element_result(text, "shortcomings_causes")
    assert result.status == "partial"
    assert "单列" in result.explanation


def test_plan_mentioned_in_passing_is_partial():
    text = make_report(measures="全面推进依法行政。\n下一步，我局将继续加强执法队伍建设。", plan=None)
    assert status(text, "next_year_plan") == "partial"


def test_markdown_headings_are_recognised():
    text = "# 某某市司法局2023年度法治政府建设情况报告\n## 一、主要举措和成效\n" + "全面推进依法行政，各项工作取得新进展，执法规范化水平不断提高，群众满意度持续上升。" * 6 + "\n## 二、存在的不足和原因\n由于编制紧张，导致执法力量不足。\n"
    assert status(text, "measures_results") == "met"
    assert status(text, "shortcomings_causes") == "met"


def test_numbered_result_lists_are_content_not_empty_headings():
    measures = "\n".join([
        "全面推进依法行政。",
        "1.全年受理行政复议案件56件，办结52件；",
        "2.行政机关负责人出庭应诉率100%；",
        "3.组织执法人员培训12期，持证率98%。",
    ])
    text = make_report(measures=measures)
    assert status(text, "reconsideration_litigation") == "met"
    assert status(text, "enforcement_staff") == "met"
    assert status(text, "quantitative_evidence") == "met"


def test_work_sub_headings_with_plan_or_problem_words_stay_last_years_work():
    measures = "\n".join([
        "（一）创新工作思路，聘请法律顾问参与重大决策，审查合同30份。",
        "（二）着力解决执法中存在的突出问题，开展案卷评查。",
    ])
    text = make_report(measures=measures, plan="继续加强执法队伍建设，提升依法行政水平，推进严格规范公正文明执法，完善行政执法监督机制。")
    assert status(text, "legal_adviser") == "met"
    assert status(text, "supervision") == "met"
    plan = element_result(text, "next_year_plan")
    assert all("创新工作思路" not in e.quote for e in plan.evidence)


def test_a_plan_sub_heading_under_a_joint_parent_is_still_the_plan():
    text = make_report(problems=None, plan=None) + "二、存在问题和下一步打算\n（一）存在的问题\n执法力量不足。\n（二）下一步打算\n聘请法律顾问参与重大决策，完善执法制度，加强执法队伍培训，提升依法行政水平，推进严格规范公正文明执法。\n"
    assert status(text, "next_year_plan") == "met"
    assert status(text, "legal_adviser") == "partial"


@pytest.mark.parametrize(
    ("title", "opening", "agency", "year"),
    [
        ("2023年度法治政府建设情况报告", "2023年，县市场监管局扎实推进法治建设。", "县市场监管局", 2023),
        ("国家税务总局杭州市税务局关于2023年度法治政府建设情况的报告", "2023年，我局坚持依法治税。", "国家税务总局杭州市税务局", 2023),
        ("宁波市北仑区（宁波经济技术开发区）人民政府关于2022年法治政府建设情况的报告", "2022年，区政府扎实推进。", "宁波市北仑区(宁波经济技术开发区)人民政府", 2022),
        ("某某市司法局关于二〇二三年度法治政府建设情况的报告", "全年工作如下。", "某某市司法局", 2023),
    ],
)
def test_agency_and_year_in_less_common_forms(title, opening, agency, year):
    from tests.helpers import score

    meta = score(f"{title}\n{opening}\n一、主要举措和成效\n全面推进依法行政。\n").metadata
    assert (meta.agency, meta.year) == (agency, year)


def test_towns_are_places_and_verb_phrases_are_not():
    from tests.helpers import score

    text = "某某镇人民政府2023年度法治政府建设工作报告\n2023年，某某镇紧紧围绕县委县政府部署推进法治建设。\n一、主要举措和成效\n全面推进依法行政。\n"
    assert score(text).metadata.agency == "某某镇人民政府"
    opening_only = "2023年，我镇紧紧围绕县委县政府部署推进法治建设。\n一、主要举措和成效\n全面推进依法行政。\n"
    assert score(opening_only).metadata.agency != "紧紧围绕县委"


@pytest.mark.parametrize("claim", ["全年无行政复议、行政诉讼案件。", "行政复议、诉讼案件零发生。", "办理处罚案件45件，无一被复议纠错。"])
def test_a_claim_that_no_case_happened_is_partial(claim):
    assert status(make_report(measures=claim), "reconsideration_litigation") == "partial"


def test_the_recipient_and_sentence_words_are_not_the_agency():
    from tests.helpers import score

    text = "XX市生态环境局关于2022年法治政府建设工作情况的报告\n市委依法治市办：\n现将我局2022年度法治政府建设工作情况报告如下：\n一、主要工作开展情况\n全面推进依法行政。\n"
    agency = score(text).metadata.agency
    assert agency not in ("市委依法治市办", "现将我局")
