"""Word drafts: what Word shows is what the scorer reads."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml

from scorer.errors import ReadError
from scorer.read import read_document
from scorer.read.numbers import chinese_number, format_number

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _save(document, path: Path) -> Path:
    document.save(path)
    return path


def _list(document, num_id: str, levels: list[tuple[str, str]], start_override: int | None = None, abstract_id: str | None = None) -> None:
    """Add a numbering definition (one lvl per (numFmt, lvlText)) and an instance of it."""
    numbering = document.part.numbering_part.element
    abstract_id = abstract_id or num_id
    if numbering.find(f".//{{http://schemas.openxmlformats.org/wordprocessingml/2006/main}}abstractNum[@{{http://schemas.openxmlformats.org/wordprocessingml/2006/main}}abstractNumId='{abstract_id}']") is None:
        lvls = "".join(
            f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/><w:suff w:val="nothing"/></w:lvl>'
            for i, (fmt, text) in enumerate(levels)
        )
        abstract = parse_xml(f'<w:abstractNum {W} w:abstractNumId="{abstract_id}">{lvls}</w:abstractNum>')
        first = numbering.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}num")
        first.addprevious(abstract) if first is not None else numbering.append(abstract)
    override = f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{start_override}"/></w:lvlOverride>' if start_override else ""
    numbering.append(parse_xml(f'<w:num {W} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>{override}</w:num>'))


def _numbered(document, text: str, num_id: str, level: int = 0, style: str | None = None):
    paragraph = document.add_paragraph(text, style=style)
    paragraph._p.get_or_add_pPr().append(parse_xml(f'<w:numPr {W}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'))
    return paragraph


def test_paragraphs_and_tables_come_in_document_order(tmp_path):
    document = docx.Document()
    document.add_paragraph("某市司法局2023年法治政府建设年度报告")
    document.add_paragraph("一、主要举措和成效")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "行政复议案件", "12件"
    table.cell(1, 0).text, table.cell(1, 1).text = "行政应诉案件", "3件"
    document.add_paragraph("二、存在的不足和原因")
    text = read_document(_save(document, tmp_path / "表格.docx")).text
    assert text.split("\n") == ["某市司法局2023年法治政府建设年度报告", "一、主要举措和成效", "行政复议案件 | 12件", "行政应诉案件 | 3件", "二、存在的不足和原因"]


def test_a_layout_table_holding_the_report_keeps_its_paragraphs(tmp_path):
    document = docx.Document()
    cell = document.add_table(rows=1, cols=1).cell(0, 0)
    cell.text = "一、主要举措和成效"
    cell.add_paragraph("全年办理行政复议案件12件，全部依法审结。" * 8)
    cell.add_paragraph("二、存在的不足和原因")
    text = read_document(_save(document, tmp_path / "排版表格.docx")).text
    assert text.split("\n")[0] == "一、主要举措和成效"
    assert text.split("\n")[2] == "二、存在的不足和原因"


def test_automatic_numbering_is_written_out_as_word_shows_it(tmp_path):
    document = docx.Document()
    _list(document, "907", [("chineseCounting", "%1、"), ("chineseCounting", "（%2）"), ("decimal", "%3.")])
    _numbered(document, "主要举措和成效", "907", 0)
    _numbered(document, "深入学习习近平法治思想", "907", 1)
    _numbered(document, "严格规范执法", "907", 1)
    _numbered(document, "案卷评查", "907", 2)
    _numbered(document, "存在的不足和原因", "907", 0)
    _numbered(document, "执法力量不足", "907", 1)
    lines = read_document(_save(document, tmp_path / "编号.docx")).text.split("\n")
    assert lines == ["一、主要举措和成效", "（一）深入学习习近平法治思想", "（二）严格规范执法", "1.案卷评查", "二、存在的不足和原因", "（一）执法力量不足"]


def test_lists_sharing_a_definition_continue_unless_restarted(tmp_path):
    document = docx.Document()
    _list(document, "903", [("decimal", "%1.")])
    _list(document, "904", [("decimal", "%1.")], abstract_id="903")
    _list(document, "905", [("decimal", "%1.")], abstract_id="903", start_override=1)
    _numbered(document, "甲", "903")
    _numbered(document, "乙", "904")
    _numbered(document, "丙", "905")
    lines = read_document(_save(document, tmp_path / "续编.docx")).text.split("\n")
    assert lines == ["1.甲", "2.乙", "1.丙"]


def test_heading_styles_without_numbers_get_official_numbers(tmp_path):
    document = docx.Document()
    document.add_paragraph("某县应急管理局2023年度法治政府建设工作报告", style="Heading 1")
    document.add_paragraph("2023年，我局坚持以习近平法治思想为指导。")
    document.add_paragraph("主要举措和成效", style="Heading 2")
    document.add_paragraph("强化执法监督", style="Heading 3")
    document.add_paragraph("全年开展案卷评查2次。")
    document.add_paragraph("加强普法宣传", style="Heading 3")
    document.add_paragraph("存在的不足和原因", style="Heading 2")
    document.add_paragraph("五、已有编号的标题", style="Heading 2")
    raw = read_document(_save(document, tmp_path / "样式.docx"))
    lines = raw.text.split("\n")
    # The first, only highest-level heading is the title; the levels below rank from 一、
    assert lines[0] == "某县应急管理局2023年度法治政府建设工作报告"
    assert raw.hints["title"] == lines[0]
    assert lines[2:] == ["一、主要举措和成效", "（一）强化执法监督", "全年开展案卷评查2次。", "（二）加强普法宣传", "二、存在的不足和原因", "五、已有编号的标题"]


def test_styled_headings_feed_the_section_finder(tmp_path, national):

    document = docx.Document()
    document.add_paragraph("某县司法局2023年度法治政府建设工作报告", style="Title")
    document.add_paragraph("主要举措和成效", style="Heading 1")
    document.add_paragraph("全年办理行政复议案件12件，负责人出庭应诉3次。")
    document.add_paragraph("存在的不足和原因", style="Heading 1")
    document.add_paragraph("执法人员培训不足，主要原因是经费保障不到位。")
    document.add_paragraph("下一年度工作安排", style="Heading 1")
    document.add_paragraph("下一步，我局将持续推进行政复议规范化建设，加强执法人员培训，完善行政执法监督机制，全面提升依法行政水平。")
    result = national.score_path(_save(document, tmp_path / "结构.docx")).result
    statuses = {element.id: element.status for element in result.elements}
    assert statuses["shortcomings_causes"] == "met"
    assert statuses["next_year_plan"] == "met"
    evidence = {element.id: element.evidence for element in result.elements}
    assert evidence["reconsideration_litigation"][0].section == "一、主要举措和成效"


def test_deleted_revisions_field_codes_and_text_boxes(tmp_path):
    document = docx.Document()
    paragraph = document.add_paragraph("依法")
    paragraph._p.append(parse_xml(f'<w:del {W} w:id="1" w:author="a"><w:r><w:delText>删除的字</w:delText></w:r></w:del>'))
    paragraph._p.append(parse_xml(f'<w:ins {W} w:id="2" w:author="a"><w:r><w:t>行政</w:t></w:r></w:ins>'))
    paragraph._p.append(parse_xml(f'<w:r {W}><w:instrText>PAGE \\* MERGEFORMAT</w:instrText></w:r>'))
    box = document.add_paragraph("正文")
    box._p.append(
        parse_xml(
            f'<w:r {W}><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml"><v:textbox>'
            f"<w:txbxContent><w:p><w:r><w:t>文本框里的标题</w:t></w:r></w:p></w:txbxContent>"
            f"</v:textbox></v:shape></w:pict></w:r>"
        )
    )
    text = read_document(_save(document, tmp_path / "修订.docx")).text
    assert text.split("\n") == ["依法行政", "正文", "文本框里的标题"]


@pytest.mark.parametrize(
    ("number", "fmt", "shown"),
    [(1, "chineseCounting", "一"), (10, "chineseCounting", "十"), (12, "chineseCountingThousand", "十二"), (21, "chineseCounting", "二十一"),
     (105, "chineseCounting", "一百零五"), (3, "ideographTraditional", "丙"), (2, "decimalEnclosedCircle", "②"), (4, "lowerRoman", "iv"),
     (28, "upperLetter", "BB"), (3, "chineseLegalSimplified", "叁"), (7, "decimalZero", "07"), (5, "decimalFullWidth", "５")],
)  # fmt: skip
def test_word_number_formats(number, fmt, shown):
    assert format_number(number, fmt) == shown


def test_chinese_numbers_read_as_they_are_written():
    assert [chinese_number(n) for n in (1, 9, 10, 11, 20, 99, 100, 110, 1001, 2024)] == [
        "一", "九", "十", "十一", "二十", "九十九", "一百", "一百一十", "一千零一", "二千零二十四",
    ]  # fmt: skip


def test_truncated_docx_is_a_clear_error(tmp_path):
    good = _save(docx.Document(), tmp_path / "好.docx").read_bytes()
    broken = tmp_path / "截断 的报告.docx"
    broken.write_bytes(good[: len(good) // 2])
    with pytest.raises(ReadError) as error:
        read_document(broken)
    assert str(broken) in error.value.line() and "不完整或已损坏" in error.value.line()


def test_an_empty_word_document_is_refused(tmp_path):
    with pytest.raises(ReadError, match="没有可评分的文字"):
        read_document(_save(docx.Document(), tmp_path / "空白.docx"))


def test_a_web_page_imported_whole_into_word_is_read(tmp_path):
    """Office systems that turn a web page into .docx embed it as w:altChunk."""
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    document = docx.Document()
    page = "<html><body><p>一、主要举措和成效</p><p>全年办理行政复议案件12件。</p></body></html>".encode("utf-8")
    part = Part(PackURI("/word/afchunk.htm"), "application/xhtml+xml", page, document.part.package)
    relation = document.part.relate_to(part, "http://schemas.openxmlformats.org/officeDocument/2006/relationships/aFChunk")
    body = document.element.body
    body.insert(0, parse_xml(f'<w:altChunk {W} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="{relation}"/>'))
    text = read_document(_save(document, tmp_path / "导入网页.docx")).text
    assert text.split("\n") == ["一、主要举措和成效", "全年办理行政复议案件12件。"]


def test_a_damaged_imported_block_does_not_cost_the_document(tmp_path):
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    document = docx.Document()
    document.add_paragraph("一、主要举措和成效")
    document.add_paragraph("全年办理行政复议案件12件。")
    part = Part(PackURI("/word/afchunk.txt"), "text/plain", bytes(range(256)) * 8, document.part.package)
    relation = document.part.relate_to(part, "http://schemas.openxmlformats.org/officeDocument/2006/relationships/aFChunk")
    document.element.body.insert(0, parse_xml(f'<w:altChunk {W} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="{relation}"/>'))
    text = read_document(_save(document, tmp_path / "坏块.docx")).text
    assert "全年办理行政复议案件12件。" in text


def test_a_title_styled_like_the_sections_is_still_the_title(tmp_path):
    document = docx.Document()
    document.add_heading("某某市司法局2023年度法治政府建设情况报告", level=1)
    document.add_heading("主要举措和成效", level=1)
    document.add_paragraph("全年办理行政复议案件12件。")
    document.add_heading("存在的不足和原因", level=1)
    document.add_paragraph("执法力量不足。")
    raw = read_document(_save(document, tmp_path / "标题同级.docx"))
    lines = raw.text.split("\n")
    assert lines[0] == "某某市司法局2023年度法治政府建设情况报告"
    assert lines[1] == "一、主要举措和成效" and "二、存在的不足和原因" in lines
