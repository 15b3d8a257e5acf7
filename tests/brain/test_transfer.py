"""A caller who asks for a person: the department the request is about, and the caller who
comes back when the transfer to a free person is not answered (pure brain, no I/O)."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from tests.brain.test_promises import promises
from tests.conftest import fixed_clock

pytestmark = pytest.mark.unit


async def _asked_for_person(brain, text: str, profile: str = "dealership"):
    state = await brain.new_state("sess_t", profile, channel="phone", caller_phone="+15125550142")
    outcome = await brain.respond((await brain.start(state)).state, text)
    return outcome.state, next(t for t in outcome.state.pending_tasks
                               if t.task_type == "human_escalation")


@pytest.mark.parametrize(("text", "department"), [
    ("Can I talk to someone in sales please?", "sales"),
    ("Can I speak to a person in the service department?", "service"),
    ("Let me talk to a person about my oil change", "service"),
    ("I want to speak to a real person", None),
])
async def test_the_check_knows_the_department(brain, text, department) -> None:
    _, task = await _asked_for_person(brain, text)
    assert task.department == department


async def _transfer_failed(brain, dial_status: str = "no-answer"):
    state, task = await _asked_for_person(brain, "can I talk to someone in sales")
    state, note = brain.apply_task_result(state, task.task_id, available=True, person="Marcus",
                                          transfer_to="+15125550192")
    assert note is not None and note.handoff and note.transfer_to == "+15125550192"
    note.delivered = True
    after, back = brain.transfer_failed(state, dial_status=dial_status)
    return after, back


async def test_an_unanswered_transfer_offers_to_take_a_message(brain) -> None:
    state, note = await _transfer_failed(brain, "busy")
    assert note is not None and "Marcus wasn't able to pick up" in note.message
    assert note.message.rstrip().endswith("?") and not promises(note.message)  # an offer
    assert (state.awaiting, state.awaiting_agent, state.human_agent_status) == (
        "take_message", "escalation", "unavailable")
    assert state.pending_tasks[0].transfer_status == "busy"
    again, same = brain.transfer_failed(state, dial_status="busy")  # Twilio asks twice
    assert same == note and again.notifications_queue == state.notifications_queue
    outcome = await brain.respond(state.model_copy(update={"notifications_queue": [
        n.model_copy(update={"delivered": True}) for n in state.notifications_queue]}),
        "Please tell him I'd like a quote on the blue Camry, and I'm free after five.")
    assert "written that down for Marcus" in outcome.reply and "512-555-0142" in outcome.reply
    [callback] = [t for t in outcome.state.pending_tasks if t.task_type == "callback"]
    assert callback.reason.startswith("transfer not answered (Marcus, busy); message: Please tell")
    assert "after five" in callback.reason  # the whole message, not just its first clause
    due = datetime.fromisoformat(callback.due_at)
    assert due - fixed_clock() == timedelta(hours=1)
    assert [e.kind for e in outcome.effects] == ["schedule_callback"]
    ended = await brain.finish(outcome.state)
    assert ended.outcome == "callback_scheduled"
    assert "Marcus was free but the transfer was not answered (busy)" in ended.summary


async def test_a_yes_asks_for_the_message_and_a_no_takes_none(brain) -> None:
    state, _ = await _transfer_failed(brain)
    yes = await brain.respond(state, "yes please")
    assert "go ahead" in yes.reply.lower() and yes.state.awaiting == "take_message"
    no = await brain.respond(state, "no thanks")
    assert "no message" in no.reply and no.state.awaiting == "anything_else"
    assert not [t for t in no.state.pending_tasks if t.task_type == "callback"]
    ended = await brain.finish(no.state)
    assert ended.outcome == "escalated"  # not "transferred": nobody took the call


async def test_nothing_to_come_back_to(brain) -> None:
    state, _ = await _asked_for_person(brain, "can I talk to a person")
    unchanged, note = brain.transfer_failed(state, dial_status="no-answer")  # nobody was free
    assert note is None and unchanged.awaiting != "take_message"
    failed, _ = await _transfer_failed(brain)
    over = await brain.finish(failed)
    assert brain.transfer_failed(over, dial_status="failed")[1] is None


async def test_asking_again_while_the_person_is_coming_starts_no_second_check(brain) -> None:
    state, task = await _asked_for_person(brain, "can I talk to someone in sales")
    state, note = brain.apply_task_result(state, task.task_id, available=True, person="Jordan")
    note.delivered = True
    again = await brain.respond(state, "ok just a person please")
    assert "Jordan" in again.reply and "stay on the line" in again.reply
    assert not [e for e in again.effects if e.kind == "start_escalation"]
    assert len([t for t in again.state.pending_tasks if t.task_type == "human_escalation"]) == 1
    third = await brain.respond(again.state, "hello? a real person")
    assert "Jordan" in third.reply and third.reply != again.reply  # never the same line twice


async def test_asking_again_when_nobody_was_free_promises_no_second_call_back(brain) -> None:
    state, task = await _asked_for_person(brain, "I want to speak to a real person")
    state, note = brain.apply_task_result(state, task.task_id, available=False, person="Jordan")
    note.delivered = True
    again = await brain.respond(state, "can I just talk to a human")
    assert "still busy" in again.reply and "call you back within the hour" in again.reply
    assert not [e for e in again.effects if e.kind == "start_escalation"]
    assert len([t for t in again.state.pending_tasks if t.task_type == "callback"]) == 1
    assert again.state.awaiting == "anything_else"
