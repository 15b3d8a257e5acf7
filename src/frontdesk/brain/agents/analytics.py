"""Analytics agent: the post-conversation outcome and a one-paragraph summary."""

from __future__ import annotations

from collections.abc import Sequence

from frontdesk.brain.ports import LanguageAssist
from frontdesk.brain.state import ConversationState, Message
from frontdesk.knowledge.profile import BusinessProfile

AGENT = "analytics"


def outcome(s: ConversationState) -> str:
    """The single outcome a business reads in its call log."""
    if s.lead.do_not_call and s.outcome != "wrong_number":
        return "do_not_call"  # (a wrong number struck off is still a wrong number in the log)
    if s.appointment is not None:
        return "booked"
    changes = [d.split()[0] for d in s.desk.done if not d.startswith("told")]
    if changes:  # an appointment the caller already had: the last change is the outcome
        return "cancelled" if changes[-1] == "cancelled" else "rescheduled"
    if any(t.task_type == "callback" for t in s.pending_tasks) and s.outcome is None:
        return "callback_scheduled"
    if s.outcome in {"callback_scheduled", "not_interested", "wrong_number"}:
        return s.outcome
    asked = [t for t in s.pending_tasks if t.task_type == "human_escalation" and t.status != "cancelled"]
    if asked:
        done = asked
        put_through = any(t.human_available and not t.transfer_status for t in done)
        return "transferred" if put_through else "escalated"
    if s.lead.status == "nurture":
        return "nurture"
    if s.faq_asked_earlier or any(m.intent == "faq" for m in s.messages if m.role == "user"):
        return "information_provided"
    if s.turn_count <= 1:
        return "abandoned"
    return "no_outcome"


def summarise(s: ConversationState, profile: BusinessProfile) -> str:
    """A factual summary built from the state (no free text invented)."""
    who = s.customer.name or "An unidentified caller"
    phone = f" ({s.customer.phone})" if s.customer.phone else ""
    parts = [f"{who}{phone} — {s.direction} {s.channel} conversation with {profile.name}, "
             f"{s.turn_count} caller turns."]
    if s.appointment:
        a = s.appointment
        what = a.service_type or a.appointment_type
        parts.append(f"Booked {what.replace('_', ' ')} on {a.scheduled_date} at "
                     f"{a.scheduled_time} (appointment #{a.id}).")
    if s.desk.result is not None:
        a = s.desk.result
        what = (a.service_type or a.appointment_type).replace("_", " ")
        verb = "Cancelled" if a.status == "cancelled" else "Moved"
        where = "" if a.status == "cancelled" else " to"
        parts.append(f"{verb} their existing {what} (appointment #{a.id}){where} "
                     f"{a.scheduled_date} at {a.scheduled_time}.")
    elif s.desk.kept:
        parts.append("Asked to change an existing appointment, then kept it as it was.")
    lead = s.lead
    if lead.intent or lead.qualified is not None:
        facts = []
        if lead.intent:
            facts.append(f"wants to {lead.intent}")
        if lead.location:
            facts.append(f"in {lead.location}")
        if lead.budget_max:
            facts.append(f"budget up to ${lead.budget_max:,}")
        if lead.timeline_text:
            facts.append(f"timeline {lead.timeline_text}")
        if lead.financing:
            facts.append(f"financing {lead.financing.replace('_', ' ')}")
        verdict = ("qualified" if lead.qualified else "not qualified"
                   if lead.qualified is not None else "not yet scored")
        parts.append(f"Lead {', '.join(facts)}; score {lead.score:.2f}, {verdict}.")
    if lead.do_not_call:
        parts.append("Asked not to be contacted again (do-not-call set).")
    if s.callback_time:
        parts.append(f"Callback requested: {s.callback_time}.")
    for task in s.pending_tasks:
        if task.task_type == "human_escalation":
            status = ("asked for, then called off by the caller" if task.status == "cancelled" else
                      f"{task.human_agent_name or 'a person'} was free but the transfer was not "
                      f"answered ({task.transfer_status})" if task.transfer_status else
                      "a person was available" if task.human_available else
                      "no one was available; callback promised" if task.status == "completed"
                      else "check still running")
            parts.append(f"Asked for a person: {status}.")
    return " ".join(parts)


async def run(s: ConversationState, profile: BusinessProfile,
              assist: LanguageAssist | None = None,
              transcript: Sequence[Message] | None = None) -> None:
    """Outcome and summary; a model's notes read ``transcript`` when given (the whole
    conversation), else the messages the state keeps."""
    s.outcome = outcome(s)
    s.summary = summarise(s, profile)
    if assist is not None:  # a model's notes read better; the facts above stay the record
        told = (s.model_copy(update={"messages": list(transcript), "earlier_messages": 0})
                if transcript else s)
        notes = await assist.summarise(profile=profile, state=told)
        if notes:
            s.summary = f"{s.summary} Notes: {notes}"
