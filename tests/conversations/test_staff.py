"""The staff desk is a port: a desk other than the simulation plugs into the service."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from frontdesk.app import build_runtime
from frontdesk.config import EscalationSettings
from frontdesk.conversations.service import ConversationService
from frontdesk.conversations.staff import SimulatedStaffDesk, StaffAnswer, StaffRequest
from frontdesk.storage.conversations import ConversationStore
from frontdesk.storage.models import Task
from tests.conftest import fixed_clock

pytestmark = pytest.mark.integration


class FrontOfficeDesk:
    """Answers at once: Dana is free unless told otherwise."""

    def __init__(self, available: bool) -> None:
        self.available = available
        self.asked: list[StaffRequest] = []

    async def ask(self, request: StaffRequest) -> StaffAnswer:
        self.asked.append(request)
        return StaffAnswer(self.available, "Dana")


async def _until(check, timeout_s: float = 5.0) -> bool:
    for _ in range(int(timeout_s / 0.02)):
        if await check():
            return True
        await asyncio.sleep(0.02)
    return False


@pytest.mark.parametrize("available", [True, False])
async def test_another_desk_answers_the_check_for_a_person(settings, available) -> None:
    runtime = await build_runtime(settings, clock=fixed_clock)
    desk = FrontOfficeDesk(available)
    service = ConversationService(runtime.brain, ConversationStore(runtime.sessions, runtime.jobs.store),
                                  runtime.events, desk)
    try:
        sid = (await service.create("dealership", caller_phone="+15125550177")).state.conversation_id
        turn = await service.chat(sid, "I want to talk to a manager")
        assert turn.state.escalation_in_progress

        async def answered() -> bool:
            state, _ = await service.get(sid)
            return not state.escalation_in_progress

        assert await _until(answered)
        state, _ = await service.get(sid)
        task = state.pending_tasks[0]
        assert (task.status, task.human_available, task.human_agent_name) == (
            "completed", available, "Dana")
        assert state.notifications_queue[0].handoff is available
        [request] = desk.asked
        assert (request.conversation_id, request.task_id, request.profile) == (
            sid, task.task_id, "dealership")
        assert request.staff == tuple(runtime.brain.profile("dealership").staff_names)
        # Nobody free: the caller hears "Dana will call you back within the hour", and that
        # promise is a stored callback task due in an hour; a free person promises nothing.
        async with runtime.sessions() as db:
            callbacks = list(await db.scalars(select(Task).where(
                Task.conversation_id == sid, Task.task_type == "callback")))
        if available:
            assert callbacks == []
        else:
            [callback] = callbacks
            assert "within the hour" in state.notifications_queue[0].message
            assert callback.status == "pending" and "Dana" in (callback.reason or "")
            assert datetime.fromisoformat(callback.due_at) - fixed_clock() == timedelta(hours=1)
    finally:
        await service.close()
        await runtime.close()


async def test_the_simulated_desk_answers_by_its_setting() -> None:
    request = StaffRequest("s", "t", "dealership", ("Sarah", "Mike"))
    never = SimulatedStaffDesk(EscalationSettings(min_wait_s=0, max_wait_s=0,
                                                  human_available="never"))
    answer = await never.ask(request)
    assert not answer.available and answer.person in {"Sarah", "Mike"}
    nobody_listed = StaffRequest("s", "t", "dealership", ())
    always = SimulatedStaffDesk(EscalationSettings(min_wait_s=0, max_wait_s=0,
                                                   human_available="always"))
    assert await always.ask(nobody_listed) == StaffAnswer(True, "a team member")


class SlowDesk:
    """Answers "Dana is free" only when the test says so."""

    def __init__(self) -> None:
        self.release = asyncio.Event()

    async def ask(self, request: StaffRequest) -> StaffAnswer:
        await self.release.wait()
        return StaffAnswer(True, "Dana")


async def test_never_mind_calls_the_check_off_and_its_answer_is_dropped(settings) -> None:
    runtime = await build_runtime(settings, clock=fixed_clock)
    desk = SlowDesk()
    service = ConversationService(runtime.brain, ConversationStore(runtime.sessions, runtime.jobs.store),
                                  runtime.events, desk)
    try:
        sid = (await service.create("dealership", caller_phone="+15125550178")).state.conversation_id
        assert (await service.chat(sid, "can I talk to a real person?")).state.escalation_in_progress
        turn = await service.chat(sid, "eh never mind, you're fine. oil change friday at 9")
        assert not turn.state.escalation_in_progress
        async with runtime.sessions() as db:
            [task] = list(await db.scalars(select(Task).where(
                Task.conversation_id == sid, Task.task_type == "human_escalation")))
        assert task.status == "cancelled"  # the console no longer shows it as open
        desk.release.set()  # Dana turns out to be free: nobody is put through any more

        async def settled() -> bool:
            async with runtime.sessions() as db:
                row = await db.get(Task, task.id)
                return row is not None and row.human_agent_name is None and row.status == "cancelled"

        await asyncio.sleep(0.2)
        assert await settled()
        state, _ = await service.get(sid)
        assert not state.notifications_queue
        assert "Dana" not in (await service.chat(sid, "Noor Haddad")).reply
    finally:
        await service.close()
