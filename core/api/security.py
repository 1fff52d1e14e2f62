"""Who calls: the API key behind ``Authorization: Bearer``, its rate limit, and the audit.

Case endpoints take a :class:`Caller`; rule endpoints and ``/health`` take none and need no key.
``X-Actor-Person`` names the person acting in the caller's own system (ASCII, or UTF-8
percent-encoded); without it the key's label is recorded.
"""

from __future__ import annotations

import math
import threading
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote

import sqlite_utils
from litestar import Request

from core.audit import Audit
from core.auth import Keys, Principal
from core.disputes import Actor
from core.errors import TooManyRequests


class RateLimiter:
    """A token bucket per key, in this process: ``per_minute`` requests, refilled smoothly."""

    def __init__(self, per_minute: int):
        self.rate = per_minute / 60.0
        self.capacity = float(per_minute)
        self.buckets: dict[str, tuple[float, float]] = {}
        self.lock = threading.Lock()

    def wait(self, key_id: str) -> float:
        """0 when the request may go ahead; otherwise the seconds until it may."""
        now = time.monotonic()
        with self.lock:
            tokens, then = self.buckets.get(key_id, (self.capacity, now))
            tokens = min(self.capacity, tokens + (now - then) * self.rate)
            if tokens >= 1:
                self.buckets[key_id] = (tokens - 1, now)
                return 0.0
            self.buckets[key_id] = (tokens, now)
            return (1 - tokens) / self.rate


@dataclass(frozen=True)
class Caller:
    principal: Principal
    actor: Actor
    audit: Audit

    def wrote(self, db: sqlite_utils.Database, action: str, *views: dict[str, Any]) -> None:
        """Audit a change in the change's own transaction."""
        self.audit.record(db, self.principal, action, [audited(v) for v in views])

    def read(self, action: str, *views: dict[str, Any]) -> None:
        """Audit a read before the answer goes out (the request fails if it cannot)."""
        self.audit.read(self.principal, action, [audited(v) for v in views])


def audited(view: dict[str, Any]) -> dict[str, Any]:
    kind = view["id"].split("_", 1)[0]
    return {
        "object_type": {"dsp": "dispute", "plc": "placement", "dev": "deviation"}.get(kind, kind),
        "object_id": view["id"],
        "individual_ref": view.get("individual_ref"),
        "agreement": view.get("agreement"),
    }


def provide_caller(
    request: Request[Any, Any, Any], keys: Keys, limiter: RateLimiter, audit: Audit
) -> Caller:
    principal = keys.principal(request.headers.get("authorization"))
    wait = limiter.wait(principal.key_id)
    if wait:
        retry = str(max(1, math.ceil(wait)))
        raise TooManyRequests(
            f"this key has used its requests for now; retry after {retry} s",
            headers={"Retry-After": retry},
        )
    person = unquote((request.headers.get("x-actor-person") or "").strip()).strip()
    actor = Actor(org=principal.org, person=person[:200] or principal.label, principal=principal)
    return Caller(principal=principal, actor=actor, audit=audit)
