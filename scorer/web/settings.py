"""What the operator chose on the command line, in one place the app and the pool read."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

MEGABYTE = 1024 * 1024


@dataclass(frozen=True)
class ServeSettings:
    host: str = "127.0.0.1"
    port: int = 8765
    workers: int = 0  # 0: one per core
    rubric: str = "auto"  # the choice the page starts with
    rubrics_dir: Path | None = None
    max_bytes: int = 20 * MEGABYTE
    token: str | None = None
    timeout: float = 60.0  # seconds a request may wait and be scored before a 503
    queue: int = 64  # requests that may wait for a worker before a 503

    @property
    def worker_count(self) -> int:
        return self.workers if self.workers > 0 else max(1, os.cpu_count() or 1)
