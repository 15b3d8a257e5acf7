"""Mechanisms built in round 40 (sets 293 to 296), each checked here on fresh phrasings, not the
sets' own words. The clock is Monday 23 November 2026, nine in the morning."""

from __future__ import annotations

from datetime import datetime

from frontdesk.brain import Brain
from frontdesk.brain.memory import InMemoryCalendar, InMemoryCustomers
from frontdesk.brain.nlu.call_aside import split
from tests.brain.calls import booked, call, on_calendar
from tests.conftest import fixed_clock

FRIDAY_NOV_27_10 = datetime(2026, 11, 27, 10, 0)


def _calls(state) -> list[str]:
    return [t.reason or "" for t in state.pending_tasks if t.task_type == "callback"]


async def test_a_call_asked_while_booking_waits_for_the_booking(profiles) -> None:
    # the call asked after the time was taken: the visit is still booked, and the call set after it
    calendar = InMemoryCalendar()
    state, replies = await call(
        profiles, "dealership",
        "my check engine light came on, can I bring it in Wednesday morning, say nine?",
        "nine works. oh, and while I have you, could the finance guy give me a call about my loan payoff?",
        "Dana Whitfield",
        "yes, that's right",
        "tomorrow morning is fine",
        calendar=calendar)
    assert on_calendar(calendar) == [("Wed 25 09:00", "scheduled")], replies
    assert "when" in replies[3].lower(), replies  # then when to call is asked
    assert _calls(state) and "morning" in _calls(state)[0], replies


async def test_only_the_call_said_mid_booking_is_promised_and_the_question_asked_again(profiles) -> None:
    calendar = InMemoryCalendar()
    state, replies = await call(
        profiles, "real_estate",
        "we want to sit down with an agent about buying in Cedar Park, Tuesday at two",
        "and I'd love it if Jordan could call me about the school districts. Evenings are easier.",
        calendar=calendar)
    assert "call" in replies[1].lower() and "?" in replies[1], replies  # promised, and asked on
    assert not _calls(state) and not state.ended  # set up once the booking is made, not yet
    assert state.booking_slots.call_after and "school" in state.booking_slots.call_after


async def test_a_call_asked_beside_a_move_comes_after_the_move(profiles) -> None:
    calendar = await booked("dealership", "tire_rotation", FRIDAY_NOV_27_10)
    state, replies = await call(
        profiles, "dealership",
        "I need to move my tire rotation on Friday to Saturday, ten o'clock",
        "and can you have someone in parts ring me? they were ordering a mirror for me",
        "yes",
        "after lunch today",
        calendar=calendar)
    assert on_calendar(calendar) == [("Sat 28 10:00", "scheduled")], replies
    assert _calls(state), replies


async def test_a_call_asked_with_a_booking_kept_is_set_too(profiles) -> None:
    calendar = await booked("dealership", "oil_change", FRIDAY_NOV_27_10)
    state, replies = await call(
        profiles, "dealership",
        "when is my oil change again?",
        "perfect, keep it. Also can somebody from service call me this afternoon about a recall letter?",
        calendar=calendar)
    assert on_calendar(calendar) == [("Fri 27 10:00", "scheduled")], replies
    assert _calls(state) and "afternoon" in _calls(state)[0], replies


async def test_a_call_in_place_of_the_booking_is_not_an_aside(profiles) -> None:
    # "just have someone call me to set it up": the caller puts the booking off; nothing waits
    for said in ("could someone just call me back to set a time up?",
                 "I don't need to bring it in, can somebody call me tomorrow about the quote?",
                 "you can call me Ray", "please don't call me, just text"):
        assert split(said) is None, said
    assert split("Tuesday at 8 works. And could you get Marcus to call me about trading in my Civic?") == (
        "Tuesday at 8 works.", "And could you get Marcus to call me about trading in my Civic?")


async def test_a_hang_up_leaves_the_call_asked_with_the_team(profiles) -> None:
    brain = Brain(profiles, InMemoryCalendar(), InMemoryCustomers(), clock=fixed_clock)
    state = (await brain.start(await brain.new_state("m", "dealership", caller_phone="+15125550123"))).state
    for line in ("I need new brakes put on, maybe Thursday",
                 "oh and could someone call me about whether my extended warranty covers it?"):
        state = (await brain.respond(state, line)).state
    ended = await brain.finish(state)
    assert any("warranty" in r for r in _calls(ended))
