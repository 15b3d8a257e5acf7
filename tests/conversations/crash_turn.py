"""A server process that dies (SIGKILL) the moment a turn's booking is written.

Run by ``test_turn_transaction.py`` as ``python -m tests.conversations.crash_turn URL DATA_DIR
SESSION_ID MESSAGE``: it answers MESSAGE in that conversation and kills itself right after the
calendar has written the appointment, before the turn is saved — the window in which a booking
committed on its own used to survive its turn.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path

from frontdesk.app import build_runtime
from frontdesk.config import Settings
from frontdesk.storage.ports import SqlCalendar
from tests.conftest import fixed_clock


async def main(url: str, data_dir: str, conversation_id: str, message: str) -> None:
    book = SqlCalendar.book

    async def book_then_die(self, request):
        booked = await book(self, request)
        os.kill(os.getpid(), signal.SIGKILL)
        return booked

    SqlCalendar.book = book_then_die  # type: ignore[method-assign]
    runtime = await build_runtime(Settings(env="test", data_dir=Path(data_dir), database_url=url,
                                           voice_enabled=False), clock=fixed_clock, migrate=False)
    await runtime.conversations.chat(conversation_id, message)
    raise SystemExit("the turn finished: the booking never happened")


if __name__ == "__main__":
    asyncio.run(main(*sys.argv[1:5]))
