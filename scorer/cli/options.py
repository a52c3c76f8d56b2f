"""Options that `score` and `audit` share, declared once (typer `Annotated` aliases), and the one frozen
object they reach the work as."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Optional

import typer

MEGABYTE = 1024 * 1024

RubricOption = Annotated[str, typer.Option("--rubric", "-r", help="评分细则：auto（按每份报告的单位和地名自动选择省级细则，叠加部门细则）、内置 id（如 national、zhejiang、zhejiang+emergency）或 YAML 文件路径")]
FailUnderOption = Annotated[Optional[float], typer.Option("--fail-under", help="任一报告得分低于此值时退出码为 1", min=0, max=100)]
StrictOption = Annotated[bool, typer.Option("--strict", help="任一报告必备要素未满足时退出码为 1")]
MaxSizeOption = Annotated[float, typer.Option("--max-size", help="单个文件大小上限（MB）", min=0.001)]


@dataclass(frozen=True)
class ScoringOptions:
    """What `score` and `audit` share: which rubric, the size limit, and when the exit code says 1."""

    rubric: str
    fail_under: float | None = None
    strict: bool = False
    max_size_mb: float = 20

    @property
    def max_bytes(self) -> int:
        return int(self.max_size_mb * MEGABYTE)
