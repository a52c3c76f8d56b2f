"""`metadata` rules: what the title or opening names (agency, year)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, PositiveInt

from scorer.rubric.blocks import Patterns, Strict
from scorer.rubric.kinds.phrases import phrases

# Where the kind stands in listings (error messages, the JSON Schema).
ORDER = 5


class MetadataRule(Strict):
    """Checks what the title or opening names: the agency (with its place) and the year."""

    kind: Literal["metadata"]
    require: list[Literal["agency", "year"]] = Field(min_length=1)
    agency_needs_place: bool = True
    note: str | None = None


MODEL = MetadataRule


def summary(rule: MetadataRule) -> str:
    return "标题或开头写明 " + "、".join(rule.require)
