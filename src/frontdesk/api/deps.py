"""FastAPI dependencies (``Annotated`` aliases) resolving the process runtime."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from frontdesk.app import Runtime
from frontdesk.conversations.service import ConversationService
from frontdesk.logs import bind_conversation


async def bind_path_conversation(request: Request) -> None:
    """Tag the request's log lines with the conversation its path names. Async on purpose: a
    sync dependency runs in a worker thread, whose context the handler never sees."""
    conversation_id = request.path_params.get("session_id")
    if conversation_id:
        bind_conversation(conversation_id)


def get_runtime(request: Request) -> Runtime:
    return request.app.state.runtime


def get_conversations(request: Request) -> ConversationService:
    return request.app.state.runtime.conversations


RuntimeDep = Annotated[Runtime, Depends(get_runtime)]
ConversationsDep = Annotated[ConversationService, Depends(get_conversations)]
