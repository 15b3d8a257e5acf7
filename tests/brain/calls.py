"""A whole text conversation with the brain on in-memory ports, for the mechanism tests."""

from __future__ import annotations

from frontdesk.brain import Brain
from frontdesk.brain.memory import InMemoryCalendar, InMemoryCustomers
from frontdesk.brain.state import ConversationState
from tests.conftest import fixed_clock


async def call(profiles, profile: str, *lines: str, phone: str | None = "+15125550123",
               direction: str = "inbound", calendar: InMemoryCalendar | None = None,
               ) -> tuple[ConversationState, list[str]]:
    """The state after the caller said ``lines`` (after the greeting, or the outbound opener),
    and each reply; ``calendar`` may hold what the caller booked before."""
    brain = Brain(profiles, calendar or InMemoryCalendar(), InMemoryCustomers(), clock=fixed_clock)
    state = (await brain.start(await brain.new_state("mech", profile, caller_phone=phone,
                                                     direction=direction))).state
    replies = []
    for line in lines:
        outcome = await brain.respond(state, line)
        state = outcome.state
        replies.append(outcome.reply)
    return state, replies
