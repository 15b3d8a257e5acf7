"""Conversations over HTTP: create, chat, read, end."""

from __future__ import annotations

from fastapi import APIRouter, Depends, status

from frontdesk.api.deps import ConversationsDep, bind_path_conversation
from frontdesk.api.schemas import (
    ChatIn,
    SessionCreate,
    SessionOut,
    TranscriptLine,
    TurnOut,
    errors,
)
from frontdesk.conversations.views import public_state

router = APIRouter(prefix="/api", tags=["conversations"],
                   dependencies=[Depends(bind_path_conversation)])


@router.post("/sessions", status_code=status.HTTP_201_CREATED, response_model=TurnOut,
             responses=errors(409))
async def create_session(body: SessionCreate, conversations: ConversationsDep) -> TurnOut:
    outcome = await conversations.create(
        body.profile, direction=body.direction, channel="text",
        caller_phone=body.caller.phone if body.caller else None,
        caller_name=body.caller.name if body.caller else None)
    return TurnOut(session_id=outcome.state.conversation_id, reply=outcome.reply,
                   state=public_state(outcome.state))


@router.post("/chat", response_model=TurnOut, responses=errors(404, 409))
async def chat(body: ChatIn, conversations: ConversationsDep) -> TurnOut:
    outcome = await conversations.chat(body.session_id, body.message)
    return TurnOut(session_id=body.session_id, reply=outcome.reply,
                   state=public_state(outcome.state))


@router.get("/sessions/{session_id}", response_model=SessionOut, responses=errors(404))
async def get_session(session_id: str, conversations: ConversationsDep) -> SessionOut:
    """``session_id`` is the public API's name for the conversation's id."""
    state, turns = await conversations.get(session_id)
    return SessionOut(session_id=session_id, state=public_state(state), transcript=[
        TranscriptLine(seq=t.seq, role=t.role, text=t.text, agent=t.agent, intent=t.intent,
                       brain_ms=t.brain_ms, created_at=t.created_at, latency=t.latency)
        for t in turns])


@router.post("/sessions/{session_id}/end", response_model=SessionOut,
             responses=errors(404))
async def end_session(session_id: str, conversations: ConversationsDep) -> SessionOut:
    await conversations.end(session_id)
    return await get_session(session_id, conversations)
