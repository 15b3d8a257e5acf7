"""Router: picks the agent for a caller message from its intent and what the agent awaits.

Priority: do-not-call and "a person please" always win; an answer to the question just asked
goes to the agent that asked it; otherwise the intent decides. A refusal of an offer ("no
thanks" to "anything else?") is a "no", not an objection.
"""

from __future__ import annotations

import re

from frontdesk.brain.agents import qualification, scheduling
from frontdesk.brain.nlu import Understanding
from frontdesk.brain.state import AgentName, ConversationState
from frontdesk.knowledge.profile import BusinessProfile

_YES_NO = {"confirm_booking", "offer_appointment", "offer_callback", "anything_else",
           "permission", "pick_alternative"}


def answers(awaiting: str, u: Understanding) -> bool:
    """Does this message answer what the agent asked for?"""
    timeish = bool(u.date or u.time or u.time_of_day)
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
    if awaiting in _YES_NO:
        return u.affirm or u.deny or timeish or bool(u.services) or (
            awaiting == "pick_alternative" and bool(re.search(
                r"\b(?:first|second|earlier|later|last|other|former|latter)\b", u.text.lower())))
    return False


def route(s: ConversationState, u: Understanding, profile: BusinessProfile) -> AgentName:
    intent = u.intent
    if intent == "do_not_call":
        return "objection"
    if intent == "escalation":
        return "escalation"
    owner = s.awaiting_agent
    if intent.startswith("objection_"):
        if (intent == "objection_not_interested" and s.awaiting in _YES_NO
                and s.awaiting != "permission" and owner not in (None, "objection")):
            u.intent, u.deny, u.affirm = "deny", True, False
            return owner  # "no thanks" to an offer
        return "objection"
    if s.awaiting and owner:
        if u.is_question and intent == "faq" and not (
                s.awaiting in {"confirm_booking", "pick_alternative"} and answers(s.awaiting, u)):
            return "faq"
        if answers(s.awaiting, u):
            return owner
    if intent == "book":
        wants_lead_talk = (profile.kind == "real_estate" and s.lead.qualified is None
                           and not (u.appointment_type or s.booking_slots.appointment_type)
                           and (u.lead_intent or s.lead.intent) in {"buy", "both"})
        return "qualification" if wants_lead_talk else "scheduling"
    if intent == "faq":
        return "faq"
    if intent == "lead":
        return "qualification" if profile.kind == "real_estate" else "scheduling"
    if intent in {"goodbye", "greeting"}:
        return "greeting"
    if intent == "provide_info":
        if profile.kind == "real_estate" and u.has_lead_facts and not scheduling.resume_prompt(s):
            return "qualification"
        if u.has_booking_facts or u.vehicle:
            return "scheduling"
        if scheduling.resume_prompt(s):
            return "scheduling"
        if qualification.in_progress(s):
            return "qualification"
        return owner or "greeting"
    if intent in {"affirm", "deny"}:
        return owner or "greeting"
    return owner or "greeting"
