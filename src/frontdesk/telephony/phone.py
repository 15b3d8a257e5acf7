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
from frontdesk.telephony.call import run_twilio_call
from frontdesk.telephony.media import StreamStart, WireStats
from frontdesk.telephony.outbound import place_call
from frontdesk.telephony.rest import TwilioRest
from frontdesk.voice.services import CallServices, VoiceDisabledError
from frontdesk.voice.state import CallState


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

    async def place(self, *, base_url: str, profile: str | None = None, to: str | None = None,
                    lead_id: int | None = None) -> CallRecord:
        """Ring ``to`` (or a lead) for ``profile``; refusals raise a ConversationError."""
        return await place_call(self._rest, self.settings, self.records, self._conversations,
                                base_url=base_url, profile=profile, to=to, lead_id=lead_id)

    async def run(self, websocket: WebSocket, start: StreamStart, record: CallRecord,
                  stats: WireStats) -> CallState:
        """Run one accepted media stream until the call ends."""
        if self._voice is None:
            raise VoiceDisabledError("phone calls need voice enabled (FRONTDESK_VOICE_ENABLED)")
        return await run_twilio_call(self._voice, self._rest, websocket, start, record, stats)

    async def close(self) -> None:
        if self._rest is not None:
            await self._rest.close()
