"""Conversation events: their types, their one wire shape, and in-process publish/subscribe.

The service publishes typed events; WebSocket clients (``/ws/{session_id}``, seed 004's
protocol) receive :meth:`~ConversationEvent.as_json` of each, and in-process consumers (the
voice call's control) match on the type. The JSON shapes are written here and nowhere else.

Each WebSocket client subscribes to one conversation; publishing never blocks a turn — a
subscriber too slow to keep up loses its oldest events rather than stalling the call. A client
that joins late (the browser call page opens its socket after the greeting was said; the console
opens a call already under way) first gets the conversation's recent transcript lines again.
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict, defaultdict, deque
from dataclasses import dataclass, field
from typing import Any

from frontdesk.brain.state import BackgroundTask, ConversationState, Notification
from frontdesk.conversations.views import public_state
from frontdesk.storage.records import Turn

JsonObject = dict[str, Any]


@dataclass(slots=True, frozen=True)
class Transcript:
    """A line of the conversation: the caller's, or the agent's as it was said.

    A line the caller cut off is sent again with what was actually heard, marked
    ``interrupted`` (that shape carries no agent).
    """

    conversation_id: str
    role: str
    content: str
    agent_type: str | None = None
    interrupted: bool = False

    def as_json(self) -> JsonObject:
        line: JsonObject = {"type": "transcript", "session_id": self.conversation_id,
                            "role": self.role, "content": self.content}
        if self.interrupted:
            line["interrupted"] = True
        else:
            line["agent_type"] = self.agent_type
        return line


@dataclass(slots=True, frozen=True)
class StateUpdate:
    """The public state after a change (seed 004's ``state_update``), taken when it happened."""

    conversation_id: str
    intent: str | None
    ended: bool
    view: JsonObject = field(repr=False)
    """:func:`~frontdesk.conversations.views.public_state` at the time of the event."""

    @classmethod
    def of(cls, state: ConversationState) -> StateUpdate:
        return cls(state.conversation_id, state.detected_intent, state.ended, public_state(state))

    def as_json(self) -> JsonObject:
        return {"type": "state_update", "session_id": self.conversation_id, "intent": self.intent,
                **self.view}


@dataclass(slots=True, frozen=True)
class TaskUpdate:
    """A background task (a check for a person, a callback) started or finished."""

    conversation_id: str
    task: JsonObject

    @classmethod
    def of(cls, conversation_id: str, task: BackgroundTask) -> TaskUpdate:
        return cls(conversation_id, task.model_dump(mode="json"))

    def as_json(self) -> JsonObject:
        return {"type": "task_update", "session_id": self.conversation_id, "task": self.task}


@dataclass(slots=True, frozen=True)
class NotificationReady:
    """News from background work for the caller (a person is free, or will call back)."""

    conversation_id: str
    notification_id: str
    message: str
    priority: str
    handoff: bool

    @classmethod
    def of(cls, conversation_id: str, note: Notification) -> NotificationReady:
        return cls(conversation_id, note.notification_id, note.message, note.priority, note.handoff)

    def as_json(self) -> JsonObject:
        return {"type": "notification", "session_id": self.conversation_id,
                "notification_id": self.notification_id, "message": self.message,
                "priority": self.priority, "handoff": self.handoff}


@dataclass(slots=True, frozen=True)
class LatencyMeasured:
    """A spoken reply's measured stages, stored on its line of the transcript."""

    conversation_id: str
    turn: Turn

    def as_json(self) -> JsonObject:
        t = self.turn
        return {"type": "latency", "session_id": self.conversation_id,
                "data": {"seq": t.seq, "vad_stop_ms": t.vad_stop_ms, "stt_ms": t.stt_ms,
                         "brain_ms": t.brain_ms, "tts_first_ms": t.tts_first_ms,
                         "total_ms": t.total_ms}}


@dataclass(slots=True, frozen=True)
class CallNote:
    """Something that happened on a call besides turns (``tier_escalation``, ``transfer``,
    ``transfer_failed``); ``data`` are the event's own fields."""

    conversation_id: str
    kind: str
    data: JsonObject

    def as_json(self) -> JsonObject:
        return {"type": self.kind, "session_id": self.conversation_id, **self.data}


@dataclass(slots=True, frozen=True)
class CallStatusChanged:
    """The phone provider's status of the call (ringing, in-progress, completed, busy, …)."""

    conversation_id: str
    status: str
    duration_s: int | None

    def as_json(self) -> JsonObject:
        return {"type": "call_status", "session_id": self.conversation_id, "status": self.status,
                "duration_s": self.duration_s}


ConversationEvent = (Transcript | StateUpdate | TaskUpdate | NotificationReady | LatencyMeasured
                     | CallNote | CallStatusChanged)


class EventBus:
    """In-process publish/subscribe, with each recent conversation's last transcript lines kept
    (``history`` lines for at most ``conversations`` conversations) for subscribers who join late.
    """

    def __init__(self, queue_size: int = 256, history: int = 64,
                 conversations: int = 512) -> None:
        self._subscribers: defaultdict[str, set[asyncio.Queue[ConversationEvent]]] = (
            defaultdict(set))
        self._queue_size = queue_size
        self._history = history
        self._max_conversations = conversations
        self._lines: OrderedDict[str, deque[Transcript]] = OrderedDict()

    def subscribe(self, conversation_id: str,
                  replay: bool = False) -> asyncio.Queue[ConversationEvent]:
        """A queue of the conversation's events from now on; with ``replay``, its recent
        transcript lines come first, in the order they were said."""
        queue: asyncio.Queue[ConversationEvent] = asyncio.Queue(maxsize=self._queue_size)
        if replay:
            for line in list(self._lines.get(conversation_id, ()))[-self._queue_size:]:
                queue.put_nowait(line)
        self._subscribers[conversation_id].add(queue)
        return queue

    def unsubscribe(self, conversation_id: str, queue: asyncio.Queue[ConversationEvent]) -> None:
        subscribers = self._subscribers.get(conversation_id)
        if subscribers is not None:
            subscribers.discard(queue)
            if not subscribers:
                del self._subscribers[conversation_id]

    def publish(self, event: ConversationEvent) -> None:
        """Hand ``event`` to every subscriber of its conversation."""
        if isinstance(event, Transcript):
            self._remember(event)
        for queue in list(self._subscribers.get(event.conversation_id, ())):
            if queue.full():
                queue.get_nowait()
            queue.put_nowait(event)

    def subscriber_count(self, conversation_id: str) -> int:
        return len(self._subscribers.get(conversation_id, ()))

    def _remember(self, line: Transcript) -> None:
        lines = self._lines.get(line.conversation_id)
        if lines is None:
            lines = self._lines[line.conversation_id] = deque(maxlen=self._history)
            while len(self._lines) > self._max_conversations:
                self._lines.popitem(last=False)
        else:
            self._lines.move_to_end(line.conversation_id)
        lines.append(line)
