"""Follow-through: the task inbox (callbacks, callers who asked for a person) and the jobs
that run later (reminders, staff alerts, webhook deliveries, callback calls)."""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime
from typing import Annotated, Literal

from fastapi import APIRouter, HTTPException, Query

from frontdesk.api.deps import ServicesDep
from frontdesk.api.schemas import (
    CancelTaskIn,
    ClaimIn,
    CompleteIn,
    DeliveryOut,
    JobOut,
    RescheduleIn,
    TaskOut,
    errors,
)
from frontdesk.storage.jobs import JobRecord
from frontdesk.storage.tasks import TaskNotFoundError, TaskRecord, TaskStateError

router = APIRouter(prefix="/api", tags=["follow-through"])

TaskStatus = Literal["pending", "running", "claimed", "completed", "cancelled", "failed"]
JobStatus = Literal["scheduled", "running", "done", "failed", "cancelled"]


def task_out(record: TaskRecord) -> TaskOut:
    fields = asdict(record)
    return TaskOut(**{k: v for k, v in fields.items()
                      if k not in ("conversation_id", "human_available", "human_agent_name")},
                   session_id=record.conversation_id)


def job_out(record: JobRecord, deliveries: list[DeliveryOut] | None = None) -> JobOut:
    fields = asdict(record)
    return JobOut(**{k: v for k, v in fields.items()
                     if k not in ("conversation_id", "key", "updated_at")},
                  session_id=record.conversation_id, deliveries=deliveries or [])


async def _changed(change) -> TaskOut:
    try:
        return task_out(await change)
    except TaskNotFoundError:
        raise HTTPException(404, "no such task") from None
    except TaskStateError as exc:
        raise HTTPException(409, str(exc)) from None


@router.get("/tasks", response_model=list[TaskOut])
async def list_tasks(services: ServicesDep, business: str | None = None,
                     status: TaskStatus | None = None,
                     task_type: Annotated[Literal["callback", "human_escalation"] | None,
                                          Query(alias="type")] = None,
                     open_only: Annotated[bool, Query(alias="open")] = False,
                     due_before: datetime | None = None,
                     limit: Annotated[int, Query(ge=1, le=500)] = 50,
                     offset: Annotated[int, Query(ge=0)] = 0) -> list[TaskOut]:
    """Soonest due first. ``open=true``: only tasks someone still has to act on."""
    if due_before is not None and due_before.tzinfo is None:
        raise HTTPException(400, "due_before needs its UTC offset")
    rows = await services.tasks.list(business=business, status=status, task_type=task_type,
                                     open_only=open_only, due_before=due_before, limit=limit,
                                     offset=offset)
    return [task_out(r) for r in rows]


@router.get("/tasks/{task_id}", response_model=TaskOut, responses=errors(404))
async def get_task(services: ServicesDep, task_id: str) -> TaskOut:
    record = await services.tasks.get(task_id)
    if record is None:
        raise HTTPException(404, "no such task")
    return task_out(record)


@router.post("/tasks/{task_id}/claim", response_model=TaskOut, responses=errors(404, 409))
async def claim_task(services: ServicesDep, task_id: str, body: ClaimIn) -> TaskOut:
    """Take the task: the agent will not call back on its own."""
    return await _changed(services.tasks.claim(task_id, body.person))


@router.post("/tasks/{task_id}/complete", response_model=TaskOut, responses=errors(404, 409))
async def complete_task(services: ServicesDep, task_id: str, body: CompleteIn) -> TaskOut:
    return await _changed(services.tasks.complete(task_id, by=body.by, note=body.note))


@router.post("/tasks/{task_id}/reschedule", response_model=TaskOut, responses=errors(404, 409))
async def reschedule_task(services: ServicesDep, task_id: str, body: RescheduleIn) -> TaskOut:
    """A new due time; the callback call and the staff alert follow it."""
    return await _changed(services.tasks.reschedule(task_id, body.due_at, note=body.note))


@router.post("/tasks/{task_id}/cancel", response_model=TaskOut, responses=errors(404, 409))
async def cancel_task(services: ServicesDep, task_id: str, body: CancelTaskIn) -> TaskOut:
    return await _changed(services.tasks.cancel(task_id, note=body.note))


@router.get("/jobs", response_model=list[JobOut])
async def list_jobs(services: ServicesDep, status: JobStatus | None = None,
                    kind: str | None = None, business: str | None = None,
                    limit: Annotated[int, Query(ge=1, le=500)] = 100,
                    offset: Annotated[int, Query(ge=0)] = 0) -> list[JobOut]:
    """Latest due first. ``status=failed``: the jobs that gave up, with their last error."""
    rows = await services.jobs.list(status=status, kind=kind, business=business, limit=limit,
                                    offset=offset)
    return [job_out(r) for r in rows]


@router.get("/jobs/{job_id}", response_model=JobOut, responses=errors(404))
async def get_job(services: ServicesDep, job_id: str) -> JobOut:
    """The job with every delivery attempt it made."""
    record = await services.jobs.get(job_id)
    if record is None:
        raise HTTPException(404, "no such job")
    deliveries = [DeliveryOut(**{k: v for k, v in asdict(d).items()
                                 if k not in ("delivery_id", "job_id", "business")})
                  for d in await services.jobs.deliveries(job_id=job_id)]
    return job_out(record, deliveries)


@router.post("/jobs/{job_id}/retry", response_model=JobOut, responses=errors(404, 409))
async def retry_job(services: ServicesDep, job_id: str) -> JobOut:
    """Run a job that gave up (or was cancelled) again now, with fresh attempts."""
    if await services.jobs.get(job_id) is None:
        raise HTTPException(404, "no such job")
    if not await services.jobs.retry_now(job_id):
        raise HTTPException(409, "only a failed or cancelled job can be retried")
    record = await services.jobs.get(job_id)
    assert record is not None
    return job_out(record)
