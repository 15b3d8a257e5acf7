"""Records of voice calls that exist before their conversation does.

A phone call is registered when Twilio first tells us of it (an outbound call rings, and may
never be answered), kept current by Twilio's status callbacks, and is the gate its Media Stream
must pass to reach the agent. A browser call is registered when its WebRTC offer arrives, so
the page can follow its events from the first word. Such a record has status ``pending`` until
the audio starts; the conversation service then fills it in (``create(conversation_id=...)``).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace

from frontdesk.brain.agents.escalation import TRANSFER_NOTE_SUFFIX
from frontdesk.conversations.events import CallStatusChanged
from frontdesk.conversations.service import (
    ConversationNotFoundError,
    ConversationService,
    new_conversation_id,
)
from frontdesk.storage.conversations import BusinessNotSeededError, ConversationStore
from frontdesk.storage.records import Conversation

log = logging.getLogger(__name__)

NOT_CONNECTED = {"busy": "busy", "no-answer": "no_answer", "failed": "failed",
                 "canceled": "canceled"}
"""Final statuses of calls that never reached the agent, and the outcome they record."""
STATUSES = {"queued", "initiated", "ringing", "in-progress", "answered", "completed",
            *NOT_CONNECTED}


@dataclass(slots=True)
class CallRecord:
    conversation_id: str
    profile: str
    direction: str
    status: str
    call_sid: str | None
    phone: str | None


def _record(conversation: Conversation) -> CallRecord:
    return CallRecord(conversation.conversation_id, conversation.profile, conversation.direction,
                      conversation.status, conversation.call_sid, conversation.caller_phone)


class CallRecords:
    def __init__(self, store: ConversationStore, conversations: ConversationService) -> None:
        self._store = store
        self._conversations = conversations

    async def register(self, *, profile: str, direction: str, phone: str | None,
                       call_sid: str | None = None, conversation_id: str | None = None,
                       telephony_status: str | None = "ringing",
                       channel: str = "phone", callback_for: str | None = None) -> CallRecord:
        """The record of a call about to start; idempotent by CallSid (Twilio retries).

        One transaction, which the caller lookup of the new state joins: holding a connection
        while asking the pool for a second one deadlocked it under 20 simultaneous webhooks.
        """
        brain = self._conversations.brain
        profile_obj = brain.profile(profile)
        async with self._store.unit():
            found = await self._store.find_call(call_sid=call_sid, conversation_id=conversation_id)
            if found is None:
                state = await brain.new_state(conversation_id or new_conversation_id(), profile_obj.key,
                                              direction=direction, channel=channel,
                                              caller_phone=phone, callback_for=callback_for)
                try:
                    return _record(await self._store.add_pending_call(
                        state, call_sid=call_sid, telephony_status=telephony_status))
                except BusinessNotSeededError:
                    raise ConversationNotFoundError(f"profile {profile} is not seeded") from None
            if call_sid and found.call_sid is None:
                await self._store.attach_call_sid(found.conversation_id, call_sid)
                return _record(replace(found, call_sid=call_sid))
            return _record(found)

    async def for_stream(self, conversation_id: str, call_sid: str) -> CallRecord | None:
        """The pending record a Media Stream claims to belong to, or None (then refuse it)."""
        found = await self._store.load(conversation_id)
        if found is None or found.status != "pending" or found.call_sid != call_sid:
            return None
        return _record(found)

    async def for_call(self, conversation_id: str, call_sid: str) -> CallRecord:
        """The conversation ``conversation_id`` on the phone call ``call_sid``; raises
        ConversationNotFoundError when there is none (or it is on another call)."""
        found = await self._store.load(conversation_id)
        if found is None or found.call_sid != call_sid:
            raise ConversationNotFoundError(f"no conversation {conversation_id} on call {call_sid}")
        return _record(found)

    async def for_resumed_stream(self, conversation_id: str, call_sid: str) -> CallRecord | None:
        """The record a Media Stream coming back after an unanswered transfer belongs to, or
        None (refuse it): the conversation is active, on this call, and the line that tells
        the caller the transfer failed has not been said yet."""
        found = await self._store.load(conversation_id)
        if found is None or found.status != "active" or found.call_sid != call_sid:
            return None
        waiting = any(n.notification_id.endswith(TRANSFER_NOTE_SUFFIX) and not n.delivered
                      for n in found.state.notifications_queue)
        return _record(found) if waiting else None

    async def update_status(self, call_sid: str, status: str,
                            duration_s: int | None) -> str | None:
        """Apply a status callback; returns the session id, or None for an unknown call."""
        unanswered = (NOT_CONNECTED.get(status, "abandoned")
                      if status in NOT_CONNECTED or status == "completed" else None)
        before = await self._store.update_telephony(call_sid, status, duration_s,
                                                    unanswered_outcome=unanswered)
        if before is None:
            return None
        if status == "completed" and before.status == "active":
            await self._conversations.end(before.conversation_id)  # the line dropped mid-conversation
        self._conversations.events.publish(CallStatusChanged(before.conversation_id, status,
                                                             duration_s))
        return before.conversation_id

    async def lead_contact(self, lead_id: int) -> tuple[str, str] | None:
        """(profile, phone) of a lead, for calling it."""
        return await self._store.lead_contact(lead_id)

    async def fail(self, conversation_id: str, reason: str) -> None:
        """Placing the call failed: close its record."""
        await self._store.close_unanswered(conversation_id, "failed", telephony_status="failed",
                                           summary=reason)
