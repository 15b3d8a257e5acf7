"""Mechanisms that development set 17 (``evals/library/dev17_*.yaml``, 50 callers written before
they were run: learners of English, terse callers in a hurry, long-winded older callers, callers
who change their mind) found wanting, checked on fresh phrasings, not the set's own words.
"""

from __future__ import annotations

from datetime import date

import pytest

from frontdesk.brain.nlu import understand
from frontdesk.brain.nlu.lead import extract_budget
from frontdesk.brain.nlu.name_fixes import corrected_name
from frontdesk.brain.nlu.names import extract_name
from frontdesk.brain.nlu.text import normalise
from tests.brain.calls import call

MONDAY = date(2026, 11, 23)


# -- how learners of English and transcripts say it ------------------------------------------


@pytest.mark.parametrize(("text", "hour", "minute"), [
    ("thursday, ten and half please", 10, 30),
    ("is good friday at eleven and half in the morning", 11, 30),
    ("tuesday seven o clock in the evening", 19, 0),
])
def test_a_time_said_the_way_learners_and_transcripts_say_it(profiles, text, hour, minute) -> None:
    u = understand(text, profiles["dealership"], MONDAY)
    assert u.time is not None and (u.time.hour, u.time.minute) == (hour, minute)


@pytest.mark.parametrize("text", ["we have budget two and half maximum",
                                  "I been driving this truck eight and half years"])
def test_and_half_said_of_money_or_years_is_no_time(profiles, text) -> None:
    assert understand(text, profiles["real_estate"], MONDAY).time is None


@pytest.mark.parametrize(("text", "name"), [
    ("my name Oksana, family name Petrenko", "Oksana Petrenko"),
    ("my name Tariq", "Tariq"),
])
def test_a_name_said_without_is(text, name) -> None:
    assert extract_name(normalise(text), expecting=True) == name


def test_the_same_name_said_surname_first_is_no_new_name() -> None:
    assert corrected_name("Walter Greer", "Greer Walter") == "Walter Greer"


@pytest.mark.parametrize("text", ["my truck no start since yesterday, can you look tomorrow",
                                  "the van not turn over this morning, maybe the bateria"])
def test_a_car_that_no_start_needs_its_battery_seen(profiles, text) -> None:
    assert understand(text, profiles["dealership"], MONDAY).services == ["battery_replacement"]


def test_affirmative_is_a_yes(profiles) -> None:
    u = understand("affirmative, thanks", profiles["dealership"], MONDAY, awaiting="confirm_booking")
    assert u.intent == "affirm"


# -- terse callers and questions asked last ---------------------------------------------------


async def test_hours_asked_then_only_a_day_named(profiles) -> None:
    _, replies = await call(profiles, "dealership", "y'all open saturday what time", "and sunday")
    assert "Saturday" in replies[0] and "Sunday" in replies[1] and "closed" in replies[1], replies
    assert "service appointment or a test drive" not in replies[1], replies


async def test_a_holiday_asked_with_a_question_mark_is_no_thanks(profiles) -> None:
    _, replies = await call(profiles, "real_estate", "what are your hours?", "christmas?")
    assert "closed" in replies[1] and "Have a great day" not in replies[1], replies


@pytest.mark.parametrize(("text", "budget"), [("three seventy five", 375_000), ("like 600", 600_000)])
def test_a_bare_figure_to_a_question_about_the_move_is_the_budget(profiles, text, budget) -> None:
    u = understand(text, profiles["real_estate"], MONDAY, awaiting="timeline")
    assert u.budget is not None and u.budget[1] == budget and u.timeline is None


def test_a_ceiling_said_of_a_home_is_money_not_a_time(profiles) -> None:
    u = understand("we want to buy in cedar park, up to around three fifty", profiles["real_estate"], MONDAY)
    assert u.budget is not None and u.budget[1] == 350_000 and u.time is None


def test_about_to_is_no_time(profiles) -> None:
    u = understand("sorry I'm about to get on a plane", profiles["real_estate"], MONDAY,
                   awaiting="permission")
    assert u.time is None


# -- changing their mind ----------------------------------------------------------------------


async def test_no_wait_better_another_service_replaces_the_first(profiles) -> None:
    state, replies = await call(profiles, "dealership",
                                "can I bring the civic for a tire rotation wednesday at ten",
                                "hmm no wait, better you do the brakes, the tires are fine",
                                "Nadia Sorensen")
    assert state.booking_slots.services == ["brake_inspection"], replies
    assert "brake inspection" in replies[-1] and "tire rotation" not in replies[-1], replies


def test_work_done_before_the_request_is_not_the_request(profiles) -> None:
    u = understand("the detail was done last week what we need is a state inspection",
                   profiles["dealership"], MONDAY)
    assert u.services == ["state_inspection"]


@pytest.mark.parametrize(("text", "budget"), [
    ("four hundred, maybe four fifty if it's perfect", 450_000),
    ("we said three, maybe three and a quarter", 325_000),
])
def test_a_figure_raised_with_maybe_is_the_ceiling(text, budget) -> None:
    found = extract_budget(normalise(text), expecting=True)
    assert found is not None and found[1] == budget


def test_a_figure_then_maybe_bedrooms_keeps_the_figure() -> None:
    found = extract_budget(normalise("three fifty, maybe 4 bedrooms"), expecting=True)
    assert found is not None and found[1] == 350_000


async def test_a_move_read_back_turned_into_a_cancel(profiles) -> None:
    state, replies = await call(profiles, "dealership", "oil change on my Civic, Wednesday at ten please",
                                "Tess Morrow", "yes", "can we move that to friday, same time?",
                                "no, you know what, just cancel it, I sold the car", "yes")
    assert state.appointment is None and "cancel" in replies[-1].lower(), replies


def test_a_booking_mentioned_with_a_clash_is_a_move(profiles) -> None:
    u = understand("hello, I have appointment with you wednesday for the oil. but my husband has to "
                   "work wednesday", profiles["dealership"], MONDAY)
    assert u.intent == "reschedule"


# -- older callers ----------------------------------------------------------------------------


async def test_a_day_and_time_given_for_how_soon_is_the_meeting(profiles) -> None:
    state, replies = await call(profiles, "real_estate",
                                "we're buying in georgetown and I want to sit with someone about it",
                                "two weeks from today, in the morning, say ten thirty", "Mae Collins")
    slots = state.booking_slots
    assert (slots.preferred_date, slots.preferred_time) == ("2026-12-07", "10:30"), replies
    assert "Let me confirm" in replies[-1] and state.lead.timeline_months is None, replies


async def test_slow_down_with_come_again_asks_the_question_once(profiles) -> None:
    _, replies = await call(profiles, "real_estate", "I want to sell my house in cedar park",
                            "pardon? you talk too fast for me dear")
    assert replies[-1].count("?") == 1 and "I hear you" not in replies[-1], replies


@pytest.mark.parametrize("answer", ["that suits me fine, thank you", "thank you dear, bye now"])
async def test_thanks_to_the_read_back_books_it(profiles, answer) -> None:
    state, replies = await call(profiles, "dealership", "a state inspection thursday week, the 3rd, at nine",
                                "Agnes Polk", answer)
    assert state.appointment is not None, replies


async def test_thanks_that_holds_back_books_nothing(profiles) -> None:
    state, replies = await call(profiles, "dealership", "a state inspection on the 3rd at nine",
                                "Agnes Polk", "thank you, but no, not yet")
    assert state.appointment is None, replies


def test_a_topic_said_before_its_question(profiles) -> None:
    u = understand("I think about buying. the financing, how it is working?", profiles["dealership"],
                   MONDAY)
    assert any(a.intent == "faq" for a in [u, *u.acts]) and u.intent != "provide_info"


def test_the_day_before_a_trip_named_with_its_weekday(profiles) -> None:
    u = understand("my son gets in friday night, so the day before, thursday the 3rd, at two",
                   profiles["real_estate"], MONDAY)
    assert u.date == date(2026, 12, 3)


def test_in_a_week_from_a_day_counts_from_that_day(profiles) -> None:
    assert understand("can we come in a week from friday", profiles["real_estate"], MONDAY).date == date(
        2026, 12, 4)


# -- outbound: busy, then not ------------------------------------------------------------------


async def test_a_busy_callee_who_has_the_minute_after_all(profiles) -> None:
    state, replies = await call(profiles, "real_estate", "ugh, I'm walking into a meeting",
                                "oh wait, hang on, they cancelled it. ok go ahead, I've got a minute",
                                phone="+15125550177", direction="outbound")
    assert not state.pending_tasks and not state.ended, replies
    assert "better time" not in replies[-1], replies
