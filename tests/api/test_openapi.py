"""The OpenAPI schema says what the server does, so clients and fuzzers can trust it: every
status a route answers is documented for that route, the body is the documented one, and every
moment in a body carries its time zone."""

from __future__ import annotations

import re
from typing import Any

import httpx
import pytest

from frontdesk.api import schemas
from frontdesk.app import create_app
from tests.auth import authorize
from tests.conftest import fixed_clock

pytestmark = pytest.mark.integration

_MOMENT = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")
_ZONED = re.compile(r"(Z|[+-]\d{2}:\d{2})$")
JSON = {"Content-Type": "application/json"}


def _moments(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value] if _MOMENT.match(value) else []
    if isinstance(value, dict):
        return [m for v in value.values() for m in _moments(v)]
    if isinstance(value, list):
        return [m for v in value for m in _moments(v)]
    return []


def _check_body(schema: dict[str, Any], body: Any) -> None:
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        if name == "HTTPValidationError":
            assert isinstance(body["detail"], list) and body["detail"], body
            for error in body["detail"]:
                assert isinstance(error["loc"], list) and isinstance(error["msg"], str)
                assert isinstance(error["type"], str)
        else:
            getattr(schemas, name).model_validate(body)
    elif schema.get("type") == "array" and "$ref" in schema.get("items", {}):
        for item in body:
            _check_body(schema["items"], item)


def _agrees(spec: dict[str, Any], method: str, template: str, response: httpx.Response) -> None:
    operation = spec["paths"][template][method]
    documented = operation["responses"]
    where = f"{method.upper()} {template} -> {response.status_code}: {response.text[:200]}"
    assert str(response.status_code) in documented, f"undocumented status: {where}"
    if "json" not in response.headers.get("content-type", ""):
        return
    body = response.json()
    content = documented[str(response.status_code)].get("content", {})
    if "application/json" in content:
        _check_body(content["application/json"]["schema"], body)
    for moment in _moments(body):
        assert _ZONED.search(moment), f"a time without its zone ({moment!r}): {where}"


async def test_every_answer_is_the_documented_one(settings) -> None:
    app = create_app(settings.model_copy(update={"twilio": settings.twilio.model_copy(
        update={"auth_token": "token"})}), clock=fixed_clock)
    spec = app.openapi()
    transport = httpx.ASGITransport(app=app)
    async with app.router.lifespan_context(app), httpx.AsyncClient(
            transport=transport, base_url="http://test") as http:
        await authorize(app, http)
        created = await http.post("/api/sessions", json={
            "profile": "dealership", "caller": {"phone": "+15125550142", "name": "Dana"}})
        sid = created.json()["session_id"]
        await http.post("/api/chat", json={"session_id": sid, "message": "hours?"})
        unknown_end = await http.post("/api/sessions/sess_nope/end")
        gone = await http.post("/api/sessions", json={"profile": "dealership"})
        await http.post(f"/api/sessions/{gone.json()['session_id']}/end")
        recordings = app.state.services.recordings
        recording = recordings.new_file(sid)
        recording.write_bytes(b"OggS" + bytes(2000))
        await recordings.attach(sid, recording, 1.0)
        deleted = await http.post("/api/sessions", json={"profile": "real_estate"})
        await http.post(f"/api/sessions/{deleted.json()['session_id']}/end")
        probes: list[tuple[str, str, httpx.Response]] = [
            ("post", "/api/sessions", created),
            ("post", "/api/sessions/{session_id}/end", unknown_end),
            ("post", "/api/sessions", await http.post(
                "/api/sessions", json={"profile": "no_such_business"})),
            ("post", "/api/sessions", await http.post(
                "/api/sessions", content=b'{"profile": NaN}', headers=JSON)),
            ("post", "/api/sessions", await http.post(
                "/api/sessions", json={"profile": "dealership", "caller": {"phone": "x"}})),
            ("post", "/api/chat", await http.post(
                "/api/chat", json={"session_id": "sess_nope", "message": "hi"})),
            ("post", "/api/chat", await http.post("/api/chat", json={
                "session_id": gone.json()["session_id"], "message": "hello?"})),
            ("post", "/api/chat", await http.post("/api/chat", json={"session_id": sid})),
            ("get", "/api/sessions/{session_id}", await http.get(f"/api/sessions/{sid}")),
            ("get", "/api/sessions/{session_id}", await http.get("/api/sessions/sess_nope")),
            ("get", "/api/appointments", await http.get("/api/appointments")),
            ("get", "/api/appointments", await http.get("/api/appointments?limit=0")),
            ("get", "/api/leads", await http.get("/api/leads")),
            ("get", "/api/customers", await http.get("/api/customers")),
            ("get", "/api/latency", await http.get("/api/latency")),
            ("get", "/health", await http.get("/health")),
            ("get", "/api/calls", await http.get("/api/calls?q=hours&channel=text")),
            ("get", "/api/calls", await http.get("/api/calls?lead=nobody")),
            ("get", "/api/calls/{session_id}", await http.get(f"/api/calls/{sid}")),
            ("get", "/api/calls/{session_id}", await http.get("/api/calls/sess_nope")),
            ("get", "/api/calls/{session_id}/recording", await http.get(
                f"/api/calls/{sid}/recording")),
            ("get", "/api/calls/{session_id}/recording", await http.get(
                f"/api/calls/{sid}/recording", headers={"Range": "bytes=0-99"})),
            ("get", "/api/calls/{session_id}/recording", await http.get(
                f"/api/calls/{sid}/recording", headers={"Range": "bytes=5000-"})),
            ("get", "/api/calls/{session_id}/recording", await http.get(
                "/api/calls/sess_nope/recording")),
            ("delete", "/api/calls/{session_id}", await http.delete(f"/api/calls/{sid}")),
            ("delete", "/api/calls/{session_id}", await http.delete(
                f"/api/calls/{deleted.json()['session_id']}")),
            ("delete", "/api/calls/{session_id}", await http.delete("/api/calls/sess_nope")),
            ("post", "/api/calls", await http.post("/api/calls", json={
                "to": "+15125550100", "profile": "dealership"})),
            ("post", "/api/calls", await http.post("/api/calls", json={"lead_id": 2**40})),
            ("post", "/api/webrtc/offer", await http.post("/api/webrtc/offer", json={
                "sdp": "v=0\r\no=- 0 0 IN IP4 127.0.0.1", "type": "offer",
                "profile": "dealership"})),
            ("post", "/twilio/voice", await http.post("/twilio/voice", data={"CallSid": "C"})),
            ("post", "/twilio/status", await http.post("/twilio/status", data={})),
            ("post", "/twilio/dial-status", await http.post(
                f"/twilio/dial-status?session_id={sid}", data={"DialCallStatus": "busy"})),
            ("post", "/twilio/dial-status", await http.post("/twilio/dial-status", data={})),
            ("get", "/api/staff/{profile}", await http.get("/api/staff/dealership")),
            ("get", "/api/staff/{profile}", await http.get("/api/staff/bakery")),
            ("put", "/api/staff/{profile}/{person}/presence", await http.put(
                "/api/staff/dealership/Sarah/presence", json={"status": "busy",
                                                              "updated_by": "console"})),
            ("put", "/api/staff/{profile}/{person}/presence", await http.put(
                "/api/staff/dealership/Nobody/presence", json={"status": "away"})),
            ("put", "/api/staff/{profile}/{person}/presence", await http.put(
                "/api/staff/dealership/Sarah/presence", json={"status": "asleep"})),
        ]
    statuses = {(m, t, r.status_code) for m, t, r in probes}
    assert {("post", "/api/chat", 404), ("post", "/api/chat", 409), ("post", "/api/sessions", 422),
            ("post", "/api/calls", 503), ("post", "/api/webrtc/offer", 503),
            ("post", "/twilio/voice", 403), ("post", "/twilio/dial-status", 403),
            ("post", "/twilio/dial-status", 422), ("get", "/api/staff/{profile}", 200),
            ("get", "/api/staff/{profile}", 404),
            ("put", "/api/staff/{profile}/{person}/presence", 200),
            ("put", "/api/staff/{profile}/{person}/presence", 404),
            ("put", "/api/staff/{profile}/{person}/presence", 422),
            ("get", "/api/calls", 200), ("get", "/api/calls", 422),
            ("get", "/api/calls/{session_id}", 200), ("get", "/api/calls/{session_id}", 404),
            ("get", "/api/calls/{session_id}/recording", 200),
            ("get", "/api/calls/{session_id}/recording", 206),
            ("get", "/api/calls/{session_id}/recording", 416),
            ("get", "/api/calls/{session_id}/recording", 404),
            ("delete", "/api/calls/{session_id}", 409), ("delete", "/api/calls/{session_id}", 204),
            ("delete", "/api/calls/{session_id}", 404)} <= statuses, statuses
    for method, template, response in probes:
        _agrees(spec, method, template, response)
    unknown = next(r for m, t, r in probes if b"no_such_business" in r.content)
    assert unknown.json()["detail"][0]["loc"] == ["body", "profile"]


def test_every_json_route_documents_its_errors_and_moments_have_a_format() -> None:
    from frontdesk.config import Settings

    spec = create_app(Settings(env="test", voice_enabled=False)).openapi()
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            codes = set(operation["responses"])
            if operation.get("requestBody") or operation.get("parameters"):
                assert "422" in codes, f"{method.upper()} {path} validates input but hides 422"
    transcript = spec["components"]["schemas"]["TranscriptLine"]["properties"]["created_at"]
    assert transcript["format"] == "date-time"
    appointment = spec["components"]["schemas"]["AppointmentOut"]["properties"]
    assert appointment["scheduled_time"]["type"] == "string"  # a wall-clock time, not RFC 3339
