"""Calls back the appointments desk sets up: for a booking that could not be found, and the one
asked in the same breath as the yes to a cancel ("yes, cancel it … could somebody call me back
to set up a new time? afternoons are best")."""

from __future__ import annotations

import re

from frontdesk.brain.agents.appointment_words import callback_reason
from frontdesk.brain.context import TurnContext
from frontdesk.brain.nlu import Understanding
from frontdesk.brain.nlu.cues import CALL_ME
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


def asked_with_the_yes(desk: AppointmentDesk, u: Understanding) -> None:
    """A yes to the cancel read back that asks for a call back too: the call back (from the
    sentence that asks it on) is what comes after the cancel."""
    if desk.action != "cancel" or desk.then_book or not (u.affirm or u.intent == "cancel") or u.deny or (
            found := CALL_ME.search(u.text.lower())) is None:  # (not "I'll call back another time")
        return
    start = max((m.end() for m in re.finditer(r"[.?!;]\s", u.text[: found.start()])), default=0)
    desk.then_book = u.text[start:]
