"""Twilio, as far as Frontdesk can tell: signed webhooks, Media Streams, the REST API.

The caller's side (:class:`MediaStreamClient`, :class:`TwilioSide`) ships with Frontdesk in
:mod:`frontdesk.telephony.simulator` (``frontdesk eval`` and ``frontdesk loadtest`` use it);
this module adds the test account and :class:`FakeTwilioApi`, the REST API
(``/2010-04-01/Accounts/{sid}/Calls.json`` and call updates) with Basic auth, where a created
call "rings" by fetching its TwiML from the ``Url``, and the Messages resource
(``/2010-04-01/Accounts/{sid}/Messages.json``), which records text messages and can be told
to refuse a number (``refuse``) or to fail the next requests (``message_failures``).
"""

from __future__ import annotations

import asyncio
import base64

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import JSONResponse

from frontdesk.telephony import simulator
from frontdesk.telephony.simulator import (  # noqa: F401  (re-exported for the tests)
    ACCOUNT_SID,
    TWILIO_NUMBER,
    Stream,
    new_sid,
    parse_stream_twiml,
)

AUTH_TOKEN = "test-auth-token"
API_KEY_SID = "SK" + "0" * 31 + "2"
API_KEY_SECRET = "test-api-key-secret"
MESSAGING_SERVICE_SID = "MG" + "0" * 31 + "3"


def twilio_error(status: int, code: int, message: str) -> dict:
    """Twilio's error body (what the SDK turns into ``TwilioRestException``)."""
    return {"code": code, "message": message, "status": status,
            "more_info": f"https://www.twilio.com/docs/errors/{code}"}


UNSUBSCRIBED = twilio_error(400, 21610, "Attempt to send to unsubscribed recipient")
INVALID_TO = twilio_error(400, 21211, "Invalid 'To' Phone Number")
SERVER_ERROR = twilio_error(500, 20500, "Internal Server Error")
TOO_MANY_REQUESTS = twilio_error(429, 20429, "Too Many Requests")


class MediaStreamClient(simulator.MediaStreamClient):
    """The shipped client, strict: a message Twilio would reject fails the test."""

    async def __aexit__(self, *exc) -> None:
        await super().__aexit__(*exc)
        assert not self.protocol_errors, self.protocol_errors


class TwilioSide(simulator.TwilioSide):
    """Twilio's requests, signed with the test account's token."""

    def __init__(self, base_url: str, auth_token: str = AUTH_TOKEN) -> None:
        super().__init__(base_url, auth_token)


class FakeTwilioApi:
    """Twilio's REST API for calls. A created call "rings": its TwiML is fetched (signed) and
    kept in ``answered`` for the test to open the stream; updates are recorded."""

    def __init__(self) -> None:
        self.created: list[dict[str, str]] = []
        self.updates: list[tuple[str, dict[str, str]]] = []
        self.answered: asyncio.Queue[tuple[str, Stream]] = asyncio.Queue()
        self.fail_next: dict | None = None
        self.app = FastAPI()
        self.app.post("/2010-04-01/Accounts/{account}/Calls.json")(self._create)
        self.app.post("/2010-04-01/Accounts/{account}/Calls/{call_sid}.json")(self._update)
        self.app.post("/2010-04-01/Accounts/{account}/Messages.json")(self._message)
        self._ringing: set[asyncio.Task] = set()
        self.messages: list[dict[str, str]] = []
        """Text messages accepted: the form fields Twilio got, plus the ``Sid`` it gave."""
        self.message_requests = 0
        self.refuse: dict[str, dict] = {}
        """Recipient → error body (``UNSUBSCRIBED``, ``INVALID_TO``), every time."""
        self.message_failures: list[dict] = []
        """Error bodies answered to the next message requests, one each (``SERVER_ERROR``)."""
        self.message_delay_s = 0.0
        """How long each message request waits before answering (timeouts)."""

    @staticmethod
    def _auth(request: Request, account: str) -> None:
        accepted = {"Basic " + base64.b64encode(f"{user}:{secret}".encode()).decode()
                    for user, secret in ((ACCOUNT_SID, AUTH_TOKEN), (API_KEY_SID, API_KEY_SECRET))}
        if account != ACCOUNT_SID or request.headers.get("authorization") not in accepted:
            raise HTTPException(401, {"code": 20003, "message": "Authenticate", "status": 401})

    @staticmethod
    def _resource(sid: str, form: dict[str, str], status: str) -> dict:
        return {"sid": sid, "account_sid": ACCOUNT_SID, "to": form.get("To"),
                "from": form.get("From"), "status": status, "direction": "outbound-api",
                "api_version": "2010-04-01",
                "uri": f"/2010-04-01/Accounts/{ACCOUNT_SID}/Calls/{sid}.json"}

    async def _create(self, account: str, request: Request):
        self._auth(request, account)
        form = {k: str(v) for k, v in (await request.form()).items()}
        self.created.append(form)
        if self.fail_next is not None:
            error, self.fail_next = self.fail_next, None
            return JSONResponse(error, status_code=error["status"])
        sid = new_sid("CA")
        task = asyncio.create_task(self._ring(sid, form))
        self._ringing.add(task)
        task.add_done_callback(self._ringing.discard)
        return JSONResponse(self._resource(sid, form, "queued"), status_code=201)

    async def _ring(self, sid: str, form: dict[str, str]) -> None:
        side = TwilioSide("")
        base = {"CallSid": sid, "AccountSid": ACCOUNT_SID, "From": form["From"],
                "To": form["To"], "Direction": "outbound-api", "ApiVersion": "2010-04-01"}
        for status in ("initiated", "ringing"):
            await side.post_url(form["StatusCallback"], {**base, "CallStatus": status})
        response = await side.post_url(form["Url"], {**base, "CallStatus": "in-progress"})
        await side.post_url(form["StatusCallback"], {**base, "CallStatus": "in-progress"})
        if response.status_code == 200:
            await self.answered.put((sid, parse_stream_twiml(response.text)))

    async def _update(self, account: str, call_sid: str, request: Request):
        self._auth(request, account)
        form = {k: str(v) for k, v in (await request.form()).items()}
        self.updates.append((call_sid, form))
        return JSONResponse(self._resource(call_sid, form, form.get("Status", "in-progress")))

    async def _message(self, account: str, request: Request):
        self._auth(request, account)
        self.message_requests += 1
        if self.message_delay_s:
            await asyncio.sleep(self.message_delay_s)
        form = {k: str(v) for k, v in (await request.form()).items()}
        error = None
        if self.message_failures:
            error = self.message_failures.pop(0)
        elif not form.get("To"):
            error = twilio_error(400, 21604, "A 'To' phone number is required.")
        elif not (form.get("From") or form.get("MessagingServiceSid")):
            error = twilio_error(400, 21603, "A 'From' phone number is required.")
        elif not form.get("Body"):
            error = twilio_error(400, 21602, "Message body is required.")
        elif form["To"] in self.refuse:
            error = self.refuse[form["To"]]
        if error is not None:
            return JSONResponse(error, status_code=error["status"])
        sid = new_sid("SM")
        self.messages.append({**form, "Sid": sid})
        # With only a Messaging Service, Twilio picks the sender later: "accepted", no From.
        status = "queued" if form.get("From") else "accepted"
        uri = f"/2010-04-01/Accounts/{ACCOUNT_SID}/Messages/{sid}.json"
        return JSONResponse({
            "sid": sid, "account_sid": ACCOUNT_SID, "api_version": "2010-04-01",
            "to": form["To"], "from": form.get("From"), "body": form["Body"],
            "messaging_service_sid": form.get("MessagingServiceSid"), "status": status,
            "direction": "outbound-api", "num_segments": "1", "num_media": "0",
            "error_code": None, "error_message": None, "price": None, "price_unit": "USD",
            "date_created": "Mon, 23 Nov 2026 15:00:00 +0000", "date_sent": None,
            "date_updated": "Mon, 23 Nov 2026 15:00:00 +0000", "uri": uri,
            "subresource_uris": {"media": uri.replace(".json", "/Media.json")}},
            status_code=201)
