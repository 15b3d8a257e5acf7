"""The agent returns the calls it promised: at a callback's due time it rings the caller through
Twilio (the fake REST API), within calling hours, unless staff took the task (both databases)."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import httpx
import pytest

from frontdesk.app import create_app
from frontdesk.config import JobSettings, TwilioSettings
from tests.auth import authorize
from tests.conftest import NOW, MovableClock
from tests.fakes.live import LiveServer
from tests.fakes.twilio import ACCOUNT_SID, AUTH_TOKEN, TWILIO_NUMBER, FakeTwilioApi

pytestmark = [pytest.mark.integration, pytest.mark.e2e]

CALLER = "+15125550147"


@pytest.fixture
async def line(settings):
    """The server with outbound calling configured, over the fake Twilio; a movable clock."""
    twilio = FakeTwilioApi()
    async with LiveServer(twilio.app) as api:
        configured = settings.model_copy(update={
            "public_url": "http://127.0.0.1:9",  # Twilio's ringing fetches go nowhere here
            "twilio": TwilioSettings(account_sid=ACCOUNT_SID, auth_token=AUTH_TOKEN,
                                     from_number=TWILIO_NUMBER, api_base_url=api.url),
            "jobs": JobSettings(poll_s=0.05, sweep_s=1, retry_base_s=0.05)})
        clock = MovableClock(NOW)
        app = create_app(configured, clock=clock)
        async with app.router.lifespan_context(app), httpx.AsyncClient(
                transport=httpx.ASGITransport(app=app), base_url="http://test") as http:
            await authorize(app, http)
            yield http, twilio, clock


async def _ask_for_a_callback(http, when: str) -> dict:
    created = await http.post("/api/sessions", json={"profile": "real_estate"})
    sid = created.json()["session_id"]
    for line in ("hi, I'm thinking about selling my house",
                 f"this is Dana Whitfield, my number is {CALLER}",
                 f"I'm driving right now, can somebody call me back {when}?"):
        assert (await http.post("/api/chat", json={"session_id": sid, "message": line})).status_code == 200
    [task] = (await http.get("/api/tasks", params={"type": "callback"})).json()
    return task


async def _settle(http, clock: MovableClock) -> list[dict]:
    for _ in range(300):
        jobs = (await http.get("/api/jobs")).json()
        if not any(j["status"] in ("scheduled", "running")
                   and datetime.fromisoformat(j["run_at"]) <= clock.now for j in jobs):
            return jobs
        await asyncio.sleep(0.05)
    raise AssertionError(jobs)


async def test_the_agent_calls_back_at_the_due_time(line) -> None:
    http, twilio, clock = line
    task = await _ask_for_a_callback(http, "tomorrow morning")
    jobs = await _settle(http, clock)
    [call_job] = [j for j in jobs if j["kind"] == "callback_call"]
    assert call_job["run_at"] == task["due_at"] == "2026-11-24T16:00:00Z"
    assert twilio.created == []
    clock.now = datetime(2026, 11, 24, 16, 0, 30, tzinfo=UTC)
    await _settle(http, clock)
    [placed] = twilio.created
    assert (placed["To"], placed["From"]) == (CALLER, TWILIO_NUMBER)
    assert placed["Url"].startswith("http://127.0.0.1:9/twilio/voice?")
    claimed = (await http.get(f"/api/tasks/{task['task_id']}")).json()
    assert claimed["status"] == "claimed" and claimed["claimed_by"] == "the agent"
    session_id = claimed["note"].split("conversation ")[1].rstrip(")")
    state = (await http.get(f"/api/sessions/{session_id}")).json()["state"]
    assert state["callback_for"] == task["task_id"]


async def test_a_callback_due_after_hours_waits_for_the_morning(line) -> None:
    http, twilio, clock = line
    task = await _ask_for_a_callback(http, "tonight at 10")
    assert task["due_at"] == "2026-11-24T04:00:00Z"  # 10 PM Monday in Austin
    clock.now = datetime(2026, 11, 24, 4, 0, 30, tzinfo=UTC)
    jobs = await _settle(http, clock)
    assert twilio.created == []
    waiting = [j for j in jobs if j["kind"] == "callback_call" and j["status"] == "scheduled"]
    assert [j["run_at"] for j in waiting] == ["2026-11-24T14:00:00Z"]  # 8 AM Tuesday
    clock.now = datetime(2026, 11, 24, 14, 0, 5, tzinfo=UTC)
    await _settle(http, clock)
    assert [c["To"] for c in twilio.created] == [CALLER]


async def test_a_callback_staff_took_is_not_called_by_the_agent(line) -> None:
    http, twilio, clock = line
    task = await _ask_for_a_callback(http, "tomorrow morning")
    await http.post(f"/api/tasks/{task['task_id']}/claim", json={"person": "Jordan"})
    clock.now = datetime(2026, 11, 24, 16, 0, 30, tzinfo=UTC)
    await _settle(http, clock)
    assert twilio.created == []
    assert (await http.get(f"/api/tasks/{task['task_id']}")).json()["claimed_by"] == "Jordan"
