"""Durable jobs on both engines: the in-process worker on SQLite, procrastinate on PostgreSQL.

Every test runs the same job functions on both databases; the PostgreSQL runs go through
procrastinate's own worker and tables.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest

from frontdesk.app import prepare_database
from frontdesk.config import JobSettings, Settings
from frontdesk.jobs.engine import Jobs
from frontdesk.storage.database import create_engine, session_factory
from frontdesk.storage.jobs import JobRecord, JobStore, NewJob
from frontdesk.storage.transaction import transaction

pytestmark = pytest.mark.integration

FAST = JobSettings(poll_s=0.05, sweep_s=1, retry_base_s=0.05, retry_max_s=0.2, timeout_s=5)


class Failure(Exception):
    def __init__(self, message: str, *, retryable: bool = True) -> None:
        super().__init__(message)
        self.retryable = retryable


@pytest.fixture
async def job_settings(settings: Settings) -> Settings:
    await prepare_database(settings)
    return settings.model_copy(update={"jobs": FAST})


@pytest.fixture
async def store(job_settings):
    database = create_engine(job_settings.resolved_database_url)
    try:
        yield JobStore(session_factory(database))
    finally:
        await database.dispose()


def now() -> datetime:
    return datetime.now(UTC)


async def settled(store: JobStore, job_id: str, *, timeout_s: float = 15.0) -> JobRecord:
    """The job once it is done, failed or cancelled."""
    deadline = asyncio.get_running_loop().time() + timeout_s
    while True:
        job = await store.get(job_id)
        assert job is not None
        if job.status in ("done", "failed", "cancelled"):
            return job
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"job still {job.status} after {timeout_s} s: {job}")
        await asyncio.sleep(0.05)


async def running(job_settings, store, handlers):
    jobs = Jobs.build(job_settings, store, handlers)
    await jobs.start()
    return jobs


async def test_a_due_job_runs_once_with_its_payload(job_settings, store):
    seen: list[dict] = []

    async def remember(job: JobRecord) -> None:
        seen.append(job.payload)

    jobs = await running(job_settings, store, {"remember": remember})
    try:
        job_id = await store.add(NewJob("remember", now(), {"n": 1}))
        job = await settled(store, job_id)
    finally:
        await jobs.close()
    assert (job.status, job.attempts, seen) == ("done", 1, [{"n": 1}])
    expected = "procrastinate" if job_settings.resolved_database_url.startswith("postgresql") else "local"
    assert jobs.engine_name == expected


async def test_a_failing_job_is_retried_then_gives_up_with_its_last_error(job_settings, store):
    calls: list[datetime] = []

    async def flaky(job: JobRecord) -> None:
        calls.append(now())
        raise Failure(f"provider said no (attempt {job.attempts})")

    slower = job_settings.model_copy(update={"jobs": FAST.model_copy(
        update={"retry_base_s": 0.3, "retry_max_s": 5})})
    jobs = await running(slower, store, {"flaky": flaky})
    try:
        job_id = await store.add(NewJob("flaky", now(), max_attempts=3))
        job = await settled(store, job_id)
    finally:
        await jobs.close()
    assert job.status == "failed" and job.attempts == 3 and len(calls) == 3
    assert job.last_error == "Failure: provider said no (attempt 3)"
    # Backoff: never sooner than 0.3 s after the first failure, 0.6 s after the second.
    assert calls[1] - calls[0] >= timedelta(seconds=0.3)
    assert calls[2] - calls[1] >= timedelta(seconds=0.6)
    assert [j.job_id for j in await store.list(status="failed")] == [job_id]


async def test_a_permanent_error_gives_up_at_once(job_settings, store):
    async def invalid_number(job: JobRecord) -> None:
        raise Failure("21211 invalid 'To' number", retryable=False)

    jobs = await running(job_settings, store, {"sms": invalid_number})
    try:
        job = await settled(store, await store.add(NewJob("sms", now())))
    finally:
        await jobs.close()
    assert (job.status, job.attempts) == ("failed", 1)


async def test_a_job_that_recovers_is_done_after_a_retry(job_settings, store):
    async def second_time_lucky(job: JobRecord) -> None:
        if job.attempts == 1:
            raise Failure("503 from the provider")

    jobs = await running(job_settings, store, {"send": second_time_lucky})
    try:
        job = await settled(store, await store.add(NewJob("send", now())))
    finally:
        await jobs.close()
    assert (job.status, job.attempts) == ("done", 2)
    assert job.last_error == "Failure: 503 from the provider"


async def test_a_job_due_while_the_server_was_stopped_runs_after_it_starts(job_settings, store):
    ran: list[str] = []

    async def reminder(job: JobRecord) -> None:
        ran.append(job.job_id)

    # Written (by an earlier run of the server), due in a moment; nothing is running.
    job_id = await store.add(NewJob("reminder", now() + timedelta(seconds=0.3)))
    await asyncio.sleep(0.6)
    assert ran == [] and (await store.get(job_id)).status == "scheduled"
    jobs = await running(job_settings, store, {"reminder": reminder})
    try:
        job = await settled(store, job_id)
    finally:
        await jobs.close()
    assert job.status == "done" and ran == [job_id]


async def test_a_job_not_due_yet_waits_for_its_time(job_settings, store):
    ran_at: list[datetime] = []

    async def later(job: JobRecord) -> None:
        ran_at.append(now())

    jobs = await running(job_settings, store, {"later": later})
    try:
        due = now() + timedelta(seconds=1.2)
        job = await settled(store, await store.add(NewJob("later", due)))
    finally:
        await jobs.close()
    assert job.status == "done" and ran_at[0] >= due


async def test_a_job_interrupted_by_a_stop_runs_again_at_the_next_start(job_settings, store):
    started = asyncio.Event()
    finished: list[int] = []

    async def slow(job: JobRecord) -> None:
        started.set()
        if job.attempts == 1:
            await asyncio.sleep(30)
        finished.append(job.attempts)

    jobs = await running(job_settings, store, {"slow": slow})
    job_id = await store.add(NewJob("slow", now()))
    await asyncio.wait_for(started.wait(), 10)
    await jobs.close()  # the server stops mid-job
    assert (await store.get(job_id)).status == "scheduled"
    jobs = await running(job_settings, store, {"slow": slow})
    try:
        job = await settled(store, job_id)
    finally:
        await jobs.close()
    assert job.status == "done" and finished == [2]


async def test_a_job_written_in_a_rolled_back_transaction_never_runs(job_settings, store):
    ran: list[str] = []

    async def effect(job: JobRecord) -> None:
        ran.append(job.job_id)

    jobs = await running(job_settings, store, {"effect": effect})
    try:
        with pytest.raises(RuntimeError):
            async with transaction(store._sessions):
                await store.add(NewJob("effect", now(), key="booking:1"))
                raise RuntimeError("the turn failed after the booking")
        kept = await store.add(NewJob("effect", now(), key="booking:2"))
        await settled(store, kept)
    finally:
        await jobs.close()
    assert ran == [kept]
    assert await store.list(kind="effect") == [await store.get(kept)]


async def test_keys_deduplicate_and_cancelled_jobs_can_be_promised_again(store):
    due = now() + timedelta(hours=1)
    first = await store.add(NewJob("reminder", due, key="reminder:7:24h", appointment_id=None))
    assert await store.add(NewJob("reminder", due, key="reminder:7:24h")) is None
    assert await store.cancel(key_prefix="reminder:7:") == 1
    assert (await store.get(first)).status == "cancelled"
    again = await store.add(NewJob("reminder", due + timedelta(hours=2), key="reminder:7:24h"))
    assert again == first
    job = await store.get(first)
    assert job.status == "scheduled" and job.run_at == due + timedelta(hours=2)


async def test_two_workers_on_one_database_run_each_job_once(job_settings, store):
    runs: list[str] = []

    async def count(job: JobRecord) -> None:
        runs.append(job.job_id)
        await asyncio.sleep(0.01)

    first = await running(job_settings, store, {"count": count})
    second = await running(job_settings, store, {"count": count})
    try:
        ids = await store.add_many([NewJob("count", now(), {"i": i}) for i in range(20)])
        for job_id in ids:
            assert (await settled(store, job_id)).status == "done"
    finally:
        await first.close()
        await second.close()
    assert sorted(runs) == sorted(ids)


async def test_a_job_of_an_unknown_kind_fails_visibly(job_settings, store):
    jobs = await running(job_settings, store, {})
    try:
        job = await settled(store, await store.add(NewJob("teleport", now())))
    finally:
        await jobs.close()
    assert job.status == "failed" and "no handler" in job.last_error


async def test_a_job_running_now_is_never_taken_for_one_a_dead_worker_left(store):
    """The sweep frees rows untouched for minutes of wall time; a process clock in the past
    (tests, a skewed host) must not make a job just claimed look abandoned (it was run twice)."""
    past = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
    job_id = await store.add(NewJob("reminder", past - timedelta(minutes=1)))
    assert await store.claim(job_id, past) is not None
    assert await store.release_running(older_than=now() - timedelta(minutes=3)) == 0
    assert (await store.get(job_id)).status == "running"


async def test_an_attempt_knows_what_an_earlier_one_already_delivered(store):
    job_id = await store.add(NewJob("reminder", now()))
    await store.log_delivery(job_id=job_id, business=None, channel="sms", target="+15125550100",
                             event="reminder", status="failed", detail="timeout")
    assert not await store.delivered(job_id, "sms", "+15125550100")
    await store.log_delivery(job_id=job_id, business=None, channel="sms", target="+15125550100",
                             event="reminder", status="sent", detail="SM1")
    assert await store.delivered(job_id, "sms", "+15125550100")
    assert not await store.delivered(job_id, "email", "tom@example.com")
