"""Who calls: the API key behind ``Authorization: Bearer``, its rate limit, and the audit.

Case endpoints take a :class:`Caller`; rule endpoints and ``/health`` take none and need no key.
``X-Actor-Person`` names the person acting in the caller's own system (ASCII, or UTF-8
percent-encoded); without it the key's label is recorded.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote

import sqlite_utils
from litestar import Request

from samverkan.access.audit import Audit
from samverkan.access.inspection import TEXTS
from samverkan.access.keys import Keys, Principal
from samverkan.api.ratelimit import RateLimiter, retry_after
from samverkan.cases.disputes import Actor
from samverkan.kernel.errors import TooManyRequests, Unauthorized


@dataclass(frozen=True)
class RateLimits:
    """The two budgets: per API key, and per client address for requests without a valid key
    (the guard charges anonymous endpoints; :func:`provide_caller` charges an invalid key)."""

    per_key: RateLimiter
    per_address: RateLimiter


@dataclass(frozen=True)
class Caller:
    principal: Principal
    actor: Actor
    audit: Audit

    def wrote(self, db: sqlite_utils.Database, action: str, *views: dict[str, Any]) -> None:
        """Audit a change in the change's own transaction."""
        self.wrote_objects(db, action, [audited(v) for v in views])

    def wrote_objects(
        self, db: sqlite_utils.Database, action: str, objects: list[dict[str, Any]]
    ) -> None:
        """Audit a change by the objects it touched (as :func:`audited` describes them)."""
        self.audit.record(db, self.principal, action, objects)

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
    request: Request[Any, Any, Any], keys: Keys, limits: RateLimits, audit: Audit
) -> Caller:
    try:
        principal = keys.principal(request.headers.get("authorization"))
    except Unauthorized:
        address = request.client.host if request.client else "-"
        wait = limits.per_address.wait(address)
        if wait:  # no key, or a wrong one: the address's budget, then 429
            retry = retry_after(wait)
            raise TooManyRequests(
                TEXTS["rate.detail"].format(retry=retry),
                headers={"Retry-After": retry},
                title=TEXTS["rate.title"],
            ) from None
        raise
    wait = limits.per_key.wait(principal.key_id)
    if wait:
        retry = retry_after(wait)
        raise TooManyRequests(
            f"this key has used its requests for now; retry after {retry} s",
            headers={"Retry-After": retry},
        )
    person = unquote((request.headers.get("x-actor-person") or "").strip()).strip()
    actor = Actor(org=principal.org, person=person[:200] or principal.label, principal=principal)
    return Caller(principal=principal, actor=actor, audit=audit)
