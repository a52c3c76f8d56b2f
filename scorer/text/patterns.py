"""Compile a rubric's `Patterns` (literal phrases plus regexes) into one regex each.

Rubrics are data from other people, and a regular expression can backtrack
catastrophically: `(法|法治|治)+$` takes forever on a long enough line. Patterns are
compiled with the `regex` package, whose matching can be given a time limit, and every
search is bounded by a limit that grows with the length of text searched. A pattern
that runs over it raises `PatternTimeout` naming the rubric's expression at fault: that
report fails with a clear line after at most a few seconds, and a batch goes on.
"""

from __future__ import annotations

import re
from typing import Iterator

import regex

from scorer.errors import RubricError, ScorerError
from scorer.rubric.model import Patterns

# Seconds a single search may take: a base plus a share per million characters searched.
# An ordinary rubric pattern searches a million characters in well under 0.1 s.
TIMEOUT_BASE = 1.0
TIMEOUT_PER_MILLION = 2.0


class PatternTimeout(ScorerError):
    """A rubric regex took too long: its own fault, not the report's."""

    def __init__(self, expression: str, seconds: float, report: str | None = None, rubric: str | None = None) -> None:
        self.expression = expression
        self.seconds = seconds
        self.report = report
        self.rubric = rubric
        where = f"在 {report} 上" if report else ""
        super().__init__(
            rubric,
            f"评分细则中的正则表达式 “{expression}” {where}匹配超过 {seconds:.0f} 秒仍未结束（灾难性回溯）",
            "请改写这条正则，避免嵌套或重叠的重复，如 (a|aa)+、(x+)+",
        )

    def located(self, report: str, rubric: str | None) -> "PatternTimeout":
        return PatternTimeout(self.expression, self.seconds, report, rubric or self.rubric)


def time_limit(start: int, end: int) -> float:
    return TIMEOUT_BASE + TIMEOUT_PER_MILLION * max(0, end - start) / 1_000_000


class TimedRegex:
    """A compiled regex whose every call is bounded in time (see the module's note)."""

    __slots__ = ("_compiled", "_expressions")

    def __init__(self, pattern: str, expressions: list[str]) -> None:
        try:
            self._compiled = regex.compile(pattern)
        except regex.error as exc:
            raise RubricError(None, f"评分细则中的正则表达式无效：{exc}", "请修正正则表达式") from None
        self._expressions = expressions  # the rubric's own regexes, to name the culprit

    def search(self, text: str, pos: int = 0, endpos: int | None = None):
        # Inlined (called for every hit's sentence or clause): no helper calls.
        stop = len(text) if endpos is None else endpos
        limit = TIMEOUT_BASE + TIMEOUT_PER_MILLION * max(0, stop - pos) / 1_000_000
        try:
            return self._compiled.search(text, pos, stop, timeout=limit)
        except TimeoutError:
            raise PatternTimeout(self._culprit(text, pos, stop), limit) from None

    def match(self, text: str, pos: int = 0, endpos: int | None = None):
        return self._call(self._compiled.match, text, pos, endpos)

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None):
        """Each search has its own limit: the `regex` package's own clock for a scan runs
        on while the caller works between hits, so one limit for a whole scan would fail
        long reports with many hits."""
        stop = len(text) if endpos is None else min(endpos, len(text))
        while pos <= stop:
            found = self.search(text, pos, stop)
            if found is None:
                return
            yield found
            pos = found.end() if found.end() > found.start() else found.end() + 1

    def _call(self, method, text: str, pos: int, endpos: int | None):
        stop = len(text) if endpos is None else endpos
        limit = time_limit(pos, stop)
        try:
            return method(text, pos, stop, timeout=limit)
        except TimeoutError:
            raise PatternTimeout(self._culprit(text, pos, stop), limit) from None

    def _culprit(self, text: str, pos: int, endpos: int) -> str:
        """The rubric regex that does not finish on this text; literals always do."""
        for expression in self._expressions:
            try:
                regex.compile(expression).search(text, pos, endpos, timeout=time_limit(pos, endpos))
            except TimeoutError:
                return expression
            except regex.error:
                continue
        return " | ".join(self._expressions) or self._compiled.pattern


class CompiledPatterns:
    """One alternation per pattern list: literal phrases longest first, then regexes."""

    __slots__ = ("regex", "literals", "whole_words", "labels")

    def __init__(self, patterns: Patterns) -> None:
        literals = sorted(set(patterns.any), key=len, reverse=True)
        parts = [re.escape(term) for term in literals] + [f"(?:{expression})" for expression in patterns.regex]
        self.regex = TimedRegex("|".join(parts), list(patterns.regex)) if parts else None
        self.literals = frozenset(literals)
        self.whole_words = patterns.whole_words
        self.labels = list(dict.fromkeys(list(patterns.any) + [w for r in patterns.regex for w in readable_words(r)]))
        if not self.labels:  # only regexes without a plain alternative: name their gist
            self.labels = [gist for gist in map(regex_gist, patterns.regex) if gist]

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

    def sample(self, limit: int = 6) -> str:
        shown = [label for label in self.labels if len(label) <= 16][:limit] or self.labels[:2]
        more = "等" if len(self.labels) > len(shown) else ""
        return "、".join(f"“{label}”" for label in shown) + more


_LOOKAROUND = re.compile(r"\(\?<?[!=][^()]*\)")
_OPTIONAL_GROUP = re.compile(r"\([^()]*\)\?")
_PLAIN = re.compile(r"^[\u4e00-\u9fff《》“”]+$")


_ALTERNATION = re.compile(r"\(\??:?([^()]*\|[^()]*)\)")
_GIST_PIECE = re.compile(r"[\u4e00-\u9fff《》“”/]{2,}")


def regex_gist(expression: str) -> str:
    """The words of a regex as a person reads them: (执行|落实)[^。]{0,10}重大行政决策
    -> 执行/落实…重大行政决策; empty when it has none."""
    simpler = _OPTIONAL_GROUP.sub("", _LOOKAROUND.sub("", expression))
    simpler = _ALTERNATION.sub(lambda group: "/".join(group.group(1).split("|")[:2]), simpler)
    return "…".join(piece.strip("/") for piece in _GIST_PIECE.findall(simpler) if piece.strip("/"))


def readable_words(expression: str) -> list[str]:
    """The plain words among a regex's top-level alternatives, for telling a user what was looked for."""
    simpler = _OPTIONAL_GROUP.sub("", _LOOKAROUND.sub("", expression))
    while simpler.startswith("(?:") and simpler.endswith(")") and _balanced(simpler[3:-1]):
        simpler = simpler[3:-1]  # one group around a word list (an expanded {{name}})
    return [part for part in _top_level_alternatives(simpler) if _PLAIN.match(part)]


def _balanced(expression: str) -> bool:
    depth = 0
    for ch in expression.replace("\\(", "").replace("\\)", ""):
        depth += (ch == "(") - (ch == ")")
        if depth < 0:
            return False
    return depth == 0


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
