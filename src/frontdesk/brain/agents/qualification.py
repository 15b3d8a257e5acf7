"""Qualification agent: learns intent, area, timeline, budget, financing and motivation.

Every fact volunteered is taken at once; the agent asks only for what is missing, one question
at a time. Each factor is scored in [0, 1] and weighted by the profile's policy over the factors
that apply (a seller has no purchase budget). A lead at or above the threshold is offered an
appointment; a cold lead is closed politely as nurture.
"""

from __future__ import annotations

import re

from frontdesk.brain.agents import lead_side
from frontdesk.brain.availability import closed_reply
from frontdesk.brain.context import TurnContext, absorb_contact
from frontdesk.brain.format import say_list, say_money, say_on_date
from frontdesk.brain.nlu import Understanding
from frontdesk.brain.nlu import lead as lead_nlu
from frontdesk.brain.nlu.places import COVERAGE, THAT_WAY, sells_elsewhere
from frontdesk.brain.nlu.text import MONTH, normalise
from frontdesk.brain.nlu.timeline import NO_TIMELINE, extract_timeline
from frontdesk.brain.state import ConversationState, LeadInfo
from frontdesk.knowledge.profile import QualificationPolicy

AGENT = "qualification"

_QUESTIONS = ("intent", "location", "timeline", "budget", "financing", "motivation")
_SELLER_SKIPS = {"budget", "financing"}


def applicable(lead: LeadInfo) -> list[str]:
    if lead.intent == "sell":
        return [q for q in _QUESTIONS if q not in _SELLER_SKIPS]
    return list(_QUESTIONS)


def factor_scores(lead: LeadInfo) -> dict[str, float]:
    """Score each applicable factor in [0, 1]; unknown factors score 0, declined ones 0.5."""
    scores: dict[str, float] = {}
    for factor in applicable(lead):
        value: float | None
        if factor == "intent":
            value = {"buy": 1.0, "sell": 1.0, "both": 1.0, "rent": 0.1, "other": 0.2}.get(lead.intent or "")
        elif factor == "budget":
            # budget_max == 0 means the caller preferred not to say.
            value = None if lead.budget_max is None else (1.0 if lead.budget_max >= 150_000
                                                          else 0.5)
        elif factor == "timeline":
            months = lead.timeline_months
            value = None if months is None else (
                1.0 if months <= 3 else 0.7 if months <= 6 else 0.4 if months <= 12 else 0.1)
            if months is None and lead.timeline_text == NO_TIMELINE:
                value = 0.1  # no timeline at all: as far off as a lead gets
        elif factor == "location":
            value = None if lead.in_service_area is None else (1.0 if lead.in_service_area
                                                               else 0.0)
        elif factor == "financing":
            value = {"pre_approved": 1.0, "cash": 1.0, "in_progress": 0.6,
                     "not_started": 0.2}.get(lead.financing or "")
        else:
            value = None if lead.motivation is None else (
                0.5 if lead.motivation == "(declined)" else 1.0)
        if value is None and factor in lead.declined:
            value = 0.5  # the caller did not know or would not say: neither for nor against
        scores[factor] = value or 0.0
    return scores


def score(lead: LeadInfo, weights: dict[str, float]) -> float:
    scores = factor_scores(lead)
    total = sum(weights.get(f, 0.0) for f in scores)
    if total == 0:
        return 0.0
    return round(sum(weights.get(f, 0.0) * v for f, v in scores.items()) / total, 3)


def known(lead: LeadInfo, factor: str) -> bool:
    if factor in lead.declined:
        return True
    return {
        "intent": lead.intent is not None,
        "location": lead.location is not None,
        "timeline": lead.timeline_months is not None or lead.timeline_text is not None,
        "budget": lead.budget_max is not None,
        "financing": lead.financing is not None,
        "motivation": lead.motivation is not None,
    }[factor]


_THEIR_HOME = re.compile(r"\b(?:our|my|the) (?:house|home|place|condo|property|townhome) "
                         r"(?:is |we'?re selling )?(?:in|at|out in|over in|up in|down in)\b")
"""Words that make a place the home being sold ("our place in Killeen"), not where they go."""


_SOLD_THERE = re.compile(r"\b(?:house|home|place|condo)\b[^.?!]{0,25}\b(?:is |'s )?(?:already )?"
                         r"(?:under contract|sold|on the market|listed)\b")
"""A home of the caller's being sold where they leave ("the Waco house is already under contract")."""
_SOMEONE_ELSES_HOME = re.compile(
    r"\b(?:her|his|their|(?:my|our) (?:mom|mother|dad|father|parents|sister|brother|daughter|son|aunt|"
    r"uncle|grandma|grandpa|friend|neighbor)'?s?|(?:mom|dad|mother|father)'?s) (?:\w+ ){0,2}(?:house|home|"
    r"place|condo|property|townhome|townhouse)\b")
"""A home of someone else's ("her place in Georgetown"): not where the caller looks."""
_BOTH_IN_TURN = re.compile(r"\b(?:sell|selling|buy|buying)\b(?:(?!\bsaid\b)[^.?!]){0,30}"
                           r"\b(?:first|before|too|also|"
                           r"as well)\b"
                           r"|\b(?:also|too) (?:sell|selling|buy|buying)\b")
"""The other side of a move said as an addition or a first step, not a change of mind."""
_PUT_RIGHT = re.compile(r"\b(?:actually|instead|rather|should(?:a|'?ve| have) said|i mean|i meant|"
                        r"scratch that|no longer|changed (?:our|my) minds?)\b")
_ONE_SIDE = re.compile(r"\b(just|only|not) (?:the )?(?:\w+ )?(buy|sell)(?:ing)?\b")
"""The buy-or-sell side put right ("oh we're selling, I shoulda said that first"), or one side
said to be all of it ("just buying") or none of it ("not selling")."""
_SELL_THEN_BUY = re.compile(r"\bsell(?:ing)?(?: it| ours| our \w+| the \w+)?,? (?:and|then|to) (?:\w+ ){0,2}?"
                            r"(?:buy|get|find|look for|move (?:up|down|into))\b")
"""Both sides said as one plan ("we'd sell it and get us something small in round rock")."""
_ADDED = re.compile(r"\b(?:also|as well|too|and then|plus|"
                    # a seller: "I'll need something small for me", "I'll need somewhere to go"
                    r"(?:i|we)(?:'ll| will|'d| would)? (?:need|want) (?:something|somewhere|a place|a condo|"
                    r"a (?:new |smaller |bigger )?(?:house|home))(?! (?:appraised|valued|listed|sold)\b))\b")
"""The other side added ("we'll need to buy too"), not a change of mind."""


WAITS = re.compile(r"\b(?:not yet|(?:we|i)(?:'ll| will| wanna| want to| gotta|'re gonna| are going to) wait|"
                    r"waiting (?:on|for|till|until)|"
                    r"(?:till|until|once|after) (?:he|she|we|they|i|the|our|my)\b)")
"""Said of the move itself: it waits for something ("not yet, we'll wait till he's out")."""


_A_MONTH = re.compile(rf"\b(?:{MONTH})\b")

_BY_THEN = re.compile(r"\b(?:by|before) (?:then|that (?:time|date|point)|(?:i|we|she|he|they) (?:start|move|"
                      r"begin|report|get there|starts|moves|begins|reports|gets there))\b")
"""A deadline that points at a date said earlier in the call ("I'd love to be moved in before I start")."""


def _timeline_from_earlier(s: ConversationState, ctx: TurnContext) -> tuple[float, str] | None:
    """The timeline a date said in an earlier message gives, read as that date's deadline."""
    for said in [m.content for m in s.messages if m.role == "user"][-4:-1][::-1]:
        found = extract_timeline(normalise(f"{said} by then"), ctx.today)
        if found is not None:
            return found
    return None


_FINANCING_HEARD = {"pre_approved": "pre-approved", "cash": "paying cash",
                    "in_progress": "financing under way", "not_started": "financing not started yet"}


def heard(before: LeadInfo, lead: LeadInfo) -> str | None:
    """The lead facts that changed, as said back ("up to $400,000", "pre-approved")."""
    said = []
    if (lead.budget_min, lead.budget_max) != (before.budget_min, before.budget_max) and lead.budget_max:
        said.append(f"between {say_money(lead.budget_min)} and {say_money(lead.budget_max)}"
                    if lead.budget_min else f"up to {say_money(lead.budget_max)}")
    if lead.financing != before.financing and lead.financing in _FINANCING_HEARD:
        said.append(_FINANCING_HEARD[lead.financing])
    if lead.timeline_text != before.timeline_text and lead.timeline_text and lead.timeline_months is not None:
        said.append(lead.timeline_text)
    return say_list(said, "and") if said else None


_WANTS_IT = re.compile(r"\b(?:want|wanna|prefer|looking|like to be|love|"
                       r"where (?:i|we)(?:'d| would)? (?:want|like))\b")


def absorb(s: ConversationState, ctx: TurnContext) -> list[str]:
    """Merge lead facts from this utterance; returns acknowledgements to say first."""
    u = ctx.u
    lead = s.lead
    notes: list[str] = []
    # "our lease is ending" explains a purchase; it does not turn a buyer into a renter
    said = u.text.lower()
    put_right = _PUT_RIGHT.search(said) is not None or any(
        (m[1] != "not" and m[2] == u.lead_intent) or (m[1] == "not" and m[2] == lead.intent)
        for m in _ONE_SIDE.finditer(said))
    settled = lead.intent is not None and s.awaiting not in {"intent", None} and not put_right
    if lead.intent == "buy" and lead.in_service_area and u.lead_intent == "sell" and sells_elsewhere(
            said, ctx.profile):
        u.lead_intent = None  # a buyer here "selling my mom's place in Ohio": the money for this one
    elif lead.intent in {None, "buy"} and lead.location and lead.in_service_area and u.lead_intent in {
            "sell", "both"} and sells_elsewhere(said, ctx.profile):
        # "retiring to Sun City, up in Georgetown" … "we'd be buying, after we sell our place in
        # Houston": a buyer here; the home sold is not ours to sell
        u.lead_intent = "buy"
    sides = {"buy", "sell", "both"}
    if lead.intent in sides and u.lead_intent in sides and u.lead_intent != lead.intent and (
            u.lead_intent == "both" or _BOTH_IN_TURN.search(normalise(u.text).lower) or _SELL_THEN_BUY.search(
                said) or (
                not put_right and (lead.intent == "both" or _ADDED.search(said)))):
        # a buyer who "would have to sell ours first"; "we can talk about the buying side then too";
        # a seller and buyer who later says "buy something bigger in cedar park": both still
        lead.intent = "both"
    elif u.lead_intent and (not settled or (
            # "we're sick of renting. we wanna buy": a renter turned buyer (not "just renting, not
            # in a spot to buy for a few years")
            lead.intent == "rent" and u.lead_intent in sides and not re.search(
                r"\b(?:just|only|still|keep|stay|gonna|going to)(?: be)? rent", said))) and not (
            u.lead_intent == "rent" and lead.intent in {"buy", "sell", "both"}
            and s.awaiting != "intent") and not ("looking" in u.flags and lead.intent is not None):
        # "downsizing after selling the ranch", said of the motivation, keeps a buyer a buyer
        lead.intent = u.lead_intent  # type: ignore[assignment]
    elif lead.intent is None and (u.budget or u.financing in {"pre_approved", "in_progress", "cash",
                                                              "not_started"}):
        lead.intent = "buy"  # a purchase budget or a mortgage says buyer
    elif lead.intent is None and u.appointment_type == "listing_appointment":
        lead.intent = "sell"  # "he says he wants to list it this summer": a home to list is sold
    keeps_home = (lead.in_service_area and lead.intent in {"sell", "both"} and u.location is not None
                  and not u.location[1] and not _THEIR_HOME.search(u.text.lower()))
    # "we need to sell our house in Cedar Park" … "we'll buy up in Dallas with someone there":
    # the home we can sell stays the lead's place; where they move next is not ours to serve
    # "Sun City, up in Georgetown" … "our house in Houston is under contract": a buyer's own home
    # elsewhere is not where they look
    sold_away = (lead.intent == "buy" and lead.in_service_area and u.location is not None
                 and not u.location[1] and ((u.lead_intent in {None, "sell"} and _THEIR_HOME.search(said))
                                            or _SOLD_THERE.search(said)
                                            or sells_elsewhere(said, ctx.profile)))
    # "do you cover Georgetown? and Leander?" asked again with a served area settled: asked, not
    # changed (not "do you guys do Leander? because that's really where I want to be")
    asked_only = bool(lead.location and lead.in_service_area and u.location and not u.location[1]) and (
        u.is_question or "question" in u.flags) and COVERAGE.search(u.text.lower()) is not None and not (
        _WANTS_IT.search(u.text.lower()))
    # "oh and my mom's thinking about listing her place in Georgetown": someone else's home, said
    # after where the caller looks
    theirs = bool(lead.location and u.location and _SOMEONE_ELSES_HOME.search(said))
    # "Round Rock near the campus" … "we're renting in Houston right now, the lease is up end of
    # July": where the buyer lives now, not where they look
    lives_there = bool(lead.location and lead.in_service_area and u.location and not u.location[1]) and (
        re.search(rf"\b(?:renting|rent|leasing|living|live|staying|we'?re|i'?m|currently)\b[^.?!]{{0,25}}"
                  rf"\bin {re.escape(u.location[0].lower())}\b[^.?!]{{0,20}}"
                  rf"\b(?:right now|now|currently|at the moment|for now|these days)\b|"
                  rf"\bcurrently (?:renting |living |staying )?in {re.escape(u.location[0].lower())}\b",
                  said) is not None)
    if u.location and u.location[0] != lead.location and not (
            keeps_home or sold_away or asked_only or theirs or lives_there):
        lead.location, lead.in_service_area = u.location
        key = "location_in_area" if lead.in_service_area else "location_out_of_area"
        notes.append(ctx.replies.say(key, area=lead.location,
                                     areas=say_list(ctx.profile.service_areas, "and")))
    if u.budget and "budget_floor" in u.flags and (s.awaiting == "budget" or lead.intent != "sell"):
        # "bottom of my range is two-fifty": the low end; the top is still to be said
        lead.budget_min = u.budget[1]
        if lead.budget_max is not None and lead.budget_max <= u.budget[1]:
            lead.budget_max = None
    elif u.budget and (s.awaiting == "budget" or lead.intent != "sell"):
        # (a top said after a low end said alone keeps it: "… and the top is three-forty")
        # (a pre-approval up to the top already said keeps the range: "three to three-fifty" …
        # "I'm pre-approved for up to three-fifty")
        low = lead.budget_min if (lead.budget_max is None or (
            u.financing == "pre_approved" and lead.budget_max == u.budget[1])) and u.budget[0] is None and (
            lead.budget_min or 0) < u.budget[1] else u.budget[0]
        lead.budget_min, lead.budget_max = low, u.budget[1]
    # a day said is for the meeting, unless the timeline was asked; "can close in three weeks"
    # dates nothing to book, it says how soon
    # "…we gotta move by june, can we come talk to someone today at three": a meeting days away and
    # a move months away are two things said
    apart = u.date is not None and u.timeline is not None and (
        ((u.date - ctx.today).days <= 21 and (u.timeline[0] >= 1.5
                                               or u.timeline[0] * 30 - (u.date - ctx.today).days > 14))
        or (u.date - ctx.today).days > 60  # "our lease is up in June": a move, not a meeting
        # "my job's transferring me to Denver in six weeks … sell, asap": when they go, no meeting
        or ((u.date - ctx.today).days > 21 and not (u.time or u.appointment_type or "book" in u.flags))
        # "I start at the hospital in Round Rock May first": the day the move is due by
        or re.search(r"\b(?:i|we|she|he) (?:start|begin|report)s?\b|\blease\b", u.text.lower()) is not None)
    if u.timeline and not _names_a_slot(u) and (
            s.awaiting == "timeline" or not (u.date and s.awaiting != "timeline") or apart or (
            _SPAN_AHEAD.search(u.timeline[1]) and not u.appointment_type and "book" not in u.flags)):
        if u.timeline[1] != NO_TIMELINE:
            lead.timeline_months, lead.timeline_text = u.timeline
        elif lead.timeline_months is None:
            # "no rush, whenever the right one comes up": none set, and said (a time given before,
            # "in a couple of years", stands)
            lead.timeline_text = NO_TIMELINE
    elif u.timeline is None and lead.timeline_months is None and _BY_THEN.search(u.text.lower()) and (
            earlier := _timeline_from_earlier(s, ctx)) is not None:
        # "I start January 4th" … "I'd love to be moved in before I start"
        lead.timeline_months, lead.timeline_text = earlier
    elif u.timeline is None and lead.timeline_months is None and lead.timeline_text is None and (
            s.awaiting in {"budget", "financing", "motivation"}) and not (
            u.date and (u.time or u.appointment_type)) and (
            late := extract_timeline(normalise(u.text), ctx.today, expecting=True)) is not None and (
            _A_MONTH.search(u.text.lower())):
        # how soon was asked and not answered; "after it's final. the lawyer says January" to the
        # next question answers it now
        lead.timeline_months, lead.timeline_text = late
    if u.financing:
        lead.financing = u.financing  # type: ignore[assignment]
    elif s.awaiting == "financing" and u.deny:
        lead.financing = "not_started"
    elif (of_it := financing_said_of_it(s, said)) is not None:
        lead.financing = of_it  # type: ignore[assignment]
    elif s.awaiting == "financing" and u.affirm and not _GOING_ALONG.match(said) and not (
            u.date or u.time or u.time_of_day):
        # ("yes, we can come talk with agent. Saturday morning, ten o'clock": a yes to meeting)
        lead.financing = "pre_approved"
    declined = u.deny or "decline" in u.flags
    if u.motivation and s.awaiting in {"motivation", None} | {"timeline", "location", "budget"}:
        lead.motivation = u.motivation
    elif s.awaiting == "motivation" and (declined or u.intent == "unknown" or (
            u.intent in {"objection_busy", "objection_not_interested"} and s.current_agent == AGENT)):
        # "not yet, we'll wait till she's out of school": why they wait is the reason (not a no)
        lead.motivation = "(declined)" if declined and not WAITS.search(said) else u.text[:200]
    if s.awaiting == "budget" and u.budget is None and declined:
        lead.budget_max = 0  # declined: keep going, scored low but not blocking
    absorb_contact(s, ctx)
    return notes


HELP_ANYWAY = re.compile(r"\b(?:help|work with|take|handle)\b[^.?!]{0,20}\b(?:sell|list|buy)\w*|"
                         r"\b(?:can|could|would|will) (?:you|y'?all|you guys) (?:still )?(?:list|sell|take) "
                         r"(?:it|that|the (?:house|place|property))\b")
"""Asked again, told the place is outside the area: "so can y'all help me sell it?"."""

async def run(s: ConversationState, ctx: TurnContext) -> None:
    u = ctx.u
    if s.awaiting == "name" and s.awaiting_agent == AGENT and s.last_ask in {
            "budget_too_low_ask_name", "budget_too_low_name_again", "budget_too_low_name_last",
            "out_of_area_ask_name"}:
        # "Gary Lindqvist" (or none: the note is kept under the number); "in Round Rock, if that's
        # even possible anymore": whatever else the note should hold, kept too
        where = s.lead.location, s.lead.in_service_area
        absorb(s, ctx)
        if s.last_ask == "out_of_area_ask_name" and where[0] and where[0].lower() in u.text.lower():
            # "yeah kyle, like between austin and san marcos": the place closed on, said again, stays
            # the lead's ("it's in Round Rock, off Gattis School Road" is where the house is)
            s.lead.location, s.lead.in_service_area = where
        # "i could maybe do a hundred twenty five but thats really it": the budget, as now said
        if (budget := u.budget or lead_nlu.extract_budget(normalise(u.text), expecting=True)) is not None:
            s.lead.budget_min, s.lead.budget_max = budget
        if u.financing:  # "yeah, I'd be paying cash, it's from my grandma's inheritance"
            s.lead.financing = u.financing  # type: ignore[assignment]
        asked = normalise(u.text).lower
        if s.last_ask == "out_of_area_ask_name" and s.lead.location and "?" in asked and ((COVERAGE.search(
                asked) and (THAT_WAY.search(asked) or s.lead.location.lower() in asked))
                or HELP_ANYWAY.search(asked)):
            # "oh, you don't go out that way? it's not that far": no, said plainly, then goodbye
            ctx.say("location_out_of_area", area=s.lead.location,
                    areas=say_list(ctx.profile.service_areas, "and"))
        if hard_failure(s.lead, ctx.profile.qualification) is None:
            # "my dad says he'll co-sign, so I can go up to one-eighty": no longer under the minimum;
            # the questions go on
            s.lead.status, s.lead.qualified = "new", None
            ask_next(s, ctx)
            return
        if not s.customer.name and not u.deny and (s.last_ask == "budget_too_low_ask_name" or (
                s.last_ask == "out_of_area_ask_name" and u.has_lead_facts)):
            # "and I'd want to be moved in sometime next year": noted, and the name asked once more
            # (not of one out of our area who says goodbye: "alright, I'll find somebody out that way")
            ctx.ask(s, "name", AGENT, "budget_too_low_name_again")
            return
        if not s.customer.name and s.last_ask == "budget_too_low_name_again" and u.has_lead_facts and (
                not u.deny):
            # "four-fifty tops, pre-approved" … "in the next two, three months": more told for the
            # note, the name not yet; asked a last time
            ctx.ask(s, "name", AGENT, "budget_too_low_name_last")
            return
        ctx.say("budget_too_low_noted", name_part=_name_part(s))
        s.awaiting, s.awaiting_agent = None, None
        s.ended = True
        return
    if _leaves_to_call_back(s, u):
        # "okay. I'll talk it over with my husband and call back. thanks": what was told is kept,
        # and the questions stop (the lead is scored on it when the call ends)
        keep_untold(s.lead, u)
        if s.lead.status in {"new", "contacted"}:
            s.lead.status = "nurture"
        ctx.say("lead_calls_back", name_part=_name_part(s))
        s.awaiting, s.awaiting_agent = None, None
        s.ended = True
        return
    if s.awaiting == "offer_appointment" and s.awaiting_agent == AGENT:
        if u.affirm or u.has_booking_facts:
            s.awaiting = None
            ctx.hand_off("scheduling", "qualified lead accepted appointment", s)
            return
        if u.deny:
            absorb_contact(s, ctx)  # "Leonard Szymanski. I don't need to sit down with anybody"
            keep_untold(s.lead, u)  # "oh, no rush. sometime this year": the timeline, kept
            s.lead.status = "nurture"
            ctx.say("nurture", name_part=_name_part(s))
            s.ended = True
            return
    notes = absorb(s, ctx)
    _remember_booking_facts(s, ctx)
    asks_meeting = bool(ctx.u.appointment_type and (ctx.u.date or ctx.u.time or ctx.u.window)) or (
        ctx.u.appointment_type == "property_showing" and "book" in ctx.u.flags | {ctx.u.intent})
    # ("could I see the townhouse you've got listed there?": a showing asked, its day asked next)
    meeting = (asks_meeting or _names_a_slot(ctx.u)) and hard_failure(
        s.lead, ctx.profile.qualification) is None
    # "could we meet on a Sunday?": not that day, said now (the booking says so itself when it goes on)
    if not meeting and (closed := closed_on_day_named(s, ctx)) is not None:
        notes.append(closed)
    if s.lead.intent == "rent":
        ctx.add(" ".join(notes))
        # (said once already, and not asked about again: "her name's Grace Liang. okay")
        again = s.last_ask == "rent_redirect" and not ctx.u.is_question
        ctx.ask(s, "anything_else", "greeting", "anything_else" if again else "rent_redirect")
        return
    for note in notes:
        ctx.add(note)
    if meeting:
        # "let's have someone come look at it then. wednesday afternoon, two?", "tuesday at two if
        # you have it": the caller asks for the meeting, day and all; the rest is learned there
        if not s.booking_slots.appointment_type:
            # (selling and buying: the side the meeting is asked about, "somebody telling us what
            # our place is worth … could someone come by Saturday?")
            s.booking_slots.appointment_type = lead_side.meeting_for(s, ctx.u, ctx.profile)
        ctx.hand_off("scheduling", "the caller asked for a meeting", s)
        return
    if s.awaiting == "confirm_booking" and s.booking_slots.appointment_type and (
            s.booking_slots.preferred_date and hard_failure(s.lead, ctx.profile.qualification) is None):
        # "we're hoping to list within the next month or two" to the read back: noted, and the
        # visit read back again (the rest is learned there)
        ctx.hand_off("scheduling", "the read back, asked again after what was told", s)
        return
    ask_next(s, ctx)


def hard_failure(lead: LeadInfo, policy: QualificationPolicy) -> str | None:
    """The hard criterion this lead fails, if any: such a lead is never qualified or booked."""
    if policy.in_area_required and lead.in_service_area is False:
        return "out_of_area"
    if (policy.min_budget and lead.intent in {"buy", "both"} and lead.budget_max
            and lead.budget_max < policy.min_budget):
        return "budget_too_low"
    return None


def enforce_hard_criteria(s: ConversationState, policy: QualificationPolicy) -> None:
    """A lead learned (at any point) to fail a hard criterion is not qualified, whatever was
    decided before: checked after every turn."""
    if s.lead.qualified and hard_failure(s.lead, policy):
        s.lead.qualified = False
        if s.lead.status == "qualified":
            s.lead.status = "nurture"


def decide(s: ConversationState, ctx: TurnContext, *, known_only: bool = False) -> bool:
    """Score the lead on what is known and record the verdict (hard criteria first). A lead who
    books a meeting or asks an agent to call is scored on what they said (``known_only``): what
    was never asked counts neither way."""
    return verdict(s.lead, ctx.profile.qualification, ctx.settings.qualification_threshold,
                   known_only=known_only)


def verdict(lead: LeadInfo, policy: QualificationPolicy, threshold: float, *,
            known_only: bool = False) -> bool:
    """Score ``lead`` and record whether it qualifies (hard criteria first)."""
    lead.factors = factor_scores(lead)
    weights = policy.weights
    if known_only:
        weights = {f: w for f, w in weights.items() if known(lead, f)}
    lead.score = score(lead, weights)
    lead.qualified = hard_failure(lead, policy) is None and lead.score >= threshold
    return lead.qualified


_GOING_ALONG = re.compile(r"\W*(?:sure|ok(?:ay)?|alright|all right|cool|sounds good)\W+\w+")
"""A yes that goes along with the call and goes on to something else ("sure, can I meet with
somebody on my lunch break?"), no answer to whether a lender has said yes."""


def keep_untold(lead: LeadInfo, u: Understanding) -> None:
    """The lead's facts said in a message no agent took them from (a question about the fee, a
    "let me talk it over"), kept where nothing is known yet; nothing is asked about them."""
    if lead.intent is None and u.lead_intent in {"buy", "sell", "both"}:
        lead.intent = u.lead_intent  # type: ignore[assignment]
    if lead.location is None and u.location is not None:
        lead.location, lead.in_service_area = u.location
    if lead.budget_max is None and u.budget is not None and lead.intent != "sell":
        lead.budget_min, lead.budget_max = u.budget
    if lead.financing is None and u.financing is not None:
        lead.financing = u.financing  # type: ignore[assignment]
    if lead.timeline_months is None and u.timeline is not None:
        lead.timeline_months, lead.timeline_text = u.timeline


_CALLS_US_BACK = re.compile(r"\b(?:i'?ll|we'?ll|i will|we will|(?:i'?m|we'?re) (?:gonna|going to)|"
                            r"(?:i|we) (?:can|could|might|may)|maybe)(?: \w+){0,8}? (?:call (?:you |y'?all )?"
                            r"(?:back|again)|give (?:you|y'?all) a (?:call|ring)|"
                            r"get back (?:to|with) (?:you|y'?all)|"
                            r"reach (?:back )?out)\b")
"""The caller will ring us when ready ("I'll talk it over with my husband and call back")."""


def _leaves_to_call_back(s: ConversationState, u: Understanding) -> bool:
    """A lead who says they will call back when ready, and gives nothing more to note or book."""
    return ("defers" in u.flags and s.awaiting in {*_QUESTIONS, "anything_else", "offer_appointment"}
            and _CALLS_US_BACK.search(u.text.lower()) is not None and not u.is_question and not (
                u.budget or u.location or u.timeline or u.financing or u.has_booking_facts
                or u.has_contact_facts or u.acts))


def score_on_leaving(s: ConversationState, policy: QualificationPolicy, threshold: float) -> None:
    """A lead who leaves before the last questions ("not just yet, I'll call back when we're
    closer") is scored on what they told, once where, when and (buying) how much are known."""
    lead = s.lead
    if lead.qualified is None and lead.intent in {"buy", "sell", "both"} and lead.status not in {
            "lost", "do_not_call"} and not lead.do_not_call and known(lead, "location") and (
            known(lead, "timeline")) and (lead.intent == "sell" or known(lead, "budget")):
        verdict(lead, policy, threshold, known_only=True)


def _close_unqualified(s: ConversationState, ctx: TurnContext, failure: str, *,
                       ask_name: bool = True) -> None:
    lead = s.lead
    lead.factors = factor_scores(lead)
    lead.score = score(lead, ctx.profile.qualification.weights)
    lead.qualified = False
    lead.status = "nurture" if failure == "budget_too_low" else "lost"
    if failure == "out_of_area" and (told := ctx.replies.say(
            "location_out_of_area", area=lead.location, areas=say_list(ctx.profile.service_areas, "and"))
    ) in ctx.reply_parts:
        ctx.reply_parts.remove(told)  # what the close says in full is not said twice in one breath
    if failure == "out_of_area" and not s.customer.name and ask_name:
        # the call is noted under a name, asked once; then the close
        ctx.ask(s, "name", AGENT, "out_of_area_ask_name", area=lead.location,
                areas=say_list(ctx.profile.service_areas, "and"))
        return
    if failure == "out_of_area":
        ctx.say("out_of_area_close_outbound" if s.direction == "outbound" else "out_of_area_close",
                area=lead.location, areas=say_list(ctx.profile.service_areas, "and"), name_part=_name_part(s))
    elif not s.customer.name:
        # a note kept "in case anything changes" is kept under a name: asked once, then the close
        ctx.ask(s, "name", AGENT, "budget_too_low_ask_name",
                minimum=say_money(ctx.profile.qualification.min_budget or 0))
        return
    else:
        ctx.say("budget_too_low_close", name_part=_name_part(s),
                minimum=say_money(ctx.profile.qualification.min_budget or 0))
    s.awaiting, s.awaiting_agent = None, None
    s.ended = True


def financing_said_of_it(s: ConversationState, said: str) -> str | None:
    """Where the caller stands with a loan just talked of, said as "that": told how pre-approval
    works (or asking it: "… we have to get approved at a bank first? is that true?"), "no, we
    haven't started any of that yet" or "good, because I'm still working on that"."""
    if s.lead.financing is not None or not any(
            (_LOAN_TOLD if m.role == "assistant" else _LOAN_ASKED).search(m.content.lower())
            for m in s.messages[-3:]):
        return None
    if _NONE_OF_THAT.search(said):
        return "not_started"
    return "in_progress" if _UNDER_WAY_THAT.search(said) else None


_UNDER_WAY_THAT = re.compile(r"\b(?:still |currently |already )?(?:working on|in the middle of|"
                             r"in the process of|applying for|waiting on|waiting for) "
                             r"(?:it|that|one|the letter)\b")
"""Where the caller stands with a pre-approval just talked of ("good, because I'm still working on that")."""
_NONE_OF_THAT = re.compile(r"\b(?:haven'?t|havent|have not|not|didn'?t|never)\b[^.?!]{0,12}"
                           r"\b(?:started|done|begun|gotten|looked into|touched)\b[^.?!]{0,6}"
                           r"\b(?:any of )?(?:that|this|it|those)\b")
_LOAN_TOLD = re.compile(r"\bpre-?approv|\blender")
"""What the agent just said of a loan, which "none of that" answers."""
_LOAN_ASKED = re.compile(r"\b(?:pre-?approv\w*|approved|lender|mortgage|loan)\b")
"""What the caller asked of a loan a moment ago, which their own "none of that" answers."""


_ANOTHER_HOME = re.compile(r"\b(?:listing(?! (?:ours|our|my|it|the (?:house|home|place)|appointment))|"
                           r"(?<!\bit )(?<!ours )listed|for sale|on the market|the one on|that one|one of "
                           r"your|your (?:house|home|place|property)|buy|buying|open house|"
                           # "my daughter wants to look at a condo downtown, could we set up a showing"
                           r"(?:my|our) (?:daughter|son|kids?|mom|mother|dad|father|sister|brother|friend|"
                           r"parents) (?:wants?|needs?|would like|is looking)|"
                           r"an? (?:condo|house|home|place|townhouse|townhome|duplex) "
                           r"(?:downtown|in|on|near|over|by|off))\b")
"""A home the caller does not own: one for sale, one of ours."""


_SPAN_AHEAD = re.compile(r"\b(?:days?|weeks?|months?|years?)\b")


def appointment_type_for(s: ConversationState, u: Understanding) -> str | None:
    """The kind of meeting the caller asks for. A seller who asks someone to "come look at it"
    or "come to see it" wants their own home seen: a listing appointment, not a showing."""
    if u.appointment_type == "property_showing" and (u.lead_intent or s.lead.intent) == "sell":
        if not _ANOTHER_HOME.search(u.text.lower()):
            return "listing_appointment"
        # "I'll need somewhere to go … that two-bedroom in Sun City, I'd like to see that one": a
        # seller who goes to see another home buys one too
        s.lead.intent = "both"
    if u.appointment_type == "buyer_consultation" and (u.lead_intent or s.lead.intent) == "sell" and not (
            re.search(r"\b(?:buy|buyer|buying|bought|purchas\w*|instead|rather|first|consult\w*|sit down)\b",
                      u.text.lower())):
        # "… put it under me, I'll meet your agent there": a seller meeting an agent, in words
        # that say nothing of buying, meets them about the sale
        return "listing_appointment"
    return u.appointment_type


def _names_a_slot(u: Understanding) -> bool:
    """A day and a clock time or part of the day, said as such ("Monday works, so twelve
    thirty?", "what do you have Saturday morning?"): a meeting asked for, never a moving
    timeline (nor is "he can skip golf one week" said with it)."""
    # ("a week from today … half past one": the day itself, no timeline; "get the house on the
    # market asap … can somebody come by today like four": both said)
    # ("Saturday would be best. Any time after three": a day and the hours it is open to)
    return u.date is not None and (u.time or u.time_of_day or u.window) is not None and (
        u.timeline is None or u.timeline[0] < 1) and not (
        u.timeline is not None and re.search(
            r"as soon as possible|end of|summer|fall|spring|winter|month|year", u.timeline[1]))


_MEETING_ASKED = re.compile(r"\b(?:meet|come in|come by|sit down|appointment|consultation|showing|"
                            r"see (?:it|the|a|one|that))\b")


def closed_on_day_named(s: ConversationState, ctx: TurnContext) -> str | None:
    """The day kept for the meeting, when the office is closed that day: forgotten, and what to
    say about it ("We're closed on Sundays.")."""
    slots = s.booking_slots
    kind = slots.appointment_type or (
        "listing_appointment" if s.lead.intent == "sell" else "buyer_consultation")
    appt = ctx.profile.appointment_type(kind)
    if ctx.u.date is None or appt is None or not (
            slots.preferred_date == ctx.u.date.isoformat() or _MEETING_ASKED.search(ctx.u.text.lower())):
        return None
    department = ctx.profile.departments[appt.department]
    day = ctx.u.date
    if ctx.profile.hours_on(department, day) is not None:
        return None
    if slots.preferred_date == day.isoformat():
        slots.preferred_date = slots.preferred_time = None
    key, values = closed_reply(ctx.profile, department, day)
    return ctx.replies.say(f"{key}_note", weekday=f"{day:%A}", on_date=say_on_date(day, ctx.today), **values)


def _remember_booking_facts(s: ConversationState, ctx: TurnContext) -> None:
    """A day or time said while talking about the move ("maybe on the 3rd, around two") is
    kept for the appointment, so the caller is not asked for it again."""
    u = ctx.u
    slots = s.booking_slots
    if u.appointment_type:  # "can someone come look at ours?": the kind of meeting, whenever said
        slots.appointment_type = appointment_type_for(s, u)
    if (s.awaiting in {"timeline"} or u.timeline) and not (u.appointment_type or _names_a_slot(u)):
        return  # "by March" is when they move, not when they meet
    if u.date:
        slots.preferred_date = u.date.isoformat()
    if u.time:
        slots.preferred_time = u.time.strftime("%H:%M")
    if u.window:
        slots.window_start = u.window.start.strftime("%H:%M")
        slots.window_end = u.window.end.strftime("%H:%M")


def ask_next(s: ConversationState, ctx: TurnContext) -> None:
    """Ask the next unknown factor, or decide when all applicable ones are known. A lead that
    fails a hard criterion (a place we don't serve, a budget under the minimum) is told so
    and never qualified; a buyer out of area is first asked whether a served area would do."""
    lead = s.lead
    failure = hard_failure(lead, ctx.profile.qualification)
    u = ctx.understanding
    if failure == "out_of_area" and lead.intent != "sell":
        if not s.objection_counts.get("out_of_area"):
            s.objection_counts["out_of_area"] = 1
            ctx.ask(s, "location", AGENT, "ask_location_other")
            return
        if s.last_ask == "ask_location_other" and u is not None and (u.deny or u.location):
            _close_unqualified(s, ctx, failure)  # "no, it has to be Leander"
            return
        if s.last_ask == "ask_location_other" and u is not None and not u.has_lead_facts and lead.intent and (
                {"done_with_it", "thanks"} & u.flags or u.intent == "goodbye"):
            # "oh, okay. no worries, thanks for letting me know": they are leaving; no name pressed
            _close_unqualified(s, ctx, failure, ask_name=False)
            return
    elif failure:
        _close_unqualified(s, ctx, failure)
        return
    for factor in applicable(lead):
        if not known(lead, factor):
            _ask(s, ctx, factor)
            return
    if failure:
        _close_unqualified(s, ctx, failure)
        return
    qualified = decide(s, ctx)
    if qualified and s.booking_slots.appointment_type and s.booking_slots.preferred_date:
        # qualified while a visit is already being booked ("… a showing saturday at ten" read
        # back, then "we're pre-approved up to three seventy five"): that visit goes on
        lead.status = "qualified"
        ctx.hand_off("scheduling", "a visit is being booked already", s)
    elif qualified:
        lead.status = "qualified"
        # (the visit asked about earlier in the call, on the lead's own side: "if I book a showing,
        # how long does that take?")
        asked = lead_side.visit_asked_about(s, ctx.profile)
        appt_key = "listing_appointment" if lead.intent == "sell" else "buyer_consultation"
        if asked is not None and (asked == "listing_appointment") == (lead.intent == "sell"):
            appt_key = asked
        s.booking_slots.appointment_type = appt_key
        label = ctx.profile.appointment_type(appt_key)
        ctx.ask(s, "offer_appointment", AGENT, "qualified_offer", name_part=_name_part(s),
                appointment=label.label if label else "consultation")
    elif s.booking_slots.appointment_type:
        # an early lead who asked for a meeting ("could I sit down with somebody about it?") is
        # booked, not sent away: the agent learns the rest at the meeting
        lead.status = "nurture"
        ctx.hand_off("scheduling", "the caller asked for a meeting", s)
    else:
        lead.status = "nurture"
        ctx.say("nurture", name_part=_name_part(s))
        s.awaiting = None
        s.ended = True


_ASK_KEYS = {"intent": ("ask_lead_intent",), "location": ("ask_location", "ask_location_sell"),
             "timeline": ("ask_timeline",), "budget": ("ask_budget",),
             "financing": ("ask_financing",), "motivation": ("ask_motivation",)}


def _ask(s: ConversationState, ctx: TurnContext, factor: str) -> None:
    lead = s.lead
    u = ctx.understanding
    # ("I don't know what I can afford. Maybe two-fifty?", asked how soon: the price was the
    # answer, and how soon is still to ask)
    unsure = u is not None and s.awaiting == factor and ("flexible" in u.flags
                                                          or "decline" in u.flags) and not u.has_lead_facts
    # (a question of the caller's answered instead, "we haven't done a pre-approval yet — how long
    # does that take?", is no failed attempt: asked again after it)
    if (s.last_ask in _ASK_KEYS[factor] and (s.ask_repeats >= 1 or unsure) and not (
            ctx.aside_answered and not unsure)) or (unsure and factor != "intent"):
        # Asked twice, or "I'm not sure": move on rather than ask a third time.
        lead.declined.append(factor)
        ask_next(s, ctx)
        return
    if factor == "intent":
        ctx.ask(s, "intent", AGENT, "ask_lead_intent")
    elif factor == "location":
        key = "ask_location_sell" if lead.intent == "sell" else "ask_location"
        ctx.ask(s, "location", AGENT, key, areas=say_list(ctx.profile.service_areas, "and"))
    elif factor == "timeline":
        ctx.ask(s, "timeline", AGENT, "ask_timeline",
                move="sell" if lead.intent == "sell" else "buy")
    else:
        ctx.ask(s, factor, AGENT, f"ask_{factor}")


def _name_part(s: ConversationState) -> str:
    return f", {s.customer.name.split()[0]}" if s.customer.name else ""


def in_progress(s: ConversationState) -> bool:
    return s.lead.intent is not None and s.lead.qualified is None and not s.ended
