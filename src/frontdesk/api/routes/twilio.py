"""Twilio's side of a phone call: the voice webhook (TwiML), status callbacks, Media Streams.

Point a Twilio number's "A call comes in" webhook at ``POST /twilio/voice?profile=<key>`` and
its status callback at ``POST /twilio/status`` (see the README, "Connect a Twilio number");
its "A message comes in" webhook at ``POST /twilio/sms`` (STOP, START and HELP keywords, see
docs/follow-through.md).
``POST /twilio/dial-status`` needs no setup: a transfer's ``<Dial action>`` names it.
"""

from __future__ import annotations

import logging
import re
from typing import Annotated, Literal

from fastapi import APIRouter, HTTPException, Query, Request, Response, WebSocket, status

from frontdesk.api.deps import ServicesDep
from frontdesk.api.schemas import errors
from frontdesk.api.services import ApiServices
from frontdesk.brain import UnknownProfileError
from frontdesk.conversations.calls import STATUSES
from frontdesk.conversations.service import ConversationNotFoundError
from frontdesk.followup.inbound import HELP_REPLY_KEY, Keyword, help_reply, keyword
from frontdesk.followup.sms import E164
from frontdesk.logs import bind_conversation, conversation, personal
from frontdesk.telephony import twiml
from frontdesk.telephony.media import WireStats, read_start
from frontdesk.telephony.phone import DIAL_ANSWERED, DIAL_NOT_ANSWERED, RESUME_AFTER_TRANSFER
from frontdesk.telephony.signature import is_valid, public_base, requested_url

log = logging.getLogger(__name__)
router = APIRouter(prefix="/twilio", tags=["twilio"])

_XML = "application/xml"
_SECONDS = re.compile(r"[0-9]{1,9}")
_NOT_AVAILABLE = "Sorry, this line is not available right now. Please call back later."


async def _signed_form(request: Request, services: ApiServices) -> dict[str, str]:
    """The POSTed fields, after checking Twilio's signature when an auth token is configured."""
    form = await request.form()
    params = {key: str(value) for key, value in form.multi_items()}
    token = services.settings.twilio.auth_token
    url = requested_url(request, services.settings.public_url,
                        services.settings.server.trusted_proxies)
    if token and not is_valid(token, url, params, request.headers.get("x-twilio-signature")):
        log.warning("twilio webhook with a bad signature", extra={"path": request.url.path})
        raise HTTPException(status.HTTP_403_FORBIDDEN, "invalid or missing X-Twilio-Signature")
    return params


@router.post("/voice", response_class=Response, responses={
    200: {"content": {_XML: {"schema": {"type": "string"}}},
          "description": "TwiML: connect the call to the agent, or decline it"},
    **errors(400, 403)})
async def voice_webhook(request: Request, services: ServicesDep, profile: str | None = None,
                        direction: Literal["inbound", "outbound"] = "inbound",
                        session_id: str | None = None, lead_id: str | None = None) -> Response:
    """A call is ringing (inbound) or was answered (outbound): connect it to the agent."""
    params = await _signed_form(request, services)
    call_sid = params.get("CallSid")
    if not call_sid:
        raise HTTPException(status.HTTP_400_BAD_REQUEST, "CallSid is required")
    key = profile or services.settings.twilio.default_profile
    try:
        services.brain.profile(key)
    except UnknownProfileError:
        log.error("twilio webhook for an unknown profile", extra={"profile": key})
        return Response(twiml.decline(_NOT_AVAILABLE), media_type=_XML)
    if not services.phone.accepting:
        log.error("a phone call arrived but voice is disabled (FRONTDESK_VOICE_ENABLED=false)")
        return Response(twiml.decline(_NOT_AVAILABLE), media_type=_XML)
    # The person on the other end: the caller inbound, the number we dialled outbound.
    phone = params.get("From") if direction == "inbound" else params.get("To")
    record = await services.phone.records.register(profile=key, direction=direction, phone=phone,
                                                call_sid=call_sid, conversation_id=session_id)
    bind_conversation(record.conversation_id)
    base = public_base(request, services.settings.public_url,
                       services.settings.server.trusted_proxies)
    stream_url = base.replace("https://", "wss://", 1).replace("http://", "ws://", 1)
    parameters = {"session_id": record.conversation_id, "profile": record.profile,
                  "direction": record.direction}
    if lead_id:
        parameters["lead_id"] = lead_id
    return Response(twiml.connect_stream(f"{stream_url}/twilio/stream", parameters),
                    media_type=_XML)


@router.post("/status", status_code=status.HTTP_204_NO_CONTENT, response_class=Response,
             responses=errors(400, 403, 404))
async def status_callback(request: Request, services: ServicesDep) -> Response:
    """Twilio's call progress: ringing, in-progress, completed, busy, no-answer, failed."""
    params = await _signed_form(request, services)
    call_sid, call_status = params.get("CallSid"), params.get("CallStatus")
    if not call_sid or call_status not in STATUSES:
        raise HTTPException(status.HTTP_400_BAD_REQUEST,
                            f"CallSid and a known CallStatus are required, got {call_status!r}")
    duration = params.get("CallDuration") or None
    # ASCII digits only (str.isdigit() also admits '²', which int() refuses), and at most what
    # the duration column holds: a 4xx, never a 500, for anything else.
    if duration is not None and not _SECONDS.fullmatch(duration):
        raise HTTPException(status.HTTP_400_BAD_REQUEST,
                            f"CallDuration must be whole seconds (0-999999999), got {duration!r}")
    conversation_id = await services.phone.records.update_status(
        call_sid, call_status, int(duration) if duration is not None else None)
    if conversation_id is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"no call with CallSid {call_sid}")
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post("/sms", response_class=Response, responses={
    200: {"content": {_XML: {"schema": {"type": "string"}}},
          "description": "TwiML: the answer to HELP, or nothing"},
    **errors(400, 403)})
async def sms_webhook(request: Request, services: ServicesDep,
                      profile: str | None = None) -> Response:
    """A text message to a business's number: STOP opts the sender out of its texts, START
    back in, HELP is answered; anything else is logged and left unanswered.

    The business is ``?profile=`` when given, else the profile whose phone is ``To``, else
    ``FRONTDESK_TWILIO__DEFAULT_PROFILE``.
    """
    params = await _signed_form(request, services)
    sender = params.get("From", "")
    if not E164.fullmatch(sender):
        raise HTTPException(status.HTTP_400_BAD_REQUEST,
                            f"From must be an E.164 number, got {sender!r}")
    key = profile or _profile_for_number(services, params.get("To", ""))
    try:
        business = services.brain.profile(key)
    except UnknownProfileError:
        log.error("twilio sms webhook for an unknown profile", extra={"profile": key})
        return Response(twiml.no_reply(), media_type=_XML)
    found = keyword(params.get("Body"))
    where = {"profile": key, "message_sid": params.get("MessageSid"), "keyword": found}
    if found in (Keyword.OPT_OUT, Keyword.OPT_IN):
        await services.sms_opt_outs.set_opt_out(key, sender, found is Keyword.OPT_OUT)
        log.info("sms opt-out recorded" if found is Keyword.OPT_OUT else "sms opt-in recorded",
                 extra={**where, **personal(phone=sender)})
        return Response(twiml.no_reply(), media_type=_XML)
    if found is Keyword.HELP:
        try:
            text = help_reply(business.name, business.phone, business.replies.get(HELP_REPLY_KEY))
        except ValueError:
            log.exception("the profile's sms help reply is malformed", extra={"profile": key})
            text = help_reply(business.name, business.phone)
        log.info("sms help answered", extra=where)
        return Response(twiml.message(text), media_type=_XML)
    log.info("inbound text message left unanswered",
             extra={**where, **personal(phone=sender, body=params.get("Body", ""))})
    return Response(twiml.no_reply(), media_type=_XML)


def _profile_for_number(services: ApiServices, number: str) -> str:
    """The business whose phone is ``number``, else the default one."""
    for key, business in services.brain.profiles.items():
        if number and business.phone == number:
            return key
    return services.settings.twilio.default_profile


@router.post("/dial-status", response_class=Response, responses={
    200: {"content": {_XML: {"schema": {"type": "string"}}},
          "description": "TwiML: hang up (the person took the call), or connect the caller back "
                         "to the agent (nobody answered)"},
    **errors(400, 403, 404)})
async def dial_status(request: Request, services: ServicesDep,
                      session_id: Annotated[str, Query(min_length=1, max_length=64)]) -> Response:
    """How a transfer to a person ended (the ``<Dial action>``): answered, or back to the agent."""
    params = await _signed_form(request, services)
    call_sid, dial = params.get("CallSid"), params.get("DialCallStatus")
    if not call_sid or dial not in DIAL_ANSWERED | DIAL_NOT_ANSWERED:
        raise HTTPException(status.HTTP_400_BAD_REQUEST,
                            f"CallSid and a known DialCallStatus are required, got {dial!r}")
    bind_conversation(session_id)
    base = public_base(request, services.settings.public_url,
                       services.settings.server.trusted_proxies)
    stream_url = base.replace("https://", "wss://", 1).replace("http://", "ws://", 1)
    try:
        answer = await services.phone.dial_ended(session_id, call_sid, dial,
                                                 stream_url=f"{stream_url}/twilio/stream")
    except ConversationNotFoundError as exc:
        raise HTTPException(status.HTTP_404_NOT_FOUND, str(exc)) from None
    return Response(answer, media_type=_XML)


@router.websocket("/stream")
async def media_stream(websocket: WebSocket) -> None:
    """Twilio Media Streams: µ-law audio both ways; only streams our TwiML announced get in."""
    services: ApiServices = websocket.app.state.services
    await websocket.accept()
    stats = WireStats()
    start = await read_start(websocket, stats)
    if start is None:
        await websocket.close(code=1008)
        return
    conversation_id = start.parameters.get("session_id", "")
    resume = start.parameters.get("resume") == RESUME_AFTER_TRANSFER
    records = services.phone.records
    record = await (records.for_resumed_stream(conversation_id, start.call_sid) if resume
                    else records.for_stream(conversation_id, start.call_sid))
    if record is None or not services.phone.accepting:
        log.warning("refused a media stream for an unknown call",
                    extra={"call_sid": start.call_sid})
        await websocket.close(code=1008)
        return
    with conversation(record.conversation_id):  # the call's tasks, Pipecat's included, inherit it
        await services.phone.run(websocket, start, record, stats, resume=resume,
                                 base_url=public_base(websocket, services.settings.public_url,
                                                         services.settings.server.trusted_proxies))
