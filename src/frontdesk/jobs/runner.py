"""Running one job: claim it, call its handler, record the outcome; retry with backoff.

The same :class:`JobRunner` runs jobs for both engines (:mod:`.local` on SQLite,
:mod:`.queue` on PostgreSQL), so a job behaves the same whichever runs it. A handler is an
``async`` function of the job; it raises to fail the attempt. An exception with
``retryable = False`` (an SMS to an invalid number) gives up at once; any other is retried
after 30 s, 1 min, 2 min … until the job's ``max_attempts``, then the job is ``failed`` with
its last error, visible through the API.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Mapping
from datetime import UTC, datetime, timedelta
from typing import Protocol

from frontdesk.config import JobSettings
from frontdesk.logs import conversation
from frontdesk.storage.jobs import JobRecord, JobStore

log = logging.getLogger(__name__)

Handler = Callable[[JobRecord], Awaitable[None]]
"""Does a job's work; raises to fail the attempt."""


class Clock(Protocol):
    def __call__(self) -> datetime: ...


def utc_now() -> datetime:
    return datetime.now(UTC)


class JobRunner:
    """Runs a job by id; knows every kind's handler."""

    def __init__(self, store: JobStore, handlers: Mapping[str, Handler], settings: JobSettings,
                 *, clock: Clock = utc_now) -> None:
        self.store = store
        self._handlers = dict(handlers)
        self._settings = settings
        self.clock = clock

    @property
    def kinds(self) -> frozenset[str]:
        return frozenset(self._handlers)

    def backoff(self, attempt: int) -> timedelta:
        """The wait after ``attempt`` failed attempts: base, 2 × base, 4 × base … capped."""
        seconds = self._settings.retry_base_s * 2 ** max(0, attempt - 1)
        return timedelta(seconds=min(self._settings.retry_max_s, seconds))

    async def run(self, job_id: str) -> str:
        """Run the job if it is still due and nobody else has it; its status afterwards
        (``skipped`` when it was not run)."""
        job = await self.store.claim(job_id, self.clock())
        if job is None:
            return "skipped"
        with conversation(job.conversation_id):
            return await self._attempt(job)

    async def _attempt(self, job: JobRecord) -> str:
        handler = self._handlers.get(job.kind)
        if handler is None:
            await self.store.give_up(job.job_id, self.clock(), f"no handler for {job.kind!r}")
            log.error("job of an unknown kind", extra={"job_id": job.job_id, "kind": job.kind})
            return "failed"
        try:
            await asyncio.wait_for(handler(job), self._settings.timeout_s)
        except asyncio.CancelledError:
            # The worker is stopping: the job runs again at the next start, not counted.
            await asyncio.shield(self.store.retry_at(job.job_id, self.clock(), "interrupted"))
            raise
        except Exception as exc:
            return await self._failed(job, exc)
        await self.store.succeed(job.job_id, self.clock())
        log.info("job done", extra={"job_id": job.job_id, "kind": job.kind,
                                    "attempt": job.attempts})
        return "done"

    async def _failed(self, job: JobRecord, exc: Exception) -> str:
        error = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
        if isinstance(exc, TimeoutError):
            error = f"timed out after {self._settings.timeout_s:g} s"
        permanent = getattr(exc, "retryable", True) is False
        extra = {"job_id": job.job_id, "kind": job.kind, "attempt": job.attempts, "error": error}
        if permanent or job.attempts >= job.max_attempts:
            await self.store.give_up(job.job_id, self.clock(), error)
            log.error("job gave up", extra=extra)
            return "failed"
        when = self.clock() + self.backoff(job.attempts)
        await self.store.retry_at(job.job_id, when, error)
        log.warning("job failed, will retry", extra={**extra, "retry_at": when.isoformat()})
        return "scheduled"
