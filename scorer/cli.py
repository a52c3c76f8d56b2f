"""The `rolscore` command. It only wires the steps: read, score, render, exit code."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console

from scorer import __version__
from scorer.commands.audit import audit as audit_command
from scorer.commands.rubric import rubric_app
from scorer.commands.scorecard import page_paths, write_scorecard
from scorer.compiled import CompiledRubric, get_compiled
from scorer.commands.common import EXIT_ERROR, fail, new_app, user_errors, verdict_exit
from scorer.errors import ScorerError
from scorer.pipeline import score_file_with_text
from scorer.render.json_out import render_json
from scorer.render.table import render_table
from scorer.results import ReportResult
from scorer.selection import AUTO, RubricSelector

app = new_app("rolscore", "法治政府建设年度报告评分工具：按评分细则逐项检查报告，给出依据、得分和修改建议。")

MEGABYTE = 1024 * 1024


class Format(str, Enum):
    table = "table"
    json = "json"


def load(rubric: str) -> CompiledRubric:
    with user_errors():
        return get_compiled(rubric)


def load_selector(rubric: str) -> RubricSelector:
    with user_errors():
        return RubricSelector(rubric)


@app.command()
def score(
    files: Annotated[list[Path], typer.Argument(help="要评分的报告文件（.txt .docx .pdf .html 等）", show_default=False)],
    rubric: Annotated[str, typer.Option("--rubric", "-r", help="评分细则：auto（按报告单位和地名自动选择省级细则，叠加部门细则）、内置 id（如 national、zhejiang、zhejiang+emergency）或 YAML 文件路径")] = AUTO,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="输出格式")] = Format.table,
    fail_under: Annotated[Optional[float], typer.Option("--fail-under", help="任一报告得分低于此值时退出码为 1", min=0, max=100)] = None,
    strict: Annotated[bool, typer.Option("--strict", help="必备要素未满足时退出码为 1")] = False,
    max_size: Annotated[float, typer.Option("--max-size", help="单个文件大小上限（MB）", min=0.001)] = 20,
    html: Annotated[Optional[Path], typer.Option("--html", help="同时写出 HTML 评分卡：单个报告给网页路径（.html），多个报告给目录", show_default=False)] = None,
) -> None:
    """对一个或多个报告逐项评分。"""
    selector = load_selector(rubric)
    with user_errors():
        pages = page_paths(files, html) if html is not None else []
    results: list[ReportResult] = []
    failed = False
    console = Console(highlight=False, soft_wrap=False)
    for number, file in enumerate(files):
        try:
            if html is None:
                result = selector.score_file(file, max_bytes=int(max_size * MEGABYTE))
            else:
                scored = score_file_with_text(file, selector, max_bytes=int(max_size * MEGABYTE))
                result = scored.result
        except ScorerError as exc:
            fail(exc.line())
            failed = True
            continue
        if html is not None:
            try:
                write_scorecard(scored, pages[number])
                Console(stderr=True, highlight=False).print(f"评分卡已写入：{pages[number]}", markup=False)
            except ScorerError as exc:
                fail(exc.line())
                failed = True
        results.append(result)
        if fmt is Format.table:
            render_table(result, console)
    if fmt is Format.json and results:
        sys.stdout.write(render_json(results, single=len(files) == 1))
        sys.stdout.flush()
    if failed:
        raise typer.Exit(EXIT_ERROR)
    raise typer.Exit(verdict_exit(results, fail_under, strict))


from scorer.commands.evaluate import evaluate_command  # noqa: E402
from scorer.commands.serve import serve as serve_command  # noqa: E402

app.command("evaluate")(evaluate_command)
app.command("audit")(audit_command)
app.command("serve")(serve_command)
app.add_typer(rubric_app, name="rubric")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"rolscore {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="显示版本号")] = False,
) -> None:
    """法治政府建设年度报告评分工具。"""


def main() -> None:
    app()
