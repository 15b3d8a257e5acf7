"""The call log: conversations listed, filtered and searched, one read whole, one deleted.

Read-side queries for ``/api/calls`` (kept out of the routes). They return dataclasses, never
ORM rows. Text search is a case-insensitive ``LIKE`` over the transcript (``ILIKE`` on
PostgreSQL, ``lower() LIKE lower()`` on SQLite): enough for a business's own call log.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Select, delete, exists, func, or_, select, update
from sqlalchemy.ext.asyncio import async_sessionmaker

from frontdesk.storage.models import (
    AgentTransition,
    Appointment,
    Business,
    CallEvent,
    ConversationTurn,
    Customer,
    Job,
    Lead,
)
from frontdesk.storage.models import Conversation as ConversationRow
from frontdesk.storage.records import Turn
from frontdesk.storage.transaction import reading, transaction

OPEN_STATUSES = ("pending", "active")
"""A call still ringing or under way: not deleted."""


class CallInProgressError(RuntimeError):
    """The conversation is still pending or active."""


@dataclass(slots=True, frozen=True)
class CallFilter:
    """What to list; every field narrows the list, None leaves it open."""

    business: str | None = None
    direction: str | None = None
    channel: str | None = None
    outcome: str | None = None
    status: str | None = None
    started_from: datetime | None = None
    """Calls started at or after this moment (with its zone)."""
    started_to: datetime | None = None
    """Calls started before this moment (with its zone)."""
    text: str | None = None
    """Words said by either side, anywhere in the transcript (case does not matter)."""
    lead_id: int | None = None
    phone: str | None = None
    """E.164: the number the call came from or went to, or the customer's own."""


@dataclass(slots=True, frozen=True)
class CallSummary:
    """One conversation as the call log lists it."""

    conversation_id: str
    business: str
    channel: str
    direction: str
    status: str
    outcome: str | None
    summary: str | None
    caller_phone: str | None
    customer_name: str | None
    call_sid: str | None
    telephony_status: str | None
    started_at: datetime
    ended_at: datetime | None
    duration_s: float | None
    """Twilio's billed duration for a phone call, else from start to end."""
    turn_count: int
    has_recording: bool
    recording_duration_s: float | None


@dataclass(slots=True, frozen=True)
class TransitionRecord:
    from_agent: str
    to_agent: str
    reason: str
    created_at: datetime


@dataclass(slots=True, frozen=True)
class EventRecord:
    kind: str
    data: dict[str, Any]
    created_at: datetime


@dataclass(slots=True, frozen=True)
class CallDetail:
    call: CallSummary
    turns: list[Turn]
    transitions: list[TransitionRecord]
    events: list[EventRecord]
    appointment_ids: list[int]


@dataclass(slots=True, frozen=True)
class CallPage:
    calls: list[CallSummary]
    total: int
    """How many calls match the filter, all pages together."""


def _utc(value: datetime) -> datetime:
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def _query() -> Select:
    return (select(ConversationRow, Business.key, Customer.name)
            .join(Business, Business.id == ConversationRow.business_id)
            .outerjoin(Customer, Customer.id == ConversationRow.customer_id))


def _filtered(query: Select, f: CallFilter) -> Select:
    if f.business is not None:
        query = query.where(Business.key == f.business)
    for column, value in ((ConversationRow.direction, f.direction),
                          (ConversationRow.channel, f.channel),
                          (ConversationRow.outcome, f.outcome),
                          (ConversationRow.status, f.status)):
        if value is not None:
            query = query.where(column == value)
    # SQLite keeps UTC wall-clock text: compare in UTC on both databases.
    if f.started_from is not None:
        query = query.where(ConversationRow.started_at >= f.started_from.astimezone(UTC))
    if f.started_to is not None:
        query = query.where(ConversationRow.started_at < f.started_to.astimezone(UTC))
    if f.text:
        pattern = "%" + f.text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        query = query.where(exists().where(
            ConversationTurn.conversation_id == ConversationRow.id,
            ConversationTurn.text.ilike(pattern, escape="\\")))
    if f.lead_id is not None:
        lead = select(Lead.customer_id, Lead.business_id).where(Lead.id == f.lead_id).subquery()
        query = query.where(exists().where(lead.c.customer_id == ConversationRow.customer_id,
                                           lead.c.business_id == ConversationRow.business_id))
    if f.phone is not None:
        query = query.where(or_(ConversationRow.caller_phone == f.phone,
                                Customer.phone == f.phone))
    return query


def _summary(call: ConversationRow, business: str, name: str | None) -> CallSummary:
    duration: float | None = call.duration_s
    if duration is None and call.ended_at is not None:
        duration = round((_utc(call.ended_at) - _utc(call.started_at)).total_seconds(), 1)
    return CallSummary(
        conversation_id=call.id, business=business, channel=call.channel,
        direction=call.direction, status=call.status, outcome=call.outcome,
        summary=call.summary, caller_phone=call.caller_phone, customer_name=name,
        call_sid=call.provider_call_sid, telephony_status=call.telephony_status,
        started_at=_utc(call.started_at),
        ended_at=_utc(call.ended_at) if call.ended_at else None, duration_s=duration,
        turn_count=call.turn_count, has_recording=call.recording_path is not None,
        recording_duration_s=call.recording_duration_s)


class CallHistory:
    """The call log over the ``calls`` table and what hangs off it."""

    def __init__(self, sessions: async_sessionmaker) -> None:
        self._sessions = sessions

    async def list(self, where: CallFilter, *, limit: int = 50, offset: int = 0) -> CallPage:
        """Newest first, with the number of matches."""
        query = _filtered(_query(), where)
        counted = _filtered(select(func.count(ConversationRow.id))
                            .join(Business, Business.id == ConversationRow.business_id)
                            .outerjoin(Customer, Customer.id == ConversationRow.customer_id),
                            where)
        query = query.order_by(ConversationRow.started_at.desc(), ConversationRow.id.desc())
        async with reading(self._sessions) as db:
            total = await db.scalar(counted) or 0
            rows = (await db.execute(query.limit(limit).offset(offset))).all()
        return CallPage([_summary(*row) for row in rows], total)

    async def get(self, conversation_id: str) -> CallDetail | None:
        """The call with its transcript, agent transitions and events, in order."""
        async with reading(self._sessions) as db:
            row = (await db.execute(_query().where(ConversationRow.id == conversation_id))).first()
            if row is None:
                return None
            turns = await db.scalars(select(ConversationTurn).where(
                ConversationTurn.conversation_id == conversation_id).order_by(ConversationTurn.seq))
            transitions = await db.scalars(select(AgentTransition).where(
                AgentTransition.conversation_id == conversation_id).order_by(AgentTransition.id))
            events = await db.scalars(select(CallEvent).where(
                CallEvent.conversation_id == conversation_id).order_by(CallEvent.id))
            appointments = await db.scalars(select(Appointment.id).where(
                Appointment.conversation_id == conversation_id).order_by(Appointment.id))
            return CallDetail(
                call=_summary(*row),
                turns=[Turn(seq=t.seq, role=t.role, text=t.text, agent=t.agent, intent=t.intent,
                            confidence=t.confidence, interrupted=bool(t.interrupted),
                            brain_ms=t.brain_ms, vad_stop_ms=t.vad_stop_ms, stt_ms=t.stt_ms,
                            tts_first_ms=t.tts_first_ms, total_ms=t.total_ms,
                            created_at=_utc(t.created_at)) for t in turns],
                transitions=[TransitionRecord(t.from_agent, t.to_agent, t.reason,
                                              _utc(t.created_at)) for t in transitions],
                events=[EventRecord(e.kind, dict(e.data or {}), _utc(e.created_at))
                        for e in events],
                appointment_ids=list(appointments))

    async def delete(self, conversation_id: str) -> str | None:
        """Delete an ended conversation with its turns, transitions, events, tasks and
        notifications; its appointments stay (unlinked), its jobs not run yet are cancelled and
        every job keeps its history.

        Returns the recording path the row held (for the caller to remove the file), or None.
        Raises LookupError when there is no such conversation and
        :class:`CallInProgressError` while it is still pending or active."""
        async with transaction(self._sessions) as db:
            call = await db.get(ConversationRow, conversation_id, with_for_update=True)
            if call is None:
                raise LookupError(conversation_id)
            if call.status in OPEN_STATUSES:
                raise CallInProgressError(f"the call is {call.status}")
            recording = call.recording_path
            await db.execute(update(Appointment).where(
                Appointment.conversation_id == conversation_id).values(conversation_id=None))
            now = datetime.now(UTC)
            await db.execute(update(Job).where(
                Job.conversation_id == conversation_id, Job.status == "scheduled").values(
                status="cancelled", last_error="conversation deleted", finished_at=now,
                updated_at=now))
            # The database cascades the rest (turns, transitions, events, tasks, notifications;
            # jobs are kept with their link cleared).
            await db.execute(delete(ConversationRow).where(ConversationRow.id == conversation_id))
        return recording
