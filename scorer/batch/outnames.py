"""Output file names derived from input paths: safe on every file system, and unique.

A report's relative path inside the audited folder becomes one flat file name: folders
are joined with `__`, anything that is not a letter, digit, CJK character or a few
harmless marks becomes `_`, so no name can climb out of the output folder (`..`, `/`),
hide itself (a leading dot) or trip Windows (reserved names, trailing dots). Chinese
names are kept as they are: they are what the reviewer recognises.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import PurePosixPath

_UNSAFE = re.compile(r"[^\w\u3000-\u303f\uff00-\uffef（）()\-.]+")
_RUNS = re.compile(r"_{3,}")
_WINDOWS_RESERVED = re.compile(r"^(con|prn|aux|nul|com\d|lpt\d)(\.|$)", re.IGNORECASE)
_FOLDER_JOIN = "__"
_MAX_BYTES = 120  # leaves room for a counter and the extension within the usual 255-byte limit
DEFAULT_STEM = "report"


def safe_stem(relative: str) -> str:
    """A file-name stem (no extension) for a report at `relative` (a /-separated path)."""
    path = PurePosixPath(relative.replace("\\", "/"))
    parts = [part for part in path.parts if part not in ("", ".", "..", "/")]
    if parts:
        parts[-1] = PurePosixPath(parts[-1]).stem or parts[-1]
    cleaned = [_clean(unicodedata.normalize("NFC", part)) for part in parts]
    stem = _FOLDER_JOIN.join(part for part in cleaned if part) or DEFAULT_STEM
    if _WINDOWS_RESERVED.match(stem):
        stem = "_" + stem
    if len(stem.encode("utf-8")) > _MAX_BYTES:
        digest = hashlib.sha1(relative.encode("utf-8", "surrogatepass")).hexdigest()[:8]
        stem = _truncate(stem, _MAX_BYTES - 9) + "-" + digest
    return stem


def safe_name(name: str) -> str:
    """One path part (a folder name, say) made safe, keeping any dots inside it."""
    cleaned = _clean(unicodedata.normalize("NFC", name))
    if _WINDOWS_RESERVED.match(cleaned):
        cleaned = "_" + cleaned
    return _truncate(cleaned, _MAX_BYTES) or DEFAULT_STEM


def unique_names(relatives: list[str], suffix: str = ".html") -> list[str]:
    """One file name per input, in the same order; names differ even ignoring case."""
    taken: set[str] = set()
    names: list[str] = []
    for relative in relatives:
        stem = safe_stem(relative)
        name = stem + suffix
        counter = 2
        while name.casefold() in taken:
            name = f"{stem}~{counter}{suffix}"
            counter += 1
        taken.add(name.casefold())
        names.append(name)
    return names


def _clean(part: str) -> str:
    part = _UNSAFE.sub("_", part)
    part = _RUNS.sub("__", part)
    # No hidden files, no names Windows cannot keep (trailing dot or space).
    return part.strip(".-_ ")


def _truncate(text: str, max_bytes: int) -> str:
    data = text.encode("utf-8")[:max_bytes]
    return data.decode("utf-8", "ignore").rstrip(".-_ ")
