"""Conventions every case controller shares: the ``Idempotency-Key`` and ``If-Match``
headers, and how a change's answer becomes a response.

One rule for every POST that changes something: the same ``Idempotency-Key`` with the same
body returns the first answer (``Idempotent-Replayed: true``), with another body 422; the case
services apply it (:mod:`samverkan.cases.changes`). ``If-Match`` guards changes to a case's
state.
"""

from __future__ import annotations

from typing import Annotated, Any

from litestar import Response
from litestar.params import HeaderParameter

from samverkan.cases.changes import Answer

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


def reply(answer: Answer) -> Response[Any]:
    """The response for a change's answer."""
    return Response(answer.body, status_code=answer.status, headers=answer.headers)
