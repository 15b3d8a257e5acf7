"""Rules for a booking on file the caller was just told of: kept, moved, added to, cancelled, or
a new visit beside it. The router asks these; they read the caller's words and the desk's state."""

from __future__ import annotations

import re
from datetime import date, time

from frontdesk.brain.agents.appointment_words import STANDS
from frontdesk.brain.agents.booking_state import resume_prompt, visit_told
from frontdesk.brain.agents.move_target import told_one
from frontdesk.brain.nlu import Understanding
from frontdesk.brain.nlu.cues import CHANGE_CUE, NEW_BOOKING_ASKED
from frontdesk.brain.nlu.relative import SHIFT
from frontdesk.brain.nlu.understand import ADD_ON
from frontdesk.brain.state import ConversationState
from frontdesk.knowledge.profile import BusinessProfile

_CALL_BACK = re.compile(r"\b(?:call (?:me|us)? ?back|callback|give (?:me|us) a (?:call|ring)|"
                        r"(?:call|ring) me (?:tomorrow|later|this|tonight|in the))\b")
ANOTHER_VISIT = re.compile(r"\b(?:another|a second|one more|an extra) (?:showing|appointment|one|visit|"
                           r"house|home|tour|place|property)\b")
"""A visit beside the one on file, said in so many words ("could we add another showing?")."""
_OF_IT = re.compile(r"\b(?:it|that|instead|later|earlier|sooner|same day|same time|move|push|bump|slide|"
                    r"anything|any (?:openings?|time|slots?)|something|how about|what about|"
                    # "could we do after lunch, say one thirty?" said of the one just told
                    r"(?:can|could) (?:we|you|y'?all|you guys) (?:do|make)|"
                    r"(?:can|could) (?:we|i) (?:come|go)|"
                    # "i cant do wednesday no more whatever yall got thursday is fine"
                    r"(?:can'?t|cannot|won'?t) (?:do|make)|no more|any ?more|"
                    r"whatever (?:you|y'?all|ya) (?:got|have))\b")
"""Words that point at the visit just told ("could we do after lunch?")."""
_ADD_THAT = re.compile(r"\b(?:add|throw|tack|put) (?:that|it|them|one)(?: on| in)?\b")
"""More work said by a word for the one just asked about ("go ahead and add that on")."""


def another_day_for_the_one_told(s: ConversationState, u: Understanding, intent: str) -> bool:
    """Told when their visit is, the caller names another day or hour and asks for nothing new: that
    visit moved."""
    told = told_one(s)
    said_before = next((m.content.lower() for m in reversed(s.messages) if m.role == "user"), "")
    return told is not None and just_told(s) and s.awaiting in {None, "anything_else"} and (
        intent in {"provide_info", "unknown", "book"}) and bool(u.date or u.time) and not (
        u.services or u.appointment_type or u.vehicle or u.has_lead_facts or u.is_question or u.acts
        or "?" in said_before or any(
            pattern.search(said) for said in (u.text.lower(), said_before)
            for pattern in (NEW_BOOKING_ASKED, _ALSO, ANOTHER_VISIT, STANDS, _STILL_ON))) and (
        (u.date.isoformat() if u.date else told.scheduled_date) != told.scheduled_date
        or (u.time is not None and u.time.strftime("%H:%M") != told.scheduled_time[:5]))


THAT_ONE_TOO = re.compile(r"\b(?:that|this|the other) (?:one|house|home|place|car|truck|property) "
                           r"(?:too|as well)\b")
"""Another thing to see besides the visit on file, pointed at ("can we see that one too?")."""
_STILL_ON = re.compile(r"\b(?:still|definitely|confirm\w*|forgot|remember|right\?)")
"""The visit checked, not changed ("and it's definitely tomorrow?", "that's still Thursday, right?")."""
_ALSO = re.compile(r"\b(?:also|another|second|too|as well|for (?:my|our|his|her))\b")
"""A second visit or another car, said beside the day ("also Monday at nine", "for my wife's car")."""


PUT_AT = re.compile(r"\b(?:put|make|have|switch|move|do|bump|slide|get)\b[^.?!]{0,30}\b(?:at|to|on|for)\b")
"""A booking put at another time ("could you put my Prius at eight too")."""
SAME_OUTING = re.compile(r"\b(?:right )?(?:after|before) (?:that|it|that one|this one|ours)\b|"
                          # "while we're coming in anyway, … on my car at the same time?"
                          r"\bwhile (?:we'?re|i'?m|we are|i am) coming (?:in|out|by)(?: anyway)?\b|"
                          r"\bat the same time\b|"
                          r"\bright (?:after|before)\b|"
                          r"\b(?:that|the) same (?:day|morning|afternoon|evening)\b|"
                          r"\bwhile (?:i'?m|we'?re|i am|we are) (?:out )?there\b")
"""The day of the visit on file, for one beside it ("right after, like at two")."""


def moves_on_from_the_cancel(s: ConversationState, u: Understanding) -> bool:
    """At the cancel read back, the caller asks for something new (another visit with its day, a
    call back) without a yes, a no or a keep, after asking to cancel in so many words."""
    if not (s.awaiting == "confirm_change" and s.awaiting_agent == "appointments"
            and s.desk.action == "cancel") or u.deny or u.affirm or _KEEPS_IT.search(u.text.lower()) or (
            # "keep the oil change, yeah, Thursday's still good": one on file said to stand
            # (not "… could we keep the same time? Tuesday at two?": the new visit's hour)
            re.search(r"\b(?:keep(?! (?:the )?same (?:time|day|slot|hour))|leave|still (?:good|on|fine)|"
                      r"stays?)\b",
                      u.text.lower())):
        return False
    asked = [m.content.lower() for m in s.messages[:-1] if m.role == "user"]
    if not any(CANCEL_IT.search(said) or CANCEL_SAID.search(said) for said in asked):
        return False
    queued = {item.split(" ")[1] for item in s.desk.queued if item.startswith("move ")}
    if queued & {*u.services, u.appointment_type}:
        return False  # "yeah saturday eleven for the consultation": the move asked with the cancel, next
    chosen = next((a for a in s.desk.found if a.id == s.desk.chosen), None)
    new_visit = u.intent == "book" and bool(u.date or u.time) and bool(u.services or u.appointment_type) and (
        chosen is None or bool(set(u.services) - {chosen.service_type})
        or (u.appointment_type is not None and not u.services and (
            u.date is None or u.date.isoformat() != chosen.scheduled_date
            # "… just sit down with an agent instead … keep the same time?": another kind of visit
            or (u.appointment_type != chosen.appointment_type and "instead" in u.text.lower()))))
    return new_visit or (u.intent == "objection_busy" and "call_asked" in u.flags)


CANCEL_SAID = re.compile(r"(?<!n't )(?<!not )\b(?:i'?ll|i will|i'?m gonna|we'?ll|i (?:wanna|want to|need to|"
                          r"gotta|have to)|we (?:wanna|want to|need to|gotta|have to)|y'?all can|"
                          r"you guys can) "
                          r"(?:go ahead and |just )?cancel\b")
"""The caller's own words for a cancel ("I think I'll cancel for now", "y'all can cancel that")."""


def names_one_on_file(s: ConversationState, u: Understanding) -> bool:
    """Before any booking on file was told, the caller's words name one by its kind (service or
    visit) or car, and its day, and ask for nothing beside it."""
    kinds = set(u.services) | ({u.appointment_type} if u.appointment_type not in {None, "service"} else set())
    asks_when = re.search(r"\b(?:when(?:'s| is| was)|what (?:time|day) (?:is|was))\b", u.text.lower())
    if not s.on_file or s.desk.found or s.appointment is not None or s.booking_slots.under_way() or (
            u.date is None and not asks_when) or not (
            kinds or (u.vehicle and u.vehicle.model)) or NEW_BOOKING_ASKED.search(u.text.lower()) or (
            ADD_ON.search(u.text.lower())):
        return False
    that_day = [a for a in s.on_file if (u.date is None or a.scheduled_date == u.date.isoformat())
                and (u.time is None or a.scheduled_time == u.time.strftime("%H:%M"))]
    if not that_day and u.date is not None:
        # "I'm driving the Camry … on Tuesday, right?" of next week's Tuesday: its weekday names it
        that_day = [a for a in s.on_file if 0 < (date.fromisoformat(a.scheduled_date) - u.date).days <= 7
                    and date.fromisoformat(a.scheduled_date).weekday() == u.date.weekday()
                    and (u.time is None or a.scheduled_time == u.time.strftime("%H:%M"))]
    have = {k for a in that_day for k in (a.service_type, a.appointment_type, *a.services) if k}
    cars = " ".join((a.vehicle or "").lower() for a in that_day)
    if not kinds:  # a car alone names a booking only when the booking has that car
        return bool(u.vehicle and u.vehicle.model and u.vehicle.model.lower() in cars)
    return bool(that_day) and kinds <= have and not (
        u.vehicle and u.vehicle.model and cars.strip() and u.vehicle.model.lower() not in cars)


def just_told(s: ConversationState) -> bool:
    """The caller was just told when their appointment is, and nothing else is under way."""
    return bool(s.desk.found) and s.desk.last_done("told") and (
        s.awaiting == "anything_else" or (s.awaiting_agent in {"qualification", "objection", "greeting"}
                                          and s.appointment is None and not resume_prompt(s)))


def adds_to_the_one_told(s: ConversationState, u: Understanding, profile: BusinessProfile) -> bool:
    """Just told of one service visit, the caller asks for more work on it ("can y'all rotate the
    tires too while it's in there?"): that work, booked for the same drop-off."""
    told = visit_told(s)
    if told is not None and not u.services and s.recent_services[:1] and (
            told.service_type not in s.recent_services[:1]) and _ADD_THAT.search(u.text.lower()):
        u.services = s.recent_services[:1]  # asked its price: "okay, yeah, go ahead and add that on"
    return (told is not None and profile.kind == "dealership" and bool(u.services)
            and told.service_type not in u.services and not u.deny
            and u.intent in {"book", "provide_info", "faq", "unknown", "affirm"}
            and "price_question" not in u.flags and ADD_ON.search(u.text.lower()) is not None
            and not (u.date and u.date.isoformat() != told.scheduled_date))


def keeps_the_one_told(s: ConversationState, u: Understanding) -> bool:
    """Just told when it is, the caller keeps it: names its own day, or says to leave it."""
    if u.intent == "faq" and {"faq_topic", "price_question"} & u.flags:
        return False  # "four, ok, leave it like that. and what do y'all charge, percentage wise?": asked
    keeps = _KEEPS_IT.search(u.text.lower()) is not None
    other_kind = u.appointment_type is not None and u.appointment_type not in {
        a.appointment_type for a in s.desk.found} and NEW_BOOKING_ASKED.search(u.text.lower()) is not None
    # (its own work said back: of the one on the day said, or of the only one told; not "can his
    # rotation be the same time as mine … on the 11th?", another's moved to that day)
    own_work = {k for a in s.desk.found for k in (a.service_type, *a.services) if k and (
        a.scheduled_date == u.date.isoformat() if u.date else len(s.desk.found) == 1)}
    # ("yeah Friday afternoon, the oil. so we're good then?": its own work named back)
    if not just_told(s) or (u.is_question and not keeps) or (set(u.services) - own_work) or other_kind or (
            u.intent in {
            "cancel", "reschedule", "escalation", "do_not_call"}) or (
            # "my truck's inspection, Friday at three — can that go to Saturday?": named to be moved
            not keeps and A_CHANGE.search(u.text.lower()) and len(re.findall(
                r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|\btomorrow\b", u.text.lower())) >= 2):
        return False
    # its own weekday ("keep me down for Tuesday" of the Tuesday after next), unless a change is
    # asked ("could you make it the same time next week, tuesday at ten")
    same_day = u.date is not None and any(
        date.fromisoformat(a.scheduled_date) == u.date or (
            date.fromisoformat(a.scheduled_date).weekday() == u.date.weekday()
            and not A_CHANGE.search(u.text.lower())) for a in s.desk.found)
    same_time = any(a.scheduled_time == u.time.strftime("%H:%M") for a in s.desk.found) if u.time else (
        # ("could she come first thing monday morning instead", told of Monday evening: another part)
        u.window is None or any(u.window.start <= time.fromisoformat(a.scheduled_time) < u.window.end
                                for a in s.desk.found))
    # ("five thirty. ha, I told him. okay, thank you": its own hour said back, nothing changed)
    return same_time and (same_day or keeps or (
        u.date is None and u.time is not None and not A_CHANGE.search(u.text.lower())))


def changes_the_one_told(s: ConversationState, u: Understanding) -> bool:
    """Just told when their appointment is, the caller gives another time for it (at once, or
    after a word about why: "I'm not ready, the house isn't ready … could you make it the same
    time next week?"), with nothing else under way."""
    if "call_asked" in u.flags or _CALL_BACK.search(u.text.lower()):
        return False  # "… could somebody give me a call back tomorrow morning?": a call, not a move
    if "defers" in u.flags and not CHANGE_CUE.search(u.text.lower()):
        return False  # "Saturday then, maybe. I'll talk it over with my wife first": nothing to move yet
    if ONE_MORE_ON.search(u.text.lower()):
        return False  # "I just found another one I love … could we tack that one on right after?"
    return just_told(s) and bool(u.date or u.time or u.time_of_day or u.window
                             or SHIFT.search(u.text.lower())) and (
        u.intent in {"book", "provide_info", "faq", "unknown", "affirm"} or (
            u.intent == "objection_busy" and bool(u.date or u.time)) or (
            # "ten in the morning? no, that's no good … can you make it two like I thought?"
            u.intent == "deny" and bool(u.date or u.time) and re.search(
                r"\b(?:make|move|change|switch|push|do) (?:it|that)\b|\binstead\b", u.text.lower())) or (
            # "could she come first thing monday morning instead": its own day, another hour
            u.intent == "lookup_appointment" and re.search(r"\b(?:instead|earlier|later|sooner)\b",
                                                           u.text.lower()))) and not (
        set(u.services) - {a.service_type for a in s.desk.found}) and not (
        u.appointment_type and u.appointment_type not in {a.appointment_type for a in s.desk.found}) and bool(
        _OF_IT.search(u.text.lower()) or any(
            _CANT_MAKE.search(m.content.lower()) for m in s.messages[-6:] if m.role == "user")) and not (
        # ("can we keep it Monday but do it after lunch instead? one o'clock?": the day kept, the hour not)
        _KEEPS_IT.search(u.text.lower()) and not re.search(r"\b(?:instead|but|earlier|later|sooner)\b",
                                                         u.text.lower())) and not (
        # "keep me down for Tuesday", "see you Saturday": the day it already is
        u.date is not None and u.time is None and not (u.time_of_day or u.window) and any(
            date.fromisoformat(a.scheduled_date).weekday() == u.date.weekday() for a in s.desk.found))


BOUGHT_ELSEWHERE = re.compile(r"\b(?:got|had) (?:an|our|my|the) offer accepted\b|"
                              r"\b(?:we'?re|we are|i'?m|i am) (?:now )?under contract\b|"
                              r"\b(?:found|bought) (?:a|another) (?:other |different )?"
                              r"(?:place|house|home|condo)\b")
"""The caller found their home elsewhere: the showing or meeting on file is no longer needed."""
ONE_MORE_ON = re.compile(r"\btack(?:ed|ing)? (?:(?:that|this|it|one|another|them)\s+){0,2}on\b|"
                          r"\badd (?:that|this|another)(?: one)?(?: on)?\b|"
                          r"\b(?:squeeze|fit|work) (?:that|this|another) (?:one )?in\b")
"""One more visit put beside the one on file ("could we tack that one on right after?")."""
_CANT_MAKE = re.compile(r"\b(?:not looking (?:good|great)|"
                        r"(?:can'?t|cannot|won'?t be able to) make (?:it|that)|"
                        r"(?:doesn'?t|does not|won'?t|not gonna|isn'?t gonna|ain'?t gonna) work(?: out)?|"
                        r"something(?:'s)? came up|no good (?:for|anymore))\b")
"""Said of the booking on file earlier in the call ("that Saturday's not looking good anymore"): a
day and hour given after it are its new ones."""


CANCEL_IT = re.compile(r"(?<!n't )(?<!not )\b(?:(?:you can|go ahead and|please|just) cancel|"
                        # "she went back up to college so scratch the elantra" ("scratch that": a correction)
                        r"scratch (?:the|my|her|his|our) (?!(?:mon|tues|wednes|thurs|fri|satur|sun)day)|"
                        r"cancel (?:it|that|"
                        r"the|my|this)|scrap (?:it|that|the)|call (?:it|that) off|"
                        # ("I'll drop it before work": the car, left with us)
                        r"(?:get rid of|drop|nix|ditch) (?:it|that|the|my)\b(?![^.?!]{0,20}\boff\b)"
                        r"(?! (?:before|after|on (?:my|the) way|at|by|in|early|first thing|there|when)\b)|"
                        # "the ten-thirty one we're gonna skip"
                        r"(?:gonna|going to|wanna|want to|'ll|will|gotta|just|can) skip"
                        r"(?! (?:the line|breakfast|lunch|work|school|class|town)))\b")
A_CHANGE = re.compile(r"\b(?:next week|following|a week|make it|move|push|bump|slide|instead|change|switch|"
                       r"reschedule|later|earlier|sooner|(?:can|could) (?:that|it|we) (?:go|be) (?:to|on)|"
                       r"go to)\b")
_KEEPS_IT = re.compile(r"\b(?:keep (?:me|us|it|that|her|him)(?: down)?(?: for| on| as is| where it is)?|"
                       r"leave (?:it|that|me|us)(?: where it is| as is| alone| be| like that)|"
                       r"(?:it|that) stays|stays (?:put|the same|as is)|see (?:you|y'?all) (?:then|there|on)|"
                       r"no (?:need to|reason to) (?:change|move)|"
                       r"don'?t (?:change|move|cancel) (?:it|anything)|"
                       r"(?:we'?re|i'?m) (?:still )?coming|don'?t give (?:my|our|the) (?:spot|slot) away)\b")
"""The appointment just told, kept as it is ("if it's Wednesday, that's fine, just leave it where it is")."""
