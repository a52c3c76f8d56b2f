"""The commented Word copy offered beside the scorecard: the hook for the Word-comments writer.

The writer lives in the engine's public API once the Word-comments work lands; until
then `commented_docx` answers None and the page offers the JSON instead. Wiring it is
the one import in `_writer`.
"""

from __future__ import annotations

from collections.abc import Callable

from scorer.api import Scored

DOCX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _writer() -> Callable[[bytes, Scored], bytes] | None:
    try:
        from scorer.api import annotate_bytes  # type: ignore[attr-defined]
    except ImportError:
        return None
    return annotate_bytes


def is_docx(data: bytes) -> bool:
    return data.startswith(b"PK\x03\x04") and b"word/document.xml" in data


def commented_docx(data: bytes, scored: Scored) -> bytes | None:
    """The uploaded .docx with one Word comment per verdict, or None when that cannot be made."""
    write = _writer()
    if write is None or not is_docx(data):
        return None
    return write(data, scored)


def available() -> bool:
    return _writer() is not None
