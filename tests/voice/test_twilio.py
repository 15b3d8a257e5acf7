"""Phone calls over the real Twilio protocol, in real time, against a live server.

Twilio's side is played by :mod:`tests.fakes.twilio`: signed webhooks, a Media Streams client
sending 20 ms µ-law frames of Piper speech in real time, and a fake REST API for outbound calls
and call control.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import json
import xml.etree.ElementTree as ET

import httpx
import pytest
import websockets
from sqlalchemy import select

from frontdesk.app import create_app
from frontdesk.config import EscalationSettings, Settings, TwilioSettings
from frontdesk.storage.models import Appointment, Conversation, ConversationTurn, Task
from tests.auth import authorize
from tests.conftest import fixed_clock
from tests.fakes.live import LiveServer, free_port
from tests.fakes.twilio import (
    ACCOUNT_SID,
    AUTH_TOKEN,
    TWILIO_NUMBER,
    FakeTwilioApi,
    MediaStreamClient,
    TwilioSide,
    parse_stream_twiml,
)

pytestmark = [pytest.mark.engine, pytest.mark.e2e]


class Phone:
    """A running Frontdesk with Twilio pointed at it."""

    def __init__(self, server: LiveServer, api: FakeTwilioApi) -> None:
        self.server = server
        self.twilio = TwilioSide(server.url)
        self.api = api
        self.runtime = server.app.state.services

    async def call(self, conversation_id: str) -> Conversation:
        async with self.runtime.sessions() as db:
            return await db.get(Conversation, conversation_id)

    async def turns(self, conversation_id: str) -> list[ConversationTurn]:
        async with self.runtime.sessions() as db:
            return list(await db.scalars(select(ConversationTurn).where(
                ConversationTurn.conversation_id == conversation_id).order_by(ConversationTurn.seq)))


@pytest.fixture
async def phone(tmp_path, engines):
    api = FakeTwilioApi()
    async with LiveServer(api.app) as api_server:
        port = free_port()
        settings = Settings(
            env="test", data_dir=tmp_path, public_url=f"http://127.0.0.1:{port}",
            twilio=TwilioSettings(account_sid=ACCOUNT_SID, auth_token=AUTH_TOKEN,
                                  from_number=TWILIO_NUMBER, api_base_url=api_server.url),
            escalation=EscalationSettings(desk="simulated", min_wait_s=0.3, max_wait_s=0.4,
                                          human_available="always"))
        app = create_app(settings, clock=fixed_clock, engines=engines)
        async with LiveServer(app, port) as server:
            yield Phone(server, api)


async def test_inbound_call_books_by_voice_and_records_status(phone, say) -> None:
    call_sid, stream = await phone.twilio.ring(profile="dealership", caller="+15125550142")
    assert stream.url == f"ws://127.0.0.1:{phone.server.port}/twilio/stream"
    assert stream.parameters["profile"] == "dealership"
    assert stream.parameters["direction"] == "inbound"
    conversation_id = stream.parameters["session_id"]
    assert (await phone.twilio.status(call_sid, "ringing")).status_code == 204
    assert (await phone.call(conversation_id)).telephony_status == "ringing"

    lines = ["Hi, this is Tom Becker. I need an oil change on Wednesday at two pm.",
             "Yes, please book it.",
             "No, that's all. Thank you, bye."]
    async with MediaStreamClient(stream, call_sid=call_sid) as media:
        assert await media.greeted(), "no greeting"
        assert media.agent_audio().duration_s > 2.0  # the greeting was heard
        for line in lines:
            await media.say(await say(line))
            assert await media.next_reply(), f"no reply to {line!r}"
        # The caller said goodbye: the agent ends the call.
        for _ in range(200):
            if media.closed_at is not None:
                break
            await asyncio.sleep(0.05)
        transcript = [(t.role, t.text) for t in await phone.turns(conversation_id)]
        assert media.closed_at is not None, f"the agent did not hang up: {transcript}"

    state, _ = await phone.runtime.conversations.get(conversation_id)
    assert state.channel == "phone" and state.customer.phone == "+15125550142"
    assert state.appointment is not None
    assert (state.appointment.scheduled_date, state.appointment.scheduled_time) == (
        "2026-11-25", "14:00")
    assert state.ended and state.outcome == "booked"
    # Call control: the agent ended the conversation, so the call was hung up through REST
    # (right after the Media Stream closed: on a loaded machine the request may still be on its way).
    assert await _until(lambda: (call_sid, {"Status": "completed"}) in phone.api.updates, 10)
    replies = [t for t in await phone.turns(conversation_id) if t.role == "assistant"][1:]
    assert replies and all(t.total_ms and t.total_ms > 0 for t in replies)
    assert media.count("mark") >= 3  # one per reply, echoed back as Twilio does

    assert (await phone.twilio.status(call_sid, "completed", duration_s=31)).status_code == 204
    record = await phone.call(conversation_id)
    assert (record.telephony_status, record.duration_s, record.status) == (
        "completed", 31, "ended")


async def _until(predicate, timeout_s: float = 20.0) -> bool:
    for _ in range(int(timeout_s / 0.05)):
        if predicate():
            return True
        await asyncio.sleep(0.05)
    return predicate()


async def test_barge_in_sends_clear_and_a_free_person_gets_the_call(phone, say) -> None:
    call_sid, stream = await phone.twilio.ring(profile="dealership")
    conversation_id = stream.parameters["session_id"]
    async with MediaStreamClient(stream, call_sid=call_sid) as media:
        assert await media.greeted()
        await media.say(await say("What are your service hours?"))
        assert await media.wait_for("media", media.count("media") + 25)  # the answer is playing
        await media.say(await say("Stop. Can I talk to a manager please?"))
        assert await media.wait_for("clear", 1), "barge-in did not clear Twilio's audio buffer"
        # The agent checks for a person, finds one, says so, then transfers with <Dial>.
        transferred = await _until(lambda: any("<Dial" in u.get("Twiml", "")
                                               for _, u in phone.api.updates), 30)
        assert transferred, [(t.role, t.text) for t in await phone.turns(conversation_id)]
    sid, update = next((s, u) for s, u in phone.api.updates if "Twiml" in u)
    assert sid == call_sid and "+15125550199</Dial>" in update["Twiml"]
    assert (call_sid, {"Status": "completed"}) not in phone.api.updates  # not hung up
    turns = await phone.turns(conversation_id)
    assert any(t.interrupted for t in turns if t.role == "assistant")
    assert any(t.text.startswith("Good news") for t in turns if t.role == "assistant")


async def test_pressing_zero_asks_for_a_person(phone) -> None:
    call_sid, stream = await phone.twilio.ring(profile="real_estate")
    conversation_id = stream.parameters["session_id"]
    async with MediaStreamClient(stream, call_sid=call_sid) as media:
        assert await media.wait_for("media", 10)  # the greeting is playing
        await media.press("0")
        assert await _until(lambda: any("<Dial" in u.get("Twiml", "")
                                        for _, u in phone.api.updates), 30)
    texts = [(t.role, t.text) for t in await phone.turns(conversation_id)]
    assert ("user", "I'd like to speak to a person, please.") in texts
    state, _ = await phone.runtime.conversations.get(conversation_id)
    assert state.human_agent_status == "available"


async def test_an_unanswered_transfer_brings_the_caller_back_to_leave_a_message(phone, say) -> None:
    call_sid, stream = await phone.twilio.ring(profile="dealership")
    conversation_id = stream.parameters["session_id"]
    async with MediaStreamClient(stream, call_sid=call_sid) as media:
        assert await media.greeted()
        await media.press("0")
        assert await _until(lambda: any("<Dial" in u.get("Twiml", "")
                                        for _, u in phone.api.updates), 30)
    dial = next(u["Twiml"] for _, u in phone.api.updates if "<Dial" in u.get("Twiml", ""))
    action = ET.fromstring(dial).find("Dial").get("action")
    assert action == f"{phone.server.url}/twilio/dial-status?session_id={conversation_id}"
    back = await phone.twilio.dial_ended(action, call_sid, "no-answer")
    assert back.status_code == 200, back.text
    again = parse_stream_twiml(back.text)
    assert again.parameters["session_id"] == conversation_id
    assert again.parameters["resume"] == "transfer_failed"
    async with MediaStreamClient(again, call_sid=call_sid) as media:
        assert await media.greeted(), "the agent did not speak when the caller came back"
        await media.say(await say("Please have them call me about my brake repair quote."))
        assert await media.next_reply(), "no reply to the message"
    turns = [(t.role, t.text) for t in await phone.turns(conversation_id)]
    assert any(role == "assistant" and "wasn't able to pick up" in text for role, text in turns)
    assert any(role == "assistant" and "written that down" in text for role, text in turns), turns
    async with phone.runtime.sessions() as db:
        [callback] = list(await db.scalars(select(Task).where(
            Task.conversation_id == conversation_id, Task.task_type == "callback")))
    assert "transfer not answered" in callback.reason and "repair quote" in callback.reason.lower()
    for _ in range(100):  # the caller hung up: the call's end ends the conversation
        record = await phone.call(conversation_id)
        if record.status == "ended":
            break
        await asyncio.sleep(0.05)
    assert (record.status, record.outcome) == ("ended", "callback_scheduled")


async def test_webhooks_need_a_valid_signature(phone) -> None:
    params = {"CallSid": "CA" + "1" * 32, "From": "+15125550142", "To": TWILIO_NUMBER,
              "AccountSid": ACCOUNT_SID, "CallStatus": "ringing"}
    unsigned = await phone.twilio.post("/twilio/voice", params, signed=False)
    forged = await phone.twilio.post("/twilio/voice", params, signature="bm90IGEgc2lnbmF0dXJl")
    other_params = await phone.twilio.post("/twilio/status", {**params, "CallStatus": "failed"},
                                           signature=(await _signature_of(phone, params)))
    assert (unsigned.status_code, forged.status_code, other_params.status_code) == (403, 403, 403)
    async with phone.runtime.sessions() as db:
        assert (await db.scalar(select(Conversation).where(
            Conversation.provider_call_sid == params["CallSid"]))) is None  # nothing recorded for forgeries


async def _signature_of(phone, params) -> str:
    from frontdesk.telephony.signature import sign

    return sign(AUTH_TOKEN, f"{phone.server.url}/twilio/voice", params)


async def test_status_callbacks_close_unanswered_calls(phone) -> None:
    call_sid, stream = await phone.twilio.ring(profile="dealership")
    conversation_id = stream.parameters["session_id"]
    for status in ("ringing", "no-answer"):
        assert (await phone.twilio.status(call_sid, status)).status_code == 204
    record = await phone.call(conversation_id)
    assert (record.status, record.outcome, record.telephony_status) == (
        "ended", "no_answer", "no-answer")
    assert (await phone.twilio.status("CA" + "9" * 32, "completed")).status_code == 404
    assert (await phone.twilio.status(call_sid, "exploded")).status_code == 400
    # A stream for a call that is over (or was never announced) is refused.
    async with MediaStreamClient(stream, call_sid=call_sid) as media:
        assert await _until(lambda: media.closed_at is not None, 5)
    assert media.count("media") == 0


async def test_outbound_call_rings_through_the_twilio_api(phone, say) -> None:
    async with httpx.AsyncClient(base_url=phone.server.url) as http:
        await authorize(phone.server.app, http)
        response = await http.post("/api/calls", json={"to": "(512) 555-0177",
                                                       "profile": "real_estate"})
        assert response.status_code == 201, response.text
        body = response.json()
        created = phone.api.created[-1]
        assert (created["To"], created["From"]) == ("+15125550177", TWILIO_NUMBER)
        assert created["Url"].startswith(f"{phone.server.url}/twilio/voice?profile=real_estate")
        assert created["StatusCallback"] == f"{phone.server.url}/twilio/status"
        call_sid, stream = await asyncio.wait_for(phone.api.answered.get(), 10)
        assert call_sid == body["call_sid"]
        assert stream.parameters["session_id"] == body["session_id"]
        assert stream.parameters["direction"] == "outbound"
        async with MediaStreamClient(stream, call_sid=call_sid) as media:
            assert await media.greeted()
            await media.hang_up()  # the callee hangs up after the greeting
        await phone.twilio.status(call_sid, "completed", duration_s=9)
        session = (await http.get(f"/api/sessions/{body['session_id']}")).json()
    record = await phone.call(body["session_id"])
    assert (record.direction, record.caller_phone, record.telephony_status, record.duration_s) == (
        "outbound", "+15125550177", "completed", 9)
    assert record.status == "ended"
    assert session["transcript"][0]["role"] == "assistant"


async def test_outbound_refusals(phone) -> None:
    async with httpx.AsyncClient(base_url=phone.server.url) as http:
        await authorize(phone.server.app, http)
        # 7 AM in San Francisco (it is 9 AM in Austin): too early to call.
        early = await http.post("/api/calls", json={"to": "+14155550123", "profile": "dealership"})
        assert early.status_code == 409 and "calling hours" in early.json()["detail"]
        # A caller who asked not to be called again.
        created = (await http.post("/api/sessions", json={
            "profile": "dealership", "caller": {"phone": "+15125550188"}})).json()
        await http.post("/api/chat", json={"session_id": created["session_id"],
                                           "message": "Please stop calling me."})
        leads = (await http.get("/api/leads", params={"profile": "dealership"})).json()
        lead = next(item for item in leads if item["customer_phone"] == "+15125550188")
        by_number = await http.post("/api/calls", json={"to": "+15125550188",
                                                        "profile": "dealership"})
        by_lead = await http.post("/api/calls", json={"lead_id": lead["id"]})
        assert (by_number.status_code, by_lead.status_code) == (409, 409)
        assert "asked not to be called" in by_lead.json()["detail"]
        missing = await http.post("/api/calls", json={"lead_id": 99999})
        bad = await http.post("/api/calls", json={"to": "not a number", "profile": "dealership"})
        both = await http.post("/api/calls", json={"to": "+15125550123", "lead_id": 1})
        assert (missing.status_code, bad.status_code, both.status_code) == (404, 422, 422)
        # Twilio itself refuses: a clear 502, and the call record is closed as failed.
        phone.api.fail_next = {"code": 21215, "status": 400, "message": "Account not authorized "
                               "to call +15125550166", "more_info": "https://www.twilio.com"}
        refused = await http.post("/api/calls", json={"to": "+15125550166",
                                                      "profile": "dealership"})
        assert refused.status_code == 502 and "not authorized" in refused.json()["detail"]
    assert len(phone.api.created) == 1  # only the last one reached Twilio


async def test_malformed_frames_cost_at_most_their_own_call(phone, say) -> None:
    good_sid, good_stream = await phone.twilio.ring(profile="dealership")
    bad_sid, bad_stream = await phone.twilio.ring(profile="dealership", caller="+15125550143")
    async with MediaStreamClient(good_stream, call_sid=good_sid) as good, \
            MediaStreamClient(bad_stream, call_sid=bad_sid) as bad:
        for junk in ("{not json", json.dumps([1, 2]), json.dumps({"event": "media"}),
                     json.dumps({"event": "media", "media": {"payload": "%%%not-base64%%%"}}),
                     json.dumps({"event": "hologram", "data": 1}), "", "null",
                     json.dumps({"event": "dtmf", "dtmf": "1"}),
                     json.dumps({"event": "dtmf", "dtmf": None}), "[" * 50_000 + "]" * 50_000):
            await bad.send_raw(junk)
        assert await bad.greeted() and await good.greeted()
        await bad.say(await say("What are your service hours?"))
        assert await bad.next_reply(), "a call survives junk frames"
        await bad.drop()  # the connection just dies
        await good.say(await say("What are your service hours?"))
        assert await good.next_reply(), "another call is not affected"
    bad_turns = await phone.turns(bad_stream.parameters["session_id"])
    assert [t.role for t in bad_turns] == ["assistant", "user", "assistant"]
    state, _ = await phone.runtime.conversations.get(bad_stream.parameters["session_id"])
    assert state.ended  # the dropped call was closed with its transcript intact
    async with httpx.AsyncClient() as http:
        assert (await http.get(f"{phone.server.url}/health")).status_code == 200


async def test_a_stream_that_never_starts_is_closed(phone) -> None:
    import websockets

    url = f"ws://127.0.0.1:{phone.server.port}/twilio/stream"
    async with websockets.connect(url) as ws:
        await ws.send(json.dumps({"event": "connected", "protocol": "Call"}))
        await ws.send(json.dumps({"event": "media", "media": {"payload": "//8="}}))
        await ws.send(json.dumps({"event": "start", "start": {
            "streamSid": "MZ1", "callSid": "CA-unknown", "customParameters": {}}}))
        with pytest.raises(websockets.ConnectionClosed) as closed:
            await asyncio.wait_for(ws.recv(), 5)
    assert closed.value.rcvd.code == 1008


def _call_tasks() -> list[str]:
    """The per-call tasks a finished call must not leave running."""
    return [t.get_name() for t in asyncio.all_tasks()
            if t.get_name().endswith(("::_watch_events", "::_greet"))]


def _call_objects() -> set[int]:
    """The call pipelines alive in this process (each holds its VAD model, buffers, socket)."""
    from frontdesk.voice.control import CallControl
    from frontdesk.voice.processors import BrainTurns
    from frontdesk.voice.state import CallState

    gc.collect()
    return {id(o) for o in gc.get_objects() if isinstance(o, BrainTurns | CallControl | CallState)}


@pytest.mark.parametrize("ending", ["drop_before_greeting", "drop_during_greeting",
                                    "stop_during_greeting"])
async def test_every_way_a_call_ends_ends_its_conversation(phone, ending) -> None:
    """A stream dropped while the greeting was being made or spoken left its conversation
    `active` forever, with call control and greeting tasks still running — and the watcher
    kept the whole pipeline alive (the server's memory grew call after call)."""
    before = _call_objects()
    call_sid, stream = await phone.twilio.ring(profile="dealership")
    conversation_id = stream.parameters["session_id"]
    media = MediaStreamClient(stream, call_sid=call_sid)
    await media.__aenter__()
    if ending != "drop_before_greeting":
        assert await media.wait_for("media", 5)  # the greeting is being spoken
    if ending.startswith("drop"):
        await media.drop()
    else:
        await media.hang_up()

    async def ended() -> bool:
        return (await phone.call(conversation_id)).status == "ended"

    for _ in range(200):
        if await ended() and not _call_tasks():
            break
        await asyncio.sleep(0.05)
    record = await phone.call(conversation_id)
    assert (record.status, record.outcome is not None, record.ended_at is not None) == (
        "ended", True, True), (record.status, record.outcome)
    state, _ = await phone.runtime.conversations.get(conversation_id)
    assert state.ended and state.outcome == record.outcome
    assert _call_tasks() == []
    assert _call_objects() - before == set(), "the finished call's pipeline is still alive"


async def test_ending_the_conversation_over_rest_hangs_up_the_call(phone) -> None:
    """Ending over REST left the line open, and the next keypad press raised SessionEndedError
    inside the pipeline."""
    from loguru import logger

    errors: list[str] = []
    sink = logger.add(lambda message: errors.append(str(message)), level="ERROR")
    try:
        call_sid, stream = await phone.twilio.ring(profile="dealership")
        conversation_id = stream.parameters["session_id"]
        async with MediaStreamClient(stream, call_sid=call_sid) as media:
            assert await media.greeted()
            async with httpx.AsyncClient(base_url=phone.server.url) as http:
                await authorize(phone.server.app, http)
                ended = await http.post(f"/api/sessions/{conversation_id}/end")
            assert ended.status_code == 200 and ended.json()["state"]["ended"]
            with contextlib.suppress(websockets.ConnectionClosed):
                await media.press("0")  # the caller presses a key as the line goes down
            assert await _until(lambda: media.closed_at is not None, 10), "the line stayed open"
        assert await _until(lambda: (call_sid, {"Status": "completed"}) in phone.api.updates,
                            10), "not hung up over REST"
        texts = [(t.role, t.text) for t in await phone.turns(conversation_id)]
        assert ("user", "I'd like to speak to a person, please.") not in texts
        assert await _until(lambda: not _call_tasks(), 5)
    finally:
        logger.remove(sink)
    assert errors == []


async def test_a_phone_calls_log_lines_carry_its_id_and_no_personal_data(phone, emitted) -> None:
    """Pipecat's lines come through the same pipeline and, like ours, carry the conversation
    id; keypad digits and the caller's number are not in the log, even at DEBUG."""
    from frontdesk.logs import REDACTED

    read = emitted("DEBUG")
    call_sid, stream = await phone.twilio.ring(profile="dealership", caller="+15125550142")
    conversation_id = stream.parameters["session_id"]
    async with MediaStreamClient(stream, call_sid=call_sid) as media:
        assert await media.wait_for("media", 10)
        await media.press("5")
        await asyncio.sleep(0.5)
    assert await _until(lambda: not _call_tasks(), 10)
    raw = "\n".join(read())
    lines = [json.loads(line) for line in raw.splitlines()]
    keypad = next(line for line in lines if line["message"] == "keypad pressed")
    assert keypad["conversation_id"] == conversation_id and keypad["personal"] == {"key": REDACTED}
    pipecat = [line for line in lines if line["logger"].startswith("pipecat.")]
    assert pipecat and all(line.get("conversation_id") == conversation_id for line in pipecat)
    assert '\\"digit\\": \\"5\\"' not in raw and "5125550142" not in raw


async def test_a_caller_moves_their_appointment_by_phone(phone, say) -> None:
    """Found by caller ID, read back, moved only after the caller says yes; the desk's event
    (reminders and alerts follow from it) is written with the change."""
    caller = "+15125550166"
    booked = await phone.runtime.conversations.create("dealership", caller_phone=caller)
    sid = booked.state.conversation_id
    await phone.runtime.conversations.chat(
        sid, "this is Tom Becker, can I bring my 2016 Ford F-150 in for an oil change "
             "Wednesday at 2 pm?")
    done = await phone.runtime.conversations.chat(sid, "yes")
    appointment_id = done.state.appointment.id

    call_sid, stream = await phone.twilio.ring(profile="dealership", caller=caller)
    conversation_id = stream.parameters["session_id"]
    async with MediaStreamClient(stream, call_sid=call_sid) as media:
        assert await media.greeted(), "no greeting"
        for line in ("Hi, can I move my oil change to Friday at the same time?",
                     "Yes, please move it."):
            await media.say(await say(line))
            assert await media.next_reply(), f"no reply to {line!r}"
        transcript = [(t.role, t.text) for t in await phone.turns(conversation_id)]
    read_back = transcript[2][1]
    assert "oil change" in read_back and "Friday, November 27" in read_back, transcript
    assert "Friday, November 27" in transcript[4][1] and "2 PM" in transcript[4][1], transcript
    async with phone.runtime.sessions() as db:
        row = await db.get(Appointment, appointment_id)
    assert (str(row.scheduled_date), str(row.scheduled_time)) == ("2026-11-27", "14:00:00")
    events = [j.payload["event"] for j in await phone.runtime.jobs.list(kind="event")]
    assert "appointment_moved" in events
