"""Greeting/conversation agent: opens the call, small talk, clarifying, closing.

It also answers the outbound "do you have a minute?" and "anything else?" questions, and after
repeated misunderstandings hands the caller to a person rather than looping.
"""

from __future__ import annotations

import re

from frontdesk.brain.agents import faq, qualification
from frontdesk.brain.context import Effect, TurnContext, absorb_contact
from frontdesk.brain.format import say_list
from frontdesk.brain.nlu.callee import ANSWERS_FOR_THEM, LEAD_ELSEWHERE
from frontdesk.brain.nlu.cues import ONLY_COURTESY, RETURNED_CALL, SOMEONE_ELSE, STRUCK_OFF
from frontdesk.brain.nlu.text import normalise
from frontdesk.brain.state import ConversationState

AGENT = "greeting"


def open_call(s: ConversationState, ctx: TurnContext) -> None:
    if ctx.profile.recording.records(s.channel):
        ctx.notice = ctx.replies.say("recording_disclosure")
    first = s.customer.name.split()[0] if s.customer.name else None
    if s.direction == "outbound":
        ctx.ask(s, "permission", AGENT,
                "greeting_callback" if s.callback_for else "greeting_outbound",
                name_part=f" {first}" if first else "")
        return
    text = ctx.replies.say("greeting_inbound")
    if first and s.customer.customer_id:
        text = text.replace(".", ". " + ctx.replies.say("greeting_returning", first_name=first), 1)
    ctx.add(text)


def _capabilities(ctx: TurnContext) -> str:
    if ctx.profile.kind == "dealership":
        return say_list(["book service or a test drive", "answer questions about our hours, "
                         "prices and services", "connect you with our team"])
    return say_list(["help you buy or sell a home", "set up an appointment with an agent",
                     "answer questions about our services"])


def last_question(s: ConversationState) -> str | None:
    """The question the agent is waiting on, as it last said it."""
    if s.awaiting is None:
        return None
    for message in reversed(s.messages):
        if message.role == "assistant":
            questions = re.findall(r"[^.?!]*\?", message.content)
            if questions:  # past "Sure, take your time" to the question still waiting
                return questions[-1].strip()
    return None


_NEVER_ASKED = re.compile(r"\b(?:never|didn'?t|did not|haven'?t|have not) (?:\w+ )?"
                          r"(?:fill(?:ed)?|sign(?:ed)? up|g[ai]ve?n?|ask(?:ed)?|request(?:ed)?|"
                          r"submit(?:ted)?|register(?:ed)?|put in|enter(?:ed)?|opt(?:ed)? in)\b")
"""An outbound callee who says they never asked to be contacted."""
_WRONG_PERSON = re.compile(r"\bwrong (?:number|person|guy|lady|one)\b|\bthere'?s no\b|"
                           r"\bno \w+ (?:here|lives)\b|\bnobody (?:here |by that name)")
"""A callee who says we reached someone else: a wrong number, not a lead to take off the list."""


_LEAD_FACTS = {"location", "budget", "timeline", "financing", "motivation"}


def _third_time(s: ConversationState, ctx: TurnContext, pending: str) -> bool:
    """Were the last two replies both small talk and the same pending question?"""
    said = [m.content for m in s.messages if m.role == "assistant"][-2:]
    small = ctx.replies.say("small_talk")
    return len(said) == 2 and all(m.startswith(small) and m.endswith(pending) for m in said)


def conversation_act(s: ConversationState, ctx: TurnContext) -> bool:
    """"Are you there?", "who is this?", "wrong number", "say again", "hang on": answered the
    way a receptionist would, then the pending question is asked again (nothing is lost)."""
    u = ctx.u
    intent = u.intent
    pending = last_question(s)
    if intent == "wrong_number" and s.direction == "outbound" and _NEVER_ASKED.search(
            u.text.lower()) and not _WRONG_PERSON.search(u.text.lower()):
        # "I never filled out any form. how'd you get this number?": said where the number came
        # from, someone else at home may have asked; struck off the moment they say so
        if (said := ctx.replies.say("how_got_number", source=ctx.profile.lead_source)) not in ctx.reply_parts:
            ctx.add(said)
        ctx.ask(s, "permission", AGENT, "consent_check")
        return True
    if intent == "wrong_number":
        ctx.say(f"wrong_number_{s.direction}")
        greeted = next((m.content for m in s.messages if m.role == "assistant"), "")
        if s.direction == "inbound" and s.customer.name and s.customer.name.split()[0] not in greeted:
            # a name said to the wrong business ("her name is Rosa Delgado", of a doctor's
            # patient) is nobody's on our books (one we greeted by name stays)
            s.customer.name = s.booking_slots.customer_name = None
        if s.direction == "outbound" and s.customer.phone and not s.lead.do_not_call:
            # a number that is not the lead's is not called again (as said: "I'll take this
            # number off our calling list")
            s.lead.do_not_call = True
            ctx.effects.append(Effect(kind="mark_do_not_call", detail=s.customer.phone))
        s.awaiting, s.awaiting_agent = None, None
        s.outcome = "wrong_number"
        s.ended = True
        return True
    if intent == "repeat":
        previous = next((m.content for m in reversed(s.messages) if m.role == "assistant"), None)
        if pending and previous and "?" not in previous:
            previous = pending  # back from "take your time": the question that is waiting
        elif previous == ctx.replies.say("hold_ok"):
            previous = ctx.replies.say("how_can_i_help")  # back, and nothing was asked yet
        ctx.add(f"{ctx.replies.say('repeat_intro')} {previous or ctx.replies.say('hello_again')}")
        ctx.aside_answered = True
        return True
    if intent == "line_check":
        ctx.say("line_check")
    elif intent == "hold":
        if u.has_lead_facts and ctx.profile.kind == "real_estate":
            qualification.absorb(s, ctx)  # "thinking of selling my place in Pflugerville— hang on"
        ctx.say("hold_ok")
        ctx.aside_answered = True
        return True  # the caller is away: the question waits until they are back
    elif intent == "identity":
        if s.direction == "outbound":
            reason = (ctx.replies.say("callback_reason") if s.callback_for
                      else ctx.profile.outbound_reason)
            ctx.say("identity_outbound", reason=reason)
        elif RETURNED_CALL.search(ctx.u.text.lower()):
            ctx.say("returned_call")  # "I missed a call from this number": who we are, and help
            if u.has_lead_facts and ctx.profile.kind == "real_estate":
                qualification.absorb(s, ctx)  # "… about the house on Sundance Drive in Round Rock"
        else:
            ctx.say("identity_inbound")
    elif intent == "how_got_number":
        ctx.say("how_got_number", source=ctx.profile.lead_source)
    elif intent == "bot_check":
        # "is this a real person? … I'd rather talk to an actual agent": who we are, then the
        # person asked for (no offer of a choice the caller has made)
        person_next = any(act.intent == "escalation" for act in ctx.queue)
        ctx.say("identity_inbound" if person_next and s.direction == "inbound" else "bot_check")
    elif intent == "chitchat" and ctx.more_acts:
        ctx.aside_answered = True  # "the dog wrecked my back seat. y'all do detailing?": the story
        return True                # needs no "ha, I hear you" before the answers
    elif intent == "chitchat" and ctx.reply_parts and ctx.reply_parts[-1].rstrip().endswith("?"):
        # "… can we push it a week? my daughter's got a soccer tournament that weekend": the
        # read back just asked stands; no "ha, I hear you" after it
        ctx.aside_answered = True
        return True
    elif intent == "chitchat" and ctx.priced and s.recent_services and s.appointment is None and (
            sv := ctx.profile.service(s.recent_services[0])) is not None:
        # "… you do detailing, right? how much? my minivan is a disaster": answered, the visit is
        # offered rather than "ha, I hear you"
        ctx.aside_answered = True
        faq.offer_service(s, ctx, sv)
        return True
    elif intent == "chitchat" and not ctx.aside_answered and pending and _third_time(s, ctx, pending):
        # "within the year" heard as small talk twice already: the question is not asked a third
        # time; a lead fact is let go (asked in person), anything else offers a person instead
        ctx.aside_answered = True
        if s.awaiting_agent == "qualification" and s.awaiting in _LEAD_FACTS:
            s.lead.declined.append(s.awaiting)
            qualification.ask_next(s, ctx)
        else:
            ctx.stuck(s, s.last_ask or "question")
        return True
    elif intent == "chitchat" and not ctx.aside_answered:
        ctx.say("small_talk")  # not after "come again?" was answered: "you're going a little fast"
    elif intent != "chitchat":
        return False
    ctx.aside_answered = True
    question = pending or ctx.replies.say("how_can_i_help")
    if not ctx.more_acts and not any(question in part for part in ctx.reply_parts):
        ctx.add(question)
    return True


async def run(s: ConversationState, ctx: TurnContext) -> None:
    u = ctx.u
    if s.awaiting == "permission" and s.direction == "outbound" and u.intent in {
            "unknown", "chitchat", "provide_info"} and not (
            u.affirm or u.deny or u.has_booking_facts or u.vehicle or u.lead_intent or u.location or u.budget
            or u.timeline or u.financing) and (
            ANSWERS_FOR_THEM.search(u.text.lower()) and s.customer.name) and (
            s.last_ask != "permission_for_them"):
        # "this is his wife. Dave's out with the kids": who we are calling for, said to them
        ctx.ask(s, "permission", AGENT, "permission_for_them", name=s.customer.name.split()[0])
        return
    if conversation_act(s, ctx):
        return
    if s.awaiting == "permission" and s.last_ask == "consent_check" and not (
            u.has_lead_facts or u.has_booking_facts or u.services or u.vehicle):
        # "would you like me to take this number off our list?": a yes strikes it off
        if LEAD_ELSEWHERE.search(u.text.lower()) and not STRUCK_OFF.search(u.text.lower()):
            # "oh wait, the Zillow thing? that might've been my wife … yeah, we're looking, but she
            # handles all that": the form was hers; the one to talk to is her, not off the list
            s.awaiting = None
            u.intent = "objection_busy"
            ctx.hand_off("objection", "the form was someone else's in the house", s)
            return
        if u.affirm and not u.deny:
            s.awaiting = None
            u.intent = "do_not_call"
            ctx.hand_off("objection", "callee asks to be struck off", s)
            return
        if u.deny and not u.affirm:
            ctx.ask(s, "permission", AGENT, "consent_kept")
            return
    if s.awaiting == "permission":
        act = u.act.label if u.act is not None else None
        explains = len(re.findall(r"[a-z']+", u.text.lower())) > 4
        if u.deny and "objection_busy" not in u.flags and (explains or act in {
                "objection_not_interested", "objection_have_agent", "objection_price"}):
            # "nah, I just had it done at the Jiffy Lube" is not "call me later"
            s.awaiting = None
            u.intent = act if act in {"objection_have_agent", "objection_price"} else (
                "objection_not_interested")
            ctx.hand_off("objection", "outbound callee objects", s)
            return
        if u.deny:
            s.awaiting = None
            ctx.hand_off("objection", "caller busy on outbound call", s)
            u.intent = "objection_busy"
            return
        substance = (u.affirm or u.has_booking_facts or u.has_lead_facts or u.vehicle
                     or u.intent in {"book", "lead", "faq"})
        if act == "objection_have_agent" and not SOMEONE_ELSE.search(u.text.lower()):
            act = None  # "I already talked to somebody, I think?": to us; no one else is named
        if not substance and act in {"objection_not_interested", "objection_have_agent",
                                     "objection_price"} and u.act.confidence >= 0.4:
            s.awaiting = None  # "I sold that car last year"
            u.intent = act
            ctx.hand_off("objection", "outbound callee objects", s)
            return
        if not substance and u.intent in {"unknown", "chitchat", "provide_info"}:
            ctx.ask(s, "permission", AGENT, "permission_again")  # neither yes nor no
            return
        s.awaiting = None
        if s.callback_for and not (u.has_booking_facts or u.has_lead_facts or u.vehicle
                                   or u.intent in {"book", "lead", "faq"}):
            # Returning their call: they called about something; let them say what.
            ctx.say("callback_how_can_i_help")
            return
        target = "qualification" if ctx.profile.kind == "real_estate" else "scheduling"
        if (target == "scheduling" and not s.booking_slots.appointment_type and not u.vehicle
                and ctx.profile.appointment_type("service") is not None):
            s.booking_slots.appointment_type = "service"  # the call is about their car's service
        ctx.hand_off(target, "outbound caller has a minute", s)
        return
    if u.intent == "goodbye" or (s.awaiting == "anything_else" and (u.deny or ("thanks" in u.flags and (
            not u.affirm or "done_with_it" in u.flags)))):  # "okay, no worries, thank you"
        close(s, ctx)
        return
    if s.awaiting == "anything_else" and u.affirm:
        ctx.ask(s, "anything_else", AGENT, "what_else")
        s.awaiting = None
        return
    if u.intent == "greeting" and u.has_contact_facts and "thanks" not in u.flags:
        absorb_contact(s, ctx)  # "hi, this is Dana": a greeting that introduces the caller
        first = s.customer.name.split()[0] if s.customer.name else "there"
        ctx.say("nice_to_meet", first_name=first)
        return
    if u.intent == "greeting":
        if "thanks" in u.flags:
            ctx.say("you_are_welcome")
            pending = last_question(s)
            if s.awaiting not in {None, "anything_else"} and pending and ONLY_COURTESY.fullmatch(
                    normalise(u.text).lower):
                ctx.add(pending)  # "perfecto, gracias" asked for a name: the booking waits for it
            else:
                ctx.ask(s, "anything_else", AGENT, "anything_else")
        else:
            ctx.say("hello_again")
        return
    if u.has_contact_facts:
        absorb_contact(s, ctx)
        first = s.customer.name.split()[0] if s.customer.name else "there"
        ctx.say("nice_to_meet", first_name=first)
        return
    if ctx.aside_answered and u.intent in {"unknown", "decline", "chitchat", "provide_info"}:
        # "quick question, I'm not ready to commit to anything. what actually is a consultation?":
        # the question was answered; what was said around it needs no "didn't catch that"
        ctx.ask(s, "anything_else", AGENT, "anything_else")
        return
    s.misunderstood_count += 1
    if s.misunderstood_count == 1 and u.intent == "provide_info" and len(u.text.split()) >= 8:
        # "I manage the vehicles for a plumbing company. we've got eleven vans …": heard, and
        # only the ask is still to come; no "didn't catch that" for a story told plainly
        ctx.say("context_heard", capabilities=_capabilities(ctx))
        return
    if s.misunderstood_count >= 3 and s.escalation_in_progress:
        ctx.hand_off("escalation", "still waiting for a person", s)  # already offered one
        return
    if s.misunderstood_count >= 3:
        ctx.say("clarify_offer_human")
        ctx.hand_off("escalation", "repeated misunderstanding", s)
        return
    ctx.say("clarify", capabilities=_capabilities(ctx))


def close(s: ConversationState, ctx: TurnContext) -> None:
    ctx.say("goodbye_outbound" if s.direction == "outbound" else "goodbye")
    s.awaiting = None
    s.ended = True
