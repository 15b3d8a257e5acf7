"""A question said inside a message that is about something else: "we've never bought before and I
don't even get how the pre approval thing works, we're looking in austin" (the facts are the
main act, the question is answered in passing), the question a message opens with when a second
one is found inside it, and the name a booking goes under said with why."""

from __future__ import annotations

import re
from datetime import date

from frontdesk.brain.nlu import names
from frontdesk.brain.nlu.clauses import EMBEDDED_ASK, TAGGED, WHICH_ASK
from frontdesk.brain.nlu.cues import ASKS_OF_IT
from frontdesk.brain.nlu.read import read
from frontdesk.brain.nlu.text import normalise
from frontdesk.brain.nlu.understanding import Understanding
from frontdesk.knowledge.profile import BusinessProfile

PUT_UNDER = re.compile(r"\b(?:put|book|make|have) (?:it|that|this|the \w+) (?:under|in) "
                       r"(?:his|her|my|our|their|the) (?:\w+'?s |real |legal |actual |full |proper )?name\b")
"""The name a booking goes under, said with why ("put it under my real name, …")."""
_HOW_IT_WORKS = re.compile(r"\bhow (?:does|do|would|will|is) (?:that|this|it|the|a|an)\b[^.?!]{0,40}"
                           r"\b(?:work|go|happen)s?\b")


def embedded_question(text: str, whole: Understanding, profile: BusinessProfile, today: date,
                       awaiting: str | None) -> Understanding | None:
    """"we've never bought before and I don't even get how the pre approval thing works, we're
    looking in austin, around three fifty": the facts are the main act, and the question about
    one of the business's topics inside them is answered in passing."""
    facts = whole.has_lead_facts or whole.has_booking_facts
    if not (whole.intent in {"provide_info", "lead", "book", "lookup_appointment"} or (
            whole.intent in {"faq", "deny", "affirm"} and facts) or (
            # "yeah this is him um do yall still have that shuttle thing": yes, then the question
            whole.intent == "affirm" and awaiting == "permission")) or (
            "faq_topic" not in whole.flags or not (EMBEDDED_ASK.search(whole.text.lower()) or (
                # "we havent talked to a bank or anything how does that pre approval thing work"
                _HOW_IT_WORKS.search(whole.text.lower()) and whole.financing is not None
                and whole.intent != "faq"))):
        return None
    for piece in re.split(r"[,;.]\s+|\s+(?:and|but|so)\s+(?=(?:i|we|i'm|we're|he|she|they)\b)|"
                          r"\s+(?=(?:i|we)(?:'ve| have)? (?:got|have|had|booked) (?:a|an|my|the)\b)|"
                          r"(?<!\bor)\s+(?=(?:do|does|are|is|would|will) (?:you|y'?all|your)\b)|"
                          r"\s+(?=(?:do|does|should) (?:i|we) (?:need|have to|gotta)\b)|"
                          r"\s+(?=" + WHICH_ASK + r")|"
                          r"\s+(?=how (?:does|do|would|will|is) (?:that|it|this|the|a|an)\b)", text,
                          flags=re.IGNORECASE):
        if EMBEDDED_ASK.search(f"a {piece.lower()}") or re.match(WHICH_ASK, piece.lower()) or re.match(
                r"(?:do|does|are|is|would|will) (?:you|y'?all|your)\b|"
                r"how (?:does|do|would|will|is) (?:that|it|this)\b|"
                r"how (?:does|do|would|will) (?:the|a|an) (?:whole )?[\w -]{2,30}? (?:work|go|happen)\b",
                piece.lower()):
            aside = read(piece, profile, today, awaiting)
            if aside.intent != "faq" and (tag := TAGGED.search(piece.lower())) is not None:
                # "i dont really need a realtor i can find houses myself cant i": the statement the
                # tag turns into a question, asked
                aside = read(f"{piece[tag.start(1):tag.start(2)].strip()}?", profile, today, awaiting)
                aside.intent, aside.is_question = ("faq", True) if "faq_topic" in aside.flags else (
                    aside.intent, aside.is_question)
            if aside.intent != "faq" and "faq_topic" in aside.flags and not aside.has_booking_facts and (
                    EMBEDDED_ASK.search(f"a {piece.lower()}")):
                aside.intent, aside.is_question = "faq", True  # "I wanted to get a sense of how … works"
            if "faq_topic" not in aside.flags and (re.match(ASKS_OF_IT, piece.lower()) or (
                    # "get pre-approved, get pre-approved, and I don't actually know what that means"
                    re.search(r"\bknow (?:how|what) (?:that|it|this)\b", piece.lower()))):
                aside = read(text, profile, today, awaiting)  # "how does that work": the topic said before
                aside.intent, aside.is_question = "faq", True
            if aside.intent != "faq" or "faq_topic" not in aside.flags:
                return None
            if whole.intent == "faq":  # the facts are what the message gives; the question is aside
                whole.intent, whole.is_question = "provide_info", False
            return aside
    return None


def named_under(whole: Understanding, text: str) -> Understanding:
    """"Put it under my real name, Deshawn Gaines … the warranty stuff gets confusing
    otherwise": the name the booking goes under, and why; no question."""
    if whole.name is None and PUT_UNDER.search(whole.text.lower()) and (
            named := names.extract_name(normalise(text), expecting=True)) is not None:
        whole.name = named
        if whole.intent == "faq" and not whole.is_question:
            whole.intent = "provide_info"
        whole.flags.discard("faq_topic")
    return whole


_WH_OPENS = re.compile(r"(?:\W*(?:so|and|um+|uh+|hi|hey|yeah|okay|ok|well)\W+)*"
                       r"(?:where|what|when|how|which|who|do|does|are|is|can|could)\b")


def asked_first(text: str, aside: Understanding, profile: BusinessProfile, today: date,
                 awaiting: str | None) -> Understanding | None:
    """The question the message opens with, when the question found inside it is a second one
    ("where yall located at and do yall take walk ins for oil changes"): the first, as the
    main act. None when the message opens with something else (facts, a request)."""
    said = normalise(text).raw
    at = said.lower().rfind(aside.text.lower())
    head = re.sub(r"[\s,]*\b(?:and|but|so)\W*$", "", said[:at]).strip() if at > 0 else ""
    if len(head.split()) < 2 or not _WH_OPENS.match(head.lower()):
        return None
    first = read(head, profile, today, awaiting)
    if "faq_topic" not in first.flags or first.has_booking_facts or first.has_lead_facts:
        return None
    first.intent, first.is_question = "faq", True
    first.flags.add("question")
    return first
