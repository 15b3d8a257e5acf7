"""Phone calls and the call log.

``POST /api/calls`` rings a number or a lead through Twilio. ``GET /api/calls`` lists
conversations on every channel (filtered, searched, newest first); ``GET /api/calls/{id}``
reads one whole; ``GET /api/calls/{id}/recording`` streams its recording (byte ranges, so an
``<audio>`` element can seek); ``DELETE /api/calls/{id}`` deletes it with its recording.

The URLs Twilio is given for the call's instructions and status come only from the configured
``FRONTDESK_PUBLIC_URL``, never from a request's Host or forwarded headers (which a caller
could set, sending Twilio's callbacks, and the call, elsewhere): without it the call is refused.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Response, status
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse
from pydantic import AwareDatetime

from frontdesk.api.deps import ServicesDep, bind_path_conversation
from frontdesk.api.routes.followup import job_out, task_out
from frontdesk.api.schemas import (
    AgentTransitionOut,
    AppointmentOut,
    CallCreate,
    CallDetailOut,
    CallEventOut,
    CallListOut,
    CallOut,
    CallSummaryOut,
    CallTurnOut,
    DeliveryOut,
    TurnLatencyOut,
    errors,
)
from frontdesk.brain.nlu.contact import normalise_phone
from frontdesk.storage import queries
from frontdesk.storage.history import CallFilter, CallInProgressError, CallSummary
from frontdesk.storage.records import Turn

router = APIRouter(prefix="/api", tags=["calls"], dependencies=[Depends(bind_path_conversation)])

RECORDING_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"content": {"audio/ogg": {}}, "description": "the whole recording (Ogg/Opus, "
          "stereo: the caller left, the agent right)"},
    206: {"content": {"audio/ogg": {}}, "description": "the byte range asked for (``Range``)"},
    416: {"description": "the byte range asked for is outside the recording"},
    **errors(404),
}


@router.post("/calls", status_code=status.HTTP_201_CREATED, response_model=CallOut,
             responses=errors(400, 404, 409, 502, 503))
async def create_call(body: CallCreate, services: ServicesDep) -> CallOut:
    public_url = services.settings.public_url
    if not public_url:
        raise HTTPException(status.HTTP_503_SERVICE_UNAVAILABLE,
                            "outbound calls need FRONTDESK_PUBLIC_URL: the address Twilio "
                            "reaches this server at (its callbacks are built from it)")
    record = await services.phone.place(
        base_url=public_url.rstrip("/"), profile=body.profile,
        to=body.to, lead_id=body.lead_id)
    return CallOut(session_id=record.conversation_id, call_sid=record.call_sid,
                   profile=record.profile, to=record.phone, status="queued")


def _lead(value: str | None) -> tuple[int | None, str | None]:
    """``lead=42`` (a lead's id) or ``lead=+15125550142`` (the customer's number)."""
    if value is None:
        return None, None
    if value.isdigit() and len(value) <= 9:
        return int(value), None
    phone = normalise_phone(value)
    if phone is None:
        raise RequestValidationError([{
            "loc": ["query", "lead"], "msg": "a lead id or a phone number", "type": "value_error",
            "input": value}])
    return None, phone


def _summary_fields(call: CallSummary) -> dict[str, Any]:
    fields = asdict(call)
    conversation_id = fields.pop("conversation_id")
    has_recording = fields.pop("has_recording")
    return dict(fields, session_id=conversation_id, recording_url=(
        f"/api/calls/{conversation_id}/recording" if has_recording else None))


def _turn(t: Turn) -> CallTurnOut:
    latency = t.latency
    return CallTurnOut(seq=t.seq, role=t.role, text=t.text, agent=t.agent, intent=t.intent,
                       confidence=t.confidence, interrupted=t.interrupted, brain_ms=t.brain_ms,
                       latency=TurnLatencyOut(**latency) if latency else None,
                       created_at=t.created_at)


@router.get("/calls", response_model=CallListOut)
async def list_calls(
        services: ServicesDep, business: str | None = None,
        direction: Literal["inbound", "outbound"] | None = None,
        channel: Literal["text", "phone", "web", "voice"] | None = None,
        outcome: str | None = None,
        call_status: Annotated[Literal["pending", "active", "ended"] | None,
                               Query(alias="status")] = None,
        started_from: Annotated[AwareDatetime | None, Query(alias="from")] = None,
        started_to: Annotated[AwareDatetime | None, Query(alias="to")] = None,
        q: Annotated[str | None, Query(min_length=1, max_length=200)] = None,
        lead: Annotated[str | None, Query(max_length=32)] = None,
        limit: Annotated[int, Query(ge=1, le=200)] = 50,
        offset: Annotated[int, Query(ge=0)] = 0) -> CallListOut:
    """Conversations on every channel, newest first.

    ``from``/``to``: started at or after / before these moments, with their UTC offset
    (``2026-11-23T00:00:00-06:00``; a ``+`` is ``%2B`` in a URL). ``q``: words said by either
    side (case does not matter). ``lead``: a lead's id, or a customer's phone number."""
    lead_id, phone = _lead(lead)
    page = await services.history.list(CallFilter(
        business=business, direction=direction, channel=channel, outcome=outcome,
        status=call_status, started_from=started_from, started_to=started_to, text=q,
        lead_id=lead_id, phone=phone), limit=limit, offset=offset)
    following = offset + len(page.calls)
    return CallListOut(calls=[CallSummaryOut(**_summary_fields(c)) for c in page.calls],
                       total=page.total, limit=limit, offset=offset,
                       next_offset=following if following < page.total else None)


@router.get("/calls/{session_id}", response_model=CallDetailOut, responses=errors(404))
async def get_call(session_id: str, services: ServicesDep) -> CallDetailOut:
    """The call with its transcript (per-turn latency, interruptions), agent transitions,
    events, outcome and summary, tasks, appointments, and the jobs it started with their
    deliveries."""
    detail = await services.history.get(session_id)
    if detail is None:
        raise HTTPException(404, "no such conversation")
    tasks = await services.tasks.list(conversation_id=session_id, limit=500)
    appointments = await queries.list_appointments(services.sessions,
                                                   conversation_id=session_id)
    jobs = []
    for job in await services.jobs.list(conversation_id=session_id, limit=500):
        deliveries = [DeliveryOut(**{k: v for k, v in asdict(d).items()
                                     if k not in ("delivery_id", "job_id", "business")})
                      for d in await services.jobs.deliveries(job_id=job.job_id)]
        jobs.append(job_out(job, deliveries))
    return CallDetailOut(
        **_summary_fields(detail.call),
        transcript=[_turn(t) for t in detail.turns],
        interruptions=sum(t.interrupted for t in detail.turns),
        transitions=[AgentTransitionOut(**asdict(t)) for t in detail.transitions],
        events=[CallEventOut(**asdict(e)) for e in detail.events],
        tasks=[task_out(t) for t in tasks],
        appointments=[AppointmentOut(**asdict(a), session_id=a.conversation_id)
                      for a in appointments],
        jobs=jobs)


@router.get("/calls/{session_id}/recording", response_class=FileResponse,
            responses=RECORDING_RESPONSES)
async def get_recording(session_id: str, services: ServicesDep) -> FileResponse:
    """The call's recording; answers ``Range`` requests with 206 (``Accept-Ranges: bytes``)."""
    recording = await services.recordings.get(session_id)
    if recording is None:
        raise HTTPException(404, "this call has no recording")
    return FileResponse(recording.path, media_type=recording.media_type,
                        filename=f"{session_id}.ogg", content_disposition_type="inline")


@router.delete("/calls/{session_id}", status_code=status.HTTP_204_NO_CONTENT,
               response_class=Response, responses=errors(404, 409))
async def delete_call(session_id: str, services: ServicesDep) -> Response:
    """Delete an ended conversation: its transcript, events, tasks and recording. Its
    appointments are kept (no longer linked to it); its jobs not run yet are cancelled."""
    try:
        recording = await services.history.delete(session_id)
    except LookupError:
        raise HTTPException(404, "no such conversation") from None
    except CallInProgressError as exc:
        raise HTTPException(409, str(exc)) from None
    services.recordings.remove_file(recording)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
