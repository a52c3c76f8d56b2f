"""A new Word document of a report that did not come as one (.pdf, .html, .txt).

Every line with words becomes a paragraph, headings get Word heading styles by their
level and the title the title style, so the drafter opens a document that reads like
the report and carries the same comments as a .docx would. The text is written as it
is, character for character, and traced, so that a comment sits on its quote.
"""

from __future__ import annotations

import re

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from scorer.annotate.places import Layout
from scorer.read.trace import Segment, Traced

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_HEADING_LEVELS = 3
_TITLE_MAX = 60
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def new_document(layout: Layout):
    """A python-docx Document of the report text and its trace (over the whole text)."""
    import docx

    document = docx.Document()
    _chinese_fonts(document)
    body_paragraph = document.paragraphs[0]._p if document.paragraphs else None
    if body_paragraph is not None:  # the template's empty first paragraph
        body_paragraph.getparent().remove(body_paragraph)
    headings = _heading_lines(layout)
    title = _title_line(layout, headings)
    segments: list[Segment] = []
    at = 0
    for line in layout.text.split("\n"):
        shown = line.rstrip("\r")
        if shown.strip():
            style = "Title" if at == title else f"Heading {headings[at]}" if at in headings else None
            paragraph = document.add_paragraph(style=style)
            _write(paragraph._p, shown, at, segments)
        at += len(line) + 1
    return document, Traced(layout.text, tuple(segments))


def _write(p, line: str, at: int, segments: list[Segment]) -> None:
    """Runs of text and tabs, each traced to its characters in the report."""
    run = OxmlElement("w:r")
    p.append(run)
    position = 0
    for piece in re.split(r"(\t)", line):
        if not piece:
            continue
        if piece == "\t":
            element = OxmlElement("w:tab")
        else:
            element = OxmlElement("w:t")
            element.text = _NOT_XML.sub("\ufffd", piece)
            element.set(_XML_SPACE, "preserve")
        run.append(element)
        segments.append((at + position, at + position + len(piece), element, 0))
        position += len(piece)


def _heading_lines(layout: Layout) -> dict[int, int]:
    """Start of each line that is a heading by itself -> its heading level (1-3)."""
    text, document = layout.text, layout.document
    found = {}
    for section in document.structure.sections:
        left, right = document.original_span(section.heading_start, section.heading_end)
        line_start = text.rfind("\n", 0, left) + 1
        line_end = text.find("\n", right)
        line_end = len(text) if line_end < 0 else line_end
        if not text[line_start:left].strip() and not text[right:line_end].strip():
            found[line_start] = min(section.level, _HEADING_LEVELS)
    return found


def _title_line(layout: Layout, headings: dict[int, int]) -> int | None:
    left, right = layout.first_line()
    line = layout.text[left:right]
    if not line or len(line) > _TITLE_MAX or "。" in line:
        return None
    start = layout.text.rfind("\n", 0, left) + 1
    return None if start in headings else start


def _chinese_fonts(document) -> None:
    """宋体 for the text and 黑体 for headings, as Chinese official drafts use."""
    for name, font in (("Normal", "宋体"), ("Title", "黑体"), ("Heading 1", "黑体"), ("Heading 2", "黑体"), ("Heading 3", "黑体")):
        try:
            style = document.styles[name]
        except KeyError:
            continue
        fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        fonts.set(qn("w:eastAsia"), font)
