"""A report cut into comparable sentences: where each stands, its part, and a masked key.

The key is what two reports are compared on: the normalised sentence with years, numbers
and agency names masked and punctuation dropped, so that "2022年我局办理复议案件12件" and
"2023年市司法局办理复议案件15件" have the same key.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from scorer.text.document import Document

# Years (2023年, 二〇二三年, 2023), then any other number, Arabic or Chinese, with its unit kept.
_YEAR = regex.compile(r"(?:19|20)\d{2}(?:\s*年)?|[〇零一二三四五六七八九]{4}年")
_NUMBER = regex.compile(r"\d+(?:[.,]\d+)*|[零一二两三四五六七八九十百千万亿]+(?=[件次个项名人家期场篇元份条批起户余多])")
_NOT_WORD = regex.compile(r"[^\p{Han}\p{L}\p{N}#]+")
MIN_KEY = 8  # shorter sentences (a heading, 一是……) say too little to call copied


@dataclass(frozen=True)
class Sentence:
    start: int  # offsets in the original text, as evidence offsets everywhere
    end: int
    text: str  # the normalised sentence, for matching words
    key: str  # masked, for comparing with other reports
    role: str


def mask(text: str, names: tuple[str, ...] = ()) -> str:
    for name in sorted({n for n in names if n}, key=len, reverse=True):
        text = text.replace(name, "〇")
    text = _YEAR.sub("#", text)
    text = _NUMBER.sub("#", text)
    return _NOT_WORD.sub("", text)


def sentences(doc: Document, names: tuple[str, ...] = ()) -> list[Sentence]:
    """Every sentence long enough to compare, in text order."""
    starts = doc.structure.sentence_starts
    text = doc.text
    out: list[Sentence] = []
    for i, left in enumerate(starts):
        right = starts[i + 1] if i + 1 < len(starts) else len(text)
        piece = text[left:right].strip()
        if not piece:
            continue
        if _names_its_part(doc, lead := left + (len(text[left:right]) - len(text[left:right].lstrip()))):
            continue
        key = mask(piece, names)
        if len(key) < MIN_KEY:
            continue
        start, end = doc.original_span(lead, lead + len(piece))
        out.append(Sentence(start, end, piece, key, doc.role_at(lead)))
    return out


def _names_its_part(doc: Document, position: int) -> bool:
    """The heading that names a part's role (二、存在的问题和下一步打算) is not an item of it."""
    section = doc.structure.section_at(position)
    return section is not None and section.heading_start <= position < section.heading_end and bool(section.own_roles)
