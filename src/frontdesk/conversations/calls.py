"""Records of voice calls that exist before their conversation does.

A phone call is registered when Twilio first tells us of it (an outbound call rings, and may
never be answered), kept current by Twilio's status callbacks, and is the gate its Media Stream
must pass to reach the agent. A browser call is registered when its WebRTC offer arrives, so
the page can follow its events from the first word. Such a record has status ``pending`` until
the audio starts; the conversation service then fills it in (``create(session_id=...)``).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import async_sessionmaker

from frontdesk.conversations.service import (
    ConversationService,
    SessionNotFoundError,
    new_session_id,
)
from frontdesk.storage.models import Business, Call, Customer, Lead
from frontdesk.storage.transaction import reading, transaction

log = logging.getLogger(__name__)

NOT_CONNECTED = {"busy": "busy", "no-answer": "no_answer", "failed": "failed",
                 "canceled": "canceled"}
"""Final statuses of calls that never reached the agent, and the outcome they record."""
STATUSES = {"queued", "initiated", "ringing", "in-progress", "answered", "completed",
            *NOT_CONNECTED}


@dataclass(slots=True)
class CallRecord:
    session_id: str
    profile: str
    direction: str
    status: str
    call_sid: str | None
    phone: str | None


class CallRecords:
    def __init__(self, sessions: async_sessionmaker, conversations: ConversationService) -> None:
        self._sessions = sessions
        self._conversations = conversations

    async def register(self, *, profile: str, direction: str, phone: str | None,
                       call_sid: str | None = None, session_id: str | None = None,
                       telephony_status: str | None = "ringing",
                       channel: str = "phone") -> CallRecord:
        """The record of a call about to start; idempotent by CallSid (Twilio retries).

        One transaction, which the caller lookup of the new state joins: holding a connection
        while asking the pool for a second one deadlocked it under 20 simultaneous webhooks.
        """
        brain = self._conversations.brain
        profile_obj = brain.profile(profile)
        async with transaction(self._sessions) as db:
            call = None
            if call_sid:
                call = await db.scalar(select(Call).where(Call.provider_call_sid == call_sid))
            if call is None and session_id:
                call = await db.get(Call, session_id, with_for_update=True)
            if call is None:
                session_id = session_id or new_session_id()
                business = await db.scalar(select(Business).where(Business.key == profile_obj.key))
                if business is None:
                    raise SessionNotFoundError(f"profile {profile} is not seeded")
                state = await brain.new_state(session_id, profile_obj.key, direction=direction,
                                              channel=channel, caller_phone=phone)
                call = Call(id=session_id, business_id=business.id, channel=channel,
                            direction=direction, status="pending", caller_phone=phone,
                            state=state.model_dump(mode="json"), turn_count=0,
                            telephony_status=telephony_status)
                db.add(call)
            if call_sid and call.provider_call_sid is None:
                call.provider_call_sid = call_sid
            return CallRecord(call.id, profile_obj.key, call.direction, call.status,
                             call.provider_call_sid, call.caller_phone)

    async def for_stream(self, session_id: str, call_sid: str) -> CallRecord | None:
        """The pending record a Media Stream claims to belong to, or None (then refuse it)."""
        async with reading(self._sessions) as db:
            call = await db.get(Call, session_id)
            if call is None or call.status != "pending" or call.provider_call_sid != call_sid:
                return None
            business = await db.get(Business, call.business_id)
            assert business is not None
            return CallRecord(call.id, business.key, call.direction, call.status,
                             call.provider_call_sid, call.caller_phone)

    async def update_status(self, call_sid: str, status: str,
                            duration_s: int | None) -> str | None:
        """Apply a status callback; returns the session id, or None for an unknown call."""
        async with transaction(self._sessions) as db:
            call = await db.scalar(select(Call).where(Call.provider_call_sid == call_sid)
                                   .with_for_update())
            if call is None:
                return None
            session_id, conversation_open = call.id, call.status == "active"
            call.telephony_status = status
            if duration_s is not None:
                call.duration_s = duration_s
            if call.status == "pending" and (status in NOT_CONNECTED or status == "completed"):
                call.status = "ended"  # it never reached the agent
                call.outcome = NOT_CONNECTED.get(status, "abandoned")
                call.ended_at = datetime.now(UTC)
        if status == "completed" and conversation_open:
            await self._conversations.end(session_id)  # the line dropped mid-conversation
        self._conversations.events.publish(session_id, {
            "type": "call_status", "session_id": session_id, "status": status,
            "duration_s": duration_s})
        return session_id

    async def lead_contact(self, lead_id: int) -> tuple[str, str] | None:
        """(profile, phone) of a lead, for calling it."""
        async with reading(self._sessions) as db:
            row = (await db.execute(
                select(Business.key, Customer.phone).select_from(Lead)
                .join(Business, Business.id == Lead.business_id)
                .join(Customer, Customer.id == Lead.customer_id)
                .where(Lead.id == lead_id))).first()
            return (row[0], row[1]) if row else None

    async def fail(self, session_id: str, reason: str) -> None:
        """Placing the call failed: close its record."""
        async with transaction(self._sessions) as db:
            call = await db.get(Call, session_id, with_for_update=True)
            if call is not None and call.status == "pending":
                call.status, call.outcome, call.telephony_status = "ended", "failed", "failed"
                call.summary = reason[:500]
                call.ended_at = datetime.now(UTC)
