"""Turns one caller message into an intent with a confidence and every entity found in it.

Rules come from ``lexicon.yaml``; fuzzy matching (rapidfuzz) tolerates speech-recognition slips.
The intent is chosen by priority — a caller asking to be taken off the list or for a person is
never mistaken for a booking — and what the agent is waiting for (``awaiting``) biases the
reading of short answers ("Tuesday", "yes", "Tom").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, time

from rapidfuzz import fuzz

from frontdesk.brain.nlu import entities as ex
from frontdesk.brain.nlu.lexicon import lexicon
from frontdesk.knowledge.profile import BusinessProfile


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
    services: list[str] = field(default_factory=list)
    appointment_type: str | None = None
    vehicle: ex.VehicleMention | None = None
    budget: tuple[int | None, int] | None = None
    timeline: tuple[float, str] | None = None
    location: tuple[str, bool] | None = None
    financing: str | None = None
    motivation: str | None = None
    lead_intent: str | None = None
    flags: set[str] = field(default_factory=set)
    """Raw intent patterns that matched (e.g. ``question``, ``price_question``)."""

    @property
    def has_booking_facts(self) -> bool:
        return bool(self.date or self.time or self.time_of_day or self.services
                    or self.appointment_type)

    @property
    def has_lead_facts(self) -> bool:
        return bool(self.budget or self.timeline or self.location or self.financing
                    or self.lead_intent or self.motivation)

    @property
    def has_contact_facts(self) -> bool:
        return bool(self.name or self.phone or self.email)


# Highest priority first: the first that matches wins.
_PRIORITY = (
    "do_not_call",
    "escalation",
    "objection_busy",
    "objection_have_agent",
    "objection_price",
    "objection_not_interested",
)


def _fuzzy_flags(text: str) -> set[str]:
    """Catch the most important phrases despite recognition slips ("speek to a manger")."""
    flags: set[str] = set()
    probes = {
        "escalation": ["speak to a manager", "talk to a real person", "speak to a human",
                       "talk to someone"],
        "do_not_call": ["take me off your list", "stop calling me", "do not call me again"],
    }
    for intent, phrases in probes.items():
        if any(fuzz.partial_ratio(p, text) >= 90 for p in phrases if len(text) >= len(p) - 2):
            flags.add(intent)
    return flags


def understand(
    text: str,
    profile: BusinessProfile,
    today: date,
    awaiting: str | None = None,
) -> Understanding:
    """Read one caller message.

    Args:
        text: What the caller said or typed.
        profile: The business, for its services, areas and inventory.
        today: The business's local date, to resolve "Tuesday" and "tomorrow".
        awaiting: What the agent last asked for, if anything.
    """
    lex = lexicon()
    u = ex.normalise(text)
    flags = {name for name, pattern in lex.intents.items() if pattern.search(u.lower)}
    flags |= _fuzzy_flags(u.lower)
    if u.raw.endswith("?"):
        flags.add("question")

    result = Understanding(text=u.raw, intent="unknown", confidence=0.3)
    result.flags = flags
    result.is_question = "question" in flags
    # "sorry, yes" / "oh, wait, that works": fillers before the answer do not change it
    answer = _LEAD_FILLER.sub("", u.lower)
    result.affirm = bool(lex.yes.match(answer)) and not lex.no.match(answer)
    result.deny = bool(lex.no.match(answer))
    result.phone = ex.extract_phone(u)
    result.email = ex.extract_email(u)
    result.name = ex.extract_name(u, expecting=awaiting == "name")
    result.date = ex.extract_date(u, today)
    result.time = None if result.phone and awaiting == "phone" else ex.extract_time(u)
    result.time_of_day = ex.extract_time_of_day(u)
    result.services = ex.extract_services(u, profile)
    result.appointment_type = ex.extract_appointment_type(u, profile)
    result.vehicle = ex.extract_vehicle(u, profile)
    if profile.kind == "real_estate":
        result.budget = ex.extract_budget(u, expecting=awaiting == "budget")
        result.timeline = ex.extract_timeline(u, today)
        result.location = ex.extract_location(u, profile)
        result.financing = ex.extract_financing(u)
        result.motivation = ex.extract_motivation(u, expecting=awaiting == "motivation")
        result.lead_intent = ex.extract_lead_intent(u)
    if awaiting in {"time", "pick_alternative", "callback_time"} and result.time is None:
        bare = re.fullmatch(r"(?:at |around |maybe )?(\d{1,2})(?::(\d{2}))?", u.numeric.strip(" .?!"))
        if bare:
            result.time = ex.extract_time(ex.normalise(f"at {bare.group(0)}"))

    if result.is_question and result.affirm and _SMALL_TALK.search(u.lower):
        result.is_question = False
    if (result.is_question and (result.date or result.time)
            and re.match(r"(?:how|what) about\b", u.lower)):
        result.is_question = False  # "how about Wednesday at 2?" proposes a time, asks nothing
    result.intent, result.confidence = _classify(result, flags, awaiting)
    return result


_LEAD_FILLER = re.compile(r"^(?:(?:sorry(?: to (?:cut you off|interrupt))?|oh|um+|uh+|er|well|so|"
                          r"wait|hold on|hmm+|ah|okay so)[,.!\s]+)+")
_SMALL_TALK = re.compile(r"\b(?:what'?s up|what is it|what'?s this about|go ahead)\b")
"""Asks nothing of the business: "sure, what's up?" is a yes."""


def _classify(r: Understanding, flags: set[str], awaiting: str | None) -> tuple[str, float]:
    for intent in _PRIORITY:
        if intent in flags:
            if intent == "objection_not_interested" and (r.has_booking_facts or r.has_lead_facts):
                continue  # "not right now, maybe Tuesday" is a booking, not a refusal
            if intent == "objection_busy" and awaiting == "callback_time":
                continue
            return intent, 0.9
    is_price = "price_question" in flags and (bool(r.services) or "how much" in r.text.lower())
    if "book" in flags or (r.appointment_type and not r.is_question):
        return "book", 0.9
    if r.services and (r.date or r.time) and not is_price:
        return "book", 0.85
    if is_price:
        return "faq", 0.9
    if r.is_question or "inventory_question" in flags:
        return "faq", 0.8
    if r.lead_intent in {"buy", "sell", "both"}:
        return "lead", 0.85
    if "goodbye" in flags and not r.has_booking_facts:
        return "goodbye", 0.85
    if r.affirm:
        return "affirm", 0.9
    if r.deny:
        return "deny", 0.9
    if r.has_booking_facts or r.has_lead_facts or r.has_contact_facts or r.vehicle:
        return "provide_info", 0.8
    if "greeting" in flags or "thanks" in flags:
        return "greeting", 0.8
    if awaiting == "motivation" and r.motivation:
        return "provide_info", 0.7
    return "unknown", 0.3
