"""Mechanisms that round 23 found wanting in development sets 121 to 128 (``evals/library/dev121.yaml``
… ``dev128.yaml``, callers written before they were run), each checked on fresh phrasings, not
the sets' own words. The clock is Monday 23 November 2026, nine in the morning.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from tests.brain.calls import booked, call
from tests.brain.calls import heard as _u
from tests.brain.calls import on_calendar as _when

# -- a booking the caller says they do not want ----------------------------------------------------


@pytest.mark.parametrize("refusal", [
    "no I don't wanna book anything, I need to talk to a manager about this bill",
    "I'm not trying to schedule nothing, get me a supervisor",
])
async def test_a_booking_refused_is_not_asked_after_again(profiles, refusal) -> None:
    state, replies = await call(profiles, "dealership",
                                "y'all charged me for a tire rotation last week and nobody touched my tires",
                                refusal, "Gail Whitaker")
    assert not state.booking_slots.under_way(), replies
    assert "what day" not in replies[-1].lower() and "Gail" in replies[-1]


async def test_a_booking_put_off_at_the_offer_is_let_go(profiles) -> None:
    state, replies = await call(profiles, "dealership", "how much is a tire rotation", "can I come thursday",
                                "nah I don't need to book it yet, I was just pricing it")
    assert "won't book" in replies[-1] and state.awaiting == "anything_else", replies
    assert not state.booking_slots.under_way()


# -- several changes about bookings on file, in one breath ------------------------------------------

WEDNESDAY_4 = datetime(2026, 11, 25, 16, 0)
THURSDAY_10 = datetime(2026, 11, 26, 10, 0)
FRIDAY_9 = datetime(2026, 11, 27, 9, 0)


async def test_the_one_cancelled_is_named_before_it_is_pointed_at(profiles) -> None:
    calendar = await booked("real_estate", "property_showing", WEDNESDAY_4)
    await booked("real_estate", "buyer_consultation", THURSDAY_10, calendar)
    _state, replies = await call(profiles, "real_estate",
                                "ok so the consultation thursday, y'all can scrap that one, we're not ready, "
                                "but the showing wednesday can we slide it to friday same time", "yes", "yes",
                                calendar=calendar)
    assert _when(calendar) == [("Fri 27 16:00", "scheduled"), ("Thu 26 10:00", "cancelled")], replies


async def test_a_call_back_asked_after_a_cancel_however_it_is_said(profiles) -> None:
    calendar = await booked("dealership", "brake_inspection", THURSDAY_10)
    state, replies = await call(profiles, "dealership",
                                "gotta cancel the brake check thursday, the noise went away, um i'd rather "
                                "somebody just ring me friday morning to talk it over", "yep",
                                calendar=calendar)
    assert _when(calendar) == [("Thu 26 10:00", "cancelled")], replies
    assert state.pending_callback is not None or any(
        t.task_type == "callback" for t in state.pending_tasks) or (
        "call you back" in replies[-1]), replies


async def test_the_car_named_picks_the_booking_of_two_at_the_same_hour(profiles) -> None:
    calendar = await booked("dealership", "oil_change", FRIDAY_9, vehicle="2019 Toyota Tacoma")
    await booked("dealership", "oil_change", FRIDAY_9.replace(minute=30), calendar,
                 vehicle="2016 Honda Accord")
    _state, replies = await call(profiles, "dealership",
                                "we both got oil changes friday morning, go ahead and cancel the accord, "
                                "he sold it, but keep my tacoma", "yes", calendar=calendar)
    assert _when(calendar) == [("Fri 27 09:00", "scheduled"), ("Fri 27 09:30", "cancelled")], replies


async def test_more_work_said_at_the_move_read_back_joins_the_visit_moved(profiles) -> None:
    calendar = await booked("dealership", "oil_change", FRIDAY_9)
    _state, replies = await call(profiles, "dealership", "can you move my oil change friday to ten",
                                "oh and go ahead and rotate the tires too while you got it", "yes",
                                calendar=calendar)
    assert _when(calendar) == [("Fri 27 10:00", "scheduled")], replies
    assert "tire rotation" in " ".join(replies[1:]).lower()


async def test_a_day_later_from_the_booking_named_with_its_own_day(profiles) -> None:
    calendar = await booked("real_estate", "listing_appointment", THURSDAY_10)
    _state, replies = await call(profiles, "real_estate",
                                "the agent's coming out thursday the twenty sixth at ten, could we push that "
                                "back a day, same time", "yes", calendar=calendar)
    assert _when(calendar) == [("Fri 27 10:00", "scheduled")], replies


# -- two questions in one breath, and a question with a request ---------------------------------------


async def test_both_questions_of_one_breath_are_answered(profiles) -> None:
    _, replies = await call(profiles, "dealership",
                            "where y'all at and do y'all take walk ins for tire rotations")
    assert "River Road" in replies[0] and "walk-in" in replies[0].lower(), replies


async def test_a_question_run_into_a_booking_is_answered(profiles) -> None:
    _, replies = await call(profiles, "real_estate",
                            "we're thinking of selling the house in round rock um whats your commission and "
                            "could somebody come look at it friday at ten")
    assert "negotiable" in replies[0].lower(), replies


# -- who is calling, said in a hurry ------------------------------------------------------------------


async def test_a_name_said_right_before_the_number_is_the_name(profiles) -> None:
    state, replies = await call(profiles, "dealership",
                                "Hey, real quick — Marcus Bell, 512-555-0199, battery on my Tacoma, "
                                "Friday at ten")
    assert state.booking_slots.customer_name == "Marcus Bell", replies


def test_the_callers_number_is_no_budget(profiles) -> None:
    u = _u(profiles, "real_estate", "Tina Ruiz, 737-555-0142, buying in Round Rock, under four hundred")
    assert u.budget == (None, 400000) and u.name == "Tina Ruiz"


# -- days and hours put right -------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "day"), [
    ("Friday at eight, sorry, I had Thursday mixed up", "2026-11-27"),
    ("Tuesday. Not tomorrow. Next Tuesday.", "2026-12-01"),
    ("he's got the truck all this week, can we do next week wednesday", "2026-12-02"),
])
def test_the_day_meant_when_another_is_put_aside(profiles, text, day) -> None:
    assert _u(profiles, "dealership", text, "date").date.isoformat() == day


def test_a_time_busy_until_is_not_the_time_wanted(profiles) -> None:
    u = _u(profiles, "dealership", "make it Friday at one. I'm at work till noon.", "name")
    assert u.time is not None and u.time.strftime("%H:%M") == "13:00"


# -- leads ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "intent"), [
    ("I own a rental house in Georgetown, the tenants have been there six years", None),
    ("my tenants just moved out and frankly I'm done being a landlord", "sell"),
    ("we're selling our place in Phoenix and moving to Round Rock this summer", "buy"),
    ("our agent in Houston has the buying side covered, I need someone to sell our house here in Cedar Park",
     "sell"),
    ("I guess I need to sell it, I don't know the first thing about selling though", "sell"),
])
def test_what_the_caller_does_here(profiles, text, intent) -> None:
    assert _u(profiles, "real_estate", text).lead_intent == intent


@pytest.mark.parametrize(("text", "budget"), [
    ("for the bigger one, four-fifty to five hundred", (450000, 500000)),
    ("we're thinking a million, maybe a million-three", (1000000, 1300000)),
])
def test_budgets_said_every_way(profiles, text, budget) -> None:
    assert _u(profiles, "real_estate", text, "budget").budget == budget


@pytest.mark.parametrize(("text", "financing"), [
    ("she still needs a loan", "not_started"),
    ("we gotta line up financing first", "not_started"),
    ("no more than four twenty-five and we're already pre approved", "pre_approved"),
])
def test_how_they_pay(profiles, text, financing) -> None:
    assert _u(profiles, "real_estate", text).financing == financing


def test_two_months_named_are_a_timeline(profiles) -> None:
    u = _u(profiles, "real_estate", "probably January or February, Pflugerville")
    assert u.timeline is not None and u.timeline[0] == 2.0


# -- the caller's own words, not ours ------------------------------------------------------------------


def test_driving_someone_in_is_no_test_drive(profiles) -> None:
    u = _u(profiles, "dealership", "Tuesday then, about ten? I'll drive him.", "date")
    assert u.appointment_type is None


def test_a_letter_for_someone_else_asks_for_the_work(profiles) -> None:
    u = _u(profiles, "dealership",
           "yeah hi my mother got a recall notice in the mail for her escape and she asked me to call "
           "for her")
    assert u.intent == "book" and u.services == ["recall_repair"]


def test_a_question_asked_of_someone_in_the_room_is_not_ours(profiles) -> None:
    u = _u(profiles, "dealership", "She can come Thursday. Mom, what time? ... She says ten in the morning.",
           "date")
    assert u.intent != "faq" and u.time is not None and u.time.hour == 10


async def test_a_booking_put_under_another_name_at_the_read_back(profiles) -> None:
    state, replies = await call(profiles, "dealership", "oil change friday at nine", "Jay Ortiz",
                                "actually put it under my legal name, Jesus Ortiz, the warranty is in "
                                "that name")
    assert state.booking_slots.customer_name == "Jesus Ortiz", replies
    assert "warranty" not in replies[-1].lower()


async def test_a_name_spelled_out_later_puts_the_whole_name_right(profiles) -> None:
    state, replies = await call(profiles, "real_estate", "looking to buy in Austin, under five hundred",
                                "Name's Shawn Kealy",
                                "oh and it's spelled the Irish way, S-E-A-N. K-E-A-L-Y.")
    assert state.customer.name == "Sean Kealy", replies


# -- a call back let go for a booking ------------------------------------------------------------------


async def test_a_call_back_let_go_for_a_booking_in_other_words(profiles) -> None:
    state, replies = await call(profiles, "real_estate", "I saw y'all's listing on Elm Street in Georgetown",
                                "could someone call me about it tomorrow morning?",
                                "actually you know what, can we just set up a showing, Saturday at eleven?")
    assert state.booking_slots.appointment_type == "property_showing", replies
    assert state.pending_callback is None
    assert not [t for t in state.pending_tasks if t.task_type == "callback"]


# -- round 23's second batch (sets 129 to 132) ----------------------------------------------------------


async def test_yes_to_the_cancel_with_the_other_one_kept(profiles) -> None:
    calendar = await booked("dealership", "tire_rotation", datetime(2026, 11, 24, 10, 0))
    await booked("dealership", "oil_change", datetime(2026, 12, 1, 10, 0), calendar)
    _, replies = await call(profiles, "dealership",
                            "i got two things with y'all and i only need next week's, cancel tomorrow's",
                            "yeah just that one, leave the other one", calendar=calendar)
    assert _when(calendar) == [("Tue 24 10:00", "cancelled"), ("Tue 01 10:00", "scheduled")], replies


async def test_a_weekday_for_a_booking_a_week_off_is_the_one_nearest_it(profiles) -> None:
    calendar = await booked("real_estate", "listing_appointment", datetime(2026, 12, 2, 15, 0))
    _, replies = await call(profiles, "real_estate",
                            "the agent's coming next wednesday at three, can we do friday at three instead",
                            "yes", calendar=calendar)
    assert _when(calendar) == [("Fri 04 15:00", "scheduled")], replies


async def test_the_booking_said_to_be_someone_elses_is_the_one_moved(profiles) -> None:
    calendar = await booked("real_estate", "buyer_consultation", datetime(2026, 11, 24, 10, 0))
    await booked("real_estate", "property_showing", datetime(2026, 11, 24, 14, 0), calendar)
    _, replies = await call(profiles, "real_estate",
                            "so tomorrow I've got my consultation at ten and a showing for my brother at "
                            "two. mine's fine. his, could you make it friday at two?", "yes",
                            calendar=calendar)
    assert _when(calendar) == [("Tue 24 10:00", "scheduled"), ("Fri 27 14:00", "scheduled")], replies


@pytest.mark.parametrize("text", [
    "we land on the fourth, could we meet that afternoon around two",
    "I get in on December 4th, can somebody show us houses that afternoon",
])
def test_that_afternoon_is_the_day_just_said(profiles, text) -> None:
    assert _u(profiles, "real_estate", text).date.isoformat() == "2026-12-04"


def test_a_place_driven_from_is_no_place_looked_in(profiles) -> None:
    u = _u(profiles, "real_estate", "can we come saturday at ten, we're driving in from Waco anyway")
    assert u.location is None


def test_the_address_asked_after_a_request_is_asked(profiles) -> None:
    u = _u(profiles, "real_estate", "ok thursday at two works whats the address", "date")
    assert [a.intent for a in u.acts] == ["faq"] and u.date is not None


def test_since_you_called_asks_no_who_is_this(profiles) -> None:
    u = _u(profiles, "dealership", "oh while you have me, since you called, could we move it to friday",
           "anything_else")
    assert u.intent == "reschedule"


async def test_a_time_changed_while_the_name_is_asked_is_said_back(profiles) -> None:
    _, replies = await call(profiles, "dealership", "oil change tuesday at nine",
                            "oh wait, make that wednesday at eleven instead")
    assert "Wednesday" in replies[-1] and "11 AM" in replies[-1], replies


async def test_both_bookings_moved_by_the_same_hour_each_from_its_own(profiles) -> None:
    calendar = await booked("dealership", "oil_change", datetime(2026, 11, 27, 8, 0))
    await booked("dealership", "tire_rotation", datetime(2026, 11, 27, 9, 0), calendar)
    _, replies = await call(profiles, "dealership",
                            "we got two things friday morning, eight and nine, can you bump both of them "
                            "an hour later", "yes", "yes", calendar=calendar)
    assert sorted(_when(calendar)) == [("Fri 27 09:00", "scheduled"), ("Fri 27 10:00", "scheduled")], replies
