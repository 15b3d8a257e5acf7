"""What the caller's words say of the booking under way, beside its facts: whether an answer names
what was read back ("its dwayne pollard", "Wednesday at nine thirty, great"), checks only the part
of the day ("8 AM, that's the morning, right?"), says "today" of the caller's own day ("I can't
even spell my own name today"), or describes trouble no service names ("the green puddle")."""

from __future__ import annotations

import re
from datetime import time

from frontdesk.brain.context import TurnContext
from frontdesk.brain.format import say_list
from frontdesk.brain.nlu import Understanding
from frontdesk.brain.nlu import entities as ex
from frontdesk.brain.nlu.text import normalise
from frontdesk.brain.state import ConversationState
from frontdesk.knowledge.profile import BusinessProfile, Service

DAY_NAMED = re.compile(r"\b(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|tomorrow|instead|actually|"
                       r"make it|change|switch|come (?:in )?today|today (?:at|instead|works|is better))\b")
"""Words that make a "today" said in passing the day asked for."""


def today_in_passing(s: ConversationState, u: Understanding, ctx: TurnContext) -> bool:
    """"Ha, I can't even spell my own name today", asked the name with Friday already set: a
    "today" said of the caller's day, not a new day for the visit."""
    return u.date == ctx.today and bool(s.booking_slots.preferred_date) and s.awaiting in {
        "name", "location", "phone", "email", "vehicle", "service", "budget", "timeline"} and (
        u.time is None and u.time_of_day is None) and not DAY_NAMED.search(u.text.lower())


def said_back(s: ConversationState, u: Understanding) -> bool:
    """The caller names the day or time read back, or the name it is under ("its dwayne pollard"),
    and nothing that differs from it."""
    slots = s.booking_slots
    if u.name and slots.customer_name and u.name.lower() == slots.customer_name.lower() and not (
            u.date or u.time or u.services or u.appointment_type):
        return True
    return bool(u.date or u.time) and (
        u.date is None or u.date.isoformat() == slots.preferred_date) and (
        u.time is None or u.time.strftime("%H:%M") == slots.preferred_time)


def checks_part_of_day(s: ConversationState, u: Understanding) -> bool:
    """The caller names only the part of the day the time read back is in ("8 AM, that's the
    morning, right?"): nothing to change."""
    at = s.booking_slots.preferred_time
    if not (at and u.time_of_day and s.last_ask in {"read_back", "read_back_unclear"}) or (
            u.time or u.date or u.services or u.deny):
        return False
    hour = time.fromisoformat(at).hour
    if u.window is not None and not u.window.start <= time.fromisoformat(at) < u.window.end:
        return False
    return u.time_of_day == ("morning" if hour < 12 else "afternoon" if hour < 17 else "evening")


_NOT_TROUBLE = frozenset([
    "um", "uh", "like", "yeah", "yes", "yep", "ok", "okay", "sure", "no", "nope", "the", "a", "an",
    "it", "its", "it's", "that", "this", "just", "i", "i'm", "need", "needs", "want", "wanna",
    "get", "do", "my", "car", "truck", "service", "services", "thing", "stuff", "please", "thanks",
    "thank", "you", "cool", "sounds", "good", "fine", "well", "so", "and", "oh", "hmm"
])


_TROUBLE = re.compile(r"\b(?:noises?|sounds? (?:funny|weird|bad|like)|leak\w*|puddle|drip\w*|light|smell\w*|"
                      r"shak\w*|vibrat\w*|problem|issue|wrong|broke\w*|won'?t|doesn'?t|isn'?t|not working|"
                      r"acting|weird|funny|strange|letter|notice|airbag|air bag|grind\w*|squeal\w*|squeak\w*|"
                      r"rattl\w*|clunk\w*|thump\w*|stuck|smoke|smoking|dead|flat|crack\w*|look at|fix|"
                      r"the \w+ thing)\b")
"""Words that describe trouble with a car (a noise, a leak, a light, a letter about it)."""


def trouble_described(s: ConversationState, u: Understanding, profile: BusinessProfile) -> Service | None:
    """Asked what the car needs, an answer that describes trouble no service names ("I need a the
    green puddle under the car", "the airbag thing from the letter Honda sent"): the service that
    looks at a problem first (``only_alone``, the diagnostic check), as a service desk books it."""
    look = next((sv for sv in profile.services if sv.only_alone), None)
    if look is None or s.awaiting != "service" or u.services or u.is_question or u.deny or u.intent not in {
            "provide_info", "unknown", "book", "chitchat"} or u.date or u.time or u.appointment_type not in {
            None, "service"}:
        return None
    words = [w for w in re.findall(r"[a-z']+", u.text.lower()) if w not in _NOT_TROUBLE]
    return look if len(words) >= 2 and _TROUBLE.search(u.text.lower()) and not (
        u.has_contact_facts or s.direction == "outbound") else None


def ask_which_alike(s: ConversationState, ctx: TurnContext, agent: str) -> bool:
    """"I need my inspection done. it's a Buick": a visit for work whose word names more than one
    service (the state inspection, a brake inspection) is a service visit, and which one is asked
    (not "a service appointment or a test drive?"); whether it was."""
    slots = s.booking_slots
    if ctx.profile.kind != "dealership" or slots.appointment_type not in {None, "service"}:
        return False
    # (further back while the question is still open: "Monday at four?" said to it, then the name)
    said = " ".join(m.content for m in s.messages[-8 if s.last_ask == "ask_which_service" else -4:]
                    if m.role == "user")
    alike = [sv for k in ex.services_alike(normalise(said), ctx.profile) if (sv := ctx.profile.service(k))]
    later = (slots.visit_after or "").lower()  # ("… and the truck Thursday": its state inspection, later)
    if not alike or any(sv.key in slots.services or sv.name in later for sv in alike) or (slots.services and (
            s.on_file or (s.last_ask != "ask_which_service" and not ex.services_alike(
                normalise(ctx.u.text), ctx.profile)))):
        # ("I want the inspection done and an oil change": the oil change is known, the
        # inspection still asked, when said with it and no booking on file is talked about; one
        # of them named already: nothing to ask)
        return False
    slots.appointment_type = "service"
    shared = set.intersection(*(set(sv.name.split()) for sv in alike))
    answer = set(re.findall(r"[a-z]+", ctx.u.text.lower())) if ctx.understanding is not None else set()
    picked = [sv for sv in alike
              if any(w in answer or f"{w}s" in answer for w in set(sv.name.split()) - shared)]
    if s.last_ask == "ask_which_service" and len(picked) == 1:
        slots.services = [*slots.services, picked[0].key]  # "the state one"
        slots.service_type = slots.service_type or picked[0].key
        return False
    ctx.ask(s, "service", agent, "ask_which_service",  # type: ignore[arg-type]
            services=say_list([sv.name for sv in alike], "or"))
    return True


def replaces_service(u: Understanding) -> bool:
    """"Actually, the inspection instead" replaces the work; "oh wait, actually, while it's in
    there can somebody check the brakes too?" adds to it."""
    text = u.text.lower()
    if ADDS.search(text) and not re.search(rf"\b(?:instead|rather|scratch|forget)\b|{SWAP}", text):
        return False  # "while it's there, the battery, swap it if it needs it": the visit grows
    return bool(re.search(r"\b(?:instead|actually|rather|not the|no,? (?:the|just)|scratch|"
                          r"forget|change (?:it|that) to|switch|swap(?! (?:it|them) (?:out )?if)|just|only|"
                          r"mean|"
                          r"meant|no,? wait|"
                          r"better (?:you|to|make|do|the|a)|make (?:it|that) (?:the|a|an))\b", text))


SWAP = r"\b(?:switch|swap)(?: (?:it|that|them|out|the \w+))* (?:for|to|with)\b"
"""One service put in another's place ("swap it for an oil change"), not a part swapped."""
ADDS = re.compile(r"\b(?:too|also|as well|while (?:it'?s|you'?re|you have it|they'?re|you guys are) "
                 r"(?:in there|at it|there)|in addition|on top of that|plus|and another thing)\b")


def named_again(key: str, u: Understanding, profile: BusinessProfile) -> bool:
    """Does the message name this service of the visit again, by a word of its own ("so
    inspection and an oil change" keeps the state inspection)?"""
    service = profile.service(key)
    if service is None or key in u.dropped_services:
        return False
    named = {w for k in u.services if (other := profile.service(k)) for w in other.name.lower().split()}
    # a word that is the service's own ("inspection"), not any work's ("change", "check")
    words = {w for w in service.name.lower().split() if len(w) >= 5} - named - {
        "change", "check", "repair", "replacement", "service"}
    text = u.text.lower()
    cues = list(re.finditer(r"\b(?:instead(?! of)|actually|rather(?! than)|scratch|forget|no,? wait|"
                            r"better)\b", text))
    after = text[cues[-1].end():] if cues else text  # named again after the change, not before it
    # ("just do the inspection instead of the rotation": the one named as replaced is not kept)
    after = re.sub(r"\b(?:instead of|rather than|in place of|not)\s+(?:the |my |a |an |that )?\w+", " ",
                   after)
    return any(re.search(rf"\b{w}\b", after) for w in words)


_LEFT_AS_IS = re.compile(r"\b(?:keep|leave|leaving|keeping)\s+(?:the|my|our|that)\s+[\w' -]{2,25}?"
                         r"(?:\s+(?:like|as|where|how|at|alone|on|in)\b|\s*(?:[,.!?]|$))|"
                         r"\b(?:stays|stay put|still stands|is staying)\b")
"""A visit on file said to stay as it is ("… and leave the oil change like it is", "keep the oil
change at eight")."""


def left_as_is(s: ConversationState, u: Understanding) -> bool:
    """The services named are those of a booking on file, said to stay as they are: no change to
    the visit being made."""
    on_file = {a.service_type for a in s.on_file or () if a.service_type}
    return bool(u.services) and set(u.services) <= on_file and _LEFT_AS_IS.search(u.text.lower()) is not None


_JUST_THE = re.compile(r"\b(?:just|only)(?: do| keep)? the ([a-z]+)\b(?! too\b| also\b| as well\b)")


def just_one_of(services: list[str], text: str, profile: BusinessProfile) -> list[str] | None:
    """Of two or more services under way, the one kept by a word of its name ("that's more than I
    wanted to spend. Just the inspection then"): that one alone; None when no one is so named."""
    if len(services) < 2 or (said := _JUST_THE.search(text.lower())) is None:
        return None
    picked = [k for k in services if (sv := profile.service(k)) is not None
              and said[1] in sv.name.lower().split()]
    return picked if len(picked) == 1 else None


JUST_CHECKING = re.compile(r"\b(?:(?:we'?re|i'?m|we are|i am) not (?:quite |really |totally |even )?"
                           r"ready(?: yet)?|"
                           r"(?:i was|i'?m|we were|we'?re) (?:just|only) "
                           r"(?:checking|asking|wondering|curious)|"
                           r"(?:just|only) wanted to (?:know|check|ask|see))\b")
"""Openings offered, the caller was only finding out ("we're not quite ready yet, I was just checking")."""
SHOPPING = re.compile(r"\b(?:buy(?:ing)?|eye on|eyeing|interested in|in the market|shopping|"
                      r"thinking (?:about|of) (?:getting|buying))\b")
"""A car of the lot talked of by someone buying one: its test drive is the visit."""
BUYER_ELSEWHERE = re.compile(r"\bnot me\b|\bthe one (?:who'?s |that'?s )?(?:actually )?(?:buying|getting)\b")
"""The one buying is not the one calling ("my wife's the one who's actually buying it, not me")."""
