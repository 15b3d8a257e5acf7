"""The conversation store: every read and write of conversations and what hangs off them.

Conversations (``calls`` rows, with the brain's checkpoint), their turns with latency and
interruptions, agent transitions, background tasks and notifications, call events, and the
customers and leads a conversation turns up. It hands out :mod:`frontdesk.storage.records`
dataclasses, never ORM rows.

Every method joins the transaction of the work that calls it (:mod:`.transaction`); the
service opens one per turn with :meth:`ConversationStore.unit`, so the state read, the booking
the brain makes and the turn written are committed together. A turn's writes are left for
its end (:meth:`ConversationStore.save_turn` reads first): on SQLite the first write takes the
database's one write lock until the commit.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from frontdesk.brain.engine import TurnOutcome
from frontdesk.brain.state import ConversationState, Notification
from frontdesk.storage.customers import link_appointment, save_lead, upsert_customer
from frontdesk.storage.jobs import JobStore
from frontdesk.storage.models import (
    AgentTransition,
    Business,
    CallEvent,
    ConversationTurn,
    Customer,
    Lead,
    NotificationRecord,
    Task,
)
from frontdesk.storage.models import (
    Conversation as ConversationRow,
)
from frontdesk.storage.records import Conversation, NewTask, OpenTask, Turn, TurnTimings
from frontdesk.storage.transaction import reading, transaction

TASK_EVENTS = {"callback": "callback_requested", "human_escalation": "escalation"}
"""The event each kind of task is announced with."""


class BusinessNotSeededError(LookupError):
    """The profile has no row in ``businesses`` (run ``frontdesk db seed``)."""


class ConversationStore:
    """Conversations, turns, tasks, customers and leads in the database."""

    def __init__(self, sessions: async_sessionmaker, jobs: JobStore) -> None:
        self._sessions = sessions
        self._jobs = jobs

    @asynccontextmanager
    async def unit(self) -> AsyncIterator[None]:
        """One transaction for a piece of work (a turn): every storage call made inside it,
        the calendar's booking included, is committed with it or rolled back with it."""
        async with transaction(self._sessions):
            yield

    # --- conversations -----------------------------------------------------------------------

    async def load(self, conversation_id: str, *, lock: bool = False) -> Conversation | None:
        """The conversation and its checkpoint; ``lock`` holds its row until the unit ends."""
        async with reading(self._sessions) as db:
            call = await db.get(ConversationRow, conversation_id, with_for_update=lock)
            if call is None:
                return None
            # The session's identity map holds rows weakly: kept here, the turn's write finds
            # this row again instead of reading it (and its checkpoint) a second time.
            db.info.setdefault("loaded", []).append(call)
            return _conversation(call)

    async def begin(self, state: ConversationState, *, channel: str, direction: str,
                    caller_phone: str | None) -> bool:
        """The record of a conversation starting now, or the pending one registered ahead
        filled in; False when the conversation exists and was already answered."""
        async with transaction(self._sessions) as db:
            business_id = await _business_id(db, state.profile)
            call = await db.get(ConversationRow, state.conversation_id, with_for_update=True)
            if call is None:
                db.add(ConversationRow(id=state.conversation_id, business_id=business_id, channel=channel,
                            direction=direction, status="active", caller_phone=caller_phone,
                            state={}, turn_count=0))
                await db.flush()
            elif call.status != "pending":
                return False
            else:
                call.status, call.channel, call.caller_phone = "active", channel, caller_phone
                call.started_at = datetime.now(UTC)
        return True

    async def save_turn(self, outcome: TurnOutcome, *, user_text: str | None,
                        timings: TurnTimings | None, tasks: Sequence[NewTask] = (),
                        booked: int | None = None) -> None:
        """Write one turn: its lines, transitions, the customer and lead, new tasks, delivered
        notifications, the link of an appointment ``booked`` this turn, and the checkpoint.

        The customer is written here once per turn; ``outcome.state`` gets their id.
        """
        state = outcome.state
        async with transaction(self._sessions) as db:
            call = await db.get(ConversationRow, state.conversation_id)
            if call is None:
                raise LookupError(state.conversation_id)
            # Reads first, without flushing (see the module's docstring).
            with db.no_autoflush:
                await self._turn_rows(db, call, outcome, user_text, timings)
                await self._caller_rows(db, call, state, booked)
                await self._task_rows(db, state, tasks)
            _write_state(call, state)

    async def save_state(self, state: ConversationState) -> None:
        """Write the checkpoint (and the end of the conversation, once it has ended)."""
        async with transaction(self._sessions) as db:
            call = await db.get(ConversationRow, state.conversation_id)
            if call is None:
                raise LookupError(state.conversation_id)
            _write_state(call, state)

    async def turns(self, conversation_id: str) -> list[Turn]:
        """The whole transcript, in order."""
        async with reading(self._sessions) as db:
            rows = await db.scalars(select(ConversationTurn).where(
                ConversationTurn.conversation_id == conversation_id).order_by(ConversationTurn.seq))
            return [_turn(t) for t in rows]

    async def add_notification_line(self, note: Notification, conversation_id: str) -> None:
        """A notification said outside a turn: on record as an agent line, delivered."""
        async with transaction(self._sessions) as db:
            seq = await _last_seq(db, conversation_id)
            db.add(ConversationTurn(conversation_id=conversation_id, seq=seq + 1, role="assistant",
                                    text=note.message, agent="escalation"))
            record = await db.get(NotificationRecord, note.notification_id)
            if record is not None:
                record.delivered = True

    # --- voice -------------------------------------------------------------------------------

    async def record_latency(self, conversation_id: str, timings: TurnTimings,
                             brain_ms: float | None) -> Turn | None:
        """Store a spoken reply's stages on the last agent line; None if there is none."""
        async with transaction(self._sessions) as db:
            turn = await _last_reply(db, conversation_id)
            if turn is None:
                return None
            turn.vad_stop_ms, turn.stt_ms = timings.vad_stop_ms, timings.stt_ms
            turn.tts_first_ms, turn.total_ms = timings.tts_first_ms, timings.total_ms
            if brain_ms is not None:
                turn.brain_ms = round(brain_ms, 2)
            return _turn(turn)

    async def mark_interrupted(self, conversation_id: str, spoken_text: str) -> bool:
        """Keep only what the caller heard of the last agent line; False if it already was."""
        async with transaction(self._sessions) as db:
            turn = await _last_reply(db, conversation_id)
            if turn is None or turn.interrupted:
                return False
            turn.text = spoken_text
            turn.interrupted = True
            return True

    async def add_call_event(self, conversation_id: str, kind: str, data: dict[str, Any]) -> None:
        async with transaction(self._sessions) as db:
            db.add(CallEvent(conversation_id=conversation_id, kind=kind, data=data))

    # --- background tasks --------------------------------------------------------------------

    async def open_staff_checks(self) -> list[OpenTask]:
        """Checks for a person that were pending or running (a server stopped mid-check)."""
        async with reading(self._sessions) as db:
            rows = await db.execute(
                select(Task.id, Task.conversation_id, Business.key)
                .join(ConversationRow, ConversationRow.id == Task.conversation_id)
                .join(Business, Business.id == ConversationRow.business_id)
                .where(Task.task_type == "human_escalation",
                       Task.status.in_(("pending", "running"))))
            return [OpenTask(task_id, conversation_id, profile) for task_id, conversation_id, profile in rows]

    async def set_task_status(self, task_id: str, status: str) -> bool:
        """False when there is no such task."""
        async with transaction(self._sessions) as db:
            task = await db.get(Task, task_id)
            if task is None:
                return False
            task.status = status
            return True

    async def finish_staff_check(self, state: ConversationState, task_id: str, *,
                                 available: bool, person: str,
                                 note: Notification | None) -> None:
        """The check's answer: the task completed, the notification queued, the checkpoint."""
        async with transaction(self._sessions) as db:
            task = await db.get(Task, task_id)
            if task is not None and task.status != "cancelled":  # the caller called it off
                task.status = "completed"
                task.human_available = available
                task.human_agent_name = person
                task.completed_at = datetime.now(UTC)
            if note is not None:
                db.add(NotificationRecord(id=note.notification_id, conversation_id=state.conversation_id,
                                          message=note.message, priority=note.priority))
            # A promise made with the answer ("X will call you back within the hour") is a task.
            await self._add_tasks(db, state, [
                NewTask(t.task_id, t.task_type, t.reason, t.due_at) for t in state.pending_tasks
                if t.task_type == "callback" and t.status == "pending"])
            call = await db.get(ConversationRow, state.conversation_id)
            if call is not None:
                _write_state(call, state)

    async def queue_notification(self, state: ConversationState, note: Notification) -> None:
        """A notification made outside a check for a person (a transfer nobody answered):
        stored undelivered with the checkpoint that holds it."""
        async with transaction(self._sessions) as db:
            if await db.get(NotificationRecord, note.notification_id) is None:
                db.add(NotificationRecord(id=note.notification_id,
                                          conversation_id=state.conversation_id,
                                          message=note.message, priority=note.priority))
            call = await db.get(ConversationRow, state.conversation_id)
            if call is not None:
                _write_state(call, state)

    # --- customers and leads -----------------------------------------------------------------

    async def is_do_not_call(self, profile: str, phone: str) -> bool:
        async with reading(self._sessions) as db:
            flagged = await db.scalar(
                select(Lead.do_not_call).join(Customer, Customer.id == Lead.customer_id)
                .join(Business, Business.id == Lead.business_id)
                .where(Business.key == profile, Customer.phone == phone))
            return bool(flagged)

    async def lead_contact(self, lead_id: int) -> tuple[str, str] | None:
        """(profile, phone) of a lead, for calling it."""
        async with reading(self._sessions) as db:
            row = (await db.execute(
                select(Business.key, Customer.phone).select_from(Lead)
                .join(Business, Business.id == Lead.business_id)
                .join(Customer, Customer.id == Lead.customer_id)
                .where(Lead.id == lead_id))).first()
            return (row[0], row[1]) if row else None

    # --- phone and browser calls registered ahead --------------------------------------------

    async def find_call(self, *, call_sid: str | None = None,
                        conversation_id: str | None = None) -> Conversation | None:
        """A conversation by the provider's CallSid, else by id (its row then locked)."""
        async with reading(self._sessions) as db:
            call = None
            if call_sid:
                call = await db.scalar(select(ConversationRow).where(
                    ConversationRow.provider_call_sid == call_sid))
            if call is None and conversation_id:
                call = await db.get(ConversationRow, conversation_id, with_for_update=True)
            return None if call is None else _conversation(call)

    async def add_pending_call(self, state: ConversationState, *, call_sid: str | None,
                               telephony_status: str | None) -> Conversation:
        """The record of a call that has not reached the agent yet (status ``pending``)."""
        async with transaction(self._sessions) as db:
            call = ConversationRow(
                id=state.conversation_id, business_id=await _business_id(db, state.profile),
                channel=state.channel, direction=state.direction, status="pending",
                caller_phone=state.customer.phone, state=state.model_dump(mode="json"),
                turn_count=0, telephony_status=telephony_status, provider_call_sid=call_sid)
            db.add(call)
            return _conversation(call, state)

    async def attach_call_sid(self, conversation_id: str, call_sid: str) -> None:
        async with transaction(self._sessions) as db:
            call = await db.get(ConversationRow, conversation_id)
            if call is not None and call.provider_call_sid is None:
                call.provider_call_sid = call_sid

    async def update_telephony(self, call_sid: str, status: str, duration_s: int | None, *,
                               unanswered_outcome: str | None) -> Conversation | None:
        """Record the provider's status of a call; a call still pending is ended with
        ``unanswered_outcome`` when one is given. Returns the conversation as it was before."""
        async with transaction(self._sessions) as db:
            call = await db.scalar(select(ConversationRow).where(
                ConversationRow.provider_call_sid == call_sid).with_for_update())
            if call is None:
                return None
            before = _conversation(call)
            call.telephony_status = status
            if duration_s is not None:
                call.duration_s = duration_s
            if call.status == "pending" and unanswered_outcome is not None:
                _end_unanswered(call, unanswered_outcome)
            return before

    async def close_unanswered(self, conversation_id: str, outcome: str, *, telephony_status: str,
                               summary: str) -> None:
        """End a call that never reached the agent (placing it failed)."""
        async with transaction(self._sessions) as db:
            call = await db.get(ConversationRow, conversation_id, with_for_update=True)
            if call is not None and call.status == "pending":
                _end_unanswered(call, outcome)
                call.telephony_status = telephony_status
                call.summary = summary[:500]

    # --- the rows of a turn ------------------------------------------------------------------

    @staticmethod
    async def _turn_rows(db: AsyncSession, call: ConversationRow, outcome: TurnOutcome,
                         user_text: str | None, timings: TurnTimings | None) -> None:
        seq = await _last_seq(db, call.id)
        reply_timing: dict[str, float | None] = {}
        if user_text is not None:
            seq += 1
            db.add(ConversationTurn(
                conversation_id=call.id, seq=seq, role="user", text=user_text, agent=outcome.agent,
                intent=outcome.intent, confidence=outcome.confidence))
            t = timings or TurnTimings()
            reply_timing = dict(vad_stop_ms=t.vad_stop_ms, stt_ms=t.stt_ms,
                                tts_first_ms=t.tts_first_ms, total_ms=t.total_ms)
        db.add(ConversationTurn(conversation_id=call.id, seq=seq + 1, role="assistant",
                                text=outcome.reply, agent=outcome.agent,
                                brain_ms=round(outcome.brain_ms, 2), **reply_timing))
        for tr in outcome.transitions:
            db.add(AgentTransition(conversation_id=call.id, from_agent=tr.from_agent,
                                   to_agent=tr.to_agent, reason=tr.reason[:200]))

    async def _caller_rows(self, db: AsyncSession, call: ConversationRow,
                           state: ConversationState, booked: int | None) -> None:
        if not state.customer.phone:
            return
        customer = await upsert_customer(db, state.customer.phone, state.customer.name,
                                         state.customer.email)
        call.customer_id = customer.id
        state.customer.customer_id = customer.id
        if await save_lead(db, call.business_id, customer.id, state):
            await self._jobs.add_event("lead_qualified", business=state.profile,
                                       conversation_id=call.id, customer_id=customer.id,
                                       key=f"lead_qualified:{call.id}")
        if booked is not None:
            await link_appointment(db, booked, customer.id)

    async def add_tasks(self, state: ConversationState, tasks: Sequence[NewTask]) -> None:
        """Store the tasks not stored yet (with their events), outside a turn."""
        async with transaction(self._sessions) as db:
            await self._add_tasks(db, state, tasks)

    async def _add_tasks(self, db: AsyncSession, state: ConversationState,
                         tasks: Sequence[NewTask]) -> None:
        """Insert the tasks not stored yet (a task is written once, whoever asks again), each
        with its event: staff hear of a callback to make or a caller waiting for a person."""
        added: set[str] = set()
        for task in tasks:
            if task.task_id not in added and await db.get(Task, task.task_id) is None:
                added.add(task.task_id)
                db.add(Task(id=task.task_id, conversation_id=state.conversation_id,
                            task_type=task.task_type, status="pending", reason=task.reason,
                            due_at=task.due_at))
                event = TASK_EVENTS.get(task.task_type)
                if event is not None:
                    await self._jobs.add_event(event, business=state.profile,
                                               conversation_id=state.conversation_id,
                                               task_id=task.task_id, key=f"{event}:{task.task_id}")

    async def _task_rows(self, db: AsyncSession, state: ConversationState,
                         tasks: Sequence[NewTask]) -> None:
        await self._add_tasks(db, state, tasks)
        for note in state.notifications_queue:
            if not note.delivered:
                continue
            record = await db.get(NotificationRecord, note.notification_id)
            if record is not None and not record.delivered:
                record.delivered = True


def _conversation(call: ConversationRow, state: ConversationState | None = None) -> Conversation:
    state = state or ConversationState.model_validate(call.state)
    return Conversation(conversation_id=call.id, profile=state.profile, channel=call.channel,
                        direction=call.direction, status=call.status,
                        caller_phone=call.caller_phone, call_sid=call.provider_call_sid,
                        state=state)


def _turn(row: ConversationTurn) -> Turn:
    return Turn(seq=row.seq, role=row.role, text=row.text, agent=row.agent, intent=row.intent,
                confidence=row.confidence, interrupted=bool(row.interrupted),
                brain_ms=row.brain_ms, vad_stop_ms=row.vad_stop_ms, stt_ms=row.stt_ms,
                tts_first_ms=row.tts_first_ms, total_ms=row.total_ms, created_at=row.created_at)


def _write_state(call: ConversationRow, state: ConversationState) -> None:
    call.state = state.model_dump(mode="json")
    call.state_version += 1
    call.turn_count = state.turn_count
    if state.ended and call.status != "ended":
        call.status = "ended"
        call.ended_at = datetime.now(UTC)
        call.outcome = state.outcome
        call.summary = state.summary


def _end_unanswered(call: ConversationRow, outcome: str) -> None:
    call.status = "ended"
    call.outcome = outcome
    call.ended_at = datetime.now(UTC)


async def _business_id(db: AsyncSession, key: str) -> int:
    business_id = await db.scalar(select(Business.id).where(Business.key == key))
    if business_id is None:
        raise BusinessNotSeededError(f"profile {key} is not seeded in the database")
    return business_id


async def _last_seq(db: AsyncSession, conversation_id: str) -> int:
    return (await db.scalar(select(func.max(ConversationTurn.seq)).where(
        ConversationTurn.conversation_id == conversation_id))) or 0


async def _last_reply(db: AsyncSession, conversation_id: str) -> ConversationTurn | None:
    return await db.scalar(select(ConversationTurn).where(
        ConversationTurn.conversation_id == conversation_id, ConversationTurn.role == "assistant")
        .order_by(ConversationTurn.seq.desc()).limit(1))
