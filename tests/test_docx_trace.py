"""The .docx reader's text, traced back to the file: every character it did not supply
comes from one character of a w:t (or a tab or break) in the document."""

from __future__ import annotations

import io

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import qn

from scorer.read import read_document_bytes
from scorer.read.docx import trace_docx

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _bytes(document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _hide(run, value: str | None = None) -> None:
    attribute = f' w:val="{value}"' if value is not None else ""
    run._r.get_or_add_rPr().append(parse_xml(f"<w:vanish {W}{attribute}/>"))


def test_hidden_text_is_not_report_text():
    document = docx.Document()
    paragraph = document.add_paragraph("全年办理行政复议案件12件。")
    _hide(paragraph.add_run("认真学习贯彻习近平法治思想，落实行政执法公示制度。"))
    shown = paragraph.add_run("依法应诉3件。")
    _hide(shown, "0")  # w:vanish switched off is shown
    whole = document.add_paragraph()
    _hide(whole.add_run("聘请法律顾问审查合同。"))
    text = read_document_bytes("隐藏.docx", _bytes(document)).text
    assert text == "全年办理行政复议案件12件。依法应诉3件。"


def test_text_hidden_by_a_character_style_is_not_report_text():
    document = docx.Document()
    styles = document.styles.element
    styles.append(parse_xml(f'<w:style {W} w:type="character" w:styleId="Secret"><w:name w:val="Secret"/><w:rPr><w:vanish/></w:rPr></w:style>'))
    paragraph = document.add_paragraph("开展普法宣传。")
    paragraph.add_run("推行法律顾问制度。")._r.get_or_add_rPr().append(parse_xml(f'<w:rStyle {W} w:val="Secret"/>'))
    assert read_document_bytes("样式隐藏.docx", _bytes(document)).text == "开展普法宣传。"


def test_every_character_is_traced_to_the_file_or_marked_supplied():
    document = docx.Document()
    numbering = document.part.numbering_part.element
    first = numbering.find(qn("w:num"))
    abstract = parse_xml(f'<w:abstractNum {W} w:abstractNumId="70"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:suff w:val="nothing"/></w:lvl></w:abstractNum>')
    first.addprevious(abstract) if first is not None else numbering.append(abstract)
    numbering.append(parse_xml(f'<w:num {W} w:numId="70"><w:abstractNumId w:val="70"/></w:num>'))
    heading = document.add_paragraph("主要举措", style="Heading 1")
    heading._p.get_or_add_pPr().append(parse_xml(f'<w:numPr {W}><w:ilvl w:val="0"/><w:numId w:val="70"/></w:numPr>'))
    paragraph = document.add_paragraph("办理")
    paragraph.add_run("复议").bold = True
    paragraph.add_run("\t12件")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "应诉", " 3件 "
    traced = trace_docx("x.docx", _bytes(document)).text
    assert traced.plain == "一、主要举措\n办理复议\t12件\n应诉 | 3件"
    supplied = "".join(ch for i, ch in enumerate(traced.plain) if traced.origin(i) is None)
    assert supplied == "一、\n\n | "
    for i, ch in enumerate(traced.plain):
        origin = traced.origin(i)
        if origin is None:
            continue
        element, offset = origin
        if element.tag == qn("w:t"):
            assert element.text[offset] == ch
        else:
            assert (element.tag, ch) == (qn("w:tab"), "\t")
