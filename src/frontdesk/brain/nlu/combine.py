"""One intent for a clause, from the rules' reading and the act classifier's.

:func:`~frontdesk.brain.nlu.rule_intent.classify_by_rules` reads the intent the patterns of
``lexicon.yaml`` and the facts imply (a service and a day is a booking); :func:`combine` weighs it
against the classifier's act: the
rules decide where they rest on something specific, a confident classifier where they only fell
back on a default, and the closed-vocabulary acts need their cue words (:mod:`.cues`).
"""

from __future__ import annotations

import re

from frontdesk.brain.nlu.acts import (
    ACT_INTENT,
    BOOKING_ASKS,
    BOOKING_UNDER_WAY,
    CONTACT_ASKS,
    DERAILS,
    NEW_ACTS,
    RULES_FIRST,
    WEAK_OBJECTIONS,
    YES_NO,
)
from frontdesk.brain.nlu.callee import ANSWERS_FOR_THEM, HANDLES_IT
from frontdesk.brain.nlu.combine_on_file import kept_as_it_is, on_file, read_first
from frontdesk.brain.nlu.combine_permission import at_permission, call_instead
from frontdesk.brain.nlu.combine_words import (
    ABOUT_TO_GO,
    AGENT_COMING,
    ALL_DONE,
    ASKED_LAST,
    ASKS_FOR_WORK,
    ASKS_NOW,
    ASKS_TO_SEE,
    ASKS_YOU,
    BOOK_IT,
    BYE,
    CALLED_FOR_SOMEONE,
    CAN_YOU_DO_WHEN,
    CANCEL_SAID_PLAIN,
    COST_FIRST,
    DAY_REFUSED,
    DEMURS,
    GO_ON,
    GOES_ON,
    IF_I_BOOKED,
    INSTEAD,
    JUST_CANCEL,
    LATER_ON,
    LEAVING,
    LIVES_THERE,
    MESSAGE_ASKED,
    MOVE_IT,
    MOVE_THEM,
    NEEDS_INFO,
    NO_NEW_DAY,
    NO_RESCHEDULE,
    ONES_OWN_AGENT,
    PROPOSES,
    REALLY_DERAILS,
    SAID_NOT_ASKED,
    SAYS_YES,
    SOMEONE_TO_DRIVE,
    SPELLS_A_WORD,
    STILL_ON,
    STOP_TALKING,
    THANKS_ANYWAY,
    UNDER_NAME,
    WANTS_CHANGE,
    WAS_IT_ABOUT,
    WHEN_IS,
    WHY_NEEDED,
    names_a_call,
    no_refusal,
    said_only,
    talk_or_call,
)
from frontdesk.brain.nlu.cues import (
    A_BOOKING_WORD,
    ACT_CUES,
    AGENT_GONE,
    ALREADY_BOOKED,
    ANY_TIME,
    ASKS_BACK,
    BACK,
    BUSY_CUE,
    BUT_ASKS,
    CALL_ME,
    CANCEL_ASK,
    CHANGE_CUE,
    CONFLICT,
    GUARDED,
    HAVE_SOMEONE,
    HOURS_LIMIT,
    KINDS_OF_US,
    MEANT_TO_CALL_US,
    MISTOOK_US,
    NEW_AT_IT,
    NEW_BOOKING_ASKED,
    NO_LONGER_NEEDED,
    NOT_CANCELLED,
    OTHER_WAY,
    OWN_BOOKING,
    PAUSE_ONLY,
    PRICE_CUE,
    QUESTION_START,
    RENTS,
    REPEAT_CUE,
    RETURNED_CALL,
    SOMEONE_ELSE,
    STRUCK_OFF,
    SUBORDINATE,
    SURELY_ELSEWHERE,
    TALK_TO,
    THIS_NUMBER_OFF,
    UNSURE_OF_OWN,
    WHICH_NUMBER,
    WRONG_PLACE,
    YES_WHO,
    YOU_CALL_BACK,
    asks_hours,
)
from frontdesk.brain.nlu.elsewhere import WHILE_I_HAVE_YOU
from frontdesk.brain.nlu.lexicon import lexicon
from frontdesk.brain.nlu.own_booking import (
    ASKS_OWN,
    HAS_OWN_AND_ASKS,
    KEEP_THE_OTHER,
    LOOKUP_CUE,
    MOVE_ASK,
    OWN_QUESTION,
)
from frontdesk.brain.nlu.relative import RELATIVE_MOVE
from frontdesk.brain.nlu.staff_asked import talks_of_the_move
from frontdesk.brain.nlu.stop_contact import asks_to_stop_contact
from frontdesk.brain.nlu.text import CORRECTION
from frontdesk.brain.nlu.understanding import KEEP_IT, Understanding, answers


def combine(r: Understanding, rule: str, rule_confidence: float,
            awaiting: str | None) -> tuple[str, float]:
    """:func:`_combine`, but a booking on file said to stay is told, not moved ("I've got a showing
    Thursday at three, and I don't want to change that"), nor one the caller is late for."""
    if (first := read_first(r, rule, awaiting)) is not None:
        return first
    intent, confidence = _combine(r, rule, rule_confidence, awaiting)
    if intent == "escalation" != rule and r.lead_intent and talks_of_the_move(r.text.lower(), r.flags):
        r.is_question = False  # "can I talk to someone about buying a home?": the lead, told
        return "lead", 0.85
    if intent == "reschedule" and kept_as_it_is(r.text.lower()):
        return "lookup_appointment", confidence
    return intent, confidence


def _combine(r: Understanding, rule: str, rule_confidence: float,
             awaiting: str | None) -> tuple[str, float]:
    """One intent from the rules' reading and the classifier's. The rules decide where they rest
    on something specific (an answer to the question asked, a command pattern, a service with a
    day); where they fell back on a default (a fact, a question mark, a greeting), a confident
    classifier decides."""
    act = r.act
    assert act is not None
    model = ACT_INTENT.get(act.label, act.label)
    p = act.confidence
    if (instead := call_instead(r, awaiting)) is not None:
        return instead  # "could somebody just call back this afternoon, after three?" asked what day
    if model == "decline" and "book" in r.flags and r.date and r.time and rule in {"book", "provide_info"}:
        return "book", max(p, 0.8)  # "eh, I'd rather not sit there hoping. let's book it. Thursday, 7:30?"
    if rule == "escalation" and ABOUT_TO_GO.search(r.text.lower()) and CALL_ME.search(r.text.lower()):
        # "I'd like to talk to an agent, but I'm driving right now. could someone call me back?"
        return "objection_busy", 0.85
    if "faq_topic" in r.flags and ASKED_LAST.search(r.text.lower()) and not (
            r.services or r.date or r.time or r.window or r.time_of_day or r.has_contact_facts) and (
            model in {"question", "provide_info", "faq"}) and (rule in {"faq", "provide_info", "unknown"} or (
            rule == "deny" and awaiting not in YES_NO) or (  # ("what do we need to bring if we come in?")
            rule == "book" and re.search(r"\bif (?:i|we) (?:come|came|book|do|go)\b", r.text.lower()))):
        # "we haven't done the pre-approval yet — how does that even work?": asked; the fact said
        # before it is kept all the same (asked the price, it says no to nothing)
        r.is_question, r.deny = True, r.deny and awaiting in YES_NO
        return "faq", 0.8
    if rule == "faq" and awaiting in BOOKING_ASKS and r.services and re.search(
            r"\binstead\b", r.text.lower()) and "price_question" not in r.flags:
        return "book", 0.85  # "scratch that, can we do a battery replacement instead, same time?"
    if awaiting in {"permission", "callback_time"} and HANDLES_IT.search(r.text.lower()) and rule not in {
            "do_not_call", "wrong_number", "goodbye"} and not r.deny:
        # "this is his wife, Ray's at work. but I do all the scheduling for the truck, so go ahead"
        r.flags.discard("objection_busy")
        if not (r.date or r.time or r.services):
            r.affirm = True
            return "affirm", 0.85
        return "book", 0.85
    if "price_question" in r.flags and model == "objection_have_agent" and rule != model and not (
            lexicon().intents["objection_have_agent"].search(r.text.lower())):
        r.is_question = True
        return "faq", 0.8  # "does the meeting with an agent cost money?": what it costs, no agent of theirs
    if "objection_have_agent" in {rule, model} and AGENT_GONE.search(r.text.lower()):
        # "we're already working with an agent — well, no, we were. She moved to Dallas": no more
        r.flags.discard("objection_have_agent")
        return ("lead", 0.8) if r.has_lead_facts else ("provide_info", 0.8)
    if awaiting == "permission" and r.services and not (r.date or r.time) and re.search(
            r"\b(?:is|was) (?:this|it|that|the call) (?:about|regarding|for)\b", r.text.lower()):
        # "is this about that airbag recall thing?" on our call: what that work is, then the offer
        r.flags.add("price_question")
        r.is_question = True
        return "faq", 0.85
    if awaiting == "offer_appointment" and r.deny and r.lead_intent and re.search(
            r"\b(?:just|only|it'?s) (?:the )?(?:selling|buying|sale|purchase)\b|\bnot (?:buying|selling)\b",
            r.text.lower()):
        # "no, no, she's not buying anything … it's just selling the house" to the offer of a
        # listing visit: which side, put right, not a no to the visit
        r.deny = False
        return "provide_info", 0.85
    if r.name and said_only(r.text, r.name):
        return "provide_info", 0.9  # "Jamal Price" at a read back: a name, no objection to a price
    if rule in {"book", "faq"} and r.is_question and not (r.date or r.time or r.window) and (STILL_ON.search(
            r.text.lower()) or (model == "lookup_appointment" and p >= 0.95 and WHEN_IS.search(r.text))):
        return "lookup_appointment", max(p, 0.85)  # "when is the appointment for the Tahoe?", "can you just
        # check it's still on there?": not a new one
    if awaiting == "callback_time" and r.deny and (r.window or r.time or r.date or r.time_of_day) and (
            re.search(r"\b(?:call|ring|try|reach) (?:me|her|him|them|us)\b", r.text.lower())):
        # "no, she'd rather set it up herself … can you just call her back this evening? like after
        # six?": not the time offered, another
        r.deny = False
        return "provide_info", 0.85
    if awaiting == "callback_time" and "hold" in {rule, model} and ANY_TIME.search(r.text.lower()):
        return "provide_info", 0.85  # "whenever she gets a sec", asked when to call: no hold
    if MESSAGE_ASKED.search(r.text.lower()) and rule not in {
            "do_not_call", "cancel", "reschedule", "goodbye", "deny"} and not (
            r.date or r.time or r.services):
        # "can you have Mike call me?", "no need to transfer me … have him call me back": a call
        # back (with a message), not a person now
        r.flags |= {"objection_busy", "call_asked"}
        r.flags.discard("escalation")
        r.is_question = False
        return "objection_busy", 0.85
    if "price_question" in r.flags and re.search(r"\bbefore (?:i|we) (?:book|schedule|commit to)\b",
                                                 r.text.lower()):
        r.is_question = True
        return "faq", 0.85  # "before I book anything, what's that gonna cost me to have y'all look at it"
    if awaiting in {"permission", "service"} and ALREADY_BOOKED.search(
            r.text.lower()) and not NEW_BOOKING_ASKED.search(r.text.lower()) and rule not in RULES_FIRST:
        # "I think I already set that up? I called in Monday", "my wife already booked the brakes
        # for us" to our call: the booking they have
        return "lookup_appointment", 0.85
    if "visit_question" in r.flags and rule == "faq":
        return rule, max(rule_confidence, 0.85)  # "do I need to bring anything for a test drive?"
    if "do_not_call" in r.flags and THIS_NUMBER_OFF.search(r.text.lower()):
        # "that was my son who filled that out … please don't call this number again": whoever
        # answers, the number is struck off when asked in so many words
        return "do_not_call", 0.9
    if "hold" in {rule, model} and (r.date or r.time) and re.search(
            r"\bmake (?:it|that)\b|\binstead\b|\bchange (?:it|that)\b", r.text.lower()):
        return "provide_info", 0.8  # "actually hang on my son's got a game at eleven, make that one o'clock"
    if rule in {"faq", "unknown"} and UNDER_NAME.search(r.text.lower()):
        r.is_question = False
        return "provide_info", 0.85  # "can you put it under my mom's name? it's her house. gloria tran"
    if rule == "faq" and model == "book" and p < 0.8 and "price_question" in r.flags and not (
            r.date or r.time or r.window or ("book" in r.flags and not COST_FIRST.match(r.text.lower()))):
        # ("is there a charge to have somebody come out and tell me what it's worth?": asked first)
        return rule, rule_confidence  # "check engine light's on, what do y'all charge to look at it"
    if model == "identity" and rule == "faq" and "faq_topic" in r.flags and not re.search(
            r"\b(?:who|company|calling|call(?:ed)?|name|number|business|place|this call)\b", r.text.lower()):
        return rule, max(rule_confidence, 0.8)  # "what is this pre-approval thing?": the topic, not us
    if "wrong_number" in {rule, model} and WHILE_I_HAVE_YOU.search(r.text.lower()) and (
            r.services or r.appointment_type or {"price_question", "faq_topic"} & r.flags):
        # "Is this Riverside Pizza? … while I've got you, do y'all do state inspections?": asks us
        if r.date or r.time or "book" in r.flags:
            return "book", 0.85  # ("… while I've got you, can I get an oil change Friday?")
        r.is_question = True
        return "faq", 0.85
    if model == "wrong_number" and rule not in {"wrong_number", "unknown"} and p < 0.8 and (
            r.has_lead_facts or r.services or r.appointment_type):
        return rule, rule_confidence  # "I clicked the wrong thing on that form. I'm looking to sell my condo"
    if model == "wrong_number" and rule != "wrong_number" and MISTOOK_US.search(r.text.lower()) and (
            awaiting == "permission" or re.search(r"\b(?:yes|yeah|yep|that was me|that'?s "
                                                  r"me)\b", r.text.lower())):
        return rule, rule_confidence  # "yes, that was me. sorry, I thought you were the pharmacy"
    if "objection_busy" in {rule, model} and awaiting in BOOKING_ASKS and (r.date or r.time) and not (
            CALL_ME.search(r.text.lower()) or YOU_CALL_BACK.search(r.text.lower())
            or re.search(r"\b(?:call|ring|telephone|(?:phone|text) (?:me|her|him|us))\b", r.text.lower())):
        # "no no i said thursday, thursday at two, sorry im drivin and my phone keeps cuttin out":
        # the day put right, said on the road; no call later asked
        return "provide_info", 0.8
    if rule == "objection_busy" and (r.lead_intent or r.location or r.budget or r.services) and re.search(
            r"\b(?:driving|on the road|on speaker|in the car)\b", r.text.lower()) and not (
            CALL_ME.search(r.text.lower()) or YOU_CALL_BACK.search(r.text.lower()) or re.search(
                r"\b(?:later|call|ring|another time|bad time|busy|can'?t (?:really )?talk|meeting)\b",
                r.text.lower())):
        # "sorry, you're on speaker, I'm driving. yeah we're looking to buy … in Round Rock": where
        # they are as they talk, not a call put off
        r.flags.discard("objection_busy")
        return ("lead" if r.lead_intent or r.location or r.budget else "provide_info"), 0.8
    if "objection_not_interested" in {rule, model} and re.search(
            r"\b(?:just|only) (?:selling|the sell(?:ing)? side)\b", r.text.lower()) and re.search(
            r"\bnot (?:\w+ )?(?:ready|looking|planning|going|gonna) to buy\b|\bnot buying\b", r.text.lower()):
        return "provide_info", 0.85  # "just selling. I'm not ready to buy anything right now": a seller only
    if "escalation" in {rule, model} and SOMEONE_TO_DRIVE.search(r.text.lower()):
        # "'cause I'd need somebody to run me to work": a ride (the shuttle), not a person now
        return "faq", 0.8
    if rule == "affirm" and awaiting is None and (r.is_question or "question" in r.flags) and not (
            r.services or r.appointment_type or r.time) and len(r.text.split()) > 6:
        # "yes ma'am, I'm driving in tomorrow and I need to know where y'all are": asked
        r.affirm, r.is_question = False, True
        return "faq", 0.8
    if rule == "affirm" and awaiting is None and (
            r.services or r.appointment_type or r.has_lead_facts) and len(r.text.split()) > 6:
        # "yeah hey my father in law got a recall letter … for his ram", "yeah so I'm tired of
        # renting … pflugerville maybe": a "yeah" that opens the call answers nothing
        rule, rule_confidence = ("book" if r.services or r.appointment_type else "lead"), 0.7
        r.affirm = False
    if rule == "book" and model == "cancel" and p >= 0.6 and re.search(
            r"\b(?:cancel|scrap)\w* (?:that|it|this|them|'em)\b", r.text.lower()) and not (
            NOT_CANCELLED.search(r.text.lower()) or NEW_BOOKING_ASKED.search(r.text.lower())):
        # "the battery one, for the CR-V, you can cancel that. My brother-in-law already put one in
        # for me Saturday": the work done elsewhere is why, not a visit asked for
        return "cancel", p
    if (kept := on_file(r, rule, model, awaiting)) is not None:
        return kept  # a booking on file kept, checked, or said to be under another number
    if model in {"reschedule", "cancel"} and rule not in {"reschedule", "cancel"} and p < 0.7 and (
            r.lead_intent in {"buy", "sell", "both"}) and not A_BOOKING_WORD.search(r.text.lower()):
        # "I'm relocating … my company's moving me to their office at the Domain": a move of
        # house, not of a booking
        return "lead", 0.8
    if YES_WHO.match(r.text.lower()):
        r.affirm = False
        return "identity", 0.9  # "yeah whos this" to "do you have a minute?": who first, then maybe yes
    if NO_NEW_DAY.search(r.text.lower()) and not (r.date or r.time or r.window or r.is_question):
        if awaiting == "confirm_change":
            r.affirm = True
            return "affirm", 0.85  # "we're gonna wait till the fall. no need to reschedule": cancel it
        if "reschedule" in {rule, model}:
            return "cancel", 0.85
    if model == "book" and p < 0.6 and "book" not in r.flags and rule in {"provide_info", "unknown"} and not (
            r.services or r.appointment_type or r.date or r.time or r.window or r.vehicle):
        # "he's gonna want his own oil change there eventually": no visit asked of us, nothing to book
        return rule, rule_confidence
    if model == "greeting" and rule == "faq" and p < 0.8 and "faq_topic" in r.flags and r.is_question:
        return rule, rule_confidence  # "hey, so what's y'all's commission like?": the question, after a hello
    if model == "objection_busy" and "objection_busy" not in r.flags and p < 0.8 and not CALL_ME.search(
            r.text.lower()) and "faq_topic" in r.flags:
        # "do y'all do loaner cars? I can't really be without a car with the kids": why it is
        # asked, not a caller too busy to talk
        return rule, rule_confidence
    if model == "objection_busy" and rule == "faq" and CALL_ME.search(r.text.lower()) and not (
            {"price_question", "faq_topic", "inventory_question"} & r.flags):
        return "objection_busy", max(p, 0.8)  # "can y'all try her then?": a call asked for, not a fact
    if ASKS_NOW.search(r.text.lower()) and not (r.date or r.time or r.services or r.appointment_type):
        # "let me ask my husband, he's the one who drives it, hang on": asked now, on the line
        return "hold", 0.85
    if (ours := at_permission(r, model, p, awaiting)) is not None:
        return ours  # the answer to our own call's "do you have a minute?"
    if (r.date or r.time) and not r.services and CAN_YOU_DO_WHEN.search(r.text.lower()) and (
            "faq" in {rule, model} or model == "question") and not ("faq_topic" in r.flags or asks_hours(
                r.text.lower())):
        return "book", 0.8  # "can y'all do Tuesday at nine?": a time asked for, not a service
    if awaiting == "permission" and (GO_ON.search(r.text.lower()) or (
            WAS_IT_ABOUT.search(r.text.lower()) and (r.has_lead_facts or r.services or r.vehicle))) and not (
            r.deny or "objection_busy" in r.flags):
        # ("oh — wait. was it about houses in Cedar Park? that was probably my husband": it
        # was, and the conversation goes on with what they know)
        r.affirm = True
        return "affirm", 0.85  # "sure, what've you got?" to "do you have a minute?": go on
    if awaiting == "permission" and WAS_IT_ABOUT.search(r.text.lower()) and re.search(
            r"\b(?:truck|car|suv|van|vehicle|jeep|ride|house|home|place|listing)\b", r.text.lower()) and not (
            r.date or r.time or r.services):
        return "identity", 0.85  # "is it about the truck?" on our call: what it is about, no car for sale
    if "faq" in {rule, model} and r.appointment_type and ASKS_TO_SEE.search(r.text.lower()) and not (
            r.services or "price_question" in r.flags):
        return "book", 0.8  # "… isn't open today, but can we get in to see it this afternoon?"
    if "faq_topic" in r.flags and NEEDS_INFO.search(r.text.lower()) and {rule, model} & {
            "unknown", "provide_info", "chitchat", "greeting", "faq"} and not (
            r.services or r.date or r.time or r.appointment_type):
        r.is_question = True
        r.flags.add("question")
        return "faq", 0.8  # "I just need your address, I'm coming to pick up my wife's car"
    if "latest" in r.flags and "faq" in {rule, model} and (r.date or awaiting in {
            "date", "time", "pick_alternative"}) and not r.services:
        r.is_question = False
        r.flags.discard("question")
        return "provide_info", 0.8  # "what's the latest you've got tomorrow?": a time, the last one
    if THANKS_ANYWAY.search(r.text.lower()) and not (
            r.date or r.time or r.services or r.appointment_type or r.has_contact_facts or r.budget):
        if r.location and r.location[1]:
            r.location = None  # "so Austin area only?": an echo of the areas served, not a choice
        return "goodbye", 0.85
    if awaiting is None and (r.services or r.appointment_type) and {rule, model} <= {
            "affirm", "greeting", "provide_info", "unknown", "chitchat"} and not (r.is_question or r.deny):
        return "book", max(p, 0.7)  # "yeah hi. oil change.": what the call is for
    if awaiting == "offer_callback" and BYE.search(r.text.lower()):
        if re.match(r"\W*(?:yes|yeah|yep|yup|sure|please)\b", r.text.lower()):
            r.affirm = True
            return "affirm", 0.85  # "yes please, bye": the callback, then the goodbye
        if not SAYS_YES.search(r.text.lower()):
            r.affirm = False
            return "goodbye", 0.85  # "perfect, thanks so much, bye" to "would you like a call back?"
    if ((ASKS_BACK.search(r.text.lower()) and rule in {"objection_busy", "hold", "unknown", "provide_info",
                                                       "faq"}) or (
            BACK.search(r.text.lower()) and awaiting is not None and rule in {
                "objection_busy", "hold", "unknown", "provide_info"})) and not (
            names_a_call(r.text.lower()) or r.has_contact_facts or r.has_lead_facts
            # ("dont we already have a meeting with yall this week what day was that": of the meeting)
            or re.search(r"\b(?:meeting|appointment|appt|showing|consultation|test drive)\b",
                         r.text.lower())):
        # "sorry, what was that time again? I'm driving", "did you say two or ten?", "sorry, I'm
        # back": say it again; the driving is why it was missed, not a wish to be called
        return "repeat", 0.85
    if model == "objection_price" and "price_question" in r.flags and not re.search(
            r"\b(?:too (?:much|expensive|pricey|steep|high)|pricey|cheaper|can'?t afford|expensive|steep|"
            r"out of (?:my|our) (?:budget|range)|a lot of money|rip ?off|highway robbery)\b", r.text.lower()):
        return "faq", 0.8  # "and the price on that one?" asks it; nothing is objected to
    if awaiting not in YES_NO and {"done_with_it", "defers"} & r.flags and BYE.search(r.text.lower()) and (
            not (r.has_booking_facts or r.has_contact_facts)):
        r.deny = False
        return "goodbye", 0.85  # "forget it, I'll call back later. bye" asked for a name: leaving
    if awaiting == "confirm_change" and model == "reschedule" and rule != "reschedule" and not (
            re.search(r"\b(?:re-?schedul\w*|mov(?:e|ing)|push|bump|slide|switch|change|different|another|new|"
                      r"instead|earlier|later|sooner|rebook|shift|slide)\b", r.text.lower())
            or r.date or r.time):
        return ("affirm", 0.6) if r.appointment_type or r.services else (rule, rule_confidence)
        # "cancel." … "my showing.": which one, said back; it asks for no move
    if act.label == "thanks" and r.date and not lexicon().intents["thanks"].search(r.text.lower()):
        model, p = "unknown", 0.3  # "Thanksgiving?" sounds like thanks and is none
    elif act.label == "thanks":
        r.flags.add("thanks")
        if awaiting in YES_NO and r.affirm and not r.deny:
            return "affirm", 0.85  # "ya perfect thanks" to "is that right?": a yes said with thanks
        if awaiting == "confirm_booking" and not (r.deny or r.is_question or "defers" in r.flags or (
                r.has_booking_facts or r.has_contact_facts) or DEMURS.search(r.text.lower())):
            r.affirm = True
            return "affirm", 0.75  # "thank you kindly" to "shall I book it?": thanked for booking it
    if awaiting in {None, "anything_else"} and CALLED_FOR_SOMEONE.search(r.text.lower()):
        return "do_not_call", max(p, 0.85)  # "… keeps calling my phone asking for a Brenda"
    if awaiting in {None, "anything_else"} and RETURNED_CALL.search(r.text.lower()) and not (
            r.services or r.appointment_type or r.lead_intent or r.vehicle or r.time) and not (
            # "I got a missed call from this number … please don't call me again": no more calls
            rule == "do_not_call" and model == "do_not_call"):
        if LOOKUP_CUE.search(r.text.lower()):
            return "lookup_appointment", 0.85  # "… didn't leave a message. is it about my appointment?"
        return "identity", max(p, 0.85)  # "I missed a call from this number, just calling back"
    if SURELY_ELSEWHERE.search(r.text.lower()) and not (
            r.date or r.time or r.has_lead_facts or r.has_contact_facts):
        # a service named here belongs to the other place ("the tire shop on Burnet")
        return "wrong_number", max(p, 0.8)  # "no no, I meant to call the Ford place across town"
    if "faq" in {rule, model} and (BOOK_IT.search(r.text.lower()) or (
            # ("a townhouse for sale in Mueller … can somebody show it to me tomorrow?": to see it)
            model == "book" and p >= 0.9 and r.date and r.appointment_type == "property_showing")) and not (
            {"faq_topic", "price_question"} & r.flags):
        return "book", 0.8  # "can we just set it up?", "could you just put me down?": a booking asked
    if "faq" in {rule, model} and r.services and ASKS_FOR_WORK.search(r.text.lower()) and not (
            "price_question" in r.flags or HOURS_LIMIT.search(r.text.lower()) or "faq_topic" in r.flags):
        return "book", 0.8  # "can somebody check the brakes too?", "wondering if I could get it detailed"
    if model == "faq" and rule != "faq" and not r.is_question and "?" not in r.text and (
            r.date or r.time or r.window or r.time_of_day or r.services) and not (
            "faq_topic" in r.flags or "price_question" in r.flags or ASKS_YOU.search(r.text.lower())
            or (awaiting in {None, "anything_else"} and OWN_BOOKING.search(r.text.lower()))):
        return ("provide_info", 0.7) if rule == "unknown" else (rule, rule_confidence)
        # "morning. before ten if they can.": a when, said flat, asks nothing; "and also have the
        # tires rotated while it's there": work, said flat
    answered = awaiting is not None and answers(awaiting, r)
    if answered and awaiting in CONTACT_ASKS and (model in DERAILS or rule in DERAILS) and not (
            REALLY_DERAILS.search(r.text.lower())):
        # "Brenda Cole, sorry, I'm driving", "Jo March, but everybody calls me Jo", "call me at
        # 512…": the name or number asked for is given; the words around it are no request
        return (rule, rule_confidence) if rule not in DERAILS else ("provide_info", 0.8)
    if "objection_busy" in {rule, model} and awaiting in {"date", "time", "pick_alternative",
                                                          "confirm_booking"} and (
            r.date or r.time or r.window) and PROPOSES.search(r.text.lower()) and not names_a_call(
            r.text.lower()):
        # "this morning's no good, I'm at work. what about later today, like three thirty?": the
        # work is why another time, and the time is proposed for the visit
        return "provide_info", 0.8
    if "objection_busy" in {rule, model} and awaiting in {"date", "time", "pick_alternative"} and (
            DAY_REFUSED.search(r.text.lower())) and not names_a_call(r.text.lower()):
        return "provide_info", 0.7  # the day is out and the caller still wants the visit
    if awaiting == "anything_else" and "goodbye" in r.flags and ALL_DONE.search(r.text.lower()) and not (
            r.services or r.appointment_type or r.is_question or re.search(NO_LONGER_NEEDED, r.text.lower())):
        return "goodbye", 0.85  # "okay, ten thirty, got it. thanks, that's all I needed"
    if rule == "goodbye" and awaiting in {"confirm_booking", "confirm_change"} and (r.affirm or (
            "thanks" in r.flags and not (r.deny or "defers" in r.flags or DEMURS.search(r.text.lower())))):
        r.affirm = True
        return "affirm", 0.85  # "alright then, bye", "thank you, bye-bye" to the read-back: yes, then bye
    if "do_not_call" in {rule, model} and STOP_TALKING.fullmatch(r.text.lower()):
        # "Stop." said over the agent's answer: stop talking, not "stop calling me"
        return "hold", 0.8
    if "do_not_call" in {rule, model} and WHICH_NUMBER.search(r.text.lower()) and not (
            STRUCK_OFF.search(r.text.lower())):
        return "provide_info", 0.8  # "Tom Rasmussen. And please use this cell, don't call the house."
    if (model == "do_not_call" or rule == "do_not_call") and OTHER_WAY.search(r.text.lower()) and not (
            STRUCK_OFF.search(r.text.lower())):
        # "don't call me at work, try me in the evenings", "just text me instead": another way or
        # time to reach the caller, not a request to be struck off the list
        return "objection_busy", 0.8
    if "do_not_call" in {rule, model} and WHY_NEEDED.search(r.text.lower()) and not STRUCK_OFF.search(
            r.text.lower()):
        return "faq", 0.8  # "why do you need my number? I don't want marketing calls" asks why
    cancel_asked = CANCEL_ASK.search(r.text.lower())
    move_first = re.search(r"\b(?:move|push|bump|shift|slide|reschedule)\s+(?:it|that|this|my|our|the)\b",
                           r.text.lower())
    cancel_said = re.search(r"\b(?:cancel|call off|scrap)\b", r.text.lower())
    if awaiting in {None, "anything_else"} and cancel_said and move_first and (
            move_first.start() < cancel_said.start()) and not KEEP_IT.search(r.text.lower()) and not (
            # "should i move it hmm no no just cancel it": the move taken back, not a second change
            CORRECTION.search(r.text.lower(), move_first.end(), cancel_said.start())
            or re.match(r"\s*(?:it|that|this|them)\b", r.text.lower()[cancel_said.end():])):
        return "reschedule", max(p, 0.7)  # "push my oil change to Thursday, and cancel the detailing":
        # the first change asked; the other follows it
    if awaiting in {None, "anything_else"} and re.search(NO_LONGER_NEEDED, r.text.lower()) and not (
            KEEP_IT.search(r.text.lower())) and model not in {"do_not_call", "escalation", "wrong_number"}:
        return "cancel", max(p, 0.7)  # "so we won't need the one Saturday. thanks so much, y'all were great"
    if awaiting in {None, "anything_else"} and cancel_asked and not (
            KEEP_IT.search(r.text.lower()) and not KEEP_THE_OTHER.search(r.text.lower())) and model not in {
            "do_not_call", "escalation", "wrong_number"}:
        return "cancel", max(p, 0.6)  # "…we had a showing set up, can you cancel it?",
        # "I don't need the oil change I've got on monday anymore" (its words are no booking)
    if awaiting in {"date", "pick_alternative"} and JUST_CANCEL.search(r.text.lower()) and not (
            KEEP_IT.search(r.text.lower()) or r.date or r.time):
        return "cancel", 0.85  # asked the new day: "actually you know what, no, just cancel it"
    if awaiting in {"date", "pick_alternative", "confirm_change"} and CANCEL_ASK.search(r.text.lower()) and (
            NO_RESCHEDULE.search(r.text.lower()) or not (r.time or re.search(
                r"\b(?:instead|move|switch|push|put me|book|how about|what about)\b", r.text.lower()))) and (
            not MOVE_IT.search(NO_RESCHEDULE.sub(" ", r.text.lower()))):
        return "cancel", 0.85  # "so I need to cancel Wednesday. I don't want to reschedule"
    if awaiting in {None, "anything_else"} and MOVE_THEM.search(r.text.lower()) and rule in {
            "faq", "unknown", "provide_info", "affirm", "book"} and model not in {
            "cancel", "do_not_call", "escalation", "wrong_number"} and not (
            CANCEL_SAID_PLAIN.search(r.text.lower())):
        return "reschedule", max(p, 0.8)  # "can you bump both of them exactly one week?": asked, not asking
    if awaiting == "confirm_change" and (r.date or r.time) and MOVE_IT.search(r.text.lower()) and not (
            re.search(r"\b(?:just|only|rather|instead|go ahead and) cancel\b", r.text.lower())):
        return "reschedule", 0.8  # to a cancel read back: "can I just move it instead? Friday at two"
    if awaiting == "confirm_change" and (rule == "objection_have_agent" or (
            model == "objection_have_agent" and p >= 0.6)) and not r.deny and not (
            {"faq_topic", "question"} & r.flags):  # not "my brother-in-law swears the commission's 6%"
        # (and "i gotta go through my bank", read so at 0.44, is no reason)
        return "cancel", 0.8  # "my cousin just got her license, I'd never hear the end of it": why it goes
    if awaiting == "confirm_change" and re.search(NO_LONGER_NEEDED, r.text.lower()):
        return "cancel", 0.8  # "my brother changed the battery already, so I don't need it anymore"
    if awaiting == "confirm_change" and model == "cancel" and CANCEL_ASK.search(r.text.lower()) and not (
            KEEP_IT.search(r.text.lower()) and not re.search(r"\b(?:just|only|rather|instead) cancel\b",
                                                             r.text.lower())):
        return "cancel", p  # "no, you know what, just cancel it" to a move read back
    if awaiting in {None, "anything_else"} and MOVE_ASK.search(r.text.lower()) and model not in {
            "do_not_call", "escalation", "wrong_number", "cancel"}:
        return "reschedule", max(p, 0.6)  # "I've got an oil change Wednesday … I'd rather get it in sooner"
    if awaiting in {None, "anything_else"} and OWN_BOOKING.search(r.text.lower()) and (
            "escalation" in r.flags) and ("escalation" in {rule, model} or re.search(
                r"\b(?:talk|speak)\w* (?:to|with)\b", r.text.lower())):
        return "escalation", max(p, 0.8)  # "the listing Saturday's fine, keep it, but I wanna talk to Jordan"
    if awaiting in {None, "anything_else", "permission"} and OWN_BOOKING.search(r.text.lower()) and (
            model not in {"do_not_call", "escalation", "wrong_number"}) and not r.is_question and not (
            NEW_BOOKING_ASKED.search(r.text.lower()) or IF_I_BOOKED.search(r.text.lower())):
        # ("I've got the oil change tuesday, can I book …"; "if I booked an oil change at five-thirty
        # on Monday, would that even work?": one thought of)
        # ("our flight home got cancelled … can we push it to Monday?": the flight's, not theirs)
        if re.search(r"(?<!\bgot )(?<!\bget )(?<!\bwas )(?<!\bwere )(?<!\bbeen )(?<!\bis )"
                     r"\b(?:cancel\w*|call (?:it|that) off|scrap)\b",
                     NOT_CANCELLED.sub(" ", r.text.lower())) or (
                rule == "objection_have_agent" or re.search(NO_LONGER_NEEDED, r.text.lower()) or (
                    model == "objection_have_agent" and p >= 0.5 and not AGENT_COMING.search(r.text)
                    # (not "I have a showing Thursday at three already": no one else named)
                    and re.search(r"\b(?:agent|realtor|broker|with (?:my|our|a|her|his)|go(?:ing)? with|"
                                  r"working with|someone else|somebody else|another|elsewhere)\b",
                                  r.text.lower()))):
            # "had a brake check on the books … gonna have to cancel that"; "we had a consultation set up
            # Friday, and we've decided to go with my brother-in-law": why it goes (not "agent coming")
            return "cancel", max(p, 0.6)
        if CONFLICT.search(r.text.lower()) or WANTS_CHANGE.search(r.text.lower()) or RELATIVE_MOVE.search(
                r.text.lower()):
            # "I have a brake check Monday, not sure I can make it"; "I got the battery replacement
            # on the first, and I really need it the day before"
            return "reschedule", max(p, 0.6)
        return "lookup_appointment", max(p, 0.7)  # "i got a appointment saturday at ten": that one
    own = OWN_QUESTION.search(r.text.lower()) or HAS_OWN_AND_ASKS.search(r.text.lower())
    if awaiting in {None, "anything_else"} and own and not (
            model in {"cancel", "reschedule"} and p >= 0.5) and not NEW_BOOKING_ASKED.search(
            r.text.lower()) and not (
            # ("we've got two showings lined up with y'all … can you cancel the four-thirty?": the cancel)
            CANCEL_SAID_PLAIN.search(r.text.lower()) or MOVE_IT.search(r.text.lower())
            or MOVE_ASK.search(r.text.lower())):
        return "lookup_appointment", max(p, 0.7)  # "when are we meeting with the agent about …?"
    if model == "goodbye" and rule != "goodbye" and not LEAVING.search(r.text.lower()):
        return rule, rule_confidence  # "okay so two things." opens the call; it does not end it
    if (talked := talk_or_call(r, rule, model)) is not None:
        return talked  # a call later, a meeting, what talking costs: someone to talk to, not now
    if WEAK_OBJECTIONS & {model, rule} and {"price_question", "faq_topic"} & r.flags and BUT_ASKS.search(
            r.text.lower()):
        return "faq", max(rule_confidence, 0.8)  # "im not buying nothing but i wanna know what yall charge"
    if model == rule:
        return rule, max(rule_confidence, p)
    if awaiting is None and rule in {"affirm", "faq"} and model == "affirm" and r.is_question and (
            p < 0.8 and "faq_topic" in r.flags):
        return "faq", 0.8  # "yeah where yall located at exactly?" asked first: a question, no yes
    if model in WEAK_OBJECTIONS and rule == "faq" and r.is_question and "faq_topic" in r.flags and not (
            lexicon().intents[model].search(r.text.lower())):
        return rule, rule_confidence  # "can i just pay cash for that" asks how to pay; it objects to nothing
    if model == "goodbye" and rule == "affirm" and awaiting in YES_NO and "goodbye" not in r.flags:
        return rule, rule_confidence  # "alright then" to "shall I book it?" agrees; it does not hang up
    if rule == "faq" and r.is_question and "price_question" in r.flags and (model in {
            "affirm", "greeting", "provide_info", "unknown", "chitchat"} or (
            model == "objection_price" and r.services)):  # "what's it cost for a— uh. a tire rotation."
        return rule, rule_confidence  # "yeah, is it 49 bucks?": the yes is a filler before a price
    if model == "greeting" and (rule == "goodbye" or (rule in {"affirm", "deny"} and awaiting in YES_NO)):
        # "uh huh, thanks" to "shall I book it?", "that's all, appreciate it": the thanks
        # comes with the answer; it does not replace it
        return rule, rule_confidence
    if rule == "book" and model == "faq" and p >= 0.8 and r.is_question and asks_hours(r.text.lower()) and (
            not (r.date or r.time or r.window or r.services or r.appointment_type)):
        return "faq", p  # "what are your office hours, in case my husband wants to come in?"
    if rule == "faq" and r.is_question and HOURS_LIMIT.search(r.text.lower()) and (
            model in {"book", "provide_info", "reschedule"}):
        return rule, rule_confidence  # "till what time can I bring it in Saturday?" asks the hours
    if (model in {"objection_busy", "repeat"} or rule == "unknown") and BACK.search(r.text.lower()) and (
            not re.search(r"\b(?:call|ring|later|busy|driving|work|meeting)\b", r.text.lower())) and not (
            r.has_contact_facts or r.has_booking_facts or r.has_lead_facts):
        return "repeat", max(p, 0.6)  # "okay, I'm back" after a hold: say the question again
    if model == "objection_busy" and rule != "objection_busy" and (
            not BUSY_CUE.search(r.text.lower()) or GOES_ON.search(r.text.lower())):
        # "can you fit me in tomorrow after lunch?" wants a slot; "I'm on my lunch break so I
        # might go fast" is short of time and goes on
        return rule, rule_confidence
    if model in {"identity", "repeat"} and "price_question" in r.flags:
        return "faq", max(p, 0.8)  # "what do you want for it?" asks the price, not who we are
    if model == "identity" and (re.search(r"\bwhere\b", r.text.lower()) or (
            SAID_NOT_ASKED.match(r.text.lower()) and not r.text.rstrip().endswith("?"))):
        # "where exactly are you guys?" asks the way; "that's what I'm calling about" asks nothing
        return rule, rule_confidence
    if ASKS_BACK.search(r.text.lower()) and model in {"repeat", "identity", "faq", "unknown"} and not (
            r.has_contact_facts or r.has_booking_facts or r.has_lead_facts):
        return "repeat", max(p, 0.8)  # "sorry, which day was that?": say it again
    if model == "repeat" and not REPEAT_CUE.search(r.text.lower()):
        return rule, rule_confidence  # "what would that one run me?" asks a price, not "again?"
    if model == "objection_have_agent" and (
            r.vehicle or r.services or r.has_lead_facts) and not HAVE_SOMEONE.search(r.text.lower()):
        return rule, rule_confidence  # "we've got an old RAV4" is a car, not a mechanic
    if model == "objection_price" and not PRICE_CUE.search(r.text.lower()):
        return rule, rule_confidence  # "I can't make it out till then" says nothing of money
    if model == "identity" and re.search(r"\bwho (?:pays|gets paid|do (?:i|we) pay|covers|handles)\b",
                                         r.text.lower()):
        return rule, rule_confidence  # "who pays you, me?" asks about the fee, not who we are
    if model == "identity" and p >= 0.5 and re.search(
            r"\b(?:is this|is that|am i (?:speaking|talking) (?:to|with)|did i (?:reach|get)) "
            r"(?:the|a|an)\b", r.text.lower()):
        return model, p  # "is this the Honda dealership on Lamar?" asks who we are
    if model == "line_check" and (r.date or r.time):
        return rule, rule_confidence  # "is anybody there on Thanksgiving?" asks the hours
    if model == "line_check" and LIVES_THERE.search(r.text.lower()):
        return rule, rule_confidence  # "do y'all do Leander? we're up there now": where they live
    if model == "line_check" and not re.search(r"\b(?:you|me|there|hello|line|call|breaking|cut(?:ting)? out|"
                                               r"static|hear)\b[^.?!]*(?:\?|$)|\b(?:you|me|there|hello)\b",
                                               r.text.lower()):
        return rule, rule_confidence  # "on a job site all morning and can't hear a thing": why, not the line
    if model == "how_got_number" and not (r.is_question or re.search(r"\b(?:how|where|why|who)\b",
                                                                         r.text.lower())):
        return rule, rule_confidence  # "and this number is my cell.": says, asks nothing
    if model in ACT_CUES and r.vehicle and r.is_question:
        return rule, rule_confidence  # "is the red RAV4 still there?" asks about the car
    if model in ACT_CUES and (len(r.text.split()) > 20 or (
            model in GUARDED and not ACT_CUES[model].search(r.text.lower()))):
        # these acts have a small vocabulary: "what are you asking for it?" is no "who is this?"
        return rule, rule_confidence
    if r.is_question and "faq_topic" in r.flags and (rule == "faq" or (
            rule == "book" and not lexicon().intents["book"].search(SUBORDINATE.sub("", r.text.lower()))
            )) and (model in {"book", "provide_info"} or p < 0.5 or (
            model == "escalation" and not TALK_TO.search(r.text.lower()))) and not (
            r.services or r.date or r.time or r.window
                                          or r.time_of_day or r.vehicle or r.has_lead_facts
                                          or r.has_contact_facts):
        # "is there someone who could drive me home (after I drop it off)?" asks about the
        # shuttle, it books nothing
        return "faq", max(rule_confidence, 0.8)
    if rule == "faq" and r.is_question and "inventory_question" in r.flags and model in {
            "book", "provide_info"} and not (r.appointment_type and r.date and (r.time or r.time_of_day)):
        # "is the black F-150 still gonna be on the lot next week?" (not "… I'd love to take it for
        # a drive. Saturday, maybe eleven?": a visit asked, its hour with a question mark)
        return rule, rule_confidence
    if model == "faq" and (r.services or r.appointment_type) and not r.is_question and not (
            QUESTION_START.match(r.text.lower()) or {"price_question", "inventory_question"} & r.flags):
        return rule, rule_confidence  # "once I drop off the truck for a new battery" asks nothing
    if PAUSE_ONLY.fullmatch(r.text.lower()):
        return "hold", max(p, 0.8)  # "one moment please": nothing else said
    place = WRONG_PLACE.search(r.text.lower()) is not None
    if model == "wrong_number" and ANSWERS_FOR_THEM.search(r.text.lower()):
        return rule, rule_confidence  # "you've reached Samir Haddad's phone, this is his assistant"
    if model == "wrong_number" and awaiting in BOOKING_UNDER_WAY and not place and not re.search(
            r"\b(?:wrong|who|no ?(?:one|body)|don'?t know)\b", r.text.lower()):
        # "not the thirtieth — sorry, I'm on speaker, I never know if it comes through right",
        # asked for a name in a booking under way: nothing says we are not who they called
        return rule, rule_confidence
    if model == "wrong_number" and ((p < 0.8 and not (p >= 0.3 and place)) or r.services
                                    or r.lead_intent in {"buy", "sell", "both"}
                                    or (r.vehicle and not place) or r.has_booking_facts
                                    or NEW_AT_IT.search(r.text.lower()) or RENTS.search(r.text.lower())
                                    or (KINDS_OF_US.search(r.text.lower()) and not place)
                                    or MEANT_TO_CALL_US.search(r.text.lower())
                                    or SPELLS_A_WORD.search(r.text.lower())
                                    # ("so sorry if this is a dumb question. what actually happens at a
                                    # consultation?": asks about us)
                                    or ("faq_topic" in r.flags and not place)
                                    or re.search(r"\b(?:my|our) (?:car|truck|vehicle|appointment|"
                                                 r"house|home|agent|husband|wife|son|daughter)\b|"
                                                 # "his car … you'd have to talk to him": he lives here
                                                 r"\b(?:talk|speak) (?:to|with) (?:him|her)\b",
                                                 r.text.lower())):
        return rule, rule_confidence  # a wrong number ends the call: only when it surely is one
    if model == "objection_have_agent" and "objection_have_agent" not in r.flags and (
            not SOMEONE_ELSE.search(r.text.lower()) or "faq_topic" in r.flags):
        # "I already talked to somebody, I think?": to us, not another agent; "my brother-in-law
        # swears it's six percent": what he says of our commission
        return rule, rule_confidence
    if model == "wrong_number" and place and p >= 0.5:
        # "no no, I meant to reach the Honda place, not you guys": more than a "no" to the
        # question asked, it says the caller (or the callee) is not who we think
        return model, p
    if model in {"reschedule", "cancel"} and not CHANGE_CUE.search(r.text.lower()) and not (
            awaiting not in {None, "anything_else"} and INSTEAD.search(r.text.lower())):
        return rule, rule_confidence  # "can I come Saturday at 9?" books; it changes nothing
    if model == "lookup_appointment" and not LOOKUP_CUE.search(r.text.lower()):
        return rule, rule_confidence  # "what time do you open?" asks the hours, not "my time"
    if model == "lookup_appointment" and p >= 0.5 and CONFLICT.search(r.text.lower()) and (
            awaiting in {None, "anything_else"}):
        return "reschedule", p  # "I have appointment with you this Friday … but now my wife must work Friday"
    if model == "lookup_appointment" and p >= 0.5 and (not (
            r.services and rule == "book" and not r.is_question) or ASKS_OWN.search(r.text.lower())
            or UNSURE_OF_OWN.search(r.text.lower())):
        return model, p  # "when's my oil change again?" asks about one already booked
    if rule == "objection_busy" and CALL_ME.search(r.text.lower()) and not (
            r.services and lexicon().intents["book"].search(r.text.lower())) and model in {
            "book", "provide_info", "reschedule", "lookup_appointment"}:
        # "could somebody from service give me a call back tomorrow? I got a recall letter": the
        # work is what they want to talk about; only booking words ask for it to be booked
        return rule, rule_confidence
    if model == "do_not_call" and rule != "do_not_call" and not asks_to_stop_contact(r.text.lower()):
        return rule, rule_confidence  # "the number I'm calling from is fine", "want to stop renting"
    if model == "do_not_call" and p >= 0.6 and rule != "escalation":
        return "do_not_call", p  # "we already bought, so don't ring again": the request wins
    if rule in RULES_FIRST:
        # The patterns name these exactly; the model may overrule only with near certainty, never to
        # turn a request to stop calling into anything else, nor "I need the manager to call me" into a
        # person now
        if rule != "do_not_call" and p >= 0.9 and model not in {"unknown", "provide_info"} and not (
                model == "escalation" and "call_asked" in r.flags):
            return model, p
        if rule == "escalation" and model == "bot_check" and p >= 0.6:
            return model, p  # "is this a real person?" asks; the answer offers one anyway
        return rule, rule_confidence
    if answered and model in {"how_got_number", "identity"} and p >= 0.9 and awaiting in YES_NO | {
            "permission"} and ACT_CUES[model].search(r.text.lower()) and r.is_question:
        return model, p  # "ok but how'd you get my number?" to "do you have a minute?" asks first
    if answered and model == "reschedule" and p >= 0.8 and ALREADY_BOOKED.search(r.text.lower()):
        return model, p  # "it's booked Wednesday at eleven … can we do Friday instead?" asked for a day
    if answered and awaiting == "confirm_change" and NOT_CANCELLED.search(r.text.lower()) and (
            (model == "reschedule" and p >= 0.8) or r.date or r.time or LATER_ON.search(r.text.lower())):
        return "reschedule", max(p, 0.8)  # "no no don't cancel it, make it Monday at ten": a move
    if answered and awaiting == "anything_else" and rule == "affirm" and p >= 0.8 and model in {
            "reschedule", "cancel"}:
        return model, p  # "okay well actually can we push it to six": the yes says there is something
    if answered:
        return rule, rule_confidence  # "Tuesday" after "what day?" is the answer, whatever else
    if model in {"reschedule", "cancel"}:  # its words are there (checked above)
        # "that battery swap tomorrow, bump it to Friday"
        return (model, p) if p >= 0.5 else (rule, rule_confidence)
    if rule == "book" and (r.services or r.appointment_type) and (r.date or r.time):
        return rule, rule_confidence  # a service and a day: a booking, whatever it sounds like
    if model == "escalation" and rule != "escalation" and ONES_OWN_AGENT.search(r.text.lower()) and not (
            TALK_TO.search(ONES_OWN_AGENT.sub(" ", r.text.lower()))):
        return rule, rule_confidence  # "I need to drop off some paperwork for my agent": asks for no one
    if model == "objection_not_interested" and rule != model and no_refusal(r.text.lower()):
        return rule, rule_confidence  # "I'm interested in seeing a house y'all have listed": no refusal
    threshold = {"do_not_call": 0.6, "escalation": 0.8, "chitchat": 0.6, "unknown": 0.6,
                 "objection_have_agent": 0.6, "objection_not_interested": 0.6,
                 "objection_price": 0.6, "objection_busy": 0.6}.get(model, 0.5)
    if model.startswith("objection") and model != "objection_busy" and (
            r.date or r.time or r.budget or r.location or r.lead_intent):
        # "I'm looking for an apartment to rent" gives a fact, it objects to nothing ("East Austin,
        # buying, not renting, I'm done renting": two facts, never an objection)
        facts = sum(map(bool, (r.date or r.time, r.budget, r.location, r.lead_intent)))
        threshold = 0.95 if facts < 2 else 1.1
    if rule == "book" and model.startswith("objection") and r.services and (
            model != "objection_busy"):
        threshold = 1.1  # "just the oil change. I don't need the tires": it asks for the oil
    elif rule == "book" and model.startswith("objection") and not (r.date or r.time):
        threshold = 0.8  # "my agent already set up showings for us"
    elif rule == "book" and model not in {"faq", "reschedule", "cancel"} | NEW_ACTS:
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
        # (an objection needs an even guess: "my wife's got the other car at work all day" is no
        # other agent, 0.46)
        threshold = min(threshold, 0.5 if model in WEAK_OBJECTIONS else 0.35)
    if p >= threshold:
        return model, p
    return rule, rule_confidence
