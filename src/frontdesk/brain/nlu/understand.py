"""Turns one caller message into dialogue acts, each with an intent, a confidence and entities.

A message is split into clauses (:mod:`.clauses`: "Wednesday works. Oh, and do you have a
shuttle?"), and each clause is read (:mod:`.read`) twice: by the act classifier trained on the
phrase bank (:mod:`.classifier`), which generalises to phrasings nobody wrote down, and by the
rules of ``lexicon.yaml``, which stay where they are the right tool — exact commands, yes/no at
the start of an answer, and intents implied by the facts given (a service and a day is a
booking); :mod:`.combine` decides between the two readings.

This module decides which clauses are *asides* — a question about the business, "are you
there?", "who is this?" — and which make the main act: "Wednesday works, and do you have a
shuttle?" carries both as :attr:`Understanding.acts`; the brain handles the asides first and
then goes back to what it was doing.
"""

from __future__ import annotations

import re
from datetime import date

from frontdesk.brain.nlu import (
    asking,
    clock,
    contact,
    financing,
    lead,
    lead_facts,
    name_fixes,
    names,
    places,
    refer,
    staff_asked,
    when,
)
from frontdesk.brain.nlu import entities as ex
from frontdesk.brain.nlu.asides import is_aside
from frontdesk.brain.nlu.asking import OF_THAT, asks
from frontdesk.brain.nlu.clauses import split_clauses, split_lead_in
from frontdesk.brain.nlu.combine_on_file import late_word_passed
from frontdesk.brain.nlu.cues import (
    CHANGE_CUE,
    HESITATES,
    NEW_BOOKING_ASKED,
    PROBLEM_TAG,
    RETURNED_CALL,
    TRAILING_PRICE,
    TRAILING_WHERE,
    YES_WHO,
    asks_hours,
)
from frontdesk.brain.nlu.elsewhere import asks_for_another_kind, wants_the_other_place
from frontdesk.brain.nlu.embedded_ask import PUT_UNDER, asked_first, embedded_question, named_under
from frontdesk.brain.nlu.lexicon import lexicon
from frontdesk.brain.nlu.on_file import (
    ASKS_A_VISIT,
    STATES_OWN,
    VISIT_NOT_NEEDED,
    asks_of_own,
    beside_the_one_on_file,
    new_visit_asked,
)
from frontdesk.brain.nlu.own_booking import HOW_LONG_VISIT, LOOKUP_CUE, VISIT_ABOUT
from frontdesk.brain.nlu.read import read
from frontdesk.brain.nlu.run_on import CONDITION, ECHOED, asked_after_own, merge_questions, split_run_on_ask
from frontdesk.brain.nlu.said import SAME_VISIT, THANKS_FOR_IT
from frontdesk.brain.nlu.text import normalise
from frontdesk.brain.nlu.understanding import Understanding, answers
from frontdesk.knowledge.profile import BusinessProfile

_ASKED_OF_SOMEONE = re.compile(
    r"(?i)(?:^|(?<=[.?!…]\s)|(?<=\.\.\.\s))(?:hey |hold on,? |wait,? )?(?:dad|daddy|mom|mama|papa|honey|"
    r"hon|babe|baby|sweetie|"
    r"dear|grandma|grandpa|granny|son|mija|mijo)\W+(?:what|when|which|is|does|do|can|are|did)\b[^?.!]{0,40}\?")
"""A question put to someone in the room ("Dad, what time?"), not to the agent."""


_PREPONE = re.compile(r"(?i)\bprepon(?:e|ed|ing)\b")
"""Indian English for moving a booking earlier, in words every reader of the message knows."""


def understand(
    text: str,
    profile: BusinessProfile,
    today: date,
    awaiting: str | None = None,
    topic: str | None = None,
    focus: date | None = None,
    offered: bool = False,
) -> Understanding:
    """Read one caller message: its main act, its asides, and every entity in it.

    Args:
        text: What the caller said or typed.
        profile: The business, for its services, areas and inventory.
        today: The business's local date, to resolve "Tuesday" and "tomorrow".
        awaiting: What the agent last asked for, if anything.
        topic: The car on the lot the conversation is about, if any ("2025 Honda CR-V"), for
            a question that points back at it ("is it still there?").
        focus: The day under discussion (asked for or offered), for "the 23rd then" said
            about a day weeks ahead.
        offered: Whether ``focus`` is among times the agent offered ("Monday, May 24 I have …"):
            a bare weekday said then is that week's.
    """
    text = _PREPONE.sub("move", text)  # "I want to prepone it to Wednesday": move it earlier
    if (rest := contact.without_this_number(text)) is not None:
        # "you can reach me on this number, she doesn't do the phone": where, no call asked for
        result = (understand(rest, profile, today, awaiting, topic, focus, offered) if re.search(r"\w", rest)
                  else Understanding(text=rest, intent="provide_info", confidence=0.8))
        result.flags.add("this_number")
        if result.intent == "faq" and not result.is_question and "?" not in rest:
            # ("… the one I'm calling from. if you call him it goes to voicemail": why, not asked)
            result.intent, result.confidence = "provide_info", 0.8
        return result
    if (relayed := _ASKED_OF_SOMEONE.sub(" ", text)) != text and re.search(r"\w", relayed):
        # "hold on. Dad, what time? ... He says nine's fine": asked of someone in the room
        result = _understand(relayed, profile, today, awaiting, topic)
        result.text = normalise(text).raw
    else:
        result = asking.held_to_ask(_understand(text, profile, today, awaiting, topic), awaiting)
    if result.intent == "faq" and "price_question" in result.flags and not result.services and (
            named := ex.services_named(normalise(text), profile)):
        result.services = named[-1:]  # "… isn't due till January, but what do you charge for one?"
    if any("price_question" in r.flags and r.services for r in (result, *result.acts)) and ex.told_done(
            normalise(text), profile):
        # "is this for the oil? 'cause I actually just had that done": no price asked, no work wanted
        result.acts = [a for a in result.acts if not ("price_question" in a.flags and a.services)]
        if "price_question" in result.flags:
            result.services, result.is_question = [], False
            result.flags -= {"price_question", "question", "aside"}
            result.intent = "affirm" if result.affirm or awaiting == "permission" else "provide_info"
    result.date = when.near_focus(normalise(text), result.date, today, focus, offered=offered)
    if profile.kind == "real_estate" and result.financing is None:  # "… pre-approval? we haven't done any"
        result.financing = financing.extract_financing(normalise(text), expecting=awaiting == "financing")
    if HESITATES.fullmatch(normalise(text).lower):
        # "um...", "uh, let me think": the caller is finding the words, not answering (no, yes,
        # nor a failed try at the question; said again right after "take your time", it is one:
        # graph.py); a "hm." inside a longer message is only a pause
        result.intent, result.confidence, result.affirm, result.deny = "hold", 0.8, False, False
        result.flags.add("hesitation")
    if awaiting in {"confirm_booking", "confirm_change"} and THANKS_FOR_IT.fullmatch(normalise(text).lower):
        # "thank you! no, nothing else, thanks so much" to the cancel read back: the go-ahead
        result.intent, result.affirm, result.deny = "affirm", True, False
    if result.name is None and result.location is None and (named := names.opening_name(normalise(text))):
        result.name = named  # "deshawn parker and the number's eight three zero…": split at "and"
    if result.intent == "objection_price" and profile.kind == "real_estate" and places.pricey_place(
            normalise(text).lower, profile):
        # "we're looking more down south, like Kyle. Austin's just too expensive for us": the
        # market's prices, not our fees
        result.flags.discard("objection_price")
        result.intent = "lead" if result.has_lead_facts else "provide_info"
        if result.lead_intent is None and result.location is not None:
            result.lead_intent = "buy"
    if awaiting in {"confirm_change", "confirm_booking"} and not (result.deny or result.date) and re.search(
            r"\bsame (?:time|hour)(?:'s| is)? (?:is )?(?:fine|good|great|ok|okay|perfect)\b|"
            r"\bsame (?:time|hour) works\b", normalise(text).lower):
        # "same time's fine, whatever it was. nine?" to a move read back at that hour: a yes
        result.intent, result.affirm, result.is_question = "affirm", True, False
    if awaiting == "confirm_change" and not (result.deny or result.date or result.time) and (
            result.intent in {"goodbye", "objection_not_interested", "provide_info", "unknown"}) and (
            VISIT_NOT_NEEDED.search(normalise(text).lower)):
        # "we found a house through a friend, so we're good" to "cancel your consultation?": yes
        result.intent, result.affirm = "affirm", True
    if result.intent == "escalation" and awaiting in {None, "anything_else"} and late_word_passed(
            normalise(text).lower):
        # "… we'll be maybe fifteen minutes late. can you let the agent know?": whether the booking
        # stands, the business's own answer; no person is asked for
        result.intent, result.is_question, result.acts = "faq", True, []
        result.flags |= {"question", "faq_topic"}
    if result.name:
        result.name = name_fixes.settled(normalise(text), result.name)
    return result


def _asked_in_spanish(clause: str, reading: Understanding) -> Understanding:
    """"¿Ustedes trabajan con first-time buyers?": a clause opened with "¿" is a question, whatever
    facts its words name (it was read as the lead's side and left unanswered)."""
    if re.match(r"\W*¿", clause) and clause.rstrip().endswith("?") and reading.intent in {
            "lead", "provide_info", "unknown", "book"} and "faq_topic" in reading.flags and not (
            reading.date or reading.time):
        reading.intent, reading.is_question = "faq", True
    return reading


def _understand(text: str, profile: BusinessProfile, today: date, awaiting: str | None,
                topic: str | None) -> Understanding:
    clauses = [part for clause in split_clauses(text) for piece in split_lead_in(clause, profile)
               for part in split_run_on_ask(piece, profile, today, awaiting)]
    yes = _YES_THEN_ASKS.match(text.strip()) if awaiting in _ASKED_YES_NO and len(clauses) == 1 else None
    if yes and not (
            # "ok what about like ceramic coating?" to "shall someone call you back?": the "ok" takes
            # in the answer; the caller asks on, and agrees to nothing
            awaiting == "offer_callback" and re.fullmatch(r"\W*(?:okay|ok)", yes.group(1))
            and re.match(r"\W*(?:and )?(?:what|how) about\b", yes.group("asked") or yes.group("bare") or "")):
        # "yep. do you have a waiting room?" to "shall I book it?": the yes answers, then the
        # caller asks (a one-word clause would otherwise lean on the question)
        clauses[:1] = [yes.group(1), yes.group("asked") or yes.group("bare")]
    if asks_for_another_kind(text, profile):
        whole = read(text, profile, today, awaiting)
        whole.intent, whole.confidence = "wrong_number", 0.8
        return whole
    if awaiting in {None, "anything_else"} and len(clauses) > 1 and RETURNED_CALL.search(text.lower()):
        whole = read(text, profile, today, awaiting)
        if whole.intent == "identity":
            return whole  # "someone from your place called me. what was it about?": who we are
    if (asked := _RUN_ON_ASK.search(text)) is not None and (opener := _OPENS_QUESTION.search(
            sentence := re.split(r"[.?!]", text[: asked.start()])[-1].lower())):
        # "how much yall askin for it and like can i come test drive it tomorrow at five": a
        # question run on into a request, unpunctuated as speech is; read as the two it is ("my
        # check engine light's been on since friday um how much is it to look at it": the
        # price asked after the statement, its own sentence too)
        head = text[: asked.start()]
        if (opener.group(0).startswith(("how much", "what do", "what does", "what time", "when do", "what's",
                                        "whats", "what is", "what are"))
                and len(sentence[: opener.start()].split()) >= 4):
            cut = len(head) - len(sentence) + opener.start()
            head = f"{head[:cut].rstrip(' ,')}. {head[cut:]}"
        result = _understand(f"{head}? {text[asked.end():]}", profile, today, awaiting, topic)
        whole = read(text, profile, today, awaiting)
        for kept in _FACTS:  # "… buy our first place probably in mueller do you guys work with …": kept
            if not getattr(result, kept) and getattr(whole, kept):
                setattr(result, kept, getattr(whole, kept))
        result.text = normalise(text).raw
        return result
    if len(clauses) == 1 and (((ask := TRAILING_PRICE.search(text)) and ask.start() > 30) or (
            (ask := TRAILING_WHERE.search(text)) and ask.start() > 15)):
        # "… i been drivin since nineteen eighty eight so how much do yall charge for a tire
        # rotation": the story, then the question, unpunctuated
        return _understand(f"{text[: ask.start()].rstrip(' ,')}. {text[ask.end():].lstrip()}", profile,
                           today, awaiting, topic)
    if len(clauses) == 1 and (tag := PROBLEM_TAG.search(text)) and tag.start() > 0:
        # "we haven't talked to a lender is that gonna be an issue": the fact, then asked about
        return _understand(f"{text[: tag.start()].rstrip(' ,')}, {text[tag.start():].lstrip()}", profile,
                           today, awaiting, topic)
    abouts = refer.referents(clauses, profile, topic)
    if len(clauses) <= 1:
        whole = _asked_in_spanish(text, read(text, profile, today, awaiting,
                                             about=abouts[0] if abouts else None))
        new_visit_asked(whole, text, profile, today)
        if whole.intent == "book" and "faq_topic" in whole.flags and CONDITION.match(text) and not (
                whole.date or whole.time or whole.services):
            # "and if it turns out to be a big repair do y'all have loner cars": asked, on a condition
            whole.intent, whole.is_question, whole.appointment_type = "faq", True, None
        if (aside := embedded_question(text, whole, profile, today, awaiting)) is not None:
            aside.flags.add("aside")
            if (first := asked_first(text, aside, profile, today, awaiting)) is not None:
                first.acts = [aside]  # "where yall located at and do yall take walk ins": both asked
                return first
            whole.acts = [aside]
        return named_under(whole, text)
    readings = [_asked_in_spanish(c, read(c, profile, today, awaiting, about=a))
                for c, a in zip(clauses, abouts, strict=True)]
    if (kept := staff_asked.without_the_person(clauses, [r.intent == "escalation" for r in readings])):
        # "is Sarah in? … actually, don't bother her, you can probably just do this": no one now
        return _understand(" ".join(kept), profile, today, awaiting, topic)
    for i in range(len(clauses) - 2, -1, -1):
        if readings[i].intent == "unknown" and "faq_topic" in readings[i].flags and len(
                clauses[i].split()) <= 4 and readings[i + 1].is_question and not readings[i + 1].flags & {
                "faq_topic", "price_question", "inventory_question"}:
            # "this pre-approval, how it is working?": the topic said first, then the question
            # (read as "how it is working, this pre-approval?")
            clauses[i: i + 2] = [f"{clauses[i + 1].rstrip(' ?.')}, {clauses[i].strip(' ,.')}?"]
            abouts[i: i + 2] = [abouts[i] or abouts[i + 1]]
            readings[i: i + 2] = [read(clauses[i], profile, today, awaiting, about=abouts[i])]
        elif "faq_topic" in readings[i].flags and readings[i + 1].is_question and OF_THAT.match(
                clauses[i + 1].lower()) and not readings[i + 1].flags & {"faq_topic", "price_question"}:
            # "we're not pre-approved or anything yet, so how does that part work?": asked of it
            clauses[i: i + 2] = [f"{clauses[i].rstrip(' ,.')}, {clauses[i + 1].lstrip()}"]
            abouts[i: i + 2] = [abouts[i] or abouts[i + 1]]
            readings[i: i + 2] = [read(clauses[i], profile, today, awaiting, about=abouts[i])]
    if wants_the_other_place(text, profile):
        # "is this Riverside Motors or the discount tire place? I'm looking for discount tire":
        # the caller names the place they meant, and it is not us
        whole = read(text, profile, today, awaiting)
        whole.intent, whole.confidence = "wrong_number", 0.8
        return whole
    if any(r.act is not None and r.act.label in {"wrong_number", "bot_check", "identity"}
           for r in readings):
        whole = read(text, profile, today, awaiting)
        if whole.intent == "wrong_number":
            # "this is a real estate office? not the vacation rentals? sorry": the pieces look
            # like questions about us; together they say the caller dialled the wrong place
            return whole
        if whole.intent == "identity" and any(r.intent == "wrong_number" for r in readings):
            # "who? I didn't ask for anything. who is this?": who we are and why we call ("how'd
            # you get this number? I didn't fill out any form" disputes the call: struck off)
            return whole
        if whole.intent == "identity" and YES_WHO.match(text.lower()):
            return whole  # "sorry, who is this? Riverside what?": one question, the name echoed
    if readings[-1].intent != "hold" and any(r.intent == "hold" for r in readings[:-1]):
        # "wait, no, hang on, it just got pushed back. okay, go ahead": a pause asked for and
        # over within the message; nobody is told to take their time
        # (one that says more, "no, hold on, Wednesday's my daughter's recital", is kept, its
        # pause words dropped)
        kept = [c if r.intent != "hold" else _PAUSE_WORDS.sub("", c)
                for c, r in zip(clauses, readings, strict=True) if r.intent != "hold" or (
                    r.date or r.time or r.window or r.services or r.appointment_type or r.name
                    or _DAY_WORD.search(c.lower()))]
        if kept == clauses:  # nothing was only a pause
            kept = [c for c, r in zip(clauses, readings, strict=True) if r.intent != "hold"]
        result = _understand(" ".join(kept), profile, today, awaiting, topic)
        result.text = normalise(text).raw
        return result
    intents = {r.intent for r in readings}
    if "repeat" in intents and (intents & {"objection_busy", "line_check"} or all(
            r.intent == "repeat" or (len(r.text.split()) <= 4 and ECHOED.search(r.text.lower()))
            for r in readings)) and not re.search(r"\b(?:call|ring)\b", text.lower()) and not any(
            r.has_lead_facts or r.has_booking_facts for r in readings):  # ("you cut out. uh, budget's …")
        # ("what's that? ten what?", "say that again? negotiable, you said?": an echo asks again too)
        # "sorry, what was that time again? I'm driving": the driving is why it was missed;
        # "what's that? I can't hear you so good": say it again, not "I can hear you"
        whole = read(text, profile, today, awaiting)
        whole.intent, whole.confidence = "repeat", 0.85
        whole.flags.discard("objection_busy")
        return whole
    asides = [r for r in readings if is_aside(r, awaiting)]
    if awaiting in {None, "anything_else"} and STATES_OWN.search(text.lower()) and not CHANGE_CUE.search(
            text.lower()) and not ADD_ON.search(text.lower()) and any(asks_of_own(a) for a in asides):
        # "I've got the car in for a detail on wednesday, I wrote eleven … which is it?": the
        # caller checks their own booking
        whole = read(text, profile, today, awaiting)
        whole.intent, whole.confidence, whole.is_question = "lookup_appointment", 0.8, True
        # "… is that still on? and can somebody drive her home while she waits?": that asked too
        whole.acts = [a for a in asides if a.intent == "faq" and (
            ("faq_topic" in a.flags and (len(a.text.split()) > 5 or re.search(r"\bwhere\b", a.text.lower())))
            or "price_question" in a.flags or asks_hours(a.text.lower())  # "… are y'all open Sundays?"
            or VISIT_ABOUT.search(a.text.lower()) or HOW_LONG_VISIT.search(a.text.lower()))]
        told = [sv for r in readings if r not in asides for sv in r.services] or whole.services
        for aside in whole.acts:
            if "price_question" in aside.flags and not aside.services:
                # "… and I forgot to ask how much it's gonna be": the price of the one on file
                aside.services = list(dict.fromkeys(told))
        for aside in whole.acts:
            aside.flags.add("aside")
        return whole
    if any(r.intent == "do_not_call" for r in readings):
        asides = []  # "what company is this? take me off your list": the request wins
    if not asides:
        whole = read(text, profile, today, awaiting)
        if awaiting in {None, "anything_else", "intent"} and whole.intent in {
                "book", "lead", "provide_info"} and any(
                "call_asked" in r.flags for r in readings) and not any(
                r.services or r.appointment_type or r.intent == "book" for r in readings):
            # "could I get a call back from one of your agents after lunch? We're looking to buy in
            # Georgetown": the call is what is asked; the rest is what it is about
            whole.intent, whole.is_question = "objection_busy", False
            whole.flags |= {"objection_busy", "call_asked"}
        if whole.budget is None and (said := next((r.budget for r in readings if r.budget and not (
                # (not "Tuesday after work? Four-thirty-ish?": the hour of the day said before it)
                whole.date and whole.time and re.search(r"\b\d{1,2}:\d\d\b", normalise(r.text).numeric))),
                None)):
            # "we're pre-approved for four hundred. can we meet thursday at four — no, friday at
            # four": the price said in its own sentence, whatever the times said in the next
            whole.budget = said
        own = [r for r in readings if r.intent in _OWN_APPOINTMENT]
        if whole.intent == "book" and own and awaiting in {None, "anything_else"} and not (
                NEW_BOOKING_ASKED.search(text.lower())):  # "… can I book a detailing for tuesday too"
            # "when's my thing with y'all again? the consultation?": the booking words describe
            # the appointment the caller already has
            whole.intent, whole.confidence = own[0].intent, own[0].confidence
        elif whole.intent == "lead" and (asked := [r for r in own if r.intent != "lookup_appointment"
                                                   and r.confidence >= 0.9]):
            # "the eleven o'clock one went under contract, I saw it on Zillow … can you cancel that
            # one?": the story is why; the change asked in its own sentence is what is wanted
            whole.intent, whole.confidence = asked[0].intent, asked[0].confidence
        elif (aside := embedded_question(text, whole, profile, today, awaiting)) is not None:
            aside.flags.add("aside")  # "hi um … helping her out with all this do you guys work with …"
            whole.acts = [aside]
        if whole.intent == "book" and (on_file := [r for c, r in zip(clauses, readings, strict=True)
                                                   if STATES_OWN.search(c.lower())]):
            # "I've got my Civic booked Friday for an oil change. My wife's Tacoma needs its tires
            # rotated too": the new visit's work is what the other sentences ask for
            asked = {sv for r in readings if r not in on_file for sv in r.services}
            if asked:
                whole.services = [sv for sv in whole.services if sv in asked]
            others = [r for r in readings if r not in on_file]
            if beside := bool(others and (NEW_BOOKING_ASKED.search(text.lower()) or any(
                    ASKS_A_VISIT.search(r.text.lower()) for r in others))):  # ("could someone come value …")
                beside_the_one_on_file(whole, on_file, others, profile)
            if (after := asked_after_own(text, profile, today, awaiting)) is not None and (
                    after.appointment_type not in {None, whole.appointment_type} or (
                        # ("seeing a house Saturday at eleven … could somebody come look at our place
                        # too? Saturday afternoon, like one?": the new visit's own hour)
                        after.appointment_type == whole.appointment_type and after.time is not None
                        and after.time != whole.time)):
                # "we have the listing appointment thursday … so can we set up the buyer consultation too"
                day, at = (whole.date, whole.time) if beside else (None, None)  # a same-day cue's
                whole.services = [s for s in whole.services if s in asked]
                whole.appointment_type = after.appointment_type
                whole.date, whole.time = after.date or day, after.time or at
        return named_under(whole, text)
    rest = [c for c, r in zip(clauses, readings, strict=True) if r not in asides
            and not _only_the_car(r, asides) and not _context_only(r, asides)]
    rest = [c for c in rest if not _FILLER_ONLY.fullmatch(normalise(c).lower) or (
        awaiting in _ASKED_YES_NO and re.match(r"\W*(?:yes|yeah|okay|ok)\b", c.lower()))]
    if not rest:
        main = next((a for a in reversed(asides) if a.is_question and a.intent == "faq" and not a.services
                     and asides[-1].intent in {"chitchat", "unknown", "line_check"}), asides[-1])
        asides = [a for a in asides if a is not main]  # "what time y'all open? I like to beat the traffic"
    else:
        about = next((a for c, a in zip(clauses, abouts, strict=True) if c in rest and a), None)
        main = read(" ".join(rest), profile, today, awaiting, about=about)  # "…, can I drive it?"
        said_alone = [(c, r) for c, r in zip(clauses, readings, strict=True) if c in rest]
        # "… can somebody call me back after three? Manuel Ortega.": a name said in a sentence alone
        main.name = main.name or next((r.name for c, r in said_alone if name_fixes.said_as(c, r.name)), None)
        if main.budget is None and (priced := next((r.budget for _, r in said_alone if r.budget), None)):
            main.budget = priced  # "Three-fifty-ish. Can somebody call me back …": its own sentence
        if any(a.date for a in asides) and _ANCHORED_DAY.search(" ".join(rest).lower()) and (
                anchored := when.extract_date(normalise(text), today)) is not None:
            main.date = anchored  # "are y'all open Thanksgiving? and if not, … the day after, that Friday"
        for aside in asides:
            cut_off = _CUT_OFF.search(aside.text.lower()) is not None
            if "price_question" in aside.flags and not aside.services and main.services and (
                    cut_off or (re.search(r"\b(?:that|it|this|them|those)\b", aside.text.lower())
                                and not _named_after(text, aside, main, profile))):
                # "my check engine light came on. how much to have somebody look at that?"
                aside.services = list(main.services)
                if cut_off and not (main.date or main.time or main.window or "book" in main.flags
                                    or lexicon().intents["book"].search(" ".join(rest).lower())):
                    # "what do you guys charge for the— sorry. For a full detail.": the service
                    # finishes the question; it asks for no visit
                    main, asides = aside, [a for a in asides if a is not aside]
                    break
        if awaiting is not None and answers(awaiting, main) and any(map(_echoes_question, asides)):
            # "the main reason? lease ending": the caller says the question over to
            # themselves, then answers it
            asides = [a for a in asides if not _echoes_question(a)]
        elif (main.intent in {"unknown", "chitchat", "provide_info", "greeting"} and not (
                main.services or main.date or main.time or main.has_lead_facts
                or main.has_contact_facts or main.has_booking_facts or main.vehicle)) or (
                main.intent in {"greeting", "affirm"} and _is_discourse_marker(rest)
                and not (main.intent == "affirm" and awaiting in _ASKED_YES_NO)) or (
                # "ok and what time do you close?" to "shall someone call you back?": heard, not agreed
                main.intent == "affirm" and awaiting in {"offer_callback", "offer_appointment"}
                and _is_discourse_marker(rest)
                and re.match(r"\W*(?:ok(?:ay)?|alright|all right|right)\W+(?:and|so|"
                             r"but)\b", text.lower())) or (
                # "okay, this is going to sound weird, but …?": an "okay" that answers nothing
                main.intent == "affirm" and awaiting in {None, "anything_else"} and not (
                    main.services or main.date or main.time or main.has_lead_facts
                    or main.has_contact_facts or main.has_booking_facts or main.vehicle)):
            # "long story, my last shop botched it. Is your work guaranteed?" / "yeah, what
            # are your hours?": the question is what the caller wants
            main, asides = asides[-1], asides[:-1]
    for k, r in enumerate(readings):
        if r not in asides and (inner := embedded_question(r.text, r, profile, today, awaiting)) is not None:
            # "so my husband and I are first-time buyers — do y'all even work with first-timers?
            # and how does the pre-approval work?": the question inside the statement is asked too
            before = sum(1 for a in asides if any(a is x for x in readings[:k]))
            asides.insert(before, inner)
    asides = merge_questions(asides, profile, today, awaiting)
    ask = next((a for a in asides if _LOT_ASK.fullmatch(a.text.strip().lower())), None)
    if profile.inventory and ask is not None:
        wanted = ex.extract_vehicle_query(normalise(text), profile)
        if wanted.body or wanted.make or wanted.model or wanted.max_price or wanted.electric:
            # "an SUV for my daughter, not over thirty grand. what have you got?": the lot, for that
            ask.text, ask.intent = normalise(text).raw, "faq"
            ask.flags |= {"inventory_question", "question"}
    for before, aside in zip([main, *asides], asides, strict=False):
        after = _named_after(text, aside, main, profile)
        named = (before.services if before is not main or not after else []) or (
            [] if after else main.services)
        if "price_question" in aside.flags and not aside.services and _THAT.search(aside.text.lower()):
            # "you do detailing, right? how much does that run?": the price of what was just named
            aside.services = list(named)
        elif "price_question" in aside.flags and not aside.services and named:
            # "first my state inspection … lastly how much is the inspection?": the one named
            aside.services = [k for k in ex.services_alike(normalise(aside.text), profile) if k in named]
    if "price_question" in main.flags and not main.services and _THAT.search(main.text.lower()) and (
            named := next((a.services for a in reversed(asides) if a.services), None)):
        main.services = list(named)  # "do you take walk-ins for oil changes? and what's that run?"
    asides = [a for a in asides if a.intent != "faq" or asks(a)]
    if main.intent not in {"faq", "unknown", "chitchat", "greeting"}:
        # "… is this saturday or next saturday, can you check?", "…, is that doable?": the short
        # question asks for the request itself, not for a fact
        asides = [a for a in asides if not (_ASKS_FOR_REQUEST.match(a.text.lower()) and (
            _echoes_question(a) or ((main.services or main.appointment_type) and not (
                a.services or a.appointment_type or {"faq_topic", "price_question"} & a.flags))))]
    if main.intent == "objection_busy" or main.has_lead_facts or main.has_booking_facts:
        # "can somebody call me back tomorrow? I'm out on a job site and can't hear a thing": why
        # to call later, not a line check; "what? sorry, you cut out. uh, budget's like four": on
        asides = [a for a in asides if a.intent not in {"line_check", "repeat"}]
    seen: set[str] = {main.intent} - {"faq"}  # "hello? you still there?" is one line check
    asides = [a for a in asides if a.intent == "faq" or not (a.intent in seen or seen.add(a.intent))]
    _carry_subject(main, asides)
    if main.service_count is None:  # "okay, do both. saturday morning, like eight?": both, and when
        main.service_count = next((r.service_count for r in readings if r.service_count), None)
    under = next((a for a in [main, *asides, *readings] if PUT_UNDER.search(a.text.lower())), None)
    if under is not None and (main.name is None or under is main) and (
            named := names.extract_name(normalise(text), expecting=True)) is not None:
        # "can you put it under my husband's name? Darnell Moore.": the name, not a question
        main.name = named
        asides = [a for a in asides if a is not under]
        if main.intent == "faq" and not main.text.rstrip().endswith("?") and (
                under is main or not main.is_question):
            # ("put it under my real name, Deshawn Gaines … the warranty stuff gets confusing
            # otherwise": why, not a question about the warranty)
            main.intent, main.is_question = "provide_info", False
            main.flags -= {"question", "faq_topic"}
    added = next((a for a in asides if a.intent == "faq" and a.services and ADD_ON.search(a.text.lower())
                  and "price_question" not in a.flags), None)
    if added is not None and main.intent in {"chitchat", "unknown", "greeting", "affirm", "provide_info"}:
        # "oh, and while it's in there — rotate the tires too?": a service added, not a question
        main.services = [*main.services, *(k for k in added.services if k not in main.services)]
        main.intent = "provide_info" if main.has_booking_facts or main.services else main.intent
        asides = [a for a in asides if a is not added]
    priced = next((a for a in asides if "price_question" in a.flags and a.services), None)
    if priced is not None and main.services and SAME_VISIT.search(main.text.lower()) and not (
            set(priced.services) & set(main.services)):
        # "how much is a new battery? mine's dying on me, and could you do an oil change at the same
        # time?": the one priced is wanted too (the price is still told)
        main.services = [*priced.services, *main.services]
    if profile.kind == "real_estate":
        lead_facts.from_asides(main, asides)  # the place, the money and the side said in a question
    if profile.kind == "real_estate" and main.budget is None:
        # "I don't know what I can afford. Maybe two-fifty?": the money word and the figure are
        # in different clauses
        main.budget = lead.extract_budget(normalise(text), expecting=awaiting == "budget")
    elif profile.kind == "real_estate" and main.budget is not None and re.search(
            r"\b(?:my (?:wife|husband|partner|spouse)|she|he) says\b|\bactually\b|\bi mean\b", text.lower()):
        # "around four hundred— hang on— okay, my wife says we can go up to four twenty-five":
        # the figure corrected in a later clause is the one (not one end of the range said again:
        # "three-fifty to four, tops. my husband says four is really pushing it")
        said = lead.extract_budget(normalise(text), expecting=awaiting == "budget") or main.budget
        main.budget = main.budget if None not in main.budget and said[1] in main.budget else said
    if main.lead_intent is None and (main.has_lead_facts or main.intent in {"provide_info", "lead"}):
        # "do you guys help with rentals? I need a two bedroom in Austin": the question says what
        # the facts are for, and the answer to it is the answer for a renter
        asked = next((a for a in asides if a.intent == "faq" and a.lead_intent == "rent"), None)
        if asked is not None:
            main.lead_intent = asked.lead_intent
            if "faq_topic" not in asked.flags:  # "…and what areas do you cover?" is still asked
                asides = [a for a in asides if a is not asked]
    if main.date is None and (_THAT_DAY.search(main.text.lower()) or (
            (main.time or main.appointment_type or main.services or "book" in main.flags)
            and any(a.date is not None and asks_hours(a.text.lower()) for a in asides))):
        # "what time do you open on Saturday, and can I get a detail then?", "are y'all open the
        # friday after thanksgiving? we'd like to come in … at eleven": the day is the one the
        # question named
        main.date = next((a.date for a in reversed(asides) if a.date is not None), None)
        if main.date and main.time is None:  # "oil change. y'all work saturdays? maybe like 10"
            # ("… is Friday the 28th open, at nine?": the hour asked with the day)
            main.time = clock.extract_time(normalise(f"{main.date:%A}, {main.text}")) or next(
                (a.time for a in reversed(asides) if a.date == main.date and a.time), None)
    if awaiting == "offer_callback" and main.affirm and _ACK_ONLY.match(main.text.lower()) and any(
            a.is_question and (a.services or {"faq_topic", "price_question"} & a.flags) for a in asides):
        main.affirm = False  # "roger that. how much is a state inspection?": heard, and asks on;
        main.intent = "chitchat"  # no yes to a call back
    if main.date is not None and when.WEEKDAY_AFTER.search(main.text.lower()) and (
            (whole_day := when.extract_date(normalise(text), today)) is not None):
        main.date = whole_day  # "open on Labor Day? … if not, the Tuesday right after": after it
    if main.intent == "lookup_appointment":
        # "… could you tell me what time I put down and where exactly you're located?": the time
        # is the booking's (told as the lookup), the place a question of its own
        asides = [a for a in asides if not LOOKUP_CUE.search(a.text.lower())] + [
            r for r in readings if r not in asides and r.intent == "faq" and r.is_question
            and "faq_topic" in r.flags and not LOOKUP_CUE.search(r.text.lower())]
    if main.intent in _OWN_APPOINTMENT | {"book"} and (main.services or main.date or main.appointment_type):
        # "I booked something for my brakes this Wednesday … what time was it?": the question is
        # the request's own, not "say that again"
        asides = [a for a in asides if a.intent != "repeat"]
    if awaiting is None and main.intent == "affirm" and any(a.is_question for a in asides):
        # "yeah hi, is that white Tesla still there? the Model 3, I saw it on your website": the
        # "yeah" answers nothing; the question is what the call is for
        main.intent, main.affirm = "chitchat", False
    for aside in asides:
        aside.flags.add("aside")  # said in passing: answered as asked, whatever it names
    main.acts = asides
    main.text = normalise(text).raw
    return main


_ACK_ONLY = re.compile(r"\W*(?:ok(?:ay)?|alright|all right|roger(?: that)?|got it|gotcha|i see|understood|"
                       r"copy(?: that)?|fair enough|hmm+|huh)\W*$")
"""Words that only say the caller heard ("roger that"): no yes to what was offered."""


def _echoes_question(r: Understanding) -> bool:
    """A short question with nothing of the business in it ("my budget?", "why?")."""
    return r.intent == "faq" and len(r.text.split()) <= 4 and not (
        {"faq_topic", "price_question", "inventory_question"} & r.flags or asks_hours(r.text.lower())
        or r.services or r.date or r.time)


_THAT_PLUS = re.compile(r"\b(?:that|it|one|those|them)\s+(?:plus|and|with|and also|along with|as well as)\b")
"""The thing just asked about, and another ("can I get that plus a tire rotation")."""


def _named_after(text: str, aside: Understanding, main: Understanding, profile: BusinessProfile) -> bool:
    """Is the work of the request named only after the question ("how much is that gonna run
    me? and can y'all do the tires while it's in there?"), so that the question's "that" cannot
    point at it?"""
    at = text.lower().find(aside.text.lower()[:30])
    if at < 0:
        return False
    before = ex.extract_services(normalise(text[:at]), profile) if at else []
    return not set(before) & set(main.services)


def _carry_subject(main: Understanding, asides: list[Understanding]) -> None:
    """"What's an oil change run? eh, just put me down for Saturday at ten": a booking that
    names no service books what the question before it asked about (the service, the kind of
    appointment, buying or selling). A price asked without its object is of the service named
    beside it ("how much. state inspection.")."""
    for aside in asides:
        if "price_question" in aside.flags and not (aside.services or aside.about) and main.services and not (
                ADD_ON.search(main.text.lower()) and _THAT.search(aside.text.lower())):
            # (not "how much is that gonna run me? and can y'all do the tires while it's in there?":
            # the price is of what "that" was, the tires come on top)
            aside.services = list(main.services)
        if {"price_question", "inventory_question"} & aside.flags and not (
                aside.vehicle or aside.services) and main.vehicle and "own_vehicle" not in main.flags and (
                _THAT.search(aside.text.lower())):
            aside.vehicle = main.vehicle  # "the black F-150 on your lot, what's the sticker on that?"
        if aside.date is None and main.date is not None and asks_hours(aside.text.lower()):
            aside.date = main.date  # "open christmas eve? … how late is sales open": that day's hours
        if not main.location and aside.location and aside.location[1] and A_HOME.search(aside.text.lower()):
            main.location = aside.location  # "y'all have that bungalow in Hyde Park? … walk through it"
    if main.intent not in {"book", "provide_info", "unknown"} or not (
            main.date or main.time or main.window or main.time_of_day or "book" in main.flags):
        return
    for aside in asides:
        if aside.intent != "faq":
            continue
        if not main.services and aside.services:
            main.services = list(aside.services)
        elif aside.services and (_THAT_PLUS.search(f"{aside.text} {main.text}".lower()) or re.search(
                r"\b(?:get|do|book|have|schedule)\s+(?:that|it|one|those)\W*$", aside.text.lower())):
            # "what do you charge for an oil change, and can I get that plus a tire rotation?"
            main.services = [*aside.services, *(k for k in main.services if k not in aside.services)]
        if not main.appointment_type and aside.appointment_type:
            main.appointment_type = aside.appointment_type
        if not main.lead_intent and aside.lead_intent:
            main.lead_intent = aside.lead_intent


A_HOME = re.compile(r"\b(?:house|home|place|condo|townhouse|bungalow|listing|listed|one)\b")
"""A question about a home in a place: where the caller looks."""
ADD_ON = re.compile(r"\b(?:too|also|as well|while (?:it'?s|its|it is|you'?re|you guys are|"
                    r"y'?all are) "
                    r"(?:in there|there|in|at it)|while (?:you|y'?all|you guys) (?:have|got) it(?: up "
                    r"there| in)?|"
                    r"with it|add(?:ing)?|throw in|on top|the same (?:visit|trip|appointment|drop-?off))\b")
"""A service asked for in a question's words on top of the one being booked."""
_LOT_ASK = re.compile(r"\W*(?:(?:so|and|um|uh|well)\W+)*"
                      r"(?:what (?:have|do) (?:you|y'all|you guys) (?:got|have)|"
                      r"what(?:'ve| have) (?:you|y'all) got|what (?:you|y'all) got|what'?s available|"
                      r"what are my options|anything (?:like that|available|in stock)|"
                      r"(?:do )?(?:you|y'all) (?:have|got) anything)\W*")
"""A question for what is on the lot, asked after the car is described."""
_THAT = re.compile(r"\b(?:that|it|this|one)\b")
_THAT_DAY = re.compile(r"\b(?:then|that day|the same day|that (?:morning|afternoon|evening))\b")
"""A request that points back at a day named in the clause before it ("can I come in then?")."""


_OWN_APPOINTMENT = {"lookup_appointment", "cancel", "reschedule"}
_YES_THEN_ASKS = re.compile(r"(?i)\W*((?:yes|yeah|yep|yup|sure|okay|ok|correct|perfect|great)(?: please)?)"
                            r"(?:\s*[.!,]\s*(?:and |oh,? |also |um,? |uh,? )*(?P<asked>\S[^?]*\?)"
                            r"|\s+(?:and |so |um |uh )*(?P<bare>(?:what|when|where|how|why|which|do you|does|"
                            r"is there|is it|are you|can you|could you|will you)\b[^?]*\??))\s*$")
"""A yes, then a question: "yep. do you have a waiting room?", or a transcript's "yeah how long
will that take"."""
_ASKED_YES_NO = {"confirm_booking", "confirm_change", "offer_appointment", "offer_callback"}
"""Questions a "yep" answers: "yep. do you have a waiting room?" says yes, then asks."""
_FILLER_ONLY = re.compile(r"[\s,.!?]*(?:(?:um+|uh+|er|so|well|oh|okay|ok|and|also|but|like|yeah|"
                          r"yes|hmm+|right|anyway|actually)[\s,.!?]*)*")
_MARKERS = {"yeah", "yes", "ok", "okay", "so", "well", "right", "sure", "yep", "alright"}


def _only_the_car(r: Understanding, asides: list[Understanding]) -> bool:
    """"The green Subaru wagon, how much is it?": a clause that only names the car a question
    after it is about is that question's subject, not a request of its own."""
    return bool(r.vehicle and any(a.about for a in asides) and r.intent in {
        "provide_info", "unknown", "chitchat", "greeting"} and not (
        r.services or r.has_booking_facts or r.has_contact_facts or r.has_lead_facts))


_ANCHORED_DAY = re.compile(r"\bthe day (?:after|before)\b|\bthat (?:same )?(?:day|morning|afternoon|evening|"
                           r"(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b")
"""A day said by the one named before it, in another part of the message."""
_CUT_OFF = re.compile(r"(?:\b(?:a|an|the|for|of|on|my|your|to)|—|--|-|\.\.\.|…)\W*"
                      r"(?:(?:sorry|um+|uh+|er)\W*)*$")
"""A question broken off before its object ("what do you charge for the— sorry.")."""
_DAY_WORD = re.compile(r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)days?\b|\btoday\b|\btomorrow\b")
_PAUSE_WORDS = re.compile(r"(?i)\b(?:hold on|hang on|one (?:sec|second|moment)|just a (?:sec|second|moment)|"
                          r"wait a (?:sec|second|minute))\b,?")
_RUN_ON_ASK = re.compile(r"\s+(?:and|so)\s+(?:(?:um+|uh+|like|then|also|maybe|if so)\s+)*"
                         r"(?=(?:can|could|would)\s+(?:i|we|you|y'?all|u|somebody|someone|anybody|anyone)\b|"
                         r"i'?d like|we'?d like|i want|"
                         r"we want|i wanna|we wanna|i need|we need)|"
                         # "what time does the service part close tomorrow i wanna drop the truck off"
                         r"(?<=[a-z0-9])\s+(?:(?:um+|uh+|cause|'?cause|because|cuz)\s+)*"
                         r"(?=(?:i|we) (?:wanna|want to|need to|'?d like to|was hoping to|gotta|got to|"
                         r"have to|was gonna|was going to)\b)")
"""A question said in a run with a request after it, without a pause the text shows."""
_OPENS_QUESTION = re.compile(r"\b(?:how much|what(?:'?s| is| are| do| does| would)|what time (?:do|does|"
                             r"are|is)|"
                             r"when (?:do|does|are|is)|how (?:late|early) (?:do|does|are|is)|"
                             r"is (?:the|that|it|there|your|y'?all)|are (?:you|y'?all|there|they)|"
                             r"do (?:you|y'?all)|does (?:it|the|that|your))\b")
_FACTS = ("location", "budget", "timeline", "financing", "lead_intent", "motivation", "vehicle", "name",
          "phone", "email", "services")
"""What a message states, kept whichever of its parts it was said in."""


_ASKS_FOR_REQUEST = re.compile(
    r"\W*(?:and |so |um |uh )*(?:can|could|would|will) (?:you|y'all|ya|u) (?:please )?"
    r"(?:check|look|see|do (?:that|it|this)|find out|help|manage|swing that|tell me|remind me|"
    r"look (?:it|that) up)\b|"
    r"\W*(?:and |so )*(?:is|would) (?:that|it|this) (?:doable|possible|ok|okay|alright|cool|fine)\b")


def _is_discourse_marker(clauses: list[str]) -> bool:
    words = re.findall(r"[a-z']+", " ".join(clauses).lower())
    return len(words) <= 2 and all(w in _MARKERS for w in words)


def _context_only(r: Understanding, asides: list[Understanding]) -> bool:
    """A sentence that reads like a booking but asks for nothing and names no service, day or
    time, said beside a question ("what time do y'all open Saturday? I like to get there early
    before the heat sets in"): why the caller asks, not a request."""
    return r.intent in {"book", "chitchat", "unknown"} and not r.is_question and "book" not in r.flags and (
        any(a.is_question for a in asides)) and not (
        r.has_booking_facts or r.has_lead_facts or r.has_contact_facts or r.vehicle or r.lead_intent
        or re.search(r"(?i)\b(?:needs?|wants?|looking for|shopping|interested in|buy)\b(?! a ride)", r.text))
