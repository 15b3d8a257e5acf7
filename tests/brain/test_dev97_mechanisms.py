"""Mechanisms that round 21 found wanting in development sets 97 to 104 (``evals/library/dev97.yaml``
… ``dev104.yaml``, callers written before they were run), each checked on fresh phrasings, not
the sets' own words.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from frontdesk.brain.nlu.entities import extract_appointment_type
from frontdesk.brain.nlu.lead import extract_budget
from frontdesk.brain.nlu.lead_intent import extract_lead_intent
from frontdesk.brain.nlu.text import normalise
from tests.brain.calls import booked, call
from tests.brain.calls import heard as _u

TUESDAY_9 = datetime(2026, 11, 24, 9, 0)
WEDNESDAY_2 = datetime(2026, 11, 25, 14, 0)


def _status(calendar) -> list[tuple[str, str]]:
    return [(a.start.strftime("%a %H:%M"), a.status) for a in calendar.appointments]


# -- the caller moves on at the cancel read back ----------------------------------------------------


async def test_a_new_visit_at_the_cancel_read_back_keeps_the_cancel_and_goes_on(profiles) -> None:
    calendar = await booked("dealership", "oil_change", TUESDAY_9)
    state, replies = await call(profiles, "dealership",
                                "yeah so y'all can cancel my oil change tuesday, I got it done in Temple",
                                "oh and my wife's car needs the brakes looked at, could we do wednesday "
                                "at ten?",
                                calendar=calendar)
    assert "cancel your oil change" in replies[0]
    assert "is cancelled" in replies[1]
    assert _status(calendar) == [("Tue 09:00", "cancelled")]
    slots = state.booking_slots  # the new visit goes on (the name is asked next)
    assert (slots.services, slots.preferred_date, slots.preferred_time) == (
        ["brake_inspection"], "2026-11-25", "10:00")


async def test_a_call_back_at_the_cancel_read_back_keeps_the_cancel_and_sets_the_call(profiles) -> None:
    calendar = await booked("dealership", "oil_change", TUESDAY_9)
    state, replies = await call(profiles, "dealership",
                                "I'm gonna cancel the oil change on tuesday, the truck's in the shop "
                                "in Austin", "but can somebody from service ring me back this afternoon "
                                "about my last bill?",
                                calendar=calendar)
    assert "is cancelled" in replies[1] and "call you back" in replies[1]
    assert _status(calendar) == [("Tue 09:00", "cancelled")]
    assert [t.task_type for t in state.pending_tasks] == ["callback"]


async def test_a_question_at_the_move_read_back_is_answered_and_the_move_asked_again(profiles) -> None:
    calendar = await booked("dealership", "oil_change", TUESDAY_9)
    _, replies = await call(profiles, "dealership",
                            "can we push my oil change tuesday to wednesday, same time?",
                            "how long does that take again? I can't remember what y'all said",
                            "yep", calendar=calendar)
    assert "move your oil change" in replies[0]
    assert "30 minutes" in replies[1] and "move your oil change" in replies[1]
    assert _status(calendar) == [("Wed 09:00", "scheduled")]


@pytest.mark.parametrize("kept", ["alright then, it stays where it is, I'll shuffle my other thing",
                                  "oh okay, cool, see ya tuesday then",
                                  "no no, we're still comin', leave it on there"])
async def test_words_that_keep_the_booking_are_a_no_to_the_cancel_read_back(profiles, kept) -> None:
    calendar = await booked("dealership", "oil_change", TUESDAY_9)
    _, replies = await call(profiles, "dealership", "I think I need to cancel my oil change tuesday",
                            kept, calendar=calendar)
    assert "cancel your oil change" in replies[0] and "cancelled" not in replies[1]
    assert _status(calendar) == [("Tue 09:00", "scheduled")]


async def test_dont_cancel_it_on_our_call_is_no_cancel(profiles) -> None:
    calendar = await booked("dealership", "oil_change", TUESDAY_9)
    _, replies = await call(profiles, "dealership",
                            "yeah we already got one on there for tuesday — we're still coming, "
                            "don't cancel it",
                            direction="outbound", calendar=calendar)
    assert "oil change is" in replies[0].lower() and "cancel" not in replies[0].lower()


async def test_another_thing_the_caller_might_cancel_is_not_their_booking(profiles) -> None:
    calendar = await booked("dealership", "oil_change", TUESDAY_9)
    _, replies = await call(profiles, "dealership",
                            "my dentist is tuesday too and I'm trying to see if I need to cancel. "
                            "what time is my oil change?", calendar=calendar)
    assert "oil change is" in replies[0].lower() and "cancel" not in replies[0].lower()


@pytest.mark.parametrize("said", ["can you slide it to the same time the following week",
                                  "same day next week, same time, if y'all can"])
async def test_same_time_next_week_is_a_week_from_the_bookings_own_day(profiles, said) -> None:
    calendar = await booked("dealership", "oil_change", TUESDAY_9)
    _, replies = await call(profiles, "dealership", "when's my oil change?", said, "yes", calendar=calendar)
    assert "Tuesday, December 1 at 9 AM" in replies[1]
    assert calendar.appointments[0].start == datetime(2026, 12, 1, 9, 0)


# -- several bookings, and the do-not-call -------------------------------------------------------


async def test_cancel_and_off_the_list_in_one_breath_does_both(profiles) -> None:
    calendar = await booked("dealership", "oil_change", TUESDAY_9)
    state, replies = await call(profiles, "dealership",
                                "we moved to Houston — cancel whatever we had on tuesday and please take "
                                "our number off y'all's list", direction="outbound", calendar=calendar)
    assert "is cancelled" in replies[0] and state.lead.do_not_call
    assert _status(calendar) == [("Tue 09:00", "cancelled")]


async def test_cancel_both_reads_back_each_and_cancels_each(profiles) -> None:
    calendar = await booked("dealership", "oil_change", TUESDAY_9)
    await booked("dealership", "detailing", WEDNESDAY_2, calendar=calendar)
    _, replies = await call(profiles, "dealership", "I've got two appointments with y'all this week",
                            "we're leaving town, so please cancel both of them", "yes", "yes",
                            calendar=calendar)
    assert "cancel your oil change" in replies[1] and "detailing" in replies[2]
    assert _status(calendar) == [("Tue 09:00", "cancelled"), ("Wed 14:00", "cancelled")]


async def test_one_said_to_stand_and_the_other_moved(profiles) -> None:
    calendar = await booked("dealership", "oil_change", TUESDAY_9)
    await booked("dealership", "detailing", WEDNESDAY_2, calendar=calendar)
    _, replies = await call(profiles, "dealership", "I've got two appointments with y'all this week",
                            "the oil change is fine, leave it. the detail though, can that be later? "
                            "like four instead of two", "yes", calendar=calendar)
    assert "move your detailing" in replies[1] and "4 PM" in replies[1]
    assert _status(calendar) == [("Tue 09:00", "scheduled"), ("Wed 16:00", "scheduled")]


async def test_cancel_one_and_move_the_other_in_one_breath(profiles) -> None:
    calendar = await booked("dealership", "oil_change", TUESDAY_9)
    await booked("dealership", "detailing", WEDNESDAY_2, calendar=calendar)
    _, replies = await call(profiles, "dealership", "I've got two appointments with y'all this week",
                            "scrap the detail. and the nine o'clock, could we make it ten thirty?",
                            "yes", "yes", calendar=calendar)
    assert "cancel your detailing" in replies[1]
    assert "move your oil change" in replies[2] and "10:30 AM" in replies[2]
    assert _status(calendar) == [("Tue 10:30", "scheduled"), ("Wed 14:00", "cancelled")]


async def test_another_showing_right_after_the_one_told_is_a_new_booking(profiles) -> None:
    calendar = await booked("real_estate", "property_showing", datetime(2026, 11, 28, 10, 0))
    state, replies = await call(profiles, "real_estate", "we're seeing a house saturday at ten, right?",
                                "any chance we could add one more showing right after, at eleven?",
                                calendar=calendar)
    assert "showing is on Saturday" in replies[0]
    slots = state.booking_slots  # a second showing (the name is asked next), the first as it was
    assert (slots.appointment_type, slots.preferred_date, slots.preferred_time) == (
        "property_showing", "2026-11-28", "11:00")
    assert _status(calendar) == [("Sat 10:00", "scheduled")]


# -- what was said, read as meant ------------------------------------------------------------------


@pytest.mark.parametrize(("said", "budget"), [
    ("three twenty-five to four, give or take", (325_000, 400_000)),
    ("two-forty, maybe two-seventy at the absolute most", (240_000, 270_000)),
    ("the bank says four-fifty but we don't wanna go over four hundred", (None, 400_000)),
])
def test_money_said_every_which_way(said, budget) -> None:
    assert extract_budget(normalise(said), expecting=True) == budget


@pytest.mark.parametrize(("said", "intent"), [
    ("we're not ready to buy till after the holidays", "buy"),
    ("I'm calling for my dad, he wants to sell his house in Cedar Park", "sell"),
    ("our landlord's selling the place we rent, so we're gonna buy", "buy"),
])
def test_whose_move_it_is(said, intent) -> None:
    assert extract_lead_intent(normalise(said)) == intent


def test_where_they_rent_is_not_where_they_buy(profiles) -> None:
    u = _u(profiles, "real_estate", "we rent a duplex in Austin and the landlord's selling it, so we want "
                                    "to buy out in Georgetown")
    assert u.location == ("Georgetown", True)


def test_one_of_ours_to_come_see_their_own_home_is_a_listing_visit(profiles) -> None:
    said = "could one of your agents come out and look at the house next week? I'll be there with my dad"
    assert extract_appointment_type(normalise(said), profiles["real_estate"]) == "listing_appointment"


@pytest.mark.parametrize(("said", "awaiting", "intent"), [
    ("hey so what's your commission like?", None, "faq"),
    ("hang on, let me ask my wife real quick", "permission", "hold"),
])
def test_the_act_meant(profiles, said, awaiting, intent) -> None:
    profile = "real_estate" if "commission" in said else "dealership"
    assert _u(profiles, profile, said, awaiting).intent == intent


async def test_a_price_asked_without_booking_is_answered_and_nothing_pushed(profiles) -> None:
    state, replies = await call(profiles, "dealership", "how much do y'all get for a detail? I'm not "
                                "booking it right now, just asking")
    assert "$150" in replies[0] and "What day" not in replies[0] and state.appointment is None


async def test_a_walk_in_said_to_the_times_offered_books_nothing(profiles) -> None:
    state, replies = await call(profiles, "dealership", "can I get an oil change tomorrow?",
                                "eh, I'll probably just stop by then, thanks")
    assert state.appointment is None and "walk-in" in replies[1]


async def test_ok_what_about_to_a_call_back_offer_agrees_to_nothing(profiles) -> None:
    state, replies = await call(profiles, "dealership", "do y'all do window tinting?",
                                "ok what about paintless dent repair?")
    assert "call you back" in replies[0] and not state.pending_tasks
