"""Questions about a visit itself — who the caller will meet, how long it takes, what happens
at it — answered from the profile, about the visit the caller means: the one their message asks
for, the one being booked, or one they already have ("how long is the saturday thing gonna
take?", "what exactly do they do at that appointment?")."""

from __future__ import annotations

import re
from datetime import date, datetime, time

from frontdesk.brain.context import TurnContext
from frontdesk.brain.format import say_duration, say_list, say_on_date
from frontdesk.brain.nlu import entities as ex
from frontdesk.brain.nlu.own_booking import BRING_ASKED, HOW_LONG_VISIT, VISIT_ABOUT
from frontdesk.brain.nlu.text import normalise
from frontdesk.brain.nlu.when import WEEKDAY, weekday_index
from frontdesk.brain.state import Appointment, ConversationState

_WEEKDAY = re.compile(rf"\b({WEEKDAY})s?\b")


def _on_file(s: ConversationState, ctx: TurnContext) -> Appointment | None:
    """The booking the caller has that the question is about: one named by its day ("the
    saturday thing"), else the one chosen or told, else the only one."""
    found = s.desk.found or list(s.on_file or [])
    if not found:
        return None
    said = {weekday_index(d) for d in _WEEKDAY.findall(normalise(ctx.u.text).lower)}
    named = [a for a in found if date.fromisoformat(a.scheduled_date).weekday() in said]
    if len(named) == 1:
        return named[0]
    if s.desk.chosen is not None and (chosen := next((a for a in found if a.id == s.desk.chosen), None)):
        return chosen
    # ("how much time is each one", two showings on file: of one kind, one answer)
    return found[0] if len({(a.appointment_type, a.service_type) for a in found}) == 1 else None


def first_visit(s: ConversationState, ctx: TurnContext) -> str | None:
    """The visit a business starts a lead with, by the side they are on: a seller's listing visit,
    anyone else's consultation (None where the profile has no such visits, or for a renter)."""
    if ctx.profile.kind != "real_estate" or s.lead.intent == "rent":
        return None
    side = s.lead.intent or ctx.u.lead_intent or (ctx.queue[-1].lead_intent if ctx.queue else None)
    kind = ctx.profile.appointment_type("listing_appointment" if side == "sell" else "buyer_consultation")
    return kind.key if kind is not None else None


def the_visit(s: ConversationState, ctx: TurnContext) -> tuple[str | None, date | None, time | None]:
    """The visit a question is about: what the message asks for (the question is answered
    before the rest of it is taken), else the booking under way, else one just booked or on file."""
    u, whole, slots = ctx.u, ctx.queue[-1] if ctx.queue else ctx.u, s.booking_slots
    kind = u.appointment_type or whole.appointment_type or slots.appointment_type or (
        "service" if (whole.services or slots.services) and ctx.profile.appointment_type("service") else None)
    day = u.date or whole.date or (date.fromisoformat(slots.preferred_date) if slots.preferred_date else None)
    at = u.time or whole.time or (time.fromisoformat(slots.preferred_time) if slots.preferred_time else None)
    if kind is None and (had := s.appointment if s.appointment is not None else _on_file(s, ctx)):
        kind = had.appointment_type
        day, at = date.fromisoformat(had.scheduled_date), time.fromisoformat(had.scheduled_time)
    if kind is None and _VISIT_WORD.search(u.text.lower()):
        # "we're looking in Austin … how long does that meeting take?": the first meeting of the
        # caller's side, nothing booked yet
        kind = first_visit(s, ctx) if (s.lead.intent or u.lead_intent or whole.lead_intent) else None
    return kind, day, at


_VISIT_WORD = re.compile(r"\b(?:meeting|meet|consult\w*|consolation|sit ?-?down|appointment|visit|come out|"
                         r"comes out|coming out)\b")
"""Words that point at a visit the caller has not named ("that meeting", "when they come out")."""
_COST_ASKED = re.compile(r"\b(?:how much|cost|costs|costing|charge|charges|charging|fee|fees|free|pay|owe|"
                         r"price|money)\b")
_SALE_COST = re.compile(r"\b(?:commission|percent|percentage|cut|when (?:it|we|i|the (?:house|home|place)) "
                        r"sells?|at closing|closing costs?|proceeds|to sell|when we sell|when i sell|"
                        r"up ?front|list(?:ing)? (?:it|fee)|to list|list (?:a|the|my|our))\b")
"""What selling costs, not the visit: the commission answers it."""
_OF_A_VISIT = re.compile(_VISIT_WORD.pattern + r"|\b(?:valuation|apprais\w*|showing|test drive|"
                         r"come (?:by|over|look|tell|see)|tell (?:me|us) what|worth|"
                         r"look at (?:it|the|our|my)|tour|"
                         r"see (?:a|the|that|this|it|homes?|houses?|inside)|for (?:that|it|this))\b")
"""What a cost is asked of, when it is a visit ("to tell me what my house is worth", "for that")."""
_CLAUSE_END = re.compile(r"[.,?!;]|\band (?:can|could|would|will|do|does|is|are)\b")


def _cost_of_a_visit(text: str) -> bool:
    """A cost asked of the visit itself, in the clause that asks it ("what do y'all charge and can
    somebody come look at it saturday" asks what selling costs, then for a visit)."""
    for asked in _COST_ASKED.finditer(text):
        start = max((m.end() for m in _CLAUSE_END.finditer(text, 0, asked.start())), default=0)
        end = next((m.start() for m in _CLAUSE_END.finditer(text, asked.end())), len(text))
        if _OF_A_VISIT.search(text, start, end):
            return True
    return False


def visit_cost_answer(s: ConversationState, ctx: TurnContext, topic: str | None = None) -> bool:
    """"Is that consultation thing free?", "what do y'all charge to tell me what my house is
    worth?", "if somebody comes out to look at the house first, is there a charge for that?":
    what the visit itself costs, from the profile — not what selling costs. ``topic``: the one
    just talked about ("visit:buyer_consultation"), which "it" may point at."""
    text = ctx.u.text.lower()
    whole = ctx.queue[-1] if ctx.queue else ctx.u
    # ("if I want to see it, do I have to pay anything?": the visit said in the lead-in; not
    # one asked after it, "what do y'all charge and can somebody come look at it saturday")
    lead_in = whole.text.lower().split(text.rstrip(" ?.!"), 1)[0]
    of_the_visit = _cost_of_a_visit(text) or bool(
        _COST_ASKED.search(text) and whole is not ctx.u and whole.appointment_type and not whole.services
        and ex.extract_appointment_type(normalise(lead_in), ctx.profile))
    if ctx.u.services or not of_the_visit or _SALE_COST.search(text):
        return False
    if ctx.u.vehicle and not re.search(r"\b(?:test ?drive|free)\b", text):
        return False  # "… the Camry on Saturday, and how much is it for that one?": the car's price
    kind = ctx.u.appointment_type or whole.appointment_type
    if kind is None and _VISIT_WORD.search(text):  # ("how much is that?" may ask of a home)
        kind = the_visit(s, ctx)[0]
    if kind is None and (topic or "").startswith("visit:") and re.search(r"\b(?:it|that|this|them)\b", text):
        # "how long does a consultation take, and is there a charge for it?"
        kind = (topic or "").split(":", 1)[1]
    if kind is None and s.desk.found and s.desk.last_done("told") and re.search(
            r"\b(?:it|that|this)\b", text):
        kind = the_visit(s, ctx)[0]  # told of the valuation on the 30th: "no charge for that, right?"
    return _tell(s, ctx, kind, "cost")


def who_meets_answer(s: ConversationState, ctx: TurnContext) -> bool:
    """"Who would we be meeting with?": the people who take that kind of visit, on duty then."""
    if "meets_question" not in ctx.u.flags:
        return False
    kind, day, at = the_visit(s, ctx)
    visit = ctx.profile.appointment_type(kind)
    departments = ctx.profile.departments
    team = [m for m in ctx.profile.staff if visit is not None and visit.department in m.handles]
    if day is not None:
        team = [m for m in team if (m.on_duty(departments, datetime.combine(day, at)) if at
                                    else m.duty_hours(departments).for_weekday(day.weekday()))]
    if not team:
        return False
    on = f" {say_on_date(day, ctx.today)}" if day is not None else ""
    said = ctx.replies.say("who_meets", names=say_list([m.name for m in team], "or"), when=on)
    if said not in ctx.reply_parts:  # asked twice in one breath: said once
        ctx.add(said)
    return True


def visit_length_answer(s: ConversationState, ctx: TurnContext) -> bool:
    """"How long does the consultation usually take?", "how long is the saturday thing gonna
    take?": the visit's own length, from the profile (a service's length comes with its price;
    one on file, asked about without its name, has its own)."""
    if ctx.u.services or "faq_topic" in ctx.u.flags or not HOW_LONG_VISIT.search(ctx.u.text.lower()):
        return False
    kind, _, _ = the_visit(s, ctx)
    visit = ctx.profile.appointment_type(kind)
    had = s.appointment if s.appointment is not None else _on_file(s, ctx)
    if visit is not None and visit.duration_min is None and had is not None and had.service_type and (
            service := ctx.profile.service(had.service_type)) is not None:
        said = ctx.replies.say("duration_answer", service_cap=service.name[:1].upper() + service.name[1:],
                               duration=say_duration(service.duration_min))
    elif visit is None or visit.duration_min is None:
        return False
    else:
        # ("a showing usually takes about half an hour", as an agent would say it)
        length = "half an hour" if visit.duration_min == 30 else say_duration(visit.duration_min)
        said = ctx.replies.say("visit_length", visit=visit.label, duration=length)
    if said not in ctx.reply_parts:
        ctx.add(said)
    s.recent_topic = f"visit:{visit.key}"  # "okay, next Tuesday at noon?": that visit
    return True


def visit_about_answer(s: ConversationState, ctx: TurnContext, previous_topic: str | None = None) -> bool:
    """"What do they actually do when they come out?": what happens at the visit, from the profile."""
    said = ctx.u.text.lower()
    if not (VISIT_ABOUT.search(said) or BRING_ASKED.search(said)) or (
            ctx.u.services and not BRING_ASKED.search(said)):
        return False
    kind = the_visit(s, ctx)[0] or (previous_topic.removeprefix("visit:") if previous_topic and (
        previous_topic.startswith("visit:")) else None) or (  # ("is the consultation free? and do I …")
        "service" if s.recent_services and ctx.profile.appointment_type("service") else None)
    # "do I need to bring anything, like the insurance card?": what to bring, where the profile says
    return (BRING_ASKED.search(said) is not None and _tell(s, ctx, kind, "bring")) or (
        _tell(s, ctx, kind, "about"))


def _tell(s: ConversationState, ctx: TurnContext, kind: str | None, said: str) -> bool:
    """Say the visit's own line ("cost", "about") from the profile, once; the visit is then the
    topic ("okay, next Tuesday at noon?": that visit). False when the profile has no such line."""
    visit = ctx.profile.appointment_type(kind)
    line = getattr(visit, said) if visit is not None else None
    if not line:
        return False
    if line not in ctx.reply_parts:
        ctx.add(line)
    s.recent_topic = f"visit:{visit.key}"
    return True
