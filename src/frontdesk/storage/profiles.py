"""Stored versions of the business profiles: every console edit is a new, whole version.

``profile_versions`` keeps, per business, versions numbered 1, 2, 3…; the highest number is the
profile in force. A version is the whole validated profile (so a roll back is a copy of an
older one, itself a new version), who saved it, and the lines saying what changed. Saving also
brings the ``businesses``, services and FAQ tables up to date in the same transaction (a
booking finds its service by row). This store hands out dataclasses, never ORM rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import async_sessionmaker

from frontdesk.knowledge.profile import BusinessProfile
from frontdesk.storage.models import ProfileVersion
from frontdesk.storage.seed import upsert_profile
from frontdesk.storage.transaction import reading, transaction


class StaleVersionError(Exception):
    """Someone saved a newer version since the edit began (or at the same moment)."""


@dataclass(slots=True, frozen=True)
class StoredProfile:
    """One version of a business's profile."""

    business: str
    number: int
    profile: BusinessProfile
    changes: tuple[str, ...]
    author: str
    created_at: datetime
    restored_from: int | None


def _stored(row: ProfileVersion) -> StoredProfile:
    created = row.created_at
    created = created.replace(tzinfo=UTC) if created.tzinfo is None else created
    return StoredProfile(row.business_key, row.number, BusinessProfile.model_validate(row.profile),
                         tuple(row.changes), row.author, created, row.restored_from)


class ProfileStore:
    """Reads and writes ``profile_versions``."""

    def __init__(self, sessions: async_sessionmaker) -> None:
        self._sessions = sessions

    async def latest_numbers(self) -> dict[str, int]:
        """Business key → its latest version number: one small query, for polling."""
        async with reading(self._sessions) as db:
            rows = await db.execute(select(ProfileVersion.business_key,
                                           func.max(ProfileVersion.number))
                                    .group_by(ProfileVersion.business_key))
            return {key: int(number) for key, number in rows}

    async def get(self, business: str, number: int) -> StoredProfile | None:
        async with reading(self._sessions) as db:
            row = await db.scalar(select(ProfileVersion).where(
                ProfileVersion.business_key == business, ProfileVersion.number == number))
            return None if row is None else _stored(row)

    async def latest(self, business: str) -> StoredProfile | None:
        async with reading(self._sessions) as db:
            row = await db.scalar(select(ProfileVersion).where(
                ProfileVersion.business_key == business)
                .order_by(ProfileVersion.number.desc()).limit(1))
            return None if row is None else _stored(row)

    async def history(self, business: str, limit: int = 100) -> list[StoredProfile]:
        """The business's versions, newest first."""
        async with reading(self._sessions) as db:
            rows = await db.scalars(select(ProfileVersion).where(
                ProfileVersion.business_key == business)
                .order_by(ProfileVersion.number.desc()).limit(limit))
            return [_stored(row) for row in rows]

    async def save(self, profile: BusinessProfile, *, after: int | None, author: str,
                   changes: list[str], restored_from: int | None = None,
                   baseline: tuple[BusinessProfile, str] | None = None) -> StoredProfile:
        """Store ``profile`` as the version after ``after`` (None: the business has none yet).

        ``baseline``: with ``after=None``, first store this profile (and its author) as version
        1, so the profile the edit started from can be rolled back to. Raises
        StaleVersionError when ``after`` is no longer the latest version."""
        data: dict[str, Any] = profile.model_dump(mode="json")
        try:
            async with transaction(self._sessions) as db:
                latest = await db.scalar(select(func.max(ProfileVersion.number)).where(
                    ProfileVersion.business_key == profile.key))
                if latest != after:
                    raise StaleVersionError(f"{profile.key} is at version {latest}, not {after}")
                number = (after or 0) + 1
                if after is None and baseline is not None:
                    db.add(ProfileVersion(business_key=profile.key, number=number,
                                          profile=baseline[0].model_dump(mode="json"),
                                          changes=[], author=baseline[1],
                                          created_at=datetime.now(UTC)))
                    number += 1
                row = ProfileVersion(business_key=profile.key, number=number, profile=data,
                                     changes=list(changes), author=author,
                                     restored_from=restored_from, created_at=datetime.now(UTC))
                db.add(row)
                await upsert_profile(db, profile)
                await db.flush()
                return _stored(row)
        except IntegrityError:  # another save took the number between our read and write
            raise StaleVersionError(f"{profile.key} was saved by someone else just now") from None
