"""Mechanisms that round 24 found wanting in development sets 133 to 144 (``evals/library/dev133.yaml``
… ``dev144.yaml``, callers written before they were run), each checked on fresh phrasings, not
the sets' own words. The clock is Monday 23 November 2026, nine in the morning.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from tests.brain.calls import booked, call
from tests.brain.calls import heard as _u

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
    from frontdesk.brain.agents.faq_match import faq_answers, place_words
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


# -- facts said the way callers put them ------------------------------------------------------------


@pytest.mark.parametrize(("said", "span"), [
    ("anywhere from three hundred up to four twenty five, cash", (300_000, 425_000)),
    ("budget's about five hundred, could stretch to six for the right one", (None, 600_000)),
    ("our budget is around two fifty no two seventy", (None, 270_000)),
])
def test_a_budget_said_as_a_span_a_stretch_or_put_right(profiles, said, span) -> None:
    budget = _u(profiles, "real_estate", said).budget
    assert budget is not None and budget[1] == span[1] and (span[0] is None or budget[0] == span[0])


def test_one_side_said_and_the_other_ruled_out(profiles) -> None:
    said = "we're buying, not selling, the condo's a rental we keep"
    assert _u(profiles, "real_estate", said).lead_intent == "buy"


def test_school_starting_is_a_timeline(profiles) -> None:
    u = _u(profiles, "real_estate", "we need to be moved in before the new school year starts", "timeline")
    assert u.timeline is not None and u.timeline[0] <= 10


def test_a_rank_before_a_name_gives_it(profiles) -> None:
    assert _u(profiles, "real_estate", "Morning. Sergeant Lupe Ortega, I'm getting stationed out "
                                       "here").name == "Lupe Ortega"


@pytest.mark.parametrize(("said", "hour"), [
    ("around nine— make it ten not nine, I drop the kids off first", 10),
    ("ten or ten thirty, ten thirty would be better", 10),
])
def test_the_hour_put_right_or_preferred(profiles, said, hour) -> None:
    u = _u(profiles, "dealership", f"oil change tuesday {said}")
    assert u.time is not None and u.time.hour == hour


# -- read-backs answered with more than yes ---------------------------------------------------------

TUESDAY_9 = datetime(2026, 11, 24, 9, 0)


async def test_thanks_to_a_move_read_back_is_yes(profiles) -> None:
    calendar = await booked("dealership", "oil_change", TUESDAY_9)
    _state, replies = await call(profiles, "dealership",
                                 "can you move my oil change tomorrow to wednesday, same time",
                                 "perfect, thank you", calendar=calendar)
    assert [(a.start.day, a.start.hour) for a in calendar.appointments] == [(25, 9)], replies


async def test_a_question_added_to_a_read_back_is_answered_and_the_change_stands(profiles) -> None:
    calendar = await booked("dealership", "oil_change", TUESDAY_9)
    _state, replies = await call(profiles, "dealership",
                                 "can you push my oil change tomorrow to friday at ten",
                                 "and y'all are the ones on river road, right? never been out there",
                                 "yes", calendar=calendar)
    assert "River Road" in replies[1], replies
    assert [(a.start.day, a.start.hour) for a in calendar.appointments] == [(27, 10)], replies


async def test_the_car_named_before_move_that_is_the_one_moved(profiles) -> None:
    calendar = await booked("dealership", "state_inspection", TUESDAY_9, vehicle="2019 Ford F-150")
    await booked("dealership", "oil_change", datetime(2026, 11, 27, 13, 0), calendar,
                 vehicle="2020 Honda Civic")
    _state, replies = await call(profiles, "dealership",
                                 "I've got the inspection on my truck tuesday and an oil change on the "
                                 "civic friday",
                                 "the truck one's fine. the civic, could we move that to saturday at nine",
                                 "yes", calendar=calendar)
    assert sorted((a.start.day, a.start.hour) for a in calendar.appointments) == [(24, 9), (28, 9)], replies


async def test_a_cancel_with_other_work_instead_books_that_work(profiles) -> None:
    calendar = await booked("dealership", "tire_rotation", TUESDAY_9)
    state, replies = await call(profiles, "dealership",
                                "I've got a tire rotation tomorrow at nine. can we cancel that and have "
                                "y'all look at the battery instead? same time", "sure", "Rene Ochoa", "yes",
                                calendar=calendar)
    assert calendar.appointments[0].status == "cancelled", replies
    assert state.appointment is not None and state.appointment.service_type == "battery_replacement", replies
