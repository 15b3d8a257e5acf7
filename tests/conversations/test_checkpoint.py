"""The checkpoint (the state written after every turn) stays small however long the call.

Every turn used to rewrite the whole message history into it: 145 KB at 400 turns, and a chat
turn's p50 went from 17 to 46 ms. The transcript lives in the turns table; the state keeps the
last few messages.
"""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from frontdesk.storage.models import Conversation

pytestmark = pytest.mark.integration

QUESTIONS = ("what are your hours?", "do you have a shuttle?", "do you have loaner cars?",
             "do you take walk-ins?")
MAX_CHECKPOINT_BYTES = 16 * 1024


async def test_four_hundred_turns_keep_the_checkpoint_small_and_the_transcript_whole(
        client) -> None:
    sid = (await client.post("/api/sessions", json={"profile": "dealership"})).json()[
        "session_id"]
    sessions = client.app.state.services.sessions
    sizes = []
    for n in range(400):
        message = QUESTIONS[n % len(QUESTIONS)]
        response = await client.post("/api/chat", json={"session_id": sid, "message": message})
        assert response.status_code == 200, response.text
        if n % 100 == 99:
            async with sessions() as db:
                state = await db.scalar(select(Conversation.state).where(Conversation.id == sid))
            sizes.append(len(json.dumps(state)))
    assert max(sizes) < MAX_CHECKPOINT_BYTES, sizes
    assert sizes[-1] <= sizes[0] * 1.2, f"the checkpoint still grows: {sizes}"

    session = (await client.get(f"/api/sessions/{sid}")).json()
    transcript = session["transcript"]
    assert session["state"]["turn_count"] == 400
    assert len(transcript) == 1 + 2 * 400
    callers = [line["text"] for line in transcript if line["role"] == "user"]
    assert callers == [QUESTIONS[n % len(QUESTIONS)] for n in range(400)]
    assert [line["seq"] for line in transcript] == list(range(1, 802))
