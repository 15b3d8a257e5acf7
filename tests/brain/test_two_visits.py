"""Two visits asked for in one call (round 43): each booked on its own day, read back for its own
yes — not folded into one visit, and the first never moved to the second one's day. The clock
is Monday 23 November 2026, nine in the morning."""

from __future__ import annotations

import pytest

from frontdesk.brain.memory import InMemoryCalendar
from tests.brain.calls import call, on_calendar


async def test_two_works_on_two_days_in_one_breath_are_two_visits(profiles) -> None:
    calendar = InMemoryCalendar()
    state, replies = await call(
        profiles, "dealership",
        "could I get the Accord in for a tire rotation Tuesday at nine, and also my wife's Jeep is due "
        "for its state inspection, that one Saturday morning at ten",
        "Lena Brooks", "yes", "yes",
        calendar=calendar)
    both = [("Sat 28 10:00", "scheduled"), ("Tue 24 09:00", "scheduled")]
    assert on_calendar(calendar, sort=True) == both, replies
    assert "second visit" in replies[0], replies  # heard, not dropped
    assert state.appointment is not None and state.appointment.service_type == "state_inspection"
    assert [a.service_type for a in state.booked_before] == ["tire_rotation"]


async def test_a_test_drive_after_the_service_the_same_morning(profiles) -> None:
    calendar = InMemoryCalendar()
    _, replies = await call(
        profiles, "dealership",
        "I'll have the Civic in for an oil change Friday at 8, then I wanna drive one of your Outbacks "
        "at nine while I'm waiting on it",
        "Omar Haddad", "yep", "sounds good",
        calendar=calendar)
    both = [("Fri 27 08:00", "scheduled"), ("Fri 27 09:00", "scheduled")]
    assert on_calendar(calendar, sort=True) == both, replies


async def test_the_second_visit_said_while_the_first_is_read_back(profiles) -> None:
    calendar = InMemoryCalendar()
    state, replies = await call(
        profiles, "dealership",
        "I need a battery replacement Wednesday at two",
        "Jo Whitaker",
        "oh and then separately, can I get it detailed Friday at ten? it's filthy",
        "yes", "yes",
        calendar=calendar)
    both = [("Fri 27 10:00", "scheduled"), ("Wed 25 14:00", "scheduled")]
    assert on_calendar(calendar, sort=True) == both, replies
    assert "Wednesday" in replies[2] and "battery" in replies[2], replies  # the first is still read back
    assert state.appointment is not None and state.appointment.service_type == "detailing"


@pytest.mark.parametrize("said", [
    "an oil change Tuesday at eight. actually no, make it a brake inspection Wednesday at nine",
    "oil change and a tire rotation, Friday at ten, they can do both at once right",
    "oil change Wednesday at ten, or Friday at ten if Wednesday's full",
])
async def test_one_visit_changed_or_with_two_works_stays_one(profiles, said) -> None:
    calendar = InMemoryCalendar()
    _, replies = await call(profiles, "dealership", said, "Ana Ruiz", "yes", calendar=calendar)
    assert len(on_calendar(calendar)) == 1, replies
    assert "second visit" not in " ".join(replies), replies


async def test_a_seller_who_also_buys_books_both_meetings(profiles) -> None:
    calendar = InMemoryCalendar()
    _, replies = await call(
        profiles, "real_estate",
        "could an agent come see my condo about listing it Tuesday at two, and then we'd like to sit "
        "down about buying something bigger, Saturday at eleven",
        "Round Rock", "Priya Nair", "yes", "yes",
        calendar=calendar)
    assert ("Tue 24 14:00", "scheduled") in on_calendar(calendar), replies
    assert ("Sat 28 11:00", "scheduled") in on_calendar(calendar), replies


async def test_a_second_visit_said_by_the_first_ones_day(profiles) -> None:
    calendar = InMemoryCalendar()
    _, replies = await call(
        profiles, "dealership",
        "two things: could I get the brakes looked at Tuesday at 10, and a tire rotation the week after, "
        "same time",
        "Nell Cruz", "yes", "yes",
        calendar=calendar)
    both = [("Tue 01 10:00", "scheduled"), ("Tue 24 10:00", "scheduled")]
    assert on_calendar(calendar, sort=True) == both, replies


async def test_a_seller_who_buys_books_the_valuation_then_the_sit_down(profiles) -> None:
    calendar = InMemoryCalendar()
    _, replies = await call(
        profiles, "real_estate",
        "we're selling our condo and buying a house. can someone come value the condo Tuesday at 4, and "
        "then we'd like to meet about buying on Friday at noon",
        "Round Rock", "Lou Diaz", "yes", "around four hundred", "yes",
        calendar=calendar)
    assert ("Tue 24 16:00", "scheduled") in on_calendar(calendar), replies
    assert ("Fri 27 12:00", "scheduled") in on_calendar(calendar), replies
