"""Compile a rubric's `Patterns` (literal phrases plus regexes) into one regex each."""

from __future__ import annotations

import re
from typing import Iterator

from scorer.rubric.model import Patterns


class CompiledPatterns:
    """One alternation per pattern list: literal phrases longest first, then regexes."""

    __slots__ = ("regex", "literals", "whole_words", "labels")

    def __init__(self, patterns: Patterns) -> None:
        literals = sorted(set(patterns.any), key=len, reverse=True)
        parts = [re.escape(term) for term in literals] + [f"(?:{expression})" for expression in patterns.regex]
        self.regex = re.compile("|".join(parts)) if parts else None
        self.literals = frozenset(literals)
        self.whole_words = patterns.whole_words
        self.labels = list(dict.fromkeys(list(patterns.any) + [w for r in patterns.regex for w in readable_words(r)]))

    def finditer(self, text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int]]:
        if self.regex is None:
            return
        stop = len(text) if end is None else end
        for match in self.regex.finditer(text, start, stop):
            if match.end() > match.start():
                yield match.start(), match.end()

    def search(self, text: str, start: int = 0, end: int | None = None) -> tuple[int, int] | None:
        if self.regex is None:
            return None
        match = self.regex.search(text, start, len(text) if end is None else end)
        return (match.start(), match.end()) if match else None

    def describe(self, limit: int = 6) -> str:
        shown = [label for label in self.labels if len(label) <= 16][:limit] or self.labels[:2]
        more = "等" if len(self.labels) > len(shown) else ""
        return "、".join(f"“{label}”" for label in shown) + more


_LOOKAROUND = re.compile(r"\(\?<?[!=][^()]*\)")
_OPTIONAL_GROUP = re.compile(r"\([^()]*\)\?")
_PLAIN = re.compile(r"^[\u4e00-\u9fff《》“”]+$")


def readable_words(expression: str) -> list[str]:
    """The plain words among a regex's top-level alternatives, for telling a user what was looked for."""
    simpler = _OPTIONAL_GROUP.sub("", _LOOKAROUND.sub("", expression))
    return [part for part in _top_level_alternatives(simpler) if _PLAIN.match(part)]


def _top_level_alternatives(expression: str) -> list[str]:
    parts, depth, current, escaped = [], 0, [], False
    for ch in expression:
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append("".join(current))
            current = []
            continue
        current.append(ch)
    parts.append("".join(current))
    return parts


def compile_patterns(patterns: Patterns | None) -> CompiledPatterns | None:
    return CompiledPatterns(patterns) if patterns is not None and not patterns.is_empty() else None
