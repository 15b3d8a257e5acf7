"""The conversation service: runs brain turns and persists every one of them.

For each turn it loads the conversation's state (the checkpoint) from the database, runs the
brain, and in ONE transaction writes the turn rows, the agent transitions, the new state, the
customer and lead records and any tasks the brain asked for — so a crash loses at most the turn
in flight and a restarted server continues every conversation where it was. Events go to
WebSocket subscribers after the commit. Text, voice and phone channels all come through here.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import inspect
import logging
import random
import uuid
from collections.abc import AsyncIterator, Callable, Coroutine
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TypeVar

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from frontdesk.brain import Brain, ConversationState, TurnOutcome
from frontdesk.brain.state import Notification
from frontdesk.config import EscalationSettings
from frontdesk.conversations.events import EventBus
from frontdesk.conversations.views import state_event
from frontdesk.logs import bind_conversation, conversation, current_conversation
from frontdesk.storage.models import (
    AgentTransition,
    Business,
    Call,
    CallEvent,
    ConversationTurn,
    Customer,
    Lead,
    NotificationRecord,
    Task,
)
from frontdesk.storage.ports import upsert_customer
from frontdesk.storage.transaction import reading, transaction

log = logging.getLogger(__name__)


T = TypeVar("T")
WRITE_DRAIN_S = 10.0
"""How long close() waits for writes still running."""


def _log_unseen_failure(task: asyncio.Task[Any]) -> None:
    if not task.cancelled() and task.exception() is not None:
        log.error("a write whose caller was cancelled failed", exc_info=task.exception())


def _runs_to_completion(
        method: Callable[..., Coroutine[Any, Any, T]]) -> Callable[..., Coroutine[Any, Any, T]]:
    """The decorated service write finishes even when its caller is cancelled; every line it
    logs (brain, storage and model included) carries its conversation's id."""
    signature = inspect.signature(method)

    @functools.wraps(method)
    async def run(self: ConversationService, *args: Any, **kwargs: Any) -> T:
        session_id = signature.bind(self, *args, **kwargs).arguments.get("session_id")
        with conversation(session_id or current_conversation()):
            return await self._to_completion(method(self, *args, **kwargs))

    return run


class KeyedLocks:
    """One lock per key (a conversation), dropped when nobody holds or awaits it: a server
    that has had a million conversations does not keep a million locks."""

    def __init__(self) -> None:
        self._locks: dict[str, tuple[asyncio.Lock, list[int]]] = {}

    @contextlib.asynccontextmanager
    async def hold(self, key: str) -> AsyncIterator[None]:
        lock, users = self._locks.setdefault(key, (asyncio.Lock(), [0]))
        users[0] += 1
        try:
            async with lock:
                yield
        finally:
            users[0] -= 1
            if users[0] == 0:
                del self._locks[key]

    def __len__(self) -> int:
        return len(self._locks)


def new_session_id() -> str:
    """A fresh conversation id."""
    return f"sess_{uuid.uuid4().hex[:20]}"


class ConversationError(Exception):
    """Base of the service's errors; ``status`` is the HTTP status they map to."""

    status = 400


class SessionNotFoundError(ConversationError):
    status = 404


class SessionEndedError(ConversationError):
    status = 409


class DoNotCallError(ConversationError):
    status = 409


@dataclass(slots=True)
class TurnTimings:
    """Per-turn latency measured outside the brain (voice channels fill these)."""

    vad_stop_ms: float | None = None
    stt_ms: float | None = None
    tts_first_ms: float | None = None
    total_ms: float | None = None


class ConversationService:
    """Creates conversations, runs turns, persists them, publishes events."""

    def __init__(self, brain: Brain, sessions: async_sessionmaker, events: EventBus,
                 escalation: EscalationSettings, rng: random.Random | None = None) -> None:
        self._brain = brain
        self._sessions = sessions
        self._events = events
        self._escalation = escalation
        self._rng = rng or random.Random()
        self._locks = KeyedLocks()
        self._tasks: set[asyncio.Task[None]] = set()
        """Background work (human checks): cancelled at close, resumed at the next start."""
        self._writes: set[asyncio.Task[Any]] = set()
        """Writes whose caller stopped waiting: finished, and waited for at close."""

    @property
    def brain(self) -> Brain:
        return self._brain

    @property
    def events(self) -> EventBus:
        return self._events

    # --- lifecycle ---------------------------------------------------------------------------

    async def resume_background_work(self) -> int:
        """Restart human checks that were running when the server stopped."""
        async with reading(self._sessions) as db:
            pending = list(await db.scalars(select(Task).where(
                Task.task_type == "human_escalation", Task.status.in_(("pending", "running")))))
        for task in pending:
            self._spawn(self._run_escalation(task.call_id, task.id))
        return len(pending)

    async def close(self) -> None:
        """Cancel background work (it resumes on the next start); let writes finish."""
        for task in list(self._tasks):
            task.cancel()
        if self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)
        if self._writes:
            await asyncio.wait(set(self._writes), timeout=WRITE_DRAIN_S)

    async def _to_completion(self, write: Coroutine[Any, Any, T]) -> T:
        """Run a write to its end even if the caller is cancelled.

        A hang-up cancels a call's tasks wherever they are, often inside a write: the caller
        stops waiting, the write commits (or rolls back) and releases its connection and the
        conversation's lock as if nobody had been cancelled, and close() waits for it.
        """
        task = asyncio.create_task(write)
        self._writes.add(task)
        task.add_done_callback(self._writes.discard)
        try:
            return await asyncio.shield(task)
        except asyncio.CancelledError:
            task.add_done_callback(_log_unseen_failure)  # its caller will never see it
            raise

    def _spawn(self, coro: Any) -> None:
        task = asyncio.create_task(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    # --- conversations -----------------------------------------------------------------------

    @_runs_to_completion
    async def create(self, profile: str, *, direction: str = "inbound", channel: str = "text",
                     caller_phone: str | None = None, caller_name: str | None = None,
                     session_id: str | None = None) -> TurnOutcome:
        """Start a conversation and produce its greeting. Outbound calls respect do-not-call.

        ``session_id`` may name a call record registered ahead (a phone call Twilio announced
        before its audio arrived); it is filled in, not duplicated.
        """
        profile_obj = self._brain.profile(profile)
        session_id = session_id or new_session_id()
        bind_conversation(session_id)  # this task's lines (it runs only this work)
        # Under the conversation's lock: a hang-up racing the greeting waits for it, then ends
        # the conversation it created.
        async with self._locks.hold(session_id), transaction(self._sessions) as db:
            if direction == "outbound" and caller_phone and await self.is_do_not_call(
                    profile_obj.key, caller_phone):
                raise DoNotCallError(
                    f"this number asked not to be called by {profile_obj.name}")
            outcome = await self._create(db, profile, session_id, direction=direction,
                                         channel=channel, caller_phone=caller_phone,
                                         caller_name=caller_name)
        log.info("conversation started", extra={"profile": profile_obj.key, "channel": channel,
                                                "direction": direction})
        self._publish_turn(outcome, None)
        return outcome

    async def _create(self, db: AsyncSession, profile: str, session_id: str, *, direction: str,
                      channel: str, caller_phone: str | None,
                      caller_name: str | None) -> TurnOutcome:
        state = await self._brain.new_state(session_id, profile, direction=direction,
                                            channel=channel, caller_phone=caller_phone,
                                            caller_name=caller_name)
        outcome = await self._brain.start(state)
        business = await self._business(db, profile)
        call = await db.get(Call, session_id, with_for_update=True)
        if call is None:
            call = Call(id=session_id, business_id=business.id, channel=channel,
                        direction=direction, status="active", caller_phone=caller_phone,
                        state={}, turn_count=0)
            db.add(call)
            await db.flush()
        elif call.status != "pending":
            raise SessionEndedError(f"{session_id} has already been answered")
        else:
            call.status, call.channel, call.caller_phone = "active", channel, caller_phone
            call.started_at = datetime.now(UTC)
        await self._persist(db, call, business, outcome, user_text=None, timings=None)
        return outcome

    @_runs_to_completion
    async def chat(self, session_id: str, message: str,
                   timings: TurnTimings | None = None) -> TurnOutcome:
        """One caller message → the agent's reply, persisted before it is returned.

        The whole turn is one transaction: the state is read, the brain runs (any booking it
        makes joins the transaction) and the turn is written, committed together or not at
        all — a crash before the commit leaves neither the turn nor its appointment.
        """
        async with self._locks.hold(session_id), transaction(self._sessions) as db:
            call = await db.get(Call, session_id, with_for_update=True)
            if call is None:
                raise SessionNotFoundError(session_id)
            if call.status == "ended":
                raise SessionEndedError(session_id)
            if call.status == "pending":
                raise SessionEndedError(f"{session_id} is a call that has not started yet")
            state = ConversationState.model_validate(call.state)
            outcome = await self._brain.respond(state, message)
            business = await db.get(Business, call.business_id)
            assert business is not None
            await self._persist(db, call, business, outcome, user_text=message,
                                timings=timings)
        log.info("conversation turn", extra={
            "turn": outcome.state.turn_count, "agent": outcome.agent, "intent": outcome.intent,
            "confidence": round(outcome.confidence, 3), "brain_ms": round(outcome.brain_ms, 1),
            "ended": outcome.state.ended})
        self._publish_turn(outcome, message)
        self._apply_background_effects(outcome)
        return outcome

    @_runs_to_completion
    async def end(self, session_id: str) -> ConversationState:
        """Hang up: the analytics agent records outcome and summary."""
        async with self._locks.hold(session_id), transaction(self._sessions) as db:
            call = await db.get(Call, session_id, with_for_update=True)
            if call is None:
                raise SessionNotFoundError(session_id)
            state = ConversationState.model_validate(call.state)
            if call.status == "ended":
                return state
            state = await self._brain.finish(state)
            self._write_state(call, state)
        log.info("conversation ended", extra={"outcome": state.outcome})
        self._events.publish(session_id, state_event(state))
        return state

    async def get(self, session_id: str) -> tuple[ConversationState, list[ConversationTurn]]:
        async with reading(self._sessions) as db:
            call = await db.get(Call, session_id)
            if call is None:
                raise SessionNotFoundError(session_id)
            turns = list(await db.scalars(select(ConversationTurn).where(
                ConversationTurn.call_id == session_id).order_by(ConversationTurn.seq)))
            return ConversationState.model_validate(call.state), turns

    async def is_do_not_call(self, profile: str, phone: str) -> bool:
        async with reading(self._sessions) as db:
            flagged = await db.scalar(
                select(Lead.do_not_call).join(Customer, Customer.id == Lead.customer_id)
                .join(Business, Business.id == Lead.business_id)
                .where(Business.key == profile, Customer.phone == phone))
            return bool(flagged)

    @_runs_to_completion
    async def deliver_notification(self, session_id: str,
                                   notification_id: str) -> Notification | None:
        """Say a pending notification now (a voice call does not wait for the next turn).

        Marks it delivered and records it as an agent line; None if it was already delivered.
        """
        async with self._locks.hold(session_id), transaction(self._sessions) as db:
            call = await db.get(Call, session_id, with_for_update=True)
            if call is None:
                raise SessionNotFoundError(session_id)
            state = ConversationState.model_validate(call.state)
            note = next((n for n in state.notifications_queue
                         if n.notification_id == notification_id), None)
            if note is None or note.delivered:
                return None
            note.delivered = True
            seq = (await db.scalar(select(func.max(ConversationTurn.seq)).where(
                ConversationTurn.call_id == session_id))) or 0
            db.add(ConversationTurn(call_id=session_id, seq=seq + 1, role="assistant",
                                    text=note.message, agent="escalation"))
            record = await db.get(NotificationRecord, notification_id)
            if record is not None:
                record.delivered = True
            self._write_state(call, state)
        self._events.publish(session_id, {"type": "transcript", "session_id": session_id,
                                          "role": "assistant", "content": note.message,
                                          "agent_type": "escalation"})
        return note

    # --- voice ------------------------------------------------------------------------------

    @_runs_to_completion
    async def record_latency(self, session_id: str, timings: TurnTimings,
                             brain_ms: float | None = None) -> None:
        """Store a spoken turn's latency on its agent reply and push the ``latency`` event."""
        async with transaction(self._sessions) as db:
            turn = await self._last_reply(db, session_id)
            if turn is None:
                return
            turn.vad_stop_ms, turn.stt_ms = timings.vad_stop_ms, timings.stt_ms
            turn.tts_first_ms, turn.total_ms = timings.tts_first_ms, timings.total_ms
            if brain_ms is not None:
                turn.brain_ms = round(brain_ms, 2)
            data = {"seq": turn.seq, "vad_stop_ms": turn.vad_stop_ms, "stt_ms": turn.stt_ms,
                    "brain_ms": turn.brain_ms, "tts_first_ms": turn.tts_first_ms,
                    "total_ms": turn.total_ms}
        self._events.publish(session_id, {"type": "latency", "session_id": session_id,
                                          "data": data})

    @_runs_to_completion
    async def mark_interrupted(self, session_id: str, spoken_text: str) -> None:
        """The caller cut the agent off: keep only what was actually said, marked interrupted."""
        async with transaction(self._sessions) as db:
            turn = await self._last_reply(db, session_id)
            if turn is None or turn.interrupted:
                return
            turn.text = spoken_text
            turn.interrupted = True
        self._events.publish(session_id, {"type": "transcript", "session_id": session_id,
                                          "role": "assistant", "content": spoken_text,
                                          "interrupted": True})

    @_runs_to_completion
    async def record_event(self, session_id: str, kind: str, data: dict[str, Any]) -> None:
        async with transaction(self._sessions) as db:
            db.add(CallEvent(call_id=session_id, kind=kind, data=data))
        self._events.publish(session_id, {"type": kind, "session_id": session_id, **data})

    @staticmethod
    async def _last_reply(db: AsyncSession, session_id: str) -> ConversationTurn | None:
        return await db.scalar(select(ConversationTurn).where(
            ConversationTurn.call_id == session_id, ConversationTurn.role == "assistant")
            .order_by(ConversationTurn.seq.desc()).limit(1))

    # --- persistence -------------------------------------------------------------------------

    @staticmethod
    async def _business(db: AsyncSession, key: str) -> Business:
        business = await db.scalar(select(Business).where(Business.key == key))
        if business is None:
            raise ConversationError(f"profile {key} is not seeded in the database")
        return business

    @staticmethod
    def _write_state(call: Call, state: ConversationState) -> None:
        call.state = state.model_dump(mode="json")
        call.state_version += 1
        call.turn_count = state.turn_count
        if state.ended and call.status != "ended":
            call.status = "ended"
            call.ended_at = datetime.now(UTC)
            call.outcome = state.outcome
            call.summary = state.summary

    async def _persist(self, db: AsyncSession, call: Call, business: Business,
                       outcome: TurnOutcome, *, user_text: str | None,
                       timings: TurnTimings | None) -> None:
        # Reads first, without flushing: on SQLite the first write takes the database's one
        # write lock until the commit, so the writes are left for the end of the turn.
        with db.no_autoflush:
            await self._persist_rows(db, call, business, outcome, user_text=user_text,
                                     timings=timings)
        self._write_state(call, outcome.state)

    async def _persist_rows(self, db: AsyncSession, call: Call, business: Business,
                            outcome: TurnOutcome, *, user_text: str | None,
                            timings: TurnTimings | None) -> None:
        state = outcome.state
        seq = (await db.scalar(select(func.max(ConversationTurn.seq)).where(
            ConversationTurn.call_id == call.id))) or 0
        if user_text is not None:
            seq += 1
            t = timings or TurnTimings()
            db.add(ConversationTurn(
                call_id=call.id, seq=seq, role="user", text=user_text, agent=outcome.agent,
                intent=outcome.intent, confidence=outcome.confidence))
            reply_timing = dict(vad_stop_ms=t.vad_stop_ms, stt_ms=t.stt_ms,
                                tts_first_ms=t.tts_first_ms, total_ms=t.total_ms)
        else:
            reply_timing = {}
        seq += 1
        db.add(ConversationTurn(call_id=call.id, seq=seq, role="assistant", text=outcome.reply,
                                agent=outcome.agent, brain_ms=round(outcome.brain_ms, 2),
                                **reply_timing))
        for tr in outcome.transitions:
            db.add(AgentTransition(call_id=call.id, from_agent=tr.from_agent,
                                   to_agent=tr.to_agent, reason=tr.reason[:200]))
        customer = None
        if state.customer.phone:
            customer = await upsert_customer(db, state.customer.phone, state.customer.name,
                                             state.customer.email)
            call.customer_id = customer.id
            if state.customer.customer_id != customer.id:
                state.customer.customer_id = customer.id
            await self._save_lead(db, business, customer, state)
        added: set[str] = set()
        for effect in outcome.effects:
            wants_task = effect.kind in ("start_escalation", "schedule_callback")
            if wants_task and effect.task_id and effect.task_id not in added and await db.get(
                    Task, effect.task_id) is None:
                added.add(effect.task_id)
                db.add(Task(id=effect.task_id, call_id=call.id,
                            task_type="human_escalation" if effect.kind == "start_escalation"
                            else "callback", status="pending", reason=effect.detail,
                            due_at=effect.due_at))
        for note in state.notifications_queue:
            record = await db.get(NotificationRecord, note.notification_id)
            if record is not None and note.delivered and not record.delivered:
                record.delivered = True

    @staticmethod
    async def _save_lead(db: AsyncSession, business: Business, customer: Customer,
                         state: ConversationState) -> None:
        lead = await db.scalar(select(Lead).where(Lead.business_id == business.id,
                                                  Lead.customer_id == customer.id))
        if lead is None:
            lead = Lead(business_id=business.id, customer_id=customer.id,
                        source=state.lead.source, factors={})
            db.add(lead)
        info = state.lead
        lead.status = info.status if not lead.do_not_call else "do_not_call"
        lead.score, lead.qualified, lead.factors = info.score, info.qualified, dict(info.factors)
        lead.do_not_call = lead.do_not_call or info.do_not_call
        lead.intent, lead.budget_min, lead.budget_max = info.intent, info.budget_min, info.budget_max
        lead.timeline_months, lead.location = info.timeline_months, info.location
        lead.financing, lead.motivation = info.financing, info.motivation

    # --- events and background work ----------------------------------------------------------

    def _publish_turn(self, outcome: TurnOutcome, user_text: str | None) -> None:
        sid = outcome.state.session_id
        if user_text is not None:
            self._events.publish(sid, {"type": "transcript", "session_id": sid, "role": "user",
                                       "content": user_text, "agent_type": outcome.agent})
        self._events.publish(sid, {"type": "transcript", "session_id": sid, "role": "assistant",
                                   "content": outcome.reply, "agent_type": outcome.agent})
        self._events.publish(sid, state_event(outcome.state))
        for effect in outcome.effects:
            if effect.kind == "start_escalation":
                task = next(t for t in outcome.state.pending_tasks if t.task_id == effect.task_id)
                self._events.publish(sid, {"type": "task_update", "session_id": sid,
                                           "task": task.model_dump(mode="json")})

    def _apply_background_effects(self, outcome: TurnOutcome) -> None:
        for effect in outcome.effects:
            if effect.kind == "start_escalation" and effect.task_id:
                self._spawn(self._run_escalation(outcome.state.session_id, effect.task_id))

    def _decide_human(self) -> bool:
        mode = self._escalation.human_available
        if mode == "always":
            return True
        if mode == "never":
            return False
        return self._rng.random() < self._escalation.available_probability

    async def _run_escalation(self, session_id: str, task_id: str) -> None:
        """The simulated human-availability check (seed 004): wait, decide, notify."""
        bind_conversation(session_id)  # resumed at startup, this task has no caller's context
        try:
            async with transaction(self._sessions) as db:
                task = await db.get(Task, task_id)
                if task is None:
                    return
                task.status = "running"
            wait_s = self._rng.uniform(self._escalation.min_wait_s, self._escalation.max_wait_s)
            await asyncio.sleep(wait_s)
            available = self._decide_human()
            await self._finish_escalation(session_id, task_id, available)
        except asyncio.CancelledError:
            raise
        except Exception:  # a failed check must not vanish silently: mark it and log
            log.exception("escalation check failed", extra={"task_id": task_id})
            async with transaction(self._sessions) as db:
                task = await db.get(Task, task_id)
                if task is not None:
                    task.status = "failed"

    async def _finish_escalation(self, session_id: str, task_id: str, available: bool) -> None:
        async with self._locks.hold(session_id), transaction(self._sessions) as db:
            call = await db.get(Call, session_id, with_for_update=True)
            if call is None:
                return
            business = await db.get(Business, call.business_id)
            assert business is not None
            staff = list(business.profile.get("staff") or ["a team member"])
            person = self._rng.choice(staff)
            state = ConversationState.model_validate(call.state)
            state, note = self._brain.apply_task_result(state, task_id, available=available,
                                                        person=person)
            task = await db.get(Task, task_id)
            if task is not None:
                task.status = "completed"
                task.human_available = available
                task.human_agent_name = person
                task.completed_at = datetime.now(UTC)
            if note is not None:
                db.add(NotificationRecord(id=note.notification_id, call_id=session_id,
                                          message=note.message, priority=note.priority))
            self._write_state(call, state)
        done = next((t for t in state.pending_tasks if t.task_id == task_id), None)
        if done is not None:
            self._events.publish(session_id, {"type": "task_update", "session_id": session_id,
                                              "task": done.model_dump(mode="json")})
        if note is not None:
            self._publish_notification(session_id, note)
        self._events.publish(session_id, state_event(state))

    def _publish_notification(self, session_id: str, note: Notification) -> None:
        self._events.publish(session_id, {"type": "notification", "session_id": session_id,
                                          "notification_id": note.notification_id,
                                          "message": note.message, "priority": note.priority,
                                          "handoff": note.handoff})
