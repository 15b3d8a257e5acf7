"""The console's Calendar over HTTP (SQLite and PostgreSQL): day and week sheets with capacity
and open slots, an appointment's page with its reminders, and cancel and move by form with
the agent's own rules and side effects (reminders replanned, staff alerted by email through a
real SMTP server, the freed slot offered to the next caller)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import datetime

import httpx
import pytest
from aiosmtpd.controller import Controller

from frontdesk.api.security import SESSION_COOKIE
from frontdesk.app import create_app
from frontdesk.brain.availability import AvailabilityCalendar, SlotCheck
from frontdesk.config import JobSettings, SmtpSettings
from tests.auth import authorize
from tests.conftest import NOW, fixed_clock
from tests.fakes.live import free_port
from tests.followup.test_email import Inbox

pytestmark = [pytest.mark.integration]

STAFF_EMAIL = "jordan@example.com"
STAFF_PASSWORD = "staff password 123"
DESK = "service@riverside-motors.example"
"""Where the dealership profile sends its staff alerts."""
TOM = ("this is Tom Becker, can I bring my 2016 Ford F-150 in for an oil change today at 2 pm?",
       "(512) 555-0199, and my email is tom.becker@example.com", "yes")
ANN = ("this is Ann Lee, can I bring my 2019 Honda Civic in for an oil change today at 2 pm?",
       "(512) 555-0123", "yes")
CARA = "this is Cara Diaz, can I bring my 2018 Mazda 3 in for an oil change today at 2 pm?"
BOB = ("this is Bob Stone, can I bring my 2020 Toyota Camry in for an oil change today at 3 pm?",
       "(512) 555-0177", "yes")


@dataclass
class Desk:
    api: httpx.AsyncClient
    """An owner's API key."""
    staff: httpx.AsyncClient
    """A member of staff signed in (session cookie); ``staff.csrf`` is their form token."""
    inbox: Inbox
    anonymous: httpx.AsyncClient
    """No credential at all."""

    async def book(self, *lines: str) -> int:
        sid = (await self.api.post("/api/sessions", json={"profile": "dealership"})).json()
        for line in lines:
            reply = await self.api.post("/api/chat", json={"session_id": sid["session_id"],
                                                           "message": line})
            assert reply.status_code == 200, reply.text
        appointment = reply.json()["state"]["appointment"]
        assert appointment is not None, reply.json()["reply"]
        return appointment["id"]

    async def converse(self, *lines: str) -> list[str]:
        """A new text conversation at the dealership: the agent's replies."""
        sid = (await self.api.post("/api/sessions", json={"profile": "dealership"})).json()
        replies = []
        for line in lines:
            reply = await self.api.post("/api/chat", json={"session_id": sid["session_id"],
                                                           "message": line})
            assert reply.status_code == 200, reply.text
            replies.append(reply.json()["reply"])
        return replies

    async def appointment(self, appointment_id: int) -> dict:
        return next(a for a in (await self.api.get("/api/appointments")).json()
                    if a["id"] == appointment_id)

    async def settle(self) -> list[dict]:
        """Every job due by now has run."""
        for _ in range(200):
            jobs = (await self.api.get("/api/jobs", params={"limit": 500})).json()
            due = [j for j in jobs if j["status"] in ("scheduled", "running")
                   and datetime.fromisoformat(j["run_at"]) <= NOW]
            if not due:
                return jobs
            await asyncio.sleep(0.05)
        raise AssertionError(f"jobs still due: {due}")

    def alerts(self) -> list[str]:
        return [m.get_content().strip() for _, rcpt, m in self.inbox.received if DESK in rcpt]


@pytest.fixture
async def desk(settings) -> AsyncIterator[Desk]:
    """The app with email configured (reminders and staff alerts go out through a real SMTP
    server), an owner's API client and a signed-in member of staff."""
    inbox, port = Inbox(), free_port()
    smtp = Controller(inbox, hostname="127.0.0.1", port=port)
    smtp.start()
    configured = settings.model_copy(update={
        "smtp": SmtpSettings(host="127.0.0.1", port=port, security="none",
                             from_address="Riverside Motors <desk@riverside.example>"),
        "jobs": JobSettings(poll_s=0.05, sweep_s=1, retry_base_s=0.05)})
    app = create_app(configured, clock=fixed_clock)
    try:
        async with app.router.lifespan_context(app):
            transport = httpx.ASGITransport(app=app)
            accounts = app.state.services.accounts
            await accounts.create_user(STAFF_EMAIL, STAFF_PASSWORD, "staff")
            signed = await accounts.login(STAFF_EMAIL, STAFF_PASSWORD)
            async with httpx.AsyncClient(transport=transport, base_url="http://test") as api, \
                    httpx.AsyncClient(transport=transport, base_url="https://test",
                                      cookies={SESSION_COOKIE: signed.cookie}) as staff, \
                    httpx.AsyncClient(transport=transport, base_url="http://test") as anonymous:
                await authorize(app, api)
                staff.csrf = signed.csrf_token  # type: ignore[attr-defined]
                yield Desk(api, staff, inbox, anonymous)
    finally:
        smtp.stop()


def _row(page: str, department: str, hhmm: str) -> str:
    start = page.index(f'id="slot-{department}-{hhmm}"')
    return page[start:page.index("</tr>", start)]


async def test_the_day_shows_appointments_capacity_and_open_slots(desk) -> None:
    tom = await desk.book(*TOM)
    await desk.book(*ANN)
    await desk.book(*BOB)
    page = await desk.staff.get("/console/calendar")  # today at the first business
    assert page.status_code == 200
    text = page.text
    assert "Monday 23 November 2026" in text and "now Mon 09:00" in text
    two = _row(text, "service", "1400")
    assert "2 of 2" in two and "full" in two and "Tom Becker" in two and "Ann Lee" in two
    assert f'href="/console/calendar/dealership/{tom}"' in two
    three = _row(text, "service", "1500")
    assert "1 of 2" in three and "Bob Stone" in three and ">open<" in three
    assert ">open<" not in _row(text, "service", "0930")  # before the hour's notice
    assert ">open<" in _row(text, "service", "1000")
    assert "07:30–18:00" in text and 'id="department-sales"' in text
    sales = await desk.staff.get("/console/calendar?department=sales")
    assert 'id="department-service"' not in sales.text and "Tom Becker" not in sales.text
    tomorrow = await desk.staff.get("/console/calendar?day=2026-11-24")
    assert "Tom Becker" not in tomorrow.text and "Tuesday 24 November 2026" in tomorrow.text
    other = (await desk.staff.get("/console/calendar?business=real_estate")).text
    assert "Lakeside Realty · Monday 23 November 2026" in other and 'id="department-office"' in other
    assert "Tom Becker" not in other
    assert 'id="business"' in other  # the selector, with both businesses
    assert '<option value="real_estate" selected>Lakeside Realty</option>' in other


async def test_the_week_shows_each_day_with_its_open_slots(desk) -> None:
    await desk.book(*TOM)
    await desk.book("this is Ann Lee, can I come in for an oil change Wednesday at 10 am?",
                    "(512) 555-0123", "yes")
    week = (await desk.staff.get("/console/calendar?view=week&day=2026-11-26")).text
    assert "Mon 23 Nov – Sun 29 Nov 2026" in week  # the week around the day asked for
    monday = week[week.index('id="day-service-2026-11-23"'):]
    monday = monday[:monday.index("</tr>")]
    assert "14:00 Oil change · Tom Becker" in monday
    wednesday = week[week.index('id="day-service-2026-11-25"'):]
    assert "10:00 Oil change · Ann Lee" in wednesday[:wednesday.index("</tr>")]
    sunday = week[week.index('id="day-service-2026-11-29"'):]
    sunday = sunday[:sunday.index("</tr>")]
    assert "closed" in sunday and 'class="open-count">0<' in sunday
    # Wednesday's service bays: 07:30–18:00 by 30 min, two places, one taken at 10:00.
    assert 'class="open-count">21<' in wednesday[:wednesday.index("</tr>")]


async def test_an_appointment_moves_to_an_open_slot_like_the_agent_moves_it(desk) -> None:
    tom = await desk.book(*TOM)
    await desk.book(*ANN)
    await desk.settle()
    page = await desk.staff.get(f"/console/calendar/dealership/{tom}")
    assert page.status_code == 200
    assert "Tom Becker" in page.text and "+15125550199" in page.text
    assert "tom.becker@example.com" in page.text and "Oil change" in page.text
    assert "Mon 23 Nov 2026, 14:00–14:30" in page.text
    reminders = page.text[page.text.index('id="reminders"'):]
    assert "Mon 23 Nov 12:00" in reminders and "scheduled" in reminders  # 2 hours before, by email
    assert 'id="move-202611231600"' in page.text  # an open time that day, for its 30 minutes

    assert "today at 2 PM is already booked" in (await desk.converse(CARA))[0]
    moved = await desk.staff.post(f"/console/calendar/dealership/{tom}/move",
                                  data={"csrf_token": desk.staff.csrf, "start": "2026-11-25T10:00"})
    assert moved.status_code == 303
    assert moved.headers["location"] == (
        f"/console/calendar?business=dealership&view=day&day=2026-11-25&done=moved#appointment-{tom}")
    after = await desk.appointment(tom)
    assert (after["scheduled_date"], after["scheduled_time"], after["status"]) == (
        "2026-11-25", "10:00:00", "scheduled")
    jobs = await desk.settle()
    reminders = sorted((j["payload"]["slot"], j["status"]) for j in jobs if j["kind"] == "reminder")
    assert reminders == [("2026-11-23T14:00", "cancelled"), ("2026-11-25T10:00", "scheduled"),
                         ("2026-11-25T10:00", "scheduled")]
    assert (f"{STAFF_EMAIL} moved Tom Becker (+15125550199)'s oil change on Wed Nov 25 at "
            "10:00 AM, 2016 Ford F-150 (was Mon Nov 23 at 2:00 PM).") in desk.alerts()
    wednesday = (await desk.staff.get(moved.headers["location"])).text
    assert "Moved." in wednesday and "Tom Becker" in _row(wednesday, "service", "1000")
    detail = (await desk.staff.get(f"/console/calendar/dealership/{tom}")).text
    assert f"moved from 2026-11-23 14:00 by {STAFF_EMAIL}" in detail

    # The slot it left is the agent's to offer again: 2 PM today was full ("already booked",
    # and 1:30 or 2:30 offered instead), now it is read back to the next caller.
    replies = await desk.converse(CARA, "(512) 555-0144")
    assert "already booked" not in replies[0], replies
    assert "today at 2 PM" in replies[1], replies


async def test_a_move_to_a_full_or_closed_slot_is_refused_and_says_why(desk) -> None:
    await desk.book(*TOM)
    await desk.book(*ANN)
    bob = await desk.book(*BOB)
    url = f"/console/calendar/dealership/{bob}/move"
    full = await desk.staff.post(url, data={"csrf_token": desk.staff.csrf,
                                            "start": "2026-11-23T14:00"})
    assert full.status_code == 409
    assert "Not moved: Mon 23 Nov 14:00 is full: all 2 of the service department" in full.text
    nearby = full.text[full.text.index('id="alternatives"'):]
    assert 'value="2026-11-23T13:30"' in nearby and 'value="2026-11-23T14:30"' in nearby
    assert (await desk.appointment(bob))["scheduled_time"] == "15:00:00"  # unchanged
    sunday = await desk.staff.post(url, data={"csrf_token": desk.staff.csrf,
                                              "start": "2026-11-29T10:00"})
    assert sunday.status_code == 409 and "closed on Sundays" in sunday.text
    early = await desk.staff.post(url, data={"csrf_token": desk.staff.csrf,
                                             "start": "2026-11-23T09:30"})
    assert early.status_code == 409 and "the earliest start now is Mon 23 Nov 10:00" in early.text
    late = await desk.staff.post(url, data={"csrf_token": desk.staff.csrf,
                                            "start": "2026-11-23T17:45"})
    assert late.status_code == 409
    assert "a 30-minute appointment at 17:45 does not fit the service department&#39;s hours " \
        "(07:30–18:00)" in late.text
    bad = await desk.staff.post(url, data={"csrf_token": desk.staff.csrf, "start": "soon"})
    assert bad.status_code == 422 and "Pick a day and a time" in bad.text
    assert (await desk.appointment(bob))["scheduled_time"] == "15:00:00"
    assert not any("moved" in alert for alert in desk.alerts())


async def test_cancelling_calls_off_the_reminders_and_tells_the_desk(desk) -> None:
    tom = await desk.book(*TOM)
    await desk.settle()
    url = f"/console/calendar/dealership/{tom}/cancel"
    assert (await desk.staff.post(url, data={})).status_code == 403  # no CSRF token
    assert (await desk.appointment(tom))["status"] == "scheduled"
    cancelled = await desk.staff.post(url, data={"csrf_token": desk.staff.csrf})
    assert cancelled.status_code == 303
    assert cancelled.headers["location"] == (
        "/console/calendar?business=dealership&view=day&day=2026-11-23&done=cancelled")
    assert (await desk.appointment(tom))["status"] == "cancelled"
    jobs = await desk.settle()
    assert {j["status"] for j in jobs if j["kind"] == "reminder"} == {"cancelled"}
    assert (f"{STAFF_EMAIL} cancelled Tom Becker (+15125550199)'s oil change on Mon Nov 23 at "
            "2:00 PM, 2016 Ford F-150.") in desk.alerts()
    day = (await desk.staff.get(cancelled.headers["location"])).text
    assert "Cancelled." in day and "0 of 2" in _row(day, "service", "1400")
    assert 'class="appt cancelled"' in day  # still listed, struck through
    detail = (await desk.staff.get(f"/console/calendar/dealership/{tom}")).text
    assert ">cancelled<" in detail and 'id="cancel"' not in detail and 'id="move"' not in detail
    again = await desk.staff.post(url, data={"csrf_token": desk.staff.csrf})
    assert again.status_code == 409 and "no longer active" in again.text


async def test_the_calendar_is_closed_to_strangers_and_to_forged_forms(desk) -> None:
    tom = await desk.book(*TOM)
    for path in ("/console/calendar", f"/console/calendar/dealership/{tom}", "/console/leads"):
        response = await desk.anonymous.get(path, follow_redirects=False)
        assert response.status_code == 303, path
        assert response.headers["location"].startswith("/login?next=%2Fconsole"), path
    for action in ("move", "cancel"):
        refused = await desk.anonymous.post(f"/console/calendar/dealership/{tom}/{action}",
                                       data={"csrf_token": "x", "start": "2026-11-25T10:00"})
        assert refused.status_code == 401
    forged = await desk.staff.post(f"/console/calendar/dealership/{tom}/move",
                                   data={"start": "2026-11-25T10:00"})
    assert forged.status_code == 403
    assert (await desk.appointment(tom))["scheduled_date"] == "2026-11-23"
    assert (await desk.staff.get("/console/calendar/dealership/999999")).status_code == 404
    assert (await desk.staff.get(f"/console/calendar/real_estate/{tom}")).status_code == 404
    assert (await desk.staff.post("/console/calendar/nowhere/1/cancel",
                                  data={"csrf_token": desk.staff.csrf})).status_code == 404


async def test_a_slot_taken_between_the_check_and_the_write_is_still_refused(desk, monkeypatch) -> None:
    """The agent may book the last place while staff press Move: the calendar re-checks
    capacity under its booking lock when it writes, and the page says the time is full."""
    await desk.book(*TOM)
    await desk.book(*ANN)
    bob = await desk.book(*BOB)

    async def stale_check(self, department, start, duration_min, alternatives=2):
        return SlotCheck(ok=True)  # what the check saw a moment before the agent's booking

    monkeypatch.setattr(AvailabilityCalendar, "check", stale_check)
    refused = await desk.staff.post(f"/console/calendar/dealership/{bob}/move",
                                    data={"csrf_token": desk.staff.csrf,
                                          "start": "2026-11-23T14:00"})
    assert refused.status_code == 409 and "14:00 is full" in refused.text
    assert 'value="2026-11-23T14:30"' in refused.text  # the nearest open times instead
    assert (await desk.appointment(bob))["scheduled_time"] == "15:00:00"
