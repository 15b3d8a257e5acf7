"""An appointment as the follow-up channels describe it: plain values, and their wording.

The job handlers fill :class:`AppointmentDetails` and :class:`BusinessContact` from storage
records and the business profile; nothing here reads the database or knows an ORM row.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import phonenumbers


@dataclass(frozen=True, slots=True)
class BusinessContact:
    """Who the appointment is with.

    Attributes:
        name: the business's name, e.g. ``Riverside Motors``.
        timezone: an IANA zone, e.g. ``America/Chicago``; the appointment's times are in it.
        address: where the appointment takes place (the invitation's LOCATION).
        phone: E.164; shown to call about the appointment.
        email: the business's address: the invitation's ORGANIZER and the email's Reply-To.
    """

    name: str
    timezone: str
    address: str = ""
    phone: str = ""
    email: str | None = None

    def __post_init__(self) -> None:
        if not self.name.strip():
            raise ValueError("a business needs a name")
        try:
            ZoneInfo(self.timezone)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {self.timezone!r} (an IANA name such as "
                             "America/Chicago)") from exc
        if self.email is not None and "@" not in self.email:
            raise ValueError(f"the business email must be an email address, got {self.email!r}")

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


@dataclass(frozen=True, slots=True)
class AppointmentDetails:
    """One appointment, in the business's local time.

    Attributes:
        appointment_id: the appointment's id; the invitation's UID is made from it, so every
            invitation for the same appointment updates the same calendar entry.
        service: what it is for, as said to the customer (``oil change``, ``property viewing``).
        day: the local date.
        start: the local start time.
        duration_min: how long it lasts.
        customer_name: the customer's name, if known.
        customer_email: where the email goes (required by the email builders only).
    """

    appointment_id: int
    service: str
    day: date
    start: time
    duration_min: int
    customer_name: str | None = None
    customer_email: str | None = None

    def __post_init__(self) -> None:
        if isinstance(self.appointment_id, bool) or not isinstance(self.appointment_id, int) \
                or self.appointment_id < 1:
            raise ValueError(f"appointment_id must be a positive int, got {self.appointment_id!r}")
        if not self.service.strip():
            raise ValueError("an appointment needs a service label")
        if isinstance(self.day, datetime) or not isinstance(self.day, date):
            raise ValueError(f"day must be a date, got {self.day!r}")
        if not isinstance(self.start, time) or self.start.tzinfo is not None:
            raise ValueError(f"start must be a local time without a zone, got {self.start!r}")
        if isinstance(self.duration_min, bool) or not isinstance(self.duration_min, int) \
                or not 1 <= self.duration_min <= 24 * 60:
            raise ValueError(f"duration_min must be 1-1440 minutes, got {self.duration_min!r}")
        if self.customer_email is not None and "@" not in self.customer_email:
            raise ValueError(f"customer_email must be an email address, got {self.customer_email!r}")

    def starts_at(self, zone: ZoneInfo) -> datetime:
        return datetime.combine(self.day, self.start, tzinfo=zone)

    def ends_at(self, zone: ZoneInfo) -> datetime:
        # Wall-clock arithmetic: a 30-minute visit ends 30 minutes later on the clock.
        return self.starts_at(zone) + timedelta(minutes=self.duration_min)


def spoken_day(day: date) -> str:
    """``Wednesday, November 25``."""
    return f"{day:%A, %B} {day.day}"


def spoken_time(at: time) -> str:
    """``2:00 PM``."""
    return f"{at.hour % 12 or 12}:{at.minute:02d} {'AM' if at.hour < 12 else 'PM'}"


def display_phone(phone: str) -> str:
    """``(512) 555-0100`` for a North American number, ``+44 20 7946 0958`` otherwise; what
    cannot be parsed is shown as given."""
    try:
        number = phonenumbers.parse(phone, None)
    except phonenumbers.NumberParseException:
        return phone
    style = (phonenumbers.PhoneNumberFormat.NATIONAL if number.country_code == 1
             else phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    return phonenumbers.format_number(number, style)
