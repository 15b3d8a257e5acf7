"""Appointments agent: an appointment the caller already has — when is it, cancel it, move it.

It is found by the caller's number (caller ID, or a number the caller gives when there is none
or nothing is under it); of several, the caller says which. Nothing is changed before the caller
has heard which appointment it is (service, day and time) and said yes. A move takes the new
day and time the way a booking does — the same availability rules and offers, with the
appointment's own old slot left out of the count — and the calendar re-checks capacity when it
writes the move, releasing the old slot. "Actually, keep it" keeps it.
"""

from __future__ import annotations

import functools
import re
from datetime import date, datetime, time, timedelta

from frontdesk.brain.agents import both_plan, desk_calls, move_target, qualification
from frontdesk.brain.agents.appointment_words import (
    _CLOSING_NO,
    _GO_AHEAD,
    _NO_NEW_ONE,
    _SWITCH_TO_CANCEL,
    _WHY_IT_GOES,
    ACTIONS,
    ANOTHER_ONE,
    CANCEL_EVERY,
    CANCEL_THAT_FIRST,
    LATER_OR_EARLIER,
    MOVE_EVERY,
    SAME_HOUR,
    SAME_SLOT,
    STANDS,
    _fits,
    _keeps,
    _narrow,
    _narrowing,
    _said_last,
    booking_after,
    said_to_stand,
    switched_to,
    without_the_ones_kept,
)
from frontdesk.brain.agents.booking_said import as_state, describe
from frontdesk.brain.agents.booking_said import count as _count
from frontdesk.brain.agents.booking_said import facts as _facts
from frontdesk.brain.agents.booking_said import listed as _listed
from frontdesk.brain.agents.booking_said import start_of as _start
from frontdesk.brain.agents.cancel_read_back import CANCEL_ASKED_IN_CALL, no_to_something_else
from frontdesk.brain.agents.change_queue import (
    a_plan_for_each,
    ask_cancel,
    cancel_instead,
    first_of_every,
    for_the_next_one,
    next_queued,
    other_change,
    queued_target_said,
    yes_while_another_stays,
)
from frontdesk.brain.agents.move_offers import bounds, off_its_own_day, offer, offer_day, offer_earliest
from frontdesk.brain.agents.move_target import YES_AND_HOUR as _YES_AND_HOUR
from frontdesk.brain.agents.move_target import chosen_one as _chosen
from frontdesk.brain.agents.move_target import nearer_its_day, only_its_weekday
from frontdesk.brain.agents.move_target import said_back as _said_back
from frontdesk.brain.agents.move_target import set_target as _set_target
from frontdesk.brain.agents.move_target import told_one as _told
from frontdesk.brain.agents.move_target import wanted as _wanted
from frontdesk.brain.agents.offered import pick_offered
from frontdesk.brain.availability import AvailabilityCalendar, refusal_reply
from frontdesk.brain.context import TurnContext
from frontdesk.brain.format import say_phone, say_slot, say_time
from frontdesk.brain.nlu import clock, understand
from frontdesk.brain.nlu import entities as ex
from frontdesk.brain.nlu.change import When, split_change
from frontdesk.brain.nlu.cues import ALL_OF_THEM, AND_ALSO, DEFERS, NO_LONGER_NEEDED, NOT_CANCELLED
from frontdesk.brain.nlu.on_file import SOONER
from frontdesk.brain.nlu.relative import A_WEEK_ON, DAYS_ON, RELATIVE_MOVE, SHIFT
from frontdesk.brain.nlu.text import normalise
from frontdesk.brain.nlu.understand import ADD_ON
from frontdesk.brain.nlu.understanding import KEEP_IT
from frontdesk.brain.nlu.when import WEEKDAY, relative_to
from frontdesk.brain.ports import AppointmentNotFoundError, SlotUnavailableError
from frontdesk.brain.state import AgentName, Appointment, ConversationState

AGENT = "appointments"


async def run(s: ConversationState, ctx: TurnContext) -> None:
    """One turn about an existing appointment."""
    desk = s.desk
    u = ctx.u
    if ctx.resuming:
        await _go_on(s, ctx, When())
        return
    if u.name and not s.customer.name:
        s.customer.name = u.name  # "hi there, Owen Fitzgerald. the showing's booked under my cell"
    if u.name and ctx.more_acts and s.awaiting == "confirm_change" and not (
            u.affirm or u.deny or u.date or u.time or u.services or u.appointment_type):
        return  # "that's it. Renata Salazar, if you need it": the name taken; the yes is the next act
    if ctx.profile.kind == "real_estate" and (u.financing or u.budget or u.timeline or u.location):
        # "we already know what we want, we been preapproved … so can we just cancel that": the
        # lead's facts are kept, whatever the call is about
        qualification.absorb(s, ctx)
    mine = s.awaiting_agent == AGENT and s.awaiting is not None
    action = ACTIONS.get(u.intent)
    if action is None and mine and s.awaiting == "which_appointment" and re.search(
            r"(?<!n't )(?<!not )\bcancel\b", u.text.lower()):
        action, u.intent = "cancel", "cancel"  # "yes, cancel the nine thirty. keep the ten": which, and what
    if action in {"cancel", "move"} and not mine:
        # "I need to cancel it — actually, wait, don't cancel it. can I just push it a week?": the
        # last thing asked is what is asked
        action = _said_last(u.text.lower(), action)
        u.intent = next(k for k, v in ACTIONS.items() if v == action)
    if action == "cancel" and desk.last_done("cancelled") and desk.result is not None and not (
            u.date or u.time or mine or (u.services and desk.result.service_type not in u.services)):
        # ("yeah just the battery one cancel it", the battery just cancelled: that one, again)
        # "yes, cancel please, thank you" right after it was cancelled: it is, said again
        ctx.say("appt_still_cancelled", **_facts(desk.result, ctx))
        _drop(s, ctx, None)
        return
    if "unsure_of_it" in u.flags and action is None and (told := _told(s)) is not None:
        desk.chosen = told.id  # "I'm not ready, the house isn't ready": move it, or cancel it?
        ctx.ask(s, "move_or_cancel", AGENT, "appt_move_or_cancel", **_facts(told, ctx))
        return
    if mine and s.awaiting == "confirm_change" and cancel_instead(desk, u.text, _chosen(s), ctx):
        await _cancel(s, ctx)  # "yes, cancel the nine thirty. keep the ten" to its move read back
        return
    # ("… could we bump it to five? And is y'all's office open Saturday too?": not the move's day)
    own = functools.reduce(lambda text, a: text.replace(a.text, " ") if "aside" in a.flags else text,
                           u.acts, u.text)
    current, target = split_change(without_the_ones_kept(own, desk.found or s.on_file or [], _chosen(s), ctx),
                                   ctx.today)
    if action == "cancel" and not mine and target.given and not (current.date and target.date):  # "the ten"
        current, target = When(current.date or target.date, current.time or target.time), When()
    if mine and s.awaiting == "confirm_change" and desk.action == "cancel" and action == "move" and (
            u.date or u.time) and (chosen := _chosen(s)) and NOT_CANCELLED.search(u.text.lower()) and (
            _fits(chosen, When(u.date, u.time))) and not re.search(
            r"\b(?:move|push|bump|slide|switch|reschedul\w*|instead|after|before)\b", u.text.lower()):
        _keep(s, ctx)  # "… so don't cancel it. We'll be there Friday at one": as it is
        return
    if not (mine and s.awaiting in {"confirm_change", "phone", "offer_callback"}) and (
            await both_plan.planned(s, ctx)):
        await _go_on(s, ctx, When())  # "can you flip those?", "push both back an hour": a plan for both
        return
    if "latest" in u.flags:
        desk.latest = True  # "what's the latest you got tomorrow, I get off at five"
    desk.sooner = desk.sooner or (action == "move" and SOONER.search(u.text.lower()) is not None)
    if u.date and desk.new_date == u.date.isoformat():
        for said in (current, target):  # "yes, Tuesday at ten" to next Tuesday read back: that one
            if said.date and said.date != u.date and said.date.weekday() == u.date.weekday():
                said.date = u.date
    if action == "move" and not target.given and current.given and s.awaiting == "anything_else" and (
            desk.last_done("told")) and not SHIFT.search(u.text.lower()):  # ("one o'clock, an hour later")
        current, target = When(), current  # told when it is, "can it go later, say half past four?"
    elif action == "move" and not target.given and current.given and s.on_file and not any(
            _fits(b, current) for b in s.on_file):
        current, target = When(), current  # "I'm not gonna make eleven, is one o'clock possible": one
    elif mine and s.awaiting == "confirm_change" and desk.action == "move" and action is None and (
            not target.given and current.date and (chosen := _chosen(s)) is not None) and not (
            _fits(chosen, current)) and not ctx.reply_parts:  # (the read back heard, not just said)
        current, target = When(), current  # "actually, scratch that — Friday at six would be better"
    if mine and s.awaiting == "confirm_change" and desk.action == "move" and desk.new_time and any(
            q.startswith("cancel ") for q in desk.queued) and re.search(r"\bcancel\b", own.lower()) and (
            u.time is not None and u.time.strftime("%H:%M") == desk.new_time):
        # "yes, cancel tomorrow, and the showing friday at five thirty": a yes to both, the day said
        # of the cancel no new day for the move
        u.affirm, u.deny, u.date, current, target = True, False, None, When(), When()
    elif mine and s.awaiting == "confirm_change" and desk.action in {"cancel", "move"} and len(
            desk.found) > 1 and (chosen := _chosen(s)) is not None and (
            other := switched_to(own, desk.found, chosen, ctx)):
        # "yeah cancel the showing but keep saturday" to the consultation's cancel: the showing
        desk.chosen, desk.new_date, desk.new_time, desk.offered = other.id, None, None, []
        s.last_ask = None
        await _go_on(s, ctx, When() if desk.action == "cancel" else target)
        return
    keep = _keeps(u.text.lower(), desk.action) and action != "move" and not target.given and not (
        action == "cancel" and desk.action == "move" and _SWITCH_TO_CANCEL.search(u.text.lower()))
    # ("… stays, just the detail", "just the twelve o'clock keep the eleven": "just …" does not stand)
    others = re.sub(r"\b(?:just|only) [\w' ]+?(?=\s+(?:keep|leave|but|and)\b|$)", " ", u.text.lower())
    if (keep or u.deny or STANDS.search(u.text.lower())) and mine and {"cancel", "move"} & {
            desk.action, action} and (chosen := _chosen(s)) is not None and len(
            desk.found) > 1 and (kept := said_to_stand(others, desk.found, ctx)) and chosen not in kept:
        # "no no the friday one stays, just the detail" to the detail's cancel, "no, leave the detail
        # where it is, just the tires" to the tires' move: another one stands
        keep = False
        u.affirm, u.deny = True, False
    if keep and (chosen := _chosen(s)) is not None and u.services and chosen.service_type not in u.services:
        keep = False  # "keep the oil change, yeah" while the detail's cancel is read back: yes to that
        u.affirm = u.affirm or bool(re.search(r"\b(?:yeah|yes|yep|yup|sure|right|correct)\b", u.text.lower()))
    if keep and mine and s.awaiting == "confirm_change" and yes_while_another_stays(
            desk, u.text.lower(), u.time):
        keep, u.affirm, u.deny = False, True, False  # "yep saturday at ten for the civic, mine stays"
    if keep and (chosen := _chosen(s)) is not None and u.time and u.time.strftime("%H:%M") != (
            chosen.scheduled_time) and LATER_OR_EARLIER.search(u.text.lower()):
        keep = False  # "just leave it on Thursday — but can it be later in the day? like one?"
    if keep and desk.action in {"cancel", "move"} and _chosen(s) is not None:
        _keep(s, ctx)
        return
    if mine and s.awaiting in {"date", "pick_alternative"} and (plan := a_plan_for_each(s, ctx, action)):
        action, u.intent = plan, "cancel" if plan == "cancel" else "reschedule"
        mine, desk.chosen, desk.every = False, None, False  # read as if asked afresh
    if action is not None and not (mine and s.awaiting == "confirm_change" and action == desk.action
                                   and (not target.given or action == "cancel")):
        # ("can you cancel it? I won't know my schedule until Monday" to the cancel read back: a yes)
        if action != desk.action or not mine:
            desk.new_date, desk.new_time, desk.offered, desk.kept = None, None, [], False
        desk.action = action  # type: ignore[assignment]
        kept = said_to_stand(u.text, desk.found, ctx)  # "the consultation's fine. the showing though, …"
        every_one = action == "cancel" and len(desk.found) > 1 and CANCEL_EVERY.search(u.text.lower())
        # ("can you cancel everything we have?" while one was being moved: every one)
        desk.chosen = None if _chosen(s) in kept or every_one else desk.chosen
        # ("move both … the Civic's oil change stays": one moves; "both to the afternoon": each its own)
        desk.every = action == "move" and not mine and bool(MOVE_EVERY.search(u.text.lower())) and not (
            STANDS.search(u.text.lower()) or (target.part and not (target.date or target.time)))
        if action in {"move", "cancel"} and not mine:
            desk.queued = other_change(u.text, action, ctx, s)
            desk.then_book = booking_after(u.text, ctx, action)
            if desk.then_book and action == "move" and desk.then_book in u.text:
                # the day and hour asked for the next visit are not the move's
                current, target = split_change(without_the_ones_kept(
                    u.text.replace(desk.then_book, " "), desk.found, _chosen(s), ctx), ctx.today)
        shift = action == "move" and bool(SHIFT.search(u.text.lower()) or DAYS_ON.search(u.text.lower())
                                          or A_WEEK_ON.search(u.text.lower()))
        if shift and _chosen(s) is None and (told := _told(s)) is not None and told not in kept:
            desk.chosen = told.id  # told when it is: "can we do it an hour earlier instead"
        if action == "cancel" and _chosen(s) is None and (told := _told(s)) is not None and (
                CANCEL_THAT_FIRST.match(u.text.lower())):
            # told of Monday's diagnostic: "so you can cancel that one. but I also got an oil change
            # Wednesday, could that one go in the Monday spot?": the one told goes; the other moves
            desk.chosen = told.id
        if action == "move" and not mine and (pairs := move_target.each_its_own(
                u.text, desk.found, ctx, move_target.that_day_said(s, u.text, ctx))):
            # "move them both to the 30th? the house one at ten and the buying meeting at noon"
            first, new = pairs[0]
            desk.chosen, desk.every, current = first.id, False, When()
            desk.queued = move_target.queued_moves(pairs[1:])
            _set_target(s, new)
        elif action == "move" and (target.given or (shift and _chosen(s) is not None)):
            _set_target(s, _wanted(s, ctx, When(), target))
        elif action == "move" and mine and s.awaiting in {"date", "pick_alternative", "move_or_cancel"}:
            _set_target(s, current)  # "can we do Friday?" when the new day was asked for
            current = When()
        if u.phone and u.phone not in desk.searched:
            desk.found, desk.chosen = [], None  # "it's under my wife's number, 512…"
        await _go_on(s, ctx, current)
        return
    if not mine:
        await _go_on(s, ctx, current)
        return
    if s.awaiting in {"phone", "offer_callback"}:
        await _answer_phone(s, ctx)
    elif s.awaiting == "which_appointment":
        await _answer_which(s, ctx, current, target)
    elif s.awaiting == "confirm_change":
        await _answer_confirm(s, ctx, current, target)
    elif s.awaiting == "move_or_cancel":
        await _answer_move_or_cancel(s, ctx, current, target)
    else:  # "date" or "pick_alternative": the new time of a move
        await _answer_new_time(s, ctx, current, target)


async def _answer_move_or_cancel(s: ConversationState, ctx: TurnContext, current: When,
                                 target: When) -> None:
    """Asked whether to move or cancel: a new day or time is a move, a no keeps it."""
    u = ctx.u
    wanted = _wanted(s, ctx, current, target)
    told = _chosen(s)
    if wanted.given and told is not None:
        s.desk.action = "move"
        _set_target(s, wanted)  # "could you make it the same time next week?"
        await _go_on(s, ctx, When())
    elif (u.deny and not u.affirm) or _keeps(u.text.lower(), s.desk.action) or told is None:
        _keep(s, ctx)
    else:
        ctx.ask(s, "move_or_cancel", AGENT, "appt_move_or_cancel", **_facts(told, ctx))


async def _answer_phone(s: ConversationState, ctx: TurnContext) -> None:
    u = ctx.u
    if not u.phone and (u.date or u.time) and (u.intent == "book" or "book" in u.flags):
        # none found: "huh, there's nothing. well can you just put us down then, thursday the
        # fifteenth at six": a booking of its own, of the kind looked for
        if not (u.appointment_type or s.booking_slots.appointment_type):
            s.booking_slots.appointment_type = next((
                kind for m in reversed(s.messages) if m.role == "user"
                and (kind := ex.extract_appointment_type(normalise(m.content), ctx.profile))), None)
        _drop(s, ctx, None, then="scheduling")
        return
    if u.phone:
        s.desk.found, s.desk.chosen = [], None
        await _go_on(s, ctx, When())
    elif s.desk.searched and desk_calls.wants_callback(ctx):
        desk_calls.to_callback(s, ctx)
    elif u.deny or _keeps(u.text.lower(), s.desk.action):
        _drop(s, ctx, "callback_declined")
    elif not s.desk.searched:
        ctx.ask(s, "phone", AGENT, "appt_ask_phone")
    else:
        ctx.ask(s, "offer_callback", AGENT, "appt_not_found", phone=say_phone(s.desk.searched[-1]))


async def _answer_which(s: ConversationState, ctx: TurnContext, current: When, target: When) -> None:
    u = ctx.u
    if u.deny and not _narrowing(ctx, current):
        _drop(s, ctx, "callback_declined")
        return
    if u.vehicle and len(picked := move_target.car_answered(s.desk.found, u.text, ctx)) == 1:
        s.desk.chosen = picked[0].id
    elif s.desk.action == "move" and (kept := said_to_stand(u.text, s.desk.found, ctx)) and len(
            others := [a for a in s.desk.found if a not in kept]) == 1:
        s.desk.chosen = others[0].id  # "the ten stays where it is. just the eleven goes to one"
        if s.desk.action == "move" and target.given:
            _set_target(s, _wanted(s, ctx, When(), target))
    if s.desk.action == "move" and (pairs := move_target.paired_moves(s.desk.found, u.text)):
        await _plan_move(s, ctx, move_target.take_pairs(s.desk, pairs))  # "the 9:30 to two, 10:30 to 3"
        return
    if s.desk.action == "move" and ALL_OF_THEM.search(u.text.lower()) and s.desk.found:
        # "yes, both cars Tuesday at five": every one, by as much as the first moves
        s.desk.every, s.desk.chosen = True, s.desk.found[0].id
        if current.given and not (s.desk.new_date or s.desk.new_time):
            _set_target(s, _wanted(s, ctx, When(), current))
        current = When()
    await _go_on(s, ctx, current)


async def _answer_confirm(s: ConversationState, ctx: TurnContext, current: When,
                          target: When) -> None:
    u = ctx.u
    desk = s.desk
    if "and_stop_calling" in u.flags and desk.action == "cancel":
        await _cancel(s, ctx, then="objection")  # the cancel asked, then the number struck off
        return
    if desk.action == "cancel" and DEFERS.search(u.text.lower()) and not (
            KEEP_IT.search(u.text.lower()) or re.search(r"\b(?:don'?t|do not) cancel\b", u.text.lower())):
        # "ok ill call yall back when were ready thanks" to the cancel read back: a yes, and a later call
        u.affirm, u.deny = True, False
    if "cancel_then" in u.flags and desk.action == "cancel":
        # the caller moved on to a new visit or a call back: cancelled, then that
        await _cancel(s, ctx, then="scheduling" if u.intent == "book" else "objection")
        return
    if desk.then_book and (u.date or u.time) and not u.deny and for_the_next_one(s, ctx):
        # "for the RAV4, Saturday at eleven" to the move read back: when the booking asked
        # beside it is for; the move is read back again
        desk.then_book = f"{desk.then_book} {u.text}"
        s.last_ask = None
        await _go_on(s, ctx, When())
        return
    if desk.action == "cancel" and not (u.deny or u.services or u.appointment_type) and (
            u.date or u.time or u.window or u.time_of_day) and (desk.then_book or CANCEL_ASKED_IN_CALL.search(
            " ".join(m.content.lower() for m in s.messages[:-1] if m.role == "user"))):
        if queued_target_said(desk, u):
            u.affirm = True  # "friday at ten yes": the move asked beside the cancel, said back
        elif desk.then_book:
            # "afternoon is best like after one": when to call back; "Saturday, like eleven-ish?":
            # when the visit asked in its place is for; said to the cancel read back, the cancel
            # asked in so many words stands
            desk.then_book = f"{desk.then_book} {u.text}"
            u.affirm = True
    if desk.action == "move" and desk.new_time and not (u.time or target.time or u.deny) and (
            hour := _YES_AND_HOUR.fullmatch(normalise(u.text).numeric.strip(" .!?"))) and (
            (int(hour["h"]) % 12) != int(desk.new_time[:2]) % 12):
        # "eleven yeah" to ten read back: the hour put right, said with a yes
        said = clock.clock(int(hour["h"]), int(hour["m"] or 0), None)
        target = When(date=target.date or current.date, time=said)
        u.affirm = False
    if desk.action == "move" and u.window and desk.new_time and not u.time and not target.time and not (
            u.window.start <= time.fromisoformat(desk.new_time) < u.window.end):
        # "any time after ten on Monday works" to 9 AM read back: the first time that fits
        target = When(date=target.date or current.date, time=u.window.start)
        current = When()
    if desk.action == "move" and (desk.new_date or desk.new_time) and not u.deny and AND_ALSO.match(
            u.text.lower()) and u.appointment_type and (chosen := _chosen(s)) is not None and (
            u.appointment_type != chosen.appointment_type):
        # "… wednesday the nineteenth at ten instead" (read back) "and also we wanna see that house
        # in round rock maybe right after, like eleven, same day": the move as read, then the showing
        desk.then_book = u.text
        await _move(s, ctx)
        return
    if "add_to_move" in u.flags and desk.action == "move" and (desk.new_date or desk.new_time):
        desk.then_book = u.text  # "throw a tire rotation on there too": moved, then added to it
        await _move(s, ctx)
        return
    if not u.deny and move_target.both_hours_confirmed(desk, u.text):
        await _move(s, ctx)  # "four and four thirty thursday": the move's hour, and the next visit's
        return
    if desk.action == "move" and (target.given or current.given):
        wanted = _wanted(s, ctx, current, target)
        if not u.deny and not u.is_question and _said_back(desk, wanted, _chosen(s), u.text.lower()):
            await _move(s, ctx)  # "Friday at eleven, great": the read-back said back is a yes
            return
        _set_target(s, wanted)  # "no, make it three"
        s.last_ask = None  # a new time read back is a new question, not the same one again
        await _go_on(s, ctx, When())
        return
    said = u.text.lower()
    chosen = _chosen(s)
    if u.affirm and not u.deny and not (desk.queued or desk.then_book):
        # "yes. and the CR-V at four, could that be three thirty instead?", "yes, cancel that one.
        # and the house tour on Thursday, can that slide to Friday instead?": the other booking's
        # change, asked with the yes, next (not a new visit in its place)
        desk.queued = other_change(u.text, desk.action, ctx, s)
    queued = {item.split(" ")[1] for item in desk.queued if item.startswith("move ")}
    other_visit = chosen is not None and not (queued & {*u.services, u.appointment_type}) and (
        # ("yeah saturday eleven for the consultation": the move asked with the cancel, not a new one)
        (u.services and chosen.service_type not in u.services)
        or (u.appointment_type is not None and u.appointment_type != chosen.appointment_type))
    if desk.action == "cancel" and u.intent == "book" and not queued and (
            u.services or u.appointment_type) and (re.search(
            r"\b(?:instead|in (?:its|it'?s) place|rather)\b", said) or (
            # asked in so many words to cancel it, then "while I have you, I do need an oil
            # change, Friday at eight?": the cancel stands and the new visit is booked after it
            other_visit and (u.date or u.time) and CANCEL_ASKED_IN_CALL.search(" ".join(
                m.content.lower() for m in s.messages if m.role == "user")))) and not (
            u.deny or _keeps(said, desk.action)):
        await _cancel(s, ctx, then="scheduling")  # "can you put me down for an oil change instead?"
        return
    # ("… a consultation on tuesday and a showing thursday yeah both of them" to both read back)
    ordered = (desk.action in _GO_AHEAD and _GO_AHEAD[desk.action].search(said) is not None) or (
        desk.all_read_back and ALL_OF_THEM.search(said) is not None)
    # "no thanks, we don't need a new one", "I don't need it anymore", "we're going with my
    # cousin, she's an agent": said to the cancel read-back, each is a yes
    no_new_one = desk.action == "cancel" and bool(
        _NO_NEW_ONE.search(said) or re.search(NO_LONGER_NEEDED, said)
        or (u.intent == "cancel" and not u.deny)
        or (_WHY_IT_GOES.search(said) and not re.match(r"\W*no\b", said)))
    desk_calls.asked_with_the_yes(desk, u, ctx)  # "yes, cancel it … could somebody call me back?"
    if u.affirm or ((ordered or no_new_one) and not _keeps(said, desk.action)):
        # ("no, I don't need anything else … just cancel it please": the order, whatever the "no" was to)
        # (a reason it goes, "we decided to wait till rates come down", reads as a deferral: a yes)
        if desk.action == "cancel" and desk.then_book:
            await _cancel(s, ctx, then=desk_calls.after_cancel(desk, ctx))
        elif desk.action == "cancel":
            await _cancel(s, ctx)  # "yes"; "no thanks, we don't need a new one": cancel, no rebooking
        else:
            await _move(s, ctx)
        return
    if u.deny and desk.action == "cancel" and no_to_something_else(s, said, u):
        # the "no" is to anything more; the cancel was asked in so many words (and a call asked with
        # it still comes after it)
        await _cancel(s, ctx, then=desk_calls.after_cancel(desk, ctx) if desk.then_book else None)
        return
    if u.deny and desk.action == "cancel" and _CLOSING_NO.match(said) and s.ask_repeats == 0:
        await _read_back(s, ctx, _chosen(s))  # "no that's it thanks": to what? asked once more
        return
    if u.deny:
        if desk.action == "move":
            desk.new_date = desk.new_time = None
            desk.offered = []
            ctx.ask(s, "date", AGENT, "appt_ask_instead")
        else:
            _keep(s, ctx)
        return
    appointment = _chosen(s)
    assert appointment is not None
    await _read_back(s, ctx, appointment)


async def _answer_new_time(s: ConversationState, ctx: TurnContext, current: When,
                           target: When) -> None:
    u = ctx.u
    desk = s.desk
    wanted = _wanted(s, ctx, current, target)
    if s.awaiting == "pick_alternative" and wanted.date is not None:  # "monday's fine then" of one offered
        wanted = When(move_target.the_offered_weekday(desk.offered, wanted.date, u.text), wanted.time,
                      wanted.part)
    chosen = _chosen(s)
    if wanted.date is None and chosen is not None and (
            day := relative_to(u.text.lower(), date.fromisoformat(chosen.scheduled_date))):
        wanted = When(day, wanted.time, wanted.part)  # "could it just be the next day?"
    if s.awaiting == "pick_alternative" and u.time is None and chosen is not None and (
            wanted.date or u.date) and SAME_SLOT.search(u.text.lower()) and "same day" not in u.text.lower():
        # "oh y'all are closed then, whatever the next day is, tuesday same time": its own hour,
        # on the day named (not the first time offered)
        day = move_target.the_offered_weekday(desk.offered, u.date or wanted.date, u.text)
        wanted = When(day, time.fromisoformat(chosen.scheduled_time), None)
    elif s.awaiting == "pick_alternative" and desk.offered:
        choice = pick_offered([datetime.fromisoformat(o) for o in desk.offered], u)
        if choice is not None:
            desk.new_date, desk.new_time = choice.date().isoformat(), choice.strftime("%H:%M")
            await _go_on(s, ctx, When())
            return
    if not wanted.given and u.time is not None and not u.deny:
        wanted = When(u.date, u.time, None)  # "three? three would give them time": the hour, said bare
    if wanted.given and not (  # ("… my sister can run me over tomorrow after all. just leave it where it is")
            _keeps(u.text.lower(), desk.action) and chosen and wanted.date in {None, _start(chosen).date()}
            and wanted.time in {None, _start(chosen).time()}):
        _set_target(s, wanted)
        await _go_on(s, ctx, When())
        return
    # ("I don't know... later in the week? What do you have?": no keep, a day left to us)
    if (u.deny and not {"unsure", "flexible"} & u.flags) or _keeps(u.text.lower(), desk.action):
        if s.awaiting == "pick_alternative" and u.deny and not _keeps(u.text.lower(), desk.action):
            desk.offered = []
            ctx.ask(s, "date", AGENT, "appt_ask_instead")  # "no, neither of those"
            return
        _keep(s, ctx)
        return
    if "flexible" in u.flags:
        desk.new_date = None
        desk.new_time = None
        await _offer_earliest(s, ctx)
        return
    await _go_on(s, ctx, When())


async def _go_on(s: ConversationState, ctx: TurnContext, current: When) -> None:
    """Take the request as far as it goes: find, choose, then tell, read back or offer."""
    desk = s.desk
    if not desk.found and "elsewhere" in ctx.u.flags:
        # "it's under her phone number, not this one": that number, not the one calling
        ctx.ask(s, "phone", AGENT, "appt_ask_phone")
        return
    if not desk.found:
        await desk_calls.search(s, ctx)
    if not desk.found:
        asked = (s.awaiting in {"phone", "offer_callback"} and s.awaiting_agent == AGENT
                 and ctx.u.phone is not None)
        if not desk.searched:
            ctx.ask(s, "phone", AGENT, "appt_ask_phone")
        elif len(desk.searched) == 1 and not asked:
            # one question, two ways on: another number, or a person calls back (consented)
            ctx.ask(s, "offer_callback", AGENT, "appt_not_found",
                    phone=say_phone(desk.searched[-1]))
        else:
            s.callback_reason = desk_calls.callback_reason(s)
            ctx.ask(s, "offer_callback", "faq", "appt_not_found_again",
                    phone=say_phone(desk.searched[-1]))
        return
    appointment = _chosen(s)
    if appointment is None:
        every = desk.action == "cancel" and len(desk.found) > 1 and CANCEL_EVERY.search(ctx.u.text.lower())
        # ("cancel both of em the oil change and the detail tomorrow": both, whatever each is named by)
        candidates = list(desk.found) if every else _narrow(desk.found, ctx, current)
        if len(candidates) > 1 and desk.action in {"lookup", None}:
            ctx.say("appt_when_many", count=_count(candidates), list=_listed(candidates, ctx))
            await _done(s, ctx, None)
            return
        candidates = first_of_every(desk, candidates, ctx.u.text.lower())  # "cancel both of 'em"
        if len(candidates) > 1:
            ctx.ask(s, "which_appointment", AGENT, "appt_which", count=_count(candidates),
                    list=_listed(candidates, ctx))
            return
        appointment = candidates[0]
        desk.chosen = appointment.id
        move_target.later_hour_of(desk, appointment, ctx.u.text)  # "make that later, like seven"
        if desk.action == "move" and not desk.new_time and RELATIVE_MOVE.search(ctx.u.text.lower()):
            # "can you bump it like an hour later same day", found just now: from its own time
            day = date.fromisoformat(desk.new_date) if desk.new_date else None
            wanted = _wanted(s, ctx, When(), When(date=day))
            if wanted.given:
                _set_target(s, wanted)
    if desk.action == "lookup" or desk.action is None:
        # asked again ("and that's still at three, right?"): a yes, not the same sentence again
        again = any(ctx.replies.say("appt_when", **_facts(appointment, ctx)) in m.content
                    for m in s.messages[-2:] if m.role == "assistant")
        noted = "details_for_it" in ctx.u.flags  # "My name is Halina Kowalski. The car is a Buick."
        ctx.say("appt_details_noted" if noted else "appt_when_again" if again else "appt_when",
                **_facts(appointment, ctx))
        # "I got the oil change Saturday … while it's in there rotate the tires too": told, then that work
        adds = move_target.adds_work(appointment, ctx)
        await _done(s, ctx, None, then="scheduling" if adds else None)
        return
    if desk.action == "cancel":
        ask_cancel(s, ctx, appointment)
        return
    await _plan_move(s, ctx, appointment)


async def _plan_move(s: ConversationState, ctx: TurnContext, a: Appointment) -> None:
    """The new time: asked for, checked against real availability, offered, or read back."""
    desk = s.desk
    department = move_target.department_of(ctx, a)
    if department is None:
        _drop(s, ctx, None)
        return
    old = _start(a)
    if (beside := move_target.beside_the_other(a, desk.found, ctx.u.text, ctx)) is not None:
        # "move the rotation so it's right after the oil change", "the showing on Friday too, right
        # after the consultation? maybe half past ten": that one's day (and, no hour said, as it ends)
        _set_target(s, move_target.onto_its_day(desk, beside))
    if desk.new_date == old.date().isoformat() and desk.new_time in {None, old.strftime("%H:%M")} and (
            DAYS_ON.search(ctx.u.text.lower())):
        # "… wednesday the twelfth at ten, can we push that back a day": the day named was its
        # own, told before it was found; the move counts from it
        _set_target(s, _wanted(s, ctx, When(), When(old.date(), old.time())))
    if not desk.new_date and not desk.new_time and A_WEEK_ON.search(ctx.u.text.lower()) and (
            only_its_weekday(ctx.u.text.lower(), old.date())):
        desk.new_date = (old.date() + timedelta(days=7)).isoformat()  # "push it back a week"
    if not desk.new_date and not desk.new_time and not desk.part and not desk.latest:
        if desk.sooner:
            await offer_earliest(s, ctx, a, department)  # "… a week from Tuesday. anything sooner?"
            return
        ctx.ask(s, "date", AGENT, "appt_ask_new_day", **_facts(a, ctx))
        return
    if desk.new_date and s.awaiting not in {"pick_alternative", "confirm_change"} and beside is None:
        # (the words the day was said in, when this message only gave the phone or the name: "I've
        # got an appointment next Wednesday … I need to move it to Thursday" … "it's under my number")
        said = next((m.content for m in reversed(s.messages) if m.role == "user" and re.search(
            WEEKDAY, m.content.lower())), "") if not re.search(WEEKDAY, ctx.u.text.lower()) else ""
        said = said or ctx.u.text
        desk.new_date = nearer_its_day(date.fromisoformat(desk.new_date), old.date(), said,
                                       desk.sooner).isoformat()
    day = date.fromisoformat(desk.new_date) if desk.new_date else old.date()
    availability = AvailabilityCalendar(ctx.profile, ctx.calendar, ctx.now, ignore=a.id)
    if desk.new_time is None:
        same_time = datetime.combine(day, old.time())
        window = bounds(ctx)
        if day != old.date() and SAME_HOUR.search(ctx.u.text.lower()):
            # "she's got an exam thursday afternoon, can y'all do friday instead, same time": the
            # hour said to stay, whatever part of the day the reason names
            desk.new_time, desk.part = old.strftime("%H:%M"), None
        elif day != old.date() and not desk.part and not desk.latest and (
                window is None or window.start <= old.time() < window.end) and (
                await availability.check(department, same_time, a.duration_min)).ok:
            desk.new_time = old.strftime("%H:%M")  # "move it to Friday": same time, Friday
        else:
            await offer_day(s, ctx, availability, department, day, a)
            return
    start = datetime.combine(day, time.fromisoformat(desk.new_time))
    if start == old:
        desk.new_date = desk.new_time = None
        if ctx.u is not None and KEEP_IT.search(ctx.u.text.lower()):
            _keep(s, ctx)  # "yeah leave it at nine" of the nine o'clock: as it is
            return
        ctx.ask(s, "date", AGENT, "appt_same_time", what=describe(a, ctx))
        return
    check = await availability.check(department, start, a.duration_min)
    if not check.ok:
        desk.new_time = None
        key, values = refusal_reply(ctx.profile, department, start, a.duration_min, check.problem)
        offer(s, ctx, key, await off_its_own_day(availability, department, start, a, check.alternatives), day,
              time=say_time(start.time()), weekday=f"{day:%A}", days=ctx.profile.max_days_ahead, **values)
        return
    await _read_back(s, ctx, a)


async def _offer_earliest(s: ConversationState, ctx: TurnContext) -> None:
    a = _chosen(s)
    department = move_target.department_of(ctx, a) if a else None
    if a is None or department is None:
        await _go_on(s, ctx, When())
        return
    await offer_earliest(s, ctx, a, department)


async def _read_back(s: ConversationState, ctx: TurnContext, a: Appointment) -> None:
    desk = s.desk
    if desk.action == "cancel":
        ask_cancel(s, ctx, a)
        return
    if not (desk.new_date or desk.new_time):
        await _plan_move(s, ctx, a)
        return
    old = _start(a)
    new = datetime.combine(date.fromisoformat(desk.new_date) if desk.new_date else old.date(),
                           time.fromisoformat(desk.new_time or a.scheduled_time))
    ctx.ask(s, "confirm_change", AGENT, "appt_confirm_move", what=describe(a, ctx),
            old=say_slot(old, ctx.today), new=say_slot(new, ctx.today))


async def _cancel(s: ConversationState, ctx: TurnContext, then: AgentName | None = None) -> None:
    """Cancel the chosen appointment; ``then``: the agent that takes the rest of the message
    (a booking asked for in its place)."""
    a = _chosen(s)
    assert a is not None
    try:
        await ctx.calendar.cancel(ctx.profile.key, a.id)
    except AppointmentNotFoundError:
        _gone(s, ctx)
        return
    ctx.say("appt_cancelled", **_facts(a, ctx))
    later = ctx.understanding
    if then == "scheduling" and later is not None and SAME_SLOT.search(later.text.lower()):
        # "… and book an oil change instead, same time": the day and hour just given up
        later.date = later.date or date.fromisoformat(a.scheduled_date)
        later.time = later.time or time.fromisoformat(a.scheduled_time)
    result = a.model_copy(update={"status": "cancelled"})
    s.desk.found = [f for f in s.desk.found if f.id != a.id]
    if s.appointment is not None and s.appointment.id == a.id:
        s.appointment = None  # booked earlier in this call, and cancelled now
    await _done(s, ctx, result, f"cancelled {a.id}", then=then)


async def _move(s: ConversationState, ctx: TurnContext) -> None:
    desk = s.desk
    a = _chosen(s)
    assert a is not None
    department = move_target.department_of(ctx, a)
    assert department is not None and (desk.new_date or desk.new_time)
    start = datetime.combine(date.fromisoformat(desk.new_date or a.scheduled_date),
                             time.fromisoformat(desk.new_time or a.scheduled_time))
    try:
        moved = await ctx.calendar.move(ctx.profile.key, a.id, start, department.capacity)
    except AppointmentNotFoundError:
        _gone(s, ctx)
        return
    except SlotUnavailableError:
        # Taken between the read-back and the "yes": say so, and offer the nearest times.
        desk.new_time = None
        availability = AvailabilityCalendar(ctx.profile, ctx.calendar, ctx.now, ignore=a.id)
        nearest = await availability.nearest(department, start, a.duration_min)
        if not nearest:
            s.callback_reason = desk_calls.callback_reason(s)
            ctx.ask(s, "offer_callback", "faq", "no_availability")
            return
        offer(s, ctx, "slot_taken", nearest, start.date(), time=say_time(start.time()))
        return
    result = as_state(moved).model_copy(update={"services": a.services, "vehicle": a.vehicle})
    if desk.every and not desk.queued:
        desk.queued = move_target.the_others_moved_by(desk, a, result)  # "move both of those to thursday"
    desk.found, desk.every = [result if f.id == a.id else f for f in desk.found], False
    ctx.say("appt_moved", **_facts(result, ctx))
    if s.appointment is not None and s.appointment.id == a.id:
        s.appointment = s.appointment.model_copy(update={
            "scheduled_date": result.scheduled_date, "scheduled_time": result.scheduled_time})
    if desk.then_book:
        # "push the oil change to Wednesday? And I want to come test drive that red RAV4": the
        # booking asked for with the move, next
        ctx.understanding = later = understand(desk.then_book, ctx.profile, ctx.today)
        desk.then_book = None
        if later.appointment_type is None and not later.services and ANOTHER_ONE.search(later.text.lower()):
            later.appointment_type = a.appointment_type  # "could i see another one": another showing
            later.services = list(a.services)
        if later.date is None and (later.time or later.window):
            later.date = date.fromisoformat(result.scheduled_date)  # "… right after, like four thirty"
        if later.services and ADD_ON.search(later.text.lower()) and a.service_type not in later.services:
            later.flags.add("add_to_visit")  # "… and while it's in there, rotate the tires too": this visit
            later.intent = "book"
        called = desk_calls.read_as_call(later)  # "… and could you have Sarah give me a call?"
        await _done(s, ctx, result, f"moved {a.id}", then="objection" if called else "scheduling")
        return
    await _done(s, ctx, result, f"moved {a.id}")


def _keep(s: ConversationState, ctx: TurnContext) -> None:
    a = _chosen(s)
    s.desk.kept = True
    if a is not None:
        ctx.say("appt_kept", **_facts(a, ctx))
        s.desk.done.append(f"told {a.id}")  # (said with its hour: "yes, keep it at one" stands by it)
    _drop(s, ctx, None)


def _gone(s: ConversationState, ctx: TurnContext) -> None:
    ctx.say("appt_gone")
    s.desk.found = []
    _drop(s, ctx, None)


async def _done(s: ConversationState, ctx: TurnContext, result: Appointment | None,
          record: str | None = None, then: AgentName | None = None) -> None:
    desk = s.desk
    if result is not None:
        desk.result = result
    desk.done.append(record or f"told {desk.chosen or 'all'}")
    if then is None and record and (queued := next_queued(s)) is not None:
        action, a, new = queued  # "… and just cancel the detail altogether": the second change, now
        desk.action, desk.chosen, desk.new_date, desk.new_time, desk.part = action, a.id, None, None, None
        desk.offered, desk.latest, desk.sooner = [], False, False
        if action == "cancel" and desk.all_read_back:
            await _cancel(s, ctx)  # every one read back, and the yes was to all of them
        elif action == "cancel" and ctx.understanding is not None and (
                ctx.understanding.affirm or ctx.understanding.intent == "cancel") and not (
                ctx.understanding.deny) and (
                ALL_OF_THEM.search(ctx.understanding.text.lower())
                or re.search(r"\bcancel\b", ctx.understanding.text.lower())):
            await _cancel(s, ctx)  # "yes, both of them", "yes, cancel tomorrow, and …": the next too
        elif action == "cancel":
            ctx.ask(s, "confirm_change", AGENT, "appt_confirm_cancel_next", **_facts(a, ctx))
        elif new.given:
            _set_target(s, new)  # "… and the eleven, could we make it ten thirty": read back
            s.last_ask = None  # another booking's read back: a new question, not the same again
            await _plan_move(s, ctx, a)
        else:
            ctx.ask(s, "date", AGENT, "appt_ask_new_day", **_facts(a, ctx))
        return
    _drop(s, ctx, None, then=then)


def _drop(s: ConversationState, ctx: TurnContext, say: str | None, then: AgentName | None = None) -> None:
    """The request is over (done, kept or given up): back to "anything else?", or on to
    ``then`` with the same message."""
    desk = s.desk
    desk.action, desk.chosen, desk.new_date, desk.new_time, desk.part = None, None, None, None, None
    desk.offered, desk.latest, desk.queued, desk.every, desk.all_read_back = [], False, [], False, False
    desk.sooner = False
    if say:
        ctx.say(say)
    if then is not None:
        s.awaiting, s.awaiting_agent = None, None
        ctx.hand_off(then, "asked for in its place", s)
    elif not ctx.more_acts:
        ctx.ask(s, "anything_else", "greeting", "anything_else")
    else:
        s.awaiting, s.awaiting_agent = None, None

