"""Text that remembers where each character came from.

A reader that builds its text from markup (a .docx) writes characters that are in the
file and characters it supplies itself (an automatic number Word renders, the line
break between paragraphs, the separator between table cells). `Traced` keeps, for
every character, the markup element it came from and its offset in that element's
text, or nothing when the reader supplied it, so that an evidence offset in the text
leads back to the file (to put a Word comment exactly on the quote).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

# (start in text, end in text, element, offset of `start` in the element's own text)
Segment = tuple[int, int, Any, int]


@dataclass(frozen=True)
class Traced:
    plain: str
    segments: tuple[Segment, ...] = field(default=())

    @staticmethod
    def supplied(text: str) -> Traced:
        return Traced(text)

    @staticmethod
    def of(element: Any, text: str) -> Traced:
        return Traced(text, ((0, len(text), element, 0),) if text else ())

    @staticmethod
    def concat(parts: Iterable[Traced]) -> Traced:
        texts: list[str] = []
        segments: list[Segment] = []
        at = 0
        for part in parts:
            texts.append(part.plain)
            segments.extend((start + at, end + at, element, offset) for start, end, element, offset in part.segments)
            at += len(part.plain)
        return Traced("".join(texts), tuple(segments))

    @staticmethod
    def join(separator: str, parts: Iterable[Traced]) -> Traced:
        joined: list[Traced] = []
        for part in parts:
            if joined:
                joined.append(Traced(separator))
            joined.append(part)
        return Traced.concat(joined)

    def __add__(self, other: Traced) -> Traced:
        return Traced.concat((self, other))

    def __len__(self) -> int:
        return len(self.plain)

    def slice(self, start: int, end: int) -> Traced:
        kept = []
        for s, e, element, offset in self.segments:
            if e <= start or s >= end:
                continue
            left, right = max(s, start), min(e, end)
            kept.append((left - start, right - start, element, offset + left - s))
        return Traced(self.plain[start:end], tuple(kept))

    def strip(self) -> Traced:
        stripped = self.plain.lstrip()
        start = len(self.plain) - len(stripped)
        return self.slice(start, start + len(stripped.rstrip()))

    def origin(self, index: int) -> tuple[Any, int] | None:
        """(element, offset in its text) of character `index`, or None if supplied."""
        position = bisect_right(self.segments, index, key=lambda segment: segment[0]) - 1
        if position < 0:
            return None
        start, end, element, offset = self.segments[position]
        return (element, offset + index - start) if start <= index < end else None
