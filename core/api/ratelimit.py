"""Token buckets: so many requests per minute per key (or per client address), per process."""

from __future__ import annotations

import math
import threading
import time

_PRUNE_AT = 10_000  # buckets kept before idle (full) ones are dropped


class RateLimiter:
    """A token bucket per name, in this process: ``per_minute`` requests, refilled smoothly.

    Memory stays bounded whatever the callers: past :data:`_PRUNE_AT` names, buckets that have
    refilled completely (as good as new) are dropped.
    """

    def __init__(self, per_minute: int):
        self.rate = per_minute / 60.0
        self.capacity = float(per_minute)
        self.buckets: dict[str, tuple[float, float]] = {}
        self.lock = threading.Lock()

    def wait(self, name: str) -> float:
        """0 when the request may go ahead (and is counted); else the seconds until it may."""
        now = time.monotonic()
        with self.lock:
            tokens, then = self.buckets.get(name, (self.capacity, now))
            tokens = min(self.capacity, tokens + (now - then) * self.rate)
            if tokens >= 1:
                self.buckets[name] = (tokens - 1, now)
                if len(self.buckets) > _PRUNE_AT:
                    self._prune(now)
                return 0.0
            self.buckets[name] = (tokens, now)
            return (1 - tokens) / self.rate

    def _prune(self, now: float) -> None:
        full = self.capacity / self.rate if self.rate else math.inf
        for name, (_, then) in list(self.buckets.items()):
            if now - then >= full:
                del self.buckets[name]


def retry_after(wait: float) -> str:
    """The ``Retry-After`` value for a wait in seconds (whole seconds, at least 1)."""
    return str(max(1, math.ceil(wait)))
