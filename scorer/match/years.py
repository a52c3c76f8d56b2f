"""`years`: the report speaks of one year throughout.

The title's year is the year reported; the measures part must not open a sentence with
an earlier year as if it were the current one (a 2023 report whose measures begin
"2022年，我局…" was copied from last year), and next year's plan must name the year
after it. A year that is history (2022年以来, 2016—2020年, a full date, last year's
report or plan named as such) is no slip.
"""

from __future__ import annotations

import regex

from scorer.text.document import Document
from scorer.match.base import ElementContext, Finding, Hit, Strength

# A year opening a sentence, after any heading number: 2022年，… / （一）2022年度，…
_LEAD = regex.compile(
    r"\s*(?:[一二三四五六七八九十]{1,3}[、.]|\(\s*[一二三四五六七八九十\d]{1,3}\s*\)[、.]?|\d{1,2}[、.])?\s*"
    r"((?:19|20)\d{2})\s*年(?:度)?"
    r"(?!\s*(?:以来|来|前|后|底|初|末|中|[—\-~至到]|\d|[一二三四五六七八九十]{1,2}月|\d{1,2}\s*月))"
)
# What makes a year history rather than "now": a document or a period it names.
_HISTORY = regex.compile(r"报告|规划|纲要|五年|普法|回头看|整改|以来")
_CLAUSE_END = regex.compile(r"[,，:：;；。!?\n]")


class YearsMatcher:
    def __init__(self, rule) -> None:
        self.plan_role = rule.plan_role
        self.note = rule.note

    def run(self, doc: Document, ctx: ElementContext) -> Finding:
        year = doc.metadata.year
        if year is None:
            return Finding(level=Strength.NONE, missing_checks=["报告年度"], note=self.note)
        reported = int(year.value)
        slips = [hit for hit in self._slips(doc, ctx, reported)]
        if slips:
            return Finding(level=Strength.PARTIAL, hits=slips, note=self.note)
        return Finding(level=Strength.MET, hits=[Hit(year.start, year.end, Strength.MET)])

    def _slips(self, doc: Document, ctx: ElementContext, reported: int):
        text = doc.text
        starts = doc.structure.sentence_starts
        for i, start in enumerate(starts):
            end = starts[i + 1] if i + 1 < len(starts) else len(text)
            match = _LEAD.match(text, start, end)
            if match is None:
                continue
            said = int(match.group(1))
            role = doc.role_at(match.start(1))
            clause_end = _CLAUSE_END.search(text, match.end(), end)
            clause = text[match.end() : clause_end.start() if clause_end else end]
            if _HISTORY.search(clause) or _HISTORY.search(text[match.start(1) : match.end()]):
                continue
            if role == self.plan_role:
                if said <= reported:
                    yield Hit(match.start(1), match.end(), Strength.PARTIAL, f"下一年度安排写的是{said}年，应为{reported + 1}年")
            elif role in ctx.scope and said < reported:
                yield Hit(match.start(1), match.end(), Strength.PARTIAL, f"把{said}年当作本年度，报告年度为{reported}年")

    def describe(self, ctx: ElementContext) -> str:
        return "标题中的报告年度，以及正文和下一年度安排中的年份是否一致"


KIND = "years"
MATCHER = YearsMatcher
