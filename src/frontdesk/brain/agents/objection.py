"""Objection handler: not interested, already have someone, too expensive, busy, do-not-call.

Replies come from the profile's objection playbook. A first objection gets one respectful
answer; a repeated one ends the call politely. "Take me off your list" sets do_not_call and
ends the conversation at once; "call me later" books a callback time.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from frontdesk.brain.agents import desk_calls, qualification, scheduling
from frontdesk.brain.agents.booking_state import resume_prompt
from frontdesk.brain.agents.booking_words import just_one_of
from frontdesk.brain.context import Effect, TurnContext, absorb_contact
from frontdesk.brain.format import say_date, say_phone, say_time
from frontdesk.brain.nlu import Understanding, clock, names, understand
from frontdesk.brain.nlu import entities as ex
from frontdesk.brain.nlu.callee import CALLEE_AWAY, CALLS_US_THEMSELVES, LEAD_ELSEWHERE, named_away
from frontdesk.brain.nlu.cues import (
    ANY_TIME,
    CALL_ME,
    CALLBACK_DROPPED,
    DEFERS,
    TEXT_INSTEAD,
)
from frontdesk.brain.nlu.text import normalise
from frontdesk.brain.state import ConversationState

AGENT = "objection"

_KINDS = {
    "do_not_call": "do_not_call",
    "objection_busy": "busy",
    "objection_have_agent": "already_have_agent",
    "objection_price": "too_expensive",
    "objection_not_interested": "not_interested",
}


_IN_A_WHILE = re.compile(r"\b(?:call|try|ring|reach|back|again)\b[^.?!]{0,20}?\bin "
                         r"(?:like |about |maybe |another |around )?"
                         r"(?P<n>\d+|a few|a couple(?: of)?|half an?|an?) "
                         r"(?P<unit>minutes?|mins?|hours?|hrs?)\b")
"""A call asked for so long from now ("call me back in like twenty minutes", "in an hour")."""
_NOT_SURE_WHEN = re.compile(r"\b(?:i )?(?:dunno|don'?t know|not sure|no idea|couldn'?t (?:tell|say))\b"
                            r"[^.?!]{0,30}\b(?:when|what time)\b|"
                            r"\b(?:i'?ll|i can|i will) (?:tell|let) (?:him|her|them)\b|"
                            r"\b(?:tell|let) (?:him|her|them) (?:know )?(?:you|y'?all) called\b")
"""Whoever answered cannot say when the callee is back, or will pass the call on."""


_ALL_CONTACT = re.compile(r"\b(?:off (?:your|the|y'?all'?s) (?:\w+ )?list|never|stop (?:calling|texting)|"
                          r"any ?more|(?:don'?t|do not) (?:call or text|text)|lose (?:my|this) number)\b")
"""No contact at all, not just no calls ("take me off your list", "don't text me either")."""



_CANT_TALK_NOW = re.compile(r"\b(?:at work|(?:can'?t|cannot) (?:really )?talk|driving|in a meeting|"
                            r"(?:busy|swamped|slammed) (?:right )?now|in class|on the job)\b")
"""Why the phone does not suit right now (not that it never will)."""
_NO_CALLS = re.compile(r"\b(?:don'?t|do not|never) (?:really )?(?:do|take|like|answer|pick up) "
                       r"(?:phone )?calls\b|\bnot (?:a|much of a) phone person\b|\be-?mail\b")
"""Not by phone at all ("I don't really do phone calls", "can you email me instead?")."""

def quick_goodbye(u: Understanding) -> bool:
    """"yeah ok bye", said when asked when to call back: a leave-taking that keeps the call back
    the callee asked for (to be made as soon as we can)."""
    return u.intent == "goodbye" and not u.deny and len(u.text.split()) <= 5


def _end(s: ConversationState, outcome: str) -> None:
    s.ended = True
    s.outcome = outcome
    s.awaiting = None


_WHAT_ABOUT_SAID = re.compile(r"\W*(?:(?:oh|um+|uh+|yeah|well|and)\W+)*(?:it'?s|its|it is|this is|that'?s)? ?"
                              r"(?:about|regarding|for|concerning) ")
"""What a call is about, said where a name was asked ("its about selling my house")."""
_NO_NAME = re.compile(r"\b(?:name|names|doesn'?t matter|don'?t matter|no need|not necessary|they'?ll know|"
                      r"anybody|anyone|whoever|just (?:have|call|ask))\b")
"""A caller who will not give a name, or says it does not matter: the callback stands without one."""


async def text_preferred(s: ConversationState, ctx: TurnContext) -> bool:
    """"Vivian Tran. and can you text me instead of calling? I don't pick up numbers I don't
    know", while booking: no call pressed on them; the booking goes on. Whether it was that."""
    u = ctx.u
    if not (TEXT_INSTEAD.search(u.text.lower()) and resume_prompt(s)) or (
            u.date or u.time or u.window or u.time_of_day or "do_not_call" in u.flags):
        return False
    absorb_contact(s, ctx)
    ctx.say("text_preferred")
    await scheduling.advance(s, ctx)
    return True


async def run(s: ConversationState, ctx: TurnContext) -> None:
    u = ctx.u
    if u.name or u.email:
        absorb_contact(s, ctx)  # "hi, this is Gail Fenwick … could somebody call me back?"
    if ctx.profile.kind == "real_estate" and u.has_lead_facts:
        from frontdesk.brain.agents import qualification

        qualification.absorb(s, ctx)  # "we're thinking of selling — call me Thursday" keeps both
    if await text_preferred(s, ctx):
        return
    slots = s.booking_slots
    if u.intent == "objection_price" and resume_prompt(s) and (
            kept := just_one_of(slots.services, u.text, ctx.profile)):
        # "Oof. that's more than I wanted to spend. Just the inspection then": the dear one dropped
        slots.services, slots.service_type, slots.services_expected = kept, kept[0], 0
        ctx.say("just_that", service=ctx.profile.service(kept[0]).name)  # type: ignore[union-attr]
        await scheduling.advance(s, ctx)
        return
    if s.awaiting == "name" and s.awaiting_agent == AGENT and s.last_ask in {
            "callback_ask_name", "callback_ask_name_again"} and (
            u.date or u.time or u.window or u.time_of_day) and not u.services:
        absorb_contact(s, ctx)
        _refine_callback(s, ctx)  # "evening, after six" to "who should we ask for?": when, closer
        return
    if s.awaiting == "name" and s.awaiting_agent == AGENT and s.last_ask == "callback_ask_name" and not (
            u.name or s.customer.name) and s.ask_repeats == 0 and (_WHAT_ABOUT_SAID.match(u.text.lower()) or (
            len(u.text.split()) >= 5 and u.intent not in {"deny", "goodbye", "affirm"}
            and not _NO_NAME.search(u.text.lower()))):
        # "its about selling my house in pflugerville", "i need a price on a timing belt for a 2016
        # accord and i cant stay on the phone" to "who should we ask for?": what the call is
        # about, noted; the name asked once more
        for task in s.pending_tasks:
            if task.task_type == "callback" and task.reason and u.text not in task.reason:
                task.reason = f"{task.reason} ({u.text.strip()})"
        ctx.say("noted")
        ctx.ask(s, "name", AGENT, "callback_ask_name_again")
        return
    if s.awaiting == "name" and s.awaiting_agent == AGENT and s.last_ask in {
            "callback_ask_name", "callback_ask_name_again"}:
        absorb_contact(s, ctx)  # "Victor Amadi" (or no name: the callback stands all the same)
        first = (s.customer.name or "").split(" ")[0]
        ctx.say("callback_thanks", name=f", {first}" if first else "")
        _end(s, "callback_scheduled")
        return
    if s.awaiting == "phone" and s.awaiting_agent == AGENT and s.pending_callback:
        if u.name is None and _SPELLED.search(u.text):
            # "Hannah Lindqvist — L-I-N-D-Q-V-I-S-T. anytime after lunch works": a name, spelled out
            u.name = names.extract_name(normalise(u.text), expecting=True)
        absorb_contact(s, ctx)
        if s.customer.phone:
            _callback_to_number(s, ctx)
        else:
            ctx.ask(s, "phone", AGENT, "callback_ask_phone", when=s.pending_callback["when"])
        return
    if s.awaiting == "callback_time" and s.awaiting_agent == AGENT and s.direction == "outbound" and not (
            u.date or u.time or u.window or u.time_of_day) and CALLS_US_THEMSELVES.search(u.text.lower()):
        # "I'll just tell him and he can call y'all back himself": asked when to reach him, no time
        whom = s.callback_whom or "you"
        ctx.say("callee_calls_us", whom={"her": "she", "him": "he", "them": "they"}.get(whom, whom))
        _end(s, "no_outcome")
        return
    if s.awaiting == "callback_time" and s.awaiting_agent == AGENT:
        if not (u.date or u.time or u.window or u.time_of_day) and (
                free := clock.free_from(normalise(u.text))) is not None:
            u.window = free  # "I'm off at five-thirty, so after that. It's Rosalind Okafor.": from then on
            absorb_contact(s, ctx)
        if (u.name or u.phone) and not (
                u.date or u.time or u.window or u.time_of_day or ANY_TIME.search(u.text.lower())):
            absorb_contact(s, ctx)  # "It's Ana Lucia Ferreira.", "my cell is …": who, and when is asked again
            ctx.ask(s, "callback_time", AGENT, "callback_ask_retry")
            return
        if ctx.profile.kind == "real_estate" and u.has_lead_facts and call_asked_for(s) and not (
                u.date or u.time or u.window or u.time_of_day):
            # "I just want someone to call me back" … "basically we want to buy in Pflugerville,
            # three-fifty to four hundred": the search told for the call, which still wants a time
            qualification.keep_untold(s.lead, u)
            ctx.ask(s, "callback_time", AGENT, "callback_ask_retry")
            return
        if ctx.profile.kind == "real_estate" and (u.location or u.budget) and not (
                _CALLBACK_WORDS.search(u.text.lower()) or CALL_ME.search(u.text.lower())):
            # "he's driving. this is his wife … we're looking in Cedar Park, up to four fifty":
            # whoever answered goes on with the search, so the call goes on with them
            s.awaiting, s.pending_callback = None, None
            ctx.hand_off("qualification", "the one who answered goes on", s)
            return
        calls = _CALLBACK_WORDS.search(u.text.lower()) or CALL_ME.search(u.text.lower())
        if (((u.services or u.vehicle or u.appointment_type) and u.intent == "book") or visit_proposed(
                s, ctx)) and not calls:
            # asked when to call back, the caller books instead: "a test drive Saturday at four"
            s.awaiting = None
            ctx.hand_off("scheduling", "a request, not a callback time", s)
            return
        if u.date or u.time or u.time_of_day or u.window:
            monday = ctx.today + timedelta(days=7 - ctx.today.weekday())
            if s.last_ask == "callback_ask_day" and u.date and u.date < monday and any(
                    "next week" in m.content.lower() for m in s.messages[-3:] if m.role == "user"):
                u.date += timedelta(days=7)  # "tuesday afternoon", asked which day next week
            if (s.pending_callback or {}).get("offered"):
                s.pending_callback = None  # "try him tomorrow morning": a better time than offered
            schedule_callback(s, ctx)
            return
        if u.affirm and (s.pending_callback or {}).get("offered"):
            _take_suggested_callback(s, ctx)  # "yeah, tonight's fine"
            return
        if s.direction == "outbound" and s.callback_whom and not (
                _CALLBACK_WORDS.search(u.text.lower()) or CALL_ME.search(u.text.lower())) and (
                quick_goodbye(u) or _NOT_SURE_WHEN.search(u.text.lower())):
            # "I dunno when she'll be back. I can tell her you called": nobody asked for a call
            # and nobody knows when; no task is made, and the call ends kindly
            ctx.say("callee_away_close", whom=s.callback_whom)
            _end(s, "no_outcome")
            return
        if (ANY_TIME.search(u.text.lower()) and not u.deny) or quick_goodbye(u):
            # "whenever they get a chance": no time to keep; "yeah ok bye" from someone driving who
            # asked to be called back later: the call back stands, as soon as we can
            schedule_callback(s, ctx, soon=True)
            return
        if s.direction == "outbound" and (u.affirm or _FREE_NOW.search(u.text.lower())) and not (
                _CALLBACK_WORDS.search(u.text.lower()) or CALL_ME.search(u.text.lower())):
            # "wait, it just got pushed back. okay, go ahead, I've got a few minutes": the
            # callee has the minute after all; the call goes on
            s.awaiting, s.last_objection = "permission", None
            u.affirm, u.intent = True, "affirm"
            ctx.hand_off("greeting", "callee has time after all", s)
            return
        if u.deny and (DEFERS.search(u.text.lower()) or CALLBACK_DROPPED.search(u.text.lower())):
            # "no, don't call me back, I'll call y'all": no call is set up, and none is barred
            s.pending_callback = None
            ctx.say("callback_left_to_caller")
            ctx.ask(s, "anything_else", "greeting", "anything_else")  # the line stays open to change it
            return
        if u.intent not in _KINDS:
            ctx.ask(s, "callback_time", AGENT, "callback_ask")
            return
    if s.awaiting == "offer_appointment" and s.awaiting_agent == AGENT and u.intent not in _KINDS:
        if u.affirm or u.has_booking_facts or (u.location or u.timeline or u.budget):
            # "I don't know, maybe in the spring? somewhere around Austin": the caller goes on
            s.awaiting = None
            target = "scheduling" if ctx.profile.kind == "dealership" else "qualification"
            ctx.hand_off(target, "objection overcome", s)
            return
        if u.deny:
            _repeat_close(s, ctx, s.last_objection or "not_interested")
            return
        if u.intent in {"unknown", "greeting", "provide_info", "hold"}:
            ctx.ask(s, "offer_appointment", AGENT, "offer_again")  # "um…" is not a no
            return
    kind = _KINDS.get(u.intent, "not_interested")
    if kind == "not_interested" and "car_gone" in u.flags:
        ctx.say("car_gone")  # "I sold that car two years ago": no pitch for a car they do not have
        ctx.ask(s, "anything_else", "greeting", "anything_else")
        return
    play = ctx.profile.objections.get(kind)
    s.objection_counts[kind] = s.objection_counts.get(kind, 0) + 1
    s.last_objection = kind
    if (kind == "do_not_call" or "do_not_call" in u.flags) and resume_prompt(s) and (
            TEXT_INSTEAD.search(u.text.lower())) and (
            not _ALL_CONTACT.search(u.text.lower())):
        # "I'm a nurse, I can't pick up during shifts, so please don't call me with reminders,
        # just text this number", said while booking: no calls from us, the visit goes on
        absorb_contact(s, ctx)
        s.lead.do_not_call = True
        ctx.effects.append(Effect(kind="mark_do_not_call", detail=s.customer.phone))
        ctx.say("no_calls_noted")
        await scheduling.advance(s, ctx)
        return
    if kind == "do_not_call" and (u.services or u.appointment_type) and (u.date or u.time) and not (
            u.deny or "passed_away" in u.flags or s.direction == "outbound" or s.on_file
            or re.search(r"\bcancel", u.text.lower())):
        # "put me down for a full detail Saturday at nine. and stop calling me about specials, take
        # this number off the list": off the call list, and the visit asked for still booked
        s.lead.do_not_call = True
        ctx.effects.append(Effect(kind="mark_do_not_call", detail=s.customer.phone))
        ctx.say("no_calls_noted")
        u.intent = "book"
        await scheduling.run(s, ctx)
        return
    if kind == "do_not_call":
        if "passed_away" in u.flags:
            ctx.say("condolences")
        await desk_calls.cancel_with_the_list(s, ctx)
        s.lead.do_not_call = True
        s.lead.status = "do_not_call"
        ctx.add(play.reply if play else "Understood. You won't be contacted again. Goodbye.")
        ctx.effects.append(Effect(kind="mark_do_not_call", detail=s.customer.phone))
        _end(s, "do_not_call")
        return
    if kind == "busy":
        # (not "can you just text me?": written to, not called)
        asks_callback = bool(_CALLBACK_WORDS.search(u.text.lower()) or CALL_ME.search(
            TEXT_INSTEAD.sub(" ", u.text.lower())) or "call_asked" in u.flags)
        free = u.window if u.window and u.window.label.startswith("after") else (
            None if u.time else clock.free_from(normalise(u.text)))
        if free is not None:
            if free.start.hour < 12 and free.start <= ctx.now.time() and (
                    u.date is None or u.date == ctx.today) and u.time_of_day != "morning":
                # ("tomorrow morning … anytime after nine's fine": nine tomorrow morning)
                # "not back until after seven", said at nine in the morning: seven tonight
                free = clock.TimeWindow(free.start.replace(hour=free.start.hour + 12), free.end,
                                        f"after {say_time(free.start.replace(hour=free.start.hour + 12))}")
            u.window = free  # "I'm in a meeting until three": from three on, not before it
        if TEXT_INSTEAD.search(u.text.lower()) and not asks_callback and not (
                u.date or u.time or u.window or u.time_of_day):
            # "just text me instead, I don't do phone calls": this line cannot text, so no
            # callback is pressed on them, and their number stays (they asked for no list change)
            if _CANT_TALK_NOW.search(u.text.lower()) and not _NO_CALLS.search(u.text.lower()):
                # "could you text me instead? I'm at work and I can't really talk": busy now, not
                # never; asked once when suits, which they may decline
                ctx.ask(s, "callback_time", AGENT, "text_instead_busy")
                return
            ctx.say("text_instead")
            _end(s, "no_outcome")
            return
        if not (u.date or u.time or u.time_of_day or u.window) and (
                later := _IN_A_WHILE.search(normalise(u.text).numeric)) and (
                asks_callback or s.direction == "outbound"):
            # "can you call me back in like twenty minutes": then, from now
            hours = later["unit"].startswith(("h", "hr"))
            amount = {"a few": 3 if hours else 5, "a couple": 2, "a couple of": 2, "half an": 0.5,
                      "half a": 0.5, "an": 1, "a": 1}.get(later["n"]) or float(later["n"])
            minutes = amount * (60 if hours else 1)
            due = ctx.now + timedelta(minutes=5 * -(-minutes // 5))
            u.date, u.time = due.date(), due.time().replace(second=0, microsecond=0)
            schedule_callback(s, ctx)
            return
        if (u.date or u.time or u.time_of_day or u.window) and (
                asks_callback or s.direction == "outbound"):
            if _ONLY_THE_WEEK.search(u.text.lower()) and not (
                    u.time or u.time_of_day or u.window or _A_DAY.search(u.text.lower())):
                # "can you call me next week?": which day and when, asked once
                ctx.ask(s, "callback_time", AGENT, "callback_ask_day", week=_ONLY_THE_WEEK.search(
                    u.text.lower()).group(0))
                return
            if s.direction == "outbound" and not asks_callback and (whom := _someone_else(s, u.text.lower())):
                # "he's out at the deer lease till tonight": when he is back, not yet when to
                # call; the time is offered, and whoever answered says yes or a better one
                _suggest_callback(s, ctx, whom)
                return
            schedule_callback(s, ctx)
            return
        if (u.services or u.vehicle or u.appointment_type) and not asks_callback:
            # "on speaker in the car — the blue CR-V Saturday at four?" books; it is not "call me"
            # ("… trading in my Civic … could someone call me back?" is)
            ctx.hand_off("scheduling", "a request, not a callback", s)
            u.intent = "book"
            return
        if s.direction == "outbound" and not asks_callback and (whom := _someone_else(s, u.text.lower())):
            s.callback_whom = whom
            ctx.ask(s, "callback_time", AGENT, "callback_ask_whom", whom=whom)  # "he's at work"
            return
        if asks_callback and ANY_TIME.search(u.text.lower()):
            schedule_callback(s, ctx, soon=True)  # "have somebody call me when they get a chance"
            return
        if u.services:  # "call me back about my brakes": the work asked about, kept for the call
            s.recent_services = list(dict.fromkeys([*u.services, *s.recent_services]))[:3]
        # (a call asked for on their own call is agreed to; "no problem … a better time" answers
        # one we called who is busy)
        ctx.ask(s, "callback_time", AGENT,
                "callback_asked_when" if asks_callback and s.direction == "inbound" else "callback_ask")
        return
    if s.objection_counts[kind] > 1 or sum(s.objection_counts.values()) > 2:
        _repeat_close(s, ctx, kind)
        return
    ctx.add(play.reply if play else "I understand.")
    s.awaiting = "offer_appointment"
    s.awaiting_agent = AGENT


_SPELLED = re.compile(r"\b(?:[A-Za-z]-){2,}[A-Za-z]\b")
"""A word spelled out letter by letter ("L-I-N-D-Q-V-I-S-T")."""
_WHOM = {"he": "him", "she": "her", "they": "them"}


def _someone_else(s: ConversationState, said: str) -> str | None:
    """Whom to reach, when whoever answered speaks of the callee as away ("he's out at the deer
    lease till tonight", "she won't be back until Thursday", "this is his wife, he's at work",
    "this is her daughter, my mom's not home right now", "Dave's at work right now": Dave)."""
    if s.customer.name and named_away(said, first := s.customer.name.split()[0]):
        return first
    found = CALLEE_AWAY.search(said)
    if found:
        return _WHOM[found.group(0).split("'")[0].split()[0]]
    if (kin := _KIN_AWAY.search(said)) is not None:
        return _KIN_WHOM.get(kin[1], "them")
    if (kin := LEAD_ELSEWHERE.search(said)) is not None:  # "oh, that's all my wife": her
        return _KIN_WHOM.get(next(k for k in kin.groups() if k), "them")
    return None


_KIN_AWAY = re.compile(r"\b(?:my|our) (wife|husband|son|daughter|mom|mother|dad|father|sister|"
                       r"brother|grandson|granddaughter|boyfriend|girlfriend)(?:'s| is)? "
                       r"(?:not (?:home|here|around|in|available|back)|out|away|at work|asleep|gone|busy)\b")
"""A relative said to be away by whoever answered ("my mom's not home right now")."""
_KIN_WHOM = {k: "her" for k in ("wife", "daughter", "mom", "mother", "fiancee", "fiancée", "girlfriend",
                                "sister", "granddaughter")} | {
    k: "him" for k in ("husband", "son", "dad", "father", "fiance", "fiancé", "boyfriend", "brother",
                       "grandson")}


def _suggest_callback(s: ConversationState, ctx: TurnContext, whom: str) -> None:
    """Offer the time the callee is back as the time to call, and ask if it suits."""
    u = ctx.u
    window = u.window if u.window and u.window.label.startswith("after") else None
    if u.date in (None, ctx.today) and u.time_of_day and not (u.time or window):
        when = f"this {u.time_of_day}"  # "till tonight": this evening
    else:
        when = " ".join(p for p in (say_date(u.date, ctx.today) if u.date else "",
                                    f"at {say_time(u.time)}" if u.time else window.label if window else
                                    f"in the {u.time_of_day}" if u.time_of_day else "") if p)
    if not when:  # "she's out, before five anyway": no time she is back, so when to reach her is asked
        s.callback_whom = whom
        ctx.ask(s, "callback_time", AGENT, "callback_ask_whom", whom=whom)
        return
    s.pending_callback = {"offered": when, "date": u.date.isoformat() if u.date else None,
                          "time": u.time.strftime("%H:%M") if u.time else None,
                          "after": window.start.strftime("%H:%M") if window else None,
                          "part": u.time_of_day}
    s.callback_whom = whom
    ctx.ask(s, "callback_time", AGENT, "callback_suggest", when=when, whom=whom)


def _take_suggested_callback(s: ConversationState, ctx: TurnContext) -> None:
    """Yes to the time offered: the callback at that time."""
    offer = s.pending_callback or {}
    s.pending_callback = None
    u = ctx.u
    u.date = date.fromisoformat(offer["date"]) if offer.get("date") else None
    u.time = time.fromisoformat(offer["time"]) if offer.get("time") else None
    u.time_of_day, u.window = offer.get("part"), None
    if offer.get("after"):
        at = time.fromisoformat(offer["after"])
        u.window = clock.TimeWindow(at, time(23, 0), f"after {say_time(at)}")
    schedule_callback(s, ctx)


def _repeat_close(s: ConversationState, ctx: TurnContext, kind: str) -> None:
    kind = _KINDS.get(kind, kind)
    play = ctx.profile.objections.get(kind) or ctx.profile.objections.get("not_interested")
    ctx.add(play.retry_reply or play.reply if play else "Thanks for your time. Goodbye.")
    if s.lead.status not in {"booked", "do_not_call"}:
        s.lead.status = "lost"
    _end(s, "not_interested")


_FREE_NOW = re.compile(r"\b(?:go ahead|(?:i'?ve got|i have|i got|got) (?:a (?:few )?(?:minutes?|mins?|"
                       r"sec(?:ond)?s?)|(?:some )?time(?: now)?)|(?:i )?can talk(?: now)?|"
                       r"(?:it|that|the meeting)(?: just)? got "
                       r"(?:pushed|moved|cancell?ed))\b")
"""A busy callee who has the minute after all."""
_CALLBACK_WORDS = re.compile(r"\b(?:call (?:me|us|him|her|them)|call back|callback|ring (?:me|us)|"
                             r"try (?:me|us|him|her|them)|catch (?:me|us|him|her|them)|"
                             r"reach (?:me|us)|give (?:me|us) a (?:call|ring|buzz)|get back to|"
                             r"hit me|phone me|touch base|later|another time)\b")
"""Words a callback request has: a busy caller with a day and no such words wants a booking."""
_ONLY_THE_WEEK = re.compile(r"\b(?:next|this|later this|early next|later next) week\b")
_A_DAY = re.compile(r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|today|"
                    r"tonight|weekend|\d)")
_WINDOW_CALL_AT = {"morning": time(10, 0), "afternoon": time(14, 0), "evening": time(18, 0)}
_PROPOSES_VISIT = re.compile(r"\b(?:let'?s (?:just )?(?:do|say|go with|make it)|"
                             r"(?:can|could) (?:we|i) (?:just )?do|how about|what about|book (?:it|me|that)|"
                             r"put me (?:down|in)|got it|sounds good|that works|works for me|then)\b")


def visit_proposed(s: ConversationState, ctx: TurnContext) -> bool:
    """Asked when to be called, the caller names the visit instead ("okay, let's do Tuesday at
    four then", "Tuesday at five, with Jordan, got it"): a booking under way, a day or time,
    words that take it, and no word of a call."""
    u = ctx.u
    said = u.text.lower()
    calls = _CALLBACK_WORDS.search(said) or CALL_ME.search(said)
    # offered a call about a question left unanswered while the visit still wanted its day,
    # "tomorrow first thing, seven thirty, before work" gives the visit its day
    open_day = bool(s.callback_reason and s.callback_reason.startswith("Unanswered question")
                    and not s.booking_slots.preferred_date)
    # "how much to rotate the tires? and can I wait for it?" (the wait unanswered, a call offered)
    # … "okay, let's do it on the 16th, half past eleven": the work just priced, booked
    priced_then = bool(s.recent_services and s.callback_reason
                       and s.callback_reason.startswith("Unanswered question"))
    return bool(u.date or u.time) and not calls and (
        (resume_prompt(s) and (_PROPOSES_VISIT.search(said) is not None or open_day))
        or priced_then)


def schedule_callback(s: ConversationState, ctx: TurnContext, reason: str | None = None, *,
                      soon: bool = False) -> None:
    """A callback at the time the caller asked for, kept as asked: "Thursday evening" is an
    evening call, "after 3" is after 3."""
    u = ctx.u
    if reason is None and "call_aside_act" in u.flags:
        reason = f"Caller asked for a call: {u.text}"  # asked beside something else: its own words
    if (call := CALL_ME.search(u.text.lower())) and call.start() > 0 and (
            later := understand(u.text[call.start():], ctx.profile, ctx.today)) and (
            later.date or later.time or later.window or later.time_of_day):
        # "I've got the brake check Wednesday morning … could somebody call me back this
        # afternoon": when to call is what is said with the call, not the booking's day before it
        if later.time and u.time and (later.time.hour % 12, later.time.minute) == (
                u.time.hour % 12, u.time.minute):
            # "he'll be home tonight — call around seven?": the hour read with what came before it
            later.time, later.date = u.time, later.date or u.date
            later.time_of_day, later.window = later.time_of_day or u.time_of_day, later.window or u.window
        u = replace(u, date=later.date, time=later.time, window=later.window, time_of_day=later.time_of_day)
    if u.time is None and u.time_of_day == "morning" and ctx.now.hour >= 12 and (
            u.date in {None, ctx.today}) and re.search(r"\bthis morning\b", u.text.lower()):
        # "my husband dropped our F-150 off this morning … can somebody call me when it's done?",
        # said in the afternoon: a morning gone by, no time for the call
        u = replace(u, time_of_day=None, window=None, date=None)
    if u.services:  # "call me back about the inspection sticker": the work asked about, kept
        s.recent_services = list(dict.fromkeys([*u.services, *s.recent_services]))[:3]
    window = u.window
    # "tomorrow morning, after eight thirty": the part of the day said; "after 6:30" alone: when
    # the window opens
    at = u.time or (window.start if window and window.label.startswith("after") else None)
    part = u.time_of_day or (window.part_of_day if window and at is None else None)
    if part is None and at is not None:  # "after dinner, like seven thirty": the evening
        part = "morning" if at.hour < 12 else "afternoon" if at.hour < 17 else "evening"
    parts = []
    if u.date:
        parts.append(say_date(u.date, ctx.today))
    if u.time:
        parts.append(f"at {say_time(u.time)}")
    elif window is not None:
        parts.append(window.label)
    elif u.time_of_day:
        parts.append(f"in the {u.time_of_day}")
    when = " ".join(parts) or ("as soon as someone's free" if soon else "later")
    due = None
    if u.date or u.time or window or u.time_of_day:
        call_at = u.time or (window.start if window and window.start > time(0, 0)
                             and window.label.startswith("after") else None)
        if call_at is None and window and window.label.startswith("before") and window.end > time(9, 0):
            call_at = time(window.end.hour - 1, window.end.minute)  # "before 10": at nine
        call_at = call_at or _WINDOW_CALL_AT.get(part or "", time(10, 0))
        day = u.date or ctx.today
        if u.date is None and datetime.combine(day, call_at) <= ctx.now:
            day = ctx.today + timedelta(days=1)
        due = f"{day.isoformat()}T{call_at.strftime('%H:%M')}"
    s.callback_time = due or when
    s.lead.status = "contacted"
    # The task's due time is a moment (with the business's offset), not a wall-clock string.
    due_at = (datetime.fromisoformat(due).replace(tzinfo=ZoneInfo(ctx.profile.timezone)).isoformat()
              if due else None)
    window = part if part in _WINDOW_CALL_AT else None
    if not s.customer.phone:
        absorb_contact(s, ctx)
    detail = f"{reason} (call {when})" if reason else f"Caller asked for a callback {when}"
    if s.callback_whom and not reason:
        detail = f"Call back to reach {s.callback_whom}, not whoever answered (call {when})"
    if not s.customer.phone:
        # no caller ID and no number given: a callback promised now could reach nobody
        s.pending_callback = {"when": when, "due_at": due_at, "window": window, "detail": detail}
        ctx.ask(s, "phone", AGENT, "callback_ask_phone", when=when)
        return
    ctx.request_callback(s, detail, due_at=due_at, window=window)
    if ctx.profile.kind == "real_estate" and s.lead.qualified is None and (
            s.lead.intent in {"buy", "sell", "both"}):
        qualification.decide(s, ctx, known_only=True)  # "have someone call me Tuesday": scored too
    if not s.customer.name and s.direction == "inbound":
        # whoever calls back asks for someone: the callback stands, and the name is asked
        ctx.ask(s, "name", AGENT, "callback_ask_name", when=when)
        return
    if s.callback_whom:
        ctx.say("callback_scheduled_whom", when=when, whom=s.callback_whom)  # "we'll call her tomorrow"
    else:
        ctx.say("callback_scheduled", when=when)
    _end(s, "callback_scheduled")


_NO_CALLBACK = re.compile(r"\b(?:forget|never ?mind|cancel|skip|scratch|no need for|don'?t need) "
                          r"(?:the |that |a )?call ?-?back\b|\brather (?:just )?(?:book|schedule|come in|"
                          r"set it up|get it (?:on the schedule|booked|scheduled))")
"""A callback just promised, called off for a booking now ("forget the callback, I'd rather just
get it on the schedule")."""


def withdraws_callback(s: ConversationState, u: Understanding) -> bool:
    """Does the caller, asked whom to call back, call the callback off for a booking now?"""
    return (s.last_ask == "callback_ask_name" and u.intent == "book" and u.date is not None
            and _NO_CALLBACK.search(u.text.lower()) is not None)


def withdraw_callback(s: ConversationState, ctx: TurnContext) -> None:
    """The callback just promised is called off; the conversation goes on to the booking."""
    previous = next((t for t in reversed(s.pending_tasks) if t.task_type == "callback"), None)
    if previous is not None:
        s.pending_tasks.remove(previous)
        ctx.effects.append(Effect(kind="cancel_task", task_id=previous.task_id))
    s.callback_time = None
    s.awaiting = s.awaiting_agent = s.last_ask = None
    u = ctx.u
    said = next((m.content for m in reversed(s.messages) if m.role == "user"), None)
    if said and not (u.services or u.appointment_type):
        # what the callback was to be about ("a recall letter for my Outback") is the visit
        u.services = ex.extract_services(normalise(said), ctx.profile)


def _refine_callback(s: ConversationState, ctx: TurnContext) -> None:
    """The callback just promised, at the closer time the caller now gives ("later today" …
    "evening, after six"): the first task is withdrawn and one at the new time takes its place."""
    previous = next((t for t in reversed(s.pending_tasks) if t.task_type == "callback"), None)
    reason = None
    if previous is not None:
        s.pending_tasks.remove(previous)
        ctx.effects.append(Effect(kind="cancel_task", task_id=previous.task_id))
        if previous.reason and " (call " in previous.reason:
            reason = previous.reason.rsplit(" (call ", 1)[0]
        if ctx.u.date is None and previous.due_at:
            ctx.u.date = datetime.fromisoformat(previous.due_at).date()  # "later today": still today
        at = ctx.u.time
        if at is not None and previous.window in {"afternoon", "evening"} and 1 <= at.hour <= 11:
            ctx.u.time = at.replace(hour=at.hour + 12)  # "tonight" … "so seven thirty": 7:30 PM
    schedule_callback(s, ctx, reason)


def _callback_to_number(s: ConversationState, ctx: TurnContext) -> None:
    """The callback asked for earlier, now that there is a number to call."""
    pending = s.pending_callback or {}
    s.pending_callback = None
    ctx.request_callback(s, pending.get("detail") or "Caller asked for a callback",
                         due_at=pending.get("due_at"), window=pending.get("window"))
    when, phone = pending.get("when") or "later", say_phone(s.customer.phone or "")
    if not s.customer.name and s.direction == "inbound":
        # whoever calls back asks for someone (as with a number that came with the call)
        ctx.ask(s, "name", AGENT, "callback_ask_name", when=f"{when} at {phone}")
        return
    ctx.say("callback_scheduled_at", when=when, phone=phone)
    _end(s, "callback_scheduled")


def call_asked_for(s: ConversationState) -> bool:
    """On a call the caller made, a call back asked for in so many words ("I just want someone to
    call me back at some point"), not one offered because they were busy or away."""
    return s.direction == "inbound" and any(
        m.role == "user" and CALL_ME.search(m.content.lower()) for m in s.messages)
