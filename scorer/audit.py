"""Audit a folder: find the reports, score each in a worker process, sum up the results.

Each worker loads the rubric once (pool initializer; with `--rubric auto` each rubric
it picks is compiled once per worker), then for every file reads, scores and writes
its scorecard page itself, so report texts never travel between
processes. A file that cannot be scored becomes a row with its error; it never stops
the batch.
"""

from __future__ import annotations

import os
import statistics
from dataclasses import dataclass, field
from collections.abc import Callable, Iterable
from pathlib import Path, PurePosixPath

from scorer.atomic import write_text
from scorer.compiled import CompiledRubric
from scorer.errors import ScorerError
from scorer.pipeline import score_file_with_text
from scorer.pool import Crashed, run_parallel
from scorer.render.html import render_scorecard
from scorer.results import ReportResult, Status
from scorer.selection import RubricSelector

SKIP_UNSUPPORTED = "类型不支持"
SKIP_HIDDEN = "隐藏文件或临时文件"
SKIP_GLOB = "不匹配 --glob"
# Below this many files, starting worker processes costs more than it saves.
PARALLEL_MIN_FILES = 8
GENERATOR_MARK = b'<meta name="generator" content="rolscore'
CRASHED = "评分进程意外退出（可能是文件过大或触发了程序缺陷；请单独用 rolscore score 评分此文件，并反馈给维护者）"


@dataclass(frozen=True)
class Discovery:
    root: Path
    reports: list[str]  # paths relative to root, with /, sorted
    skipped: dict[str, list[str]]  # reason -> relative paths

    def path(self, relative: str) -> Path:
        return self.root / relative

    @property
    def skipped_count(self) -> int:
        return sum(len(paths) for paths in self.skipped.values())


def discover(root: Path, suffixes: Iterable[str], pattern: str | None = None, exclude: Path | None = None) -> Discovery:
    """Every report under `root`, recursively: the file types a reader supports.

    Hidden folders (.git, .svn) are not entered. Hidden files and Office lock files
    (~$报告.docx) are skipped, and so are files of other types or not matching `pattern`
    (matched against the path relative to `root`, like '*.txt' or '2023/*').
    """
    wanted = {suffix.lower() for suffix in suffixes}
    excluded = exclude.resolve() if exclude is not None else None
    reports: list[str] = []
    skipped: dict[str, list[str]] = {}
    for folder, dirs, files in os.walk(root):
        here = Path(folder)
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and (excluded is None or (here / d).resolve() != excluded))
        for name in sorted(files):
            relative = (here / name).relative_to(root).as_posix()
            reason = _skip_reason(relative, name, wanted, pattern)
            if reason is None and not (here / name).is_file():
                continue  # a broken link or a socket: not a file at all
            if reason is None:
                reports.append(relative)
            else:
                skipped.setdefault(reason, []).append(relative)
    return Discovery(root=root, reports=sorted(reports), skipped=skipped)


def _skip_reason(relative: str, name: str, wanted: set[str], pattern: str | None) -> str | None:
    if name.startswith((".", "~$")):
        return SKIP_HIDDEN
    if pattern and not PurePosixPath(relative).match(pattern):
        return SKIP_GLOB
    if PurePosixPath(name).suffix.lower() not in wanted:
        return SKIP_UNSUPPORTED
    return None


@dataclass(frozen=True)
class Task:
    path: str  # the file to read, as the user would name it
    page: str | None  # where to write its scorecard page, or None for no page
    index_href: str | None = None  # the link from the page back to the index


@dataclass(frozen=True)
class Outcome:
    result: ReportResult | None
    error: str | None  # one line: what went wrong and what to do


@dataclass
class Row:
    """One line of the audit: a scored report or a file that failed."""

    file: str
    relative: str
    page: str | None  # the scorecard, relative to the output folder
    result: ReportResult | None = None
    error: str | None = None


@dataclass(frozen=True)
class _WorkerState:
    selector: RubricSelector
    max_bytes: int


_worker: _WorkerState | None = None  # set once per worker process by the pool initializer


def _init_worker(rubric: str, max_bytes: int) -> None:
    global _worker
    _worker = _WorkerState(RubricSelector(rubric), max_bytes)


def _score_task(task: Task) -> Outcome:
    assert _worker is not None, "the pool initializer sets the worker state"
    return score_one(task, _worker.selector, _worker.max_bytes)


def score_one(task: Task, scorer: CompiledRubric | RubricSelector, max_bytes: int) -> Outcome:
    try:
        scored = score_file_with_text(task.path, scorer, max_bytes=max_bytes)
        if task.page is not None:
            write_text(task.page, render_scorecard(scored.result, scored.text, index_href=task.index_href))
        return Outcome(scored.result, None)
    except ScorerError as exc:
        _drop_stale_page(task.page)
        # The row already names the file; keep the source only when it is another one.
        if exc.source == task.path:
            return Outcome(None, exc.problem + (f"（{exc.hint}）" if exc.hint else ""))
        return Outcome(None, exc.line())
    except Exception as exc:  # noqa: BLE001 - a bug must cost this file its row, not the batch
        _drop_stale_page(task.page)
        detail = " ".join(f"{type(exc).__name__}: {exc}".split())
        return Outcome(None, f"评分时出现程序错误：{detail}（请反馈给维护者，并附上此文件）")


def _drop_stale_page(page: str | None) -> None:
    """A scorecard left by an earlier run for a file that now fails would show an old verdict."""
    if page is None:
        return
    try:
        with open(page, "rb") as existing:
            ours = GENERATOR_MARK in existing.read(2048)
        if ours:
            os.unlink(page)
    except OSError:
        pass


def score_tasks(
    tasks: list[Task],
    rubric: str,
    jobs: int,
    max_bytes: int,
    on_done: Callable[[int, Outcome], None] = lambda index, outcome: None,
) -> list[Outcome]:
    """Score every task, in `jobs` worker processes when that pays; results in task order."""
    if jobs <= 1 or len(tasks) < PARALLEL_MIN_FILES:
        selector = RubricSelector(rubric)
        outcomes = []
        for index, task in enumerate(tasks):
            outcome = score_one(task, selector, max_bytes)
            on_done(index, outcome)
            outcomes.append(outcome)
        return outcomes

    def done(index: int, value: Outcome | Crashed) -> None:
        on_done(index, _as_outcome(value))

    values = run_parallel(_score_task, tasks, min(jobs, len(tasks)), done, _init_worker, (rubric, max_bytes))
    return [_as_outcome(value) for value in values]


def _as_outcome(value: Outcome | Crashed) -> Outcome:
    return Outcome(None, CRASHED) if isinstance(value, Crashed) else value


# ------------------------------------------------------------------ summing up


@dataclass
class ElementTally:
    id: str
    title: str
    required: bool
    counts: dict[Status, int] = field(default_factory=lambda: {"met": 0, "partial": 0, "missing": 0})

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def share(self, status: Status) -> float:
        """The share of the reports this element applies to that have this status, 0..1."""
        return self.counts[status] / self.total if self.total else 0.0


@dataclass
class Totals:
    files: int  # reports found (scored + failed)
    scored: int
    failed: int
    skipped: int
    mean: float | None
    median: float | None
    grades: dict[str, int]
    elements: list[ElementTally]  # the base rubric's order, then elements only some rubrics add
    rubrics: dict[str, int]  # rubric id -> reports scored with it (they differ with --rubric auto)

    def most_missed(self) -> list[ElementTally]:
        """Elements by how many reports miss them, then by how many meet them only partly."""
        order = {tally.id: i for i, tally in enumerate(self.elements)}
        return sorted(self.elements, key=lambda t: (-t.counts["missing"], -t.counts["partial"], order[t.id]))


GRADES = ("优秀", "良好", "合格", "不合格")


def summarise(rows: list[Row], skipped: int, base: CompiledRubric | None = None) -> Totals:
    """Totals over the scored rows. Reports scored with different rubrics (a province's,
    a department's) share the base rubric's elements; an element only some rubrics add
    is counted over the reports it applies to."""
    results = [row.result for row in rows if row.result is not None]
    scores = [result.score for result in results]
    tallies: dict[str, ElementTally] = {}
    for e in base.rubric.elements if base is not None else []:
        tallies[e.id] = ElementTally(e.id, e.title, e.required)
    grades = {grade: 0 for grade in GRADES}
    rubrics: dict[str, int] = {}
    for result in results:
        grades[result.grade] = grades.get(result.grade, 0) + 1
        rubrics[result.rubric.id] = rubrics.get(result.rubric.id, 0) + 1
        for element in result.elements:
            tally = tallies.setdefault(element.id, ElementTally(element.id, element.title, element.required))
            tally.counts[element.status] += 1
    return Totals(
        files=len(rows),
        scored=len(results),
        failed=len(rows) - len(results),
        skipped=skipped,
        mean=round(statistics.fmean(scores), 1) if scores else None,
        median=round(statistics.median(scores), 1) if scores else None,
        grades=grades,
        elements=list(tallies.values()),
        rubrics=dict(sorted(rubrics.items(), key=lambda item: (-item[1], item[0]))),
    )


def ranked(rows: list[Row]) -> list[Row]:
    """Highest score first; files that failed last. Ties keep file order."""
    scored = sorted((r for r in rows if r.result is not None), key=lambda r: (-r.result.score, r.relative))  # type: ignore[union-attr]
    failed = sorted((r for r in rows if r.result is None), key=lambda r: r.relative)
    return scored + failed
