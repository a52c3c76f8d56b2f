"""Which rubric scores a report: one named by the user, or `auto`, chosen per report.

Every result says which rubric was used and why (`rubric.reason`), whichever way it
was chosen. In `auto` mode the report is read with the national baseline's roles to
find its agency, and re-read only if the chosen rubric defines its parts differently.
"""

from __future__ import annotations

from scorer.engine.compiled import CompiledRubric, get_compiled
from scorer.engine.pipeline import naming_the_culprit
from scorer.read import RawDocument
from scorer.engine.results import ReportResult
from scorer.rubric.auto import FALLBACK, choose
from scorer.engine.score import score_document

AUTO = "auto"


class RubricSelector:
    def __init__(self, spec: str) -> None:
        self.auto = spec == AUTO
        # Load now, so a broken rubric is reported once, before any report is read.
        self.fixed: CompiledRubric = get_compiled(FALLBACK if self.auto else spec)
        self.given = spec

    def score_raw(self, raw: RawDocument) -> ReportResult:
        with naming_the_culprit(raw.path, self.fixed):
            return self._score(raw)

    def _score(self, raw: RawDocument) -> ReportResult:
        doc = self.fixed.document(raw)
        if not self.auto:
            result = score_document(doc, self.fixed, raw.path)
            result.rubric.reason = f"按 --rubric {self.given} 指定"
            return result
        meta = doc.metadata
        choice = choose(
            meta.agency.value if meta.agency else None, meta.title.value if meta.title else None, doc.text, meta.place, meta.national
        )
        compiled = get_compiled(choice.spec)
        with naming_the_culprit(raw.path, compiled):
            if _parts_differ(compiled, self.fixed):
                doc = compiled.document(raw)
            result = score_document(doc, compiled, raw.path)
        result.rubric.reason = choice.reason
        return result


def _parts_differ(a: CompiledRubric, b: CompiledRubric) -> bool:
    return a.rubric.roles != b.rubric.roles or a.rubric.default_role != b.rubric.default_role
