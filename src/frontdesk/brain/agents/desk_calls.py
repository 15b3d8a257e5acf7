"""Calls the appointments desk sets up or ends: a call back for a booking that could not be found,
one asked in the same breath as the yes to a cancel ("yes, cancel it … could somebody call me
back to set up a new time? afternoons are best"), and the bookings cancelled with the number
struck off the list; and the search for the caller's bookings."""

from __future__ import annotations

import re

from frontdesk.brain.agents.appointment_words import _CALLBACK, CANCELS_TOO, NO_CALL, booking_after
from frontdesk.brain.agents.booking_said import as_state
from frontdesk.brain.agents.booking_said import facts as _facts
from frontdesk.brain.context import TurnContext
from frontdesk.brain.nlu import Understanding, call_aside, understand
from frontdesk.brain.nlu.cues import CALL_ME, NOT_CANCELLED
from frontdesk.brain.ports import AppointmentNotFoundError
from frontdesk.brain.state import AppointmentDesk, ConversationState


def to_callback(s: ConversationState, ctx: TurnContext) -> None:
    """Nothing found and the caller wants a person to sort it out: a consented callback, at
    the time they said when they said one."""
    u = ctx.u
    s.callback_reason = callback_reason(s)
    s.desk.action = None
    if u.date or u.time or u.time_of_day or u.window:
        s.awaiting, s.awaiting_agent = "callback_time", "objection"
        ctx.hand_off("objection", "callback about an appointment not found", s)
        return
    s.awaiting, s.awaiting_agent = "offer_callback", "faq"
    u.affirm, u.deny = True, False
    ctx.hand_off("faq", "callback about an appointment not found", s)


_CHANGES_ONE = re.compile(r"\b(?:instead|move|moved|push|bump|reschedul\w*|switch)\b")

def asked_with_the_yes(desk: AppointmentDesk, u: Understanding, ctx: TurnContext) -> None:
    """A yes to the cancel read back that asks for a call back or a new visit too: the call back
    (from the sentence that asks it on), or the visit, is what comes after the cancel ("yeah, go
    ahead and cancel it. oh but while I've got you, can I get the car detailed the 5th, at nine?")."""
    if desk.action != "cancel" or desk.then_book or not (u.affirm or u.intent == "cancel") or u.deny:
        return
    if (u.services or u.appointment_type) and (u.date or u.time) and not (
            set(u.services) & {a.service_type for a in desk.found} or _CHANGES_ONE.search(u.text.lower())):
        # (not "… and the tire rotation on Monday, can we do Tuesday instead?": one on file moved)
        desk.then_book = booking_after(u.text, ctx, "cancel")
        return
    if (found := CALL_ME.search(u.text.lower())) is None:  # (not "I'll call back another time")
        return
    start = max((m.end() for m in re.finditer(r"[.?!;]\s", u.text[: found.start()])), default=0)
    desk.then_book = u.text[start:]


def change_pending(s: ConversationState) -> bool:
    """A move or cancel of the caller's appointment is under way (asked about, or read back)."""
    return s.awaiting_agent == "appointments" and s.desk.action in {"move", "cancel"} and s.awaiting in {
        "confirm_change", "date", "pick_alternative", "move_or_cancel"}


def read_as_call(later: Understanding, *, flagged: bool = True) -> bool:
    """Whether the words asked with a change ask for a call from the team ("… and could you have
    Sarah give me a call?", "… and also could somebody call me back in the afternoon about
    staging?"), read as that call when they do. ``flagged``: a call already read in them counts
    too (after a cancel, only one asked in so many words turns a booking into a call)."""
    called = call_aside.asked(later.text) or (flagged and (
        "call_asked" in later.flags or later.intent == "objection_busy"))
    if called:
        later.intent = "objection_busy"
        later.flags.add("call_asked")
    return called


def after_cancel(desk: AppointmentDesk, ctx: TurnContext) -> str:
    """The words asked with the cancel, read as the turn's next understanding; the agent that
    takes them once the cancel is done: "… and can I come drive the CR-V Thursday at six?" a
    booking, "… can somebody call me back next week to set it up again" the call back ("… could
    you have Jordan call me early next week to set up another one?" too), a person asked for."""
    ctx.understanding = later = understand(desk.then_book or "", ctx.profile, ctx.today)
    desk.then_book = None
    if later.intent == "book":
        read_as_call(later, flagged=False)
    if later.intent == "escalation":
        return "escalation"
    called = "call_asked" in later.flags or later.intent in {"objection_busy", "do_not_call"}
    return "objection" if called and later.intent != "book" else "scheduling"


async def cancel_with_the_list(s: ConversationState, ctx: TurnContext) -> None:
    """"Cancel that showing we had Wednesday, and please take us off your call list": the
    bookings on file the message names (its day, its work; all of them when it names none) are
    cancelled before the number is struck off. No read back: the caller is ending all contact."""
    u = ctx.u
    if not s.on_file or not CANCELS_TOO.search(NOT_CANCELLED.sub(" ", u.text.lower())):
        return
    named = [a for a in s.on_file if (u.date is None or a.scheduled_date == u.date.isoformat()) and (
        not u.services or a.service_type in u.services) and (
        u.appointment_type is None or u.appointment_type in {a.appointment_type, "service"})]
    for a in named:
        try:
            await ctx.calendar.cancel(ctx.profile.key, a.id)
        except AppointmentNotFoundError:
            continue
        ctx.say("appt_cancelled", **_facts(a, ctx))
        s.desk.result = a.model_copy(update={"status": "cancelled"})
        s.desk.done.append(f"cancelled {a.id}")
    s.on_file = [a for a in s.on_file if a not in named]


def callback_reason(s: ConversationState) -> str:
    """What the person calling back is to sort out, when no booking was found under the numbers."""
    action = {"cancel": "cancel", "move": "move"}.get(s.desk.action or "", "ask about")
    numbers = ", ".join(s.desk.searched) or "no number given"
    return f"Caller wants to {action} an appointment not found under {numbers}"


def wants_callback(ctx: TurnContext) -> bool:
    """A yes to the call back offered, or one asked for in so many words, and none declined."""
    u = ctx.u
    text = u.text.lower()
    if NO_CALL.search(text):
        return False
    return (u.affirm and not u.deny) or _CALLBACK.search(text) is not None


async def search(s: ConversationState, ctx: TurnContext) -> None:
    """The caller's upcoming bookings, under the number they gave, else the one they call from."""
    desk = s.desk
    u = ctx.u
    if u.phone and not s.customer.phone:
        s.customer.phone = u.phone  # no caller ID: the number they gave is theirs
    for phone in (u.phone, s.customer.phone):
        if phone and phone not in desk.searched:
            desk.searched.append(phone)
            found = await ctx.calendar.upcoming(ctx.profile.key, phone, ctx.now)
            desk.found = [as_state(a) for a in found]
            desk.chosen = None
            if desk.found:
                return
