"""`rolscore audit`: the command-line signature only.

The audit's machinery (process pool, HTML pages, progress bar) loads when the command
runs, so `rolscore score` on one file does not pay for it at start-up.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from scorer.cli.options import FailUnderOption, MaxSizeOption, RubricOption, ScoringOptions, StrictOption

from scorer.engine.selection import AUTO


class AuditFormat(str, Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"


def audit(
    folder: Annotated[Path, typer.Argument(help="报告所在目录（含子目录）", metavar="DIR", show_default=False, readable=False)],
    rubric: RubricOption = AUTO,
    out: Annotated[Optional[Path], typer.Option("--out", "-o", help="输出目录（默认 reports_out/<报告目录名>）", show_default=False)] = None,
    pattern: Annotated[Optional[str], typer.Option("--glob", "-g", help="只评分相对路径匹配此模式的文件，如 '*.txt'、'2023/*'", show_default=False)] = None,
    jobs: Annotated[Optional[int], typer.Option("--jobs", "-j", help="并行进程数（默认：全部 CPU 核）", min=1, show_default=False)] = None,
    fmt: Annotated[AuditFormat, typer.Option("--format", "-f", help="终端输出格式")] = AuditFormat.table,
    fail_under: FailUnderOption = None,
    strict: StrictOption = False,
    max_size: MaxSizeOption = 20,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="不显示进度条和汇总表，只报告错误")] = False,
    annotate: Annotated[bool, typer.Option("--annotate", help="为每份 Word 报告（.docx）在其评分卡旁写出带批注的副本（<文件名>-批注.docx）")] = False,
    annotate_all: Annotated[bool, typer.Option("--annotate-all", help="已满足的要素也加批注")] = False,
    annotate_author: Annotated[str, typer.Option("--annotate-author", help="批注的作者名")] = "rolscore",
    xlsx: Annotated[bool, typer.Option("--xlsx/--no-xlsx", help="写出复核用工作簿 summary.xlsx（报告很多且不需要在 Excel 中复核时可用 --no-xlsx 节省时间）")] = True,
) -> None:
    """审核一个目录中的全部报告：逐份评分，写出汇总页、各报告评分卡、复核用工作簿 summary.xlsx、summary.csv 和 results.jsonl。

    任一文件无法评分时退出码为 1（其他文件照常评分）；用法错误时为 2。
    """
    from scorer.batch.annotated import AnnotateOptions
    from scorer.cli.audit_run import AuditOptions, run

    annotating = AnnotateOptions(annotate_author, annotate_all, rubric if rubric != AUTO else None) if annotate or annotate_all else None
    run(folder, ScoringOptions(rubric, fail_under, strict, max_size), AuditOptions(out, pattern, jobs, fmt, quiet, annotating, xlsx))
