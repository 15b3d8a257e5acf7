"""Call control, apart from any wire format: the keypad, news from background work, transfers.

- "0" on the keypad asks for a person, as if the caller had said so (it also cuts the agent off).
- When a background check finishes (a person is free, or will call back), the caller hears it
  at once — not at their next turn — and it is marked delivered so the brain does not repeat it.
- When that news hands the caller to a person, the call is transferred after the line has been
  spoken, through the ``transfer`` callback the transport provides (Twilio: a call update to a
  ``<Dial>`` of that person's number, else the business's human line). Hanging up at the end
  is the transport's side too (see the Twilio stream route).
- When the conversation is ended from outside the call (``POST /api/sessions/{id}/end``), the
  call ends too: the pipeline stops and the transport hangs up.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable

from pipecat.audio.dtmf.types import KeypadEntry
from pipecat.frames.frames import Frame, InputDTMFFrame, StartFrame
from pipecat.processors.frame_processor import FrameDirection, FrameProcessor

from frontdesk.conversations.events import NotificationReady, StateUpdate
from frontdesk.conversations.service import ConversationService
from frontdesk.logs import personal
from frontdesk.voice.processors import AgentReplyFrame, CallerTurnFrame
from frontdesk.voice.state import CallState, hang_up

log = logging.getLogger(__name__)

ASK_FOR_PERSON = "I'd like to speak to a person, please."
Transfer = Callable[[str], Awaitable[None]]
"""Connect the caller to this phone number (the business's human line)."""


class CallControl(FrameProcessor):
    """Sits before :class:`~frontdesk.voice.processors.BrainTurns`."""

    def __init__(self, service: ConversationService, call: CallState, *, profile: str,
                 transfer: Transfer | None = None, quiet_wait_s: float = 20.0) -> None:
        super().__init__(name="call_control")
        self._service = service
        self._call = call
        self._profile = profile
        self._transfer = transfer
        self._quiet_wait_s = quiet_wait_s
        self._watch: asyncio.Task[None] | None = None

    async def process_frame(self, frame: Frame, direction: FrameDirection) -> None:
        await super().process_frame(frame, direction)
        if isinstance(frame, StartFrame):
            await self.push_frame(frame, direction)
            self._watch = self.create_task(self._watch_events())
            return
        if isinstance(frame, InputDTMFFrame):
            await self._keypad(frame.button)
            return
        await self.push_frame(frame, direction)

    async def cleanup(self) -> None:
        await super().cleanup()
        if self._watch is not None:
            await self.cancel_task(self._watch)
            self._watch = None

    async def _keypad(self, key: KeypadEntry) -> None:
        log.info("keypad pressed", extra=personal(key=key.value))
        if key != KeypadEntry.ZERO or not self._call.started or self._call.ended:
            return
        if self._call.playback.speaking:
            await self.broadcast_interruption()
        now = time.monotonic()
        await self.push_frame(CallerTurnFrame(text=ASK_FOR_PERSON, confidence=1.0,
                                              speech_end_at=now, endpoint_at=now))

    async def _watch_events(self) -> None:
        conversation_id = self._call.conversation_id
        queue = self._service.events.subscribe(conversation_id)
        try:
            while not self._call.ended:
                event = await queue.get()
                if isinstance(event, NotificationReady):
                    await self._deliver(conversation_id, event.notification_id)
                elif isinstance(event, StateUpdate) and event.ended:
                    await self._ended_elsewhere()
        finally:
            self._service.events.unsubscribe(conversation_id, queue)

    async def _ended_elsewhere(self) -> None:
        """The conversation was ended outside this call (over REST): hang the call up.

        An ``ended`` state that comes from this call's own turn (the agent said goodbye) is the
        brain's doing, and that reply is still to be spoken; only other ends hang up here."""
        if self._call.answering or self._call.agent_ending or self._call.ended:
            return
        await hang_up(self._call, self, "ended_elsewhere")

    async def _deliver(self, conversation_id: str, notification_id: str) -> None:
        await self._until_quiet()
        note = await self._service.deliver_notification(conversation_id, notification_id)
        if note is None or self._call.ended:  # the brain already said it in a reply
            return
        playback = self._call.playback
        before = playback.completed
        await self.push_frame(AgentReplyFrame(text=note.message))
        if not note.handoff:
            return
        # The free person's own number (the roster's), else the business's human line.
        number = note.transfer_to or self._service.brain.profile(self._profile).human_transfer_number
        if self._transfer is None or not number:
            log.warning("a person is free but this call cannot be transferred")
            return
        await playback.until(lambda: playback.completed > before, self._quiet_wait_s)
        await self._service.record_event(conversation_id, "transfer", {"to": number})
        self._call.transferred = True
        try:
            await self._transfer(number)
        except Exception:  # the caller stays with the agent; the failure is on record
            self._call.transferred = False
            log.exception("transfer failed")
            await self._service.record_event(conversation_id, "transfer_failed", {"to": number})

    async def _until_quiet(self) -> None:
        """Do not talk over the agent's own reply."""
        playback = self._call.playback
        await playback.until(lambda: playback.quiet, self._quiet_wait_s)
