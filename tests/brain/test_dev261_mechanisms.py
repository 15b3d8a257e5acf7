"""Mechanisms behind the 17 older library calls that round 34's rules broke, put right at the
mechanism in round 35 and checked here on fresh phrasings, not the calls' own words.
The clock is Monday 23 November 2026, nine in the morning (Thanksgiving is Thursday the 26th).
"""

from __future__ import annotations

from datetime import datetime

from frontdesk.brain.memory import InMemoryCalendar
from tests.brain.calls import booked, call, on_calendar
from tests.brain.calls import heard as _u

TUESDAY_DEC_1_10 = datetime(2026, 12, 1, 10, 0)
FRIDAY_DEC_4_9 = datetime(2026, 12, 4, 9, 0)


# -- what the words say ----------------------------------------------------------------------------


def test_a_name_spelled_out_is_no_car(profiles) -> None:
    # "C-A-M-R-Y-N" holds "camry"; a name spelled letter by letter names no car
    u = _u(profiles, "dealership", "yeah it's Camryn Lowe, C-A-M-R-Y-N", "name")
    assert u.vehicle is None
    assert _u(profiles, "dealership", "the mach-e needs new tires").vehicle is not None


def test_the_booking_held_and_another_hour_asked_is_a_move(profiles) -> None:
    for said in ("we have it scheduled for friday at nine but could y'all take it thursday instead",
                 "i got em set up for tomorrow at eleven, can you do it today at three"):
        assert _u(profiles, "dealership", said).intent == "reschedule", said
    # due, not booked; another car's work: new visits
    assert _u(profiles, "dealership", "I've got an oil change coming due, could you take me Friday?"
              ).intent != "reschedule"


def test_swapping_a_part_out_is_the_work_not_a_move(profiles) -> None:
    u = _u(profiles, "dealership", "the battery in my truck is toast, can y'all swap it out thursday morning")
    assert u.intent == "book" and u.services == ["battery_replacement"]


def test_a_price_beside_a_meeting_hour_stays_a_price(profiles) -> None:
    u = _u(profiles, "real_estate", "we'd buy in Round Rock, under four hundred, and could we meet "
                                    "with somebody Tuesday at five thirty?")
    assert u.budget == (None, 400_000) and u.time is not None and u.time.hour == 17


def test_a_round_figure_then_its_stretch_said_short(profiles) -> None:
    u = _u(profiles, "real_estate", "we're at like four hundred four fifty tops", "budget")
    assert u.budget == (400_000, 450_000)


def test_the_thousands_said_again_are_said_once(profiles) -> None:
    u = _u(profiles, "real_estate", "two hundred and ten thousand, two hundred ten, that's our max", "budget")
    assert u.budget == (None, 210_000)


def test_where_to_reach_them_if_something_comes_up_is_no_call_back(profiles) -> None:
    u = _u(profiles, "real_estate", "It's for my sister, Dana Ruiz. You can reach me at this number "
                                    "should anything change.", "confirm_booking")
    assert u.intent == "affirm" and "call_asked" not in u.flags


def test_paid_for_by_the_sale_back_home_is_no_sale_here(profiles) -> None:
    u = _u(profiles, "real_estate", "we'd pay cash once our house back home sells, and we'd love to tour it",
           "intent")
    assert u.lead_intent != "sell" and u.financing == "cash"


def test_a_question_said_after_a_fact_is_asked(profiles) -> None:
    u = _u(profiles, "real_estate", "we're not pre-approved or anything yet, so how does that part work?",
           "timeline")
    assert u.intent == "faq" and u.financing == "not_started"


# -- what the agent does with them -----------------------------------------------------------------


async def test_a_booking_said_to_stay_put_is_not_moved(profiles) -> None:
    calendar = await booked("dealership", "oil_change", TUESDAY_DEC_1_10, vehicle="2019 Honda Civic")
    calendar = await booked("dealership", "detailing", FRIDAY_DEC_4_9, calendar, vehicle="2020 Ford Escape")
    _state, replies = await call(
        profiles,
        "dealership",
        "I've got two appointments with y'all, one for the Civic and one for the Escape",
        "we traded in the escape, so go ahead and cancel that one",
        "yep, and the civic stays put",
        calendar=calendar,
    )
    assert "What day" not in replies[2], replies
    assert on_calendar(calendar) == [("Tue 01 10:00", "scheduled"), ("Fri 04 09:00", "cancelled")]


async def test_a_whole_week_pushed_from_its_own_day(profiles) -> None:
    calendar = await booked("dealership", "oil_change", TUESDAY_DEC_1_10)
    _state, replies = await call(
        profiles, "dealership", "my oil change next tuesday, can you bump it back one full week, same time",
        calendar=calendar,
    )
    assert "Tuesday, December 8 at 10 AM" in replies[0], replies


async def test_a_plan_for_each_said_when_asked_the_new_day(profiles) -> None:
    calendar = await booked("dealership", "oil_change", TUESDAY_DEC_1_10)
    calendar = await booked("dealership", "tire_rotation", FRIDAY_DEC_4_9, calendar)
    _state, replies = await call(
        profiles,
        "dealership",
        "hey I need to move both of my appointments",
        "ok so scratch the rotation, we don't need it. and the oil change, could that go to wednesday the "
        "2nd instead",
        "yes",
        "yes please",
        calendar=calendar,
    )
    assert "What day" in replies[0], replies
    assert on_calendar(calendar) == [("Wed 02 10:00", "scheduled"), ("Fri 04 09:00", "cancelled")], replies


async def test_everything_cancelled_is_read_back_at_once(profiles) -> None:
    calendar = await booked("real_estate", "buyer_consultation", TUESDAY_DEC_1_10)
    calendar = await booked("real_estate", "property_showing", FRIDAY_DEC_4_9, calendar)
    _state, replies = await call(
        profiles,
        "real_estate",
        "we're staying in Denver after all, so please cancel all our appointments",
        "that's right",
        calendar=calendar,
    )
    assert "both appointments" in replies[0] and "property showing" in replies[0], replies
    assert on_calendar(calendar) == [("Tue 01 10:00", "cancelled"), ("Fri 04 09:00", "cancelled")], replies


async def test_a_cancel_said_with_the_yes_to_a_move(profiles) -> None:
    calendar = await booked("real_estate", "property_showing", TUESDAY_DEC_1_10)
    calendar = await booked("real_estate", "property_showing", datetime(2026, 12, 1, 11, 0), calendar)
    _state, replies = await call(
        profiles,
        "real_estate",
        "the ten o'clock showing on tuesday, can we push it to noon",
        "okay no, just cancel the ten, we'll keep the eleven",
        calendar=calendar,
    )
    assert "noon" in replies[0] and "cancelled" in replies[1], replies
    assert on_calendar(calendar) == [("Tue 01 10:00", "cancelled"), ("Tue 01 11:00", "scheduled")], replies


async def test_an_hour_put_right_with_the_yes_is_no_yes_to_the_old_one(profiles) -> None:
    calendar = await booked("real_estate", "buyer_consultation", TUESDAY_DEC_1_10)
    _state, replies = await call(
        profiles,
        "real_estate",
        "can I move my consultation from tuesday to wednesday, same time",
        "yeah wednesday, but make it two, not ten",
        calendar=calendar,
    )
    assert "2 PM" in replies[1] and on_calendar(calendar) == [("Tue 01 10:00", "scheduled")], replies


async def test_a_question_instead_of_the_price_is_no_refusal(profiles) -> None:
    _state, replies = await call(
        profiles,
        "real_estate",
        "hi, we're moving down from Chicago next spring and want to buy in Cedar Park",
        "we want a good school district, that's the main thing",
        "haven't talked to a lender yet — what does pre-approval involve?",
    )
    assert "lender" in replies[2] and "price range" in replies[2], replies
    assert "early in the process" not in " ".join(replies), replies


async def test_what_a_seller_is_charged_is_the_commission(profiles) -> None:
    _state, replies = await call(
        profiles,
        "real_estate",
        "we might sell our house in Round Rock this spring, what do you guys charge and could someone "
        "come see it friday at two",
    )
    assert "negotiable" in replies[0], replies


# -- two bookings lined up in one message (agents/both_plan.py) ------------------------------------


async def test_two_bookings_switched_around(profiles) -> None:
    calendar = await booked("dealership", "tire_rotation", TUESDAY_DEC_1_10)
    calendar = await booked("dealership", "oil_change", FRIDAY_DEC_4_9, calendar)
    _state, replies = await call(
        profiles,
        "dealership",
        "I've got the rotation Tuesday and an oil change Friday",
        "could you switch them around? oil change on the Tuesday, rotation on the Friday",
        "yes",
        "yes",
        calendar=calendar,
    )
    assert "oil change" in replies[1] and "Tuesday, December 1 at 10 AM" in replies[1], replies
    assert on_calendar(calendar, sort=True) == [("Fri 04 09:00", "scheduled"), ("Tue 01 10:00", "scheduled")]
    assert "tire rotation is now on Friday" in replies[-1], replies


async def test_both_pushed_by_half_an_hour(profiles) -> None:
    calendar = await booked("dealership", "oil_change", TUESDAY_DEC_1_10)
    calendar = await booked("dealership", "state_inspection", datetime(2026, 12, 1, 11, 0), calendar)
    _state, replies = await call(
        profiles,
        "dealership",
        "I have the oil change and the inspection on Tuesday",
        "traffic's bad that morning, can you push both of them back half an hour?",
        "yes",
        "yes",
        calendar=calendar,
    )
    assert "10:30 AM" in replies[1], replies
    assert on_calendar(calendar, sort=True) == [("Tue 01 10:30", "scheduled"), ("Tue 01 11:30", "scheduled")]


async def test_one_dropped_and_the_other_takes_its_spot(profiles) -> None:
    calendar = await booked("real_estate", "property_showing", TUESDAY_DEC_1_10)
    calendar = await booked("real_estate", "buyer_consultation", FRIDAY_DEC_4_9, calendar)
    _state, replies = await call(
        profiles,
        "real_estate",
        "I have a showing Tuesday and my consultation Friday",
        "the house on Tuesday sold already so drop that one. and could the consultation take its spot?",
        "yes",
        "yes",
        calendar=calendar,
    )
    assert "property showing" in replies[1] and "cancel" in replies[1], replies
    assert on_calendar(calendar, sort=True) == [("Tue 01 10:00", "cancelled"), ("Tue 01 10:00", "scheduled")]


async def test_one_put_right_after_the_other(profiles) -> None:
    calendar = await booked("dealership", "oil_change", TUESDAY_DEC_1_10)
    calendar = await booked("dealership", "tire_rotation", FRIDAY_DEC_4_9, calendar)
    _state, replies = await call(
        profiles,
        "dealership",
        "I have an oil change Tuesday and a rotation Friday",
        "could y'all do the rotation the same day as the oil change, right after it? eleven",
        "yes",
        calendar=calendar,
    )
    assert "tire rotation" in replies[1] and "Tuesday, December 1 at 11 AM" in replies[1], replies
    assert on_calendar(calendar, sort=True) == [("Tue 01 10:00", "scheduled"), ("Tue 01 11:00", "scheduled")]


# -- round 35's other mechanisms -------------------------------------------------------------------


def test_a_surname_heard_in_pieces_then_spelled(profiles) -> None:
    u = _u(profiles, "real_estate", "tanya pet ro va thats p e t r o v a", "name")
    assert u.name == "Tanya Petrova"


def test_an_apology_before_a_question_about_us_is_no_wrong_number(profiles) -> None:
    u = _u(profiles, "real_estate", "sorry if this is a silly question, but what happens at a listing "
                                    "appointment?")
    assert u.intent != "wrong_number"


def test_what_a_visit_is_asked_in_so_many_words(profiles) -> None:
    u = _u(profiles, "real_estate", "what exactly is a listing appointment? is it just a sales pitch?")
    assert u.intent == "faq"


def test_slang_figures_and_a_loan_already_approved(profiles) -> None:
    u = _u(profiles, "real_estate", "budget's four fiddy tops, pre approve already thru my credit union",
           "budget")
    assert u.budget == (None, 450_000) and u.financing == "pre_approved"


def test_driving_somewhere_is_no_test_drive(profiles) -> None:
    u = _u(profiles, "dealership", "can we do Tuesday instead for the brakes? I'm driving to Houston Monday")
    assert u.appointment_type != "test_drive"


def test_one_more_added_after_just_one(profiles) -> None:
    u = _u(profiles, "dealership", "the brakes and the rotation, well no, just the brakes. also an oil "
                                   "change")
    assert sorted(u.services) == ["brake_inspection", "oil_change"], u.services


async def test_the_visit_just_booked_is_never_booked_twice(profiles) -> None:
    calendar = InMemoryCalendar()
    _state, replies = await call(
        profiles,
        "real_estate",
        "we'd like to buy in Round Rock, up to four hundred, we're pre-approved, moving in about two months",
        "could we meet Tuesday at four?",
        "Dana Whitlock",
        "yes",
        "ok great, tuesday at four then",
        "and what should we bring to the consultation?",
        calendar=calendar,
    )
    assert "You're all set" in replies[4] and "Let me confirm" not in replies[4], replies
    assert "Let me confirm" not in replies[5], replies
    assert len(on_calendar(calendar)) == 1, replies
