"""`section` rules: the report has a part with a role, with content."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, PositiveInt

from scorer.rubric.blocks import Patterns, Strict
from scorer.rubric.kinds.phrases import phrases

# Where the kind stands in listings (error messages, the JSON Schema).
ORDER = 3


class SectionRule(Strict):
    """Met when the report has a part with this role and at least `min_chars` of content."""

    kind: Literal["section"]
    role: str
    min_chars: PositiveInt = 40
    note: str | None = None


MODEL = SectionRule


def summary(rule: SectionRule) -> str:
    return f"部分 {rule.role}，至少 {rule.min_chars} 字"
