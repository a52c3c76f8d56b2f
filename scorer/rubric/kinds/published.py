"""`published` rules: the report went public by the deadline."""

from __future__ import annotations

from typing import Literal

from datetime import date

from pydantic import field_validator

from scorer.rubric.blocks import Strict

ORDER = 8


class PublishedRule(Strict):
    """Published by `deadline` (MM-DD) of the year after the one reported; with no date known, not applicable."""

    kind: Literal["published"]
    deadline: str = "03-31"
    note: str | None = None

    @field_validator("deadline")
    @classmethod
    def _month_day(cls, value: str) -> str:
        try:
            month, day = (int(part) for part in value.split("-"))
            date(2024, month, day)  # a leap year: 02-29 is a day some year has
        except ValueError:
            raise ValueError(f"截止日期应写成“月-日”，如 03-31，而不是 “{value}”") from None
        return f"{month:02d}-{day:02d}"


MODEL = PublishedRule


def summary(rule: PublishedRule) -> str:
    return f"按时公开：不晚于报告年度次年 {rule.deadline}"
