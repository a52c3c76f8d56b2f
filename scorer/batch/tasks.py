"""Audit a folder: find the reports and score each in a worker process.

Each worker loads the rubric once (pool initializer; with `--rubric auto` each rubric
it picks is compiled once per worker), then for every file reads, scores and writes
its scorecard page itself, and sends back only the report's JSON line and a small
summary, so report texts never travel between processes and the parent's memory stays
small. A file that cannot be scored becomes a row with its error; it never stops the
batch.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from collections.abc import Callable, Iterable
from pathlib import Path, PurePosixPath

from scorer.batch.annotated import AnnotateOptions, write_annotated
from scorer.batch.atomic import write_text
from scorer.engine.summary import ElementInfo, ReportSummary, elements_of
from scorer.errors import ScorerError
from scorer.api import Scorer
from scorer.batch.pool import Crashed, run_parallel
from scorer.render.pages import render_scorecard
from scorer.render.json_out import failure_text, result_dict
from scorer.visible import json_text

SKIP_UNSUPPORTED = "类型不支持"
SKIP_HIDDEN = "隐藏文件或临时文件"
SKIP_GLOB = "不匹配 --glob"
SKIP_OURS = "rolscore 生成的评分卡页面"
UNREADABLE_FOLDER = "无法进入这个文件夹（{reason}），其中的报告没有评分（请检查文件夹权限，或用有权限的账号运行）"
LINKED_FOLDER = "这是指向其他文件夹的符号链接，没有进入，其中的报告没有评分（请直接审核它指向的文件夹）"
# Below this many files, starting worker processes costs more than it saves.
PARALLEL_MIN_FILES = 8
GENERATOR_MARK = b'<meta name="generator" content="rolscore'
CRASHED = "评分进程意外退出（可能是文件过大或触发了程序缺陷；请单独用 rolscore score 评分此文件，并反馈给维护者）"


@dataclass(frozen=True)
class Discovery:
    root: Path
    reports: list[str]  # paths relative to root, with /, sorted
    skipped: dict[str, list[str]]  # reason -> relative paths
    # Entries among `reports` that could not be entered or read before scoring: path -> error
    problems: dict[str, str] = field(default_factory=dict)

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

    Nothing is left out in silence: a folder that cannot be entered and a link to a
    folder become problems (rows with their reason), and a report-named entry that is
    not a readable file (a broken link, a link loop, a pipe) is a report whose reading
    says what it is.
    """
    wanted = {suffix.lower() for suffix in suffixes}
    excluded = exclude.resolve() if exclude is not None else None
    reports: list[str] = []
    skipped: dict[str, list[str]] = {}
    problems: dict[str, str] = {}

    def unreadable(error: OSError) -> None:
        folder = Path(error.filename)
        if folder != root:
            problems[folder.relative_to(root).as_posix()] = UNREADABLE_FOLDER.format(reason=_reason(error))

    for folder, dirs, files in os.walk(root, onerror=unreadable):
        here = Path(folder)
        entered = []
        for name in sorted(dirs):
            path = here / name
            if name.startswith(".") or (excluded is not None and path.resolve() == excluded):
                continue
            if path.is_symlink():
                problems[path.relative_to(root).as_posix()] = LINKED_FOLDER
            else:
                entered.append(name)
        dirs[:] = entered
        for name in sorted(files):
            relative = (here / name).relative_to(root).as_posix()
            reason = _skip_reason(relative, name, wanted, pattern) or _ours(here / name)
            if reason is None:
                reports.append(relative)
            else:
                skipped.setdefault(reason, []).append(relative)
    return Discovery(root=root, reports=sorted([*reports, *problems]), skipped=skipped, problems=problems)


def _reason(error: OSError) -> str:
    if isinstance(error, PermissionError):
        return "没有读取权限"
    return error.strerror or type(error).__name__


def _skip_reason(relative: str, name: str, wanted: set[str], pattern: str | None) -> str | None:
    if name.startswith((".", "~$")):
        return SKIP_HIDDEN
    if pattern and not _matches(relative, pattern):
        return SKIP_GLOB
    if PurePosixPath(name).suffix.lower() not in wanted:
        return SKIP_UNSUPPORTED
    return None


def _matches(relative: str, pattern: str) -> bool:
    # PurePath.match reads ** as one folder: '**/*.txt' must also match top-level files.
    path = PurePosixPath(relative)
    return path.match(pattern) or (pattern.startswith("**/") and path.match(pattern[3:]))


def _ours(path: Path) -> str | None:
    """A scorecard page an earlier run wrote: never a report to score."""
    if path.suffix.lower() not in (".html", ".htm") or not path.is_file():
        return None  # opening a pipe named x.html would wait forever
    try:
        with path.open("rb") as page:
            return SKIP_OURS if GENERATOR_MARK in page.read(2048) else None
    except OSError:
        return None


@dataclass(frozen=True)
class Task:
    path: str  # the file to read, as the user would name it
    page: str | None  # where to write its scorecard page, or None for no page
    index_href: str | None = None  # the link from the page back to the index
    annotated: str | None = None  # where to write the commented Word copy (`--annotate`), or None
    annotate: AnnotateOptions | None = None
    error: str | None = None  # known before reading: why the file cannot be scored


@dataclass(frozen=True)
class Outcome:
    """What a worker sends back for one file: a scored report, or its error."""

    line: str  # the file's line of results.jsonl (without the newline)
    summary: ReportSummary | None = None
    elements: tuple[ElementInfo, ...] = ()
    error: str | None = None  # one line: what went wrong and what to do

    @staticmethod
    def failed(task: Task, error: str) -> Outcome:
        return Outcome(line=json_text(json.dumps({"file": task.path, "error": error}, ensure_ascii=False)), error=error)


@dataclass(frozen=True)
class _WorkerState:
    scorer: Scorer


_worker: _WorkerState | None = None  # set once per worker process by the pool initializer


def _init_worker(rubric: str, max_bytes: int) -> None:
    global _worker
    _worker = _WorkerState(Scorer.open(rubric, max_bytes=max_bytes))


def _score_task(task: Task) -> Outcome:
    assert _worker is not None, "the pool initializer sets the worker state"
    return score_one(task, _worker.scorer)


def score_one(task: Task, scorer: Scorer) -> Outcome:
    if task.error is not None:
        return Outcome.failed(task, task.error)
    try:
        scored = scorer.score_path(task.path)
        if task.page is not None:
            write_text(task.page, render_scorecard(scored.result, scored.text, index_href=task.index_href), durable=False)
        if task.annotated is not None:
            write_annotated(task.path, scored, task.annotated, task.annotate or AnnotateOptions(), scorer.max_bytes, durable=False)
        line = json_text(json.dumps(result_dict(scored.result), ensure_ascii=False))
        return Outcome(line, ReportSummary.of(scored.result), elements_of(scored.result))
    except ScorerError as exc:
        _drop_stale_page(task.page)
        return Outcome.failed(task, failure_text(task.path, exc))
    except Exception as exc:  # noqa: BLE001 - a bug must cost this file its row, not the batch
        _drop_stale_page(task.page)
        detail = " ".join(f"{type(exc).__name__}: {exc}".split())
        return Outcome.failed(task, f"评分时出现程序错误：{detail}（请反馈给维护者，并附上此文件）")


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


def score_tasks(tasks: list[Task], rubric: str, jobs: int, max_bytes: int, on_done: Callable[[int, Outcome], None]) -> None:
    """Score every task, in `jobs` worker processes when that pays.

    Outcomes go to `on_done` as they come (in completion order), and are not kept here.
    """
    if jobs <= 1 or len(tasks) < PARALLEL_MIN_FILES:
        scorer = Scorer.open(rubric, max_bytes=max_bytes)
        for index, task in enumerate(tasks):
            on_done(index, score_one(task, scorer))
        return

    def done(index: int, value: Outcome | Crashed) -> None:
        on_done(index, Outcome.failed(tasks[index], CRASHED) if isinstance(value, Crashed) else value)

    run_parallel(_score_task, tasks, min(jobs, len(tasks)), done, _init_worker, (rubric, max_bytes))
