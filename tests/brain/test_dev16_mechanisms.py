"""Mechanisms that development set 16 (``evals/library/dev16.yaml``, 40 ordinary callers written
before they were run) found wanting, checked on fresh phrasings, not the set's own words: a
budget range said while a day is asked for, "anything earlier? like eleven", a part of the day
that is someone else's, the address asked in passing, a question after "ok and", a buyer who
wants to sit down, a question about the time just proposed, and a name with its car after it.
"""

from __future__ import annotations

from datetime import date

import pytest

from frontdesk.brain.nlu import understand
from frontdesk.brain.nlu.lead import extract_budget
from frontdesk.brain.nlu.names import extract_name
from frontdesk.brain.nlu.text import normalise
from tests.brain.calls import call

MONDAY = date(2026, 11, 23)


@pytest.mark.parametrize(("text", "budget"), [
    ("somewhere between five and six hundred", (500_000, 600_000)),
    ("townhomes in cedar park, three twenty five to three fifty", (325_000, 350_000)),
])
def test_a_budget_range_of_hundreds(text, budget) -> None:
    assert extract_budget(normalise(text)) == budget


def test_a_range_of_something_else_is_no_budget() -> None:
    assert extract_budget(normalise("we want a house, we drive between 100 and 200 miles a week")) is None


async def test_lead_facts_given_for_a_day_are_kept_and_acknowledged(profiles) -> None:
    state, replies = await call(profiles, "real_estate",
                                "we're buying our first place and want to sit down with someone",
                                "pflugerville, between two and two fifty", "probably in the spring")
    assert state.lead.budget_max == 250_000 and state.lead.location == "Pflugerville", replies
    assert "Got it" in replies[-1] and "trouble" not in replies[-1], replies


@pytest.mark.parametrize(("text", "hour"), [
    ("hmm, anything earlier? like ten? I've got a meeting in the afternoon", 10),
    ("do you have anything later, say five", 17),
])
def test_another_time_asked_for_is_the_booking_s(profiles, text, hour) -> None:
    u = understand(text, profiles["dealership"], MONDAY, awaiting="name")
    assert u.intent == "book" and u.time is not None and u.time.hour == hour


@pytest.mark.parametrize(("profile", "address"), [("real_estate", "500 Lakeshore Drive"),
                                                  ("dealership", "1200 River Road")])
async def test_the_address_asked_in_passing(profiles, profile, address) -> None:
    _, replies = await call(profiles, profile, "and how do I find you guys?")
    assert address in replies[0], replies


def test_a_question_after_ok_and_is_a_question(profiles) -> None:
    u = understand("ok and do y'all give a warranty on the work", profiles["dealership"], MONDAY,
                   awaiting="anything_else")
    assert u.intent == "faq"


async def test_a_buyer_who_wants_to_sit_down_gets_a_consultation(profiles) -> None:
    state, replies = await call(profiles, "real_estate", "we're first-time buyers, do you help with that?",
                                "great, can we set something up friday at 2? is that ok?")
    assert state.booking_slots.appointment_type == "buyer_consultation", replies
    assert "I don't have that information" not in replies[-1], replies


def test_a_name_with_the_car_after_it() -> None:
    assert extract_name(normalise("lena ortiz o r t i z its the honda"), expecting=True) == "Lena Ortiz"


def test_getting_the_inspection_sticker_is_the_inspection(profiles) -> None:
    u = understand("need to get my new sticker, mine's due next week", profiles["dealership"], MONDAY)
    assert u.services == ["state_inspection"]
