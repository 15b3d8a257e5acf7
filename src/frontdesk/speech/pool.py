"""Worker threads that take the most urgent job first.

A plain thread pool serves jobs in the order they came. For speech synthesis that order is
wrong under load: one call's long reply queues four sentences the caller will not hear for
seconds, and another caller, whose reply has not started, waits behind all of them for its first
clause. Here each job has a priority (:data:`FIRST` the opening clause of a reply someone is
waiting for, :data:`REST` what plays after it, :data:`BACKGROUND` warming the phrase cache) and
the oldest job of the most urgent kind runs next.

Which kind a synthesis is comes from :data:`SYNTHESIS_PRIORITY`, a context variable the phrase
cache sets per piece of a reply, so the engines' one-method interface (``stream(text)``) stays.
"""

from __future__ import annotations

import asyncio
import heapq
import itertools
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from contextvars import ContextVar
from typing import Any, TypeVar

T = TypeVar("T")

FIRST, REST, BACKGROUND = 0, 1, 2
SYNTHESIS_PRIORITY: ContextVar[int | None] = ContextVar("synthesis_priority", default=None)
"""What the current task is synthesizing: FIRST, REST, BACKGROUND; None: unknown (a reply's
first sentence is then FIRST and the rest REST)."""


class PriorityPool:
    """A thread pool whose next job is the most urgent one waiting, then the oldest.

    The threads are a :class:`ThreadPoolExecutor`'s (so the interpreter joins them at exit as it
    does any pool's); each job submitted queues one "run the most urgent job" on it, so there
    are always as many runs as jobs and every job that is not cancelled runs.
    """

    def __init__(self, workers: int, name: str) -> None:
        self._executor = ThreadPoolExecutor(max_workers=max(1, workers), thread_name_prefix=name)
        self._waiting: list[tuple[int, int, Future, Callable, tuple]] = []
        self._lock = threading.Lock()
        self._order = itertools.count()

    def submit(self, priority: int, fn: Callable[..., T], *args: Any) -> Future[T]:
        future: Future[T] = Future()
        with self._lock:
            heapq.heappush(self._waiting, (priority, next(self._order), future, fn, args))
        self._executor.submit(self._run_most_urgent)
        return future

    async def run(self, priority: int, fn: Callable[..., T], *args: Any) -> T:
        """``fn(*args)`` on a worker; cancelling the caller drops the job if it has not started."""
        return await asyncio.wrap_future(self.submit(priority, fn, *args))

    def _run_most_urgent(self) -> None:
        while True:
            with self._lock:
                if not self._waiting:
                    return  # an earlier run took this one's job, or it was cancelled
                _, _, future, fn, args = heapq.heappop(self._waiting)
            if future.set_running_or_notify_cancel():
                break  # a cancelled job is dropped and the next most urgent one taken
        try:
            result = fn(*args)
        except BaseException as exc:  # handed to whoever waits for it
            future.set_exception(exc)
        else:
            future.set_result(result)

    def shutdown(self) -> None:
        """Cancel what has not started; the workers stop after the job in hand."""
        with self._lock:
            waiting, self._waiting = self._waiting, []
        for _, _, future, _, _ in waiting:
            future.cancel()
        self._executor.shutdown(wait=False, cancel_futures=True)
