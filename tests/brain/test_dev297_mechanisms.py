"""Mechanisms built in round 41 (sets 297 to 300), each checked here on fresh phrasings, not the
sets' own words. The clock is Monday 23 November 2026, nine in the morning."""

from __future__ import annotations

from datetime import datetime, time

import pytest

from tests.brain.calls import booked, call, on_calendar
from tests.brain.calls import heard as _u

WEDNESDAY_NOV_25_13 = datetime(2026, 11, 25, 13, 0)


def _calls(state) -> list[str]:
    return [t.window or "" for t in state.pending_tasks if t.task_type == "callback"]


# -- a booking on file: moved on a yes said with a goodbye, or on a conflict told -------------------


async def test_a_yes_said_with_a_goodbye_still_moves_the_booking(profiles) -> None:
    calendar = await booked("dealership", "brake_inspection", WEDNESDAY_NOV_25_13)
    _, replies = await call(
        profiles, "dealership",
        "hey, I've got the brake inspection on Wednesday at one, can we push it to Friday at ten",
        "yep. great, I'll pass it on to my wife, thanks",
        calendar=calendar)
    assert on_calendar(calendar) == [("Fri 27 10:00", "scheduled")], replies


async def test_a_conflict_told_with_a_new_day_moves_the_booking_on_file(profiles) -> None:
    calendar = await booked("real_estate", "buyer_consultation", WEDNESDAY_NOV_25_13)
    _, replies = await call(
        profiles, "real_estate",
        "hi, I'm supposed to meet with one of your agents Wednesday at one but I totally forgot I "
        "have a dentist thing. would Friday at eleven work?",
        "yes please",
        calendar=calendar)
    assert on_calendar(calendar) == [("Fri 27 11:00", "scheduled")], replies


async def test_same_time_if_open_belongs_to_the_move(profiles) -> None:
    calendar = await booked("dealership", "oil_change", WEDNESDAY_NOV_25_13)
    state, replies = await call(
        profiles, "dealership",
        "I need to bump my Wednesday oil change to Friday. same time if that's available",
        calendar=calendar)
    assert "move" in replies[0].lower() and "Friday" in replies[0] and "1 PM" in replies[0], replies
    assert state.awaiting == "confirm_change"


@pytest.mark.parametrize("said", ["okay perfect, see you Friday at ten", "alright, see ya at ten then, bye"])
async def test_the_visit_said_back_as_a_goodbye_books_nothing_new(profiles, said) -> None:
    calendar = await booked("dealership", "oil_change", WEDNESDAY_NOV_25_13)
    state, replies = await call(
        profiles, "dealership",
        "can you move my oil change from Wednesday to Friday at ten?", "yes", said,
        calendar=calendar)
    assert on_calendar(calendar) == [("Fri 27 10:00", "scheduled")], replies
    assert state.ended and state.booking_slots.preferred_date is None, replies


# -- what the caller says and does not ask ----------------------------------------------------


def test_a_delivery_van_number_is_no_request_to_stop_calls(profiles) -> None:
    u = _u(profiles, "dealership", "our box truck number two is pulling to the left and my guy "
                                   "won't stop whining about it")
    assert u.intent != "do_not_call"


def test_the_diary_of_someone_else_asks_no_booking(profiles) -> None:
    u = _u(profiles, "dealership", "the check engine light is on in my son's car but I don't know "
                                   "his schedule, can somebody call him back tomorrow afternoon?")
    assert u.intent == "objection_busy"
    assert u.window is not None and u.window.label == "in the afternoon"


@pytest.mark.parametrize(("text", "label"), [
    ("can someone call me back? evenings are better, I'm at the shop all day", "in the evening"),
    ("mornings work better for a call, I've got pilates classes in the afternoons", "in the morning"),
])
def test_a_part_of_the_day_taken_up_is_not_the_one_for_the_call(profiles, text, label) -> None:
    u = _u(profiles, "real_estate", text)
    assert u.window is not None and u.window.label == label


def test_call_me_then_a_part_of_the_day_is_no_name(profiles) -> None:
    assert _u(profiles, "real_estate", "could someone just call me? Afternoons are easiest").name is None


def test_a_name_said_to_a_call_offer_is_no_yes(profiles) -> None:
    u = _u(profiles, "real_estate", "Priscilla Okafor. Okafor with a K.", "offer_callback")
    assert u.name == "Priscilla Okafor" and not u.affirm


def test_the_first_thing_wanted_is_no_hour(profiles) -> None:
    u = _u(profiles, "real_estate", "the first thing we need to figure out is what our townhouse is worth")
    assert u.window is None and u.time_of_day is None


# -- leads ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "financing"), [
    ("we'd go conventional probably, but I haven't really spoken to a bank yet", "not_started"),
    ("I have the VA paperwork but haven't even applied anywhere", "not_started"),
    ("we got an FHA pre-approval last month", "pre_approved"),
    ("we applied with a lender on Friday", "in_progress"),
])
def test_a_loan_denied_by_the_words_before_it(profiles, text, financing) -> None:
    assert _u(profiles, "real_estate", text, "financing").financing == financing


def test_two_prices_then_somewhere_in_there_is_the_span(profiles) -> None:
    u = _u(profiles, "real_estate", "best case we could go four hundred. worst case three-twenty. somewhere "
                                    "in between", "budget")
    assert u.budget == (320_000, 400_000)


def test_a_purchase_hinging_on_the_callers_own_sale_is_both_sides(profiles) -> None:
    u = _u(profiles, "real_estate", "we'd like something in Cedar Park but how much we spend depends on "
                                    "what our place goes for")
    assert u.lead_intent == "both" and not u.is_question


def test_a_home_outgrown_is_a_buyer(profiles) -> None:
    assert _u(profiles, "real_estate", "with twins on the way we're gonna need more room at some "
                                       "point").lead_intent == "buy"


async def test_selling_and_buying_with_the_value_asked_books_the_listing_visit(profiles) -> None:
    state, replies = await call(
        profiles, "real_estate",
        "we've got a townhouse in Round Rock we'd sell, and we want to buy a house in Georgetown",
        "honestly what I want to know first is what the townhouse would go for",
        "could somebody swing by Thursday, say two in the afternoon?",
        "Marisol Vega")
    assert state.booking_slots.appointment_type == "listing_appointment", replies


# -- the booking read back and the hour ------------------------------------------------------------


async def test_a_correction_to_what_was_read_back_reads_it_back_again(profiles) -> None:
    state, replies = await call(
        profiles, "dealership",
        "I need an oil change Friday at ten, name's Luis Ortega",
        "no, make it Friday at ten")
    assert "just what I have" in replies[-1] and state.awaiting == "confirm_booking", replies


def test_a_lunch_break_hour_with_lunch_asked_is_the_visit(profiles) -> None:
    u = _u(profiles, "dealership", "over lunch would be best, my lunch break is at one-fifteen", "time")
    assert u.time == time(13, 15)


def test_a_bare_hour_after_a_dash(profiles) -> None:
    u = _u(profiles, "real_estate", "Friday works, the kids are at school – eleven?", "date")
    assert u.time == time(11)


async def test_a_bare_inspection_said_beside_other_work_is_asked_about(profiles) -> None:
    state, replies = await call(
        profiles, "dealership",
        "can I get a tire rotation and the inspection on my Tacoma Friday at two?",
        "the state one")
    assert "brake inspection or state inspection" in replies[0], replies
    assert set(state.booking_slots.services) == {"tire_rotation", "state_inspection"}, replies


def test_they_asked_to_call_is_a_call(profiles) -> None:
    u = _u(profiles, "dealership", "oh ok. could they call me? I'm free after four", "date")
    assert u.intent == "objection_busy"


def test_someone_who_handles_it_asked_for_is_a_person(profiles) -> None:
    assert "escalation" in _u(profiles, "dealership",
                              "do you have somebody who deals with warranty claims?").flags


async def test_hours_asked_in_words_the_keywords_miss_get_the_hours(profiles) -> None:
    _, replies = await call(profiles, "real_estate", "do you folks do Sundays at all?")
    assert "closed Sunday" in replies[0], replies


async def test_a_visit_of_ones_own_asked_after_is_the_one_on_file(profiles) -> None:
    calendar = await booked("real_estate", "property_showing", datetime(2026, 11, 24, 18, 0))
    state, replies = await call(profiles, "real_estate", "hey, is my showing tonight at six? just checking",
                                calendar=calendar)
    assert "tomorrow at 6 PM" in replies[0] and state.awaiting == "anything_else", replies
    assert state.booking_slots.preferred_date is None
