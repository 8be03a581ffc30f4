"""Rate limits: a token bucket per key (user, bucket name; client address …), in memory, per process."""

from __future__ import annotations

import math
import threading
import time


class RateLimiter:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._buckets: dict[tuple, tuple[float, float]] = {}   # key -> (tokens, last time)

    def take(self, key: tuple, per_minute: int) -> float:
        """Take one token; return 0 if allowed, else the seconds to wait."""
        if per_minute <= 0:
            return 0.0
        rate = per_minute / 60.0
        now = time.monotonic()
        with self._lock:
            tokens, last = self._buckets.get(key, (float(per_minute), now))
            tokens = min(float(per_minute), tokens + (now - last) * rate)
            if tokens >= 1.0:
                self._buckets[key] = (tokens - 1.0, now)
                return 0.0
            self._buckets[key] = (tokens, now)
            return max((1.0 - tokens) / rate, 0.001)

    def give_back(self, key: tuple, per_minute: int) -> None:
        """Return a token taken by :meth:`take` (an attempt that turned out not to count)."""
        if per_minute <= 0:
            return
        with self._lock:
            if key in self._buckets:
                tokens, last = self._buckets[key]
                self._buckets[key] = (min(float(per_minute), tokens + 1.0), last)


def retry_after(seconds: float) -> str:
    return str(max(1, math.ceil(seconds)))
