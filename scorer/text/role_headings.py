"""Headings that carry no number: a short line by itself that names a part of the report.

Word drafts often number nothing: the headings are only styled, and the style is lost
when the draft is saved as PDF or pasted as text. What remains is a line such as
存在的不足和原因 or 2024年工作安排 between two paragraphs. Such a line is taken as a
top-level heading when it names one of the rubric's parts, stands between a finished
sentence (or another heading) and text, and reads like a heading, not like a title or a
sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from scorer.text.patterns import CompiledPatterns

MAX_LENGTH = 30
_NOT_A_HEADING = re.compile(r"[。，,；;：:！!？?、]|报告|总结")
_ENDS_BEFORE_HEADING = re.compile(r"[。：:！!？?；;）)]\s*$")


def unnumbered_headings(text: str, numbered: set[int], headings: Iterable[CompiledPatterns]) -> set[int]:
    """Indexes of the lines of `text` that are unnumbered headings of a part.

    `numbered` holds the indexes of the lines that already are (numbered) headings.
    """
    patterns = list(headings)
    lines = text.split("\n")
    found: set[int] = set()
    previous: int | None = None  # the last non-empty line before this one
    for index, line in enumerate(lines):
        words = line.strip()
        if not words:
            continue
        if (
            previous is not None
            and index not in numbered
            and len(words) <= MAX_LENGTH
            and not _NOT_A_HEADING.search(words)
            and (previous in numbered or previous in found or _ENDS_BEFORE_HEADING.search(lines[previous]))
            and _has_text_after(lines, index)
            and any(pattern.search(words) for pattern in patterns)
        ):
            found.add(index)
        previous = index
    return found


def _has_text_after(lines: list[str], index: int) -> bool:
    return any(line.strip() for line in lines[index + 1 :])
