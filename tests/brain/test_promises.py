"""No reply promises what no code path does: every "we'll call you back" leaves a callback task
behind, and a reminder is promised only as the follow-through plans it."""

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


class Planned:
    """The follow-through's answer, as the brain's port gives it."""

    def __init__(self, planned: list[tuple[float, str]]) -> None:
        self.result = planned
        self.asked: list[tuple] = []

    async def planned(self, business, start, phone, email):
        self.asked.append((business, start, phone, email))
        return self.result


async def _book(profiles, reminders) -> str:
    brain = Brain(profiles, InMemoryCalendar(), InMemoryCustomers(), clock=fixed_clock,
                  reminders=reminders)
    outcome = await brain.start(await brain.new_state("remind", "dealership",
                                                      caller_phone="+15125550142"))
    for line in ("this is Tom Becker, oil change for my 2016 F-150 Wednesday at 2 pm",
                 "my email is tom@example.com", "yes"):
        outcome = await brain.respond(outcome.state, line)
    assert outcome.state.appointment is not None
    return outcome.reply


async def test_a_reminder_is_promised_exactly_as_planned(profiles) -> None:
    both = Planned([(24.0, "sms"), (24.0, "email"), (2.0, "sms"), (2.0, "email")])
    reply = await _book(profiles, both)
    assert "You'll get a reminder by text and email the day before and 2 hours before." in reply
    [(business, start, phone, email)] = both.asked
    assert (business, start.isoformat(), phone) == ("dealership", "2026-11-25T14:00:00",
                                                    "+15125550142")
    assert email == "tom@example.com"
    assert "reminder by email an hour before." in await _book(profiles, Planned([(1.0, "email")]))


async def test_no_reminder_is_promised_when_none_will_be_sent(profiles) -> None:
    """No channel configured, a STOP, no contact, lead times past: the port plans none."""
    for reminders in (Planned([]), None):
        assert "remind" not in (await _book(profiles, reminders)).lower()


def test_only_the_planned_reminder_line_mentions_reminders() -> None:
    replies = Path(__file__).parents[2] / "src" / "frontdesk" / "brain" / "replies.yaml"
    wording = yaml.safe_load(replies.read_text())
    assert [k for k, v in wording.items() if "remind" in str(v).lower()] == [
        "reminder_none", "reminder_later", "reminder_promise"]
    # asked about reminders before booking: "we don't send reminders" or "whether one will come"
    assert "don't send reminders" in wording["reminder_none"]
    assert "whether a reminder" in wording["reminder_later"]
    for source in (Path(__file__).parents[2] / "src" / "frontdesk" / "brain").rglob("*.py"):
        assert "send a reminder" not in source.read_text().lower(), source
