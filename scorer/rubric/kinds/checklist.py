"""`checklist` rules: several named sub-checks, met when enough are found."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, PositiveInt

from scorer.rubric.blocks import Patterns, Strict
from scorer.rubric.kinds.phrases import phrases

# Where the kind stands in listings (error messages, the JSON Schema).
ORDER = 2


class Check(Patterns):
    """One named sub-check of a checklist (for example 行政执法公示 of 三项制度)."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    title: str


class ChecklistRule(Strict):
    """Several named sub-checks; met when `met_at` of them (default: all) are found."""

    kind: Literal["checklist"]
    checks: list[Check] = Field(min_length=1)
    met_at: PositiveInt | None = None
    named: Patterns | None = None
    context: Patterns | None = None
    note: str | None = None


MODEL = ChecklistRule


def summary(rule: ChecklistRule) -> str:
    checks = "；".join(f"{c.title}：{phrases(c)}" for c in rule.checks)
    need = rule.met_at or len(rule.checks)
    named = f"；整体名称 {phrases(rule.named)}" if rule.named else ""
    return f"清单（{need}/{len(rule.checks)} 项）{checks}{named}"
