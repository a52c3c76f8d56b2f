"""Run the examples written inside a rubric (SQLFluff's YAML fixtures, Semgrep's `ruleid`).

Each example is a short report text scored as a whole document; only its own element is
decided, and the verdict must equal the status the example is listed under. An example
with `todo` is a known miss: it is run and counted apart, and does not fail the run.
"""

from __future__ import annotations

from dataclasses import dataclass

from scorer.engine.compiled import CompiledElement, CompiledRubric, get_compiled
from scorer.read import RawDocument
from scorer.engine.results import Evidence, Status
from scorer.rubric.inherit import ExampleSource, Resolved
from scorer.rubric.loader import resolve_rubric
from scorer.rubric.model import Example
from scorer.engine.verdict import decide


@dataclass(frozen=True)
class ExampleCase:
    rubric: str  # the spec the rubric was loaded by
    element: str
    expected: Status
    index: int
    example: Example
    source: ExampleSource | None

    @property
    def test_id(self) -> str:
        return f"{self.element}-{self.expected}-{self.index}"

    def where(self) -> str:
        if self.source is None or self.source.position is None:
            return self.source.file if self.source else self.rubric
        return f"{self.source.file}:{self.source.position.line}"


@dataclass
class ExampleOutcome:
    case: ExampleCase
    got: Status
    evidence: list[Evidence]
    explanation: str

    @property
    def passed(self) -> bool:
        return self.got == self.case.expected and not self.evidence_missing

    @property
    def evidence_missing(self) -> str:
        """What the example says its evidence must hold and none of it does ("" when all is there)."""
        example = self.case.example
        wanted = []
        if example.quote and not any(example.quote in e.quote for e in self.evidence):
            wanted.append(f"依据中没有“{example.quote}”")
        if example.matched and not any(example.matched in e.matched for e in self.evidence):
            wanted.append(f"没有命中“{example.matched}”")
        return "；".join(wanted)

    @property
    def failed(self) -> bool:
        """A failure that counts: a `todo` example is a known miss and never fails a run."""
        return not self.passed and not self.case.example.todo

    @property
    def todo_fixed(self) -> bool:
        return self.passed and bool(self.case.example.todo)


def example_cases(resolved: Resolved, spec: str) -> list[ExampleCase]:
    cases = []
    for element in resolved.rubric.elements:
        if element.examples is None:
            continue
        for status, index, example in element.examples.items():
            source = resolved.example_sources.get((element.id, status, index))
            cases.append(ExampleCase(spec, element.id, status, index, example, source))  # type: ignore[arg-type]
    return cases


# What an element's verdict depends on besides the element itself.
_VERDICT_INPUTS = {"roles", "default_role", "defaults", "negation"}


def cases_that_can_change(resolved: Resolved, spec: str) -> list[ExampleCase]:
    """The examples worth running under this rubric: its own, and inherited ones only where this rubric
    changed something they depend on (the element's rules or scope, the roles, negation or defaults).
    An inherited example on an untouched element gives the verdict it gave in the rubric it was written in."""
    own = resolved.layers[-1].id
    written_in = {layer.id: layer for layer in resolved.layers}
    origin_rubrics: dict[str, object] = {}
    keep = []
    for case in example_cases(resolved, spec):
        source = case.source
        if source is None or source.layer == own or source.layer not in written_in:
            keep.append(case)
            continue
        if source.layer not in origin_rubrics:
            origin_rubrics[source.layer] = resolve_rubric(str(written_in[source.layer].path)).rubric
        if _changed_for(case.element, resolved.rubric, origin_rubrics[source.layer]):
            keep.append(case)
    return keep


def _changed_for(element_id: str, child, origin) -> bool:
    if child.model_dump(include=_VERDICT_INPUTS) != origin.model_dump(include=_VERDICT_INPUTS):
        return True
    mine = next(e for e in child.elements if e.id == element_id)
    theirs = next((e for e in origin.elements if e.id == element_id), None)
    return theirs is None or mine.model_dump(exclude={"examples"}) != theirs.model_dump(exclude={"examples"})


def elements_without_examples(resolved: Resolved) -> list[str]:
    return [e.id for e in resolved.rubric.elements if e.examples is None or not e.examples.items()]


def run_case(compiled: CompiledRubric, case: ExampleCase) -> ExampleOutcome:
    element = _element(compiled, case.element)
    raw = RawDocument(path=f"<{case.element} 样例>", text=case.example.text, encoding="utf-8")
    doc = compiled.document(raw)
    verdict = decide(element, doc)
    return ExampleOutcome(case, verdict.status, verdict.evidence, verdict.explanation)


def run_examples(spec: str) -> list[ExampleOutcome]:
    resolved = resolve_rubric(spec)
    compiled = get_compiled(spec)
    return [run_case(compiled, case) for case in example_cases(resolved, spec)]


def _element(compiled: CompiledRubric, element_id: str) -> CompiledElement:
    for item in compiled.elements:
        if item.element.id == element_id:
            return item
    raise KeyError(element_id)
