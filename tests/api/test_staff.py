"""The roster and presence over the API, and escalation through them (SQLite and PostgreSQL)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import httpx
import pytest
from sqlalchemy import select

from frontdesk.app import create_app
from frontdesk.config import EscalationSettings, Settings
from frontdesk.storage.models import Task
from tests.auth import authorize
from tests.conftest import fixed_clock

pytestmark = pytest.mark.integration


@pytest.fixture
def roster_settings(settings) -> Settings:
    """The server's default desk: the roster (the shared fixture simulates staff)."""
    return settings.model_copy(update={"escalation": EscalationSettings()})


@pytest.fixture
async def http(roster_settings) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(roster_settings, clock=fixed_clock)
    async with app.router.lifespan_context(app), httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://test") as client:
        client.app = app  # type: ignore[attr-defined]
        await authorize(app, client)
        yield client


async def test_the_roster_with_duty_and_presence(http) -> None:
    roster = await http.get("/api/staff/dealership")
    assert roster.status_code == 200, roster.text
    body = roster.json()
    assert (body["profile"], body["timezone"], body["local_time"]) == (
        "dealership", "America/Chicago", "2026-11-23T09:00:00-06:00")
    sarah, marcus, dana = body["staff"]
    assert (sarah["name"], sarah["handles"], sarah["phone"]) == ("Sarah", ["service"], "+15125550191")
    assert sarah["hours"]["mon"] == "07:30-18:00" and "sun" not in sarah["hours"]
    assert dana["hours"] == {d: "09:00-17:00" for d in ("mon", "tue", "wed", "thu", "fri")}
    assert all(m["on_duty"] and m["presence"] == "available" and m["takes_calls_now"]
               for m in (sarah, marcus, dana))
    assert sarah["presence_updated_at"] is None

    busy = await http.put("/api/staff/dealership/sarah/presence",
                          json={"status": "busy", "updated_by": "front desk console"})
    assert busy.status_code == 200, busy.text
    assert (busy.json()["name"], busy.json()["presence"], busy.json()["takes_calls_now"]) == (
        "Sarah", "busy", False)
    assert busy.json()["presence_updated_by"] == "front desk console"
    again = await http.put("/api/staff/dealership/Sarah/presence", json={"status": "away"})
    assert again.json()["presence"] == "away" and again.json()["presence_updated_by"] is None
    sarah = (await http.get("/api/staff/dealership")).json()["staff"][0]
    assert sarah["presence"] == "away" and sarah["presence_updated_at"].endswith("Z")

    assert (await http.get("/api/staff/bakery")).status_code == 404
    assert (await http.put("/api/staff/dealership/Nobody/presence",
                           json={"status": "busy"})).status_code == 404
    assert (await http.put("/api/staff/bakery/Sarah/presence",
                           json={"status": "busy"})).status_code == 404
    for bad in ({"status": "asleep"}, {}, {"status": "busy", "by": "x"}):
        assert (await http.put("/api/staff/dealership/Sarah/presence", json=bad)).status_code == 422


async def _escalate(http, message: str) -> dict:
    sid = (await http.post("/api/sessions", json={
        "profile": "dealership", "caller": {"phone": "+15125550142"}})).json()["session_id"]
    await http.post("/api/chat", json={"session_id": sid, "message": message})
    conversations = http.app.state.services.conversations
    for _ in range(250):
        state, _ = await conversations.get(sid)
        if not state.escalation_in_progress:
            return state.model_dump(mode="json")
        await asyncio.sleep(0.02)
    raise AssertionError("the check for a person never finished")


async def test_escalation_goes_to_a_free_handler_of_the_department(http) -> None:
    state = await _escalate(http, "Can I talk to someone in sales please?")
    task = state["pending_tasks"][0]
    assert (task["department"], task["human_available"], task["human_agent_name"]) == (
        "sales", True, "Marcus")
    note = state["notifications_queue"][0]
    assert note["handoff"] and note["transfer_to"] == "+15125550192"


async def test_nobody_free_means_the_handler_calls_back(http) -> None:
    for person in ("Sarah", "Dana"):
        await http.put(f"/api/staff/dealership/{person}/presence", json={"status": "busy"})
    state = await _escalate(http, "I want to talk to a person about my oil change")
    task = state["pending_tasks"][0]
    assert (task["department"], task["human_available"], task["human_agent_name"]) == (
        "service", False, "Sarah")
    assert "Sarah will call you back within the hour" in state["notifications_queue"][0]["message"]
    services = http.app.state.services
    async with services.sessions() as db:
        callbacks = list(await db.scalars(select(Task).where(Task.task_type == "callback")))
    assert len(callbacks) == 1 and "Sarah" in callbacks[0].reason
