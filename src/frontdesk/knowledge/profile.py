"""Business profiles: the facts a business gives its agent, as validated data.

A profile is plain data (YAML on disk, rows in the database once seeded) describing hours,
services, appointment types, inventory, FAQ, service areas, staff and reply wording. The brain
reads facts only from here, so a reply can never state a fact the business did not give.
"""

from __future__ import annotations

import datetime as dt
import re
import string
from datetime import date, datetime, time
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, Field, field_validator, model_validator

from frontdesk.knowledge.holidays import FEDERAL, HOLIDAYS

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_RANGE = re.compile(r"^(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})$")


class OpeningHours(BaseModel):
    """Opening hours of one department: weekday key → (open, close), absent when closed."""

    days: dict[str, tuple[time, time]]

    @classmethod
    def parse(cls, raw: dict[str, str]) -> OpeningHours:
        days: dict[str, tuple[time, time]] = {}
        for day, spec in raw.items():
            if day not in WEEKDAYS:
                raise ValueError(f"unknown weekday {day!r}; use {', '.join(WEEKDAYS)}")
            if str(spec).strip().lower() == "closed":
                continue
            match = _RANGE.match(str(spec).strip())
            if not match:
                raise ValueError(f"hours for {day} must look like '07:30-18:00' or 'closed'")
            h1, m1, h2, m2 = (int(g) for g in match.groups())
            opens, closes = time(h1, m1), time(h2, m2)
            if closes <= opens:
                raise ValueError(f"hours for {day}: closing time must be after opening time")
            days[day] = (opens, closes)
        return cls(days=days)

    def for_weekday(self, weekday: int) -> tuple[time, time] | None:
        """Hours for ``date.weekday()`` (Monday is 0), or None when closed."""
        return self.days.get(WEEKDAYS[weekday])

    def is_open(self, local: datetime) -> bool:
        """Whether the naive local time ``local`` is inside these hours."""
        span = self.for_weekday(local.weekday())
        return span is not None and span[0] <= local.time() < span[1]


class Department(BaseModel):
    key: str
    label: str
    hours: OpeningHours
    capacity: int = Field(default=1, ge=1)
    """How many appointments of this department can overlap (service bays, agents)."""

    @field_validator("hours", mode="before")
    @classmethod
    def _hours(cls, value: object) -> object:
        return OpeningHours.parse(value) if isinstance(value, dict) and "days" not in value else value


ANY_DEPARTMENT = "any"
"""A staff member who takes every kind of caller."""
_E164 = re.compile(r"^\+[1-9][0-9]{6,14}$")


class StaffMember(BaseModel):
    """One person on the business's roster: what they handle, how to reach them, when.

    A plain string in a profile is a member with just a name (older profiles list names).
    """

    name: str = Field(min_length=1, max_length=100)
    handles: list[str] = [ANY_DEPARTMENT]
    """Department keys of the profile this person takes callers for, or ``any``."""
    phone: str | None = None
    """Where a transfer rings them (E.164); the business's ``human_transfer_number`` when unset."""
    email: str | None = None
    hours: OpeningHours | None = None
    """On-duty hours by weekday; unset: the opening hours of the departments they handle."""

    @model_validator(mode="before")
    @classmethod
    def _from_name(cls, value: object) -> object:
        return {"name": value} if isinstance(value, str) else value

    @field_validator("hours", mode="before")
    @classmethod
    def _hours(cls, value: object) -> object:
        return OpeningHours.parse(value) if isinstance(value, dict) and "days" not in value else value

    @field_validator("phone")
    @classmethod
    def _e164(cls, value: str | None) -> str | None:
        if value is not None and not _E164.match(value):
            raise ValueError(f"staff phone {value!r} must be E.164, e.g. +15125550123")
        return value

    def takes(self, department: str | None) -> bool:
        """Whether this person takes callers for ``department`` (None: any caller)."""
        return department is None or ANY_DEPARTMENT in self.handles or department in self.handles

    def duty_hours(self, departments: dict[str, Department]) -> OpeningHours:
        """Their own hours, else each day from the earliest opening to the latest closing of
        the departments they handle."""
        if self.hours is not None:
            return self.hours
        days: dict[str, tuple[time, time]] = {}
        for key, department in departments.items():
            if not self.takes(key):
                continue
            for day, (opens, closes) in department.hours.days.items():
                known = days.get(day)
                days[day] = (min(opens, known[0]), max(closes, known[1])) if known else (opens, closes)
        return OpeningHours(days={d: days[d] for d in WEEKDAYS if d in days})

    def on_duty(self, departments: dict[str, Department], local: datetime) -> bool:
        """Whether ``local`` (the business's naive local time) is inside their hours."""
        return self.duty_hours(departments).is_open(local)


class AskFrame(BaseModel):
    """A request made of a verb and its object, in the caller's order and inflection: the verbs
    ("see", "walk through", "test drive") and the things they are done to ("house", "bungalow";
    ``vehicle`` stands for any make, model or kind of car). """

    verbs: list[str] = Field(min_length=1)
    objects: list[str] = Field(min_length=1)
    owner: Literal["business", "caller"] = "business"
    """Whose thing it is: the business's ("the", "your", "it") or the caller's ("my", "our")."""


class AppointmentType(BaseModel):
    key: str
    label: str
    department: str
    duration_min: int | None = Field(default=None, ge=5)
    """Fixed duration; None when the chosen service decides it."""
    needs_service: bool = False
    needs_vehicle: bool = False
    synonyms: list[str] = []
    frames: list[AskFrame] = []
    """Verb-and-object frames that ask for this visit in any word order ("see the four-bedroom
    you have listed", "a bungalow on your site we'd love to walk through")."""
    about: str | None = None
    """What happens at the visit, said when a caller asks ("what do they actually do when they
    come out?", "what does the consultation involve?")."""
    cost: str | None = None
    """What the visit itself costs, said when a caller asks ("is the consultation thing free?",
    "what do y'all charge to tell me what my house is worth?"); None: the services booked decide."""
    bring: str | None = None
    """What to bring to the visit, said when a caller asks ("do I need to bring anything, like the
    insurance card?"); None: what happens there (``about``) is said instead."""


class Service(BaseModel):
    key: str
    name: str = Field(min_length=1)
    duration_min: int = Field(ge=5)
    price_min: float = Field(ge=0)
    price_max: float = Field(ge=0)
    synonyms: list[str] = []
    only_alone: bool = False
    """Named only when no other service is (a diagnostic check for a symptom: "a clunk from the
    brakes" is the brake inspection)."""

    @model_validator(mode="after")
    def _prices(self) -> Service:
        if self.price_max < self.price_min:
            raise ValueError(f"service {self.key}: price_max < price_min")
        return self


class Vehicle(BaseModel):
    stock_number: str
    year: int
    make: str
    model: str
    color: str = ""
    price: float = 0
    is_new: bool = True
    is_available: bool = True
    body: str = ""
    """sedan, suv, truck, wagon… — what callers ask for when they don't name a model."""

    @property
    def label(self) -> str:
        return f"{self.year} {self.make} {self.model}"


class FaqEntry(BaseModel):
    key: str
    category: str = "general"
    question: str = Field(min_length=1)
    answer: str = Field(min_length=1)
    """Said word for word: an empty one would be silence."""
    keywords: list[str] = []


class ObjectionPlay(BaseModel):
    """How to answer one kind of objection; ``ends`` closes the conversation politely."""

    key: str
    reply: str = Field(min_length=1)
    retry_reply: str | None = None
    ends: bool = False


class QualificationPolicy(BaseModel):
    """Weights of each qualification factor (normalised over the factors that apply), and the
    hard criteria: a lead that fails one is never qualified or booked, whatever its score."""

    in_area_required: bool = True
    """A place outside ``service_areas`` fails the lead."""
    min_budget: int | None = None
    """A stated maximum budget under this fails a buyer (dollars)."""

    weights: dict[str, float] = {
        "intent": 0.15,
        "budget": 0.2,
        "timeline": 0.2,
        "location": 0.15,
        "financing": 0.2,
        "motivation": 0.1,
    }


FOLLOW_UP_EVENTS = ("appointment_booked", "appointment_cancelled", "appointment_moved",
                    "appointment_changed", "callback_requested", "escalation", "lead_qualified")
"""What staff can be told about, and what webhooks can subscribe to."""
FollowUpEvent = Literal["appointment_booked", "appointment_cancelled", "appointment_moved",
                        "appointment_changed", "callback_requested", "escalation", "lead_qualified"]


class ReminderPolicy(BaseModel):
    """Appointment reminders to the customer: by SMS (Twilio Messaging, when configured and
    the number has not texted STOP) and by email with a calendar invitation (SMTP, when the
    customer gave an email)."""

    hours_before: list[float] = [24.0, 2.0]
    """One reminder at each of these lead times; one already past when the booking is made is
    not sent."""
    sms: bool = True
    email: bool = True


class StaffRoute(BaseModel):
    """Who on staff hears of which events, and how."""

    events: list[FollowUpEvent] = list(FOLLOW_UP_EVENTS)
    email: str | None = None
    sms: str | None = None
    """E.164."""


class WebhookTarget(BaseModel):
    """An outgoing webhook: signed (HMAC-SHA256 over timestamp and body) with the secret in
    the environment variable ``secret_env`` (secrets do not belong in profile files)."""

    url: str = Field(pattern=r"^https?://")
    events: list[FollowUpEvent] = list(FOLLOW_UP_EVENTS)
    secret_env: str


class FollowUpPolicy(BaseModel):
    """What happens after a call: reminders, staff alerts, webhooks, callback calls."""

    reminders: ReminderPolicy = ReminderPolicy()
    staff: list[StaffRoute] = []
    webhooks: list[WebhookTarget] = []
    call_back: bool = True
    """Callback requests are called back by the agent itself at their due time (within
    calling hours, unless the number is on the do-not-call list) when outbound calling is
    configured; staff are told either way."""


class RecordingPolicy(BaseModel):
    """Call recording: off unless the business turns it on. When on, the agent says a
    disclosure (the ``recording_disclosure`` reply) before its greeting on the channels that
    are recorded, and both sides of those calls are kept for ``retention_days``."""

    enabled: bool = False
    retention_days: int = Field(default=30, ge=1, le=3650)
    """Recordings of calls that started longer ago than this are deleted (daily)."""
    channels: list[Literal["phone", "web"]] = ["phone", "web"]
    """The channels whose calls are recorded (and hear the disclosure)."""

    def records(self, channel: str) -> bool:
        """Calls on ``channel`` are recorded (and so disclosed)."""
        return self.enabled and channel in self.channels


GREETING_PLACEHOLDERS: dict[str, frozenset[str]] = {
    "greeting_inbound": frozenset({"business", "agent"}),
    "greeting_outbound": frozenset({"business", "agent", "name_part"}),
    "greeting_callback": frozenset({"business", "agent", "name_part"}),
}
"""What each greeting may say in braces (the agent fills them in): an unknown one would fail
the first line of every call."""


def template_placeholders(template: str) -> set[str]:
    """The ``{names}`` a reply template uses; ValueError for a broken one (a stray brace, or
    anything but a plain name inside braces)."""
    try:
        fields = [name for _, name, _, _ in string.Formatter().parse(template) if name is not None]
    except ValueError as exc:
        raise ValueError(f"{exc} (write {{{{ or }}}} for a literal brace)") from None
    for name in fields:
        if not name.isidentifier():
            raise ValueError(f"{{{name}}} is not a placeholder; use a plain name like {{agent}}")
    return set(fields)


class Closure(BaseModel):
    """A day the business is closed, or keeps short hours: a date, or a holiday by rule.

    ``holiday`` names a rule of :mod:`frontdesk.knowledge.holidays` (``thanksgiving``,
    ``christmas_eve``, ``us_federal`` for all eleven federal holidays), so the calendar stays
    right every year; ``date`` is one day (a staff party, an inventory day). With ``hours``
    ("08:00-12:00") the day is open short, otherwise closed; ``departments`` limits it to some.
    """

    holiday: str | None = None
    date: dt.date | None = None
    label: str | None = None
    """How to name the day to a caller; defaults to the holiday's name."""
    hours: str | None = None
    departments: list[str] = []
    """Empty: every department."""

    @model_validator(mode="after")
    def _one_day(self) -> Closure:
        if (self.holiday is None) == (self.date is None):
            raise ValueError("a closure needs exactly one of holiday or date")
        if self.holiday is not None and self.holiday != "us_federal" and self.holiday not in HOLIDAYS:
            raise ValueError(f"unknown holiday {self.holiday!r}; use us_federal or one of "
                             f"{', '.join(HOLIDAYS)}")
        if self.hours is not None:
            OpeningHours.parse({"mon": self.hours})  # same form as opening hours
        return self

    def on(self, day: date) -> str | None:
        """The name of the day when this closure falls on ``day`` (None when it does not)."""
        if self.date is not None:
            return (self.label or f"{day:%A, %B} {day.day}") if day == self.date else None
        keys = FEDERAL if self.holiday == "us_federal" else (self.holiday or "",)
        for key in keys:
            if HOLIDAYS[key].on(day.year) == day:
                return self.label or HOLIDAYS[key].name
        return None

    @property
    def name(self) -> str:
        """The day as a caller would hear it ("Christmas Eve", "US federal holidays")."""
        if self.label:
            return self.label
        if self.date is not None:
            return f"{self.date:%A, %B} {self.date.day}, {self.date.year}"
        return "US federal holidays" if self.holiday == "us_federal" else HOLIDAYS[self.holiday or ""].name

    @property
    def short_hours(self) -> tuple[time, time] | None:
        return OpeningHours.parse({"mon": self.hours}).days["mon"] if self.hours else None


class BusinessProfile(BaseModel):
    """Everything the agent knows about one business."""

    key: str
    name: str
    kind: Literal["dealership", "real_estate"]
    address: str = ""
    phone: str = ""
    timezone: str = "America/Chicago"
    agent_name: str = "Ava"
    human_transfer_number: str = ""
    staff: list[StaffMember] = [StaffMember(name="Sarah")]
    """The roster: who takes callers who ask for a person (names alone are valid)."""
    slot_minutes: int = Field(default=30, ge=5)
    min_notice_min: int = Field(default=60, ge=0)
    """Earliest bookable start is now plus this notice."""
    max_days_ahead: int = Field(default=90, ge=1)
    """The furthest ahead the agent books (a listing appointment two months out is common)."""
    departments: dict[str, Department]
    appointment_types: list[AppointmentType]
    services: list[Service] = []
    inventory: list[Vehicle] = []
    faq: list[FaqEntry] = []
    service_areas: list[str] = []
    nearby_areas: list[str] = []
    """Places callers mention that are outside the service area (so we can say so)."""
    area_aliases: dict[str, str] = {}
    """Other names callers use for an area above: short forms ("RR", "Pflug") and
    neighbourhoods ("the Domain" → Austin)."""
    objections: dict[str, ObjectionPlay] = {}
    qualification: QualificationPolicy = QualificationPolicy()
    replies: dict[str, str] = {}
    """Overrides of the shared reply templates (greetings above all)."""
    outbound_reason: str = "I'm following up on your recent inquiry"
    """Why the agent calls, said when an outbound callee asks "what's this about?"."""
    due_service: str | None = None
    """The service an outbound "may be due for service" call is about (a service key): "can you
    do the tires too?" on that call means this service and the tires."""
    lead_source: str = "you contacted us recently"
    """How the business got the callee's number, said when asked on an outbound call."""
    email: str = ""
    """The business's own address: the organizer of calendar invitations."""
    follow_up: FollowUpPolicy = FollowUpPolicy()
    recording: RecordingPolicy = RecordingPolicy()
    closures: list[Closure] = []
    """Holidays and other days closed or open short; honoured wherever hours are."""

    @field_validator("departments", "objections", mode="before")
    @classmethod
    def _keys_from_mapping(cls, value: object) -> object:
        """``{service: {...}}`` in YAML → each item also knows its own key."""
        if isinstance(value, dict):
            return {k: {"key": k, **v} if isinstance(v, dict) else v for k, v in value.items()}
        return value

    @field_validator("replies")
    @classmethod
    def _reply_templates(cls, value: dict[str, str]) -> dict[str, str]:
        for key, template in value.items():
            try:
                used = template_placeholders(template)
            except ValueError as exc:
                raise ValueError(f"reply {key}: {exc}") from None
            allowed = GREETING_PLACEHOLDERS.get(key)
            if allowed is not None and used - allowed:
                raise ValueError(f"reply {key}: unknown placeholder(s) "
                                 f"{', '.join('{' + n + '}' for n in sorted(used - allowed))}; "
                                 f"it may use {', '.join('{' + n + '}' for n in sorted(allowed))}")
        return value

    @model_validator(mode="after")
    def _consistent(self) -> BusinessProfile:
        for appt in self.appointment_types:
            if appt.department not in self.departments:
                raise ValueError(f"appointment type {appt.key}: unknown department {appt.department}")
            if appt.duration_min is None and not appt.needs_service:
                raise ValueError(f"appointment type {appt.key} needs duration_min or needs_service")
        names = [m.name.casefold() for m in self.staff]
        if len(set(names)) != len(names):
            raise ValueError("staff names must be unique")
        for member in self.staff:
            unknown = set(member.handles) - set(self.departments) - {ANY_DEPARTMENT}
            if unknown:
                raise ValueError(f"staff {member.name}: unknown department(s) {sorted(unknown)}; "
                                 f"use {', '.join([*self.departments, ANY_DEPARTMENT])}")
        for closure in self.closures:
            if unknown := set(closure.departments) - set(self.departments):
                raise ValueError(f"closure {closure.holiday or closure.date}: unknown department(s) "
                                 f"{sorted(unknown)}")
        if self.due_service is not None and self.service(self.due_service) is None:
            raise ValueError(f"due_service {self.due_service!r} is not one of the services "
                             f"({', '.join(sv.key for sv in self.services)})")
        if self.address and not any(entry.category == "location" for entry in self.faq):
            # "where are you guys at?" is answered from the address even when no FAQ entry says it
            self.faq.append(FaqEntry(
                key="address", category="location", question="Where are you located?",
                answer=f"We're at {self.address}.",
                keywords=["address", "located", "location", "where are you", "where you at",
                          "where are y'all", "directions", "find you", "your office", "how do i get there"]))
        return self

    def closure_on(self, day: date, department: Department | None = None) -> tuple[Closure, str] | None:
        """The closure (and the day's name: "Thanksgiving") that applies on ``day`` to
        ``department`` (to any department when None), if any."""
        for closure in self.closures:
            if department is not None and closure.departments and department.key not in closure.departments:
                continue
            if (name := closure.on(day)) is not None:
                return closure, name
        return None

    def hours_on(self, department: Department, day: date) -> tuple[time, time] | None:
        """The department's hours on ``day``: its weekly hours, unless a closure closes the day
        or shortens it; None when closed."""
        weekly = department.hours.for_weekday(day.weekday())
        found = self.closure_on(day, department)
        if found is None:
            return weekly
        return found[0].short_hours if weekly is not None else None

    @property
    def staff_names(self) -> list[str]:
        """The roster's names, in roster order."""
        return [m.name for m in self.staff]

    def staff_member(self, name: str) -> StaffMember | None:
        """The member called ``name`` (case does not matter), or None."""
        return next((m for m in self.staff if m.name.casefold() == name.casefold()), None)

    def appointment_type(self, key: str | None) -> AppointmentType | None:
        return next((a for a in self.appointment_types if a.key == key), None)

    def service(self, key: str | None) -> Service | None:
        return next((s for s in self.services if s.key == key), None)

    def duration_min(self, appointment_type: str | None, service: str | None) -> int | None:
        """Duration of an appointment: the service's when it has one, else the type's."""
        svc = self.service(service)
        if svc is not None:
            return svc.duration_min
        appt = self.appointment_type(appointment_type)
        return appt.duration_min if appt else None

    def department_for(self, appointment_type: str | None) -> Department | None:
        appt = self.appointment_type(appointment_type)
        return self.departments.get(appt.department) if appt else None


def with_words_of(profile: BusinessProfile, base: BusinessProfile) -> BusinessProfile:
    """``profile`` (as stored: seeded or saved in the console by an older release) with the
    words ``base`` (the YAML profile) asks by: each appointment type's synonyms and frames, and
    each service's synonyms and ``only_alone``, matched by key.

    These are language, not business facts, and the console does not edit them, so a stored
    profile learns a release's new phrasings without a re-seed. A service added in the console
    has no key in ``base`` and keeps its own words."""
    kinds = {kind.key: kind for kind in base.appointment_types}
    services = {service.key: service for service in base.services}
    return profile.model_copy(update={
        "appointment_types": [
            kind.model_copy(update={"synonyms": kinds[kind.key].synonyms,
                                    "frames": kinds[kind.key].frames})
            if kind.key in kinds else kind for kind in profile.appointment_types],
        "services": [
            service.model_copy(update={"synonyms": services[service.key].synonyms,
                                       "only_alone": services[service.key].only_alone})
            if service.key in services else service for service in profile.services],
    })


PROFILES_DIR = Path(__file__).parent / "profiles"


def load_profile_file(path: Path) -> BusinessProfile:
    """Load and validate one profile YAML file; errors name the file."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ValueError(f"cannot read profile {path}: {exc}") from exc
    if not isinstance(raw, dict):
        raise ValueError(f"profile {path} must be a mapping")
    try:
        return BusinessProfile.model_validate(raw)
    except ValueError as exc:
        raise ValueError(f"invalid profile {path}: {exc}") from exc


def load_profiles(extra_dir: Path | None = None) -> dict[str, BusinessProfile]:
    """The shipped demo profiles plus any ``*.yaml`` in ``extra_dir`` (which may override)."""
    files = sorted(PROFILES_DIR.glob("*.yaml"))
    if extra_dir is not None:
        files += sorted(Path(extra_dir).glob("*.yaml"))
    profiles: dict[str, BusinessProfile] = {}
    for path in files:
        profile = load_profile_file(path)
        profiles[profile.key] = profile
    return profiles
