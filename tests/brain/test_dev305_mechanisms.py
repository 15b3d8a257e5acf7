"""Mechanisms built in round 43 (sets 305 to 308), each checked here on fresh phrasings, not the
sets' own words. The clock is Monday 23 November 2026, nine in the morning."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from frontdesk.brain.memory import InMemoryCalendar
from tests.brain.calls import booked, call, on_calendar
from tests.brain.calls import heard as _u

FRIDAY_NOV_27_10 = datetime(2026, 11, 27, 10, 0)


# -- a read back said yes to, with one more thing in the same breath --------------------------------


async def test_a_yes_with_a_person_asked_after_it_books_first(profiles) -> None:
    calendar = InMemoryCalendar()
    state, replies = await call(
        profiles, "dealership",
        "I need a tire rotation Wednesday at ten", "Dev Patel",
        "yep that's right. and then could you connect me with somebody in billing? I was overcharged",
        calendar=calendar)
    assert on_calendar(calendar) == [("Wed 25 10:00", "scheduled")], replies
    assert "all set" in replies[-1] and state.escalation_in_progress, replies


async def test_a_yes_to_a_cancel_with_a_new_visit_after_it_does_both(profiles) -> None:
    calendar = await booked("dealership", "detailing", FRIDAY_NOV_27_10)
    _, replies = await call(
        profiles, "dealership",
        "hey can you cancel my detail on Friday", "yeah go ahead and cancel it. but I still want an oil "
        "change, could I do Tuesday at 8?", "Rosa Lind", "yes",
        calendar=calendar)
    assert on_calendar(calendar) == [("Fri 27 10:00", "cancelled"), ("Tue 24 08:00", "scheduled")], replies


async def test_a_yes_that_changes_the_visit_is_one_answer(profiles) -> None:
    calendar = InMemoryCalendar()
    _, replies = await call(
        profiles, "dealership",
        "I need a tire rotation Wednesday at ten", "Dev Patel", "yes, but can we do eleven instead?", "yes",
        calendar=calendar)
    assert on_calendar(calendar) == [("Wed 25 11:00", "scheduled")], replies


async def test_a_call_asked_after_yes_and_is_set_up_once_booked(profiles) -> None:
    calendar = InMemoryCalendar()
    state, replies = await call(
        profiles, "dealership",
        "can I get a battery replacement Tuesday at two", "Ian Moss",
        "yes. and could Dana or somebody call me about a charge on my last bill? I'd want that sorted "
        "before I commit to more work",
        calendar=calendar)
    assert on_calendar(calendar) == [("Tue 24 14:00", "scheduled")], replies
    assert state.awaiting == "callback_time", replies


# -- what the caller's words mean -------------------------------------------------------------------


def test_the_callers_own_hour_is_not_picked(profiles) -> None:
    u = _u(profiles, "real_estate", "how long does it run? I start my shift at ten", "pick_alternative")
    assert u.time is None
    assert _u(profiles, "real_estate", "could we make it ten", "pick_alternative").time == time(10, 0)


@pytest.mark.parametrize("said", ["Tuesday or Wednesday morning? hmm. Wednesday. nine?",
                                  "either Tuesday or Wednesday... you know what, Wednesday at nine"])
def test_one_of_two_days_picked_in_a_sentence_of_its_own(profiles, said) -> None:
    assert _u(profiles, "dealership", said, "date").date == date(2026, 11, 25)


@pytest.mark.parametrize("said", ["my battery is about done for, my son had to jump it twice last week",
                                  "the battery's basically toast — wouldn't start this morning"])
def test_a_worn_out_battery_told_is_the_work(profiles, said) -> None:
    u = _u(profiles, "dealership", said)
    assert u.services == ["battery_replacement"] and u.time_of_day is None


def test_a_recall_told_without_its_letter_is_still_the_work(profiles) -> None:
    u = _u(profiles, "dealership", "a buddy says there's a recall on my Ranger, never got the notice though")
    assert u.services == ["recall_repair"]


def test_a_loan_being_worked_on_is_under_way(profiles) -> None:
    u = _u(profiles, "real_estate", "we're working on the mortgage with our bank now", "budget")
    assert u.financing == "in_progress"


async def test_never_mind_the_call_just_book_it(profiles) -> None:
    calendar = InMemoryCalendar()
    state, replies = await call(
        profiles, "dealership",
        "can someone from service call me back about my brakes?",
        "oh never mind, if you've got time let's just book it. Tuesday at nine?", "Al Reyes", "yes",
        calendar=calendar)
    assert on_calendar(calendar) == [("Tue 24 09:00", "scheduled")], replies
    assert not [t for t in state.pending_tasks if t.task_type == "callback"], replies


def test_a_name_put_right_and_spelled_anew(profiles) -> None:
    u = _u(profiles, "dealership", "it's Jon — oh sorry, with an H, J-O-H-N. Peters.", "name")
    assert u.name == "John Peters"


def test_a_test_drive_asked_with_its_hour_as_a_question_is_a_booking(profiles) -> None:
    u = _u(profiles, "dealership", "I saw y'all have a white Camry on the lot and I'd like to take it out "
                                   "for a drive. Friday, around four?")
    assert u.intent == "book" and u.appointment_type == "test_drive"


def test_an_investor_buying_rentals_wants_to_see_them(profiles) -> None:
    u = _u(profiles, "real_estate", "we buy rental properties, and I'd like to walk through the two "
                                    "duplexes you have in Pflugerville")
    assert u.lead_intent == "buy" and u.appointment_type == "property_showing"


def test_one_of_ours_looking_at_theirs_is_a_listing_visit(profiles) -> None:
    u = _u(profiles, "real_estate", "first we'd want somebody looking at ours, Wednesday at two?", "budget")
    assert u.appointment_type == "listing_appointment"


async def test_someone_elses_home_is_not_where_the_caller_looks(profiles) -> None:
    state, replies = await call(
        profiles, "real_estate",
        "we want to buy in Round Rock, around four hundred", "my dad might sell his place in Georgetown too")
    assert state.lead.location == "Round Rock", replies


async def test_a_seller_who_goes_to_see_a_listed_home_buys_too(profiles) -> None:
    state, replies = await call(
        profiles, "real_estate",
        "I'm selling my condo in Austin", "can someone come out Wednesday at two to look at it?", "Bea Cole",
        "yes. oh and I'll need a place after — that townhouse you have listed in Round Rock, can I see it "
        "Friday at eleven?")
    assert state.lead.intent == "both", replies


async def test_the_other_one_of_two_said_later_is_its_own_visit(profiles) -> None:
    calendar = InMemoryCalendar()
    _, replies = await call(
        profiles, "dealership",
        "my Civic needs a tire rotation and my husband's Silverado needs its brakes checked",
        "mine first, Tuesday at nine. I'm June Park", "and his Friday at eleven", "yes", "yes",
        calendar=calendar)
    both = [("Fri 27 11:00", "scheduled"), ("Tue 24 09:00", "scheduled")]
    assert on_calendar(calendar, sort=True) == both, replies


def test_trucks_the_caller_has_are_no_work_done(profiles) -> None:
    u = _u(profiles, "dealership", "we got three company trucks and all of them are due for inspection")
    assert u.services == ["state_inspection"]


def test_the_name_after_but_put_it_under(profiles) -> None:
    u = _u(profiles, "dealership", "it's registered to Harmon Roofing but just put it under me, Cal Harmon",
           "name")
    assert u.name == "Cal Harmon"


async def test_a_home_under_contract_where_they_leave_is_not_where_they_look(profiles) -> None:
    state, replies = await call(
        profiles, "real_estate",
        "we're relocating from Killeen and want to buy in Cedar Park",
        "our Killeen house is already under contract, so we just need the buying side")
    assert state.lead.location == "Cedar Park", replies


async def test_the_calls_hour_said_with_the_yes_is_the_calls(profiles) -> None:
    state, replies = await call(
        profiles, "real_estate",
        "could someone come value my condo in Round Rock Tuesday at ten", "Ann Ruiz",
        "and could an agent call me about capital gains? I'd rather not rush it",
        "yes to Tuesday at ten, and the call after six please")
    assert state.appointment is not None and state.appointment.scheduled_time == "10:00", replies
    assert [t.window for t in state.pending_tasks if t.task_type == "callback"], replies


def test_many_questions_are_no_money_and_take_no_hour(profiles) -> None:
    u = _u(profiles, "real_estate", "could we meet right after, like at four? I have a million questions",
           "anything_else")
    assert u.budget is None and u.time == time(16, 0)


async def test_a_booking_said_to_stay_is_told_not_moved(profiles) -> None:
    calendar = await booked("real_estate", "property_showing", FRIDAY_NOV_27_10)
    _, replies = await call(
        profiles, "real_estate", "I have a showing Friday at ten and I don't need to move it, that's fine",
        calendar=calendar)
    assert "move it to" not in replies[0], replies
    assert on_calendar(calendar) == [("Fri 27 10:00", "scheduled")], replies


# -- round 43, sets 309 to 312: for someone else, money and days said loosely -------------------------


@pytest.mark.parametrize(("said", "name"), [
    ("the appointment's for him — Walt Becker. B-E-C-K-E-R.", "Walt Becker"),
    ("Tom Reyes is who it's for, he's my dad", "Tom Reyes"),
    ("his name, please: Omar Farouk", "Omar Farouk"),
])
def test_the_name_a_booking_goes_under_for_someone_else(profiles, said, name) -> None:
    assert _u(profiles, "dealership", said, "name").name == name


def test_who_the_caller_is_to_someone_is_no_name(profiles) -> None:
    u = _u(profiles, "dealership", "hi, I'm Dr. Patel's office manager, she needs an oil change")
    assert u.name is None


def test_someone_answering_the_leads_phone_is_no_wrong_number(profiles) -> None:
    u = _u(profiles, "real_estate",
           "you've reached Maria Lopez's cell, this is her husband. she did fill out that form, yeah",
           "permission")
    assert u.intent != "wrong_number"


@pytest.mark.parametrize(("said", "top"), [
    ("we're approved for four-twenty already", 420_000),
    ("about one point one, maybe up to one and a quarter", 1_250_000),
])
def test_money_said_loosely(profiles, said, top) -> None:
    assert _u(profiles, "real_estate", said).budget[1] == top


def test_rather_not_wait_then_book_it_is_a_booking(profiles) -> None:
    u = _u(profiles, "dealership", "nah, I'd rather not wait around. let's book it, Friday at eight?",
           "anything_else")
    assert u.intent == "book"


def test_a_day_of_the_month_said_again_by_its_weekday(profiles) -> None:
    u = _u(profiles, "dealership", "make it the 2nd instead, the Wednesday after. same time",
           "confirm_booking")
    assert u.date == date(2026, 12, 2)
