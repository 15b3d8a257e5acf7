"""Who takes a caller who asks for a person: the roster's departments, on-duty hours (at the
business's local time, by an injected clock) and presence."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from frontdesk.conversations.roster import RosterStaffDesk, StaffNotFoundError, StaffRoster
from frontdesk.conversations.staff import StaffRequest
from frontdesk.knowledge.profile import BusinessProfile
from frontdesk.storage.presence import PresenceRecord
from tests.conftest import NOW

pytestmark = pytest.mark.unit


class Presence:
    """The presence store, in memory."""

    def __init__(self) -> None:
        self.rows: dict[tuple[str, str], PresenceRecord] = {}

    async def of_business(self, profile: str) -> dict[str, PresenceRecord]:
        return {person: r for (key, person), r in self.rows.items() if key == profile}

    async def set(self, profile: str, person: str, status, updated_by=None) -> PresenceRecord:
        self.rows[profile, person] = PresenceRecord(person, status, updated_by, NOW)
        return self.rows[profile, person]


def at(utc: datetime):
    return lambda: utc


MONDAY_9AM = NOW  # 9:00 in Austin: service (7:30-18), sales (9-20) and Dana (9-17) on duty
MONDAY_7PM = datetime(2026, 11, 24, 1, 0, tzinfo=UTC)  # 19:00 Monday in Austin
SUNDAY_NOON = datetime(2026, 11, 22, 18, 0, tzinfo=UTC)
SATURDAY_10AM = datetime(2026, 11, 28, 16, 0, tzinfo=UTC)


def roster(profiles, clock=None, presence: Presence | None = None) -> StaffRoster:
    return StaffRoster(profiles, presence or Presence(),  # type: ignore[arg-type]
                       clock or at(MONDAY_9AM))


async def test_a_free_handler_of_the_department_takes_the_caller_with_their_number(profiles) -> None:
    staff = roster(profiles)
    service = await staff.choose("dealership", "service")
    sales = await staff.choose("dealership", "sales")
    anyone = await staff.choose("dealership", None)
    assert (service.available, service.person, service.transfer_to) == (True, "Sarah", "+15125550191")
    assert (sales.available, sales.person, sales.transfer_to) == (True, "Marcus", "+15125550192")
    assert (anyone.available, anyone.person) == (True, "Sarah")  # roster order


async def test_presence_decides_between_handlers(profiles) -> None:
    presence = Presence()
    staff = roster(profiles, presence=presence)
    await staff.set_presence("dealership", "sarah", "busy", "console")  # any case
    backup = await staff.choose("dealership", "service")
    assert (backup.available, backup.person, backup.transfer_to) == (True, "Dana", None)
    await staff.set_presence("dealership", "Dana", "away")
    nobody = await staff.choose("dealership", "service")
    # Nobody free: the on-duty handler of the department calls back.
    assert (nobody.available, nobody.person, nobody.transfer_to) == (False, "Sarah", None)
    await staff.set_presence("dealership", "Sarah", "available")
    assert (await staff.choose("dealership", "service")).person == "Sarah"
    entries = {e.member.name: e for e in await staff.entries("dealership")}
    assert entries["Sarah"].presence.updated_by is None and entries["Sarah"].free
    assert entries["Dana"].status == "away" and not entries["Dana"].free
    assert entries["Marcus"].presence is None and entries["Marcus"].status == "available"


async def test_off_duty_people_are_not_put_through(profiles) -> None:
    evening = roster(profiles, at(MONDAY_7PM))
    assert (await evening.choose("dealership", "sales")).person == "Marcus"  # sales open to 20:00
    service = await evening.choose("dealership", "service")
    assert (service.available, service.person) == (False, "Sarah")  # nobody on duty: first handler
    sunday = roster(profiles, at(SUNDAY_NOON))
    assert not (await sunday.choose("dealership", None)).available
    entries = await sunday.entries("dealership")
    assert [e.on_duty for e in entries] == [False, False, False]


async def test_own_hours_override_the_departments(profiles) -> None:
    saturday = roster(profiles, at(SATURDAY_10AM))
    answer = await saturday.choose("real_estate", "office")
    assert (answer.available, answer.person, answer.transfer_to) == (True, "Priya", "+15125550292")
    monday = await roster(profiles).choose("real_estate", "office")
    assert monday.person == "Jordan"
    entries = {e.member.name: e for e in await saturday.entries("dealership")}
    assert entries["Dana"].hours.for_weekday(5) is None and not entries["Dana"].on_duty
    assert entries["Sarah"].on_duty  # service opens 8-14 on Saturdays


async def test_a_department_nobody_handles_asks_the_whole_roster(profiles) -> None:
    manager = await roster(profiles).choose("dealership", "finance")
    assert (manager.available, manager.person) == (True, "Dana")  # she takes any caller
    nobody_named = await roster(profiles).choose("real_estate", "finance")
    assert (nobody_named.available, nobody_named.person) == (True, "Jordan")


async def test_the_desk_answers_from_the_roster(profiles) -> None:
    desk = RosterStaffDesk(roster(profiles))
    answer = await desk.ask(StaffRequest("sess_1", "esc_1", "dealership", ("Sarah",), "sales"))
    assert (answer.available, answer.person) == (True, "Marcus")


async def test_unknown_business_or_person(profiles) -> None:
    staff = roster(profiles)
    with pytest.raises(StaffNotFoundError):
        await staff.entries("bakery")
    with pytest.raises(StaffNotFoundError):
        await staff.set_presence("dealership", "Nobody", "busy")


def test_a_roster_in_the_profile(profiles) -> None:
    dealership = profiles["dealership"]
    assert dealership.staff_names == ["Sarah", "Marcus", "Dana"]
    assert dealership.staff_member("MARCUS").handles == ["sales"]
    data = dealership.model_dump(mode="json")
    old = BusinessProfile.model_validate({**data, "staff": ["Ann", "Bob"]})  # names alone
    assert [(m.name, m.handles, m.phone, m.hours) for m in old.staff] == [
        ("Ann", ["any"], None, None), ("Bob", ["any"], None, None)]
    assert old.staff[0].duty_hours(old.departments).days["sat"][0].hour == 8  # service's 8:00
    for bad, error in [({"name": "Eve", "handles": ["parts"]}, "unknown department"),
                       ({"name": "Eve", "phone": "555-0100"}, "E.164"),
                       ({"name": "Eve", "hours": {"mon": "18:00-09:00"}}, "closing time")]:
        with pytest.raises(ValueError, match=error):
            BusinessProfile.model_validate({**data, "staff": [bad]})
    with pytest.raises(ValueError, match="unique"):
        BusinessProfile.model_validate({**data, "staff": ["Ann", "ann"]})
