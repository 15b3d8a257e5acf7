"""Text messages through the official Twilio SDK against the fake Messages API over HTTP."""

from __future__ import annotations

import pytest

from frontdesk.config import TwilioSettings
from frontdesk.followup.errors import DeliveryError
from frontdesk.followup.sms import SentMessage, TwilioMessaging
from tests.fakes.live import LiveServer, free_port
from tests.fakes.twilio import (
    ACCOUNT_SID,
    API_KEY_SECRET,
    API_KEY_SID,
    AUTH_TOKEN,
    INVALID_TO,
    MESSAGING_SERVICE_SID,
    SERVER_ERROR,
    TOO_MANY_REQUESTS,
    TWILIO_NUMBER,
    UNSUBSCRIBED,
    FakeTwilioApi,
)

pytestmark = pytest.mark.integration

CUSTOMER = "+15125550142"


@pytest.fixture
async def api():
    fake = FakeTwilioApi()
    async with LiveServer(fake.app) as server:
        fake.url = server.url  # type: ignore[attr-defined]
        yield fake


def _settings(api, **fields) -> TwilioSettings:
    base = {"account_sid": ACCOUNT_SID, "auth_token": AUTH_TOKEN, "from_number": TWILIO_NUMBER,
            "api_base_url": api.url}
    return TwilioSettings(**{**base, **fields})


async def test_a_message_is_sent_from_the_number_with_its_callback(api) -> None:
    async with TwilioMessaging(_settings(api)) as sms:
        sent = await sms.send(CUSTOMER, "Reminder: oil change tomorrow at 2 PM.",
                              status_callback="https://frontdesk.example/twilio/sms/status")
    assert isinstance(sent, SentMessage)
    assert sent.sid.startswith("SM") and sent.status == "queued"
    [message] = api.messages
    assert message == {"To": CUSTOMER, "From": TWILIO_NUMBER,
                       "Body": "Reminder: oil change tomorrow at 2 PM.",
                       "StatusCallback": "https://frontdesk.example/twilio/sms/status",
                       "Sid": sent.sid}


async def test_messaging_from_and_service_sid_choose_the_sender(api) -> None:
    async with TwilioMessaging(_settings(api, messaging_from="+15125550111")) as sms:
        await sms.send(CUSTOMER, "one")
    async with TwilioMessaging(_settings(api, messaging_service_sid=MESSAGING_SERVICE_SID)) as sms:
        sent = await sms.send(CUSTOMER, "two")
    first, second = api.messages
    assert first["From"] == "+15125550111"
    assert "From" not in second and second["MessagingServiceSid"] == MESSAGING_SERVICE_SID
    assert sent.status == "accepted"


async def test_an_api_key_authenticates_instead_of_the_auth_token(api) -> None:
    settings = _settings(api, auth_token=None, api_key_sid=API_KEY_SID,
                         api_key_secret=API_KEY_SECRET)
    async with TwilioMessaging(settings) as sms:
        await sms.send(CUSTOMER, "hello")
    assert len(api.messages) == 1
    async with TwilioMessaging(_settings(api, auth_token="wrong")) as sms:
        with pytest.raises(DeliveryError) as refused:
            await sms.send(CUSTOMER, "hello")
    assert (refused.value.status_code, refused.value.retryable) == (401, False)


@pytest.mark.parametrize(("error", "status", "code"), [(UNSUBSCRIBED, 400, 21610),
                                                       (INVALID_TO, 400, 21211)])
async def test_refusals_for_the_recipient_are_not_retryable(api, error, status, code) -> None:
    api.refuse[CUSTOMER] = error
    async with TwilioMessaging(_settings(api)) as sms:
        with pytest.raises(DeliveryError) as refused:
            await sms.send(CUSTOMER, "hello")
    assert (refused.value.retryable, refused.value.status_code, refused.value.code) == (
        False, status, code)
    assert error["message"] in refused.value.detail
    assert api.messages == []


@pytest.mark.parametrize("error", [SERVER_ERROR, TOO_MANY_REQUESTS])
async def test_a_server_error_or_throttling_is_retryable_and_the_retry_goes_through(api, error) -> None:
    api.message_failures.append(error)
    async with TwilioMessaging(_settings(api)) as sms:
        with pytest.raises(DeliveryError) as failed:
            await sms.send(CUSTOMER, "hello")
        assert failed.value.retryable and failed.value.status_code == error["status"]
        assert (await sms.send(CUSTOMER, "hello")).sid.startswith("SM")
    assert len(api.messages) == 1


async def test_an_unreachable_or_slow_twilio_is_retryable(api) -> None:
    async with TwilioMessaging(_settings(api, api_base_url=f"http://127.0.0.1:{free_port()}")) as sms:
        with pytest.raises(DeliveryError) as unreachable:
            await sms.send(CUSTOMER, "hello")
    assert unreachable.value.retryable and unreachable.value.status_code is None
    api.message_delay_s = 2.0
    async with TwilioMessaging(_settings(api), timeout_s=0.3) as sms:
        with pytest.raises(DeliveryError) as slow:
            await sms.send(CUSTOMER, "hello")
    assert slow.value.retryable and "in time" in slow.value.detail


@pytest.mark.parametrize(("to", "body", "callback", "says"), [
    ("5125550142", "hi", None, "E.164"),
    ("+1 512 555 0142", "hi", None, "E.164"),
    (None, "hi", None, "E.164"),
    (CUSTOMER, "  ", None, "needs a body"),
    (CUSTOMER, "x" * 1601, None, "at most 1600"),
    (CUSTOMER, "hi", "ftp://example.com", r"http\(s\) URL"),
])
async def test_bad_input_is_refused_before_twilio_is_asked(api, to, body, callback, says) -> None:
    async with TwilioMessaging(_settings(api)) as sms:
        with pytest.raises(DeliveryError, match=says) as refused:
            await sms.send(to, body, status_callback=callback)
    assert refused.value.retryable is False
    assert api.message_requests == 0


@pytest.mark.parametrize(("fields", "says"), [
    ({"account_sid": None}, "not configured"),
    ({"auth_token": None}, "not configured"),
    ({"from_number": None}, "not configured"),
    ({"from_number": "Riverside"}, "E.164"),
])
def test_settings_that_cannot_send_are_named(fields, says) -> None:
    settings = TwilioSettings(**{"account_sid": ACCOUNT_SID, "auth_token": AUTH_TOKEN,
                                 "from_number": TWILIO_NUMBER, **fields})
    with pytest.raises(ValueError, match=says):
        TwilioMessaging(settings)


def test_an_api_key_without_its_secret_is_a_settings_error() -> None:
    with pytest.raises(ValueError, match="go together"):
        TwilioSettings(account_sid=ACCOUNT_SID, api_key_sid=API_KEY_SID)
