"""Where a call asked beside something else waits (:mod:`frontdesk.brain.nlu.call_aside`): with
the booking being made (set up once it is booked), with the change of a booking on file (once it
is moved or cancelled), or as the next act of the message (after a booking kept or told, a
question answered). A call never replaces what is under way, and is never lost: one still
waiting when the conversation ends is handed to the team as it was asked."""

from __future__ import annotations

import re

from frontdesk.brain.agents import desk_calls
from frontdesk.brain.context import TurnContext
from frontdesk.brain.nlu import understand
from frontdesk.brain.nlu.understanding import Understanding
from frontdesk.brain.state import ConversationState

_BY_THEN = re.compile(r"\b(?:before|by|ahead of) (?:the \w+|monday|tuesday|wednesday|thursday|friday|"
                      r"saturday|sunday|tomorrow|next week|the weekend)\b")


_KEPT = re.compile(r"\b(?:leave|keep)\b|\bstays?\b")
"""The booking asked about left as it is ("no, let's leave it on Thursday at four"): nothing to
wait for; the call comes next."""


def as_call(text: str, ctx: TurnContext) -> Understanding:
    """The call's words, read as a call asked for (its own day and time, what it is about)."""
    later = understand(text, ctx.profile, ctx.today)
    if later.date is not None and _BY_THEN.search(text.lower()) and not (later.time or later.window
                                                                          or later.time_of_day):
        later.date = None  # "… call me before Thursday": by then, not then; when is asked
    later.intent = "objection_busy"
    later.flags |= {"call_asked", "call_aside_act"}
    return later


def place(s: ConversationState, ctx: TurnContext, u: Understanding) -> Understanding | None:
    """Put the call of ``u`` where it will be set up; returns it as the message's next act when
    nothing else will set it up after this message."""
    call, u.call_after = u.call_after, None
    if not call:
        return None
    if desk_calls.change_pending(s) and not s.desk.then_book and not _KEPT.search(u.text.lower()):
        s.desk.then_book = call  # moved or cancelled first, then the call
        return None
    slots = s.booking_slots
    if (slots.under_way() and s.appointment is None) or (
            (u.services or u.appointment_type) and u.intent in {"book", "provide_info"}) or (
            desk_calls.change_pending(s) and not _KEPT.search(u.text.lower())):
        # (a change waiting with something else after it already: the call waits to the end)
        slots.call_after = f"{slots.call_after}. {call}" if slots.call_after else call
        return None
    return as_call(call, ctx)


def settle(s: ConversationState, ctx: TurnContext) -> None:
    """The conversation ends with a call still waiting on a booking never made: the team gets it
    as asked."""
    call = s.booking_slots.call_after
    if not call or not s.ended or s.lead.do_not_call:
        return  # (struck off the list since: no call)
    s.booking_slots.call_after = None
    ctx.request_callback(s, f"Caller asked for a call: {call}")
