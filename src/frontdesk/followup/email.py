"""Appointment emails: a calendar invitation (.ics), the reminder that carries it, and SMTP.

The invitation follows iTIP (RFC 5546): ``METHOD:REQUEST`` adds or updates the entry,
``METHOD:CANCEL`` removes it. Calendar clients match entries by UID, so the UID is made from
the appointment's id alone, and they apply a change only when its SEQUENCE is higher than the
one they hold: pass a larger ``sequence`` every time the appointment moves (and for the
cancel). Times carry the business's zone (``TZID`` and its ``VTIMEZONE``), so a customer in
another zone sees the right hour.

:class:`SmtpMailer` sends with the standard library's ``smtplib`` in a worker thread (a
reminder is one short connection; no extra dependency), STARTTLS or implicit TLS, and turns
every failure into a :class:`DeliveryError` that says whether a retry can help.
"""

from __future__ import annotations

import asyncio
import logging
import smtplib
import ssl
from datetime import UTC, datetime, timedelta
from email.errors import HeaderParseError
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, formataddr, getaddresses, make_msgid, parseaddr

from icalendar import Calendar, Event, vCalAddress, vText

from frontdesk.config import SmtpSettings
from frontdesk.followup.appointments import (
    AppointmentDetails,
    BusinessContact,
    display_phone,
    spoken_day,
    spoken_time,
)
from frontdesk.followup.errors import DeliveryError
from frontdesk.logs import personal

log = logging.getLogger(__name__)

__all__ = ["AppointmentDetails", "BusinessContact", "SmtpMailer", "appointment_invitation",
           "cancellation_email", "reminder_email"]

PRODID = "-//Frontdesk//Appointments//EN"
UID_DOMAIN = "frontdesk"


# --- the calendar invitation -----------------------------------------------------------------

def appointment_invitation(appointment: AppointmentDetails, business: BusinessContact, *,
                           sequence: int = 0, cancelled: bool = False,
                           stamp: datetime | None = None) -> bytes:
    """An iCalendar file for one appointment.

    Args:
        appointment: what, when and with whom.
        business: where, in which time zone, organised by whom.
        sequence: the appointment's revision: 0 when booked, higher after each move and for
            the cancel (calendar clients ignore an update whose SEQUENCE is not higher).
        cancelled: ``METHOD:CANCEL`` and ``STATUS:CANCELLED`` instead of a request.
        stamp: when the invitation was made (DTSTAMP), now when None.

    Returns:
        The ``.ics`` bytes (CRLF lines, UTF-8).

    Raises:
        ValueError: a negative or non-integer sequence.
    """
    if isinstance(sequence, bool) or not isinstance(sequence, int) or sequence < 0:
        raise ValueError(f"sequence must be a non-negative int, got {sequence!r}")
    zone = business.zone
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "CANCEL" if cancelled else "REQUEST")
    event = Event()
    event.add("uid", f"appointment-{appointment.appointment_id}@{UID_DOMAIN}")
    event.add("sequence", sequence)
    event.add("dtstamp", (stamp or datetime.now(UTC)).astimezone(UTC))
    event.add("dtstart", appointment.starts_at(zone))
    event.add("dtend", appointment.ends_at(zone))
    event.add("summary", f"{appointment.service.capitalize()} at {business.name}")
    if business.address:
        event.add("location", business.address)
    if business.phone:
        event.add("description", f"To change or cancel, call {business.name} at "
                                 f"{display_phone(business.phone)}.")
    if business.email:
        organizer = vCalAddress(f"mailto:{business.email}")
        organizer.params["cn"] = vText(business.name)
        event.add("organizer", organizer)
    if appointment.customer_email:
        attendee = vCalAddress(f"mailto:{appointment.customer_email}")
        if appointment.customer_name:
            attendee.params["cn"] = vText(appointment.customer_name)
        attendee.params["role"] = vText("REQ-PARTICIPANT")
        attendee.params["partstat"] = vText("ACCEPTED")
        event.add("attendee", attendee)
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    event.add("transp", "OPAQUE")
    calendar.add_component(event)
    # The zone's rules around the appointment only (all of them since 1970 is kilobytes).
    calendar.add_missing_timezones(first_date=appointment.day - timedelta(days=366),
                                   last_date=appointment.day + timedelta(days=366))
    return calendar.to_ical()


# --- the emails ------------------------------------------------------------------------------

def reminder_email(appointment: AppointmentDetails, business: BusinessContact, *,
                   sequence: int = 0, sender: str | None = None,
                   stamp: datetime | None = None) -> EmailMessage:
    """A reminder of an upcoming appointment, with its invitation attached.

    Args:
        appointment: must have ``customer_email``.
        business: names the sender, where and the number to call; its ``email`` becomes
            the Reply-To.
        sequence: as for :func:`appointment_invitation`.
        sender: the From address; the mailer's ``from_address`` when None.
        stamp: when it was made (the invitation's DTSTAMP), now when None.

    Raises:
        ValueError: the appointment has no customer email.
    """
    when = f"{spoken_day(appointment.day)} at {spoken_time(appointment.start)}"
    lines = [f"This is a reminder of your {appointment.service} at {business.name} on {when} "
             f"({appointment.duration_min} minutes)."]
    if business.address:
        lines.append(f"Address: {business.address}")
    if business.phone:
        lines.append(f"To change or cancel, call us at {display_phone(business.phone)}.")
    lines.append("The attached invitation adds it to your calendar.")
    return _appointment_email(
        appointment, business, subject=f"Reminder: your {appointment.service} on {when}",
        lines=lines, ics=appointment_invitation(appointment, business, sequence=sequence,
                                                stamp=stamp),
        method="REQUEST", sender=sender)


def cancellation_email(appointment: AppointmentDetails, business: BusinessContact, *,
                       sequence: int, sender: str | None = None,
                       stamp: datetime | None = None) -> EmailMessage:
    """The appointment is cancelled; the attached ``METHOD:CANCEL`` removes it from the
    customer's calendar (``sequence`` higher than the last invitation's)."""
    when = f"{spoken_day(appointment.day)} at {spoken_time(appointment.start)}"
    lines = [f"Your {appointment.service} at {business.name} on {when} is cancelled."]
    if business.phone:
        lines.append(f"To book another time, call us at {display_phone(business.phone)}.")
    return _appointment_email(
        appointment, business, subject=f"Cancelled: your {appointment.service} on {when}",
        lines=lines, ics=appointment_invitation(appointment, business, sequence=sequence,
                                                cancelled=True, stamp=stamp),
        method="CANCEL", sender=sender)


def _appointment_email(appointment: AppointmentDetails, business: BusinessContact, *,
                       subject: str, lines: list[str], ics: bytes, method: str,
                       sender: str | None) -> EmailMessage:
    if not appointment.customer_email:
        raise ValueError(f"appointment {appointment.appointment_id} has no customer email")
    message = EmailMessage()
    message["Subject"] = subject
    message["To"] = formataddr((appointment.customer_name or "", appointment.customer_email))
    if sender:
        message["From"] = sender
    if business.email:
        message["Reply-To"] = formataddr((business.name, business.email))
    greeting = f"Hi {appointment.customer_name}," if appointment.customer_name else "Hello,"
    message.set_content("\n\n".join([greeting, *lines, business.name]) + "\n")
    message.add_attachment(ics, maintype="text", subtype="calendar", filename="invite.ics",
                           params={"method": method, "charset": "utf-8"})
    return message


# --- sending ---------------------------------------------------------------------------------

class SmtpMailer:
    """Sends email through one SMTP server (a new connection per message)."""

    def __init__(self, settings: SmtpSettings, *, ssl_context: ssl.SSLContext | None = None) -> None:
        """Args:
            settings: the SMTP section (``FRONTDESK_SMTP__*``): host, port, security,
                username/password, from address, timeout.
            ssl_context: for STARTTLS and TLS; the system's trusted CAs when None
                (``SSL_CERT_FILE`` adds a private one).

        Raises:
            ValueError: no host or no from address.
        """
        if not settings.configured:
            raise ValueError("SMTP is not configured: set FRONTDESK_SMTP__HOST and "
                             "FRONTDESK_SMTP__FROM_ADDRESS")
        self._settings = settings
        self._ssl = ssl_context
        self._domain = parseaddr(settings.from_address or "")[1].rpartition("@")[2] or None

    async def send(self, message: EmailMessage) -> None:
        """Send ``message`` to its To, Cc and Bcc recipients.

        A missing From is the configured ``from_address``; a missing Date and Message-ID are
        added. Bcc is not transmitted in the headers.

        Raises:
            DeliveryError: not sent. ``retryable`` for refused or dropped connections,
                timeouts and 4xx replies; not for 5xx replies (an unknown mailbox, a rejected
                login), a missing STARTTLS, a certificate that does not verify, or a message
                without a valid recipient.
        """
        if not isinstance(message, EmailMessage):
            raise DeliveryError(f"expected an email.message.EmailMessage, got "
                                f"{type(message).__name__}", retryable=False)
        recipients = [address for _, address in getaddresses(
            [str(v) for field in ("To", "Cc", "Bcc") for v in message.get_all(field, [])])]
        if not recipients or not all(_is_address(a) for a in recipients):
            raise DeliveryError(f"an email needs valid recipients, got {recipients!r}",
                                retryable=False)
        if "From" not in message:
            message["From"] = self._settings.from_address
        if "Date" not in message:
            message["Date"] = format_datetime(datetime.now(UTC))
        if "Message-ID" not in message:
            message["Message-ID"] = make_msgid(domain=self._domain)
        await asyncio.to_thread(self._send, message, recipients)
        log.info("email sent", extra={"message_id": message["Message-ID"],
                                      **personal(to=recipients)})

    def _send(self, message: EmailMessage, recipients: list[str]) -> None:
        settings = self._settings
        where = f"{settings.host}:{settings.port}"
        try:
            with self._connect() as smtp:
                if settings.security == "starttls":
                    smtp.starttls(context=self._context())
                if settings.username:
                    smtp.login(settings.username, settings.password or "")
                del message["Bcc"]
                refused = smtp.send_message(message, to_addrs=recipients)
        except smtplib.SMTPRecipientsRefused as exc:
            codes = [code for code, _ in exc.recipients.values()]
            raise DeliveryError(f"{where} refused every recipient: {_replies(exc.recipients)}",
                                retryable=all(400 <= c < 500 for c in codes),
                                status_code=max(codes)) from exc
        except smtplib.SMTPNotSupportedError as exc:
            raise DeliveryError(f"{where}: {exc} (check FRONTDESK_SMTP__SECURITY and the login)",
                                retryable=False) from exc
        except smtplib.SMTPResponseException as exc:  # refused sender, data, login, greeting
            reply = exc.smtp_error.decode(errors="replace") if isinstance(exc.smtp_error, bytes) \
                else str(exc.smtp_error)
            raise DeliveryError(f"{where} answered {exc.smtp_code}: {reply}",
                                retryable=400 <= exc.smtp_code < 500,
                                status_code=exc.smtp_code) from exc
        except ssl.SSLCertVerificationError as exc:
            raise DeliveryError(f"{where}'s certificate does not verify: {exc.verify_message}",
                                retryable=False) from exc
        except smtplib.SMTPServerDisconnected as exc:
            raise DeliveryError(f"{where} closed the connection: {exc}", retryable=True) from exc
        except TimeoutError as exc:
            raise DeliveryError(f"{where} did not answer within {settings.timeout_s} s",
                                retryable=True) from exc
        except (smtplib.SMTPException, OSError) as exc:  # refused, unreachable, TLS failure
            raise DeliveryError(f"{where} is unreachable: {type(exc).__name__}: {exc}",
                                retryable=True) from exc
        if refused:
            log.warning("some email recipients were refused",
                        extra={"refused": len(refused), **personal(refused=_replies(refused))})

    def _connect(self) -> smtplib.SMTP:
        settings = self._settings
        host, timeout = settings.host or "", settings.timeout_s
        if settings.security == "tls":
            return smtplib.SMTP_SSL(host, settings.port, timeout=timeout, context=self._context())
        return smtplib.SMTP(host, settings.port, timeout=timeout)

    def _context(self) -> ssl.SSLContext:
        return self._ssl or ssl.create_default_context()


def _is_address(address: str) -> bool:
    try:
        parsed = Address(addr_spec=address)
    except (ValueError, IndexError, HeaderParseError):
        return False
    return bool(parsed.username and parsed.domain)


def _replies(refused: dict[str, tuple[int, bytes]]) -> str:
    return "; ".join(f"{code} {reply.decode(errors='replace')}" for code, reply in refused.values())


