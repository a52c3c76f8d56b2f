"""`metadata`: the title or opening names the reporting agency (with its place) and year."""

from __future__ import annotations

from scorer.text.document import Document
from scorer.match.base import ElementContext, Finding, Hit, Strength
from scorer.rubric.model import MetadataRule

_LABELS = {"agency": "报告单位（含地名）", "year": "报告年度"}


class MetadataMatcher:
    def __init__(self, rule: MetadataRule) -> None:
        self.require = rule.require
        self.needs_place = rule.agency_needs_place
        self.note = rule.note

    def run(self, doc: Document, ctx: ElementContext) -> Finding:
        meta = doc.metadata
        found, missing, hits = [], [], []
        for field in self.require:
            item = meta.agency if field == "agency" else meta.year
            complete = item is not None and (field != "agency" or meta.agency_has_place or not self.needs_place)
            if item is not None:
                hits.append(Hit(item.start, item.end, Strength.MET if complete else Strength.PARTIAL,
                                None if complete else f"只写了“{item.value}”，没有写明地名"))
            (found if complete else missing).append(field)
        if not missing:
            level = Strength.MET
        elif hits:
            level = Strength.PARTIAL
        else:
            level = Strength.NONE
        hits = [Hit(h.start, h.end, min(h.strength, level), h.reason) for h in hits]
        return Finding(level=level, hits=hits, missing_checks=[_LABELS[f] for f in missing], note=self.note)

    def describe(self, ctx: ElementContext) -> str:
        return "标题或开头写明的" + "与".join(_LABELS[f] for f in self.require)


KIND = "metadata"
MATCHER = MetadataMatcher
