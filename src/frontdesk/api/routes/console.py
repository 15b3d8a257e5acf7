"""The console: the back office's own pages (Today, Calls, Tasks, Team), rendered on the server.

Every page sits behind the app-wide gate like the API (a signed-in user; an anonymous browser
is sent to ``/login``). The pages read and change things through the same stores the API uses
(:class:`~frontdesk.api.services.ApiServices`); their forms post the session's CSRF token,
which the gate checks, then redirect back (post/redirect/get). No scripts, but one: Today follows
the calls in progress live with ``today.js`` (:mod:`frontdesk.api.routes.assets`), and reloads
itself with a ``<meta http-equiv="refresh">`` where scripts are off.
"""

from __future__ import annotations

import json
import math
from collections.abc import Awaitable
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Any, get_args
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from fastapi import APIRouter, HTTPException, Path, Query, Request, status
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from frontdesk.api.deps import ServicesDep
from frontdesk.api.pages import BASE_CSP, render
from frontdesk.api.security import PrincipalDep
from frontdesk.api.services import ApiServices
from frontdesk.auth import Principal
from frontdesk.storage import queries
from frontdesk.storage.history import CallFilter
from frontdesk.storage.presence import PresenceStatus
from frontdesk.storage.records import Turn
from frontdesk.storage.tasks import TaskNotFoundError, TaskRecord, TaskStateError

router = APIRouter(prefix="/console", include_in_schema=False)

CONSOLE_CSP = BASE_CSP + "; media-src 'self'"
"""The base policy, and the call's recording for its ``<audio>`` player (this server only)."""
TODAY_CSP = CONSOLE_CSP + "; script-src 'self'; connect-src 'self'"
"""Today's live part: its own script from this server, which opens ``/ws`` and polls the page."""
PAGE_SIZE = 25
CHANNELS = ("text", "phone", "web", "voice")
PRESENCE: tuple[str, ...] = get_args(PresenceStatus)
REFRESH_S = 10
"""Today reloads this often where scripts are off."""
POLL_S = 3
"""Today's script looks for calls that started or ended this often (transcripts stream)."""
LOCAL_INPUT = "%Y-%m-%dT%H:%M"
"""A ``datetime-local`` input's value: the business's wall-clock time, no offset."""

TaskId = Annotated[str, Path(min_length=1, max_length=64)]


# --- helpers -------------------------------------------------------------------------------------

def _zone(services: ApiServices, business: str) -> ZoneInfo:
    profile = services.brain.profiles.get(business)
    return ZoneInfo(profile.timezone if profile is not None else "UTC")


def _page(name: str, request: Request, principal: Principal, status_code: int = 200,
          csp: str = CONSOLE_CSP, **context: Any) -> HTMLResponse:
    services: ApiServices = request.app.state.services

    def at(moment: datetime | None, business: str, seconds: bool = False) -> str:
        """A moment at the business's local time, as staff there read it."""
        if moment is None:
            return ""
        local = moment.astimezone(_zone(services, business))
        return local.strftime(f"%a %d %b %H:%M{':%S' if seconds else ''} %Z")

    return render(name, status_code, csp=csp, at=at, user=principal.user.email,
                  owner=principal.user.role == "owner", csrf_token=principal.csrf_token or "",
                  **context)


def _back(url: str) -> RedirectResponse:
    return RedirectResponse(url, status.HTTP_303_SEE_OTHER)


async def _form(request: Request) -> dict[str, str]:
    return {k: str(v) for k, v in (await request.form()).items()}


page, back = _page, _back
"""The helpers, for the console's other page modules (Business, Settings)."""


def _latency(turn: Turn) -> str:
    """A voice reply's stages (ms), or the brain's time alone for a text reply."""
    stages = turn.latency
    if stages:
        return " · ".join(f"{name.removesuffix('_ms')} {value:.0f}"
                          for name, value in stages.items()) + " ms"
    return f"brain {turn.brain_ms:.0f} ms" if turn.brain_ms is not None else ""


@dataclass(slots=True, frozen=True)
class TimelineItem:
    at: datetime
    what: str
    detail: str


def _detail(data: dict[str, Any]) -> str:
    text = json.dumps(data, default=str, ensure_ascii=False)
    return text if len(text) <= 200 else text[:199] + "…"


# --- Today ---------------------------------------------------------------------------------------

@router.get("", response_class=HTMLResponse)
async def today(request: Request, principal: PrincipalDep, services: ServicesDep) -> Response:
    """Calls in progress, today's bookings at each business, the open tasks. "Today" and
    "overdue" are the app's clock at each business (the roster's), as the agent sees them."""
    active = await services.history.list(CallFilter(status="active"), limit=50)
    profiles = services.brain.profiles
    bookings = []
    for key, profile in sorted(profiles.items()):
        local_day = services.staff.local_now(profile).date()
        bookings += await queries.list_appointments(services.sessions, business=key,
                                                    on=local_day)
    open_tasks = await services.tasks.list(open_only=True, limit=1000)
    overdue = [t for t in open_tasks if t.due_at is not None and t.business in profiles
               and t.due_at <= services.staff.local_now(profiles[t.business])]
    return _page("console/today.html", request, principal, title="Today", here="today",
                 csp=TODAY_CSP, refresh_s=REFRESH_S, poll_s=POLL_S, active=active.calls,
                 active_total=active.total, bookings=bookings, open_tasks=len(open_tasks),
                 overdue=len(overdue), alerts=await _alerts(services, open_tasks, overdue))


@dataclass(frozen=True, slots=True)
class Alert:
    """Something on Today that needs a person: what happened, where to act on it."""

    kind: str
    """``waiting`` (a caller asked for a person), ``overdue`` (a promised callback is late),
    ``failed`` (a reminder, alert or webhook gave up)."""
    text: str
    business: str | None
    href: str
    job_id: str | None = None
    """A failed job, which the alert offers to run again."""


_JOB_NAMES = {"reminder": "reminder", "staff_alert": "staff alert", "webhook": "webhook",
              "callback_call": "callback call"}


async def _alerts(services: ApiServices, open_tasks: list[TaskRecord],
                  overdue: list[TaskRecord]) -> list[Alert]:
    alerts = [Alert("waiting", f"{t.caller_name or t.caller_phone or 'A caller'} asked for a person"
                    + (f": {t.reason}" if t.reason else ""), t.business, "/console/tasks")
              for t in open_tasks if t.task_type == "human_escalation" and t.status == "pending"]
    alerts += [Alert("overdue", f"Callback to {t.caller_name or t.caller_phone or 'a caller'} is "
                     "overdue" + (f" ({t.reason})" if t.reason else ""), t.business,
                     "/console/tasks")
               for t in overdue if t.task_type == "callback"]
    for job in await services.jobs.list(status="failed", limit=20):
        what = _JOB_NAMES.get(job.kind, job.kind.replace("_", " "))
        alerts.append(Alert("failed", f"A {what} could not be sent: {job.last_error or 'no reason given'}",
                            job.business, f"/console/calls/{job.conversation_id}"
                            if job.conversation_id else "/console", job_id=job.job_id))
    return alerts


@router.post("/jobs/{job_id}/retry", response_class=HTMLResponse)
async def retry_job(services: ServicesDep, job_id: Annotated[str, Path(min_length=1, max_length=64)],
                    ) -> Response:
    """Run a job that gave up again now (a reminder the SMS provider refused, once fixed)."""
    if not await services.jobs.retry_now(job_id):
        raise HTTPException(status.HTTP_404_NOT_FOUND, "no such job")
    return _back("/console?retried=1")


# --- Calls ---------------------------------------------------------------------------------------

@router.get("/calls", response_class=HTMLResponse)
async def calls(request: Request, principal: PrincipalDep, services: ServicesDep,
                business: Annotated[str, Query(max_length=64)] = "",
                channel: Annotated[str, Query(max_length=16)] = "",
                outcome: Annotated[str, Query(max_length=64)] = "",
                q: Annotated[str, Query(max_length=200)] = "",
                page: Annotated[int, Query(ge=1, le=100_000)] = 1,
                lead: Annotated[int | None, Query(ge=1)] = None) -> Response:
    """The call log, newest first: search the words said, filter, page through; ``lead``:
    the calls of one lead (the Leads page links here)."""
    filters = {"business": business.strip() or None,
               "channel": channel if channel in CHANNELS else None,
               "outcome": outcome.strip() or None, "q": q.strip() or None,
               "lead": str(lead) if lead else None}
    found = await services.history.list(
        CallFilter(business=filters["business"], channel=filters["channel"],
                   outcome=filters["outcome"], text=filters["q"], lead_id=lead),
        limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
    pages = max(1, math.ceil(found.total / PAGE_SIZE))

    def url(to: int) -> str:
        kept = {k: v for k, v in filters.items() if v}
        return "/console/calls?" + urlencode({**kept, "page": to})

    return _page("console/calls.html", request, principal, title="Calls", here="calls",
                 calls=found.calls, total=found.total, filters=filters, channels=CHANNELS,
                 businesses=[(k, p.name) for k, p in sorted(services.brain.profiles.items())],
                 page=page, pages=pages, previous_url=url(page - 1) if page > 1 else None,
                 next_url=url(page + 1) if page < pages else None)


@router.get("/calls/{session_id}", response_class=HTMLResponse)
async def call(session_id: Annotated[str, Path(max_length=64)], request: Request,
               principal: PrincipalDep, services: ServicesDep) -> Response:
    """One call whole: transcript, timeline, outcome, tasks, appointment, recording."""
    detail = await services.history.get(session_id)
    if detail is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "no such call")
    timeline = sorted(
        [TimelineItem(t.created_at, f"{t.from_agent} → {t.to_agent}", t.reason)
         for t in detail.transitions]
        + [TimelineItem(e.created_at, e.kind, _detail(e.data)) for e in detail.events],
        key=lambda item: item.at)
    tasks = await services.tasks.list(conversation_id=session_id, limit=500)
    appointments = await queries.list_appointments(services.sessions,
                                                   conversation_id=session_id)
    return _page("console/call.html", request, principal, title="Call", here="calls",
                 call=detail.call, turns=detail.turns, latency=_latency, timeline=timeline,
                 tasks=tasks, appointments=appointments)


# --- Tasks ---------------------------------------------------------------------------------------

async def _tasks_page(request: Request, principal: Principal, services: ApiServices,
                      status_code: int = 200, **context: Any) -> HTMLResponse:
    tasks = await services.tasks.list(open_only=True, limit=200)

    def local_input(task: TaskRecord) -> str:
        return task.due_at.astimezone(_zone(services, task.business)).strftime(
            LOCAL_INPUT) if task.due_at else ""

    return _page("console/tasks.html", request, principal, status_code, title="Tasks",
                 here="tasks", tasks=tasks, local_input=local_input, **context)


@router.get("/tasks", response_class=HTMLResponse)
async def tasks_page(request: Request, principal: PrincipalDep,
                     services: ServicesDep) -> Response:
    """The callback inbox: open tasks, soonest due first."""
    notice = {"claimed": "Claimed.", "completed": "Completed.",
              "rescheduled": "Rescheduled."}.get(request.query_params.get("done", ""))
    return await _tasks_page(request, principal, services, notice=notice)


async def _task_change(request: Request, principal: Principal, services: ApiServices,
                       change: Awaitable[TaskRecord], done: str) -> Response:
    try:
        await change
    except TaskNotFoundError:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "no such task") from None
    except TaskStateError as exc:
        return await _tasks_page(request, principal, services, status.HTTP_409_CONFLICT,
                                 error=f"Not changed: {exc}.")
    return _back(f"/console/tasks?done={done}")


@router.post("/tasks/{task_id}/claim", response_class=HTMLResponse)
async def claim(task_id: TaskId, request: Request, principal: PrincipalDep,
                services: ServicesDep) -> Response:
    """The signed-in person takes the task (the agent will not call back on its own)."""
    return await _task_change(request, principal, services,
                              services.tasks.claim(task_id, principal.user.email), "claimed")


@router.post("/tasks/{task_id}/complete", response_class=HTMLResponse)
async def complete(task_id: TaskId, request: Request, principal: PrincipalDep,
                   services: ServicesDep) -> Response:
    note = (await _form(request)).get("note", "").strip()[:500] or None
    return await _task_change(request, principal, services,
                              services.tasks.complete(task_id, by=principal.user.email,
                                                      note=note), "completed")


@router.post("/tasks/{task_id}/reschedule", response_class=HTMLResponse)
async def reschedule(task_id: TaskId, request: Request, principal: PrincipalDep,
                     services: ServicesDep) -> Response:
    """A new due time, typed as the business's wall-clock time (``datetime-local``)."""
    task = await services.tasks.get(task_id)
    if task is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "no such task")
    value = (await _form(request)).get("due_at", "")
    try:
        local = datetime.strptime(value[:16], LOCAL_INPUT)
    except ValueError:
        return await _tasks_page(request, principal, services,
                                 status.HTTP_422_UNPROCESSABLE_CONTENT,
                                 error="Pick a date and a time to call back.")
    due = local.replace(tzinfo=_zone(services, task.business))
    return await _task_change(request, principal, services,
                              services.tasks.reschedule(task_id, due), "rescheduled")


# --- Team ----------------------------------------------------------------------------------------

@router.get("/team", response_class=HTMLResponse)
async def team(request: Request, principal: PrincipalDep, services: ServicesDep) -> Response:
    """Per business: who is on duty now, their presence, and the switch."""
    businesses = []
    for key, profile in sorted(services.brain.profiles.items()):
        businesses.append({"key": key, "name": profile.name,
                           "local_time": services.staff.local_now(profile),
                           "entries": await services.staff.entries(key)})
    return _page("console/team.html", request, principal, title="Team", here="team",
                 businesses=businesses, presence_options=PRESENCE)


@router.post("/team/{profile}/{person}/presence", response_class=HTMLResponse)
async def presence(profile: Annotated[str, Path(min_length=1, max_length=64)],
                   person: Annotated[str, Path(min_length=1, max_length=100)],
                   request: Request, principal: PrincipalDep, services: ServicesDep) -> Response:
    """Set whether a person takes callers now (the roster desk reads the same presence)."""
    chosen = (await _form(request)).get("status", "")
    if chosen not in PRESENCE:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT,
                            f"presence is one of {', '.join(PRESENCE)}")
    await services.staff.set_presence(profile, person, chosen,  # type: ignore[arg-type]
                                      principal.user.email)
    return _back(f"/console/team#{profile}")
