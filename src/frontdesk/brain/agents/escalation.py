"""Escalation agent: the caller wants a person (or is upset).

It starts a background human-availability check (an :class:`Effect`; the conversation service
runs it) and tells the caller it is checking. The result arrives later as a notification — see
:func:`apply_escalation_result` — delivered by WebSocket at once and spoken at the next turn.

When the person was free but the phone transfer to them was not answered (busy, no answer,
failed), the caller comes back to the agent (:func:`apply_transfer_failed`), which offers to
take a message; the message becomes a callback task due within the hour (:func:`take_message`).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from frontdesk.brain.agents import qualification
from frontdesk.brain.context import Effect, TurnContext, absorb_contact
from frontdesk.brain.format import say_phone
from frontdesk.brain.nlu.said import LET_DOWN
from frontdesk.brain.nlu.text import phrase_in
from frontdesk.brain.state import BackgroundTask, ConversationState, Notification
from frontdesk.knowledge.profile import BusinessProfile

AGENT = "escalation"
SOMEONE = "our team member"
"""Who is named when a check's person is not known."""
TRANSFER_NOTE_SUFFIX = "_transfer"
"""Ends the id of the notification that tells a caller back from a failed transfer."""
_SHORT_ANSWER_WORDS = 5
"""A yes or no at most this long is an answer to "would you like to leave a message?", not
the message itself."""


def department_asked(s: ConversationState, ctx: TurnContext) -> str | None:
    """The department the caller's request is about, so the right person is found: one named
    ("someone in sales"), the kind of appointment, service or vehicle in this message, else
    the booking under way. None: anyone can take it."""
    profile = ctx.profile
    u = ctx.understanding
    if u is not None:
        text = u.text.lower()
        for key, department in profile.departments.items():
            if phrase_in(key.lower(), text) or department.label.lower() in text:
                return key
        found = _department_of(profile, u.appointment_type, bool(u.services), u.vehicle is not None)
        if found:
            return found
    slots = s.booking_slots
    return _department_of(profile, slots.appointment_type,
                          bool(slots.service_type or slots.services), slots.vehicle.label is not None)


def _department_of(profile: BusinessProfile, appointment_type: str | None, service: bool,
                   vehicle: bool) -> str | None:
    appt = profile.appointment_type(appointment_type)
    if appt is None and (service or vehicle):
        appt = next((a for a in profile.appointment_types
                     if (service and a.needs_service) or (vehicle and a.needs_vehicle)), None)
    return appt.department if appt else None


async def run(s: ConversationState, ctx: TurnContext) -> None:
    u = ctx.understanding
    if u is not None and u.name and not s.customer.name:
        absorb_contact(s, ctx)  # "this is Vivian Castellanos, get me Jordan": who the person takes
    if u is not None and ctx.profile.kind == "real_estate" and (u.has_lead_facts or u.lead_intent):
        # "we're thinking about selling … but I'd really just like to talk to Jordan": kept for them
        qualification.absorb(s, ctx)
    if s.awaiting == "take_message" and u is not None and u.intent != "escalation":
        take_message(s, ctx)
        return
    if s.escalation_in_progress:
        said = ctx.replies.say("escalation_waiting")
        last = next((m.content for m in reversed(s.messages) if m.role == "assistant"), "")
        # never the same line a third time: the two wordings take turns
        ctx.say("escalation_waiting_again" if said in last else "escalation_waiting")
        return
    last_check = next((t for t in reversed(s.pending_tasks) if t.task_type == "human_escalation"
                       and t.status == "completed" and t.human_agent_name), None)
    if last_check is not None and last_check.transfer_status is None and s.human_agent_status in {
            "available", "unavailable"}:
        # "Jordan will be with you in a moment" — "ok just a person please": they are coming
        # already (or will call back within the hour); a second check would find the same
        # answer, alert the team twice and promise a second call back
        key = "escalation_coming" if s.human_agent_status == "available" else "escalation_still_busy"
        person = last_check.human_agent_name or SOMEONE
        if key == "escalation_coming" and any(person in part for part in ctx.reply_parts):
            ctx.say("escalation_hold")  # "Good news, Jordan … in just a moment" was said this turn
            return
        said = ctx.replies.say(key, person=person)
        last = next((m.content for m in reversed(s.messages) if m.role == "assistant"), "")
        ctx.say(f"{key}_again" if said in last else key, person=person)
        if key == "escalation_still_busy":
            ctx.ask(s, "anything_else", "greeting", "anything_else")
        return
    if ctx.profile.kind == "real_estate" and u is not None and u.has_lead_facts:
        qualification.absorb(s, ctx)  # "we want to sell, maybe in the spring … I want a real agent"
    task_id = f"esc_{s.conversation_id}_{s.turn_count}"
    reason = ctx.understanding.text if ctx.understanding else "caller asked for a person"
    s.pending_tasks.append(BackgroundTask(task_id=task_id, task_type="human_escalation",
                                          status="pending", reason=reason,
                                          department=department_asked(s, ctx)))
    s.escalation_in_progress = True
    s.human_agent_status = "checking"
    said = ctx.understanding.text.lower() if ctx.understanding else ""
    upset = any(w in said for w in ("ridiculous", "angry", "frustrated", "unacceptable", "terrible",
                                    "upset")) or LET_DOWN.search(said) is not None
    ctx.say("escalation_start_upset" if upset else "escalation_start")
    ctx.effects.append(Effect(kind="start_escalation", task_id=task_id, detail=reason))
    s.awaiting = None


def withdraw(s: ConversationState, ctx: TurnContext, *, call_instead: bool = False) -> None:
    """The caller no longer wants the person being looked for now: the check is called off (its
    answer, when it comes, is dropped) and the conversation goes on with what they said. Asked
    to be called instead ("then have the manager call me first thing tomorrow"), the request
    for a person stands, answered by the callback: it stays on the record as one."""
    for task in s.pending_tasks:
        if task.task_type == "human_escalation" and task.status in {"pending", "running"}:
            if call_instead:  # the staff are still told; only their answer now is not waited for
                task.status = "completed"
                continue
            task.status = "cancelled"
            ctx.effects.append(Effect(kind="cancel_task", task_id=task.task_id))
    s.escalation_in_progress = False
    s.human_agent_status = None


CALLBACK_WITHIN = timedelta(hours=1)
"""What the caller is promised when nobody is free: a call back within the hour."""


def apply_escalation_result(s: ConversationState, task_id: str, available: bool,
                            person: str, replies, now: datetime,
                            transfer_to: str | None = None) -> Notification | None:
    """Record the outcome of a human check in the state; returns the notification to deliver.

    When nobody is free the caller is told they will be called back within the hour, and that
    promise is a callback task (due in an hour, with why) the business's team can act on."""
    task = next((t for t in s.pending_tasks if t.task_id == task_id), None)
    if task is None or task.status in {"completed", "cancelled"}:
        return None  # answered already, or called off by the caller
    task.status = "completed"
    task.human_available = available
    task.human_agent_name = person
    s.escalation_in_progress = False
    s.human_agent_status = "available" if available else "unavailable"
    if available:
        message = replies.say("escalation_available", person=person)
        priority = "interrupt"
    else:
        at_phone = f" at {say_phone(s.customer.phone)}" if s.customer.phone else ""
        message = replies.say("escalation_unavailable", person=person, at_phone=at_phone)
        priority = "high"
        s.pending_tasks.append(BackgroundTask(
            task_id=f"cb_{task_id}", task_type="callback",
            reason=f"asked for a person and nobody was free ({person} to call back): "
                   f"{task.reason or 'no reason given'}",
            due_at=(now + CALLBACK_WITHIN).isoformat()))
    note = Notification(notification_id=f"notif_{task_id}", message=message,
                        priority=priority, handoff=available,  # type: ignore[arg-type]
                        transfer_to=transfer_to if available else None)
    s.notifications_queue.append(note)
    return note


def transferred_to(s: ConversationState) -> BackgroundTask | None:
    """The last check whose person was free (the caller was, or is being, put through)."""
    return next((t for t in reversed(s.pending_tasks) if t.task_type == "human_escalation"
                 and t.status == "completed" and t.human_available), None)


def apply_transfer_failed(s: ConversationState, dial_status: str,
                          replies) -> Notification | None:
    """The transfer to a free person was not answered: the caller is back with the agent,
    which says so and offers to take a message. Returns the notification to say (None when
    the conversation has ended or no transfer was under way); a repeated report of the same
    failure returns the same notification."""
    task = transferred_to(s)
    if s.ended or task is None:
        return None
    note_id = f"notif_{task.task_id}{TRANSFER_NOTE_SUFFIX}"
    if task.transfer_status is not None:
        return next((n for n in s.notifications_queue if n.notification_id == note_id), None)
    task.transfer_status = dial_status
    s.human_agent_status = "unavailable"
    s.escalation_in_progress = False
    s.current_agent = AGENT
    s.awaiting, s.awaiting_agent = "take_message", AGENT
    s.last_ask, s.ask_repeats = "transfer_not_answered", 0
    note = Notification(notification_id=note_id, priority="interrupt",
                        message=replies.say("transfer_not_answered",
                                            person=task.human_agent_name or SOMEONE))
    s.notifications_queue.append(note)
    return note


def take_message(s: ConversationState, ctx: TurnContext) -> None:
    """The answer to "would you like to leave a message?": a short yes asks for it, a short no
    takes none, anything else is the message — kept as a callback task due within the hour."""
    u = ctx.u
    failed = next((t for t in reversed(s.pending_tasks) if t.transfer_status), None)
    person = (failed.human_agent_name if failed else None) or SOMEONE
    short = len(u.text.split()) <= _SHORT_ANSWER_WORDS
    if short and u.deny and not u.affirm:
        s.awaiting, s.awaiting_agent = None, None
        ctx.say("take_message_declined")
        ctx.ask(s, "anything_else", "greeting", "anything_else")
        return
    if short and u.affirm:
        ctx.ask(s, "take_message", AGENT, "take_message_go_ahead")
        return
    status = failed.transfer_status if failed else "not answered"
    local = ctx.now.replace(tzinfo=ZoneInfo(ctx.profile.timezone))
    ctx.request_callback(s, f"transfer not answered ({person}, {status}); message: {u.text}",
                         due_at=(local + CALLBACK_WITHIN).isoformat(timespec="minutes"))
    s.awaiting, s.awaiting_agent = None, None
    at_phone = f" at {say_phone(s.customer.phone)}" if s.customer.phone else ""
    ctx.say("message_taken", person=person, at_phone=at_phone)
    ctx.ask(s, "anything_else", "greeting", "anything_else")
