"""SMS opt-outs per business and number (SQLite and PostgreSQL)."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import select

from frontdesk.app import build_runtime
from frontdesk.storage.conversations import BusinessNotSeededError
from frontdesk.storage.models import SmsOptOut
from frontdesk.storage.optouts import SmsOptOutStore
from frontdesk.storage.transaction import transaction
from tests.conftest import fixed_clock

pytestmark = pytest.mark.integration

PHONE = "+15125550142"


@pytest.fixture
async def runtime(settings):
    built = await build_runtime(settings, clock=fixed_clock)
    try:
        yield built
    finally:
        await built.close()


async def test_stop_and_start_per_business(runtime) -> None:
    store = SmsOptOutStore(runtime.sessions)
    assert await store.is_opted_out("dealership", PHONE) is False  # never asked
    await store.set_opt_out("dealership", PHONE, True)
    assert await store.is_opted_out("dealership", PHONE) is True
    assert await store.is_opted_out("real_estate", PHONE) is False  # another business
    assert await store.is_opted_out("dealership", "+15125550143") is False
    await store.set_opt_out("dealership", PHONE, True)  # twice: still one row
    await store.set_opt_out("dealership", PHONE, False)
    assert await store.is_opted_out("dealership", PHONE) is False
    async with runtime.sessions() as db:
        rows = list(await db.scalars(select(SmsOptOut)))
    assert [(r.phone, r.opted_out) for r in rows] == [(PHONE, False)]
    assert rows[0].updated_at >= rows[0].created_at


async def test_keywords_arriving_together_do_not_collide(runtime) -> None:
    store = SmsOptOutStore(runtime.sessions)
    await asyncio.gather(*(store.set_opt_out("dealership", PHONE, True) for _ in range(5)))
    assert await store.is_opted_out("dealership", PHONE) is True
    async with runtime.sessions() as db:
        assert len(list(await db.scalars(select(SmsOptOut)))) == 1


async def test_a_write_joins_the_surrounding_transaction(runtime) -> None:
    store = SmsOptOutStore(runtime.sessions)
    with pytest.raises(RuntimeError):
        async with transaction(runtime.sessions):
            await store.set_opt_out("dealership", PHONE, True)
            raise RuntimeError("the work failed")
    assert await store.is_opted_out("dealership", PHONE) is False


@pytest.mark.parametrize("phone", ["5125550142", "+1 512 555 0142", "", None, "+0123456789"])
async def test_a_number_not_e164_is_refused(runtime, phone) -> None:
    store = SmsOptOutStore(runtime.sessions)
    with pytest.raises(ValueError, match=r"E\.164"):
        await store.set_opt_out("dealership", phone, True)
    with pytest.raises(ValueError, match=r"E\.164"):
        await store.is_opted_out("dealership", phone)


async def test_an_unknown_business_is_named(runtime) -> None:
    store = SmsOptOutStore(runtime.sessions)
    with pytest.raises(BusinessNotSeededError, match="bakery"):
        await store.set_opt_out("bakery", PHONE, True)
    with pytest.raises(BusinessNotSeededError, match="bakery"):
        await store.is_opted_out("bakery", PHONE)
