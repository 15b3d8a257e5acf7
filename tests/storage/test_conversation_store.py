"""The conversation store (SQLite and PostgreSQL): domain objects out, one write per thing."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import event, select

from frontdesk.app import build_runtime
from frontdesk.brain.state import ConversationState
from frontdesk.storage.conversations import ConversationStore
from frontdesk.storage.models import Appointment, Customer, Vehicle
from frontdesk.storage.records import Conversation, Turn
from tests.conftest import fixed_clock

pytestmark = pytest.mark.integration


async def test_a_booking_turn_writes_its_customer_once_and_links_the_appointment(
        settings) -> None:
    """The calendar used to upsert the caller while booking and the turn upserted them again;
    now the booking writes the appointment and the turn writes the caller, once."""
    runtime = await build_runtime(settings, clock=fixed_clock)
    statements: list[str] = []

    def record(_conn, _cursor, statement, *_args) -> None:
        if re.search(r"\bcustomers\b", statement):
            statements.append(statement.split(None, 1)[0].upper())

    try:
        conversations = runtime.conversations
        sid = (await conversations.create("dealership")).state.conversation_id
        await conversations.chat(sid, "this is Tom Becker, can I bring my 2016 Ford F-150 in "
                                      "for an oil change Wednesday at 2 pm?")
        await conversations.chat(sid, "(512) 555-0199")
        event.listen(runtime.database.sync_engine, "before_cursor_execute", record)
        booked = await conversations.chat(sid, "yes")
        event.remove(runtime.database.sync_engine, "before_cursor_execute", record)
        assert booked.state.appointment is not None
        assert statements == ["SELECT"], statements  # the caller exists: read once, unchanged
        async with runtime.sessions() as db:
            appointment = await db.get(Appointment, booked.state.appointment.id)
            customer = await db.scalar(select(Customer).where(Customer.phone == "+15125550199"))
            vehicle = await db.get(Vehicle, appointment.vehicle_id)
        assert appointment.customer_id == customer.id == booked.state.customer.customer_id
        assert (vehicle.year, vehicle.make, vehicle.model) == (2016, "Ford", "F-150")
    finally:
        await runtime.close()


async def test_the_store_hands_out_domain_objects(settings) -> None:
    runtime = await build_runtime(settings, clock=fixed_clock)
    try:
        store = ConversationStore(runtime.sessions, runtime.jobs.store)
        sid = (await runtime.conversations.create("real_estate", caller_phone="+15125550142")
               ).state.conversation_id
        await runtime.conversations.chat(sid, "we want to buy a house in Austin")
        found = await store.load(sid)
        assert isinstance(found, Conversation) and isinstance(found.state, ConversationState)
        assert (found.profile, found.status, found.caller_phone) == (
            "real_estate", "active", "+15125550142")
        turns = await store.turns(sid)
        assert all(type(t) is Turn for t in turns)
        assert [t.role for t in turns] == ["assistant", "user", "assistant"]
        assert turns[1].text == "we want to buy a house in Austin" and turns[1].intent
        state, listed = await runtime.conversations.get(sid)
        assert listed == turns and state.turn_count == 1
        assert await store.load("sess_missing") is None
    finally:
        await runtime.close()
