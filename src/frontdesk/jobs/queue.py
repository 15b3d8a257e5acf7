"""The PostgreSQL engine: procrastinate runs the jobs, so several processes share the work.

Each job row (:mod:`frontdesk.storage.jobs`) gets one procrastinate job, ``frontdesk.run_job``,
deferred when the row is committed with ``schedule_at`` its due time and the row's id as the
queueing lock (never two waiting for one row). Procrastinate's workers — in every server
process, or in ``frontdesk worker`` processes — take them with PostgreSQL's locks and LISTEN /
NOTIFY; the shared :class:`~frontdesk.jobs.runner.JobRunner` claims the row, runs the handler
and records the outcome, exactly as the local engine does. A periodic sweep (every
``sweep_s``) defers any due row the queue has not heard of — one written by a process that
stopped before telling the queue — and frees rows left running by a process that died.

procrastinate's own tables are created at the first start (its ``schema.sql``, under an
advisory lock so two processes starting together do not both apply it).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy.engine import make_url

from frontdesk.config import JobSettings
from frontdesk.jobs.runner import JobRunner

log = logging.getLogger(__name__)

QUEUE = "frontdesk"
_SCHEMA_LOCK = 7_303_655_107  # pg_advisory_xact_lock key: "frontdesk procrastinate schema"


def conninfo(database_url: str) -> str:
    """A libpq connection string from the SQLAlchemy URL (``postgresql+asyncpg://…``)."""
    return make_url(database_url).set(drivername="postgresql").render_as_string(hide_password=False)


class ProcrastinateEngine:
    def __init__(self, runner: JobRunner, settings: JobSettings, database_url: str) -> None:
        try:
            import procrastinate
        except ModuleNotFoundError as exc:  # an extra, like the PostgreSQL driver
            raise ValueError("the job queue for PostgreSQL is not installed "
                             f"({exc.name}); pip install 'frontdesk[postgres]'") from exc
        self._procrastinate = procrastinate
        self._runner = runner
        self._store = runner.store
        self._settings = settings
        self._app = procrastinate.App(connector=procrastinate.PsycopgConnector(
            conninfo=conninfo(database_url), min_size=1, max_size=4))
        self._worker: asyncio.Task[None] | None = None
        self._deferring: set[asyncio.Task[None]] = set()

        @self._app.task(name="frontdesk.run_job", queue=QUEUE)
        async def run_job(job_id: str) -> None:
            await runner.run(job_id)

        @self._app.periodic(cron=f"*/{settings.sweep_s} * * * * *", periodic_id="sweep")
        @self._app.task(name="frontdesk.sweep", queue=QUEUE, queueing_lock="frontdesk.sweep")
        async def sweep(timestamp: int) -> None:
            await self.sweep()

        self._run_job = run_job

    async def start(self, *, work: bool = True) -> None:
        """Open the queue; with ``work``, run a worker in this process too."""
        await self._app.open_async()
        await self._ensure_schema()
        self._store.on_added = self.notice
        await self.sweep()
        if work:
            self._worker = asyncio.create_task(self._app.run_worker_async(
                queues=[QUEUE], concurrency=self._settings.concurrency, wait=True,
                install_signal_handlers=False, delete_jobs="successful",
                fetch_job_polling_interval=self._settings.poll_s,
                name=f"frontdesk-{socket.gethostname()}-{os.getpid()}"), name="frontdesk-queue")

    async def run_forever(self) -> None:
        """``frontdesk worker``: only run jobs, until cancelled."""
        await self.start(work=True)
        try:
            assert self._worker is not None
            await self._worker
        finally:
            await self.close()

    async def close(self) -> None:
        self._store.on_added = None
        if self._worker is not None:
            self._worker.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._worker
            self._worker = None
        if self._deferring:
            await asyncio.gather(*self._deferring, return_exceptions=True)
        await self._app.close_async()

    def notice(self, job_id: str, run_at: datetime) -> None:
        """A job row was committed: give it its procrastinate job."""
        task = asyncio.create_task(self._defer(job_id, run_at))
        self._deferring.add(task)
        task.add_done_callback(self._deferring.discard)

    async def _defer(self, job_id: str, run_at: datetime) -> None:
        try:
            await self._run_job.configure(queueing_lock=job_id, schedule_at=run_at).defer_async(
                job_id=job_id)
        except self._procrastinate.exceptions.AlreadyEnqueued:
            pass  # one is already waiting for this row
        except Exception:  # the sweep defers it later
            log.exception("could not queue a job; the sweep will", extra={"job_id": job_id})

    async def sweep(self) -> None:
        now = self._runner.clock()
        # Wall time, not the process's clock: how long the row has not been touched.
        stale = datetime.now(UTC) - timedelta(seconds=self._settings.timeout_s + 60)
        released = await self._store.release_running(older_than=stale)
        if released:
            log.warning("jobs left running by a stopped worker are due again",
                        extra={"count": released})
        for job_id in await self._store.due(now, limit=500):
            await self._defer(job_id, now)

    async def _ensure_schema(self) -> None:
        connector: Any = self._app.connector
        present = await connector.execute_query_one_async(
            "SELECT to_regclass('procrastinate_jobs') IS NOT NULL AS present")
        if present["present"]:
            return
        schema = self._app.schema_manager.get_schema()
        async with connector.pool.connection() as connection, connection.transaction():
            await connection.execute("SELECT pg_advisory_xact_lock(%s)", (_SCHEMA_LOCK,))
            row = await (await connection.execute(
                "SELECT to_regclass('procrastinate_jobs') IS NOT NULL")).fetchone()
            if not row[0]:
                await connection.execute(schema)
                log.info("created the job queue's tables (procrastinate)")
