"""Questions that point back at a car: the lot's car is a sales question, the caller's own a
service one ("I saw a red RAV4 on your site. Is it still there?" / "my car is a 2016 Camry.
How much is an oil change for it?")."""

from __future__ import annotations

import pytest

from frontdesk.brain import Brain
from frontdesk.brain.memory import InMemoryCalendar, InMemoryCustomers
from tests.conftest import fixed_clock


async def talk(profiles, *lines: str, profile: str = "dealership"):
    brain = Brain(profiles, InMemoryCalendar(), InMemoryCustomers(), clock=fixed_clock)
    state = (await brain.start(await brain.new_state("c1", profile))).state
    replies = []
    for line in lines:
        out = await brain.respond(state, line)
        state = out.state
        replies.append(out.reply)
    return state, replies


@pytest.mark.parametrize(("line", "price"), [
    ("I saw a red RAV4 on your site. is it still there?", "26,500"),
    ("the green subaru wagon, how much is it?", "33,400"),
    ("hey so that white tesla you guys have listed, what are you asking for it", "38,900"),
    ("there's a black F-150 on your lot, is that one still available?", "41,900"),
    ("my buddy told me about the blue CR-V you got. is it still for sale?", "32,500"),
    ("saw the silver camry online yesterday, how much are you asking for it?", "28,900"),
    ("um, the Outback, the green one? what's the price on it", "33,400"),
])
async def test_a_question_about_a_car_on_the_lot_named_just_before(profiles, line, price) -> None:
    state, replies = await talk(profiles, line)
    assert price in replies[-1]
    assert "I'm here" not in replies[-1] and "Which one would you like a price for" not in replies[-1]
    assert state.booking_slots.vehicle.stock_number


async def test_a_question_about_the_car_talked_about_in_the_last_turn(profiles) -> None:
    _, replies = await talk(profiles, "do you have any RAV4s?", "ok cool. is it still there?")
    assert "26,500" in replies[-1] and "I'm here" not in replies[-1]
    _, replies = await talk(profiles, "do y'all have the Tesla Model 3?", "and how much is it?")
    assert "38,900" in replies[-1]


@pytest.mark.parametrize(("line", "price"), [
    ("my car is a 2016 camry. how much is an oil change for it?", "$49"),
    ("I drive a 2019 Honda CR-V, how much would it be to rotate the tires on it?", "$29"),
    ("we've got an old RAV4, what's a state inspection on it run?", "$35"),
])
async def test_the_callers_own_car_keeps_the_service_question(profiles, line, price) -> None:
    state, replies = await talk(profiles, line)
    assert price in replies[-1]
    assert "test drive" not in replies[-1] and "Yes, we have" not in replies[-1]
    assert state.booking_slots.vehicle.stock_number is None


async def test_the_callers_own_car_comes_in_for_service(profiles) -> None:
    state, replies = await talk(profiles, "I've got an old F-150, it's been squeaking when I stop. "
                                          "can you look at it Thursday?")
    assert state.booking_slots.appointment_type == "service"
    assert "test drive" not in replies[-1]
