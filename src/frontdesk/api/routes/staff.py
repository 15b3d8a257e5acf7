"""The staff roster and its presence switch: who takes callers who ask for a person.

``GET /api/staff/{profile}`` lists the business's roster with who is on duty and free now;
``PUT /api/staff/{profile}/{person}/presence`` sets a person available, busy or away (the
console's switch). The roster desk reads the same presence when a caller asks for a person.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from frontdesk.api.deps import ServicesDep
from frontdesk.api.schemas import PresenceIn, StaffMemberOut, StaffOut, errors
from frontdesk.conversations.roster import RosterEntry

router = APIRouter(prefix="/api/staff", tags=["staff"])

ProfileKey = Annotated[str, Path(min_length=1, max_length=64)]
PersonName = Annotated[str, Path(min_length=1, max_length=100)]


@router.get("/{profile}", response_model=StaffOut, responses=errors(404))
async def roster(profile: ProfileKey, services: ServicesDep) -> StaffOut:
    """The business's roster: what each person handles, their hours, on duty and presence now."""
    business = services.staff.profile(profile)
    entries = await services.staff.entries(profile)
    return StaffOut(profile=business.key, timezone=business.timezone,
                    local_time=services.staff.local_now(business),
                    staff=[_member(e, services) for e in entries])


@router.put("/{profile}/{person}/presence", response_model=StaffMemberOut, responses=errors(404))
async def set_presence(profile: ProfileKey, person: PersonName, body: PresenceIn,
                       services: ServicesDep) -> StaffMemberOut:
    """Set whether a person takes callers now: ``available``, ``busy`` or ``away``."""
    entry = await services.staff.set_presence(profile, person, body.status, body.updated_by)
    return _member(entry, services)


def _member(entry: RosterEntry, services: ServicesDep) -> StaffMemberOut:
    member = entry.member
    presence = entry.presence
    return StaffMemberOut(
        name=member.name, handles=list(member.handles), phone=member.phone, email=member.email,
        hours=_hours(entry), on_duty=entry.on_duty, presence=entry.status,
        presence_updated_by=presence.updated_by if presence else None,
        presence_updated_at=presence.updated_at if presence else None,
        takes_calls_now=entry.free)


def _hours(entry: RosterEntry) -> dict[str, str]:
    return {day: f"{opens:%H:%M}-{closes:%H:%M}"
            for day, (opens, closes) in entry.hours.days.items()}
