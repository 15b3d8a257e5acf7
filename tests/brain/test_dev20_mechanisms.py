"""Mechanisms that development sets 20 and 21 (``evals/library/dev20_*.yaml``, ``dev21_*.yaml``,
100 callers written before they were run: limits on the time, relative days, regional and mixed
English, numbers; prior contact, callers who doubt the line, polite indirect requests, broken-off
words, several asks at once) found wanting, checked on fresh phrasings, not the sets' own words.
"""

from __future__ import annotations

from datetime import date, time

import pytest

from frontdesk.brain.nlu import understand
from frontdesk.brain.nlu.text import normalise
from tests.brain.calls import call

MONDAY = date(2026, 11, 23)


# -- limits on the day and time --------------------------------------------------------------------


@pytest.mark.parametrize(("text", "day"), [
    ("anything but Wednesday, I work Wednesday", date(2026, 11, 24)),
    ("sometime this week but not tuesday, tuesday I've got the dentist", date(2026, 11, 25)),
    ("sometime this week works", date(2026, 11, 24)),
    ("later this week", date(2026, 11, 26)),
])
def test_a_day_ruled_out_stays_out_when_it_is_said_again(profiles, text, day) -> None:
    assert understand(text, profiles["dealership"], MONDAY).date == day


@pytest.mark.parametrize("text", ["put me in at eleven so I can be home by one",
                                  "at eleven, I gotta be back at my desk by twelve thirty"])
def test_a_time_the_caller_must_be_back_by_is_not_the_visit(profiles, text) -> None:
    assert understand(text, profiles["dealership"], MONDAY).time == time(11, 0)


@pytest.mark.parametrize("text", ["right after Thanksgiving", "can we do it sometime after the holiday?"])
def test_after_the_holiday_is_the_day_after_it(profiles, text) -> None:
    assert understand(text, profiles["dealership"], MONDAY).date == date(2026, 11, 27)


def test_a_day_the_caller_cannot_come_is_no_request_to_be_called(profiles) -> None:
    u = understand("I can't do Friday anymore, I'm slammed at work", profiles["dealership"], MONDAY,
                   awaiting="date")
    assert u.intent != "objection_busy"


@pytest.mark.parametrize("text", ["can I come in on thu— friday at two", "the wed, uh, the thursday"])
def test_a_day_cut_off_and_said_again_is_the_second_day(profiles, text) -> None:
    assert understand(text, profiles["dealership"], MONDAY).date.weekday() in {3, 4}
    assert understand(text, profiles["dealership"], MONDAY).date != MONDAY


async def test_the_new_day_before_the_new_time_is_the_new_day(profiles) -> None:
    _, replies = await call(profiles, "dealership", "oil change wednesday at nine", "Ann Lee", "yes",
                                "actually can I move that?", "next week's better. Monday, maybe ten?")
    assert "Monday, November 30 at 10 AM" in replies[-1], replies


# -- where the caller goes is not where they look ------------------------------------------------


@pytest.mark.parametrize(("text", "place"), [
    ("I'm flying to Houston Wednesday, but we want something in Round Rock", "Round Rock"),
    ("we've got a wedding in San Antonio saturday so sunday's out", None),
])
def test_a_trip_elsewhere_is_not_the_area(profiles, text, place) -> None:
    found = understand(text, profiles["real_estate"], MONDAY).location
    assert (found[0] if found else None) == place


def test_a_buyer_says_what_they_are_after(profiles) -> None:
    assert understand("we're after a little house in Cedar Park", profiles["real_estate"],
                      MONDAY).lead_intent == "buy"


async def test_someone_who_tours_a_home_is_a_buyer(profiles) -> None:
    tour = "could I tour the place on Elm in Georgetown Friday at 11?"
    state, replies = await call(profiles, "real_estate", tour, "Pat Olsen", "yes")
    assert state.appointment is not None and state.lead.intent == "buy", replies


@pytest.mark.parametrize("text", ["could we sit down with one of your realtors friday",
                                  "can I meet with him on Saturday morning"])
def test_sitting_down_with_an_agent_is_a_consultation(profiles, text) -> None:
    assert understand(text, profiles["real_estate"], MONDAY).appointment_type == "buyer_consultation"


def test_a_figure_said_for_the_day_is_the_budget(profiles) -> None:
    u = understand("five hundred", profiles["real_estate"], MONDAY, awaiting="date")
    assert u.budget == (None, 500000)


# -- Spanish said inside English -------------------------------------------------------------------


def test_spanish_booking_words_read_in_english(profiles) -> None:
    homes = profiles["real_estate"]
    u = understand("quiero ver la casa en georgetown mañana a las tres y media", homes, MONDAY)
    assert (u.appointment_type, u.date, u.time) == ("property_showing", date(2026, 11, 24), time(15, 30))
    assert understand("me llamo Rosa Díaz", homes, MONDAY, awaiting="name").name == "Rosa Díaz"


async def test_thanks_asked_for_a_name_keeps_the_booking(profiles) -> None:
    _, replies = await call(profiles, "dealership", "tire rotation tomorrow at nine", "great, thank you")
    assert "name" in replies[-1] and "anything else" not in replies[-1], replies


# -- prior contact, callbacks ----------------------------------------------------------------------


async def test_a_returned_call_keeps_what_it_was_about(profiles) -> None:
    state, _ = await call(profiles, "real_estate",
                          "hi, I had a missed call from you guys about the condo in Pflugerville")
    assert state.lead.location == "Pflugerville"


@pytest.mark.parametrize(("text", "agreed"), [("great, thanks, bye", False), ("yes please, bye now", True)])
async def test_a_goodbye_to_a_callback_offer_is_no_yes(profiles, text, agreed) -> None:
    state, replies = await call(profiles, "dealership", "is there a car wash nearby?", text)
    assert any(t.task_type == "callback" for t in state.pending_tasks) is agreed, replies


async def test_what_a_callback_is_about_is_no_booking(profiles) -> None:
    state, replies = await call(profiles, "dealership", "can someone call me back this afternoon?",
                                "it's about the brakes on my Civic, I'm heading into a meeting")
    assert state.appointment is None and "What day" not in replies[-1], replies
    assert [t.window for t in state.pending_tasks if t.task_type == "callback"] == ["afternoon"]


# -- questions: embedded, followed up, cut off, several ------------------------------------------


async def test_a_question_after_wondering_is_asked(profiles) -> None:
    _, replies = await call(profiles, "dealership",
                            "my truck is due for an oil change and I was wondering do you guys got loaners")
    assert "4 hours" in replies[0] and "What day" in replies[0], replies


async def test_a_question_that_goes_on_about_the_last_answer(profiles) -> None:
    _, replies = await call(profiles, "dealership", "do you have a shuttle?", "how far will it take me?")
    assert "10 miles" in replies[-1] and "call you back" not in replies[-1], replies


async def test_a_price_question_finished_after_a_break(profiles) -> None:
    _, replies = await call(profiles, "dealership", "what's it cost for a— uh. a tire rotation.")
    assert "$29" in replies[0] and "What day" not in replies[0], replies


async def test_okay_and_a_question_to_an_offer_is_no_yes(profiles) -> None:
    _, replies = await call(profiles, "dealership", "how much is a state inspection?",
                            "okay. and do you take debit?")
    assert "debit" in replies[-1] and "Would you like to book" in replies[-1], replies


async def test_a_price_and_the_hours_in_one_breath(profiles) -> None:
    _, replies = await call(profiles, "dealership",
                            "how much is a battery replacement and what time do you open saturday?")
    assert "$120" in replies[0] and "8 AM" in replies[0], replies


def test_the_hours_asked_before_a_visit_are_a_question(profiles) -> None:
    u = understand("what time do y'all close, in case I want to swing by?", profiles["real_estate"], MONDAY,
                   awaiting="motivation")
    assert u.intent == "faq"


# -- an appointment the caller has -----------------------------------------------------------------


@pytest.mark.parametrize("text", ["my wife booked us a test drive for friday, can we change it to saturday",
                                  "I have an inspection Tuesday, could I have it Thursday instead?"])
def test_a_booking_the_caller_has_and_another_day_is_a_move(profiles, text) -> None:
    assert understand(text, profiles["dealership"], MONDAY).intent == "reschedule"


async def test_a_cancel_with_a_booking_in_its_place(profiles) -> None:
    state, replies = await call(profiles, "dealership", "detailing friday at ten", "Ann Lee", "yes",
                                "actually cancel the detailing",
                                "and put me down for an oil change instead, same time friday")
    assert "cancelled" in replies[-1] and "oil change" in replies[-1], replies
    assert state.booking_slots.services == ["oil_change"], replies


def test_normalise_keeps_full_weekdays() -> None:
    assert "friday" in normalise("thu— friday").lower
