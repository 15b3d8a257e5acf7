"""An appointment the caller already has: the in-memory port, the reading of a move, the acts."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from frontdesk.brain.memory import InMemoryCalendar
from frontdesk.brain.nlu import understand
from frontdesk.brain.nlu.change import split_change
from frontdesk.brain.ports import AppointmentNotFoundError, BookingRequest, SlotUnavailableError

MONDAY = date(2026, 11, 23)


def _request(start: datetime, phone: str) -> BookingRequest:
    return BookingRequest(business="dealership", department="service", capacity=1,
                          appointment_type="service", service_type="oil_change", start=start,
                          duration_min=30, customer_name=None, customer_phone=phone,
                          customer_email=None, vehicle=None, conversation_id="s")


async def test_the_memory_calendar_releases_and_rechecks_like_the_sql_one() -> None:
    calendar = InMemoryCalendar()
    at_ten = datetime(2026, 11, 24, 10)
    mine = (await calendar.book(_request(at_ten, "+15125550101"))).id
    with pytest.raises(SlotUnavailableError):
        await calendar.book(_request(at_ten, "+15125550102"))
    assert [a.id for a in await calendar.upcoming("dealership", "+15125550101",
                                                  datetime(2026, 11, 23, 9))] == [mine]
    other = (await calendar.book(_request(datetime(2026, 11, 24, 11), "+15125550102"))).id
    with pytest.raises(SlotUnavailableError):
        await calendar.move("dealership", mine, datetime(2026, 11, 24, 11), capacity=1)
    moved = await calendar.move("dealership", mine, datetime(2026, 11, 24, 10, 15), capacity=1)
    assert moved.start == datetime(2026, 11, 24, 10, 15)  # its own old slot does not count
    await calendar.cancel("dealership", other)
    await calendar.book(_request(datetime(2026, 11, 24, 11), "+15125550103"))
    with pytest.raises(AppointmentNotFoundError):
        await calendar.cancel("dealership", other)
    assert {b.start for b in calendar.bookings} == {datetime(2026, 11, 24, 10, 15),
                                                     datetime(2026, 11, 24, 11)}


@pytest.mark.parametrize(("text", "current", "target"), [
    ("can I move my oil change to Friday", (None, None), (date(2026, 11, 27), None)),
    ("I have Tuesday at nine, can we push it to Thursday?",
     (date(2026, 11, 24), time(9)), (date(2026, 11, 26), None)),
    ("my appointment tomorrow at 10, can we do Friday at 2 instead",
     (date(2026, 11, 24), time(10)), (date(2026, 11, 27), time(14))),
    ("can I move my 10 o'clock to 2", (None, time(10)), (None, time(14))),
    ("cancel my oil change tomorrow at ten", (date(2026, 11, 24), time(10)), (None, None)),
    ("I need to move my appointment", (None, None), (None, None)),
])
def test_a_move_names_the_old_and_the_new_time_apart(text, current, target) -> None:
    old, new = split_change(text, MONDAY)
    assert (old.date, old.time) == current
    assert (new.date, new.time) == target


@pytest.mark.parametrize(("text", "intent"), [
    ("I need to cancel my appointment", "cancel"),
    ("can I move my oil change to Friday", "reschedule"),
    ("when is my appointment?", "lookup_appointment"),
    ("I won't make it tomorrow, can we do next week", "reschedule"),
    ("what time was I booked for again", "lookup_appointment"),
    ("what time do you open on Saturday?", "faq"),
    ("I need an oil change Friday at 2", "book"),
])
def test_appointment_acts(profiles, text, intent) -> None:
    assert understand(text, profiles["dealership"], MONDAY).intent == intent
