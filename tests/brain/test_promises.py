"""No reply promises what no code path does: every "we'll call you back" leaves a callback task
behind, and nothing promises a reminder the brain cannot know will be sent."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from pathlib import Path

import pytest
import yaml

from frontdesk.brain import Brain
from frontdesk.brain.memory import InMemoryCalendar, InMemoryCustomers
from frontdesk.evals.scenarios import load_scenarios
from tests.conftest import fixed_clock

SCENARIOS = load_scenarios(Path(__file__).parents[1] / "scenarios")
PROMISE = re.compile(r"\b(will|'ll)\b.*\b(call|get back|reach out|remind|send|text|email)", re.I)
"""A commitment: something *will* happen. "I can have someone call you back" is an offer."""


def promises(reply: str) -> list[str]:
    """The sentences of ``reply`` that promise something (an offer, a question, is not one)."""
    sentences = re.split(r"(?<=[.!?])\s+", reply)
    return [s for s in sentences if PROMISE.search(s) and not s.rstrip().endswith("?")]


def test_the_promise_finder_tells_a_promise_from_an_offer() -> None:
    assert promises("Great, someone from our team will call you back at 512-555-0142.")
    assert not promises("Would you like someone from our team to call you back?")
    assert not promises("I can have someone from our team call you back with an answer.")
    assert promises("Got it, we'll call you back tomorrow morning. Thanks!")
    assert not promises("Our service department is open weekdays.")


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.name)
async def test_every_callback_promised_in_a_conversation_is_a_task(scenario, profiles) -> None:
    brain = Brain(profiles, InMemoryCalendar(), InMemoryCustomers(), clock=fixed_clock)
    state = await brain.new_state("promise", scenario.profile, direction=scenario.direction,
                                  caller_phone=scenario.caller_phone,
                                  caller_name=scenario.caller_name)
    outcome = await brain.start(state)
    for turn in scenario.turns:
        if outcome.state.ended:
            break
        outcome = await brain.respond(outcome.state, turn.say)
        promised = promises(outcome.reply)
        if promised:
            callbacks = [t for t in outcome.state.pending_tasks if t.task_type == "callback"]
            assert callbacks, f"{turn.say!r} -> {promised} with no callback task"
            assert not any("remind" in s.lower() for s in promised), promised


async def test_nobody_free_means_a_callback_within_the_hour(profiles) -> None:
    brain = Brain(profiles, InMemoryCalendar(), InMemoryCustomers(), clock=fixed_clock)
    state = await brain.new_state("nobody-free", "dealership", caller_phone="+15125550142")
    outcome = await brain.respond((await brain.start(state)).state,
                                  "can I talk to a real person please")
    check = next(t for t in outcome.state.pending_tasks if t.task_type == "human_escalation")
    after, note = brain.apply_task_result(outcome.state, check.task_id, available=False,
                                          person="Sarah")
    assert note is not None and "call you back within the hour" in note.message
    callback = next(t for t in after.pending_tasks if t.task_type == "callback")
    assert callback.due_at is not None and callback.status == "pending"
    assert datetime.fromisoformat(callback.due_at) - fixed_clock() == timedelta(hours=1)
    assert "Sarah" in (callback.reason or "") and "real person" in (callback.reason or "")


def test_no_reply_template_promises_a_reminder() -> None:
    """Whether a reminder goes out depends on what the brain does not see (SMTP and Twilio
    Messaging configured, the customer's email, a STOP): so no wording may promise one."""
    replies = Path(__file__).parents[2] / "src" / "frontdesk" / "brain" / "replies.yaml"
    texts = [str(v) for v in yaml.safe_load(replies.read_text()).values()]
    assert not [t for t in texts if "remind" in t.lower()]
    for source in (Path(__file__).parents[2] / "src" / "frontdesk" / "brain").rglob("*.py"):
        assert "send a reminder" not in source.read_text().lower(), source
