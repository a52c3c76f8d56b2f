"""Compare OLD and NEW: scores side by side, copied text, plans and problems followed up."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from scorer.api import Scorer
from scorer.compare.background import background_keys, fingerprint, structure
from scorer.compare.copied import copied_text, rarity_weights
from scorer.compare.followup import follow_up
from scorer.compare.model import Comparison, ElementChange, Side
from scorer.compare.sentences import sentences
from scorer.read import RawDocument, read_document

PLAN, PROBLEMS = "plan", "problems"
WORK_ROLES = frozenset({"measures", "first_responsible_person", "other", "preamble"})
_RANK = {"missing": 0, "partial": 1, "met": 2}


@dataclass
class Loaded:
    raw: RawDocument
    side: Side


def load(path: str | Path, scorer: Scorer) -> Loaded:
    raw = read_document(path, max_bytes=scorer.max_bytes)
    return loaded(raw, scorer)


def loaded(raw: RawDocument, scorer: Scorer) -> Loaded:
    scored = scorer.score_raw(raw)
    doc = structure(raw)
    return Loaded(raw, Side(raw.path, scored.result, raw.text, doc))


def compare_reports(old: Loaded, new: Loaded, background: list[list[str]] | None = None) -> Comparison:
    """`background`: other reports' sentence keys; by default the shipped sample reports."""
    names = tuple(n for n in (old.side.agency, new.side.agency) if n)
    old_sentences = sentences(old.side.doc, names)
    new_sentences = sentences(new.side.doc, names)
    if background is None:
        background = background_keys({fingerprint(old.raw.text), fingerprint(new.raw.text)}, names)
    weights = rarity_weights([s.key for s in new_sentences], background)
    copied = copied_text(new_sentences, old_sentences, weights)
    promises = follow_up([s for s in old_sentences if s.role == PLAN], new_sentences, WORK_ROLES, PROBLEMS)
    problems = follow_up([s for s in old_sentences if s.role == PROBLEMS], new_sentences, WORK_ROLES, PROBLEMS)
    return Comparison(
        old=old.side,
        new=new.side,
        elements=_element_changes(old.side, new.side),
        copied=copied,
        promises=promises,
        problems=problems,
        background_reports=len(background),
    )


def _element_changes(old: Side, new: Side) -> list[ElementChange]:
    before = {e.id: e for e in old.result.elements}
    out = []
    for element in new.result.elements:
        was = before.get(element.id)
        old_status = was.status if was else None
        if old_status is None:
            change = "new"
        elif "na" in (old_status, element.status):
            change = "unchanged" if old_status == element.status else "na"
        else:
            delta = _RANK[element.status] - _RANK[old_status]
            change = "gained" if delta > 0 else "lost" if delta < 0 else "unchanged"
        out.append(ElementChange(element.id, element.title, old_status, element.status, change))
    return out
