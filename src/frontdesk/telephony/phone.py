"""The process's Twilio phone line: call records, outbound dialling, and running media streams.

Built once by the composition root. Whether voice is enabled and whether a Twilio account is
configured are its own business: the API asks it to do things and gets an answer or a clear
error, never an optional engine to check.
"""

from __future__ import annotations

from fastapi import WebSocket

from frontdesk.config import TwilioSettings
from frontdesk.conversations.calls import CallRecord, CallRecords
from frontdesk.conversations.service import ConversationService
from frontdesk.telephony import twiml
from frontdesk.telephony.call import run_twilio_call
from frontdesk.telephony.media import StreamStart, WireStats
from frontdesk.telephony.outbound import place_call
from frontdesk.telephony.rest import TwilioRest
from frontdesk.voice.services import CallServices, VoiceDisabledError
from frontdesk.voice.state import CallState

DIAL_ANSWERED = {"completed", "answered"}
DIAL_NOT_ANSWERED = {"no-answer", "busy", "failed", "canceled"}
"""Twilio's ``DialCallStatus`` values: the person took the call, or the caller comes back."""
RESUME_AFTER_TRANSFER = "transfer_failed"
"""The ``resume`` stream parameter of a caller coming back from an unanswered transfer."""


class PhoneCalls:
    def __init__(self, records: CallRecords, conversations: ConversationService,
                 settings: TwilioSettings, *, voice: CallServices | None,
                 rest: TwilioRest | None) -> None:
        self.records = records
        self.settings = settings
        self._conversations = conversations
        self._voice = voice
        self._rest = rest

    @property
    def accepting(self) -> bool:
        """Phone calls can be answered: the speech models are loaded."""
        return self._voice is not None

    @property
    def phrases_ready(self) -> bool | None:
        """The agent's fixed lines are in the phrase cache (None: no speech models)."""
        return None if self._voice is None else self._voice.engines.phrases_ready.is_set()

    async def place(self, *, base_url: str, profile: str | None = None, to: str | None = None,
                    lead_id: int | None = None, callback_for: str | None = None) -> CallRecord:
        """Ring ``to`` (or a lead) for ``profile``; refusals raise a ConversationError."""
        return await place_call(self._rest, self.settings, self.records, self._conversations,
                                base_url=base_url, profile=profile, to=to, lead_id=lead_id,
                                callback_for=callback_for)

    async def run(self, websocket: WebSocket, start: StreamStart, record: CallRecord,
                  stats: WireStats, *, base_url: str, resume: bool = False) -> CallState:
        """Run one accepted media stream until the call ends (``resume``: the caller is back
        from a transfer nobody answered; ``base_url``: how Twilio reaches this server)."""
        if self._voice is None:
            raise VoiceDisabledError("phone calls need voice enabled (FRONTDESK_VOICE_ENABLED)")
        return await run_twilio_call(self._voice, self._rest, websocket, start, record, stats,
                                     base_url=base_url, resume=resume)

    async def dial_ended(self, conversation_id: str, call_sid: str, dial_status: str, *,
                         stream_url: str) -> str:
        """Twilio's report of how a transfer's ``<Dial>`` ended; returns the TwiML to go on with.

        Answered (``completed``, ``answered``): the person had the caller; hang up, and the
        conversation ends with its outcome. Not answered (``no-answer``, ``busy``, ``failed``,
        ``canceled``): the caller is connected back to the agent — a new stream to the same
        conversation, announced by the ``resume`` parameter — which offers to take a message.
        Raises ConversationNotFoundError when no such conversation is on this call."""
        found = await self.records.for_call(conversation_id, call_sid)
        if dial_status in DIAL_ANSWERED:
            await self._conversations.record_event(conversation_id, "transfer_answered",
                                                   {"dial_status": dial_status})
            await self._conversations.end(conversation_id)
            return twiml.hang_up()
        note = await self._conversations.transfer_not_answered(conversation_id, dial_status)
        if note is None:  # the conversation is over (the caller hung up): nothing to go back to
            return twiml.hang_up()
        return twiml.connect_stream(stream_url, {
            "session_id": conversation_id, "profile": found.profile,
            "direction": found.direction, "resume": RESUME_AFTER_TRANSFER})

    async def close(self) -> None:
        if self._rest is not None:
            await self._rest.close()
