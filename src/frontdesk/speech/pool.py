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
import itertools
import queue
import sys
import threading
from collections.abc import Callable
from concurrent.futures import Future
from contextvars import ContextVar
from typing import Any, TypeVar

T = TypeVar("T")

FIRST, REST, BACKGROUND = 0, 1, 2
SYNTHESIS_PRIORITY: ContextVar[int | None] = ContextVar("synthesis_priority", default=None)
"""What the current task is synthesizing: FIRST, REST, BACKGROUND; None: unknown (a reply's
first sentence is then FIRST and the rest REST)."""

_STOP = sys.maxsize


class PriorityPool:
    def __init__(self, workers: int, name: str) -> None:
        self._jobs: queue.PriorityQueue[tuple[int, int, Future | None, Callable | None, tuple]] = (
            queue.PriorityQueue())
        self._order = itertools.count()
        self._threads = [threading.Thread(target=self._work, name=f"{name}_{i}", daemon=True)
                         for i in range(max(1, workers))]
        for thread in self._threads:
            thread.start()

    def submit(self, priority: int, fn: Callable[..., T], *args: Any) -> Future[T]:
        future: Future[T] = Future()
        self._jobs.put((priority, next(self._order), future, fn, args))
        return future

    async def run(self, priority: int, fn: Callable[..., T], *args: Any) -> T:
        """``fn(*args)`` on a worker; cancelling the caller drops the job if it has not started."""
        return await asyncio.wrap_future(self.submit(priority, fn, *args))

    def _work(self) -> None:
        while True:
            _, _, future, fn, args = self._jobs.get()
            if future is None or fn is None:
                return
            if not future.set_running_or_notify_cancel():
                continue  # cancelled while it waited
            try:
                result = fn(*args)
            except BaseException as exc:  # handed to whoever waits for it
                future.set_exception(exc)
            else:
                future.set_result(result)

    def shutdown(self) -> None:
        """Cancel what has not started; the workers stop after the job in hand."""
        while True:
            try:
                _, _, future, _, _ = self._jobs.get_nowait()
            except queue.Empty:
                break
            if future is not None:
                future.cancel()
        for _ in self._threads:
            self._jobs.put((_STOP, next(self._order), None, None, ()))
