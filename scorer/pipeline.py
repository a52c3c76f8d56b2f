"""read -> normalise -> sections -> match -> score, for one file."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from scorer.compiled import CompiledRubric
from scorer.document import build_document
from scorer.patterns import PatternTimeout
from scorer.read import MAX_BYTES_DEFAULT, RawDocument, read_document
from scorer.results import ReportResult
from scorer.score import score_document


@contextmanager
def naming_the_culprit(report: str, compiled: CompiledRubric) -> Iterator[None]:
    """A runaway rubric pattern is reported with the report and rubric it ran on."""
    try:
        yield
    except PatternTimeout as exc:
        raise exc.located(report, compiled.source or None) from None


def score_raw(raw: RawDocument, compiled: CompiledRubric) -> ReportResult:
    with naming_the_culprit(raw.path, compiled):
        doc = build_document(raw, compiled.roles, compiled.rubric.default_role)
        return score_document(doc, compiled, raw.path)


def score_file(path: str | Path, compiled: CompiledRubric, max_bytes: int = MAX_BYTES_DEFAULT) -> ReportResult:
    return score_raw(read_document(path, max_bytes=max_bytes), compiled)


def score_text(text: str, compiled: CompiledRubric, label: str = "<text>") -> ReportResult:
    return score_raw(RawDocument(path=label, text=text, encoding="utf-8"), compiled)
