"""A message about the visit booked a moment ago in this call: said back ("yep, Tuesday at six")
it is confirmed again, asked about ("what do we need to bring to a consultation?") it is answered —
never read back and booked a second time."""

from __future__ import annotations

import re

from frontdesk.brain.agents.booking_said import facts
from frontdesk.brain.context import TurnContext
from frontdesk.brain.nlu.own_booking import VISIT_ABOUT
from frontdesk.brain.nlu.understanding import Understanding
from frontdesk.brain.state import ConversationState

_ANOTHER = re.compile(r"\b(?:another|also|second|too|as well|one more|and a)\b")
"""Words that ask for one more visit, not the one booked."""


def said_of_it(s: ConversationState, ctx: TurnContext) -> bool:
    """Is the message about the visit just booked (or just moved)? If so it is answered here."""
    moved = s.desk.result if s.desk.result is not None and s.desk.result.status == "scheduled" else None
    u, done = ctx.u, s.appointment or moved  # ("six is great" … "yep, Tuesday at six": the move said back)
    if done is None or s.awaiting != "anything_else":
        return False
    same_kind = not (set(u.services) - {done.service_type, *done.services}) and u.appointment_type in {
        None, done.appointment_type}
    if (u.date or u.time) and (u.date is None or u.date.isoformat() == done.scheduled_date) and (
            u.time is None or u.time.strftime("%H:%M") == done.scheduled_time) and same_kind and not (
            _ANOTHER.search(u.text.lower())):
        ctx.say("appt_when_again", **facts(done, ctx))
        ctx.ask(s, "anything_else", "greeting", "anything_else")
        return True
    if "?" in u.text and not (u.date or u.time) and u.appointment_type == done.appointment_type and (
            VISIT_ABOUT.search(u.text.lower())):
        u.intent, u.is_question = "faq", True
        ctx.hand_off("faq", "a question about the visit just booked", s)
        return True
    return False


def another_visit(s: ConversationState, u: Understanding) -> bool:
    """After a visit was booked in this call, the caller asks for another: other work, another
    kind of visit or another car, with a day or in so many words ("can I book that too?"). The
    slots still hold the visit booked; the new one starts from nothing but who the caller is."""
    done, slots = s.appointment, s.booking_slots
    if done is None or s.awaiting != "anything_else" or "add_to_visit" in u.flags or (
            slots.preferred_date != done.scheduled_date or slots.preferred_time != done.scheduled_time):
        return False
    other_work = bool(set(u.services) - {done.service_type, *done.services}) or (
        u.appointment_type is not None and u.appointment_type not in {done.appointment_type, "service"})
    other_car = bool(u.vehicle and u.vehicle.model and not (
        done.vehicle and u.vehicle.model.lower() in done.vehicle.lower()))
    return (other_work or other_car) and bool(
        u.date or u.time or _ANOTHER.search(u.text.lower()) or re.search(r"\bbook\b", u.text.lower()))


def forget_one_on_file(s: ConversationState, u: Understanding) -> None:
    """While another visit is set up, the caller says back a booking on file (just moved or
    told): "yes, showing Monday at five-thirty and then the meeting at six". The day and hour of
    that booking, and its kind, are not the new visit's."""
    slots = s.booking_slots
    if not (u.date and u.time and slots.appointment_type):
        return
    for a in [*s.desk.found, *(s.on_file or [])]:
        if a.appointment_type == slots.appointment_type or (
                a.scheduled_date, a.scheduled_time) != (u.date.isoformat(), u.time.strftime("%H:%M")):
            continue
        if u.appointment_type == a.appointment_type or slots.preferred_time:
            if u.appointment_type == a.appointment_type:
                u.appointment_type = None
            u.date, u.time = None, None
            return
