"""Who calls: the API key behind ``Authorization: Bearer``, its rate limit, and the audit of
what it reads.

Case endpoints take a :class:`Caller`; rule endpoints and ``/health`` take none and need no key.
``X-Actor-Person`` names the person acting in the caller's own system (ASCII, or UTF-8
percent-encoded); without it the key's label is recorded.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar
from urllib.parse import unquote

from litestar import Request
from litestar.di import NamedDependency

from samverkan.access.audit import Audit
from samverkan.access.inspection import TEXTS
from samverkan.access.keys import Keys, Principal
from samverkan.api.ratelimit import RateLimiter, retry_after
from samverkan.cases.changes import Change
from samverkan.cases.common import Actor, audited
from samverkan.kernel.errors import TooManyRequests, Unauthorized
from samverkan.kernel.i18n import _

T = TypeVar("T")


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

    def change(
        self,
        request: Request[Any, Any, Any],
        idempotency_key: str | None = None,
        if_match: str | None = None,
    ) -> Change:
        """The change this request asks for (a key is bound to the method and the path)."""
        route = f"{request.method} {request.url.path}"
        return Change(self.actor, route, idempotency_key, if_match)

    def read(self, action: str, *cases: dict[str, Any]) -> None:
        """Audit a read before the answer goes out (the request fails if it cannot)."""
        self.audit.read(self.principal, action, [audited(case) for case in cases])


def caller_provider(
    keys: Keys, limits: RateLimits, audit: Audit
) -> Callable[[Request[Any, Any, Any]], Caller]:
    """The ``caller`` dependency: it takes only the request (the keys, the limits and the
    audit are the service's own), so it is resolved alone, not beside three more."""

    def provide_caller(request: Request[Any, Any, Any]) -> Caller:
        try:
            principal = keys.principal(request.headers.get("authorization"))
        except Unauthorized:
            address = request.client.host if request.client else "-"
            wait = limits.per_address.wait(address)
            if wait:  # no key, or a wrong one: the address's budget, then 429
                retry = retry_after(wait)
                raise TooManyRequests(
                    _(TEXTS["rate.detail"], retry=retry),
                    headers={"Retry-After": retry},
                    title=_(TEXTS["rate.title"]),
                ) from None
            raise
        wait = limits.per_key.wait(principal.key_id)
        if wait:
            retry = retry_after(wait)
            raise TooManyRequests(
                _("this key has used its requests for now; retry after %(retry)s s", retry=retry),
                headers={"Retry-After": retry},
            )
        person = unquote((request.headers.get("x-actor-person") or "").strip()).strip()
        actor = Actor(
            org=principal.org, person=person[:200] or principal.label, principal=principal
        )
        return Caller(principal=principal, actor=actor, audit=audit)

    return provide_caller


def acting(service: T) -> Callable[[Caller], T]:
    """A case service's dependency, resolved once the caller is known, after it rather than
    beside it: Litestar resolves the dependencies of one level concurrently, each in a task
    of an anyio task group, which cost a case write more CPU than its change."""

    def provide(caller: NamedDependency[Caller]) -> T:
        return service

    return provide
