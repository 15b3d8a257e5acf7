"""A transfer's ``<Dial action>``: Twilio reports how the dial ended; nobody answering brings
the caller back to the same conversation, which takes a message as a callback task."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import datetime, timedelta

import httpx
import pytest
from sqlalchemy import select

from frontdesk.app import create_app
from frontdesk.config import EscalationSettings, Settings, TwilioSettings
from frontdesk.storage.models import CallEvent, Task
from frontdesk.storage.models import Conversation as ConversationRow
from frontdesk.telephony.signature import sign
from tests.conftest import fixed_clock
from tests.fakes.twilio import ACCOUNT_SID, AUTH_TOKEN, parse_stream_twiml

pytestmark = pytest.mark.integration
CALLER = "+15125550142"


@pytest.fixture
async def http(settings) -> AsyncIterator[httpx.AsyncClient]:
    """The roster desk, and webhooks that must be signed."""
    signed = settings.model_copy(update={
        "escalation": EscalationSettings(), "twilio": TwilioSettings(auth_token=AUTH_TOKEN)})
    app = create_app(signed, clock=fixed_clock)
    async with app.router.lifespan_context(app), httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://test") as client:
        client.app = app  # type: ignore[attr-defined]
        yield client


async def _transferred_call(http, call_sid: str) -> str:
    """A phone conversation whose caller asked for a person and is being put through (what a
    Media Stream does, without the audio: the record, the greeting, the turn, the answer)."""
    services = http.app.state.services
    record = await services.phone.records.register(profile="dealership", direction="inbound",
                                                   phone=CALLER, call_sid=call_sid)
    conversations = services.conversations
    sid = (await conversations.create("dealership", channel="phone", caller_phone=CALLER,
                                      conversation_id=record.conversation_id)).state.conversation_id
    await conversations.chat(sid, "Can I talk to someone in sales please?")
    for _ in range(250):
        state, _ = await conversations.get(sid)
        if state.human_agent_status == "available":
            note = state.notifications_queue[0]
            assert note.handoff and note.transfer_to == "+15125550192"
            await conversations.deliver_notification(sid, note.notification_id)
            return sid
        await asyncio.sleep(0.02)
    raise AssertionError("nobody was found to take the call")


async def _dial_status(http, sid: str, call_sid: str, dial_status: str, *,
                       signature: str | None = None) -> httpx.Response:
    url = f"http://test/twilio/dial-status?session_id={sid}"
    params = {"CallSid": call_sid, "AccountSid": ACCOUNT_SID, "DialCallStatus": dial_status,
              "DialCallSid": "CA" + "d" * 32, "CallStatus": "in-progress"}
    return await http.post(url, data=params, headers={
        "X-Twilio-Signature": signature or sign(AUTH_TOKEN, url, params)})


async def test_an_unanswered_transfer_comes_back_and_takes_a_message(http) -> None:
    call_sid = "CA" + "1" * 32
    sid = await _transferred_call(http, call_sid)
    services = http.app.state.services

    forged = await _dial_status(http, sid, call_sid, "no-answer", signature="bm90IHNpZ25lZA==")
    assert forged.status_code == 403
    state, _ = await services.conversations.get(sid)
    assert state.awaiting != "take_message"  # a forgery changes nothing

    back = await _dial_status(http, sid, call_sid, "no-answer")
    assert back.status_code == 200 and back.headers["content-type"].startswith("application/xml")
    stream = parse_stream_twiml(back.text)
    assert stream.url == "ws://test/twilio/stream"
    assert stream.parameters == {"session_id": sid, "profile": "dealership",
                                 "direction": "inbound", "resume": "transfer_failed"}
    again = await _dial_status(http, sid, call_sid, "no-answer")  # Twilio retries: same answer
    assert parse_stream_twiml(again.text).parameters == stream.parameters

    # The stream coming back is let in once, for this call only.
    records = services.phone.records
    assert await records.for_resumed_stream(sid, "CA" + "2" * 32) is None
    assert (await records.for_resumed_stream(sid, call_sid)).conversation_id == sid
    state, _ = await services.conversations.get(sid)
    [waiting] = [n for n in state.notifications_queue if not n.delivered]
    assert "Marcus wasn't able to pick up" in waiting.message
    assert await services.conversations.deliver_notification(sid, waiting.notification_id)
    assert await records.for_resumed_stream(sid, call_sid) is None

    turn = await services.conversations.chat(
        sid, "Tell Marcus I want a quote on the blue Camry, and call me after five.")
    assert "written that down for Marcus" in turn.reply
    async with services.sessions() as db:
        [callback] = list(await db.scalars(select(Task).where(
            Task.conversation_id == sid, Task.task_type == "callback")))
        events = [(e.kind, e.data) for e in await db.scalars(select(CallEvent).where(
            CallEvent.conversation_id == sid))]
    assert callback.status == "pending"
    assert callback.reason.startswith("transfer not answered (Marcus, no-answer)")
    assert "blue Camry" in callback.reason
    assert datetime.fromisoformat(callback.due_at) - fixed_clock() == timedelta(hours=1)
    assert events == [("transfer_not_answered", {"dial_status": "no-answer"})]

    ended = await services.conversations.end(sid)
    assert ended.outcome == "callback_scheduled"
    gone = await _dial_status(http, sid, call_sid, "busy")  # nothing left to come back to
    assert gone.status_code == 200 and "<Hangup />" in gone.text


async def test_an_answered_transfer_hangs_up_and_ends_the_conversation(http) -> None:
    call_sid = "CA" + "3" * 32
    sid = await _transferred_call(http, call_sid)
    done = await _dial_status(http, sid, call_sid, "completed")
    assert done.status_code == 200 and "<Hangup />" in done.text and "<Connect" not in done.text
    services = http.app.state.services
    async with services.sessions() as db:
        row = await db.get(ConversationRow, sid)
        events = [e.kind for e in await db.scalars(select(CallEvent).where(
            CallEvent.conversation_id == sid))]
    assert (row.status, row.outcome) == ("ended", "transferred")
    assert events == ["transfer_answered"]


async def test_bad_dial_reports(http) -> None:
    call_sid = "CA" + "4" * 32
    sid = await _transferred_call(http, call_sid)
    assert (await _dial_status(http, sid, call_sid, "exploded")).status_code == 400
    assert (await _dial_status(http, "sess_nope", call_sid, "no-answer")).status_code == 404
    assert (await _dial_status(http, sid, "CA" + "5" * 32, "no-answer")).status_code == 404
    unsigned = await http.post(f"/twilio/dial-status?session_id={sid}",
                               data={"CallSid": call_sid, "DialCallStatus": "busy"})
    assert unsigned.status_code == 403
    assert (await http.post("/twilio/dial-status", data={})).status_code == 422


def test_the_transfer_asks_twilio_where_to_report(settings: Settings) -> None:
    from frontdesk.telephony import twiml

    xml = twiml.transfer("+15125550192", action="https://fd.example/twilio/dial-status?session_id=s")
    assert 'action="https://fd.example/twilio/dial-status?session_id=s"' in xml
    assert 'method="POST"' in xml and ">+15125550192</Dial>" in xml
