"""Does the scorer quote the sentence the reviewer quoted? (a verdict right for the wrong
sentence is a defect a reviewer sees at once)

A gold file may carry, per report, a `why:` map from element to the labeller's shortest
verbatim snippet proving a met or partial label. For every such label where the scorer
also finds the element present, one of the scorer's quotes should overlap the snippet.
Snippets are verbatim in the ORIGINAL text (traditional characters, site debris and all),
so they are located there and compared with the evidence's original-text offsets.

Only elements proved by a phrase in the year's work are checked: a `terms` or
`checklist` rule among their `met` rules, looking where last year's measures stand. A
part of the report (measures, problems, plan: `section` only, or a scope of its own),
the title (`metadata`) or a count of figures (`figures`) can be proved by many
sentences, so those elements are left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from scorer.engine.compiled import CompiledRubric
from scorer.engine.results import ElementResult

_SPREAD_KINDS = {"metadata", "figures"}
_PHRASE_KINDS = {"terms", "checklist"}


@dataclass
class OverlapCase:
    file: str
    element: str
    snippet: str
    snippet_spans: list[tuple[int, int]]  # where the snippet stands in the original text
    evidence: list[str]
    evidence_spans: list[tuple[int, int]]

    @property
    def found(self) -> bool:
        return bool(self.snippet_spans)

    @property
    def overlaps(self) -> bool:
        return any(s < ee and es < e for s, e in self.snippet_spans for es, ee in self.evidence_spans)


@dataclass
class EvidenceOverlap:
    elements: list[str]
    cases: list[OverlapCase] = field(default_factory=list)

    @property
    def checked(self) -> list[OverlapCase]:
        return [case for case in self.cases if case.found]

    @property
    def overlapping(self) -> int:
        return sum(1 for case in self.checked if case.overlaps)

    @property
    def rate(self) -> float | None:
        return self.overlapping / len(self.checked) if self.checked else None

    @property
    def misses(self) -> list[OverlapCase]:
        return [case for case in self.checked if not case.overlaps]

    @property
    def not_found(self) -> list[OverlapCase]:
        return [case for case in self.cases if not case.found]


def one_sentence_elements(compiled: CompiledRubric) -> list[str]:
    """Elements proved by one phrase in the year's work (see the module's note)."""
    work = compiled.rubric.default_role
    out = []
    for item in compiled.elements:
        element = item.element
        rules = [*element.met, *element.partial]
        if any(rule.kind in _SPREAD_KINDS for rule in rules):
            continue
        if any(rule.kind in _PHRASE_KINDS for rule in element.met) and work in item.context.scope:
            out.append(element.id)
    return out


def overlap_case(name: str, element: ElementResult, snippet: str, text: str) -> OverlapCase:
    return OverlapCase(
        file=name,
        element=element.id,
        snippet=snippet,
        snippet_spans=locate(snippet, text),
        evidence=[e.quote for e in element.evidence],
        evidence_spans=[(e.start, e.end) for e in element.evidence],
    )


def locate(snippet: str, text: str) -> list[tuple[int, int]]:
    """Every place the snippet stands in the text; whitespace runs may differ (a title
    over two lines is labelled with one line break, the page has several)."""
    snippet = snippet.strip()
    if not snippet:
        return []
    spans = [(m.start(), m.end()) for m in re.finditer(re.escape(snippet), text)]
    if spans:
        return spans
    words = [re.escape(word) for word in snippet.split()]
    return [(m.start(), m.end()) for m in re.finditer(r"\s*".join(words), text)]
