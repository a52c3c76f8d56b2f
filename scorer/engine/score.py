"""Points, grade and the report's result: the weighted share of elements met."""

from __future__ import annotations

from scorer.engine.compiled import CompiledRubric
from scorer.text.document import Document
from scorer.engine.results import ElementResult, MetadataResult, ReportResult, RubricRef
from scorer.rubric.model import GRADE_NAMES
from scorer.engine.verdict import decide

CREDIT = {"met": 1.0, "partial": 0.5, "missing": 0.0, "na": 0.0}


def capped(grade: str, required_unmet: bool, rubric: CompiledRubric) -> str:
    """The grade, lowered to the rubric's cap while a required element is not met."""
    cap = rubric.rubric.grades.cap_when_required_unmet
    if cap is None or not required_unmet or GRADE_NAMES.index(grade) >= GRADE_NAMES.index(cap):
        return grade
    return cap


def grade_for(score: float, rubric: CompiledRubric) -> str:
    grades = rubric.rubric.grades
    if score >= grades.excellent:
        return "优秀"
    if score >= grades.good:
        return "良好"
    if score >= grades.passing:
        return "合格"
    return "不合格"


def score_document(doc: Document, compiled: CompiledRubric, file_label: str) -> ReportResult:
    elements: list[ElementResult] = []
    total_weight = 0.0
    earned = 0.0
    for item in compiled.elements:
        element = item.element
        verdict = decide(item, doc)
        if verdict.status != "na":
            total_weight += element.weight
        points = round(element.weight * CREDIT[verdict.status], 2)
        earned += element.weight * CREDIT[verdict.status]
        elements.append(
            ElementResult(
                id=element.id,
                title=element.title,
                status=verdict.status,
                weight=float(element.weight),
                required=element.required,
                points=float(points),
                evidence=verdict.evidence,
                missing_checks=verdict.missing_checks,
                suggestion=element.suggestion if verdict.status in ("partial", "missing") else None,
                basis=element.basis,
                explanation=verdict.explanation,
            )
        )
    score = round(100.0 * earned / total_weight, 1) if total_weight else 0.0
    required_missing = [e.id for e in elements if e.required and e.status in ("partial", "missing")]
    by_score = grade_for(score, compiled)
    grade = capped(by_score, bool(required_missing), compiled)
    meta = doc.metadata
    return ReportResult(
        file=file_label,
        rubric=RubricRef(id=compiled.rubric.id, version=compiled.rubric.version, layers=list(compiled.layers)),
        encoding=doc.raw.encoding,
        score=score,
        grade=grade,
        grade_capped_from=by_score if grade != by_score else None,
        metadata=MetadataResult(
            agency=meta.agency.value if meta.agency else None,
            year=int(meta.year.value) if meta.year else None,
            date=meta.date,
            title=meta.title.value if meta.title else None,
        ),
        elements=elements,
        required_missing=required_missing,
    )
