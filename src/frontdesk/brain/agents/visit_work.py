"""More work at a visit on file ("can y'all just do the oil change with my inspection?"): which
visit the work joins, whether that visit can grow to hold it, and the whole visit moved when the
caller moves it ("… and could we do it that morning instead, like nine?")."""

from __future__ import annotations

import re
from datetime import date, datetime, time

from frontdesk.brain.availability import AvailabilityCalendar
from frontdesk.brain.context import TurnContext
from frontdesk.brain.format import say_list
from frontdesk.brain.nlu import Understanding
from frontdesk.brain.state import Appointment, ConversationState

_ON_ITS_OWN = re.compile(r"\b(?:separate(?:ly)?|on its own|by itself|its own (?:time|appointment)|"
                         r"(?:just|only) the (?:new|other|extra|second|\w+ change|\w+ rotation)|"
                         r"keep (?:the|my) \w+(?: \w+)? (?:where|when|at|as)|leave (?:the|my) \w+)\b")
"""The new work said to go on its own ("just the oil change at nine", "keep my inspection where
it is"): the visit on file stays."""


def added_to(s: ConversationState) -> Appointment | None:
    """The booking on file the work under way joins: at that visit's own day and time, or at
    the day and time the whole visit is being moved to (another time said of the new work alone
    books it on its own)."""
    slots = s.booking_slots
    visit = next((a for a in [*s.desk.found, *(s.on_file or [])] if a.id == slots.add_to),
                 None) if slots.add_to else None
    if visit is None or (not slots.visit_moves and (slots.preferred_date, slots.preferred_time) != (
            visit.scheduled_date, visit.scheduled_time)):
        return None
    return visit


def join_visit_on_file(s: ConversationState) -> None:
    """Service work asked for at the very day and hour of a service visit on file joins that
    visit (one drop-off, one booking): read back as added to it, and booked by growing it."""
    slots = s.booking_slots
    if slots.add_to is None and (visit := same_visit_on_file(s)) is not None:
        slots.add_to = visit.id
        slots.services = new_work(slots.services, visit)
        slots.service_type = slots.services[0]


def same_visit_on_file(s: ConversationState) -> Appointment | None:
    """A service visit on file at the very day and hour of the service work being booked, for the
    same car (or no car said): the new work joins that visit rather than booking a second one
    beside it ("… coming in Wednesday at ten for an oil change. since it's in there, could you
    check the battery too?")."""
    slots = s.booking_slots
    if not (s.on_file and slots.services and slots.preferred_date and slots.preferred_time) or (
            slots.appointment_type not in {None, "service"}):
        return None
    model = (slots.vehicle.model or "").lower()
    gone = {d.split(" ")[1] for d in s.desk.done if d.startswith(("cancelled ", "moved "))}
    for visit in (a for a in s.on_file if str(a.id) not in gone):
        if (visit.scheduled_date, visit.scheduled_time) == (slots.preferred_date, slots.preferred_time) and (
                new_work(slots.services, visit)) and visit.appointment_type == "service" and (
                not model or not visit.vehicle or model in visit.vehicle.lower()):
            return visit
    return None


def new_work(services: list[str], visit: Appointment) -> list[str]:
    """The work asked for that the visit does not hold yet ("I've got the Rogue coming in Wednesday
    at ten for the inspection … can they rotate the tires too?": the rotation)."""
    return [k for k in services if k not in (visit.services or [visit.service_type])]


def moved_with_the_work(s: ConversationState, u: Understanding) -> None:
    """A new day or time at the read-back of work added to a visit moves the whole visit ("do
    both at once … and actually could we do it that morning instead, like nine?"), unless the
    new work is said to go on its own."""
    slots = s.booking_slots
    if slots.add_to is not None and (u.date or u.time) and not _ON_ITS_OWN.search(u.text.lower()):
        slots.visit_moves = True


async def fits(s: ConversationState, ctx: TurnContext, visit: Appointment, duration: int) -> int:
    """The visit grown by ``duration`` minutes, at its day and time (or the ones it moves to):
    its whole length, with the availability that does not count the visit itself; when it does
    not fit, said, and the work is to have a time of its own (``duration`` is returned)."""
    slots = s.booking_slots
    department = ctx.profile.department_for(visit.appointment_type)
    grown = AvailabilityCalendar(ctx.profile, ctx.calendar, ctx.now, ignore=visit.id)
    day, at = ((slots.preferred_date, slots.preferred_time) if slots.visit_moves
               else (visit.scheduled_date, visit.scheduled_time))
    start = datetime.combine(date.fromisoformat(day or visit.scheduled_date),
                             time.fromisoformat(at or visit.scheduled_time))
    if department is not None and (await grown.check(department, start, duration + visit.duration_min)).ok:
        ctx.availability = grown
        return duration + visit.duration_min
    no_room(s, ctx)
    return duration


async def move_first(s: ConversationState, ctx: TurnContext, visit: Appointment) -> None:
    """The visit goes to the day and time asked before it grows (the caller moved the whole
    visit); its old slot is free again. Raise as :meth:`Calendar.move` does."""
    slots = s.booking_slots
    if not slots.visit_moves or not (slots.preferred_date and slots.preferred_time):
        return
    department = ctx.profile.department_for(visit.appointment_type)
    start = datetime.combine(date.fromisoformat(slots.preferred_date),
                             time.fromisoformat(slots.preferred_time))
    moved = await ctx.calendar.move(ctx.profile.key, visit.id, start,
                                    department.capacity if department else 1)
    visit.scheduled_date = moved.start.date().isoformat()
    visit.scheduled_time = moved.start.strftime("%H:%M")
    s.desk.done.append(f"moved {visit.id}")


def no_room(s: ConversationState, ctx: TurnContext) -> None:
    """The visit on file cannot grow to hold the work (no bay free for the longer visit, or it
    is gone): said, and the work is to have a time of its own on that day."""
    slots = s.booking_slots
    names = [sv.name for k in slots.services if (sv := ctx.profile.service(k)) is not None]
    slots.add_to, slots.preferred_time, slots.visit_moves = None, None, False
    ctx.say("add_no_room", things=say_list(names, "and"))


def subject(s: ConversationState, ctx: TurnContext, text: str, visit: Appointment) -> str:
    """The read-back's subject for work added to a visit: ": an oil change added to your state
    inspection", or, moving the whole visit, ": your state inspection with an oil change added,
    both"."""
    on = ctx.profile.service(visit.service_type)
    name = on.name if on else "visit"
    if s.booking_slots.visit_moves:
        return f": your {name} with {text} added, both"
    return f": {text} added to your {name}"
