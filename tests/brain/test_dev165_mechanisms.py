"""Mechanisms that round 27 found wanting in development sets 165 to 172 (``evals/library/dev165.yaml``
… ``dev172.yaml``, callers written before they were run), each checked on fresh phrasings, not
the sets' own words. The clock is Monday 23 November 2026, nine in the morning (Thanksgiving,
Thursday the 26th, the dealership is closed).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from functools import partial

import pytest

from frontdesk.brain.availability import AvailabilityCalendar
from frontdesk.brain.memory import InMemoryCalendar
from frontdesk.brain.nlu import clock, when
from frontdesk.brain.nlu.change import split_change
from frontdesk.brain.nlu.text import normalise
from tests.brain.calls import MONDAY, booked, call, on_calendar
from tests.brain.calls import heard as _u

TUESDAY_2 = datetime(2026, 11, 24, 14, 0)
WEDNESDAY_10 = datetime(2026, 11, 25, 10, 0)
FRIDAY_9 = datetime(2026, 11, 27, 9, 0)
_when = partial(on_calendar, sort=True)


# -- a question run on into a request ----------------------------------------------------------------


async def test_a_price_run_on_into_a_booking_is_answered_and_the_booking_goes_on(profiles) -> None:
    state, replies = await call(profiles, "dealership", "i need a tire rotation wednesday morning and uh "
                                "while you got it how much is an oil change")
    assert "$49" in replies[0] and state.booking_slots.services == ["tire_rotation"], replies


async def test_where_we_are_asked_after_but_first_is_answered(profiles) -> None:
    _state, replies = await call(profiles, "dealership", "I want to book a state inspection for Wednesday, "
                                 "but first — where exactly are y'all?")
    assert "1200 River Road" in replies[0], replies


def test_a_question_on_a_condition_is_one_question(profiles) -> None:
    u = _u(profiles, "dealership", "and if the repair runs long do you guys have loaners", "anything_else")
    assert u.intent == "faq" and u.appointment_type is None


def test_a_topic_said_first_stays_with_its_question(profiles) -> None:
    u = _u(profiles, "real_estate", "Sure. Oh, and the commission, is that paid at closing?",
           "confirm_booking")
    assert u.affirm and "commission" in u.text.lower()


# -- a call back asked with its time -------------------------------------------------------------------


async def test_a_call_back_with_its_time_beats_the_work_named(profiles) -> None:
    state, replies = await call(profiles, "dealership", "my brakes are squeaking but i can't plan anything "
                                "yet, could somebody give me a call tomorrow morning")
    assert state.appointment is None and any(t.task_type == "callback" for t in state.pending_tasks), replies


async def test_a_call_back_in_so_many_minutes_is_timed_from_now(profiles) -> None:
    state, replies = await call(profiles, "real_estate", "im in a meeting, try me again in an hour",
                                direction="outbound")
    assert "10 AM" in replies[0] and any(t.task_type == "callback" for t in state.pending_tasks), replies


async def test_a_name_given_when_asked_when_to_call_keeps_the_call_back(profiles) -> None:
    state, replies = await call(profiles, "real_estate", "can somebody call me back, I'm at work",
                                "it's Priya Raman", "whenever, this number's fine")
    assert any(t.task_type == "callback" for t in state.pending_tasks), replies
    assert state.customer.name == "Priya Raman"


# -- questions about a visit ----------------------------------------------------------------------------


async def test_what_happens_at_a_visit_on_file_comes_from_the_profile(profiles) -> None:
    calendar = await booked("real_estate", "listing_appointment", WEDNESDAY_10)
    _state, replies = await call(profiles, "real_estate", "is our listing appointment still wednesday at ten",
                                 "ok and what do they actually do when they get there",
                                 "and about how long are they at the house", calendar=calendar)
    assert "price opinion" in replies[1] and "about an hour" in replies[2], replies


async def test_how_long_the_service_on_file_takes_is_its_own_length(profiles) -> None:
    calendar = await booked("dealership", "tire_rotation", TUESDAY_2)
    _state, replies = await call(profiles, "dealership", "when is my tire rotation again",
                                 "ok how long it take", calendar=calendar)
    assert "30 minutes" in replies[1], replies


async def test_a_visit_named_by_its_day_is_the_one_asked_about(profiles) -> None:
    calendar = await booked("real_estate", "property_showing", TUESDAY_2)
    await booked("real_estate", "buyer_consultation", FRIDAY_9, calendar=calendar)
    _state, replies = await call(profiles, "real_estate", "what do i have on the calendar with you",
                                 "how long is the friday one gonna take", calendar=calendar)
    assert "buyer consultation usually takes about 45 minutes" in replies[1], replies


# -- which booking, and two changes at once -------------------------------------------------------------


async def test_naming_another_booking_at_the_read_back_switches_to_it(profiles) -> None:
    calendar = await booked("dealership", "oil_change", TUESDAY_2)
    await booked("dealership", "detailing", FRIDAY_9, calendar=calendar)
    _state, replies = await call(profiles, "dealership", "i need to cancel the detail friday",
                                 "no no, cancel the oil change, leave friday alone", "yes", calendar=calendar)
    assert _when(calendar) == [("Fri 27 09:00", "scheduled"), ("Tue 24 14:00", "cancelled")], replies


async def test_a_cancel_and_a_move_in_one_breath_are_both_done(profiles) -> None:
    calendar = await booked("dealership", "oil_change", TUESDAY_2)
    await booked("dealership", "detailing", FRIDAY_9, calendar=calendar)
    _state, replies = await call(profiles, "dealership", "can you tell me what i have booked",
                                 "drop the detail, and the oil change can you do wednesday instead, "
                                 "same time",
                                 "yes", "yes", calendar=calendar)
    assert _when(calendar) == [("Fri 27 09:00", "cancelled"), ("Wed 25 14:00", "scheduled")], replies


def test_can_it_be_names_the_new_day() -> None:
    current, target = split_change("my oil change on tuesday, can it be saturday the 28th instead at ten",
                                   MONDAY)
    assert current.date == date(2026, 11, 24) and target == type(target)(date(2026, 11, 28), time(10, 0))


# -- days and hours --------------------------------------------------------------------------------------


@pytest.mark.parametrize(("said", "today", "day"), [
    ("tuesday the fifth", MONDAY, date(2027, 1, 5)),  # not December 5th, a Saturday
    ("the saturday before then, the twelfth", MONDAY, date(2026, 12, 12)),
    ("saturday the twelfth — no sorry, the nineteenth", MONDAY, date(2026, 12, 19)),
    ("the check engine light's been on since christmas eve", date(2026, 12, 28), None),
])
def test_days_said_with_their_weekday_or_taken_back(said, today, day) -> None:
    assert when.extract_date(normalise(said), today) == day


@pytest.mark.parametrize(("said", "hour"), [
    ("Friday at five. I'm stuck at work late Thursday.", time(17, 0)),
    ("um thursday i guess um in the morning um nine", time(9, 0)),
    ("oh shoot. okay, um, eleven then.", time(11, 0)),
])
def test_hours_said_bare_as_the_choice(said, hour) -> None:
    assert clock.extract_time(normalise(said)) == hour


def test_the_furthest_day_booked_is_the_profiles_and_nothing_past_it_is_offered(profiles) -> None:
    profile = profiles["real_estate"]
    availability = AvailabilityCalendar(profile, InMemoryCalendar(), datetime(2026, 11, 23, 9))
    assert availability.last_day == date(2026, 11, 23) + timedelta(days=profile.max_days_ahead)


async def test_a_day_past_the_horizon_is_offered_the_nearest_days_before_it(profiles) -> None:
    _state, replies = await call(profiles, "real_estate", "can I sit down with an agent on March 10th at ten")
    assert "90 days" in replies[0] and "February" in replies[0], replies


# -- names ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("said", "name"), [
    ("ok great its nadia petrova", "Nadia Petrova"),
    ("Reyes — Tomas Reyes.", "Tomas Reyes"),
    ("I'm her son, but put it under hers: Maria Lopez", "Maria Lopez"),
    ("sean o'brien", "Sean O'Brien"),
])
def test_names_said_the_way_people_give_them(profiles, said, name) -> None:
    assert _u(profiles, "dealership", said, "name").name == name


async def test_a_name_put_right_at_the_read_back_is_read_back_again(profiles) -> None:
    state, replies = await call(profiles, "dealership", "oil change wednesday at ten please", "Tom Hale",
                                "yep — actually could you put it under Thomas? Thomas Hale. "
                                "That's on my account.")
    assert state.booking_slots.customer_name == "Thomas Hale" and "I don't have" not in replies[-1], replies


# -- our calls -----------------------------------------------------------------------------------------------


async def test_a_death_told_on_our_call_is_met_with_condolences_and_the_list(profiles) -> None:
    state, replies = await call(profiles, "dealership",
                                "hi, this is her daughter. my mom passed away in august.",
                                direction="outbound")
    assert "sorry for your loss" in replies[0] and state.lead.do_not_call and state.ended, replies


async def test_the_one_we_called_speaking_of_a_death_is_not_struck_off(profiles) -> None:
    state, _replies = await call(profiles, "real_estate", "yes this is her. my husband passed last year and "
                                 "I'm thinking of selling the house", direction="outbound")
    assert not state.lead.do_not_call


# -- leads ---------------------------------------------------------------------------------------------------


async def test_lead_facts_said_with_the_yes_to_a_read_back_are_kept(profiles) -> None:
    state, replies = await call(profiles, "real_estate",
                                "can i see the house on elm street saturday at eleven", "Dana Cole",
                                "yes, and we're pre-approved up to five hundred")
    assert state.appointment is not None and state.lead.budget_max == 500_000, replies


@pytest.mark.parametrize(("said", "budget"), [
    ("somewhere between eighty and a hundred and five thousand", (80_000, 105_000)),
])
def test_budgets_said_as_a_span(profiles, said, budget) -> None:
    assert _u(profiles, "real_estate", said, "budget").budget == budget


def test_a_timeline_put_right_in_bare_numbers_keeps_its_unit(profiles) -> None:
    u = _u(profiles, "real_estate", "we'd like to move in about four months — no, actually, two, tops")
    assert u.timeline is not None and u.timeline[0] == 2


@pytest.mark.parametrize("said", ["could somebody come out friday at two", "someone needs to come look at "
                                  "the pflugerville house"])
def test_one_of_ours_coming_out_is_a_listing_appointment(profiles, said) -> None:
    assert _u(profiles, "real_estate", said).appointment_type == "listing_appointment"


def test_one_of_ours_coming_out_with_the_caller_to_a_listing_is_no_listing_appointment(profiles) -> None:
    u = _u(profiles, "real_estate", "could someone come out with me to see the one on oak")
    assert u.appointment_type != "listing_appointment"


def test_the_new_visit_is_the_kind_asked_for_not_the_one_on_file(profiles) -> None:
    u = _u(profiles, "real_estate", "i already have a showing wednesday at ten and i'd also like to sit down "
                                    "with an agent friday at two")
    assert u.appointment_type == "buyer_consultation"
    assert u.date == date(2026, 11, 27) and u.time == time(14, 0)


def test_the_work_on_file_is_not_the_new_visits(profiles) -> None:
    u = _u(profiles, "dealership", "I've got the Camry booked Tuesday for an oil change. My husband's truck "
                                   "needs its tires rotated, could you do Tuesday at ten?")
    assert u.services == ["tire_rotation"]


def test_both_asked_for_is_a_request(profiles) -> None:
    u = _u(profiles, "dealership", "alright, do both. wednesday first thing?", "date")
    assert u.intent == "book" and u.service_count == 2


def test_a_statement_is_not_answered_as_a_question(profiles) -> None:
    u = _u(profiles, "dealership", "that's the name on the title. and the oil change is wednesday",
           "confirm_booking")
    assert not any(a.intent == "faq" for a in u.acts)
