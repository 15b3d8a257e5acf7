"""Appointment emails: the invitation file, the reminder, and delivery to a real SMTP server
(aiosmtpd on a free port: plain, STARTTLS and implicit TLS, with and without a login)."""

from __future__ import annotations

import datetime as dt
import ipaddress
import ssl
from email import message_from_bytes, policy
from email.message import EmailMessage
from zoneinfo import ZoneInfo

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from icalendar import Calendar

from frontdesk.config import SmtpSettings
from frontdesk.followup.appointments import AppointmentDetails, BusinessContact
from frontdesk.followup.email import (
    SmtpMailer,
    appointment_invitation,
    cancellation_email,
    reminder_email,
)
from frontdesk.followup.errors import DeliveryError
from tests.fakes.live import free_port

CHICAGO = ZoneInfo("America/Chicago")
STAMP = dt.datetime(2026, 11, 23, 15, 0, tzinfo=dt.UTC)
BUSINESS = BusinessContact(name="Riverside Motors", timezone="America/Chicago",
                           address="1200 River Road", phone="+15125550100",
                           email="service@riverside.example")
APPOINTMENT = AppointmentDetails(appointment_id=42, service="oil change", day=dt.date(2026, 11, 25),
                                 start=dt.time(14, 0), duration_min=30, customer_name="Tom Becker",
                                 customer_email="tom@example.com")


def _event(ics: bytes):
    calendar = Calendar.from_ical(ics)
    [event] = calendar.walk("VEVENT")
    return calendar, event


# --- the invitation --------------------------------------------------------------------------

def test_a_new_appointment_is_a_request_in_the_business_zone() -> None:
    calendar, event = _event(appointment_invitation(APPOINTMENT, BUSINESS, stamp=STAMP))
    assert str(calendar["method"]) == "REQUEST"
    assert event.decoded("dtstart") == dt.datetime(2026, 11, 25, 14, 0, tzinfo=CHICAGO)
    assert event.decoded("dtend") == dt.datetime(2026, 11, 25, 14, 30, tzinfo=CHICAGO)
    assert event["dtstart"].params["TZID"] == "America/Chicago"
    assert [tz["tzid"] for tz in calendar.walk("VTIMEZONE")] == ["America/Chicago"]
    assert event.decoded("dtstart").astimezone(dt.UTC) == dt.datetime(2026, 11, 25, 20, 0,
                                                                         tzinfo=dt.UTC)
    assert str(event["uid"]) == "appointment-42@frontdesk"
    assert event["sequence"] == 0 and str(event["status"]) == "CONFIRMED"
    assert str(event["summary"]) == "Oil change at Riverside Motors"
    assert str(event["location"]) == "1200 River Road"
    assert str(event["organizer"]) == "mailto:service@riverside.example"
    assert event["organizer"].params["CN"] == "Riverside Motors"
    assert str(event["attendee"]) == "mailto:tom@example.com"
    assert "(512) 555-0100" in str(event["description"])
    assert event.decoded("dtstamp") == STAMP


def test_a_move_keeps_the_uid_and_raises_the_sequence_a_cancel_cancels() -> None:
    moved = AppointmentDetails(42, "oil change", dt.date(2026, 11, 27), dt.time(9, 30), 30,
                               customer_email="tom@example.com")
    _, first = _event(appointment_invitation(APPOINTMENT, BUSINESS, stamp=STAMP))
    _, second = _event(appointment_invitation(moved, BUSINESS, sequence=1, stamp=STAMP))
    calendar, cancel = _event(appointment_invitation(moved, BUSINESS, sequence=2, cancelled=True))
    assert str(first["uid"]) == str(second["uid"]) == str(cancel["uid"])
    assert (first["sequence"], second["sequence"], cancel["sequence"]) == (0, 1, 2)
    assert second.decoded("dtstart") == dt.datetime(2026, 11, 27, 9, 30, tzinfo=CHICAGO)
    assert str(calendar["method"]) == "CANCEL" and str(cancel["status"]) == "CANCELLED"


def test_summer_time_and_other_zones_keep_the_wall_clock() -> None:
    """Daylight saving in Chicago (-5) and a business in Berlin: the local hour is kept."""
    summer = AppointmentDetails(7, "test drive", dt.date(2027, 6, 1), dt.time(9, 0), 60)
    _, event = _event(appointment_invitation(summer, BUSINESS))
    assert event.decoded("dtstart").astimezone(dt.UTC).hour == 14
    berlin = BusinessContact(name="Autohaus", timezone="Europe/Berlin")
    _, event = _event(appointment_invitation(summer, berlin))
    assert event["dtstart"].params["TZID"] == "Europe/Berlin"
    assert event.decoded("dtend").astimezone(dt.UTC) == dt.datetime(2027, 6, 1, 8, 0, tzinfo=dt.UTC)
    assert "organizer" not in event and "location" not in event and "attendee" not in event


@pytest.mark.parametrize(("build", "says"), [
    (lambda: BusinessContact(name="X", timezone="Mars/Olympus"), "time zone"),
    (lambda: BusinessContact(name=" ", timezone="UTC"), "name"),
    (lambda: BusinessContact(name="X", timezone="UTC", email="nobody"), "email"),
    (lambda: AppointmentDetails(0, "oil change", dt.date(2026, 1, 1), dt.time(9), 30), "appointment_id"),
    (lambda: AppointmentDetails(1, "", dt.date(2026, 1, 1), dt.time(9), 30), "service"),
    (lambda: AppointmentDetails(1, "x", dt.datetime(2026, 1, 1), dt.time(9), 30), "day"),
    (lambda: AppointmentDetails(1, "x", dt.date(2026, 1, 1), "09:00", 30), "start"),
    (lambda: AppointmentDetails(1, "x", dt.date(2026, 1, 1), dt.time(9, tzinfo=dt.UTC), 30), "start"),
    (lambda: AppointmentDetails(1, "x", dt.date(2026, 1, 1), dt.time(9), 0), "duration_min"),
    (lambda: AppointmentDetails(1, "x", dt.date(2026, 1, 1), dt.time(9), 30, customer_email="x"),
     "customer_email"),
    (lambda: appointment_invitation(APPOINTMENT, BUSINESS, sequence=-1), "sequence"),
    (lambda: reminder_email(AppointmentDetails(1, "x", dt.date(2026, 1, 1), dt.time(9), 30),
                            BUSINESS), "no customer email"),
])
def test_bad_values_are_clear_errors(build, says) -> None:
    with pytest.raises(ValueError, match=says):
        build()


# --- the reminder ----------------------------------------------------------------------------

def test_the_reminder_has_a_text_body_and_the_invitation() -> None:
    message = reminder_email(APPOINTMENT, BUSINESS, sequence=3, stamp=STAMP)
    assert message["Subject"] == "Reminder: your oil change on Wednesday, November 25 at 2:00 PM"
    assert message["To"] == "Tom Becker <tom@example.com>"
    assert message["Reply-To"] == "Riverside Motors <service@riverside.example>"
    assert "From" not in message  # the mailer's address
    body = message.get_body(("plain",)).get_content()
    assert body.startswith("Hi Tom Becker,")
    assert "oil change at Riverside Motors on Wednesday, November 25 at 2:00 PM (30 minutes)" in body
    assert "1200 River Road" in body and "(512) 555-0100" in body
    [attachment] = message.iter_attachments()
    assert attachment.get_content_type() == "text/calendar"
    assert attachment.get_param("method") == "REQUEST"
    assert attachment.get_filename() == "invite.ics"
    _, event = _event(attachment.get_content().encode())
    assert event["sequence"] == 3


def test_the_cancellation_carries_a_cancel() -> None:
    message = cancellation_email(APPOINTMENT, BUSINESS, sequence=4, sender="desk@riverside.example")
    assert message["Subject"].startswith("Cancelled: your oil change")
    assert message["From"] == "desk@riverside.example"
    [attachment] = message.iter_attachments()
    assert attachment.get_param("method") == "CANCEL"
    calendar, event = _event(attachment.get_content().encode())
    assert str(calendar["method"]) == "CANCEL" and event["sequence"] == 4


# --- a real SMTP server ----------------------------------------------------------------------

class Inbox:
    """aiosmtpd's handler: keeps what it received; refuses the recipients it is told to."""

    def __init__(self) -> None:
        self.received: list[tuple[str, list[str], EmailMessage]] = []
        self.refuse: dict[str, str] = {}

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return self.refuse[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = message_from_bytes(envelope.content, policy=policy.default)
        self.received.append((envelope.mail_from, list(envelope.rcpt_tos), message))
        return "250 Message accepted for delivery"


def _login(server, session, envelope, mechanism, auth_data) -> AuthResult:
    ok = isinstance(auth_data, LoginPassword) and (auth_data.login, auth_data.password) == (
        b"frontdesk", b"s3cret")
    return AuthResult(success=ok, handled=False)  # aiosmtpd answers 535 itself


@pytest.fixture(scope="module")
def certificate(tmp_path_factory):
    """A self-signed certificate for 127.0.0.1, and a client context that trusts it."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName(
                [x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    folder = tmp_path_factory.mktemp("tls")
    (folder / "cert.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    (folder / "key.pem").write_bytes(key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption()))
    server = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server.load_cert_chain(folder / "cert.pem", folder / "key.pem")
    client = ssl.create_default_context(cafile=str(folder / "cert.pem"))
    return server, client


@pytest.fixture
def smtp_server():
    """Start an aiosmtpd server with the given options; stopped after the test."""
    started: list[Controller] = []

    def start(**options) -> tuple[Inbox, int]:
        inbox, port = Inbox(), free_port()
        controller = Controller(inbox, hostname="127.0.0.1", port=port, **options)
        controller.start()
        started.append(controller)
        return inbox, port

    yield start
    for controller in started:
        controller.stop()


def _settings(port: int, **fields) -> SmtpSettings:
    return SmtpSettings(**{"host": "127.0.0.1", "port": port, "security": "none",
                           "from_address": "Riverside Motors <desk@riverside.example>",
                           "timeout_s": 5, **fields})


@pytest.mark.integration
async def test_a_reminder_is_delivered_and_its_invitation_parses(smtp_server) -> None:
    inbox, port = smtp_server()
    await SmtpMailer(_settings(port)).send(reminder_email(APPOINTMENT, BUSINESS, stamp=STAMP))
    [(mail_from, rcpt_tos, message)] = inbox.received
    assert (mail_from, rcpt_tos) == ("desk@riverside.example", ["tom@example.com"])
    assert message["From"] == "Riverside Motors <desk@riverside.example>"
    assert message["To"] == "Tom Becker <tom@example.com>"
    assert message["Subject"] == "Reminder: your oil change on Wednesday, November 25 at 2:00 PM"
    assert message["Message-ID"].endswith("@riverside.example>") and message["Date"]
    [attachment] = message.iter_attachments()
    assert attachment.get_content_type() == "text/calendar"
    assert attachment.get_param("method") == "REQUEST"
    calendar, event = _event(attachment.get_content().encode())
    assert str(calendar["method"]) == "REQUEST"
    assert event.decoded("dtstart") == dt.datetime(2026, 11, 25, 14, 0, tzinfo=CHICAGO)
    assert event.decoded("dtend") == dt.datetime(2026, 11, 25, 14, 30, tzinfo=CHICAGO)


@pytest.mark.integration
async def test_starttls_with_a_login(smtp_server, certificate) -> None:
    server_tls, client_tls = certificate
    inbox, port = smtp_server(tls_context=server_tls, require_starttls=True, auth_required=True,
                              authenticator=_login)
    settings = _settings(port, security="starttls", username="frontdesk", password="s3cret")
    await SmtpMailer(settings, ssl_context=client_tls).send(reminder_email(APPOINTMENT, BUSINESS))
    assert len(inbox.received) == 1
    wrong = _settings(port, security="starttls", username="frontdesk", password="wrong")
    with pytest.raises(DeliveryError) as refused:
        await SmtpMailer(wrong, ssl_context=client_tls).send(reminder_email(APPOINTMENT, BUSINESS))
    assert (refused.value.status_code, refused.value.retryable) == (535, False)
    # The system's CAs do not know this certificate: refused, and retrying will not help.
    with pytest.raises(DeliveryError, match="certificate") as untrusted:
        await SmtpMailer(settings).send(reminder_email(APPOINTMENT, BUSINESS))
    assert untrusted.value.retryable is False


@pytest.mark.integration
async def test_implicit_tls(smtp_server, certificate) -> None:
    server_tls, client_tls = certificate
    inbox, port = smtp_server(ssl_context=server_tls)
    await SmtpMailer(_settings(port, security="tls"), ssl_context=client_tls).send(
        reminder_email(APPOINTMENT, BUSINESS))
    assert len(inbox.received) == 1


@pytest.mark.integration
async def test_starttls_asked_of_a_server_without_it_is_not_retryable(smtp_server) -> None:
    _, port = smtp_server()
    with pytest.raises(DeliveryError, match="STARTTLS") as refused:
        await SmtpMailer(_settings(port, security="starttls")).send(
            reminder_email(APPOINTMENT, BUSINESS))
    assert refused.value.retryable is False


@pytest.mark.integration
async def test_a_refused_connection_is_retryable() -> None:
    with pytest.raises(DeliveryError, match="unreachable") as refused:
        await SmtpMailer(_settings(free_port())).send(reminder_email(APPOINTMENT, BUSINESS))
    assert refused.value.retryable and refused.value.status_code is None


@pytest.mark.integration
@pytest.mark.parametrize(("reply", "retryable"), [("550 5.1.1 No such user", False),
                                                  ("451 4.3.0 Try again later", True)])
async def test_a_refused_recipient_says_whether_to_retry(smtp_server, reply, retryable) -> None:
    inbox, port = smtp_server()
    inbox.refuse["tom@example.com"] = reply
    with pytest.raises(DeliveryError) as refused:
        await SmtpMailer(_settings(port)).send(reminder_email(APPOINTMENT, BUSINESS))
    assert refused.value.retryable is retryable
    assert refused.value.status_code == int(reply[:3]) and reply[4:] in refused.value.detail
    assert inbox.received == []


@pytest.mark.integration
async def test_bcc_is_delivered_but_not_shown(smtp_server) -> None:
    inbox, port = smtp_server()
    message = reminder_email(APPOINTMENT, BUSINESS)
    message["Bcc"] = "archive@riverside.example"
    await SmtpMailer(_settings(port)).send(message)
    [(_, rcpt_tos, received)] = inbox.received
    assert rcpt_tos == ["tom@example.com", "archive@riverside.example"]
    assert "Bcc" not in received


@pytest.mark.parametrize("to", [None, "nobody", "@example.com", "tom@example.com, x"])
async def test_a_message_without_a_valid_recipient_is_not_sent(to) -> None:
    message = EmailMessage()
    message["Subject"] = "hello"
    if to:
        message["To"] = to
    message.set_content("hello")
    with pytest.raises(DeliveryError, match="recipients") as refused:
        await SmtpMailer(_settings(free_port())).send(message)
    assert refused.value.retryable is False


@pytest.mark.parametrize(("fields", "says"), [
    ({"host": "smtp.example.com"}, "from_address is required"),
    ({"host": "smtp.example.com", "from_address": "desk"}, "email address"),
    ({"username": "me"}, "go together"),
])
def test_incomplete_smtp_settings_are_named(fields, says) -> None:
    with pytest.raises(ValueError, match=says):
        SmtpSettings(**fields)


def test_a_mailer_needs_a_host() -> None:
    with pytest.raises(ValueError, match="FRONTDESK_SMTP__HOST"):
        SmtpMailer(SmtpSettings())
