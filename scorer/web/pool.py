"""Worker processes that score while the event loop keeps serving.

Each worker owns a pipe; a request borrows an idle worker, and a thread (one per
worker) sends the job and waits for the answer, so the event loop never blocks. A job
that overruns the time limit gets its worker killed and replaced: the drafter gets a
503 and the next request a fresh, warmed-up worker. Requests beyond the queue limit
are turned away at once.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import time
from concurrent.futures import ThreadPoolExecutor
from multiprocessing.connection import Connection

from scorer.web.worker import READY, Job, Outcome, worker_main

STARTUP_SECONDS = 120.0  # a cold worker imports the engine and compiles every rubric
CRASHED = "评分进程意外退出，已自动重启；请再试一次（若同一文件反复出错，请联系服务管理员）"


class Busy(Exception):
    """No worker could take the request in time, or too many are waiting already."""


class TimedOut(Exception):
    """The worker did not finish within the time limit and was replaced."""


class _Worker:
    def __init__(self, context, target, args: tuple) -> None:
        self._context = context
        self._target = target
        self._args = args
        self._process = None
        self._conn: Connection | None = None
        self._ready = False
        self.closed = False  # the service is stopping: no more replacements
        self.start()

    def start(self) -> None:
        parent, child = self._context.Pipe()
        self._process = self._context.Process(target=self._target, args=(child, *self._args), daemon=True)
        self._process.start()
        child.close()
        self._conn, self._ready = parent, False

    def wait_ready(self, timeout: float = STARTUP_SECONDS) -> None:
        if self._ready:
            return
        if not self._conn.poll(timeout):
            raise RuntimeError("worker did not start in time")
        message = self._conn.recv()
        if message != READY:  # pragma: no cover - the worker sends nothing else first
            raise RuntimeError(f"worker sent {message!r} instead of ready")
        self._ready = True

    def settle(self) -> None:
        """Waits (in a pool thread) until a replaced worker is ready; one that fails to start is replaced again."""
        try:
            self.wait_ready()
        except (EOFError, OSError, RuntimeError):
            self.restart()

    def restart(self) -> None:
        self.stop(grace=0)
        if not self.closed:
            self.start()

    def stop(self, grace: float = 2.0) -> None:
        if self._conn is not None:
            self._conn.close()
        if self._process is not None and self._process.is_alive():
            self._process.join(grace)
            if self._process.is_alive():
                self._process.kill()
                self._process.join()

    @property
    def ready(self) -> bool:
        return self._ready

    def call(self, job: Job, timeout: float) -> Outcome:
        """Runs in a pool thread: the worker answers within `timeout` seconds or is replaced."""
        started = time.monotonic()
        try:
            self.wait_ready()
            self._conn.send(job)
            answered = self._conn.poll(max(0.0, timeout - (time.monotonic() - started)))
            if answered:
                return self._conn.recv()
        except (EOFError, OSError, RuntimeError):
            self.restart()
            return Outcome(500, error=CRASHED, detail="worker exited while scoring")
        self.restart()
        raise TimedOut


class ScoringPool:
    def __init__(self, workers: int, choices: list[tuple[str, str, str]], max_bytes: int, queue: int, target=worker_main) -> None:
        self.size = workers
        self._target = target  # the worker's main function (tests wrap it to make a job slow)
        self.queue_limit = queue
        self._args = (choices, max_bytes)
        self._workers: list[_Worker] = []
        self._idle: asyncio.Queue[_Worker] | None = None
        self._threads = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="rolscore-worker")
        self.waiting = 0

    async def start(self) -> None:
        """Starts every worker and waits until each has compiled its rubrics."""
        context = multiprocessing.get_context("spawn")  # never fork a process that runs threads
        self._workers = [_Worker(context, self._target, self._args) for _ in range(self.size)]
        loop = asyncio.get_running_loop()
        await asyncio.gather(*(loop.run_in_executor(self._threads, worker.wait_ready) for worker in self._workers))
        self._idle = asyncio.Queue()
        for worker in self._workers:
            self._idle.put_nowait(worker)

    @property
    def busy(self) -> int:
        return self.size - (self._idle.qsize() if self._idle else 0)

    @property
    def ready(self) -> int:
        return sum(worker.ready for worker in self._workers)

    async def run(self, job: Job, deadline: float) -> Outcome:
        """The job's outcome; `Busy` or `TimedOut` when it cannot be had by `deadline` (loop time)."""
        loop = asyncio.get_running_loop()
        if self._idle is None:
            raise Busy
        if self._idle.empty() and self.waiting >= self.queue_limit:
            raise Busy
        self.waiting += 1
        try:
            worker = await asyncio.wait_for(self._idle.get(), max(0.0, deadline - loop.time()))
        except TimeoutError:
            raise Busy from None
        finally:
            self.waiting -= 1
        # The worker returns to the idle queue when its thread is done, even if this
        # request has gone away (the client closed the page) in the meantime; a worker
        # replaced after a runaway job returns once its successor is ready.
        future = self._threads.submit(worker.call, job, max(0.1, deadline - loop.time()))
        future.add_done_callback(lambda _: self._release(loop, worker))
        return await asyncio.wrap_future(future)

    def _release(self, loop: asyncio.AbstractEventLoop, worker: _Worker) -> None:
        if worker.ready:
            loop.call_soon_threadsafe(self._idle.put_nowait, worker)
            return
        settled = self._threads.submit(worker.settle)
        settled.add_done_callback(lambda _: loop.call_soon_threadsafe(self._idle.put_nowait, worker))

    async def close(self) -> None:
        loop = asyncio.get_running_loop()
        for worker in self._workers:
            worker.closed = True
        await asyncio.gather(*(loop.run_in_executor(None, worker.stop) for worker in self._workers))
        self._threads.shutdown(wait=False, cancel_futures=True)
