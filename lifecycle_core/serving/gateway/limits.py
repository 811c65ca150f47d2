"""Per-key rate limits: a token bucket per API key, refilled continuously."""

from __future__ import annotations

import time


class RateLimiter:
    def __init__(self, per_minute: int, clock=time.monotonic):
        self.rate, self.capacity, self.clock = per_minute / 60.0, float(per_minute), clock
        self._buckets: dict[str, tuple[float, float]] = {}  # key id -> (tokens, last refill)

    def take(self, key_id: str) -> float | None:
        """None when the request may go; otherwise the seconds until it could."""
        if self.capacity <= 0:
            return None
        now = self.clock()
        tokens, last = self._buckets.get(key_id, (self.capacity, now))
        tokens = min(self.capacity, tokens + (now - last) * self.rate)
        if tokens < 1.0:
            self._buckets[key_id] = (tokens, now)
            return (1.0 - tokens) / self.rate
        self._buckets[key_id] = (tokens - 1.0, now)
        return None


__all__ = ["RateLimiter"]
