"""The call log over HTTP, on SQLite and on a real PostgreSQL server (each test runs on both):
listing with filters, text search and pages; one call whole; a recording streamed in byte
ranges; a call deleted with its recording."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from frontdesk.storage.models import Conversation
from frontdesk.storage.recordings import CLEANUP_JOB, RecordingRetention
from tests.conftest import NOW

pytestmark = pytest.mark.e2e


async def _chat(client, sid: str, message: str) -> dict:
    response = await client.post("/api/chat", json={"session_id": sid, "message": message})
    assert response.status_code == 200, response.text
    return response.json()


async def _session(client, profile: str, *lines: str, caller: dict | None = None,
                   direction: str = "inbound") -> str:
    body = {"profile": profile, "direction": direction}
    if caller:
        body["caller"] = caller
    created = await client.post("/api/sessions", json=body)
    assert created.status_code == 201, created.text
    sid = created.json()["session_id"]
    for line in lines:
        await _chat(client, sid, line)
    return sid


async def _booked(client) -> str:
    return await _session(client, "dealership",
                          "this is Tom Becker, can I bring my 2016 Ford F-150 in for an oil "
                          "change Wednesday at 2 pm?", "(512) 555-0199", "yes")


async def test_calls_are_listed_newest_first_with_filters_search_and_pages(client) -> None:
    booked = await _booked(client)
    seller = await _session(client, "real_estate", "hi, I'm thinking about selling my house",
                            "this is Dana Whitfield, my number is 512-555-0147")
    hours = await _session(client, "dealership", "What are your SERVICE hours?",
                           caller={"phone": "+15125550142", "name": "Ana"},
                           direction="outbound")
    await client.post(f"/api/sessions/{hours}/end")

    everything = (await client.get("/api/calls")).json()
    assert [c["session_id"] for c in everything["calls"]] == [hours, seller, booked]
    assert (everything["total"], everything["next_offset"]) == (3, None)
    first = everything["calls"][2]
    assert first["business"] == "dealership" and first["channel"] == "text"
    assert first["turn_count"] == 3 and first["recording_url"] is None and first["cost"] is None

    async def ids(**params) -> list[str]:
        response = await client.get("/api/calls", params=params)
        assert response.status_code == 200, response.text
        return [c["session_id"] for c in response.json()["calls"]]

    assert await ids(business="real_estate") == [seller]
    assert await ids(direction="outbound") == [hours]
    assert await ids(channel="phone") == []
    assert await ids(status="ended") == [hours]
    ended = (await client.get(f"/api/calls/{hours}")).json()
    assert await ids(outcome=ended["outcome"]) == [hours]
    # Text search: either side of the transcript, case ignored; LIKE wildcards are literal.
    assert await ids(q="service hours") == [hours]
    assert set(await ids(q="TOM BECKER")) == {booked}
    assert await ids(q="thanks for CALLING") == [seller, booked]  # the inbound greeting
    assert await ids(q="100%") == [] and await ids(q="_") == []
    # By lead: the customer's phone, or the lead's id.
    assert await ids(lead="+15125550147") == [seller]
    assert await ids(lead="(512) 555-0142") == [hours]
    leads = (await client.get("/api/leads", params={"business": "real_estate"})).json()
    assert await ids(lead=str(leads[0]["id"])) == [seller]
    bad = await client.get("/api/calls", params={"lead": "nobody"})
    assert bad.status_code == 422 and bad.json()["detail"][0]["loc"] == ["query", "lead"]
    # Date range, with offsets; a moment without its zone is refused.
    now = datetime.now(UTC)
    later = (now + timedelta(hours=1)).astimezone(UTC).isoformat()
    assert len(await ids(**{"from": (now - timedelta(hours=1)).isoformat(), "to": later})) == 3
    assert await ids(to="2020-01-01T00:00:00-06:00") == []
    assert await ids(**{"from": later}) == []
    naive = await client.get("/api/calls", params={"from": "2026-11-23T09:00:00"})
    assert naive.status_code == 422
    # Pages.
    page = (await client.get("/api/calls", params={"limit": 2})).json()
    assert [c["session_id"] for c in page["calls"]] == [hours, seller]
    assert (page["total"], page["next_offset"]) == (3, 2)
    rest = (await client.get("/api/calls", params={"limit": 2, "offset": 2})).json()
    assert [c["session_id"] for c in rest["calls"]] == [booked] and rest["next_offset"] is None


async def test_one_call_has_its_transcript_transitions_tasks_appointment_and_jobs(client) -> None:
    sid = await _booked(client)
    call = (await client.get(f"/api/calls/{sid}")).json()
    assert call["session_id"] == sid and call["status"] == "active"
    assert [t["role"] for t in call["transcript"]] == ["assistant", "user"] * 3 + ["assistant"]
    assert call["transcript"][1]["intent"] == "book" and call["interruptions"] == 0
    assert all(t["latency"] is None for t in call["transcript"])  # text: no spoken stages
    assert call["transitions"] and call["transitions"][0]["to_agent"] == "scheduling"
    [appointment] = call["appointments"]
    assert (appointment["scheduled_date"], appointment["session_id"]) == ("2026-11-25", sid)
    assert {j["payload"].get("event") for j in call["jobs"]} >= {"appointment_booked"}
    assert call["tasks"] == [] and call["recording_url"] is None

    waiting = await _session(client, "real_estate", "hi, I'm thinking about selling my house",
                             "this is Dana Whitfield, my number is 512-555-0147",
                             "actually I'm driving right now, can somebody call me back "
                             "tomorrow morning?")
    tasks = (await client.get(f"/api/calls/{waiting}")).json()["tasks"]
    assert [t["task_type"] for t in tasks] == ["callback"] and tasks[0]["session_id"] == waiting
    assert (await client.get("/api/calls/sess_nope")).status_code == 404


async def _recorded(client, sid: str, size: int = 5000) -> bytes:
    """Give a conversation a recording file, as a recorded call leaves one."""
    recordings = client.app.state.services.recordings
    path = recordings.new_file(sid)
    data = bytes(range(256)) * (size // 256) + bytes(size % 256)
    path.write_bytes(data)
    assert await recordings.attach(sid, path, 12.5)
    return data


async def test_a_recording_is_streamed_in_byte_ranges(client) -> None:
    sid = await _session(client, "dealership", "What are your service hours?")
    assert (await client.get(f"/api/calls/{sid}/recording")).status_code == 404
    data = await _recorded(client, sid)
    call = (await client.get(f"/api/calls/{sid}")).json()
    assert call["recording_url"] == f"/api/calls/{sid}/recording"
    assert call["recording_duration_s"] == 12.5

    whole = await client.get(call["recording_url"])
    assert whole.status_code == 200 and whole.content == data
    assert whole.headers["content-type"] == "audio/ogg"
    assert whole.headers["accept-ranges"] == "bytes"
    part = await client.get(call["recording_url"], headers={"Range": "bytes=100-199"})
    assert part.status_code == 206 and part.content == data[100:200]
    assert part.headers["content-range"] == f"bytes 100-199/{len(data)}"
    tail = await client.get(call["recording_url"], headers={"Range": "bytes=-10"})
    assert tail.status_code == 206 and tail.content == data[-10:]
    outside = await client.get(call["recording_url"], headers={"Range": "bytes=99999-"})
    assert outside.status_code == 416


async def test_deleting_a_call_deletes_its_recording_and_keeps_its_appointment(client) -> None:
    sid = await _booked(client)
    await _recorded(client, sid)
    path = (await client.app.state.services.recordings.get(sid)).path
    busy = await client.delete(f"/api/calls/{sid}")
    assert busy.status_code == 409  # still under way
    await client.post(f"/api/sessions/{sid}/end")
    jobs_before = (await client.get(f"/api/calls/{sid}")).json()["jobs"]

    assert (await client.delete(f"/api/calls/{sid}")).status_code == 204
    assert not path.exists()
    assert (await client.get(f"/api/calls/{sid}")).status_code == 404
    assert (await client.get(f"/api/sessions/{sid}")).status_code == 404
    assert (await client.delete(f"/api/calls/{sid}")).status_code == 404
    [appointment] = (await client.get("/api/appointments")).json()
    assert appointment["session_id"] is None
    for job in jobs_before:  # the follow-through's history is kept
        assert (await client.get(f"/api/jobs/{job['job_id']}")).json()["session_id"] is None
    assert (await client.get("/api/calls")).json()["total"] == 0


async def test_retention_deletes_only_recordings_past_their_business_days(client) -> None:
    services = client.app.state.services
    old = await _session(client, "dealership", "What are your service hours?")
    new = await _session(client, "real_estate", "hi")
    await _recorded(client, old)
    await _recorded(client, new)
    async with services.sessions() as db, db.begin():
        (await db.get(Conversation, old)).started_at = datetime.now(UTC) - timedelta(days=40)
        (await db.get(Conversation, new)).started_at = datetime.now(UTC) - timedelta(days=20)
    old_path = (await services.recordings.get(old)).path
    deleted = await services.recordings.purge({"dealership": 30, "real_estate": 30},
                                              datetime.now(UTC))
    assert deleted == 1 and not old_path.exists()
    assert (await client.get(f"/api/calls/{old}")).json()["recording_url"] is None
    assert (await client.get(f"/api/calls/{new}/recording")).status_code == 200
    assert await services.recordings.purge({"real_estate": 10}, datetime.now(UTC)) == 1
    assert (await client.get(f"/api/calls/{new}/recording")).status_code == 404


async def test_the_daily_retention_job_purges_and_schedules_the_next_day(client) -> None:
    services = client.app.state.services
    retention = RecordingRetention(services.recordings, services.jobs,
                                   lambda: services.brain.profiles)
    assert (await client.get("/api/jobs", params={"kind": CLEANUP_JOB})).json() == []
    job_id = await retention.schedule()
    assert job_id is not None and await retention.schedule() is None  # one per day
    expired = await _session(client, "dealership", "What are your service hours?")
    await _recorded(client, expired)
    async with services.sessions() as db, db.begin():
        (await db.get(Conversation, expired)).started_at = NOW - timedelta(days=31)

    await retention.run(await services.jobs.get(job_id))
    assert await services.recordings.get(expired) is None
    jobs = (await client.get("/api/jobs", params={"kind": CLEANUP_JOB})).json()
    assert sorted(j["run_at"] for j in jobs) == ["2026-11-23T15:00:00Z", "2026-11-24T15:00:00Z"]
