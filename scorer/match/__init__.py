"""Matcher kinds, one module each. A rubric rule names its kind; this maps it to code."""

from __future__ import annotations

from scorer.match.base import ElementContext, Finding, Hit, Matcher, Strength
from scorer.match.checklist import ChecklistMatcher
from scorer.match.figures import FiguresMatcher
from scorer.match.metadata import MetadataMatcher
from scorer.match.published import PublishedMatcher
from scorer.match.title_form import TitleFormMatcher
from scorer.match.years import YearsMatcher
from scorer.match.section import SectionMatcher
from scorer.match.terms import TermsMatcher

KINDS: dict[str, type] = {
    "terms": TermsMatcher,
    "checklist": ChecklistMatcher,
    "section": SectionMatcher,
    "figures": FiguresMatcher,
    "metadata": MetadataMatcher,
    "years": YearsMatcher,
    "title_form": TitleFormMatcher,
    "published": PublishedMatcher,
}


def build_matcher(rule) -> Matcher:
    return KINDS[rule.kind](rule)


__all__ = ["ElementContext", "Finding", "Hit", "Matcher", "Strength", "build_matcher", "KINDS"]
