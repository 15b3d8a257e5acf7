"""Typed events keep the JSON the WebSocket clients know, key for key and in order."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from frontdesk.brain.state import BackgroundTask, ConversationState, Notification
from frontdesk.conversations.events import (
    CallNote,
    CallStatusChanged,
    EventBus,
    LatencyMeasured,
    NotificationReady,
    StateUpdate,
    TaskUpdate,
    Transcript,
)
from frontdesk.conversations.views import public_state
from frontdesk.storage.records import Turn

pytestmark = pytest.mark.unit


def _same(event, legacy: dict) -> None:
    assert json.dumps(event.as_json()) == json.dumps(legacy)


def test_every_event_has_the_wire_shape_it_had_as_a_dict() -> None:
    sid = "sess_1"
    _same(Transcript(sid, "user", "hi", "greeting"), {
        "type": "transcript", "session_id": sid, "role": "user", "content": "hi",
        "agent_type": "greeting"})
    _same(Transcript(sid, "assistant", "Our service", interrupted=True), {
        "type": "transcript", "session_id": sid, "role": "assistant", "content": "Our service",
        "interrupted": True})
    state = ConversationState(conversation_id=sid, profile="dealership", detected_intent="faq")
    _same(StateUpdate.of(state), {"type": "state_update", "session_id": sid, "intent": "faq",
                                  **public_state(state)})
    task = BackgroundTask(task_id="esc_1", task_type="human_escalation")
    _same(TaskUpdate.of(sid, task), {"type": "task_update", "session_id": sid,
                                     "task": task.model_dump(mode="json")})
    note = Notification(notification_id="n1", message="Sarah is free", priority="interrupt",
                        handoff=True)
    _same(NotificationReady.of(sid, note), {
        "type": "notification", "session_id": sid, "notification_id": "n1",
        "message": "Sarah is free", "priority": "interrupt", "handoff": True})
    turn = Turn(seq=4, role="assistant", text="ok", agent="faq", intent=None, confidence=None,
                interrupted=False, brain_ms=7.5, vad_stop_ms=200.0, stt_ms=80.0,
                tts_first_ms=120.0, total_ms=410.0, created_at=datetime.now(UTC))
    _same(LatencyMeasured(sid, turn), {"type": "latency", "session_id": sid, "data": {
        "seq": 4, "vad_stop_ms": 200.0, "stt_ms": 80.0, "brain_ms": 7.5, "tts_first_ms": 120.0,
        "total_ms": 410.0}})
    _same(CallNote(sid, "transfer", {"to": "+15125550100"}), {
        "type": "transfer", "session_id": sid, "to": "+15125550100"})
    _same(CallStatusChanged(sid, "completed", 42), {
        "type": "call_status", "session_id": sid, "status": "completed", "duration_s": 42})


def test_a_state_update_is_what_the_state_was_when_it_was_published() -> None:
    state = ConversationState(conversation_id="s", profile="dealership")
    bus = EventBus()
    queue = bus.subscribe("s")
    bus.publish(StateUpdate.of(state))
    state.turn_count, state.ended = 5, True
    received = queue.get_nowait()
    assert received.as_json()["turn_count"] == 0 and not received.ended


def test_a_slow_subscriber_loses_its_oldest_events() -> None:
    bus = EventBus(queue_size=2)
    queue = bus.subscribe("s")
    for n in range(3):
        bus.publish(CallNote("s", "tick", {"n": n}))
    bus.publish(CallNote("other", "tick", {"n": 9}))
    assert [queue.get_nowait().data["n"] for _ in range(2)] == [1, 2]
    bus.unsubscribe("s", queue)
    assert bus.subscriber_count("s") == 0


def test_a_late_subscriber_first_hears_what_was_already_said() -> None:
    bus = EventBus()
    bus.publish(Transcript("s", "assistant", "Thanks for calling.", "receptionist"))
    bus.publish(CallNote("s", "tick", {"n": 1}))  # not a line of the conversation: not replayed
    bus.publish(Transcript("other", "user", "Someone else's call."))
    late = bus.subscribe("s", replay=True)
    live_only = bus.subscribe("s")
    bus.publish(Transcript("s", "user", "What are your hours?"))
    heard = [late.get_nowait().content for _ in range(late.qsize())]
    assert heard == ["Thanks for calling.", "What are your hours?"]
    assert [live_only.get_nowait().content] == ["What are your hours?"] and live_only.empty()


def test_the_replayed_lines_are_bounded_per_conversation_and_in_number_of_conversations() -> None:
    bus = EventBus(history=2, conversations=2)
    for n in range(3):
        bus.publish(Transcript("a", "user", f"line {n}"))
    bus.publish(Transcript("b", "user", "b's line"))
    bus.publish(Transcript("a", "user", "line 3"))  # "a" is the most recent again
    bus.publish(Transcript("c", "user", "c's line"))  # the oldest, "b", is forgotten
    replay = bus.subscribe("a", replay=True)
    assert [replay.get_nowait().content for _ in range(replay.qsize())] == ["line 2", "line 3"]
    assert bus.subscribe("b", replay=True).empty()
