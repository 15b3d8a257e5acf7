"""The jobs table: everything that happens later, and the log of every delivery it made.

A job row is the job's truth whichever engine runs it (:mod:`frontdesk.jobs`): when it is due,
how many attempts it has had, its last error, whether it is done, gave up or was cancelled. A
job is written in the transaction of the work that promises it (the turn that books an
appointment writes its ``appointment_booked`` event in the same commit), so a crash loses
neither the promise nor keeps a job for something that was rolled back. The engine is told
about a new job only after that commit (:func:`~frontdesk.storage.transaction.after_commit`).

Claiming is one conditional ``UPDATE``: a job runs at most once at a time, whichever worker or
process picks it up first.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from frontdesk.storage.database import upsert_insert
from frontdesk.storage.models import Business, Delivery, Job
from frontdesk.storage.transaction import after_commit, reading, transaction

STATUSES = ("scheduled", "running", "done", "failed", "cancelled")
OPEN = ("scheduled", "running")
ERROR_CHARS = 2000
"""How much of an error message is kept."""


def new_job_id() -> str:
    return f"job_{uuid.uuid4().hex[:24]}"


@dataclass(slots=True, frozen=True)
class NewJob:
    """A job to write. ``key`` makes it unique: a second job with the same key is not added
    (a cancelled one with that key is brought back instead)."""

    kind: str
    run_at: datetime
    payload: dict[str, Any] = field(default_factory=dict)
    key: str | None = None
    max_attempts: int = 5
    business: str | None = None
    """The business's key."""
    conversation_id: str | None = None
    appointment_id: int | None = None


@dataclass(slots=True, frozen=True)
class JobRecord:
    job_id: str
    kind: str
    key: str | None
    payload: dict[str, Any]
    run_at: datetime
    status: str
    attempts: int
    max_attempts: int
    last_error: str | None
    business: str | None
    conversation_id: str | None
    appointment_id: int | None
    created_at: datetime
    updated_at: datetime
    finished_at: datetime | None


@dataclass(slots=True, frozen=True)
class DeliveryRecord:
    delivery_id: int
    job_id: str | None
    business: str | None
    channel: str
    target: str
    event: str
    status: str
    status_code: int | None
    detail: str | None
    created_at: datetime


def _as_utc(value: datetime) -> datetime:
    if value.tzinfo is None:
        raise ValueError("a job's time needs its zone")
    return value.astimezone(UTC)


def _utc(value: datetime) -> datetime:
    """SQLite hands timestamps back without their zone; they were written in UTC."""
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def _record(row: Job, business: str | None) -> JobRecord:
    return JobRecord(row.id, row.kind, row.key, dict(row.payload or {}), _utc(row.run_at),
                     row.status, row.attempts, row.max_attempts, row.last_error, business,
                     row.conversation_id, row.appointment_id, _utc(row.created_at),
                     _utc(row.updated_at), _utc(row.finished_at) if row.finished_at else None)


class JobStore:
    """Jobs and deliveries in the database.

    ``on_added`` is called with each new job's id and due time after the transaction that
    wrote it commits: the engine running the jobs sets it to hear about them at once.
    """

    def __init__(self, sessions: async_sessionmaker,
                 clock: Callable[[], datetime] = lambda: datetime.now(UTC)) -> None:
        self._sessions = sessions
        self.clock = clock
        """When "now" is for due times (the process's clock; tests move it)."""
        self.on_added: Callable[[str, datetime], None] | None = None

    # --- writing jobs ------------------------------------------------------------------------

    async def add(self, job: NewJob) -> str | None:
        """Write ``job`` in the current transaction (or its own); its id, or None when a job
        with its key is already open or done."""
        async with transaction(self._sessions) as db:
            job_id = await self._add(db, job)
        if job_id is not None:
            after_commit(lambda: self._announce(job_id, job.run_at))
        return job_id

    async def add_event(self, event: str, *, business: str | None, key: str | None = None,
                        conversation_id: str | None = None, appointment_id: int | None = None,
                        **data: Any) -> str | None:
        """Something happened that others may follow up on (``appointment_booked``,
        ``callback_requested`` …): an ``event`` job, due now, written with the change itself.
        Its handler decides what follows (reminders, staff alerts, webhooks)."""
        return await self.add(NewJob("event", self.clock(), {"event": event, **data},
                                     key=key, business=business, conversation_id=conversation_id,
                                     appointment_id=appointment_id))

    async def add_many(self, jobs: Sequence[NewJob]) -> list[str]:
        added = []
        for job in jobs:
            job_id = await self.add(job)
            if job_id is not None:
                added.append(job_id)
        return added

    def _announce(self, job_id: str, run_at: datetime) -> None:
        if self.on_added is not None:
            self.on_added(job_id, run_at)

    async def _add(self, db: AsyncSession, job: NewJob) -> str | None:
        now = datetime.now(UTC)
        # SQLite keeps a timestamp's wall-clock digits and drops its offset: store UTC only.
        job = replace(job, run_at=_as_utc(job.run_at))
        if job.key is not None:
            existing = await db.scalar(select(Job).where(Job.key == job.key))
            if existing is not None:
                if existing.status != "cancelled":
                    return None
                # Cancelled, then promised again (an appointment moved back to its first slot).
                existing.status, existing.run_at, existing.payload = "scheduled", job.run_at, job.payload
                existing.attempts, existing.last_error, existing.finished_at = 0, None, None
                return existing.id
        business_id = None
        if job.business is not None:
            business_id = await db.scalar(select(Business.id).where(Business.key == job.business))
        job_id = new_job_id()
        values = dict(id=job_id, kind=job.kind, key=job.key, payload=job.payload,
                      run_at=job.run_at, status="scheduled", attempts=0,
                      max_attempts=job.max_attempts, business_id=business_id,
                      conversation_id=job.conversation_id, appointment_id=job.appointment_id,
                      created_at=now, updated_at=now)
        # A concurrent transaction may have added the same key since the check above.
        result = await db.execute(upsert_insert(db, Job).values(**values).on_conflict_do_nothing())
        return job_id if result.rowcount else None

    async def cancel(self, *, appointment_id: int | None = None, kinds: Sequence[str] = (),
                     key_prefix: str | None = None, job_id: str | None = None,
                     reason: str = "cancelled") -> int:
        """Cancel open jobs that are not running yet; how many were cancelled."""
        conditions = [Job.status == "scheduled"]
        if appointment_id is not None:
            conditions.append(Job.appointment_id == appointment_id)
        if kinds:
            conditions.append(Job.kind.in_(kinds))
        if key_prefix is not None:
            conditions.append(Job.key.startswith(key_prefix, autoescape=True))
        if job_id is not None:
            conditions.append(Job.id == job_id)
        if len(conditions) == 1:
            raise ValueError("cancel() needs something to select the jobs by")
        async with transaction(self._sessions) as db:
            result = await db.execute(update(Job).where(*conditions).values(
                status="cancelled", last_error=reason, finished_at=datetime.now(UTC),
                updated_at=datetime.now(UTC)))
            return result.rowcount

    # --- running jobs ------------------------------------------------------------------------

    async def due(self, now: datetime, limit: int = 50) -> list[str]:
        """Ids of scheduled jobs due by ``now``, oldest first."""
        now = _as_utc(now)
        async with reading(self._sessions) as db:
            rows = await db.scalars(select(Job.id).where(Job.status == "scheduled",
                                                         Job.run_at <= now)
                                    .order_by(Job.run_at).limit(limit))
            return list(rows)

    async def next_run_at(self) -> datetime | None:
        async with reading(self._sessions) as db:
            value = await db.scalar(select(func.min(Job.run_at)).where(Job.status == "scheduled"))
            return _utc(value) if value is not None else None

    async def claim(self, job_id: str, now: datetime) -> JobRecord | None:
        """Mark a due job running and count the attempt; None if it is not scheduled and due
        (someone else took it, it was cancelled, or it is not due yet)."""
        now = _as_utc(now)
        async with transaction(self._sessions) as db:
            # updated_at is wall time, whatever the process's clock says: a sweep reads it to
            # tell a running job from one a dead worker left behind.
            result = await db.execute(
                update(Job).where(Job.id == job_id, Job.status == "scheduled", Job.run_at <= now)
                .values(status="running", attempts=Job.attempts + 1, updated_at=datetime.now(UTC)))
            if not result.rowcount:
                return None
            return await self._get(db, job_id)

    async def succeed(self, job_id: str, now: datetime) -> None:
        await self._finish(job_id, now, status="done", error=None)

    async def give_up(self, job_id: str, now: datetime, error: str) -> None:
        await self._finish(job_id, now, status="failed", error=error)

    async def retry_at(self, job_id: str, when: datetime, error: str | None) -> None:
        """Back to scheduled, due at ``when`` (after a failed attempt, or a worker stopping)."""
        when = _as_utc(when)
        async with transaction(self._sessions) as db:
            await db.execute(update(Job).where(Job.id == job_id, Job.status == "running").values(
                status="scheduled", run_at=when, last_error=_clip(error),
                updated_at=datetime.now(UTC)))
        after_commit(lambda: self._announce(job_id, when))

    async def release_running(self, *, older_than: datetime | None = None) -> int:
        """Jobs left running by a worker that stopped (or died) go back to scheduled, due now.

        A job's handler must therefore be safe to run again (each one checks before it sends).
        """
        async with transaction(self._sessions) as db:
            condition = [Job.status == "running"]
            if older_than is not None:
                condition.append(Job.updated_at < older_than)
            result = await db.execute(update(Job).where(*condition).values(
                status="scheduled", updated_at=datetime.now(UTC)))
            return result.rowcount

    async def _finish(self, job_id: str, now: datetime, *, status: str, error: str | None) -> None:
        async with transaction(self._sessions) as db:
            values: dict[str, Any] = dict(status=status, finished_at=now,
                                          updated_at=datetime.now(UTC))
            if error is not None:
                values["last_error"] = _clip(error)
            await db.execute(update(Job).where(Job.id == job_id).values(**values))

    # --- reading and managing ----------------------------------------------------------------

    async def get(self, job_id: str) -> JobRecord | None:
        async with reading(self._sessions) as db:
            return await self._get(db, job_id)

    async def _get(self, db: AsyncSession, job_id: str) -> JobRecord | None:
        row = (await db.execute(select(Job, Business.key).outerjoin(
            Business, Business.id == Job.business_id).where(Job.id == job_id))).first()
        return _record(*row) if row is not None else None

    async def list(self, *, status: str | None = None, kind: str | None = None,
                   business: str | None = None, conversation_id: str | None = None,
                   appointment_id: int | None = None, limit: int = 100,
                   offset: int = 0) -> list[JobRecord]:
        """Newest due first."""
        query = select(Job, Business.key).outerjoin(Business, Business.id == Job.business_id)
        if status is not None:
            query = query.where(Job.status == status)
        if kind is not None:
            query = query.where(Job.kind == kind)
        if business is not None:
            query = query.where(Business.key == business)
        if conversation_id is not None:
            query = query.where(Job.conversation_id == conversation_id)
        if appointment_id is not None:
            query = query.where(Job.appointment_id == appointment_id)
        query = query.order_by(Job.run_at.desc(), Job.id).limit(limit).offset(offset)
        async with reading(self._sessions) as db:
            return [_record(job, key) for job, key in (await db.execute(query)).all()]

    async def retry_now(self, job_id: str) -> bool:
        """A job that gave up (or was cancelled) runs again now, with fresh attempts."""
        now = self.clock()
        async with transaction(self._sessions) as db:
            result = await db.execute(update(Job).where(
                Job.id == job_id, or_(Job.status == "failed", Job.status == "cancelled")).values(
                status="scheduled", run_at=now, attempts=0, finished_at=None,
                updated_at=datetime.now(UTC)))
            found = bool(result.rowcount)
        if found:
            after_commit(lambda: self._announce(job_id, now))
        return found

    # --- deliveries ----------------------------------------------------------------------------

    async def log_delivery(self, *, job_id: str | None, business: str | None, channel: str,
                           target: str, event: str, status: str, status_code: int | None = None,
                           detail: str | None = None) -> None:
        """Record one attempt to reach someone (in its own transaction: a failed attempt is
        logged even though the job's attempt fails)."""
        async with transaction(self._sessions) as db:
            business_id = None
            if business is not None:
                business_id = await db.scalar(select(Business.id).where(Business.key == business))
            db.add(Delivery(job_id=job_id, business_id=business_id, channel=channel,
                            target=target[:500], event=event, status=status,
                            status_code=status_code, detail=_clip(detail)))

    async def delivered(self, job_id: str, channel: str, target: str) -> bool:
        """This job already reached ``target`` (an attempt that sent, then failed to record
        its success, is not sent twice)."""
        async with reading(self._sessions) as db:
            found = await db.scalar(select(Delivery.id).where(
                Delivery.job_id == job_id, Delivery.channel == channel, Delivery.target == target,
                Delivery.status == "sent").limit(1))
            return found is not None

    async def deliveries(self, *, job_id: str | None = None, business: str | None = None,
                         limit: int = 100) -> list[DeliveryRecord]:
        query = select(Delivery, Business.key).outerjoin(Business,
                                                         Business.id == Delivery.business_id)
        if job_id is not None:
            query = query.where(Delivery.job_id == job_id)
        if business is not None:
            query = query.where(Business.key == business)
        query = query.order_by(Delivery.id.desc()).limit(limit)
        async with reading(self._sessions) as db:
            return [DeliveryRecord(d.id, d.job_id, key, d.channel, d.target, d.event, d.status,
                                   d.status_code, d.detail, _utc(d.created_at))
                    for d, key in (await db.execute(query)).all()]


def _clip(text: str | None) -> str | None:
    return None if text is None else text[:ERROR_CHARS]

