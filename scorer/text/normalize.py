"""Normalise report text for matching while keeping a map back to the original.

Traditional characters become simplified (opencc), full-width letters, digits and
punctuation become half-width, website debris lines (navigation, 打印本页, 版权所有,
来源/浏览次数 ...) are dropped, and whitespace inside Chinese text is removed. Every
character of the normalised text remembers its index in the original, so evidence found
in the normalised text is always quoted from the original exactly as it stands.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field

from scorer.chars import fold_characters
from scorer.headings import FOLDED_START

from scorer.text.debris import Edit, word_debris

_CJK = r"\u3000-\u303f\u3400-\u9fff\uff00-\uffef"
_SPACE_NEAR_CJK = re.compile(rf"(?<=[{_CJK}])[ \t\u00a0]+|[ \t\u00a0]+(?=[{_CJK}])")

# A line that is only website furniture.
_DEBRIS = re.compile(
    r"打印本页|关闭窗口|打印此页|【打印】|【关闭】|【字体|字号[:：]?\s*[大中小]|分享到|扫一扫|返回顶部"
    r"|网站地图|联系我们|当前位置|您的位置|当前的位置|所在位置|现在的位置|官方微信|官方微博|微信公众号|上一篇|下一篇|相关链接"
    r"|浏览次数|访问次数|浏览量|次浏览|阅读量|保护视力色|无障碍阅读|无障碍浏览|繁体版|欢迎(?:登录|访问|来到|光临)"
)
# Breadcrumbs in any form: 首页 > 政务公开 > ..., a trail wrapped onto a line of its own
# (> 政府信息公开 > ...), or 首页 alone above it.
_TRAIL = re.compile(r"^(?:首\s*页|[>»›])|[>»›][^>»›]{1,24}[>»›]")
# The table of publication data some sites print above a report, in any layout:
# 索引号: ..., - 索引号:, [ 索引号 ] ..., | 索引号: | ... |. Only above the first sentence.
_LABELS = (
    "索引号|发文机关|发文字号|文号|文件编号|成文日期|发布日期|发布时间|生成日期|发布机构|发布单位|主题分类|体裁分类|组配分类"
    "|服务对象|公开方式|公开形式|公开范围|公开时限|有效性|分类|名称|来源|信息来源|文章来源|作者|责任编辑|签发人|字体|字号|分享|时间|日期"
)
_TABLE_ROW = re.compile(rf"^[\s\-•*·|\[【]*(?:{_LABELS})\s*[:：|\]】【]")
_LABEL_ANYWHERE = re.compile(rf"(?:{_LABELS})\s*[:：|\]】]")
_TITLE_VALUE = 12  # 名称: 某某局2023年法治政府建设情况报告 is the title, kept
# A line under 分享: that reads like (part of) a title is the title, not the label's value.
_TITLE_WORDS = re.compile(r"法治|法制|依法|报告|情况")
_LABEL_ALONE = re.compile(rf"^[\s\-•*·|\[【]*(?:{_LABELS})\s*[\]】]?\s*[:：]?\s*$")
_VALUE_MAX = 40
# A line of symbols only: a close button (×), a bullet, a widget.
_SYMBOLS_ONLY = re.compile(r"^[^\w\u4e00-\u9fff]{1,3}$")
# A footer line; everything after it is footer too.
_FOOTER = re.compile(r"版权所有|ICP备|网站标识码|公网安备|主办单位|承办单位|技术支持|Copyright", re.IGNORECASE)
# Publication metadata printed above an article: 发布日期: ... 来源: ...
_META_LINE = re.compile(
    r"^(发布时间|发布日期|时间|日期|来源|信息来源|文章来源|作者|责任编辑|编辑|索引号|发文机关|成文日期|发布机构|主题分类|点击数|阅读数)\s*[:：]"
)
_DATE_ONLY = re.compile(r"^[\d\s/\-:.年月日]+$")
# Breadcrumbs: 首页 > 政务公开 > 法治政府建设
_BREADCRUMB = re.compile(r"^(首页|网站首页|主页)\s*[>»›/]")
_MAX_DEBRIS_LEN = 120
_PROSE = re.compile(r"[。,;]")  # after width folding, ， and ； are , and ;
_FOOTER_NAV_LEN = 6


@dataclass
class NormalizedText:
    """Normalised text and its map back to the original.

    The map is a list of segments: from `seg_norm[k]` on, normalised characters map one
    to one onto original characters starting at `seg_orig[k]`, until the next segment.
    """

    original: str
    text: str
    seg_norm: list[int]
    seg_orig: list[int]
    dropped: list[str] = field(default_factory=list)  # debris lines, for metadata

    def original_index(self, index: int) -> int:
        k = bisect_right(self.seg_norm, index) - 1
        return self.seg_orig[k] + index - self.seg_norm[k]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of the normalised text to the span of the original it came from."""
        if not self.text:
            return 0, 0
        if end <= start:
            position = self.original_index(start) if start < len(self.text) else len(self.original)
            return position, position
        return self.original_index(start), self.original_index(end - 1) + 1

    def original_slice(self, start: int, end: int) -> str:
        left, right = self.to_original(start, end)
        return self.original[left:right]


def normalize(original: str) -> NormalizedText:
    folded = fold_characters(original)
    lines = _split_lines(folded)
    keep = _keep_mask([line for _, line in lines])
    # Widths count a paragraph's indent: the first line of an indented paragraph is as wide as the rest.
    width = _wrap_width([line.rstrip() for (_, line), kept in zip(lines, keep) if kept and line.strip()])
    joined = False  # the previous kept line was hard-wrapped: this one continues it
    parts: list[str] = []
    seg_norm: list[int] = []
    seg_orig: list[int] = []
    dropped: list[str] = []
    position = 0

    def emit(piece: str, origin: int) -> None:
        nonlocal position
        parts.append(piece)
        seg_norm.append(position)
        seg_orig.append(origin)
        position += len(piece)

    for (start, line), kept in zip(lines, keep):
        if not kept:
            if line.strip():
                dropped.append(line.strip())
            continue
        pieces = _clean_line(original[start : start + len(line)], line)
        stripped = "".join(piece for piece, _ in pieces)
        if not stripped:
            continue
        if parts and not (joined and not _HEADING_START.match(stripped)):
            emit("\n", start - 1)  # the line break before this line
        joined = width is not None and len(line.rstrip()) >= width - 1 and not _ENDS_SENTENCE.search(stripped)
        for piece, origin in pieces:
            emit(piece, start + origin)
    return NormalizedText(original=original, text="".join(parts), seg_norm=seg_norm, seg_orig=seg_orig, dropped=dropped)


def _clean_line(original_line: str, folded_line: str) -> list[tuple[str, int]]:
    """The line's text as (piece, offset in the line) runs, each piece mapping one to one
    onto the line from its offset: without the indent and trailing blanks, without spaces
    beside Chinese text and without the debris that breaks words (see debris.py). A
    repaired run is shorter than the garbled one it replaces; each of its characters maps
    to its own character of that run, the last to the run's last, so spans stay spans."""
    left = len(folded_line) - len(folded_line.lstrip())
    right = len(folded_line.rstrip())
    edits = [e for e in word_debris(original_line) if left <= e.start and e.end <= right]
    taken = [(e.start, e.end) for e in edits]
    for space in _SPACE_NEAR_CJK.finditer(folded_line, left, right):
        if not any(s < space.end() and space.start() < e for s, e in taken):
            edits.append(Edit(space.start(), space.end()))
    edits.sort(key=lambda e: e.start)
    pieces: list[tuple[str, int]] = []
    cursor = left
    for edit in edits:
        if edit.start > cursor:
            pieces.append((folded_line[cursor : edit.start], cursor))
        # A repaired ideographic space is indentation: nothing to read.
        replacement = "".join(fold_characters(edit.replacement).split())
        last = len(replacement) - 1
        for k, ch in enumerate(replacement):
            pieces.append((ch, edit.end - 1 if k == last else edit.start + k))
        cursor = max(cursor, edit.end)
    if right > cursor:
        pieces.append((folded_line[cursor:right], cursor))
    return pieces


# Text copied out of a PDF or an e-mail is hard-wrapped: most lines have the same
# length and break mid-sentence. Such a line is joined to the next (a heading is short,
# so it is never joined), so that words and sentences are whole again.
_ENDS_SENTENCE = re.compile(r"[。!?;:”’」』)]$")
_HEADING_START = re.compile(r"(?:#{1,6}\s*)?" + FOLDED_START)
_WRAP_MIN = 16  # narrower than this is a list, not a wrapped page
_WRAP_LINES = 12  # fewer lines than this is too little to tell
_WRAP_SHARE = 0.4  # share of lines at the wrap width for a text to count as wrapped
_WRAP_MID_SENTENCE = 0.6  # share of those lines that break mid-sentence


def _wrap_width(lines: list[str]) -> int | None:
    """The width a text was hard-wrapped at, or None when it was not."""
    if len(lines) < _WRAP_LINES:
        return None
    counts = Counter(len(line) for line in lines)
    width = max((length for length in counts if length >= _WRAP_MIN), key=lambda n: counts[n - 1] + counts[n] + counts[n + 1], default=None)
    if width is None:
        return None
    at_width = [line for line in lines if abs(len(line) - width) <= 1]
    mid_sentence = sum(1 for line in at_width if not _ENDS_SENTENCE.search(line))
    if len(at_width) < _WRAP_SHARE * len(lines) or mid_sentence < _WRAP_MID_SENTENCE * len(at_width):
        return None
    return width



def _split_lines(text: str) -> list[tuple[int, str]]:
    lines = []
    position = 0
    for raw in text.splitlines(keepends=True):
        body = raw.rstrip("\r\n\u2028\u2029\x0b\x0c\x1c\x1d\x1e\x85")
        lines.append((position, body))
        position += len(raw)
    return lines


def _keep_mask(lines: list[str]) -> list[bool]:
    stripped = [line.strip() for line in lines]
    keep = [bool(s) and not _is_debris(s) for s in stripped]
    _drop_publication_table(stripped, keep)
    footer = next(
        (i for i, s in enumerate(stripped) if i >= len(stripped) // 2 and _FOOTER.search(s) and _furniture(s)),
        None,
    )
    if footer is not None:
        for i in range(footer, len(lines)):
            keep[i] = False
        # Navigation just above a footer: short lines without punctuation (官方微信 ...).
        i = footer - 1
        while i >= 0 and (not stripped[i] or (len(stripped[i]) <= _FOOTER_NAV_LEN and not re.search(r"[。，,；;:：]", stripped[i]))):
            keep[i] = False
            i -= 1
    return keep


def _drop_publication_table(stripped: list[str], keep: list[bool]) -> None:
    value_next = False
    for i, line in enumerate(stripped):
        if "。" in line:
            return
        table = len(_LABEL_ANYWHERE.findall(line)) >= 2
        if not line or not (_furniture(line) or table) or _holds_the_title(line):
            value_next = False
            continue
        if len(line) == 1 or (value_next and len(line) <= _VALUE_MAX and not _TITLE_WORDS.search(line)):
            # the value under a label on a line of its own; a font-size widget (大 / 中 / 小)
            keep[i] = False  # the value under a label on a line of its own
            value_next = False
            continue
        if _TABLE_ROW.search(line) or _LABEL_ALONE.match(line):
            keep[i] = False
            value_next = bool(_LABEL_ALONE.match(line))


def _holds_the_title(line: str) -> bool:
    if "报告" not in line:
        return False
    labels = list(_LABEL_ANYWHERE.finditer(line))
    return not labels or (len(labels) == 1 and len(line) - labels[0].end() > _TITLE_VALUE)


def _furniture(line: str) -> bool:
    """Page furniture is short and is not prose: a sentence that mentions 承办单位 or
    微信公众号 is part of the report."""
    return len(line) <= _MAX_DEBRIS_LEN and not _PROSE.search(line)


def _is_debris(line: str) -> bool:
    if not _furniture(line):
        return False
    if _DEBRIS.search(line) or _META_LINE.search(line) or _BREADCRUMB.search(line) or _TRAIL.search(line):
        return True
    if _SYMBOLS_ONLY.match(line):
        return True
    return bool(_DATE_ONLY.match(line)) and sum(ch.isdigit() for ch in line) >= 6
