"""`rolscore compare OLD NEW`: last year's report against this year's, or two drafts."""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console

from scorer.cli.common import user_errors

MEGABYTE = 1024 * 1024


class CompareFormat(str, Enum):
    table = "table"
    json = "json"


def compare_command(
    old: Annotated[Path, typer.Argument(help="上一年度的报告（或上一稿）", show_default=False)],
    new: Annotated[Path, typer.Argument(help="本年度的报告（或新一稿）", show_default=False)],
    rubric: Annotated[str, typer.Option("--rubric", "-r", help="评分细则：auto、内置 id 或 YAML 文件路径")] = "auto",
    fmt: Annotated[CompareFormat, typer.Option("--format", "-f", help="输出格式")] = CompareFormat.table,
    html: Annotated[Optional[Path], typer.Option("--html", help="同时写出对比网页（.html）", show_default=False)] = None,
    max_size: Annotated[float, typer.Option("--max-size", help="单个文件大小上限（MB）", min=0.001)] = 20,
) -> None:
    """对比同一单位的两份报告：得分和各要素的变化、照搬上一年度的句子、上一年度安排是否落实、问题是否整改。"""
    from scorer.api import Scorer
    from scorer.compare.model import comparison_dict
    from scorer.compare.run import compare_reports, load

    with user_errors():
        if html is not None and html.suffix.lower() not in (".html", ".htm"):
            from scorer.errors import ScorerError

            raise ScorerError(str(html), "对比网页的文件名应以 .html 结尾", "例如 --html 对比.html")
        scorer = Scorer.open(rubric, max_bytes=int(max_size * MEGABYTE))
        comparison = compare_reports(load(old, scorer), load(new, scorer))
        if html is not None:
            from scorer.batch.atomic import write_text
            from scorer.compare.page import render_comparison_html

            write_text(html, render_comparison_html(comparison))
            Console(stderr=True, highlight=False).print(f"对比网页已写入：{html}", markup=False)
    if fmt is CompareFormat.json:
        sys.stdout.write(json.dumps(comparison_dict(comparison), ensure_ascii=False, indent=2) + "\n")
    else:
        from scorer.compare.table import render_comparison

        render_comparison(comparison, Console(highlight=False, soft_wrap=False))
