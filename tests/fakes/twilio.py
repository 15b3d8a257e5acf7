"""Twilio, as far as Frontdesk can tell: signed webhooks, Media Streams, the REST API.

The caller's side (:class:`MediaStreamClient`, :class:`TwilioSide`) ships with Frontdesk in
:mod:`frontdesk.telephony.simulator` (``frontdesk eval`` and ``frontdesk loadtest`` use it);
this module adds the test account and :class:`FakeTwilioApi`, the REST API
(``/2010-04-01/Accounts/{sid}/Calls.json`` and call updates) with Basic auth, where a created
call "rings" by fetching its TwiML from the ``Url``.
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
        self._ringing: set[asyncio.Task] = set()

    @staticmethod
    def _auth(request: Request, account: str) -> None:
        expected = "Basic " + base64.b64encode(f"{ACCOUNT_SID}:{AUTH_TOKEN}".encode()).decode()
        if account != ACCOUNT_SID or request.headers.get("authorization") != expected:
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
