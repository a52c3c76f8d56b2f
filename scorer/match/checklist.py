"""`checklist`: named sub-checks, e.g. the three enforcement systems or the five
statutory procedures of a major decision. Met when `met_at` of them (default: all) are
found in full; naming the whole set (`named`, e.g. 三项制度) counts as all of them.
With `context`, a sub-check counts only in a sentence that also matches the context
(a procedure counts only where the sentence is about a decision).
"""

from __future__ import annotations

from scorer.text.document import Document
from scorer.match.base import ElementContext, Finding, Hit, Strength
from scorer.match.terms import hits_of
from scorer.text.patterns import CompiledPatterns, compile_patterns
from scorer.rubric.model import ChecklistRule


class ChecklistMatcher:
    def __init__(self, rule: ChecklistRule) -> None:
        self.checks = [(check.title, CompiledPatterns(check)) for check in rule.checks]
        self.met_at = rule.met_at or len(rule.checks)
        self.named = compile_patterns(rule.named)
        self.context = compile_patterns(rule.context)
        self.note = rule.note

    def run(self, doc: Document, ctx: ElementContext) -> Finding:
        if self.named is not None:
            named_hits = self._graded(self.named, doc, ctx, set())
            if any(hit.strength == Strength.MET for hit in named_hits):
                return Finding.from_hits(named_hits)
        else:
            named_hits = []
        found: list[Hit] = []
        near: set[int] = set()  # hits whose own clause names the context
        met_checks = 0
        partial_checks: list[str] = []
        missing: list[str] = []
        for title, patterns in self.checks:
            hits = self._graded(patterns, doc, ctx, near)
            best = max((hit.strength for hit in hits), default=Strength.NONE)
            if best == Strength.MET:
                met_checks += 1
            else:
                missing.append(title)
                if best == Strength.PARTIAL:
                    partial_checks.append(title)
            found.extend(sorted(hits, key=lambda hit: (-hit.strength, hit.start not in near))[:1])
        found.extend(named_hits[:1])
        # Quote first the steps whose own clause names the context (领导集体决策), not a
        # step that only shares a long sentence with it.
        found.sort(key=lambda hit: hit.start not in near)
        if met_checks >= self.met_at:
            level = Strength.MET
        elif met_checks or partial_checks or named_hits:
            level = Strength.PARTIAL
        else:
            level = Strength.NONE
        if level == Strength.PARTIAL:
            found = [_capped(hit) for hit in found]
        note = self.note
        if level == Strength.PARTIAL and not note and met_checks:
            note = f"只找到 {met_checks}/{len(self.checks)} 项（满足需 {self.met_at} 项）"
        return Finding(level=level, hits=found, missing_checks=missing if level != Strength.MET else [], note=note)

    def _graded(self, patterns: CompiledPatterns, doc: Document, ctx: ElementContext, near: set[int]) -> list[Hit]:
        hits = []
        for start, end in hits_of(patterns, doc):
            if self.context is not None:
                left, right = doc.sentence(start)
                if self.context.search(doc.text, left, right) is None:
                    continue
                c_left, c_right = doc.clause(start, end)
                if self.context.search(doc.text, c_left, c_right) is not None:
                    near.add(start)
            hit = ctx.grade(doc, start, end)
            if hit is not None:
                hits.append(hit)
        return hits

    def describe(self, ctx: ElementContext) -> str:
        titles = "、".join(title for title, _ in self.checks)
        return f"{titles}（至少 {self.met_at} 项）"


def _capped(hit: Hit) -> Hit:
    if hit.strength == Strength.MET:
        return Hit(hit.start, hit.end, Strength.PARTIAL, hit.reason, hit.span)
    return hit


KIND = "checklist"
MATCHER = ChecklistMatcher
