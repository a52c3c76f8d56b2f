"""What scoring one report hands back, and how a runaway rubric pattern is reported; `scorer.api.Scorer` scores."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from scorer.engine.compiled import CompiledRubric
from scorer.text.patterns import PatternTimeout
from scorer.engine.results import ReportResult


@contextmanager
def naming_the_culprit(report: str, compiled: CompiledRubric) -> Iterator[None]:
    """A runaway rubric pattern is reported with the report and rubric it ran on."""
    try:
        yield
    except PatternTimeout as exc:
        raise exc.located(report, compiled.source or None) from None


@dataclass(frozen=True)
class Scored:
    """A result together with the original text its evidence offsets point into."""

    result: ReportResult
    text: str
