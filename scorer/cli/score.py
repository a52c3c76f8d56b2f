"""`rolscore score`: score one or more reports and print a table or JSON; optionally write
each report's HTML scorecard and a Word copy with comments."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from scorer.api import Scorer
from scorer.batch.annotated import AnnotateOptions, annotated_paths, write_annotated
from scorer.batch.scorecards import page_paths, write_scorecard
from scorer.cli.common import fail, user_errors, verdict_exit
from scorer.cli.options import FailUnderOption, MaxSizeOption, RubricOption, ScoringOptions, StrictOption
from scorer.engine.results import ReportResult
from scorer.engine.selection import AUTO
from scorer.errors import ExitCode, ScorerError, UsageError
from scorer.read import MAX_BYTES_DEFAULT
from scorer.render.json_out import failure_entry, failure_text, render_entries, result_dict
from scorer.render.table import render_table
from scorer.visible import SafeConsole as Console


class Format(str, Enum):
    table = "table"
    json = "json"


def _open_scorer(rubric: str, max_bytes: int = MAX_BYTES_DEFAULT) -> Scorer:
    with user_errors():
        return Scorer.open(rubric, max_bytes=max_bytes)


def score_command(
    files: Annotated[list[Path], typer.Argument(help="要评分的报告文件（.txt .docx .pdf .html 等）", show_default=False, readable=False)],
    rubric: RubricOption = AUTO,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="输出格式")] = Format.table,
    fail_under: FailUnderOption = None,
    strict: StrictOption = False,
    max_size: MaxSizeOption = 20,
    html: Annotated[Optional[Path], typer.Option("--html", help="同时写出 HTML 评分卡：单个报告给网页路径（.html），多个报告给目录", show_default=False)] = None,
    annotate: Annotated[Optional[Path], typer.Option("--annotate", help="同时写出带批注的 Word 文件：单个报告给文件路径（.docx），多个报告给目录；.pdf/.html/.txt 报告生成新的 .docx", show_default=False)] = None,
    annotate_all: Annotated[bool, typer.Option("--annotate-all", help="已满足的要素也加批注（默认只批注部分满足和缺失的要素）")] = False,
    annotate_author: Annotated[str, typer.Option("--annotate-author", help="批注的作者名")] = "rolscore",
) -> None:
    """对一个或多个报告逐项评分。"""
    options = ScoringOptions(rubric, fail_under, strict, max_size)
    with user_errors():
        if annotate is None and (annotate_all or annotate_author != "rolscore"):
            raise UsageError("--annotate-all 和 --annotate-author 需与 --annotate 一起使用")
    annotate_options = AnnotateOptions(annotate_author, annotate_all, rubric if rubric != AUTO else None)
    scorer = _open_scorer(options.rubric, max_bytes=options.max_bytes)
    with user_errors():
        pages = page_paths(files, html) if html is not None else []
        copies = annotated_paths(files, annotate) if annotate is not None else []
    results: list[ReportResult] = []
    entries: list[dict] = []  # for --format json: each report, or its error, in the order given
    failed = False
    console = Console(highlight=False, soft_wrap=False)
    for number, file in enumerate(files):
        try:
            scored = scorer.score_path(file)
            result = scored.result
        except ScorerError as exc:
            fail(exc.line())
            failed = True
            entries.append(failure_entry(str(file), failure_text(str(file), exc)))
            continue
        if html is not None:
            try:
                write_scorecard(scored, pages[number])
                Console(stderr=True, highlight=False).print(f"评分卡已写入：{pages[number]}", markup=False)
            except ScorerError as exc:
                fail(exc.line())
                failed = True
        if annotate is not None:
            try:
                write_annotated(file, scored, copies[number], annotate_options, options.max_bytes)
                Console(stderr=True, highlight=False).print(f"批注文件已写入：{copies[number]}", markup=False)
            except ScorerError as exc:
                fail(exc.line())
                failed = True
        results.append(result)
        entries.append(result_dict(result))
        if fmt is Format.table:
            render_table(result, console)
    if fmt is Format.json and entries:
        sys.stdout.write(render_entries(entries, single=len(files) == 1))
        sys.stdout.flush()
    if failed:
        raise typer.Exit(ExitCode.USAGE)
    raise typer.Exit(verdict_exit(results, options.fail_under, options.strict))
