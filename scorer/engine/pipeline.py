"""read -> normalise -> sections -> match -> score, for one file."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from scorer.engine.compiled import CompiledRubric
from scorer.text.document import build_document
from scorer.text.patterns import PatternTimeout
from scorer.read import MAX_BYTES_DEFAULT, RawDocument, read_document
from scorer.engine.results import ReportResult
from scorer.engine.score import score_document

if TYPE_CHECKING:
    from scorer.engine.selection import RubricSelector


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


@dataclass(frozen=True)
class Scored:
    """A result together with the original text its evidence offsets point into."""

    result: ReportResult
    text: str


def score_file_with_text(path: str | Path, scorer: CompiledRubric | RubricSelector, max_bytes: int = MAX_BYTES_DEFAULT) -> Scored:
    """Like `score_file`, keeping the text: the HTML scorecard highlights evidence in it.

    `scorer` is one compiled rubric, or a selector that picks the rubric per report
    (`--rubric auto`). Evidence offsets point into the text as read, `raw.text`.
    """
    raw = read_document(path, max_bytes=max_bytes)
    result = score_raw(raw, scorer) if isinstance(scorer, CompiledRubric) else scorer.score_raw(raw)
    return Scored(result, raw.text)
