"""Who asked a business to stop texting them: the ``sms_opt_outs`` table.

One row per (business, number), written by the inbound SMS webhook when a customer texts STOP
(``opted_out=True``) or START (``False``) and read before every text message is sent. The
write is one upsert (``INSERT … ON CONFLICT DO UPDATE`` on SQLite and PostgreSQL alike), so
two keywords arriving at once cannot collide on the unique key.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from frontdesk.storage.conversations import BusinessNotSeededError
from frontdesk.storage.database import upsert_insert
from frontdesk.storage.models import Business, SmsOptOut
from frontdesk.storage.transaction import reading, transaction

_E164 = re.compile(r"\+[1-9][0-9]{6,14}")


class SmsOptOutStore:
    """Opt-outs from text messages, per business and number (E.164)."""

    def __init__(self, sessions: async_sessionmaker) -> None:
        self._sessions = sessions

    async def set_opt_out(self, business_key: str, phone: str, opted_out: bool) -> None:
        """Record that ``phone`` opted out of (True) or back into (False) the business's texts.

        Raises:
            ValueError: ``phone`` is not E.164.
            BusinessNotSeededError: no business has this key.
        """
        phone = _checked(phone)
        async with transaction(self._sessions) as db:
            business_id = await _business_id(db, business_key)
            now = datetime.now(UTC)
            statement = upsert_insert(db, SmsOptOut).values(business_id=business_id, phone=phone,
                                                 opted_out=opted_out, created_at=now,
                                                 updated_at=now)
            await db.execute(statement.on_conflict_do_update(
                index_elements=[SmsOptOut.business_id, SmsOptOut.phone],
                set_={"opted_out": opted_out, "updated_at": now}))

    async def is_opted_out(self, business_key: str, phone: str) -> bool:
        """Whether ``phone`` has opted out of the business's texts (never asked: False).

        Raises:
            ValueError: ``phone`` is not E.164.
            BusinessNotSeededError: no business has this key.
        """
        phone = _checked(phone)
        async with reading(self._sessions) as db:
            business_id = await _business_id(db, business_key)
            opted_out = await db.scalar(select(SmsOptOut.opted_out).where(
                SmsOptOut.business_id == business_id, SmsOptOut.phone == phone))
            return bool(opted_out)


def _checked(phone: object) -> str:
    if not isinstance(phone, str) or not _E164.fullmatch(phone):
        raise ValueError(f"a phone number must be E.164 (+15125550142), got {phone!r}")
    return phone


async def _business_id(db: AsyncSession, key: str) -> int:
    business_id = await db.scalar(select(Business.id).where(Business.key == key))
    if business_id is None:
        raise BusinessNotSeededError(f"profile {key} is not seeded in the database")
    return business_id
