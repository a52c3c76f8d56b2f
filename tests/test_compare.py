"""`rolscore compare`: copied text, plans and problems followed up, scores side by side."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from scorer.api import Scorer
from scorer.compare.copied import rarity_weights
from scorer.compare.model import comparison_dict
from scorer.compare.run import compare_reports, loaded
from scorer.text.masked import mask
from scorer.read import RawDocument

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


@pytest.fixture(scope="module")
def scorer() -> Scorer:
    return Scorer.open("national")


def _load(scorer: Scorer, text: str, name: str):
    return loaded(RawDocument(path=name, text=text, encoding="utf-8"), scorer)


def _shift_years(text: str, by: int = 1) -> str:
    text = re.sub(r"20\d\d", lambda m: str(int(m.group(0)) + by), text)
    return re.sub(r"(?<!\d)(\d{1,3})(?=[件次个项名人%])", lambda m: str(int(m.group(1)) + 7), text)


def _quotes_are_verbatim(d: dict, old: str, new: str) -> None:
    for pair in d["copied"]:
        assert new[pair["new"]["start"] : pair["new"]["end"]] == pair["new"]["quote"]
        assert old[pair["old"]["start"] : pair["old"]["end"]] == pair["old"]["quote"]
    for item in d["promises"] + d["problems"]:
        assert old[item["item"]["start"] : item["item"]["end"]] == item["item"]["quote"]
        if item["evidence"]:
            assert new[item["evidence"]["start"] : item["evidence"]["end"]] == item["evidence"]["quote"]


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name)
def test_a_copy_with_years_and_numbers_shifted_is_copied(scorer, seed):
    old = seed.read_text(encoding="utf-8")
    new = _shift_years(old)
    d = comparison_dict(compare_reports(_load(scorer, old, "old.txt"), _load(scorer, new, "new.txt")))
    assert d["copied_share"] >= 0.9
    assert "照搬照抄嫌疑大" in d["verdict"]
    assert d["kind"] == "years"
    _quotes_are_verbatim(d, old, new)


def test_unrelated_reports_share_almost_nothing(scorer):
    for old_path, new_path in zip(SEEDS, SEEDS[1:]):
        old, new = old_path.read_text(encoding="utf-8"), new_path.read_text(encoding="utf-8")
        d = comparison_dict(compare_reports(_load(scorer, old, "a.txt"), _load(scorer, new, "b.txt")))
        assert d["copied_share"] <= 0.05, (old_path.name, new_path.name, d["copied_share"])


def test_swapping_the_agency_name_does_not_hide_copying(scorer):
    old = SEEDS[3].read_text(encoding="utf-8")
    agency = _load(scorer, old, "a.txt").side.agency
    assert agency
    new = old.replace(agency, "某某县司法局")
    d = comparison_dict(compare_reports(_load(scorer, old, "a.txt"), _load(scorer, new, "b.txt")))
    assert d["copied_share"] >= 0.9
    assert d["kind"] == "agencies" or d["kind"] == "years"


OLD_REPORT = """某县司法局2022年法治政府建设年度报告
一、主要举措和成效
全年办理行政复议案件12件，组织执法人员培训3期。
二、存在的不足和原因
一是基层法律服务站点覆盖不全，偏远乡镇群众咨询不便。
二是行政执法案卷归档不够及时，部分案卷材料缺页。
三、2023年工作安排
（一）在全县乡镇设立公共法律服务工作站，实现村居法律顾问全覆盖。
（二）组织开展行政执法案卷集中评查，通报评查结果。
（三）建成覆盖全县的智慧普法宣传屏网络。
"""

NEW_REPORT = """某县司法局2023年法治政府建设年度报告
一、主要举措和成效
全县乡镇均已设立公共法律服务工作站，村居法律顾问覆盖率达到100%。
组织开展行政执法案卷集中评查，评查案卷86卷，评查结果在全县通报。
二、存在的不足和原因
执法人员年龄结构偏大，原因是近年招录较少。
三、2024年工作安排
继续深化公共法律服务体系建设。
"""


def test_a_plan_item_not_reported_on_shows_as_not_followed(scorer):
    d = comparison_dict(compare_reports(_load(scorer, OLD_REPORT, "old.txt"), _load(scorer, NEW_REPORT, "new.txt")))
    status = {item["item"]["quote"]: item["status"] for item in d["promises"]}
    assert status["（一）在全县乡镇设立公共法律服务工作站，实现村居法律顾问全覆盖。"] == "followed"
    assert status["（二）组织开展行政执法案卷集中评查，通报评查结果。"] == "followed"
    assert status["（三）建成覆盖全县的智慧普法宣传屏网络。"] == "not_mentioned"
    assert [item["item"]["quote"] for item in d["problems"]] == ["一是基层法律服务站点覆盖不全，偏远乡镇群众咨询不便。", "二是行政执法案卷归档不够及时，部分案卷材料缺页。"]
    followed = [i for i in d["promises"] if i["status"] == "followed"]
    assert all(i["evidence"] and "主要举措" not in i["evidence"]["quote"] for i in followed)
    _quotes_are_verbatim(d, OLD_REPORT, NEW_REPORT)


def test_a_problem_named_again_is_still_a_problem(scorer):
    new = NEW_REPORT.replace("执法人员年龄结构偏大，原因是近年招录较少。", "行政执法案卷归档仍不够及时，个别案卷材料缺页，原因是档案人员不足。")
    d = comparison_dict(compare_reports(_load(scorer, OLD_REPORT, "old.txt"), _load(scorer, new, "new.txt")))
    problems = {item["item"]["quote"]: item["status"] for item in d["problems"]}
    assert problems["二是行政执法案卷归档不够及时，部分案卷材料缺页。"] == "still_a_problem"


def test_two_drafts_of_one_report_are_compared_as_drafts(scorer):
    draft = NEW_REPORT.replace("评查案卷86卷，", "")
    d = comparison_dict(compare_reports(_load(scorer, NEW_REPORT, "一稿.txt"), _load(scorer, draft, "二稿.txt")))
    assert d["kind"] == "drafts"
    assert "上一稿" in d["verdict"]


def test_boilerplate_shared_by_most_reports_weighs_nothing():
    common = mask("坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻落实党的二十大精神。")
    rare = mask("在全县乡镇设立公共法律服务工作站，实现村居法律顾问全覆盖。")
    background = [[common, mask("全年办理行政复议案件12件。")], [common], [mask("组织执法人员培训3期。")]]
    weights = rarity_weights([common, rare], background)
    assert weights[0] == 0.0
    assert weights[1] == 1.0


def test_masking_ignores_years_numbers_and_names():
    a = mask("2022年，甲县司法局办理行政复议案件12件，同比增长15%。", ("甲县司法局",))
    b = mask("2023年，乙市司法局办理行政复议案件二十件，同比增长3.5%。", ("乙市司法局",))
    assert a == b


@settings(max_examples=25, deadline=None)
@given(cut=st.integers(min_value=0, max_value=400), insert=st.text(alphabet="法治政府建设年度报告。，\n一二", max_size=30))
def test_every_quote_is_verbatim_in_its_report(cut, insert):
    scorer = Scorer.open("national")
    old = SEEDS[0].read_text(encoding="utf-8")
    new = old[:cut] + insert + old[cut:]
    d = comparison_dict(compare_reports(_load(scorer, old, "a.txt"), _load(scorer, new, "b.txt")))
    assert 0.0 <= d["copied_share"] <= 1.0
    _quotes_are_verbatim(d, old, new)


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "scorer", "compare", *args], capture_output=True, text=True, timeout=120, cwd=ROOT)


def test_cli_json_carries_the_copied_share(tmp_path):
    new = tmp_path / "新.txt"
    new.write_text(_shift_years(SEEDS[4].read_text(encoding="utf-8")), encoding="utf-8")
    page = tmp_path / "对比.html"
    done = _run(str(SEEDS[4]), str(new), "--rubric", "national", "--format", "json", "--html", str(page))
    assert done.returncode == 0, done.stderr
    payload = json.loads(done.stdout)
    assert payload["copied_share"] >= 0.9
    html = page.read_text(encoding="utf-8")
    assert html.count('<mark class="copied"') + html.count('<mark class="boiler"') == len(payload["copied"])
    assert "http://" not in html and "https://" not in html


def test_cli_bad_input_is_one_line(tmp_path):
    done = _run(str(SEEDS[0]), str(tmp_path / "没有这个文件.txt"))
    assert done.returncode == 2
    assert len(done.stderr.strip().splitlines()) == 1
    assert "没有这个文件.txt" in done.stderr and "Traceback" not in done.stderr


# --- across a batch -----------------------------------------------------------

from scorer.compare.batch import Report, pair_with_previous, shared_pairs
from scorer.text.masked import fingerprints  # noqa: E402


def test_a_report_with_only_the_agency_swapped_is_found_in_the_batch(scorer):
    texts = [seed.read_text(encoding="utf-8") for seed in SEEDS]
    agencies = [_load(scorer, text, f"{i}.txt").side.agency for i, text in enumerate(texts)]
    borrowed = texts[3].replace(agencies[3], "某某县应急管理局")
    texts.append(borrowed)
    agencies.append("某某县应急管理局")
    pairs = shared_pairs([fingerprints(t, a) for t, a in zip(texts, agencies)], agencies)
    assert [(p.a, p.b) for p in pairs] == [(3, len(texts) - 1)]
    assert pairs[0].share >= 0.9


def test_one_agency_two_years_is_not_a_borrowed_report(scorer):
    old = SEEDS[3].read_text(encoding="utf-8")
    agency = _load(scorer, old, "a.txt").side.agency
    texts = [old, _shift_years(old)]
    assert shared_pairs([fingerprints(t, agency) for t in texts], [agency, agency]) == []


def test_boilerplate_in_many_reports_does_not_pair_them():
    common = "坚持以习近平新时代中国特色社会主义思想为指导全面贯彻落实党的二十大精神{n}。"
    texts = ["".join(common.format(n="") + f"第{k}句各单位自己的工作内容写在这里{i}{k}。" for k in range(3)) * 1 + "".join(f"本单位独有的第{k}项工作写得很详细{i}号。" for k in range(8)) for i in range(10)]
    agencies = [f"单位{i}" for i in range(10)]
    assert shared_pairs([fingerprints(t, a) for t, a in zip(texts, agencies)], agencies) == []


def test_each_report_pairs_with_the_same_agencys_latest_earlier_report():
    current = [Report("a2023.txt", "甲县司法局", 2023), Report("b2023.txt", "乙县司法局", 2023), Report("c2023.txt", "丙县司法局", 2023)]
    previous = [Report("a2021.txt", "甲县司法局", 2021), Report("a2022.txt", "甲县司法局", 2022), Report("b2023draft.txt", "乙县司法局", 2023), Report("d2022.txt", "丁县司法局", 2022)]
    pairs, unpaired, left = pair_with_previous(current, previous)
    assert [(new.key, old.key) for new, old in pairs] == [("a2023.txt", "a2022.txt")]
    assert [r.key for r in unpaired] == ["b2023.txt", "c2023.txt"]
    assert [r.key for r in left] == ["a2021.txt", "b2023draft.txt", "d2022.txt"]


# --- audit --previous and the batch check -------------------------------------

def test_audit_pairs_last_years_reports_and_finds_a_borrowed_report(tmp_path):
    from typer.testing import CliRunner

    from scorer.cli import app

    old, new = tmp_path / "去年", tmp_path / "今年"
    old.mkdir()
    new.mkdir()
    source = SEEDS[3].read_text(encoding="utf-8")
    (old / "新区2023.txt").write_text(source, encoding="utf-8")
    (old / "另一单位.txt").write_text(SEEDS[1].read_text(encoding="utf-8"), encoding="utf-8")
    shifted = _shift_years(source)
    (new / "新区2024.txt").write_text(shifted, encoding="utf-8")
    agency = Scorer.open("national").score_text(source).result.metadata.agency
    (new / "换名.txt").write_text(shifted.replace(agency, "某某县应急管理局"), encoding="utf-8")
    (new / "无关.txt").write_text(SEEDS[4].read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["audit", str(new), "--out", str(out), "--previous", str(old), "--quiet"])
    assert result.exit_code == 0, result.output
    index = (out / "index.html").read_text(encoding="utf-8")
    previous = index[index.index('id="previous-title"') : index.index('id="shared-title"')]
    assert "新区2024.txt" in previous and "新区2023.txt" in previous and "compare/" in previous
    assert "本年度没有找到上一年度报告的（2 份）" in previous and "另一单位.txt" in previous
    page = next((out / "compare").glob("*.html")).read_text(encoding="utf-8")
    assert "照搬照抄嫌疑大" in page
    card = (out / "reports" / "新区2024.html").read_text(encoding="utf-8")
    assert "与上一年度报告" in card and "新区2023.txt" in card and "../compare/" in card
    assert "与上一年度报告" not in (out / "reports" / "无关.html").read_text(encoding="utf-8")
    shared = index[index.index('id="shared-title"') :]
    shared = shared[: shared.index("</section>")]
    assert "某某县应急管理局" in shared and agency in shared
    assert "衢州" not in shared  # the unrelated report pairs with nothing


def test_audit_previous_must_be_a_folder(tmp_path):
    from typer.testing import CliRunner

    from scorer.cli import app

    (tmp_path / "r").mkdir()
    (tmp_path / "r" / "a.txt").write_text(SEEDS[0].read_text(encoding="utf-8"), encoding="utf-8")
    result = CliRunner().invoke(app, ["audit", str(tmp_path / "r"), "--out", str(tmp_path / "o"), "--previous", str(tmp_path / "无")])
    assert result.exit_code == 2
    assert "--previous" in result.stderr
