"""Mechanisms that development set 15 (``evals/backlog/dev15_*.yaml``, 50 callers written before
they were run) found wanting, checked on fresh phrasings, not the set's own words: asking the
agent to say it again, old-fashioned and settled-at-the-end times, facts given with a question
back, a service's price asked with the caller's car, a call returned, a person no longer wanted,
the car named a turn before, a booking the caller has and asks about, and a day that belongs to
the caller's travel.
"""

from __future__ import annotations

from datetime import date

import pytest

from frontdesk.brain.nlu import understand
from frontdesk.brain.nlu.lead_intent import extract_lead_intent
from frontdesk.brain.nlu.names import extract_name
from frontdesk.brain.nlu.text import normalise
from tests.brain.calls import call

MONDAY = date(2026, 11, 23)


@pytest.mark.parametrize("text", ["sorry, what day was that?", "which times did you say?",
                                  "hold on, what time again?"])
def test_asking_for_what_was_just_said_is_a_repeat(profiles, text) -> None:
    assert understand(text, profiles["dealership"], MONDAY, awaiting="anything_else").intent == "repeat"


@pytest.mark.parametrize(("text", "hour", "minute"), [
    ("thursday, half passed nine", 9, 30),
    ("friday at, uh, quarter past two", 14, 15),
])
def test_old_fashioned_times(profiles, text, hour, minute) -> None:
    u = understand(text, profiles["dealership"], MONDAY)
    assert u.time is not None and (u.time.hour, u.time.minute) == (hour, minute)


def test_the_hour_settled_on_after_the_reason(profiles) -> None:
    u = understand("gotta be done before my shift at four, so maybe two", profiles["dealership"], MONDAY,
                   awaiting="pick_alternative")
    assert u.time is not None and u.time.hour == 14


async def test_facts_given_with_a_question_back_are_kept(profiles) -> None:
    state, replies = await call(profiles, "real_estate", "we'd like to buy a townhome in pflugerville",
                                "why do you need that? anyway, probably within three months")
    assert state.lead.timeline_months is not None and "It only helps us" in replies[-1], replies


@pytest.mark.parametrize(("text", "price"), [
    ("what does a tire rotation run on a silverado?", "$29"),
    ("how much to detail a ford explorer", "$150"),
])
async def test_a_service_price_asked_with_the_callers_car(profiles, text, price) -> None:
    _, replies = await call(profiles, "dealership", text)
    assert price in replies[0] and "in our inventory" not in replies[0], replies


async def test_a_returned_call_hears_who_we_are(profiles) -> None:
    _, replies = await call(profiles, "dealership", "yeah I got a missed call from this number, who's this?")
    assert "Thanks for calling back" in replies[0] and "Riverside Motors" in replies[0], replies


async def test_a_person_no_longer_wanted_and_the_car_named_before(profiles) -> None:
    state, replies = await call(profiles, "dealership",
                                "is marcus around today? he showed me the white tesla",
                                "eh, I don't need to talk to him right now, just want to drive it again "
                                "friday at 4")
    assert not state.escalation_in_progress, replies
    assert state.booking_slots.vehicle.model == "Model 3", replies


def test_a_booking_the_caller_has_and_asks_about(profiles) -> None:
    u = understand("i have a showing tomorrow at two and i was wondering if my dad can come along",
                   profiles["real_estate"], MONDAY)
    assert u.intent == "lookup_appointment"


def test_the_day_of_the_callers_travel_is_not_the_visit(profiles) -> None:
    u = understand("we land wednesday night, so thursday at noon or friday would work, thursday preferably",
                   profiles["real_estate"], MONDAY)
    assert u.date == date(2026, 11, 26) or u.date == date(2026, 11, 27)
    u = understand("Friday at ten suits us, we're driving in Wednesday", profiles["real_estate"], MONDAY)
    assert u.date == date(2026, 11, 27)
    u = understand("can I get in friday at quarter to three", profiles["dealership"], MONDAY)
    assert u.date == date(2026, 11, 27)  # getting in is the visit, not a trip


@pytest.mark.parametrize("text", ["we've been doing it fsbo and it's not working, ready to list with someone",
                                  "we'd like to list with y'all this spring"])
def test_listing_with_someone_is_selling(text) -> None:
    assert extract_lead_intent(normalise(text)) == "sell"


@pytest.mark.parametrize(("text", "name"), [("ok that's fine, its nora quill", "Nora Quill"),
                                            ("Jo— Joanna Brandt", "Joanna Brandt")])
def test_a_name_after_an_okay_or_a_restart(text, name) -> None:
    assert extract_name(normalise(text), expecting=True) == name


def test_what_a_transcript_did_not_hear_is_no_word() -> None:
    assert normalise("is the blue one still [inaudible] there").lower == "is the blue one still there"


def test_that_s_it_to_a_read_back_is_a_yes(profiles) -> None:
    assert understand("that's it, thanks", profiles["dealership"], MONDAY, awaiting="confirm_booking").affirm
    assert understand("that's it, thanks", profiles["dealership"], MONDAY,
                      awaiting="anything_else").intent == "goodbye"
