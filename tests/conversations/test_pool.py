"""Connections come back to the pool however many calls ring or end at once (SQLite and
PostgreSQL).

At 20 simultaneous phone calls every Twilio voice webhook waited on the pool until it timed
out (``QueuePool limit … reached``): registering a call held a connection while the brain
looked the caller up on a second one, so 20 webhooks held every connection and each waited
for another. And a hang-up cancels a call's tasks wherever they are, often mid-write.
"""

from __future__ import annotations

import asyncio
import random

import pytest
from sqlalchemy import event, select

from frontdesk.app import build_runtime
from frontdesk.storage.models import Conversation, Customer, Lead
from tests.conftest import fixed_clock

pytestmark = pytest.mark.integration


class Checkouts:
    """Which task holds which pooled connection; a task taking a second one is nesting."""

    def __init__(self, engine) -> None:
        self.engine = engine
        self.holders: dict[int, asyncio.Task | None] = {}
        self.nested: list[str] = []
        event.listen(engine.sync_engine, "checkout", self._checkout)
        event.listen(engine.sync_engine, "checkin", self._checkin)

    def _checkout(self, _dbapi, record, _proxy) -> None:
        task = asyncio.current_task()
        if task is not None and task in self.holders.values():
            self.nested.append(task.get_name())
        self.holders[id(record)] = task

    def _checkin(self, _dbapi, record) -> None:
        self.holders.pop(id(record), None)

    async def all_returned(self, timeout_s: float = 15.0) -> bool:
        for _ in range(int(timeout_s / 0.05)):
            if self.engine.pool.checkedout() == 0:
                return True
            await asyncio.sleep(0.05)
        return self.engine.pool.checkedout() == 0


def _ring(runtime, n: int, offset: int = 0):
    return [runtime.call_records.register(profile="dealership", direction="inbound",
                                          phone=f"+1512555{offset + i:04d}",
                                          call_sid=f"CA{offset + i:032d}")
            for i in range(n)]


async def test_twenty_calls_ringing_at_once_are_all_answered(settings) -> None:
    runtime = await build_runtime(settings, clock=fixed_clock)
    checkouts = Checkouts(runtime.database)
    try:
        records = await asyncio.wait_for(asyncio.gather(*_ring(runtime, 20)), 20)
        assert len({r.conversation_id for r in records}) == 20
        assert checkouts.nested == []
        assert await checkouts.all_returned()
    finally:
        await runtime.close()


async def test_many_calls_ending_at_once_return_every_connection(settings) -> None:
    runtime = await build_runtime(settings, clock=fixed_clock)
    checkouts = Checkouts(runtime.database)
    conversations = runtime.conversations
    try:
        sids = []
        for i in range(24):
            outcome = await conversations.create(
                "dealership" if i % 2 else "real_estate", channel="phone",
                caller_phone=f"+15125557{i:03d}")
            sids.append(outcome.state.conversation_id)
        await asyncio.gather(*(conversations.chat(sid, "this is Tom, I'd like to come in "
                                                       "Wednesday at 2 pm") for sid in sids))
        # Every call hangs up at once while 20 new ones ring; half the hang-ups are cut off
        # part-way (a cancelled pipeline), some cancelled twice.
        rng = random.Random(12)
        ends = [asyncio.create_task(conversations.end(sid)) for sid in sids]
        ringing = [asyncio.create_task(ring) for ring in _ring(runtime, 20, offset=100)]

        async def cut_off(task: asyncio.Task, twice: bool) -> None:
            await asyncio.sleep(rng.uniform(0.0, 0.03))
            task.cancel()
            if twice:
                await asyncio.sleep(0.001)
                task.cancel()

        await asyncio.gather(*(cut_off(task, i % 4 == 1) for i, task in enumerate(ends)
                               if i % 2))
        results = await asyncio.wait_for(
            asyncio.gather(*ends, *ringing, return_exceptions=True), 30)
        cancelled = sum(isinstance(r, asyncio.CancelledError) for r in results)
        assert cancelled >= 1
        assert [r for r in results if isinstance(r, Exception)] == []
        assert await checkouts.all_returned(), runtime.database.pool.status()
        assert checkouts.nested == []
        # Cancelled or not, every hang-up ended its conversation.
        async with runtime.sessions() as db:
            statuses = {c.id: (c.status, c.outcome) for c in await db.scalars(
                select(Conversation).where(Conversation.id.in_(sids)))}
        assert all(status == "ended" and outcome for status, outcome in statuses.values()), (
            statuses)
        assert len(conversations._locks) == 0  # no lock kept per past conversation
    finally:
        await runtime.close()
    assert runtime.database.pool.checkedout() == 0


async def test_calls_from_one_number_starting_at_once_all_start(settings) -> None:
    """A caller who redials while the first call is still up (or two lines of one office):
    every call's first turn writes the same new customer. The loser of that race once failed
    its whole call on the duplicate phone ("call could not start"): it must find the row."""
    runtime = await build_runtime(settings, clock=fixed_clock)
    try:
        outcomes = await asyncio.wait_for(asyncio.gather(*(
            runtime.conversations.create("dealership" if i % 2 else "real_estate",
                                         channel="phone", caller_phone="+15125550888")
            for i in range(8))), 30)
        assert len({o.state.conversation_id for o in outcomes}) == 8
        assert all(o.reply for o in outcomes)  # each caller heard a greeting
        async with runtime.sessions() as db:
            customers = (await db.scalars(select(Customer).where(
                Customer.phone == "+15125550888"))).all()
            leads = (await db.scalars(select(Lead).where(
                Lead.customer_id == customers[0].id))).all()
        assert len(customers) == 1
        assert sorted(lead.business_id for lead in leads) == [1, 2]  # one lead per business
    finally:
        await runtime.close()
