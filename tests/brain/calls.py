"""A whole text conversation with the brain on in-memory ports, for the mechanism tests."""

from __future__ import annotations

from datetime import date, datetime

from frontdesk.brain import Brain
from frontdesk.brain.memory import InMemoryCalendar, InMemoryCustomers
from frontdesk.brain.nlu import understand
from frontdesk.brain.ports import BookingRequest
from frontdesk.brain.state import ConversationState
from tests.conftest import fixed_clock


async def call(profiles, profile: str, *lines: str, phone: str | None = "+15125550123",
               direction: str = "inbound", calendar: InMemoryCalendar | None = None,
               customers: InMemoryCustomers | None = None) -> tuple[ConversationState, list[str]]:
    """The state after the caller said ``lines`` (after the greeting, or the outbound opener),
    and each reply; ``calendar`` may hold what the caller booked before, ``customers`` who the
    number belongs to (the one an outbound call is for)."""
    brain = Brain(profiles, calendar or InMemoryCalendar(), customers or InMemoryCustomers(),
                  clock=fixed_clock)
    state = (await brain.start(await brain.new_state("mech", profile, caller_phone=phone,
                                                     direction=direction))).state
    replies = []
    for line in lines:
        outcome = await brain.respond(state, line)
        state = outcome.state
        replies.append(outcome.reply)
    return state, replies


async def booked(profile: str, kind: str, start: datetime, calendar: InMemoryCalendar | None = None,
                 phone: str = "+15125550123", vehicle: str | None = None) -> InMemoryCalendar:
    """A calendar holding an appointment the caller made before the call: ``kind`` is the
    dealership's service or the brokerage's appointment type."""
    calendar = calendar or InMemoryCalendar()
    dealership = profile == "dealership"
    service = dealership and kind != "test_drive"  # a dealership's test drive is the sales desk's
    await calendar.book(BookingRequest(
        business=profile, capacity=1,
        department=("service" if service else "sales") if dealership else "agents",
        appointment_type="service" if service else kind, service_type=kind if service else None,
        start=start, duration_min=30, customer_name="Pat Doe", customer_phone=phone,
        customer_email=None, vehicle=vehicle, conversation_id="before"))
    return calendar


MONDAY = date(2026, 11, 23)
"""The mechanism tests' day: Monday 23 November 2026 (Thanksgiving is Thursday the 26th)."""


def heard(profiles, profile: str, text: str, awaiting: str | None = None, today: date = MONDAY):
    """What the NLU reads from one caller turn, on the mechanism tests' Monday."""
    return understand(text, profiles[profile], today, awaiting=awaiting)


def on_calendar(calendar: InMemoryCalendar, sort: bool = False) -> list[tuple[str, str]]:
    """Every appointment as (day and hour, status), "Tue 24 14:00", in booking order (or sorted)."""
    seen = [(a.start.strftime("%a %d %H:%M"), a.status) for a in calendar.appointments]
    return sorted(seen) if sort else seen
