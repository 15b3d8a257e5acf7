"""Escalation agent: the caller wants a person (or is upset).

It starts a background human-availability check (an :class:`Effect`; the conversation service
runs it) and tells the caller it is checking. The result arrives later as a notification — see
:func:`apply_escalation_result` — delivered by WebSocket at once and spoken at the next turn.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from frontdesk.brain.context import Effect, TurnContext
from frontdesk.brain.format import say_phone
from frontdesk.brain.state import BackgroundTask, ConversationState, Notification

AGENT = "escalation"


async def run(s: ConversationState, ctx: TurnContext) -> None:
    if s.escalation_in_progress:
        ctx.say("escalation_waiting")
        return
    task_id = f"esc_{s.conversation_id}_{s.turn_count}"
    reason = ctx.understanding.text if ctx.understanding else "caller asked for a person"
    s.pending_tasks.append(BackgroundTask(task_id=task_id, task_type="human_escalation",
                                          status="pending", reason=reason))
    s.escalation_in_progress = True
    s.human_agent_status = "checking"
    upset = ctx.understanding is not None and any(
        w in ctx.understanding.text.lower() for w in ("ridiculous", "angry", "frustrated",
                                                       "unacceptable", "terrible", "upset"))
    ctx.say("escalation_start_upset" if upset else "escalation_start")
    ctx.effects.append(Effect(kind="start_escalation", task_id=task_id, detail=reason))
    s.awaiting = None


CALLBACK_WITHIN = timedelta(hours=1)
"""What the caller is promised when nobody is free: a call back within the hour."""


def apply_escalation_result(s: ConversationState, task_id: str, available: bool,
                            person: str, replies, now: datetime) -> Notification | None:
    """Record the outcome of a human check in the state; returns the notification to deliver.

    When nobody is free the caller is told they will be called back within the hour, and that
    promise is a callback task (due in an hour, with why) the business's team can act on."""
    task = next((t for t in s.pending_tasks if t.task_id == task_id), None)
    if task is None or task.status == "completed":
        return None
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
                        priority=priority, handoff=available)  # type: ignore[arg-type]
    s.notifications_queue.append(note)
    return note
