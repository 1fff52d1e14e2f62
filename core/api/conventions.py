"""Conventions every case controller shares: ``Idempotency-Key`` on every change, checked
first, and ``If-Match`` on changes to a case's state.

One rule for every POST that changes something: the same ``Idempotency-Key`` with the same
body returns the first answer (``Idempotent-Replayed: true``), with another body 422. The key
is looked up before anything else, inside the write transaction, so a retried step whose first
attempt was committed is a replay, not a 412 for the revision it itself moved on.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Annotated, Any, Protocol

import msgspec
import sqlite_utils
from litestar import Request, Response
from litestar.params import HeaderParameter

from samverkan.api.caller import Caller, audited
from samverkan.kernel.clock import Clock
from samverkan.store.db import Store
from samverkan.store.idempotency import Stored, body_hash, check_key, remember, replay

IfMatch = Annotated[
    str | None,
    HeaderParameter(
        name="If-Match",
        description="The ETag from your last read of the case; 428 without it, 412 if stale.",
    ),
]
IdempotencyKey = Annotated[
    str | None,
    HeaderParameter(
        name="Idempotency-Key",
        description="Unique per request (a UUID); a retry with the same key and body replays "
        "the first answer with Idempotent-Replayed: true.",
    ),
]
RequiredIdempotencyKey = Annotated[
    str,
    HeaderParameter(
        name="Idempotency-Key",
        description="Required: unique per request (a UUID); a retry with the same key and body "
        "replays the first answer with Idempotent-Replayed: true.",
    ),
]


@dataclass
class Outcome:
    """What a change answers: its body, its headers and the cases the audit row names."""

    body: Any
    audited: list[dict[str, Any]]
    headers: dict[str, str] = field(default_factory=dict)


class Cases(Protocol):
    """What :func:`once` needs of a case type's service (disputes, deviations, placements)."""

    store: Store
    clock: Clock


def once(
    request: Request[Any, Any, Any],
    caller: Caller,
    cases: Cases,
    data: msgspec.Struct,
    key: str | None,
    act: Callable[[sqlite_utils.Database], Outcome],
    *,
    action: str,
    status: int = 200,
) -> Response[Any]:
    """Run a change once per ``Idempotency-Key`` (scoped to the acting organisation).

    :param cases: the case type's service: its store (the write transaction) and clock.
    :param key: the request's ``Idempotency-Key`` (``None``: not sent). It is bound to the
        method, the path and the body; the same key on another request is refused (422).
    :param act: makes the change inside the write transaction and returns its
        :class:`Outcome`. The change is audited in the same transaction; a replay is audited as
        ``replay`` of the same cases.
    """
    org = caller.actor.org
    route = f"{request.method} {request.url.path}"
    digest = body_hash(msgspec.json.encode(data))
    if key is not None:
        check_key(key)
    with cases.store.write() as db:
        if key:
            found = replay(db, org, key, route, digest)
            if found is not None:
                caller.wrote_objects(db, "replay", found.audited or [audited(found.body)])
                headers = {**found.headers, "Idempotent-Replayed": "true"}
                return Response(found.body, status_code=found.status, headers=headers)
        outcome = act(db)
        objects = [audited(view) for view in outcome.audited]
        caller.wrote_objects(db, action, objects)
        plain = msgspec.to_builtins(outcome.body)
        if key:
            now = cases.clock.now().isoformat(timespec="seconds")
            answer = Stored(status, plain, outcome.headers, objects)
            remember(db, org, key, route, digest, answer, now)
    return Response(plain, status_code=status, headers=outcome.headers)
