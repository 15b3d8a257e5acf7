"""Staff presence: whether a person on a business's roster is taking calls right now.

One row per (business, person) in ``staff_presence``, written through the API (the console's
switch) and read by the roster desk when a caller asks for a person. No row means nobody has
said otherwise: the person counts as available while on duty. It hands out
:class:`PresenceRecord` dataclasses, never ORM rows, and joins the transaction of the work
that calls it (:mod:`.transaction`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal

from sqlalchemy import select
from sqlalchemy.ext.asyncio import async_sessionmaker

from frontdesk.storage.conversations import BusinessNotSeededError
from frontdesk.storage.models import Business, StaffPresence
from frontdesk.storage.transaction import reading, transaction

PresenceStatus = Literal["available", "busy", "away"]
PRESENCE_STATUSES: tuple[PresenceStatus, ...] = ("available", "busy", "away")


@dataclass(slots=True, frozen=True)
class PresenceRecord:
    """What a person last said about taking calls."""

    person: str
    status: PresenceStatus
    updated_by: str | None
    updated_at: datetime
    """UTC, with its zone."""


class PresenceStore:
    """Reads and writes ``staff_presence``."""

    def __init__(self, sessions: async_sessionmaker) -> None:
        self._sessions = sessions

    async def of_business(self, profile: str) -> dict[str, PresenceRecord]:
        """Every presence set for the business ``profile``, by person (as stored)."""
        async with reading(self._sessions) as db:
            rows = await db.scalars(select(StaffPresence).join(
                Business, Business.id == StaffPresence.business_id).where(Business.key == profile))
            return {row.person: _record(row) for row in rows}

    async def set(self, profile: str, person: str, status: PresenceStatus,
                  updated_by: str | None = None) -> PresenceRecord:
        """Set one person's presence (created on first use); raises BusinessNotSeededError."""
        async with transaction(self._sessions) as db:
            business_id = await db.scalar(select(Business.id).where(Business.key == profile))
            if business_id is None:
                raise BusinessNotSeededError(f"profile {profile} is not seeded in the database")
            row = await db.get(StaffPresence, (business_id, person), with_for_update=True)
            if row is None:
                row = StaffPresence(business_id=business_id, person=person)
                db.add(row)
            row.status, row.updated_by = status, updated_by
            row.updated_at = datetime.now(UTC)
            await db.flush()
            return _record(row)


def _record(row: StaffPresence) -> PresenceRecord:
    at = row.updated_at
    at = at.replace(tzinfo=UTC) if at.tzinfo is None else at.astimezone(UTC)  # SQLite drops zones
    status = row.status if row.status in PRESENCE_STATUSES else "away"
    return PresenceRecord(row.person, status, row.updated_by, at)  # type: ignore[arg-type]
