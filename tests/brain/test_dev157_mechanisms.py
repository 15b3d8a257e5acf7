"""Mechanisms that round 26 found wanting in development sets 157 to 164 (``evals/library/dev157.yaml``
… ``dev164.yaml``, callers written before they were run), each checked on fresh phrasings, not
the sets' own words. The clock is Monday 23 November 2026, nine in the morning (Thanksgiving,
Thursday the 26th, the dealership is closed).
"""

from __future__ import annotations

from datetime import date, datetime
from functools import partial

import pytest

from frontdesk.brain.nlu import clock, when
from frontdesk.brain.nlu.text import normalise
from tests.brain.calls import MONDAY, booked, call, on_calendar
from tests.brain.calls import heard as _u

TUESDAY_2 = datetime(2026, 11, 24, 14, 0)
WEDNESDAY_10 = datetime(2026, 11, 25, 10, 0)
_when = partial(on_calendar, sort=True)  # by day name, then hour


def _day(text: str) -> date | None:
    return when.extract_date(normalise(text), MONDAY)


# -- a booking on file, named, kept, put right --------------------------------------------------------


async def test_a_booking_on_file_named_by_its_kind_and_day_is_told_not_booked_again(profiles) -> None:
    calendar = await booked("dealership", "oil_change", TUESDAY_2)
    _state, replies = await call(profiles, "dealership",
                                 "so im bringing the car in for the oil change tomorrow "
                                 "at two", calendar=calendar)
    assert "oil change is tomorrow at 2" in replies[0], replies
    assert len(calendar.appointments) == 1


async def test_a_yes_before_a_change_is_no_answer_to_anything_else(profiles) -> None:
    calendar = await booked("real_estate", "property_showing", TUESDAY_2)
    _state, replies = await call(profiles, "real_estate", "when's my showing?",
                                 "alright well actually could we push it to four", "yes", calendar=calendar)
    assert _when(calendar) == [("Tue 24 16:00", "scheduled")], replies


@pytest.mark.parametrize(("kept", "cancelled"), [
    ("keep the morning one and drop the afternoon one", "Tue 24 14:00"),
    ("the two o'clock we still want that one, but cancel the ten o'clock", "Tue 24 10:00"),
])
async def test_the_one_kept_is_told_by_its_part_of_day_or_its_hour(profiles, kept, cancelled) -> None:
    calendar = await booked("real_estate", "property_showing", datetime(2026, 11, 24, 10, 0))
    await booked("real_estate", "property_showing", TUESDAY_2, calendar=calendar)
    _state, replies = await call(profiles, "real_estate", "I think I've got two showings tomorrow",
                                 kept, "yes",
                                 calendar=calendar)
    assert (cancelled, "cancelled") in _when(calendar), replies
    assert sum(status == "scheduled" for _, status in _when(calendar)) == 1, replies


async def test_the_one_for_our_house_is_the_listing_appointment(profiles) -> None:
    calendar = await booked("real_estate", "listing_appointment", datetime(2026, 11, 24, 10, 0))
    await booked("real_estate", "property_showing", TUESDAY_2, calendar=calendar)
    _state, replies = await call(profiles, "real_estate", "we've got two things with y'all tomorrow",
                                 "we're not selling after all so cancel the one for our place", "yes",
                                 calendar=calendar)
    assert _when(calendar) == [("Tue 24 10:00", "cancelled"), ("Tue 24 14:00", "scheduled")], replies


async def test_holding_off_the_plan_asks_move_or_cancel(profiles) -> None:
    calendar = await booked("real_estate", "listing_appointment", WEDNESDAY_10)
    _state, replies = await call(profiles, "real_estate", "when is the listing appointment again",
                                 "we decided to hold off, my wife's job fell through so we're staying put",
                                 calendar=calendar)
    assert "move" in replies[-1] and "cancel" in replies[-1], replies


async def test_a_cancel_asked_beside_why_is_the_cancel(profiles) -> None:
    calendar = await booked("real_estate", "property_showing", datetime(2026, 11, 24, 10, 0))
    await booked("real_estate", "property_showing", TUESDAY_2, calendar=calendar)
    _state, replies = await call(profiles, "real_estate", "we have two showings tomorrow right",
                                 "the two o'clock one already sold, I saw it on redfin this morning. can you "
                                 "cancel that one?", "yes", calendar=calendar)
    assert ("Tue 24 14:00", "cancelled") in _when(calendar), replies


async def test_an_hour_said_with_a_yes_to_another_read_back_moves_it_there(profiles) -> None:
    calendar = await booked("dealership", "tire_rotation", TUESDAY_2)
    _state, replies = await call(profiles, "dealership", "can I move my tire rotation from tomorrow to "
                                 "wednesday at nine", "ten yeah", "yes", calendar=calendar)
    assert _when(calendar) == [("Wed 25 10:00", "scheduled")], replies


async def test_make_it_another_day_moves_the_one_told(profiles) -> None:
    calendar = await booked("real_estate", "listing_appointment", WEDNESDAY_10)
    _state, replies = await call(profiles, "real_estate", "when are y'all coming out to see the house?",
                                 "not wednesday, could we make it friday? same time", "yes",
calendar=calendar)
    assert _when(calendar) == [("Fri 27 10:00", "scheduled")], replies


async def test_the_price_of_the_inspection_on_file_is_that_one(profiles) -> None:
    calendar = await booked("dealership", "state_inspection", TUESDAY_2)
    _state, replies = await call(profiles, "dealership", "can I push my inspection tomorrow to wednesday",
                                 "how much is the inspection again? forty-something?", calendar=calendar)
    assert "$35" in replies[-1] and "Which one" not in replies[-1], replies
    assert "don't have that information" not in replies[-1], replies


# -- questions cut into a booking are answered, then the booking goes on ------------------------------


async def test_a_question_at_the_offer_is_answered_and_the_offer_stands(profiles) -> None:
    _state, replies = await call(profiles, "dealership", "I need an oil change friday morning",
                                 "oh wait do y'all have a shuttle? my husband has the other car all day")
    assert "shuttle" in replies[-1] and "Which works for you" in replies[-1], replies
    assert "shop you trust" not in replies[-1], replies


async def test_paying_cash_asks_how_to_pay_not_the_price(profiles) -> None:
    _state, replies = await call(profiles, "dealership", "I'd like a detail on friday",
                                 "can I just pay cash for it")
    assert "cash" in replies[-1] and "I hear you" not in replies[-1], replies


async def test_a_question_run_on_into_the_story_is_answered_first(profiles) -> None:
    _state, replies = await call(profiles, "dealership",
                                 "um what time do yall open tomorrow and my brakes are "
                                 "grinding real bad")
    assert "7:30 AM" in replies[0], replies


async def test_a_question_behind_but_is_asked(profiles) -> None:
    _state, replies = await call(profiles, "real_estate",
                                 "we're not looking to buy anything but I wanna know what "
                                 "y'all charge to list a house")
    assert "negotiable" in replies[0], replies


async def test_goodbye_asked_the_name_books_under_the_number(profiles) -> None:
    _state, replies = await call(profiles, "dealership", "oil change wednesday at ten please",
                                 "okay that's all",
                                 "yes")
    assert "under your phone number" in replies[1] or "for the caller" in replies[1], replies
    assert "You're all set" in replies[-1], replies


# -- words: services in plain words, days, hours, names ------------------------------------------------


def test_trouble_described_books_the_look_first_service_but_a_name_does_not(profiles) -> None:
    assert _u(profiles, "dealership",
              "there's a puddle under the truck every morning when I leave").services == [
        "diagnostic"]
    assert _u(profiles, "dealership", "every morning works for me").time_of_day == "morning"


async def test_an_answer_describing_trouble_is_looked_at_first(profiles) -> None:
    _state, replies = await call(profiles, "dealership", "I need to bring my car in",
                                 "Thursday... no Friday at ten",
                                 "its the weird clicking thing when i turn")
    assert "diagnostic check" in replies[-1], replies
    _state, replies = await call(profiles, "dealership", "I need to bring my car in friday at ten",
                                 "Dana Reyes")
    assert "take a look at that first" not in replies[-1], replies


@pytest.mark.parametrize(("said", "day"), [
    ("thurs same time", date(2026, 11, 26)),
    ("fri like 4 30", date(2026, 11, 27)),
    ("tmrw works", date(2026, 11, 24)),
    ("a week from this wednesday", date(2026, 12, 2)),
    ("next week any day but monday, actually, tuesday's best", date(2026, 12, 1)),
    ("the monday after the holiday", date(2026, 11, 30)),
    ("right after the holiday, tuesday the first", date(2026, 12, 1)),
    ("the eleventh, no wait I work the eleventh, the twelfth", date(2026, 12, 12)),
])
def test_days_said_short_or_around_a_holiday(said, day) -> None:
    assert _day(said) == day


def test_we_d_in_a_transcript_is_no_wednesday() -> None:
    assert _day("wed love to come in friday") == date(2026, 11, 27)


@pytest.mark.parametrize(("said", "hour"), [
    ("friday like 4 30", (16, 30)),
    ("nine no wait ten sorry", (10, 0)),
    ("I can get there by quarter to ten so let's just call it ten", (10, 0)),
    ("could I come by after work like six tonight", (18, 0)),
])
def test_hours_said_loosely(said, hour) -> None:
    at = clock.extract_time(normalise(said))
    assert at is not None and (at.hour, at.minute) == hour


@pytest.mark.parametrize(("said", "name"), [
    ("it'll be under Dana Price, that's my boss", "Dana Price"),
    ("the booking should be in her name — Rosa Diaz", "Rosa Diaz"),
    ("its gonna be his name walter brooks", "Walter Brooks"),
])
def test_a_name_for_someone_else_said_any_time(profiles, said, name) -> None:
    assert _u(profiles, "dealership", said, awaiting="date").name == name


async def test_driving_someone_is_no_test_drive(profiles) -> None:
    _state, replies = await call(profiles, "dealership", "I need my mom's brakes checked, it's a 2014 buick",
                                 "friday at nine, i gotta drive her over")
    assert "inventory" not in replies[-1] and "Can I get your name" in replies[-1], replies


async def test_the_callers_own_truck_is_not_the_lots(profiles) -> None:
    _state, replies = await call(profiles, "dealership",
                                 "I'm calling about my wife's truck? she's got the F-150 "
                                 "in for an oil change")
    assert "$" not in replies[0], replies


async def test_a_car_sold_on_our_due_service_call_gets_no_pitch(profiles) -> None:
    _state, replies = await call(profiles, "dealership", "oh I sold that car last spring",
                                 direction="outbound")
    assert "don't have that car anymore" in replies[-1] and "wrong number" not in replies[-1], replies


async def test_a_call_back_asked_stands_when_the_caller_hangs_up_on_when(profiles) -> None:
    state, replies = await call(profiles, "dealership", "I'm driving, just call me back later",
                                "ok bye", direction="outbound")
    assert any(t.task_type == "callback" for t in state.pending_tasks), replies


# -- leads: budgets, homes to value, places ------------------------------------------------------------


@pytest.mark.parametrize(("said", "budget"), [
    ("we're looking at two seventy-five to three", (275_000, 300_000)),
    ("looking at round rock. five to five fifty, and we're pre-approved", (500_000, 550_000)),
])
def test_a_budget_said_as_spoken_figures(profiles, said, budget) -> None:
    assert _u(profiles, "real_estate", said, awaiting="location").budget == budget


def test_an_hour_after_a_day_asked_the_price_is_a_time(profiles) -> None:
    u = _u(profiles, "real_estate", "could we meet thursday like five ish", awaiting="budget")
    assert u.budget is None and u.time is not None and u.time.hour == 17


def test_what_the_home_would_bring_is_a_listing_for_a_seller(profiles) -> None:
    u = _u(profiles, "real_estate", "we've got no clue what our place might fetch these days")
    assert u.appointment_type == "listing_appointment" and u.lead_intent == "sell"


async def test_a_served_place_after_one_we_do_not_serve_is_where_they_look(profiles) -> None:
    state, replies = await call(profiles, "real_estate", "do you work in Leander?",
                                "okay, Round Rock's close enough for us")
    assert state.lead.location == "Round Rock" and state.lead.in_service_area, replies
    assert "open Monday" not in replies[-1], replies


async def test_how_selling_works_asked_in_passing(profiles) -> None:
    _state, replies = await call(profiles, "real_estate", "how does it all work with y'all if we sell?")
    assert "listing appointment" in replies[0], replies


async def test_scratch_the_car_cancels_its_booking(profiles) -> None:
    calendar = await booked("dealership", "oil_change", datetime(2026, 11, 24, 9, 0), vehicle="Ford F-150")
    await booked("dealership", "oil_change", datetime(2026, 11, 24, 9, 30), calendar=calendar,
                 vehicle="Kia Soul")
    _state, replies = await call(profiles, "dealership",
                                 "we've got two oil changes tomorrow, the truck and my son's kia",
                                 "he took it back to school so scratch the kia", "yes", calendar=calendar)
    assert ("Tue 24 09:30", "cancelled") in _when(calendar) and ("Tue 24 09:00", "scheduled") in _when(
        calendar), replies


async def test_the_hour_on_the_clock_is_not_the_half_hour(profiles) -> None:
    calendar = await booked("real_estate", "property_showing", datetime(2026, 11, 24, 10, 0))
    await booked("real_estate", "property_showing", datetime(2026, 11, 24, 10, 30), calendar=calendar)
    _state, replies = await call(profiles, "real_estate", "two showings tomorrow right?",
                                 "could the ten thirty move to wednesday at ten thirty",
                                 "the ten o'clock stays, yeah",
                                 calendar=calendar)
    assert _when(calendar) == [("Tue 24 10:00", "scheduled"), ("Wed 25 10:30", "scheduled")], replies


async def test_calling_back_when_ready_confirms_the_cancel(profiles) -> None:
    calendar = await booked("real_estate", "buyer_consultation", WEDNESDAY_10)
    _state, replies = await call(profiles, "real_estate", "I need to cancel my consultation wednesday",
                                 "yeah we'll call y'all back once we're ready", calendar=calendar)
    assert _when(calendar) == [("Wed 25 10:00", "cancelled")], replies


def test_asking_whether_pre_approval_is_needed_is_no_fact(profiles) -> None:
    assert _u(profiles, "real_estate", "do we need to be pre-approved to see a house").financing is None
