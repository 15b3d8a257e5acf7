"""The SQL calendar (SQLite and PostgreSQL): a caller's appointments found by phone, cancelled
and moved, with capacity released and re-checked as for a booking."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import select

from frontdesk.app import build_runtime
from frontdesk.brain.ports import AppointmentNotFoundError, BookingRequest, SlotUnavailableError
from frontdesk.storage.customers import link_appointment, upsert_customer
from frontdesk.storage.models import Appointment
from frontdesk.storage.ports import SqlCalendar
from frontdesk.storage.transaction import transaction
from tests.conftest import fixed_clock

pytestmark = pytest.mark.integration

TUESDAY_10 = datetime(2026, 11, 24, 10, 0)
WEDNESDAY_9 = datetime(2026, 11, 25, 9, 0)


SESSION = {"id": ""}
"""A conversation the bookings belong to (appointments name the call that made them)."""


def _request(start: datetime, phone: str, service: str = "oil_change") -> BookingRequest:
    return BookingRequest(business="dealership", department="service", capacity=2,
                          appointment_type="service", service_type=service, start=start,
                          duration_min=30, customer_name="Pat Lee", customer_phone=phone,
                          customer_email=None, vehicle=None, conversation_id=SESSION["id"])


async def _book_for(runtime, calendar: SqlCalendar, start: datetime, phone: str,
                    service: str = "oil_change") -> int:
    """A booking linked to its customer, as a conversation turn leaves it."""
    async with transaction(runtime.sessions) as db:
        booked = await calendar.book(_request(start, phone, service))
        customer = await upsert_customer(db, phone, "Pat Lee")
        await link_appointment(db, booked.id, customer.id)
    return booked.id


async def test_cancel_and_move_release_and_recheck_capacity(settings) -> None:
    runtime = await build_runtime(settings, clock=fixed_clock)
    try:
        calendar = SqlCalendar(runtime.sessions, runtime.jobs.store)
        SESSION["id"] = (await runtime.conversations.create("dealership")).state.conversation_id
        mine = await _book_for(runtime, calendar, TUESDAY_10, "+15125550101")
        theirs = await _book_for(runtime, calendar, TUESDAY_10, "+15125550102", "tire_rotation")
        with pytest.raises(SlotUnavailableError):  # two bays, both taken at 10
            await calendar.book(_request(TUESDAY_10, "+15125550103"))

        found = await calendar.upcoming("dealership", "+15125550101", datetime(2026, 11, 23, 9))
        assert [(a.id, a.service_type, a.start, a.department) for a in found] == [
            (mine, "oil_change", TUESDAY_10, "service")]
        assert await calendar.upcoming("dealership", "+15125550101", datetime(2026, 11, 24, 11)) == []
        assert await calendar.upcoming("real_estate", "+15125550101", datetime(2026, 11, 23)) == []

        cancelled = await calendar.cancel("dealership", mine)
        assert cancelled.id == mine
        await calendar.book(_request(TUESDAY_10, "+15125550103"))  # the freed bay is bookable
        with pytest.raises(AppointmentNotFoundError):
            await calendar.cancel("dealership", mine)  # cancelled once, not twice
        assert await calendar.upcoming("dealership", "+15125550101", datetime(2026, 11, 23)) == []

        await calendar.book(_request(WEDNESDAY_9, "+15125550104"))
        await calendar.book(_request(WEDNESDAY_9, "+15125550105"))
        with pytest.raises(SlotUnavailableError):  # a move is checked like a booking
            await calendar.move("dealership", theirs, WEDNESDAY_9, capacity=2)
        # 10:15 overlaps its own old slot and the other 10:00 booking: two, within capacity
        moved = await calendar.move("dealership", theirs, datetime(2026, 11, 24, 10, 15), 2)
        assert moved.start == datetime(2026, 11, 24, 10, 15) and moved.duration_min == 30
        busy = await calendar.busy("dealership", "service", TUESDAY_10.date())
        assert sorted(b.start.time().isoformat() for b in busy) == ["10:00:00", "10:15:00"]
        async with runtime.sessions() as db:
            row = await db.get(Appointment, theirs)
            cancelled_row = await db.get(Appointment, mine)
        assert row.status == "scheduled" and "moved from 2026-11-24 10:00" in row.notes
        assert cancelled_row.status == "cancelled"
    finally:
        await runtime.close()


async def test_a_caller_cancels_and_moves_by_phone_in_a_conversation(settings) -> None:
    """Booked in one call, moved in the next and cancelled in a third, all from the same
    number: each change is written with the turn that made it."""
    runtime = await build_runtime(settings, clock=fixed_clock)
    phone = "+15125550199"
    try:
        conversations = runtime.conversations
        sid = (await conversations.create("dealership", caller_phone=phone)).state.conversation_id
        await conversations.chat(sid, "this is Tom Becker, oil change Wednesday at 2 pm please")
        booked = await conversations.chat(sid, "yes")
        appointment_id = booked.state.appointment.id

        sid = (await conversations.create("dealership", caller_phone=phone)).state.conversation_id
        reply = await conversations.chat(sid, "can I move my oil change to Friday")
        assert "Friday, November 27 at 2 PM" in reply.reply
        done = await conversations.chat(sid, "yes")
        assert "now on Friday" in done.reply
        async with runtime.sessions() as db:
            row = await db.get(Appointment, appointment_id)
            assert (row.scheduled_date.isoformat(), row.status) == ("2026-11-27", "scheduled")

        sid = (await conversations.create("dealership", caller_phone=phone)).state.conversation_id
        reply = await conversations.chat(sid, "I need to cancel my appointment")
        assert "oil change on Friday, November 27 at 2 PM" in reply.reply
        await conversations.chat(sid, "yes please")
        ended = await conversations.end(sid)
        assert ended.outcome == "cancelled"
        async with runtime.sessions() as db:
            rows = list(await db.scalars(select(Appointment)))
        assert [(r.id, r.status) for r in rows] == [(appointment_id, "cancelled")]
    finally:
        await runtime.close()


async def test_more_work_at_the_same_visit_grows_it_when_there_is_room(settings) -> None:
    """"Rotate the tires too while it's in there": the visit keeps its start and grows by the
    work's minutes, checked against the bays like a booking, and staff are told what was added."""
    runtime = await build_runtime(settings, clock=fixed_clock)
    try:
        calendar = SqlCalendar(runtime.sessions, runtime.jobs.store)
        SESSION["id"] = (await runtime.conversations.create("dealership")).state.conversation_id
        mine = await _book_for(runtime, calendar, TUESDAY_10, "+15125550111")
        await calendar.book(_request(datetime(2026, 11, 24, 10, 30), "+15125550112"))
        other = await _book_for(runtime, calendar, datetime(2026, 11, 24, 10, 30), "+15125550113")
        with pytest.raises(SlotUnavailableError):  # 10:30 has both bays taken: no room to grow
            await calendar.add_work("dealership", mine, 30, 2, note="also: tire rotation")
        await calendar.cancel("dealership", other)
        grown = await calendar.add_work("dealership", mine, 30, 2, note="also: tire rotation")
        assert (grown.start, grown.duration_min) == (TUESDAY_10, 60)
        async with runtime.sessions() as db:
            row = await db.get(Appointment, mine)
        assert row.duration_min == 60 and "also: tire rotation (added by the caller" in row.notes
        events = await runtime.jobs.store.list(kind="event", appointment_id=mine)
        assert [j.payload["event"] for j in events if j.payload["event"] == "appointment_changed"] == [
            "appointment_changed"]
        with pytest.raises(AppointmentNotFoundError):
            await calendar.add_work("dealership", other, 30, 2, note="also: tire rotation")
    finally:
        await runtime.close()


async def test_a_caller_adds_work_to_the_visit_on_file_in_a_second_call(settings) -> None:
    """Booked in one call; in the next, "while it's in there, rotate the tires too": one visit
    holding both, not a second booking."""
    runtime = await build_runtime(settings, clock=fixed_clock)
    phone = "+15125550198"
    try:
        conversations = runtime.conversations
        sid = (await conversations.create("dealership", caller_phone=phone)).state.conversation_id
        await conversations.chat(sid, "this is Tom Becker, oil change Wednesday at 2 pm please")
        appointment_id = (await conversations.chat(sid, "yes")).state.appointment.id

        sid = (await conversations.create("dealership", caller_phone=phone)).state.conversation_id
        told = await conversations.chat(sid, "hey I've got an oil change with y'all wednesday")
        assert "Wednesday, November 25 at 2 PM" in told.reply
        asked = await conversations.chat(sid, "while it's in there can you guys rotate the tires too")
        assert "tire rotation added to your oil change" in asked.reply
        done = await conversations.chat(sid, "yep go ahead")
        assert sorted(done.state.appointment.services) == ["oil_change", "tire_rotation"]
        async with runtime.sessions() as db:
            rows = list(await db.scalars(select(Appointment)))
        assert [(r.id, r.duration_min, r.scheduled_time.isoformat()) for r in rows] == [
            (appointment_id, 60, "14:00:00")]
    finally:
        await runtime.close()
