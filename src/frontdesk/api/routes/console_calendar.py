"""The console's Calendar: day and week sheets per department, one appointment, cancel, move.

Pages read and change the appointments through
:class:`~frontdesk.conversations.calendar.StaffCalendar`, which holds staff to the agent's own
rules and writes through the agent's own calendar (reminders replanned, staff alerted, the
signed-in person's email as who did it). Times are the business's wall-clock time. Forms post
the session's CSRF token (the gate checks it) and redirect back (post/redirect/get).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Annotated, Any, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Path, Query, Request, status
from fastapi.responses import HTMLResponse, Response

from frontdesk.api.deps import ServicesDep
from frontdesk.api.routes.console import _back, _form, _page, _zone
from frontdesk.api.security import PrincipalDep
from frontdesk.api.services import ApiServices
from frontdesk.auth import Principal
from frontdesk.brain.ports import AppointmentNotFoundError
from frontdesk.conversations.calendar import CalendarNotFoundError, MoveRefusedError
from frontdesk.knowledge.profile import BusinessProfile
from frontdesk.storage.facts import AppointmentFacts

router = APIRouter(prefix="/console", include_in_schema=False)

LOCAL_INPUT = "%Y-%m-%dT%H:%M"
"""A ``datetime-local`` input's value: the business's wall-clock time, no offset."""
NOTICES = {"moved": "Moved. Its reminders follow the new time; staff were alerted.",
           "cancelled": "Cancelled. Its reminders are called off; staff were alerted."}

Business = Annotated[str, Path(min_length=1, max_length=64)]
AppointmentId = Annotated[int, Path(ge=1)]


def _business(services: ApiServices, wanted: str) -> str:
    """The business asked for, or the first one (there is always at least one profile)."""
    keys = sorted(services.brain.profiles)
    return wanted if wanted in services.brain.profiles else keys[0]


def _calendar_url(business: str, day: date, view: str = "day", department: str = "",
                  **extra: str) -> str:
    query = {"business": business, "view": view, "day": day.isoformat()}
    if department:
        query["department"] = department
    return "/console/calendar?" + urlencode({**query, **extra})


@router.get("/calendar", response_class=HTMLResponse)
async def calendar(request: Request, principal: PrincipalDep, services: ServicesDep,
                   business: Annotated[str, Query(max_length=64)] = "",
                   view: Literal["day", "week"] = "day",
                   day: date | None = None,
                   department: Annotated[str, Query(max_length=32)] = "") -> Response:
    """One business's appointments, capacity and open slots: a day, or the week around it."""
    key = _business(services, business)
    profile = services.brain.profiles[key]
    department = department if department in profile.departments else ""
    today = services.calendar.local_now(key).date()
    shown = day or today
    first, count, step = ((shown - timedelta(days=shown.weekday()), 7, 7) if view == "week"
                          else (shown, 1, 1))
    sheets = await services.calendar.days(key, first, count, department or None)
    return _page("console/calendar.html", request, principal, title="Calendar", here="calendar",
                 notice=NOTICES.get(request.query_params.get("done", "")),
                 business=key, profile=profile, view=view, day=shown, today=today,
                 department=department, sheets=sheets, first=first,
                 last=first + timedelta(days=count - 1),
                 businesses=[(k, p.name) for k, p in sorted(services.brain.profiles.items())],
                 local_now=services.calendar.local_now(key),
                 what=lambda facts: _what(profile, facts),
                 previous_url=_calendar_url(key, shown - timedelta(days=step), view, department),
                 next_url=_calendar_url(key, shown + timedelta(days=step), view, department),
                 today_url=_calendar_url(key, today, view, department),
                 day_url=lambda d: _calendar_url(key, d, "day", department),
                 view_url=lambda v: _calendar_url(key, shown, v, department))


async def _appointment_page(request: Request, principal: Principal, services: ApiServices,
                            business: str, appointment_id: int, day: date | None = None,
                            status_code: int = 200, **context: Any) -> HTMLResponse:
    staff_calendar = services.calendar
    try:
        facts = await staff_calendar.appointment(business, appointment_id)
    except CalendarNotFoundError:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "no such appointment") from None
    profile = staff_calendar.profile(business)
    target = day or facts.start.date()
    department = staff_calendar.department(facts)
    return _page("console/appointment.html", request, principal, status_code,
                 title="Appointment", here="calendar", a=facts, profile=profile,
                 what=_what(profile, facts), department=department,
                 end=facts.start + timedelta(minutes=facts.duration_min),
                 reminders=await staff_calendar.reminders(appointment_id),
                 zone=_zone(services, business), target=target,
                 open_starts=await staff_calendar.open_starts(facts, target),
                 local_input=lambda moment: moment.strftime(LOCAL_INPUT),
                 back_url=_calendar_url(business, facts.start.date()), **context)


@router.get("/calendar/{business}/{appointment_id}", response_class=HTMLResponse)
async def appointment(business: Business, appointment_id: AppointmentId, request: Request,
                      principal: PrincipalDep, services: ServicesDep,
                      day: date | None = None) -> Response:
    """One appointment whole: customer, service, time, status, reminders; cancel or move it
    (``day``: the day whose open times are offered to move it to)."""
    return await _appointment_page(request, principal, services, business, appointment_id, day)


@router.post("/calendar/{business}/{appointment_id}/cancel", response_class=HTMLResponse)
async def cancel(business: Business, appointment_id: AppointmentId, request: Request,
                 principal: PrincipalDep, services: ServicesDep) -> Response:
    """Cancel it as the agent would for the caller; the signed-in person did it."""
    try:
        facts = await services.calendar.appointment(business, appointment_id)
        await services.calendar.cancel(business, appointment_id, by=principal.user.email)
    except CalendarNotFoundError:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "no such appointment") from None
    except AppointmentNotFoundError:
        return await _appointment_page(request, principal, services, business, appointment_id,
                                       status_code=status.HTTP_409_CONFLICT,
                                       error="Not changed: the appointment is no longer active.")
    return _back(_calendar_url(business, facts.start.date(), done="cancelled"))


@router.post("/calendar/{business}/{appointment_id}/move", response_class=HTMLResponse)
async def move(business: Business, appointment_id: AppointmentId, request: Request,
               principal: PrincipalDep, services: ServicesDep) -> Response:
    """Move it to ``start`` (a ``datetime-local`` value, the business's time) by the agent's
    rules; a refusal says why and offers the nearest open times."""
    value = (await _form(request)).get("start", "")
    try:
        start = datetime.strptime(value[:16], LOCAL_INPUT)
    except ValueError:
        return await _appointment_page(request, principal, services, business, appointment_id,
                                       status_code=status.HTTP_422_UNPROCESSABLE_CONTENT,
                                       error="Pick a day and a time to move it to.")
    try:
        await services.calendar.move(business, appointment_id, start, by=principal.user.email)
    except CalendarNotFoundError:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "no such appointment") from None
    except AppointmentNotFoundError:
        return await _appointment_page(request, principal, services, business, appointment_id,
                                       status_code=status.HTTP_409_CONFLICT,
                                       error="Not changed: the appointment is no longer active.")
    except MoveRefusedError as refused:
        return await _appointment_page(request, principal, services, business, appointment_id,
                                       day=refused.start.date(),
                                       status_code=status.HTTP_409_CONFLICT,
                                       error=f"Not moved: {refused}.",
                                       alternatives=refused.alternatives)
    return _back(_calendar_url(business, start.date(), done="moved") + f"#appointment-{appointment_id}")


def _what(profile: BusinessProfile, facts: AppointmentFacts) -> str:
    """ "Oil change", "Test drive", "Buyer consultation": the service, else the type."""
    service = profile.service(facts.service_type)
    kind = profile.appointment_type(facts.appointment_type)
    label = (service.name if service is not None else kind.label if kind is not None
             else facts.appointment_type.replace("_", " "))
    return label[:1].upper() + label[1:]
