"""Twilio's REST API through the official SDK: place calls, hang up, transfer.

The SDK always builds ``https://api.twilio.com/...`` URLs; the rebased HTTP client
(:mod:`frontdesk.twilio_http`) sends them to ``twilio.api_base_url`` instead, so a
Twilio-compatible server (the test suite's fake) can stand in without touching the SDK's
request building, auth or error handling.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from twilio.base.exceptions import TwilioException, TwilioRestException
from twilio.rest import Client

from frontdesk.config import TwilioSettings
from frontdesk.twilio_http import RebasedHttpClient

log = logging.getLogger(__name__)


class TelephonyError(Exception):
    """Twilio refused or could not be reached; ``status`` is Twilio's HTTP status if any."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


@dataclass(slots=True)
class PlacedCall:
    sid: str
    status: str


class TwilioRest:
    """One SDK client per process (its HTTP session is pooled)."""

    def __init__(self, settings: TwilioSettings, timeout_s: float = 10.0) -> None:
        if not settings.rest_configured:
            raise TelephonyError("Twilio is not configured: set FRONTDESK_TWILIO__ACCOUNT_SID "
                                 "and FRONTDESK_TWILIO__AUTH_TOKEN")
        self._http = RebasedHttpClient(settings.api_base_url, timeout_s)
        self._client = Client(settings.account_sid, settings.auth_token, http_client=self._http)

    async def place_call(self, *, to: str, from_: str, url: str, status_callback: str) -> PlacedCall:
        try:
            call = await self._client.calls.create_async(
                to=to, from_=from_, url=url, method="POST", status_callback=status_callback,
                status_callback_method="POST",
                status_callback_event=["initiated", "ringing", "answered", "completed"])
        except TwilioRestException as exc:
            raise TelephonyError(f"Twilio refused the call: {exc.msg}", exc.status) from exc
        except (TwilioException, OSError) as exc:
            raise TelephonyError(f"Twilio is unreachable: {exc}") from exc
        return PlacedCall(sid=call.sid or "", status=call.status or "queued")

    async def hang_up(self, call_sid: str) -> None:
        await self._update(call_sid, status="completed")

    async def redirect(self, call_sid: str, twiml: str) -> None:
        """Replace what the call is doing (ends its Media Stream) with new TwiML."""
        await self._update(call_sid, twiml=twiml)

    async def _update(self, call_sid: str, **fields: str) -> None:
        try:
            await self._client.calls(call_sid).update_async(**fields)
        except TwilioRestException as exc:
            if exc.status == 404:  # already over
                log.info("twilio call already ended", extra={"call_sid": call_sid})
                return
            raise TelephonyError(f"Twilio refused the call update: {exc.msg}", exc.status) from exc
        except (TwilioException, OSError) as exc:
            raise TelephonyError(f"Twilio is unreachable: {exc}") from exc

    async def close(self) -> None:
        await self._http.close()
