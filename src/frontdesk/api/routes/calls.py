"""Outbound phone calls: ``POST /api/calls`` rings a number or a lead through Twilio."""

from __future__ import annotations

from fastapi import APIRouter, Request, status

from frontdesk.api.deps import ServicesDep
from frontdesk.api.schemas import CallCreate, CallOut, errors
from frontdesk.telephony.signature import public_base

router = APIRouter(prefix="/api", tags=["calls"])


@router.post("/calls", status_code=status.HTTP_201_CREATED, response_model=CallOut,
             responses=errors(400, 404, 409, 502, 503))
async def create_call(body: CallCreate, request: Request, services: ServicesDep) -> CallOut:
    record = await services.phone.place(
        base_url=public_base(request, services.settings.public_url), profile=body.profile,
        to=body.to, lead_id=body.lead_id)
    return CallOut(session_id=record.conversation_id, call_sid=record.call_sid,
                   profile=record.profile, to=record.phone, status="queued")
