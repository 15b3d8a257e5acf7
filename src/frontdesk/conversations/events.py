"""In-process publish/subscribe of conversation events (seed 004's WebSocket protocol).

Each WebSocket client subscribes to one conversation; publishing never blocks a turn — a
subscriber too slow to keep up loses its oldest events rather than stalling the call.
"""

from __future__ import annotations

import asyncio
from collections import defaultdict
from typing import Any

Event = dict[str, Any]


class EventBus:
    def __init__(self, queue_size: int = 256) -> None:
        self._subscribers: defaultdict[str, set[asyncio.Queue[Event]]] = defaultdict(set)
        self._queue_size = queue_size

    def subscribe(self, session_id: str) -> asyncio.Queue[Event]:
        queue: asyncio.Queue[Event] = asyncio.Queue(maxsize=self._queue_size)
        self._subscribers[session_id].add(queue)
        return queue

    def unsubscribe(self, session_id: str, queue: asyncio.Queue[Event]) -> None:
        subscribers = self._subscribers.get(session_id)
        if subscribers is not None:
            subscribers.discard(queue)
            if not subscribers:
                del self._subscribers[session_id]

    def publish(self, session_id: str, event: Event) -> None:
        for queue in list(self._subscribers.get(session_id, ())):
            if queue.full():
                queue.get_nowait()
            queue.put_nowait(event)

    def subscriber_count(self, session_id: str) -> int:
        return len(self._subscribers.get(session_id, ()))
