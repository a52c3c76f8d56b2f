"""A report cut into comparable sentences: where each stands, its part, and a masked key.

The key is what two reports are compared on: the normalised sentence with years, numbers
and agency names masked and punctuation dropped, so that "2022年我局办理复议案件12件" and
"2023年市司法局办理复议案件15件" have the same key.
"""

from __future__ import annotations

from dataclasses import dataclass

from scorer.text.document import Document
from scorer.text.masked import MIN_KEY, mask


@dataclass(frozen=True)
class Sentence:
    start: int  # offsets in the original text, as evidence offsets everywhere
    end: int
    text: str  # the normalised sentence, for matching words
    key: str  # masked, for comparing with other reports
    role: str


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
