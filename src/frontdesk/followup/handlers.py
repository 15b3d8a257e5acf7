"""The job functions of follow-through: plan an event, send a reminder, alert staff, deliver a
webhook. Each reads what it needs fresh, logs every delivery attempt, and raises on failure so
the job engine retries it (a ``DeliveryError`` with ``retryable = False`` gives up at once).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Awaitable, Callable, Mapping
from datetime import UTC, datetime
from email.message import EmailMessage
from typing import Any, Protocol

from frontdesk.followup import plan
from frontdesk.followup.errors import DeliveryError
from frontdesk.followup.plan import Channels
from frontdesk.followup.sms import UNSUBSCRIBED
from frontdesk.knowledge.profile import BusinessProfile
from frontdesk.storage.facts import AppointmentFacts, FactsReader
from frontdesk.storage.jobs import JobRecord, JobStore
from frontdesk.storage.tasks import TaskStore

log = logging.getLogger(__name__)


class SmsSender(Protocol):
    async def send(self, to: str, body: str, *, status_callback: str | None = None) -> Any: ...


class Mailer(Protocol):
    async def send(self, message: EmailMessage) -> None: ...


class WebhookPoster(Protocol):
    async def post(self, url: str, secret: str, event: str, payload: dict[str, Any], *,
                   delivery_id: str | None = None) -> int: ...


class OptOuts(Protocol):
    async def is_opted_out(self, business_key: str, phone: str) -> bool: ...

    async def set_opt_out(self, business_key: str, phone: str, opted_out: bool) -> None: ...


class Skipped(Exception):
    """Nothing to send (the appointment was cancelled, the number opted out): the job is done."""


ReminderEmail = Callable[[BusinessProfile, AppointmentFacts, datetime], EmailMessage]


class FollowThrough:
    def __init__(self, *, profiles: Callable[[str], BusinessProfile], jobs: JobStore,
                 tasks: TaskStore, facts: FactsReader, opt_outs: OptOuts,
                 webhooks: WebhookPoster, sms: SmsSender | None, mailer: Mailer | None,
                 reminder_email: ReminderEmail, calls: bool,
                 clock: Callable[[], datetime] = lambda: datetime.now(UTC)) -> None:
        self._profile = profiles
        self._jobs = jobs
        self._tasks = tasks
        self._facts = facts
        self._opt_outs = opt_outs
        self._webhooks = webhooks
        self._sms = sms
        self._mailer = mailer
        self._reminder_email = reminder_email
        self._clock = clock
        self.channels = Channels(sms=sms is not None, email=mailer is not None, calls=calls)

    def handlers(self) -> Mapping[str, Callable[[JobRecord], Awaitable[None]]]:
        """The job kinds follow-through runs (``Skipped`` ends a job as done)."""
        return {kind: _done_when_skipped(handler) for kind, handler in (
            ("event", self.plan_event), ("reminder", self.remind), ("notify", self.notify),
            ("webhook", self.deliver_webhook))}

    # --- planning ------------------------------------------------------------------------------

    async def plan_event(self, job: JobRecord) -> None:
        event = job.payload["event"]
        if job.business is None:
            raise ValueError(f"event {event} has no business")
        profile = self._profile(job.business)
        now = self._clock()
        data: dict[str, Any]
        follow = []
        if event in plan.APPOINTMENT_EVENTS:
            facts = await self._facts.appointment(job.appointment_id or 0)
            if facts is None:
                raise Skipped(f"appointment {job.appointment_id} is gone")
            data = {**plan.appointment_data(profile, facts), "by": job.payload.get("by"),
                    "previous": job.payload.get("previous"), "added": job.payload.get("added")}
            # more work at the same visit (changed) keeps its start, and so its reminders
            if event in ("appointment_cancelled", "appointment_moved"):
                await self._jobs.cancel(appointment_id=facts.appointment_id, kinds=["reminder"],
                                        reason=event.removeprefix("appointment_"))
            if event in ("appointment_booked", "appointment_moved") and facts.active:
                follow += plan.reminder_jobs(profile, facts, self.channels, now,
                                             sms_opted_out=await self._opted_out(profile, facts))
        elif event in ("callback_requested", "escalation"):
            task = await self._tasks.get(job.payload["task_id"])
            if task is None:
                raise Skipped(f"task {job.payload['task_id']} is gone")
            data = plan.task_data(task)
            if event == "callback_requested" and task.status in ("pending", "claimed"):
                call = plan.callback_call_job(profile, task, self.channels, now)
                if call is not None and task.status == "pending":
                    follow.append(call)
        elif event == "lead_qualified":
            lead = await self._facts.lead(job.business, job.payload["customer_id"])
            if lead is None:
                raise Skipped("the lead is gone")
            data = {**plan.lead_data(lead), "conversation_id": job.conversation_id}
        else:
            raise ValueError(f"unknown event {event!r}")
        follow += plan.alert_jobs(event, profile, data, self.channels, source=job.job_id, now=now)
        added = await self._jobs.add_many(follow)
        log.info("event planned", extra={"event": event, "job_id": job.job_id,
                                         "jobs": len(added)})

    async def _opted_out(self, profile: BusinessProfile, facts: AppointmentFacts) -> bool:
        phone = facts.customer_phone
        return bool(phone) and await self._opt_outs.is_opted_out(profile.key, phone)

    # --- sending -------------------------------------------------------------------------------

    async def remind(self, job: JobRecord) -> None:
        facts = await self._facts.appointment(job.payload["appointment_id"])
        slot = job.payload["slot"]
        channel = job.payload["channel"]
        if facts is None or not facts.active or facts.start.isoformat(timespec="minutes") != slot:
            await self._log(job, channel, "-", "skipped", detail="the appointment changed")
            return
        profile = self._profile(facts.business)
        if channel == "sms":
            phone = facts.customer_phone
            if self._sms is None or not phone:
                await self._log(job, channel, phone or "-", "skipped", detail="no SMS channel")
                return
            if await self._opt_outs.is_opted_out(profile.key, phone):
                await self._log(job, channel, phone, "skipped", detail="opted out (STOP)")
                return
            text = plan.reminder_sms(profile, facts, self._clock())
            try:
                await self._send(job, channel, phone, self._sms.send(phone, text))
            except DeliveryError as exc:
                if exc.code != UNSUBSCRIBED:
                    raise
                # Twilio knows the number texted STOP (perhaps before we had the webhook).
                await self._opt_outs.set_opt_out(profile.key, phone, True)
        else:
            email = facts.customer_email
            if self._mailer is None or not email:
                await self._log(job, channel, email or "-", "skipped", detail="no email channel")
                return
            message = self._reminder_email(profile, facts, self._clock())
            await self._send(job, channel, email, self._mailer.send(message))

    async def notify(self, job: JobRecord) -> None:
        channel, target = job.payload["channel"], job.payload["target"]
        if channel == "sms":
            if self._sms is None:
                raise Skipped("SMS is not configured")
            sending = self._sms.send(target, f"{job.payload['subject']}: {job.payload['text']}")
        else:
            if self._mailer is None:
                raise Skipped("email is not configured")
            message = EmailMessage()
            message["To"], message["Subject"] = target, job.payload["subject"]
            message.set_content(job.payload["text"])
            sending = self._mailer.send(message)
        await self._send(job, channel, target, sending)

    async def deliver_webhook(self, job: JobRecord) -> None:
        url, variable = job.payload["url"], job.payload["secret_env"]
        secret = os.environ.get(variable)
        if not secret:
            await self._log(job, "webhook", url, "failed", detail=f"{variable} is not set")
            raise MissingSecretError(f"the webhook secret {variable} is not set")
        # The job's id is the delivery id: every retry carries the same one (receivers dedupe).
        await self._send(job, "webhook", url, self._webhooks.post(
            url, secret, job.payload["event"], job.payload["data"], delivery_id=job.job_id),
            status_of=True)

    async def _send(self, job: JobRecord, channel: str, target: str, sending: Any, *,
                    status_of: bool = False) -> None:
        if await self._jobs.delivered(job.job_id, channel, target):
            sending.close()  # never started: an earlier attempt of this job already sent it
            log.warning("already delivered; not sent again",
                        extra={"job_id": job.job_id, "channel": channel})
            return
        try:
            result = await sending
        except Exception as exc:
            await self._log(job, channel, target, "failed",
                            status_code=getattr(exc, "status_code", None), detail=str(exc))
            raise
        await self._log(job, channel, target, "sent",
                        status_code=result if status_of and isinstance(result, int) else None,
                        detail=getattr(result, "sid", None))

    async def _log(self, job: JobRecord, channel: str, target: str, status: str, *,
                   status_code: int | None = None, detail: str | None = None) -> None:
        await self._jobs.log_delivery(job_id=job.job_id, business=job.business, channel=channel,
                                      target=target, event=job.payload.get("event", job.kind),
                                      status=status, status_code=status_code, detail=detail)


class MissingSecretError(Exception):
    retryable = False


def _done_when_skipped(
        handler: Callable[[JobRecord], Awaitable[None]]) -> Callable[[JobRecord], Awaitable[None]]:
    async def run(job: JobRecord) -> None:
        try:
            await handler(job)
        except Skipped as why:
            log.info("job skipped", extra={"job_id": job.job_id, "kind": job.kind,
                                           "reason": str(why)})

    return run


class PlannedReminders:
    """The brain's :class:`~frontdesk.brain.ports.Reminders`: the reminders a booking made now
    gets, by the rules that write them (:func:`plan.planned_reminders`)."""

    def __init__(self, profiles: Mapping[str, BusinessProfile], channels: Channels,
                 opt_outs: OptOuts, clock: Callable[[], datetime]) -> None:
        self._profiles = profiles
        self._channels = channels
        self._opt_outs = opt_outs
        self._clock = clock

    async def planned(self, business: str, start: datetime, phone: str | None,
                      email: str | None) -> list[tuple[float, str]]:
        profile = self._profiles[business]
        try:
            opted_out = bool(phone) and await self._opt_outs.is_opted_out(business, phone)
        except ValueError:  # not a number a text can go to
            opted_out = True
        return plan.planned_reminders(profile, start, phone, email, self._channels,
                                      self._clock(), sms_opted_out=opted_out)
