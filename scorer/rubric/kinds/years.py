"""`years` rules: the report speaks of one year throughout."""

from __future__ import annotations

from typing import Literal

from scorer.rubric.blocks import Strict

ORDER = 6


class YearsRule(Strict):
    """The year reported is the same throughout: no sentence of the work done speaks of an
    earlier year as the current one, and next year's plan (`plan_role`) names the year after it."""

    kind: Literal["years"]
    plan_role: str = "plan"
    note: str | None = None


MODEL = YearsRule


def summary(rule: YearsRule) -> str:
    return f"年份一致：正文不把往年当作本年度，{rule.plan_role} 部分写次年"
