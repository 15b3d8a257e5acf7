"""The HTTP client under Twilio's SDK, pointed at a configurable API root.

Twilio's SDK always builds ``https://api.twilio.com/...`` URLs; :class:`RebasedHttpClient`
sends them to another root instead (``FRONTDESK_TWILIO__API_BASE_URL``), so a
Twilio-compatible server (the test suite's fake) can stand in without touching the SDK's
request building, auth or error handling. A leaf: both the phone transport (calls) and the
follow-up channels (text messages) use it, so it sits below both.
"""

from __future__ import annotations

from twilio.http.async_http_client import AsyncTwilioHttpClient

TWILIO_API = "https://api.twilio.com"


class RebasedHttpClient(AsyncTwilioHttpClient):
    """Twilio's async HTTP client (pooled aiohttp session), with its API root replaced."""

    def __init__(self, base_url: str, timeout_s: float) -> None:
        super().__init__(timeout=timeout_s)
        self._base = base_url.rstrip("/")

    async def request(self, method, url, *args, **kwargs):  # type: ignore[override]
        if url.startswith(TWILIO_API):
            url = self._base + url[len(TWILIO_API):]
        # The SDK passes timeout=None unless a call names one, and aiohttp reads None as "no
        # limit at all": the client's own timeout is applied instead.
        if kwargs.get("timeout") is None:
            kwargs["timeout"] = self.timeout
        return await super().request(method, url, *args, **kwargs)
