"""`figures` rules: distinct concrete figures about the work."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, PositiveInt

from scorer.rubric.blocks import Patterns, Strict
from scorer.rubric.kinds.phrases import phrases

# Where the kind stands in listings (error messages, the JSON Schema).
ORDER = 4


class FiguresRule(Strict):
    """Counts distinct concrete figures (counts, percentages, amounts) about the work."""

    kind: Literal["figures"]
    met_at: PositiveInt = 3
    partial_at: PositiveInt = 1
    units: list[str] = Field(min_length=1)
    note: str | None = None


MODEL = FiguresRule


def summary(rule: FiguresRule) -> str:
    return f"具体数字：{rule.met_at} 个满足，{rule.partial_at} 个部分满足"
