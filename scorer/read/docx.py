"""Word drafts (.docx): paragraphs and tables in document order, headings made visible.

The section finder knows a heading by its official number (一、 (一) 1. (1)). In Word
that number is often not typed but produced by automatic numbering, or there is no
number at all, only a heading style. So the reader writes out what Word shows: the
automatic number as Word renders it, and for a heading-styled paragraph without any
number, the official number of its rank (一、 for the highest heading level used, then
（一）, 1., （1）). Headers, footers, footnotes and comments are page furniture or
remarks, not the report, and are left out; text boxes are kept after their paragraph.
Hidden text (w:vanish) is not what Word shows: it is left out, so invisible words
cannot raise a score.

`trace_docx` gives the same text with, for every character, the element of the file it
came from (or none, for what the reader supplies): the Word comments are anchored
through it.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from typing import Iterator

from scorer.errors import ReadError
from scorer.headings import SOURCE_START
from scorer.read import RawDocument, register
from scorer.read.numbers import format_number, official_heading_number
from scorer.read.zipparts import PackageTooLarge, read_parts, repack
from scorer.read.trace import Traced

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
# A zip that inflates beyond this is a damaged file or a zip bomb, not a report. The
# XML is parsed into a tree many times its size; pictures are only held as bytes (a
# 20 MB .docx of pictures, already compressed, unpacks to little more than 20 MB).
_MAX_UNPACKED = 200 * 1024 * 1024
_MAX_MARKUP = 100 * 1024 * 1024
# A table row this short with one paragraph per cell reads as one line: 行政复议 | 12件.
_ROW_MAX = 200
_CELL_SEPARATOR = " | "
_TYPED_NUMBER = re.compile(rf"^\s*{SOURCE_START}")
_HEADING_NAME = re.compile(r"^(?:heading|标题)\s*([1-9])$", re.IGNORECASE)
_TITLE_NAMES = {"title", "标题"}
# Run content that is not text the reader sees.
_SKIPPED = {
    _W + "del", _W + "moveFrom", _W + "instrText", _W + "delText", _W + "rPr", _W + "pPr",
    _W + "footnoteReference", _W + "endnoteReference", _W + "commentReference", _MC + "Fallback",
}  # fmt: skip


@register(".docx", sniffed=("docx",))
def read_docx(path: str, data: bytes) -> RawDocument:
    traced = trace_docx(path, data)
    hints = {"title": traced.title} if traced.title else {}
    return RawDocument(path=path, text=traced.text.plain, encoding="docx", hints=hints)


@dataclass
class DocxTrace:
    document: object  # the python-docx Document whose elements `text` points into
    text: Traced
    title: str | None


def trace_docx(path: str, data: bytes) -> DocxTrace:
    data = _checked_package(path, data)
    try:
        import docx

        document = docx.Document(io.BytesIO(data))
        body = document.element.body
    except Exception as exc:  # python-docx raises many kinds on a damaged package
        raise ReadError(path, f"Word 文件已损坏，无法打开（{type(exc).__name__}）", "请用 Word 或 WPS 打开后重新另存为 .docx") from None
    walker = _Walker(_Styles(document), _Numbering(document), document.part)
    blocks = list(walker.blocks(body))
    lines, title = _number_headings(blocks)
    return DocxTrace(document, Traced.join("\n", lines), title)


def _checked_package(path: str, data: bytes) -> bytes:
    """The package rebuilt from parts read under a byte cap (see `zipparts`): python-docx
    then never inflates more than the cap, whatever the zip's directory claims."""
    try:
        parts = read_parts(path, data, _MAX_UNPACKED, _MAX_MARKUP)
    except PackageTooLarge as exc:
        raise ReadError(path, f"Word 文件解压后过大（超过 {exc.unpacked / 1048576:.0f} MB），可能已损坏", "请用 Word 或 WPS 打开后另存为 .docx") from None
    if "word/document.xml" not in parts:
        if any(name.startswith("word/") for name in parts):  # a Word package whose part names are damaged
            raise ReadError(path, "Word 文件已损坏（找不到正文部分）", "请用 Word 或 WPS 打开后重新另存为 .docx")
        raise ReadError(path, "这不是 Word 文档（压缩包里没有正文）", "请确认文件是用 Word 或 WPS 保存的 .docx")
    return repack(parts)


@dataclass
class _Block:
    text: Traced
    heading_level: int | None = None  # outline level of a heading-styled paragraph
    numbered: bool = False  # an automatic or typed number already stands in front
    title_style: bool = False


class _Walker:
    def __init__(self, styles: _Styles, numbering: _Numbering, part) -> None:
        self.styles = styles
        self.numbering = numbering
        self.part = part

    def blocks(self, container) -> Iterator[_Block]:
        for child in container:
            tag = child.tag
            if tag == _W + "p":
                yield from self._paragraph(child)
            elif tag == _W + "tbl":
                yield from self._table(child)
            elif tag == _W + "sdt":
                content = child.find(_W + "sdtContent")
                if content is not None:
                    yield from self.blocks(content)
            elif tag in (_W + "customXml", _MC + "AlternateContent", _MC + "Choice"):
                yield from self.blocks(child)
            elif tag == _W + "altChunk":
                yield from self._imported(child)

    def _imported(self, chunk) -> Iterator[_Block]:
        """A web page or text imported whole (w:altChunk): office systems that turn a
        page into a Word file do this, and Word shows the page as the document."""
        from scorer.read.html import decode_html, html_document
        from scorer.read.text import decode

        try:
            part = self.part.related_parts[chunk.get(_R + "id")]
            blob, content_type = part.blob, part.content_type
        except (KeyError, AttributeError):
            return
        try:
            if "html" in content_type or "xhtml" in content_type:
                text = html_document("altChunk", *decode_html("altChunk", blob)).text
            elif content_type.startswith("text/"):
                text = decode("altChunk", blob)[0]
            else:
                return
        except ReadError:
            return  # one damaged embedded block does not cost the rest of the document
        for line in text.splitlines():
            if line.strip():
                yield _Block(Traced.supplied(line))

    def _paragraph(self, p) -> Iterator[_Block]:
        pieces: list[Traced] = []
        boxes: list = []
        style = self.styles.of(p)
        _inline_text(p, pieces, boxes, self.styles, self.styles.hides(style))
        text = Traced.concat(pieces)
        prefix = self.numbering.prefix(*self.styles.numbering_of(p, style))
        level = self.styles.outline_level(p, style)
        if text.plain.strip():
            yield _Block(
                text=Traced.supplied(prefix) + text,
                heading_level=level,
                numbered=bool(prefix) or bool(_TYPED_NUMBER.match(text.plain)),
                title_style=self.styles.is_title(style),
            )
        for box in boxes:
            yield from self.blocks(box)

    def _table(self, table) -> Iterator[_Block]:
        for row in table.iterchildren(_W + "tr"):
            cells = [[block for block in self.blocks(cell)] for cell in row.iterchildren(_W + "tc")]
            simple = all(len(cell) <= 1 and all(b.heading_level is None for b in cell) for cell in cells)
            if simple and sum(len(cell[0].text) for cell in cells if cell) <= _ROW_MAX:
                line = Traced.join(_CELL_SEPARATOR, (cell[0].text.strip() for cell in cells if cell and cell[0].text.plain.strip()))
                if line.plain:
                    yield _Block(line)
            else:  # a layout table holding the report itself: keep its paragraphs
                for cell in cells:
                    yield from cell


_SHOWN_AS = {_W + "tab": "\t", _W + "br": "\n", _W + "cr": "\n", _W + "noBreakHyphen": "-"}


def _inline_text(element, out: list[Traced], boxes: list, styles: _Styles, hidden: bool) -> None:
    """The text of a paragraph's runs; `hidden` is whether a run without its own say is hidden."""
    for child in element:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIPPED:
            continue
        if tag == _W + "t":
            if not hidden:
                out.append(Traced.of(child, child.text or ""))
        elif tag in _SHOWN_AS:
            if not hidden:
                out.append(Traced.of(child, _SHOWN_AS[tag]))
        elif tag == _W + "txbxContent":
            boxes.append(child)
        elif tag == _W + "r":
            _inline_text(child, out, boxes, styles, styles.run_hidden(child, hidden))
        else:
            _inline_text(child, out, boxes, styles, hidden)


_TITLE_WORDS = re.compile(r"(报告|情况|总结)$")
_TITLE_TOPIC = re.compile(r"法治|法制|依法行政|(19|20)\d{2}\s*年|[〇零一二三四五六七八九]{4}年")


def _reads_as_title(block: _Block) -> bool:
    """某市司法局2023年度法治政府建设情况报告, styled like the sections below it."""
    text = block.text.plain.strip()
    return not block.numbered and bool(_TITLE_WORDS.search(text)) and bool(_TITLE_TOPIC.search(text))


def _number_headings(blocks: list[_Block]) -> tuple[list[Traced], str | None]:
    """Lines of text, with official numbers written before unnumbered styled headings."""
    title = None
    headings = [b for b in blocks if b.heading_level is not None]
    first = blocks[0] if blocks else None
    if first is not None and (first.title_style or first is (headings[0] if headings else None)):
        # The report's title, often styled Heading 1: the first paragraph, highest level,
        # and no other paragraph at that level.
        same_level = [b for b in headings if b.heading_level is not None and b.heading_level <= (first.heading_level or 0)]
        if first.title_style or same_level == [first] or _reads_as_title(first):
            title = first.text.plain.strip()
            first.heading_level = None
    ranks = sorted({b.heading_level for b in blocks if b.heading_level is not None})
    counters = [0] * len(ranks)
    lines = []
    for block in blocks:
        if block.heading_level is None:
            lines.append(block.text)
            continue
        rank = ranks.index(block.heading_level)
        counters[rank] += 1
        for deeper in range(rank + 1, len(counters)):
            counters[deeper] = 0
        number = "" if block.numbered else official_heading_number(rank, counters[rank])
        lines.append(Traced.supplied(number) + block.text)
    return lines, title


class _Styles:
    """Paragraph styles: name, parent, outline level and numbering, followed up the chain."""

    def __init__(self, document) -> None:
        self._styles: dict[str, tuple[str, str | None, int | None, tuple[str | None, int | None]]] = {}
        self._default: str | None = None
        self._vanish: dict[str, tuple[bool | None, str | None]] = {}  # any style: (its own w:vanish, parent)
        try:
            root = document.styles.element
        except Exception:
            return
        for style in root.iterchildren(_W + "style"):
            self._vanish[style.get(_W + "styleId") or ""] = (_vanish(style.find(_W + "rPr")), _val(style.find(_W + "basedOn")))
            if style.get(_W + "type") != "paragraph":
                continue
            style_id = style.get(_W + "styleId") or ""
            if style.get(_W + "default") in ("1", "true", "on"):
                self._default = style_id
            ppr = style.find(_W + "pPr")
            self._styles[style_id] = (
                _val(style.find(_W + "name")) or style_id,
                _val(style.find(_W + "basedOn")),
                _int(_val(ppr.find(_W + "outlineLvl"))) if ppr is not None else None,
                _num_pr(ppr),
            )

    def of(self, p) -> str | None:
        ppr = p.find(_W + "pPr")
        style = _val(ppr.find(_W + "pStyle")) if ppr is not None else None
        return style or self._default

    def _chain(self, style_id: str | None):
        seen = set()
        while style_id is not None and style_id in self._styles and style_id not in seen:
            seen.add(style_id)
            yield self._styles[style_id]
            style_id = self._styles[style_id][1]

    def outline_level(self, p, style_id: str | None) -> int | None:
        ppr = p.find(_W + "pPr")
        direct = _int(_val(ppr.find(_W + "outlineLvl"))) if ppr is not None else None
        if direct is not None:
            return direct if direct < 9 else None
        for name, _parent, level, _numbering in self._chain(style_id):
            if level is not None:
                return level if level < 9 else None
            match = _HEADING_NAME.match(name.strip())
            if match:
                return int(match.group(1)) - 1
        return None

    def hides(self, style_id: str | None) -> bool:
        """Whether a style, through its chain, makes its text hidden."""
        seen = set()
        while style_id is not None and style_id in self._vanish and style_id not in seen:
            seen.add(style_id)
            own, style_id = self._vanish[style_id]
            if own is not None:
                return own
        return False

    def run_hidden(self, run, inherited: bool) -> bool:
        """A run's own w:vanish decides, then its character style, then the paragraph's."""
        rpr = run.find(_W + "rPr")
        if rpr is None:
            return inherited
        own = _vanish(rpr)
        if own is not None:
            return own
        char_style = _val(rpr.find(_W + "rStyle"))
        if char_style is not None and self.hides(char_style):
            return True
        return inherited

    def is_title(self, style_id: str | None) -> bool:
        return any(name.strip().lower() in _TITLE_NAMES for name, *_ in self._chain(style_id))

    def numbering_of(self, p, style_id: str | None) -> tuple[str | None, int]:
        num_id, level = _num_pr(p.find(_W + "pPr"))
        for _name, _parent, _outline, (style_num, style_level) in self._chain(style_id):
            if num_id is None and style_num is not None:
                num_id = style_num
            if level is None and style_level is not None:
                level = style_level
        # numId 0 switches numbering off, e.g. for a paragraph whose style has it.
        return (None if num_id == "0" else num_id), level or 0


@dataclass
class _Level:
    start: int
    fmt: str
    text: str
    legal: bool  # w:isLgl: every level shown in decimal (1.1.2)
    suffix: str


class _Numbering:
    """Word's automatic numbering, rendered the way Word shows it.

    Lists that share an abstract definition share their counters, as in Word, unless a
    list instance restarts them with a start override.
    """

    def __init__(self, document) -> None:
        self._abstract: dict[str, dict[int, _Level]] = {}
        self._nums: dict[str, tuple[str, dict[int, int], dict[int, _Level]]] = {}
        self._counters: dict[str, list[int | None]] = {}
        self._restarted: set[str] = set()
        try:
            root = document.part.numbering_part.element
        except Exception:  # no numbering part: nothing is numbered automatically
            return
        for abstract in root.iterchildren(_W + "abstractNum"):
            levels = {}
            for lvl in abstract.iterchildren(_W + "lvl"):
                level = _level(lvl)
                if level is not None:
                    levels[_int(lvl.get(_W + "ilvl")) or 0] = level
            self._abstract[abstract.get(_W + "abstractNumId") or ""] = levels
        for num in root.iterchildren(_W + "num"):
            starts, overrides = {}, {}
            for override in num.iterchildren(_W + "lvlOverride"):
                ilvl = _int(override.get(_W + "ilvl")) or 0
                start = _int(_val(override.find(_W + "startOverride")))
                if start is not None:
                    starts[ilvl] = start
                lvl = override.find(_W + "lvl")
                if lvl is not None and (level := _level(lvl)) is not None:
                    overrides[ilvl] = level
            self._nums[num.get(_W + "numId") or ""] = (_val(num.find(_W + "abstractNumId")) or "", starts, overrides)

    def prefix(self, num_id: str | None, ilvl: int) -> str:
        if num_id is None or num_id not in self._nums or not 0 <= ilvl < 9:
            return ""
        abstract_id, starts, overrides = self._nums[num_id]
        levels = {**self._abstract.get(abstract_id, {}), **overrides}
        level = levels.get(ilvl)
        if level is None:
            return ""
        counters = self._counters.setdefault(abstract_id, [None] * 9)
        if starts and num_id not in self._restarted:
            self._restarted.add(num_id)
            for restart_level, start in starts.items():
                if 0 <= restart_level < 9:
                    counters[restart_level] = start - 1
        current = counters[ilvl]
        counters[ilvl] = level.start if current is None else current + 1
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = None
        if level.fmt in ("bullet", "none") or not level.text:
            return ""

        def value(match: re.Match[str]) -> str:
            index = int(match.group(1)) - 1
            shown = levels.get(index)
            count = counters[index] if counters[index] is not None else (shown.start if shown else 1)
            fmt = "decimal" if level.legal or shown is None else shown.fmt
            return format_number(count, fmt)

        number = re.sub(r"%([1-9])", value, level.text)
        if level.suffix == "nothing" or number[-1:] in "、.．)）":
            return number
        return number + " "


def _level(lvl) -> _Level | None:
    fmt = _val(lvl.find(_W + "numFmt")) or "decimal"
    text = _val(lvl.find(_W + "lvlText"))
    if text is None:
        return None
    start = _int(_val(lvl.find(_W + "start")))
    return _Level(
        start=1 if start is None else start,
        fmt=fmt,
        text=text,
        legal=lvl.find(_W + "isLgl") is not None,
        suffix=_val(lvl.find(_W + "suff")) or "tab",
    )


def _num_pr(ppr) -> tuple[str | None, int | None]:
    if ppr is None:
        return None, None
    num_pr = ppr.find(_W + "numPr")
    if num_pr is None:
        return None, None
    return _val(num_pr.find(_W + "numId")), _int(_val(num_pr.find(_W + "ilvl")))


def _vanish(rpr) -> bool | None:
    """True or False where run properties say whether text is hidden, None where silent."""
    if rpr is None:
        return None
    vanish = rpr.find(_W + "vanish")
    if vanish is None:
        return None
    return _val(vanish) not in ("0", "false", "off")


def _val(element) -> str | None:
    return element.get(_W + "val") if element is not None else None


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None
