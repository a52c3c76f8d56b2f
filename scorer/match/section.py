"""`section`: the report has a part with this role, with content under its heading."""

from __future__ import annotations

from scorer.text.document import Document
from scorer.match.base import ElementContext, Finding, Hit, Strength
from scorer.rubric.model import SectionRule


class SectionMatcher:
    def __init__(self, rule: SectionRule) -> None:
        self.role = rule.role
        self.min_chars = rule.min_chars
        self.note = rule.note

    def run(self, doc: Document, ctx: ElementContext) -> Finding:
        hits: list[Hit] = []
        for start, end in doc.structure.role_runs(self.role):
            content = _content_chars(doc, start, end, self.role)
            quote_end = doc.quote_span(start, start + 1)[1]
            if content >= self.min_chars:
                hits.append(Hit(start, quote_end, Strength.MET))
            else:
                hits.append(Hit(start, quote_end, Strength.PARTIAL, "有这一部分的标题，但内容缺失或过短"))
        hits.sort(key=lambda hit: -hit.strength)
        return Finding.from_hits(hits[:3], note=self.note)

    def describe(self, ctx: ElementContext) -> str:
        return f"报告中的“{ctx.role_titles.get(self.role, self.role)}”部分及其内容"


def _content_chars(doc: Document, start: int, end: int, role: str) -> int:
    """Characters of text in the part after the heading that opens it.

    Sub-headings count: in a plan, 一、加强培训 二、完善制度 are the arrangements. A part
    whose heading names only this role owns all its sub-parts, even those with roles of
    their own (主要举措和成效 holding (一)落实第一责任人职责).
    """
    section = doc.structure.section_at(start)
    if section is not None and section.heading_start == start:
        if section.own_roles == [role]:
            return _prose(doc.text[section.heading_end : section.end])
        start = section.heading_end
    return _prose(doc.text[start:end])


def _prose(text: str) -> int:
    return len("".join(text.split()))


KIND = "section"
MATCHER = SectionMatcher
