"""Rate limits: a token bucket per key (a client IP and the kind of endpoint).

:class:`RateLimiter` is the port; :class:`TokenBucketLimiter` keeps the buckets in this
process, which is right for one server. Several servers behind a balancer would share the
buckets in Redis behind the same one-method interface.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol


class RateLimiter(Protocol):
    async def hit(self, key: str) -> float | None:
        """Count one request for ``key``: None when it may go ahead, else the seconds to wait."""
        ...


@dataclass(slots=True)
class _Bucket:
    tokens: float
    at: float


class TokenBucketLimiter:
    """``burst`` requests at once, refilled at ``per_minute`` a minute, per key.

    At most ``max_keys`` buckets are kept (least recently used dropped), so a flood of
    addresses cannot grow memory without bound."""

    def __init__(self, per_minute: float, burst: int, *, max_keys: int = 10_000,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.rate_per_s = per_minute / 60.0
        self.burst = float(burst)
        self.max_keys = max_keys
        self._clock = clock
        self._buckets: OrderedDict[str, _Bucket] = OrderedDict()

    async def hit(self, key: str) -> float | None:
        now = self._clock()
        bucket = self._buckets.pop(key, None) or _Bucket(self.burst, now)
        bucket.tokens = min(self.burst, bucket.tokens + (now - bucket.at) * self.rate_per_s)
        bucket.at = now
        self._buckets[key] = bucket
        while len(self._buckets) > self.max_keys:
            self._buckets.popitem(last=False)
        if bucket.tokens >= 1.0:
            bucket.tokens -= 1.0
            return None
        return (1.0 - bucket.tokens) / self.rate_per_s if self.rate_per_s > 0 else 60.0
