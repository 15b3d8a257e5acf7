"""Mechanisms that round 31 found wanting (development sets 205 to 212, callers written before
they were run), each checked on fresh phrasings, not the sets' own words. The clock is Monday 23
November 2026, nine in the morning (Thanksgiving is Thursday the 26th).
"""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from frontdesk.brain.nlu.relative import DAYS_ON
from frontdesk.brain.nlu.text import normalise
from frontdesk.brain.nlu.when import month_said
from tests.brain.calls import booked, call, on_calendar
from tests.brain.calls import heard as _u

MONDAY = date(2026, 11, 23)
TUESDAY_3 = datetime(2026, 11, 24, 15, 0)
TUESDAY_DEC_1_9 = datetime(2026, 12, 1, 9, 0)
TUESDAY_DEC_1_11 = datetime(2026, 12, 1, 11, 0)
WEDNESDAY_DEC_2_10 = datetime(2026, 12, 2, 10, 0)
SATURDAY_10 = datetime(2026, 11, 28, 10, 0)
SATURDAY_1030 = datetime(2026, 11, 28, 10, 30)


# -- bookings on file -------------------------------------------------------------------------------


async def test_the_day_before_moves_a_booking_back_a_day(profiles) -> None:
    calendar = await booked("dealership", "battery_replacement", WEDNESDAY_DEC_2_10)
    _state, replies = await call(
        profiles,
        "dealership",
        "hey I've got the battery swap on the second and I really gotta have it the day before, "
        "I'm out of town wednesday",
        "yes",
        calendar=calendar,
    )
    assert "Tuesday, December 1 at 10 AM" in replies[0], replies
    assert on_calendar(calendar) == [("Tue 01 10:00", "scheduled")], replies


def test_the_day_before_a_holiday_is_no_move() -> None:
    assert DAYS_ON.search("could we do the day before thanksgiving") is None
    assert DAYS_ON.search("can you do it the day before instead") is not None
    assert DAYS_ON.search("move it up a day") is not None


async def test_both_moved_to_another_day_keep_their_own_hours(profiles) -> None:
    calendar = await booked("dealership", "oil_change", TUESDAY_DEC_1_9)
    await booked("dealership", "tire_rotation", TUESDAY_DEC_1_11, calendar=calendar)
    _state, replies = await call(
        profiles,
        "dealership",
        "I need to push both of them to wednesday, the oil change and the rotation, same times as before",
        "yes",
        "yes",
        calendar=calendar,
    )
    assert on_calendar(calendar, sort=True) == [
        ("Wed 02 09:00", "scheduled"),
        ("Wed 02 11:00", "scheduled"),
    ], replies


async def test_both_moved_off_a_day_follow_the_day_said_after_a_closed_one(profiles) -> None:
    calendar = await booked("real_estate", "property_showing", SATURDAY_10)
    await booked("real_estate", "property_showing", SATURDAY_1030, calendar=calendar)
    _state, replies = await call(
        profiles,
        "real_estate",
        "we have to move both showings off saturday, family thing came up. sunday work?",
        "ah you're closed. monday's fine, same times",
        "yes",
        "yes",
        calendar=calendar,
    )
    assert "Saturday" not in replies[0].split("closed")[-1], replies  # not the day moved off
    assert on_calendar(calendar, sort=True) == [
        ("Mon 30 10:00", "scheduled"),
        ("Mon 30 10:30", "scheduled"),
    ], replies


async def test_a_booking_said_to_stay_is_not_moved_with_the_other(profiles) -> None:
    calendar = await booked("dealership", "oil_change", TUESDAY_DEC_1_9, vehicle="Ford F-150")
    await booked("dealership", "detailing", TUESDAY_DEC_1_11, calendar=calendar, vehicle="Honda Pilot")
    _state, replies = await call(
        profiles,
        "dealership",
        "we both got our cars in tuesday. the Pilot's detail, could that be wednesday instead, same time? "
        "the F-150's oil change stays tuesday",
        "yes",
        calendar=calendar,
    )
    assert on_calendar(calendar) == [("Tue 01 09:00", "scheduled"), ("Wed 02 11:00", "scheduled")], replies


async def test_the_hour_said_with_a_cancel_picks_that_booking(profiles) -> None:
    calendar = await booked("real_estate", "property_showing", TUESDAY_DEC_1_9)
    await booked("real_estate", "property_showing", TUESDAY_DEC_1_11, calendar=calendar)
    _state, replies = await call(
        profiles,
        "real_estate",
        "we have two showings tuesday, please cancel the nine o'clock",
        "yes",
        calendar=calendar,
    )
    assert "9 AM" in replies[0] and "11 AM" not in replies[0], replies
    assert on_calendar(calendar) == [("Tue 01 09:00", "cancelled"), ("Tue 01 11:00", "scheduled")]


async def test_an_hour_and_a_half_earlier_keeps_the_day(profiles) -> None:
    calendar = await booked("dealership", "oil_change", TUESDAY_3)
    _state, replies = await call(
        profiles,
        "dealership",
        "I'm down for tomorrow at three for the oil change, "
        "I'd need to come in an hour and a half earlier though",
        "yes",
        calendar=calendar,
    )
    assert on_calendar(calendar) == [("Tue 24 13:30", "scheduled")], replies


async def test_a_booking_a_spouse_made_under_their_number_is_looked_up(profiles) -> None:
    calendar = await booked("dealership", "tire_rotation", TUESDAY_3, phone="+15125550199")
    _state, replies = await call(
        profiles,
        "dealership",
        "my husband booked us a tire rotation tomorrow, it'd be under his number, 512 555 0199",
        calendar=calendar,
    )
    assert "tire rotation is tomorrow at 3 PM" in replies[0], replies
    assert len(calendar.appointments) == 1


def test_a_cancel_said_beside_work_done_elsewhere_is_a_cancel(profiles) -> None:
    u = _u(
        profiles,
        "dealership",
        "the brake one, go ahead and cancel it. my cousin already did them saturday",
        awaiting="which_appointment",
    )
    assert u.intent == "cancel"


def test_a_few_things_on_the_books_is_a_lookup_not_a_question(profiles) -> None:
    u = _u(profiles, "dealership", "hi, it's Dana, I think I've got a couple things on the books with y'all?")
    assert u.intent == "lookup_appointment" and not [a for a in u.acts if a.intent == "faq"]


# -- times as transcripts write them ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "at"),
    [
        ("can you get me in thursday at 1030", time(10, 30)),
        ("wednesday um 915 if you got it", time(9, 15)),
        ("friday 830 in the morning", time(8, 30)),
    ],
)
def test_an_hour_and_minutes_run_together_are_a_time(profiles, text, at) -> None:
    assert _u(profiles, "dealership", text).time == at


@pytest.mark.parametrize(
    "text", ["it's got 830 miles on it", "we're at 1230 oak street", "we are looking at 430 tops"]
)
def test_a_number_that_is_no_clock_stays_a_number(text) -> None:
    assert ":" not in normalise(text).numeric


def test_lets_do_one_is_a_visit_not_one_oclock(profiles) -> None:
    u = _u(profiles, "real_estate", "oh good, then let's do one. wednesday at ten?", awaiting="anything_else")
    assert u.time == time(10, 0)
    assert _u(profiles, "dealership", "could we do one-thirty instead?").time == time(13, 30)


def test_a_month_gone_by_dates_no_call() -> None:
    assert month_said("he's the one who sold me the truck back in june", MONDAY) is None
    assert month_said("could you call me back in january", MONDAY) == date(2027, 1, 4)


def test_a_day_someone_is_away_is_ruled_out(profiles) -> None:
    u = _u(profiles, "dealership", "oil change wednesday, no, sorry, tuesday. wednesday I'm over at my mom's")
    assert u.date == date(2026, 11, 24)


# -- a message, a call back, a repeat ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "could you have Dana give me a ring back?",
        "no need to transfer me, just have her call me when she's free",
        "can I leave a message for the service manager?",
    ],
)
def test_a_message_or_a_call_back_is_not_a_transfer(profiles, text) -> None:
    u = _u(profiles, "dealership", text)
    assert u.intent == "objection_busy" and "call_asked" in u.flags


def test_a_name_said_after_a_question_is_kept(profiles) -> None:
    assert (
        _u(profiles, "real_estate", "can somebody call me back? it's Dana Whitfield").name == "Dana Whitfield"
    )


@pytest.mark.parametrize("text", ["sorry what? two what?", "come again? free, you said?"])
def test_a_word_echoed_back_asks_to_hear_it_again(profiles, text) -> None:
    assert _u(profiles, "dealership", text, awaiting="anything_else").intent == "repeat"


async def test_whenever_they_get_a_sec_is_a_call_as_soon_as_someone_is_free(profiles) -> None:
    _state, replies = await call(
        profiles, "dealership", "can someone call me back? it's Ray Delgado", "whenever she gets a sec"
    )
    assert "as soon as someone's free" in replies[-1], replies


@pytest.mark.parametrize(
    "text",
    [
        "I'd like to be taken off whatever list you've got me on",
        "please get me removed from your calling list",
    ],
)
def test_taken_off_a_list_is_do_not_call(profiles, text) -> None:
    assert _u(profiles, "real_estate", text).intent == "do_not_call"


# -- names ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("marco de luca d e l u c a", "Marco Deluca"),
        ("Sean Miller — well, S-H-A-W-N actually", "Shawn Miller"),
    ],
)
def test_a_name_put_right_by_its_spelling(profiles, text, name) -> None:
    assert _u(profiles, "dealership", text, awaiting="name").name == name


# -- leads --------------------------------------------------------------------------------------------


def test_a_sale_elsewhere_that_pays_for_a_home_here_is_a_buyer(profiles) -> None:
    u = _u(
        profiles,
        "real_estate",
        "we're selling my dad's farm outside Temple, that money's for something smaller in Cedar Park",
    )
    assert u.lead_intent == "buy"
    # alone it stays a sale, one out of the area served
    u = _u(profiles, "real_estate", "we're selling our house in Waco and that closes in december")
    assert u.lead_intent == "sell"


def test_a_house_whose_listing_the_caller_does_not_know_is_no_sale(profiles) -> None:
    u = _u(profiles, "real_estate", "I saw a place I like in Round Rock but no idea whose listing it is")
    assert u.lead_intent != "sell"


async def test_a_buyers_home_under_contract_elsewhere_is_not_where_they_look(profiles) -> None:
    state, replies = await call(
        profiles,
        "real_estate",
        "we want to buy in Georgetown, we're retiring",
        "our house in Dallas is under contract, it closes in January",
    )
    assert state.lead.location == "Georgetown" and state.lead.in_service_area, replies


@pytest.mark.parametrize("text", ["we'd like to move over spring break", "Fall, probably."])
def test_a_season_is_a_timeline(profiles, text) -> None:
    assert _u(profiles, "real_estate", text, awaiting="timeline").timeline is not None


async def test_driving_while_giving_the_facts_is_no_busy_objection(profiles) -> None:
    _state, replies = await call(
        profiles, "real_estate", "you're on speaker, I'm driving. we wanna buy in Austin"
    )
    assert "Austin is one of our areas" in replies[0], replies


# -- the visit and its services ---------------------------------------------------------------------


async def test_a_service_dropped_in_its_own_sentence_leaves_the_rest(profiles) -> None:
    state, replies = await call(
        profiles,
        "dealership",
        "I need an oil change and a tire rotation",
        "actually forget the rotation, I had it done last week. can you check the brakes instead?",
    )
    assert state.booking_slots.services == ["oil_change", "brake_inspection"], replies


def test_work_already_done_is_not_asked_for(profiles) -> None:
    u = _u(
        profiles, "dealership", "the oil's already been done, but the tires need rotating", awaiting="service"
    )
    assert u.services == ["tire_rotation"]


async def test_loan_or_cars_is_the_loaner(profiles) -> None:
    _state, replies = await call(
        profiles, "dealership", "do you have loan or cars if it has to stay overnight"
    )
    assert "loaner" in replies[0], replies


# -- the second batch (sets 213 to 216) ------------------------------------------------------------


async def test_a_showing_we_are_gonna_skip_is_cancelled_and_the_one_kept_stays(profiles) -> None:
    calendar = await booked("real_estate", "property_showing", TUESDAY_DEC_1_9)
    await booked("real_estate", "property_showing", TUESDAY_DEC_1_11, calendar=calendar)
    _state, replies = await call(
        profiles,
        "real_estate",
        "what showings do I have tuesday?",
        "the eleven o'clock one we're gonna skip, keep the nine",
        "yes",
        calendar=calendar,
    )
    assert on_calendar(calendar) == [("Tue 01 09:00", "scheduled"), ("Tue 01 11:00", "cancelled")], replies


async def test_dropping_the_car_off_is_no_cancel(profiles) -> None:
    calendar = await booked("dealership", "brake_inspection", TUESDAY_3)
    _state, replies = await call(
        profiles,
        "dealership",
        "I've got a brake inspection tomorrow afternoon",
        "could I come in first thing that morning instead? I'd drop it before work",
        calendar=calendar,
    )
    assert "cancel" not in replies[-1].lower(), replies


async def test_a_weekday_for_a_booking_weeks_off_is_the_one_beside_it(profiles) -> None:
    calendar = await booked("real_estate", "property_showing", datetime(2026, 12, 11, 10, 0))
    _state, replies = await call(
        profiles,
        "real_estate",
        "can we move my showing on the eleventh to the saturday, same time?",
        calendar=calendar,
    )
    assert "Saturday, December 12 at 10 AM" in replies[0], replies


def test_the_day_said_then_told_from_the_one_refused_is_that_day(profiles) -> None:
    u = _u(
        profiles,
        "real_estate",
        "ugh fine, Saturday then, the day before, same time",
        awaiting="pick_alternative",
    )
    assert u.date == date(2026, 11, 28)


def test_which_should_be_a_month_is_a_timeline(profiles) -> None:
    u = _u(
        profiles,
        "real_estate",
        "once the divorce is final, which should be March",
        awaiting="timeline",
    )
    assert u.timeline is not None and "march" in u.timeline[1]


async def test_a_charge_for_the_first_meeting_is_the_consultations_cost(profiles) -> None:
    _state, replies = await call(
        profiles, "real_estate", "real quick, do you guys charge for the first meeting?"
    )
    assert "no charge" in replies[0], replies


async def test_a_home_closing_elsewhere_is_not_where_a_buyer_looks(profiles) -> None:
    state, replies = await call(
        profiles, "real_estate", "we're buying in Cedar Park", "Phoenix closes in January"
    )
    assert state.lead.location == "Cedar Park", replies
