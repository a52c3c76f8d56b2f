"""Where in the report each comment belongs, as spans of the original text.

A missing element has no evidence to sit on: its comment goes on the heading of the
part where the element should have been written (the measures part for a content
element, the problems part for the causes of shortcomings, the plan part for next
year's arrangements), and on the title when the report has no such part. The summary
goes on the title, or the first paragraph when there is none.
"""

from __future__ import annotations

from dataclasses import dataclass

from scorer.api import ReportResult, ScorerError
from scorer.engine.compiled import CompiledRubric, get_compiled
from scorer.text.document import Document
from scorer.read import RawDocument
from scorer.rubric.model import Element
from scorer.rubric.model import PREAMBLE

Span = tuple[int, int]
FALLBACK_RUBRIC = "national"


@dataclass(frozen=True)
class Place:
    span: Span
    role_title: str | None  # the part the comment sits on, None for the title
    wanted_title: str | None  # the part that was wanted but is not in the report


@dataclass
class Layout:
    """The report's first line, its parts, and the rubric that decided its elements."""

    document: Document
    compiled: CompiledRubric
    text: str

    @classmethod
    def of(cls, text: str, result: ReportResult, rubric: str | None = None, hints: dict[str, str] | None = None) -> Layout:
        compiled = _compiled(rubric, result)
        raw = RawDocument(path=result.file, text=text, encoding="utf-8", hints=hints or {})
        return cls(compiled.document(raw), compiled, text)

    def first_line(self) -> Span:
        """The title, or failing that the first line with words on it."""
        at = 0
        for line in self.text.split("\n"):
            if line.strip():
                left = at + len(line) - len(line.lstrip())
                return left, at + len(line.rstrip())
            at += len(line) + 1
        return 0, 0

    def element(self, element_id: str) -> Element | None:
        return next((c.element for c in self.compiled.elements if c.element.id == element_id), None)

    def home(self, element_id: str) -> Place:
        """The heading of the part where a missing element belongs."""
        element = self.element(element_id)
        role = _home_role(element, self.compiled) if element is not None else None
        if role is None:
            return Place(self.first_line(), None, None)
        span = self._part_start(role)
        title = self.compiled.role_titles.get(role, role)
        if span is None:
            return Place(self.first_line(), None, title)
        return Place(span, title, None)

    def _part_start(self, role: str) -> Span | None:
        """The heading of the highest part with this role, or the line where the role begins
        inside a joined heading (存在问题和下一步工作目标: the plan starts at 下一步，...)."""
        structure = self.document.structure
        candidates = [s for s in structure.sections if structure.role_at(s.heading_start) == role]
        if candidates:
            # A heading that names the part (主要举措和成效) before one that only inherits it.
            best = min(candidates, key=lambda s: (role not in s.own_roles, s.level, s.heading_start))
            return _trim(self.text, *self.document.original_span(best.heading_start, best.heading_end))
        for start, name in zip(structure.role_starts, structure.roles):
            if name == role and start < len(self.document.text):
                left = self.document.original_span(start, start + 1)[0]
                right = self.text.find("\n", left)
                return _trim(self.text, left, len(self.text) if right < 0 else right)
        return None


def _trim(text: str, left: int, right: int) -> Span:
    while left < right and text[left].isspace():
        left += 1
    while right > left and text[right - 1].isspace():
        right -= 1
    return left, right


def _compiled(rubric: str | None, result: ReportResult) -> CompiledRubric:
    for spec in (rubric, result.rubric.id, FALLBACK_RUBRIC):
        if not spec or spec == "auto":
            continue
        try:
            return get_compiled(spec)
        except ScorerError:
            continue
    return get_compiled(FALLBACK_RUBRIC)


def _home_role(element: Element, compiled: CompiledRubric) -> str | None:
    rules = list(element.met) + list(element.partial)
    for rule in rules:
        if rule.kind == "section":
            return rule.role
    if any(rule.kind == "metadata" for rule in rules):
        return None  # the agency and the year belong in the title
    scope = element.scope if element.scope is not None else compiled.rubric.defaults.scope
    return next((role for role in scope if role != PREAMBLE), None)
