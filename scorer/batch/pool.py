"""Run one function over many items in worker processes, losing nothing to a crash.

A worker that dies (killed for memory, a crash in a C extension) breaks a
`ProcessPoolExecutor`: every unfinished item then fails with it. Here the items that
were unfinished are run again; the few that were in flight when the pool broke are the
suspects, and each is retried alone, so only an item that kills its worker every time
is reported as crashed and every other item still gets its result.
"""

from __future__ import annotations

import multiprocessing
import signal
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")


@dataclass(frozen=True)
class Crashed:
    """The item's worker process died every time it ran this item."""


@dataclass
class _Pool(Generic[T, R]):
    fn: Callable[[T], R]
    items: Sequence[T]
    initializer: Callable[..., None] | None
    initargs: tuple[Any, ...]
    on_done: Callable[[int, R | Crashed], None]
    finished: set[int]

    def round(self, indexes: list[int], workers: int, chunked: bool = False) -> list[int]:
        """Run `indexes`; return those left unfinished because the pool broke."""
        # spawn, not fork: the parent may run a progress thread, and forking a process
        # with threads can deadlock the child.
        context = multiprocessing.get_context("spawn")
        pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker, initargs=(self.initializer, self.initargs))
        broken = False
        try:
            futures: dict[Future, list[int]] = {
                pool.submit(_run_chunk, self.fn, [self.items[i] for i in chunk]): chunk
                for chunk in (_chunks(indexes, workers) if chunked else [[i] for i in indexes])
            }
            for future in as_completed(list(futures)):
                chunk = futures.pop(future)  # a finished future holds its results: let them go
                try:
                    values = future.result()
                except BrokenProcessPool:
                    broken = True
                    continue
                for index, value in zip(chunk, values):
                    self._finish(index, value)
        except BaseException:
            # Ctrl-C or a bug: do not wait for the queued items before giving up, and stop
            # the workers (they ignore Ctrl-C) so that none goes on writing files after
            # the caller has cleaned up.
            workers_left = list((getattr(pool, "_processes", None) or {}).values())
            pool.shutdown(wait=False, cancel_futures=True)
            for process in workers_left:
                process.terminate()
            for process in workers_left:
                process.join(timeout=5)
            raise
        pool.shutdown(wait=True)
        if not broken:
            return []
        return [i for i in indexes if i not in self.finished]

    def _finish(self, index: int, value: R | Crashed) -> None:
        self.finished.add(index)
        self.on_done(index, value)


# Items go to workers in small chunks: one round trip per item costs the parent about as
# much as scoring a report, and the parent shares the machine's cores with the workers.
# Chunks stay small so progress stays smooth and a crash retries few items.
CHUNK_MAX = 16


def _chunks(indexes: list[int], workers: int) -> list[list[int]]:
    size = max(1, min(CHUNK_MAX, len(indexes) // (workers * 8)))
    return [indexes[i : i + size] for i in range(0, len(indexes), size)]


def _run_chunk(fn: Callable[[T], R], items: list[T]) -> list[R]:
    return [fn(item) for item in items]


def _start_worker(initializer: Callable[..., None] | None, initargs: tuple[Any, ...]) -> None:
    # Ctrl-C reaches the whole process group; the parent alone decides what to do about
    # it, so workers do not each print a traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if initializer is not None:
        initializer(*initargs)


def run_parallel(
    fn: Callable[[T], R],
    items: Sequence[T],
    workers: int,
    on_done: Callable[[int, R | Crashed], None],
    initializer: Callable[..., None] | None = None,
    initargs: tuple[Any, ...] = (),
) -> None:
    """`fn` over `items` in `workers` processes; `on_done(index, result)` for each.

    `on_done` is called in this process as each item finishes, in completion order;
    results are not kept here, so a large batch costs no memory beyond what `on_done`
    keeps. `fn` and `initializer` must be module-level functions (they are pickled). `fn`
    should turn its own expected failures into values: an exception it raises is
    re-raised here.
    """
    pool: _Pool[T, R] = _Pool(fn, items, initializer, initargs, on_done, set())
    queue = list(range(len(items)))
    first = True
    while queue:
        # Chunks on the first pass; after a crash, one item at a time, so that the item
        # that broke the pool is among the few in flight when it breaks again.
        unfinished = pool.round(queue, workers, chunked=first)
        first = False
        # Workers take items in submission order, so the item that broke the pool is among
        # the first unfinished ones: those running, queued (workers + 1) or in transit.
        suspects, queue = unfinished[: 2 * workers + 1], unfinished[2 * workers + 1 :]
        for index in suspects:
            if pool.round([index], 1):
                pool._finish(index, Crashed())
