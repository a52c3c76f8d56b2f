"""`published`: the report went public by the deadline (by default 31 March of the next year).

The date is the page's publication date (发布时间, a meta date) or the date under the
signature of a Word file. Where neither is known the check does not apply, and the
result says so rather than guessing.
"""

from __future__ import annotations

from datetime import date

from scorer.text.document import Document
from scorer.match.base import ElementContext, Finding, Hit, Strength


class PublishedMatcher:
    def __init__(self, rule) -> None:
        month, day = (int(part) for part in rule.deadline.split("-"))
        self.month, self.day = month, day
        self.note = rule.note

    def deadline(self, reported: int) -> date:
        return date(reported + 1, self.month, self.day)

    def run(self, doc: Document, ctx: ElementContext) -> Finding:
        meta = doc.metadata
        if meta.year is None or meta.date is None:
            why = "报告年度未识别" if meta.year is None else "未找到发布日期（网页的发布时间或落款日期）"
            return Finding(level=Strength.NONE, applicable=False, note=f"不适用：{why}，无法判断是否按时公开")
        published = date.fromisoformat(meta.date)
        due = self.deadline(int(meta.year.value))
        where = _date_span(doc, meta.date)
        if published <= due:
            hits = [Hit(*where, Strength.MET)] if where else []
            return Finding(level=Strength.MET, hits=hits, note=f"发布于{published.isoformat()}，未晚于{due.isoformat()}")
        late = (published - due).days
        return Finding(
            level=Strength.NONE,
            missing_checks=[f"按时公开（应不晚于{due.isoformat()}）"],
            reason=f"发布于{published.isoformat()}，晚于{due.isoformat()}（逾期{late}天）",
        )

    def describe(self, ctx: ElementContext) -> str:
        return f"发布日期（应不晚于报告年度次年{self.month}月{self.day}日）"


def _date_span(doc: Document, iso: str) -> tuple[int, int] | None:
    """Where the date stands in the text, if it does (a page's meta date does not)."""
    from scorer.text.opening import find_date_span

    return find_date_span(doc.text, iso)


KIND = "published"
MATCHER = PublishedMatcher
