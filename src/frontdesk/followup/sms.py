"""Text messages through Twilio's Messages API, with the official SDK.

The SDK's requests go through :class:`frontdesk.twilio_http.RebasedHttpClient`, so
``FRONTDESK_TWILIO__API_BASE_URL`` can point at a Twilio-compatible server (the tests' fake).
Every failure becomes a :class:`DeliveryError` that says whether a retry can help: Twilio's
429 and 5xx, timeouts and unreachable hosts can; a 4xx (21610: the recipient texted STOP,
21211: not a valid number) cannot.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

import aiohttp
from twilio.base.exceptions import TwilioException, TwilioRestException
from twilio.rest import Client

from frontdesk.config import TwilioSettings
from frontdesk.followup.errors import DeliveryError, retryable_http_status
from frontdesk.logs import personal
from frontdesk.twilio_http import RebasedHttpClient

log = logging.getLogger(__name__)

E164 = re.compile(r"\+[1-9][0-9]{6,14}")
MAX_BODY_CHARS = 1600
"""Twilio refuses longer bodies (error 21617)."""
UNSUBSCRIBED = 21610
"""Twilio's code for a recipient who replied STOP to the sender."""


@dataclass(frozen=True, slots=True)
class SentMessage:
    """Twilio accepted the message: its id and first status (``queued``, ``accepted``)."""

    sid: str
    status: str


class TwilioMessaging:
    """Sends text messages from the configured number or Messaging Service.

    One per process (its HTTP session is pooled); :meth:`close` when done.
    """

    def __init__(self, settings: TwilioSettings, *, timeout_s: float = 10.0) -> None:
        """Args:
            settings: the Twilio section; needs the account SID, the auth token or an API key
                and secret, and a sender (``messaging_service_sid``, ``messaging_from`` or
                ``from_number``).
            timeout_s: the most one request may take, connecting included.

        Raises:
            ValueError: the settings cannot send a text message (names what is missing).
        """
        if not settings.messaging_configured:
            raise ValueError(
                "Twilio messaging is not configured: set FRONTDESK_TWILIO__ACCOUNT_SID, "
                "FRONTDESK_TWILIO__AUTH_TOKEN (or FRONTDESK_TWILIO__API_KEY_SID and "
                "FRONTDESK_TWILIO__API_KEY_SECRET) and a sender: "
                "FRONTDESK_TWILIO__MESSAGING_SERVICE_SID, FRONTDESK_TWILIO__MESSAGING_FROM or "
                "FRONTDESK_TWILIO__FROM_NUMBER")
        if timeout_s <= 0:
            raise ValueError(f"timeout_s must be positive, got {timeout_s}")
        self._sender: dict[str, str]
        if settings.messaging_service_sid:
            self._sender = {"messaging_service_sid": settings.messaging_service_sid}
        else:
            number = settings.messaging_from or settings.from_number or ""
            if not E164.fullmatch(number):
                raise ValueError(f"the Twilio sender must be an E.164 number, got {number!r}")
            self._sender = {"from_": number}
        self._http = RebasedHttpClient(settings.api_base_url, timeout_s)
        if settings.api_key_sid and settings.api_key_secret:
            self._client = Client(settings.api_key_sid, settings.api_key_secret,
                                  settings.account_sid, http_client=self._http)
        else:
            self._client = Client(settings.account_sid, settings.auth_token, http_client=self._http)

    async def send(self, to: str, body: str, *, status_callback: str | None = None) -> SentMessage:
        """Send ``body`` to ``to``.

        Args:
            to: the recipient, E.164 (``+15125550142``).
            body: the text, 1 to 1600 characters.
            status_callback: a URL Twilio POSTs the message's progress to (sent, delivered,
                undelivered, failed).

        Returns:
            Twilio's id for the message and its first status.

        Raises:
            DeliveryError: not sent. ``retryable`` for 429, 5xx, timeouts and connection
                errors; not for any other refusal (``code`` is Twilio's, e.g. 21610) or for
                a recipient or body Twilio would refuse anyway.
        """
        if not isinstance(to, str) or not E164.fullmatch(to):
            raise DeliveryError(f"the recipient must be an E.164 number (+15125550142), got {to!r}",
                                retryable=False)
        if not isinstance(body, str) or not body.strip():
            raise DeliveryError("a text message needs a body", retryable=False)
        if len(body) > MAX_BODY_CHARS:
            raise DeliveryError(f"a text message holds at most {MAX_BODY_CHARS} characters, "
                                f"this one has {len(body)}", retryable=False)
        if status_callback is not None and not status_callback.startswith(("https://", "http://")):
            raise DeliveryError(f"status_callback must be an http(s) URL, got {status_callback!r}",
                                retryable=False)
        extra = {"status_callback": status_callback} if status_callback else {}
        try:
            message = await self._client.messages.create_async(
                to=to, body=body, **self._sender, **extra)
        except TwilioRestException as exc:
            log.warning("twilio refused a text message",
                        extra={"status": exc.status, "twilio_code": exc.code, **personal(to=to)})
            raise DeliveryError(f"Twilio refused the message: {exc.msg}",
                                retryable=retryable_http_status(exc.status),
                                status_code=exc.status, code=exc.code) from exc
        except TimeoutError as exc:
            raise DeliveryError("Twilio did not answer in time", retryable=True) from exc
        except (aiohttp.ClientError, OSError) as exc:
            raise DeliveryError(f"Twilio is unreachable: {type(exc).__name__}: {exc}",
                                retryable=True) from exc
        except TwilioException as exc:
            # The SDK's own complaints (an answer it cannot read): worth another try.
            raise DeliveryError(f"Twilio's answer could not be read: {exc}", retryable=True) from exc
        log.info("text message sent", extra={"message_sid": message.sid, "status": message.status})
        return SentMessage(sid=message.sid or "", status=str(message.status or "queued"))

    async def close(self) -> None:
        await self._http.close()

    async def __aenter__(self) -> TwilioMessaging:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()
