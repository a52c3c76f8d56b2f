"""The commented Word copy offered beside the scorecard (the drafter's file with 批注).

A .docx comes back as itself with comments; a .pdf/.html/.txt report as a new .docx of
its text with the same comments. A package that cannot be written back gets no
download: the scorecard stands without it.
"""

from __future__ import annotations

from pathlib import Path

from scorer.annotate import annotate_bytes, annotated_name
from scorer.api import Scored, ScorerError

DOCX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

__all__ = ["DOCX_MEDIA_TYPE", "annotated_name", "commented_docx"]


def commented_docx(data: bytes, name: str, scored: Scored, rubric_spec: str | None = None) -> bytes | None:
    """`rubric_spec` is passed on only when it is a rubric file: its parts place a missing element's comment."""
    rubric_file = rubric_spec if rubric_spec and Path(rubric_spec).is_file() else None
    try:
        return annotate_bytes(data, name, scored, rubric=rubric_file)
    except ScorerError:
        return None
