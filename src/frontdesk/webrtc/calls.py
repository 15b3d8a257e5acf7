"""Browser calls over WebRTC: SDP offer in, answer out, one voice pipeline per peer connection.

Signalling is one HTTP round trip (the page sends its offer once ICE gathering is complete, so
no trickle is needed); audio flows over SRTP through Pipecat's SmallWebRTC transport, which
resamples the browser's 48 kHz Opus to the pipeline's 16 kHz and back.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass

import aioice.ice
from pipecat.transports.base_transport import TransportParams
from pipecat.transports.smallwebrtc.connection import SmallWebRTCConnection
from pipecat.transports.smallwebrtc.request_handler import (
    SmallWebRTCRequest,
    SmallWebRTCRequestHandler,
)
from pipecat.transports.smallwebrtc.transport import SmallWebRTCTransport
from pipecat.workers.runner import WorkerRunner

from frontdesk.config import WebRTCSettings
from frontdesk.conversations.calls import CallRecords
from frontdesk.conversations.service import ConversationError
from frontdesk.logs import conversation
from frontdesk.voice.pipeline import CallOptions, build_call
from frontdesk.voice.services import CallServices, VoiceDisabledError

log = logging.getLogger(__name__)

BROWSER_RATE_HZ = 16_000


class TooManyCallsError(ConversationError):
    status = 503


class InvalidOfferError(ConversationError):
    status = 400


def allow_loopback_candidates() -> None:
    """aioice leaves 127.0.0.1 out of its host candidates; a browser on this same machine (the
    test suite's Chromium, a developer's laptop without a network) needs it."""
    original = aioice.ice.get_host_addresses
    if getattr(original, "with_loopback", False):
        return

    def with_loopback(use_ipv4: bool, use_ipv6: bool) -> list[str]:
        addresses = original(use_ipv4, use_ipv6)
        return [*addresses, "127.0.0.1"] if use_ipv4 else addresses

    with_loopback.with_loopback = True  # type: ignore[attr-defined]
    aioice.ice.get_host_addresses = with_loopback


@dataclass(slots=True)
class Answer:
    sdp: str
    type: str
    pc_id: str
    conversation_id: str


class BrowserCalls:
    """The browser calls of this process: one SmallWebRTC request handler, the running calls.

    Without speech models (``voice`` None) every offer is refused with a 503."""

    def __init__(self, voice: CallServices | None, records: CallRecords,
                 settings: WebRTCSettings) -> None:
        self._voice = voice
        self._records = records
        if settings.allow_loopback and voice is not None:
            allow_loopback_candidates()
        self._handler = SmallWebRTCRequestHandler(ice_servers=list(settings.ice_servers))
        self._max = settings.max_calls
        self._running: set[asyncio.Task[None]] = set()

    @property
    def active(self) -> int:
        return len(self._running)

    async def answer(self, *, sdp: str, type_: str, profile: str) -> Answer:
        """Accept a page's offer: register the call, start its pipeline, return the answer."""
        voice = self._voice
        if voice is None:
            raise VoiceDisabledError("browser calls need voice enabled (FRONTDESK_VOICE_ENABLED=true)")
        if len(self._running) >= self._max:
            raise TooManyCallsError(f"all {self._max} browser lines are busy; try again shortly")
        record = await self._records.register(
            profile=profile, direction="inbound", phone=None, channel="web",
            telephony_status=None)

        async def start(connection: SmallWebRTCConnection) -> None:
            with conversation(record.conversation_id):  # the call's tasks inherit it
                task = asyncio.create_task(self._run(voice, connection, profile,
                                                     record.conversation_id))
            self._running.add(task)
            task.add_done_callback(self._running.discard)

        try:
            answer = await self._handler.handle_web_request(
                SmallWebRTCRequest(sdp=sdp, type=type_), start)
        except Exception as exc:  # aiortc rejects the SDP: the page gets why
            await self._records.fail(record.conversation_id, f"bad offer: {exc}")
            raise InvalidOfferError(f"the WebRTC offer was not usable: {exc}") from exc
        return Answer(sdp=answer["sdp"], type=answer["type"], pc_id=answer["pc_id"],
                      conversation_id=record.conversation_id)

    async def _run(self, voice: CallServices, connection: SmallWebRTCConnection, profile: str,
                   conversation_id: str) -> None:
        transport = SmallWebRTCTransport(connection, TransportParams(
            audio_in_enabled=True, audio_out_enabled=True))
        worker, call = build_call(
            transport, voice,
            CallOptions(profile=profile, channel="web", in_rate_hz=BROWSER_RATE_HZ,
                        out_rate_hz=BROWSER_RATE_HZ, conversation_id=conversation_id))

        @transport.event_handler("on_client_disconnected")
        async def _left(_transport, _connection) -> None:
            await worker.cancel()

        runner = WorkerRunner(handle_sigint=False)
        try:
            await runner.add_workers(worker)
            await runner.run()
        except Exception:  # this call is lost; the server and the other calls go on
            log.exception("browser call failed")
        finally:
            await connection.disconnect()
        log.info("browser call finished", extra={"turns": len(call.turns),
                                                 "interruptions": call.interruptions})

    async def close(self) -> None:
        for task in list(self._running):
            task.cancel()
        await asyncio.gather(*self._running, return_exceptions=True)
        await self._handler.close()
