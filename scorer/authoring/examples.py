"""Run the examples written inside a rubric (SQLFluff's YAML fixtures, Semgrep's `ruleid`).

Each example is a short report text scored as a whole document; only its own element is
decided, and the verdict must equal the status the example is listed under. An example
with `todo` is a known miss: it is run and counted apart, and does not fail the run.
"""

from __future__ import annotations

from dataclasses import dataclass

from scorer.engine.compiled import CompiledElement, CompiledRubric, get_compiled
from scorer.text.document import build_document
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
        return self.got == self.case.expected

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


def elements_without_examples(resolved: Resolved) -> list[str]:
    return [e.id for e in resolved.rubric.elements if e.examples is None or not e.examples.items()]


def run_case(compiled: CompiledRubric, case: ExampleCase) -> ExampleOutcome:
    element = _element(compiled, case.element)
    raw = RawDocument(path=f"<{case.element} 样例>", text=case.example.text, encoding="utf-8")
    doc = build_document(raw, compiled.roles, compiled.rubric.default_role)
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
