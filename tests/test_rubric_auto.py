"""`--rubric auto`: the province from the agency or the places named, a department overlay
from the agency's name, and national when neither is clear. Seeds keep their verdicts."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from scorer.cli import app
from scorer.rubric.auto import choose
from scorer.api import Scorer
from tests.conftest import SEEDS, expected_verdicts

AUTO = {  # what a reviewer would pick for each seed, from its agency and places
    "000_1c506430314c2da3.txt": ("zhejiang+emergency", "杭州"),
    "001_3b1234c597bca51d.txt": ("zhejiang+civil_defence", "杭州"),
    "002_518fe910bcc5f66a.txt": ("guangdong+emergency", "开平"),
    "003_2df10a55c3c90a0f.txt": ("gansu+emergency", "兰州"),
    "004_8ada07ac84392140.txt": ("zhejiang+emergency", "衢州"),
}
PROVINCE = {name: spec.split("+")[0] for name, (spec, _) in AUTO.items()}


@pytest.fixture(scope="module")
def auto_results():
    scorer = Scorer.open("auto")
    return {name: scorer.score_path(SEEDS / name).result for name in AUTO}


@pytest.mark.parametrize("name", sorted(AUTO))
def test_auto_picks_the_seeds_province_and_department(auto_results, name):
    spec, place = AUTO[name]
    result = auto_results[name]
    assert result.rubric.id == spec
    assert place in result.rubric.reason
    assert result.rubric.layers == ["national", *spec.split("+")]


def test_a_report_without_a_place_in_its_agency_is_placed_by_its_text(auto_results):
    reason = auto_results["002_518fe910bcc5f66a.txt"].rubric.reason
    assert "报告单位未写地名" in reason and "广东省" in reason


CASES = [(name, element, status) for name, items in expected_verdicts().items() for element, status in items.items()]


@pytest.mark.parametrize(("name", "element", "status"), CASES, ids=[f"{n[:3]}-{e}" for n, e, _ in CASES])
def test_seed_scored_with_its_province_rubric_keeps_the_national_verdicts(name, element, status):
    result = _province_result(name)
    assert {e.id: e.status for e in result.elements}[element] == status


@pytest.mark.parametrize(("name", "element", "status"), CASES, ids=[f"{n[:3]}-{e}" for n, e, _ in CASES])
def test_seed_scored_by_auto_keeps_the_national_verdicts(auto_results, name, element, status):
    assert {e.id: e.status for e in auto_results[name].elements}[element] == status


_PROVINCE_RESULTS: dict = {}


def _province_result(name):
    if name not in _PROVINCE_RESULTS:
        _PROVINCE_RESULTS[name] = Scorer.open(PROVINCE[name]).score_path(SEEDS / name).result
    return _PROVINCE_RESULTS[name]


def test_agency_place_wins_over_places_in_the_text():
    text = "学习借鉴广东、广州、深圳、佛山的经验。" * 3
    choice = choose("兰州市应急管理局", None, text)
    assert choice.spec == "gansu+emergency"
    assert "报告单位“兰州市应急管理局”含地名“兰州”" in choice.reason


def test_no_place_anywhere_falls_back_to_national():
    choice = choose("市司法局", "市司法局2023年法治政府建设情况报告", "2023年，我局认真推进依法行政。")
    assert choice.spec == "national"
    assert "用全国基准" in choice.reason


def test_two_provinces_named_equally_falls_back_to_national():
    choice = choose(None, None, "赴杭州、宁波考察，到广州、深圳学习。")
    assert choice.spec == "national"
    assert "多个省份" in choice.reason


def test_a_single_mention_in_the_text_is_not_enough():
    assert choose(None, None, "组织干部赴杭州学习。").spec == "national"


def test_department_without_province():
    choice = choose("市人民防空办公室", None, "")
    assert choice.spec == "civil_defence"
    assert "人民防空" in choice.reason


_NO_PLACE_TEXT = st.text(alphabet="我局认真推进依法行政工作全年开展执法检查次件人，。", max_size=200)


@settings(max_examples=50, deadline=None)
@given(text=_NO_PLACE_TEXT)
def test_text_naming_no_place_never_picks_a_province(text):
    assert choose(None, None, text).spec == "national"


def test_explicit_rubric_says_so():
    result = Scorer.open("gansu").score_path(SEEDS / "002_518fe910bcc5f66a.txt").result
    assert result.rubric.id == "gansu" and result.rubric.reason == "按 --rubric gansu 指定"


def test_auto_is_the_default_and_shown_in_table_and_json():
    seed = str(SEEDS / "003_2df10a55c3c90a0f.txt")
    table = CliRunner().invoke(app, ["score", seed], terminal_width=200)
    assert table.exit_code == 0
    assert "评分细则：gansu+emergency" in table.output and "细则选择：自动选择" in table.output
    raw = CliRunner().invoke(app, ["score", "--format", "json", seed]).output
    data = json.loads(raw)
    assert list(data)[:3] == ["file", "rubric", "encoding"]
    assert list(data["rubric"]) == ["id", "version", "reason", "layers"]
    assert data["rubric"]["id"] == "gansu+emergency"
