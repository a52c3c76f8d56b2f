"""`terms`: a phrase found where the element may draw evidence.

`with` demands a second phrase in the same clause or sentence (规范性文件 with 清理);
`unless` drops a hit whose clause or sentence holds an excluding phrase (庭审旁听 is
learning, not litigation work). With `headings: false` a heading's own words do not
count (a heading 存在的不足和原因 names causes without analysing any). `followed_by`
demands a phrase after the hit, in the rest of its sentence (who acts, then the act).
"""

from __future__ import annotations

from scorer.text.document import Document
from scorer.match.base import ElementContext, Finding, Hit
from scorer.text.patterns import CompiledPatterns, compile_patterns
from scorer.rubric.model import TermsRule


class TermsMatcher:
    def __init__(self, rule: TermsRule) -> None:
        self.find = CompiledPatterns(rule)
        self.with_ = compile_patterns(rule.with_)
        self.followed_by = compile_patterns(rule.followed_by)
        self.unless = compile_patterns(rule.unless)
        self.within = rule.within
        self.headings = rule.headings
        self.roles = frozenset(rule.roles) if rule.roles is not None else None
        self.except_roles = frozenset(rule.except_roles) if rule.except_roles is not None else None
        self.note = rule.note

    def run(self, doc: Document, ctx: ElementContext) -> Finding:
        hits: list[Hit] = []
        near: list[str] = []
        for start, end in hits_of(self.find, doc):
            if not self.headings and doc.in_heading(start):
                continue
            left, right = doc.clause(start, end) if self.within == "clause" else doc.sentence(start)
            if self.unless is not None and (excluded := self.unless.search(doc.text, left, right)):
                near.append(f"“{doc.text[start:end]}”所在{_unit(self.within)}含“{doc.text[excluded[0]:excluded[1]]}”，不计")
                continue
            if self.with_ is not None and self.with_.search(doc.text, left, right) is None:
                continue
            if self.followed_by is not None and self.followed_by.search(doc.text, end, doc.sentence(start)[1]) is None:
                continue
            hit = ctx.grade_in(doc, start, end, self._scope(doc, ctx, start))
            if hit is not None:
                hits.append(hit)
        return Finding.from_hits(hits, note=self.note, near_misses=near)

    def _scope(self, doc: Document, ctx: ElementContext, start: int) -> frozenset[str]:
        if self.roles is not None:
            return self.roles
        if self.except_roles is not None:
            role = doc.role_at(start)
            return frozenset() if role in self.except_roles else frozenset((role,))
        return ctx.scope

    def describe(self, ctx: ElementContext) -> str:
        text = self.find.sample()
        if self.with_ is not None:
            text += f"（同一{_unit(self.within)}须有{self.with_.sample(4)}）"
        if self.followed_by is not None:
            text += f"（其后须有{self.followed_by.sample(4)}）"
        return text


def hits_of(patterns: CompiledPatterns, doc: Document):
    """Every hit of a pattern list, dropping literal terms that split a word."""
    for start, end in patterns.finditer(doc.text):
        if patterns.whole_words and doc.text[start:end] in patterns.literals and not doc.whole_word(start, end):
            continue
        yield start, end


def _unit(within: str) -> str:
    return "分句" if within == "clause" else "句子"


KIND = "terms"
MATCHER = TermsMatcher
