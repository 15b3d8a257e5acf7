"""Mechanisms that development set 19 (``evals/library/dev19.yaml``, 40 callers written before
they were run: outbound calls answered the way people answer unknown numbers, chains of
questions, heavily misheard transcripts) found wanting, checked on fresh phrasings, not the
set's own words.
"""

from __future__ import annotations

from datetime import date

import pytest

from frontdesk.brain.nlu import understand
from frontdesk.brain.nlu.financing import extract_financing
from frontdesk.brain.nlu.text import normalise
from tests.brain.calls import call

MONDAY = date(2026, 11, 23)


# -- outbound: how people answer ----------------------------------------------------------------


@pytest.mark.parametrize("text", ["yeah sure, what's this about?", "ok go ahead, make it quick"])
def test_an_answer_that_invites_the_pitch_is_a_yes(profiles, text) -> None:
    assert understand(text, profiles["dealership"], MONDAY, awaiting="permission").intent == "affirm"


async def test_a_service_call_is_about_service_whatever_comes_first(profiles) -> None:
    _, replies = await call(profiles, "dealership", "who is this?", "fine. thursday the 3rd at ten?",
                                phone="+15125550177", direction="outbound")
    assert "service appointment or a test drive" not in " ".join(replies), replies


async def test_both_after_two_prices_books_both(profiles) -> None:
    state, replies = await call(profiles, "dealership", "what's a state inspection cost",
                                "and a battery replacement?", "ok do both, friday at nine", "Ola Berg")
    assert set(state.booking_slots.services) == {"state_inspection", "battery_replacement"}, replies
    assert "$120" in replies[1], replies


def test_a_price_asked_of_what_was_just_described(profiles) -> None:
    u = understand("my warning light came on yesterday. what would it cost to check that out?",
                   profiles["dealership"], MONDAY)
    asked = [a for a in [u, *u.acts] if "price_question" in a.flags]
    assert asked and asked[0].services == ["diagnostic"]


# -- chains of questions ---------------------------------------------------------------------------


async def test_a_question_after_a_callback_offer_is_answered(profiles) -> None:
    _, replies = await call(profiles, "real_estate", "do you sell commercial buildings",
                            "ok and what time do you close on saturday")
    assert "7 PM" in replies[1] and "call you back" not in replies[1], replies


def test_asking_how_pre_approval_goes_says_nothing_of_the_caller() -> None:
    assert extract_financing(normalise("so how long does it take to get pre approved")) is None
    assert extract_financing(normalise("we aren't pre-approved yet")) == "not_started"
    assert extract_financing(normalise("our credit union approved us last week")) == "pre_approved"


async def test_how_does_that_work_about_the_topic_just_named(profiles) -> None:
    _, replies = await call(profiles, "real_estate", "we're buying in austin, around four hundred",
                            "we ain't done the pre approval thing, how does that work")
    assert "a few days" in replies[1], replies


async def test_a_meeting_asked_on_a_closed_day_is_told(profiles) -> None:
    _, replies = await call(profiles, "real_estate", "we want to buy in round rock",
                            "could somebody meet us on a sunday?")
    assert "closed on Sundays" in replies[1], replies


async def test_what_do_you_have_with_a_day_during_the_questions_books(profiles) -> None:
    _, replies = await call(profiles, "real_estate", "I want to sell my house in georgetown",
                                "what do you have tuesday afternoon?")
    assert "Tomorrow I have" in replies[1] and "PM open" in replies[1], replies  # Tuesday the 24th


# -- misheard transcripts ---------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "area"), [("do y'all work round rok", "Round Rock"),
                                            ("do you cover cedar parc", "Cedar Park")])
def test_a_misheard_town_after_a_verb_of_serving(profiles, text, area) -> None:
    u = understand(text, profiles["real_estate"], MONDAY)
    assert u.location is not None and u.location[0] == area


def test_pre_proved_is_pre_approved(profiles) -> None:
    assert understand("yeah we got preproved", profiles["real_estate"], MONDAY,
                      awaiting="financing").financing == "pre_approved"


def test_there_is_one_on_a_street_to_see_is_a_showing(profiles) -> None:
    u = understand("there's one on maple lane in pflugerville we'd like to see saturday",
                   profiles["real_estate"], MONDAY)
    assert u.appointment_type == "property_showing"


def test_a_day_and_a_number_of_bedrooms_is_no_time(profiles) -> None:
    assert understand("friday, 4 bedrooms", profiles["real_estate"], MONDAY).time is None


def test_an_hour_said_as_its_own_clause_beside_a_day(profiles) -> None:
    u = understand("thursday afternoon is best. two, if that works", profiles["real_estate"], MONDAY)
    assert u.time is not None and u.time.hour == 14
