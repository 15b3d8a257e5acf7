"""Mechanisms that development set 18 (``evals/library/dev18_*.yaml``, 50 callers written before
they were run: people booking for someone else, callers shopping for a time, noisy homes and
cars, frustrated callers, facts given out of order) found wanting, checked on fresh phrasings,
not the set's own words.
"""

from __future__ import annotations

from datetime import date

import pytest

from frontdesk.brain.nlu import understand
from frontdesk.brain.nlu.names import extract_name
from frontdesk.brain.nlu.text import normalise
from tests.brain.calls import call

MONDAY = date(2026, 11, 23)


# -- booking for someone else ------------------------------------------------------------------


@pytest.mark.parametrize("text", ["yeah I'm the fleet manager over at Cole Electric, we need an oil change",
                                  "my manager asked me to book the van for brakes"])
def test_a_caller_who_is_a_manager_asks_for_no_manager(profiles, text) -> None:
    assert understand(text, profiles["dealership"], MONDAY).intent != "escalation"


@pytest.mark.parametrize("text", ["get me your manager", "I want to talk to a supervisor"])
def test_asking_for_a_manager_still_is(profiles, text) -> None:
    assert understand(text, profiles["dealership"], MONDAY).intent == "escalation"


def test_keeping_a_surprise_from_someone_is_no_do_not_call(profiles) -> None:
    u = understand("put it under my dad, Hal Brenner, but don't call him, it's a gift",
                   profiles["dealership"], MONDAY, awaiting="name")
    assert u.intent != "do_not_call" and u.name == "Hal Brenner"


def test_the_name_it_should_be_under_at_the_read_back(profiles) -> None:
    u = understand("oh it needs to be under her name, Greta Voss", profiles["real_estate"], MONDAY,
                   awaiting="confirm_booking")
    assert u.name == "Greta Voss"


async def test_lead_facts_at_the_read_back_are_noted(profiles) -> None:
    state, replies = await call(profiles, "real_estate",
                                "my boss wants to sit down with someone about buying",
                                "thursday the 3rd at two", "Lena Brandt",
                                "she's looking in round rock, up to about six fifty")
    assert state.lead.budget_max == 650_000 and state.lead.location == "Round Rock", replies
    assert "Round Rock is one of our areas" in replies[-1] and "Let me confirm" in replies[-1], replies


def test_a_fact_said_unsure_is_no_question(profiles) -> None:
    u = understand("it's his Toyota, a Tacoma, I believe?", profiles["dealership"], MONDAY)
    assert "inventory_question" not in u.flags and not any(a.is_question for a in u.acts)


# -- shopping for the time -------------------------------------------------------------------


def test_the_part_of_the_day_goes_with_its_day(profiles) -> None:
    u = understand("how's thursday the 3rd in the evening, or else saturday morning?",
                   profiles["real_estate"], MONDAY)
    assert u.date == date(2026, 12, 3) and u.time_of_day == "evening"


def test_a_holiday_ruled_out_then_another_day(profiles) -> None:
    u = understand("christmas eve is gonna be crazy, let's just do monday december 28th",
                   profiles["dealership"], MONDAY)
    assert u.date == date(2026, 12, 28)


def test_busy_at_work_with_a_time_proposed_is_no_callback(profiles) -> None:
    u = understand("I'm at work all morning, how about four?", profiles["dealership"], MONDAY,
                   awaiting="pick_alternative")
    assert u.intent != "objection_busy" and u.time is not None and u.time.hour == 16


def test_one_of_your_listings_is_no_time(profiles) -> None:
    u = understand("I saw one of your listings, can I see it friday at ten", profiles["real_estate"], MONDAY)
    assert u.time is not None and u.time.hour == 10


def test_a_weekday_with_its_calendar_date(profiles) -> None:
    u = understand("wednesday, december second, around noon", profiles["real_estate"], MONDAY)
    assert u.date == date(2026, 12, 2)


def test_a_budget_in_millions_is_no_time(profiles) -> None:
    u = understand("up to about one point five million", profiles["real_estate"], MONDAY,
                   awaiting="confirm_booking")
    assert u.time is None and u.budget is not None and u.budget[1] == 1_500_000


# -- an appointment the caller has --------------------------------------------------------------


def test_a_booking_and_a_wish_for_it_sooner_is_a_move(profiles) -> None:
    u = understand("I've got a brake check friday at nine but I'd like it sooner if you can",
                   profiles["dealership"], MONDAY)
    assert u.intent == "reschedule"


def test_wanting_it_cancelled_is_a_cancel(profiles) -> None:
    u = understand("honestly I just want the showing cancelled, the one on saturday", profiles["real_estate"],
                   MONDAY)
    assert u.intent == "cancel"


def test_it_is_booked_is_no_name(profiles) -> None:
    u = understand("it's booked thursday at ten", profiles["dealership"], MONDAY, awaiting="date")
    assert u.name is None


async def test_the_new_hour_said_first_then_the_day(profiles) -> None:
    state, replies = await call(profiles, "dealership", "detail for my Accord, Wednesday at ten please",
                                "Tess Morrow", "yes", "hmm can we move that one",
                                "two o'clock works", "friday then", "yes")
    assert state.appointment is not None, replies
    assert (state.appointment.scheduled_date, state.appointment.scheduled_time) == ("2026-11-27", "14:00"), \
        replies


def test_what_do_you_have_names_the_new_day(profiles) -> None:
    from frontdesk.brain.nlu.change import split_change

    current, target = split_change("I have a showing with you saturday at ten but my kid has a game, "
                                   "what do you have sunday afternoon", MONDAY)
    assert current.date == date(2026, 11, 28) and target.date == date(2026, 11, 29)


# -- noisy calls and questions run on -----------------------------------------------------------


def test_a_name_after_talking_to_someone_else(profiles) -> None:
    u = normalise("hang on buddy not now okay its marisol fuentes")
    assert extract_name(u, expecting=True) == "Marisol Fuentes"


async def test_a_question_run_on_without_a_stop_is_answered(profiles) -> None:
    _, replies = await call(profiles, "real_estate",
                            "hi my son is thinking about buying his first place does your office work with "
                            "first time buyers")
    assert "first-time buyers" in replies[0], replies


async def test_a_price_checked_with_a_figure(profiles) -> None:
    _, replies = await call(profiles, "dealership", "how long's an oil change and is it really forty nine "
                                                    "or do you add fees on top")
    assert "$49" in replies[0] or "49" in replies[0], replies


@pytest.mark.parametrize("text", ["saturday, maybe eleven", "friday, may be better at two"])
def test_a_weekday_before_maybe_is_still_the_day(profiles, text) -> None:
    assert understand(text, profiles["dealership"], MONDAY).date is not None
