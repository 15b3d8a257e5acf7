"""Mechanisms built in round 46 (sets 329 to 332 and the notes left by round 45), each checked
here on fresh phrasings, not the sets' own words. The clock is Monday 23 November 2026."""

from __future__ import annotations

from frontdesk.brain import Brain
from frontdesk.brain.memory import InMemoryCalendar, InMemoryCustomers
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
