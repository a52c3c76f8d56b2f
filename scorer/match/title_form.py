"""`title_form`: the title is that of the report the 督察工作规定 asks for.

It names the agency, the year, and what is reported (法治政府建设……报告); a
行政执法工作报告 or a 工作总结 is another document.
"""

from __future__ import annotations

from scorer.text.document import Document
from scorer.match.base import ElementContext, Finding, Hit, Strength
from scorer.text.patterns import CompiledPatterns

_LABELS = {"agency": "标题中的报告单位", "year": "标题中的年度"}


class TitleFormMatcher:
    def __init__(self, rule) -> None:
        self.require = rule.require
        self.names = CompiledPatterns(rule.names)
        self.names_label = rule.names_label
        self.note = rule.note

    def run(self, doc: Document, ctx: ElementContext) -> Finding:
        meta = doc.metadata
        title = meta.title
        if title is None:
            return Finding(level=Strength.NONE, missing_checks=["标题"], note=self.note, reason="报告开头没有单独成行的标题")
        missing = []
        for field in self.require:
            item = meta.agency if field == "agency" else meta.year
            if item is None or not (title.start <= item.start and item.end <= title.end):
                missing.append(_LABELS[field])
        if self.names.search(doc.text, title.start, title.end) is None:
            missing.append(self.names_label)
        level = Strength.MET if not missing else Strength.PARTIAL
        reason = None if not missing else "标题未写明" + "、".join(missing)
        hit = Hit(title.start, title.end, level, reason, span=(title.start, title.end))  # the title is the quote
        return Finding(level=level, hits=[hit], missing_checks=missing, note=self.note)

    def describe(self, ctx: ElementContext) -> str:
        return "标题（须写明单位、年度和“" + self.names_label + "”）"


KIND = "title_form"
MATCHER = TitleFormMatcher
