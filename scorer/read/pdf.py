"""PDF reports with a text layer, read with pdfplumber.

pdfplumber (on pdfminer.six) extracts Chinese as accurately as pypdf on the PDFs Word,
WPS, LibreOffice and iText produce, and unlike pypdf it gives every line's position and
returns lines in reading order. Positions are what this reader needs: running headers,
footers and page numbers are found as lines at the top or bottom of pages that repeat
or are only a number, and the lines of a paragraph are joined back together when a
line runs to the right margin and the next one starts at the left margin (a new
paragraph starts indented, a heading or a short line ends one). The left margin is
where most lines start, so that one line set out further left (a table pulled into the
margin, a header on one page only) does not make every line look indented. A list item
Word numbers with a hanging indent goes on under its text, not under its number; and
the rows of a ruled table are never glued to the text around it.
"""

from __future__ import annotations

import io
import logging
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from statistics import median

from scorer.errors import ReadError
from scorer.headings import SOURCE_START
from scorer.read import RawDocument, register

_OCR_HINT = "请先用 OCR 文字识别（如 WPS 或 Acrobat 的“识别文字”）转成可复制文字的 PDF 或 .docx，再评分"
_PAGE_NUMBER = re.compile(
    r"^[\s\-—–－_·•~]*(?:第\s*)?(?:\d{1,4}|[ivxlcIVXLC]{1,6})\s*(?:页)?\s*(?:(?:[/／]|共|of)\s*\d{1,4}\s*页?)?[\s\-—–－_·•~]*$"
    r"|^[\s\-—–－]*(?:page|Page|PAGE)\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?[\s\-—–－]*$"
)
_HEADING_START = re.compile(rf"^{SOURCE_START}")
# The number of a list item or heading, and the gap after it (a tab in Word).
_LABEL = re.compile(rf"^\s*{SOURCE_START}")
_LABEL_GAP = re.compile(r"^(\s*(?:\d{1,2}[、.．]|[（(][\d一二三四五六七八九十]{1,3}[)）]))[ \t]+(?=\S)")
_SENTENCE_END = re.compile(r"[。！？；!?;]\s*$")
_CID = re.compile(r"\(cid:\d+\)")
_SPACE_BETWEEN_HANZI = re.compile(r"(?<=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]) +(?=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef])")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff]")
_MARGIN_LINES = 2  # how many lines at a page's top and bottom may be furniture
_MIN_TEXT_PER_PAGE = 20  # below this a page is a picture of text
_MAX_CID_SHARE = 0.1


@dataclass
class _Line:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    page: int
    table: int | None = None  # which ruled table on the page the line sits in
    in_columns: bool = False  # a row of a table with columns: a line of its own
    text_x: float | None = None  # for a numbered line, where the text after the number starts


@register(".pdf", sniffed=("pdf",))
def read_pdf(path: str, data: bytes) -> RawDocument:
    import pdfplumber

    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # its warnings are not the user's business
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception as exc:
        raise _open_error(path, exc) from None
    with pdf:
        try:
            has_images = any(page.images for page in pdf.pages[:5])
            pages = []
            for number, page in enumerate(pdf.pages):
                pages.append(_page_lines(page, number))
                page.close()  # a page's parsed objects are many times the file's size: free them
        except Exception as exc:
            raise _open_error(path, exc) from None
        title = (pdf.metadata or {}).get("Title")
    text = _assemble(path, pages, has_images)
    hints = {}
    if isinstance(title, str) and "报告" in title and title.strip() in text:
        hints["title"] = title.strip()
    return RawDocument(path=path, text=text, encoding="pdf", hints=hints)


def _open_error(path: str, exc: Exception) -> ReadError:
    # pdfplumber wraps pdfminer's errors: PdfminerException(PDFPasswordIncorrect()).
    detail = " ".join([repr(exc), *(repr(arg) for arg in exc.args), repr(exc.__cause__)]).lower()
    if "password" in detail or "encrypt" in detail:
        return ReadError(path, "PDF 设有打开密码", "请去掉密码后另存为 PDF，或提供 .docx 版本")
    return ReadError(path, "PDF 文件不完整或已损坏（可能下载中断）", "请重新下载，或从原文件重新导出 PDF")


def _page_lines(page, number: int) -> list[_Line]:
    tables = _tables(page)
    lines = [row for index, table in enumerate(tables) if table.columns for row in _row_lines(page, table, index, number)]
    for line in page.extract_text_lines(return_chars=True):
        chars = line.get("chars") or []
        size = median(c.get("size", 0) for c in chars) if chars else 0.0
        middle = (line["top"] + line["bottom"]) / 2
        table = next((i for i, t in enumerate(tables) if t.top <= middle <= t.bottom and t.x0 <= line["x0"] < t.x1), None)
        if table is not None and tables[table].columns:
            continue  # its table row stands for it
        lines.append(_Line(line["text"], line["x0"], line["x1"], line["top"], line["bottom"], size, number, table=table, text_x=_text_start(line["text"], chars)))
    return sorted(lines, key=lambda item: (round(item.top), item.x0))


@dataclass
class _Table:
    x0: float
    top: float
    x1: float
    bottom: float
    rows: list[list[tuple[float, float, float, float]]]  # the cells of each row
    columns: bool  # more than one column: a grid of figures, not a box around text


def _tables(page) -> list[_Table]:
    """Tables drawn with rules. Only pages with drawn lines can have one."""
    if not (page.lines or page.rects):
        return []
    try:
        found = page.find_tables()
    except Exception:  # a malformed drawing costs the table detection, not the page
        return []
    tables = []
    for table in found:
        rows = [[cell for cell in row.cells if cell is not None] for row in table.rows]
        tables.append(_Table(*table.bbox, rows=rows, columns=any(len(row) > 1 for row in rows)))
    return tables


def _row_lines(page, table: _Table, index: int, number: int) -> list[_Line]:
    """One line per table row, its cells apart (行政处罚 | 128) as the Word reader writes
    them, so that the words of neighbouring cells do not run together, and the text a
    cell wraps is joined back within the cell."""
    chars = [c for c in page.chars if not c.get("text", "").isspace() and table.x0 <= _centre_x(c) <= table.x1 and table.top <= _centre_y(c) <= table.bottom]
    lines = []
    for row in table.rows:
        cells = []
        for x0, top, x1, bottom in row:
            inside = [c for c in chars if x0 <= _centre_x(c) < x1 and top <= _centre_y(c) < bottom]
            cells.append(_cell_text(inside))
        text = " | ".join(cell for cell in cells if cell)
        if text and row:
            sizes = [c.get("size", 0) for c in chars if row[0][1] <= _centre_y(c) < row[0][3]]
            size = median(sizes) if sizes else 0.0
            lines.append(_Line(text, row[0][0], row[-1][2], row[0][1], row[0][3], size, number, table=index, in_columns=True))
    return lines


def _cell_text(chars: list[dict]) -> str:
    """A cell's characters line by line; a word the cell wrapped is one word again."""
    pieces: list[str] = []
    last = None
    for char in sorted(chars, key=lambda c: (round(c["top"] / max(c.get("size") or 10.0, 1.0) * 2), c["x0"])):
        size = char.get("size") or 10.0
        if last is not None:
            new_line = abs(char["top"] - last["top"]) > 0.5 * size
            gap = char["x0"] - last["x1"]
            latin = last["text"][-1:].isascii() and last["text"][-1:].isalnum() and char["text"][:1].isascii() and char["text"][:1].isalnum()
            if (new_line and latin) or (not new_line and gap > 0.25 * size):
                pieces.append(" ")
        pieces.append(char["text"])
        last = char
    return "".join(pieces)


def _centre_x(char: dict) -> float:
    return (char["x0"] + char["x1"]) / 2


def _centre_y(char: dict) -> float:
    return (char["top"] + char["bottom"]) / 2


def _text_start(text: str, chars: list[dict]) -> float | None:
    """Where the words after a list number begin: 1.<tab>严格… puts them at the hanging indent."""
    label = _LABEL.match(text)
    if label is None:
        return None
    visible = [c for c in chars if not c.get("text", "").isspace()]
    skipped = len(re.sub(r"\s", "", label.group(0)))
    return visible[skipped]["x0"] if len(visible) > skipped else None


def _assemble(path: str, pages: list[list[_Line]], has_images: bool) -> str:
    characters = sum(len(line.text.strip()) for page in pages for line in page)
    if characters < _MIN_TEXT_PER_PAGE * max(1, len(pages)) and (has_images or characters == 0):
        raise ReadError(path, "PDF 是扫描件，没有文字层", _OCR_HINT)
    joined = "".join(line.text for page in pages for line in page)
    if len(_CID.findall(joined)) * 8 > _MAX_CID_SHARE * len(joined):
        raise ReadError(path, "PDF 的字体没有文字编码，提取不出文字", _OCR_HINT)
    body = _drop_furniture(pages)
    paragraphs = _paragraphs(body)
    cleaned = (_clean(paragraph) for paragraph in paragraphs)
    return "\n".join(paragraph for paragraph in cleaned if paragraph)


def _furniture_key(line: _Line) -> tuple[str, int]:
    """Page numbers vary and the rest repeats; the size tells a running header that
    repeats the report's title from the title itself."""
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", line.text)), round(line.size)


def _drop_furniture(pages: list[list[_Line]]) -> list[list[_Line]]:
    """Page numbers, and lines at the top or bottom of pages that repeat on most pages."""
    margins = [page[:_MARGIN_LINES] + page[-_MARGIN_LINES:] for page in pages]
    seen = Counter(key for margin in margins for key in {_furniture_key(line) for line in margin})
    repeated = {key for key, count in seen.items() if len(pages) >= 2 and count >= max(2, len(pages) / 2)}
    kept = []
    for page, margin in zip(pages, margins):
        furniture = {id(line) for line in margin if _PAGE_NUMBER.match(line.text) or _furniture_key(line) in repeated}
        kept.append([line for line in page if id(line) not in furniture])
    return kept


def _paragraphs(pages: list[list[_Line]]) -> list[str]:
    paragraphs: list[str] = []
    sizes = [line.size for page in pages for line in page if line.size]
    body_size = median(sizes) if sizes else 0.0
    previous: _Line | None = None
    previous_layout: tuple[float, float] | None = None
    hang: float | None = None  # where the wrapped lines of the current list item start
    for page in pages:
        layout = _margins(page)
        for line in page:
            if previous is not None and previous_layout is not None and _continues(previous, previous_layout, line, layout, body_size, hang):
                glue = " " if previous.text[-1:].isascii() and previous.text[-1:].isalpha() and line.text[:1].isascii() and line.text[:1].isalpha() else ""
                paragraphs[-1] += glue + line.text
            else:
                paragraphs.append(line.text)
                hang = line.text_x
            previous, previous_layout = line, layout
    return paragraphs


def _margins(page: list[_Line]) -> tuple[float, float]:
    """The page's left text edge and right edge, as most lines have them.

    The right edge is where the widest lines end (a few wider ones set aside). The left
    edge is where the lines that run to the right edge start: a paragraph's wrapped
    lines start at the margin, its first line an indent further in. A line set out
    further left by itself (a table row, a header on the first page only) is ignored.
    """
    if not page:
        return 0.0, 0.0
    text = [line for line in page if line.table is None] or page  # a wide table has its own edges
    ends = sorted(line.x1 for line in text)
    right = ends[int(len(ends) * 0.9) - 1] if len(ends) >= 5 else ends[-1]
    full = [line for line in text if line.x1 >= right - 1.5 * (line.size or 10.0)] or text
    starts = Counter(round(line.x0) for line in full)
    most = starts.most_common(1)[0][1]
    common = [start for start, count in starts.items() if count >= max(2, most / 4)]
    left = min(common) if common else min(starts)
    return left, right


def _continues(previous: _Line, previous_layout: tuple[float, float], line: _Line, layout: tuple[float, float], body_size: float, hang: float | None = None) -> bool:
    size = line.size or 10.0
    _, right = previous_layout
    left, _ = layout
    if previous.table != line.table or line.in_columns:  # a table's rows are lines of their own
        return False
    if _wrapped_centred(previous, previous_layout, line, body_size):
        return True
    if previous.x1 < right - 1.5 * size:  # a short line ends its paragraph
        return False
    # Under a list item's text, unless the item ended a sentence at the end of its line:
    # then a paragraph indented as deep as the item's text is more likely.
    under_text = hang is not None and abs(line.x0 - hang) < 0.5 * size and line.page == previous.page and not _SENTENCE_END.search(previous.text)
    if line.x0 > left + 0.8 * size and not under_text:  # an indented line starts one
        return False
    if _HEADING_START.match(line.text.strip()):
        return False
    if previous.size and abs(previous.size - line.size) > 0.5:
        return False
    if line.page == previous.page and line.top - previous.bottom > 1.8 * size:
        return False
    return True


def _wrapped_centred(previous: _Line, layout: tuple[float, float], line: _Line, body_size: float) -> bool:
    """A title, set larger than the body and centred, going on in the centred line under it."""
    left, right = layout
    centre = (left + right) / 2
    size = line.size
    return (
        line.page == previous.page
        and abs((previous.x0 + previous.x1) / 2 - centre) < size
        and abs((line.x0 + line.x1) / 2 - centre) < size
        and line.x0 > left + size
        and abs(previous.size - size) <= 0.5
        and size > body_size + 1
        and line.top - previous.bottom < size
    )


def _clean(text: str) -> str:
    text = _LABEL_GAP.sub(r"\1", _CID.sub("", text))
    text = "".join(_unify(ch) for ch in text)
    text = _CONTROL.sub("", text)
    return _SPACE_BETWEEN_HANZI.sub("", text).strip()


def _unify(ch: str) -> str:
    """Kangxi radicals and compatibility ideographs (⽣ for 生) that some PDF fonts map
    their glyphs to become the ordinary character, so words match."""
    code = ord(ch)
    if 0x2F00 <= code <= 0x2FDF or 0x2E80 <= code <= 0x2EFF or 0xF900 <= code <= 0xFAFF:
        unified = unicodedata.normalize("NFKC", ch)
        return unified if len(unified) == 1 else ch
    return ch
