"""What every matcher kind shares: graded hits and the context that grades them.

A hit counts fully (MET) where the element may draw evidence (its `scope` roles), at
most PARTIAL where it is capped (a mention only in the plan or among the problems, a
negated clause, a clause of intent or of a task merely assigned, a heading with nothing
under it), and not at all elsewhere.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum
from typing import Protocol

from scorer.text.document import Document
from scorer.text.patterns import CompiledPatterns


class Strength(IntEnum):
    NONE = 0
    PARTIAL = 1
    MET = 2


@dataclass
class Hit:
    start: int
    end: int
    strength: Strength
    reason: str | None = None  # why a hit counts only partly, in Chinese
    span: tuple[int, int] | None = None  # the passage to quote, if not the hit's sentence


@dataclass
class Finding:
    level: Strength
    hits: list[Hit] = field(default_factory=list)
    missing_checks: list[str] = field(default_factory=list)
    note: str | None = None
    near_misses: list[str] = field(default_factory=list)
    applicable: bool = True  # False: the check cannot be made on this report (its `note` says why)
    reason: str | None = None  # not met for a known reason (published late), told instead of what was searched

    @classmethod
    def from_hits(cls, hits: list[Hit], note: str | None = None, near_misses: list[str] | None = None) -> "Finding":
        level = max((hit.strength for hit in hits), default=Strength.NONE)
        return cls(level=level, hits=hits, note=note, near_misses=near_misses or [])


@dataclass
class ElementContext:
    """Where one element may find evidence, and how it grades a hit."""

    scope: frozenset[str]
    capped_in: frozenset[str]
    negation_caps: bool
    negation: CompiledPatterns
    role_titles: dict[str, str]
    # Intent (拟、计划于、今后将、做好…工作) is graded like negation: what is planned or
    # assigned inside the year's measures is not work done. Same element switch.
    intent: CompiledPatterns | None = None
    # The order parts are named in when an explanation lists them: the preamble first, then
    # the rubric's `roles:` in the order its YAML lists them (data, not a list kept in code).
    role_order: tuple[str, ...] = ()

    def grade(self, doc: Document, start: int, end: int) -> Hit | None:
        return self.grade_in(doc, start, end, self.scope)

    def grade_in(self, doc: Document, start: int, end: int, scope: frozenset[str]) -> Hit | None:
        role = doc.role_at(start)
        if role in scope:
            hit = Hit(start, end, Strength.MET)
        elif role in self.capped_in:
            return Hit(start, end, Strength.PARTIAL, f"仅见于“{self.role_titles.get(role, role)}”部分")
        else:
            return None
        if doc.in_empty_heading(start):
            return Hit(start, end, Strength.PARTIAL, "只有标题，标题下没有内容")
        if self.negation_caps and self.is_negated(doc, start, end):
            return Hit(start, end, Strength.PARTIAL, "所在分句是否定或待改进的表述")
        if self.negation_caps and self.is_intent(doc, start, end):
            return Hit(start, end, Strength.PARTIAL, "所在分句是打算或部署的任务，不是已做的工作")
        return hit

    def is_negated(self, doc: Document, start: int, end: int) -> bool:
        return self._clause_has(doc, start, end, self.negation)

    def is_intent(self, doc: Document, start: int, end: int) -> bool:
        return self.intent is not None and self._clause_has(doc, start, end, self.intent)

    @staticmethod
    def _clause_has(doc: Document, start: int, end: int, patterns: CompiledPatterns) -> bool:
        left, right = doc.clause(start, end)
        key = ("cue", id(patterns), left, right)  # many hits share a clause
        answer = doc.memo.get(key)
        if answer is None:
            answer = doc.memo[key] = patterns.search(doc.text, left, right) is not None
        return answer

    def scope_titles(self) -> str:
        return "、".join(f"“{self.role_titles.get(role, role)}”" for role in sorted(self.scope, key=self._role_rank))

    def _role_rank(self, role: str) -> tuple[int, str]:
        order = self.role_order
        return (order.index(role) if role in order else len(order), role)


class Matcher(Protocol):
    def run(self, doc: Document, ctx: ElementContext) -> Finding: ...

    def describe(self, ctx: ElementContext) -> str: ...
