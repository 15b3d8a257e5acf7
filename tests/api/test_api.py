"""The HTTP contract on SQLite and on a real PostgreSQL server (each test runs on both)."""

from __future__ import annotations

import pytest

from frontdesk.app import create_app
from tests.auth import authorize
from tests.conftest import fixed_clock

STATE_KEYS = {"current_agent", "detected_intent", "confidence", "customer", "booking_slots",
              "lead", "appointment", "escalation_in_progress", "pending_tasks", "turn_count",
              "ended"}


async def _chat(client, sid: str, message: str) -> dict:
    response = await client.post("/api/chat", json={"session_id": sid, "message": message})
    assert response.status_code == 200, response.text
    return response.json()


async def test_health_reports_database(client) -> None:
    response = await client.get("/health")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["profiles"] == ["dealership", "real_estate"]
    assert body["database"] in {"sqlite", "postgresql"}
    assert body["process"]["loop_lag_ms"]["window_s"] == 60
    lag = (await client.get("/health", params={"lag_window_s": 5})).json()["process"]["loop_lag_ms"]
    assert lag["window_s"] == 5
    assert (await client.get("/health", params={"lag_window_s": 0})).status_code == 422


async def test_booking_over_http_is_persisted_and_listed(client) -> None:
    created = await client.post("/api/sessions", json={"profile": "dealership"})
    assert created.status_code == 201
    body = created.json()
    assert "Riverside Motors" in body["reply"]
    assert body["state"].keys() >= STATE_KEYS
    sid = body["session_id"]
    turn = await _chat(client, sid, "this is Tom Becker, can I bring my 2016 Ford F-150 in for "
                                    "an oil change Wednesday at 2 pm?")
    slots = turn["state"]["booking_slots"]
    assert slots["service_type"] == "oil_change"
    assert slots["preferred_date"] == "2026-11-25"
    assert slots["preferred_time"] == "14:00"
    assert slots["customer_name"] == "Tom Becker"
    await _chat(client, sid, "(512) 555-0199")
    booked = await _chat(client, sid, "yes")
    appointment = booked["state"]["appointment"]
    assert appointment["scheduled_date"] == "2026-11-25"
    assert appointment["scheduled_time"] == "14:00"
    assert appointment["customer_name"] == "Tom Becker"

    listed = (await client.get("/api/appointments")).json()
    assert [(a["scheduled_date"], a["scheduled_time"], a["customer_phone"]) for a in listed] == [
        ("2026-11-25", "14:00:00", "+15125550199")]
    customers = (await client.get("/api/customers")).json()
    assert customers[0]["name"] == "Tom Becker"
    session = (await client.get(f"/api/sessions/{sid}")).json()
    roles = [t["role"] for t in session["transcript"]]
    assert roles == ["assistant", "user", "assistant", "user", "assistant", "user", "assistant"]
    assert session["transcript"][1]["intent"] == "book"


async def test_double_booking_across_sessions_is_refused(client) -> None:
    """Two callers racing for the last bay at the same time: only capacity (2) get it."""
    sids = []
    for n in range(3):
        s = (await client.post("/api/sessions", json={
            "profile": "dealership", "caller": {"phone": f"+1512555030{n}", "name": f"C {n}"}}
        )).json()["session_id"]
        await _chat(client, s, "oil change friday at 10 am")
        sids.append(s)
    results = [await _chat(client, s, "yes") for s in sids]
    booked = [r for r in results if r["state"]["appointment"]]
    assert len(booked) == 2
    refused = next(r for r in results if not r["state"]["appointment"])
    assert "already booked" in refused["reply"]
    assert refused["state"]["awaiting"] == "pick_alternative"


async def test_real_estate_lead_is_scored_and_listed(client) -> None:
    sid = (await client.post("/api/sessions", json={
        "profile": "real_estate", "caller": {"phone": "512-555-0123", "name": "Jane"}})).json()[
        "session_id"]
    turn = await _chat(client, sid, "we want to buy in Austin within 2 months, budget 600k, "
                                    "we're pre-approved and relocating for work")
    lead = turn["state"]["lead"]
    assert lead["qualified"] is True and lead["score"] >= 0.7
    leads = (await client.get("/api/leads", params={"business": "real_estate"})).json()
    assert leads[0]["customer_phone"] == "+15125550123"
    assert leads[0]["qualified"] is True
    assert leads[0]["factors"]["financing"] == 1.0


async def test_do_not_call_is_never_called_again(client) -> None:
    body = {"profile": "real_estate", "direction": "outbound", "caller": {"phone": "+15125550188"}}
    sid = (await client.post("/api/sessions", json=body)).json()["session_id"]
    turn = await _chat(client, sid, "take me off your list")
    assert turn["state"]["ended"] is True
    assert turn["state"]["lead"]["do_not_call"] is True
    again = await client.post("/api/sessions", json=body)
    assert again.status_code == 409
    assert "DoNotCall" in again.json()["detail"]
    ended = await client.post("/api/chat", json={"session_id": sid, "message": "hello?"})
    assert ended.status_code == 409


@pytest.mark.parametrize(("body", "status"), [
    ({"profile": "bakery"}, 422),
    ({"profile": "dealership", "direction": "sideways"}, 422),
    ({"profile": "dealership", "caller": {"phone": "not a phone"}}, 422),
    ({}, 422),
])
async def test_bad_session_requests(client, body, status) -> None:
    response = await client.post("/api/sessions", json=body)
    assert response.status_code == status
    assert "detail" in response.json()


async def test_bad_chat_requests_change_nothing(client) -> None:
    sid = (await client.post("/api/sessions", json={"profile": "dealership"})).json()["session_id"]
    assert (await client.post("/api/chat", json={"session_id": "sess_missing",
                                                 "message": "hi"})).status_code == 404
    assert (await client.post("/api/chat", json={"session_id": sid,
                                                 "message": "   "})).status_code == 422
    assert (await client.post("/api/chat", content=b"{not json",
                              headers={"content-type": "application/json"})).status_code == 422
    too_long = await client.post("/api/chat", json={"session_id": sid, "message": "a" * 10_001})
    assert too_long.status_code == 422
    session = (await client.get(f"/api/sessions/{sid}")).json()
    assert session["state"]["turn_count"] == 0
    assert len(session["transcript"]) == 1
    # A 10,000-character message is accepted and answered.
    long_ok = await _chat(client, sid, "do you have loaner cars? " + "blah " * 1995)
    assert long_ok["reply"]
    assert (await client.get("/api/sessions/sess_missing")).status_code == 404


async def test_conversation_survives_a_restart(settings) -> None:
    import httpx

    async def open_client(app):
        transport = httpx.ASGITransport(app=app)
        client = httpx.AsyncClient(transport=transport, base_url="http://test")
        await authorize(app, client)
        return client

    app = create_app(settings, clock=fixed_clock)
    async with app.router.lifespan_context(app):
        client = await open_client(app)
        sid = (await client.post("/api/sessions", json={"profile": "dealership"})).json()[
            "session_id"]
        await _chat(client, sid, "I need a tire rotation friday at 9 am")
        await client.aclose()
    # A new process: new app, same database.
    app2 = create_app(settings, clock=fixed_clock)
    async with app2.router.lifespan_context(app2):
        client = await open_client(app2)
        turn = await _chat(client, sid, "Ana Diaz")
        assert turn["state"]["customer"]["name"] == "Ana Diaz"
        assert turn["state"]["booking_slots"]["service_type"] == "tire_rotation"
        assert turn["state"]["awaiting"] == "phone"
        await client.aclose()


async def test_bodies_json_cannot_carry_are_422_not_500(client) -> None:
    """NaN and a lone surrogate made the 422 handler itself fail (a 500); a lone surrogate in a
    valid field failed later, writing it to the database."""
    sid = (await client.post("/api/sessions", json={"profile": "dealership"})).json()["session_id"]
    headers = {"content-type": "application/json"}
    bodies = [("/api/sessions", '{"profile": NaN}'),
              ("/api/sessions", '{"profile": "dealership", "caller": {"phone": Infinity}}'),
              ("/api/chat", f'{{"session_id": "{sid}", "message": NaN}}'),
              ("/api/chat", f'{{"session_id": "{sid}", "message": "hi \\ud800"}}'),
              ("/api/sessions", '{"profile": "\\udfff"}'),
              ("/api/calls", '{"to": "+15125550100", "profile": "dealership", "\\ud800": 1}')]
    for path, body in bodies:
        response = await client.post(path, content=body, headers=headers)
        assert response.status_code == 422, (body, response.status_code, response.text)
        assert response.json()["detail"]
    session = (await client.get(f"/api/sessions/{sid}")).json()
    assert session["state"]["turn_count"] == 0


async def test_a_budget_no_column_holds_is_not_a_budget(client) -> None:
    """3 billion overflowed PostgreSQL's INTEGER budget column, 400 nines an int(): both 500s."""
    sid = (await client.post("/api/sessions", json={"profile": "real_estate"})).json()[
        "session_id"]
    turn = await _chat(client, sid, "I want to buy a house, my budget is 3000 million dollars")
    assert turn["state"]["lead"]["budget_max"] is None
    turn = await _chat(client, sid, "my budget is $" + "9" * 400)
    assert turn["state"]["lead"]["budget_max"] is None
    turn = await _chat(client, sid, "my budget is up to 600k")
    assert turn["state"]["lead"]["budget_max"] == 600_000


async def test_out_of_range_ids_and_durations_are_4xx(settings) -> None:
    """A lead id beyond the id column, and a CallDuration int() refuses ('²') or no column holds,
    reached the database or int() and came back as 500s."""
    import httpx

    from frontdesk.config import TwilioSettings
    from frontdesk.telephony.signature import sign

    settings = settings.model_copy(update={"public_url": "http://test", "twilio": TwilioSettings(
        account_sid="AC" + "0" * 32, auth_token="token", from_number="+15125550100",
        api_base_url="http://127.0.0.1:9")})

    def signed(params: dict[str, str]) -> dict[str, str]:
        return {"X-Twilio-Signature": sign("token", "http://test/twilio/status", params)}

    app = create_app(settings, clock=fixed_clock)
    async with app.router.lifespan_context(app):
        runtime = app.state.services
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                     base_url="http://test") as http:
            await authorize(app, http)
            for lead_id in (2**31, 2**64, 10**30):
                response = await http.post("/api/calls", json={"lead_id": lead_id})
                assert response.status_code == 422, (lead_id, response.text)
            assert (await http.post("/api/calls", json={"lead_id": 2**31 - 1})).status_code == 404
            record = await runtime.phone.records.register(
                profile="dealership", direction="inbound", phone="+15125550142",
                call_sid="CA" + "7" * 32)
            for duration in ("²", "9" * 30, "-5", "1e3", " 12"):
                params = {"CallSid": record.call_sid, "CallStatus": "completed",
                          "CallDuration": duration}
                response = await http.post("/twilio/status", data=params, headers=signed(params))
                assert response.status_code == 400, (duration, response.text)
            params = {"CallSid": record.call_sid, "CallStatus": "completed", "CallDuration": "31"}
            ok = await http.post("/twilio/status", data=params, headers=signed(params))
            assert ok.status_code == 204
