"""An uploaded file's name: only a label, never a path, never a way to smuggle markup."""

from __future__ import annotations

import unicodedata
from pathlib import PurePosixPath

UNNAMED = "上传的文件"
MAX_NAME = 120  # characters; a longer name is cut before its suffix
_KNOWN_TYPES = {".docx", ".pdf", ".html", ".htm", ".mht", ".mhtml", ".txt", ".md", ".doc", ".wps", ".rtf", ".ofd"}


def safe_name(raw: str | None) -> str:
    """The last component of `raw` without control, format (bidi) or unassigned characters.

    A browser sends only the base name, but any client may send `../../x.docx` or a
    name with a line feed that would forge a log line or a right-to-left override that
    would disguise the suffix.
    """
    name = unicodedata.normalize("NFC", raw or "")
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(_kept(ch) for ch in name)
    name = name.strip()
    if name in ("", ".", ".."):
        return UNNAMED
    if len(name) > MAX_NAME:
        suffix = PurePosixPath(name).suffix
        suffix = suffix if len(suffix) <= 10 else ""
        name = name[: MAX_NAME - len(suffix) - 1] + "…" + suffix
    return name


def _kept(ch: str) -> str:
    category = unicodedata.category(ch)
    if category == "Zs":
        return " "  # an ideographic or no-break space reads as a space
    return "" if category[0] == "C" or category in ("Zl", "Zp") else ch


def file_type(name: str) -> str:
    """The type a log line may show: a known suffix, never the name itself."""
    suffix = PurePosixPath(name).suffix.lower()
    return suffix[1:] if suffix in _KNOWN_TYPES else "other"


def stem(name: str) -> str:
    """The name without its suffix, for the names of the downloads."""
    return PurePosixPath(name).stem or "报告"
