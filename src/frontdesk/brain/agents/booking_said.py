"""How a booking on file is said to the caller: what it is, when, and a list of several."""

from __future__ import annotations

import re
from datetime import date, datetime, time

from frontdesk.brain.context import TurnContext
from frontdesk.brain.format import say_list, say_on_date, say_time
from frontdesk.brain.ports import ExistingAppointment
from frontdesk.brain.state import Appointment


def describe(a: Appointment, ctx: TurnContext) -> str:
    """ "oil change", "test drive of the 2024 Toyota RAV4", "property showing"."""
    service = ctx.profile.service(a.service_type)
    if service is not None:
        return service.name
    appt = ctx.profile.appointment_type(a.appointment_type)
    if appt is not None and appt.key == "test_drive" and a.vehicle:
        return f"test drive of the {a.vehicle}"
    return appt.label if appt is not None else "appointment"


def start_of(a: Appointment) -> datetime:
    return datetime.combine(date.fromisoformat(a.scheduled_date), time.fromisoformat(a.scheduled_time))


def facts(a: Appointment, ctx: TurnContext) -> dict[str, str]:
    start = start_of(a)
    on_date = say_on_date(start.date(), ctx.today)
    if on_date in {"today", "tomorrow"} and ctx.u is not None and re.search(
            r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b", ctx.u.text.lower()):
        on_date = f"{on_date}, {start:%A},"  # "he said thursday, I think it's friday": the weekday too
    return {"what": describe(a, ctx), "on_date": on_date, "time": say_time(start.time())}


def listed(found: list[Appointment], ctx: TurnContext) -> str:
    """Several bookings said in one breath; two alike (the same work at the same hour), or each
    for its own car, are told apart by their cars ("an oil change for the Volkswagen Jetta on
    Friday at 10 AM and …")."""
    alike = [(describe(a, ctx), start_of(a)) for a in found]
    items = []
    for a, key in zip(found, alike, strict=True):
        what = key[0]
        cars = {b.vehicle for b in found}
        if a.vehicle and "test drive" not in what and (alike.count(key) > 1 or (
                None not in cars and len(cars) == len(found))):
            # two cars booked: each said with its car ("a tire rotation for the Toyota Camry …")
            what = f"{what} for the {a.vehicle}"
        article = "an" if what[0] in "aeiou" else "a"
        items.append(f"{article} {what} {say_on_date(start_of(a).date(), ctx.today)} at "
                     f"{say_time(start_of(a).time())}")
    return say_list(items, "and")


def as_state(a: ExistingAppointment) -> Appointment:
    return Appointment(id=a.id, appointment_type=a.appointment_type, service_type=a.service_type,
                       scheduled_date=a.start.date().isoformat(),
                       scheduled_time=a.start.strftime("%H:%M"), duration_min=a.duration_min,
                       customer_name=a.customer_name, vehicle=a.vehicle,
                       services=[a.service_type] if a.service_type else [],
                       department=a.department)


def count(found: list[Appointment]) -> str:
    """How many bookings, said ("two", "three")."""
    return {2: "two", 3: "three", 4: "four"}.get(len(found), str(len(found)))
