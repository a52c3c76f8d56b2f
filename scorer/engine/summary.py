"""What an audit keeps of each report, and the totals over all of them.

A full `ReportResult` (evidence quotes, explanations) goes straight from the worker to
results.jsonl and the report's own page; the audit itself keeps only a `ReportSummary`
per report, so that ten thousand reports fit in a small memory.
"""

from __future__ import annotations

import statistics
import sys
from dataclasses import dataclass, field

from scorer.engine.compiled import CompiledRubric
from scorer.engine.results import ReportResult, Status

GRADES = ("优秀", "良好", "合格", "不合格")


@dataclass(frozen=True)
class ElementInfo:
    id: str
    title: str
    required: bool


@dataclass(frozen=True)
class ReportSummary:
    """One report as the ranking, the heat map and summary.csv show it."""

    agency: str | None
    year: int | None
    score: float
    grade: str
    rubric_id: str
    rubric_reason: str | None
    statuses: dict[str, Status]  # element id -> status, in the rubric's order
    required_missing: tuple[str, ...]  # element ids

    @staticmethod
    def of(result: ReportResult) -> ReportSummary:
        return ReportSummary(
            agency=result.metadata.agency,
            year=result.metadata.year,
            score=result.score,
            grade=result.grade,
            rubric_id=result.rubric.id,
            rubric_reason=result.rubric.reason,
            statuses={element.id: element.status for element in result.elements},
            required_missing=tuple(result.required_missing),
        )

    def shared(self) -> ReportSummary:
        """The same summary with its repeated strings shared, to keep many of them small."""
        statuses = {sys.intern(key): sys.intern(value) for key, value in self.statuses.items()}
        return ReportSummary(
            self.agency, self.year, self.score, sys.intern(self.grade), sys.intern(self.rubric_id),
            self.rubric_reason, statuses, tuple(sys.intern(i) for i in self.required_missing),  # type: ignore[arg-type]
        )


def elements_of(result: ReportResult) -> tuple[ElementInfo, ...]:
    return tuple(ElementInfo(e.id, e.title, e.required) for e in result.elements)


@dataclass
class Row:
    """One line of the audit: a scored report or a file that failed."""

    file: str
    relative: str
    page: str | None  # the scorecard, relative to the output folder
    summary: ReportSummary | None = None
    error: str | None = None


@dataclass
class ElementTally:
    id: str
    title: str
    required: bool
    counts: dict[Status, int] = field(default_factory=lambda: {"met": 0, "partial": 0, "missing": 0, "na": 0})

    @property
    def total(self) -> int:
        """Reports this element applies to: those scored with it, less those where it could not be checked."""
        return sum(n for status, n in self.counts.items() if status != "na")

    def share(self, status: Status) -> float:
        """The share of the reports this element applies to that have this status, 0..1."""
        return self.counts[status] / self.total if self.total else 0.0


@dataclass
class Totals:
    files: int  # reports found (scored + failed)
    scored: int
    failed: int
    skipped: int
    mean: float | None
    median: float | None
    grades: dict[str, int]
    elements: list[ElementTally]  # the base rubric's order, then elements only some rubrics add
    rubrics: dict[str, int]  # rubric id -> reports scored with it (they differ with --rubric auto)

    def most_missed(self) -> list[ElementTally]:
        """Elements by how many reports miss them, then by how many meet them only partly."""
        order = {tally.id: i for i, tally in enumerate(self.elements)}
        return sorted(self.elements, key=lambda t: (-t.counts["missing"], -t.counts["partial"], order[t.id]))

    def title(self, element_id: str) -> str:
        return next((t.title for t in self.elements if t.id == element_id), element_id)


def summarise(rows: list[Row], skipped: int, catalogue: dict[str, ElementInfo], base: CompiledRubric | None = None) -> Totals:
    """Totals over the scored rows. Reports scored with different rubrics (a province's,
    a department's) share the base rubric's elements; an element only some rubrics add
    is counted over the reports it applies to."""
    summaries = [row.summary for row in rows if row.summary is not None]
    scores = [summary.score for summary in summaries]
    tallies: dict[str, ElementTally] = {}
    for e in base.rubric.elements if base is not None else []:
        tallies[e.id] = ElementTally(e.id, e.title, e.required)
    for info in catalogue.values():
        tallies.setdefault(info.id, ElementTally(info.id, info.title, info.required))
    grades = {grade: 0 for grade in GRADES}
    rubrics: dict[str, int] = {}
    for summary in summaries:
        grades[summary.grade] = grades.get(summary.grade, 0) + 1
        rubrics[summary.rubric_id] = rubrics.get(summary.rubric_id, 0) + 1
        for element_id, status in summary.statuses.items():
            if element_id in tallies:
                tallies[element_id].counts[status] += 1
    return Totals(
        files=len(rows),
        scored=len(summaries),
        failed=len(rows) - len(summaries),
        skipped=skipped,
        mean=round(statistics.fmean(scores), 1) if scores else None,
        median=round(statistics.median(scores), 1) if scores else None,
        grades=grades,
        elements=list(tallies.values()),
        rubrics=dict(sorted(rubrics.items(), key=lambda item: (-item[1], item[0]))),
    )


def ranked(rows: list[Row]) -> list[Row]:
    """Highest score first; files that failed last. Ties keep file order."""
    scored = sorted((r for r in rows if r.summary is not None), key=lambda r: (-r.summary.score, r.relative))  # type: ignore[union-attr]
    failed = sorted((r for r in rows if r.summary is None), key=lambda r: r.relative)
    return scored + failed
