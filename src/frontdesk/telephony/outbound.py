"""Placing an outbound call: the refusals first (do-not-call, calling hours), then Twilio."""

from __future__ import annotations

import logging
from urllib.parse import urlencode

from frontdesk.app import Runtime
from frontdesk.conversations.calls import CallRecord
from frontdesk.conversations.service import ConversationError, DoNotCallError
from frontdesk.telephony.hours import outside_calling_hours
from frontdesk.telephony.rest import TelephonyError

log = logging.getLogger(__name__)


class LeadNotFoundError(ConversationError):
    status = 404


class OutsideCallingHoursError(ConversationError):
    status = 409


class TelephonyNotConfiguredError(ConversationError):
    status = 503


class TelephonyFailedError(ConversationError):
    status = 502


async def place_call(runtime: Runtime, *, base_url: str, profile: str | None = None,
                     to: str | None = None, lead_id: int | None = None) -> CallRecord:
    """Ring ``to`` (or the lead's number) on behalf of ``profile``; the agent talks on answer."""
    settings = runtime.settings.twilio
    if runtime.twilio is None or not settings.from_number:
        raise TelephonyNotConfiguredError(
            "outbound calls need FRONTDESK_TWILIO__ACCOUNT_SID, FRONTDESK_TWILIO__AUTH_TOKEN "
            "and FRONTDESK_TWILIO__FROM_NUMBER")
    if lead_id is not None:
        contact = await runtime.call_records.lead_contact(lead_id)
        if contact is None:
            raise LeadNotFoundError(f"lead {lead_id} does not exist")
        lead_profile, to = contact
        if profile is not None and profile != lead_profile:
            raise ConversationError(f"lead {lead_id} belongs to {lead_profile}, not {profile}")
        profile = lead_profile
    assert to is not None and profile is not None
    business = runtime.brain.profile(profile)
    if await runtime.conversations.is_do_not_call(business.key, to):
        raise DoNotCallError(f"this number asked not to be called by {business.name}")
    reason = outside_calling_hours(to, runtime.brain.now(), start_hour=settings.calling_hours_start,
                                   end_hour=settings.calling_hours_end,
                                   fallback_zone=business.timezone)
    if reason is not None:
        raise OutsideCallingHoursError(f"outside calling hours: {reason}")
    record = await runtime.call_records.register(profile=business.key, direction="outbound",
                                                phone=to, telephony_status="queued")
    query = {"profile": business.key, "direction": "outbound", "session_id": record.session_id}
    if lead_id is not None:
        query["lead_id"] = str(lead_id)
    try:
        placed = await runtime.twilio.place_call(
            to=to, from_=settings.from_number, url=f"{base_url}/twilio/voice?{urlencode(query)}",
            status_callback=f"{base_url}/twilio/status")
    except TelephonyError as exc:
        await runtime.call_records.fail(record.session_id, str(exc))
        raise TelephonyFailedError(str(exc)) from exc
    record = await runtime.call_records.register(profile=business.key, direction="outbound",
                                                phone=to, call_sid=placed.sid,
                                                session_id=record.session_id)
    log.info("outbound call placed", extra={"conversation_id": record.session_id,
                                            "call_sid": placed.sid})
    return record
