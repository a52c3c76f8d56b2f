"""The one public scoring API: every command, the web service and the tests go through it.

    scorer = Scorer.open("auto")          # a rubric id, a YAML path, `a+b`, or `auto`
    scored = scorer.score_path("报告.docx")
    scored = scorer.score_bytes(data, "报告.docx")   # a web upload: no temporary file
    scored = scorer.score_text("……")
    scored.result   # ReportResult, the `--format json` contract
    scored.text     # the original text every evidence offset points into
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from scorer.engine.compiled import CompiledRubric
from scorer.engine.pipeline import Scored
from scorer.read import MAX_BYTES_DEFAULT, RawDocument, read_report, read_report_bytes
from scorer.engine.selection import RubricSelector

__all__ = ["Scorer", "Scored"]


@dataclass
class Scorer:
    selector: RubricSelector
    max_bytes: int = MAX_BYTES_DEFAULT

    @classmethod
    def open(cls, spec: str = "auto", max_bytes: int = MAX_BYTES_DEFAULT) -> "Scorer":
        """Loads (and compiles, once per process) the rubric now, so a broken one fails before any report."""
        return cls(RubricSelector(spec), max_bytes)

    @property
    def compiled(self) -> CompiledRubric:
        """The rubric named by the spec (for `auto`, the national baseline every choice starts from)."""
        return self.selector.fixed

    def score_raw(self, raw: RawDocument) -> Scored:
        return Scored(self.selector.score_raw(raw), raw.text)

    def score_path(self, path: str | Path) -> Scored:
        return self.score_raw(read_report(path, max_bytes=self.max_bytes))

    def score_bytes(self, data: bytes, name: str) -> Scored:
        if len(data) > self.max_bytes:
            from scorer.read import _too_big

            raise _too_big(name, len(data), self.max_bytes)
        return self.score_raw(read_report_bytes(name, data))

    def score_text(self, text: str, label: str = "<text>") -> Scored:
        return self.score_raw(RawDocument(path=label, text=text, encoding="utf-8"))


# What code outside the engine (commands, the web service, writers of Word and Excel files)
# needs besides `Scorer`: import it from here, so the engine's layout can change under it.
from scorer.errors import ReadError, RubricError, ScorerError, UnsupportedFormat  # noqa: E402
from scorer.read import supported_suffixes  # noqa: E402
from scorer.rubric.chain import bundled_ids as bundled_rubric_ids  # noqa: E402
from scorer.engine.results import STATUS_TEXT, ElementResult, Evidence, MetadataResult, ReportResult, RubricRef  # noqa: E402

__all__ += [
    "ReadError", "RubricError", "ScorerError", "UnsupportedFormat", "supported_suffixes", "bundled_rubric_ids",
    "STATUS_TEXT", "ElementResult", "Evidence", "MetadataResult", "ReportResult", "RubricRef",
    "result_dict", "scorecard_html",
]


def result_dict(result: ReportResult) -> dict:
    """The `score --format json` contract for one report."""
    from scorer.render.json_out import result_dict as as_dict

    return as_dict(result)


def scorecard_html(scored: Scored, index_href: str | None = None) -> str:
    """The self-contained scorecard page (`score --html`), evidence highlighted in the report text."""
    from scorer.render.pages import render_scorecard

    return render_scorecard(scored.result, scored.text, index_href=index_href)
