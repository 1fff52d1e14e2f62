"""Conventions every case controller shares: ``Idempotency-Key`` on creating requests and
``If-Match`` on changes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

import msgspec
import sqlite_utils
from litestar import Request, Response
from litestar.params import HeaderParameter

from core.api.security import Caller
from core.clock import Clock
from core.db import Store
from core.disputes import etag
from core.idempotency import body_hash, remember, replay

IfMatch = Annotated[
    str | None, HeaderParameter(name="If-Match", description="The ETag from your last read.")
]


def created(
    request: Request[Any, Any, Any],
    caller: Caller,
    store: Store,
    clock: Clock,
    route: str,
    data: msgspec.Struct,
    create: Callable[[sqlite_utils.Database], tuple[dict[str, Any], str]],
    action: str = "create",
) -> Response[Any]:
    """Run a creating request once per ``Idempotency-Key`` (scoped to the acting organisation).

    :param route: the method and path the key is bound to; the same key on another route, or
        with another body, is refused (422).
    :param create: makes the resource inside the write transaction and returns its view (with
        ``id`` and ``revision``, which give the ETag) and its ``Location``. The change is
        audited in the same transaction; a replay is audited as a read.
    """
    actor = caller.actor
    key = request.headers.get("idempotency-key")
    digest = body_hash(msgspec.json.encode(data))
    with store.write() as db:
        if key:
            found = replay(db, actor.org, key, route, digest)
            if found:
                status, body, headers = found
                caller.wrote(db, "replay", body)
                return Response(
                    body, status_code=status, headers={**headers, "Idempotent-Replayed": "true"}
                )
        body, location = create(db)
        caller.wrote(db, action, body)
        headers = {"ETag": etag(body), "Location": location}
        plain = msgspec.to_builtins(body)
        if key:
            now = clock.now().isoformat(timespec="seconds")
            remember(db, actor.org, key, route, digest, 201, plain, headers, now)
    return Response(plain, status_code=201, headers=headers)
