"""What follows an event, and the words it is said in: pure functions, no I/O.

An event (``appointment_booked`` …) becomes jobs: reminders at the profile's lead times (one per
channel, so a failed SMS is retried without sending the email twice), one staff alert per
route and channel, one webhook delivery per subscribed endpoint, and a callback call at its due
time. Every job has a key derived from what it is for, so planning the same event twice (a
worker that stopped mid-way runs it again) adds nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from frontdesk.knowledge.profile import BusinessProfile
from frontdesk.storage.facts import AppointmentFacts, LeadFacts
from frontdesk.storage.jobs import NewJob
from frontdesk.storage.tasks import TaskRecord

REMINDER_MIN_LEAD = timedelta(minutes=15)
"""A lead time shorter than this is not a reminder (the profile asked for one too late)."""
APPOINTMENT_EVENTS = ("appointment_booked", "appointment_cancelled", "appointment_moved",
                      "appointment_changed")


@dataclass(slots=True, frozen=True)
class Channels:
    """The delivery channels configured in this process."""

    sms: bool
    email: bool
    calls: bool
    """The agent can place outbound calls (Twilio configured, a public URL to give it)."""


def local_to_utc(start: datetime, timezone: str) -> datetime:
    return start.replace(tzinfo=ZoneInfo(timezone)).astimezone(UTC)


def what(profile: BusinessProfile, facts: AppointmentFacts) -> str:
    """"oil change", "test drive", "showing" …"""
    service = profile.service(facts.service_type)
    if service is not None:
        return service.name.lower()
    kind = profile.appointment_type(facts.appointment_type)
    return kind.label.lower() if kind is not None else facts.appointment_type.replace("_", " ")


def when(start: datetime, now_local: datetime) -> str:
    """"today at 2:30 PM", "tomorrow at 9 AM", "Friday, December 4 at 9:30 AM"."""
    clock = f"{start:%-I:%M %p}".replace(":00 ", " ")
    days = (start.date() - now_local.date()).days
    if days == 0:
        return f"today at {clock}"
    if days == 1:
        return f"tomorrow at {clock}"
    return f"{start:%A, %B %-d} at {clock}"


def planned_reminders(profile: BusinessProfile, start: datetime, phone: str | None,
                      email: str | None, channels: Channels, now: datetime, *,
                      sms_opted_out: bool = False) -> list[tuple[float, str]]:
    """``(hours before, channel)`` of the reminders an appointment at ``start`` (local) gets:
    what the agent promises when it books, and what :func:`reminder_jobs` writes."""
    policy = profile.follow_up.reminders
    start_utc = local_to_utc(start, profile.timezone)
    wanted = []
    if policy.sms and channels.sms and phone and not sms_opted_out:
        wanted.append("sms")
    if policy.email and channels.email and email:
        wanted.append("email")
    planned = []
    for hours in sorted(set(policy.hours_before), reverse=True):
        run_at = start_utc - timedelta(hours=hours)
        # A lead time already past when the appointment is made is skipped: the caller has
        # just heard the read-back, and the next (shorter) reminder still goes out.
        if run_at < now - timedelta(minutes=1) or start_utc - run_at < REMINDER_MIN_LEAD:
            continue
        planned += [(hours, channel) for channel in wanted]
    return planned


def reminder_jobs(profile: BusinessProfile, facts: AppointmentFacts, channels: Channels,
                  now: datetime, *, sms_opted_out: bool = False) -> list[NewJob]:
    """One job per lead time and channel, for the appointment's current slot."""
    start_utc = local_to_utc(facts.start, profile.timezone)
    slot = facts.start.isoformat(timespec="minutes")
    return [NewJob(
        "reminder", max(start_utc - timedelta(hours=hours), now),
        {"appointment_id": facts.appointment_id, "slot": slot, "channel": channel,
         "hours_before": hours},
        key=f"reminder:{facts.appointment_id}:{slot}:{hours:g}h:{channel}",
        business=profile.key, conversation_id=facts.conversation_id,
        appointment_id=facts.appointment_id)
        for hours, channel in planned_reminders(profile, facts.start, facts.customer_phone,
                                                facts.customer_email, channels, now,
                                                sms_opted_out=sms_opted_out)]


def reminder_sms(profile: BusinessProfile, facts: AppointmentFacts, now: datetime) -> str:
    now_local = now.astimezone(ZoneInfo(profile.timezone)).replace(tzinfo=None)
    text = (f"Reminder from {profile.name}: your {what(profile, facts)} is "
            f"{when(facts.start, now_local)}")
    if profile.address:
        text += f" at {profile.address}"
    text += "."
    if profile.phone:
        text += f" To change it, call {profile.phone}."
    return text + " Reply STOP to opt out."


def staff_alert(event: str, profile: BusinessProfile, data: dict[str, Any]) -> tuple[str, str]:
    """(subject, text) of a staff alert."""
    who = data.get("customer_name") or data.get("caller_name") or "A caller"
    phone = data.get("customer_phone") or data.get("caller_phone")
    caller = f"{who} ({phone})" if phone else who
    if event in APPOINTMENT_EVENTS:
        slot = datetime.fromisoformat(data["start"])
        line = f"{data['what']} on {slot:%a %b %-d at %-I:%M %p}"
        if data.get("vehicle"):
            line += f", {data['vehicle']}"
        # A member of staff who changed it (the console) is named; the caller is not "by" anyone.
        staff = data.get("by") if data.get("by") not in (None, "caller") else None
        actor, line = (staff, f"{caller}'s {line}") if staff else (caller, line)
        subject, text = {
            "appointment_booked": ("New booking", f"{caller} booked {line}."),
            "appointment_cancelled": ("Booking cancelled", f"{actor} cancelled {line}."),
            "appointment_moved": ("Booking moved", f"{actor} moved {line} "
                                  f"(was {datetime.fromisoformat(data['previous']):%a %b %-d at %-I:%M %p})."
                                  if data.get("previous") else f"{actor} moved {line}."),
            "appointment_changed": ("Work added", f"{actor} added to {line}: "
                                    f"{str(data.get('added') or 'more work').removeprefix('also: ')}."),
        }[event]
    elif event == "callback_requested":
        due = data.get("due_at")
        due_text = ""
        if due:
            local = datetime.fromisoformat(due).astimezone(ZoneInfo(profile.timezone))
            due_text = f" by {local:%a %-I:%M %p}"
        subject = "Callback to make"
        text = f"Call back {caller}{due_text}. {data.get('reason') or ''}".strip()
    elif event == "escalation":
        subject = "Caller asked for a person"
        text = f"{caller} asked to speak with someone. {data.get('reason') or ''}".strip()
    elif event == "lead_qualified":
        subject = "Qualified lead"
        details = [f"score {data['score']:.2f}"]
        if data.get("intent"):
            details.append(str(data["intent"]))
        if data.get("budget_max"):
            details.append(f"budget up to ${data['budget_max']:,}")
        if data.get("location"):
            details.append(str(data["location"]))
        text = f"{caller} qualified: {', '.join(details)}."
    else:
        raise ValueError(f"no staff alert for {event!r}")
    return f"{profile.name}: {subject}", text


def appointment_data(profile: BusinessProfile, facts: AppointmentFacts) -> dict[str, Any]:
    return {"appointment_id": facts.appointment_id, "status": facts.status,
            "department": facts.department, "appointment_type": facts.appointment_type,
            "service_type": facts.service_type, "what": what(profile, facts),
            "start": facts.start.isoformat(timespec="minutes"),
            "start_utc": local_to_utc(facts.start, profile.timezone).isoformat(),
            "duration_min": facts.duration_min, "customer_name": facts.customer_name,
            "customer_phone": facts.customer_phone, "customer_email": facts.customer_email,
            "vehicle": facts.vehicle, "conversation_id": facts.conversation_id}


def task_data(task: TaskRecord) -> dict[str, Any]:
    return {"task_id": task.task_id, "task_type": task.task_type, "status": task.status,
            "reason": task.reason, "due_at": task.due_at.isoformat() if task.due_at else None,
            "caller_phone": task.caller_phone, "caller_name": task.caller_name,
            "conversation_id": task.conversation_id}


def lead_data(lead: LeadFacts) -> dict[str, Any]:
    return {"customer_name": lead.name, "customer_phone": lead.phone,
            "customer_email": lead.email, "status": lead.status, "score": lead.score,
            "intent": lead.intent, "budget_max": lead.budget_max,
            "timeline_months": lead.timeline_months, "location": lead.location}


def alert_jobs(event: str, profile: BusinessProfile, data: dict[str, Any], channels: Channels,
               source: str, now: datetime) -> list[NewJob]:
    """Staff alerts (per route and configured channel) and webhook deliveries for an event.

    ``source`` (the event job's id) keys them: planning the event again adds nothing."""
    subject, text = staff_alert(event, profile, data)
    common = dict(business=profile.key, conversation_id=data.get("conversation_id"),
                  appointment_id=data.get("appointment_id"))
    jobs = []
    for route in profile.follow_up.staff:
        if event not in route.events:
            continue
        for channel, target, usable in (("email", route.email, channels.email),
                                        ("sms", route.sms, channels.sms)):
            if target and usable:
                jobs.append(NewJob("notify", now, {"channel": channel, "target": target,
                                                   "event": event, "subject": subject,
                                                   "text": text},
                                   key=f"notify:{source}:{channel}:{target}", **common))
    for index, hook in enumerate(profile.follow_up.webhooks):
        if event in hook.events:
            jobs.append(NewJob("webhook", now, {"url": hook.url, "secret_env": hook.secret_env,
                                                "event": event, "data": data},
                               key=f"webhook:{source}:{index}", max_attempts=8, **common))
    return jobs


def callback_call_job(profile: BusinessProfile, task: TaskRecord, channels: Channels,
                      now: datetime) -> NewJob | None:
    """The agent's own call back at the task's due time, when it can and the profile wants it."""
    if not (profile.follow_up.call_back and channels.calls and task.caller_phone
            and task.task_type == "callback"):
        return None
    due = max(task.due_at or now, now)
    return NewJob("callback_call", due, {"task_id": task.task_id},
                  key=f"callback_call:{task.task_id}:{due.isoformat(timespec='seconds')}",
                  max_attempts=3, business=profile.key, conversation_id=task.conversation_id)
