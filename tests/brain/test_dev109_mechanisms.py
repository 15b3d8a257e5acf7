"""Mechanisms that round 22 found wanting in development sets 109 to 116 (``evals/library/dev109.yaml``
… ``dev116.yaml``, callers written before they were run), each checked on fresh phrasings, not
the sets' own words. The clock is Monday 23 November 2026, nine in the morning.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from frontdesk.brain.nlu.lead import extract_budget
from frontdesk.brain.nlu.lead_intent import extract_lead_intent
from frontdesk.brain.nlu.text import normalise
from tests.brain.calls import booked, call
from tests.brain.calls import heard as _u
from tests.brain.calls import on_calendar as _when

TUESDAY_10 = datetime(2026, 11, 24, 10, 0)
WEDNESDAY_2 = datetime(2026, 11, 25, 14, 0)
FRIDAY_11 = datetime(2026, 11, 27, 11, 0)
SATURDAY_9 = datetime(2026, 11, 28, 9, 0)


# -- corrections said across lines -----------------------------------------------------------------


async def test_a_new_day_said_while_the_name_is_asked_changes_the_booking(profiles) -> None:
    state, replies = await call(profiles, "dealership",
                                "need an oil change on the camry, tomorrow around ten if y'all can",
                                "hmm, no, scratch tomorrow, my boss won't let me off. friday at one instead",
                                "Dolores Vega")
    slots = state.booking_slots
    assert (slots.preferred_date, slots.preferred_time) == ("2026-11-27", "13:00"), replies
    assert "Friday" in replies[-1]


@pytest.mark.parametrize("text", [
    "Friday works, Wednesday I've got jury duty",
    "Wednesday's gonna be a zoo at the warehouse, so Friday",
    "Friday please, Wednesday we have my mother-in-law's funeral",
])
def test_a_day_taken_by_something_else_is_not_the_day_wanted(profiles, text) -> None:
    assert _u(profiles, "dealership", text, "date").date.isoformat() == "2026-11-27"


@pytest.mark.parametrize("text", [
    "could y'all fit me in Friday, I've got the whole afternoon off",
    "Friday we have nothing going on, so that",
])
def test_a_day_with_time_free_is_the_day_wanted(profiles, text) -> None:
    assert _u(profiles, "dealership", text, "date").date.isoformat() == "2026-11-27"


def test_a_count_of_weekends_is_no_clock_time(profiles) -> None:
    u = _u(profiles, "dealership", "it sat in the driveway for one weekend and now it won't crank, "
                                   "Tuesday at ten?")
    assert u.time is not None and u.time.hour == 10


@pytest.mark.parametrize(("text", "name"), [
    ("Carla Jensen. Oh wait, it's Karla with a K, sorry", "Karla Jensen"),
    ("I'm Maria Lopez, well, Maria Castillo now, we just got married, so use Castillo", "Maria Castillo"),
    ("it's brenda brenda koenig", "Brenda Koenig"),
])
def test_a_name_put_right_in_the_same_breath(profiles, text, name) -> None:
    assert _u(profiles, "dealership", text, "name").name == name


async def test_a_name_spelled_at_the_read_back_is_no_wrong_number(profiles) -> None:
    state, replies = await call(profiles, "dealership", "tire rotation saturday at nine please",
                                "Dana Jensen", "oh shoot it's j e n s o n, o n at the end, not e n")
    assert not state.ended, replies
    assert state.customer.name == "Dana Jenson"


async def test_only_one_service_kept_after_the_other_is_let_go(profiles) -> None:
    state, replies = await call(profiles, "dealership",
                                "could I get an oil change and a tire rotation friday at eleven",
                                "actually, just the tire rotation. forget the oil, my nephew changes it for "
                                "free")
    assert state.booking_slots.services == ["tire_rotation"], replies


async def test_a_service_named_as_replaced_is_not_kept(profiles) -> None:
    state, replies = await call(profiles, "dealership", "I need a brake inspection friday at eleven",
                                "wait, what I really need is a new battery. do the battery instead of "
                                "the brakes")
    assert state.booking_slots.services == ["battery_replacement"], replies


async def test_a_call_back_let_go_for_a_booking_keeps_what_it_was_about(profiles) -> None:
    state, replies = await call(profiles, "dealership",
                                "have somebody call me about getting the car detailed, it's filthy",
                                "eh, forget the callback. could you just book me? friday at eleven",
                                "Ned Alvarez", "yes")
    assert state.appointment is not None, replies
    assert state.appointment.service_type == "detailing"
    assert not state.pending_tasks


# -- moves and several bookings ----------------------------------------------------------------------


async def test_another_day_same_time_keeps_the_hour_whatever_part_the_excuse_names(profiles) -> None:
    calendar = await booked("dealership", "tire_rotation", TUESDAY_10)
    _, replies = await call(profiles, "dealership",
                            "my tire rotation tuesday, I've got court tuesday morning, can y'all do friday, "
                            "same time?", "yes", calendar=calendar)
    assert _when(calendar) == [("Fri 27 10:00", "scheduled")], replies


@pytest.mark.parametrize(("said", "when"), [
    ("could you bump it back a day? same time is fine", "Wed 25 10:00"),
    ("can we just do the week after, same time", "Tue 01 10:00"),
    ("could y'all do it a couple hours later", "Tue 24 12:00"),
])
async def test_a_move_said_from_the_bookings_own_day_and_hour(profiles, said, when) -> None:
    calendar = await booked("dealership", "oil_change", TUESDAY_10)
    _, replies = await call(profiles, "dealership", "when's my oil change again?", said, "yes",
                            calendar=calendar)
    assert _when(calendar) == [(when, "scheduled")], replies


async def test_a_cancel_and_a_call_back_in_one_breath_does_both(profiles) -> None:
    calendar = await booked("dealership", "detailing", FRIDAY_11)
    state, replies = await call(profiles, "dealership",
                                "i have to cancel the detail friday, we're driving to my sister's. but could "
                                "somebody call me monday afternoon to set it up again", "yes",
                                calendar=calendar)
    assert _when(calendar) == [("Fri 27 11:00", "cancelled")]
    assert "cancelled" in replies[-1] and "call you back" in replies[-1], replies
    assert [t.task_type for t in state.pending_tasks] == ["callback"]


async def test_a_cancel_of_one_and_a_move_of_another_in_one_breath(profiles) -> None:
    calendar = await booked("dealership", "oil_change", TUESDAY_10)
    await booked("dealership", "detailing", FRIDAY_11, calendar=calendar)
    _, replies = await call(profiles, "dealership",
                            "so go ahead and cancel the oil change, I did it myself, and then the detail, "
                            "can you push that to two", "yes", "yes", calendar=calendar)
    assert _when(calendar) == [("Tue 24 10:00", "cancelled"), ("Fri 27 14:00", "scheduled")], replies


async def test_a_move_and_more_work_for_the_same_visit(profiles) -> None:
    calendar = await booked("dealership", "oil_change", TUESDAY_10)
    _, replies = await call(profiles, "dealership",
                            "i got an oil change tuesday at ten and i cant do ten anymore so can we make "
                            "it one and while its in there check the brakes too", "yes", "yes",
                            calendar=calendar)
    assert _when(calendar)[0] == ("Tue 24 13:00", "scheduled"), replies
    assert "brake inspection added to your oil change" in replies[-1]


async def test_another_booking_said_to_stand_at_the_cancel_read_back_is_a_yes(profiles) -> None:
    calendar = await booked("dealership", "oil_change", TUESDAY_10)
    await booked("dealership", "detailing", FRIDAY_11, calendar=calendar)
    _, replies = await call(profiles, "dealership",
                            "I booked an oil change tuesday and a detail friday, please cancel the detail",
                            "nah the tuesday one's fine, only the detail", calendar=calendar)
    assert _when(calendar) == [("Tue 24 10:00", "scheduled"), ("Fri 27 11:00", "cancelled")], replies


async def test_sooner_instead_is_the_booking_on_file_moved(profiles) -> None:
    calendar = await booked("dealership", "battery_replacement", FRIDAY_11)
    _, replies = await call(profiles, "dealership",
                            "got the battery booked friday at eleven but the car's dead now, can you squeeze "
                            "me in tomorrow instead, say ten", "yes", calendar=calendar)
    assert _when(calendar) == [("Tue 24 10:00", "scheduled")], replies


# -- questions beside a booking on file -----------------------------------------------------------


async def test_the_address_asked_beside_the_booking_is_answered(profiles) -> None:
    calendar = await booked("dealership", "detailing", FRIDAY_11)
    _, replies = await call(profiles, "dealership",
                            "hi I've got a detail friday morning, never been there, so where are y'all at "
                            "exactly", calendar=calendar)
    assert "River Road" in replies[0] and "Friday" in replies[0]


async def test_the_price_of_the_booking_on_file_is_its_own(profiles) -> None:
    calendar = await booked("dealership", "state_inspection", SATURDAY_9)
    _, replies = await call(profiles, "dealership",
                            "I've got the inspection saturday at nine, and is that still thirty five",
                            calendar=calendar)
    assert "$35" in replies[0]


# -- leads ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "most"), [
    ("low fours, maybe stretch to four fifty if it's perfect", 450_000),
    ("we'd rather not spend more than two-eighty on it", 280_000),
    ("three twenty five. three fifty if we absolutely have to", 350_000),
    ("we're tryin' to stay under three", 300_000),
])
def test_the_most_a_buyer_would_go_to(text, most) -> None:
    found = extract_budget(normalise(text), expecting=True)  # asked what they'd spend
    assert found is not None and found[1] == most


def test_selling_and_sizing_down_is_both() -> None:
    assert extract_lead_intent(normalise("we'd sell ours and size down to something near the lake")) == "both"


@pytest.mark.parametrize(("text", "place"), [
    ("forget Leander, the commute's brutal. Georgetown", "Georgetown"),
    ("we'll pay for it out of the Houston house once it sells", None),
    ("we sold our place in El Paso last spring", None),
])
def test_where_the_lead_looks(profiles, text, place) -> None:
    u = _u(profiles, "real_estate", text)
    assert (u.location[0] if u.location else None) == place


async def test_done_with_a_place_is_no_goodbye(profiles) -> None:
    state, replies = await call(profiles, "real_estate", "we want to buy in Round Rock",
                                "I'm done with Killeen, that's for sure")
    assert not state.ended, replies


async def test_tomorrow_morning_after_eight_is_a_morning_call(profiles) -> None:
    _, replies = await call(profiles, "real_estate",
                            "could someone call me tomorrow morning? any time after eight is fine")
    assert "8 AM" in replies[0], replies


def test_a_day_of_another_ones_appointment_is_not_the_day_wanted(profiles) -> None:
    u = _u(profiles, "real_estate", "my wife has a dentist appointment Wednesday so could we do Friday "
                                    "at ten")
    assert u.date.isoformat() == "2026-11-27"


async def test_lead_facts_given_instead_are_said_back(profiles) -> None:
    _, replies = await call(profiles, "real_estate", "we'd like to sit down with an agent about buying in "
                                                     "Austin", "we're pre-approved for four hundred")
    assert "pre-approved" in replies[-1] and "$400,000" in replies[-1], replies
