"""The rules of :func:`~frontdesk.brain.nlu.combine.combine` for a booking the caller already has:
kept ("don't cancel it or anything"), checked ("and the explorer is still at eight, right?"),
said to be under another number, or made by someone else before the call."""

from __future__ import annotations

import re

from frontdesk.brain.nlu.combine_words import (
    CANCEL_SAID_PLAIN,
    INSTEAD,
    MOVE_IT,
    answered_own_question,
    financing_at_read_back,
)
from frontdesk.brain.nlu.cues import CALL_ME, CHANGE_CUE, KEEPS_IT, NEW_BOOKING_ASKED, NOT_CANCELLED
from frontdesk.brain.nlu.on_file import NOT_KNOWN_YET, SOONER
from frontdesk.brain.nlu.own_booking import (
    ASKS_OWN_TIME,
    CANCEL_TAKEN_BACK,
    LEFT_AS_IS,
    MOVE_ASK,
    SET_UP_BEFORE,
    STILL_ON,
    THEN_MOVED,
    UNDER_NUMBER,
)
from frontdesk.brain.nlu.said import LATE_FOR_IT, NEW_TIME_ASKED
from frontdesk.brain.nlu.text import normalise
from frontdesk.brain.nlu.understanding import Understanding

_CANCELLED = re.compile(r"\b(?:cancel\w*|scratch|scrap|drop|nix|call (?:it|that) off)\b")
"""A cancel in any of its words ("scratch the detail")."""


_CANT_MAKE_IT = re.compile(r"\b(?:not (?:gonna|going to) make it|can'?t make it|"
                           r"won'?t (?:be able to )?make it|no way i(?:'ll)? make (?:it|that))\b")
"""The booking cannot be kept as it is: with a new time said, a move ("… could we push it to five?")."""


_LET_THEM_KNOW = re.compile(r"\b(?:let|tell) (?:the agent|your agent|him|her|them|the (?:shop|guys|service "
                            r"(?:guy|advisor|desk|department))) know\b")
_PUT_ME_THROUGH = re.compile(r"\b(?:talk|speak) (?:to|with)\b|\bput me through\b|\btransfer\b")


def read_first(r: Understanding, rule: str, awaiting: str | None) -> tuple[str, float] | None:
    """What a message is, read before the rule and the model are weighed: running late for a booking,
    the hours asked and answered in one breath, where the money stands told at a read back, a call
    back promised before and never made."""
    return running_late(r) or answered_own_question(r, awaiting) or financing_at_read_back(r, awaiting) or (
        _promised_before(r, rule))


_PROMISED = re.compile(r"\b(?:said|told (?:me|us)|promised(?: me| us)?|was supposed to|were supposed to)"
                       r"(?: that)?(?: (?:somebody|someone|they|he|she|you|y'?all|you guys|a guy|the guy|"
                       r"the shop|one of you))? (?:would|'d|was going to|were going to|gonna|will|to) "
                       r"(?:call|get back|give (?:me|us) a call|ring)\b")
"""A call back someone promised before ("the guy said somebody would call me back")."""


def _promised_before(r: Understanding, rule: str) -> tuple[str, float] | None:
    """"I called Monday about my check engine light and the guy said somebody would call me back
    with a time. nobody ever did.": what they called about, not a call asked for now."""
    said = r.text.lower()
    if rule != "objection_busy" or not _PROMISED.search(said) or CALL_ME.search(_PROMISED.sub(" ", said)):
        return None
    r.flags.discard("objection_busy")
    return ("book", 0.8) if r.services or r.appointment_type else ("provide_info", 0.7)


def late_word_passed(said: str) -> bool:
    """Running late, and the word passed on asked ("… fifteen minutes late. can you let the agent
    know?"): the booking's own answer, no person asked for."""
    return bool(LATE_FOR_IT.search(said) and _LET_THEM_KNOW.search(said) and not _PUT_ME_THROUGH.search(said))


def running_late(r: Understanding) -> tuple[str, float] | None:
    """"we're meeting your agent at ten … running like fifteen minutes behind. will she wait for
    us?": whether the booking stands (the business's own answer), not a visit to book or move."""
    said = r.text.lower()
    word_passed = late_word_passed(said)
    if not LATE_FOR_IT.search(said) or MOVE_IT.search(said) or MOVE_ASK.search(said) or (
            NEW_TIME_ASKED.search(said) or _CANCELLED.search(said)) or r.act is None or r.act.label in {
            "do_not_call", "wrong_number"} or (r.act.label == "escalation" and not word_passed):
        return None
    r.flags |= {"question", "faq_topic"}
    r.is_question = True
    return "faq", 0.85


def on_file(r: Understanding, rule: str, model: str, awaiting: str | None) -> tuple[str, float] | None:
    """The intent a message about a booking on file has, or None when it is not about one."""
    said = r.text.lower()
    if (back := CANCEL_TAKEN_BACK.search(said)) and _CANCELLED.search(said, 0, back.start()) and (
            THEN_MOVED.search(said, back.end())) and model not in {"escalation", "do_not_call",
                                                                   "wrong_number"}:
        # "scratch the detail … wait, no … keep the detail. but the inspection, can that go to
        # Thursday instead?": the cancel taken back, and the other one moved
        return "reschedule", 0.85
    if awaiting not in {"confirm_change", "move_or_cancel"} and (rule == "cancel" or model == "cancel") and (
            NOT_CANCELLED.search(r.text.lower())) and not (
            CANCEL_SAID_PLAIN.search(NOT_CANCELLED.sub(" ", r.text.lower()))) and not (
            # "no no, don't cancel it, just push it to friday": a move, not a keep
            MOVE_IT.search(r.text.lower()) or MOVE_ASK.search(r.text.lower())):
        return "lookup_appointment", 0.8  # "we're still coming. don't cancel it or anything": kept
    if awaiting not in {"confirm_change", "move_or_cancel"} and (rule == "cancel" or model in {
            "cancel", "reschedule"}) and (r.date or r.time) and MOVE_IT.search(said) and _CANT_MAKE_IT.search(
            said) and not (
            CANCEL_SAID_PLAIN.search(NOT_CANCELLED.sub(" ", said))):
        # "I'm not going to make it off work in time. Could we push it to five thirty instead?": moved
        return "reschedule", 0.85
    if awaiting not in {"confirm_change", "move_or_cancel"} and LEFT_AS_IS.search(r.text.lower()) and not (
            MOVE_IT.search(r.text.lower()) or MOVE_ASK.search(r.text.lower()) or re.search(
                # ("I need to move just the inspection to Monday … leave the oil change where it is")
                r"\b(?:but|could|can|would|instead|cancel|move|push|bump|switch|change|reschedule|shift)\b",
                r.text.lower())):
        return "lookup_appointment", 0.8  # "put me through. and leave the appointment as it is": kept
    if awaiting in {None, "anything_else"} and ASKS_OWN_TIME.search(r.text.lower()) and not (
            CHANGE_CUE.search(r.text.lower()) or NEW_BOOKING_ASKED.search(r.text.lower())) and (
            rule in {"book", "provide_info", "unknown", "faq"}):
        # "but we still wanna keep the buyer consultation, what's the time on that one"
        return "lookup_appointment", 0.85
    if awaiting in {None, "anything_else"} and STILL_ON.search(r.text.lower()) and (
            r.time or r.date or r.services or r.vehicle or r.appointment_type) and not (
            CHANGE_CUE.search(r.text.lower())):
        return "lookup_appointment", 0.85  # "and the explorer is still at eight, right?": checked
    if UNDER_NUMBER.search(normalise(r.text).lower) and (awaiting in {None, "anything_else"} or (
            r.phone and awaiting in {"date", "name", "appointment_type", "service", "pick_alternative"})):
        # "the showing's booked under my cell, 512-555-3877" (and what is to happen to it: "he
        # wants it the day after instead, same time"); without the number it is asked for
        if not r.phone and not re.search(r"\bunder (?:my|our) (?:number|phone)\b", normalise(r.text).lower):
            r.flags.add("elsewhere")  # ("it's under my number, I set it up for her": the one calling)
        said = normalise(r.text).lower
        if CANCEL_SAID_PLAIN.search(said):
            return "cancel", 0.85
        return ("reschedule" if CHANGE_CUE.search(said) or re.search(r"\binstead\b", said)
                else "lookup_appointment"), 0.85
    # ("my wife booked somethin' for the truck": the words as said, g restored)
    if awaiting in {None, "anything_else"} and SET_UP_BEFORE.search(normalise(r.text).lower) and not (
            r.is_question and "faq_topic" in r.flags) and not (  # ("… can we change it to saturday")
            CHANGE_CUE.search(r.text.lower()) or CANCEL_SAID_PLAIN.search(r.text.lower())):
        # "I'm calling about a showing my husband set up for tomorrow at eleven, he's at work":
        # a booking made before, whoever made it
        r.flags.discard("objection_busy")
        return "lookup_appointment", 0.85
    if awaiting in {None, "anything_else"} and model == "reschedule" and rule == "objection_busy" and (
            NOT_KNOWN_YET.search(said) and CALL_ME.search(said)):
        # "I think I'm gonna need to move it, but I don't know my schedule yet … give me a call back
        # Thursday afternoon and we'll figure it out": the call, the move waits for it
        return "objection_busy", 0.85
    if awaiting in {None, "anything_else"} and "lookup_appointment" in {rule, model} and (
            SOONER.search(said)) and model not in {"cancel", "escalation", "do_not_call", "wrong_number"}:
        return "reschedule", 0.85  # "my tire rotation's a week from Thursday, could I come in earlier?"
    if awaiting in {None, "anything_else"} and (told := _OURS_IS_ON.search(said)) and _COULD_IT_BE.search(
            said, told.end()) and model in {"reschedule", "book", "provide_info"} and rule in {
            "book", "provide_info", "unknown", "faq"}:
        # "our listing walkthrough is Wednesday morning but the painters are there, could it be the
        # afternoon?": the booking told, then another time asked for it
        return "reschedule", 0.85
    return None


_OURS_IS_ON = re.compile(r"\b(?:my|our|the) (?:[\w-]+ ){0,2}(?:appointment|appt|showing|consultation|"
                         r"walkthrough|walk-through|visit|valuation|oil change|detail|inspection|rotation|"
                         r"test drive|service|thing|meeting|tour)(?:'s| is| was) (?:set |booked |scheduled )?"
                         r"(?:for |on |at )?(?:this |next )?"
                         r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|today)\b")
"""The caller's own booking, told by its day ("our listing walkthrough is Wednesday morning")."""
_COULD_IT_BE = re.compile(r"\b(?:could|can|would|is there any way) (?:it|that|we|you|y'?all)(?: guys)? "
                          r"(?:be|do|make it|go|have it|switch|change|get it)\b[^.?!]{0,30}\b(?:the|in the|"
                          r"instead|later|earlier|another|a different|"
                          r"(?:mon|tues|wednes|thurs|fri|satur|sun)day|tomorrow|\d|one|two|three|four|five|six|seven|eight|nine|ten|eleven|noon)\b")
"""Another time asked of the booking just told ("could it be the afternoon?", "can we do Friday?")."""


def kept_as_it_is(said: str) -> bool:
    """A booking on file said to stay, in so many words, with no change asked after it ("I've got a
    showing Thursday at three, and I don't want to change that, that's fine")."""
    rest = said[kept.end():] if (kept := KEEPS_IT.search(said)) else ""
    return bool(kept) and re.match(r"\s*(?:[,.;!?]|$|and\b)", rest) is not None and not (
        CHANGE_CUE.search(rest) or INSTEAD.search(rest))
