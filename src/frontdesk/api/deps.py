"""FastAPI dependencies (``Annotated`` aliases) resolving the services the root built."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from frontdesk.api.services import ApiServices
from frontdesk.conversations.service import ConversationService
from frontdesk.logs import bind_conversation


async def bind_path_conversation(request: Request) -> None:
    """Tag the request's log lines with the conversation its path names. Async on purpose: a
    sync dependency runs in a worker thread, whose context the handler never sees."""
    conversation_id = request.path_params.get("session_id")
    if conversation_id:
        bind_conversation(conversation_id)


def get_services(request: Request) -> ApiServices:
    return request.app.state.services


def get_conversations(request: Request) -> ConversationService:
    return request.app.state.services.conversations


ServicesDep = Annotated[ApiServices, Depends(get_services)]
ConversationsDep = Annotated[ConversationService, Depends(get_conversations)]
