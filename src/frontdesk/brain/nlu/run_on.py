"""Questions run on into a request, the way speech comes out: "I'd like to book an oil change, but
first — where are you located?", "i need a tire rotation friday around three and uh while its
there how much is a state inspection", "i wanna come in and talk to somebody about buying in
austin where is yalls office at".

A transcript has no stop before the question, and a speaker often none either; read whole, the
request wins and the question is lost. :func:`split_run_on_ask` cuts such a clause in two when the
head says something of its own (a request, facts) and the tail reads as a question the business
can answer, so each is handled in turn (the question first, as an aside).
"""

from __future__ import annotations

import re
from datetime import date

from frontdesk.brain.nlu.on_file import STATES_OWN
from frontdesk.brain.nlu.read import read
from frontdesk.brain.nlu.understanding import Understanding
from frontdesk.knowledge.profile import BusinessProfile

_JOIN = (r"(?:and|so|but|oh|also|um+|uh+|like|first|though|then|real quick|quick question|"
         r"while (?:it'?s|its|i'?m|we'?re|he'?s|she'?s) (?:there|in there|at it|in|on the phone)|"
         r"(?:i|we) (?:was|were) wondering|(?:i|we) wanted to (?:know|ask)|(?:i|we) wanna (?:know|ask)|"
         r"(?:i|we) (?:forgot|meant|needed|never got) to ask|"
         r"(?:i'?d|we'?d) like to know|can you tell me|could you tell me)")
_ASK = (r"how much|how long|how late|how early|"
        r"where (?:exactly |abouts )?(?:are|is|r) (?:you|y'?all|yall|ya|your|the)\b|"
        r"where y'?all\b|where(?:'s| is) (?:the|your|y'?all'?s|yalls) |"
        r"what time (?:do|does|are|is|y'?all|you)\b|"
        r"what(?:'s| is|s) (?:the|your|y'?all'?s|yalls) (?:address|commission|fee|hours|rate)\b|"
        r"do (?:you|y'?all|yall|ya)(?: guys| all)? (?:have|do|take|offer|work|charge|need|close|open|"
        r"provide|give)\b|are (?:you|y'?all|yall)(?: guys| all)? (?:open|around|closed|even open)\b|"
        r"is there (?:a|an|any)\b|does (?:it|that|this) (?:take|cost|come|run)\b|"
        r"do (?:i|we) (?:need|have) to\b|what (?:does|do) (?:it|that|they|y'?all|you) (?:cost|run|charge)\b|"
        r"what (?:that|it|this|one)(?:'?ll| will| would| is gonna|'?s gonna| gonna| is going to| usually)? "
        r"(?:runs?|costs?)\b|what'?s (?:that|it|this|one)(?: gonna| going to)? (?:run|cost)\b|"
        r"what (?:do|does|would|will) (?:you|y'?all|yall|ya)(?: guys| all)? (?:charge|want|ask)\b")
_RUN_ON = re.compile(rf"(?<=[a-z0-9'])(?:[\s,;:—–-]+{_JOIN}\b)*[\s,;:—–-]+(?={_ASK})", re.I)
"""Where a question starts inside a clause, after the words that lead into it."""
_ASKING = re.compile(r"\b(?:what|how|where|when|which|why|who|or|either|if|whether)\W*$", re.I)
"""A head that the question belongs to ("… what do you charge", "… or do we have to book one?")."""
CONDITION = re.compile(r"\W*(?:(?:and|so|but|oh|um+|uh+|like)\W+)*(?:if|when|in case|whether|since|because|"
                       r"'?cause|cuz|once|after|before|for|about|as for|regarding|with|"
                       r"(?:just )?to (?!be honest|tell you)\w+)\b", re.I)
"""A head that is the question's own condition or topic ("and if it turns out to be a big repair do y'all
…", "and for an oil change, do I need to make an appointment?")."""
ECHOED = re.compile(r"\b(?:you said|did you say|was it|was that)\b|\bwhat\W*$")
"""A word caught and echoed back, asking for the rest ("ten what?", "negotiable, you said?")."""

_WHAT_FOR = frozenset({"book", "reschedule", "cancel", "lookup_appointment"})
"""What a head must ask for, or else state facts, to be read apart ("your commission, does that
come out at closing?" is one question, its topic said first)."""


def split_run_on_ask(clause: str, profile: BusinessProfile, today: date, awaiting: str | None) -> list[str]:
    """The clause, or its request and the question run on after it (see the module's doc). A
    question about a booking on file stays whole when its head alone would read as a change."""
    whole = None
    for found in _RUN_ON.finditer(clause):
        head, tail = clause[: found.start()].strip(" ,;:—–-"), clause[found.end():].strip()
        if len(head.split()) < 4 or len(tail.split()) < 3 or _ASKING.search(head) or CONDITION.match(head):
            continue
        asked = read(tail, profile, today, awaiting)
        if not (asked.is_question or tail.rstrip().endswith("?")) or not (
                asked.intent == "faq" or asked.flags & {"faq_topic", "price_question", "hours_question"}):
            continue
        whole = whole or read(clause, profile, today, awaiting)
        said = read(head, profile, today, awaiting)
        if whole.intent == "lookup_appointment" and said.intent in {"cancel", "reschedule"}:
            return [clause]  # ("we've got a showing thursday, and … do we need to bring …": no cancel)
        if said.intent not in _WHAT_FOR and not (
                said.services or said.has_booking_facts or said.has_lead_facts or said.appointment_type):
            continue
        return [f"{head}.", tail if tail.endswith("?") else f"{tail}?"]
    return [clause]


def asked_after_own(text: str, profile: BusinessProfile, today: date,
                     awaiting: str | None) -> Understanding | None:
    """What is asked in the words after a booking on file is told ("we already have the listing
    appointment on thursday … so can we set up the buyer consultation too"), read alone."""
    own = STATES_OWN.search(text.lower())
    join = re.search(r"\b(?:and|so|but)\b", text.lower()[own.end():]) if own else None
    return read(text[own.end() + join.end():], profile, today, awaiting) if own and join else None


_ASKS_FROM_START = re.compile(r"\W*(?:(?:and|also|so|oh|um+|uh+)\W+)*(?:"
                              r"(?:how|what|where|when|which|who|why)(?:'s)? "
                              r"(?:is|are|do|does|did|long|much|many|time|can|could|will|would|y'?all)|"
                              r"(?:do|does|is|are|can|could|will|would) "
                              r"(?:you|y'?all|ya|i|we|it|there|they))\b")
"""A clause that is a question of its own from its first word ("how long is it gonna take",
"and also how much do y'all charge for rotating tires"): two of them are two questions."""


def merge_questions(asides: list[Understanding], profile: BusinessProfile, today: date,
                     awaiting: str | None) -> list[Understanding]:
    """Clauses of one question asked in pieces ("If I have work done with you, is it
    guaranteed, like for how long?") are read as one question."""
    merged: list[Understanding] = []
    for aside in asides:
        short = len(aside.text.split()) <= 3 and aside.text.rstrip().endswith("?")
        whole_two = not short and len(aside.text.split()) >= 4 and all(
            _ASKS_FROM_START.match(a.text.lower()) for a in (merged[-1:] or [aside]) + [aside])
        if merged and merged[-1].intent == "faq" and (aside.intent == "faq" or short) and (
                not merged[-1].text.rstrip().endswith("?") or short) and not whole_two:
            # "open saturday? till when?": one question in two breaths
            joined = read(f"{merged[-1].text}, {aside.text}", profile, today, awaiting)
            if joined.intent == "faq":
                merged[-1] = joined
                continue
        merged.append(aside)
    return merged
