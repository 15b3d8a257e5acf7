"""Turns one caller message into dialogue acts, each with an intent, a confidence and entities.

A message is split into clauses ("Wednesday works. Oh, and do you have a shuttle?"), and each
clause is read twice: by the act classifier trained on the phrase bank
(:mod:`~frontdesk.brain.nlu.classifier`), which generalises to phrasings nobody wrote down, and
by the rules of ``lexicon.yaml``, which stay where they are the right tool — exact commands,
yes/no at the start of an answer, and intents implied by the facts given (a service and a day
is a booking). Entities are read by :mod:`~frontdesk.brain.nlu.entities`. What the agent is
waiting for (``awaiting``) biases the reading of short answers ("Tuesday", "yes", "Tom").

An utterance with a question aside and an answer ("Wednesday works, and do you have a
shuttle?") carries both as :attr:`Understanding.acts`; the brain handles the asides first and
then goes back to what it was doing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, time

from rapidfuzz import fuzz

from frontdesk.brain.nlu import entities as ex
from frontdesk.brain.nlu import lead, refer, when
from frontdesk.brain.nlu.classifier import Prediction, default_classifier
from frontdesk.brain.nlu.lexicon import lexicon
from frontdesk.brain.nlu.text import normalise, without_pauses
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
    window: when.TimeWindow | None = None
    """A span of the day the caller asked for ("after work", "before lunch", "after 3")."""
    services: list[str] = field(default_factory=list)
    service_count: int | None = None
    """How many things the caller wants done ("could you do both?", "a couple of things")."""
    dropped_services: list[str] = field(default_factory=list)
    """Services taken off the visit ("skip the rotation")."""
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
    topic: str | None = None,
) -> Understanding:
    """Read one caller message: its main act, its asides, and every entity in it.

    Args:
        text: What the caller said or typed.
        profile: The business, for its services, areas and inventory.
        today: The business's local date, to resolve "Tuesday" and "tomorrow".
        awaiting: What the agent last asked for, if anything.
        topic: The car on the lot the conversation is about, if any ("2025 Honda CR-V"), for
            a question that points back at it ("is it still there?").
    """
    clauses = [piece for clause in split_clauses(text)
               for piece in _split_lead_in(clause, profile)]
    abouts = refer.referents(clauses, profile, topic)
    if len(clauses) <= 1:
        return read(text, profile, today, awaiting, about=abouts[0] if abouts else None)
    readings = [read(c, profile, today, awaiting, about=a)
                for c, a in zip(clauses, abouts, strict=True)]
    if any(r.act is not None and r.act.label in {"wrong_number", "bot_check", "identity"}
           for r in readings):
        whole = read(text, profile, today, awaiting)
        if whole.intent == "wrong_number":
            # "this is a real estate office? not the vacation rentals? sorry": the pieces look
            # like questions about us; together they say the caller dialled the wrong place
            return whole
    asides = [r for r in readings if _is_aside(r, awaiting)]
    if any(r.intent == "do_not_call" for r in readings):
        asides = []  # "what company is this? take me off your list": the request wins
    if not asides:
        whole = read(text, profile, today, awaiting)
        own = [r for r in readings if r.intent in _OWN_APPOINTMENT]
        if whole.intent == "book" and own and awaiting in {None, "anything_else"}:
            # "when's my thing with y'all again? the consultation?": the booking words describe
            # the appointment the caller already has
            whole.intent, whole.confidence = own[0].intent, own[0].confidence
        return whole
    rest = [c for c, r in zip(clauses, readings, strict=True) if r not in asides
            and not _only_the_car(r, asides)]
    rest = [c for c in rest if not _FILLER_ONLY.fullmatch(normalise(c).lower)]
    if not rest:
        main, asides = asides[-1], asides[:-1]
    else:
        main = read(" ".join(rest), profile, today, awaiting)
        if (main.intent in {"unknown", "chitchat", "provide_info"} and not (
                main.services or main.date or main.time or main.has_lead_facts
                or main.has_contact_facts or main.has_booking_facts or main.vehicle)) or (
                main.intent in {"greeting", "affirm"} and _is_discourse_marker(rest)):
            # "long story, my last shop botched it. Is your work guaranteed?" / "yeah, what
            # are your hours?": the question is what the caller wants
            main, asides = asides[-1], asides[:-1]
    asides = _merge_questions(asides, profile, today, awaiting)
    asides = [a for a in asides if a.intent != "faq" or _asks(a)]
    seen: set[str] = {main.intent} - {"faq"}  # "hello? you still there?" is one line check
    asides = [a for a in asides if a.intent == "faq" or not (a.intent in seen or seen.add(a.intent))]
    main.acts = asides
    main.text = normalise(text).raw
    return main


_OWN_APPOINTMENT = {"lookup_appointment", "cancel", "reschedule"}
ASIDES = {"faq", "line_check", "identity", "how_got_number", "bot_check", "repeat", "hold",
          "chitchat"}
"""Acts answered in passing: the conversation then goes back to where it was."""
_FILLER_ONLY = re.compile(r"[\s,.!?]*(?:(?:um+|uh+|er|so|well|oh|okay|ok|and|also|but|like|yeah|"
                          r"yes|hmm+|right|anyway|actually)[\s,.!?]*)*")
_MARKERS = {"yeah", "yes", "ok", "okay", "so", "well", "right", "sure", "yep", "alright"}


def _only_the_car(r: Understanding, asides: list[Understanding]) -> bool:
    """"The green Subaru wagon, how much is it?": a clause that only names the car a question
    after it is about is that question's subject, not a request of its own."""
    return bool(r.vehicle and any(a.about for a in asides) and r.intent in {
        "provide_info", "unknown", "chitchat", "greeting"} and not (
        r.services or r.has_booking_facts or r.has_contact_facts or r.has_lead_facts))


_REQUEST = re.compile(r"(?:\W*(?:so|and|also|oh|um|uh|okay|ok|hey|well|then)\W+)*(?:can|could|would|"
                      r"will) (?:you|y'all|ya|you guys|you all|somebody|someone) (?:please |also |"
                      r"just )?(?:do|swap|change|rotate|check|look|replace|put|fix|get|take|give|"
                      r"throw|add|detail|clean|inspect|top|knock|squeeze|fit)\b")
"""A question that asks for the work ("could you rotate the tires too?"), not about it."""
_PROPOSAL = re.compile(r"\b(?:instead|same time|(?:can|could) (?:we|you|i) (?:do|make|switch|change|"
                       r"move|swap|go with)|how about|what about)\b")


def _merge_questions(asides: list[Understanding], profile: BusinessProfile, today: date,
                     awaiting: str | None) -> list[Understanding]:
    """Clauses of one question asked in pieces ("If I have work done with you, is it
    guaranteed, like for how long?") are read as one question."""
    merged: list[Understanding] = []
    for aside in asides:
        short = len(aside.text.split()) <= 3 and aside.text.rstrip().endswith("?")
        if merged and merged[-1].intent == "faq" and (aside.intent == "faq" or short) and (
                not merged[-1].text.rstrip().endswith("?") or short):
            # "open saturday? till when?": one question in two breaths
            joined = read(f"{merged[-1].text}, {aside.text}", profile, today, awaiting)
            if joined.intent == "faq":
                merged[-1] = joined
                continue
        merged.append(aside)
    return merged


def _asks(r: Understanding) -> bool:
    """A clause that really asks something (not a statement the classifier read as one)."""
    if r.act is not None and r.act.label == "question" and r.act.confidence >= 0.8:
        return True
    return r.text.rstrip().endswith("?") or re.match(
        r"(?:\W*(?:so|and|also|oh|um|uh|like|okay|ok)\W+)*(?:what|when|where|how|why|which|who|do|"
        r"does|did|is|are|can|could|will|would|should)\b", r.text.lower()) is not None


def _is_discourse_marker(clauses: list[str]) -> bool:
    words = re.findall(r"[a-z']+", " ".join(clauses).lower())
    return len(words) <= 2 and all(w in _MARKERS for w in words)


def _is_aside(r: Understanding, awaiting: str | None) -> bool:
    """A clause to answer in passing, not the caller's answer or request."""
    if r.intent not in ASIDES:
        return False
    if r.intent != "faq" and (r.has_contact_facts or r.has_booking_facts or r.has_lead_facts
                              or r.vehicle):
        return False  # "this is Tom Becker" gives a name, whatever it sounds like
    if r.intent == "faq" and _PROPOSAL.search(r.text.lower()) and not (
            r.act is not None and r.act.label == "question" and r.act.confidence >= 0.9):
        return False  # "can we do that instead, same time?" changes the booking
    if r.intent == "faq" and r.services and "price_question" not in r.flags and _REQUEST.match(
            r.text.lower()):
        return False  # "can y'all swap the battery and do the sticker?" asks for the work
    if r.intent == "faq" and HOURS_QUESTION.search(r.text.lower()):
        return True  # "open saturday?" asks the hours, whatever day it names
    if r.intent == "faq":
        # "how about Wednesday at 2?" or "can I come in Thursday?" are booking moves
        return not (r.date or r.time or r.window or r.time_of_day or r.appointment_type
                    or "book" in r.flags) or bool({"price_question", "inventory_question"} & r.flags)
    return True


HOURS_QUESTION = re.compile(
    r"\b(?:open|close|closed|closing|hours|till when|until when|how late|how early|"
    r"(?:till|until|up to) what time|what time do you|lock up|"
    r"(?:is|will|would) (?:any(?:one|body)|some(?:one|body)) (?:be )?(?:there|around|in))\b")
"""A question about when the business is open, however it is put ("till what time can I bring
it in on a Saturday?", "if I swing by Sunday, will anybody be there?")."""
_HOURS_LIMIT = re.compile(
    r"\b(?:how late|how early|(?:till|until|up to) what time|what time do you (?:close|lock up)|"
    r"(?:is|will|would) (?:any(?:one|body)|some(?:one|body)) (?:be )?(?:there|around|in))\b")
"""Asks how far the opening hours reach, even when it names a service or a day."""


_CLAUSE_BREAK = re.compile(
    r"(?<=[.?!])\s+"
    r"|[,;]?\s+(?:and\s+)?(?:oh,?\s+and|oh,?\s+also|and\s+also|also,|plus,?|but\s+also)\s+"
    r"|[,;]\s+(?:and\s+|but\s+|so\s+)?(?=(?:what|when|where|how|why|who|which|do you|does|is there|"
    r"are you|are there|can you|could you|can i|could i|will you|would you|is it|is that|"
    r"did you|have you|you still|you there|hello)\b)"
    r"|\s+and\s+(?=(?:what|when|where|how|why|who|which|do(?= (?:you|y.all|ya|they|we|i)\b)|does|"
    r"did|is|are|can|could|will|"
    r"would|have you)\b)",
    re.IGNORECASE,
)


_LEAD_IN = re.compile(r"(?i)(?:(?:so|and|but|okay|ok|um|uh),?\s+)*(?:when|if|once|whenever|say|after|"
                      r"before|while)\s+(?:i|i'm|we|we're|you|you're|y'all|my|our|the|it|he|she|they)"
                      r"\b[^?]*$")
"""A clause that sets up the next one ("when I come pick it up, can I pay by card?")."""


def split_clauses(text: str) -> list[str]:
    """Split a message where a new act may start: sentences, "oh and", ", what …?". A clause of
    one word ("sorry,", "hello?", "okay.") leans on the next one rather than standing alone."""
    parts = [p.strip(" ,;") for p in _CLAUSE_BREAK.split(text) if p and p.strip(" ,;")]
    parts = [p for p in parts if re.search(r"[A-Za-z0-9]", p)]
    merged: list[str] = []
    carry = ""
    for part in parts:
        if (len(part.split()) <= 1 or _LEAD_IN.match(part)) and part is not parts[-1]:
            # the comma after a lead-in stays: it marks where its question starts
            carry = f"{carry} {part}".strip() + ("," if _LEAD_IN.match(part) else "")
            continue
        merged.append(f"{carry} {part}".strip() if carry else part)
        carry = ""
    if carry:
        merged.append(carry)
    return merged


_LEAD_IN_HEAD = re.compile(
    r"(?i)^(?P<head>(?:(?:so|and|but|okay|ok|um|uh),?\s+)*(?:when|if|once|whenever|after|before|while)"
    r"\s+[^,?]+?),\s+(?P<ask>(?:and\s+|so\s+)?(?:can|could|will|would|is|are|do|does|should|who|what|"
    r"how|where)\b[^?]*\?)$")


def _split_lead_in(clause: str, profile: BusinessProfile) -> list[str]:
    """"If I drop my car off for a tire rotation, can somebody give me a lift home?": a lead-in
    that names the work is a request of its own, and the question after it is asked apart."""
    match = _LEAD_IN_HEAD.match(clause.strip())
    if match is None:
        return [clause]
    head = normalise(match.group("head"))
    if not (ex.extract_services(head, profile) or ex.extract_appointment_type(head, profile)):
        # "when I come pick it up, can I pay by card?", "if I swing by Sunday, will anybody be
        # there?": one question
        return [clause]
    return [match.group("head"), match.group("ask")]


def read(text: str, profile: BusinessProfile, today: date,
         awaiting: str | None = None, about: str | None = None) -> Understanding:
    """One clause (or a whole message read as one): intent, confidence and entities. With
    ``about`` (the car it points back at), the clause is read with the car named in place of
    "it"; the text kept is what the caller said."""
    if about:
        said = normalise(text).raw
        result = read(refer.with_referent(text, about), profile, today, awaiting)
        result.text, result.about = said, about
        return result
    lex = lexicon()
    u = normalise(text)
    flags = {name for name, pattern in lex.intents.items() if pattern.search(u.lower)}
    flags |= _fuzzy_flags(u.lower)
    if u.raw.endswith("?"):
        flags.add("question")

    result = Understanding(text=u.raw, intent="unknown", confidence=0.3)
    if _names_faq_topic(u.lower, profile):
        flags.add("faq_topic")
    result.flags = flags
    result.is_question = "question" in flags
    # "sorry, yes" / "oh, wait, that works": fillers before the answer do not change it
    answer = _LEAD_FILLER.sub("", u.lower)
    result.affirm = bool(lex.yes.match(answer)) and not lex.no.match(answer)
    result.deny = bool(lex.no.match(answer))
    result.phone = ex.extract_phone(u)
    result.email = ex.extract_email(u)
    result.name = ex.extract_name(u, expecting=awaiting == "name")
    if result.name and result.name.lower() in {a.lower() for a in (
            *profile.service_areas, *profile.nearby_areas)}:
        result.name = None  # "Cedar Park." answers where, not who
    result.date = when.extract_date(u, today)
    result.time = None if result.phone and awaiting == "phone" else when.extract_time(u)
    result.window = when.extract_window(u)
    result.time_of_day = when.extract_time_of_day(u)
    result.services = ex.extract_services(u, profile)
    result.dropped_services = ex.extract_dropped_services(u, profile)
    if profile.services and (count := _COUNT.search(u.lower)):
        result.service_count = 3 if count.group(1) in {"three", "all three"} else 2
    result.appointment_type = ex.extract_appointment_type(u, profile)
    result.vehicle = ex.extract_vehicle(u, profile)
    if result.vehicle and refer.is_own_vehicle(u.lower, ex.extract_vehicle_query(u, profile)):
        result.flags.add("own_vehicle")  # "I've got an old F-150": theirs, not one on the lot
    if profile.kind == "real_estate":
        result.budget = lead.extract_budget(u, expecting=awaiting == "budget")
        result.timeline = lead.extract_timeline(u, today, expecting=awaiting == "timeline")
        result.location = ex.extract_location(u, profile, expecting=awaiting == "location")
        result.financing = lead.extract_financing(u)
        result.motivation = lead.extract_motivation(u, expecting=awaiting == "motivation")
        result.lead_intent = lead.extract_lead_intent(u)
    if result.budget and awaiting == "budget":
        result.time = None  # "around three twenty-five" asked for a budget is money, not 3:25
    if awaiting in {"time", "pick_alternative", "callback_time", "confirm_booking",
                    "confirm_change", "which_appointment"} and result.time is None:
        # "nine would be perfect", "maybe 10?" when a time is being settled
        bare = re.match(r"(?:(?:at|around|maybe|how about|um|uh|ok|okay|so|then|yeah),?\s+)*"
                        r"(\d{1,2})(?::(\d{2}))?\b(?!\s*(?:st|nd|rd|th|%|/|people|cars|"
                        r"minutes|hours|days|weeks|months|years|miles|k\b|thousand|dollars))",
                        u.numeric.strip(" .?!"))
        confirming = awaiting in {"confirm_booking", "confirm_change"}
        if bare and (not confirming or re.search(r"\b(?:no|meant|make it|actually)\b", u.lower)):
            result.time = when.extract_time(normalise(f"at {bare.group(1)}"
                                                       + (f":{bare.group(2)}" if bare.group(2)
                                                          else "")))

    if _FLEXIBLE.search(u.lower):
        result.flags.add("flexible")
    if result.is_question and result.affirm and _SMALL_TALK.search(u.lower):
        result.is_question = False
    if (result.is_question and (result.date or result.time or result.window)
            and not {"price_question", "inventory_question"} & flags
            and not HOURS_QUESTION.search(u.lower)):
        # "how about Wednesday at 2?", "can we do two instead?", "Friday after work, say 5:30?"
        # propose a time; they ask nothing of the business
        result.is_question = False
    if result.is_question and awaiting in _FACT_ASKED and not _QUESTION_START.match(u.lower) and (
            answers(awaiting, result)):
        result.is_question = False  # "um, I guess around five hundred?": an answer, said rising
    rule_intent, rule_confidence = _classify(result, flags, awaiting)
    result.act = default_classifier().predict(u.raw)
    result.intent, result.confidence = _combine(result, rule_intent, rule_confidence, awaiting)
    if result.intent == "affirm":
        result.affirm, result.deny = True, False
    elif result.intent == "deny":
        result.affirm, result.deny = False, True
    elif result.intent in _RULES_FIRST or result.intent in _NEW_ACTS:
        result.affirm = False  # "please don't ring this number again" is not a "please"
    return result


def _names_faq_topic(lowered: str, profile: BusinessProfile) -> bool:
    """Does the clause name one of the business's FAQ topics: one of its keywords (a distinctive
    one: a phrase, or a word of five letters or more) or the lexicon's everyday words for a
    topic ("a lift home" for the shuttle)?"""
    if any(pattern.search(lowered) for pattern in lexicon().topics.values()):
        return True
    return any(re.search(rf"\b{re.escape(k.lower())}\b", lowered) for entry in profile.faq
               for k in entry.keywords if " " in k or len(k) >= 5)


_FACT_ASKED = {"name", "phone", "email", "date", "time", "service", "vehicle", "budget", "timeline",
               "location", "financing", "callback_time"}
_QUESTION_START = re.compile(
    r"(?:\W*(?:so|and|but|um+|uh+|like|okay|ok|well|oh|hey|sorry|wait)\W+)*(?:what|when|where|how|why|"
    r"which|who|whose|do|does|did|is|isn'?t|are|aren'?t|can|could|will|would|should|have|has|am|"
    r"any|anything)\b")
"""How a real question starts; an answer said with a rising voice ("Tuesday?") does not."""


_ACT_INTENT = {"question": "faq", "thanks": "greeting"}
"""Classifier act → the brain's intent name, where they differ."""
_NEW_ACTS = {"line_check", "identity", "how_got_number", "wrong_number", "bot_check", "repeat",
             "hold", "reschedule", "cancel", "lookup_appointment", "chitchat", "decline"}
"""Acts only the classifier knows (the rules have no patterns for them)."""
_CHANGE_CUE = re.compile(r"\b(?:re-?schedul\w*|move|moving|push|bump|switch|cancel\w*|"
                         r"change (?:it|that|the (?:time|day|date)|my (?:appointment|time))|"
                         r"call off|call (?:it|that|this) off|can'?t make|cannot make|won'?t make|"
                         r"not (?:gonna|going to) make|"
                         r"different (?:day|time)|another (?:day|time)|new (?:time|day|date)|"
                         r"rearrange|slide|trade|rebook|another date|a day later|shift it|"
                         r"doesn'?t work after all|not gonna happen|got a conflict|"
                         r"back out|not coming|wipe|off the schedule|(?:my|the|our) (?:appointment|"
                         r"appt|showing|consultation|booking|reservation)|i have an appointment)\b")
"""Words a request to change an existing appointment always has."""
_LOOKUP_CUE = re.compile(r"\b(?:(?:my|our) (?:appointment|appt|booking|reservation|showing|"
                         r"consultation|test drive|oil change|service|tire rotation|inspection|"
                         r"detail(?:ing)?|battery|brake|walkthrough|tour|visit|slot|time|thing)|"
                         r"(?:what time|what day|when)(?:'s| is| was| are) (?:my|our)|"
                         r"booked|scheduled|on the (?:books|schedule|calendar)|"
                         r"(?:am i|are we) (?:coming|supposed|set|down|booked|scheduled|on)|"
                         r"(?:i'?m|we'?re) (?:coming in|supposed to|set for|down for)|"
                         r"did (?:i|we) (?:book|schedule|make)|lined up|"
                         r"(?:i|we) (?:have|got|had) (?:an?|the|our|my|any|two|some) (?:appointment|"
                         r"appt|showing|consultation|test drive|valuation|walkthrough|tour|"
                         r"service|oil change|booking)s?|(?:can'?t|don'?t|cannot) remember|forgot|"
                         r"(?:do|have) (?:i|we) (?:have|got) (?:anything|any|an?|two|something)|"
                         r"what (?:time|day) (?:was|is|am|are) (?:i|we|it|my|our))\b")
"""Words a question about one's own appointment always has ("when is my appointment?")."""
_ASKS_OWN = re.compile(r"\b(?:what time|what day|when)(?:'s| is| was| are| were)? (?:my|our)\b")
"""A question about the caller's own booking ("what time's my thing tomorrow? the battery"):
with it, a service and a day named describe that booking, they do not ask for a new one."""
_CANCEL_ASK = re.compile(r"(?<!\bif i )(?<!\bif we )(?<!\bto )(?:\bcancel(?:l?ed|l?ing)?|\bcall(?:ing)? off|"
                         r"\bscrap|\bnix) (?:it|that|this|them|the (?:appointment|appt|showing|booking|"
                         r"consultation|consult|visit|tour|test drive|valuation)|my|our)\b|"
                         r"\b(?:had|have|got) (?:an?|the|my|our) [\w ]{0,25}?(?:set up|booked|scheduled|"
                         r"on the (?:books|calendar|schedule))\b[^.?!]*\b(?:cancel|call (?:it|that) off|"
                         r"(?:gonna|going to) (?:have to )?pass|not (?:gonna|going to) (?:make|need) it)")
"""A request to cancel the caller's own appointment, however long the story around it ("we had
a showing set up for Saturday, but we put an offer on another place, can you cancel it?")."""
_ACT_CUES = {
    "identity": re.compile(r"\b(?:who|company|calling|about|regarding|concerning|purpose|name|which|"
                           r"with|from|business|place|outfit|you guys|y'all|pitch|sales|selling|"
                           r"survey|scam|spam|solicit\w*|telemarket\w*|what do you want|"
                           r"what(?:'s| is) this|you are|is this)\b"),
    "how_got_number": re.compile(r"\b(?:number|#|info|information|contact|details|list|sign(?:ed)? "
                                 r"up|find me|got me|get me|reach me|data|email|cell|name|"
                                 r"how(?:'d| did| do) (?:u|you|y'all) (?:get|know|find|have)|dig up|"
                                 r"unlisted|where'?d)\b|#"),
    "bot_check": re.compile(r"\b(?:robot|bot|chatbot|machine|computer|real|human|person|recording|"
                            r"automated|automatic|ai|artificial|live|recorded|program|siri|alexa|"
                            r"synthesi[sz]ed|ivr|robocall|auto ?dialer|dial(?:ed)? me)\b"),
    "line_check": re.compile(r"\b(?:hello+|there|hear|cut|cutting|breaking|lost|line|signal|"
                             r"elevator|tunnel|still on|drop(?:ped)?|reception|choppy|static|"
                             r"connection|garbled|anyone|anybody|silent|froze|frozen|quiet|"
                             r"still going|other end|lag\w*|echo)\b|^\W*(?:hello|hi)\W*\?"),
    "hold": re.compile(r"\b(?:hold|hang|sec|second|minute|moment|wait|one sec|bear with|"
                       r"give me a|gimme a)\b"),
}
"""Words the closed-vocabulary acts are always said with: the classifier proposes, these
confirm (a confident classifier is still wrong on a phrasing it never saw)."""
_GUARDED = {"identity", "how_got_number", "hold", "line_check"}
"""Acts whose misreading would lose what the caller said (hold waits; a line check, identity and
how-we-got-your-number answer instead of acting on the words, and "hmm, well the thing is…" must
reach the model as unclear): they need their words. A bot check misread costs one sentence and
offers a person, so the classifier alone decides it."""
_REPEAT_CUE = re.compile(r"\b(?:again|repeat|come again|pardon|what was (?:that|the|it)|say that|"
                         r"missed|didn'?t (?:quite )?(?:catch|hear|get)|one more time|huh|what\?|"
                         r"sorry\?|once more|slow down|say it|what(?:'d| did) (?:u|you)(?: just)? say|"
                         r"run that back|start over|what now|say what|you said what|"
                         r"what (?:time|day) did you say|where (?:were|was) we|where did we (?:leave|stop)|"
                         r"left off|what did you (?:ask|need|want)|what was the question|"
                         r"what were you (?:asking|saying)|(?:i'?m|we'?re) back|i'?m here again|back on)\b"
                         r"|^\W*(?:what|sorry|huh)\W*$")
_COUNT = re.compile(r"\b(?:(?:do|get|doing|need|want|for|book|schedule|knock out|take care of) )"
                    r"(?:them |those |it )?(both|all three|the two|two things|three things|a couple "
                    r"(?:of )?things)\b|\b(both|two things|a couple (?:of )?things) (?:done|at once|"
                    r"in one|the same day|together)\b")
"""The caller counts what they want done ("could you do both?"), named or not."""
_WRONG_PLACE = re.compile(r"\b(?:wrong (?:number|place|one|business|company|office|line|\w+)|"
                          r"sorry to (?:bother|trouble)|misdial\w*|dialed|meant to (?:call|dial|reach)|"
                          r"(?:need|want|wanted|meant|looking for) the (?:actual|real|right)|"
                          r"thought (?:this|you|it) (?:was|were)|must have (?:the )?wrong|"
                          r"not (?:the|who) i (?:wanted|meant|was (?:trying|calling|looking)))\b")
"""Words of a caller who meant to reach someone else ("no, I need the actual DMV, sorry to
bother you", "wrong Lakeside"): with them, a less certain wrong-number reading stands."""
_PRICE_CUE = re.compile(r"\$|%|pric|cost|charg|afford|\b(?:expensive|money|cheap\w*|pay\w*|paid|budget\w*|"
                        r"dollars|bucks|fees?|commission|rates?|spend\w*|much|steep|pricey|a lot|"
                        r"less|more than|half|double|twice|rip ?off|robbery|rich|outrageous|swing|"
                        r"income|justify|number|bank|grand|percent|caro|between jobs|broke|tight|"
                        r"quoted?|deal|worth|can'?t do (?:that|it))\b")
"""Words a price objection is said with: without them, a refusal is about something else."""
_SUBORDINATE = re.compile(r"\b(?:after|when|once|if|before|while)\s+(?:i|we)\b[^?,.]*")
"""A clause that sets the scene ("after I drop it off"): its booking words ask for nothing."""
_TALK_TO = re.compile(r"\b(?:talk|speak|transfer|connect|put me through|human|person|manager|"
                      r"representative|rep|agent|operator|supervisor|real|live)\b")
"""Words a request for a person has; "can someone give me a lift?" has none."""
_PAUSE_ONLY = re.compile(r"\W*(?:(?:sorry|ok(?:ay)?|um+|uh+|oh|hold on|hang on|wait|please|just|yeah|"
                         r"one|a|1|give me|gimme|for|half|sec(?:ond)?s?|minute|moment)\W*)*"
                         r"(?:sec(?:ond)?|minute|moment)s?\W*(?:please|thanks)?\W*")
"""A message that only asks for a pause ("one moment please", "sorry, give me a sec")."""
_SURELY_ELSEWHERE = re.compile(
    r"\b(?:(?:you(?:'ve)? (?:got|have)|this is|must be|dialed|called) (?:the )?wrong number|misdial\w*|"
    r"(?:meant|trying|tried|wanted) to (?:call|dial|reach|ring|get) (?:the|a|my|that) [^.,;]{0,40}?"
    r"(?:place|dealer\w*|shop|store|clinic|restaurant|pharmacy|school|across town|down the (?:road|street)|"
    r"on \w+ (?:street|road|avenue|drive|boulevard)|not (?:you|this)))\b")
"""Words only a caller who meant to reach someone else says ("no no, I meant to call the Ford
place across town", "you got the wrong number"): they end the call whatever was asked."""
_HAVE_SOMEONE = re.compile(
    r"\b(?:agents?|realtors?|brokers?|brokerage|mechanics?|shops?|dealers?\w*|guy|gal|garage|"
    r"some(?:one|body)|brother|sister|son|daughter|husband|wife|buddy|friend|cousin|uncle|aunt|"
    r"dad|father|mom|mother|neighbor|man|woman|person|place|where|center|specialist|company|"
    r"customer|representation|lube|firestone|costco|pep boys|midas|myself|himself|herself|"
    r"ourselves|own|use|using|go to|goes to|take it|takes it|handles?|does (?:it|all|my|our|mine)|"
    r"takes care|listing|listed|list(?:ing)? with|signed|contract|work(?:s|ing)? with|he|she|"
    r"they|already)\b")
"""Who an "I already have someone" names: a person or a place that does the work."""
_BACK = re.compile(r"\b(?:i'?m|i am|we'?re|we are) back\b")
_RULES_FIRST = {"do_not_call", "escalation", "objection_busy", "objection_have_agent",
                "objection_price", "objection_not_interested", "goodbye"}


def _combine(r: Understanding, rule: str, rule_confidence: float,
             awaiting: str | None) -> tuple[str, float]:
    """One intent from the rules' reading and the classifier's.

    The rules decide where they rest on something specific: an answer to the question just
    asked, an exact command pattern (stop calling, a person, an objection), a service with a
    day. Where they only fell back on a default (a fact was mentioned, a question mark, a
    greeting word), a confident classifier decides.
    """
    act = r.act
    assert act is not None
    model = _ACT_INTENT.get(act.label, act.label)
    p = act.confidence
    if act.label == "thanks":
        r.flags.add("thanks")
    if _SURELY_ELSEWHERE.search(r.text.lower()) and not (
            r.date or r.time or r.has_lead_facts or r.has_contact_facts):
        # a service named here belongs to the other place ("the tire shop on Burnet")
        return "wrong_number", max(p, 0.8)  # "no no, I meant to call the Ford place across town"
    if model == rule:
        return rule, max(rule_confidence, p)
    answered = awaiting is not None and answers(awaiting, r)
    if rule == "faq" and r.is_question and _HOURS_LIMIT.search(r.text.lower()) and (
            model in {"book", "provide_info", "reschedule"}):
        return rule, rule_confidence  # "till what time can I bring it in Saturday?" asks the hours
    if (model in {"objection_busy", "repeat"} or rule == "unknown") and _BACK.search(r.text.lower()) and (
            not re.search(r"\b(?:call|ring|later|busy|driving|work|meeting)\b", r.text.lower())) and not (
            r.has_contact_facts or r.has_booking_facts or r.has_lead_facts):
        return "repeat", max(p, 0.6)  # "okay, I'm back" after a hold: say the question again
    if model == "identity" and re.search(r"\bwhere\b", r.text.lower()):
        return rule, rule_confidence  # "where exactly are you guys?" asks the way, not who
    if model == "repeat" and not _REPEAT_CUE.search(r.text.lower()):
        return rule, rule_confidence  # "what would that one run me?" asks a price, not "again?"
    if model == "objection_have_agent" and (r.vehicle or r.services) and not _HAVE_SOMEONE.search(
            r.text.lower()):
        return rule, rule_confidence  # "we've got an old RAV4" is a car, not a mechanic
    if model == "objection_price" and not _PRICE_CUE.search(r.text.lower()):
        return rule, rule_confidence  # "I can't make it out till then" says nothing of money
    if model == "identity" and p >= 0.5 and re.search(
            r"\b(?:is this|is that|am i (?:speaking|talking) (?:to|with)|did i (?:reach|get)) "
            r"(?:the|a|an)\b", r.text.lower()):
        return model, p  # "is this the Honda dealership on Lamar?" asks who we are
    if model in _ACT_CUES and r.vehicle and r.is_question:
        return rule, rule_confidence  # "is the red RAV4 still there?" asks about the car
    if model in _ACT_CUES and (len(r.text.split()) > 20 or (
            model in _GUARDED and not _ACT_CUES[model].search(r.text.lower()))):
        # these acts have a small vocabulary: "what are you asking for it?" is no "who is this?"
        return rule, rule_confidence
    if r.is_question and "faq_topic" in r.flags and (rule == "faq" or (
            rule == "book" and not lexicon().intents["book"].search(_SUBORDINATE.sub("", r.text.lower()))
            )) and (model in {"book", "provide_info"} or p < 0.5 or (
            model == "escalation" and not _TALK_TO.search(r.text.lower()))) and not (
            r.services or r.date or r.time or r.window
                                          or r.time_of_day or r.vehicle or r.has_lead_facts
                                          or r.has_contact_facts):
        # "is there someone who could drive me home (after I drop it off)?" asks about the
        # shuttle, it books nothing
        return "faq", max(rule_confidence, 0.8)
    if rule == "faq" and r.is_question and "inventory_question" in r.flags and model in {
            "book", "provide_info"}:
        return rule, rule_confidence  # "is the black F-150 still gonna be on the lot next week?"
    if model == "faq" and (r.services or r.appointment_type) and not r.is_question and not (
            _QUESTION_START.match(r.text.lower()) or {"price_question", "inventory_question"} & r.flags):
        return rule, rule_confidence  # "once I drop off the truck for a new battery" asks nothing
    if _PAUSE_ONLY.fullmatch(r.text.lower()):
        return "hold", max(p, 0.8)  # "one moment please": nothing else said
    place = _WRONG_PLACE.search(r.text.lower()) is not None
    if model == "wrong_number" and ((p < 0.8 and not (p >= 0.3 and place)) or r.services
                                    or (r.vehicle and not place) or r.has_booking_facts
                                    or re.search(r"\b(?:my|our) (?:car|truck|vehicle|appointment|"
                                                 r"house|home|agent)\b", r.text.lower())):
        return rule, rule_confidence  # a wrong number ends the call: only when it surely is one
    if model == "wrong_number" and place and p >= 0.5:
        # "no no, I meant to reach the Honda place, not you guys": more than a "no" to the
        # question asked, it says the caller (or the callee) is not who we think
        return model, p
    if model in {"reschedule", "cancel"} and not _CHANGE_CUE.search(r.text.lower()):
        return rule, rule_confidence  # "can I come Saturday at 9?" books; it changes nothing
    if model == "lookup_appointment" and not _LOOKUP_CUE.search(r.text.lower()):
        return rule, rule_confidence  # "what time do you open?" asks the hours, not "my time"
    if model == "lookup_appointment" and p >= 0.5 and (not (
            r.services and rule == "book" and not r.is_question) or _ASKS_OWN.search(r.text.lower())):
        return model, p  # "when's my oil change again?" asks about one already booked
    if awaiting in {None, "anything_else"} and _CANCEL_ASK.search(r.text.lower()) and not (
            _KEEP_IT.search(r.text.lower())) and model not in {"do_not_call", "escalation",
                                                               "wrong_number"}:
        return "cancel", max(p, 0.6)  # "…we had a showing set up, can you cancel it?"
    if model == "do_not_call" and p >= 0.6 and rule != "escalation":
        return "do_not_call", p  # "we already bought, so don't ring again": the request wins
    if rule in _RULES_FIRST:
        # The patterns name these exactly; the model may overrule only with near certainty,
        # and never to turn a request to stop calling into anything else.
        if rule != "do_not_call" and p >= 0.9 and model not in {"unknown", "provide_info"}:
            return model, p
        if rule == "escalation" and model == "bot_check" and p >= 0.6:
            return model, p  # "is this a real person?" asks; the answer offers one anyway
        return rule, rule_confidence
    if answered:
        return rule, rule_confidence  # "Tuesday" after "what day?" is the answer, whatever else
    if model in {"reschedule", "cancel"}:  # its words are there (checked above)
        # "that battery swap tomorrow, bump it to Friday"
        return (model, p) if p >= 0.5 else (rule, rule_confidence)
    if rule == "book" and (r.services or r.appointment_type) and (r.date or r.time):
        return rule, rule_confidence  # a service and a day: a booking, whatever it sounds like
    threshold = {"do_not_call": 0.6, "escalation": 0.8, "chitchat": 0.6, "unknown": 0.6,
                 "objection_have_agent": 0.6, "objection_not_interested": 0.6,
                 "objection_price": 0.6, "objection_busy": 0.6}.get(model, 0.5)
    if model.startswith("objection") and model != "objection_busy" and (
            r.date or r.time or r.budget or r.location or r.lead_intent):
        threshold = 0.95  # "I'm looking for an apartment to rent" gives a fact, it objects to nothing
    if rule == "book" and model.startswith("objection") and r.services and (
            model != "objection_busy"):
        threshold = 1.1  # "just the oil change. I don't need the tires": it asks for the oil
    elif rule == "book" and model.startswith("objection") and not (r.date or r.time):
        threshold = 0.8  # "my agent already set up showings for us"
    elif rule == "book" and model not in {"faq", "reschedule", "cancel"} | _NEW_ACTS:
        threshold = 1.1  # the booking words stand
    if model in {"chitchat", "unknown", "greeting"} and (
            r.has_contact_facts or r.services or r.budget or r.location or r.vehicle
            or r.lead_intent or (r.time and model == "greeting")):
        threshold = 1.1  # small talk or a hello never hides a fact the caller gave
    if model == "goodbye" and (r.date or r.time or r.services or r.appointment_type):
        threshold = 1.1  # "okay good. Saturday at nine then" goes on; it does not hang up
    if rule == "lead" and model in {"book", "provide_info", "faq", "affirm"}:
        threshold = 1.1  # "I want to sell my house": the lead talk comes first
    if rule == "unknown" and model != "unknown":
        threshold = min(threshold, 0.35)
    if p >= threshold:
        return model, p
    return rule, rule_confidence


_YES_NO = {"confirm_booking", "offer_appointment", "offer_callback", "anything_else",
           "permission", "pick_alternative"}
_KEEP_IT = re.compile(r"\b(?:keep (?:it|that|the|my)|leave (?:it|that)|never ?mind|"
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
        moved_on = u.has_lead_facts or u.has_booking_facts or u.vehicle is not None
        return ((u.affirm or u.deny) and not moved_on) or u.phone is not None
    if awaiting == "permission":
        return u.affirm or u.deny  # "try me tomorrow afternoon" asks for a callback
    if awaiting == "which_appointment":
        return timeish or bool(u.services or u.appointment_type or u.deny or re.search(
            r"\b(?:first|second|earlier|later|last|other|former|latter|both|either)\b",
            without_pauses(u.text.lower())))
    if awaiting == "confirm_change":
        return u.affirm or u.deny or timeish or bool(_KEEP_IT.search(u.text.lower()))
    if awaiting == "anything_else" and (u.has_lead_facts or u.date or u.time or u.window
                                        or u.vehicle or u.appointment_type):
        return False  # "okay, great — we're looking in Pflugerville…" is a new request
    if awaiting in _YES_NO:
        return u.affirm or u.deny or timeish or bool(u.services) or (
            awaiting == "pick_alternative" and bool(re.search(
                r"\b(?:first|second|earlier|later|last|other|former|latter)\b",
                without_pauses(u.text.lower()))))
    return False



_LEAD_FILLER = re.compile(r"^(?:(?:sorry(?: to (?:cut you off|interrupt))?|oh|um+|uh+|er|well|so|"
                          r"wait|hold on|hmm+|ah|okay so)[,.!\s]+)+")
_FLEXIBLE = re.compile(
    r"\b(?:(?:i )?don'?t (?:really )?know|not sure|any ?(?:day|time)|anytime|whenever|"
    r"what(?:ever)?(?:'s| is)? (?:open|available|soonest|earliest)|earliest|soonest|first available|"
    r"next available|you tell me|doesn'?t matter|i'?m flexible|pretty flexible|whatever works)\b")
"""The caller leaves the day or time to the agent."""
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
    if r.is_question and r.time is None and _HOURS_LIMIT.search(r.text.lower()):
        return "faq", 0.9  # "how late can I bring it in Friday?" asks the hours, books nothing
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
