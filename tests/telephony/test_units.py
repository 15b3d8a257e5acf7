"""Telephony pieces on their own: calling hours, TwiML, the hardened Media Streams serializer."""

from __future__ import annotations

import base64
import json
import time
from datetime import UTC, datetime

import pytest
from pipecat.frames.frames import InputAudioRawFrame, InputDTMFFrame, InterruptionFrame
from pipecat.processors.frame_processor import FrameProcessorSetup

from frontdesk.telephony import twiml
from frontdesk.telephony.hours import outside_calling_hours
from frontdesk.telephony.media import StreamStart, TwilioMediaSerializer, WireStats
from frontdesk.voice.processors import ReplyMarkFrame
from tests.fakes.twilio import parse_stream_twiml

pytestmark = pytest.mark.unit
HOURS = dict(start_hour=8, end_hour=21, fallback_zone="America/Chicago")


@pytest.mark.parametrize(("number", "utc_hour", "allowed"), [
    ("+15125550142", 15, True),    # 9 AM in Austin
    ("+14155550123", 15, False),   # 7 AM in San Francisco
    ("+14155550123", 16, True),    # 8 AM there: the window opens
    ("+12125550123", 2, False),    # 9 PM in New York: closed (8 PM in Austin)
    ("+18085550123", 19, True),    # 9 AM in Honolulu
    ("+448000000000", 15, True),   # a UK number at 3 PM London
])
def test_calling_hours_follow_the_callee(number, utc_hour, allowed) -> None:
    now = datetime(2026, 11, 23, utc_hour, 0, tzinfo=UTC)
    assert (outside_calling_hours(number, now, **HOURS) is None) is allowed


def test_a_number_spanning_zones_must_be_inside_all_of_them() -> None:
    # A US toll-free number could ring anywhere in the US: 8 AM in New York is 5 AM in LA.
    reason = outside_calling_hours("+18005550123", datetime(2026, 11, 23, 13, tzinfo=UTC), **HOURS)
    assert reason is not None and "calls are allowed from 8:00 to 21:00" in reason


def test_stream_twiml_carries_parameters_and_hangs_up_after() -> None:
    xml = twiml.connect_stream("wss://example.com/twilio/stream",
                               {"session_id": "sess_1", "profile": "real_estate"})
    stream = parse_stream_twiml(xml)
    assert stream.url == "wss://example.com/twilio/stream"
    assert stream.parameters == {"session_id": "sess_1", "profile": "real_estate"}
    assert xml.endswith("<Hangup /></Response>")
    assert "<Dial timeout=\"25\">+15125550199</Dial>" in twiml.transfer("+15125550199")


@pytest.fixture
async def serializer() -> TwilioMediaSerializer:
    s = TwilioMediaSerializer(StreamStart("MZ1", "CA1", "AC1", {}), WireStats())
    await s.setup(FrameProcessorSetup(clock=None, task_manager=None, pipeline_worker=None,  # type: ignore[arg-type]
                                      audio_in_sample_rate=8000))
    return s


async def test_serializer_drops_junk_and_keeps_audio(serializer) -> None:
    junk = ["{oops", "[1]", "null", json.dumps({"event": "media"}),
            json.dumps({"event": "media", "media": {"payload": "***"}}),
            json.dumps({"event": "media", "media": "x"}),
            json.dumps({"event": "teleport"}), json.dumps({"event": "start"})]
    for message in junk:
        assert await serializer.deserialize(message) is None
    assert (serializer.stats.malformed, serializer.stats.unknown_events) == (6, 2)
    media = json.dumps({"event": "media", "media": {
        "payload": base64.b64encode(b"\xff" * 160).decode()}})
    before = time.monotonic()
    assert await serializer.deserialize(media) is None  # 20 ms: the next 20 ms joins it
    audio = await serializer.deserialize(media)
    assert isinstance(audio, InputAudioRawFrame) and len(audio.audio) == 640  # 40 ms at 8 kHz
    # Stamped when its first part came off the socket: the turn's clock starts there.
    assert before <= audio.metadata["received_at"] <= time.monotonic()
    dtmf = await serializer.deserialize(json.dumps({"event": "dtmf", "dtmf": {"digit": "0"}}))
    assert isinstance(dtmf, InputDTMFFrame) and dtmf.button.value == "0"
    assert await serializer.deserialize(json.dumps(
        {"event": "mark", "mark": {"name": "reply-1"}})) is None
    assert serializer.stats.marks_played == ["reply-1"]
    assert await serializer.deserialize(json.dumps({"event": "stop"})) is None
    assert serializer.stats.stopped


DEEP = "[" * 50_000 + "]" * 50_000
"""Nested deeper than the JSON decoder's recursion limit."""


async def test_serializer_drops_frames_that_used_to_end_the_call(serializer) -> None:
    """A dtmf event without a usable digit, and JSON nested too deep to parse, raised inside the
    transport's receive loop (AttributeError, RecursionError), which ended the call."""
    bad = [json.dumps({"event": "dtmf", "dtmf": "5"}), json.dumps({"event": "dtmf", "dtmf": None}),
           json.dumps({"event": "dtmf"}), json.dumps({"event": "dtmf", "dtmf": {"digit": 5}}),
           json.dumps({"event": "dtmf", "dtmf": {"digit": "x"}}), DEEP,
           json.dumps({"event": "media", "media": {"payload": [[[[]]]]}})]
    for message in bad:
        assert await serializer.deserialize(message) is None
    assert serializer.stats.malformed == len(bad)
    star = await serializer.deserialize(json.dumps({"event": "dtmf", "dtmf": {"digit": "*"}}))
    assert isinstance(star, InputDTMFFrame) and star.button.value == "*"


async def test_serializer_sends_mark_and_clear(serializer) -> None:
    mark = json.loads(await serializer.serialize(
        ReplyMarkFrame(message={"type": "reply_played", "name": "reply-3"})))
    assert mark == {"event": "mark", "streamSid": "MZ1", "mark": {"name": "reply-3"}}
    clear = json.loads(await serializer.serialize(InterruptionFrame()))
    assert clear == {"event": "clear", "streamSid": "MZ1"}
