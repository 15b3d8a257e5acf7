"""The staff roster at work: who is on duty and free now, and the desk that picks one of them.

A business's profile lists its people (:class:`~frontdesk.knowledge.profile.StaffMember`: the
departments they handle, their number, their on-duty hours); whether each is taking calls
right now is their *presence*, set through the API and kept by
:class:`~frontdesk.storage.presence.PresenceStore`. :class:`StaffRoster` puts the two together
at the business's local time (an injected clock); :class:`RosterStaffDesk` answers the
service's "can a person take this caller?" from it, at once.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from frontdesk.conversations.service import ConversationError
from frontdesk.conversations.staff import ANYONE, StaffAnswer, StaffRequest
from frontdesk.knowledge.profile import BusinessProfile, OpeningHours, StaffMember
from frontdesk.storage.conversations import BusinessNotSeededError
from frontdesk.storage.presence import PresenceRecord, PresenceStatus, PresenceStore


class StaffNotFoundError(ConversationError):
    """No business with that key, or nobody of that name on its roster."""

    status = 404


@dataclass(slots=True, frozen=True)
class RosterEntry:
    """One member of staff as things stand now."""

    member: StaffMember
    hours: OpeningHours
    """Their on-duty hours (their own, or their departments')."""
    on_duty: bool
    """Inside their on-duty hours, at the business's local time."""
    presence: PresenceRecord | None
    """What they last set; None: never set (available while on duty)."""

    @property
    def status(self) -> PresenceStatus:
        return self.presence.status if self.presence is not None else "available"

    @property
    def free(self) -> bool:
        """Can take a caller now: on duty and available."""
        return self.on_duty and self.status == "available"


class StaffRoster:
    """The roster of every business with its presence, at the clock's time."""

    def __init__(self, profiles: Mapping[str, BusinessProfile], presence: PresenceStore,
                 clock: Callable[[], datetime]) -> None:
        self._profiles = profiles
        self._presence = presence
        self._clock = clock

    def profile(self, key: str) -> BusinessProfile:
        try:
            return self._profiles[key]
        except KeyError:
            raise StaffNotFoundError(f"no business {key!r}") from None

    def local_now(self, profile: BusinessProfile) -> datetime:
        """The clock's time at the business (with its zone)."""
        return self._clock().astimezone(ZoneInfo(profile.timezone))

    async def entries(self, key: str) -> list[RosterEntry]:
        """Every member of the business's roster, in roster order."""
        profile = self.profile(key)
        now = self.local_now(profile).replace(tzinfo=None)
        presence = {person.casefold(): record
                    for person, record in (await self._presence.of_business(key)).items()}
        return [_entry(profile, m, now, presence.get(m.name.casefold())) for m in profile.staff]

    async def set_presence(self, key: str, person: str, status: PresenceStatus,
                           updated_by: str | None = None) -> RosterEntry:
        """Set a member's presence; StaffNotFoundError for anyone not on the roster."""
        profile = self.profile(key)
        member = profile.staff_member(person)
        if member is None:
            raise StaffNotFoundError(f"{person!r} is not on the roster of {key}")
        try:
            record = await self._presence.set(key, member.name, status, updated_by)
        except BusinessNotSeededError as exc:
            raise StaffNotFoundError(str(exc)) from None
        return _entry(profile, member, self.local_now(profile).replace(tzinfo=None), record)

    async def choose(self, key: str, department: str | None) -> StaffAnswer:
        """Who takes a caller about ``department`` now.

        A free member who handles it — one who handles that department by name before one
        who takes any caller — with their number. Nobody free: ``available=False`` and who
        will call back (a handler on duty, else the first handler). Nobody handles the
        department at all: the whole roster is asked."""
        entries = await self.entries(key)
        handlers = [e for e in entries if e.member.takes(department)] or entries
        ordered = sorted(handlers, key=lambda e: department not in e.member.handles)  # stable
        free = next((e for e in ordered if e.free), None)
        if free is not None:
            return StaffAnswer(True, free.member.name, free.member.phone)
        caller_back = next((e for e in ordered if e.on_duty), ordered[0] if ordered else None)
        return StaffAnswer(False, caller_back.member.name if caller_back else ANYONE)


def _entry(profile: BusinessProfile, member: StaffMember, local: datetime,
           presence: PresenceRecord | None) -> RosterEntry:
    """``local``: the business's naive local time."""
    hours = member.duty_hours(profile.departments)
    return RosterEntry(member, hours, hours.is_open(local), presence)


class RosterStaffDesk:
    """The :class:`~frontdesk.conversations.staff.StaffDesk` of real staff: answers at once
    from the roster, on-duty hours and presence."""

    def __init__(self, roster: StaffRoster) -> None:
        self._roster = roster

    async def ask(self, request: StaffRequest) -> StaffAnswer:
        return await self._roster.choose(request.profile, request.department)
