"""The service's log: one line per scoring request with time, size, type, status, score and
latency. Never the file's name, never its text, never the client's address."""

from __future__ import annotations

import logging
import time

log = logging.getLogger("rolscore.serve")


def log_request(route: str, status: int, size: int | None, kind: str, score: float | None, started: float) -> None:
    elapsed = (time.perf_counter() - started) * 1000
    stamp = time.strftime("%Y-%m-%dT%H:%M:%S%z")
    size_text = "-" if size is None else f"{size}B"
    score_text = "-" if score is None else f"{score:g}"
    log.info("%s %s %d size=%s type=%s score=%s %.0fms", stamp, route, status, size_text, kind, score_text, elapsed)


def log_fault(detail: str) -> None:
    """A bug inside a worker: where it happened (code frames), never what it was scoring."""
    log.error("评分进程内部错误：%s", detail)
