"""The agent returns a call it promised: the ``callback_call`` job.

Planned at a callback task's due time when outbound calling is configured and the profile
allows it (:func:`frontdesk.followup.plan.callback_call_job`). When it runs:

- a task somebody claimed, completed or cancelled in the meantime is left to them;
- a number on the do-not-call list is not called (the task is cancelled, saying why);
- outside calling hours (8 AM to 9 PM at the callee's), the call waits for the next allowed
  hour (a new job; staff already have the task in their inbox);
- otherwise the agent rings, greets with "returning your call", and the task is claimed by
  the agent with the call's conversation noted on it. A failure to place the call is retried.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from frontdesk.conversations.service import DoNotCallError
from frontdesk.storage.jobs import JobRecord, JobStore, NewJob
from frontdesk.storage.tasks import TaskStore
from frontdesk.telephony.outbound import OutsideCallingHoursError
from frontdesk.telephony.phone import PhoneCalls

log = logging.getLogger(__name__)

AGENT = "the agent"
"""Who a callback the agent placed itself is claimed by."""
HOURS_LOOKAHEAD = 36
"""How far ahead the next allowed calling hour is looked for."""


class CallbackCaller:
    def __init__(self, phone: PhoneCalls, tasks: TaskStore, jobs: JobStore, *, base_url: str,
                 allowed: Callable[[str, str, datetime], bool]) -> None:
        self._phone = phone
        self._tasks = tasks
        self._jobs = jobs
        self._base_url = base_url
        self._allowed = allowed
        """``allowed(number, business_zone, moment)``: may this number be called then?"""

    async def __call__(self, job: JobRecord) -> None:
        task = await self._tasks.get(job.payload["task_id"])
        if task is None or task.status != "pending" or not task.caller_phone:
            log.info("callback call not needed", extra={"job_id": job.job_id,
                                                        "task_status": task and task.status})
            return
        try:
            record = await self._phone.place(base_url=self._base_url, profile=task.business,
                                             to=task.caller_phone, callback_for=task.task_id)
        except DoNotCallError:
            await self._tasks.cancel(task.task_id, note="not called back: the number is on the "
                                                        "do-not-call list")
            return
        except OutsideCallingHoursError as exc:
            later = self._next_allowed(task.caller_phone, task.business, self._jobs.clock())
            await self._jobs.add(NewJob("callback_call", later, {"task_id": task.task_id},
                                        key=f"callback_call:{task.task_id}:{later.isoformat()}",
                                        max_attempts=job.max_attempts, business=task.business,
                                        conversation_id=task.conversation_id))
            log.info("callback call waits for calling hours",
                     extra={"job_id": job.job_id, "reason": str(exc), "at": later.isoformat()})
            return
        await self._tasks.claim(task.task_id, AGENT,
                                note=f"called back by the agent (conversation {record.conversation_id})")

    def _next_allowed(self, number: str, business: str, now: datetime) -> datetime:
        """The next whole hour at which calling ``number`` is allowed."""
        moment = now.replace(minute=0, second=0, microsecond=0)
        for _ in range(HOURS_LOOKAHEAD):
            moment += timedelta(hours=1)
            if self._allowed(number, business, moment):
                return moment
        return now + timedelta(hours=12)
