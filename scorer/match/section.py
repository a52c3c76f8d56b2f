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
        ranked: list[tuple[Hit, bool, int]] = []
        for start, end in doc.structure.role_runs(self.role):
            content = _content_chars(doc, start, end, self.role)
            start = _proving_heading(doc, start, end, self.role)
            quote_end = doc.quote_span(start, start + 1)[1]
            if content >= self.min_chars:
                hit = Hit(start, quote_end, Strength.MET)
            else:
                hit = Hit(start, quote_end, Strength.PARTIAL, "有这一部分的标题，但内容缺失或过短")
            ranked.append((hit, _names_role(doc, start, self.role), content))
        # The best proof first: a part whose heading names the role (主要举措和成效), then
        # the fullest; a part that has the role only by default (一、充分认识…重要性) last.
        ranked.sort(key=lambda item: (-item[0].strength, not item[1], -item[2]))
        return Finding.from_hits([hit for hit, _, _ in ranked[:3]], note=self.note)

    def describe(self, ctx: ElementContext) -> str:
        return f"报告中的“{ctx.role_titles.get(self.role, self.role)}”部分及其内容"


def _proving_heading(doc: Document, start: int, end: int, role: str) -> int:
    """Where to quote a run of parts from: the first heading in it that names the role;
    failing that, the outermost part with the most content, not merely the first part
    (一、充分认识…重要性和紧迫性 is in the run by default but proves nothing)."""
    inside = [s for s in doc.sections if start <= s.heading_start < end]
    if not inside or role in inside[0].own_roles:
        return start
    named = [s for s in inside if role in s.own_roles]
    if named:
        return named[0].heading_start
    outermost = [s for s in inside if s.parent is None or doc.sections[s.parent].heading_start < start]
    return max(outermost, key=lambda s: s.end - s.heading_end).heading_start


def _names_role(doc: Document, start: int, role: str) -> bool:
    section = doc.structure.section_at(start)
    return section is not None and section.heading_start == start and role in section.own_roles


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
