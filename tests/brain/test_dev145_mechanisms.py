"""Mechanisms that round 25 found wanting in development sets 145 to 156 (``evals/library/dev145.yaml``
… ``dev156.yaml``, callers written before they were run), each checked on fresh phrasings, not
the sets' own words. The clock is Monday 23 November 2026, nine in the morning (Thanksgiving,
Thursday the 26th, the dealership is closed).
"""

from __future__ import annotations

from datetime import datetime
from functools import partial

import pytest

from frontdesk.brain.nlu.lead import extract_budget
from frontdesk.brain.nlu.text import normalise
from tests.brain.calls import booked, call, on_calendar
from tests.brain.calls import heard as _u

TUESDAY_2 = datetime(2026, 11, 24, 14, 0)
WEDNESDAY_10 = datetime(2026, 11, 25, 10, 0)
FRIDAY_5 = datetime(2026, 11, 27, 17, 0)
_when = partial(on_calendar, sort=True)  # by day name, then hour


# -- a move said from the booking's own time, and a time that belongs to something else ------------


@pytest.mark.parametrize(("said", "moved_to"), [
    ("can y'all bump that back a hour, my sister can't drop me off till one forty five", "Tue 24 15:00"),
    ("could you scoot it up like thirty minutes? I gotta pick up my son at three", "Tue 24 13:30"),
    ("push it back an hour and a half if you can, she has a dentist thing till two", "Tue 24 15:30"),
])
async def test_a_move_by_so_much_is_from_its_own_time(profiles, said, moved_to) -> None:
    calendar = await booked("dealership", "tire_rotation", TUESDAY_2)
    _state, replies = await call(profiles, "dealership", "I've got the tire rotation tomorrow at two",
                                 said, "yes", calendar=calendar)
    assert _when(calendar) == [(moved_to, "scheduled")], replies


async def test_a_part_of_the_day_taken_up_is_not_the_one_asked_for(profiles) -> None:
    calendar = await booked("dealership", "oil_change", TUESDAY_2)
    _state, replies = await call(profiles, "dealership", "when's my oil change again, tomorrow?",
                                 "could y'all do that same day at eight in the morning instead, she's "
                                 "got physical therapy in the afternoon", "yes", calendar=calendar)
    assert _when(calendar) == [("Tue 24 08:00", "scheduled")], replies


# -- a booking on file asked after, however it is put ------------------------------------------------


@pytest.mark.parametrize("said", [
    "hey what time was I on wednesday for the valuation, I lost the card",
    "quick thing, the consultation wednesday, was that ten or eleven? I wrote it on a napkin",
    "my mom's got a showing with y'all wednesday morning and she can't remember what time",
])
async def test_asking_when_a_booking_is_tells_it(profiles, said) -> None:
    calendar = await booked("real_estate", "listing_appointment" if "valuation" in said else
                            "buyer_consultation" if "consultation" in said else "property_showing",
                            WEDNESDAY_10)
    _state, replies = await call(profiles, "real_estate", said, calendar=calendar)
    assert "10 AM" in replies[0] and "Which works" not in replies[0], replies
    assert _when(calendar) == [("Wed 25 10:00", "scheduled")]


# -- answering a cancel read back by naming the one that stays --------------------------------------


@pytest.mark.parametrize("answer", [
    "the consultation's still happening though",
    "but we're keepin the consultation",
    "we'll still be there for the sit-down on wednesday",
])
async def test_naming_the_booking_that_stays_confirms_the_other_cancel(profiles, answer) -> None:
    calendar = await booked("real_estate", "buyer_consultation", WEDNESDAY_10)
    await booked("real_estate", "property_showing", FRIDAY_5, calendar)
    _state, replies = await call(profiles, "real_estate", "we've got a consultation and a showing with y'all",
                                 "go ahead and cancel the showing friday, that house is gone",
                                 answer, calendar=calendar)
    assert _when(calendar) == [("Fri 27 17:00", "cancelled"), ("Wed 25 10:00", "scheduled")], replies


@pytest.mark.parametrize("said", [
    "we sold the truck saturday so you can go ahead and scratch that one off",
    "scratch the wednesday one, the realtor said it's under contract",
])
def test_scratching_a_booking_off_cancels_it(profiles, said) -> None:
    u = _u(profiles, "dealership", said, awaiting="anything_else")
    assert u.intent == "cancel"
    assert u.date is None or u.date.weekday() == 2  # the day the car was sold is no new day


def test_scratch_that_inside_a_sentence_is_still_a_correction(profiles) -> None:
    u = _u(profiles, "dealership", "friday, scratch that, saturday at nine")
    assert u.intent != "cancel" and u.date is not None and u.date.weekday() == 5


# -- an opening asked for as a question --------------------------------------------------------------


@pytest.mark.parametrize("said", [
    "what've y'all got wednesday? I'm off that day. maybe ten?",
    "would ten thirty wednesday work for you guys? I start my shift at one",
])
async def test_an_opening_asked_mid_qualification_is_a_booking_not_a_fact_we_lack(profiles, said) -> None:
    state, replies = await call(profiles, "real_estate",
                                "we're buying in Round Rock, up to four hundred, pre-approved already",
                                said)
    assert "I don't have that information" not in replies[-1], replies
    assert state.booking_slots.preferred_date is not None


# -- a call back turned down is no do-not-call ------------------------------------------------------


@pytest.mark.parametrize("said", [
    "nah don't call me back, I'll give y'all a ring when I'm ready",
    "you don't have to call me back, I'll call you",
])
async def test_a_call_back_turned_down_leaves_the_number_callable(profiles, said) -> None:
    state, replies = await call(profiles, "dealership", "can't talk, I'm at work", said,
                                direction="outbound")
    assert not state.lead.do_not_call, replies
    assert state.pending_callback is None and not any(t.task_type == "callback" for t in state.pending_tasks)
    assert "won't call" in replies[-1], replies


async def test_stop_calling_me_is_still_do_not_call(profiles) -> None:
    state, replies = await call(profiles, "dealership", "can't talk, I'm at work",
                                "don't call me again, I'll call y'all if I need something",
                                direction="outbound")
    assert state.lead.do_not_call, replies


# -- budgets as people say them ---------------------------------------------------------------------


@pytest.mark.parametrize(("said", "most"), [
    ("we're lookin in pflugerville maybe three twenty five", 325_000),
    ("up to two ninety, no, three ten, my husband says three ten", 310_000),
    ("budget is about three seventy five, could go to four for the right one", 400_000),
    ("for twenty tops, we're pre approved", 420_000),
])
def test_budgets_said_in_passing_or_put_right(profiles, said, most) -> None:
    u = _u(profiles, "real_estate", said)
    assert u.budget is not None and u.budget[1] == most, u.budget


def test_a_figure_where_the_caller_looks_is_no_price_when_it_is_a_time(profiles) -> None:
    assert extract_budget(normalise("we're looking in cedar park around 3 30 wednesday")) is None


# -- which side of a sale -----------------------------------------------------------------------------


@pytest.mark.parametrize(("said", "side"), [
    ("we've decided to put ours on the market instead of buying right now", "sell"),
    ("buy a small condo for my son near campus, then sell it once he finishes school", "buy"),
    ("we'd list ours, yeah, but we have to land the next place first", "both"),
])
def test_the_side_of_the_sale_as_said(profiles, said, side) -> None:
    assert _u(profiles, "real_estate", said).lead_intent == side


async def test_a_renter_who_decides_to_buy_is_a_buyer(profiles) -> None:
    state, replies = await call(profiles, "real_estate", "looking to rent a place in Cedar Park",
                                "actually you know what, we're done renting, we want to buy, "
                                "maybe three fifty")
    assert state.lead.intent == "buy", replies
    assert "rentals" not in replies[-1]


@pytest.mark.parametrize("said", [
    "we're doing the loan through a broker out of Dallas",
    "we want out of Houston, too humid; my cousin's in Cedar Park and that's where we want to be",
])
def test_a_place_that_belongs_to_someone_else_or_is_left_is_not_where_they_look(profiles, said) -> None:
    u = _u(profiles, "real_estate", said)
    assert u.location is None or u.location[0] == "Cedar Park", u.location


# -- days as people say them -------------------------------------------------------------------------


@pytest.mark.parametrize(("said", "day"), [
    ("not this friday, the next one, around ten", "2026-12-04"),
    ("Saturday — but not this one, the one after", "2026-12-05"),
    ("can't do this week. Next week maybe? Tuesday?", "2026-12-01"),
    ("tuesday or wednesday, either, honestly wednesday", "2026-11-25"),
])
def test_days_put_a_week_on_or_settled_on(profiles, said, day) -> None:
    assert str(_u(profiles, "dealership", said).date) == day


@pytest.mark.parametrize("said", ["uh-huh that's fine", "mm-hm", "whenever works"])
def test_fillers_are_no_names(profiles, said) -> None:
    assert _u(profiles, "dealership", said, awaiting="name").name is None


def test_a_transcript_cutting_pre_approved_still_says_it(profiles) -> None:
    assert _u(profiles, "real_estate", "we're pre prove with our bank", awaiting="financing").financing == (
        "pre_approved")


def test_a_weekday_of_the_week_after_next(profiles) -> None:
    assert str(_u(profiles, "real_estate", "could we meet the week after next, say the thursday?").date) == (
        "2026-12-10")


def test_the_day_asked_for_after_a_day_of_something_else(profiles) -> None:
    u = _u(profiles, "real_estate", "my folks fly in the week of the thirtieth. could we all sit down with "
                                    "an agent wednesday the second, around eleven?")
    assert str(u.date) == "2026-12-02" and u.time is not None and u.time.hour == 11


@pytest.mark.parametrize("said", [
    "can somebody call me back, or actually, you know what, can I just book a time? friday at four",
    "have someone ring me back — no wait, let's just set something up, friday at four",
])
def test_a_call_back_taken_back_for_a_visit_is_a_booking(profiles, said) -> None:
    u = _u(profiles, "real_estate", said, awaiting="financing")
    assert u.intent == "book" and "call_asked" not in u.flags


def test_a_call_asked_in_few_words_is_a_call(profiles) -> None:
    u = _u(profiles, "real_estate", "my son talks better. somebody call tonight please", awaiting="timeline")
    assert u.intent == "objection_busy" and "call_asked" in u.flags


@pytest.mark.parametrize("said", [
    "my brakes been squealing for a week, what y'all charge to check em",
    "the battery light keeps coming on what do you guys charge just to test it",
])
async def test_a_price_asked_with_the_trouble_is_answered(profiles, said) -> None:
    state, replies = await call(profiles, "dealership", said)
    assert ("$" in replies[0] or "free" in replies[0]) and state.appointment is None, replies


async def test_a_day_kept_with_another_hour_moves_it(profiles) -> None:
    calendar = await booked("dealership", "oil_change", TUESDAY_2)
    _state, replies = await call(profiles, "dealership", "I need to move my oil change tomorrow to Wednesday",
                                 "no, hold on, Wednesday's bad. keep it tomorrow, but could it be earlier? "
                                 "like ten", "yes", calendar=calendar)
    assert _when(calendar) == [("Tue 24 10:00", "scheduled")], replies


def test_a_thing_in_another_clause_is_not_the_verbs(profiles) -> None:
    u = _u(profiles, "real_estate", "we're going through a lot right now, she gets the house in Cedar Park, "
                                    "and I need to buy something small")
    assert u.appointment_type is None and u.lead_intent == "buy"


async def test_one_more_thing_asked_beside_a_cancel_is_answered(profiles) -> None:
    calendar = await booked("real_estate", "property_showing", FRIDAY_5)
    _state, replies = await call(profiles, "real_estate",
                                 "we found a place so go ahead and cancel the showing friday and oh one more "
                                 "thing what time do y'all close saturday", calendar=calendar)
    assert "7 PM" in replies[0] and "cancel" in replies[0], replies


@pytest.mark.parametrize(("said", "day", "hour"), [
    ("my son's graduating friday and the car's a mess, could y'all detail it wednesday at ten", 2, 10),
    ("can I bring it in tuesday at nine, my lunch is at eleven thirty so somebody can grab me", 1, 9),
])
def test_a_day_or_hour_of_something_else_is_not_the_visit(profiles, said, day, hour) -> None:
    u = _u(profiles, "dealership", said)
    assert u.date is not None and u.date.weekday() == day and u.time is not None and u.time.hour == hour


def test_years_of_rent_avoided_are_no_timeline(profiles) -> None:
    u = _u(profiles, "real_estate", "instead of paying rent three years we'd buy him a condo near campus")
    assert u.timeline is None and u.lead_intent == "buy"


def test_money_from_the_home_sold_is_cash(profiles) -> None:
    u = _u(profiles, "real_estate", "my share of the house money", awaiting="financing")
    assert u.financing == "cash"


async def test_a_home_to_list_makes_a_seller_whoever_calls(profiles) -> None:
    state, replies = await call(profiles, "real_estate", "I'm calling for my mother, she wants to know what "
                                "y'all charge to sell", "she says she wants to list it in the fall")
    assert state.lead.intent == "sell", replies


def test_last_weekend_is_no_choice_of_the_last_booking(profiles) -> None:
    from frontdesk.brain.agents.appointment_words import _LAST
    assert _LAST.search("cancel the jetta we sold it last weekend") is None
    assert _LAST.search("the last one, the one at two") is not None


async def test_two_bookings_alike_are_told_apart_by_their_cars(profiles) -> None:
    from frontdesk.brain.memory import InMemoryCalendar
    from frontdesk.brain.ports import BookingRequest
    calendar = InMemoryCalendar()
    for car in ("2018 Volkswagen Jetta", "2021 Toyota RAV4"):
        await calendar.book(BookingRequest(
            business="dealership", department="service", capacity=2, appointment_type="service",
            service_type="oil_change", start=datetime(2026, 11, 27, 10, 0), duration_min=30,
            customer_name="Pat Doe", customer_phone="+15125550123", customer_email=None, vehicle=car,
            conversation_id="before"))
    _state, replies = await call(profiles, "dealership", "we got two oil changes friday, remind me",
                                 "cancel the jetta, we sold it last weekend", "yes", calendar=calendar)
    assert "Jetta" in replies[0] and "RAV4" in replies[0], replies
    assert sorted((a.request.vehicle, a.status) for a in calendar.appointments) == [
        ("2018 Volkswagen Jetta", "cancelled"), ("2021 Toyota RAV4", "scheduled")], replies


async def test_the_truck_picks_the_pickups_booking(profiles) -> None:
    calendar = await booked("dealership", "oil_change", datetime(2026, 11, 24, 9, 0),
                            vehicle="2015 Toyota Camry")
    await booked("dealership", "tire_rotation", datetime(2026, 11, 25, 10, 0), calendar,
                 vehicle="2019 Ford F-150")
    _state, replies = await call(profiles, "dealership", "I've got two things on the books, remind me",
                                 "the truck, can y'all push that to friday at nine instead", "yes",
                                 calendar=calendar)
    assert _when(calendar) == [("Fri 27 09:00", "scheduled"), ("Tue 24 09:00", "scheduled")], replies
