"""Word drafts of the seeds, styled as drafters write them, and what a comment covers.

- the title in the Title style;
- top headings in heading styles, numbered by Word's automatic numbering (一、 （一）)
  in one draft and typed into the text in another;
- third-level headings in Heading 3 with no number at all (the reader supplies 1.);
- numbered paragraphs (1.…) as a Word numbered list, restarted under each heading;
- the closing signature (agency and date) in a two-cell table;
- paragraphs cut into runs of mixed formatting, as editing leaves them.
"""

from __future__ import annotations

import io
import re
from collections import defaultdict
from pathlib import Path

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import qn

from tests.make_formats import _add_heading_numbering, _number, report_lines, standalone_heading, title_of

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_LIST_ITEM = re.compile(r"^(\d{1,2})[、.．](?!\d)")
_SIGNATURE_MAX = 30


def write_draft(text: str, path: Path, numbered_headings: bool = True) -> Path:
    document = docx.Document()
    heading_numbers = _add_heading_numbering(document)
    _add_decimal_list(document)
    lines = report_lines(text)
    title = title_of(text)
    signature = _signature(lines)
    list_num: str | None = None
    for i, line in enumerate(lines[: len(lines) - len(signature)]):
        if i == 0 and title:
            document.add_paragraph(line, style="Title")
            continue
        heading = standalone_heading(line)
        if heading is not None:
            list_num = None
            level, words = heading
            if level <= 2 and numbered_headings:
                _number(document.add_paragraph(style=f"Heading {level}"), heading_numbers, level - 1)
                _runs(document.paragraphs[-1], words)
            else:
                _runs(document.add_paragraph(style=f"Heading {min(level, 3)}"), line if level <= 2 else words)
            continue
        item = _LIST_ITEM.match(line)
        if item:
            list_num = list_num or _restart_list(document)
            paragraph = document.add_paragraph()
            _number(paragraph, list_num, 0)
            _runs(paragraph, line[item.end() :])
            continue
        _runs(document.add_paragraph(), line)
    if signature:
        table = document.add_table(rows=1, cols=len(signature))
        for cell, words in zip(table.rows[0].cells, signature):
            _runs(cell.paragraphs[0], words)
    document.save(path)
    return path


def _signature(lines: list[str]) -> list[str]:
    """The last two lines when they are short and are not sentences (单位, 日期)."""
    tail = lines[-2:]
    if len(lines) > 4 and all(len(line) <= _SIGNATURE_MAX and "。" not in line and not standalone_heading(line) for line in tail):
        return tail
    return []


def _runs(paragraph, text: str) -> None:
    """The text in runs of 7 to 19 characters, every third bold, every fifth in 仿宋."""
    position, n = 0, 0
    while position < len(text):
        size = 7 + (n * 5) % 13
        run = paragraph.add_run(text[position : position + size])
        run.bold = True if n % 3 == 1 else None
        if n % 5 == 2:
            run._r.get_or_add_rPr().insert(0, parse_xml(f'<w:rFonts {W} w:eastAsia="仿宋"/>'))
        position += size
        n += 1


def _add_decimal_list(document) -> None:
    numbering = document.part.numbering_part.element
    abstract = parse_xml(
        f'<w:abstractNum {W} w:abstractNumId="91"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
        f'<w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/><w:suff w:val="nothing"/></w:lvl></w:abstractNum>'
    )
    first = numbering.find(qn("w:num"))
    first.addprevious(abstract) if first is not None else numbering.append(abstract)


def _restart_list(document) -> str:
    numbering = document.part.numbering_part.element
    num_id = str(100 + len(numbering.findall(qn("w:num"))))
    numbering.append(parse_xml(f'<w:num {W} w:numId="{num_id}"><w:abstractNumId w:val="91"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'))
    return num_id


# ---------------------------------------------------------------- reading comments back

_SKIP = {qn("w:del"), qn("w:instrText"), qn("w:delText")}


def anchored_texts(data: bytes) -> dict[int, str]:
    """Comment id -> the text of the file between its range start and end, in document
    order (w:t, tabs and breaks; deleted text and field codes left out; one line break
    between paragraphs), read from the XML without the project's reader."""
    body = docx.Document(io.BytesIO(data)).element.body
    open_ids: set[int] = set()
    texts: dict[int, list[str]] = defaultdict(list)
    last_paragraph: dict[int, object] = {}
    for element in body.iter():
        tag = element.tag
        if tag == qn("w:commentRangeStart"):
            open_ids.add(int(element.get(qn("w:id"))))
        elif tag == qn("w:commentRangeEnd"):
            comment = int(element.get(qn("w:id")))
            open_ids.discard(comment)
            texts.setdefault(comment, [])
        elif tag in (qn("w:t"), qn("w:tab"), qn("w:br")) and not any(a.tag in _SKIP for a in element.iterancestors()):
            piece = element.text or "" if tag == qn("w:t") else "\t" if tag == qn("w:tab") else "\n"
            paragraph = next(element.iterancestors(qn("w:p")))
            for comment in open_ids:
                if last_paragraph.get(comment) not in (None, paragraph):
                    texts[comment].append("\n")
                last_paragraph[comment] = paragraph
                texts[comment].append(piece)
    return {comment: "".join(pieces) for comment, pieces in texts.items()}


def comment_texts(data: bytes) -> dict[int, str]:
    return {c.comment_id: c.text for c in docx.Document(io.BytesIO(data)).comments}
