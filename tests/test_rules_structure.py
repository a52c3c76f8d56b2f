"""Headings without numbers and numbered lines that are content.

A Word report's styled headings lose their numbers in a PDF or a paste; a numbered line
that is one whole sentence with nothing under it is an item, whatever its numbering.
"""

from __future__ import annotations

import pytest

from scorer.engine.compiled import get_compiled
from scorer.read import RawDocument
from tests.helpers import score

TITLE = "云溪县水利局2023年度法治政府建设情况报告\n2023年，云溪县水利局坚持依法行政，现将有关情况报告如下：\n"


def _statuses(text: str) -> dict[str, str]:
    return {e.id: e.status for e in score(text).elements}


def _roles(text: str) -> list[str]:
    doc = get_compiled("national").document(RawDocument(path="t.txt", text=text, encoding="utf-8"))
    return [role for role in doc.structure.roles]


UNNUMBERED = TITLE + (
    "主要举措和成效\n"
    "全面落实行政执法公示、执法全过程记录、重大执法决定法制审核制度，全年办理行政处罚案件36件，组织执法培训4期。"
    "局主要负责人主持召开专题会议研究法治建设工作，听取法治工作汇报两次。\n"
    "存在的不足和原因\n"
    "基层执法力量薄弱，主要原因是编制有限、执法任务繁重。\n"
    "下一年度工作安排\n"
    "拟聘请法律顾问参与重大行政决策，计划组织执法人员培训，进一步健全行政执法监督机制，推进执法规范化建设。\n"
)


def test_short_role_lines_are_headings_without_numbers():
    roles = _roles(UNNUMBERED)
    assert {"measures", "problems", "plan"} <= set(roles)


def test_unnumbered_parts_score_like_numbered_ones():
    numbered = UNNUMBERED.replace("主要举措和成效\n", "一、主要举措和成效\n").replace(
        "存在的不足和原因\n", "二、存在的不足和原因\n").replace("下一年度工作安排\n", "三、下一年度工作安排\n")
    assert _statuses(UNNUMBERED) == _statuses(numbered)
    got = _statuses(UNNUMBERED)
    assert got["shortcomings_causes"] == "met" and got["next_year_plan"] == "met"


def test_a_plan_item_under_an_unnumbered_plan_heading_is_not_work_done():
    # 拟聘请法律顾问 stands only in next year's plan.
    assert _statuses(UNNUMBERED)["legal_adviser"] == "partial"


@pytest.mark.parametrize("line", ["云溪县水利局2023年度工作情况报告", "全年工作情况良好，各项任务顺利完成。", "下一步，我们将继续加强执法队伍建设，不断提升依法行政水平"])
def test_a_title_or_a_sentence_is_not_an_unnumbered_heading(line):
    text = TITLE + "一、主要举措和成效\n组织执法培训4期。\n" + line + "\n"
    headings = [s.heading for s in get_compiled("national").document(RawDocument("t.txt", text, "utf-8")).sections]
    assert line not in headings


@pytest.mark.parametrize("number", ["（四）", "4.", "四、"])
def test_a_numbered_whole_sentence_with_nothing_under_it_is_content(number):
    item = f"{number}全面落实行政执法公示、执法全过程记录、重大执法决定法制审核制度。"
    text = TITLE + "一、主要举措和成效\n（一）加强组织领导\n成立法治建设领导小组，组织专题学习。\n" + item + "\n（五）强化监督\n主动接受人大监督。\n"
    assert _statuses(text)["three_systems"] == "met"


def test_a_short_numbered_heading_with_nothing_under_it_stays_an_empty_heading():
    # (二)推行三项制度。 with its content cut off proves nothing by itself.
    text = TITLE + "一、主要举措和成效\n（一）加强组织领导\n成立法治建设领导小组，组织专题学习。\n（二）推行三项制度。\n"
    assert _statuses(text)["three_systems"] == "partial"


def test_a_pdf_printed_from_word_with_unnumbered_styled_headings_scores_like_the_docx(tmp_path):
    """Word headings styled but not numbered: the .docx and the PDF LibreOffice prints
    from it must find the same parts and give the same verdicts."""
    import shutil
    import subprocess

    import docx

    from scorer.api import Scorer

    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice is not installed")
    document = docx.Document()
    lines = UNNUMBERED.strip().split("\n")
    document.add_paragraph(lines[0], style="Title")
    for line in lines[1:]:
        heading = len(line) <= 12 and "。" not in line
        document.add_paragraph(line, style="Heading 1" if heading else None)
    source = tmp_path / "报告.docx"
    document.save(source)
    subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/profile", "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        check=True, capture_output=True, timeout=180,
    )
    scorer = Scorer.open("national")
    from_docx = scorer.score_path(source).result
    from_pdf = scorer.score_path(tmp_path / "报告.pdf").result
    assert {e.id: e.status for e in from_pdf.elements} == {e.id: e.status for e in from_docx.elements}
    assert from_pdf.score == from_docx.score
    assert {e.id: e.status for e in from_pdf.elements}["legal_adviser"] == "partial"


@pytest.mark.parametrize("first", ["云溪县水利局2023年度法治政府建设工作情况", "云溪县水利局法治政府建设工作情况"])
def test_a_title_without_the_word_report_is_not_an_unnumbered_heading(first):
    text = first + "\n2023年，云溪县水利局坚持依法行政。\n一、主要举措和成效\n组织执法培训4期。\n"
    result = score(text)
    assert result.metadata.year == 2023 and result.metadata.agency == "云溪县水利局"
