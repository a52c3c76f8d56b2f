"""`figures`: distinct concrete figures (counts, percentages, amounts) about the work.

Years, dates, document numbers (〔2020〕25号) and ordinals are not figures about the
work: only a number followed by a unit from the rubric counts.
"""

from __future__ import annotations

import re

from scorer.text.document import Document
from scorer.match.base import ElementContext, Finding, Hit, Strength
from scorer.rubric.model import FiguresRule

_NUMBER = r"(?<![\d.〔\[第])\d+(?:\.\d+)?\s*"  # 第3次 is an ordinal, not a figure


class FiguresMatcher:
    def __init__(self, rule: FiguresRule) -> None:
        units = sorted(rule.units, key=len, reverse=True)
        self.pattern = re.compile(_NUMBER + "(?:" + "|".join(re.escape(unit) for unit in units) + ")")
        self.met_at = rule.met_at
        self.partial_at = rule.partial_at
        self.note = rule.note

    def run(self, doc: Document, ctx: ElementContext) -> Finding:
        seen: dict[str, Hit] = {}
        for match in self.pattern.finditer(doc.text):
            key = re.sub(r"\s+", "", match.group())
            if key in seen:
                continue
            hit = ctx.grade(doc, match.start(), match.end())
            if hit is not None and hit.strength == Strength.MET:
                seen[key] = hit
        count = len(seen)
        if count >= self.met_at:
            level = Strength.MET
        elif count >= self.partial_at:
            level = Strength.PARTIAL
        else:
            level = Strength.NONE
        hits = _one_per_sentence(doc, list(seen.values()))
        if level == Strength.PARTIAL:
            hits = [Hit(h.start, h.end, Strength.PARTIAL, f"只有 {count} 个具体数字（满足需 {self.met_at} 个）") for h in hits]
        note = self.note or (f"找到 {count} 个不同的具体数字" if count else None)
        return Finding(level=level, hits=hits, note=note)

    def describe(self, ctx: ElementContext) -> str:
        return f"至少 {self.met_at} 个带单位的具体数字（件、次、%、万元等）"


def _one_per_sentence(doc: Document, hits: list[Hit]) -> list[Hit]:
    """Prefer sentences dense with figures: they make the best evidence."""
    by_sentence: dict[tuple[int, int], list[Hit]] = {}
    for hit in hits:
        by_sentence.setdefault(doc.sentence(hit.start), []).append(hit)
    ranked = sorted(by_sentence.values(), key=lambda group: -len(group))
    return [group[0] for group in ranked]


KIND = "figures"
MATCHER = FiguresMatcher
