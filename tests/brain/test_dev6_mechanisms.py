"""The other mechanisms development set 6 found wanting, each checked on fresh phrasings.

An answer inside a question ("is four hundred enough for something in Pflugerville?" asked for
the area); a caller who lets an offer drop ("nah, I'll figure it out") or closes with "no
worries"; a move "instead of" the old day; a question about a day that sounds like a line check.
(Days settled on are in ``test_stance.py``, holidays in ``test_closures.py``.)
"""

from __future__ import annotations

from datetime import date

import pytest

from frontdesk.brain.nlu import understand
from tests.brain.calls import call as _call

MONDAY = date(2026, 11, 23)


@pytest.mark.parametrize(("awaiting", "text", "place", "budget_max"), [
    ("location", "is four hundred enough to get something decent in Pflugerville?", "Pflugerville", 400_000),
    ("location", "would 350k be enough for a three bed in round rock?", "Round Rock", 350_000),
    ("location", "is Georgetown too far out for a commute to downtown?", "Georgetown", None),
    ("budget", "is three fifty realistic for Cedar Park these days?", "Cedar Park", 350_000),
])
def test_an_answer_inside_a_question_is_an_answer(profiles, awaiting, text, place, budget_max) -> None:
    u = understand(text, profiles["real_estate"], MONDAY, awaiting)
    assert u.intent != "faq" and not u.is_question
    assert u.location is not None and u.location[0] == place
    assert (u.budget[1] if u.budget else None) == budget_max


@pytest.mark.parametrize("text", [
    "do you cover Round Rock?",
    "what are your hours on saturday?",
])
def test_a_real_question_asked_for_a_fact_stays_a_question(profiles, text) -> None:
    assert understand(text, profiles["real_estate"], MONDAY, "location").intent == "faq"


@pytest.mark.parametrize("drop", [
    "nah that's ok, I'll figure something out",
    "no, never mind, thanks anyway",
    "hmm, no, forget it, I'm good",
])
async def test_a_caller_who_lets_the_offer_drop_is_not_offered_it_again(profiles, drop) -> None:
    state, replies = await _call(profiles, "dealership", "can I get an oil change on sunday?", drop)
    assert replies[0] != replies[1] and "won't book" in replies[1]
    assert state.awaiting == "anything_else" and not state.booking_slots.offered


@pytest.mark.parametrize("close", ["okay, no worries, thank you", "ok cool, no worries, thanks"])
async def test_no_worries_after_an_answer_closes_the_call(profiles, close) -> None:
    state, replies = await _call(profiles, "real_estate", "what are your hours?", close)
    assert state.ended and "what else" not in replies[-1].lower()


@pytest.mark.parametrize(("text", "intent"), [
    ("is anybody there on the day after christmas?", "faq"),
    ("hello? is anybody there?", "line_check"),
])
def test_a_line_check_never_names_a_day(profiles, text, intent) -> None:
    assert understand(text, profiles["dealership"], MONDAY).intent == intent


@pytest.mark.parametrize(("profile", "text", "intent"), [
    ("dealership", "is this Riverside Motors or the discount tire place? I'm looking for discount tire",
     "wrong_number"),
    ("real_estate", "did I get Lakeside Realty or is it Oakwood Apartments? I need Oakwood apartments",
     "wrong_number"),
    ("dealership", "is this the sales line or service? I need service", "identity"),
])
def test_is_this_a_or_b_then_wanting_the_other_place_is_a_wrong_number(profiles, profile, text, intent):
    assert understand(text, profiles[profile], MONDAY).intent == intent


@pytest.mark.parametrize(("text", "day"), [
    ("what time do you open on saturday, and can I get a detail then?", date(2026, 11, 28)),
    ("are you open friday? could I bring the truck in for an oil change that day?", date(2026, 11, 27)),
    ("do y'all take walk-ins on wednesday? or can I book a tire rotation then", date(2026, 11, 25)),
])
def test_a_request_for_then_takes_the_day_its_question_named(profiles, text, day) -> None:
    u = understand(text, profiles["dealership"], MONDAY)
    assert u.intent == "book" and u.date == day


@pytest.mark.parametrize(("text", "months"), [
    ("we're not in a rush, probably summer", 7.0),
    ("likely spring, once the kids are done with school", 4.0),
    ("sometime in the fall", 10.0),
])
def test_a_hedged_season_is_a_timeline(profiles, text, months) -> None:
    u = understand(text, profiles["real_estate"], MONDAY, "timeline")
    assert u.timeline is not None and u.timeline[0] == months


def test_someone_coming_out_is_a_booking(profiles) -> None:
    u = understand("could one of your agents swing by saturday to look at it", profiles["real_estate"],
                   MONDAY)
    assert u.intent == "book" and u.date == date(2026, 11, 28)
