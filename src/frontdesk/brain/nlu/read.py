"""Reads one clause (or a whole message read as one): every entity in it, and its intent.

Entities come from the extractors (:mod:`.entities`, :mod:`.when`, :mod:`.lead`); the intent
from the rules and the act classifier together (:mod:`.combine`). What the agent is waiting for
(``awaiting``) biases the reading of short answers ("Tuesday", "yes", "Tom", "nine").
"""

from __future__ import annotations

import re
from datetime import date, time, timedelta
from functools import cache

from rapidfuzz import fuzz

from frontdesk.brain.nlu import clock, names, offers, other_times, refer, staff_asked, when
from frontdesk.brain.nlu import entities as ex
from frontdesk.brain.nlu.acts import NEW_ACTS, RULES_FIRST
from frontdesk.brain.nlu.asking import IF_OPEN, INDIRECT_ASK, TOLD_IN_CASE, said_with_a_tag
from frontdesk.brain.nlu.classifier import default_classifier
from frontdesk.brain.nlu.combine import combine
from frontdesk.brain.nlu.cues import (
    ANOTHER_SLOT,
    CALL_IF_NEEDED,
    CALL_ME,
    CALL_TAKEN_BACK,
    CALL_TURNED_DOWN,
    CALLBACK_DROPPED,
    CANCEL_ASK,
    CONFIRM_ASK,
    DEFERS,
    DONE_WITH_IT,
    EVERY_WEEKDAY,
    FOR_GOOD,
    FOR_THE_CALL,
    NEEDS_APPOINTMENT,
    NEVER_MIND,
    NEW_BOOKING_ASKED,
    NOT_BOOKING,
    QUESTION_START,
    SUBORDINATE,
    WALK_IN_INSTEAD,
    WHO_MEETS,
    YOU_CALL_BACK,
    asks_hours,
)
from frontdesk.brain.nlu.lead_facts import CHECKS_FACT, read_lead_facts
from frontdesk.brain.nlu.lexicon import lexicon
from frontdesk.brain.nlu.own_booking import BOOKING_FORGONE, NOTHING_ELSE, VISIT_ABOUT
from frontdesk.brain.nlu.places import BUYS_WITH_OTHERS
from frontdesk.brain.nlu.relative import LATEST
from frontdesk.brain.nlu.rule_intent import classify_by_rules
from frontdesk.brain.nlu.said import SAYS_WHAT, TOLD_CONDITION, WANTS_NOT_TO
from frontdesk.brain.nlu.text import Utterance, as_for_me, correction_tail, correction_tails, normalise
from frontdesk.brain.nlu.understanding import Understanding, answers
from frontdesk.brain.nlu.vehicles import CAR_GONE
from frontdesk.knowledge.profile import BusinessProfile


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


_LEAD_FILLER = re.compile(r"^(?:(?:(?:i'?m )?sorry(?: to (?:cut you off|interrupt))?(?: (?:dear|hon|honey|"
                          r"sweetie|darling|ma'am|sir))?|oh|um+|uh+|er|well|so|and|"
                          r"wait|hold on|hmm+|ah|okay so)[,.!\s]+)+")
_SMALL_TALK = re.compile(r"\b(?:what'?s up|what is it|what'?s this about|go ahead)\b")
"""Asks nothing of the business: "sure, what's up?" is a yes."""
_COUNT = re.compile(r"\b(?:(?:do|get|doing|need|want|for|book|schedule|knock out|take care of) )"
                    r"(?:them |those |it )?(both|all three|the two|two things|three things|a couple "
                    r"(?:of )?things)\b|\b(both|two things|a couple (?:of )?things) (?:done|at once|"
                    r"in one|the same day|together)\b")
"""The caller counts what they want done ("could you do both?"), named or not."""



_WHAT_TIME_OPEN = re.compile(r"\W*(?:(?:yeah|and|so|uh+|um+|ok(?:ay)?|oh|hey|hi)\W+)*"
                             # "my boss wants to know what time yall close on saturdays for service"
                             r"(?:(?:my \w+|he|she|we|i|they) (?:wants?|wanted|needs?|would like) to know,? |"
                             r"i was (?:just )?wondering,? )?"
                             r"what time (?:do |does |are |will )?"
                             r"(?:you|y'?all|ya|you guys|the (?:\w+ )?(?:shop|office|service|place))"
                             r"(?: guys)? "
                             r"(?:open|close|get in|start)\b")
"""When the business opens or closes on a day ("what time y'all open monday mornin"): the hours."""
_PRICE_ASKED = re.compile(r"\W*(?:(?:hi|hey|hello|so|and|um+|uh+|oh|ok|okay|yeah|well|i guess)\W+)*"
                          r"(?:how much|"
                          r"what(?:'?s| is| does| do| would| will)[\w' ]{0,60}? (?:cost|charge|run|be)\b|"
                          r"whats? (?:it|the price|the cost)|what do (?:you|y'?all|ya) (?:charge|get))\b")
"""A message that opens by asking a price ("hi, how much would an oil change be?")."""
_UPTALK = re.compile(r"\W*(?:(?:so|and|but|um+|uh+|like|okay|ok|well|oh|hi|hey|yeah|sorry|i mean|"
                     r"i don'?t know(?: if [^,]*)?|probably not|honestly)\W+)*"
                     r"(?:i|i'?m|i'?ve|i'?d|i'?ll|we|we'?re|we'?ve|we'?d|my|our|me and|"
                     r"the \w+ (?:has|have|is|are|was|were|keeps?|been)|it'?s been|there'?s this|mostly|"
                     r"just|kind of|probably|maybe|"
                     # "budget, um, six hundred max?": a fact named, then said
                     r"(?:the |our |my )?(?:budget|price range|range)(?:'s| is| wise)?|up to|under)\b")
"""The start of a statement (the caller's own situation), whatever the pitch at its end."""


_ABOUT_THE_VISIT = frozenset({"walk_in_question", "confirm_question", "meets_question", "visit_question"})
"""Questions about how a visit goes (walk-ins, a confirmation, who is met): questions, whatever
booking words they carry."""
_IF_CLOSED = re.compile(r"\bif (?:you(?:'re| are)|y'?all(?:'re| are)|you guys are|the office is|it'?s|"
                        r"you'?ll be) "
                        r"(?:closed|not open|shut)(?:\s+(?:on\s+)?(?:that day|then|\w+day|thanksgiving|"
                        r"christmas(?: eve| day)?))?[,\s]+(?:(?:then|how about|maybe|we'?ll do|do)\s+)*")
"""A fallback said for a closed day ("or if you're closed Thursday, Saturday at eleven")."""
_ORDINAL_ALONE = re.compile(r"\W*(?:(?:um+|uh+|oh|ok|okay|so|well|hmm+)\W+)*(?:the\s+)?("
                            + "|".join(when.ORDINAL_WORDS)
                            + r")(?:\s+(?:then|please|works|is good|is fine|of (?:the month|january|"
                            r"next month)))?\W*")
""""The first." or "second then" asked what day: a day of the month said alone."""
_WHY_ASKED = re.compile(r"^(?:(?!\b(?:today|tomorrow|monday|tuesday|wednesday|thursday|friday|saturday|"
                        r"sunday|next|this|week|\d)\b).)*\b(?:cause|'cause|because|cuz|since)\b")
""""do y'all have a shuttle, cause my wife's got the other car all next week": the day is in why
the question is asked, not a day for a visit."""
_FALLBACK = re.compile(r"\bif (?:\w+ ){0,3}(?:doesn'?t|does not|won'?t|isn'?t|is not|can'?t|cannot|"
                       r"aren'?t) (?:work|open|available|possible|free|doable)\b[^.?!]*\b(?:fine|ok|okay|"
                       r"works|whatever|closest|nearest|anything|happy)\b")
"""A second choice offered up front ("if quarter past doesn't work, whatever's closest is fine")."""
_ONLY_AFTER_CORRECTION = re.compile(r"\b(?:actually|no|nah|wait|scratch that|on second thought|never ?mind|"
                                    r"forget (?:it|that)|you know what)\W+(?:(?:um+|uh+|hmm+|yeah|so)\W+)*"
                                    r"(?:just|only)\b(?=[^.?!]*$|[^.?!]*[.?!]\s*\w)")
"""A service list put right to one ("… actually, just the oil change for now")."""
_JUST_ONE = re.compile(r"\b(?:just|only)\b")
_WHAT_ABOUT_PLACE = re.compile(r"\W*(?:(?:oh|okay|ok|um+|uh+|well|so|and|then|hmm+)\W+)*(?:what|how) about\b")
_ASK_FIRST = re.compile(r"\bbefore (?:i|we) (?:bring|take|drop|run) (?:it|her|him|the (?:car|truck|van)) "
                        r"(?:in|by|over)\b|\b(?:just )?(?:wanna|want to|need to) ask (?:about|some|a)\b")
"""A call asked so the caller can ask first ("… before I bring it in")."""
_TAG_ASKED = re.compile(r"(?<=[a-z] )(?:right|correct|isn'?t (?:it|that)|aren'?t (?:you|y'?all)|"
                        r"ain'?t (?:it|that))\b(?:\W*$|\W+(?:i|we|cause|because|since|my)\b)|,\s*yeah\W*$")
"""A statement turned into a question by its tag ("… on lake shore drive, right?")."""


_HOUR_OPENS_CLAUSE = re.compile(r"(?:^|[.,!?;]\s+)(?:say |maybe |like |"
                                r"at )?(\d{1,2})(?::(\d{2}))?(?:\s*o'?clock)?"
                                r"\s*,?\s*(?=if (?:you|y'?all|that|it|possible)|please|works?\b|would (?:be|"
                                r"work)|"
                                r"is (?:best|better|good|ideal)|\?|[.!]|$|"
                                # "first thing instead, like eight when y'all open"
                                r"(?:right )?when (?:you|y'?all|you guys|ya'?ll) open)")
"""An hour said as a clause of its own, beside a day ("Eleven, if you have it")."""
_HEDGED = re.compile(r"^(?!\W*(?:is|are|do|does|did|can|could|will|would|what|when|where|how|why|which|"
                     r"who)\b)"
                     r"[^?]{1,40}?,?\s*(?:i think|i guess|i believe|i suppose|maybe|probably|if i remember "
                     r"(?:right|correctly))\s*\?\s*$")
"""A fact said unsure, with a rise ("a Forester, I think?"): no question to the business."""
_WH_FIRST = re.compile(r"\W*(?:(?:and|so|but|okay|ok|um+|uh+|honestly|seriously|well|look|listen|hey)\W+)*"
                       r"(?:(?:how|what|where|why|which)\b"
                       r"(?! about\b)(?! (?:i|we) (?:(?:can|could|would|might|will|'d|'ll|really) )?"
                       r"(?:need|want|mean|meant|said|have|got|spend|afford|pay)\b)|"
                       r"(?:do|does|are|is) (?:you|y'?all|your|there)\b|(?:do|does|would|will) (?:i|we) "
                       r"(?:have to|need to|gotta|need a|need an)\b)")  # "do we have to be pre approved …"
_ASKED_LAST = re.compile(r"\b(?:what time|how much|how long|how many|what days?|which days?|what hours|"
                         r"or not|or what|"
                         # "is your consultation thing actually free or is there a catch"
                         r"or (?:is there|are there|do (?:i|we|you)|does it|will (?:i|we|it)|would it) "
                         r"(?:a |any )?(?:catch|fee|fees|charge|cost|costs|have to pay|pay|charge)|"
                         r"(?:is|would|will) (?:that|it|this) (?:like |gonna be |be |going to be )?"
                         r"(?:a (?:problem|big deal|deal breaker|dealbreaker)|an issue|ok(?:ay)?|"
                         r"a thing))\W*$")
"""The question word said last, as terse and transcribed questions put it."""


_WRITTEN_PHONE = re.compile(r"(?:\+?1[\s.-]?)?\(?\b\d{3}\)?[\s.-]?\d{3}[\s.-]?\d{4}\b")
_ASKS_FOR_THE_WORK = re.compile(
    r"\W*(?:(?:so|and|um+|uh+|hey|ok(?:ay)?|yeah|well)\W+)*(?:can|could|would|will) "
    r"(?:you|y'?all|ya|you guys|you all) "
    r"(?:please |also |just |maybe )?(?:do|get|knock out|take care of|handle|squeeze in) (?:the|my|both)\b"
    r"[^?]*\b(?:at the same time|together|same (?:visit|trip|day)|while (?:it'?s|you'?re|y'?all)|both)\b")
"""Work asked for as a question ("can y'all do the inspection and the oil change at the same time?")."""
_ASKS_FIRST = re.compile(r"\W*(?:(?:hi|hey|hello|yeah|yes|so|and|um+|uh+|ok(?:ay)?|well)\W+)*"
                         r"(?:what'?s|what|how|where|which|do (?:you|y'?all)|does)\b")
"""A message that opens with its question ("hi yeah uh whats the monthly payment on the tesla")."""
_OK_WHAT_ABOUT = re.compile(r"\W*(?:okay|ok)\W+(?:and |so |um |uh )*(?:what|how) about\b")


def _timed_call(u: Utterance, today: date) -> bool:
    """Is a call from us asked for with its time right after it ("can somebody call me back this
    afternoon like after one", "could someone give him a call friday afternoon")?"""
    for asked in YOU_CALL_BACK.finditer(u.lower):
        after = normalise(u.lower[asked.end(): asked.end() + 40])
        if clock.extract_window(after) or clock.extract_time_of_day(after) or clock.extract_time(after) or (
                when.extract_date(after, today)):
            return True
    return False


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
    if "book" in flags and BOOKING_FORGONE.search(u.lower) and not lex.intents["book"].search(
            BOOKING_FORGONE.sub(" ", u.lower)):
        flags.discard("book")  # "can I just walk in some other day instead of booking?"
    flags |= _fuzzy_flags(u.lower)
    if u.raw.endswith("?") or _ASKED_LAST.search(u.lower) or _WH_FIRST.match(u.lower) or (
            INDIRECT_ASK.search(u.lower)):
        # "service open friday after thanksgiving what time", "how it is working": a question
        # said without the "?" or the word order a textbook gives it
        flags.add("question")
    if TOLD_CONDITION.search(u.lower) and "?" not in u.lower:
        flags -= {"question", "price_question"}  # "what we can spend depends on what ours sells for"
    if SAYS_WHAT.match(u.lower) or _HEDGED.search(u.lower) or said_with_a_tag(u.lower):
        # "what I actually need is the state inspection", "a Forester, I think?", "I'm so done
        # with renting, ya know?": statements
        flags.discard("question")
    if "escalation" in flags and staff_asked.SAYS_OWN_ROLE.search(u.lower) and not (
            staff_asked.WANTS_SOMEONE.search(u.lower)):
        flags.discard("escalation")  # "I'm the fleet manager over at Cole Electric": who calls
    if "escalation" in flags and (staff_asked.A_MEETING_ASKED.search(u.lower) or (
            profile.kind == "real_estate" and staff_asked.ABOUT_THE_MOVE.search(u.lower))):
        # "can I come in tomorrow around noon and talk to somebody about it?": a visit asked for;
        # "we wanna start talking to someone": soon, not now
        flags.discard("escalation")
    if staff_asked.asks_for_someone(u.lower, profile):
        flags.add("escalation")
    elif staff_asked.staff_asked_about(u.lower, profile) is not None:
        flags |= {"question", "staff_question"}  # "is Sarah in that Wednesday?": her days
    if "escalation" in flags and (late := NEVER_MIND.search(u.lower)) and late.start() > (
            lex.intents["escalation"].search(u.lower) or late).start():
        flags.discard("escalation")  # "can I get a real person— ugh, never mind, it's only an oil change"
    if "objection_have_agent" in flags and BUYS_WITH_OTHERS.search(u.lower) and (
            lex.intents["sell"].search(u.lower)):
        flags.discard("objection_have_agent")  # an agent elsewhere buys for them; here they sell
    if DEFERS.search(u.lower) and not CALL_ME.search(u.lower):
        # "let me check with my wife and I'll call you back": the caller will ring us; no
        # callback is asked for and nothing is objected to
        flags.add("defers")
        flags.discard("objection_busy")

    if (refused := NOT_BOOKING.sub(" ", u.lower)) != u.lower and not lex.intents["book"].search(refused):
        flags.discard("book")  # "how much to get it detailed, I'm just asking, not booking it right now"
        flags.add("no_booking")
    if LATEST.search(u.lower):
        flags.add("latest")
    result = Understanding(text=u.raw, intent="unknown", confidence=0.3)
    if _names_faq_topic(u.lower, profile):
        flags.add("faq_topic")
    result.flags = flags
    result.is_question = "question" in flags
    # "sorry, yes" / "oh, wait, that works": fillers before the answer do not change it
    answer = _LEAD_FILLER.sub("", u.lower)
    if (named := re.match(r"[A-Z][a-z'-]+ [A-Z][a-z'-]+[,.]\s+(?:and\s+)?", u.raw)) and lex.yes.match(
            u.lower[named.end():]):
        answer = u.lower[named.end():]  # "Brooke Tennyson, and yes, keep the ten o'clock too": a yes
    result.affirm = (bool(lex.yes.match(answer)) and not lex.no.match(answer)) or (
        awaiting in {"confirm_booking", "confirm_change"} and bool(NOTHING_ELSE.match(answer))) or (
        awaiting in _APPROVAL_ASKED and bool(offers.APPROVES.match(answer)))
    if awaiting == "offer_callback" and (_OK_WHAT_ABOUT.match(answer) or offers.ok_then_on(answer)):
        result.affirm = False  # "ok what about like ceramic coating?": asks on, agrees to nothing
    ok_then_no = result.affirm and awaiting in _APPROVAL_ASKED and bool(
        offers.OK_THEN_NOT_BUYING.match(answer))
    if result.affirm and awaiting in _APPROVAL_ASKED and (ok_then_no or offers.OK_THEN_NO.match(answer)):
        result.affirm = False  # "ah, ok. no, my car's fine, I just needed a rental": a no
    if not result.affirm and awaiting in {"confirm_booking", "confirm_change"} and _TRAILING_YES.search(
            answer) and not _NOT_YES.search(answer):
        result.affirm = True  # "its under this number yeah" to the read back: a yes, said last
    result.deny = (bool(lex.no.match(answer)) or ok_then_no) and not result.affirm and not (
        WANTS_NOT_TO.match(answer) and awaiting not in {"confirm_booking", "confirm_change"})
    if result.affirm and awaiting in {"confirm_booking", "confirm_change"} and re.search(
            r"\b(?:but|except|only)\s+(?:not|no)\b", answer):
        result.affirm, result.deny = False, True  # "perfect, except not wednesday": something to change
    if "defers" in flags and awaiting in {"offer_callback", "offer_appointment"} and not (
            CALL_ME.search(u.lower)):
        result.affirm, result.deny = False, True  # "okay, I'll call back once I know my schedule": not now
    if awaiting in {"offer_callback", "offer_appointment"} and (
            offers.ALL_I_NEEDED.search(u.lower) or (
                (offers.SIGNS_OFF.search(u.lower) or offers.NO_MATTER.search(u.lower)) and not re.match(
                    r"\W*(?:yes|yeah|yep|yup|sure|please|that'?d be|that would be)\b", answer))) and not (
            CALL_ME.search(u.lower)):
        # "okay. that's really all I needed, thanks", "alright, no problem. thanks": no
        result.affirm, result.deny = False, True
    if awaiting in {"offer_callback", "offer_appointment", "permission"} and offers.I_PASS.search(u.lower):
        result.affirm, result.deny = False, True  # "yeah, see, that's more than I pay. I think I'll pass"
    if awaiting in {"confirm_booking", "offer_appointment"} and CANCEL_ASK.search(u.lower):
        # "yes, go ahead and cancel it" to "shall I book it?": the yes is to cancelling
        result.affirm, result.deny = False, True
    result.phone = ex.extract_phone(u)
    result.email = ex.extract_email(u)
    result.name = names.extract_name(u, expecting=awaiting == "name")
    if result.name is None and result.phone:
        result.name = names.before_number(u)  # "Hi yeah, quick — Dale Hutchins, 830-555-8954, …"
    if profile.kind == "real_estate" and result.phone and _WRITTEN_PHONE.search(u.raw):
        u = normalise(_WRITTEN_PHONE.sub(" ", u.raw))  # "Lena Ortiz, 830-555-8978, …": no price in it
    if result.name and names.surname_only(u, result.name):
        flags.add("surname_only")  # "last name's Okafor": joins the first name already given
    places = {a.lower() for a in (*profile.service_areas, *profile.nearby_areas, *profile.area_aliases)}
    if result.name and (result.name.lower() in places | {
            p.lower() for p in (*(p for sv in profile.services for p in (sv.name, *sv.synonyms)),
                                *(p for t in profile.appointment_types for p in (t.label, *t.synonyms)))}
            or (awaiting != "name" and result.name.split()[0].lower() in places)):
        result.name = None  # "Cedar Park." answers where, not who; "State Inspection" is no one;
        # "austin texas" said unasked is a place
    said_u = u  # ("yes, Saturday at eleven and a call tonight": the call's own time is not the visit's)
    if awaiting == "confirm_booking" and (call := FOR_THE_CALL.search(u.lower)) and call.start() > 0:
        u = normalise(u.raw[: call.start()])
    result.date = when.extract_date(u, today)
    if result.date is not None and (closed := _IF_CLOSED.search(u.numeric)) is not None and all(
            profile.hours_on(department, result.date) is None for department in profile.departments.values()):
        # "Thursday? … or if you're closed Thursday, Saturday at eleven": the day asked for is a
        # closed one, so the one offered in its place
        rest = u.numeric[closed.end():]
        result.date = when.extract_date(Utterance(raw=rest, lower=rest, numeric=rest), today) or result.date
    if result.date is None and awaiting == "date" and (day := _ORDINAL_ALONE.fullmatch(u.lower)):
        # "the first." asked what day: the day of the month, not the first of some choices
        result.date = when.day_in_words(day.group(1), today)
    if result.date is None and (every := EVERY_WEEKDAY.search(u.lower)) and asks_hours(u.lower):
        result.date = when.parse_date(every.group(1), today)  # "y'all do saturdays?": the next one
    if result.date is None and _NEXT_MONTH.search(u.lower) and (awaiting == "callback_time" or CALL_ME.search(
            u.lower)):
        # "can you call me next month?": early next month, the first weekday of it
        first = (today.replace(day=1) + timedelta(days=32)).replace(day=1)
        result.date = first + timedelta(days=max(0, 7 - first.weekday()) if first.weekday() >= 5 else 0)
    if result.date is None and (awaiting == "callback_time" or CALL_ME.search(u.lower) or re.search(
            r"\b(?:call|ring|try|reach|contact) (?:(?:me|us|him|her) )?(?:back|again)\b", u.lower)):
        # "call me back in January, like mid January"
        result.date = when.month_said(u.lower, today, asked=awaiting == "callback_time")
    result.time = None if result.phone and awaiting == "phone" else clock.extract_time(u)
    result.window = clock.extract_window(u)
    result.time_of_day = clock.extract_time_of_day(u)
    u = said_u
    if result.date is not None and result.window is not None and (pair := next(reversed(list(re.finditer(
            rf"\b{result.date.strftime('%A').lower()}s?(?: (?:the )?\d{{1,2}}(?:st|nd|rd|"
            rf"th)?)?,? (?:in the )?"
            r"(morning|afternoon|evening)\b", u.lower))), None)) and not any(
            # (not one put right after: "Monday afternoon — oh, actually, no … Evening. After six")
            len(u.lower) - len(tail) > pair.start() for tail in correction_tails(u.lower)):
        # (the last said: "thursday evening's good. actually, no … make it thursday morning")
        # "what's Wednesday afternoon looking like, compared to Friday morning?": the part of
        # the day said with the day chosen
        own = clock.extract_window(normalise(pair.group(0)))
        if own is not None:
            result.window, result.time_of_day = own, own.part_of_day
    result.services = ex.extract_services(u, profile)
    if len(result.services) > 1 and (only := _ONLY_AFTER_CORRECTION.search(u.lower) or (
            # "tires rotated — naw, wait, hold on, it's the oil that's due, not the tires. Just the
            # oil change.": a "just" said after the caller puts the list right
            (tail := correction_tail(u.lower)) is not None
            and _JUST_ONE.search(u.lower, len(u.lower) - len(tail)))):
        # "an oil change and probably a tire rotation — hmm, actually, just the oil change for now"
        tail = u.lower[only.end():]
        # the clause that says which ("actually, just the oil change. forget the tires, he'll
        # rotate 'em": the tires said after it are the ones let go)
        kept = ex.extract_services(normalise(re.split(r"[.?!;]", tail, maxsplit=1)[0]), profile) or (
            ex.extract_services(normalise(tail), profile))
        if kept and not re.search(r"\b(?:too|also|as well|on top)\b", tail):
            # ("… so just the oil. plus a state inspection, the sticker's up": one more, added after)
            after = re.split(r"[.?!;]", tail, maxsplit=1)[1:]
            if after and re.search(r"\b(?:plus|also|too|as well|and a|and an)\b", after[0]):
                kept += [k for k in ex.extract_services(normalise(after[0]), profile) if k not in kept]
            result.dropped_services = [k for k in result.services if k not in kept]
            result.services = kept
    result.dropped_services = [*result.dropped_services, *(
        k for k in ex.extract_dropped_services(u, profile) if k not in result.dropped_services)]
    result.unoffered = ex.extract_unoffered(u, profile)
    if profile.services and (count := _COUNT.search(u.lower)):
        result.service_count = 3 if count.group(1) in {"three", "all three"} else 2
    result.appointment_type = ex.extract_appointment_type(u, profile, work_named=bool(result.services))
    result.vehicle = ex.extract_vehicle(u, profile)
    if result.vehicle and refer.is_own_vehicle(u.lower, ex.extract_vehicle_query(u, profile), profile):
        result.flags.add("own_vehicle")  # "I've got an old F-150": theirs, not one on the lot
        if result.appointment_type == "test_drive" and re.search(
                r"\b(?:he|she|they|my \w+)(?:'?s| is| are|'re)? (?:just |the one |usually |mostly )?"
                r"(?:driving|drives|drive) (?:it|her|that car)\b", u.lower):
            result.appointment_type = None  # "it's my car, technically, he's just driving it": who drives it
    if result.services == ["diagnostic"] and result.vehicle and "own_vehicle" not in result.flags and (
            ex.extract_appointment_type(u, profile) == "test_drive"):
        # "my old Corolla … the AC quit last summer, and there's a red RAV4 … I kinda want to bring
        # her to drive it": the trouble is the story, the drive of the car on the lot is the visit
        result.services, result.appointment_type = [], "test_drive"
    read_lead_facts(u, result, profile, today, awaiting)
    if result.time is None and (result.date or result.time_of_day) and (
            hour := _HOUR_OPENS_CLAUSE.search(u.numeric)):
        result.time = _hour_of(hour)  # "Saturday morning would be best. Eleven, if you have it."
    if result.time is None and awaiting not in {"budget", "phone"} and (
            hour := offers.INSTEAD_OF.search(u.numeric)):
        result.time = _hour_of(hour)  # "keep it Tuesday, but can it be three instead of two?"
    if awaiting == "date" and result.date and result.time is None and (
            last := _MOVED_TO.search(u.numeric.strip(" .?!"))) and not clock.for_other_activity(
            u.numeric, last.start(1)):
        # "I'm off friday. ten?": the hour said last, with the day
        result.time = _hour_of(last)
    if awaiting in {"time", "pick_alternative", "callback_time", "confirm_booking",
                    "confirm_change", "which_appointment"} and result.time is None:
        # "nine would be perfect", "maybe 10?" when a time is being settled
        # ("okay cool, like seven then?", "okay... um, eleven?")
        bare = re.match(r"(?:(?:at|around|maybe|how about|uh[ -]huh|mm-?hm+|mhm+|um|uh|hmm+|ah|oh|like|wait|"
                        r"well|ok|okay|so|then|"
                        r"yeah|cool|alright|all right|sure|great|yes|yep)[\s,.…!-]+)*"
                        r"(\d{1,2})(?::(\d{2}))?\b(?!\s*(?:(?:st|nd|rd|th)\b|%|/|people|cars|"
                        r"minutes|hours|days|weeks|months|years|miles|k\b|thousand|dollars|thing|"
                        r"more|question|sec|second|moment|\d{2}\b))",  # "twenty fourteen jeep": a year
                        u.numeric.strip(" .?!")) or _SETTLED_LAST.search(u.numeric.strip(" .?!")) or (
            # (not "how long's it take? I got work at eleven": the caller's own hour)
            (moved := _MOVED_TO.search(u.numeric.strip(" .?!")))
            and not clock.for_other_activity(u.numeric.strip(" .?!"), moved.start(1)) and moved)
        if bare:  # "eight — well, not eight, I have to drop the kids at school first. Nine."
            bare = offers.hour_put_right(u.numeric.strip(" .?!"), bare) or bare
        confirming = awaiting in {"confirm_booking", "confirm_change"}
        if bare and (not confirming or re.search(r"\b(?:no|meant|make it|actually|instead|switch|"
                                                 r"change|move|push|bump|wait|can'?t|cannot)\b", u.lower)
                     or re.fullmatch(r"(?:\W*(?:um+|uh+|hmm+|ah|oh|well|so|then)\b)*\W*\d{1,2}(?::\d{2})?\W*",
                                     u.numeric)):
            result.time = _hour_of(bare)

    if other_times.FLEXIBLE.search(u.lower):
        result.flags.add("flexible")
    if DONE_WITH_IT.search(u.lower.rstrip(" .!")):
        result.flags.add("done_with_it")
    if result.is_question and result.affirm and (_SMALL_TALK.search(u.lower) or _BARE_YES.fullmatch(u.lower)):
        result.is_question = False  # "yeah?" to "do you have a minute?": yes, go on
    if (result.affirm and awaiting in _FACT_ASKED and result.is_question
            and ({"price_question", "inventory_question", "faq_topic"} & flags or asks_hours(u.lower))):
        result.affirm = False  # "yeah, is it 49 bucks?" asked for a name: a filler, then a question
    if (result.is_question and (result.date or result.time or result.window)
            and not {"price_question", "inventory_question"} & flags
            and not (asks_hours(u.lower) and not _WHENEVER_OPEN.search(u.lower))
            and not ("faq_topic" in flags and _WHY_ASKED.search(u.lower))):
        # "how about Wednesday at 2?", "can we do two instead?", "Friday after work, say 5:30?"
        # propose a time; they ask nothing of the business
        result.is_question = False
    if result.is_question and awaiting in _FACT_ASKED and not QUESTION_START.match(u.lower) and (
            answers(awaiting, result)):
        result.is_question = False  # "um, I guess around five hundred?": an answer, said rising
    if result.is_question and awaiting in {"service", "vehicle", "appointment_type"} and answers(
            awaiting, result) and _ASKS_FOR_IT.match(u.lower) and not (
            {"price_question", "inventory_question"} & flags or asks_hours(u.lower)):
        result.is_question = False  # "can you do a brake inspection?" asked what the car needs
    if result.is_question and awaiting in _FACT_ASKED and answers(awaiting, result) and (
            CHECKS_FACT.search(u.lower)) and not (
            {"price_question", "inventory_question", "faq_topic"} & flags or asks_hours(u.lower)):
        # "is four hundred enough to get something in Pflugerville?" asked for the area: the
        # caller checks their own facts; the answer is in the question
        result.is_question = False
    if result.is_question and _UPTALK.match(u.lower) and not re.search(
            r"\b(?:you|y'all|ya|your|yours|u)\b|\?.", u.lower) and (
            result.has_booking_facts or result.has_lead_facts) and not (
            {"price_question", "inventory_question", "faq_topic"} & flags or asks_hours(u.lower)):
        # "we're kind of just starting to look at buying?", "the brakes have been doing this
        # grinding thing when I stop?": a statement said rising; the facts are the point
        result.is_question = False
        flags.discard("question")
    if WALK_IN_INSTEAD.search(u.lower) and not (result.is_question or NEEDS_APPOINTMENT.search(u.lower)):
        flags.add("walk_in_instead")  # "I'll just swing by then, I don't need an appointment"
    if NEEDS_APPOINTMENT.search(u.lower):
        # "can I just swing by Tuesday for an oil change, or do I need an appointment?" asks
        # the walk-in policy; the day and the service say when and what for, and "to talk to
        # an agent" says what the visit is for, not a request for a person now
        flags -= {"book", "escalation"}
        flags |= {"question", "walk_in_question"}
        result.is_question = True
    if WHO_MEETS.search(u.lower):
        flags |= {"question", "meets_question"}  # "who would we be meeting with?"
        result.is_question = True
    if CONFIRM_ASK.search(u.lower):
        flags -= {"objection_busy", "book"}
        flags |= {"question", "confirm_question"}
        result.is_question = True
    if VISIT_ABOUT.search(u.lower) and not (result.date or result.time):
        flags -= {"book"}  # "do I need to bring anything for a test drive?": what the visit asks
        flags |= {"question", "visit_question"}
        result.is_question = True
    rule_intent, rule_confidence = classify_by_rules(result, flags, awaiting)
    if _ABOUT_THE_VISIT & flags and rule_intent in {
            "book", "objection_busy", "unknown", "line_check", "identity"}:
        rule_intent = "faq"
    result.act = default_classifier().predict(u.raw)
    result.intent, result.confidence = combine(result, rule_intent, rule_confidence, awaiting)
    if result.intent in {"faq", "provide_info", "unknown"} and (SAYS_WHAT.match(u.lower) or (
            not result.is_question and TOLD_IN_CASE.search(u.lower))):  # ("pre-approved, if that matters")
        result.is_question = False
        result.intent = "book" if (result.services or result.appointment_type) else "provide_info"
    if result.intent in {"faq", "unknown"} and _FALLBACK.search(u.lower) and not (
            QUESTION_START.match(u.lower)):
        # "if quarter past doesn't work, whatever's closest is fine": a fallback, not a question
        result.is_question = False
        result.intent = "provide_info"
        result.flags.add("flexible")
    if awaiting == "pick_alternative" and (more := other_times.asked(u.lower)) and not (
            (result.time and more == "other") or result.date
            or (result.window and other_times.PART_OF_DAY.search(u.lower))):
        result.window = result.time_of_day = None  # "those are kinda early for me": not a morning
        # "what else do you have?", "anything later?" to the times offered: the rest of the day
        result.flags.add(f"{more}_times")
        result.flags.discard("flexible")
        result.intent, result.is_question = "provide_info", False
    if (awaiting in {"date", "time"} and "flexible" in result.flags and result.intent == "faq"
            and not ({"faq_topic", "price_question"} & flags or asks_hours(u.lower))):
        # "um, not sure, what do you have?" asked for a day: the caller leaves it to us
        result.intent, result.is_question = "provide_info", False
    if result.intent == "book" and result.is_question and "price_question" in flags and not (
            result.date or result.time or result.services) and re.search(r"\bhow long\b", u.lower):
        result.intent = "faq"  # "how long is a test drive usually, if I come in for one?"
    if result.intent == "book" and result.is_question and "price_question" in flags and not (
            result.date or result.time) and _PRICE_ASKED.match(u.lower) and not (
            lex.intents["book"].search(SUBORDINATE.sub("", u.lower))):
        # "hi, how much would an oil change and a tire rotation be?"; "how much for a new battery
        # my car wouldn't start this morning": the morning is the story's, the price is asked
        result.intent = "faq"
    if result.intent == "provide_info" and result.is_question and "faq_topic" in flags and _ASKS_FIRST.match(
            u.lower) and not (result.date or result.time or result.has_contact_facts):
        result.intent = "faq"  # "whats the monthly payment on the tesla, the model three?": asked
    if result.intent == "faq" and result.services and "price_question" not in flags and (
            _ASKS_FOR_THE_WORK.match(u.lower)):
        result.intent = "book"  # "can y'all do the state inspection and the oil change at the same time?"
    if _ABOUT_THE_VISIT & flags and result.intent in {
            "book", "provide_info", "unknown", "escalation", "objection_busy", "affirm", "line_check",
            "identity"}:
        result.intent = "faq"
    if result.intent == "book" and result.is_question and "faq_topic" in flags and not (
            (result.date and not _WHY_ASKED.search(u.lower)) or result.time or result.services
            or result.appointment_type
            or result.lead_intent or result.location or result.budget
            or lex.intents["book"].search(SUBORDINATE.sub("", u.lower))):
        result.intent = "faq"  # "do we have to be pre-approved before we come in?": a requirement
    if awaiting == "anything_else" and result.intent in {"affirm", "greeting"} and "faq_topic" in flags and (
            not _CLOSING.search(u.lower)):
        result.intent, result.is_question = "faq", True  # "ok and if it breaks again is there a warranty"
    if result.intent == "faq" and result.time and IF_OPEN.search(u.lower) and "price_question" not in flags:
        result.intent, result.is_question = "book", False  # "Monday at noon, if that's open?"
    if ANOTHER_SLOT.search(u.lower) and result.intent in {"faq", "unknown", "provide_info"}:
        # "do you have anything later? like six": another time for the booking under way
        result.intent, result.is_question = "book", False
        loose = re.search(r"\b(?:like|say|maybe|around|about)\s+(\d{1,2})(?::(\d{2}))?\b(?!\s*(?:am|pm|"
                          r"a\.m|p\.m|minutes?|hours?|days?|weeks?))", u.numeric)
        if result.time is None and loose:
            result.time = _hour_of(loose)
    if "staff_question" in flags and result.intent in {"book", "provide_info", "unknown", "escalation"} and (
            not (result.services or result.appointment_type)):
        result.intent, result.is_question = "faq", True
    if "defers" in flags:
        # "I'll call you back tomorrow": the day dates the caller's call, not a booking
        rest = normalise(_CALL_WHEN.sub(" ", DEFERS.sub(" <defer> ", u.lower)))
        result.date = when.extract_date(rest, today) if result.date else None
        result.time = clock.extract_time(rest) if result.time else None
        result.window = clock.extract_window(rest) if result.window else None
        result.time_of_day = clock.extract_time_of_day(rest) if result.time_of_day else None
    called = any(not CALL_TURNED_DOWN.search(u.lower, 0, m.start())
                 for m in CALL_ME.finditer(u.lower))  # a call asked for, not one turned down
    if CALL_TAKEN_BACK.search(u.lower) and result.intent in {"objection_busy", "provide_info", "unknown"}:
        # "could somebody call me back — actually, can I just set up a time?"
        result.intent, result.is_question = "book", False
        result.flags -= {"objection_busy", "call_asked"}
    elif ((DEFERS.search(u.lower) and not called) or CALLBACK_DROPPED.search(u.lower)) and result.intent in {
            "do_not_call", "objection_busy"} and not FOR_GOOD.search(u.lower):
        # "no don't call me back, I'll call y'all", "no you don't need to call me back": a call
        # back declined, not a request never to be called (nor one to be called later)
        result.intent = "deny"
        result.flags -= {"do_not_call", "objection_busy"}
    read_back = awaiting in {"confirm_booking", "confirm_change"}
    if CALL_IF_NEEDED.search(u.lower) and not result.deny and result.intent in {
            "objection_busy", "do_not_call", *({"unknown", "provide_info"} if read_back else ())}:
        # "you can call me at this number if anything changes": where to reach them, no call
        # asked; said to the read back, it goes ahead
        result.flags -= {"objection_busy", "call_asked", "do_not_call"}
        result.affirm, result.confidence = read_back, max(result.confidence, 0.8)
        result.intent = "affirm" if read_back else "provide_info"
    if profile.kind == "dealership" and CAR_GONE.search(u.lower) and not re.search(
            r"\bwrong (?:number|person)", u.lower):
        # "I sold that car two years ago, I take the bus": the right person, whose car is gone
        result.flags.add("car_gone")
        if result.intent in {"wrong_number", "objection_have_agent"}:
            result.intent = "objection_not_interested"
    if "defers" in flags and result.intent in _PUT_OFF and not result.has_booking_facts and not (
            result.intent == "goodbye" and awaiting in _FACT_ASKED):  # "forget it, I'll call back. bye"
        result.intent = "deny"
    unsure = awaiting is not None and len(u.lower.split()) <= 8 and (
        _UNSURE.match(u.lower) or (awaiting in _FACT_ASKED and _THINK.match(u.lower)))
    if unsure:
        result.flags.add("unsure")
    if unsure and awaiting in {"date", "time"}:
        result.flags.add("flexible")  # "no clue, whatever you've got"
    if unsure and (result.intent.startswith("objection_") or result.intent in {"affirm", "wrong_number"} or (
            result.intent == "deny" and awaiting not in _FACT_ASKED)):
        # "I don't really know" asked for a day is no refusal; "not sure" to "shall I book
        # it?" is neither a yes nor a no
        result.intent, result.confidence = "unknown", 0.5
        result.affirm = result.deny = False
    if awaiting == "anything_else" and result.intent in {"affirm", "greeting"} and not (
            result.is_question or result.has_booking_facts or result.has_lead_facts
            or result.services or result.vehicle) and _CLOSING.search(u.lower):
        # "perfect, thanks", "yep, that's all", "all good here" to "anything else?": a close
        result.intent, result.confidence = "goodbye", 0.85
        result.affirm = False
    if result.intent in {"provide_info", "unknown", "faq", "book", "lookup_appointment"} and (
            YOU_CALL_BACK.search(u.lower)) and not CALL_TAKEN_BACK.search(u.lower) and (
            result.date or result.time or result.window or result.time_of_day) and (not (
            result.services or result.vehicle or NEW_BOOKING_ASKED.search(u.lower)) or _timed_call(u, today)):
        # "can somebody call back this evenin when she's home": a call from us, then ("i got the
        # consultation next wednesday … could the agent maybe call me tomorrow afternoon"; "my
        # brakes are makin a noise … can somebody just call me back this afternoon": the time is
        # the call's, whatever work is named)
        result.intent, result.is_question = "objection_busy", False
        result.flags.add("call_asked")
    elif result.intent == "book" and YOU_CALL_BACK.search(u.lower) and ((not (
            result.date or result.time or result.time_of_day) and (
            _ASK_FIRST.search(u.lower) or "no_booking" in result.flags)) or (
            # "… no idea what my schedule is this week. could somebody from service just call me
            # back to set something up?": the call is to book it, later
            result.time is None and offers.TO_SET_UP.search(u.lower))):
        # "could somebody from service call me back? … I just wanna ask about it before I bring
        # it in", "I'm not ready to book anything yet, I'd just like somebody … to call me back":
        # a call first; the visit is later, not asked for now
        result.intent, result.is_question = "objection_busy", False
        result.flags.add("call_asked")
    elif result.intent == "book" and awaiting == "callback_time" and YOU_CALL_BACK.search(u.lower) and not (
            result.date or result.time or result.time_of_day or NEW_BOOKING_ASKED.search(u.lower)):
        # asked when to call: "i need somebody to call me back about what a brake job would
        # cost": the call again, with what it is about, not a visit
        result.intent, result.is_question = "objection_busy", False
        result.flags.add("call_asked")
    elif "no_booking" in result.flags and re.search(r"\b(?:just|only) (?:the|a) call ?back\b", u.lower):
        result.intent, result.is_question = "objection_busy", False  # "no appointment, just the call back"
        result.flags.add("call_asked")
    elif result.intent == "objection_busy" and YOU_CALL_BACK.search(u.lower):
        result.flags.add("call_asked")  # asked for in so many words: no booking on file changes
    if result.intent in {"faq", "unknown", "provide_info", "affirm"} and re.match(
            r"\W*(?:(?:okay|ok|yeah|yes|sure|alright|so|then|well)\W+)*(?:let'?s |just |go ahead and )?do "
            r"(?:both|all three|all of (?:it|them)|them both|the both|it all)\b", u.lower):
        result.intent, result.is_question = "book", False  # "okay, do both": asked for, not asked about
        result.flags.discard("question")
    if result.intent == "faq" and re.match(
            r"\W*(?:(?:wait|so|oh|um+|uh+|actually|well|no|ok|okay)\W+)*what "
            r"(?:i|we) (?:really |actually )?(?:need|want|meant|mean) (?:is|was)\b", u.lower):
        # "wait, what I really need is a new battery": said, not asked
        result.intent, result.is_question = ("book" if result.services else "provide_info"), False
        result.flags.discard("question")
    if result.name and result.intent in {"faq", "unknown"} and re.search(
            r"\b(?:put|book|have) (?:it|that|this|the (?:appointment|booking)) under(?: the name)? "
            r"(?!(?:my|his|her|our|their|the)\b)", u.lower):
        result.intent, result.is_question = "provide_info", False  # "could you put it under Jeffrey?"
    if result.intent in {"provide_info", "unknown", "book"} and _WHAT_TIME_OPEN.match(u.lower) and not (
            result.services or result.time or result.appointment_type not in {None, "service"}):
        # "what time yall open monday mornin", "… open on saturday for service": the hours
        result.intent, result.is_question = "faq", True
    if "faq_topic" in result.flags and not result.is_question and result.intent in {
            "unknown", "provide_info"} and _TAG_ASKED.search(u.lower) and not result.has_lead_facts:
        # "and y'all are the ones on lake shore drive right i never been to the office": a fact
        # about us checked with a tag, asked ("we're pre-approved, yeah": the caller's own, told)
        result.intent, result.is_question = "faq", True
        result.flags.add("question")
    if result.is_question and result.location and profile.kind == "real_estate" and _WHAT_ABOUT_PLACE.match(
            u.lower) and awaiting in {"location", "anything_else", "permission", "intent", None}:
        # "oh okay um what about like southwest austin then" told an area is not served: the
        # place offered instead, not a question about the business
        result.intent, result.is_question = "provide_info", False
        result.flags.discard("question")
    if result.is_question and result.intent in {"book", "provide_info", "unknown"} and (
            _HEARSAY.search(u.lower)):
        # "my buddy said y'all throw in a free car wash with service, is that true?": a claim
        # checked, not a visit asked for; the work it names is what the claim is about
        result.intent = "faq"
        result.flags.discard("book")
        result.services, result.appointment_type = [], None
    if result.intent in {"affirm", "provide_info", "unknown", "chitchat", "thanks"} and (
            offers.SIGNS_OFF.search(u.lower)) and _CLOSING.search(u.lower) and not (
            result.has_booking_facts or result.has_lead_facts or result.is_question
            or CALL_ME.search(u.lower)):
        # "okay, I'll tell her to give you a ring. thanks": the caller takes their leave
        result.intent = "goodbye"
    if awaiting == "anything_else" and offers.SEE_YOU_THEN.fullmatch(u.lower):
        result.intent, result.date, result.time = "goodbye", None, None  # "alright, see y'all at five"
    if awaiting in {"callback_time", "phone"} and _SAME_NUMBER.search(u.lower) and not (
            result.has_contact_facts):
        # "you've got my number on your caller ID, don't you? just use that one": the number we have
        result.intent, result.is_question = "provide_info", False
        result.flags -= {"question", "do_not_call"}
    if result.intent == "affirm" and awaiting in _OFFERS and result.name and not _ANY_YES.search(u.lower):
        result.intent = "provide_info"  # "Glenn Hargrove." to "shall someone call you?": a name, no yes
    if result.intent == "affirm":
        result.affirm, result.deny = True, False
    elif result.intent == "deny":
        result.affirm, result.deny = False, True
    elif result.intent in RULES_FIRST or result.intent in NEW_ACTS:
        result.affirm = False  # "please don't ring this number again" is not a "please"
    return result


_HEARSAY = re.compile(r"\b(?:(?:my|a|our) (?:buddy|friend|neighbou?r|wife|husband|coworker|co-worker|"
                      r"brother|sister|cousin|dad|mom|boss|uncle|aunt)|somebody|someone|they|i) "
                      r"(?:said|says|told me|heard|read|saw online)\b[^?]{0,120}"
                      r"\b(?:is (?:that|it) (?:true|right|correct|so|a thing)|is that how it works|"
                      r"(?:for )?real|true)\W*$")
"""A claim about the business checked ("my buddy said y'all … , is that true?")."""


def _names_faq_topic(lowered: str, profile: BusinessProfile) -> bool:
    """Does the clause name one of the business's FAQ topics: one of its keywords (a distinctive
    one: a phrase, or a word of five letters or more) or the lexicon's everyday words for a
    topic ("a lift home" for the shuttle)?"""
    if any(pattern.search(lowered) for pattern in lexicon().topics.values()):
        return True
    spaced = as_for_me(lowered.replace("-", " "))  # "pre approval" is the keyword "pre-approval" as heard
    # (a weekday is no topic: "my brother in law did it saturday" asks nothing of the hours)
    keywords = tuple(k.lower().replace("-", " ") for entry in profile.faq for k in entry.keywords
                     if (" " in k or "-" in k or len(k) >= 5) and k.lower() not in _WEEKDAY_NAMES)
    return bool(keywords) and _keywords_pattern(keywords).search(spaced) is not None


_WEEKDAY_NAMES = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}


@cache
def _keywords_pattern(keywords: tuple[str, ...]) -> re.Pattern[str]:
    """The FAQ keywords as one whole-word pattern, plurals too ("loaners"), compiled once."""
    return re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, keywords), key=len, reverse=True)) + r")s?\b")


_ASKS_FOR_IT = re.compile(r"(?:[^.!?]*[.!?]\s+)?(?:\W*(?:so|and|um+|uh+|okay|ok|well|yeah|then)\W+)*(?:can|"
                          r"could|would|will) (?:you|y'all|ya|you guys|they) (?:please |also |just )?(?:do|"
                          r"get|give|take care of|handle|book|fit|squeeze|set|check|rotate|change|look at)\b")
"""The thing asked for requested as a question ("could you do the brakes?"), not asked about."""
_WHENEVER_OPEN = re.compile(r"\b(?:whenever|when(?:ever)? (?:it|you|y'?all|ya|you guys|"
                            r"they) first) (?:y'?all|you|ya|"
                            r"you guys|they|it|the shop|service)? ?(?:open|opens|open up|get (?:in|there)|"
                            r"start)\b")
""""Whenever y'all open, eight o'clock?": the day's first time asked for, said with the time."""
_BARE_YES = re.compile(r"\W*(?:(?:um+|uh+|oh|well|hello)\W+)*(?:yeah|yes|yep|yup|yea|ya|sure|okay|ok|"
                       r"mhm|mm-?hmm|uh-? ?huh)\W*")
"""A yes said rising and nothing else ("yeah?"): go on, not a question to look up."""
_NEXT_MONTH = re.compile(r"\b(?:next|early next|beginning of next|first of next|start of next) month\b")
_APPROVAL_ASKED = {"confirm_booking", "confirm_change", "offer_appointment", "offer_callback", "permission",
                   "pick_alternative"}
_OFFERS = {"offer_callback", "offer_appointment", "permission"}
_SAME_NUMBER = re.compile(r"\b(?:you'?ve got|you have|you got|it'?s on) (?:my|the) (?:number|cell)|"
                          r"\buse (?:that|this|the same) one\b|"
                          r"\b(?:the|this) (?:number|one) i'?m calling (?:from|on)\b|"
                          r"\b(?:on|from) (?:your|the) caller ?id\b")
_ANY_YES = re.compile(r"\b(?:yes|yeah|yep|yup|sure|please|ok(?:ay)?|alright|go ahead|that'?d|"
                      r"sounds (?:good|great))\b")
_CLOSING = re.compile(r"\b(?:thanks|thank you|thank u|thx|appreciate|that'?s (?:all|it|everything)|"
                      r"all (?:good|set)|i'?m good|we'?re good)\b")
"""A yes-word that closes ("perfect, thanks") rather than opens ("yes, one more thing")."""
def _hour_of(said: re.Match[str]) -> time | None:
    """The clock time of an hour (group 1) and minutes (group 2) said loosely ("so like one")."""
    minutes = f":{said.group(2)}" if said.group(2) else ""
    return clock.extract_time(normalise(f"at {said.group(1)}{minutes}"))


_SETTLED_LAST = re.compile(r"(?:\b(?:so|say|then)\s+|,\s*like\s+)(?:like\s+|maybe\s+|around\s+|about\s+)?"
                           r"(\d{1,2})(?::(\d{2}))?$")
"""The hour settled on at the end, after the reason ("before the kids get out at three, so like one")."""
_MOVED_TO = re.compile(r"(?:\b(?:to|make it|make that|for|at|do|how about|what about)\s+|[.!?]\s+)"
                       r"(\d{1,2})(?::(\d{2}))?(?:\s+(?:instead|then|please|actually|maybe|i guess|i think|"
                       r"if\b.*))*$")
"""A bare hour that a change lands on, at the end ("can we switch it to 3", "make it 4 instead")."""
_CALL_WHEN = re.compile(r"<defer>(?:\s*(?:back|again|later|tomorrow|today|tonight|"
                        r"this (?:morning|afternoon|evening|week)|next week|"
                        r"(?:on )?(?:mon|tues|wednes|thurs|fri|satur|sun)day|"
                        r"in (?:the|a) (?:morning|afternoon|evening|bit|few days|day or two)|"
                        r"after \w+|around \w+|at \w+))*")
"""The call the caller will make, with its when ("I'll ring you back Thursday morning")."""
_UNSURE = re.compile(r"(?:\W*(?:um+|uh+|hmm+|well|honestly|oh|ah|gosh|geez|so|good question|to be honest|"
                     r"truthfully|man|boy)\b)*\W*"
                     r"(?:i'?m |we'?re |i |we )?(?:(?:do not|don'?t|dont) (?:really |even )?know|dunno|"
                     r"not (?:really |too |entirely |quite )?sure|"
                     r"no (?:idea|clue)|beats me|hard to say|couldn'?t (?:tell you|say)|"
                     r"(?:have|haven'?t|have not|hasn'?t) (?:figured|decided|worked|thought)|"
                     r"(?:still )?(?:figuring|working) (?:that|it) out|undecided|not decided)\b")
_THINK = re.compile(r"(?:\W*(?:um+|uh+|hmm+|well|honestly|oh|ah|good question)\b)*\W*(?:i'?d|we'?d|i would|"
                    r"we would|i'?ll|we'?ll) (?:have|need) to (?:think|check|see)\b")
"""Not knowing yet, said as needing to think; only for a fact asked (to an offer it is a no)."""
"""An answer that does not know ("hmm, I don't really know"), whatever it sounds like."""
_TRAILING_YES = re.compile(r"[\w,] (?:yeah|yes|yep|yup|yes ma'?am|yes sir|that'?s right|correct)\W*$")
_NOT_YES = re.compile(r"\b(?:no|not|nope|nah|don'?t|wait|actually|instead|change|but|rather|or)\b|\?")
"""A yes said at the end of a read-back answer, after something else ("its under this number
yeah"), unless the answer turns something down, changes it or asks."""
_PUT_OFF = {"objection_busy", "objection_not_interested", "hold", "unknown", "chitchat", "goodbye",
            "affirm", "provide_info"}
"""Readings of an offer put off ("let me check with my husband first"): a "not now"."""
_FACT_ASKED = {"name", "phone", "email", "date", "time", "service", "vehicle", "budget", "timeline",
               "location", "financing", "callback_time"}
