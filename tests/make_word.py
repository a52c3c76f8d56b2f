"""Word reports laid out as drafters lay them out, for LibreOffice to turn into PDFs.

A page set like an official document (A4, 16 pt type, 28 characters to a line, a
two-character first-line indent), a running header and a — N — page number in the
footer, headings in Word heading styles numbered automatically or not numbered at all,
lists numbered by Word with a hanging indent, and tables, one of them pulled left of
the text (a negative w:tblInd) as drafters do to make a wide table fit.

The layout is exact on purpose: with 16 pt characters on a 28-character line, a test
can put a word across a line break and check in the PDF that it is split there.
"""

from __future__ import annotations

import shutil
import subprocess
import uuid
from dataclasses import dataclass
from pathlib import Path

_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

FONT_PT = 16
LINE_CHARS = 28  # characters on a full line of body text
INDENT_CHARS = 2  # first-line indent of a paragraph, and hanging indent of a list item
_LEFT_MARGIN_PT = 79.0
_PAGE_WIDTH_PT = 595.3
TEXT_WIDTH_PT = LINE_CHARS * FONT_PT + 4  # a little slack so that the 28th character fits


@dataclass(frozen=True)
class Heading:
    level: int  # 1 for 一、, 2 for （一）
    text: str  # without its number


@dataclass(frozen=True)
class Para:
    text: str


@dataclass(frozen=True)
class Items:
    """A list Word numbers 1. 2. 3. (or （1）（2）), wrapped lines under the text, not the number."""

    texts: tuple[str, ...]
    label: str = "%1."


@dataclass(frozen=True)
class Table:
    rows: tuple[tuple[str, ...], ...]
    indent_pt: float = 0.0  # negative: the table starts left of the text
    width_pt: float | None = None  # wider than the text: it reaches into both margins
    last_column_right: bool = False  # figures set flush right, as statistics tables do


Block = Heading | Para | Items | Table


def write_word(
    blocks: list[Block],
    path: Path,
    title: str | None,
    headings: str = "auto",
    header: str | None = "某县人民政府信息公开",
    first_page_header: str | None = None,
) -> Path:
    """A report as a drafter formats it. `headings`: "auto" numbers heading styles with
    Word's numbering (一、 （一）), "none" leaves the styled headings unnumbered."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    document = docx.Document()
    official_layout(document, header, first_page_header)
    heading_numbers = _add_numbering(document, "90", [("chineseCounting", "%1、", "nothing", 0), ("chineseCounting", "（%2）", "nothing", 0)]) if headings == "auto" else None
    if title:
        paragraph = document.add_paragraph(title)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.first_line_indent = Pt(0)
        for run in paragraph.runs:
            run.font.size = Pt(22)
    lists = 0
    for block in blocks:
        if isinstance(block, Heading):
            paragraph = document.add_paragraph(block.text, style=f"Heading {block.level}")
            if heading_numbers is not None:
                _number(paragraph, heading_numbers, block.level - 1)
        elif isinstance(block, Para):
            document.add_paragraph(block.text)
        elif isinstance(block, Items):
            lists += 1
            indent = INDENT_CHARS * FONT_PT * 20  # twips
            num_id = _add_numbering(document, str(100 + lists), [("decimal", block.label, "tab", indent)])
            for text in block.texts:
                paragraph = document.add_paragraph(text, style="List Paragraph")
                _number(paragraph, num_id, 0)
        elif isinstance(block, Table):
            _add_table(document, block)
    document.save(path)
    return path


def official_layout(document, header: str | None = "某县人民政府信息公开", first_page_header: str | None = None) -> None:
    """Page, type, header and footer of an official document, on any python-docx document."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import parse_xml
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    section = document.sections[0]
    section.page_width, section.page_height = Pt(_PAGE_WIDTH_PT), Pt(841.9)
    section.left_margin = Pt(_LEFT_MARGIN_PT)
    section.right_margin = Pt(_PAGE_WIDTH_PT - _LEFT_MARGIN_PT - TEXT_WIDTH_PT)
    section.top_margin, section.bottom_margin = Pt(100), Pt(90)
    for name in ("Normal", "Heading 1", "Heading 2", "Heading 3", "List Paragraph"):
        style = document.styles[name]
        style.font.size = Pt(FONT_PT)
        style.font.color.rgb = RGBColor(0, 0, 0)
        style.font.name = "FangSong"
        style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "仿宋")
        style.paragraph_format.space_before = Pt(0)
        style.paragraph_format.space_after = Pt(0)
        style.paragraph_format.line_spacing = Pt(28)
    for name in ("Normal", "Heading 1", "Heading 2", "Heading 3"):
        document.styles[name].paragraph_format.first_line_indent = Pt(INDENT_CHARS * FONT_PT)
    if header:
        section.header.paragraphs[0].text = header
        section.header.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    if first_page_header:
        # Shown on the first page only, set out to the left edge of the text block.
        section.different_first_page_header_footer = True
        paragraph = section.first_page_header.paragraphs[0]
        paragraph.text = first_page_header
        paragraph.paragraph_format.left_indent = Pt(-2 * FONT_PT)
        paragraph.paragraph_format.first_line_indent = Pt(0)
    for footer in [section.footer] + ([section.first_page_footer] if first_page_header else []):
        paragraph = footer.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.add_run("— ")
        paragraph._p.append(parse_xml(f'<w:fldSimple {_NS} w:instr="PAGE"><w:r><w:t>1</w:t></w:r></w:fldSimple>'))
        paragraph.add_run(" —")


def _add_numbering(document, num_id: str, levels: list[tuple[str, str, str, int]]) -> str:
    """A list definition as Word writes it into numbering.xml: (format, text, suffix, hanging indent) per level."""
    from docx.oxml import parse_xml

    numbering = document.part.numbering_part.element
    xml_levels = []
    for ilvl, (fmt, text, suffix, hanging) in enumerate(levels):
        indent = f'<w:pPr><w:ind w:left="{hanging}" w:hanging="{hanging}"/></w:pPr>' if hanging else ""
        xml_levels.append(
            f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/><w:suff w:val="{suffix}"/>{indent}</w:lvl>'
        )
    abstract = parse_xml(f'<w:abstractNum {_NS} w:abstractNumId="{num_id}"><w:multiLevelType w:val="hybridMultilevel"/>{"".join(xml_levels)}</w:abstractNum>')
    num = parse_xml(f'<w:num {_NS} w:numId="{num_id}"><w:abstractNumId w:val="{num_id}"/></w:num>')
    first_num = numbering.find(f"{_W}num")
    if first_num is not None:
        first_num.addprevious(abstract)  # abstract definitions come before the instances
    else:
        numbering.append(abstract)
    numbering.append(num)
    return num_id


def _number(paragraph, num_id: str, level: int) -> None:
    from docx.oxml import parse_xml

    properties = paragraph._p.get_or_add_pPr()
    properties.append(parse_xml(f'<w:numPr {_NS}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'))


def _add_table(document, block: Table) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import parse_xml
    from docx.shared import Pt

    table = document.add_table(rows=len(block.rows), cols=len(block.rows[0]))
    table.style = document.styles["Table Grid"]
    for row, texts in zip(table.rows, block.rows):
        for cell, text in zip(row.cells, texts):
            paragraph = cell.paragraphs[0]
            paragraph.text = text
            paragraph.paragraph_format.first_line_indent = Pt(0)
        if block.last_column_right:
            row.cells[-1].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if block.width_pt is not None:
        table.autofit = False
        column = Pt(block.width_pt / len(block.rows[0]))
        for each in table.columns:
            each.width = column
        for row in table.rows:
            for cell in row.cells:
                cell.width = column
    if block.indent_pt:
        properties = table._tbl.tblPr
        properties.append(parse_xml(f'<w:tblInd {_NS} w:w="{round(block.indent_pt * 20)}" w:type="dxa"/>'))


def convert_to_pdf(files: list[Path], out_dir: Path, profile_root: Path) -> dict[Path, Path]:
    """Every file converted by one LibreOffice run (it starts in seconds, converts in less);
    a private profile so that runs at the same time do not share (and lock) one."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise RuntimeError("LibreOffice (soffice) is not installed: `make test` installs it")
    profile = profile_root / f"lo-profile-{uuid.uuid4().hex}"
    out_dir.mkdir(parents=True, exist_ok=True)
    command = [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore", "--convert-to", "pdf", "--outdir", str(out_dir), *map(str, files)]
    completed = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
    pdfs = {file: out_dir / (file.stem + ".pdf") for file in files}
    missing = [str(file) for file, pdf in pdfs.items() if not pdf.exists()]
    if missing:
        raise RuntimeError(f"LibreOffice did not convert {missing}: {completed.stdout}{completed.stderr}")
    return pdfs
