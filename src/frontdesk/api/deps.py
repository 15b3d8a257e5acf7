"""FastAPI dependencies (``Annotated`` aliases) resolving the process runtime."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from frontdesk.app import Runtime
from frontdesk.conversations.service import ConversationService


def get_runtime(request: Request) -> Runtime:
    return request.app.state.runtime


def get_conversations(request: Request) -> ConversationService:
    return request.app.state.runtime.conversations


RuntimeDep = Annotated[Runtime, Depends(get_runtime)]
ConversationsDep = Annotated[ConversationService, Depends(get_conversations)]
