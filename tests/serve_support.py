"""Helpers for the web service's tests: a worker whose job can be made slow, and uploads."""

from __future__ import annotations

import time

from scorer.web import worker as real

SLOW_MARK = "慢"  # an upload whose name holds this takes SLOW_SECONDS before it is scored
SLOW_SECONDS = 30.0


def slow_worker_main(conn, choices, max_bytes) -> None:
    """The real worker, except that a job named with SLOW_MARK first sleeps (a runaway job)."""
    scored = real.run_job

    def run_job(scorers, titles, job, specs=None):
        if SLOW_MARK in job.name:
            time.sleep(SLOW_SECONDS)
        return scored(scorers, titles, job, specs)

    real.run_job = run_job
    real.worker_main(conn, choices, max_bytes)
