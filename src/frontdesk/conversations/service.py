"""The conversation service: runs brain turns; storing them and finding people are ports.

A turn is: load the conversation (its checkpoint) from the store, run the brain, persist what
the turn produced, publish its events. Load, brain and persist are ONE transaction
(:meth:`~frontdesk.storage.conversations.ConversationStore.unit`) that a booking the brain makes
joins — so a crash loses at most the turn in flight, never half of one, and a restarted server
continues every conversation where it was. Events go to subscribers after the commit. Text,
voice and phone channels all come through here.

A caller who asks for a person starts a background check, answered by the injected
:class:`~frontdesk.conversations.staff.StaffDesk`; the answer is recorded through the brain
like a turn and published.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import inspect
import logging
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine, Sequence
from typing import Any, TypeVar

from frontdesk.brain import Brain, ConversationState, TurnOutcome
from frontdesk.brain.state import Message, Notification
from frontdesk.conversations.events import (
    CallNote,
    EventBus,
    LatencyMeasured,
    NotificationReady,
    StateUpdate,
    TaskUpdate,
    Transcript,
)
from frontdesk.conversations.staff import StaffAnswer, StaffDesk, StaffRequest
from frontdesk.logs import bind_conversation, conversation, current_conversation
from frontdesk.storage.conversations import BusinessNotSeededError, ConversationStore
from frontdesk.storage.records import NewTask, Turn, TurnTimings

log = logging.getLogger(__name__)

__all__ = [
    "ConversationEndedError",
    "ConversationError",
    "ConversationNotFoundError",
    "ConversationService",
    "DoNotCallError",
    "TurnTimings",
    "new_conversation_id",
]
"""``TurnTimings`` is stored with a turn (:mod:`frontdesk.storage.records`); the voice side
fills it in and passes it here."""

T = TypeVar("T")
TASK_EFFECTS = {"start_escalation": "human_escalation", "schedule_callback": "callback"}
"""Effects of a turn that are background tasks, and the task each one is."""
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
        conversation_id = signature.bind(self, *args, **kwargs).arguments.get("conversation_id")
        with conversation(conversation_id or current_conversation()):
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


def new_conversation_id() -> str:
    """A fresh conversation id."""
    return f"sess_{uuid.uuid4().hex[:20]}"


class ConversationError(Exception):
    """Base of the service's errors; ``status`` is the HTTP status they map to."""

    status = 400


class ConversationNotFoundError(ConversationError):
    status = 404


class ConversationEndedError(ConversationError):
    status = 409


class DoNotCallError(ConversationError):
    status = 409


class ConversationService:
    """Creates conversations, runs turns, and publishes what happened."""

    def __init__(self, brain: Brain, store: ConversationStore, events: EventBus,
                 staff: StaffDesk, *,
                 refresh_profiles: Callable[[], Awaitable[object]] | None = None) -> None:
        """``refresh_profiles``: put in force the profile versions other processes saved,
        before each new conversation (``BusinessProfiles.refresh``)."""
        self._brain = brain
        self._refresh_profiles = refresh_profiles
        self._store = store
        self._events = events
        self._staff = staff
        self._locks = KeyedLocks()
        self._tasks: set[asyncio.Task[None]] = set()
        """Background work (checks for a person): cancelled at close, resumed at the next start."""
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
        """Ask again for a person for every check that was running when the server stopped."""
        pending = await self._store.open_staff_checks()
        for task in pending:
            self._spawn(self._check_staff(task.conversation_id, task.task_id, task.profile))
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

    def _spawn(self, coro: Coroutine[Any, Any, None]) -> None:
        task = asyncio.create_task(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    # --- conversations -----------------------------------------------------------------------

    @_runs_to_completion
    async def create(self, profile: str, *, direction: str = "inbound", channel: str = "text",
                     caller_phone: str | None = None, caller_name: str | None = None,
                     conversation_id: str | None = None) -> TurnOutcome:
        """Start a conversation and produce its greeting. Outbound calls respect do-not-call.

        ``conversation_id`` may name a call record registered ahead (a phone call Twilio announced
        before its audio arrived); it is filled in, not duplicated.
        """
        if self._refresh_profiles is not None:
            await self._refresh_profiles()
        profile_obj = self._brain.profile(profile)
        conversation_id = conversation_id or new_conversation_id()
        bind_conversation(conversation_id)  # this task's lines (it runs only this work)
        # Under the conversation's lock: a hang-up racing the greeting waits for it, then ends
        # the conversation it created.
        async with self._locks.hold(conversation_id), self._store.unit():
            if direction == "outbound" and caller_phone and await self.is_do_not_call(
                    profile_obj.key, caller_phone):
                raise DoNotCallError(
                    f"this number asked not to be called by {profile_obj.name}")
            state = await self._brain.new_state(conversation_id, profile, direction=direction,
                                                channel=channel, caller_phone=caller_phone,
                                                caller_name=caller_name)
            outcome = await self._brain.start(state)
            try:
                begun = await self._store.begin(outcome.state, channel=channel,
                                                direction=direction, caller_phone=caller_phone)
            except BusinessNotSeededError as exc:
                raise ConversationError(str(exc)) from None
            if not begun:
                raise ConversationEndedError(f"{conversation_id} has already been answered")
            await self._persist(outcome, booked_before=None, user_text=None, timings=None)
        log.info("conversation started", extra={"profile": profile_obj.key, "channel": channel,
                                                "direction": direction})
        self._publish_turn(outcome, None)
        return outcome

    @_runs_to_completion
    async def chat(self, conversation_id: str, message: str,
                   timings: TurnTimings | None = None) -> TurnOutcome:
        """One caller message → the agent's reply, persisted before it is returned.

        The whole turn is one transaction: the state is read, the brain runs (any booking it
        makes joins the transaction) and the turn is written, committed together or not at
        all — a crash before the commit leaves neither the turn nor its appointment.
        """
        async with self._locks.hold(conversation_id), self._store.unit():
            found = await self._store.load(conversation_id, lock=True)
            if found is None:
                raise ConversationNotFoundError(conversation_id)
            if found.status == "ended":
                raise ConversationEndedError(conversation_id)
            if found.status == "pending":
                raise ConversationEndedError(f"{conversation_id} is a call that has not started yet")
            booked_before = found.state.appointment.id if found.state.appointment else None
            outcome = await self._brain.respond(found.state, message)
            await self._persist(outcome, booked_before=booked_before, user_text=message,
                                timings=timings)
        log.info("conversation turn", extra={
            "turn": outcome.state.turn_count, "agent": outcome.agent, "intent": outcome.intent,
            "confidence": round(outcome.confidence, 3), "brain_ms": round(outcome.brain_ms, 1),
            "ended": outcome.state.ended})
        self._publish_turn(outcome, message)
        self._start_background_work(outcome)
        return outcome

    @_runs_to_completion
    async def end(self, conversation_id: str) -> ConversationState:
        """Hang up: the analytics agent records outcome and summary (from the whole
        transcript; the checkpoint keeps only the last few messages)."""
        async with self._locks.hold(conversation_id), self._store.unit():
            found = await self._store.load(conversation_id, lock=True)
            if found is None:
                raise ConversationNotFoundError(conversation_id)
            if found.status == "ended":
                return found.state
            transcript = _messages(await self._store.turns(conversation_id))
            state = await self._brain.finish(found.state, transcript)
            await self._store.save_state(state)
            # A call that dropped mid-conversation leaves a callback for somebody to return.
            await self._store.add_tasks(state, [
                NewTask(t.task_id, t.task_type, t.reason, t.due_at) for t in state.pending_tasks
                if t.task_type == "callback" and t.status == "pending"])
        log.info("conversation ended", extra={"outcome": state.outcome})
        self._events.publish(StateUpdate.of(state))
        return state

    async def get(self, conversation_id: str) -> tuple[ConversationState, list[Turn]]:
        """The conversation's state and its whole transcript."""
        async with self._store.unit():
            found = await self._store.load(conversation_id)
            if found is None:
                raise ConversationNotFoundError(conversation_id)
            return found.state, await self._store.turns(conversation_id)

    async def is_do_not_call(self, profile: str, phone: str) -> bool:
        return await self._store.is_do_not_call(profile, phone)

    @_runs_to_completion
    async def deliver_notification(self, conversation_id: str,
                                   notification_id: str) -> Notification | None:
        """Say a pending notification now (a voice call does not wait for the next turn).

        Marks it delivered and records it as an agent line; None if it was already delivered.
        """
        async with self._locks.hold(conversation_id), self._store.unit():
            found = await self._store.load(conversation_id, lock=True)
            if found is None:
                raise ConversationNotFoundError(conversation_id)
            state = found.state
            note = next((n for n in state.notifications_queue
                         if n.notification_id == notification_id), None)
            if note is None or note.delivered:
                return None
            note.delivered = True
            await self._store.add_notification_line(note, conversation_id)
            await self._store.save_state(state)
        self._events.publish(Transcript(conversation_id, "assistant", note.message, "escalation"))
        return note

    async def _persist(self, outcome: TurnOutcome, *, booked_before: int | None,
                       user_text: str | None, timings: TurnTimings | None) -> None:
        """Write the turn (inside the turn's transaction)."""
        tasks = [NewTask(e.task_id, TASK_EFFECTS[e.kind], e.detail, e.due_at)
                 for e in outcome.effects if e.kind in TASK_EFFECTS and e.task_id]
        appointment = outcome.state.appointment
        booked = appointment.id if appointment and appointment.id != booked_before else None
        await self._store.save_turn(outcome, user_text=user_text, timings=timings, tasks=tasks,
                                    booked=booked)
        for effect in outcome.effects:
            if effect.kind == "cancel_task" and effect.task_id:  # "never mind" to a person asked for
                await self._store.set_task_status(effect.task_id, "cancelled")

    # --- voice ------------------------------------------------------------------------------

    @_runs_to_completion
    async def record_latency(self, conversation_id: str, timings: TurnTimings,
                             brain_ms: float | None = None) -> None:
        """Store a spoken turn's latency on its agent reply and push the ``latency`` event."""
        turn = await self._store.record_latency(conversation_id, timings, brain_ms)
        if turn is not None:
            self._events.publish(LatencyMeasured(conversation_id, turn))

    @_runs_to_completion
    async def mark_interrupted(self, conversation_id: str, spoken_text: str) -> None:
        """The caller cut the agent off: keep only what was actually said, marked interrupted."""
        if await self._store.mark_interrupted(conversation_id, spoken_text):
            self._events.publish(Transcript(conversation_id, "assistant", spoken_text,
                                            interrupted=True))

    @_runs_to_completion
    async def record_event(self, conversation_id: str, kind: str, data: dict[str, Any]) -> None:
        await self._store.add_call_event(conversation_id, kind, data)
        self._events.publish(CallNote(conversation_id, kind, data))

    @_runs_to_completion
    async def transfer_not_answered(self, conversation_id: str,
                                    dial_status: str) -> Notification | None:
        """The phone transfer to a person was not answered: the same conversation goes on with
        the agent, which offers to take a message (said when the caller is back on the line).

        Returns that line, undelivered; None when the conversation has ended or was not being
        transferred (then there is nothing to come back to). A repeated report is harmless."""
        async with self._locks.hold(conversation_id), self._store.unit():
            found = await self._store.load(conversation_id, lock=True)
            if found is None:
                raise ConversationNotFoundError(conversation_id)
            if found.status != "active":
                return None
            state, note = self._brain.transfer_failed(found.state, dial_status=dial_status)
            if note is None or note.delivered:
                return None
            if any(n.notification_id == note.notification_id
                   for n in found.state.notifications_queue):
                return note  # Twilio asked again before the caller was back: nothing new
            await self._store.queue_notification(state, note)
            await self._store.add_call_event(conversation_id, "transfer_not_answered",
                                             {"dial_status": dial_status})
        log.info("transfer not answered", extra={"dial_status": dial_status})
        self._events.publish(CallNote(conversation_id, "transfer_not_answered",
                                      {"dial_status": dial_status}))
        self._events.publish(StateUpdate.of(state))
        return note

    # --- events and background work ----------------------------------------------------------

    def _publish_turn(self, outcome: TurnOutcome, user_text: str | None) -> None:
        sid = outcome.state.conversation_id
        if user_text is not None:
            self._events.publish(Transcript(sid, "user", user_text, outcome.agent))
        self._events.publish(Transcript(sid, "assistant", outcome.reply, outcome.agent))
        self._events.publish(StateUpdate.of(outcome.state))
        for effect in outcome.effects:
            if effect.kind == "start_escalation":
                task = next(t for t in outcome.state.pending_tasks if t.task_id == effect.task_id)
                self._events.publish(TaskUpdate.of(sid, task))

    def _start_background_work(self, outcome: TurnOutcome) -> None:
        state = outcome.state
        for effect in outcome.effects:
            if effect.kind == "start_escalation" and effect.task_id:
                self._spawn(self._check_staff(state.conversation_id, effect.task_id, state.profile))

    async def _check_staff(self, conversation_id: str, task_id: str, profile: str) -> None:
        """Ask the staff desk for a person, then record and publish the answer."""
        bind_conversation(conversation_id)  # resumed at startup, this task has no caller's context
        try:
            if not await self._store.set_task_status(task_id, "running"):
                return
            staff = tuple(self._brain.profile(profile).staff_names)
            found = await self._store.load(conversation_id)
            task = next((t for t in found.state.pending_tasks if t.task_id == task_id),
                        None) if found else None
            answer = await self._staff.ask(StaffRequest(conversation_id, task_id, profile, staff,
                                                        task.department if task else None))
            await self._record_staff_answer(conversation_id, task_id, answer)
        except asyncio.CancelledError:
            raise
        except Exception:  # a failed check must not vanish silently: mark it and log
            log.exception("escalation check failed", extra={"task_id": task_id})
            await self._store.set_task_status(task_id, "failed")

    async def _record_staff_answer(self, conversation_id: str, task_id: str,
                                   answer: StaffAnswer) -> None:
        async with self._locks.hold(conversation_id), self._store.unit():
            found = await self._store.load(conversation_id, lock=True)
            if found is None:
                return
            state, note = self._brain.apply_task_result(found.state, task_id,
                                                        available=answer.available,
                                                        person=answer.person,
                                                        transfer_to=answer.transfer_to)
            await self._store.finish_staff_check(state, task_id, available=answer.available,
                                                 person=answer.person, note=note)
        done = next((t for t in state.pending_tasks if t.task_id == task_id), None)
        if done is not None:
            self._events.publish(TaskUpdate.of(conversation_id, done))
        if note is not None:
            self._events.publish(NotificationReady.of(conversation_id, note))
        self._events.publish(StateUpdate.of(state))


def _messages(turns: Sequence[Turn]) -> list[Message]:
    """The stored transcript as the brain's messages."""
    return [Message(role=t.role, content=t.text, agent=t.agent, intent=t.intent,  # type: ignore[arg-type]
                    at=t.created_at) for t in turns]
