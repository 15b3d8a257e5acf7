"""Follow-through end to end, over the real protocols: a booking made in a conversation alerts
staff (email through a real SMTP server, SMS through the fake Twilio Messages API, a signed
webhook to a receiver that verifies it), and reminds the customer at the profile's lead times;
STOP is honoured, a cancellation cancels the reminders, and a reminder that fell due while the
server was stopped goes out after it starts. Both databases (PostgreSQL through procrastinate).
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import httpx
import pytest
import yaml
from aiosmtpd.controller import Controller

from frontdesk.app import create_app
from frontdesk.config import JobSettings, SmtpSettings, TwilioSettings
from frontdesk.knowledge.profile import PROFILES_DIR
from frontdesk.telephony.signature import sign
from tests.auth import authorize
from tests.conftest import NOW, MovableClock
from tests.fakes.live import LiveServer, free_port
from tests.fakes.twilio import ACCOUNT_SID, AUTH_TOKEN, TWILIO_NUMBER, FakeTwilioApi
from tests.followup.test_email import Inbox
from tests.followup.test_webhooks import SECRET, Receiver

pytestmark = [pytest.mark.integration, pytest.mark.e2e]

CUSTOMER = "+15125550199"
DESK_SMS = "+15125550111"
BOOKING = ("this is Tom Becker, can I bring my 2016 Ford F-150 in for an oil change Wednesday "
           "at 2 pm?", "(512) 555-0199, and my email is tom.becker@example.com", "yes")


@pytest.fixture
async def world(settings, tmp_path, monkeypatch):
    """The fake Twilio, a real SMTP server, a webhook receiver, and the settings that use them."""
    twilio = FakeTwilioApi()
    hooks = Receiver()
    inbox, port = Inbox(), free_port()
    smtp = Controller(inbox, hostname="127.0.0.1", port=port)
    smtp.start()
    profile = yaml.safe_load((PROFILES_DIR / "dealership.yaml").read_text())
    profile["follow_up"] = {
        "reminders": {"hours_before": [24, 2]},
        "staff": [{"events": ["appointment_booked", "appointment_cancelled", "appointment_changed"],
                   "email": "service-desk@riverside.example", "sms": DESK_SMS}],
        "webhooks": [{"url": "http://placeholder/hooks", "secret_env": "FRONTDESK_TEST_HOOK"}]}
    monkeypatch.setenv("FRONTDESK_TEST_HOOK", SECRET)
    try:
        async with LiveServer(twilio.app) as api, LiveServer(hooks.app) as receiver:
            profile["follow_up"]["webhooks"][0]["url"] = f"{receiver.url}/hooks"
            (tmp_path / "profiles").mkdir()
            (tmp_path / "profiles" / "dealership.yaml").write_text(yaml.safe_dump(profile))
            configured = settings.model_copy(update={
                "profiles_dir": tmp_path / "profiles",
                "twilio": TwilioSettings(account_sid=ACCOUNT_SID, auth_token=AUTH_TOKEN,
                                         from_number=TWILIO_NUMBER, api_base_url=api.url),
                "smtp": SmtpSettings(host="127.0.0.1", port=port, security="none",
                                     from_address="Riverside Motors <desk@riverside.example>"),
                "jobs": JobSettings(poll_s=0.05, sweep_s=1, retry_base_s=0.05)})
            yield configured, twilio, inbox, hooks
    finally:
        smtp.stop()


class Server:
    def __init__(self, settings, clock: MovableClock) -> None:
        self.app = create_app(settings, clock=clock)
        self.clock = clock

    async def __aenter__(self) -> Server:
        self._lifespan = self.app.router.lifespan_context(self.app)
        await self._lifespan.__aenter__()
        self.http = httpx.AsyncClient(transport=httpx.ASGITransport(app=self.app),
                                      base_url="http://test")
        await authorize(self.app, self.http)
        return self

    async def __aexit__(self, *exc) -> None:
        await self.http.aclose()
        await self._lifespan.__aexit__(*exc)

    async def converse(self, *lines: str) -> dict:
        created = await self.http.post("/api/sessions", json={"profile": "dealership"})
        sid = created.json()["session_id"]
        for line in lines:
            reply = await self.http.post("/api/chat", json={"session_id": sid, "message": line})
            assert reply.status_code == 200, reply.text
        return reply.json()

    async def jobs(self, **filters) -> list[dict]:
        return (await self.http.get("/api/jobs", params=filters)).json()

    async def settle(self) -> list[dict]:
        """Every job due by now has run."""
        for _ in range(300):
            jobs = await self.jobs()
            due = [j for j in jobs if j["status"] in ("scheduled", "running")
                   and datetime.fromisoformat(j["run_at"]) <= self.clock.now]
            if not due:
                return jobs
            await asyncio.sleep(0.05)
        raise AssertionError(f"jobs still due: {due}")


def sms_to(twilio: FakeTwilioApi, number: str) -> list[str]:
    return [m["Body"] for m in twilio.messages if m["To"] == number]


def mail_to(inbox: Inbox, address: str) -> list:
    return [m for _, rcpt, m in inbox.received if address in rcpt]


async def test_a_booking_alerts_staff_and_reminds_the_customer_at_each_lead_time(world) -> None:
    settings, twilio, inbox, hooks = world
    clock = MovableClock(NOW)  # Monday 9:00 in Austin; the oil change is Wednesday at 2 PM
    async with Server(settings, clock) as server:
        booked = await server.converse(*BOOKING)
        assert booked["state"]["appointment"]["scheduled_date"] == "2026-11-25"
        # The promise the agent makes is the plan the jobs follow.
        assert ("You'll get a reminder by text and email the day before and 2 hours before."
                in booked["reply"])
        await server.settle()
        # Staff: an email, a text and a signed webhook, each logged as sent.
        [alert] = mail_to(inbox, "service-desk@riverside.example")
        assert alert["Subject"] == "Riverside Motors: New booking"
        assert "Tom Becker (+15125550199) booked oil change on Wed Nov 25 at 2:00 PM" in alert.get_content()
        assert sms_to(twilio, DESK_SMS) == [f"Riverside Motors: New booking: {alert.get_content().strip()}"]
        [(body, _headers, valid)] = hooks.received
        assert valid and body["event"] == "appointment_booked"
        assert body["data"]["customer_email"] == "tom.becker@example.com"
        assert body["data"]["start_utc"] == "2026-11-25T20:00:00+00:00"
        # Reminders wait for their time: 24 h and 2 h before, by text and by email.
        reminders = await server.jobs(kind="reminder")
        assert sorted((j["run_at"], j["payload"]["channel"]) for j in reminders) == [
            ("2026-11-24T20:00:00Z", "email"), ("2026-11-24T20:00:00Z", "sms"),
            ("2026-11-25T18:00:00Z", "email"), ("2026-11-25T18:00:00Z", "sms")]
        assert sms_to(twilio, CUSTOMER) == [] and mail_to(inbox, "tom.becker@example.com") == []

        clock.now = datetime(2026, 11, 24, 20, 1, tzinfo=UTC)  # Tuesday 2:01 PM
        await server.settle()
        assert sms_to(twilio, CUSTOMER) == [
            "Reminder from Riverside Motors: your oil change is tomorrow at 2 PM at 1200 River "
            "Road. To change it, call +15125550100. Reply STOP to opt out."]
        [email] = mail_to(inbox, "tom.becker@example.com")
        [invitation] = email.iter_attachments()
        assert invitation.get_content_type() == "text/calendar"

        # The customer texts STOP: the 2-hour reminder comes by email only.
        params = {"MessageSid": "SM" + "2" * 32, "AccountSid": ACCOUNT_SID, "From": CUSTOMER,
                  "To": "+15125550100", "Body": "STOP", "NumMedia": "0"}
        stop = await server.http.post("http://test/twilio/sms", data=params, headers={
            "X-Twilio-Signature": sign(AUTH_TOKEN, "http://test/twilio/sms", params)})
        assert stop.status_code == 200
        clock.now = datetime(2026, 11, 25, 18, 1, tzinfo=UTC)
        jobs = await server.settle()
        assert len(sms_to(twilio, CUSTOMER)) == 1
        assert len(mail_to(inbox, "tom.becker@example.com")) == 2
        skipped = next(j for j in jobs if j["kind"] == "reminder" and j["status"] == "done"
                       and j["payload"]["channel"] == "sms" and j["payload"]["hours_before"] == 2)
        detail = (await server.http.get(f"/api/jobs/{skipped['job_id']}")).json()
        assert [(d["status"], d["detail"]) for d in detail["deliveries"]] == [
            ("skipped", "opted out (STOP)")]


async def test_cancelling_cancels_the_reminders_and_tells_staff(world) -> None:
    settings, twilio, inbox, hooks = world
    clock = MovableClock(NOW)
    async with Server(settings, clock) as server:
        await server.converse(*BOOKING)
        await server.settle()
        await server.converse("hi, it's Tom Becker, I need to cancel my oil change",
                              "(512) 555-0199", "yes, cancel it")
        jobs = await server.settle()
        assert {j["status"] for j in jobs if j["kind"] == "reminder"} == {"cancelled"}
        subjects = [m["Subject"] for m in mail_to(inbox, "service-desk@riverside.example")]
        assert subjects == ["Riverside Motors: New booking", "Riverside Motors: Booking cancelled"]
        assert [b["event"] for b, _, valid in hooks.received if valid] == [
            "appointment_booked", "appointment_cancelled"]
        clock.now = datetime(2026, 11, 25, 19, 0, tzinfo=UTC)
        await server.settle()
        assert sms_to(twilio, CUSTOMER) == [] and mail_to(inbox, "tom.becker@example.com") == []


async def test_work_added_to_the_visit_tells_staff_and_keeps_the_reminders(world) -> None:
    settings, _twilio, inbox, hooks = world
    clock = MovableClock(NOW)
    async with Server(settings, clock) as server:
        await server.converse(*BOOKING)
        await server.settle()
        added = await server.converse("hi it's Tom Becker, I've got the oil change wednesday",
                                      "(512) 555-0199",
                                      "while it's in there could y'all rotate the tires too?", "yes")
        assert sorted(added["state"]["appointment"]["services"]) == ["oil_change", "tire_rotation"]
        jobs = await server.settle()
        # the visit starts when it did: its four reminders stand, none replanned
        assert sorted(j["status"] for j in jobs if j["kind"] == "reminder") == ["scheduled"] * 4
        alerts = mail_to(inbox, "service-desk@riverside.example")
        assert [m["Subject"] for m in alerts] == ["Riverside Motors: New booking",
                                                  "Riverside Motors: Work added"]
        assert ("Tom Becker (+15125550199) added to oil change on Wed Nov 25 at 2:00 PM, "
                "2016 Ford F-150: tire rotation.") in alerts[1].get_content()
        assert [b["event"] for b, _, valid in hooks.received if valid] == [
            "appointment_booked", "appointment_changed"]


async def test_a_reminder_due_while_the_server_was_stopped_is_sent_after_it_starts(world) -> None:
    settings, twilio, _inbox, _hooks = world
    clock = MovableClock(NOW)
    async with Server(settings, clock) as server:
        await server.converse(*BOOKING)
        await server.settle()
    assert sms_to(twilio, CUSTOMER) == []
    # Stopped across Tuesday afternoon, when the 24-hour reminder fell due.
    clock.now = datetime(2026, 11, 24, 23, 30, tzinfo=UTC)
    async with Server(settings, clock) as server:
        await server.settle()
        assert len(sms_to(twilio, CUSTOMER)) == 1
        assert "tomorrow at 2 PM" in sms_to(twilio, CUSTOMER)[0]


def test_the_demo_profiles_route_staff_alerts(profiles) -> None:
    """The shipped businesses tell their desk about bookings and callbacks out of the box."""
    for profile in profiles.values():
        assert profile.follow_up.staff, profile.key
