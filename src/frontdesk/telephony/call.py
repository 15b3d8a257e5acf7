"""One Twilio phone call: a Media Stream WebSocket through the voice pipeline, then call control.

The stream carries the audio; everything else — transfer to a person, hanging up when the
conversation is over — goes through Twilio's REST API, so the wire format stays just audio.
"""

from __future__ import annotations

import logging

from fastapi import WebSocket
from pipecat.transports.websocket.fastapi import FastAPIWebsocketParams, FastAPIWebsocketTransport
from pipecat.workers.runner import WorkerRunner

from frontdesk.conversations.calls import CallRecord
from frontdesk.telephony import twiml
from frontdesk.telephony.media import StreamStart, TwilioMediaSerializer, WireStats
from frontdesk.telephony.rest import TelephonyError, TwilioRest
from frontdesk.voice.pipeline import CallOptions, build_call
from frontdesk.voice.services import CallServices
from frontdesk.voice.state import CallState

log = logging.getLogger(__name__)

PHONE_RATE_HZ = 8000


async def run_twilio_call(services: CallServices, rest: TwilioRest | None, websocket: WebSocket,
                          start: StreamStart, record: CallRecord, stats: WireStats, *,
                          base_url: str, resume: bool = False) -> CallState:
    """Run the call until either side ends it; returns the call's state for logging/tests.

    Without a Twilio account (``rest`` None) the call still runs; it cannot be transferred, and
    Twilio ends it when the stream closes. A transfer's ``<Dial>`` reports how it ended to
    ``{base_url}/twilio/dial-status``; ``resume``: this stream is the caller coming back from a
    transfer nobody answered, to the same conversation."""
    serializer = TwilioMediaSerializer(start, stats)
    transport = FastAPIWebsocketTransport(websocket, FastAPIWebsocketParams(
        audio_in_enabled=True, audio_out_enabled=True, add_wav_header=False,
        serializer=serializer))

    dial_status_url = f"{base_url}/twilio/dial-status?session_id={record.conversation_id}"

    async def transfer(number: str) -> None:
        assert rest is not None
        await rest.redirect(start.call_sid, twiml.transfer(number, action=dial_status_url))

    worker, call = build_call(
        transport, services,
        CallOptions(profile=record.profile, direction=record.direction, channel="phone",
                    caller_phone=record.phone, in_rate_hz=PHONE_RATE_HZ,
                    out_rate_hz=PHONE_RATE_HZ, phone_audio=True,
                    conversation_id=record.conversation_id, resume=resume),
        transfer=transfer if rest is not None else None)

    @transport.event_handler("on_client_disconnected")
    async def _line_dropped(_transport, _websocket) -> None:  # caller hung up, or a transfer
        await worker.cancel()

    try:
        runner = WorkerRunner(handle_sigint=False)
        await runner.add_workers(worker)
        await runner.run()
    except Exception:  # this call is lost; the server and every other call go on
        log.exception("phone call failed", extra={"call_sid": start.call_sid})
        call.errors.append("pipeline failed")
    if call.ended and not call.transferred and rest is not None:
        try:
            await rest.hang_up(start.call_sid)
        except TelephonyError as exc:
            log.warning("hang-up failed", extra={"call_sid": start.call_sid, "error": str(exc)})
    log.info("phone call finished", extra={
        "call_sid": start.call_sid, "turns": len(call.turns),
        "interruptions": call.interruptions, "malformed": stats.malformed,
        "unknown_events": stats.unknown_events, "marks": len(stats.marks_played)})
    return call
