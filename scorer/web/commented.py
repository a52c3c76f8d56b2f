"""The commented Word copy offered beside the scorecard: the hook for the Word-comments writer.

The writer is `scorer.api.annotated_docx(data, name, scored)` once the Word-comments work
has landed; until then `commented_docx` answers None and the page offers the JSON only.
"""

from __future__ import annotations

from collections.abc import Callable

from scorer.api import Scored, ScorerError

DOCX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _writer() -> Callable[..., bytes] | None:
    try:
        from scorer.api import annotated_docx  # type: ignore[attr-defined]
    except ImportError:
        return None
    return annotated_docx


def available() -> bool:
    return _writer() is not None


def commented_docx(data: bytes, name: str, scored: Scored) -> bytes | None:
    """The upload with one Word comment per verdict (a .pdf/.html/.txt becomes a new .docx), or None."""
    write = _writer()
    if write is None:
        return None
    try:
        return write(data, name, scored)
    except ScorerError:
        return None  # a package that cannot be written back: the scorecard stands without the download
