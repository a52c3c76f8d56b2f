"""The worker process: rubrics compiled once at start, then one job at a time from its pipe.

Only bytes and finished answers cross the pipe; nothing a worker sees is written
anywhere. A worker ignores Ctrl+C (the service stops it by closing its pipe) and caps
its own address space, so a file that inflates without end fails alone.
"""

from __future__ import annotations

import json
import resource
import signal
import traceback
from dataclasses import dataclass
from multiprocessing.connection import Connection

READY = "ready"
MEMORY_LIMIT = 3 * 1024 * 1024 * 1024  # bytes of address space per worker

# Scored once at start, so the first drafter does not wait for lazy loading (jieba, templates).
WARM_UP_TEXT = """某县司法局2024年度法治政府建设情况报告
一、主要举措和成效
（一）全面落实行政执法公示制度、执法全过程记录制度、重大执法决定法制审核制度，全年办理行政复议案件8件。
二、存在的不足和原因
执法队伍专业能力有待提高，原因是培训不够系统。
三、下一年度工作安排
2025年，我局将继续推进依法行政。
"""


INTERNAL_ERROR = "评分时出现内部错误（日志已记录出错位置，不含报告内容），请联系服务管理员"


@dataclass(frozen=True)
class Job:
    view: str  # "json": the JSON contract only; "page": also the scorecard page (and the commented .docx)
    name: str  # a safe label, see names.safe_name
    data: bytes
    rubric: str  # a catalogue key


@dataclass
class Outcome:
    status: int
    error: str | None = None  # the one line a user reads
    json_text: str | None = None
    page: str | None = None
    commented: bytes | None = None
    score: float | None = None
    grade: str | None = None
    detail: str | None = None  # for the service's log only: a bug's frames, never report text


def run_job(scorers: dict, titles: dict[str, str], job: Job, specs: dict[str, str] | None = None) -> Outcome:
    from scorer.api import ReadError, ScorerError, UnsupportedFormat, result_dict, scorecard_html

    scorer = scorers.get(job.rubric)
    if scorer is None:
        return Outcome(400, error=f"没有这个评分细则：{job.rubric}（可选的评分细则见 /api/rubrics）")
    try:
        scored = scorer.score_bytes(job.data, job.name)
    except UnsupportedFormat as exc:
        return Outcome(415, error=exc.line())
    except ReadError as exc:
        return Outcome(400, error=exc.line())
    except ScorerError as exc:  # a rubric fault (a runaway pattern): the service's, not the drafter's
        return Outcome(500, error=exc.line())
    result = scored.result
    if job.rubric != "auto":
        result.rubric.reason = f"按所选评分细则“{titles[job.rubric]}”评分"
    outcome = Outcome(200, score=result.score, grade=result.grade)
    outcome.json_text = json.dumps(result_dict(result), ensure_ascii=False, indent=2) + "\n"
    if job.view == "page":
        from scorer.web.commented import commented_docx

        outcome.page = scorecard_html(scored)
        outcome.commented = commented_docx(job.data, job.name, scored, (specs or {}).get(job.rubric))
    return outcome


def worker_main(conn: Connection, choices: list[tuple[str, str, str]], max_bytes: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    except (ValueError, OSError):
        pass
    from scorer.api import Scorer, scorecard_html

    scorers = {key: Scorer.open(spec, max_bytes=max_bytes) for key, spec, _ in choices}
    titles = {key: title for key, _, title in choices}
    specs = {key: spec for key, spec, _ in choices}
    scorecard_html(scorers["auto"].score_text(WARM_UP_TEXT))
    import scorer.web.commented  # noqa: F401  (the Word-comments writer, loaded before the first drafter)
    try:
        conn.send(READY)
        serve_jobs(conn, scorers, titles, specs)
    except (BrokenPipeError, EOFError, OSError):
        return  # the service closed the pipe: it is stopping, or gave up on this worker


def serve_jobs(conn: Connection, scorers: dict, titles: dict[str, str], specs: dict[str, str]) -> None:
    while True:
        job = conn.recv()
        try:
            outcome = run_job(scorers, titles, job, specs)
        except MemoryError:
            outcome = Outcome(400, error=f"{job.name}: 文件内容展开后过大，无法评分（请用 Word 或 WPS 打开后另存，再试）")
        except Exception as exc:  # a bug: say so without the report's words (a message may quote them)
            frames = "".join(traceback.format_tb(exc.__traceback__))
            outcome = Outcome(500, error=INTERNAL_ERROR, detail=f"{type(exc).__name__}\n{frames}")
        conn.send(outcome)
