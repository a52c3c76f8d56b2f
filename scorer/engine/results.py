"""The results of scoring, as other tools read them (`--format json`).

Field order is the JSON key order: keep it stable, the same input gives the same bytes.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

# "na": the check cannot be made on this report (a publication date nobody gave); its
# weight leaves the score's denominator.
Status = Literal["met", "partial", "missing", "na"]
STATUS_TEXT = {"met": "已满足", "partial": "部分满足", "missing": "缺失", "na": "不适用"}


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Evidence(Model):
    quote: str  # exactly original_text[start:end]
    start: int
    end: int
    section: str
    matched: str  # the words that triggered the hit, as they stand in the original
    note: str | None = None  # why this passage counts only partly


class ElementResult(Model):
    id: str
    title: str
    status: Status
    weight: float
    required: bool
    points: float
    evidence: list[Evidence]
    missing_checks: list[str]
    suggestion: str | None
    basis: str
    explanation: str


class RubricRef(Model):
    id: str
    version: str
    reason: str | None = None  # why this rubric was used (chosen by --rubric auto, or named)
    layers: list[str] = []  # the rubric files applied, base first (national, zhejiang, emergency)


class MetadataResult(Model):
    agency: str | None
    year: int | None
    date: str | None
    title: str | None


class ReportResult(Model):
    file: str
    rubric: RubricRef
    encoding: str
    score: float
    grade: str
    grade_capped_from: str | None = None  # the score's own grade, when a required element capped it
    metadata: MetadataResult
    elements: list[ElementResult]
    required_missing: list[str]
