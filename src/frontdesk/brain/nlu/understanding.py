"""What one caller message says (:class:`Understanding`), and whether it answers what the agent
asked (:func:`answers`).

The reading itself is :mod:`~frontdesk.brain.nlu.read` (one clause) and
:mod:`~frontdesk.brain.nlu.understand` (a whole message, with its asides); the brain's agents
read only this type.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, time

from frontdesk.brain.nlu import clock
from frontdesk.brain.nlu import entities as ex
from frontdesk.brain.nlu.classifier import Prediction
from frontdesk.brain.nlu.pauses import without_pauses


@dataclass(slots=True)
class Understanding:
    """What one message says."""

    text: str
    intent: str
    confidence: float
    affirm: bool = False
    deny: bool = False
    is_question: bool = False
    name: str | None = None
    phone: str | None = None
    email: str | None = None
    date: date | None = None
    time: time | None = None
    time_of_day: str | None = None
    window: clock.TimeWindow | None = None
    """A span of the day the caller asked for ("after work", "before lunch", "after 3")."""
    services: list[str] = field(default_factory=list)
    service_count: int | None = None
    """How many things the caller wants done ("could you do both?", "a couple of things")."""
    dropped_services: list[str] = field(default_factory=list)
    """Services taken off the visit ("skip the rotation")."""
    unoffered: list[str] = field(default_factory=list)
    """Kinds of work the caller named that the business does not list ("a wheel alignment")."""
    appointment_type: str | None = None
    vehicle: ex.VehicleMention | None = None
    about: str | None = None
    """The car on the lot a question points back at ("I saw a red RAV4 on your site. Is it
    still there?" → "red Toyota RAV4"), named in an earlier clause or turn."""
    budget: tuple[int | None, int] | None = None
    timeline: tuple[float, str] | None = None
    location: tuple[str, bool] | None = None
    financing: str | None = None
    motivation: str | None = None
    lead_intent: str | None = None
    flags: set[str] = field(default_factory=set)
    """Raw intent patterns that matched (e.g. ``question``, ``price_question``)."""
    act: Prediction | None = None
    """The act classifier's reading of this text."""
    acts: list[Understanding] = field(default_factory=list)
    """Asides to handle before this message's main act (questions, "are you there?"), each a
    reading of its own clause; empty for a message that does one thing."""
    call_after: str | None = None
    """A call back asked beside a booking, about something else ("… tuesday at four, and can
    somebody from sales call me about that red RAV4?"): set up once the booking is made."""
    visit_after: str | None = None
    """The words of a second visit asked beside this one ("… and then separately the truck's
    brakes, Tuesday at noon"): read back once this one is booked."""

    @property
    def has_booking_facts(self) -> bool:
        return bool(self.date or self.time or self.time_of_day or self.window or self.services
                    or self.appointment_type)

    @property
    def has_lead_facts(self) -> bool:
        return bool(self.budget or self.timeline or self.location or self.financing
                    or self.lead_intent or self.motivation)

    @property
    def has_contact_facts(self) -> bool:
        return bool(self.name or self.phone or self.email)


_YES_NO = {"confirm_booking", "offer_appointment", "offer_callback", "anything_else",
           "permission", "pick_alternative"}
KEEP_IT = re.compile(r"\b(?:keep (?:it|that|the|my)|leave (?:it|that)|never ?mind|"
                      r"(?:don'?t|do not) (?:cancel|move|change)|i'?ll keep)\b")
"""An answer to "shall I cancel / move it?" that keeps the appointment."""


def answers(awaiting: str, u: Understanding) -> bool:
    """Does this message answer what the agent asked for?"""
    timeish = bool(u.date or u.time or u.time_of_day or u.window)
    checks = {
        "name": u.name is not None,
        "phone": u.phone is not None or bool(re.search(r"\d{3}", u.text)),
        "email": u.email is not None,
        "date": timeish,
        "time": timeish,
        "callback_time": timeish,
        "service": bool(u.services),
        "vehicle": u.vehicle is not None,
        "appointment_type": bool(u.appointment_type or u.services or u.vehicle),
        "intent": u.lead_intent is not None,
        "budget": u.budget is not None or u.deny,
        "timeline": u.timeline is not None or timeish,
        "location": u.location is not None,
        "financing": u.financing is not None or u.affirm or u.deny,
        "motivation": (u.motivation is not None or u.deny or not u.is_question),
    }
    if awaiting in checks:
        return checks[awaiting] or (u.has_lead_facts and awaiting in {
            "intent", "budget", "timeline", "location", "financing", "motivation"})
    if awaiting == "offer_callback":
        # "okay, fine. we're looking in Georgetown…" moves on; it does not accept a callback
        moved_on = u.has_lead_facts or u.has_booking_facts or u.vehicle is not None or (
            u.is_question and bool(u.services or {"faq_topic", "price_question"} & u.flags))
        # ("roger that. how much is a state inspection?" asks on; it takes no callback)
        when = timeish and not (u.services or u.appointment_type or u.vehicle or u.has_lead_facts
                                or "book" in u.flags)  # "mornings before 10 are best": yes, and when
        return ((u.affirm or u.deny) and not moved_on) or u.phone is not None or when
    if awaiting == "permission":
        return u.affirm or u.deny  # "try me tomorrow afternoon" asks for a callback
    if awaiting == "which_appointment":
        return timeish or bool(u.services or u.appointment_type or u.deny or re.search(
            r"\b(?:first|second|earlier|later|last|other|former|latter|both|either)\b",
            without_pauses(u.text.lower())))
    if awaiting == "move_or_cancel":
        return u.deny or timeish or bool(KEEP_IT.search(u.text.lower()))
    if awaiting == "confirm_change":
        return u.affirm or u.deny or timeish or bool(KEEP_IT.search(u.text.lower()))
    if awaiting == "anything_else" and (u.has_lead_facts or u.date or u.time or u.window
                                        or u.vehicle or u.appointment_type):
        return False  # "okay, great — we're looking in Pflugerville…" is a new request
    if awaiting in _YES_NO:
        return u.affirm or u.deny or timeish or bool(u.services) or (
            awaiting == "pick_alternative" and bool(re.search(
                # (not "my wife's got the other car", "first time buying", "last night")
                r"\b(?:first(?! time)|second|earlier|later|last(?! night| week| time| year| month)|"
                r"other(?= one| time| slot| option|\W*$)|former|latter|1st|2nd|soonest|earliest|"
                r"whichever|(?:number|option|choice) (?:one|two|three|\d))\b",
                without_pauses(u.text.lower()))))
    return False
