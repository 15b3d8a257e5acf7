"""Mechanisms that round 24 found wanting in development sets 133 to 144 (``evals/library/dev133.yaml``
… ``dev144.yaml``, callers written before they were run), each checked on fresh phrasings, not
the sets' own words. The clock is Monday 23 November 2026, nine in the morning.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from frontdesk.brain.nlu import understand
from tests.brain.calls import call

MONDAY = datetime(2026, 11, 23).date()


def _u(profiles, profile: str, text: str, awaiting: str | None = None):
    return understand(text, profiles[profile], MONDAY, awaiting=awaiting)


# -- a lead who sells one home and buys another -----------------------------------------------------


@pytest.mark.parametrize("said", [
    "we need to sell the place in Pflugerville and find something with a bigger yard",
    "gonna list our condo and get a single story out in Georgetown",
    "honestly the house is way too much house for the two of us now, we'd want something smaller",
])
def test_selling_one_home_and_wanting_another_is_both(profiles, said) -> None:
    assert _u(profiles, "real_estate", said).lead_intent == "both"


async def test_a_lead_that_sells_and_buys_stays_both_when_one_side_is_said_again(profiles) -> None:
    opening = "we're selling our house in Austin and buying a bigger one"
    state, _ = await call(profiles, "real_estate", opening,
                          "buying up in Round Rock hopefully, sorry you cut out for a second")
    assert state.lead.intent == "both"
    state, _ = await call(profiles, "real_estate", opening,
                          "actually scratch that, we're just buying, we'll rent the old one out")
    assert state.lead.intent == "buy"


@pytest.mark.parametrize("said", [
    "we're just about done dealing with tenants, the rental in Round Rock needs to go",
    "my dad's house in Georgetown is a lot of house for one person",
])
def test_a_landlord_or_a_downsizer_sells(profiles, said) -> None:
    assert _u(profiles, "real_estate", said).lead_intent == "sell"


def test_a_cash_buyer_outfit_is_not_the_caller_buying(profiles) -> None:
    said = "should we just sell it to one of those we buy houses places, or list it with y'all"
    assert _u(profiles, "real_estate", said).lead_intent == "sell"


def test_a_price_before_a_dash_and_a_meeting_time_is_the_budget(profiles) -> None:
    u = _u(profiles, "real_estate", "buying in Cedar Park, no more than four fifty — could one of "
                                    "your agents meet me Wednesday at two?")
    assert u.budget == (None, 450000) and u.time is not None and u.time.hour == 14


def test_a_town_is_no_near_miss_of_a_question_word(profiles) -> None:
    from frontdesk.brain.agents.faq import faq_answers, place_words
    profile = profiles["real_estate"]
    asked = faq_answers("y'all do Leander?", profile.faq, place_words(profile))
    assert not any("lender" in entry.answer.lower() for entry in asked)
    assert _u(profiles, "real_estate", "do y'all work Leander? we live out there now").intent != "line_check"


# -- a call back about something else, beside a booking ---------------------------------------------


async def test_a_call_back_about_something_else_waits_for_the_booking(profiles) -> None:
    state, replies = await call(
        profiles, "dealership",
        "I need a tire rotation Wednesday at nine, and could someone in sales call me Friday morning "
        "about the blue CR-V", "Dana Whitfield", "yes")
    assert state.appointment is not None and state.appointment.scheduled_date == "2026-11-25"
    assert state.appointment.scheduled_time == "09:00"
    callback = [t for t in state.pending_tasks if t.task_type == "callback"]
    assert callback and "Friday" in replies[-1] and "morning" in replies[-1], replies


# -- a caller finding words -------------------------------------------------------------------------


async def test_um_is_given_time_and_the_name_is_then_heard(profiles) -> None:
    state, replies = await call(profiles, "dealership", "oil change Wednesday at ten please", "uhh...",
                                "um, let me think", "Marisol Vega", "yes")
    assert "take your time" in replies[1].lower() and "name" in replies[2].lower()
    assert state.appointment is not None and state.appointment.customer_name == "Marisol Vega"


# -- days said against the one under discussion -----------------------------------------------------


async def test_same_time_after_a_closed_day_is_the_hour_asked_for(profiles) -> None:
    # Thanksgiving (Thursday 26 November) is closed: the day after, at the hour first asked
    state, replies = await call(profiles, "dealership", "can I bring it in for an oil change Thursday at 11",
                                "oh right the holiday, then the day after, same time", "Lee Park")
    assert state.booking_slots.preferred_date == "2026-11-27", replies
    assert state.booking_slots.preferred_time == "11:00", replies


async def test_a_weekday_said_after_next_weeks_times_is_in_that_week(profiles) -> None:
    state, replies = await call(profiles, "dealership", "I need a state inspection", "sometime next week",
                                "Thursday works I guess")
    assert state.booking_slots.preferred_date == "2026-12-03", replies


def test_what_did_you_say_asks_again(profiles) -> None:
    assert _u(profiles, "dealership", "sorry, the line cut out, what'd ya say?").intent == "repeat"
