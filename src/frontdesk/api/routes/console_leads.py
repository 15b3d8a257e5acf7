"""The console's Leads: the pipeline by status, with score, last contact and next action.

Read-only: the agent writes leads as it qualifies callers
(:func:`~frontdesk.storage.customers.save_lead`); this page lists them from
:func:`~frontdesk.storage.pipeline.lead_pipeline`, grouped by status, and links each to its
calls (``/console/calls?lead=…``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from frontdesk.api.deps import ServicesDep
from frontdesk.api.routes.console import _page, _zone
from frontdesk.api.security import PrincipalDep
from frontdesk.api.services import ApiServices
from frontdesk.storage.pipeline import PipelineLead, lead_pipeline

router = APIRouter(prefix="/console", include_in_schema=False)

STAGES = (("new", "New"), ("contacted", "Contacted"), ("qualified", "Qualified"),
          ("booked", "Booked"), ("nurture", "Nurture"), ("lost", "Lost"),
          ("do_not_call", "Do not call"))
"""The pipeline's columns, in the order a lead moves through them (the agent's statuses)."""
BY_STATUS = {
    "new": "Qualify: ask what they need, budget and timeline",
    "contacted": "Follow up: they were called, not qualified yet",
    "qualified": "Book an appointment",
    "booked": "Follow up after the appointment",
    "nurture": "Check in later",
    "lost": "None",
}


@dataclass(slots=True, frozen=True)
class Stage:
    key: str
    label: str
    leads: list[PipelineLead]


def next_action(lead: PipelineLead, services: ApiServices) -> str:
    """What should happen next: nothing for a do-not-call lead; else what is already planned
    (a task, an appointment); else what its status calls for."""
    if lead.do_not_call:
        return "None: asked not to be called"
    zone = _zone(services, lead.business)
    if lead.task_type is not None:
        what = "Call back" if lead.task_type == "callback" else "Talk to them (asked for a person)"
        if lead.task_due:
            return f"{what} by {datetime.fromisoformat(lead.task_due).astimezone(zone):%a %d %b %H:%M}"
        return what
    if lead.appointment is not None:
        return f"Appointment {lead.appointment:%a %d %b %H:%M}"
    return BY_STATUS.get(lead.status, "Review")


def details(lead: PipelineLead) -> str:
    """ "sell · up to $450,000 · Round Rock · 3 months": what qualification learned."""
    parts = [lead.intent or "",
             f"up to ${lead.budget_max:,}" if lead.budget_max else "", lead.location or "",
             f"{lead.timeline_months:g} months" if lead.timeline_months is not None else ""]
    return " · ".join(p for p in parts if p)


@router.get("/leads", response_class=HTMLResponse)
async def leads(request: Request, principal: PrincipalDep, services: ServicesDep,
                business: Annotated[str, Query(max_length=64)] = "") -> Response:
    """Every lead by status, highest score first in each; ``business`` narrows to one."""
    profiles = services.brain.profiles
    chosen = business if business in profiles else ""
    today = {key: services.calendar.local_now(key).date() for key in profiles}
    found = await lead_pipeline(services.sessions, today=today, business=chosen or None)
    known = {key for key, _ in STAGES}
    stages = [Stage(key, label, [lead for lead in found if lead.status == key])
              for key, label in STAGES]
    stages += [Stage(status, status.replace("_", " ").capitalize(),
                     [lead for lead in found if lead.status == status])
               for status in sorted({lead.status for lead in found} - known)]
    return _page("console/leads.html", request, principal, title="Leads", here="leads",
                 stages=stages, total=len(found), business=chosen,
                 businesses=[(k, p.name) for k, p in sorted(profiles.items())],
                 names={k: p.name for k, p in profiles.items()},
                 details=details, next_action=lambda lead: next_action(lead, services))
