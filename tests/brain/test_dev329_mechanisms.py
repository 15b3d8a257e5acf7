"""Mechanisms built in round 46 (sets 329 to 332 and the notes left by round 45), each checked
here on fresh phrasings, not the sets' own words. The clock is Monday 23 November 2026."""

from __future__ import annotations

from frontdesk.brain import Brain
from frontdesk.brain.memory import InMemoryCalendar, InMemoryCustomers
from tests.brain.calls import call, heard
from tests.conftest import fixed_clock

# -- our calls answered for someone ------------------------------------------------------------------


async def _outbound(profiles, profile: str, callee: str, *lines: str) -> list[str]:
    customers = InMemoryCustomers()
    customers.add("+15125550177", callee)
    brain = Brain(profiles, InMemoryCalendar(), customers, clock=fixed_clock)
    state = (await brain.start(await brain.new_state("mech", profile, caller_phone="+15125550177",
                                                     direction="outbound"))).state
    replies = []
    for line in lines:
        outcome = await brain.respond(state, line)
        state = outcome.state
        replies.append(outcome.reply)
    return replies


async def test_the_callee_named_as_away_is_the_one_we_call_back(profiles) -> None:
    replies = await _outbound(profiles, "real_estate", "Marcus Bell",
                              "uh, I'm his sister. Marcus is out on a job site till late",
                              "try tomorrow around noon")
    assert "reach Marcus" in replies[0], replies
    assert "call Marcus" in replies[1] and "call you" not in replies[1], replies


async def test_the_callee_saying_his_own_name_is_not_away(profiles) -> None:
    replies = await _outbound(profiles, "dealership", "Marcus Bell", "yeah Marcus here, who's this?")
    assert "reach Marcus" not in replies[0], replies


# -- lead facts said loosely ---------------------------------------------------------------------------


def test_millions_said_digit_by_digit_with_the_unit_after_the_stop(profiles) -> None:
    u = heard(profiles, "real_estate", "we're thinking one-four to one-seven. million, I mean",
              awaiting="budget")
    assert u.budget == (1_400_000, 1_700_000), u.budget
    u = heard(profiles, "real_estate", "two-bedroom, one-bath is fine, under a million", awaiting="budget")
    assert u.budget == (None, 1_000_000), u.budget


# -- a part of the day turned down -------------------------------------------------------------------


def test_a_part_of_the_day_turned_down_is_not_the_one_asked_for(profiles) -> None:
    for said, part in (
            ("hmm, no, this evening won't work, I've got my son's game. tomorrow afternoon's better",
             "afternoon"),
            ("wait, scratch the morning, I'm watching the grandkids all morning. evening then?", "evening"),
            ("not this afternoon, make it tomorrow morning", "morning")):
        u = heard(profiles, "dealership", said, awaiting="name")
        assert u.time_of_day == part, (said, u.time_of_day, u.window)


async def test_a_call_back_moved_to_another_part_of_the_day_at_the_name_ask(profiles) -> None:
    _, replies = await call(
        profiles, "dealership",
        "can someone from service give me a call this evening about my invoice?",
        "oh shoot, no, this evening's bad, we've got a school thing. tomorrow afternoon works better")
    assert "tomorrow in the afternoon" in replies[1], replies
