"""The console's pages over HTTP: closed to anonymous browsers, open to signed-in staff, and
their forms changing things through the same stores as the API (SQLite and PostgreSQL)."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from datetime import timedelta

import httpx
import pytest
from starlette.testclient import TestClient
from starlette.websockets import WebSocketDisconnect

from frontdesk.api.routes import console
from frontdesk.api.security import CSRF_COOKIE, SESSION_COOKIE
from frontdesk.app import create_app
from tests.conftest import fixed_clock

pytestmark = pytest.mark.integration

STAFF_EMAIL = "jordan@example.com"
STAFF_PASSWORD = "staff password 123"
PAGES = ("/console", "/console/calls", "/console/tasks", "/console/team")


@pytest.fixture
async def staff(client) -> AsyncIterator[httpx.AsyncClient]:
    """A browser signed in as a staff member (a session cookie, no API key)."""
    accounts = client.app.state.services.accounts
    await accounts.create_user(STAFF_EMAIL, STAFF_PASSWORD, "staff")
    signed = await accounts.login(STAFF_EMAIL, STAFF_PASSWORD)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=client.app),
                                 base_url="https://test",
                                 cookies={SESSION_COOKIE: signed.cookie}) as http:
        http.csrf = signed.csrf_token  # type: ignore[attr-defined]
        yield http


async def _conversation(client, profile: str, *lines: str) -> str:
    sid = (await client.post("/api/sessions", json={"profile": profile})).json()["session_id"]
    for line in lines:
        reply = await client.post("/api/chat", json={"session_id": sid, "message": line})
        assert reply.status_code == 200, reply.text
    return sid


async def _callback(client) -> tuple[str, str]:
    sid = await _conversation(client, "real_estate", "hi I'm thinking about selling my house",
                              "this is Dana Whitfield, my number is 512-555-0147",
                              "I'm driving right now, can somebody call me back tomorrow morning?")
    tasks = (await client.get("/api/tasks", params={"type": "callback"})).json()
    assert len(tasks) == 1, tasks
    return sid, tasks[0]["task_id"]


async def test_anonymous_browsers_are_sent_to_sign_in(anonymous) -> None:
    for path in (*PAGES, "/console/calls/sess_x", "/console/calls?q=brakes"):
        response = await anonymous.get(path, follow_redirects=False)
        assert response.status_code == 303, path
        assert response.headers["location"].startswith("/login?next=%2Fconsole"), path
    refused = await anonymous.post("/console/tasks/t1/claim", data={"csrf_token": "x"})
    assert refused.status_code == 401


async def test_signing_in_lands_on_today(client) -> None:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=client.app),
                                 base_url="https://test") as http:
        form = await http.get("/login")
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', form.text).group(1)
        assert http.cookies[CSRF_COOKIE] == csrf
        signed = await http.post("/login", data={"email": "owner@example.com", "csrf_token": csrf,
                                                 "password": "correct horse battery"})
        assert signed.status_code == 303 and signed.headers["location"] == "/console"
        today = await http.get("/console")
        assert today.status_code == 200 and 'http-equiv="refresh"' in today.text


async def test_staff_see_every_page_with_its_headers(staff) -> None:
    for path in PAGES:
        page = await staff.get(path)
        assert page.status_code == 200, (path, page.text)
        assert STAFF_EMAIL in page.text and staff.csrf in page.text  # the sign-out form
        csp = page.headers["content-security-policy"]
        # Only Today runs a script, its own (the live calls), and opens only this server.
        scripts = "; script-src 'self'; connect-src 'self'" if path == "/console" else ""
        assert csp.endswith("media-src 'self'" + scripts) and "default-src 'none'" in csp
        assert page.headers["x-frame-options"] == "DENY"


async def test_calls_are_listed_searched_and_read(client, staff) -> None:
    sid = await _conversation(client, "dealership", "hi, I need an oil change",
                              "what are your hours on saturday?")
    other = await _conversation(client, "real_estate", "hello, are you open on sunday?")
    listed = (await staff.get("/console/calls")).text
    assert listed.index(other) < listed.index(sid)  # newest first
    found = (await staff.get("/console/calls", params={"q": "OIL change"})).text
    assert sid in found and other not in found and "1 call<" in found
    assert other not in (await staff.get("/console/calls?business=dealership")).text
    assert sid not in (await staff.get("/console/calls?channel=phone")).text
    assert (await staff.get("/console/calls?channel=bogus")).status_code == 200  # ignored
    assert (await staff.get("/console/calls?outcome=nothing-like-it")).text.count('class="call"') == 0
    detail = await staff.get(f"/console/calls/{sid}")
    assert detail.status_code == 200
    assert "I need an oil change" in detail.text and "brain " in detail.text  # per-turn latency
    assert "<audio" not in detail.text  # no recording
    assert (await staff.get("/console/calls/sess_nope")).status_code == 404


async def test_a_recording_plays_with_the_session_cookie(client, staff) -> None:
    sid = await _conversation(client, "dealership", "hi")
    recordings = client.app.state.services.recordings
    path = recordings.new_file(sid)
    path.write_bytes(b"OggS" + bytes(2000))
    assert await recordings.attach(sid, path, 3.0)
    detail = (await staff.get(f"/console/calls/{sid}")).text
    assert f'src="/api/calls/{sid}/recording"' in detail
    audio = await staff.get(f"/api/calls/{sid}/recording", headers={"Range": "bytes=0-3"})
    assert audio.status_code == 206 and audio.content == b"OggS"


async def test_tasks_are_claimed_rescheduled_and_completed_by_form(client, staff) -> None:
    sid, task_id = await _callback(client)
    inbox = (await staff.get("/console/tasks")).text
    assert task_id in inbox and "Dana Whitfield" in inbox
    assert 'value="2026-11-24T10:00"' in inbox  # due at 10 in Austin, shown as local time
    url = f"/console/tasks/{task_id}"
    assert (await staff.post(f"{url}/claim", data={})).status_code == 403  # no CSRF token
    claimed = await staff.post(f"{url}/claim", data={"csrf_token": staff.csrf})
    assert claimed.status_code == 303 and claimed.headers["location"] == "/console/tasks?done=claimed"
    task = (await client.get(f"/api/tasks/{task_id}")).json()
    assert (task["status"], task["claimed_by"]) == ("claimed", STAFF_EMAIL)
    moved = await staff.post(f"{url}/reschedule", data={"csrf_token": staff.csrf,
                                                        "due_at": "2026-11-25T14:30"})
    assert moved.status_code == 303
    assert (await client.get(f"/api/tasks/{task_id}")).json()["due_at"] == "2026-11-25T20:30:00Z"
    bad = await staff.post(f"{url}/reschedule", data={"csrf_token": staff.csrf, "due_at": "soon"})
    assert bad.status_code == 422 and "Pick a date" in bad.text
    done = await staff.post(f"{url}/complete", data={"csrf_token": staff.csrf})
    assert done.status_code == 303
    assert (await client.get(f"/api/tasks/{task_id}")).json()["status"] == "completed"
    assert task_id not in (await staff.get("/console/tasks")).text
    again = await staff.post(f"{url}/complete", data={"csrf_token": staff.csrf})
    assert again.status_code == 409 and "the task is completed" in again.text
    assert (await staff.post("/console/tasks/nope/claim",
                             data={"csrf_token": staff.csrf})).status_code == 404
    assert "callback · completed" in (await staff.get(f"/console/calls/{sid}")).text


async def test_presence_is_switched_on_the_team_page(client, staff) -> None:
    team = (await staff.get("/console/team")).text
    assert 'id="member-dealership-sarah"' in team
    url = "/console/team/dealership/Sarah/presence"
    assert (await staff.post(url, data={"status": "busy"})).status_code == 403
    switched = await staff.post(url, data={"status": "busy", "csrf_token": staff.csrf})
    assert switched.status_code == 303
    sarah = (await client.get("/api/staff/dealership")).json()["staff"][0]
    assert (sarah["presence"], sarah["presence_updated_by"]) == ("busy", STAFF_EMAIL)
    assert (await staff.post(url, data={"status": "asleep",
                                        "csrf_token": staff.csrf})).status_code == 422
    assert (await staff.post("/console/team/dealership/Nobody/presence",
                             data={"status": "away", "csrf_token": staff.csrf})).status_code == 404


async def test_today_shows_calls_in_progress_bookings_and_open_tasks(client, staff) -> None:
    booked = await _conversation(client, "dealership",
                                 "this is Tom Becker, can I bring my 2016 Ford F-150 in for an "
                                 "oil change today at 2 pm?", "(512) 555-0199", "yes")
    await _conversation(client, "dealership",
                        "this is Ann Lee, can I come in for an oil change Wednesday at 10 am?",
                        "(512) 555-0123", "yes")
    await _callback(client)
    assert len((await client.get("/api/appointments")).json()) == 2
    today = (await staff.get("/console")).text
    assert f'href="/console/calls/{booked}"' in today  # still in progress
    bookings = today[today.index('id="bookings"'):]
    assert "14:00" in bookings and "Tom Becker" in bookings and "Ann Lee" not in bookings
    assert re.search(r'id="open-tasks"><a href="/console/tasks">1</a>', today)
    assert "overdue" not in today  # due tomorrow morning by the app's clock


async def test_calls_are_paged_keeping_the_filters(client, staff, monkeypatch) -> None:
    monkeypatch.setattr(console, "PAGE_SIZE", 1)
    older = await _conversation(client, "dealership", "do you sell tires?")
    newer = await _conversation(client, "dealership", "do you sell tires today?")
    first = (await staff.get("/console/calls", params={"q": "tires", "business": "dealership"})).text
    assert newer in first and older not in first and "page 1 of 2" in first
    assert 'href="/console/calls?business=dealership&amp;q=tires&amp;page=2"' in first
    second = (await staff.get("/console/calls?business=dealership&q=tires&page=2")).text
    assert older in second and newer not in second and 'id="previous"' in second
    assert 'id="next"' not in second
    assert (await staff.get("/console/calls?page=0")).status_code == 422


def test_today_follows_calls_live_with_its_own_script(settings) -> None:
    """Today's live part: a packaged script (no inline code), which follows each call in
    progress over ``/ws`` with the signed-in session's cookie; a page elsewhere cannot."""
    app = create_app(settings, clock=fixed_clock)
    with TestClient(app) as http:
        accounts = app.state.services.accounts
        http.portal.call(accounts.create_user, STAFF_EMAIL, STAFF_PASSWORD, "staff")
        signed = http.portal.call(accounts.login, STAFF_EMAIL, STAFF_PASSWORD)
        sid = http.post("/api/sessions", json={"profile": "dealership"}).json()["session_id"]
        assert http.get("/console/static/today.js", follow_redirects=False).status_code == 303
        http.cookies.set(SESSION_COOKIE, signed.cookie)

        today = http.get("/console").text
        assert re.findall(r"<script[^>]*>", today) == [
            '<script src="/console/static/today.js" defer>']  # nothing inline
        assert '<noscript><meta http-equiv="refresh"' in today  # reloads where scripts are off
        assert f'id="call-{sid}" data-session="{sid}"' in today
        script = http.get("/console/static/today.js")
        assert script.status_code == 200 and "/ws/" in script.text
        assert script.headers["content-type"].startswith("text/javascript")
        assert script.headers["x-content-type-options"] == "nosniff"
        assert http.get("/console/static/nothing.js").status_code == 404
        assert http.get("/console/static/..%2Fpages.py").status_code in (404, 422)

        with http.websocket_connect(f"/ws/{sid}") as ws:  # the cookie, as the browser sends it
            assert ws.receive_json()["type"] == "state_update"
            line = ws.receive_json()  # the greeting, said before the console joined
            assert line["type"] == "transcript" and line["content"].startswith("Thanks for calling")
        with pytest.raises(WebSocketDisconnect) as refused, http.websocket_connect(
                f"/ws/{sid}", headers={"Origin": "https://evil.example"}):
            pass
        assert refused.value.code == 1008


async def test_today_alerts_a_failed_reminder_and_runs_it_again(client, staff) -> None:
    """A reminder the text provider refused shows on Today with its reason, and "Try again"
    puts it back in the queue."""
    from frontdesk.storage.jobs import NewJob

    jobs = client.app.state.services.jobs
    # Due in an hour, and claimed here as of then: the app's own runner, which takes what is
    # due now, cannot reach it first.
    later = jobs.clock() + timedelta(hours=1)
    job_id = await jobs.add(NewJob("reminder", later, {"appointment_id": 1}, business="dealership",
                                   max_attempts=1))
    assert await jobs.claim(job_id, later) is not None
    await jobs.give_up(job_id, later, "Twilio 21211: invalid 'To' phone number")
    today = (await staff.get("/console")).text
    alerts = today[today.index('id="alerts"'):today.index("Calls in progress")]
    assert "A reminder could not be sent: Twilio 21211: invalid &#39;To&#39; phone number" in alerts
    assert f'action="/console/jobs/{job_id}/retry"' in alerts
    url = f"/console/jobs/{job_id}/retry"
    assert (await staff.post(url, data={})).status_code == 403  # no CSRF token
    retried = await staff.post(url, data={"csrf_token": staff.csrf})
    assert retried.status_code == 303
    # Queued again at once (the bogus payload of this test may then fail anew, for its own
    # reason): the refused text is no longer an alert.
    today = (await staff.get("/console")).text
    assert 'id="alerts"' in today and "21211" not in today
    assert (await staff.post("/console/jobs/nope/retry",
                             data={"csrf_token": staff.csrf})).status_code == 404
