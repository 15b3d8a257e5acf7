"""Conversations over HTTP: create, chat, read, end.

Public: a business's website talks to the agent without a login. ``POST /api/sessions`` returns
the conversation's ``session_token``; chatting in, reading and ending it need that token in
``X-Session-Token`` (or a back-office credential). All are rate limited and origin-checked.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request, status

from frontdesk.api.deps import ConversationsDep, ServicesDep, bind_path_conversation
from frontdesk.api.schemas import (
    ChatIn,
    SessionCreate,
    SessionOut,
    TranscriptLine,
    TurnOut,
    errors,
)
from frontdesk.api.security import conversation_access, public_endpoint
from frontdesk.conversations.views import public_state

router = APIRouter(prefix="/api", tags=["conversations"],
                   dependencies=[Depends(bind_path_conversation), Depends(public_endpoint)])


@router.post("/sessions", status_code=status.HTTP_201_CREATED, response_model=TurnOut,
             responses=errors(403, 409, 429))
async def create_session(body: SessionCreate, conversations: ConversationsDep,
                         services: ServicesDep) -> TurnOut:
    outcome = await conversations.create(
        body.profile, direction=body.direction, channel="text",
        caller_phone=body.caller.phone if body.caller else None,
        caller_name=body.caller.name if body.caller else None)
    conversation_id = outcome.state.conversation_id
    return TurnOut(session_id=conversation_id, reply=outcome.reply,
                   state=public_state(outcome.state),
                   session_token=await services.accounts.conversation_token(conversation_id))


@router.post("/chat", response_model=TurnOut, responses=errors(401, 403, 404, 409, 429))
async def chat(body: ChatIn, request: Request, conversations: ConversationsDep) -> TurnOut:
    await conversation_access(request, body.session_id)
    outcome = await conversations.chat(body.session_id, body.message)
    return TurnOut(session_id=body.session_id, reply=outcome.reply,
                   state=public_state(outcome.state))


@router.get("/sessions/{session_id}", response_model=SessionOut,
            responses=errors(401, 403, 404, 429))
async def get_session(session_id: str, request: Request,
                      conversations: ConversationsDep) -> SessionOut:
    """``session_id`` is the public API's name for the conversation's id."""
    await conversation_access(request, session_id)
    return await _view(session_id, conversations)


async def _view(session_id: str, conversations: ConversationsDep) -> SessionOut:
    state, turns = await conversations.get(session_id)
    return SessionOut(session_id=session_id, state=public_state(state), transcript=[
        TranscriptLine(seq=t.seq, role=t.role, text=t.text, agent=t.agent, intent=t.intent,
                       brain_ms=t.brain_ms, created_at=t.created_at, latency=t.latency)
        for t in turns])


@router.post("/sessions/{session_id}/end", response_model=SessionOut,
             responses=errors(401, 403, 404, 429))
async def end_session(session_id: str, request: Request,
                      conversations: ConversationsDep) -> SessionOut:
    await conversation_access(request, session_id)
    await conversations.end(session_id)
    return await _view(session_id, conversations)
