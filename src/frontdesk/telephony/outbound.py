"""Placing an outbound call: the refusals first (do-not-call, calling hours), then Twilio."""

from __future__ import annotations

import logging
from urllib.parse import urlencode

from frontdesk.config import TwilioSettings
from frontdesk.conversations.calls import CallRecord, CallRecords
from frontdesk.conversations.service import ConversationError, ConversationService, DoNotCallError
from frontdesk.telephony.hours import outside_calling_hours
from frontdesk.telephony.rest import TelephonyError, TwilioRest

log = logging.getLogger(__name__)


class LeadNotFoundError(ConversationError):
    status = 404


class OutsideCallingHoursError(ConversationError):
    status = 409


class TelephonyNotConfiguredError(ConversationError):
    status = 503


class TelephonyFailedError(ConversationError):
    status = 502


async def place_call(rest: TwilioRest | None, settings: TwilioSettings, records: CallRecords,
                     conversations: ConversationService, *, base_url: str,
                     profile: str | None = None, to: str | None = None,
                     lead_id: int | None = None, callback_for: str | None = None) -> CallRecord:
    """Ring ``to`` (or the lead's number) on behalf of ``profile``; the agent talks on answer.
    ``callback_for``: the callback task this call returns (the agent greets accordingly)."""
    if rest is None or not settings.from_number:
        raise TelephonyNotConfiguredError(
            "outbound calls need FRONTDESK_TWILIO__ACCOUNT_SID, FRONTDESK_TWILIO__AUTH_TOKEN "
            "and FRONTDESK_TWILIO__FROM_NUMBER")
    if lead_id is not None:
        contact = await records.lead_contact(lead_id)
        if contact is None:
            raise LeadNotFoundError(f"lead {lead_id} does not exist")
        lead_profile, to = contact
        if profile is not None and profile != lead_profile:
            raise ConversationError(f"lead {lead_id} belongs to {lead_profile}, not {profile}")
        profile = lead_profile
    assert to is not None and profile is not None
    business = conversations.brain.profile(profile)
    if await conversations.is_do_not_call(business.key, to):
        raise DoNotCallError(f"this number asked not to be called by {business.name}")
    reason = outside_calling_hours(to, conversations.brain.now(), start_hour=settings.calling_hours_start,
                                   end_hour=settings.calling_hours_end,
                                   fallback_zone=business.timezone)
    if reason is not None:
        raise OutsideCallingHoursError(f"outside calling hours: {reason}")
    record = await records.register(profile=business.key, direction="outbound",
                                                phone=to, telephony_status="queued",
                                                callback_for=callback_for)
    query = {"profile": business.key, "direction": "outbound", "session_id": record.conversation_id}
    if lead_id is not None:
        query["lead_id"] = str(lead_id)
    try:
        placed = await rest.place_call(
            to=to, from_=settings.from_number, url=f"{base_url}/twilio/voice?{urlencode(query)}",
            status_callback=f"{base_url}/twilio/status")
    except TelephonyError as exc:
        await records.fail(record.conversation_id, str(exc))
        raise TelephonyFailedError(str(exc)) from exc
    record = await records.register(profile=business.key, direction="outbound",
                                                phone=to, call_sid=placed.sid,
                                                conversation_id=record.conversation_id)
    log.info("outbound call placed", extra={"conversation_id": record.conversation_id,
                                            "call_sid": placed.sid})
    return record
