"""Mechanisms that development sets 22 and 23 (``evals/library/dev22_*.yaml``, ``dev23.yaml``, 100
callers written before they were run: urgency, money talk, callers who check what they heard,
interruptions at home, ramblers, list-makers, clipped callers, "what happens next?", outbound)
found wanting, checked on fresh phrasings, not the sets' own words.
"""

from __future__ import annotations

from datetime import date, time

import pytest

from frontdesk.brain.nlu import understand
from frontdesk.brain.nlu.text import normalise
from tests.brain.calls import call

MONDAY = date(2026, 11, 23)


# -- what happens next ------------------------------------------------------------------------------


async def test_who_the_caller_will_meet(profiles) -> None:
    _, replies = await call(profiles, "real_estate", "we'd like a listing appointment, tuesday at ten",
                            "our place is in Round Rock. who's going to come out?")
    assert "Jordan" in replies[-1], replies


async def test_how_long_the_visit_takes(profiles) -> None:
    _, replies = await call(profiles, "dealership", "how long is a test drive usually, if I come in for one?")
    assert "half an hour" in replies[0], replies  # a 30-minute visit, as an agent says it


def test_asking_whether_someone_confirms_is_a_question(profiles) -> None:
    u = understand("do you guys send a confirmation text or should I just show up?", profiles["dealership"],
                   MONDAY, awaiting="name")
    assert u.intent == "faq" and "confirm_question" in u.flags


async def test_which_offered_time_is_sooner(profiles) -> None:
    _, replies = await call(profiles, "dealership", "I need an oil change friday", "which one's earlier?")
    assert "sooner one is Friday" in replies[-1], replies


async def test_a_time_for_the_visit_said_to_a_callback_offer(profiles) -> None:
    _, replies = await call(profiles, "real_estate", "I'd like to see the house on Birch in Georgetown",
                            "thursday the 3rd at four", "is there a pool at that one?",
                            "alright let's just do the 3rd at four then")
    assert "call you back" not in replies[-1] and "name" in replies[-1], replies


# -- checking what they heard, interruptions -------------------------------------------------------


@pytest.mark.parametrize("text", ["sorry, what day was that? I'm in the car",
                                  "did you just say eleven or seven?"])
def test_asking_to_hear_it_again(profiles, text) -> None:
    assert understand(text, profiles["dealership"], MONDAY, awaiting="confirm_booking").intent == "repeat"


async def test_facts_said_before_a_hold_are_kept(profiles) -> None:
    state, _ = await call(profiles, "real_estate",
                          "we're looking to buy in Georgetown— hold on, my other line")
    assert state.lead.location == "Georgetown"


@pytest.mark.parametrize("text", ["forget it, I'll try another time, bye",
                                  "never mind, I'll call back. bye now"])
def test_giving_up_when_asked_for_something_ends_the_call(profiles, text) -> None:
    assert understand(text, profiles["dealership"], MONDAY, awaiting="date").intent == "goodbye"


def test_a_time_is_never_a_name(profiles) -> None:
    assert understand("Friday. Two o'clock.", profiles["dealership"], MONDAY, awaiting="name").name is None


def test_an_hour_said_twice_is_one_hour_and_phone_digits_stay(profiles) -> None:
    u = understand("nine nine in the morning", profiles["dealership"], MONDAY, awaiting="time")
    assert u.time == time(9)
    assert "5 5 5" in normalise("five one two five five five one two one two").numeric


# -- lists, ramblers, clipped ---------------------------------------------------------------------


async def test_a_list_said_without_stops(profiles) -> None:
    _, replies = await call(profiles, "dealership",
                            "so first I need the brakes looked at second what time do you close on saturday")
    assert "2 PM" in replies[0] and "brake" not in replies[0].split(".")[0], replies
    assert replies[0].endswith("?"), replies  # and the visit goes on


def test_a_warning_not_to_drive_is_no_test_drive(profiles) -> None:
    u = understand("the mechanic said don't even drive it anymore, can you check the brakes",
                   profiles["dealership"], MONDAY)
    assert u.appointment_type != "test_drive"


def test_naming_the_appointment_to_a_cancel_read_back_confirms_it(profiles) -> None:
    u = understand("my consultation.", profiles["real_estate"], MONDAY, awaiting="confirm_change")
    assert u.intent == "affirm"


def test_two_days_offered_as_either_is_the_first(profiles) -> None:
    u = understand("I'm around Wednesday or Friday", profiles["dealership"], MONDAY)
    assert u.date == date(2026, 11, 25)


# -- money and timelines ---------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "ceiling"), [
    ("approved for 500 but we'd honestly like to stay under 450", 450000),
    ("budget's about three fifty— what? ok, my husband says we can do four hundred", 400000),
])
def test_the_ceiling_the_caller_settles_on(profiles, text, ceiling) -> None:
    assert understand(text, profiles["real_estate"], MONDAY, awaiting="date").budget[1] == ceiling


@pytest.mark.parametrize(("text", "months"), [
    ("we have to be out in sixty days", 2.0),
    ("my job starts February 1st and we want to be in a place by then", 2.3),
])
def test_how_soon_said_by_a_deadline(profiles, text, months) -> None:
    timeline = understand(text, profiles["real_estate"], MONDAY).timeline
    assert timeline is not None and abs(timeline[0] - months) < 0.2
