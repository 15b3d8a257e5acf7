"""``WS /ws/{session_id}``: live events of one conversation (seed 004's protocol).

Who may follow it: a back-office credential (the session cookie, or an API key as ``?key=`` or
``Authorization: Bearer``) or the conversation's own token (``?token=``, the browser call's).
Anyone else is refused before the handshake completes (HTTP 403 to the client)."""

from __future__ import annotations

import asyncio
import contextlib
import json

from fastapi import APIRouter, WebSocket, WebSocketDisconnect

from frontdesk.api.security import conversation_access
from frontdesk.conversations.events import StateUpdate
from frontdesk.conversations.service import ConversationNotFoundError
from frontdesk.logs import bind_conversation

router = APIRouter()
HEARTBEAT_S = 20.0


@router.websocket("/ws/{session_id}")
async def events(websocket: WebSocket, session_id: str) -> None:
    conversation_id = session_id  # the public API's name for it
    services = websocket.app.state.services
    bind_conversation(conversation_id)
    await conversation_access(websocket, conversation_id)
    # Accepted first: a close before the handshake reaches the client as HTTP 403, and the
    # documented answer to an unknown conversation is the close code 4404.
    await websocket.accept()
    try:
        state, _ = await services.conversations.get(conversation_id)
    except ConversationNotFoundError:
        await websocket.close(code=4404, reason="session not found")
        return
    queue = services.events.subscribe(conversation_id, replay=True)
    try:
        await websocket.send_json(StateUpdate.of(state).as_json())
        receiver = asyncio.create_task(_receive(websocket))
        try:
            while not receiver.done():
                getter = asyncio.create_task(queue.get())
                done, _ = await asyncio.wait({getter, receiver}, timeout=HEARTBEAT_S,
                                             return_when=asyncio.FIRST_COMPLETED)
                if getter in done:
                    await websocket.send_json(getter.result().as_json())
                else:
                    getter.cancel()
                    if not done:
                        await websocket.send_json({"type": "heartbeat"})
        finally:
            receiver.cancel()
            with contextlib.suppress(asyncio.CancelledError, WebSocketDisconnect):
                await receiver
    except WebSocketDisconnect:
        pass
    finally:
        services.events.unsubscribe(conversation_id, queue)


async def _receive(websocket: WebSocket) -> None:
    """Answer pings; anything else is ignored. Returns when the client goes away."""
    while True:
        received = await websocket.receive()
        if received["type"] == "websocket.disconnect":
            raise WebSocketDisconnect(received.get("code", 1000))
        raw = received.get("text")
        if raw is None:  # a binary frame
            await websocket.send_json({"type": "error", "detail": "messages must be JSON text"})
            continue
        try:
            message = json.loads(raw)
        except (ValueError, RecursionError):
            await websocket.send_json({"type": "error", "detail": "messages must be JSON"})
            continue
        if isinstance(message, dict) and message.get("type") == "ping":
            await websocket.send_json({"type": "pong"})
