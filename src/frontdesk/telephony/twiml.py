"""The TwiML Frontdesk answers Twilio with (calls and text messages), built by Twilio's SDK."""

from __future__ import annotations

from twilio.twiml.messaging_response import MessagingResponse
from twilio.twiml.voice_response import Connect, VoiceResponse


def connect_stream(stream_url: str, parameters: dict[str, str]) -> str:
    """Answer: open a bidirectional Media Stream to the agent; hang up when it closes."""
    response = VoiceResponse()
    connect = Connect()
    stream = connect.stream(url=stream_url)
    for name, value in parameters.items():
        stream.parameter(name=name, value=value)
    response.append(connect)
    response.hangup()
    return str(response)


def transfer(number: str, *, timeout_s: int = 25, action: str | None = None) -> str:
    """Hand the caller to a person: replaces the stream (a call update) with a ``<Dial>``.

    ``action``: where Twilio reports how the dial ended (``DialCallStatus``) and asks what to
    do next — Frontdesk brings the caller back to the agent when nobody answered."""
    response = VoiceResponse()
    if action is None:
        response.dial(number, timeout=timeout_s)
    else:
        response.dial(number, timeout=timeout_s, action=action, method="POST")
    return str(response)


def hang_up() -> str:
    """End the call (the person the caller was put through to has hung up)."""
    response = VoiceResponse()
    response.hangup()
    return str(response)


def decline(message: str) -> str:
    """Say why the call cannot be taken, then hang up."""
    response = VoiceResponse()
    response.say(message)
    response.hangup()
    return str(response)


def message(text: str) -> str:
    """Answer an inbound text message with one text message."""
    response = MessagingResponse()
    response.message(text)
    return str(response)


def no_reply() -> str:
    """Answer an inbound text message with nothing (an empty ``<Response/>``)."""
    return str(MessagingResponse())
