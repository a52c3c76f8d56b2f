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
    default the element's own scope applies. `except_roles` says the same as a
    complement: every part of the report but these (the preamble included).
    `followed_by` demands a phrase after the hit in the same sentence: the principal
    leader (the hit) who then 主持 or 听取汇报, not one merely named after the act.
    """

    kind: Literal["terms"]
    with_: Patterns | None = Field(default=None, alias="with")
    followed_by: Patterns | None = None
    unless: Patterns | None = None
    within: Literal["clause", "sentence"] = "sentence"
    headings: bool = True
    roles: list[str] | None = None
    except_roles: list[str] | None = None
    note: str | None = None


MODEL = TermsRule


def summary(rule: TermsRule) -> str:
    text = "词语 " + phrases(rule)
    if rule.with_ is not None:
        text += f"；同一{'分句' if rule.within == 'clause' else '句子'}须有 {phrases(rule.with_)}"
    if rule.followed_by is not None:
        text += f"；其后须有 {phrases(rule.followed_by)}"
    if rule.unless is not None:
        text += f"；排除 {phrases(rule.unless)}"
    if rule.except_roles is not None:
        text += f"；不在 {'、'.join(rule.except_roles)} 部分"
    return text
