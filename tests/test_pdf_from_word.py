"""PDFs as LibreOffice makes them from Word reports get the Word report's verdicts.

Every .docx here (reports written for these tests, and the seeds) is converted in one
LibreOffice run per test session. The reports are laid out like official documents
(see tests/make_word.py): numbered and unnumbered heading styles, lists Word numbers
with a hanging indent, a table pulled left of the text, running header and page
numbers; sentences are placed so that words fall across line breaks.
"""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest

from scorer.api import Scorer
from scorer.read import read_document
from tests.conftest import seed_files
from tests.make_formats import write_docx
from tests.make_word import TEXT_WIDTH_PT, Heading, Items, Para, Table, convert_to_pdf, write_word

TITLE = "某县司法局2023年度法治政府建设工作报告"
# 24 characters before 法律顾问: with the two-character indent the first line holds 26,
# so the word is split 法律 / 顾问.
ADVISER = "本局把合法性审查作为重大事项的必经环节，全年聘请法律顾问出具书面意见四十一份，审查合同和协议近百份。"
# Exactly two full lines (26 + 28 characters): the table under it starts where a
# wrapped line of this paragraph would.
FULL_LINES = "全年办理的行政复议和行政应诉案件均已逐件登记并归档，行政机关负责人出庭应诉率持续保持在较高水平并按季度通报。"
TABLE_ROWS = (("事项", "件数", "同比"), ("行政处罚", "128", "增长5%"), ("行政许可", "2046", "增长12%"))
# List items: 执法程 / 序 and 法制 / 审核 fall across the items' line breaks.
SYSTEMS = (
    "严格落实行政执法公示制度，规范执法主体依据和执法程序，行政处罚和行政检查结果均在规定时限内向社会公开。",
    "推行执法全过程记录，配备执法记录仪六十台，音像资料统一归档管理。",
    "重大执法决定作出前由法制机构合法性审查，全面实行法制审核，未经审核的不得作出决定。",
)

REPORT = [
    Para("2023年，某县司法局坚持以习近平法治思想为指导，认真落实党中央、国务院关于法治政府建设的决策部署，全面推进依法行政。现将有关情况报告如下："),
    Heading(1, "主要举措和成效"),
    Heading(2, "依法科学民主决策"),
    Para("制定重大行政决策事项目录，对列入目录的事项全部履行公众参与、专家论证、风险评估、合法性审查和集体讨论决定程序，全年作出重大行政决策5项。"),
    Para(ADVISER),
    Table(TABLE_ROWS, indent_pt=-20),
    Para("本局对行政规范性文件实行统一登记、统一编号、统一印发，全年审核规范性文件12件，向县人大常委会报备8件，清理文件37件。"),
    Heading(2, "严格规范公正文明执法"),
    Items(SYSTEMS),
    Para("组织全体执法人员参加执法资格考试和业务培训，执法人员持证率达到100%，全年开展案卷评查2次，评查案卷56卷。"),
    Heading(2, "化解矛盾纠纷和监督制约"),
    Para(FULL_LINES),
    Table(TABLE_ROWS, indent_pt=-20),
    Para("主动接受县人大及其常委会的法律监督和县政协的民主监督，办理人大代表建议和政协委员提案15件，办复率100%。"),
    Para("深化政务公开，通过政府门户网站主动公开政府信息326条，依申请公开办理14件，全部按期答复。"),
    Para("落实谁执法谁普法责任制，组织领导干部学法4次，开展法治宣传进机关、进乡村、进社区活动28场。"),
    Heading(1, "党政主要负责人履行推进法治建设第一责任人职责情况"),
    Para("局主要负责人认真履行推进法治建设第一责任人职责，主持召开党组会议专题研究法治政府建设3次，带头学法并在年终述法。"),
    Heading(1, "存在的不足和原因"),
    Para("一是基层执法力量与任务不相适应；二是部分执法人员法治意识有待加强。主要原因是执法编制不足，培训的针对性不强。"),
    Heading(1, "2024年工作安排"),
    Para("2024年，本局将继续深入学习贯彻习近平法治思想，进一步健全依法决策机制，加强执法队伍建设，不断提升依法行政水平。"),
]

NO_TABLES = [block for block in REPORT if not isinstance(block, Table)]
# A statistics table wider than the text, reaching into both margins, with more rows
# than the page has lines of text running to the right edge.
WIDE_ROWS = (("执法门类", "检查次数", "立案件数", "罚没金额"),) + tuple((f"第{n}类事项", f"{100 + n}次", f"{10 + n}件", f"{n}万元") for n in range(1, 9))
WIDE = [Table(WIDE_ROWS, indent_pt=-40, width_pt=TEXT_WIDTH_PT + 80, last_column_right=True) if isinstance(block, Table) else block for block in REPORT]

# A two-column table whose second cell wraps inside the cell, 法律 / 顾问 across the wrap;
# the report names the advisers nowhere else.
CELL = ("合同审查", "本年度所有合同均已交由法律顾问逐份审查并出具书面意见")
IN_A_CELL = [Table((("工作事项", "完成情况"), CELL)) if block == Para(ADVISER) else block for block in NO_TABLES]

CORPUS = {
    "numbered-headings": lambda folder: write_word(REPORT, folder / "标题自动编号.docx", TITLE, headings="auto"),
    "unnumbered-headings": lambda folder: write_word(REPORT, folder / "标题样式无编号.docx", TITLE, headings="none", first_page_header="某县司法局"),
    "first-page-header": lambda folder: write_word(NO_TABLES, folder / "首页页眉.docx", TITLE, first_page_header="某县司法局"),
    "wide-table": lambda folder: write_word(WIDE, folder / "宽表格.docx", TITLE),
    "wrapped-cell": lambda folder: write_word(IN_A_CELL, folder / "单元格折行.docx", TITLE),
}
SEEDS = seed_files()
for _seed in SEEDS:
    for _styled in (False, True):
        CORPUS[f"{_seed.name[:3]}-{'styled' if _styled else 'plain'}"] = (
            lambda folder, seed=_seed, styled=_styled: write_docx(seed.read_text(encoding="utf-8"), folder / f"{seed.stem}-{styled}.docx", styled=styled, official=True)
        )


@pytest.fixture(scope="session")
def word_pdfs(tmp_path_factory) -> dict[str, tuple[Path, Path]]:
    """name -> (.docx, the PDF LibreOffice makes of it)."""
    folder = tmp_path_factory.mktemp("word")
    documents = {name: build(folder) for name, build in CORPUS.items()}
    pdfs = convert_to_pdf(list(documents.values()), folder / "pdf", tmp_path_factory.getbasetemp())
    return {name: (document, pdfs[document]) for name, document in documents.items()}


@pytest.fixture(scope="session")
def scorer() -> Scorer:
    return Scorer.open("national")


def _verdicts(scorer: Scorer, path: Path) -> dict[str, str]:
    return {element.id: element.status for element in scorer.score_path(path).result.elements}


def _pdf_lines(pdf: Path) -> list[tuple[float, str, int]]:
    """(left edge, text, page) of every line LibreOffice set, page after page."""
    with pdfplumber.open(pdf) as document:
        return [(line["x0"], line["text"].replace(" ", ""), page.page_number) for page in document.pages for line in page.extract_text_lines()]


@pytest.mark.parametrize("name", list(CORPUS))
def test_the_pdf_gets_the_word_reports_verdicts(name, word_pdfs, scorer):
    document, pdf = word_pdfs[name]
    assert _verdicts(scorer, pdf) == _verdicts(scorer, document)


@pytest.mark.parametrize("name", ["numbered-headings", "unnumbered-headings", "first-page-header", "wide-table"])
def test_a_word_split_on_a_page_with_a_line_left_of_the_text_is_joined(name, word_pdfs, scorer):
    """A table pulled into the margin, or a header set out left on the first page only."""
    document, pdf = word_pdfs[name]
    lines = _pdf_lines(pdf)
    texts = [text for _, text, _ in lines]
    # As laid out: the word falls across the break, and a line on its page starts left of the text.
    split = next(i for i, text in enumerate(texts) if text.endswith("聘请法律"))
    assert texts[split + 1].startswith("顾问")
    page = lines[split][2]
    assert min(x0 for x0, _, on in lines if on == page) < lines[split + 1][0] - 10
    assert ADVISER in read_document(pdf).text.split("\n")
    assert _verdicts(scorer, pdf)["legal_adviser"] == "met"


def test_a_table_row_is_not_glued_to_the_full_line_before_it(word_pdfs):
    _, pdf = word_pdfs["numbered-headings"]
    paragraphs = read_document(pdf).text.split("\n")
    assert FULL_LINES in paragraphs
    assert paragraphs[paragraphs.index(FULL_LINES) + 1].startswith("事项")


def test_table_rows_keep_their_cells_apart_as_in_the_word_report(word_pdfs):
    document, pdf = word_pdfs["numbered-headings"]

    def rows(path: Path) -> list[str]:
        return [line for line in read_document(path).text.split("\n") if " | " in line]

    assert rows(pdf) == rows(document) == [" | ".join(row) for row in TABLE_ROWS] * 2


def test_a_word_wrapped_inside_a_table_cell_is_joined_within_the_cell(word_pdfs, scorer):
    document, pdf = word_pdfs["wrapped-cell"]
    texts = [text for _, text, _ in _pdf_lines(pdf)]
    assert any(text.endswith("交由法律") for text in texts) and any(text.startswith("顾问") for text in texts)
    row = " | ".join(CELL)
    assert row in read_document(pdf).text.split("\n") and row in read_document(document).text.split("\n")
    assert _verdicts(scorer, pdf)["legal_adviser"] == "met"


@pytest.mark.parametrize("name", ["numbered-headings", "unnumbered-headings"])
def test_a_wrapped_item_of_a_numbered_list_stays_one_paragraph(name, word_pdfs, scorer):
    _, pdf = word_pdfs[name]
    texts = [text for _, text, _ in _pdf_lines(pdf)]
    assert any(text.endswith("执法程") for text in texts) and any(text.startswith("序，") for text in texts)
    paragraphs = read_document(pdf).text.split("\n")
    for number, item in enumerate(SYSTEMS, start=1):
        assert f"{number}.{item}" in paragraphs
    assert _verdicts(scorer, pdf)["three_systems"] == "met"
