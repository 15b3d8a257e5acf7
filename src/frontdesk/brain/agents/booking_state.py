"""Where a booking stands in the call, asked by more than one agent: is one under way to come back
to, and which booking on file the caller was just told of."""

from __future__ import annotations

from frontdesk.brain.state import Appointment, ConversationState


def visit_told(s: ConversationState) -> Appointment | None:
    """The one booking on file the caller was just told of (or just had moved), if the last thing
    done was telling it (or moving it)."""
    if not (s.desk.last_done("told") or s.desk.last_done("moved")):
        return None
    said = next((d.split(" ", 1)[1] for d in reversed(s.desk.done) if d.startswith(("told ", "moved "))),
                None)
    found = [a for a in s.desk.found if str(a.id) == said]
    return found[0] if len(found) == 1 else None


def resume_prompt(s: ConversationState) -> bool:
    """True when a booking is under way and the caller should be brought back to it."""
    slots = s.booking_slots
    return s.appointment is None and bool(
        slots.appointment_type or slots.service_type or slots.preferred_date)
