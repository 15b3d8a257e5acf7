"""A call that drops while the agent waits for an answer leaves a callback task; a call that
ended on its own terms, or a text chat closed mid-way, does not (both databases)."""

from __future__ import annotations

import pytest

from frontdesk.app import open_runtime
from tests.conftest import fixed_clock

pytestmark = pytest.mark.integration

CALLER = "+15125550188"


async def _talk(runtime, channel: str, *lines: str) -> str:
    outcome = await runtime.conversations.create("dealership", channel=channel,
                                                 caller_phone=CALLER)
    sid = outcome.state.conversation_id
    for line in lines:
        outcome = await runtime.conversations.chat(sid, line)
    return sid


async def test_a_phone_call_that_drops_mid_booking_is_called_back(settings) -> None:
    async with open_runtime(settings, clock=fixed_clock) as runtime:
        sid = await _talk(runtime, "phone", "hi I need to get my brakes looked at",
                          "this is Carla Nunez")
        ended = await runtime.conversations.end(sid)  # the line goes dead
        [task] = await runtime.tasks.list(task_type="callback")
        assert task.conversation_id == sid and task.status == "pending"
        assert task.caller_phone == CALLER
        assert "dropped" in task.reason
        assert (task.due_at - fixed_clock()).total_seconds() == 15 * 60
        assert ended.outcome == "callback_scheduled"


async def test_no_callback_when_nothing_was_pending_or_for_a_text_chat(settings) -> None:
    async with open_runtime(settings, clock=fixed_clock) as runtime:
        sid = await _talk(runtime, "phone", "what time do you close on saturday?")
        await runtime.conversations.end(sid)
        chat = await _talk(runtime, "text", "hi I need to get my brakes looked at")
        await runtime.conversations.end(chat)
        assert await runtime.tasks.list(task_type="callback") == []
