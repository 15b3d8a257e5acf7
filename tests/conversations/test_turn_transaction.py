"""A turn and the booking it makes are one transaction (on SQLite and PostgreSQL).

The booking used to be committed by the calendar in its own transaction while the turn was
still running; a crash before the turn was saved (reproduced with SIGKILL in 10 of 39 tries)
left an appointment the conversation did not know about, and the caller's next "yes" booked
the same slot again.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from frontdesk.app import build_runtime
from frontdesk.storage.models import Appointment, ConversationTurn, Customer
from tests.conftest import fixed_clock

ROOT = Path(__file__).parents[2]
pytestmark = pytest.mark.integration


async def _count(runtime, model, *where) -> int:
    async with runtime.sessions() as db:
        return await db.scalar(select(func.count()).select_from(model).where(*where))


async def _ready_to_book(runtime, phone: str = "(512) 555-0199") -> str:
    conversations = runtime.conversations
    sid = (await conversations.create("dealership")).state.conversation_id
    await conversations.chat(sid, "this is Tom Becker, can I bring my 2016 Ford F-150 in for an "
                                  "oil change Wednesday at 2 pm?")
    turn = await conversations.chat(sid, phone)
    assert turn.state.awaiting == "confirm_booking", turn.reply
    return sid


async def test_a_crash_between_booking_and_saving_the_turn_leaves_neither(settings) -> None:
    runtime = await build_runtime(settings, clock=fixed_clock)
    try:
        sid = await _ready_to_book(runtime)
        turns_before = await _count(runtime, ConversationTurn, ConversationTurn.conversation_id == sid)
    finally:
        await runtime.close()

    crashed = await asyncio.to_thread(
        subprocess.run, [sys.executable, "-m", "tests.conversations.crash_turn",
                         settings.resolved_database_url, str(settings.data_dir), sid, "yes"],
        cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True,
        timeout=120)
    assert crashed.returncode == -signal.SIGKILL, crashed.stderr[-2000:]

    runtime = await build_runtime(settings, clock=fixed_clock, migrate=False)
    try:
        # Nothing of the killed turn survived: no appointment, no turn rows, same state.
        assert await _count(runtime, Appointment) == 0
        assert await _count(runtime, ConversationTurn,
                            ConversationTurn.conversation_id == sid) == turns_before
        state, _ = await runtime.conversations.get(sid)
        assert state.appointment is None and state.awaiting == "confirm_booking"
        # The caller says yes again: the slot is booked once.
        booked = await runtime.conversations.chat(sid, "yes")
        assert booked.state.appointment is not None
        assert await _count(runtime, Appointment) == 1
    finally:
        await runtime.close()


async def test_a_failed_turn_rolls_its_booking_back(settings, monkeypatch) -> None:
    """The same in process: the turn fails after the booking (here, saving it raises)."""
    from frontdesk.conversations.service import ConversationService

    runtime = await build_runtime(settings, clock=fixed_clock)
    try:
        sid = await _ready_to_book(runtime)
        persist = ConversationService._persist

        async def fail_to_persist(self, *args, **kwargs):
            raise OSError("disk full")

        monkeypatch.setattr(ConversationService, "_persist", fail_to_persist)
        with pytest.raises(OSError):
            await runtime.conversations.chat(sid, "yes")
        assert await _count(runtime, Appointment) == 0
        monkeypatch.setattr(ConversationService, "_persist", persist)
        booked = await runtime.conversations.chat(sid, "yes")
        assert booked.state.appointment is not None
        assert await _count(runtime, Appointment) == 1
        assert await _count(runtime, Customer, Customer.phone == "+15125550199") == 1
    finally:
        await runtime.close()


async def test_simultaneous_yeses_never_overbook(settings) -> None:
    """Three callers confirm the same slot at once; capacity is two. The booking lock is held
    until each turn commits, so the third turn sees both appointments."""
    runtime = await build_runtime(settings, clock=fixed_clock)
    try:
        sids = []
        for n in range(3):
            sid = (await runtime.conversations.create(
                "dealership", caller_phone=f"+1512555030{n}", caller_name=f"C {n}")).state.conversation_id
            turn = await runtime.conversations.chat(sid, "oil change friday at 10 am")
            assert turn.state.awaiting == "confirm_booking", turn.reply
            sids.append(sid)
        results = await asyncio.gather(*(runtime.conversations.chat(s, "yes") for s in sids))
        assert sum(r.state.appointment is not None for r in results) == 2
        assert await _count(runtime, Appointment) == 2
        refused = next(r for r in results if r.state.appointment is None)
        assert refused.state.awaiting == "pick_alternative"
    finally:
        await runtime.close()


async def test_a_turn_writes_at_its_end(settings) -> None:
    """On SQLite the first write takes the one write lock until the commit; reads made after it
    (autoflushed) kept every other conversation waiting through them."""
    from sqlalchemy import event

    runtime = await build_runtime(settings, clock=fixed_clock)
    statements: list[tuple[int, str]] = []

    def record(conn, _cursor, statement, *_args) -> None:
        statements.append((id(conn.connection.dbapi_connection), statement.split(None, 1)[0].upper()))

    try:
        conversations = runtime.conversations
        sid = (await conversations.create("real_estate", caller_phone="+15125550142")
               ).state.conversation_id
        event.listen(runtime.database.sync_engine, "before_cursor_execute", record)
        await conversations.chat(sid, "we want to buy a house in Austin")
        event.remove(runtime.database.sync_engine, "before_cursor_execute", record)
        first_write, writer = next((i, c) for i, (c, s) in enumerate(statements)
                                   if s in {"INSERT", "UPDATE"})
        # Only the turn's own connection counts (a background job poll may share the engine).
        after = [s for c, s in statements[first_write:] if c == writer]
        assert "SELECT" not in after, statements
    finally:
        await runtime.close()
