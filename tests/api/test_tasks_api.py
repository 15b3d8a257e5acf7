"""The callback inbox over HTTP: a callback the agent promised shows up as a task, staff claim,
reschedule, complete or cancel it, and the jobs behind it are visible (both databases)."""

from __future__ import annotations

import asyncio

import pytest

pytestmark = pytest.mark.e2e


async def _callback_task(client) -> dict:
    """A caller who cannot talk now asks to be called back; the task the promise left."""
    created = await client.post("/api/sessions", json={"profile": "real_estate"})
    sid = created.json()["session_id"]
    for line in ("hi, I'm thinking about selling my house",
                 "this is Dana Whitfield, my number is 512-555-0147",
                 "actually I'm driving right now, can somebody call me back tomorrow morning?"):
        reply = await client.post("/api/chat", json={"session_id": sid, "message": line})
        assert reply.status_code == 200, reply.text
    tasks = (await client.get("/api/tasks", params={"type": "callback"})).json()
    assert len(tasks) == 1, tasks
    return tasks[0]


async def test_a_promised_callback_is_a_task_in_the_inbox(client) -> None:
    task = await _callback_task(client)
    assert task["status"] == "pending" and task["business"] == "real_estate"
    assert task["caller_phone"] == "+15125550147"
    assert task["due_at"] == "2026-11-24T16:00:00Z"  # tomorrow at 10 in Austin, as UTC
    # The open inbox and the filters find it; another business's does not.
    assert [t["task_id"] for t in (await client.get("/api/tasks?open=true")).json()] == [task["task_id"]]
    assert (await client.get("/api/tasks?business=dealership")).json() == []
    assert (await client.get(f"/api/tasks/{task['task_id']}")).json() == task


async def test_staff_claim_reschedule_and_complete_a_callback(client) -> None:
    task = await _callback_task(client)
    url = f"/api/tasks/{task['task_id']}"
    claimed = await client.post(f"{url}/claim", json={"person": "Maria"})
    assert claimed.status_code == 200 and claimed.json()["claimed_by"] == "Maria"
    taken = await client.post(f"{url}/claim", json={"person": "Jordan"})
    assert taken.status_code == 409 and "Maria" in taken.json()["detail"]
    moved = await client.post(f"{url}/reschedule",
                              json={"due_at": "2026-11-25T16:30:00-06:00", "note": "asked for Wed"})
    assert moved.status_code == 200
    assert moved.json()["due_at"] == "2026-11-25T22:30:00Z"
    naive = await client.post(f"{url}/reschedule", json={"due_at": "2026-11-25T16:30:00"})
    assert naive.status_code == 422
    done = await client.post(f"{url}/complete", json={"note": "listing appointment set"})
    assert done.status_code == 200
    assert (done.json()["status"], done.json()["note"]) == ("completed", "listing appointment set")
    assert done.json()["completed_at"] is not None
    again = await client.post(f"{url}/cancel", json={})
    assert again.status_code == 409
    assert (await client.get("/api/tasks?open=true")).json() == []


async def test_a_cancelled_task_leaves_the_open_inbox(client) -> None:
    task = await _callback_task(client)
    cancelled = await client.post(f"/api/tasks/{task['task_id']}/cancel",
                                  json={"note": "reached her by email"})
    assert cancelled.json()["status"] == "cancelled"
    assert (await client.get("/api/tasks?open=true")).json() == []
    assert (await client.get("/api/tasks?status=cancelled")).json()[0]["note"] == "reached her by email"


async def test_unknown_tasks_and_jobs_are_404(client) -> None:
    assert (await client.get("/api/tasks/nope")).status_code == 404
    assert (await client.post("/api/tasks/nope/claim", json={"person": "x"})).status_code == 404
    assert (await client.get("/api/jobs/nope")).status_code == 404
    assert (await client.post("/api/jobs/nope/retry")).status_code == 404


async def test_the_callback_event_is_a_job_that_runs(client) -> None:
    task = await _callback_task(client)
    for _ in range(100):
        events = (await client.get("/api/jobs", params={"kind": "event"})).json()
        if events and all(e["status"] == "done" for e in events):
            break
        await asyncio.sleep(0.05)
    callback = [e for e in events if e["payload"]["event"] == "callback_requested"]
    assert len(callback) == 1 and callback[0]["status"] == "done", events
    assert callback[0]["payload"]["task_id"] == task["task_id"]
    assert callback[0]["session_id"] == task["session_id"]
    retry = await client.post(f"/api/jobs/{callback[0]['job_id']}/retry")
    assert retry.status_code == 409  # only a job that gave up can be retried
