"""Intent is not work done: a clause of plan or assigned task inside the measures part
counts at most partial, like a negated clause; 将 as the 把 of 将…纳入 is work done."""

from __future__ import annotations

import pytest

from tests.helpers import element_result, make_report, status


@pytest.mark.parametrize(
    "sentence",
    [
        "拟于下半年聘请法律顾问1名，参与合同审查。",
        "计划2025年聘请法律顾问2名。",
        "今后将充分发挥法律顾问在重大决策中的作用。",
        "下一步将推行法律顾问参与规范性文件审核。",
        "力争年底前实现法律顾问全覆盖。",
        "我局将进一步发挥法律顾问作用。",
    ],
)
def test_an_intent_in_the_measures_part_is_partial(sentence):
    result = element_result(make_report(measures=sentence), "legal_adviser")
    assert result.status == "partial"
    assert "打算" in result.explanation


@pytest.mark.parametrize(
    "sentence",
    [
        "将法律顾问意见作为重大决策的必经程序，全年出具意见12份。",
        "将法律顾问参与合同审查纳入局务会议事规则。",
        "聘请法律顾问2名，拟定合同范本3份。",
        "制定年度学习计划，邀请法律顾问开展专题讲座。",
    ],
)
def test_work_done_with_a_look_alike_cue_stays_met(sentence):
    assert status(make_report(measures=sentence), "legal_adviser") == "met"


def test_a_task_only_assigned_is_partial_but_the_same_task_done_is_met():
    assigned = "局党组召开会议研究部署全年工作，要求做好行政复议和行政应诉工作。"
    done = "局党组召开会议研究部署全年工作，做好了行政复议和行政应诉工作，办理复议案件3件。"
    assert status(make_report(measures=assigned), "reconsideration_litigation") == "partial"
    assert status(make_report(measures=done), "reconsideration_litigation") == "met"


def test_a_target_is_not_a_figure_of_work_done():
    # Three figures, but two are targets: only one counts.
    measures = "全年办理行政处罚案件36件。确保执法人员持证率达到100%。力争培训覆盖率达到95%。"
    result = element_result(make_report(measures=measures, problems=None, plan=None), "quantitative_evidence")
    assert result.status == "partial"
    measures_done = "全年办理行政处罚案件36件，执法人员持证率达到100%，培训覆盖率95%。"
    assert status(make_report(measures=measures_done, problems=None, plan=None), "quantitative_evidence") == "met"


def test_the_future_will_is_capped_where_the_preposition_is_not():
    future = "我局将全面推行行政执法公示、执法全过程记录、重大执法决定法制审核制度。"
    done = "将行政执法公示、执法全过程记录、重大执法决定法制审核制度纳入年度考核。"
    assert status(make_report(measures=future), "three_systems") == "partial"
    assert status(make_report(measures=done), "three_systems") == "met"


def test_intent_is_a_rubric_setting_an_element_may_ignore(tmp_path):
    from scorer.api import Scorer

    rubric = tmp_path / "mine.yaml"
    rubric.write_text(
        "id: mine\ntitle: 我的\nversion: '1'\nextends: national\nbasis: [甲]\n"
        "overrides:\n  - id: legal_adviser\n    negation: ignore\n",
        encoding="utf-8",
    )
    text = make_report(measures="拟于下半年聘请法律顾问1名。")
    got = {e.id: e.status for e in Scorer.open(str(rubric)).score_text(text).result.elements}
    assert got["legal_adviser"] == "met"
