"""What a comparison finds, and its JSON form (`compare --format json`)."""

from __future__ import annotations

from dataclasses import dataclass

from scorer.compare.copied import CopiedText
from scorer.compare.followup import FOLLOWED, NOT_MENTIONED, STILL_A_PROBLEM, TOO_GENERAL, FollowUp
from scorer.compare.sentences import Sentence
from scorer.text.document import Document
from scorer.engine.results import ReportResult

CHANGE_TEXT = {"gained": "提升", "lost": "下降", "unchanged": "不变", "new": "新增要素", "na": "无法比较"}
FOLLOW_TEXT = {FOLLOWED: "已有跟进", NOT_MENTIONED: "未提及", STILL_A_PROBLEM: "仍列为问题", TOO_GENERAL: "过于笼统，未判断"}
HIGH, SOME = 0.5, 0.2  # copied shares a reviewer should read as wholesale, and as partial, copying


@dataclass
class Side:
    file: str
    result: ReportResult
    text: str  # the original text; every offset points into it
    doc: Document

    @property
    def agency(self) -> str:
        return self.result.metadata.agency or ""


@dataclass(frozen=True)
class ElementChange:
    id: str
    title: str
    old: str | None
    new: str
    change: str


@dataclass
class Comparison:
    old: Side
    new: Side
    elements: list[ElementChange]
    copied: CopiedText
    promises: list[FollowUp]
    problems: list[FollowUp]
    background_reports: int

    @property
    def other_agency(self) -> bool:
        a, b = self.old.agency, self.new.agency
        return bool(a and b and a != b)

    @property
    def drafts(self) -> bool:
        """Two versions of one agency's report for one year, not two years."""
        a, b = self.old.result.metadata.year, self.new.result.metadata.year
        return a is not None and a == b and not self.other_agency

    @property
    def kind(self) -> str:
        return "drafts" if self.drafts else "agencies" if self.other_agency and not self._years_apart else "years"

    @property
    def _years_apart(self) -> bool:
        a, b = self.old.result.metadata.year, self.new.result.metadata.year
        return a is not None and b is not None and a != b

    @property
    def old_label(self) -> str:
        return {"drafts": "上一稿", "agencies": "对照报告", "years": "上一年度报告"}[self.kind]

    @property
    def new_label(self) -> str:
        return "本稿" if self.drafts else "本报告"

    @property
    def score_change(self) -> float:
        return round(self.new.result.score - self.old.result.score, 1)

    @property
    def verdict(self) -> str:
        share = self.copied.share
        head = f"{share * 100:.0f}% 的句子与{self.old_label}相同或仅改动年份和数字"
        if self.kind != "years":
            return head
        if share >= HIGH:
            return f"{head}，照搬照抄嫌疑大"
        if share >= SOME:
            return f"{head}，部分内容沿用上一年度"
        return f"{head}，未见明显照搬"

    def unfollowed(self) -> list[FollowUp]:
        return [p for p in self.promises if p.status in (NOT_MENTIONED, STILL_A_PROBLEM)]


def _sentence(s: Sentence | None, text: str) -> dict | None:
    if s is None:
        return None
    return {"quote": text[s.start : s.end], "start": s.start, "end": s.end}


def _side(side: Side) -> dict:
    meta = side.result.metadata
    return {
        "file": side.file,
        "agency": meta.agency,
        "year": meta.year,
        "score": side.result.score,
        "grade": side.result.grade,
        "rubric": side.result.rubric.id,
    }


def _follow(items: list[FollowUp], old: Side, new: Side) -> list[dict]:
    return [
        {
            "item": _sentence(f.item, old.text),
            "status": f.status,
            "status_text": FOLLOW_TEXT[f.status],
            "terms": f.terms,
            "found": f.found,
            "evidence": _sentence(f.evidence, new.text),
        }
        for f in items
    ]


def comparison_dict(c: Comparison) -> dict:
    return {
        "old": _side(c.old),
        "new": _side(c.new),
        "kind": c.kind,
        "score_change": c.score_change,
        "copied_share": round(c.copied.share, 4),
        "verdict": c.verdict,
        "sentences_compared": c.copied.compared,
        "boilerplate_sentences": c.copied.boilerplate,
        "background_reports": c.background_reports,
        "elements": [
            {"id": e.id, "title": e.title, "old": e.old, "new": e.new, "change": e.change} for e in c.elements
        ],
        "copied": [
            {
                "new": _sentence(p.new, c.new.text),
                "old": _sentence(p.old, c.old.text),
                "similarity": p.similarity,
                "weight": round(p.weight, 3),
            }
            for p in c.copied.pairs
        ],
        "promises": _follow(c.promises, c.old, c.new),
        "problems": _follow(c.problems, c.old, c.new),
    }
