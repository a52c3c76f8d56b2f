"""read -> normalise -> sections -> match -> score, for one file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from scorer.compiled import CompiledRubric
from scorer.document import build_document
from scorer.read import MAX_BYTES_DEFAULT, RawDocument, read_document
from scorer.results import ReportResult
from scorer.score import score_document


def score_raw(raw: RawDocument, compiled: CompiledRubric) -> ReportResult:
    doc = build_document(raw, compiled.roles, compiled.rubric.default_role)
    return score_document(doc, compiled, raw.path)


def score_file(path: str | Path, compiled: CompiledRubric, max_bytes: int = MAX_BYTES_DEFAULT) -> ReportResult:
    return score_raw(read_document(path, max_bytes=max_bytes), compiled)


def score_text(text: str, compiled: CompiledRubric, label: str = "<text>") -> ReportResult:
    return score_raw(RawDocument(path=label, text=text, encoding="utf-8"), compiled)


@dataclass(frozen=True)
class Scored:
    """A result together with the original text its evidence offsets point into."""

    result: ReportResult
    text: str


def score_raw_with_text(raw: RawDocument, compiled: CompiledRubric) -> Scored:
    """Like `score_raw`, keeping the text: the HTML scorecard highlights evidence in it."""
    doc = build_document(raw, compiled.roles, compiled.rubric.default_role)
    return Scored(score_document(doc, compiled, raw.path), doc.norm.original)


def score_file_with_text(path: str | Path, compiled: CompiledRubric, max_bytes: int = MAX_BYTES_DEFAULT) -> Scored:
    return score_raw_with_text(read_document(path, max_bytes=max_bytes), compiled)
