"""`terms` rules: phrases in the sentences the element may draw evidence from."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, PositiveInt

from scorer.rubric.blocks import Patterns, Strict
from scorer.rubric.kinds.phrases import phrases

# Where the kind stands in listings (error messages, the JSON Schema).
ORDER = 1


class TermsRule(Patterns):
    """Met where a phrase is found in a sentence the element may draw evidence from.

    `roles` narrows or widens where this one rule looks (hits there count fully); by
    default the element's own scope applies.
    """

    kind: Literal["terms"]
    with_: Patterns | None = Field(default=None, alias="with")
    unless: Patterns | None = None
    within: Literal["clause", "sentence"] = "sentence"
    headings: bool = True
    roles: list[str] | None = None
    note: str | None = None


MODEL = TermsRule


def summary(rule: TermsRule) -> str:
    text = "词语 " + phrases(rule)
    if rule.with_ is not None:
        text += f"；同一{'分句' if rule.within == 'clause' else '句子'}须有 {phrases(rule.with_)}"
    if rule.unless is not None:
        text += f"；排除 {phrases(rule.unless)}"
    return text
