"""`rolscore audit DIR`: score every report in a folder and write the scorecards,
the index page, summary.csv and results.jsonl. It only wires the steps in scorer.batch.tasks
and the renderers.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable
from dataclasses import replace
from contextlib import nullcontext
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, ProgressColumn, SpinnerColumn, Task as ProgressTask, TextColumn, TimeRemainingColumn
from rich.markup import escape
from rich.text import Text

from scorer.batch.atomic import AtomicLines, write_chunks, write_text
from scorer.batch.outdir import OutputFolder
from scorer.batch.tasks import Discovery, Outcome, Task, discover, score_tasks
from scorer.engine.summary import ElementInfo, Row, Totals, ranked, summarise
from scorer.cli.common import user_errors, verdict_exit
from scorer.cli.options import ScoringOptions
from scorer.errors import ExitCode, UsageError
from scorer.batch.outnames import safe_name, unique_names
from scorer.read import supported_suffixes
from scorer.render.audit_json import write_audit_json
from scorer.render.audit_table import render_audit_table
from scorer.render.csv_out import render_csv
from scorer.render.pages import index_chunks
from scorer.batch.annotated import SUFFIX as ANNOTATED_SUFFIX, AnnotateOptions
from scorer.cli.audit import AuditFormat
from scorer.api import Scorer
from scorer.visible import SafeConsole
from scorer.cli.audit_across import COMPARE_DIR, previous_findings, shared_findings

DEFAULT_OUT_ROOT = Path("reports_out")
PAGES_DIR = "reports"
INDEX, CSV, JSONL, XLSX = "index.html", "summary.csv", "results.jsonl", "summary.xlsx"
XLSX_KEPT = "summary.上次.xlsx"  # the replaced workbook, kept when some of its reviews found no row


@dataclass(frozen=True)
class AuditOptions:
    """What only `audit` has: where to write, which files, how many workers, what to show."""

    out: Path | None = None
    pattern: str | None = None
    jobs: int | None = None
    fmt: AuditFormat = AuditFormat.table
    quiet: bool = False
    annotate: AnnotateOptions | None = None  # a commented copy of each Word draft (`--annotate`)
    xlsx: bool = True  # write the reviewer's workbook (`--no-xlsx`: not)
    previous: Path | None = None  # last year's reports, to compare each report with (`--previous`)


def run(folder: Path, options: ScoringOptions, audit: AuditOptions) -> None:
    """The audit itself; `scorer.cli.audit` holds its command-line signature."""
    rubric, fail_under, strict = options.rubric, options.fail_under, options.strict
    out, pattern, jobs, fmt, quiet, annotate = audit.out, audit.pattern, audit.jobs, audit.fmt, audit.quiet, audit.annotate
    err = SafeConsole(stderr=True, highlight=False, soft_wrap=True)
    with user_errors():
        selector, out_dir, found = _prepare(folder, rubric, out, pattern)
        if audit.previous is not None and not audit.previous.is_dir():
            raise UsageError(f"{audit.previous}: --previous 应是上一年度报告所在的目录")

    rows = [Row(file=str(found.path(rel)), relative=rel, page=f"{PAGES_DIR}/{name}") for rel, name in zip(found.reports, unique_names(found.reports), strict=True)]
    workers = jobs or _cpu_count()
    show_progress = not quiet and sys.stdout.isatty()
    try:
        # Everything is written into a staging folder and swapped in whole at the end.
        with user_errors(), OutputFolder(out_dir, {INDEX, CSV, JSONL, XLSX, XLSX_KEPT, PAGES_DIR, COMPARE_DIR}) as output, AtomicLines(output.staging / JSONL) as jsonl:
            stage = output.staging
            tasks = [Task(path=row.file, page=str(stage / row.page), index_href=f"../{INDEX}", error=found.problems.get(row.relative)) for row in rows]
            if annotate is not None:  # a commented copy of each Word draft, beside its scorecard
                copies = unique_names(found.reports, suffix=ANNOTATED_SUFFIX)
                tasks = [
                    replace(task, annotated=str(stage / PAGES_DIR / copy), annotate=annotate) if task.path.lower().endswith(".docx") else task
                    for task, copy in zip(tasks, copies, strict=True)
                ]
            collector = _Collector(rows, jsonl)
            _score(tasks, rubric, workers, options.max_bytes, show_progress, collector.take)
            totals = summarise(rows, found.skipped_count, collector.catalogue(), selector.compiled)
            ranking = ranked(rows)
            jsonl.commit()
            write_text(stage / CSV, render_csv(ranking, totals), durable=False)
            carried = _write_workbook(stage, out_dir, rows, ranking, totals, selector, str(folder)) if audit.xlsx else None
            across = shared_findings(rows, collector.prints)
            if audit.previous is not None:
                across["previous"] = previous_findings(rows, audit.previous, selector, stage, INDEX)
            write_chunks(stage / INDEX, index_chunks(ranking, totals, _rubric_label(selector), found.skipped, str(folder), across=across))
            output.commit()
    except KeyboardInterrupt:
        err.print(f"[bold red]已中断：[/]输出目录 {escape(str(out_dir))} 保持上一次审核的结果，本次没有写出任何文件。", markup=True)
        raise typer.Exit(ExitCode.INTERRUPTED) from None

    _show(ranking, totals, found, fmt, quiet, out_dir, err, audit.xlsx)
    if carried is not None and carried.kept and not quiet:
        err.print(f"{out_dir / XLSX}：保留了上次填写的 {carried.kept} 条复核意见", markup=False)
    if carried is not None and carried.lost:
        err.print(f"{out_dir / XLSX}：{carried.lost} 条复核意见对应的报告或要素已不在本次审核中，上次的工作簿另存为 {out_dir / XLSX_KEPT}", markup=False)
    raise typer.Exit(_exit_code(rows, fail_under, strict))


def _write_workbook(stage: Path, out_dir: Path, rows: list[Row], ranking: list[Row], totals: Totals, scorer: Scorer, source: str):
    """summary.xlsx, keeping what a reviewer filled in the one it replaces (read from the output folder)."""
    from scorer.workbook.carry import rewrite_keeping_reviews
    from scorer.workbook.writer import WorkbookContext, write_workbook

    grades = scorer.compiled.rubric.grades
    context = WorkbookContext(_rubric_label(scorer), source, datetime.now(), (grades.excellent, grades.good, grades.passing))
    return rewrite_keeping_reviews(
        stage / XLSX, lambda carried: write_workbook(stage / XLSX, rows, ranking, totals, stage / JSONL, context, carried), source=out_dir / XLSX
    )


class _Collector:
    """Takes each file's outcome as it comes: its row, its results.jsonl line, its elements."""

    def __init__(self, rows: list[Row], jsonl: AtomicLines) -> None:
        self.rows = rows
        self.jsonl = jsonl
        self.seen: dict[str, tuple[tuple[int, int], ElementInfo]] = {}
        self.prints: dict[int, bytes] = {}  # each scored report's masked sentence keys

    def take(self, index: int, outcome: Outcome) -> None:
        row = self.rows[index]
        row.summary = outcome.summary.shared() if outcome.summary is not None else None
        row.error = outcome.error
        self.jsonl.put(index, outcome.line)
        if outcome.prints:
            self.prints[index] = outcome.prints
        for position, info in enumerate(outcome.elements):
            key = (index, position)
            if info.id not in self.seen or key < self.seen[info.id][0]:
                self.seen[info.id] = (key, info)

    def catalogue(self) -> dict[str, ElementInfo]:
        """Every element any report was scored on, in the order of the first report that has it
        (not the order the workers finished in, so that columns are the same on every run)."""
        return {info.id: info for _, info in sorted(self.seen.values(), key=lambda item: item[0])}


def _prepare(folder: Path, rubric: str, out: Path | None, pattern: str | None) -> tuple[Scorer, Path, Discovery]:
    if not folder.exists():
        raise UsageError(f"{folder}: 报告目录不存在（请检查路径）")
    if not folder.is_dir():
        raise UsageError(f"{folder}: 不是目录（评分单个文件请用 rolscore score）")
    if not os.access(folder, os.R_OK | os.X_OK):
        raise UsageError(f"{folder}: 没有读取这个目录的权限（请检查目录权限，或用有权限的账号运行）")
    # Loaded here so that a broken rubric is one line before any report is read.
    selector = Scorer.open(rubric)
    out_dir = out if out is not None else DEFAULT_OUT_ROOT / safe_name(folder.resolve().name)
    source, target = folder.resolve(), out_dir.resolve()
    if target == source or source in target.parents:
        raise UsageError(f"{out_dir}: 输出目录在报告目录 {folder} 之内，审核不会写入报告目录（请用 --out 指定报告目录以外的位置）")
    if target in source.parents:
        # The pages go to out/reports/ and the index to out/: either could land among the reports.
        raise UsageError(f"{out_dir}: 报告目录 {folder} 在输出目录之内，评分卡可能写进报告目录（请用 --out 指定报告目录以外的位置）")
    if out_dir.exists() and not out_dir.is_dir():
        raise UsageError(f"{out_dir}: 已存在同名文件，不能作为输出目录（请用 --out 指定其他位置）")
    found = discover(folder, supported_suffixes(), pattern, exclude=out_dir)
    if not found.reports:
        skipped = f"；跳过了 {found.skipped_count} 个其他文件" if found.skipped_count else ""
        where = f"匹配 {pattern} 的" if pattern else ""
        raise UsageError(f"{folder}: 没有找到{where}报告文件（支持 {' '.join(supported_suffixes())}{skipped}）")
    return selector, out_dir, found


def _cpu_count() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


class _RateColumn(ProgressColumn):
    def render(self, task: ProgressTask) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:.1f} 份/秒" if speed else "— 份/秒", style="progress.data.speed")


def _score(tasks: list[Task], rubric: str, workers: int, max_bytes: int, show_progress: bool, take: Callable[[int, Outcome], None]) -> None:
    progress = (
        Progress(
            SpinnerColumn(),
            TextColumn("评分中"),
            BarColumn(),
            MofNCompleteColumn(),
            _RateColumn(),
            TextColumn("剩余"),
            TimeRemainingColumn(),
            console=SafeConsole(highlight=False),
            transient=True,
        )
        if show_progress
        else None
    )
    with progress or nullcontext():
        bar = progress.add_task("评分", total=len(tasks)) if progress else None

        def advance(index: int, outcome: Outcome) -> None:
            take(index, outcome)
            if progress is not None and bar is not None:
                progress.advance(bar)

        score_tasks(tasks, rubric, workers, max_bytes, advance)


def _rubric_label(selector: Scorer) -> str:
    if selector.selector.auto:
        return "按每份报告的单位和地名自动选择（省级细则叠加部门细则）"
    rubric = selector.compiled.rubric
    return f"{rubric.title}（{rubric.id} {rubric.version}）"


def _show(ranking: list[Row], totals: Totals, found: Discovery, fmt: AuditFormat, quiet: bool, out_dir: Path, err: Console, xlsx: bool = True) -> None:
    if fmt is not AuditFormat.table:
        # Streamed from results.jsonl: the full results were never all in memory.
        with open(out_dir / JSONL, encoding="utf-8") as lines:
            if fmt is AuditFormat.json:
                write_audit_json(sys.stdout, totals, found.skipped, lines)
            else:
                shutil.copyfileobj(lines, sys.stdout)
    sys.stdout.flush()
    if fmt is AuditFormat.table and not quiet:
        console = SafeConsole(highlight=False)
        render_audit_table(ranking, totals, console)
        workbook = f"{out_dir / XLSX}（复核用工作簿）、" if xlsx else ""
        written = f"{out_dir / INDEX}（汇总页）、{out_dir / PAGES_DIR}/（{totals.scored} 份评分卡）、{workbook}{out_dir / CSV}、{out_dir / JSONL}"
        console.print(Text.assemble("\n", ("已写入 ", "bold"), written))
        return
    # Without the table, each failed file still gets its one line.
    for row in ranking:
        if row.summary is None:
            err.print(Text("错误：", style="bold red").append(f"{row.file}: {row.error}"))


def _exit_code(rows: list[Row], fail_under: float | None, strict: bool) -> int:
    """The same for every output format."""
    results = [row.summary for row in rows if row.summary is not None]
    if len(results) < len(rows):
        return ExitCode.BELOW  # a file that could not be scored
    return verdict_exit(results, fail_under, strict)
