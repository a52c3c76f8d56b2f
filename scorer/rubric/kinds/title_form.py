"""`title_form` rules: the title is that of the report the 督察工作规定 asks for."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from scorer.rubric.blocks import Patterns, Strict
from scorer.rubric.kinds.phrases import phrases

ORDER = 7


class TitleFormRule(Strict):
    """The title names the agency and the year (`require`) and what is reported (`names`, shown as `names_label`)."""

    kind: Literal["title_form"]
    require: list[Literal["agency", "year"]] = Field(default_factory=lambda: ["agency", "year"])
    names: Patterns
    names_label: str = Field(min_length=1)
    note: str | None = None


MODEL = TitleFormRule


def summary(rule: TitleFormRule) -> str:
    return "标题写明 " + "、".join(rule.require) + f" 和“{rule.names_label}”：" + phrases(rule.names)
