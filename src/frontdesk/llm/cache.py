"""Two-tier response cache (seed 003's pattern): in-process LRU with TTL, then Redis.

Keys hash the model, the rendered prompt and the state that matters to the answer, so a
cached reply is only reused for the same question about the same facts. Redis is optional;
when it is down the cache degrades to L1 and counts the errors instead of failing a turn.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

log = logging.getLogger(__name__)


def cache_key(model: str, purpose: str, payload: Any) -> str:
    blob = json.dumps([model, purpose, payload], sort_keys=True, separators=(",", ":"),
                      default=str)
    return "frontdesk:llm:" + hashlib.sha256(blob.encode()).hexdigest()[:40]


@dataclass
class CacheStats:
    l1_hits: int = 0
    l2_hits: int = 0
    misses: int = 0
    l2_errors: int = 0

    def as_dict(self) -> dict[str, float | int]:
        lookups = self.l1_hits + self.l2_hits + self.misses
        return {"l1_hits": self.l1_hits, "l2_hits": self.l2_hits, "misses": self.misses,
                "l2_errors": self.l2_errors,
                "hit_rate": round((self.l1_hits + self.l2_hits) / lookups, 3) if lookups else 0.0}


class ResponseCache:
    def __init__(self, entries: int, ttl_s: float, redis_url: str | None = None) -> None:
        self._entries = entries
        self._ttl_s = ttl_s
        self._l1: OrderedDict[str, tuple[float, str]] = OrderedDict()
        self._redis = None
        if redis_url:
            try:
                import redis.asyncio as redis
            except ImportError as exc:  # an extra: pip install 'frontdesk[redis]'
                raise ValueError("FRONTDESK_LLM__REDIS_URL needs the redis client: "
                                 "pip install 'frontdesk[redis]'") from exc
            self._redis = redis.from_url(redis_url, socket_connect_timeout=0.5,
                                         socket_timeout=0.5)
        self.stats = CacheStats()

    async def get(self, key: str) -> str | None:
        entry = self._l1.get(key)
        if entry is not None:
            expires, value = entry
            if expires > time.monotonic():
                self._l1.move_to_end(key)
                self.stats.l1_hits += 1
                return value
            del self._l1[key]
        if self._redis is not None:
            try:
                raw = await self._redis.get(key)
            except Exception as exc:  # a cache outage is not a turn failure
                self.stats.l2_errors += 1
                log.warning("redis cache unavailable", extra={"error": str(exc)})
                raw = None
            if raw is not None:
                value = raw.decode() if isinstance(raw, bytes) else str(raw)
                self._remember(key, value)
                self.stats.l2_hits += 1
                return value
        self.stats.misses += 1
        return None

    async def put(self, key: str, value: str) -> None:
        self._remember(key, value)
        if self._redis is not None:
            try:
                await self._redis.set(key, value, ex=max(1, int(self._ttl_s)))
            except Exception as exc:
                self.stats.l2_errors += 1
                log.warning("redis cache unavailable", extra={"error": str(exc)})

    def _remember(self, key: str, value: str) -> None:
        if self._entries <= 0:
            return
        self._l1[key] = (time.monotonic() + self._ttl_s, value)
        self._l1.move_to_end(key)
        while len(self._l1) > self._entries:
            self._l1.popitem(last=False)

    def clear_l1(self) -> None:
        self._l1.clear()

    async def close(self) -> None:
        if self._redis is not None:
            await self._redis.aclose()
