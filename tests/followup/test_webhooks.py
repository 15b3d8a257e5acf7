"""Signed webhooks: signing and verifying, and deliveries to a real local receiver."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime

import httpx
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from frontdesk.followup.errors import DeliveryError
from frontdesk.followup.webhooks import WebhookSender, sign, verify
from tests.fakes.live import LiveServer, free_port

SECRET = "whsec_test_4f1c"


class Receiver:
    """A business's endpoint: checks every signature with :func:`verify`, records what came,
    and answers the statuses it is told to (then 200)."""

    def __init__(self, secret: str = SECRET) -> None:
        self.secret = secret
        self.received: list[tuple[dict, dict[str, str], bool]] = []
        self.answers: list[int] = []
        self.delay_s = 0.0
        self.app = Starlette(routes=[Route("/hooks", self._hook, methods=["POST"])])

    async def _hook(self, request: Request) -> Response:
        body = await request.body()
        valid = verify(self.secret, request.headers.get("frontdesk-signature"), body)
        self.received.append((json.loads(body), dict(request.headers), valid))
        if self.delay_s:
            await asyncio.sleep(self.delay_s)
        if not valid:
            return Response("bad signature", status_code=400)
        status = self.answers.pop(0) if self.answers else 200
        headers = {"location": "https://elsewhere.example/hooks"} if 300 <= status < 400 else {}
        return Response(status_code=status, headers=headers)


@pytest.fixture
async def receiver():
    hooks = Receiver()
    async with LiveServer(hooks.app) as server:
        hooks.url = f"{server.url}/hooks"  # type: ignore[attr-defined]
        yield hooks


# --- signing ---------------------------------------------------------------------------------

def test_a_signature_is_hmac_sha256_over_the_timestamp_and_the_body() -> None:
    import hashlib
    import hmac

    body = b'{"id":"dlv_1"}'
    expected = hmac.new(b"s3cret", b"1700000000." + body, hashlib.sha256).hexdigest()
    assert sign("s3cret", 1_700_000_000, body) == f"t=1700000000,v1={expected}"


def test_verify_accepts_a_fresh_signature_and_refuses_the_rest() -> None:
    body, now = b'{"event":"appointment.booked"}', 1_700_000_000
    header = sign(SECRET, now, body)
    assert verify(SECRET, header, body, now=now)
    assert verify(SECRET, header, body, now=now + 300)  # at the edge of the tolerance
    assert not verify(SECRET, header, body, now=now + 301)  # a replay, too late
    assert not verify(SECRET, header, body, now=now - 301)  # from the future
    assert verify(SECRET, header, body, now=now + 3000, tolerance_s=3600)
    assert not verify("another-secret", header, body, now=now)
    assert not verify(SECRET, header, body + b" ", now=now)  # tampered body
    assert not verify(SECRET, header.replace("t=1700000000", "t=1700000001"), body, now=now)


def test_verify_accepts_any_of_several_signatures_for_secret_rotation() -> None:
    body, now = b"{}", 1_700_000_000
    old = sign("old-secret", now, body).split(",")[1]
    new = sign(SECRET, now, body)
    assert verify(SECRET, f"{new},{old}", body, now=now)
    assert verify("old-secret", f"{new},{old}", body, now=now)


@pytest.mark.parametrize("header", [None, "", "garbage", "t=abc,v1=00", "v1=00",
                                    "t=1700000000", "t=1700000000,t=1700000000,v1=00",
                                    "t=-1700000000,v1=00", "t=１７,v1=00", "t=1700000000,v1=é"])
def test_a_malformed_header_is_refused_not_an_error(header) -> None:
    assert verify(SECRET, header, b"{}", now=1_700_000_000) is False


@pytest.mark.parametrize(("call", "says"), [
    (lambda: sign("", 1, b""), "secret"),
    (lambda: sign(SECRET, -1, b""), "timestamp"),
    (lambda: sign(SECRET, 1.5, b""), "timestamp"),
    (lambda: sign(SECRET, 1, "text"), "bytes"),
    (lambda: verify("", "t=1,v1=00", b""), "secret"),
    (lambda: verify(SECRET, "t=1,v1=00", b"", tolerance_s=-1), "tolerance"),
])
def test_bad_arguments_are_clear_errors(call, says) -> None:
    with pytest.raises(ValueError, match=says):
        call()


# --- delivering ------------------------------------------------------------------------------

@pytest.mark.integration
async def test_an_event_arrives_signed_with_its_headers_and_envelope(receiver) -> None:
    created = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)
    async with WebhookSender(timeout_s=5) as sender:
        status = await sender.post(receiver.url, SECRET, "appointment.booked",
                                   {"appointment_id": 42, "service": "oil change"},
                                   delivery_id="job_42", created_at=created)
    assert status == 200
    [(body, headers, valid)] = receiver.received
    assert valid
    assert body == {"id": "job_42", "event": "appointment.booked",
                    "created_at": "2026-11-23T15:00:00Z",
                    "data": {"appointment_id": 42, "service": "oil change"}}
    assert headers["frontdesk-event"] == "appointment.booked"
    assert headers["frontdesk-delivery"] == "job_42"
    assert headers["content-type"] == "application/json"


@pytest.mark.integration
async def test_a_tampered_body_fails_verification_at_the_receiver(receiver) -> None:
    """A man in the middle who changes the body cannot re-sign it: the receiver refuses."""
    captured: list[httpx.Request] = []

    def capture(request: httpx.Request) -> httpx.Response:
        captured.append(request)
        return httpx.Response(204)

    async with httpx.AsyncClient(transport=httpx.MockTransport(capture)) as client:
        await WebhookSender(client=client).post(receiver.url, SECRET, "appointment.booked",
                                                {"appointment_id": 42})
    [signed] = captured
    headers = {name: signed.headers[name] for name in
               ("content-type", "frontdesk-signature", "frontdesk-event", "frontdesk-delivery")}
    async with httpx.AsyncClient() as http:
        genuine = await http.post(receiver.url, content=signed.content, headers=headers)
        forged = await http.post(receiver.url, content=signed.content.replace(b"42", b"43"),
                                 headers=headers)
    assert (genuine.status_code, forged.status_code) == (200, 400)
    assert [(body["data"], valid) for body, _, valid in receiver.received] == [
        ({"appointment_id": 42}, True), ({"appointment_id": 43}, False)]


@pytest.mark.integration
async def test_each_delivery_has_a_new_id_unless_a_retry_keeps_it(receiver) -> None:
    async with WebhookSender() as sender:
        await sender.post(receiver.url, SECRET, "e", {})
        await sender.post(receiver.url, SECRET, "e", {})
    first, second = (headers["frontdesk-delivery"] for _, headers, _ in receiver.received)
    assert first.startswith("dlv_") and first != second


@pytest.mark.integration
@pytest.mark.parametrize(("status", "retryable"), [(500, True), (503, True), (429, True),
                                                    (408, True), (410, False), (404, False),
                                                    (400, False), (302, False)])
async def test_a_refusal_says_whether_to_retry(receiver, status, retryable) -> None:
    receiver.answers.append(status)
    async with WebhookSender() as sender:
        with pytest.raises(DeliveryError) as refused:
            await sender.post(receiver.url, SECRET, "e", {"n": 1})
        assert (refused.value.status_code, refused.value.retryable) == (status, retryable)
        assert await sender.post(receiver.url, SECRET, "e", {"n": 1}) == 200
    if status == 410:
        assert "gone" in refused.value.detail
    if status == 302:
        assert "not followed" in refused.value.detail and len(receiver.received) == 2


@pytest.mark.integration
async def test_a_slow_or_absent_receiver_is_retryable(receiver) -> None:
    receiver.delay_s = 2.0
    async with WebhookSender(timeout_s=0.3) as sender:
        with pytest.raises(DeliveryError) as slow:
            await sender.post(receiver.url, SECRET, "e", {})
        assert slow.value.retryable and slow.value.status_code is None
        with pytest.raises(DeliveryError) as absent:
            await sender.post(f"http://127.0.0.1:{free_port()}/hooks", SECRET, "e", {})
        assert absent.value.retryable and "unreachable" in absent.value.detail


@pytest.mark.parametrize(("url", "secret", "event", "payload", "says"), [
    ("ftp://example.com/h", SECRET, "e", {}, "http"),
    ("http://", SECRET, "e", {}, "http"),
    ("not a url", SECRET, "e", {}, "http"),
    (None, SECRET, "e", {}, "http"),
    ("https://example.com/h", "", "e", {}, "secret"),
    ("https://example.com/h", SECRET, "", {}, "event name"),
    ("https://example.com/h", SECRET, "e", [1], "dict"),
    ("https://example.com/h", SECRET, "e", {"when": datetime(2026, 1, 1)}, "not JSON"),
    ("https://example.com/h", SECRET, "e", {"x": float("nan")}, "not JSON"),
])
async def test_bad_input_is_refused_without_a_request(url, secret, event, payload, says) -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise AssertionError(f"nothing should be sent, got {request.url}")

    async with httpx.AsyncClient(transport=httpx.MockTransport(refuse)) as client:
        with pytest.raises(DeliveryError, match=says) as refused:
            await WebhookSender(client=client).post(url, secret, event, payload)
    assert refused.value.retryable is False
