"""The embedded engine: an in-process worker over the jobs table (SQLite, one process).

It runs every due job, at most ``concurrency`` at a time, then sleeps until the next one is due
(at most ``poll_s``), and is woken at once when a job is added in this process. Jobs left
``running`` by a process that stopped are due again at start, and jobs that fell due while
the server was down run as soon as it starts. One process only: two servers on one SQLite
file would both run the worker (a job still runs once — claiming is atomic — but use
PostgreSQL and procrastinate for more than one process).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import datetime

from frontdesk.config import JobSettings
from frontdesk.jobs.runner import JobRunner

log = logging.getLogger(__name__)

MIN_SLEEP_S = 0.02


class LocalWorker:
    def __init__(self, runner: JobRunner, settings: JobSettings) -> None:
        self._runner = runner
        self._store = runner.store
        self._settings = settings
        self._wake = asyncio.Event()
        self._loop_task: asyncio.Task[None] | None = None
        self._running: set[asyncio.Task[str]] = set()
        self._in_flight: set[str] = set()
        self._limit = asyncio.Semaphore(settings.concurrency)

    async def start(self, *, work: bool = True) -> None:
        if not work:
            return  # another process runs them (the jobs wait in their table)
        released = await self._store.release_running()
        if released:
            log.info("jobs interrupted by the last stop are due again", extra={"count": released})
        self._store.on_added = self.notice
        self._loop_task = asyncio.create_task(self._loop(), name="frontdesk-jobs")

    def notice(self, _job_id: str, _run_at: datetime) -> None:
        """A job was added (or rescheduled) and committed: look again now."""
        self._wake.set()

    async def close(self) -> None:
        self._store.on_added = None
        if self._loop_task is not None:
            self._loop_task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._loop_task
        for task in list(self._running):
            task.cancel()
        if self._running:
            await asyncio.gather(*self._running, return_exceptions=True)

    async def _loop(self) -> None:
        while True:
            try:
                await self._run_due()
                await self._sleep()
            except asyncio.CancelledError:
                raise
            except Exception:  # the database may be away for a moment: keep the worker alive
                log.exception("the job worker failed to read due jobs; retrying")
                await asyncio.sleep(self._settings.poll_s)

    async def _run_due(self) -> None:
        now = self._runner.clock()
        for job_id in await self._store.due(now, limit=self._settings.concurrency * 4):
            if job_id in self._in_flight:
                continue
            await self._limit.acquire()
            self._in_flight.add(job_id)
            task = asyncio.create_task(self._run(job_id))
            self._running.add(task)
            task.add_done_callback(self._running.discard)

    async def _run(self, job_id: str) -> str:
        try:
            return await self._runner.run(job_id)
        except asyncio.CancelledError:
            raise
        except Exception:  # recording the outcome failed; the job stays running until restart
            log.exception("running a job failed", extra={"job_id": job_id})
            return "error"
        finally:
            self._in_flight.discard(job_id)
            self._limit.release()

    async def _sleep(self) -> None:
        timeout = self._settings.poll_s
        upcoming = await self._store.next_run_at()
        if upcoming is not None:
            # Not below MIN_SLEEP_S: a due job being claimed right now must not spin the loop.
            timeout = max(MIN_SLEEP_S, min(timeout, (upcoming - self._runner.clock()).total_seconds()))
        self._wake.clear()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._wake.wait(), timeout)
