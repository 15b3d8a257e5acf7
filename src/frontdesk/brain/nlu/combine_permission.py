"""The rules of :func:`~frontdesk.brain.nlu.combine.combine` for the answer to our own call's
"do you have a minute?": someone else at home is the one to reach, the callee is busy (and says
when to try again), or the callee agrees in passing and the call goes on; and for a call back
asked first thing in answer to "what day works?"."""

from __future__ import annotations

import re

from frontdesk.brain.nlu.callee import BUSY_UNTIL, CALLEE_AWAY, LEAD_ELSEWHERE
from frontdesk.brain.nlu.combine_words import AGREES_IN_PASSING
from frontdesk.brain.nlu.cues import BUSY_CUE
from frontdesk.brain.nlu.understanding import Understanding

_NOT_NOW = re.compile(r"\b(?:not (?:a |the |really a )?(?:great|good|best) (?:time|moment)|"
                      r"(?:on|got|have) (?:the |another |an?other )?(?:other )?(?:line|call)|"
                      r"at (?:my |the |a )?(?:work|job|gym|game|practice|doctor|dentist|store|kid'?s? \w+)|"
                      r"can'?t (?:really )?(?:talk|chat)|in (?:a|the middle of a) meeting|driving)\b")
"""The callee says now is no good ("not a great time, I'm at my kid's game", "I'm on the other
line"): a day or hour said with it is when to call again, not a visit."""


_CALL_BACK_THEN = re.compile(r"\W*(?:(?:just|please|maybe|yeah|yes|um+|uh+|so|ok(?:ay)?|well)\W+)*"
                             r"(?:(?:can|could|would) (?:you|y'?all|someone|somebody) (?:just )?)?"
                             r"(?:call|ring|try) (?:(?:me|us|her|him|them) )?(?:back|again)\b")
"""A call back asked in so many words, first thing ("call back Tuesday evening when she's home")."""
_QUALIFYING = {"permission", "intent", "timeline", "budget", "location", "financing", "appointment_type",
               "offer_appointment"}
"""What our own call asks before anything is booked."""


_WHICH_SOURCE = re.compile(r"\b(?:what|which|whose) (?:web ?site|site|form|ad|listing|page|app)\b|"
                           r"\bwhere (?:did|do) (?:you|y'?all) (?:get|find|see) (?:me|us|this|that)\b|"
                           # "due according to who?", "who says it's due?": how we know of them
                           r"\bdue (?:according to|based on) (?:who|whom|what)\b|\b(?:who|what) says\b")
"""Where we got the callee, asked ("what website?", "which form was that?")."""
_ONLY_DOUBTED = re.compile(r"\b(?:(?:are|r) (?:you|u|y'?all) sure|"
                           r"(?:do|did) (?:you|y'?all) (?:have|get) the right|"
                           r"(?:got|have) the right (?:person|number|one|guy|lady)|"
                           r"(?:don'?t|do not) (?:think|believe) (?:i'?ve|i have|we'?ve|we have) (?:ever )?"
                           r"(?:been|heard|used|gone)|(?:don'?t|do not) (?:remember|recall))\b")
"""The callee doubts we have the right person, and asks ("are you sure you've got the right person?")."""
_DENIES = re.compile(r"\b(?:wrong number|no (?:one|body) (?:here |by that name|named|called)|"
                     r"(?:isn'?t|not) (?:me|here|my name)|there'?s no \w+ (?:here|at this number)|"
                     r"(?:doesn'?t|does not) live here|"
                     r"never heard of (?:him|her|them))\b")
"""The callee says we do have the wrong person ("there's no Pat here")."""


def at_permission(r: Understanding, model: str, p: float, awaiting: str | None) -> tuple[str, float] | None:
    """The intent of an answer to "do you have a minute?" (or "is it buying or selling?" on our
    call) when one of these rules decides it; None otherwise."""
    said = r.text.lower()
    if awaiting in {"permission", "intent"} and LEAD_ELSEWHERE.search(said) and not (
            r.has_lead_facts or r.services or r.appointment_type or r.date or r.time):
        return "objection_busy", 0.85  # "the houses? oh, that's all my wife": she is the one to reach
    if awaiting in _QUALIFYING and _CALL_BACK_THEN.match(said) and (r.date or r.time or r.window) and not (
            r.services or r.appointment_type):
        # "call back Tuesday evening when she's home, like six-thirty", asked buying or selling
        return "objection_busy", 0.85
    if awaiting != "permission":
        return None
    if _WHICH_SOURCE.search(said) and not (r.has_lead_facts or r.services or r.date or r.time) and (
            model not in {"do_not_call", "wrong_number", "objection_not_interested", "escalation"}):
        return "how_got_number", 0.85  # "what website?", "which form was that?": where we got them
    if _ONLY_DOUBTED.search(said) and not _DENIES.search(said) and model not in {
            "do_not_call", "objection_busy", "objection_not_interested", "escalation", "how_got_number"}:
        # "Riverside? I don't think I've ever been there. are you sure you've got the right person?":
        # doubt, asked; who we are and why we call is the answer, not the call ended
        return "identity", 0.8
    if not (r.affirm or r.deny or r.services or r.appointment_type or r.has_lead_facts) and (
            CALLEE_AWAY.search(said) or BUSY_UNTIL.search(said)):
        # "she's at the gym till tonight", "I'm on a job site till four thirty": call later
        return "objection_busy", 0.85
    if model == "objection_busy" and p >= 0.9 and (_NOT_NOW.search(said) or BUSY_CUE.search(said)) and not (
            r.affirm or r.services or r.appointment_type or r.has_lead_facts):
        # "not a great time, I'm at my kid's game. can you try Monday? afternoons are better",
        # "oh gosh, I'm on the other line. this evening maybe? six-ish?": when to call again
        return "objection_busy", p
    if AGREES_IN_PASSING.search(said) and "?" not in r.text and not (
            r.deny or r.is_question or "objection_busy" in r.flags or model in {
                "objection_busy", "do_not_call", "wrong_number", "objection_not_interested",
                "objection_have_agent", "identity", "how_got_number", "bot_check", "line_check"}):
        r.affirm = True
        return "affirm", 0.8  # "oh, Riverside. yeah, I'm probably overdue, honestly": go on
    return None


_CALL_BACK_FIRST = re.compile(
    r"\W*(?:(?:um+|uh+|well|so|ok(?:ay)?|honestly|actually|yeah)\W+)*"
    r"(?:(?:can|could|would) (?:somebody|someone|you|y'?all|you guys|one of (?:you|y'?all))"
    # ("could somebody from sales call her instead of me? tomorrow afternoon is best for her")
    r"(?: from (?:sales|service|the \w+ (?:team|desk|department)|your office))?(?: please)?"
    r"(?: just)? (?:call|ring)(?: me| us| her| him| them)? (?:back|instead)|"
    r"(?:just )?(?:have|get) (?:somebody|someone) (?:to )?(?:call|ring)(?: me| us)?(?: back)?)\b")
"""A call back asked first thing ("could somebody just call back this afternoon, after three?")."""


_CALL_EASIER = re.compile(r"\b(?:easier|better|simpler)\b[^.?!]{0,25}\b(?:if|for) "
                          r"(?:someone|somebody|you|y'?all|one of (?:you|y'?all))\b[^.?!]{0,30}"
                          r"\b(?:call|called|ring|rang)(?: (?:him|her|me|us|them))? back\b")
"""A call back asked instead, as the easier way ("it'd be easier if someone from service just called
him back")."""


def call_instead(r: Understanding, awaiting: str | None) -> tuple[str, float] | None:
    """Asked what day works, a call back asked first thing instead ("could somebody just call back
    this afternoon, after three? she's up by then"): the call, at that time; None otherwise."""
    if awaiting in {"date", "time"} and (_CALL_BACK_FIRST.match(r.text.lower()) or _CALL_EASIER.search(
            r.text.lower())) and not (r.services or r.appointment_type not in {None, "service"} or r.deny):
        r.flags.add("call_asked")  # asked in so many words, whatever the busy caller would be offered
        return "objection_busy", 0.85
    return None
