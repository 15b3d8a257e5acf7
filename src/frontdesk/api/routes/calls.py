"""Outbound phone calls: ``POST /api/calls`` rings a number or a lead through Twilio.

The URLs Twilio is given for the call's instructions and status come only from the configured
``FRONTDESK_PUBLIC_URL``, never from a request's Host or forwarded headers (which a caller
could set, sending Twilio's callbacks, and the call, elsewhere): without it the call is refused.
"""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, status

from frontdesk.api.deps import ServicesDep
from frontdesk.api.schemas import CallCreate, CallOut, errors

router = APIRouter(prefix="/api", tags=["calls"])


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
