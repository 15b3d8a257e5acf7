"""Whole conversations with random and adversarial callers: what must hold whatever they say.

Caller turns are drawn from the phrase bank (every act, both businesses), shuffled, cut short,
padded with fillers, garbled like a speech recogniser, glued two at a time, and mixed with the
plain answers a cooperative caller gives (a day, a time, a name, a number), so that bookings,
qualifications and callbacks really happen. A fixed seed makes every run the same calls.

For every conversation:
- no exception;
- no agent reply said more than twice in a row;
- no booking outside opening hours or beyond a department's capacity;
- no lead marked qualified against a hard criterion (a place not served, a budget under the
  minimum);
- no callback task the caller did not ask for or agree to.
"""

from __future__ import annotations

import os
import random
from datetime import datetime, time, timedelta

import pytest

from frontdesk.brain import Brain
from frontdesk.brain.agents.qualification import hard_failure
from frontdesk.brain.memory import InMemoryCalendar, InMemoryCustomers
from frontdesk.brain.nlu.classifier import bank_files, load_bank
from tests.conftest import fixed_clock

SEED = int(os.environ.get("FRONTDESK_PROPERTY_SEED", "20261130"))
CONVERSATIONS = 60
MAX_TURNS = 14

FILLERS = ["um", "uh", "like", "you know", "so", "okay so", "well", "I mean", "honestly"]
ANSWERS = {
    "dealership": ["oil change", "tire rotation please", "Tuesday", "Thursday at 10 am",
                   "Saturday morning", "the first one", "2 pm", "my name is Dana Whitfield",
                   "512 555 0187", "yes", "that works", "no", "Sunday at 9", "at 7 pm",
                   "test drive the Camry", "Friday after work", "tomorrow first thing"],
    "real_estate": ["we want to buy", "we're selling our house", "Round Rock", "Dallas",
                    "Leander", "around 450 thousand", "under 100k", "within three months",
                    "we're pre-approved", "cash", "growing family", "yes", "no", "Friday at 2",
                    "my name is Ana Ruiz", "512 555 0166", "the 3rd", "Sunday at 10"],
}


def _slip(rng: random.Random, text: str) -> str:
    """A speech-recognition slip: a dropped, doubled or swapped letter in one word."""
    words = text.split()
    if not words:
        return text
    i = rng.randrange(len(words))
    word = words[i]
    if len(word) > 3:
        j = rng.randrange(1, len(word) - 1)
        word = rng.choice([word[:j] + word[j + 1:], word[:j] + word[j] + word[j:],
                           word[:j - 1] + word[j] + word[j - 1] + word[j + 1:]])
    words[i] = word
    return " ".join(words)


def _caller_turn(rng: random.Random, bank: list[str], answers: list[str]) -> str:
    text = rng.choice(answers) if rng.random() < 0.45 else rng.choice(bank)
    roll = rng.random()
    if roll < 0.15:
        words = text.split()
        text = " ".join(words[: max(1, len(words) - rng.randrange(1, 4))])  # cut short
    elif roll < 0.3:
        text = f"{rng.choice(FILLERS)}, {text}"
    elif roll < 0.45:
        text = _slip(rng, text)
    elif roll < 0.6:
        text = f"{text}, and {rng.choice(bank + answers)}"  # two things at once
    return text.lower() if rng.random() < 0.5 else text


def _bank(profile: str) -> list[str]:
    files = [f for f in bank_files() if f.stem.endswith(profile)]
    return [text for text, _ in load_bank(files)]


def _check_bookings(calendar: InMemoryCalendar, profiles) -> None:
    for booking in calendar.bookings:
        profile = profiles[booking.business]
        department = profile.departments[booking.department]
        hours = department.hours.for_weekday(booking.start.weekday())
        assert hours is not None, f"booked on a closed day: {booking}"
        end = booking.start + timedelta(minutes=booking.duration_min)
        assert hours[0] <= booking.start.time() and end.time() <= hours[1] \
            and end.date() == booking.start.date(), f"booked outside hours: {booking}"
        overlapping = [b for b in calendar.bookings if b.business == booking.business
                       and b.department == booking.department
                       and b.start < end and booking.start < b.start + timedelta(
                           minutes=b.duration_min)]
        assert len(overlapping) <= department.capacity, f"over capacity: {booking}"
        assert booking.start >= datetime.combine(booking.start.date(), time(0)), booking


def _conversation_plans(profiles) -> list[tuple[str, str, int]]:
    rng = random.Random(SEED)
    keys = sorted(profiles)
    return [(keys[i % len(keys)], rng.choice(["inbound", "inbound", "outbound"]),
             rng.randrange(10**9)) for i in range(CONVERSATIONS)]


@pytest.fixture(scope="module")
def banks(profiles):
    return {key: _bank(key) for key in profiles}


@pytest.mark.parametrize("index", range(CONVERSATIONS))
async def test_random_conversations_keep_their_promises(index, profiles, banks) -> None:
    key, direction, seed = _conversation_plans(profiles)[index]
    rng = random.Random(seed)
    calendar = InMemoryCalendar()
    brain = Brain(profiles, calendar, InMemoryCustomers(), clock=fixed_clock)
    state = await brain.new_state(f"prop-{index}", key, direction=direction,
                                  caller_phone="+15125550100" if rng.random() < 0.7 else None)
    outcome = await brain.start(state)
    replies = [outcome.reply]
    transcript = [f"agent: {outcome.reply}"]
    for _ in range(MAX_TURNS):
        if outcome.state.ended:
            break
        text = _caller_turn(rng, banks[key], ANSWERS[key])
        before = outcome.state
        outcome = await brain.respond(before, text)
        transcript += [f"caller: {text}", f"agent[{outcome.agent}/{outcome.intent}]: "
                                          f"{outcome.reply}"]
        replies.append(outcome.reply)
        story = "\n".join(transcript)
        # No reply a third time in a row.
        assert not (len(replies) >= 3 and replies[-1] == replies[-2] == replies[-3]), story
        # A callback only when asked for or agreed to.
        new_tasks = {t.task_id for t in outcome.state.pending_tasks if t.task_type == "callback"}
        old_tasks = {t.task_id for t in before.pending_tasks if t.task_type == "callback"}
        if new_tasks - old_tasks:
            consented = before.awaiting in {"offer_callback", "callback_time"} or (
                outcome.intent in {"objection_busy"}) or (
                before.awaiting == "permission" and outcome.intent == "objection_busy") or (
                bool(old_tasks - new_tasks))  # a callback agreed to, moved to the time now given
            assert consented, f"callback without consent\n{story}"
        # Never qualified against a hard criterion.
        lead = outcome.state.lead
        if lead.qualified:
            assert hard_failure(lead, profiles[key].qualification) is None, story
    _check_bookings(calendar, profiles)
