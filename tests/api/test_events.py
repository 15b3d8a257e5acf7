"""WebSocket events, and the escalation background task end to end."""

from __future__ import annotations

import asyncio
import json

import pytest
from starlette.testclient import TestClient

from frontdesk.app import create_app
from frontdesk.config import EscalationSettings, Settings
from tests.auth import authorize, owner_key
from tests.conftest import fixed_clock


@pytest.fixture
def sqlite_settings(tmp_path) -> Settings:
    return Settings(env="test", data_dir=tmp_path, voice_enabled=False,
                    escalation=EscalationSettings(desk="simulated", min_wait_s=0.2, max_wait_s=0.3,
                                                  human_available="always"))


def test_websocket_streams_transcript_state_and_escalation(sqlite_settings) -> None:
    app = create_app(sqlite_settings, clock=fixed_clock)
    with TestClient(app) as http:
        key = http.portal.call(owner_key, app)
        http.headers["Authorization"] = f"Bearer {key}"
        sid = http.post("/api/sessions", json={"profile": "dealership"}).json()["session_id"]
        with http.websocket_connect(f"/ws/{sid}?key={key}") as ws:
            first = ws.receive_json()
            assert first["type"] == "state_update" and first["session_id"] == sid
            # Joined after the greeting was said: it is sent again, so nothing is missed.
            greeting = ws.receive_json()
            assert greeting["type"] == "transcript" and greeting["role"] == "assistant"
            assert greeting["content"].startswith("Thanks for calling")
            ws.send_json({"type": "ping"})
            assert ws.receive_json() == {"type": "pong"}
            reply = http.post("/api/chat", json={"session_id": sid,
                                                 "message": "I want to talk to a manager"})
            assert reply.json()["state"]["escalation_in_progress"] is True
            seen: list[dict] = []
            while not any(e["type"] == "notification" for e in seen):
                seen.append(ws.receive_json())
            types = [e["type"] for e in seen]
            assert types[:3] == ["transcript", "transcript", "state_update"]
            assert "task_update" in types
            note = next(e for e in seen if e["type"] == "notification")
            assert note["priority"] == "interrupt"
            assert "available" in note["message"]
        # The next turn speaks nothing stale; the state records the finished check.
        state = http.get(f"/api/sessions/{sid}").json()["state"]
        assert state["escalation_in_progress"] is False
        assert state["pending_tasks"][0]["status"] == "completed"
        assert state["pending_tasks"][0]["human_available"] is True


def test_websocket_unknown_session_is_refused(sqlite_settings) -> None:
    app = create_app(sqlite_settings, clock=fixed_clock)
    with TestClient(app) as http:
        from starlette.websockets import WebSocketDisconnect

        key = http.portal.call(owner_key, app)
        with pytest.raises(WebSocketDisconnect) as info, http.websocket_connect(
                f"/ws/nope?key={key}") as ws:
            ws.receive_json()
        assert info.value.code == 4404


async def test_unavailable_human_is_delivered_at_next_turn(tmp_path) -> None:
    import httpx

    settings = Settings(env="test", data_dir=tmp_path, voice_enabled=False,
                        escalation=EscalationSettings(desk="simulated", min_wait_s=0.05, max_wait_s=0.05,
                                                      human_available="never"))
    app = create_app(settings, clock=fixed_clock)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
            await authorize(app, client)
            sid = (await client.post("/api/sessions", json={
                "profile": "dealership", "caller": {"phone": "+15125550177"}})).json()[
                "session_id"]
            await client.post("/api/chat", json={"session_id": sid,
                                                 "message": "get me a real person"})
            await asyncio.sleep(0.3)
            turn = (await client.post("/api/chat", json={"session_id": sid,
                                                         "message": "hello?"})).json()
            assert "call you back within the hour at 512-555-0177" in turn["reply"]
            assert turn["state"]["human_agent_status"] == "unavailable"


async def test_websocket_over_a_real_server_closes_unknown_sessions_and_survives_binary_frames(
        sqlite_settings) -> None:
    """Through uvicorn (not the test client): a close before accepting reached the client as an
    HTTP 403 instead of the documented 4404, and a binary frame raised KeyError: 'text'."""
    import httpx
    import websockets

    from tests.fakes.live import LiveServer

    app = create_app(sqlite_settings, clock=fixed_clock)
    async with LiveServer(app) as server:
        key = await owner_key(app)
        ws_url = server.url.replace("http://", "ws://")
        async with websockets.connect(f"{ws_url}/ws/nope?key={key}") as ws:
            with pytest.raises(websockets.ConnectionClosed) as closed:
                await asyncio.wait_for(ws.recv(), 5)
        assert closed.value.rcvd.code == 4404
        async with httpx.AsyncClient(base_url=server.url) as http:
            sid = (await http.post("/api/sessions", json={"profile": "dealership"})).json()[
                "session_id"]
        async with websockets.connect(f"{ws_url}/ws/{sid}?key={key}") as ws:
            assert json.loads(await ws.recv())["type"] == "state_update"
            assert json.loads(await ws.recv())["type"] == "transcript"  # the greeting, replayed
            await ws.send(b"\x00\x01binary")
            assert json.loads(await ws.recv()) == {"type": "error",
                                                   "detail": "messages must be JSON text"}
            await ws.send(json.dumps({"type": "ping"}))
            assert json.loads(await ws.recv()) == {"type": "pong"}
