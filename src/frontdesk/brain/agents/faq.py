"""FAQ agent: answers only from the business's own facts — FAQ, prices, inventory, hours.

A question that matches nothing gets an honest "I don't have that" and an offered callback;
the agent never invents a fact. When a booking or qualification is under way, the caller is
brought back to it after the answer.
"""

from __future__ import annotations

import re
from datetime import timedelta

from frontdesk.brain.agents import desk_calls, lot, objection, qualification, scheduling, visit_questions
from frontdesk.brain.agents.booking_state import resume_prompt
from frontdesk.brain.agents.faq_match import best_faq, faq_answers, place_words
from frontdesk.brain.agents.lot import POINTS_BACK
from frontdesk.brain.agents.move_target import told_one
from frontdesk.brain.context import Effect, TurnContext, absorb_contact
from frontdesk.brain.format import (
    say_date,
    say_list,
    say_on_date,
    say_phone,
    say_price_range,
    say_time,
)
from frontdesk.brain.nlu import entities as ex
from frontdesk.brain.nlu.asking import HELP_WITH_IT, WHICH_DAY_ASKED
from frontdesk.brain.nlu.combine_words import CONTACT_ASKED, WHY_NEEDED
from frontdesk.brain.nlu.cues import REMINDER_ASK, asks_hours
from frontdesk.brain.nlu.holidays import names_holiday
from frontdesk.brain.nlu.lexicon import lexicon
from frontdesk.brain.nlu.places import COVERAGE, THAT_WAY
from frontdesk.brain.nlu.said import WANTS_TO_KNOW
from frontdesk.brain.nlu.staff_asked import staff_asked_about
from frontdesk.brain.nlu.text import normalise
from frontdesk.brain.nlu.understand import A_HOME, ADD_ON
from frontdesk.brain.state import ConversationState
from frontdesk.knowledge.profile import BusinessProfile, Service

AGENT = "faq"
_STILL_ON = re.compile(r"\bstill (?:on|good|happening|set|a go|scheduled|booked)\b")
_IS_IT_ENOUGH = re.compile(r"\b(?:is (?:that|it|this)|would (?:that|it|this) be|are we being) (?:even |"
                           r"really |at all )?"
                           r"(?:realistic|doable|enough|possible|crazy|reasonable|unrealistic)\b")
"""Whether the caller's own budget or area will do: answered by what the agent says of the lead."""
_HELP_THERE = re.compile(r"\b(?:do|can|could|would|will) (?:you|y'?all|you guys)(?: guys)? (?:even |also )?"
                         r"(?:help|work|cover|do|go|sell|serve)\b[^.?!]{0,40}\b(?:there|that (?:area|far)|"
                         r"out that way|up that way|down there|over there)\b")
"""Whether we work where the caller just said: answered by the area's verdict."""

_DUE_FOR = re.compile(r"\bwhat(?:'s| is| does| would)? (?:it|she|he|the (?:car|truck|vehicle)|"
                      r"my (?:car|truck|vehicle))(?:'s| is)? (?:\w+ )?due\b|\bdue for what\b|"
                      r"\bwhat (?:does|do) (?:it|she|the \w+) need\b")
"""What the car we called about is due for, asked back."""
_NO_MARKETING = re.compile(r"\b(?:marketing|sales calls?|spam|telemarket\w*|promotions?|junk|"
                           r"(?:don'?t|do not) want (?:any )?(?:more )?calls)\b")
_TELL_ME_NOW = re.compile(r"\b(?:(?:can|could) (?:you|ya|y'all) (?:just )?(?:tell|explain)|just tell|"
                          r"can'?t you (?:just )?tell) (?:me|us)(?: (?:now|here|yourself|instead))?\b")
"""A question that asks for the answer to the one before it, now, instead of a call."""
# "do you guys do a military discount?": asked the way a service is, but a policy, not a service
_NO_SERVICE = re.compile(r"\b(?:discounts?|deals?|specials?|coupons?|promo(?:tion)?s?|rebates?|financing|"
                         r"loans?|loaners?|shuttles?|rides?|warrant(?:y|ies)|payment plans?|trade[- ]?ins?|"
                         r"rentals?|leas(?:e|es|ing)|gift cards?|memberships?|appointments? on)\b")
_WITH_THAT = re.compile(r"\W*(?:(?:so|and|but|um+|uh+|ok|okay|well)\W+)*(?:(?:do|can|will|would|could) )?"
                        r"(?:you|y'?all|ya|you guys|you all) (?:guys |all )?(?:help|deal|work|handle|do)"
                        r"(?: (?:with|on))? (?:that|this|those|it|them)\W*")
""""y'all help with that?": a short question about what the caller said just before."""
_ASKS_OFFERED = re.compile(r"\b(?:do|can|could|will|would) (?:you|y'?all|ya'?ll|ya|you guys|you all|they|"
                           r"your (?:shop|guys|techs|mechanics)) (?:guys |all |even |also |still )?"
                           r"(?:do|offer|handle|fix|repair|service|work on|take care of|replace|install|"
                           r"put in|carry|deal with)\b|"
                           r"\b(?:you|y'?all|ya'?ll|ya|you guys|you all) (?:guys |all )?"
                           r"(?:still |even |also )?"
                           r"(?:do|offer|handle)\b"
                           r"[^?.]{0,40}(?:,? right|,? yeah|,? don'?t (?:you|y'all)|,? correct|\?)\W*$")
"""A question whether the business does a kind of work ("do you do alignments?", "you do
detailing, right?")."""
_HOW_LONG = re.compile(r"\bhow long\b|\bhow much time\b|\btakes?\b|\btake (?:long|a while)\b")
_HOW_MUCH = re.compile(r"\bhow much\b(?! time)|\bcost|\bprice|\bcharge|\bbucks|\bdollars|\$|"
                       r"\brun (?:me|us)\b|\bwhat(?:'s| is| does| do| would)\b[^?.!]{0,40}\brun\b|"
                       # "is it thirty-five flat or do y'all add stuff on?": the price checked
                       r"\bflat (?:rate|fee)?\b|\badd (?:stuff|anything|things|extra|fees?)(?: on)?\b|"
                       r"\bhidden fees?\b|\bis it (?:like )?(?:\$?\d|twenty|thirty|forty|fifty|sixty|seventy|"
                       r"eighty|ninety|a hundred|one|two|three)")


_HAGGLE = re.compile(r"\b(?:(?:do|make) it for|go (?:down )?to\b(?! (?:fix|the repair|pay))|come down|"
                     r"knock (?:\w+ )?off|any (?:wiggle|"
                     r"room|discount|deals?)|a discount|cheaper|best you can do|match (?:a|their|the) price|"
                     r"(?:take|accept) (?:\$?\d+|a hundred|fifty)\b)")
"""Haggling over a service price ("could you do it for a hundred if I pay cash?")."""
_WORTH = re.compile(r"\b(?:what|how much)\b[^.?!]{0,45}\b(?:worth|sell for|get for it|going for|"
                    r"selling for)\b|"
                    r"\b(?:valuation|apprais\w+)\b")
"""The caller asks what their home is worth."""
_REFERS = re.compile(r"\b(?:that|this|it|those|these)\b")
"""A question that points back at what the caller just said."""
_FOLLOW_UP = re.compile(r"\b(?:it|that|they|them|this|those)\b|^\W*(?:(?:and|so|ok(?:ay)?|um+|uh+)\W+)*"
                        r"(?:how (?:far|long|much|late|early|often|many|big)|what about)\b")
"""A question that goes on about the topic just answered ("how far out does it go?")."""
_NEXT_STEP = re.compile(r"\b(?:next steps?|what(?:'s| is| happens) next|what now|how do (?:we|i) "
                        r"(?:even )?(?:get started|start|proceed|go about it)|"
                        r"where do (?:we|i) (?:go from here|(?:even )?(?:start|begin))|"
                        r"what (?:do|should) (?:we|i) (?:even |actually )?do (?:now|next|first)|"
                        r"how does (?:this|it|any of (?:this|it)|all (?:this|of this)) (?:even )?work|"
                        r"what'?s the (?:first step|process))\b")
"""A question that asks the agent to go on rather than for a fact."""


def _said_already(answer: str, said: list[str]) -> bool:
    """Most of an answer's words are in what this turn already says (two answers to one
    question, worded two ways)."""
    words = {w for w in re.findall(r"[a-z]{4,}", answer.lower())}
    before = {w for part in said for w in re.findall(r"[a-z]{4,}", part.lower())}
    return bool(words) and len(words & before) / len(words) >= 0.6


def _first_meeting(s: ConversationState, ctx: TurnContext) -> bool:
    """"What do we even do first?" from a buyer or seller with no meeting under way: the first
    step is the meeting the profile starts everyone with (a consultation, a listing visit),
    offered."""
    if ctx.profile.kind != "real_estate" or ctx.more_acts or s.appointment is not None or (
            s.booking_slots.appointment_type or s.awaiting in {"confirm_booking", "pick_alternative"}):
        return False
    kind = ctx.profile.appointment_type(visit_questions.first_visit(s, ctx))
    if kind is None:
        return False
    s.booking_slots.appointment_type = kind.key
    ctx.ask(s, "offer_appointment", "qualification", "first_step", appointment=kind.label)
    return True


def _area_answer(s: ConversationState, ctx: TurnContext) -> bool:
    """"Do you cover Round Rock?": yes or no from the service areas, and the place is noted."""
    u = ctx.u
    text = normalise(u.text).lower
    said = u.location or ((s.lead.location, bool(s.lead.in_service_area))
                          if s.lead.location and THAT_WAY.search(text) else None)
    if said is None or not ctx.profile.service_areas or not COVERAGE.search(text):
        return False  # "what's the crime rate in Austin?" is not about where we work
    area, inside = said
    if inside and (other := next((a for a in ctx.profile.nearby_areas if re.search(
            rf"\b{re.escape(a.lower())}\b", text)), None)) is not None:
        # "do you guys do houses in leander or just austin?": the place asked about is the one
        # we don't serve; say so, with the ones we do
        ctx.say("location_out_of_area", area=other, areas=say_list(ctx.profile.service_areas, "and"))
        return True
    if s.lead.location is None and not any(q.location not in {None, said} for q in ctx.queue):
        s.lead.location, s.lead.in_service_area = area, inside  # (not "my condo in X … cover Y?")
    if u.lead_intent and s.lead.intent is None:
        s.lead.intent = u.lead_intent  # type: ignore[assignment]
    key = "location_in_area" if inside else "location_out_of_area"
    ctx.say(key, area=area, areas=say_list(ctx.profile.service_areas, "and"))
    return True


_DAY_NAMES = {"mon": "Mondays", "tue": "Tuesdays", "wed": "Wednesdays", "thu": "Thursdays",
              "fri": "Fridays", "sat": "Saturdays", "sun": "Sundays"}


_WHERE_ARE_YOU = re.compile(
    r"\b(?:where(?:'s| is| are)? (?:exactly |actually )?(?:you|y'?all|your (?:office|shop|dealership|place|"
    r"building|location))|"
    # (not "do I have to give you the full address right now?": the caller's own)
    r"your (?:address|location)|(?<!give you )(?<!give y'all )(?<!tell you )(?<!need )(?<!want )"
    r"the (?:address|location)|where (?:y'?all|you) (?:at|located)|directions|"
    r"how do i (?:get|find) (?:there|you)|what(?:'s| is) the (?:street |building )?number there|"
    r"(?:you|y'?all|you guys)(?: are|'re)? (?:over |out |located |still )?(?:on|off) (?:the )?[a-z]+ "
    r"(?:road|rd|street|st|drive|dr|avenue|ave|boulevard|blvd|lane|ln|highway|hwy|parkway|pkwy))\b")


def _on_our_street(text: str, address: str) -> bool:
    """"You're on Lakeshore, right?": the street of the business's own address, checked."""
    street = re.match(r"\s*\d+[a-z]?\s+([a-z][a-z' ]*?)(?:\s+(?:road|rd|street|st|drive|dr|avenue|ave|"
                      r"boulevard|blvd|lane|ln|highway|hwy|parkway|pkwy|way|court|ct))?\s*(?:,|$)",
                      address.lower())
    return street is not None and re.search(rf"\b(?:on|off|at) (?:the )?{re.escape(street[1])}\b",
                                            text) is not None


def _address_answer(ctx: TurnContext) -> bool:
    """"Where's your office again?", "y'all are over on River Road, right?": the address in
    the profile, for a business whose FAQ has no entry for it."""
    if not ctx.profile.address or not (_WHERE_ARE_YOU.search(ctx.u.text.lower()) or _on_our_street(
            ctx.u.text.lower(), ctx.profile.address)):
        return False
    ctx.say("address_answer", address=ctx.profile.address)
    return True


def _staff_answer(ctx: TurnContext) -> bool:
    """"Is Sarah in that Wednesday?", "does Priya work Saturdays?": the days and hours of that
    person, from the profile (their own hours, else their departments')."""
    member = staff_asked_about(ctx.u.text.lower(), ctx.profile)
    if member is None:
        return False
    hours = member.duty_hours(ctx.profile.departments)
    days = say_list([_DAY_NAMES[d] for d in hours.days], "and")
    if ctx.u.date is None:
        ctx.say("staff_days", name=member.name, days=days)
        return True
    # by the weekday: "that Wednesday" said of a week under discussion is no date of its own
    span = hours.for_weekday(ctx.u.date.weekday())
    weekday = list(_DAY_NAMES.values())[ctx.u.date.weekday()]
    if span is None:
        ctx.say("staff_off_on_day", name=member.name, weekday=weekday, days=days)
    else:
        ctx.say("staff_in_on_day", name=member.name, weekday=weekday, start=say_time(span[0]),
                end=say_time(span[1]))
    return True


def _day_hours_answer(ctx: TurnContext) -> bool:
    """"Are you open on Christmas Eve?", "is service open the day after Thanksgiving?": the hours
    of that one day, closures and short hours included, from the profile. Other days ("open
    Saturday?") keep the business's own hours answer."""
    u, profile = ctx.u, ctx.profile
    followup = "hours_followup" in u.flags  # "Sundays?" right after "hours?"
    if u.date is None or not (asks_hours(u.text.lower()) or followup) or not (
            followup or profile.closure_on(u.date) or names_holiday(normalise(u.text).numeric)):
        return False
    on_date = say_on_date(u.date, ctx.today)
    spans = {d.label: profile.hours_on(d, u.date) for d in profile.departments.values()}
    closure = profile.closure_on(u.date)
    if closure is not None and not any(spans.values()):
        later = (u.date + timedelta(days=n) for n in range(1, 15))
        next_open = next((d for d in later if any(profile.hours_on(dep, d)
                                                  for dep in profile.departments.values())), None)
        ctx.say("hours_closed_on", on_date=on_date, holiday=closure[1],
                next_open=say_date(next_open, ctx.today) if next_open else "after the holidays")
        return True
    said = [f"the {label} is open {say_time(h[0])} to {say_time(h[1])}" if h else f"the {label} is closed"
            for label, h in spans.items()]
    if len(said) == 1:
        h = next(iter(spans.values()))
        said = [f"we're open {say_time(h[0])} to {say_time(h[1])}" if h else "we're closed"]
    ctx.say("hours_on_day", on_date_cap=on_date[:1].upper() + on_date[1:],
            holiday_note=f" ({closure[1]})" if closure else "", hours=say_list(said, "and"))
    return True


def _asked_price_before(s: ConversationState) -> bool:
    """"And a brake inspection?" right after a price question asks a price too."""
    users = [m for m in s.messages if m.role == "user"]
    if len(users) < 2:
        return False
    return s.last_ask == "offer_service" or (  # a price was just said and its visit offered
        lexicon().intents["price_question"].search(users[-2].content.lower()) is not None)


def _price_answer(s: ConversationState, ctx: TurnContext) -> bool | str:
    """The price of each service asked about; ``"which"`` when the caller's word fits several
    services and the agent asked which one."""
    u = ctx.u
    if _HAGGLE.search(u.text.lower()) and (keys := u.services or _services_in_view(s, ctx.profile)) and (
            sv := ctx.profile.service(keys[0])) is not None:
        # "could you do it for a hundred if I pay cash?": the price is the price
        ctx.say("price_firm")
        _say_price(ctx, sv)
        return True
    named = u.services or (ctx.queue[-1].services if ctx.queue and _REFERS.search(u.text.lower()) else [])
    if named and _ASKS_OFFERED.search(u.text.lower()) and not {"faq_topic"} & u.flags:
        # "do you do oil changes?": yes, and what it costs and takes ("got a recall notice for my
        # RAV4, can y'all handle that?": the work said before it)
        offered = [sv for k in named if (sv := ctx.profile.service(k)) is not None]
        ctx.say("service_offered")
        on_top = [k for k in _services_in_view(s, ctx.profile) if k not in named] if ADD_ON.search(
            u.text.lower()) else []  # "can y'all do the tires while it's in there?": with the other work
        s.recent_services = [*on_top, *(sv.key for sv in offered)]
        for sv in offered:
            _say_price(ctx, sv)
        return bool(offered)
    if "price_question" not in u.flags and not (u.services and _asked_price_before(s)):
        return False  # "do you take walk-ins for oil changes?" does not ask a price
    # ("how long am I gonna be without the truck?": the work of the visit being set up)
    in_view = POINTS_BACK.search(u.text.lower()) or re.search(r"\bhow long\b", u.text.lower())
    keys = u.services or (_services_in_view(s, ctx.profile) if in_view else [])
    services = [sv for k in keys if (sv := ctx.profile.service(k)) is not None]
    if not services and ctx.profile.services and "price_question" in u.flags:
        if best_faq(u.text, ctx.profile.faq, place_words(ctx.profile))[1] >= 80:
            return False
        said = s.messages[-1].content if s.messages and s.messages[-1].role == "user" else u.text
        # ("i got the inspection friday … i just wanna know how much its gonna run me": the work
        # named in the message the question was cut from)
        alike = [sv for k in (ex.services_alike(normalise(u.text), ctx.profile)
                              or ex.services_alike(normalise(said), ctx.profile))
                 if (sv := ctx.profile.service(k)) is not None]
        if len(ours := [sv for sv in alike if sv.key in _services_in_view(s, ctx.profile)]) == 1:
            alike = ours  # "how much is the inspection again?" of the state inspection on the calendar
        if len(alike) == 1:
            _say_price(ctx, alike[0])
            return True
        if alike:  # "inspection. how much.": the price of each, and which one is it?
            for sv in alike:
                _say_price(ctx, sv)
            ctx.ask(s, "service", "scheduling", "price_which",
                    services=say_list([sv.name for sv in alike], "or"))
            return "which"
        ctx.say("price_unknown", services=say_list([sv.name for sv in ctx.profile.services]))
        return True
    # the services asked about, latest first ("… and a tire rotation?" keeps the oil change too)
    s.recent_services = list(dict.fromkeys([sv.key for sv in services] + s.recent_services))[:3]
    for sv in services:
        _say_price(ctx, sv)
    return bool(services)


def _services_in_view(s: ConversationState, profile: BusinessProfile) -> list[str]:
    """The services the conversation is about: the booking under way, the one just booked, or
    the last asked about ("how much is it?", "how long will that take?")."""
    if s.booking_slots.services or s.booking_slots.service_type:
        return s.booking_slots.services or [s.booking_slots.service_type]
    if s.appointment is not None and s.appointment.service_type:
        return [s.appointment.service_type]
    if s.desk.found and (told := [a.service_type for a in s.desk.found if a.service_type]):
        return told[-1:]  # "your state inspection is Saturday at 10" … "it's still $35, right?"
    if s.on_file and len(kinds := {a.service_type for a in s.on_file if a.service_type}) == 1:
        return list(kinds)  # "i got the state inspection monday … is that still thirty five bucks"
    if not s.recent_services and s.direction == "outbound" and not s.callback_for and profile.due_service:
        return [profile.due_service]  # "how much is that gonna run me?": the service we called about
    return list(s.recent_services)


def _say_price(ctx: TurnContext, sv: Service) -> None:
    duration = f"{sv.duration_min} minutes" if sv.duration_min < 90 else (
        f"{sv.duration_min / 60:g} hours")
    key = "price_answer_free" if sv.price_max == 0 else "price_answer"
    if _HOW_LONG.search(ctx.u.text.lower()) and not _HOW_MUCH.search(ctx.u.text.lower()):
        key = "duration_answer"  # "how long does it take?" asks only the time
    said = {k: ctx.replies.say(k, service_cap=sv.name[:1].upper() + sv.name[1:],
                               price=say_price_range(sv.price_min, sv.price_max), duration=duration)
            for k in (key, "duration_answer")}
    line = said[key]
    if key != "duration_answer" and said["duration_answer"] in ctx.reply_parts:
        # "how long's an oil change, and is it really forty-nine?": the price says the time too
        ctx.reply_parts[ctx.reply_parts.index(said["duration_answer"])] = line
    elif line not in ctx.reply_parts:  # asked twice in one breath: said once
        ctx.add(line)
    ctx.priced = True


async def run(s: ConversationState, ctx: TurnContext) -> None:
    u = ctx.u
    if u.intent == "call_noted":
        # only a call asked, beside a booking or a change under way (its words kept to be set
        # up after it): promised, and what was being asked, asked again
        ctx.say("call_after_noted")
        ctx.aside_answered = True
        if desk_calls.change_pending(s):
            ctx.resuming = True
            ctx.hand_off("appointments", "a change under way, a call asked beside it", s)
        elif s.awaiting_agent == "qualification" and qualification.in_progress(s):
            qualification.ask_next(s, ctx)  # the lead's question it interrupted, again
        else:
            resume(s, ctx)
        return
    if s.direction == "outbound" and not s.callback_for and (due := ctx.profile.service(
            ctx.profile.due_service)) is not None and _DUE_FOR.search(u.text.lower()):
        # "oh, okay, I took the truck in there last summer. So what's it due for?": what we called about
        ctx.say("due_for", service=f"{'an' if due.name[0] in 'aeiou' else 'a'} {due.name}")
        s.booking_slots.appointment_type, s.booking_slots.services = "service", [due.key]
        s.booking_slots.service_type = due.key
        resume(s, ctx)
        return
    if await objection.text_preferred(s, ctx):
        return  # "oh and could y'all text me instead of calling?" asked while booking
    contact_asked = s.awaiting in {"phone", "name", "email"}
    if WHY_NEEDED.search(u.text.lower()) and (contact_asked or (
            CONTACT_ASKED.search(u.text.lower()) and s.booking_slots.under_way())):
        # "why do you need my number? I don't want any marketing calls": what it is for, the
        # wish kept (no campaign calls), and the question asked again (asked beside another
        # question, that one's ask is no failed try)
        ctx.say("contact_purpose")
        ctx.aside_answered = ctx.aside_answered or not contact_asked
        if _NO_MARKETING.search(u.text.lower()) and not s.lead.do_not_call:
            s.lead.do_not_call = True
            ctx.effects.append(Effect(kind="mark_do_not_call", detail=s.customer.phone))
            ctx.say("no_marketing_noted")
        resume(s, ctx)
        return
    if s.awaiting == "offer_callback" and s.awaiting_agent == AGENT and not (
            u.is_question and u.intent == "faq"):  # "and are y'all open on sundays?" asks again
        absorb_contact(s, ctx)
        if objection.visit_proposed(s, ctx):
            s.awaiting = s.callback_reason = None  # "okay, let's just do Tuesday at four then": the visit
            ctx.hand_off("scheduling", "a time for the visit, not a call", s)
            return
        if (u.date or u.time or u.window or u.time_of_day) and not u.deny:
            # "evenings are best, after six": a yes, and when
            objection.schedule_callback(s, ctx, reason=s.callback_reason)
            s.callback_reason = None
            return
        if u.affirm or u.phone:
            _callback(s, ctx)
            return
        if u.deny:
            ctx.say("callback_declined")
            ctx.ask(s, "anything_else", "greeting", "anything_else")
            return
    if s.awaiting == "phone" and s.awaiting_agent == AGENT:
        absorb_contact(s, ctx)
        if s.customer.phone:
            _callback(s, ctx)
        else:
            ctx.ask(s, "phone", AGENT, "ask_phone_again")
        return
    if ctx.profile.kind == "real_estate" and u.location and s.lead.location is None and A_HOME.search(
            u.text.lower()):
        s.lead.location, s.lead.in_service_area = u.location  # "the three-bedroom on your Cedar Park listing"
    if u.lead_intent and s.lead.intent is None and ctx.profile.kind == "real_estate":
        s.lead.intent = u.lead_intent  # type: ignore[assignment]  # "do y'all work with first-time buyers?"
    if ctx.profile.kind == "dealership" and u.services:
        # "do you take walk-ins for oil changes?" … "I'd rather have an appointment then": for that
        s.recent_services = list(dict.fromkeys([*u.services, *s.recent_services]))[:3]
    strong_faq = best_faq(u.text, ctx.profile.faq, place_words(ctx.profile))[1] >= 80 and not (
        {"inventory_question", "price_question"} & u.flags)
    # "could I get into that Camry with monthly payments?" asks about financing, not the lot
    day_hours = _day_hours_answer(ctx)
    from_lot = not day_hours and not strong_faq and (
        lot.compare_answer(s, ctx) or lot.inventory_answer(s, ctx))
    previous_topic, s.recent_topic = s.recent_topic, "hours" if day_hours else None
    if day_hours and u.date is not None:
        s.day_asked = u.date.isoformat()
    if scheduling.which_sooner(s, ctx):
        return
    confirming = "confirm_question" in u.flags
    if confirming and REMINDER_ASK.search(u.text.lower()):
        # "will I get a reminder text or anything?": what this call does, and only the reminders
        # that are really sent (the booking's read-out says which)
        ctx.say("reminder_later" if ctx.reminders is not None else "reminder_none")
    elif confirming:
        ctx.say("confirm_on_call")  # "will somebody call me to confirm?": this call is the booking
    costed = visit_questions.visit_cost_answer(s, ctx, previous_topic)
    met = visit_questions.who_meets_answer(s, ctx)
    timed = visit_questions.visit_length_answer(s, ctx)
    told = visit_questions.visit_about_answer(s, ctx, previous_topic)
    answered = (confirming or costed or met or timed or told or day_hours or from_lot or _staff_answer(ctx)
                or _price_answer(s, ctx)
                or _area_answer(s, ctx) or (not strong_faq and _address_answer(ctx)))
    if answered is True and "price_question" in u.flags and asks_hours(normalise(u.text).lower) and (
            hours := next((e for e in ctx.profile.faq if e.category == "hours"), None)) is not None:
        _add_before_question(ctx, hours.answer)  # "how much is that, and what time do you open?"
    if answered is True and best_faq(u.text, ctx.profile.faq, place_words(ctx.profile))[1] >= 80:
        # "financing? and is the CR-V still there?", "how long do you need it for do i get a
        # loan or car in the meantime": the other question in the same breath too
        for entry in faq_answers(u.text, ctx.profile.faq, place_words(ctx.profile)):
            if costed and entry.category == "fees":
                continue  # "do y'all charge just to tell us what it's worth?": the visit's cost
            if entry.answer not in ctx.reply_parts:
                _add_before_question(ctx, entry.answer)
    if not answered:
        entries = faq_answers(u.text, ctx.profile.faq, place_words(ctx.profile))
        whole = s.messages[-1].content if s.messages and s.messages[-1].role == "user" else ""
        places = place_words(ctx.profile)
        if whole != u.text and _REFERS.search(u.text.lower()) and (not entries or (
                "faq_topic" not in u.flags and faq_answers(whole, ctx.profile.faq, places))):
            # "… some letter from the bank. how does that whole thing work?", "I want to ask about
            # selling my house. How does it work?": the question is about what was just said
            entries = faq_answers(whole, ctx.profile.faq, places)
            if entries and ctx.queue and not (ctx.queue[-1].has_booking_facts
                                              or ctx.queue[-1].has_lead_facts
                                              or ctx.queue[-1].has_contact_facts):
                ctx.queue.pop()  # the statement was the question's context, not a request
        if not entries and previous_topic and "faq_topic" not in u.flags and (
                _FOLLOW_UP.search(u.text.lower())):
            # "do y'all got a shuttle?" … "how far out does it go?": the same topic, asked further
            entries = [e for e in ctx.profile.faq if e.key == previous_topic]
        if not entries and _WITH_THAT.fullmatch(u.text.lower().strip()):
            # "First-time buyer." … "y'all help with that?": what the caller said just before
            said = [m.content for m in s.messages if m.role == "user"]
            entries = faq_answers(said[-2], ctx.profile.faq, place_words(ctx.profile)) if len(
                said) >= 2 else []
        if not entries and _TELL_ME_NOW.search(u.text.lower()):
            # "could somebody call me back to explain pre-approval?" … "don't bother with a
            # call, can you just tell me now?": the question asked before it
            said = [m.content for m in s.messages if m.role == "user"]
            entries = faq_answers(said[-2], ctx.profile.faq, place_words(ctx.profile)) if len(
                said) >= 2 else []
        if not entries and asks_hours(u.text.lower()):
            # "do you guys do Saturdays?": the hours, whatever words the keywords miss
            entries = [e for e in ctx.profile.faq if e.category == "hours"][:1]
        for entry in entries:
            if entry.key == previous_topic and not u.is_question and "?" not in u.text:
                # "okay, I'll probably just come by Monday and take my chances" after the walk-in
                # answer: the plan is heard; the answer is not said again
                if not ctx.reply_parts:
                    ctx.say("plan_heard")
                answered = True
                continue
            # asked twice in one breath, or already said by another answer this turn ("what is a
            # consultation? is it a sales pitch?": "no cost and no obligation" once): said once
            if entry.answer not in ctx.reply_parts and not _said_already(entry.answer, ctx.reply_parts):
                ctx.add(entry.answer)
            answered = True
            s.recent_topic = s.recent_topic or entry.key
    if not answered and (kind := ctx.profile.appointment_type("listing_appointment")) and (
            _WORTH.search(u.text.lower())):
        # "how much it is worth, you can tell me?": what the listing visit is for
        ctx.say("value_at_listing", appointment=kind.label)
        answered = True
    if not answered and _NEXT_STEP.search(u.text.lower()) and _first_meeting(s, ctx):
        return  # "we've never bought a house … so what do we even do first?": the first meeting
    if not answered and _NEXT_STEP.search(u.text.lower()):
        # "what's the next step?" asks the agent to go on, not for a fact
        if not ctx.more_acts:
            resume(s, ctx)
        return
    if not answered and ctx.assist is not None:
        # A model may answer from the business's facts; it returns None unless every fact it
        # states is in them.
        grounded = await ctx.assist.answer(u.text, profile=ctx.profile, state=s)
        if grounded:
            ctx.add(grounded)
            answered = True
    if not answered and ctx.more_acts and _STILL_ON.search(u.text.lower()):
        return  # "I'm coming in Saturday at ten. That's still on, right?": the booking told answers it
    if not answered and told_one(s) is not None and WHICH_DAY_ASKED.search(u.text.lower()):
        u.intent = "lookup_appointment"  # told it: "oh, okay. so which day is it?": told again
        ctx.hand_off("appointments", "the booking told, asked again", s)
        return
    if not answered and ctx.more_acts and ctx.profile.kind == "real_estate" and _IS_IT_ENOUGH.search(
            u.text.lower()):
        return  # "a hundred twenty tops. is that even realistic in Georgetown?": the lead's verdict answers
    if not answered and ctx.profile.kind == "real_estate" and ctx.more_acts and _HELP_THERE.search(
            u.text.lower()):
        return  # "relocating to Dallas … do y'all help people find houses up there?": the area's verdict
    if not answered and ctx.more_acts and HELP_WITH_IT.search(u.text.lower()):
        return  # "… I need something to rent. Is that something you all help with?": the reply to it says
    if not answered and ctx.profile.kind == "real_estate" and (u.lead_intent == "rent" or (
            s.lead.intent == "rent" and HELP_WITH_IT.search(u.text.lower()))):
        # "do y'all help people find rentals or is it just buyin": the renter's answer says it
        if not ctx.more_acts:
            ctx.hand_off("qualification", "a renter asks", s)
        return
    if not answered and u.has_lead_facts and qualification.in_progress(s):
        # "why do you need to know that? um, a hundred twenty tops", "how much? hang on… up to
        # three hundred": the question comes with the answer; take it and go on
        if WHY_NEEDED.search(u.text.lower()):
            ctx.say("lead_purpose")
        elif "?" in u.text or _ASKED_OF_US.search(u.text.lower()):
            ctx.say("unknown_aside")  # (not "it's in Pflugerville … I'll give the agent the address")
        ctx.hand_off("qualification", "facts given with a question", s)
        return
    if not answered and ctx.more_acts and re.search(r"\b(?:i'?m|im|i am|we'?re) calling (?:about|for|on|"
                                                    r"regarding)\b", u.text.lower()):
        return  # "I'm calling about my husband's truck? he's got it in …": what the call is about
    if not answered:
        if ctx.more_acts and (not _ASKED_OF_US.search(u.text.lower()) or (any(
                a.intent in _ITS_OWN_ACT for a in ctx.queue) and not WANTS_TO_KNOW.search(u.text.lower()))):
            # "I just found out Texas does this whole inspection thing?", "can you let her know?"
            # beside a booking on file: no question of ours to say we cannot answer; the rest of
            # the message (the booking, the lookup, the move) is the reply
            ctx.unanswered.append(u.text)
            return
        if ctx.more_acts:  # the caller said more: answer honestly and go on with the rest
            unknown = ctx.replies.say("lead_purpose" if WHY_NEEDED.search(u.text.lower()) and (
                qualification.in_progress(s)) else "unknown_aside")
            if unknown not in ctx.reply_parts:
                ctx.add(unknown)
            ctx.unanswered.append(u.text)
            return
        s.callback_reason = f"Unanswered question: {' '.join([*ctx.unanswered, u.text])}"
        if ctx.unanswered and (unknown := ctx.replies.say("unknown_aside")) in ctx.reply_parts:
            # "is there wifi, and do you sell gift cards?": one "I don't have that", one offer
            ctx.reply_parts.remove(unknown)
        if ctx.profile.services and not u.services and (u.unoffered or (_ASKS_OFFERED.search(
                u.text.lower()) and not _NO_SERVICE.search(u.text.lower()))):
            # "do you do alignments?": not one of ours; say so (in our words) and what we do
            if u.unoffered:
                ctx.say("service_not_offered", things=say_list(u.unoffered, "or"))
            else:
                ctx.say("service_not_seen")
            ctx.ask(s, "offer_callback", AGENT, "service_not_listed",
                    services=say_list([sv.name for sv in ctx.profile.services]))
            return
        ctx.ask(s, "offer_callback", AGENT, "faq_unknown")
        return
    ctx.aside_answered = True
    if desk_calls.change_pending(s) and not ctx.more_acts:
        # "state inspection's still thirty-five bucks, right?" while a move is read back:
        # answered, then the move asked about again (no new booking is offered)
        ctx.resuming = True
        ctx.hand_off("appointments", "resume the change after a question", s)
        return
    offered = s.awaiting == "offer_appointment" and s.awaiting_agent == "scheduling"
    sv = (ctx.profile.service(s.recent_services[0])
          if ctx.priced and s.recent_services and not ctx.more_acts else None)
    if sv is not None and (s.last_ask == "offer_service" if offered else (
            answered != "which" and s.appointment is None and not resume_prompt(s)
            and not qualification.in_progress(s)
            and sv.key not in {a.service_type for a in s.desk.found})):  # one they have already
        # "you do detailing, right? what's that cost?": answered, the visit is offered; "and a
        # brake inspection?" right after an offer: that offer follows the new question
        offer_service(s, ctx, sv)
        return
    if offered and not ctx.more_acts and answered != "which" and s.last_ask == "offer_service" and (
            pending := ctx.profile.service(s.booking_slots.service_type or "")) is not None:
        offer_service(s, ctx, pending)  # "okay. and do you take cards?": answered, the offer stands
        return
    if offered or answered == "which" or ctx.more_acts:
        return  # the inventory answer or "which one?" asked already; or the rest of the message leads
    resume(s, ctx)


_ASKED_OF_US = re.compile(r"\b(?:do|does|can|could|will|would|are|is)\s+(?:you|y'?all|ya|you guys|your|"
                          r"there)\b|"
                          r"\bhow (?:much|long|many|far|often)\b|\bwhat (?:time|are|is|do|does|kind|sort)\b|"
                          r"\bwhere (?:are|is|do)\b|\bwhich\b|\bright\W*$")
"""A question put to the business ("do y'all …", "how much …", "… which is Cedar Park, right?")."""
_ITS_OWN_ACT = {"lookup_appointment", "reschedule", "cancel", "book"}


def _add_before_question(ctx: TurnContext, answer: str) -> None:
    """Say ``answer`` before the question that ends the reply so far ("…priced at $26,500. Yes,
    we offer financing… Would you like to schedule a test drive?")."""
    last = ctx.reply_parts[-1] if ctx.reply_parts else ""
    head, _, asked = last.rstrip().rpartition(". ")
    if asked.endswith("?") and head:
        ctx.reply_parts[-1] = head + "."
        ctx.add(answer)
        ctx.add(asked)
    else:
        ctx.add(answer)


def offer_service(s: ConversationState, ctx: TurnContext, sv: Service) -> None:
    """Offer to book the service the caller just asked about; a yes goes on to the booking."""
    slots = s.booking_slots
    if not slots.services or s.last_ask == "offer_service":  # only offered so far: the latest
        slots.services, slots.service_type = list(s.recent_services), s.recent_services[0]
        slots.appointment_type = slots.appointment_type or "service"
    if s.last_ask == "offer_service":
        s.ask_repeats = 0  # another service's price, another offer: not the same question again
    names = [found.name for k in slots.services if (found := ctx.profile.service(k)) is not None] or [sv.name]
    ctx.ask(s, "offer_appointment", "scheduling", "offer_service",
            service=say_list([f"{'an' if name[0] in 'aeiou' else 'a'} {name}" for name in names], "and"))


def _callback(s: ConversationState, ctx: TurnContext) -> None:
    if not s.customer.phone:
        ctx.ask(s, "phone", AGENT, "ask_phone")
        return
    reason = s.callback_reason or "Caller asked to be called back (see transcript)"
    ctx.request_callback(s, reason)
    s.callback_reason = None
    ctx.say("callback_confirm", phone=say_phone(s.customer.phone))
    ctx.ask(s, "anything_else", "greeting", "anything_else")


def resume(s: ConversationState, ctx: TurnContext) -> None:
    """After an aside, return to the booking or qualification under way, or ask what else."""
    if resume_prompt(s):
        ctx.resuming = True
        ctx.hand_off("scheduling", "resume booking after question", s)
    elif qualification.in_progress(s):
        if ctx.understanding is not None and ctx.u.has_lead_facts:
            # "buy in Austin, maybe around four hundred thousand, and how does pre-approval work?":
            # the question answered, the facts said with it kept
            qualification.absorb(s, ctx)
        qualification.ask_next(s, ctx)
    elif s.direction == "outbound" and s.awaiting == "permission" and not s.callback_for:
        # our call, answered with a question ("do y'all charge buyers a fee?"): answered, the
        # call goes on with why we called
        s.awaiting = None
        if ctx.profile.kind == "real_estate":
            qualification.ask_next(s, ctx)
        else:
            if not s.booking_slots.appointment_type and ctx.profile.appointment_type("service"):
                s.booking_slots.appointment_type = "service"
            ctx.resuming = True
            ctx.hand_off("scheduling", "outbound callee asked first", s)
    else:
        if ctx.profile.kind == "real_estate" and ctx.understanding is not None:
            # "do I need to be pre-approved? I haven't done any of that": kept
            qualification.keep_untold(s.lead, ctx.u)
        ctx.ask(s, "anything_else", "greeting", "anything_else")

