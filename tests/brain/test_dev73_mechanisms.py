"""Mechanisms that round 19 found wanting: round 18's backlog calls and development sets 73 to 80
(``evals/library/dev73.yaml`` … ``dev80.yaml``, callers written before they were run), each
checked on fresh phrasings, not the sets' own words.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from frontdesk.brain.nlu import understand
from frontdesk.brain.nlu.entities import extract_services
from frontdesk.brain.nlu.text import normalise
from tests.brain.calls import booked, call

# -- the day's last opening, asked for ---------------------------------------------------------


@pytest.mark.parametrize("said", ["what's the latest I could come in?",
                                  "what's your last appointment of the day",
                                  "what's the latest we could do that day?"])
async def test_the_latest_asked_after_two_times_offered_is_the_days_last_opening(profiles, said) -> None:
    state, replies = await call(profiles, "dealership", "I need a tire rotation Wednesday", said)
    assert "latest" in replies[-1] and "5:30 PM" in replies[-1]
    assert state.booking_slots.preferred_time is None  # nothing taken from the two offered


async def test_the_last_of_the_times_offered_is_still_taken(profiles) -> None:
    state, _ = await call(profiles, "dealership", "I need a tire rotation Wednesday",
                          "I'll take the last one")
    assert state.booking_slots.preferred_time is not None and state.awaiting != "pick_alternative"


# -- our own calls --------------------------------------------------------------------------------


@pytest.mark.parametrize("said", ["yeah?", "Yes?", "uh, okay?"])
async def test_a_yes_said_rising_to_do_you_have_a_minute_goes_on(profiles, said) -> None:
    state, replies = await call(profiles, "real_estate", said, direction="outbound")
    assert "don't have that information" not in replies[0] and state.awaiting != "offer_callback"


async def test_a_callback_for_the_lead_who_is_away_is_promised_for_them(profiles) -> None:
    state, replies = await call(profiles, "real_estate", "hello", "oh the house stuff is my husband's "
                                "thing, he's on shift", "try him tomorrow after six", direction="outbound")
    assert "call him" in replies[-1] and "call you" not in replies[-1]
    assert state.pending_tasks and "him" in state.pending_tasks[-1].reason


# -- a service that comes due months off --------------------------------------------------------


@pytest.mark.parametrize(("said", "wanted"), [
    ("my inspection's due in March", []),
    ("the oil change isn't due till next month, it's the brakes I'm worried about", ["brake_inspection"]),
    ("just the rotation, my inspection's due at the end of April", ["tire_rotation"]),
    ("my inspection's due next month, can I get it done early", ["state_inspection"]),
    ("my oil change is due next week, can I book it for Monday", ["oil_change"]),
])
def test_a_service_due_months_off_is_not_wanted_now_unless_asked_for(profiles, said, wanted) -> None:
    assert extract_services(normalise(said), profiles["dealership"]) == wanted


async def test_a_price_asked_while_a_move_is_read_back_answers_and_reads_it_back_again(profiles) -> None:
    calendar = await booked("dealership", "brake_inspection", datetime(2026, 11, 24, 10, 0))
    state, replies = await call(profiles, "dealership", "can I push my brake inspection tomorrow to "
                                "wednesday, same time?", "oh and the oil change isn't due till January, "
                                "but what do you charge for one these days?", calendar=calendar)
    assert "$49" in replies[-1] and "move" in replies[-1]
    assert state.awaiting == "confirm_change"


def test_a_yes_said_rising_is_no_question(profiles) -> None:
    from datetime import date
    u = understand("yeah?", profiles["dealership"], date(2026, 11, 23), "permission")
    assert u.intent == "affirm" or (u.affirm and not u.is_question)
