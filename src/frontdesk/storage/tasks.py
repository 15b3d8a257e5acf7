"""Tasks for people: callbacks to make and callers who asked for a person.

The conversation store writes them (with the turn that promised them); this store is the inbox
staff work from: list and filter, claim, complete, reschedule, cancel. Every change that moves a
callback writes its event job in the same transaction, so its callback call and alerts follow.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Select, func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from frontdesk.storage.jobs import JobStore
from frontdesk.storage.models import Business, Customer, Task
from frontdesk.storage.models import Conversation as ConversationRow
from frontdesk.storage.transaction import reading, transaction

OPEN = ("pending", "running", "claimed")
"""A task somebody still has to act on."""


class TaskNotFoundError(LookupError):
    pass


class TaskStateError(ValueError):
    """The change does not apply to the task as it is (completing a cancelled one …)."""


@dataclass(slots=True, frozen=True)
class TaskRecord:
    task_id: str
    task_type: str
    """``callback`` or ``human_escalation``."""
    status: str
    """pending, running (a check for a person in progress), claimed, completed, cancelled,
    failed."""
    reason: str | None
    due_at: datetime | None
    business: str
    conversation_id: str
    caller_phone: str | None
    caller_name: str | None
    claimed_by: str | None
    claimed_at: datetime | None
    note: str | None
    created_at: datetime
    completed_at: datetime | None
    human_available: bool | None
    human_agent_name: str | None


def _utc(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def _due(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return _utc(datetime.fromisoformat(value)).astimezone(UTC)
    except ValueError:
        return None


def _query() -> Select:
    # The number the call came from, else the one the caller gave (a text conversation).
    return (select(Task, Business.key, func.coalesce(ConversationRow.caller_phone, Customer.phone),
                   Customer.name)
            .join(ConversationRow, ConversationRow.id == Task.conversation_id)
            .join(Business, Business.id == ConversationRow.business_id)
            .outerjoin(Customer, Customer.id == ConversationRow.customer_id))


def _record(task: Task, business: str, phone: str | None, name: str | None) -> TaskRecord:
    return TaskRecord(task.id, task.task_type, task.status, task.reason, _due(task.due_at),
                      business, task.conversation_id, phone, name, task.claimed_by,
                      _utc(task.claimed_at), task.note, _utc(task.created_at),
                      _utc(task.completed_at), task.human_available, task.human_agent_name)


class TaskStore:
    def __init__(self, sessions: async_sessionmaker, jobs: JobStore) -> None:
        self._sessions = sessions
        self._jobs = jobs

    async def get(self, task_id: str) -> TaskRecord | None:
        async with reading(self._sessions) as db:
            row = (await db.execute(_query().where(Task.id == task_id))).first()
            return _record(*row) if row is not None else None

    async def list(self, *, business: str | None = None, status: str | None = None,
                   task_type: str | None = None, open_only: bool = False,
                   due_before: datetime | None = None, conversation_id: str | None = None,
                   limit: int = 50, offset: int = 0) -> list[TaskRecord]:
        """Soonest due first (tasks without a due time last), then oldest."""
        query = _query()
        if business is not None:
            query = query.where(Business.key == business)
        if status is not None:
            query = query.where(Task.status == status)
        if open_only:
            query = query.where(Task.status.in_(OPEN))
        if task_type is not None:
            query = query.where(Task.task_type == task_type)
        if conversation_id is not None:
            query = query.where(Task.conversation_id == conversation_id)
        query = query.order_by(Task.due_at.is_(None), Task.due_at, Task.created_at, Task.id)
        async with reading(self._sessions) as db:
            records = [_record(*row) for row in (await db.execute(query)).all()]
        if due_before is not None:
            records = [r for r in records if r.due_at is not None and r.due_at <= due_before]
        return records[offset:offset + limit]

    async def claim(self, task_id: str, person: str, *, note: str | None = None) -> TaskRecord:
        """``person`` takes the task: nobody else is sent to it and the agent does not call
        back. Claiming one's own claimed task again is allowed; another's is not."""
        async with transaction(self._sessions) as db:
            task = await self._open(db, task_id)
            if task.status == "claimed" and task.claimed_by != person:
                raise TaskStateError(f"already claimed by {task.claimed_by}")
            if task.status != "claimed":
                task.status, task.claimed_by, task.claimed_at = "claimed", person, datetime.now(UTC)
            task.note = note or task.note
        return await self._fresh(task_id)

    async def complete(self, task_id: str, *, by: str | None = None,
                       note: str | None = None) -> TaskRecord:
        async with transaction(self._sessions) as db:
            task = await self._open(db, task_id)
            task.status, task.completed_at = "completed", datetime.now(UTC)
            task.claimed_by = task.claimed_by or by
            task.note = note or task.note
        return await self._fresh(task_id)

    async def cancel(self, task_id: str, *, note: str | None = None) -> TaskRecord:
        async with transaction(self._sessions) as db:
            task = await self._open(db, task_id)
            task.status, task.note = "cancelled", note or task.note
            await self._jobs.cancel(key_prefix=f"callback_call:{task_id}", reason="task cancelled")
        return await self._fresh(task_id)

    async def reschedule(self, task_id: str, due_at: datetime, *, note: str | None = None) -> TaskRecord:
        """A new due time; a callback's call and alert follow the new time."""
        if due_at.tzinfo is None:
            raise TaskStateError("the due time needs its UTC offset")
        async with transaction(self._sessions) as db:
            task = await self._open(db, task_id)
            task.due_at = due_at.astimezone(UTC).isoformat()
            task.note = note or task.note
            if task.task_type == "callback":
                business = await db.scalar(select(Business.key).join(
                    ConversationRow, ConversationRow.business_id == Business.id).where(
                    ConversationRow.id == task.conversation_id))
                await self._jobs.cancel(key_prefix=f"callback_call:{task_id}",
                                        reason="task rescheduled")
                await self._jobs.add_event("callback_requested", business=business,
                                           conversation_id=task.conversation_id, task_id=task_id,
                                           rescheduled=True)
        return await self._fresh(task_id)

    async def _open(self, db: AsyncSession, task_id: str) -> Task:
        task = await db.get(Task, task_id)
        if task is None:
            raise TaskNotFoundError(task_id)
        if task.status not in OPEN:
            raise TaskStateError(f"the task is {task.status}")
        return task

    async def _fresh(self, task_id: str) -> TaskRecord:
        record = await self.get(task_id)
        assert record is not None
        return record
